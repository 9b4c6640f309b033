//! What the Today screen shows, as pure functions: the agenda of the rep's contacts due
//! (the core's [`agenda`] over the prospect summaries), grouped per grade; the approvals that
//! concern the user; the month's portfolio and logged work for the core's [`monthly_plan`].

use std::cmp::Reverse;

use chrono::{DateTime, Days, NaiveDate, Utc};
use serde::Deserialize;
use tuoke_core::cadence::business_date;
use tuoke_core::cadence::{agenda, AgendaEntry, AgendaInput, CadenceConfig, LoggedWork};
use tuoke_core::types::{Grade, Stage, Status};
use tuoke_sync::summary::ProspectSummary;
use tuoke_sync::view::ViewRecord;
use uuid::Uuid;

/// How long a decided approval stays on Today.
pub const RECENT_DAYS: i64 = 14;

/// The core's agenda input for a prospect summary.
///
/// Summaries carry the record's `last_contact` and `next_contact_due` (the core's cadence,
/// computed from the creation date while never contacted) but not the creation date; for a
/// prospect never contacted, the creation date is therefore `next_contact_due` minus the
/// grade's interval, which makes the agenda's due date equal the record's.
pub fn agenda_input(s: &ProspectSummary, cfg: &CadenceConfig) -> Option<AgendaInput> {
    let id = Uuid::parse_str(&s.id).ok()?;
    let created = match (s.last_contact, s.next_contact_due) {
        (Some(last), _) => last,
        (None, Some(due)) => due.checked_sub_days(Days::new(cfg.interval_days(s.grade).into()))?,
        // Open without a due date cannot be placed; won and lost are never due.
        (None, None) => return None,
    };
    Some(AgendaInput {
        id,
        grade: s.grade,
        status: s.status,
        created,
        last_contact: s.last_contact,
    })
}

/// The contacts due of one grade (`None`: ungraded), most overdue first.
#[derive(Debug, Clone, PartialEq)]
pub struct DueGroup {
    pub grade: Option<Grade>,
    /// `(index into the list, agenda entry)`.
    pub entries: Vec<(usize, AgendaEntry)>,
}

/// The user's own prospects (`list` sorted by id) due today or overdue, per grade (A first, ungraded last), each
/// group most overdue first, then by company.
pub fn due_groups(
    list: &[ProspectSummary],
    me: &str,
    today: NaiveDate,
    cfg: &CadenceConfig,
) -> Vec<DueGroup> {
    let own: Vec<usize> = (0..list.len())
        .filter(|&i| list[i].owner_id == me)
        .collect();
    let inputs: Vec<AgendaInput> = own
        .iter()
        .filter_map(|&i| agenda_input(&list[i], cfg))
        .collect();
    let agenda = agenda(&inputs, today, cfg);
    // The list is sorted by id (as `ProspectList` keeps it).
    let index_of = |id: Uuid| {
        let id = id.to_string();
        list.binary_search_by(|s| s.id.as_str().cmp(&id)).ok()
    };
    let mut groups: Vec<DueGroup> = [
        Some(Grade::A),
        Some(Grade::B),
        Some(Grade::C),
        Some(Grade::D),
        None,
    ]
    .into_iter()
    .map(|grade| DueGroup {
        grade,
        entries: Vec::new(),
    })
    .collect();
    for entry in agenda.overdue.iter().chain(&agenda.due_today) {
        let group = entry.grade.map_or(4, Grade::index);
        if let Some(i) = index_of(entry.id) {
            groups[group].entries.push((i, *entry));
        }
    }
    for g in &mut groups {
        g.entries.sort_by(|(a, x), (b, y)| {
            (Reverse(x.days_overdue), &list[*a].company)
                .cmp(&(Reverse(y.days_overdue), &list[*b].company))
        });
    }
    groups.retain(|g| !g.entries.is_empty());
    groups
}

/// The effective grades of the user's open prospects (the plan's portfolio).
pub fn portfolio(list: &[ProspectSummary], me: &str) -> Vec<Option<Grade>> {
    list.iter()
        .filter(|s| s.owner_id == me && s.status == Status::Open)
        .map(|s| s.grade)
        .collect()
}

/// The user's logged contacts (`list` sorted by id) as work for the plan: the local day of each activity and the
/// current grade of its prospect (ungraded if the prospect is not on the phone any more).
pub fn logged_work<'a>(
    activities: impl Iterator<Item = &'a ViewRecord>,
    list: &[ProspectSummary],
    me: &str,
) -> Vec<LoggedWork> {
    #[derive(Deserialize)]
    struct Activity {
        prospect_id: String,
        #[serde(default)]
        author_id: Option<String>,
        at: DateTime<Utc>,
    }
    activities
        .filter_map(|r| serde_json::from_value::<Activity>(r.data.clone()).ok())
        .filter(|a| a.author_id.as_deref().is_none_or(|author| author == me))
        .map(|a| LoggedWork {
            date: business_date(a.at),
            grade: list
                .binary_search_by(|s| s.id.as_str().cmp(&a.prospect_id))
                .ok()
                .and_then(|i| list[i].grade),
        })
        .collect()
}

/// Kind of approval.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ApprovalKind {
    StageMove,
    Quote,
}

/// Where an approval stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ApprovalStatus {
    Pending,
    Approved,
    Rejected,
}

/// An approval record (API.md) as Today shows it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Approval {
    #[serde(default)]
    pub id: String,
    pub kind: ApprovalKind,
    pub prospect_id: String,
    #[serde(default)]
    pub requested_by: Option<String>,
    #[serde(default)]
    pub approver_id: Option<String>,
    #[serde(default)]
    pub to: Option<Stage>,
    #[serde(default)]
    pub reason: Option<String>,
    pub status: ApprovalStatus,
    #[serde(default)]
    pub comment: Option<String>,
    #[serde(default)]
    pub created_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub decided_at: Option<DateTime<Utc>>,
    /// A local decision not yet synced.
    #[serde(skip)]
    pub pending: bool,
}

/// The approvals that concern the user: those waiting for their decision (managers: the
/// ones they approve, oldest first) and the rest to show (a rep's own requests still
/// pending, then what was decided in the last [`RECENT_DAYS`], newest first; for a manager,
/// what they decided recently).
pub fn approvals<'a>(
    records: impl Iterator<Item = &'a ViewRecord>,
    me: &str,
    now: DateTime<Utc>,
) -> (Vec<Approval>, Vec<Approval>) {
    let recent = |a: &Approval| {
        a.decided_at
            .is_none_or(|at| (now - at).num_days() < RECENT_DAYS)
    };
    let mut waiting = Vec::new();
    let mut others = Vec::new();
    for r in records {
        let Ok(mut a) = serde_json::from_value::<Approval>(r.data.clone()) else {
            continue;
        };
        a.id.clone_from(&r.id);
        a.pending = r.pending;
        let deciding = a.approver_id.as_deref() == Some(me);
        let mine = a.requested_by.as_deref() == Some(me);
        match a.status {
            ApprovalStatus::Pending if deciding => waiting.push(a),
            ApprovalStatus::Pending if mine => others.push(a),
            _ if (deciding || mine) && recent(&a) => others.push(a),
            _ => {}
        }
    }
    waiting.sort_by_key(|a| a.created_at);
    others.sort_by_key(|a| {
        (
            a.status != ApprovalStatus::Pending,
            Reverse(a.decided_at.or(a.created_at)),
        )
    });
    (waiting, others)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn summary(n: u128, company: &str, grade: Option<Grade>, due: &str) -> ProspectSummary {
        let data = json!({
            "company": company, "owner_id": "me", "stage": "first_visit", "status": "open",
            "next_contact_due": due,
            "grade": {"value": grade, "computed": grade, "needs_confirmation": false,
                      "overridden": false, "explanation": []},
        });
        ProspectSummary::from_record(&Uuid::from_u128(n).to_string(), &data)
    }

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn the_agenda_of_summaries_agrees_with_their_due_dates() {
        let cfg = CadenceConfig::default();
        // Never contacted: due = created + 7 for A; the reconstructed creation date gives
        // the same due date back.
        let s = summary(1, "甲", Some(Grade::A), "2026-03-02");
        let input = agenda_input(&s, &cfg).unwrap();
        assert_eq!(input.created, day("2026-02-23"));
        let mut contacted = summary(2, "乙", Some(Grade::B), "2026-03-16");
        contacted.last_contact = Some(day("2026-03-02"));
        assert_eq!(
            agenda_input(&contacted, &cfg).unwrap().created,
            day("2026-03-02")
        );
        let mut won = summary(3, "丙", Some(Grade::A), "2026-03-02");
        won.status = Status::Won;
        won.next_contact_due = None;
        assert_eq!(agenda_input(&won, &cfg), None);
    }

    #[test]
    fn due_contacts_are_grouped_per_grade_most_overdue_first_and_only_the_users_own() {
        let cfg = CadenceConfig::default();
        let mut list = vec![
            summary(1, "A 今天", Some(Grade::A), "2026-03-02"),
            summary(2, "A 逾期三天", Some(Grade::A), "2026-02-27"),
            summary(3, "C 逾期一天", Some(Grade::C), "2026-03-01"),
            summary(4, "未分级 今天", None, "2026-03-02"),
            summary(5, "B 明天", Some(Grade::B), "2026-03-03"),
            summary(6, "别人的", Some(Grade::A), "2026-02-01"),
        ];
        list[5].owner_id = "someone else".into();
        list.sort_by(|a, b| a.id.cmp(&b.id));
        let groups = due_groups(&list, "me", day("2026-03-02"), &cfg);
        type Shown<'a> = Vec<(Option<Grade>, Vec<(&'a str, u32)>)>;
        let shown: Shown = groups
            .iter()
            .map(|g| {
                (
                    g.grade,
                    g.entries
                        .iter()
                        .map(|(i, e)| (list[*i].company.as_str(), e.days_overdue))
                        .collect(),
                )
            })
            .collect();
        assert_eq!(
            shown,
            [
                (Some(Grade::A), vec![("A 逾期三天", 3), ("A 今天", 0)]),
                (Some(Grade::C), vec![("C 逾期一天", 1)]),
                (None, vec![("未分级 今天", 0)]),
            ]
        );
    }

    #[test]
    fn a_logged_contact_moves_the_prospect_off_the_agenda() {
        let cfg = CadenceConfig::default();
        let mut s = summary(1, "甲", Some(Grade::A), "2026-03-02");
        assert_eq!(
            due_groups(std::slice::from_ref(&s), "me", day("2026-03-02"), &cfg).len(),
            1
        );
        // What the local view does after `activity.log` today.
        s.last_contact = Some(day("2026-03-02"));
        s.next_contact_due = Some(day("2026-03-09"));
        assert!(due_groups(&[s], "me", day("2026-03-02"), &cfg).is_empty());
    }

    #[test]
    fn logged_work_counts_the_users_activities_with_their_prospects_grade() {
        let list = vec![summary(1, "甲", Some(Grade::B), "2026-03-02")];
        let record = |author: &str, at: &str| ViewRecord {
            entity: "activity".into(),
            id: "x".into(),
            data: json!({"prospect_id": Uuid::from_u128(1).to_string(), "author_id": author,
                         "kind": "phone_call", "at": at}),
            pending: false,
        };
        let records = [
            record("me", "2026-03-02T04:00:00Z"),
            record("other", "2026-03-03T04:00:00Z"),
        ];
        let work = logged_work(records.iter(), &list, "me");
        assert_eq!(work.len(), 1);
        assert_eq!(work[0].grade, Some(Grade::B));
        assert_eq!(portfolio(&list, "me"), [Some(Grade::B)]);
        assert!(portfolio(&list, "other").is_empty());
    }

    #[test]
    fn approvals_split_into_waiting_for_me_and_my_recent_requests() {
        let now: DateTime<Utc> = "2026-03-02T08:00:00Z".parse().unwrap();
        let record = |id: &str, data: serde_json::Value| ViewRecord {
            entity: "approval".into(),
            id: id.into(),
            data,
            pending: false,
        };
        let records = [
            record(
                "w",
                json!({"kind": "stage_move", "prospect_id": "p", "requested_by": "rep",
                "approver_id": "boss", "to": "exchange", "status": "pending",
                "created_at": "2026-03-01T08:00:00Z"}),
            ),
            record(
                "old",
                json!({"kind": "stage_move", "prospect_id": "p", "requested_by": "rep",
                "approver_id": "boss", "to": "demo", "status": "approved",
                "decided_at": "2026-01-01T08:00:00Z"}),
            ),
            record(
                "r",
                json!({"kind": "quote", "prospect_id": "p", "requested_by": "rep",
                "approver_id": "boss", "status": "rejected", "comment": "太低",
                "decided_at": "2026-03-01T09:00:00Z"}),
            ),
            record("bad", json!({"kind": "nope"})),
        ];
        let (waiting, others) = approvals(records.iter(), "boss", now);
        assert_eq!(
            waiting.iter().map(|a| a.id.as_str()).collect::<Vec<_>>(),
            ["w"]
        );
        assert_eq!(
            others.iter().map(|a| a.id.as_str()).collect::<Vec<_>>(),
            ["r"]
        );
        let (waiting, others) = approvals(records.iter(), "rep", now);
        assert!(waiting.is_empty());
        // Pending first, then the recent decision; the old one is gone.
        assert_eq!(
            others.iter().map(|a| a.id.as_str()).collect::<Vec<_>>(),
            ["w", "r"]
        );
        assert_eq!(others[1].comment.as_deref(), Some("太低"));
        assert_eq!(others[0].to, Some(Stage::Exchange));
    }
}
