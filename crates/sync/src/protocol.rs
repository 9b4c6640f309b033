//! The sync wire format of API.md (`POST /api/v1/sync/push`, `GET /api/v1/sync/pull`, the
//! error body) as serde types, and typed constructors for every mutation the server knows.
//! These are the only definition of the wire: the server reads and writes the same types
//! (with the `openapi` feature, which documents them). Names are the core's
//! [`tuoke_core::contract`] enums; a pulled change's `data` is the core's record type of its
//! entity ([`tuoke_core::record`]).
//!
//! This module owns shapes only: it performs no I/O and makes no ids (mutation and record ids
//! are the caller's, so nothing here needs a random source).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use tuoke_core::activity::{ActivityLogArgs, NoteAddArgs};
use tuoke_core::args::{
    ApprovalDecideArgs, ConcessionAddArgs, ObjectionAddArgs, ProspectShareArgs, QuizSubmitArgs,
    QuoteSubmitArgs,
};
use tuoke_core::contract::{EntityName, MutationKind, MutationName};
use tuoke_core::pricing::PriceList;
use tuoke_core::stage::StageMoveArgs;
use tuoke_core::validate::PutArgs;
use uuid::Uuid;

/// Body of `POST /api/v1/sync/push`. Unknown fields are refused (the server answers `400`
/// naming them).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PushRequest {
    /// This installation's id (kept in the store's sync state).
    pub client_id: Uuid,
    /// The mutations, applied by the server in this order.
    pub mutations: Vec<Mutation>,
}

/// One client mutation. Its `id` makes it idempotent: resending it answers `duplicate`.
/// Unknown fields are refused.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Mutation {
    /// Mutation id (not the id of the record it creates).
    pub id: Uuid,
    /// Mutation name, e.g. `prospect.put`; a name the server does not know is that
    /// mutation's rejection (`unknown_mutation`), not the batch's.
    #[cfg_attr(
        feature = "openapi",
        schema(value_type = String, example = "prospect.put")
    )]
    pub name: MutationName,
    /// The args, in the shape of the mutation's `tuoke_core` args type. Missing args are
    /// judged like wrong ones: the mutation is rejected, not the batch.
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    #[serde(default)]
    pub args: Value,
    /// When the rep made the change (informational to the server; this client always sends
    /// it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<DateTime<Utc>>,
}

impl Mutation {
    /// A mutation with already-serialised args. Prefer the typed constructors.
    pub fn new(id: Uuid, kind: MutationKind, args: Value, at: DateTime<Utc>) -> Mutation {
        Mutation {
            id,
            name: kind.into(),
            args,
            at: Some(at),
        }
    }

    fn typed<T: Serialize>(id: Uuid, kind: MutationKind, args: &T, at: DateTime<Utc>) -> Mutation {
        // The core's args types are plain data (strings, numbers, enums, maps with string
        // keys), which always serialise; Null would only ever be seen by the server as a
        // rejected mutation, never as a lost one.
        let args = serde_json::to_value(args).unwrap_or(Value::Null);
        Mutation::new(id, kind, args, at)
    }

    /// What it asks for, if it is a mutation this code knows.
    pub fn kind(&self) -> Option<MutationKind> {
        self.name.known()
    }
}

/// The typed constructors: `name(id, &args, at)` serialises the core's args type of one
/// mutation kind.
macro_rules! typed_constructors {
    ($($(#[$doc:meta])* $name:ident($args:ty) => $kind:ident,)*) => {
        impl Mutation {
            $(
                $(#[$doc])*
                pub fn $name(id: Uuid, args: &$args, at: DateTime<Utc>) -> Mutation {
                    Mutation::typed(id, MutationKind::$kind, args, at)
                }
            )*
        }
    };
}

typed_constructors! {
    /// `prospect.put`: create the prospect or patch the named fields.
    prospect_put(PutArgs) => ProspectPut,
    /// `note.add` (append-only).
    note_add(NoteAddArgs) => NoteAdd,
    /// `activity.log`.
    activity_log(ActivityLogArgs) => ActivityLog,
    /// `stage.move`.
    stage_move(StageMoveArgs) => StageMove,
    /// `approval.decide`.
    approval_decide(ApprovalDecideArgs) => ApprovalDecide,
    /// `quote.submit`.
    quote_submit(QuoteSubmitArgs) => QuoteSubmit,
    /// `concession.add`.
    concession_add(ConcessionAddArgs) => ConcessionAdd,
    /// `objection.add`.
    objection_add(ObjectionAddArgs) => ObjectionAdd,
    /// `quiz.submit`.
    quiz_submit(QuizSubmitArgs) => QuizSubmit,
    /// `prospect.share`.
    prospect_share(ProspectShareArgs) => ProspectShare,
}

/// Body of a `200` push answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PushResponse {
    /// One result per mutation, in order.
    pub results: Vec<MutationResult>,
}

/// What the server did with one mutation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum MutationStatus {
    /// Applied now.
    Applied,
    /// Already processed earlier (a resend); see `original_status`.
    Duplicate,
    /// Stored as a request awaiting a manager's approval.
    PendingApproval,
    /// Refused; `reason` says why. Processed: it will not block the outbox.
    Rejected,
}

impl MutationStatus {
    /// Every status.
    pub const ALL: [MutationStatus; 4] = [
        MutationStatus::Applied,
        MutationStatus::Duplicate,
        MutationStatus::PendingApproval,
        MutationStatus::Rejected,
    ];

    /// Its string form (as serialised; the server keeps it with the processed mutation).
    pub fn as_str(self) -> &'static str {
        match self {
            MutationStatus::Applied => "applied",
            MutationStatus::Duplicate => "duplicate",
            MutationStatus::PendingApproval => "pending_approval",
            MutationStatus::Rejected => "rejected",
        }
    }

    /// The status `text` is the string form of, if any.
    pub fn parse(text: &str) -> Option<MutationStatus> {
        MutationStatus::ALL.into_iter().find(|s| s.as_str() == text)
    }
}

/// What the server did with one mutation of a push (one entry of `results`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MutationResult {
    /// The mutation id.
    pub id: Uuid,
    /// What happened.
    pub status: MutationStatus,
    /// Why it was rejected or is pending (a field and its problem, or a rule code).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// When rejected or pending: the stable code to translate (server addition).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// The field the code is about (server addition).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// Soft warnings (server addition).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
    /// For `duplicate`: what the first processing answered (server addition).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original_status: Option<MutationStatus>,
}

impl MutationResult {
    /// The status that counts for the client: a `duplicate` of a rejected mutation is a
    /// rejection (its first answer was lost), anything else processed is accepted.
    pub fn effective_status(&self) -> MutationStatus {
        match (self.status, self.original_status) {
            (MutationStatus::Duplicate, Some(original)) => original,
            (status, _) => status,
        }
    }
}

// `D` is how a record's data is held: parsed JSON on the phone, the stored text as it is on
// the server.
/// Body of a `200` pull answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(bound = ""))]
pub struct PullResponse<D = Value> {
    /// The cursor to pull from next.
    pub cursor: i64,
    /// More changes are waiting: pull again from `cursor`.
    pub has_more: bool,
    /// The changes, oldest first.
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<Change>))]
    pub changes: Vec<Change<D>>,
}

/// One changed record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(bound = ""))]
pub struct Change<D = Value> {
    /// `prospect`, `note`, `activity`, `approval`, `quote`, `concession`, `objection`,
    /// `quiz_attempt`; a newer server may add entities, which a client keeps as they came.
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "prospect"))]
    pub entity: EntityName,
    /// Record id.
    pub id: String,
    /// Record version.
    pub version: i64,
    /// The record, or null when it left the caller's view.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Object>))]
    pub data: Option<D>,
}

/// Body of `POST /api/v1/auth/login`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    /// The username (the client sends it trimmed and lower-cased).
    pub username: String,
    /// The password.
    pub password: String,
}

/// Answer of `POST /api/v1/auth/login`: the session's token and who signed in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LoginResponse {
    /// Bearer token for every other request.
    pub token: String,
    /// The signed-in user.
    pub user: UserInfo,
}

/// A user as the server describes them (login answer, `GET /api/v1/me`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UserInfo {
    /// User id.
    pub id: String,
    /// Username.
    pub username: String,
    /// Name shown to people.
    pub display_name: String,
    /// Role: `rep`, `manager`, `assistant` or `admin`.
    #[cfg_attr(feature = "openapi", schema(example = "rep"))]
    pub role: String,
    /// The user's manager, if any.
    #[serde(default)]
    pub manager_id: Option<String>,
    /// The user's territory, if any.
    #[serde(default)]
    pub territory: Option<String>,
}

/// The answer of `GET /api/v1/team`: the colleagues the caller's phone may name (themself,
/// their manager, a manager's reports, …), by username.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TeamResponse {
    /// The users.
    pub users: Vec<UserInfo>,
}

/// The answer of `GET /api/v1/price-list` and `PUT /api/v1/price-list`: one stored version of
/// the price list and who set it when. The phone keeps `price_list` offline (a quote records
/// its `version`); the manager's screen shows who changed the prices last.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PriceListResponse {
    /// The list: `{"version","currency":"CNY","day_rate_cny","modules":[{"code",
    /// "name":{"zh-Hans","zh-Hant","en"},"list_price_cny","unit":"per_site|per_user|per_module"}]}`.
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub price_list: PriceList,
    /// Id of the user who stored this version; null when it came from the command line or
    /// the demo.
    #[serde(default)]
    pub set_by: Option<String>,
    /// Username of that user (null with `set_by`).
    #[serde(default)]
    pub set_by_username: Option<String>,
    /// When this version was stored.
    pub set_at: DateTime<Utc>,
}

/// The error body of a 4xx/5xx answer: `{"error":{"code","message"}}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ErrorBody {
    /// The error.
    pub error: ApiError,
}

/// The error inside an [`ErrorBody`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiError {
    /// Snake-case code, e.g. [`RESET_REQUIRED`].
    pub code: String,
    /// Human-readable message.
    #[serde(default)]
    pub message: String,
}

/// The pull error code (HTTP 409) asking the client to refetch from cursor 0.
pub const RESET_REQUIRED: &str = "reset_required";

/// Push at most this many mutations per request by default.
pub const DEFAULT_PUSH_BATCH: usize = 100;

/// Pull page size by default (the server's own default is 500, its maximum 5000).
pub const DEFAULT_PULL_LIMIT: u32 = 500;

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_price_list_answer_parses_into_the_cores_price_list() {
        let body = json!({
            "price_list": {"version": 2, "currency": "CNY", "day_rate_cny": 2500,
                "modules": [{"code": "FIN",
                    "name": {"zh-Hans": "财务会计", "zh-Hant": "財務會計", "en": "Financial accounting"},
                    "list_price_cny": 6800, "unit": "per_user"}]},
            "set_by": null, "set_by_username": null, "set_at": "2026-12-01T08:00:00Z"
        });
        let answer: PriceListResponse = serde_json::from_value(body.clone()).unwrap();
        assert_eq!(answer.price_list.version, 2);
        assert_eq!(answer.price_list.check(), Ok(()));
        assert_eq!(
            answer
                .price_list
                .quote_line("FIN", 3)
                .map(|l| l.list_price_cny * 3),
            Some(20_400)
        );
        assert_eq!(serde_json::to_value(&answer).unwrap(), body);
    }

    #[test]
    fn push_response_parses_server_additions_and_duplicate_of_rejection_counts_as_rejected() {
        let body = json!({"results": [
            {"id": "00000000-0000-0000-0000-000000000001", "status": "applied",
             "warnings": ["nothing_in_return"]},
            {"id": "00000000-0000-0000-0000-000000000002", "status": "duplicate",
             "reason": "company: required", "original_status": "rejected"},
            {"id": "00000000-0000-0000-0000-000000000003", "status": "pending_approval",
             "reason": "no_skip"}
        ]});
        let r: PushResponse = serde_json::from_value(body).unwrap();
        assert_eq!(r.results[0].effective_status(), MutationStatus::Applied);
        assert_eq!(r.results[1].effective_status(), MutationStatus::Rejected);
        assert_eq!(
            r.results[2].effective_status(),
            MutationStatus::PendingApproval
        );
    }

    #[test]
    fn login_request_is_exactly_the_username_and_password_the_server_reads() {
        let body = LoginRequest {
            username: "rep1".into(),
            password: "demo".into(),
        };
        assert_eq!(
            serde_json::to_value(&body).unwrap(),
            json!({"username": "rep1", "password": "demo"})
        );
        let extra = json!({"username": "rep1", "password": "demo", "remember": true});
        assert!(serde_json::from_value::<LoginRequest>(extra).is_err());
    }

    #[test]
    fn typed_constructor_serialises_core_args_in_the_api_shape() {
        let at: DateTime<Utc> = "2026-01-02T03:04:05Z".parse().unwrap();
        let args = NoteAddArgs {
            id: Uuid::from_u128(7),
            prospect_id: Uuid::from_u128(8),
            body: "拜访".into(),
            kind: tuoke_core::activity::NoteKind::Visit,
            taken_at: at,
            attachment_ids: Vec::new(),
        };
        let m = Mutation::note_add(Uuid::from_u128(1), &args, at);
        let wire = serde_json::to_value(&m).unwrap();
        assert_eq!(wire["name"], "note.add");
        assert_eq!(wire["args"]["kind"], "visit");
        assert_eq!(wire["at"], "2026-01-02T03:04:05Z");
        let back: NoteAddArgs = serde_json::from_value(wire["args"].clone()).unwrap();
        assert_eq!(back, args);
    }

    #[test]
    fn a_push_body_refuses_unknown_fields_and_keeps_an_unknown_mutation_name() {
        let id = "00000000-0000-0000-0000-000000000001";
        let body = json!({"client_id": id, "mutations": [
            {"id": id, "name": "note.add", "args": {}, "at": "2026-01-02T03:04:05Z"},
            {"id": id, "name": "note.delete"}
        ]});
        let r: PushRequest = serde_json::from_value(body).unwrap();
        assert_eq!(r.mutations[0].kind(), Some(MutationKind::NoteAdd));
        assert_eq!(r.mutations[1].kind(), None);
        assert_eq!(r.mutations[1].name.as_str(), "note.delete");
        assert_eq!(r.mutations[1].args, Value::Null, "missing args are null");
        assert_eq!(r.mutations[1].at, None, "missing at is none");
        let back = serde_json::to_value(&r.mutations[1]).unwrap();
        assert_eq!(back, json!({"id": id, "name": "note.delete", "args": null}));

        let extra = json!({"client_id": id, "mutations": [], "user": "x"});
        let e = serde_json::from_value::<PushRequest>(extra).unwrap_err();
        assert!(e.to_string().contains("unknown field `user`"), "{e}");
        let extra = json!({"id": id, "name": "note.add", "args": {}, "when": 1});
        let e = serde_json::from_value::<Mutation>(extra).unwrap_err();
        assert!(
            e.to_string()
                .contains("unknown field `when`, expected one of `id`, `name`, `args`, `at`"),
            "{e}"
        );
    }

    #[test]
    fn mutation_statuses_have_one_string_form() {
        for status in MutationStatus::ALL {
            let wire = serde_json::to_value(status).unwrap();
            assert_eq!(wire, json!(status.as_str()));
            assert_eq!(MutationStatus::parse(status.as_str()), Some(status));
        }
        assert_eq!(MutationStatus::parse("pending"), None);
    }

    #[test]
    fn a_pulled_change_of_an_entity_this_client_does_not_know_is_kept() {
        let page: PullResponse = serde_json::from_value(json!({"cursor": 3, "has_more": false,
            "changes": [{"entity": "invoice", "id": "i1", "version": 1, "data": {"n": 1}},
                        {"entity": "note", "id": "n1", "version": 2, "data": null}]}))
        .unwrap();
        assert_eq!(page.changes[0].entity.as_str(), "invoice");
        assert_eq!(page.changes[0].entity.known(), None);
        assert_eq!(page.changes[1].entity, tuoke_core::contract::Entity::Note);
    }

    #[test]
    fn error_body_with_reset_required_parses() {
        let e: ErrorBody =
            serde_json::from_str(r#"{"error":{"code":"reset_required","message":"x"}}"#).unwrap();
        assert_eq!(e.error.code, RESET_REQUIRED);
    }
}
