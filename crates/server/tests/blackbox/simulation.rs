//! A seeded randomised simulation: six devices of four users go offline and online at
//! random, queue mutations, lose push and pull responses, resend batches, while the server is
//! restarted (gracefully or killed). At the end every device's pulled state must equal a
//! model of what the server should hold: nothing lost, nothing doubled.
//!
//! The steps run one at a time, so the order in which mutations reach the server is known and
//! the model can apply "later arrival wins" exactly. Set `TUOKE_SIM_SEED` to replay a seed.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{json, Value};

use crate::api::*;
use crate::helpers::*;

db_tests!(randomised_clients_with_drops_and_restarts_converge_to_the_model);

/// xorshift64*: small, seedable, good enough to pick test actions.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

struct Device {
    user: String,
    client: Client,
    client_id: String,
    online: bool,
    outbox: Vec<(String, &'static str, Value)>,
    cursor: i64,
    /// (entity, id) → data, as pulled.
    store: BTreeMap<(String, String), Value>,
    /// Prospects this device may edit (created here or pulled as the user's own).
    own: BTreeSet<String>,
}

#[derive(Default)]
struct Model {
    processed: BTreeSet<String>,
    /// prospect id → (owner username, field → value).
    prospects: BTreeMap<String, (String, BTreeMap<String, Value>)>,
    /// note id → (prospect id, body).
    notes: BTreeMap<String, (String, String)>,
    /// activity id → prospect id.
    activities: BTreeMap<String, String>,
}

impl Model {
    fn apply(&mut self, user: &str, id: &str, name: &str, args: &Value) {
        if !self.processed.insert(id.to_owned()) {
            return;
        }
        match name {
            "prospect.put" => {
                let pid = str_of(args, "id");
                let entry = self
                    .prospects
                    .entry(pid)
                    .or_insert_with(|| (user.to_owned(), BTreeMap::new()));
                for (k, v) in args["patch"].as_object().unwrap() {
                    entry.1.insert(k.clone(), v.clone());
                }
            }
            "note.add" => {
                self.notes.insert(
                    str_of(args, "id"),
                    (str_of(args, "prospect_id"), str_of(args, "body")),
                );
            }
            "activity.log" => {
                self.activities
                    .insert(str_of(args, "id"), str_of(args, "prospect_id"));
            }
            other => panic!("model has no {other}"),
        }
    }

    fn sees(&self, user: &str, owner: &str) -> bool {
        user == owner || (user == "manager1" && (owner == "rep1" || owner == "rep2"))
    }
}

fn randomised_clients_with_drops_and_restarts_converge_to_the_model(db: TestDb) {
    let seeds: Vec<u64> = match std::env::var("TUOKE_SIM_SEED") {
        Ok(s) => vec![s.parse().expect("TUOKE_SIM_SEED is a number")],
        Err(_) => vec![0x5eed_0001, 0x5eed_0002],
    };
    seed_users(&db);
    for seed in seeds {
        simulate(&db, seed);
    }
}

fn simulate(db: &TestDb, seed: u64) {
    let mut rng = Rng(seed);
    let mut server = spawn_server(db, &[]);
    let mut model = Model::default();
    // Prospects from an earlier seed on this database are part of the model too.
    let users = ["rep1", "rep1", "rep2", "rep2", "manager1", "rep3"];
    let mut devices: Vec<Device> = users
        .iter()
        .map(|u| Device {
            user: (*u).to_owned(),
            client: login(&server, u),
            client_id: uuid(),
            online: true,
            outbox: Vec::new(),
            cursor: 0,
            store: BTreeMap::new(),
            own: BTreeSet::new(),
        })
        .collect();
    for d in devices.iter_mut() {
        pull(d, &mut rng, false);
    }
    absorb_existing(&mut model, &devices);

    let mut restarts = 0;
    for step in 0..400 {
        if step % 130 == 129 {
            // Restart: half the time gracefully, else killed like a crash.
            let graceful = rng.chance(50);
            if graceful {
                assert!(server.terminate().success());
            } else {
                drop(server);
            }
            server = spawn_server(db, &[]);
            restarts += 1;
            for d in devices.iter_mut() {
                d.client.addr = server.addr;
            }
        }
        let i = rng.below(devices.len() as u64) as usize;
        let roll = rng.below(100);
        let d = &mut devices[i];
        if roll < 12 {
            d.online = !d.online;
        } else if roll < 60 {
            queue_mutation(d, &mut rng);
        } else if d.online {
            sync(d, &mut model, &mut rng, seed);
        }
    }
    assert!(restarts >= 3);

    // Everyone comes back online, flushes the outbox and pulls to the end.
    for d in devices.iter_mut() {
        d.online = true;
        while !d.outbox.is_empty() {
            sync(d, &mut model, &mut rng, seed);
        }
    }
    for d in devices.iter_mut() {
        pull(d, &mut rng, true);
    }
    for d in &devices {
        check(d, &model, seed);
    }
    // The admin's view from scratch has everything exactly once.
    let admin = login(&server, "admin1");
    let (_, changes) = admin.pull_all(0);
    let count = |entity: &str| {
        changes
            .iter()
            .filter(|c| c["entity"] == entity)
            .map(|c| str_of(c, "id"))
            .collect::<BTreeSet<_>>()
            .len()
    };
    assert_eq!(count("prospect"), model.prospects.len(), "seed {seed}");
    assert_eq!(count("note"), model.notes.len(), "seed {seed}");
    assert_eq!(count("activity"), model.activities.len(), "seed {seed}");
}

fn absorb_existing(model: &mut Model, devices: &[Device]) {
    for d in devices {
        for ((entity, id), data) in &d.store {
            if data.is_null() {
                continue;
            }
            match entity.as_str() {
                "prospect" => {
                    let mut fields = BTreeMap::new();
                    for f in ["company", "products", "employees"] {
                        if !data[f].is_null() {
                            fields.insert(f.to_owned(), data[f].clone());
                        }
                    }
                    model
                        .prospects
                        .entry(id.clone())
                        .or_insert_with(|| (owner_name(data, devices), fields));
                }
                "note" => {
                    model.notes.insert(
                        id.clone(),
                        (str_of(data, "prospect_id"), str_of(data, "body")),
                    );
                }
                "activity" => {
                    model
                        .activities
                        .insert(id.clone(), str_of(data, "prospect_id"));
                }
                _ => {}
            }
        }
    }
}

fn owner_name(data: &Value, devices: &[Device]) -> String {
    devices
        .iter()
        .find(|d| d.client.user["id"] == data["owner_id"])
        .map(|d| d.user.clone())
        .unwrap()
}

fn queue_mutation(d: &mut Device, rng: &mut Rng) {
    if d.user == "manager1" {
        return; // The manager's device only reads in this simulation.
    }
    let own: Vec<String> = d.own.iter().cloned().collect();
    let pick = rng.below(100);
    let mutation = if own.is_empty() || pick < 25 {
        let id = uuid();
        d.own.insert(id.clone());
        (
            "prospect.put",
            json!({"id": id, "patch": {"company": format!("Co {}", rng.below(1000))}}),
        )
    } else {
        let p = own[rng.below(own.len() as u64) as usize].clone();
        if pick < 60 {
            let patch = match rng.below(3) {
                0 => json!({"company": format!("Co {}", rng.below(1000))}),
                1 => json!({"products": format!("P{}", rng.below(50))}),
                _ => json!({"employees": rng.below(5000)}),
            };
            ("prospect.put", json!({"id": p, "patch": patch}))
        } else if pick < 85 {
            (
                "note.add",
                json!({"id": uuid(), "prospect_id": p, "body": format!("note {}", rng.next()),
                "kind": "call", "taken_at": "2026-11-27T09:00:00Z"}),
            )
        } else {
            (
                "activity.log",
                json!({"id": uuid(), "prospect_id": p, "kind": "visit",
                "at": "2026-11-26T09:00:00Z"}),
            )
        }
    };
    d.outbox.push((uuid(), mutation.0, mutation.1));
}

fn sync(d: &mut Device, model: &mut Model, rng: &mut Rng, seed: u64) {
    if !d.outbox.is_empty() {
        let n = 1 + rng.below(d.outbox.len() as u64) as usize;
        let batch: Vec<(String, &str, Value)> = d.outbox[..n].to_vec();
        let sends = if rng.chance(15) { 2 } else { 1 };
        let mut results = Vec::new();
        for _ in 0..sends {
            results = d.client.push(&d.client_id, &batch);
            // The server processed the batch in order: so does the model (once).
            for (id, name, args) in &batch {
                model.apply(&d.user, id, name, args);
            }
        }
        for r in &results {
            assert_ne!(r["status"], "rejected", "seed {seed}: {r}");
        }
        // A lost response leaves the outbox as it was: the batch will be resent.
        if !rng.chance(20) {
            d.outbox.drain(..n);
        }
    }
    pull(d, rng, false);
}

fn pull(d: &mut Device, rng: &mut Rng, to_the_end: bool) {
    loop {
        let limit = 1 + rng.below(40);
        let r = d.client.get(&format!(
            "/api/v1/sync/pull?since={}&limit={limit}",
            d.cursor
        ));
        assert_eq!(r.status, 200);
        if !to_the_end && rng.chance(10) {
            return; // The response was lost: the cursor stays, the next pull repeats it.
        }
        let page = r.json();
        for c in page["changes"].as_array().unwrap() {
            let key = (str_of(c, "entity"), str_of(c, "id"));
            if c["entity"] == "prospect" && c["data"]["owner_id"] == d.client.user["id"] {
                d.own.insert(key.1.clone());
            }
            d.store.insert(key, c["data"].clone());
        }
        d.cursor = page["cursor"].as_i64().unwrap();
        if !page["has_more"].as_bool().unwrap() {
            return;
        }
    }
}

fn check(d: &Device, model: &Model, seed: u64) {
    let who = format!("seed {seed}, {} ({})", d.user, d.client_id);
    let stored = |entity: &str| -> BTreeMap<String, Value> {
        d.store
            .iter()
            .filter(|((e, _), data)| e == entity && !data.is_null())
            .map(|((_, id), data)| (id.clone(), data.clone()))
            .collect()
    };
    let prospects = stored("prospect");
    let expected: BTreeMap<&String, &(String, BTreeMap<String, Value>)> = model
        .prospects
        .iter()
        .filter(|(_, (owner, _))| model.sees(&d.user, owner))
        .collect();
    assert_eq!(
        prospects.keys().collect::<BTreeSet<_>>(),
        expected.keys().copied().collect::<BTreeSet<_>>(),
        "{who}: prospects"
    );
    for (id, (_, fields)) in expected {
        for (field, value) in fields {
            assert_eq!(&prospects[id][field], value, "{who}: {id}.{field}");
        }
    }
    let notes = stored("note");
    let expected_notes: BTreeMap<&String, &String> = model
        .notes
        .iter()
        .filter(|(_, (p, _))| model.sees(&d.user, &model.prospects[p].0))
        .map(|(id, (_, body))| (id, body))
        .collect();
    assert_eq!(notes.len(), expected_notes.len(), "{who}: notes");
    for (id, body) in expected_notes {
        assert_eq!(
            notes[id]["body"].as_str(),
            Some(body.as_str()),
            "{who}: note {id}"
        );
    }
    let activities = stored("activity");
    let expected_activities: BTreeSet<&String> = model
        .activities
        .iter()
        .filter(|(_, p)| model.sees(&d.user, &model.prospects[*p].0))
        .map(|(id, _)| id)
        .collect();
    assert_eq!(
        activities.keys().collect::<BTreeSet<_>>(),
        expected_activities,
        "{who}: activities"
    );
}
