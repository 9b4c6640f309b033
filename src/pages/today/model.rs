//! What the Today screen shows of the rep's own prospects, as pure functions: the contacts
//! due (the core's agenda of the summaries' due dates), grouped per grade; the month's
//! portfolio and logged work for the core's [`monthly_plan`](tuoke_core::cadence::monthly_plan).

use std::cmp::Reverse;

use chrono::NaiveDate;
use tuoke_core::cadence::{business_date, AgendaEntry, LoggedWork};
use tuoke_core::contract::Entity;
use tuoke_core::due::{agenda_of_due, DueContact};
use tuoke_core::record::{ActivityRecord, NoteRecord};
use tuoke_core::types::{Grade, Status};
use tuoke_sync::summary::ProspectSummary;
use tuoke_sync::view::ViewRecord;
use uuid::Uuid;

/// The next contact of a summary as the core placed it: the record's `next_contact_due` is
/// the core's cadence (computed from the creation date, or the last contact, and the grade,
/// by the server or the local view); won and lost prospects have none.
fn due_contact(s: &ProspectSummary) -> Option<DueContact> {
    Some(DueContact {
        id: Uuid::parse_str(&s.id).ok()?,
        grade: s.grade,
        due: s.next_contact_due?,
    })
}

/// The contacts due of one grade (`None`: ungraded), most overdue first.
#[derive(Debug, Clone, PartialEq)]
pub struct DueGroup {
    pub grade: Option<Grade>,
    /// `(index into the list, agenda entry)`.
    pub entries: Vec<(usize, AgendaEntry)>,
}

/// The user's own prospects (`list` sorted by id) due today or overdue, per grade (A first,
/// ungraded last), each group most overdue first, then by company.
pub fn due_groups(list: &[ProspectSummary], me: &str, today: NaiveDate) -> Vec<DueGroup> {
    let own = list.iter().filter(|s| s.owner_id == me);
    let agenda = agenda_of_due(own.filter_map(due_contact), today);
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

/// How many of the groups' contacts are due today, and how many overdue.
pub fn due_counts(groups: &[DueGroup]) -> (usize, usize) {
    let entries = groups.iter().flat_map(|g| &g.entries);
    let overdue = entries.clone().filter(|(_, e)| e.days_overdue > 0).count();
    (entries.count() - overdue, overdue)
}

/// The effective grades of the user's open prospects (the plan's portfolio).
pub fn portfolio(list: &[ProspectSummary], me: &str) -> Vec<Option<Grade>> {
    list.iter()
        .filter(|s| s.owner_id == me && s.status == Status::Open)
        .map(|s| s.grade)
        .collect()
}

/// The user's contacts (`list` sorted by id) as work for the plan: the local day of each
/// logged activity and each visit, call or meeting note (a contact of its kind, SPEC §6), and
/// the current grade of its prospect (ungraded if the prospect is not on the phone any more).
/// A note and an activity on the same day are one day of work to the core's plan.
pub fn logged_work<'a>(
    records: impl Iterator<Item = &'a ViewRecord>,
    list: &[ProspectSummary],
    me: &str,
) -> Vec<LoggedWork> {
    records
        .filter_map(|r| {
            let (prospect_id, author, at) = if r.entity.known() == Some(Entity::Note) {
                let note = serde_json::from_value::<NoteRecord>(r.data.clone()).ok()?;
                let c = note.contact()?;
                (c.prospect_id, c.author_id.map(str::to_owned), c.at)
            } else {
                let activity = serde_json::from_value::<ActivityRecord>(r.data.clone()).ok()?;
                let c = activity.contact();
                (c.prospect_id, c.author_id.map(str::to_owned), c.at)
            };
            if author.is_some_and(|author| author != me) {
                return None;
            }
            let prospect_id = prospect_id.to_string();
            Some(LoggedWork {
                date: business_date(at),
                grade: list
                    .binary_search_by(|s| s.id.as_str().cmp(&prospect_id))
                    .ok()
                    .and_then(|i| list[i].grade),
            })
        })
        .collect()
}

#[cfg(test)]
#[path = "model_tests.rs"]
mod tests;
