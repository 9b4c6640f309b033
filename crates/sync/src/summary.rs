//! The prospect list's read model: one small summary per prospect with just what lists,
//! search, filters and the agenda need (about a quarter of a full record), so the phone can
//! load 10,000 of them at start without reading and parsing every full record.
//!
//! A store keeps summaries of its confirmed prospects up to date as it applies pulls (see
//! [`crate::store::Store::prospect_summaries`]); [`ProspectList::load`] then re-applies the
//! outbox on top, for the few prospects that have local changes only, with the same overlay
//! code as the full [`LocalView`].

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;
use tuoke_core::contract::{Entity, MutationKind};

pub use crate::model::ProspectSummary;
use crate::protocol::Mutation;
use crate::store::{Record, Store};
use crate::view::{LocalView, ViewContext};

/// The prospect a mutation may change in the list (puts, stage moves, logged contacts and
/// visit, call or meeting notes, which are contacts too).
pub fn touched_prospect(m: &Mutation) -> Option<String> {
    let key = match m.kind()? {
        MutationKind::ProspectPut => "id",
        MutationKind::StageMove | MutationKind::ActivityLog | MutationKind::NoteAdd => {
            "prospect_id"
        }
        MutationKind::ApprovalDecide
        | MutationKind::QuoteSubmit
        | MutationKind::ConcessionAdd
        | MutationKind::ObjectionAdd
        | MutationKind::QuizSubmit
        | MutationKind::ProspectShare => return None,
    };
    m.args.get(key).and_then(Value::as_str).map(str::to_owned)
}

/// The rep's prospects as the lists show them: confirmed summaries with local changes on top.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ProspectList {
    /// One summary per prospect, by id.
    pub prospects: Vec<ProspectSummary>,
}

impl ProspectList {
    /// Builds the list from confirmed summaries, the full records of the prospects the outbox
    /// touches, and the outbox.
    pub fn build(
        summaries: Vec<ProspectSummary>,
        touched: Vec<Record>,
        outbox: &[crate::store::OutboxEntry],
        ctx: &ViewContext,
    ) -> ProspectList {
        let mut by_id: BTreeMap<String, ProspectSummary> =
            summaries.into_iter().map(|s| (s.id.clone(), s)).collect();
        if !outbox.is_empty() {
            let view = LocalView::build(touched, outbox, ctx);
            for record in view.entity(Entity::Prospect).filter(|r| r.pending) {
                let mut summary = ProspectSummary::from_record(&record.id, &record.data);
                summary.pending = true;
                by_id.insert(record.id.clone(), summary);
            }
        }
        ProspectList {
            prospects: by_id.into_values().collect(),
        }
    }

    /// Reads the summaries, the touched records and the outbox from `store`.
    pub async fn load<S: Store>(store: &S, ctx: &ViewContext) -> Result<ProspectList, S::Error> {
        let outbox = store.outbox().await?;
        let ids: BTreeSet<String> = outbox
            .iter()
            .filter_map(|e| touched_prospect(&e.mutation))
            .collect();
        let mut touched = Vec::with_capacity(ids.len());
        for id in &ids {
            if let Some(record) = store.record(Entity::Prospect, id).await? {
                touched.push(record);
            }
        }
        let summaries = store.prospect_summaries().await?;
        Ok(ProspectList::build(summaries, touched, &outbox, ctx))
    }

    /// One prospect's summary.
    pub fn get(&self, id: &str) -> Option<&ProspectSummary> {
        self.prospects
            .binary_search_by(|s| s.id.as_str().cmp(id))
            .ok()
            .map(|i| &self.prospects[i])
    }
}

/// Every record of one prospect's deal, with local changes on top.
pub async fn load_prospect<S: Store>(
    store: &S,
    id: &str,
    entities: &[Entity],
    ctx: &ViewContext,
) -> Result<LocalView, S::Error> {
    let mut confirmed = Vec::new();
    if let Some(record) = store.record(Entity::Prospect, id).await? {
        confirmed.push(record);
    }
    for &entity in entities.iter().filter(|e| **e != Entity::Prospect) {
        confirmed.extend(store.records_of_prospect(entity, id).await?);
    }
    let outbox = store.outbox().await?;
    Ok(LocalView::build(confirmed, &outbox, ctx))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocol::{Change, Mutation};
    use crate::store::{block_on_ready, MemoryStore, PullBatch};
    use chrono::{DateTime, Utc};
    use serde_json::json;
    use tuoke_core::fit::FitStatus;
    use tuoke_core::types::{Grade, LeadSource, Stage};
    use uuid::Uuid;

    fn ctx() -> ViewContext {
        ViewContext {
            me: Some("u1".into()),
            today: "2026-03-02".parse().unwrap(),
        }
    }

    fn at() -> DateTime<Utc> {
        "2026-03-02T08:00:00Z".parse().unwrap()
    }

    fn pulled(id: u128, company: &str) -> Change {
        Change {
            entity: Entity::Prospect.into(),
            id: Uuid::from_u128(id).to_string(),
            version: 1,
            data: Some(json!({
                "id": Uuid::from_u128(id), "company": company, "products": "PCB",
                "contacts": [{"name": "王总", "phone": "0755-1"}], "owner_id": "u1",
                "stage": "first_visit", "status": "open", "pending_stage": null,
                "created_at": "2026-01-05T08:00:00Z", "updated_at": "2026-03-01T10:30:00Z",
                "next_contact_due": "2026-03-09", "source": "event",
                "target_fit": {"status": "in", "reasons": []},
                "grade": {"value": "B", "computed": "B", "needs_confirmation": true,
                          "overridden": false, "explanation": []}
            })),
        }
    }

    fn store_with(changes: Vec<Change>) -> MemoryStore {
        let mut store = MemoryStore::new();
        block_on_ready(store.init_sync_state(Uuid::from_u128(1))).unwrap();
        let batch = PullBatch {
            changes,
            cursor: 1,
            complete: true,
            drop_acked: vec![],
            at: at(),
        };
        block_on_ready(store.apply_pull(&batch)).unwrap();
        store
    }

    #[test]
    fn a_summary_keeps_what_lists_search_and_filter_on() {
        let change = pulled(1, "华强电子");
        let s = ProspectSummary::from_record(&change.id, change.data.as_ref().unwrap());
        assert_eq!(s.company, "华强电子");
        assert_eq!(s.grade, Some(Grade::B));
        assert!(s.needs_confirmation);
        assert_eq!(s.stage, Stage::FirstVisit);
        assert_eq!(s.fit, Some(FitStatus::In));
        assert_eq!(s.source, Some(LeadSource::Event));
        assert_eq!(s.next_contact_due, Some("2026-03-09".parse().unwrap()));
        assert_eq!(s.phone(), Some("0755-1"));
        assert!(s.search_text().contains("王总") && s.search_text().contains("pcb"));
        // Round trip through its stored form.
        let back: ProspectSummary =
            serde_json::from_str(&serde_json::to_string(&s).unwrap()).unwrap();
        assert_eq!(back, s);
    }

    #[test]
    fn a_malformed_record_still_gets_a_summary() {
        let s = ProspectSummary::from_record("x", &json!({"stage": 7, "grade": "A"}));
        assert_eq!(s.company, "");
        assert_eq!(s.stage, Stage::Lead);
        assert_eq!(s.grade, None);
    }

    #[test]
    fn the_list_shows_local_edits_and_new_prospects_as_pending() {
        let mut store = store_with(vec![pulled(1, "甲厂"), pulled(2, "乙厂")]);
        let edit = Mutation::new(
            Uuid::from_u128(10),
            MutationKind::ProspectPut,
            json!({"id": Uuid::from_u128(2), "patch": {"company": "乙厂（改）"}}),
            at(),
        );
        let create = Mutation::new(
            Uuid::from_u128(11),
            MutationKind::ProspectPut,
            json!({"id": Uuid::from_u128(3), "patch": {"company": "丙厂"}}),
            at(),
        );
        block_on_ready(store.enqueue(edit)).unwrap();
        block_on_ready(store.enqueue(create)).unwrap();
        let list = block_on_ready(ProspectList::load(&store, &ctx())).unwrap();
        let companies: Vec<(&str, bool)> = list
            .prospects
            .iter()
            .map(|s| (s.company.as_str(), s.pending))
            .collect();
        assert_eq!(
            companies,
            [("甲厂", false), ("乙厂（改）", true), ("丙厂", true)]
        );
        assert_eq!(
            list.get(&Uuid::from_u128(3).to_string()).unwrap().stage,
            Stage::Lead
        );
    }

    #[test]
    fn the_list_agrees_with_the_full_local_view() {
        let mut store = store_with((1..=20).map(|i| pulled(i, &format!("厂 {i}"))).collect());
        let moves = [
            (
                30,
                MutationKind::StageMove,
                json!({"prospect_id": Uuid::from_u128(4), "to": "exchange"}),
            ),
            (
                31,
                MutationKind::StageMove,
                json!({"prospect_id": Uuid::from_u128(5), "to": "quote"}),
            ),
            (
                32,
                MutationKind::ActivityLog,
                json!({"id": Uuid::from_u128(99), "prospect_id": Uuid::from_u128(6),
                "kind": "phone_call", "at": "2026-03-02T07:00:00Z", "summary": "电话"}),
            ),
            (
                33,
                MutationKind::ProspectPut,
                json!({"id": Uuid::from_u128(7), "patch": {"products": "电机"}}),
            ),
            // A visit note is a contact: it moves the next contact due like an activity.
            (
                34,
                MutationKind::NoteAdd,
                json!({"id": Uuid::from_u128(98), "prospect_id": Uuid::from_u128(8),
                "body": "拜访", "kind": "visit", "taken_at": "2026-03-02T07:00:00Z"}),
            ),
            // Another note is none: the prospect stays as it was.
            (
                35,
                MutationKind::NoteAdd,
                json!({"id": Uuid::from_u128(97), "prospect_id": Uuid::from_u128(9),
                "body": "备注", "kind": "other", "taken_at": "2026-03-02T07:00:00Z"}),
            ),
        ];
        for (id, name, args) in moves {
            block_on_ready(store.enqueue(Mutation::new(Uuid::from_u128(id), name, args, at())))
                .unwrap();
        }
        let list = block_on_ready(ProspectList::load(&store, &ctx())).unwrap();
        let view = block_on_ready(LocalView::load(&store, &[Entity::Prospect], &ctx())).unwrap();
        let mut expected: Vec<ProspectSummary> = view
            .entity(Entity::Prospect)
            .map(|r| ProspectSummary {
                pending: r.pending,
                ..ProspectSummary::from_record(&r.id, &r.data)
            })
            .collect();
        expected.sort_by(|a, b| a.id.cmp(&b.id));
        assert_eq!(list.prospects, expected);
        // first visit → quote is forbidden: the view skips it, and the other note changes
        // nothing, so four are pending.
        assert_eq!(list.prospects.iter().filter(|s| s.pending).count(), 4);
    }

    #[test]
    fn one_prospect_loads_with_its_own_records_only() {
        let mut store = store_with(vec![pulled(1, "甲厂"), pulled(2, "乙厂")]);
        for (id, prospect) in [(50u128, 1u128), (51, 2)] {
            let args = json!({"id": Uuid::from_u128(id), "prospect_id": Uuid::from_u128(prospect),
                "body": "拜访", "kind": "visit", "taken_at": "2026-03-02T07:00:00Z"});
            block_on_ready(store.enqueue(Mutation::new(
                Uuid::from_u128(id),
                MutationKind::NoteAdd,
                args,
                at(),
            )))
            .unwrap();
        }
        let id = Uuid::from_u128(1).to_string();
        let view = block_on_ready(load_prospect(
            &store,
            &id,
            &[Entity::Prospect, Entity::Note],
            &ctx(),
        ))
        .unwrap();
        assert!(view.get(Entity::Prospect, &id).is_some());
        assert!(view
            .get(Entity::Prospect, &Uuid::from_u128(2).to_string())
            .is_none());
        assert_eq!(view.of_prospect(Entity::Note, &id).count(), 1);
    }
}
