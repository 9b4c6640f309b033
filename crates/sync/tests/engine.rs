//! Focused behaviour of the sync engine against the simulated server, with simulated time.

mod common;

use chrono::TimeDelta;
use common::*;
use serde_json::json;
use tuoke_core::types::Stage;
use tuoke_sync::engine::{Activity, Config, Event, SyncError, TransportError};
use tuoke_sync::protocol::{MutationStatus, PushRequest, PushResponse};
use tuoke_sync::store::{block_on_ready, Store};

fn cfg() -> Config {
    Config::default()
}

fn started(server: &mut SimServer) -> Harness {
    let mut h = Harness::new(cfg());
    h.handle(Event::Start);
    h.deliver_all(server);
    h
}

#[test]
fn start_pushes_the_outbox_in_order_then_pulls_since_the_cursor() {
    let mut server = SimServer::new();
    let mut h = Harness::new(cfg());
    assert!(h.enqueue(put_new(1, 100, "华为", t0())));
    assert!(h.enqueue(note(2, 200, 100, "first visit", t0())));
    h.handle(Event::Start);
    match h.next_sent() {
        Some(Sent::Push(request, body)) => {
            let ids: Vec<_> = body.mutations.iter().map(|m| m.id).collect();
            assert_eq!(ids, vec![id(1), id(2)]);
            let event = answer(&mut server, &Sent::Push(request, body));
            h.handle(event);
        }
        other => panic!("expected a push, got {other:?}"),
    }
    match h.next_sent() {
        Some(Sent::Pull(request, since, limit)) => {
            assert_eq!((since, limit), (0, 500));
            let event = answer(&mut server, &Sent::Pull(request, since, limit));
            h.handle(event);
        }
        other => panic!("expected a pull, got {other:?}"),
    }
    assert_eq!(server.order, vec![id(1), id(2)]);
    assert_eq!(h.pending(), 0);
    assert_eq!(h.confirmed(), server.state());
    assert_eq!(
        h.store().data().sync_state.as_ref().unwrap().cursor,
        server.seq
    );
    h.enqueue(note(3, 201, 100, "second", t0()));
    h.fire_wake();
    assert!(matches!(h.next_sent(), Some(Sent::Push(..))));
}

#[test]
fn outbox_is_pushed_in_batches_of_at_most_push_batch_in_order() {
    let mut server = SimServer::new();
    let mut h = Harness::new(Config {
        push_batch: 3,
        ..cfg()
    });
    h.enqueue(put_new(1, 100, "A", t0()));
    for n in 2..=8 {
        h.enqueue(note(n, 1000 + n, 100, "n", t0()));
    }
    h.handle(Event::Start);
    let mut sizes = Vec::new();
    while let Some(sent) = h.next_sent() {
        if let Sent::Push(_, body) = &sent {
            sizes.push(body.mutations.len());
        }
        let event = answer(&mut server, &sent);
        h.handle(event);
    }
    assert_eq!(sizes, vec![3, 3, 2]);
    assert_eq!(server.order, (1..=8).map(id).collect::<Vec<_>>());
}

#[test]
fn lost_push_answer_resends_the_same_mutation_ids_and_applies_them_once() {
    let mut server = SimServer::new();
    let mut h = Harness::new(cfg());
    h.enqueue(put_new(1, 100, "A", t0()));
    h.handle(Event::Start);
    let sent = h.next_sent().unwrap();
    server
        .push(match &sent {
            Sent::Push(_, body) => body,
            _ => unreachable!(),
        })
        .unwrap();
    h.handle(lost(&sent));
    assert!(matches!(
        block_on_ready(h.engine.status()).unwrap().last_error,
        Some(SyncError::Network { .. })
    ));
    h.fire_wake();
    let resend = h.next_sent().unwrap();
    match &resend {
        Sent::Push(_, body) => assert_eq!(body.mutations[0].id, id(1)),
        other => panic!("expected a resend, got {other:?}"),
    }
    let event = answer(&mut server, &resend);
    h.handle(event);
    h.deliver_all(&mut server);
    assert_eq!(server.applications[&id(1)], 1);
    assert_eq!(h.pending(), 0);
    assert_eq!(h.confirmed(), server.state());
}

#[test]
fn acknowledged_change_stays_in_the_view_until_the_pull_that_confirms_it() {
    let mut server = SimServer::new();
    let mut h = Harness::new(cfg());
    h.enqueue(put_new(1, 100, "A", t0()));
    h.handle(Event::Start);
    h.deliver(&mut server); // push answered; pull not yet
    let entry = &h.store().data().outbox[0];
    assert_eq!(entry.acked, Some(MutationStatus::Applied));
    let view = h.view();
    let p = view.get(Entity::Prospect, &id(100).to_string()).unwrap();
    assert!(p.pending);
    assert_eq!(p.data["company"], "A");
    h.deliver(&mut server); // the pull: confirmed, entry dropped in the same write
    assert!(h.store().data().outbox.is_empty());
    let view = h.view();
    let p = view.get(Entity::Prospect, &id(100).to_string()).unwrap();
    assert!(!p.pending);
    assert_eq!(view.to_map(), server.state());
}

#[test]
fn rejected_mutation_leaves_the_outbox_and_is_reported_with_the_server_reason_until_dismissed() {
    let mut server = SimServer::new();
    let mut h = Harness::new(cfg());
    h.enqueue(put_new(1, 100, "A", t0()));
    h.enqueue(note(2, 200, 100, "   ", t0()));
    h.enqueue(note(3, 201, 100, "ok", t0()));
    h.handle(Event::Start);
    h.deliver_all(&mut server);
    assert_eq!(h.pending(), 0);
    let status = h.notes.last().unwrap().clone();
    assert_eq!(status.rejected.len(), 1);
    assert_eq!(status.rejected[0].mutation.id, id(2));
    assert_eq!(status.rejected[0].reason, "body: must not be empty");
    // The rejection did not stop the rest of the batch.
    assert_eq!(server.applications[&id(3)], 1);
    let fx = block_on_ready(h.engine.dismiss_rejected(id(2), h.now)).unwrap();
    h.absorb(fx);
    assert!(h.notes.last().unwrap().rejected.is_empty());
}

#[test]
fn duplicate_answer_for_a_rejected_mutation_is_still_reported_as_rejected() {
    let mut server = SimServer::new();
    let mut h = Harness::new(cfg());
    h.enqueue(note(1, 200, 999, "on a prospect that does not exist", t0()));
    h.handle(Event::Start);
    let sent = h.next_sent().unwrap();
    let _first = answer(&mut server, &sent); // processed, answer lost
    h.handle(lost(&sent));
    h.handle(Event::SyncNow);
    h.deliver_all(&mut server);
    let rejected = &h.store().data().rejected;
    assert_eq!(rejected.len(), 1);
    assert!(
        rejected[0].reason.starts_with("prospect_id:"),
        "{rejected:?}"
    );
    assert_eq!(h.pending(), 0);
}

#[test]
fn reset_required_refetches_from_zero_keeps_the_outbox_and_replaces_the_confirmed_state() {
    let mut server = SimServer::new();
    server
        .push(&PushRequest {
            client_id: id(9),
            mutations: vec![put_new(1, 100, "kept", t0()), put_new(2, 101, "gone", t0())],
        })
        .unwrap();
    let mut h = started(&mut server);
    assert_eq!(h.confirmed().len(), 2);
    // The server is restored from a backup taken before prospect 101 existed: the cursor is
    // now ahead of it.
    server.restore_backup(1);
    h.handle(Event::SyncNow);
    h.deliver(&mut server); // 409 reset_required → refetch from 0
    assert!(matches!(h.sent[0], Sent::Pull(_, 0, _)));
    assert!(h.enqueue(note(3, 300, 100, "written during the refetch", t0())));
    h.deliver(&mut server); // the refetch's only page
    assert_eq!(h.pending(), 1, "the outbox survives the reset");
    assert_eq!(h.confirmed(), server.state());
    assert!(!h.store().data().sync_state.as_ref().unwrap().refetching);
    assert!(
        h.view()
            .get(Entity::Note, &id(300).to_string())
            .unwrap()
            .pending
    );
    h.fire_wake();
    h.deliver_all(&mut server);
    assert_eq!(server.applications[&id(3)], 1);
    assert_eq!(h.pending(), 0);
    assert_eq!(h.confirmed(), server.state());
}

#[test]
fn reset_requested_while_changes_are_acknowledged_but_not_pulled_keeps_them() {
    let mut server = SimServer::new();
    push_elsewhere(&mut server, put_new(1, 100, "A", t0()));
    let mut h = started(&mut server);
    h.enqueue(put_new(2, 101, "B", t0()));
    h.handle(Event::SyncNow);
    server.reset_next_pull = true;
    h.deliver(&mut server); // push applied
    h.deliver(&mut server); // 409 → refetch from 0
    assert_eq!(h.store().data().outbox.len(), 1, "acknowledged entry kept");
    assert!(h
        .view()
        .get(Entity::Prospect, &id(101).to_string())
        .is_some());
    h.deliver_all(&mut server);
    assert_eq!(h.pending(), 0);
    assert_eq!(h.view().to_map(), server.state());
}

#[test]
fn reset_required_for_cursor_zero_backs_off_instead_of_looping() {
    let mut h = Harness::new(cfg());
    h.handle(Event::Start);
    let Some(Sent::Pull(request, 0, _)) = h.next_sent() else {
        panic!("expected a pull from 0")
    };
    h.handle(Event::PullDone {
        request,
        result: Err(TransportError::Status {
            status: 409,
            error: Some(tuoke_sync::protocol::ApiError {
                code: "reset_required".into(),
                message: String::new(),
            }),
        }),
    });
    assert!(h.sent.is_empty());
    assert!(matches!(
        h.notes.last().unwrap().activity,
        Activity::Retrying { .. }
    ));
}

fn push_elsewhere(server: &mut SimServer, m: tuoke_sync::protocol::Mutation) {
    server
        .push(&PushRequest {
            client_id: id(77),
            mutations: vec![m],
        })
        .unwrap();
}

#[test]
fn interrupted_refetch_keeps_showing_the_old_confirmed_state_and_resumes() {
    let mut server = SimServer::new();
    for n in 0..5 {
        server
            .push(&PushRequest {
                client_id: id(9),
                mutations: vec![put_new(n + 1, 100 + n, "p", t0())],
            })
            .unwrap();
    }
    let mut h = Harness::new(Config {
        pull_limit: 2,
        ..cfg()
    });
    h.handle(Event::Start);
    h.deliver_all(&mut server);
    let before = h.confirmed();
    server.reset_next_pull = true;
    h.handle(Event::SyncNow);
    h.deliver(&mut server); // 409
    h.deliver(&mut server); // first refetch page, into staging
    assert_eq!(
        h.confirmed(),
        before,
        "the rep still sees everything mid-refetch"
    );
    h.crash_and_restart();
    h.deliver_all(&mut server);
    assert_eq!(h.confirmed(), server.state());
}

#[test]
fn a_burst_of_local_changes_is_debounced_into_one_sync() {
    let mut server = SimServer::new();
    let mut h = started(&mut server);
    let pushes = server.pushes;
    for n in 0..5 {
        h.enqueue(note(10 + n, 20 + n, 100, "x", h.now));
        h.advance(TimeDelta::milliseconds(500));
        assert!(h.sent.is_empty(), "no request before the quiet time");
    }
    assert_eq!(
        h.wake_at,
        Some(h.now - TimeDelta::milliseconds(500) + cfg().debounce)
    );
    h.fire_wake();
    h.deliver_all(&mut server);
    assert_eq!(server.pushes, pushes + 1);
}

#[test]
fn debounce_never_postpones_a_sync_beyond_debounce_max() {
    let mut server = SimServer::new();
    let mut h = started(&mut server);
    let first = h.now;
    let limit = first + cfg().debounce_max;
    for n in 0..9 {
        h.enqueue(note(10 + n, 100 + n, 100, "x", h.now));
        assert!(h.wake_at.is_some_and(|at| at <= limit));
        h.advance(TimeDelta::seconds(1));
    }
    // The last change, 8 s in, would debounce to 10 s: exactly the cap.
    assert_eq!(h.wake_at, Some(limit));
    h.enqueue(note(50, 150, 100, "x", h.now));
    assert_eq!(h.wake_at, Some(limit));
}

#[test]
fn failures_back_off_exponentially_within_bounds_and_coming_online_retries_at_once() {
    let mut server = SimServer::new();
    let mut h = Harness::new(cfg());
    h.enqueue(put_new(1, 100, "A", t0()));
    h.handle(Event::Start);
    server.fail_next = 6;
    for failures in 1..=6u32 {
        let failed_at = h.now;
        assert!(h.deliver(&mut server));
        let ceiling = cfg().backoff_base * 2i32.pow(failures - 1);
        let at = h.wake_at.expect("a retry is scheduled");
        assert!(
            at >= failed_at && at <= failed_at + ceiling,
            "{failures}: {at}"
        );
        let status = h.notes.last().unwrap();
        assert!(matches!(status.activity, Activity::Retrying { .. }));
        assert!(
            matches!(
                &status.last_error,
                Some(SyncError::Server { status: 503, .. })
            ),
            "{status:?}"
        );
        h.fire_wake();
    }
    h.deliver_all(&mut server);
    assert_eq!(h.pending(), 0);
    assert!(h.notes.last().unwrap().last_error.is_none());

    // While backing off, coming online again retries immediately.
    h.enqueue(note(2, 200, 100, "x", h.now));
    h.fire_wake();
    server.fail_next = 1;
    h.deliver(&mut server);
    assert!(h.sent.is_empty());
    h.handle(Event::Offline);
    h.handle(Event::Online);
    assert!(matches!(h.next_sent(), Some(Sent::Push(..))));
}

#[test]
fn offline_engine_sends_nothing_until_online() {
    let mut server = SimServer::new();
    let mut h = Harness::new(cfg());
    h.handle(Event::Offline);
    h.handle(Event::Start);
    h.enqueue(put_new(1, 100, "A", t0()));
    h.advance(TimeDelta::hours(1));
    h.handle(Event::Wake);
    h.handle(Event::SyncNow);
    assert!(h.sent.is_empty());
    assert_eq!(h.notes.last().unwrap().pending, 1);
    assert!(!h.notes.last().unwrap().online);
    h.handle(Event::Online);
    h.deliver_all(&mut server);
    assert_eq!(server.applications[&id(1)], 1);
    assert_eq!(h.notes.last().unwrap().pending, 0);
}

#[test]
fn late_and_duplicated_answers_are_ignored() {
    let mut server = SimServer::new();
    let mut h = Harness::new(cfg());
    h.enqueue(put_new(1, 100, "A", t0()));
    h.handle(Event::Start);
    let push = h.next_sent().unwrap();
    let answer1 = answer(&mut server, &push);
    h.handle(answer1.clone());
    let pull = h.next_sent().unwrap();
    // The push answer arrives a second time while the pull is in flight: ignored.
    h.handle(answer1);
    assert!(h.sent.is_empty());
    let pulled = answer(&mut server, &pull);
    h.handle(pulled.clone());
    h.handle(pulled);
    assert_eq!(h.confirmed(), server.state());
    assert!(h.sent.is_empty());
}

#[test]
fn a_request_without_an_answer_times_out_and_is_retried() {
    let mut server = SimServer::new();
    let mut h = Harness::new(cfg());
    h.enqueue(put_new(1, 100, "A", t0()));
    h.handle(Event::Start);
    let _never_answered = h.next_sent().unwrap();
    assert_eq!(h.wake_at, Some(t0() + cfg().request_timeout));
    h.fire_wake();
    assert!(h.notes.last().unwrap().last_error.is_some());
    h.fire_wake();
    h.deliver_all(&mut server);
    assert_eq!(server.applications[&id(1)], 1);
}

#[test]
fn storage_failure_while_recording_answers_loses_nothing_and_resends() {
    let mut server = SimServer::new();
    let mut h = Harness::new(cfg());
    h.enqueue(put_new(1, 100, "A", t0()));
    h.handle(Event::Start);
    h.engine.store_mut().fail_next_writes(1);
    h.deliver(&mut server);
    assert!(matches!(
        h.notes.last().unwrap().last_error,
        Some(SyncError::Storage { .. })
    ));
    assert_eq!(h.store().data().outbox[0].acked, None);
    h.fire_wake();
    h.deliver_all(&mut server);
    assert_eq!(server.applications[&id(1)], 1);
    assert_eq!(h.pending(), 0);
}

#[test]
fn failed_local_write_is_reported_to_the_caller() {
    let mut h = Harness::new(cfg());
    h.engine.store_mut().fail_next_writes(1);
    assert!(!h.enqueue(put_new(1, 100, "A", t0())));
    assert_eq!(h.pending(), 0);
    assert!(h.enqueue(put_new(1, 100, "A", t0())));
    assert_eq!(h.pending(), 1);
}

#[test]
fn unauthorized_stops_syncing_until_logged_in() {
    let mut server = SimServer::new();
    let mut h = Harness::new(cfg());
    h.enqueue(put_new(1, 100, "A", t0()));
    h.handle(Event::Start);
    let sent = h.next_sent().unwrap();
    let Sent::Push(request, _) = sent else {
        unreachable!()
    };
    h.handle(Event::PushDone {
        request,
        result: Err(TransportError::Status {
            status: 401,
            error: None,
        }),
    });
    let status = h.notes.last().unwrap();
    assert_eq!(status.last_error, Some(SyncError::AuthRequired));
    assert_eq!(status.activity, Activity::Idle);
    // The request's timeout timer may still fire; it schedules nothing more.
    h.fire_wake();
    assert_eq!(h.wake_at, None, "no timer while logged out");
    h.advance(TimeDelta::hours(1));
    h.handle(Event::Wake);
    h.handle(Event::SyncNow);
    assert!(h.sent.is_empty());
    h.handle(Event::LoggedIn);
    h.deliver_all(&mut server);
    assert_eq!(h.pending(), 0);
}

#[test]
fn payload_too_large_halves_the_batch_and_a_single_oversized_change_is_reported() {
    let mut h = Harness::new(Config {
        push_batch: 4,
        ..cfg()
    });
    for n in 1..=4 {
        h.enqueue(put_new(n, 100 + n, "A", t0()));
    }
    h.handle(Event::Start);
    let too_large = |request| Event::PushDone {
        request,
        result: Err(TransportError::Status {
            status: 413,
            error: None,
        }),
    };
    let mut sizes = Vec::new();
    for _ in 0..3 {
        let Some(Sent::Push(request, body)) = h.next_sent() else {
            panic!("expected a push")
        };
        sizes.push(body.mutations.len());
        h.handle(too_large(request));
    }
    assert_eq!(sizes, vec![4, 2, 1]);
    let rejected = &h.store().data().rejected;
    assert_eq!(rejected.len(), 1);
    assert_eq!(rejected[0].mutation.id, id(1));
    assert!(rejected[0].reason.starts_with("too_large"));
    assert_eq!(h.pending(), 3);
}

#[test]
fn push_answer_without_results_for_the_batch_is_a_failure_not_a_loop() {
    let mut h = Harness::new(cfg());
    h.enqueue(put_new(1, 100, "A", t0()));
    h.handle(Event::Start);
    let Some(Sent::Push(request, _)) = h.next_sent() else {
        panic!()
    };
    h.handle(Event::PushDone {
        request,
        result: Ok(PushResponse { results: vec![] }),
    });
    assert!(h.sent.is_empty());
    assert!(matches!(
        h.notes.last().unwrap().last_error,
        Some(SyncError::Protocol { .. })
    ));
    assert_eq!(h.pending(), 1);
}

#[test]
fn periodic_timer_pulls_changes_made_elsewhere() {
    let mut server = SimServer::new();
    let mut h = started(&mut server);
    server
        .push(&PushRequest {
            client_id: id(77),
            mutations: vec![put_new(5, 500, "from the manager's laptop", t0())],
        })
        .unwrap();
    assert_eq!(h.wake_at, Some(t0() + cfg().periodic));
    h.fire_wake();
    h.deliver_all(&mut server);
    assert_eq!(h.confirmed(), server.state());
}

#[test]
fn crash_after_the_push_was_applied_but_before_its_answer_was_stored_resends_once() {
    let mut server = SimServer::new();
    let mut h = Harness::new(cfg());
    h.enqueue(put_new(1, 100, "A", t0()));
    h.enqueue(put_patch(2, 100, json!({"employees": 250}), t0()));
    h.handle(Event::Start);
    let sent = h.next_sent().unwrap();
    let _ = answer(&mut server, &sent);
    h.crash_and_restart();
    h.deliver_all(&mut server);
    assert_eq!(server.applications[&id(1)], 1);
    assert_eq!(server.applications[&id(2)], 1);
    assert_eq!(h.confirmed(), server.state());
    assert_eq!(h.view().to_map(), server.state());
}

#[test]
fn client_id_survives_a_restart() {
    let mut server = SimServer::new();
    let mut h = started(&mut server);
    let before = h.store().data().sync_state.as_ref().unwrap().client_id;
    h.crash_and_restart();
    h.deliver_all(&mut server);
    h.enqueue(put_new(1, 100, "A", t0()));
    h.fire_wake();
    match h.next_sent() {
        Some(Sent::Push(_, body)) => assert_eq!(body.client_id, before),
        other => panic!("{other:?}"),
    }
}

#[test]
fn stage_move_needing_approval_is_acknowledged_as_pending_approval() {
    let mut server = SimServer::new();
    let mut h = Harness::new(cfg());
    h.enqueue(put_new(1, 100, "A", t0()));
    h.enqueue(stage_move(2, 100, Stage::Exchange, t0()));
    h.handle(Event::Start);
    h.deliver(&mut server);
    let outbox = &h.store().data().outbox;
    assert_eq!(outbox[1].acked, Some(MutationStatus::PendingApproval));
    h.deliver_all(&mut server);
    assert_eq!(h.view().to_map(), server.state());
    let p = h
        .view()
        .get(Entity::Prospect, &id(100).to_string())
        .unwrap()
        .data
        .clone();
    assert_eq!(
        (p["stage"].as_str(), p["pending_stage"].as_str()),
        (Some("lead"), Some("exchange"))
    );
    assert!(block_on_ready(h.store().rejected()).unwrap().is_empty());
}

#[test]
fn a_wake_while_a_request_is_in_flight_waits_for_its_timeout_instead_of_spinning() {
    let mut server = SimServer::new();
    let mut h = started(&mut server);
    h.enqueue(put_new(1, 100, "A", h.now));
    h.fire_wake(); // debounce: push sent
    assert!(matches!(h.sent[0], Sent::Push(..)));
    h.enqueue(put_new(2, 101, "B", h.now));
    h.advance(TimeDelta::seconds(3));
    h.handle(Event::Wake);
    assert_eq!(
        h.wake_at,
        Some(h.now - TimeDelta::seconds(3) + cfg().request_timeout)
    );
    // Once the answers are in, the change made meanwhile is pushed without another trigger.
    h.deliver_all(&mut server);
    assert_eq!(server.applications.get(&id(2)), Some(&1));
    assert_eq!(h.pending(), 0);
}

#[test]
fn an_early_wake_reschedules_the_timer() {
    let mut server = SimServer::new();
    let mut h = started(&mut server);
    let at = h.wake_at.take().unwrap();
    h.handle(Event::Wake);
    assert_eq!(h.wake_at, Some(at));
}

#[test]
fn an_answer_of_the_wrong_kind_is_ignored_and_the_request_stays_in_flight() {
    let mut server = SimServer::new();
    let mut h = Harness::new(cfg());
    h.enqueue(put_new(1, 100, "A", t0()));
    h.handle(Event::Start);
    let Some(Sent::Push(request, body)) = h.next_sent() else {
        panic!("expected a push")
    };
    h.handle(Event::PullDone {
        request,
        result: server.pull(0, 10),
    });
    assert!(h.engine.in_flight());
    h.handle(answer(&mut server, &Sent::Push(request, body)));
    h.deliver_all(&mut server);
    assert_eq!(h.pending(), 0);
}
