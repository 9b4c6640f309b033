use super::*;
use serde_json::json;

fn summary(id: &str, company: &str, due: Option<&str>, status: &str) -> ProspectSummary {
    ProspectSummary::from_record(
        id,
        &json!({"company": company, "next_contact_due": due, "status": status,
                "contacts": [{"name": "王总", "phone": "0755-1"}]}),
    )
}

fn list() -> Vec<ProspectSummary> {
    vec![
        summary("a", "华强电子", Some("2026-03-05"), "open"),
        summary("b", "精工五金", Some("2026-03-01"), "open"),
        summary("c", "恒力机械", None, "open"),
        summary("d", "海天电器", Some("2026-02-01"), "lost"),
        summary("e", "Acme Tools", Some("2026-03-03"), "open"),
    ]
}

fn texts(l: &[ProspectSummary]) -> Vec<String> {
    l.iter().map(|p| p.search_text()).collect()
}

fn ids(v: &[&ProspectSummary]) -> Vec<String> {
    v.iter().map(|p| p.id.clone()).collect()
}

#[test]
fn without_a_query_recent_prospects_come_first_then_the_most_due_open_ones() {
    let l = list();
    let (shown, total) = rank(&l, &texts(&l), &["c".into()], "", 4);
    assert_eq!(ids(&shown), ["c", "b", "e", "a"]);
    assert_eq!(total, 4);
}

#[test]
fn lost_prospects_are_not_suggested_but_can_be_found() {
    let l = list();
    let (shown, _) = rank(&l, &texts(&l), &[], "", 10);
    assert!(!ids(&shown).contains(&"d".to_owned()));
    let (found, total) = rank(&l, &texts(&l), &[], "海天", 10);
    assert_eq!((ids(&found), total), (vec!["d".to_owned()], 1));
}

#[test]
fn every_word_must_match_case_insensitively_and_the_total_counts_all_matches() {
    let l = list();
    let (found, total) = rank(&l, &texts(&l), &[], "acme TOOLS", 10);
    assert_eq!(ids(&found), ["e"]);
    assert_eq!(total, 1);
    let (found, total) = rank(&l, &texts(&l), &[], "王总", 2);
    assert_eq!(total, 5);
    assert_eq!(ids(&found), ["b", "e"], "due first, limited");
}

#[test]
fn ten_thousand_prospects_are_searched_quickly() {
    let l: Vec<ProspectSummary> = (0..10_000)
        .map(|i| {
            summary(
                &format!("{i:05}"),
                &format!("工厂 {i}"),
                Some("2026-03-01"),
                "open",
            )
        })
        .collect();
    let t = texts(&l);
    let started = std::time::Instant::now();
    let (found, total) = rank(&l, &t, &[], "工厂 9999", 20);
    let (_, _) = rank(&l, &t, &[], "", 6);
    assert_eq!(total, 1);
    assert_eq!(found[0].id, "09999");
    // Natively this takes a few milliseconds; the bound only catches accidental
    // quadratic work.
    assert!(started.elapsed().as_millis() < 500);
}
