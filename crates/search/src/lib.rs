//! # tuoke-search
//!
//! What the Prospects list shows, as pure functions over the summaries: search, filters and
//! sorting, and their form in the URL query (so the list comes back as the rep left it).
//!
//! Built for 10,000 prospects on a slow phone: the list's order and the lowercase search text
//! of each prospect, stored in that order, are made once per list load and sort order
//! ([`SearchIndex`]), and a keystroke finds each search term once in the text of every
//! prospect, or only in the previous keystroke's results when it narrows them
//! ([`Selection`]), there starting where the shorter term was found. Nothing here clones a
//! summary; results are positions in the order, which name indices into the list.

use std::cmp::Ordering;
use std::rc::Rc;

use memchr::arch::all::packedpair::HeuristicFrequencyRank;
use memchr::memmem::{Finder, FinderBuilder};
use serde::{Deserialize, Serialize};
use tuoke_core::fit::FitStatus;
use tuoke_core::types::{Grade, LeadSource, Stage};
use tuoke_sync::summary::ProspectSummary;
use uuid::Uuid;

use tuoke_core::types::code_of;

#[cfg(feature = "sample")]
pub mod sample;

/// The grade filter: one grade, or prospects without one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GradeFilter {
    Grade(Grade),
    Ungraded,
}

impl GradeFilter {
    /// The choices, in the order the filter offers them.
    pub const ALL: [GradeFilter; 5] = [
        GradeFilter::Grade(Grade::A),
        GradeFilter::Grade(Grade::B),
        GradeFilter::Grade(Grade::C),
        GradeFilter::Grade(Grade::D),
        GradeFilter::Ungraded,
    ];

    /// Its code in the URL and the filter's options.
    pub fn code(self) -> &'static str {
        match self {
            GradeFilter::Grade(g) => g.code(),
            GradeFilter::Ungraded => "none",
        }
    }

    fn parse(code: &str) -> Option<GradeFilter> {
        GradeFilter::ALL.into_iter().find(|g| g.code() == code)
    }

    fn matches(self, grade: Option<Grade>) -> bool {
        match self {
            GradeFilter::Grade(g) => grade == Some(g),
            GradeFilter::Ungraded => grade.is_none(),
        }
    }
}

/// The filters of the list; `None` lets everything through.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Filters {
    pub grade: Option<GradeFilter>,
    pub stage: Option<Stage>,
    pub fit: Option<FitStatus>,
    pub source: Option<LeadSource>,
    /// Whose prospects (a manager's list holds their reps').
    pub owner: Option<Uuid>,
}

impl Filters {
    /// Whether `s` passes every filter. A prospect without a fit check counts as "unknown".
    pub fn matches(&self, s: &ProspectSummary) -> bool {
        self.grade.is_none_or(|g| g.matches(s.grade))
            && self.stage.is_none_or(|st| s.stage == st)
            && self
                .fit
                .is_none_or(|f| s.fit.unwrap_or(FitStatus::Unknown) == f)
            && self.source.is_none_or(|src| s.source == Some(src))
            && self
                .owner
                .is_none_or(|o| Uuid::parse_str(&s.owner_id).is_ok_and(|id| id == o))
    }

    /// How many filters are set.
    pub fn active(&self) -> usize {
        [
            self.grade.is_some(),
            self.stage.is_some(),
            self.fit.is_some(),
            self.source.is_some(),
            self.owner.is_some(),
        ]
        .into_iter()
        .filter(|set| *set)
        .count()
    }
}

/// The list's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    /// Next contact due, soonest (most overdue) first; prospects without one (won, lost) last.
    #[default]
    Due,
    /// Company name.
    Company,
    /// Most recently changed first.
    Updated,
}

impl Sort {
    /// Every order, as the sort menu offers them.
    pub const ALL: [Sort; 3] = [Sort::Due, Sort::Company, Sort::Updated];

    /// Its code in the URL and the menu's options.
    pub fn code(self) -> &'static str {
        match self {
            Sort::Due => "due",
            Sort::Company => "company",
            Sort::Updated => "updated",
        }
    }

    fn parse(code: &str) -> Option<Sort> {
        Sort::ALL.into_iter().find(|s| s.code() == code)
    }
}

/// Everything that decides what the list shows.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ListState {
    /// The search as typed.
    pub query: String,
    pub filters: Filters,
    pub sort: Sort,
}

/// [`ListState`] as the URL query (`/prospects?q=…&stage=demo`); unknown codes are ignored.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ListQuery {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub q: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grade: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stage: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fit: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sort: Option<String>,
}

fn parse_code<T: serde::de::DeserializeOwned>(code: &Option<String>) -> Option<T> {
    code.as_ref()
        .and_then(|c| serde_json::from_value(serde_json::Value::String(c.clone())).ok())
}

impl ListQuery {
    /// The list of one stage (the Pipeline tab's links).
    pub fn stage(stage: Stage) -> ListQuery {
        ListQuery {
            stage: Some(code_of(stage)),
            ..ListQuery::default()
        }
    }

    /// Nothing set: the whole list in its default order.
    pub fn is_empty(&self) -> bool {
        *self == ListQuery::default()
    }
}

impl From<&ListQuery> for ListState {
    fn from(q: &ListQuery) -> ListState {
        ListState {
            query: q.q.clone().unwrap_or_default(),
            filters: Filters {
                grade: q.grade.as_deref().and_then(GradeFilter::parse),
                stage: parse_code(&q.stage),
                fit: parse_code(&q.fit),
                source: parse_code(&q.source),
                owner: q.owner.as_deref().and_then(|o| Uuid::parse_str(o).ok()),
            },
            sort: q.sort.as_deref().and_then(Sort::parse).unwrap_or_default(),
        }
    }
}

impl From<&ListState> for ListQuery {
    fn from(s: &ListState) -> ListQuery {
        ListQuery {
            q: (!s.query.is_empty()).then(|| s.query.clone()),
            grade: s.filters.grade.map(|g| g.code().to_owned()),
            stage: s.filters.stage.map(code_of),
            fit: s.filters.fit.map(code_of),
            source: s.filters.source.map(code_of),
            owner: s.filters.owner.map(|o| o.to_string()),
            sort: (s.sort != Sort::default()).then(|| s.sort.code().to_owned()),
        }
    }
}

/// A sort order of the list and the lowercase text search looks at, per prospect: company,
/// contacts' names and phones (also with digits only, so `075583000001` finds
/// `0755-83000001`), products; the text of [`ProspectSummary::search_text`] plus those
/// digits. Built whenever the list loads or its order changes, in one pass into one buffer
/// (not 10,000 strings), **in the list's order**: a keystroke reads the texts of the
/// prospects still selected front to back, in memory order. (Read in another order, each
/// prospect's text was a cache miss: a keystroke narrowing 10,000 prospects took three times
/// as long once the screen's layout and paint had pushed the text out of the processor's
/// caches; `tests/search_bench.rs`.)
#[derive(Debug, Default)]
pub struct SearchIndex {
    /// The list's indices in the order shown: position `k` is prospect `order[k]`.
    order: Vec<u32>,
    /// Every prospect's text, by position, each followed by a `\n` (which no search term
    /// contains, so a match never spans two prospects).
    text: String,
    /// Where each position's text ends in `text` (where its `\n` is).
    ends: Vec<u32>,
}

impl SearchIndex {
    pub fn new(list: &[ProspectSummary], sort: Sort) -> SearchIndex {
        let order = order(list, sort);
        let size: usize = list
            .iter()
            .map(|s| s.company.len() + s.products.len() + s.contacts.len() * 40 + 2)
            .sum();
        let mut text = String::with_capacity(size);
        let mut ends = Vec::with_capacity(list.len());
        for &i in &order {
            let s = &list[i as usize];
            push_lower(&mut text, &s.company);
            for (name, phone) in &s.contacts {
                text.push('\n');
                push_lower(&mut text, name);
                text.push('\n');
                push_lower(&mut text, phone);
                if phone.bytes().any(|b| !b.is_ascii_digit()) {
                    text.push('\n');
                    text.extend(phone.chars().filter(char::is_ascii_digit));
                }
            }
            text.push('\n');
            push_lower(&mut text, &s.products);
            ends.push(text.len() as u32);
            text.push('\n');
        }
        SearchIndex { order, text, ends }
    }

    /// The search text of the prospect at `position` in the order.
    fn get(&self, position: usize) -> &str {
        &self.text[self.start(position)..self.ends[position] as usize]
    }

    /// [`get`](Self::get) as bytes (what the search compares).
    fn bytes(&self, position: usize) -> &[u8] {
        self.get(position).as_bytes()
    }

    /// Where the text of `position` starts in `text`.
    fn start(&self, position: usize) -> usize {
        if position == 0 {
            0
        } else {
            self.ends[position - 1] as usize + 1
        }
    }

    /// Where `term` is first found in each position's text (its byte offset there), or
    /// [`NOT_FOUND`], in one pass over the whole text with one searcher: after a match the
    /// search resumes at the next prospect.
    fn first_matches(&self, term: &Finder) -> Vec<u32> {
        let mut found = vec![NOT_FOUND; self.ends.len()];
        let bytes = self.text.as_bytes();
        let (mut at, mut k) = (0, 0);
        while let Some(offset) = term.find(&bytes[at..]) {
            let hit = at + offset;
            while self.ends[k] as usize <= hit {
                k += 1;
            }
            found[k] = (hit - self.start(k)) as u32;
            at = self.ends[k] as usize + 1;
            if at >= bytes.len() {
                break;
            }
        }
        found
    }
}

/// No match, in a list of first matches.
const NOT_FOUND: u32 = u32::MAX;

/// Appends `s` lowercased, as [`str::to_lowercase`] would, copying it as it is when it has
/// nothing to lower (no ASCII capitals, and beyond ASCII only CJK, which has no case): most
/// of what a prospect holds.
fn push_lower(text: &mut String, s: &str) {
    let caseless = |c: char| {
        if c.is_ascii() {
            !c.is_ascii_uppercase()
        } else {
            ('\u{2E80}'..='\u{9FFF}').contains(&c)
        }
    };
    if s.chars().all(caseless) {
        text.push_str(s);
    } else {
        text.extend(s.chars().flat_map(char::to_lowercase));
    }
}

fn by_company(a: &ProspectSummary, b: &ProspectSummary) -> Ordering {
    a.company.cmp(&b.company).then_with(|| a.id.cmp(&b.id))
}

/// The indices of `list` in `sort` order.
fn order(list: &[ProspectSummary], sort: Sort) -> Vec<u32> {
    let mut order: Vec<u32> = (0..list.len() as u32).collect();
    let at = |i: &u32| &list[*i as usize];
    match sort {
        Sort::Due => order.sort_unstable_by(|a, b| {
            let (a, b) = (at(a), at(b));
            // `None` (no contact due) sorts after every date.
            match (a.next_contact_due, b.next_contact_due) {
                (Some(x), Some(y)) => x.cmp(&y),
                (Some(_), None) => Ordering::Less,
                (None, Some(_)) => Ordering::Greater,
                (None, None) => Ordering::Equal,
            }
            .then_with(|| by_company(a, b))
        }),
        Sort::Company => order.sort_unstable_by(|a, b| by_company(at(a), at(b))),
        Sort::Updated => order.sort_unstable_by(|a, b| {
            let (a, b) = (at(a), at(b));
            b.updated_at
                .cmp(&a.updated_at)
                .then_with(|| by_company(a, b))
        }),
    }
    order
}

/// The search's words, lowercased; a prospect must contain every one.
pub fn terms(query: &str) -> Vec<String> {
    query.split_whitespace().map(str::to_lowercase).collect()
}

/// The positions (from `candidates`) of the prospects that pass `filters` and contain every
/// term, found without a previous selection: what [`Selection::new`] must agree with.
#[cfg(test)]
fn select(
    list: &[ProspectSummary],
    index: &SearchIndex,
    candidates: &[u32],
    filters: &Filters,
    terms: &[String],
) -> Vec<u32> {
    let unbounded = vec![None; terms.len()];
    search(list, index, candidates, filters, terms, &unbounded).positions
}

/// Where a term cannot match before, in each candidate: a shorter term's first matches
/// (one per candidate) and how far into this term that shorter term is found. Whatever
/// contains this term at `q` contains the shorter one at `q + back`, which is at or after
/// its first match: the search for this term starts at that first match minus `back`.
type Bound<'a> = Option<(&'a [u32], u32)>;

/// What [`search`] found: the positions selected and, per term, its first match in each of
/// them.
struct Found {
    positions: Vec<u32>,
    firsts: Vec<Vec<u32>>,
}

/// The positions (from `candidates`, ascending positions in the index's order) of the
/// prospects that pass `filters` and contain every term, with each term's first match in
/// each of them. Uses what is known of where the terms can be (`bounds`, one per term): a
/// term typed one letter longer is looked for in each candidate where the shorter one was
/// first found, and usually found right there. A term with no bound is looked for in each
/// of few candidates, or once in the whole text for many ([`SearchIndex::first_matches`]).
fn search(
    list: &[ProspectSummary],
    index: &SearchIndex,
    candidates: &[u32],
    filters: &Filters,
    terms: &[String],
    bounds: &[Bound],
) -> Found {
    // Most lists are searched unfiltered: then no summary needs reading.
    let filtering = filters.active() > 0;
    let passes = |k: usize| !filtering || filters.matches(&list[index.order[k] as usize]);
    if terms.is_empty() {
        let positions = candidates
            .iter()
            .copied()
            .filter(|&k| passes(k as usize))
            .collect();
        return Found {
            positions,
            firsts: Vec::new(),
        };
    }
    let finders: Vec<Finder> = terms
        .iter()
        .map(|t| FinderBuilder::new().build_forward_with_ranker(ChineseText, t.as_bytes()))
        .collect();
    // Among many candidates, a term with nothing known of where it is (a new one) is found
    // once in the whole text; the others are looked for in each candidate.
    let many = candidates.len() * 2 > index.order.len();
    let scanned: Vec<Option<Vec<u32>>> = finders
        .iter()
        .zip(bounds)
        .map(|(finder, bound)| (many && bound.is_none()).then(|| index.first_matches(finder)))
        .collect();
    let mut positions = Vec::with_capacity(candidates.len());
    let mut firsts: Vec<Vec<u32>> = vec![Vec::with_capacity(candidates.len()); terms.len()];
    let mut at = vec![0; terms.len()];
    'candidates: for (c, &k) in candidates.iter().enumerate() {
        let k_ = k as usize;
        for (t, found) in scanned.iter().enumerate() {
            if let Some(found) = found {
                if found[k_] == NOT_FOUND {
                    continue 'candidates;
                }
                at[t] = found[k_];
            }
        }
        if !passes(k_) {
            continue;
        }
        let text = index.bytes(k_);
        for (t, finder) in finders.iter().enumerate() {
            if scanned[t].is_some() {
                continue;
            }
            let from = bounds[t].map_or(0, |(firsts, back)| firsts[c].saturating_sub(back));
            let rest = &text[(from as usize).min(text.len())..];
            let offset = if starts_with(rest, finder.needle()) {
                0
            } else {
                match rest.get(1..).and_then(|r| finder.find(r)) {
                    Some(offset) => offset as u32 + 1,
                    None => continue 'candidates,
                }
            };
            at[t] = from + offset;
        }
        positions.push(k);
        for (firsts, at) in firsts.iter_mut().zip(&at) {
            firsts.push(*at);
        }
    }
    Found { positions, firsts }
}

/// Whether `text` starts with `needle`, compared from the end: a term typed one character
/// longer is checked where the shorter one was found, and its new last character is what
/// differs. An inline loop, because in WebAssembly `<[u8]>::starts_with` is an out-of-line
/// `memcmp` call. (The profiles first blamed `memcmp`, but the time was the cache miss on
/// each candidate's text, which storing the texts in order removed; this loop alone changed
/// nothing measurable.)
#[inline(always)]
fn starts_with(text: &[u8], needle: &[u8]) -> bool {
    text.len() >= needle.len()
        && needle
            .iter()
            .rev()
            .zip(text[..needle.len()].iter().rev())
            .all(|(a, b)| a == b)
}

/// How common each byte is in the search text, for the searcher's choice of which byte of a
/// term to look for first: mostly Chinese in UTF-8, whose lead bytes (0xE0–0xEF) are in
/// every character while each continuation byte is one of 64; then digits (phones) and
/// separators. (The searcher's default ranking is for English text.)
struct ChineseText;

impl HeuristicFrequencyRank for ChineseText {
    fn rank(&self, byte: u8) -> u8 {
        match byte {
            0xE0..=0xEF => 255,
            b'0'..=b'9' | b'\n' | b' ' | b'-' => 200,
            b'a'..=b'z' => 120,
            0x80..=0xBF => 30,
            _ => 60,
        }
    }
}

/// What a search and filters select: positions in the index's order, with what produced
/// them, so the next keystroke can narrow this selection instead of scanning every prospect.
#[derive(Debug, Default)]
pub struct Selection {
    positions: Vec<u32>,
    /// Per term, its first match in the text of each prospect selected.
    firsts: Vec<Vec<u32>>,
    index: Option<Rc<SearchIndex>>,
    filters: Filters,
    terms: Vec<String>,
}

impl Selection {
    /// Selects from the whole list in the index's order, or from `previous` when that was
    /// made from the same index and filters with terms the new ones only narrow (each old
    /// term inside some new term: whatever contains the new terms contains the old ones).
    pub fn new(
        list: &[ProspectSummary],
        index: &Rc<SearchIndex>,
        filters: Filters,
        terms: Vec<String>,
        previous: Option<&Selection>,
    ) -> Selection {
        let narrows = previous.filter(|p| {
            p.index.as_ref().is_some_and(|i| Rc::ptr_eq(i, index))
                && p.filters == filters
                && p.terms
                    .iter()
                    .all(|old| terms.iter().any(|new| new.contains(old.as_str())))
        });
        let found = match narrows {
            // Whatever was selected passes the filters and contains the old terms: each new
            // term is looked for from where an old term it contains was first found.
            Some(p) => {
                let bounds: Vec<Bound> = terms
                    .iter()
                    .map(|new| {
                        p.terms
                            .iter()
                            .zip(&p.firsts)
                            .filter_map(|(old, firsts)| {
                                new.find(old.as_str())
                                    .map(|back| (back, std::cmp::Reverse(old.len()), firsts))
                            })
                            .min_by_key(|(back, longer, _)| (*back, *longer))
                            .map(|(back, _, firsts)| (firsts.as_slice(), back as u32))
                    })
                    .collect();
                search(
                    list,
                    index,
                    &p.positions,
                    &Filters::default(),
                    &terms,
                    &bounds,
                )
            }
            None => {
                let all: Vec<u32> = (0..index.order.len() as u32).collect();
                let unbounded = vec![None; terms.len()];
                search(list, index, &all, &filters, &terms, &unbounded)
            }
        };
        Selection {
            positions: found.positions,
            firsts: found.firsts,
            index: Some(index.clone()),
            filters,
            terms,
        }
    }

    /// How many prospects are selected.
    pub fn len(&self) -> usize {
        self.positions.len()
    }

    pub fn is_empty(&self) -> bool {
        self.positions.is_empty()
    }

    /// The list index of the `i`-th prospect selected.
    pub fn prospect(&self, i: usize) -> usize {
        let index = self
            .index
            .as_ref()
            .expect("a selection that holds prospects has an index");
        index.order[self.positions[i] as usize] as usize
    }

    /// The list indices of the prospects selected, in order.
    #[cfg(test)]
    fn prospects(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.len()).map(|i| self.prospect(i))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn prospect(id: &str, company: &str) -> ProspectSummary {
        ProspectSummary {
            id: id.into(),
            company: company.into(),
            products: String::new(),
            contacts: vec![],
            region: String::new(),
            grade: None,
            needs_confirmation: false,
            stage: Stage::Lead,
            status: tuoke_core::types::Status::Open,
            pending_stage: None,
            fit: None,
            source: None,
            next_contact_due: None,
            last_contact: None,
            owner_id: "u1".into(),
            updated_at: None,
            pending: false,
        }
    }

    /// Each term of `query` is first found in the prospect at each of `positions` where
    /// `firsts` says.
    fn assert_first_matches(
        texts: &SearchIndex,
        query: &str,
        positions: &[u32],
        firsts: &[Vec<u32>],
    ) {
        for (term, firsts) in terms(query).iter().zip(firsts) {
            for (&i, &first) in positions.iter().zip(firsts) {
                assert_eq!(
                    texts.get(i as usize).find(term.as_str()),
                    Some(first as usize),
                    "query {query:?}, term {term:?}, prospect {i}"
                );
            }
        }
    }

    fn date(s: &str) -> Option<NaiveDate> {
        Some(s.parse().unwrap())
    }

    fn sample() -> Vec<ProspectSummary> {
        let mut a = prospect("1", "深圳华强电子");
        a.contacts = vec![("王总".into(), "0755-83000001".into())];
        a.products = "PCB 线路板".into();
        a.grade = Some(Grade::A);
        a.stage = Stage::FirstVisit;
        a.fit = Some(FitStatus::In);
        a.source = Some(LeadSource::Event);
        a.next_contact_due = date("2026-03-09");
        let mut b = prospect("2", "东莞精工五金");
        b.contacts = vec![("李经理".into(), "13800000002".into())];
        b.products = "Screws".into();
        b.grade = Some(Grade::C);
        b.fit = Some(FitStatus::Out);
        b.source = Some(LeadSource::Telemarketing);
        b.next_contact_due = date("2026-03-01");
        let mut c = prospect("3", "宁波海天电器");
        c.stage = Stage::Signed;
        c.status = tuoke_core::types::Status::Won;
        let mut d = prospect("4", "苏州恒力机械");
        d.next_contact_due = date("2026-03-01");
        vec![a, b, c, d]
    }

    /// The ids of the prospects the list shows for `state`, in order.
    fn run<'a>(list: &'a [ProspectSummary], state: &ListState) -> Vec<&'a str> {
        let index = Rc::new(SearchIndex::new(list, state.sort));
        Selection::new(list, &index, state.filters, terms(&state.query), None)
            .prospects()
            .map(|i| list[i].id.as_str())
            .collect()
    }

    /// Every position of `index`, in order.
    fn everything(index: &SearchIndex) -> Vec<u32> {
        (0..index.order.len() as u32).collect()
    }

    fn searching(query: &str) -> ListState {
        ListState {
            query: query.into(),
            ..ListState::default()
        }
    }

    #[test]
    fn search_finds_company_contact_phone_and_product_ignoring_case() {
        let list = sample();
        assert_eq!(run(&list, &searching("华强")), ["1"]);
        assert_eq!(run(&list, &searching("李经理")), ["2"]);
        assert_eq!(run(&list, &searching("83000001")), ["1"]);
        assert_eq!(run(&list, &searching("075583000001")), ["1"]);
        assert_eq!(run(&list, &searching("pcb")), ["1"]);
        assert_eq!(run(&list, &searching("SCREWS")), ["2"]);
        assert_eq!(run(&list, &searching("  王总   pcb ")), ["1"]);
        assert!(run(&list, &searching("王总 screws")).is_empty());
    }

    #[test]
    fn the_search_text_is_the_summarys_lowercased_text_plus_phone_digits() {
        let mut s = prospect("1", "Σίσυφος ÄBC 华强 Ｆｕｌｌ");
        s.contacts = vec![
            ("Mr İ".into(), "0755-1".into()),
            ("王".into(), "138".into()),
        ];
        s.products = "PCB 线路板".into();
        let index = SearchIndex::new(&[prospect("0", "First"), s.clone()], Sort::Company);
        assert_eq!(index.get(0), "first\n");
        let text = index.get(1);
        let expected = s.search_text();
        assert!(text.starts_with(&expected[..expected.find("\n0755-1").unwrap()]));
        assert_eq!(text.replace("\n07551", ""), expected);
    }

    #[test]
    fn starts_with_agrees_with_the_standard_one() {
        let text = "精工五金 0755".as_bytes();
        for needle in [
            "",
            "精",
            "精工",
            "精工五金 0755",
            "精工五金 07556",
            "工",
            "精x",
            "x工",
        ] {
            assert_eq!(
                starts_with(text, needle.as_bytes()),
                text.starts_with(needle.as_bytes()),
                "{needle:?}"
            );
        }
        assert!(!starts_with(b"", b"a"));
    }

    #[test]
    fn a_search_over_the_whole_text_finds_what_testing_each_prospect_finds_and_never_spans_two() {
        let list: Vec<ProspectSummary> = (0..300)
            .map(|i| {
                let mut p = prospect(&format!("{i:03}"), &format!("精工{} 厂 {i}", i % 7));
                p.products = format!("伺服{}", i % 5);
                p
            })
            .collect();
        let texts = SearchIndex::new(&list, Sort::Company);
        let all = everything(&texts);
        for q in [
            "精工3",
            "厂 1",
            "伺服4",
            "1 伺服2",
            "2",
            "精工9",
            "服4精",
            "精",
            "x",
            "工x",
            "厂",
            "😀",
        ] {
            let terms = terms(q);
            // A short `order` is tested prospect by prospect; the full one goes through
            // `SearchIndex::first_matches`.
            let few: Vec<u32> = all.iter().copied().take(all.len() / 5).collect();
            let whole = select(&list, &texts, &all, &Filters::default(), &terms);
            let each = |from: &[u32]| -> Vec<u32> {
                from.iter()
                    .copied()
                    .filter(|&i| {
                        terms
                            .iter()
                            .all(|t| texts.get(i as usize).contains(t.as_str()))
                    })
                    .collect()
            };
            assert_eq!(whole, each(&all), "query {q:?}");
            // The first matches the next keystroke starts from.
            let unbounded = vec![None; terms.len()];
            let found = search(&list, &texts, &all, &Filters::default(), &terms, &unbounded);
            assert_first_matches(&texts, q, &found.positions, &found.firsts);
            assert_eq!(
                select(&list, &texts, &few, &Filters::default(), &terms),
                each(&few),
                "query {q:?}"
            );
        }
        // "伺服4" ends one prospect's text and "精" starts the next one's: no match.
        assert!(select(&list, &texts, &all, &Filters::default(), &terms("4精")).is_empty());
    }

    #[test]
    fn each_filter_narrows_the_list() {
        let list = sample();
        let with = |filters: Filters| {
            run(
                &list,
                &ListState {
                    filters,
                    ..ListState::default()
                },
            )
        };
        let all = with(Filters::default());
        assert_eq!(all.len(), 4);
        let grade_a = with(Filters {
            grade: Some(GradeFilter::Grade(Grade::A)),
            ..Filters::default()
        });
        assert_eq!(grade_a, ["1"]);
        let ungraded = with(Filters {
            grade: Some(GradeFilter::Ungraded),
            ..Filters::default()
        });
        assert_eq!(ungraded, ["4", "3"]);
        let signed = with(Filters {
            stage: Some(Stage::Signed),
            ..Filters::default()
        });
        assert_eq!(signed, ["3"]);
        // No fit check on record counts as "unknown".
        let unknown = with(Filters {
            fit: Some(FitStatus::Unknown),
            ..Filters::default()
        });
        assert_eq!(unknown, ["4", "3"]);
        let telemarketing = with(Filters {
            source: Some(LeadSource::Telemarketing),
            ..Filters::default()
        });
        assert_eq!(telemarketing, ["2"]);
        let none = with(Filters {
            grade: Some(GradeFilter::Grade(Grade::A)),
            source: Some(LeadSource::Telemarketing),
            ..Filters::default()
        });
        assert!(none.is_empty());
    }

    #[test]
    fn the_owner_filter_keeps_one_colleagues_prospects() {
        let mut list = sample();
        let (rep1, rep2) = (Uuid::from_u128(1), Uuid::from_u128(2));
        for (s, owner) in list.iter_mut().zip([rep1, rep2, rep1, rep2]) {
            s.owner_id = owner.to_string();
        }
        let with = |owner| {
            let state = ListState {
                filters: Filters {
                    owner: Some(owner),
                    ..Filters::default()
                },
                ..ListState::default()
            };
            run(&list, &state)
        };
        assert_eq!(with(rep1), ["1", "3"]);
        assert_eq!(with(rep2), ["2", "4"]);
        assert!(with(Uuid::from_u128(3)).is_empty());
    }

    #[test]
    fn due_order_puts_the_soonest_first_and_prospects_without_a_due_date_last() {
        let list = sample();
        // 2 and 4 are due on the same day: company name decides (东 < 苏 by code point).
        assert_eq!(run(&list, &ListState::default()), ["2", "4", "1", "3"]);
        let by_company = ListState {
            sort: Sort::Company,
            ..ListState::default()
        };
        assert_eq!(run(&list, &by_company), ["2", "3", "1", "4"]);
    }

    #[test]
    fn the_state_round_trips_through_the_url_query() {
        let state = ListState {
            query: "王 pcb".into(),
            filters: Filters {
                grade: Some(GradeFilter::Ungraded),
                stage: Some(Stage::FirstVisit),
                fit: Some(FitStatus::Out),
                source: Some(LeadSource::CallIn),
                owner: Some(Uuid::from_u128(7)),
            },
            sort: Sort::Updated,
        };
        let query = ListQuery::from(&state);
        assert_eq!(query.stage.as_deref(), Some("first_visit"));
        assert_eq!(query.source.as_deref(), Some("call_in"));
        assert_eq!(ListState::from(&query), state);
        assert!(ListQuery::from(&ListState::default()).is_empty());
        // Codes from an old or hand-edited link are ignored, not an error.
        let odd = ListQuery {
            stage: Some("nope".into()),
            sort: Some("x".into()),
            ..ListQuery::default()
        };
        assert_eq!(ListState::from(&odd), ListState::default());
        assert_eq!(
            ListState::from(&ListQuery::stage(Stage::Demo))
                .filters
                .stage,
            Some(Stage::Demo)
        );
    }

    #[test]
    fn a_narrowing_keystroke_selects_the_same_as_a_full_scan_and_a_wider_one_rescans() {
        let list: Vec<ProspectSummary> = (0..200)
            .map(|i| prospect(&format!("{i:03}"), &format!("精工{} 厂 {i}", i % 7)))
            .collect();
        let texts = Rc::new(SearchIndex::new(&list, Sort::Company));
        let all = everything(&texts);
        let full = |q: &str| select(&list, &texts, &all, &Filters::default(), &terms(q));
        let mut previous: Option<Selection> = None;
        for q in [
            "精",
            "精工",
            "精工3",
            "精工3 1",
            "精工3 1 厂",
            "精工",
            "工3",
            "",
            // One term typed letter by letter, where the shorter term's first match is not
            // where the longer one is ("1" is first found in "精工1 …", "15" later).
            "1",
            "15",
            "15 ",
            "15 厂",
            "15 厂 1",
            "15 厂 19",
            // Typed in front of a term: it contains the old one, not at its start.
            "工",
            "精工",
            "精工5 厂",
            "精工5 厂 5",
            "工5 厂 5",
        ] {
            let next = Selection::new(
                &list,
                &texts,
                Filters::default(),
                terms(q),
                previous.as_ref(),
            );
            assert_eq!(next.positions, full(q), "query {q:?}");
            // What the next keystroke starts from: each term's first match in each prospect.
            assert_first_matches(&texts, q, &next.positions, &next.firsts);
            previous = Some(next);
        }
    }
}
