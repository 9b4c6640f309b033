//! The visibility matrix: every API endpoint × every role, written down as one table of
//! expected answers ([`MATRIX`]). The OpenAPI document and the server's list of mutations are
//! checked against the table, so a new endpoint or mutation cannot escape it.
//!
//! The columns are seen from rep1, who owns the prospects under test: rep1 (owner), rep2 (a rep
//! of the same manager), rep3 (a rep of another manager), manager1 (the owner's manager),
//! manager2 (another manager), assistant1 and admin1.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{json, Value};

use crate::api::*;
use crate::helpers::*;

db_tests!(every_endpoint_answers_every_role_as_the_visibility_matrix_says);

/// The matrix columns: (username, relation to the prospects under test).
const ROLES: [(&str, &str); 7] = [
    ("rep1", "owner"),
    ("rep2", "rep of the same manager"),
    ("rep3", "rep of another manager"),
    ("manager1", "the owner's manager"),
    ("manager2", "another manager"),
    ("assistant1", "assistant"),
    ("admin1", "admin"),
];

/// What one role gets from one endpoint.
#[derive(Clone, Copy, Debug)]
enum Cell {
    /// This HTTP status.
    Status(u16),
    /// The pushed mutation is `applied`.
    Applied,
    /// The pushed mutation is `pending_approval`.
    Pending,
    /// The pushed mutation is `rejected` with a reason starting with this (the field first).
    Rejected(&'static str),
    /// The record is (true) or is not (false) in the role's pull from cursor 0.
    Pulled(bool),
}

const OK: Cell = Cell::Status(200);
const CREATED: Cell = Cell::Status(201);
const NO_CONTENT: Cell = Cell::Status(204);
const FORBIDDEN: Cell = Cell::Status(403);
const NOT_FOUND: Cell = Cell::Status(404);
const CONFLICT: Cell = Cell::Status(409);
const APPLIED: Cell = Cell::Applied;
const PENDING: Cell = Cell::Pending;
const Y: Cell = Cell::Pulled(true);
const N: Cell = Cell::Pulled(false);
/// `prospect.put` on a prospect the caller may not see: the reason names `id`.
const HIDDEN_ID: Cell = Cell::Rejected("id: no prospect");
/// A deal mutation on a prospect the caller may not work on: the reason names `prospect_id`.
const HIDDEN: Cell = Cell::Rejected("prospect_id: no prospect");
const NOT_OWNER: Cell = Cell::Rejected("prospect_id: only the prospect's owner");
const NOT_APPROVER: Cell = Cell::Rejected("approval_id: only the requester's manager");
const NO_MANAGER: Cell = Cell::Rejected("quote_needs_approval: no manager to approve");

/// What a row does, once per role.
#[derive(Clone, Copy, Debug)]
enum Case {
    /// GET this path (with the role's token, which these endpoints do not need).
    Get(&'static str),
    /// Sign in with the role's password.
    Login,
    /// Sign out a second session of the role.
    Logout,
    /// GET /me names the caller.
    Me,
    /// Does GET /team list this user (by username)? The cell is `Y` or `N`.
    Team(&'static str),
    /// Is this record of the base world in the role's pull?
    Pull(&'static str),
    /// The field history of this prospect of the base world.
    History(&'static str),
    /// Download this attachment of the base world.
    Download(&'static str),
    /// Upload to a new attachment id (`None`) or to this attachment of the base world.
    Upload(Option<&'static str>),
    /// Import a one-line lead list.
    Import,
    /// Store the demo price list as a new version.
    PutPriceList,
    /// Transfer a fresh prospect of this kind to rep2.
    Transfer(Fresh),
    /// Push this mutation on a fresh prospect of this kind.
    Push(&'static str, Fresh),
}

/// A prospect made for one row and role, so that what one role does cannot change what the
/// next one is allowed to do.
#[derive(Clone, Copy, Debug)]
enum Fresh {
    /// rep1's new prospect.
    Own,
    /// rep1's new prospect, shared with rep3.
    Shared,
    /// An unassigned lead imported by the assistant.
    Lead,
    /// rep1's new prospect with a stage move waiting for manager1's approval.
    PendingMove,
    /// No prospect at all (quiz attempts).
    Nothing,
}

use Case::*;

/// Endpoint (method and path as in the OpenAPI document), what is done, and the expected
/// answer per role in [`ROLES`] order.
#[rustfmt::skip]
const MATRIX: &[(&str, Case, [Cell; 7])] = &[
    //                                                                owner       same-team   other-team  manager     other mgr   assistant   admin
    ("GET /api/v1/health",                   Get("/api/v1/health"),      [OK,         OK,         OK,         OK,         OK,         OK,         OK]),
    ("GET /api/v1/openapi.json",             Get("/api/v1/openapi.json"),[OK,         OK,         OK,         OK,         OK,         OK,         OK]),
    ("POST /api/v1/auth/login",              Login,                      [OK,         OK,         OK,         OK,         OK,         OK,         OK]),
    ("POST /api/v1/auth/logout",             Logout,                     [NO_CONTENT, NO_CONTENT, NO_CONTENT, NO_CONTENT, NO_CONTENT, NO_CONTENT, NO_CONTENT]),
    ("GET /api/v1/me",                       Me,                         [OK,         OK,         OK,         OK,         OK,         OK,         OK]),
    // The team directory names the caller, their manager, a manager's reports, the owner of a
    // prospect shared with the caller; the assistant the reps and managers; the admin everyone.
    ("GET /api/v1/team",                     Team("rep1"),               [Y,          N,          Y,          Y,          N,          Y,          Y]),
    ("GET /api/v1/team",                     Team("rep2"),               [N,          Y,          N,          Y,          N,          Y,          Y]),
    ("GET /api/v1/team",                     Team("rep3"),               [N,          N,          Y,          N,          Y,          Y,          Y]),
    ("GET /api/v1/team",                     Team("manager1"),           [Y,          Y,          N,          Y,          N,          Y,          Y]),
    ("GET /api/v1/team",                     Team("manager2"),           [N,          N,          Y,          N,          Y,          Y,          Y]),
    ("GET /api/v1/team",                     Team("assistant1"),         [N,          N,          N,          N,          N,          Y,          Y]),
    // Pull: prospects.
    ("GET /api/v1/sync/pull",                Pull("p_own"),              [Y,          N,          N,          Y,          N,          N,          Y]),
    ("GET /api/v1/sync/pull",                Pull("p_shared"),           [Y,          N,          Y,          Y,          N,          N,          Y]),
    ("GET /api/v1/sync/pull",                Pull("p_other"),            [N,          N,          Y,          N,          Y,          N,          Y]),
    ("GET /api/v1/sync/pull",                Pull("p_manager"),          [N,          N,          N,          Y,          N,          N,          Y]),
    ("GET /api/v1/sync/pull",                Pull("lead"),               [N,          N,          N,          N,          N,          Y,          Y]),
    // The assistant's sight of a lead ends when it is assigned to a rep.
    ("GET /api/v1/sync/pull",                Pull("lead_assigned"),      [Y,          N,          N,          Y,          N,          N,          Y]),
    // Pull: deal records follow their prospect, but never go to the assistant.
    ("GET /api/v1/sync/pull",                Pull("note_own"),           [Y,          N,          N,          Y,          N,          N,          Y]),
    ("GET /api/v1/sync/pull",                Pull("activity_own"),       [Y,          N,          N,          Y,          N,          N,          Y]),
    ("GET /api/v1/sync/pull",                Pull("quote_own"),          [Y,          N,          N,          Y,          N,          N,          Y]),
    ("GET /api/v1/sync/pull",                Pull("concession_own"),     [Y,          N,          N,          Y,          N,          N,          Y]),
    ("GET /api/v1/sync/pull",                Pull("objection_own"),      [Y,          N,          N,          Y,          N,          N,          Y]),
    ("GET /api/v1/sync/pull",                Pull("note_shared"),        [Y,          N,          Y,          Y,          N,          N,          Y]),
    ("GET /api/v1/sync/pull",                Pull("note_other"),         [N,          N,          Y,          N,          Y,          N,          Y]),
    ("GET /api/v1/sync/pull",                Pull("note_lead"),          [Y,          N,          N,          Y,          N,          N,          Y]),
    // Pull: approvals go to the requester and the deciding manager; quiz attempts to the
    // author and the author's manager.
    ("GET /api/v1/sync/pull",                Pull("move_approval"),      [Y,          N,          N,          Y,          N,          N,          Y]),
    ("GET /api/v1/sync/pull",                Pull("quote_approval"),     [Y,          N,          N,          Y,          N,          N,          Y]),
    ("GET /api/v1/sync/pull",                Pull("quiz_rep1"),          [Y,          N,          N,          Y,          N,          N,          Y]),
    ("GET /api/v1/sync/pull",                Pull("quiz_rep3"),          [N,          N,          Y,          N,          Y,          N,          Y]),
    ("GET /api/v1/sync/pull",                Pull("quiz_manager1"),      [N,          N,          N,          Y,          N,          N,          Y]),
    ("GET /api/v1/sync/pull",                Pull("quiz_assistant"),     [N,          N,          N,          N,          N,          Y,          Y]),
    // Field history follows prospect visibility; anyone else gets 404, as if it did not exist.
    ("GET /api/v1/prospects/{id}/history",   History("p_own"),           [OK,         NOT_FOUND,  NOT_FOUND,  OK,         NOT_FOUND,  NOT_FOUND,  OK]),
    ("GET /api/v1/prospects/{id}/history",   History("p_shared"),        [OK,         NOT_FOUND,  OK,         OK,         NOT_FOUND,  NOT_FOUND,  OK]),
    ("GET /api/v1/prospects/{id}/history",   History("p_other"),         [NOT_FOUND,  NOT_FOUND,  OK,         NOT_FOUND,  OK,         NOT_FOUND,  OK]),
    ("GET /api/v1/prospects/{id}/history",   History("lead"),            [NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  OK,         OK]),
    ("GET /api/v1/prospects/{id}/history",   History("lead_assigned"),   [OK,         NOT_FOUND,  NOT_FOUND,  OK,         NOT_FOUND,  NOT_FOUND,  OK]),
    // Attachments: the uploader, and those who see a note of the uploader referencing it.
    ("GET /api/v1/attachments/{id}",         Download("photo_own"),      [OK,         NOT_FOUND,  NOT_FOUND,  OK,         NOT_FOUND,  NOT_FOUND,  OK]),
    ("GET /api/v1/attachments/{id}",         Download("photo_shared"),   [OK,         NOT_FOUND,  OK,         OK,         NOT_FOUND,  NOT_FOUND,  OK]),
    ("GET /api/v1/attachments/{id}",         Download("photo_lead"),     [OK,         NOT_FOUND,  NOT_FOUND,  OK,         NOT_FOUND,  NOT_FOUND,  OK]),
    ("GET /api/v1/attachments/{id}",         Download("photo_unused"),   [OK,         NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND]),
    ("PUT /api/v1/attachments/{id}",         Upload(None),               [CREATED,    CREATED,    CREATED,    CREATED,    CREATED,    CREATED,    CREATED]),
    ("PUT /api/v1/attachments/{id}",         Upload(Some("photo_own")),  [OK,         CONFLICT,   CONFLICT,   CONFLICT,   CONFLICT,   CONFLICT,   CONFLICT]),
    // Lead lists: the assistant's (and admin's) job.
    ("POST /api/v1/leads/import",            Import,                     [FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  OK,         OK]),
    // The price list: everyone reads it; managers and the admin set it.
    ("GET /api/v1/price-list",               Get("/api/v1/price-list"),  [OK,         OK,         OK,         OK,         OK,         OK,         OK]),
    ("PUT /api/v1/price-list",               PutPriceList,               [FORBIDDEN,  FORBIDDEN,  FORBIDDEN,  OK,         OK,         FORBIDDEN,  OK]),
    // Transfers: the owner, the owner's manager, admin, and the assistant for lead lists;
    // a colleague the prospect is shared with sees it but may not give it away.
    ("POST /api/v1/prospects/{id}/transfer", Transfer(Fresh::Own),       [OK,         NOT_FOUND,  NOT_FOUND,  OK,         NOT_FOUND,  NOT_FOUND,  OK]),
    ("POST /api/v1/prospects/{id}/transfer", Transfer(Fresh::Shared),    [OK,         NOT_FOUND,  FORBIDDEN,  OK,         NOT_FOUND,  NOT_FOUND,  OK]),
    ("POST /api/v1/prospects/{id}/transfer", Transfer(Fresh::Lead),      [NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  NOT_FOUND,  OK,         OK]),
    // Push: every mutation on another's prospect is rejected, naming the field.
    ("POST /api/v1/sync/push",               Push("prospect.put", Fresh::Own),     [APPLIED, HIDDEN_ID, HIDDEN_ID, APPLIED,   HIDDEN_ID, HIDDEN_ID, APPLIED]),
    ("POST /api/v1/sync/push",               Push("prospect.put", Fresh::Shared),  [APPLIED, HIDDEN_ID, APPLIED,   APPLIED,   HIDDEN_ID, HIDDEN_ID, APPLIED]),
    ("POST /api/v1/sync/push",               Push("prospect.put", Fresh::Lead),    [HIDDEN_ID, HIDDEN_ID, HIDDEN_ID, HIDDEN_ID, HIDDEN_ID, APPLIED, APPLIED]),
    ("POST /api/v1/sync/push",               Push("note.add", Fresh::Own),         [APPLIED, HIDDEN,    HIDDEN,    APPLIED,   HIDDEN,    HIDDEN,    APPLIED]),
    ("POST /api/v1/sync/push",               Push("note.add", Fresh::Shared),      [APPLIED, HIDDEN,    APPLIED,   APPLIED,   HIDDEN,    HIDDEN,    APPLIED]),
    ("POST /api/v1/sync/push",               Push("note.add", Fresh::Lead),        [HIDDEN,  HIDDEN,    HIDDEN,    HIDDEN,    HIDDEN,    HIDDEN,    APPLIED]),
    ("POST /api/v1/sync/push",               Push("activity.log", Fresh::Own),     [APPLIED, HIDDEN,    HIDDEN,    APPLIED,   HIDDEN,    HIDDEN,    APPLIED]),
    ("POST /api/v1/sync/push",               Push("concession.add", Fresh::Own),   [APPLIED, HIDDEN,    HIDDEN,    APPLIED,   HIDDEN,    HIDDEN,    APPLIED]),
    ("POST /api/v1/sync/push",               Push("objection.add", Fresh::Own),    [APPLIED, HIDDEN,    HIDDEN,    APPLIED,   HIDDEN,    HIDDEN,    APPLIED]),
    // A quote is decided by the deal owner's manager (manager1), never by its submitter.
    ("POST /api/v1/sync/push",               Push("quote.submit", Fresh::Own),     [PENDING, HIDDEN,    HIDDEN,    NO_MANAGER, HIDDEN,   HIDDEN,    PENDING]),
    ("POST /api/v1/sync/push",               Push("quote.submit", Fresh::Shared),  [PENDING, HIDDEN,    PENDING,   NO_MANAGER, HIDDEN,   HIDDEN,    PENDING]),
    ("POST /api/v1/sync/push",               Push("stage.move", Fresh::Own),       [APPLIED, HIDDEN,    HIDDEN,    NOT_OWNER, HIDDEN,    HIDDEN,    NOT_OWNER]),
    ("POST /api/v1/sync/push",               Push("stage.move", Fresh::Shared),    [APPLIED, HIDDEN,    NOT_OWNER, NOT_OWNER, HIDDEN,    HIDDEN,    NOT_OWNER]),
    ("POST /api/v1/sync/push",               Push("prospect.share", Fresh::Own),   [APPLIED, HIDDEN,    HIDDEN,    NOT_OWNER, HIDDEN,    HIDDEN,    NOT_OWNER]),
    ("POST /api/v1/sync/push",               Push("approval.decide", Fresh::PendingMove), [NOT_APPROVER, NOT_APPROVER, NOT_APPROVER, APPLIED, NOT_APPROVER, NOT_APPROVER, NOT_APPROVER]),
    // A transfer cancels pending approvals: sync.rs
    // a_transfer_cancels_the_pending_approvals_of_the_old_owner.
    ("POST /api/v1/sync/push",               Push("quiz.submit", Fresh::Nothing),  [APPLIED, APPLIED,   APPLIED,   APPLIED,   APPLIED,   APPLIED,   APPLIED]),
];

const AT: &str = "2026-11-27T09:00:00Z";

/// The server, one signed-in client per role, and the base world's records by name.
struct World {
    server: TestServer,
    clients: Vec<Client>,
    /// name → (entity, id).
    ids: BTreeMap<&'static str, (&'static str, String)>,
}

/// A fresh prospect for one role, and the approval waiting on it (for `Fresh::PendingMove`).
#[derive(Default)]
struct Target {
    prospect: String,
    approval: String,
}

/// What a role got.
enum Actual {
    /// The status and (the start of) the body.
    Status(u16, String),
    /// The push result of the mutation.
    Result(Value),
    Pulled(bool),
}

impl std::fmt::Display for Actual {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Actual::Status(code, body) => {
                let body: String = body.chars().take(200).collect();
                write!(f, "status {code} {body}")
            }
            Actual::Result(result) => write!(f, "push result {result}"),
            Actual::Pulled(true) => f.write_str("pulled"),
            Actual::Pulled(false) => f.write_str("not pulled"),
        }
    }
}

fn every_endpoint_answers_every_role_as_the_visibility_matrix_says(db: TestDb) {
    let w = World::new(&db);
    let mut failures = Vec::new();
    failures.extend(matrix_covers_the_openapi_document_and_every_mutation(&w));

    // Pull contents are read once, from the base world, before any row adds records.
    let pulled: Vec<BTreeSet<(String, String)>> = w.clients.iter().map(pulled).collect();
    let mut expected_pulls: Vec<BTreeSet<(String, String)>> = vec![BTreeSet::new(); ROLES.len()];

    for (endpoint, case, cells) in MATRIX {
        let targets = w.targets(*case);
        for (role, cell) in cells.iter().enumerate() {
            let actual = match case {
                Pull(name) => {
                    let (entity, id) = &w.ids[name];
                    let key = (entity.to_string(), id.clone());
                    if matches!(cell, Cell::Pulled(true)) {
                        expected_pulls[role].insert(key.clone());
                    }
                    Actual::Pulled(pulled[role].contains(&key))
                }
                _ => w.run(*case, role, targets.get(role)),
            };
            if !matches(*cell, &actual) {
                let (user, relation) = ROLES[role];
                failures.push(format!(
                    "{endpoint} {case:?} as {user} ({relation}): expected {cell:?}, got {actual}"
                ));
            }
        }
    }
    // Nothing of the base world reaches a role unless a Pull row says so.
    for (role, (user, relation)) in ROLES.iter().enumerate() {
        let extra: Vec<_> = pulled[role].difference(&expected_pulls[role]).collect();
        if !extra.is_empty() {
            failures.push(format!(
                "GET /api/v1/sync/pull as {user} ({relation}): records no Pull row allows: {extra:?}"
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} cells of the visibility matrix differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Every documented (method, path) has a row, every row's endpoint exists, and every mutation
/// the server knows has a push row.
fn matrix_covers_the_openapi_document_and_every_mutation(w: &World) -> Vec<String> {
    let (status, body) = w.server.get("/api/v1/openapi.json");
    assert_eq!(status, 200, "{body}");
    let doc: Value = serde_json::from_str(&body).unwrap();
    let mut documented = BTreeSet::new();
    for (path, item) in doc["paths"].as_object().expect("paths in the document") {
        for method in [
            "get", "put", "post", "delete", "patch", "head", "options", "trace",
        ] {
            if item.get(method).is_some() {
                documented.insert(format!("{} {path}", method.to_ascii_uppercase()));
            }
        }
    }
    let covered: BTreeSet<String> = MATRIX.iter().map(|(e, _, _)| e.to_string()).collect();
    let mut failures: Vec<String> = documented
        .difference(&covered)
        .map(|e| format!("{e} is in the OpenAPI document but has no row in the visibility matrix"))
        .collect();
    failures.extend(
        covered
            .iter()
            .filter(|e| !documented.contains(*e) && *e != "GET /api/v1/openapi.json")
            .map(|e| format!("{e} has a matrix row but is not in the OpenAPI document")),
    );
    let pushed: BTreeSet<&str> = MATRIX
        .iter()
        .filter_map(|(_, case, _)| match case {
            Push(name, _) => Some(*name),
            _ => None,
        })
        .collect();
    failures.extend(
        tuoke_core::contract::MutationKind::NAMES
            .iter()
            .filter(|m| !pushed.contains(*m))
            .map(|m| format!("mutation {m} has no push row in the visibility matrix")),
    );
    failures
}

fn matches(cell: Cell, actual: &Actual) -> bool {
    match (cell, actual) {
        (Cell::Status(want), Actual::Status(got, _)) => want == *got,
        (Cell::Applied, Actual::Result(r)) => r["status"] == "applied",
        (Cell::Pending, Actual::Result(r)) => r["status"] == "pending_approval",
        (Cell::Rejected(prefix), Actual::Result(r)) => {
            r["status"] == "rejected" && r["reason"].as_str().unwrap_or("").starts_with(prefix)
        }
        (Cell::Pulled(want), Actual::Pulled(got)) => want == *got,
        _ => false,
    }
}

/// The (entity, id) of every record in the client's view after pulling from 0.
fn pulled(client: &Client) -> BTreeSet<(String, String)> {
    let (_, changes) = client.pull_all(0);
    let mut state = BTreeMap::new();
    for c in changes {
        let key = (str_of(&c, "entity"), str_of(&c, "id"));
        state.insert(key, !c["data"].is_null());
    }
    state
        .into_iter()
        .filter(|(_, present)| *present)
        .map(|(key, _)| key)
        .collect()
}

/// Pushes `mutations` as one batch and insists that each was accepted.
fn accept(client: &Client, mutations: Vec<(&str, Value)>) {
    let batch: Vec<(String, &str, Value)> = mutations
        .into_iter()
        .map(|(name, args)| (uuid(), name, args))
        .collect();
    for (result, (_, name, args)) in client.push(&uuid(), &batch).iter().zip(&batch) {
        assert!(
            result["status"] == "applied" || result["status"] == "pending_approval",
            "setup: {name} {args} by {}: {result}",
            client.user["username"]
        );
    }
}

fn put_prospect(id: &str, company: &str) -> (&'static str, Value) {
    ("prospect.put", new_prospect(id, company))
}

fn add_note(id: &str, prospect: &str, photos: &[&str]) -> (&'static str, Value) {
    (
        "note.add",
        json!({"id": id, "prospect_id": prospect, "body": "visited", "kind": "visit",
               "taken_at": AT, "attachment_ids": photos}),
    )
}

fn quiz(id: &str) -> (&'static str, Value) {
    (
        "quiz.submit",
        json!({"id": id, "seed": 7, "answers": [], "started_at": AT,
               "submitted_at": "2026-11-27T09:10:00Z"}),
    )
}

/// The args of `name` aimed at `target`, with fresh ids for what it creates.
fn mutation_args(name: &str, target: &Target) -> Value {
    let p = &target.prospect;
    match name {
        "prospect.put" => json!({"id": p, "patch": {"employees": 42}}),
        "note.add" => add_note(&uuid(), p, &[]).1,
        "activity.log" => json!({"id": uuid(), "prospect_id": p, "kind": "phone_call",
                                 "at": AT, "summary": "called"}),
        "stage.move" => json!({"prospect_id": p, "to": "first_visit"}),
        "approval.decide" => json!({"approval_id": target.approval, "approve": true}),
        "quote.submit" => json!({"id": uuid(), "prospect_id": p, "quote": {
            "lines": [{"module": "财务", "list_price_cny": 100000, "qty": 1}],
            "consultant_days": 5, "day_rate_cny": 3000, "discount_bp": 0}}),
        "concession.add" => json!({"id": uuid(), "prospect_id": p,
                                   "concession": {"amount_cny": 1000, "in_return": "signs now"}}),
        "objection.add" => json!({"id": uuid(), "prospect_id": p, "objection": "too_expensive"}),
        "quiz.submit" => quiz(&uuid()).1,
        "prospect.share" => json!({"prospect_id": p, "username": "rep2", "shared": true}),
        other => panic!("the matrix has no args for mutation {other}"),
    }
}

impl World {
    fn new(db: &TestDb) -> World {
        seed_users(db);
        let server = spawn_server(db, &[]);
        let clients: Vec<Client> = ROLES.iter().map(|(u, _)| login(&server, u)).collect();
        let mut w = World {
            server,
            clients,
            ids: BTreeMap::new(),
        };
        w.build_base();
        w
    }

    fn client(&self, username: &str) -> &Client {
        let i = ROLES.iter().position(|(u, _)| *u == username).unwrap();
        &self.clients[i]
    }

    fn id(&self, name: &str) -> String {
        self.ids[name].1.clone()
    }

    /// Names a new id.
    fn new_id(&mut self, name: &'static str, entity: &'static str) -> String {
        let id = uuid();
        self.ids.insert(name, (entity, id.clone()));
        id
    }

    fn upload(&self, client: &Client, id: &str) -> Response {
        request(
            self.server.addr,
            "PUT",
            &format!("/api/v1/attachments/{id}"),
            Some(&client.token),
            Some("image/jpeg"),
            small_jpeg(),
        )
    }

    fn import(&self, client: &Client, csv: &str) -> Response {
        client.import_leads(csv.as_bytes())
    }

    /// rep1's prospects with notes (and photos), an activity, a quote, a concession, an
    /// objection, a pending stage move and a quiz attempt, one of them shared with rep3; rep3's
    /// own prospect, note and quiz attempt; manager1's own prospect and quiz attempt; the
    /// assistant's quiz attempt; an unassigned lead and a lead assigned to rep1 (territory
    /// 华南) by the assistant's import.
    fn build_base(&mut self) {
        let [p_own, p_shared, p_other, p_manager] = [
            self.new_id("p_own", "prospect"),
            self.new_id("p_shared", "prospect"),
            self.new_id("p_other", "prospect"),
            self.new_id("p_manager", "prospect"),
        ];
        let [photo_own, photo_shared, photo_lead, photo_unused] = [
            self.new_id("photo_own", "attachment"),
            self.new_id("photo_shared", "attachment"),
            self.new_id("photo_lead", "attachment"),
            self.new_id("photo_unused", "attachment"),
        ];
        let [note_own, activity_own, quote_own, concession_own, objection_own] = [
            self.new_id("note_own", "note"),
            self.new_id("activity_own", "activity"),
            self.new_id("quote_own", "quote"),
            self.new_id("concession_own", "concession"),
            self.new_id("objection_own", "objection"),
        ];
        let [note_shared, note_other, note_lead] = [
            self.new_id("note_shared", "note"),
            self.new_id("note_other", "note"),
            self.new_id("note_lead", "note"),
        ];
        let [quiz_rep1, quiz_rep3, quiz_manager1, quiz_assistant] = [
            self.new_id("quiz_rep1", "quiz_attempt"),
            self.new_id("quiz_rep3", "quiz_attempt"),
            self.new_id("quiz_manager1", "quiz_attempt"),
            self.new_id("quiz_assistant", "quiz_attempt"),
        ];

        let (rep1, rep3) = (self.client("rep1"), self.client("rep3"));
        for photo in [&photo_own, &photo_shared, &photo_lead, &photo_unused] {
            assert_eq!(self.upload(rep1, photo).status, 201, "setup: upload");
        }
        let report = self.import(
            self.client("assistant1"),
            "company,region\nMatrix Lead,nowhere\nMatrix Assigned,华南\n",
        );
        assert_eq!(report.status, 200, "setup: import {:?}", report.json());
        let report = report.json();
        let imported = |company: &str| {
            let p = report["prospects"]
                .as_array()
                .unwrap()
                .iter()
                .find(|p| p["company"] == company)
                .unwrap_or_else(|| panic!("setup: {company} not imported: {report}"));
            (str_of(p, "id"), p["owner_id"].clone())
        };
        let (lead, nobody) = imported("Matrix Lead");
        let (lead_assigned, owner) = imported("Matrix Assigned");
        assert_eq!(
            (nobody, owner),
            (Value::Null, json!(rep1.id())),
            "setup: the 华南 lead goes to rep1, the other to nobody"
        );

        accept(
            rep1,
            vec![
                put_prospect(&p_own, "Matrix Own"),
                add_note(&note_own, &p_own, &[&photo_own]),
                (
                    "activity.log",
                    json!({"id": activity_own, "prospect_id": p_own, "kind": "phone_call",
                           "at": AT, "summary": "called"}),
                ),
                ("quote.submit", {
                    let mut args = mutation_args("quote.submit", &Target::of(&p_own));
                    args["id"] = json!(quote_own);
                    args
                }),
                (
                    "concession.add",
                    json!({"id": concession_own, "prospect_id": p_own,
                           "concession": {"amount_cny": 1000, "in_return": "signs now"}}),
                ),
                (
                    "objection.add",
                    json!({"id": objection_own, "prospect_id": p_own, "objection": "too_expensive"}),
                ),
                (
                    "stage.move",
                    json!({"prospect_id": p_own, "to": "exchange", "reason": "boss keen"}),
                ),
                put_prospect(&p_shared, "Matrix Shared"),
                add_note(&note_shared, &p_shared, &[&photo_shared]),
                (
                    "prospect.share",
                    json!({"prospect_id": p_shared, "username": "rep3", "shared": true}),
                ),
                add_note(&note_lead, &lead_assigned, &[&photo_lead]),
                quiz(&quiz_rep1),
            ],
        );
        accept(
            rep3,
            vec![
                put_prospect(&p_other, "Matrix Other"),
                add_note(&note_other, &p_other, &[]),
                quiz(&quiz_rep3),
            ],
        );
        accept(
            self.client("manager1"),
            vec![
                put_prospect(&p_manager, "Matrix Manager"),
                quiz(&quiz_manager1),
            ],
        );
        accept(self.client("assistant1"), vec![quiz(&quiz_assistant)]);
        let approvals = approvals(rep1);
        let approval = |kind: &str| {
            approvals
                .iter()
                .find(|(p, k, _)| *p == p_own && k == kind)
                .unwrap_or_else(|| panic!("setup: no {kind} approval: {approvals:?}"))
                .2
                .clone()
        };
        let (move_approval, quote_approval) = (approval("stage_move"), approval("quote"));
        self.ids.insert("lead", ("prospect", lead));
        self.ids
            .insert("lead_assigned", ("prospect", lead_assigned));
        self.ids
            .insert("move_approval", ("approval", move_approval));
        self.ids
            .insert("quote_approval", ("approval", quote_approval));
        let r = self.put_price_list(self.client("manager1"));
        assert_eq!(r.status, 200, "setup: price list {:?}", r.json());
    }

    fn put_price_list(&self, client: &Client) -> Response {
        let body = serde_json::to_string(&tuoke_core::pricing::demo_price_list()).unwrap();
        request(
            self.server.addr,
            "PUT",
            "/api/v1/price-list",
            Some(&client.token),
            Some("application/json"),
            body.as_bytes(),
        )
    }

    /// One fresh prospect per role for rows that change things (none for the other rows).
    fn targets(&self, case: Case) -> Vec<Target> {
        let fresh = match case {
            Transfer(fresh) | Push(_, fresh) => fresh,
            _ => return Vec::new(),
        };
        let rep1 = self.client("rep1");
        let ids: Vec<String> = ROLES.iter().map(|_| uuid()).collect();
        // rep1 creates one prospect per role, each followed by `then(id)`.
        let create = |then: &dyn Fn(&str) -> Option<(&'static str, Value)>| {
            let mut batch = Vec::new();
            for id in &ids {
                batch.push(put_prospect(id, &format!("Fresh {id}")));
                batch.extend(then(id));
            }
            accept(rep1, batch);
        };
        match fresh {
            Fresh::Nothing => ROLES.iter().map(|_| Target::default()).collect(),
            Fresh::Own => {
                create(&|_| None);
                ids.iter().map(|id| Target::of(id)).collect()
            }
            Fresh::Shared => {
                create(&|id| {
                    Some((
                        "prospect.share",
                        json!({"prospect_id": id, "username": "rep3", "shared": true}),
                    ))
                });
                ids.iter().map(|id| Target::of(id)).collect()
            }
            Fresh::PendingMove => {
                create(&|id| {
                    Some((
                        "stage.move",
                        json!({"prospect_id": id, "to": "exchange", "reason": "keen"}),
                    ))
                });
                let approvals = approvals(rep1);
                ids.iter()
                    .map(|id| {
                        let on: Vec<_> = approvals.iter().filter(|a| a.0 == *id).collect();
                        assert_eq!(on.len(), 1, "setup: approvals on {id}: {on:?}");
                        Target {
                            prospect: id.clone(),
                            approval: on[0].2.clone(),
                        }
                    })
                    .collect()
            }
            Fresh::Lead => {
                let csv: String = ids
                    .iter()
                    .map(|id| format!("Fresh lead {id},nowhere\n"))
                    .collect();
                let r = self.import(self.client("assistant1"), &format!("company,region\n{csv}"));
                assert_eq!(r.status, 200, "setup: import");
                let report = r.json();
                let leads = report["prospects"].as_array().unwrap();
                assert_eq!(leads.len(), ROLES.len(), "setup: {report}");
                leads
                    .iter()
                    .map(|p| Target::of(p["id"].as_str().unwrap()))
                    .collect()
            }
        }
    }

    /// Runs one cell of a row (not `Pull`: pulls are read once, in advance).
    fn run(&self, case: Case, role: usize, target: Option<&Target>) -> Actual {
        let client = &self.clients[role];
        let (user, _) = ROLES[role];
        let status =
            |r: Response| Actual::Status(r.status, String::from_utf8_lossy(&r.body).into());
        match case {
            Get(path) => status(client.get(path)),
            Login => status(request(
                self.server.addr,
                "POST",
                "/api/v1/auth/login",
                None,
                Some("application/json"),
                json!({"username": user, "password": PASSWORD})
                    .to_string()
                    .as_bytes(),
            )),
            Logout => {
                let second = login(&self.server, user);
                status(request(
                    self.server.addr,
                    "POST",
                    "/api/v1/auth/logout",
                    Some(&second.token),
                    None,
                    b"",
                ))
            }
            Me => {
                let r = client.get("/api/v1/me");
                if r.status == 200 && r.json()["username"] != user {
                    // Someone else's account: a mismatch whatever the cell says.
                    return Actual::Status(0, format!("/me named {}", r.json()["username"]));
                }
                status(r)
            }
            Team(name) => {
                let r = client.get("/api/v1/team");
                if r.status != 200 {
                    return status(r);
                }
                let users = r.json()["users"].as_array().cloned().unwrap_or_default();
                Actual::Pulled(users.iter().any(|u| u["username"] == name))
            }
            Pull(_) => unreachable!("pull cells are read from the snapshot"),
            History(name) => {
                status(client.get(&format!("/api/v1/prospects/{}/history", self.id(name))))
            }
            Download(name) => {
                let r = client.get(&format!("/api/v1/attachments/{}", self.id(name)));
                if r.status == 200 && r.body != small_jpeg() {
                    return Actual::Status(0, "the bytes differ from the upload".into());
                }
                status(r)
            }
            Upload(name) => {
                let id = name.map_or_else(uuid, |n| self.id(n));
                status(self.upload(client, &id))
            }
            Import => {
                status(self.import(client, &format!("company\nImport by {user} {}\n", uuid())))
            }
            PutPriceList => status(self.put_price_list(client)),
            Transfer(_) => status(client.post(
                &format!(
                    "/api/v1/prospects/{}/transfer",
                    target.expect("a fresh prospect").prospect
                ),
                &json!({"to": "rep2"}),
            )),
            Push(name, _) => {
                let args = mutation_args(name, target.expect("a fresh target"));
                Actual::Result(client.mutate(name, args))
            }
        }
    }
}

impl Target {
    fn of(prospect: &str) -> Target {
        Target {
            prospect: prospect.to_owned(),
            approval: String::new(),
        }
    }
}

/// (prospect id, kind, approval id) of every approval in the client's pull.
fn approvals(client: &Client) -> Vec<(String, String, String)> {
    let (_, changes) = client.pull_all(0);
    let text = |v: &Value| v.as_str().unwrap_or_default().to_owned();
    changes
        .iter()
        .filter(|c| c["entity"] == "approval")
        .map(|c| {
            (
                text(&c["data"]["prospect_id"]),
                text(&c["data"]["kind"]),
                text(&c["id"]),
            )
        })
        .collect()
}
