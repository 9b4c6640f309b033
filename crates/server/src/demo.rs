//! `serve --demo`: accounts to explore a first run with, sample prospects and the demo price
//! list. Idempotent: existing users are kept, a stored price list is not replaced.

use crate::db::Db;
use crate::domain::{Role, Username};
use crate::password::{self, HashError};
use crate::repo::users::{CreateUserError, NewUser, RepoError};
use chrono::{DateTime, Datelike, Days, Months, NaiveDate, Utc};
use tuoke_core::activity::{ActivityKind, ActivityLogArgs, NoteAddArgs, NoteKind};
use tuoke_core::cadence::business_date;
use tuoke_core::pricing::demo_price_list;
use tuoke_core::stage::StageMoveArgs;
use tuoke_core::types::{
    Budget, Contact, ContactRole, Decision, Industry, LeadSource, Level, Qualification,
    Requirement, Schedule, Stage,
};
use tuoke_core::validate::{ProspectPatch, PutArgs};
use tuoke_sync::protocol::{Mutation, MutationStatus, PushRequest};
use uuid::Uuid;

pub const DEMO_PASSWORD: &str = "demo";

/// (username, display name, role, manager). Managers come before the users reporting to them.
const DEMO_USERS: [(&str, &str, Role, Option<&str>); 4] = [
    ("manager1", "演示主管", Role::Manager, None),
    ("rep1", "演示销售一", Role::Rep, Some("manager1")),
    ("rep2", "演示销售二", Role::Rep, Some("manager1")),
    ("assistant1", "演示行销助理", Role::Assistant, None),
];

/// One sample prospect and what its owner did with it.
struct Sample {
    /// Number of the sample: its ids (prospect, mutations, notes, activities) derive from it.
    n: u128,
    owner: &'static str,
    patch: ProspectPatch,
    /// Contacts logged, each `(when, kind, summary)`.
    contacts: Vec<(DateTime<Utc>, ActivityKind, &'static str)>,
    /// Notes taken, each `(when, kind, text)`.
    notes: Vec<(DateTime<Utc>, NoteKind, String)>,
    /// A stage move requested after the contacts (it may wait for the manager).
    move_to: Option<Stage>,
}

fn contact(name: &str, role: ContactRole, phone: &str) -> Contact {
    Contact {
        name: name.to_owned(),
        role: Some(role),
        phone: Some(phone.to_owned()),
        ..Contact::default()
    }
}

fn qualification(
    objective: bool,
    subjective: bool,
    determination: Level,
    feasibility: Option<bool>,
    dissatisfaction: Option<Level>,
    selection: Option<bool>,
) -> Qualification {
    Qualification {
        objective_need: Some(objective),
        subjective_need: Some(subjective),
        determination: Some(determination),
        feasibility_started: feasibility,
        dissatisfaction,
        selection_started: selection,
    }
}

/// 10:00 in China on the business day `days_ago` before `now`'s, never after `now`.
fn days_ago(now: DateTime<Utc>, days: u64) -> DateTime<Utc> {
    on_day(now, business_date(now) - Days::new(days))
}

/// 10:00 in China on `day` (02:00 UTC), never after `now`.
fn on_day(now: DateTime<Utc>, day: NaiveDate) -> DateTime<Utc> {
    let at = day.and_hms_opt(2, 0, 0).map_or(now, |t| t.and_utc());
    at.min(now)
}

/// The business days of `now`'s month up to today whose day number leaves `rest` when
/// divided by 2: two prospects contacted on alternate days fill half the month so far.
fn this_month(now: DateTime<Utc>, rest: u32) -> Vec<NaiveDate> {
    let today = business_date(now);
    (1..=today.day())
        .filter(|d| d % 2 == rest)
        .filter_map(|d| today.with_day(d))
        .collect()
}

/// A sample with no history.
fn plain(n: u128, owner: &'static str, patch: ProspectPatch) -> Sample {
    Sample {
        n,
        owner,
        patch,
        contacts: Vec::new(),
        notes: Vec::new(),
        move_to: None,
    }
}

/// The sample prospects every demo has (and the end-to-end tests build on): for rep1 an A
/// and a computed C that needs confirmation ("C?"), for rep2 a D and an ungraded one.
fn samples() -> Vec<Sample> {
    vec![
        plain(
            1,
            "rep1",
            ProspectPatch {
                company: Some("深圳华强电子有限公司".to_owned()),
                industry: Some(Some(Industry::Electronics)),
                annual_revenue_cny: Some(Some(120_000_000)),
                annual_profit_cny: Some(Some(9_000_000)),
                employees: Some(Some(450)),
                region: Some(Some("华南".to_owned())),
                source: Some(Some(LeadSource::Event)),
                informatized: Some(Some(false)),
                qualification: Some(Some(qualification(
                    true,
                    true,
                    Level::High,
                    Some(true),
                    None,
                    Some(true),
                ))),
                contacts: Some(Some(vec![contact(
                    "王总",
                    ContactRole::Boss,
                    "0755-83000001",
                )])),
                ..ProspectPatch::default()
            },
        ),
        plain(
            2,
            "rep1",
            ProspectPatch {
                company: Some("东莞精工五金制品厂".to_owned()),
                industry: Some(Some(Industry::Hardware)),
                annual_revenue_cny: Some(Some(45_000_000)),
                annual_profit_cny: Some(Some(5_500_000)),
                employees: Some(Some(180)),
                region: Some(Some("华南".to_owned())),
                source: Some(Some(LeadSource::Telemarketing)),
                informatized: Some(Some(true)),
                current_system: Some(Some("自建系统".to_owned())),
                // Matches rows B and C: the core computes C and asks the rep to confirm.
                qualification: Some(Some(Qualification {
                    objective_need: Some(true),
                    subjective_need: Some(true),
                    determination: Some(Level::Mid),
                    dissatisfaction: Some(Level::Mid),
                    selection_started: Some(false),
                    feasibility_started: None,
                })),
                ..ProspectPatch::default()
            },
        ),
        plain(
            3,
            "rep2",
            ProspectPatch {
                company: Some("苏州恒力机械股份有限公司".to_owned()),
                industry: Some(Some(Industry::Machinery)),
                annual_revenue_cny: Some(Some(320_000_000)),
                annual_profit_cny: Some(Some(21_000_000)),
                employees: Some(Some(900)),
                region: Some(Some("华东".to_owned())),
                source: Some(Some(LeadSource::CustomerReferral)),
                informatized: Some(Some(false)),
                qualification: Some(Some(qualification(
                    true,
                    false,
                    Level::Low,
                    Some(false),
                    None,
                    Some(false),
                ))),
                ..ProspectPatch::default()
            },
        ),
        plain(
            4,
            "rep2",
            ProspectPatch {
                company: Some("宁波海天电器有限公司".to_owned()),
                industry: Some(Some(Industry::ElectricalAppliances)),
                region: Some(Some("华东".to_owned())),
                source: Some(Some(LeadSource::CallIn)),
                ..ProspectPatch::default()
            },
        ),
    ]
}

/// rep1's tour (`serve --demo --demo-tour`, what `scripts/run` starts), dated relative to
/// `now` so that a newcomer's every screen has something real on it: an A prospect overdue
/// (last visit 9 days ago, cadence 7) with notes, key information and a move to the exchange
/// meeting waiting for the manager; a B due today (last call 14 days ago) with a note; a C
/// and a D contacted on alternate days this month (the month's plan under way).
fn tour(now: DateTime<Utc>) -> Vec<Sample> {
    let today = business_date(now);
    let in_months = |m| today.checked_add_months(Months::new(m));
    let long_note = "王总说今年一定要上系统：仓库账实不符，月底盘点要停工两天；财务月结要 10 天，\
        老板每个月都在等报表。采购说供应商交期经常变，生产排程全靠 Excel，插单时车间主任要打十几个电话。\
        希望先看库存、成本和生产排程模块的演示，下月初安排 IT 李经理和财务张经理一起参加交流会。\
        预算已经报给集团，约 80 万元，含顾问服务；竞争对手有两家已经来过，其中一家报了低价。"
        .to_owned();
    vec![
        Sample {
            n: 5,
            owner: "rep1",
            patch: ProspectPatch {
                company: Some("广州番禺精密注塑模具科技股份有限公司（南沙分厂）".to_owned()),
                industry: Some(Some(Industry::Machinery)),
                annual_revenue_cny: Some(Some(180_000_000)),
                annual_profit_cny: Some(Some(12_000_000)),
                employees: Some(Some(620)),
                products: Some(Some("汽车注塑件、精密模具".to_owned())),
                region: Some(Some("华南".to_owned())),
                source: Some(Some(LeadSource::Event)),
                informatized: Some(Some(false)),
                qualification: Some(Some(qualification(
                    true,
                    true,
                    Level::High,
                    Some(true),
                    None,
                    Some(true),
                ))),
                schedule: Some(Some(Schedule {
                    selection_start: Some(today),
                    contract: in_months(2),
                    go_live: in_months(6),
                    ..Schedule::default()
                })),
                budget: Some(Some(Budget {
                    budgeted: Some(true),
                    amount_cny: Some(800_000),
                    ..Budget::default()
                })),
                requirement: Some(Some(Requirement {
                    motivation: Some("库存账实不符，月结太慢".to_owned()),
                    modules: vec!["库存".to_owned(), "成本".to_owned(), "生产排程".to_owned()],
                    ..Requirement::default()
                })),
                decision: Some(Some(Decision {
                    initiator: Some("王总".to_owned()),
                    decision_makers: vec!["王总".to_owned(), "李经理（IT）".to_owned()],
                    ..Decision::default()
                })),
                contacts: Some(Some(vec![
                    contact("王总", ContactRole::Boss, "020-84000005"),
                    contact("李经理", ContactRole::It, "13800138005"),
                ])),
                ..ProspectPatch::default()
            },
            contacts: vec![
                (days_ago(now, 16), ActivityKind::PhoneCall, "约了拜访时间"),
                (
                    days_ago(now, 9),
                    ActivityKind::Visit,
                    "初访：见了王总和 IT 李经理",
                ),
            ],
            notes: vec![
                (
                    days_ago(now, 16),
                    NoteKind::Call,
                    "王总秘书接的电话，约下周拜访。".to_owned(),
                ),
                (days_ago(now, 9), NoteKind::Visit, long_note),
            ],
            move_to: Some(Stage::Exchange),
        },
        Sample {
            n: 6,
            owner: "rep1",
            patch: ProspectPatch {
                company: Some("惠州德赛五金塑胶制品有限公司".to_owned()),
                industry: Some(Some(Industry::Hardware)),
                annual_revenue_cny: Some(Some(75_000_000)),
                annual_profit_cny: Some(Some(6_000_000)),
                employees: Some(Some(300)),
                region: Some(Some("华南".to_owned())),
                source: Some(Some(LeadSource::CustomerReferral)),
                informatized: Some(Some(true)),
                current_system: Some(Some("单机版进销存".to_owned())),
                qualification: Some(Some(Qualification {
                    objective_need: Some(true),
                    subjective_need: Some(true),
                    determination: Some(Level::High),
                    dissatisfaction: Some(Level::High),
                    selection_started: Some(false),
                    feasibility_started: None,
                })),
                contacts: Some(Some(vec![contact(
                    "陈厂长",
                    ContactRole::Boss,
                    "0752-22000006",
                )])),
                ..ProspectPatch::default()
            },
            contacts: vec![(
                days_ago(now, 14),
                ActivityKind::PhoneCall,
                "介绍了公司和案例",
            )],
            notes: vec![(
                days_ago(now, 14),
                NoteKind::Call,
                "陈厂长对现在的进销存很不满意，答应看演示。".to_owned(),
            )],
            move_to: None,
        },
        Sample {
            n: 7,
            owner: "rep1",
            patch: ProspectPatch {
                company: Some("佛山顺德美涂陶瓷有限公司".to_owned()),
                industry: Some(Some(Industry::Other)),
                annual_revenue_cny: Some(Some(60_000_000)),
                employees: Some(Some(320)),
                region: Some(Some("华南".to_owned())),
                source: Some(Some(LeadSource::Other)),
                informatized: Some(Some(false)),
                qualification: Some(Some(qualification(
                    true,
                    true,
                    Level::Low,
                    Some(false),
                    None,
                    Some(false),
                ))),
                contacts: Some(Some(vec![contact(
                    "梁总",
                    ContactRole::Boss,
                    "0757-26000007",
                )])),
                ..ProspectPatch::default()
            },
            contacts: this_month(now, 1)
                .into_iter()
                .map(|d| (on_day(now, d), ActivityKind::Visit, "回访"))
                .collect(),
            notes: Vec::new(),
            move_to: None,
        },
        Sample {
            n: 8,
            owner: "rep1",
            patch: ProspectPatch {
                company: Some("中山小榄灯饰五金厂".to_owned()),
                industry: Some(Some(Industry::Hardware)),
                employees: Some(Some(60)),
                region: Some(Some("华南".to_owned())),
                source: Some(Some(LeadSource::Other)),
                informatized: Some(Some(false)),
                qualification: Some(Some(qualification(
                    true,
                    false,
                    Level::Low,
                    Some(false),
                    None,
                    Some(false),
                ))),
                ..ProspectPatch::default()
            },
            contacts: this_month(now, 0)
                .into_iter()
                .map(|d| (on_day(now, d), ActivityKind::PhoneCall, "电话开发"))
                .collect(),
            notes: Vec::new(),
            move_to: None,
        },
    ]
}

/// The id of sample `n`'s prospect (`kind` 0) or of its `i`-th record of `kind`.
fn sample_id(n: u128, kind: u128, i: usize) -> Uuid {
    Uuid::from_u128(0x0193a000_0000_7000_8000_000000000000 | (kind << 16) | ((i as u128) << 8) | n)
}

/// The mutations of one sample, in order: the prospect, its contacts, its notes, its move.
fn mutations(s: &Sample, now: DateTime<Utc>) -> Vec<Mutation> {
    let id = sample_id(s.n, 0, 0);
    // Mutation ids: the original seed's prospect ids stay (0xdead_000n), so a database
    // seeded before keeps its samples unchanged.
    let mutation = |kind: u128, i: usize| match kind {
        0 => Uuid::from_u128(0xdead_0000 | s.n),
        _ => Uuid::from_u128((0xdead << 112) | (kind << 16) | ((i as u128) << 8) | s.n),
    };
    let put = PutArgs {
        id,
        patch: s.patch.clone(),
    };
    let mut out = vec![Mutation::prospect_put(mutation(0, 0), &put, now)];
    for (i, (at, kind, summary)) in s.contacts.iter().enumerate() {
        let args = ActivityLogArgs {
            id: sample_id(s.n, 1, i),
            prospect_id: id,
            kind: *kind,
            at: *at,
            summary: (*summary).to_owned(),
        };
        out.push(Mutation::activity_log(mutation(1, i), &args, now));
    }
    for (i, (at, kind, body)) in s.notes.iter().enumerate() {
        let args = NoteAddArgs {
            id: sample_id(s.n, 2, i),
            prospect_id: id,
            body: body.clone(),
            kind: *kind,
            taken_at: *at,
            attachment_ids: Vec::new(),
        };
        out.push(Mutation::note_add(mutation(2, i), &args, now));
    }
    if let Some(to) = s.move_to {
        let args = StageMoveArgs {
            prospect_id: id,
            to,
            reason: None,
        };
        out.push(Mutation::stage_move(mutation(3, 0), &args, now));
    }
    out
}

/// Creates the sample prospects and their history through the push path, as their owners,
/// so that they obey every rule the PWA's own edits do. A sample whose prospect exists
/// already (seeded by an earlier run) is left as it is.
async fn seed_prospects(db: &Db, now: DateTime<Utc>, with_tour: bool) -> Result<(), DemoError> {
    use crate::sync::push::push;
    let lock = crate::sync::WriteLock::default();
    let all = samples()
        .into_iter()
        .chain(with_tour.then(|| tour(now)).into_iter().flatten());
    for sample in all {
        let user = load_auth_user(db, sample.owner).await?;
        let mut all = mutations(&sample, now).into_iter();
        let request = |mutations| PushRequest {
            client_id: Uuid::from_u128(0xdead_0000),
            mutations,
        };
        let first = request(all.next().into_iter().collect());
        let results = push(db, &lock, &user, &first)
            .await
            .map_err(RepoError::Db)?;
        if results.first().map(|r| r.status) != Some(MutationStatus::Applied) {
            continue;
        }
        let results = push(db, &lock, &user, &request(all.collect()))
            .await
            .map_err(RepoError::Db)?;
        for r in results
            .iter()
            .filter(|r| r.status == MutationStatus::Rejected)
        {
            tracing::warn!(reason = ?r.reason, "demo record rejected");
        }
    }
    Ok(())
}

async fn load_auth_user(db: &Db, name: &str) -> Result<crate::auth::AuthUser, DemoError> {
    let username = Username::parse(name).expect("demo usernames are valid");
    let user = db
        .find_user_by_username(&username)
        .await?
        .ok_or_else(|| RepoError::Corrupt {
            table: "users",
            id: name.to_owned(),
            reason: "demo user missing".into(),
        })?;
    Ok(crate::auth::AuthUser {
        id: user.id.to_string(),
        username: user.username.to_string(),
        display_name: user.display_name,
        role: user.role,
        manager_id: user.manager_id.map(|m| m.to_string()),
        territory: user.territory,
    })
}

#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    #[error("cannot create demo users: {0}")]
    Repo(#[from] RepoError),
    #[error("cannot create demo users: {0}")]
    Create(#[from] CreateUserError),
    #[error(transparent)]
    Hash(#[from] HashError),
}

/// Creates whatever demo data is missing; `with_tour` adds rep1's tour ([`tour`]).
pub async fn seed(db: &Db, with_tour: bool) -> Result<(), DemoError> {
    let mut created = Vec::new();
    for (name, display_name, role, manager) in DEMO_USERS {
        let username = Username::parse(name).expect("demo usernames are valid");
        if db.find_user_by_username(&username).await?.is_some() {
            continue;
        }
        let password_hash = tokio::task::spawn_blocking(|| password::hash(DEMO_PASSWORD))
            .await
            .expect("password hashing does not panic")?;
        let new = NewUser {
            username,
            display_name: display_name.to_owned(),
            password_hash,
            role,
            manager: manager.map(|m| Username::parse(m).expect("demo usernames are valid")),
            // Territories match the sample prospects' regions, so a demo lead import assigns.
            territory: match name {
                "rep1" => Some("华南".to_owned()),
                "rep2" => Some("华东".to_owned()),
                _ => None,
            },
        };
        match db.create_user(new).await {
            Ok(_) => created.push(name),
            // Another server seeding the same database got there first: equally fine.
            Err(CreateUserError::UsernameTaken(_)) => {}
            Err(e) => return Err(e.into()),
        }
    }
    seed_prospects(db, Utc::now(), with_tour).await?;
    // The demo price list is version 1 of an empty table; a list set since is kept.
    if db
        .store_first_price_list(&demo_price_list(), Utc::now())
        .await
        .map_err(RepoError::Db)?
    {
        tracing::info!("demo price list stored as version 1");
    }
    if created.is_empty() {
        tracing::info!("demo users already present");
    } else {
        tracing::info!(created = ?created, password = DEMO_PASSWORD, "demo users created");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    use tuoke_core::contract::Entity;
    use tuoke_core::due::{due_in, DueIn};
    use tuoke_core::record::{ApprovalRecord, ProspectRecord};
    use tuoke_core::types::Grade;

    /// What `name` pulls of `entity` from a fresh demo database.
    async fn pulled<T: serde::de::DeserializeOwned>(db: &Db, name: &str, entity: Entity) -> Vec<T> {
        let user = load_auth_user(db, name).await.unwrap();
        let Ok(page) = crate::sync::pull::pull(db, &user, 0, 1000).await else {
            panic!("demo pull failed");
        };
        assert!(!page.has_more);
        page.changes
            .into_iter()
            .filter(|c| c.entity.known() == Some(entity))
            .filter_map(|c| c.data)
            .map(|d| serde_json::from_str(d.get()).unwrap())
            .collect()
    }

    #[tokio::test]
    async fn the_demo_gives_rep1_contacts_due_today_and_overdue_a_month_under_way_and_the_manager_an_approval(
    ) {
        let db = Db::connect("sqlite::memory:").await.unwrap();
        db.migrate().await.unwrap();
        seed(&db, true).await.unwrap();
        let today = business_date(Utc::now());
        let prospects: Vec<ProspectRecord> = pulled(&db, "rep1", Entity::Prospect).await;
        let due: Vec<DueIn> = prospects
            .iter()
            .filter_map(|p| p.next_contact_due)
            .map(|d| due_in(d, today))
            .collect();
        assert!(due.contains(&DueIn::Today), "{due:?}");
        assert!(
            due.iter().any(|d| matches!(d, DueIn::Overdue(_))),
            "{due:?}"
        );
        let grades: Vec<Option<Grade>> = prospects.iter().map(|p| p.grade.value).collect();
        for g in [Grade::A, Grade::B, Grade::C, Grade::D] {
            assert!(grades.contains(&Some(g)), "{grades:?}");
        }
        assert!(prospects.iter().any(|p| p.grade.needs_confirmation));
        assert!(prospects.iter().any(|p| p.pending_stage.is_some()));
        // Contacts logged this month: the month's plan is under way.
        assert!(prospects
            .iter()
            .filter_map(|p| p.last_contact)
            .any(|d| d.month() == today.month() && d.year() == today.year()));
        let approvals: Vec<ApprovalRecord> = pulled(&db, "manager1", Entity::Approval).await;
        assert!(
            approvals
                .iter()
                .any(|a| a.status == tuoke_core::record::ApprovalStatus::Pending),
            "{approvals:?}"
        );
        // Seeding again adds nothing.
        seed(&db, true).await.unwrap();
        let again: Vec<ProspectRecord> = pulled(&db, "rep1", Entity::Prospect).await;
        assert_eq!(again.len(), prospects.len());
    }

    #[tokio::test]
    async fn seeding_twice_creates_each_demo_user_once() {
        let db = Db::connect("sqlite::memory:").await.unwrap();
        db.migrate().await.unwrap();
        seed(&db, false).await.unwrap();
        seed(&db, false).await.unwrap();
        let manager = db
            .find_user_by_username(&Username::parse("manager1").unwrap())
            .await
            .unwrap()
            .unwrap();
        for rep in ["rep1", "rep2"] {
            let rep = db
                .find_user_by_username(&Username::parse(rep).unwrap())
                .await
                .unwrap()
                .unwrap();
            assert_eq!(rep.role, Role::Rep);
            assert_eq!(rep.manager_id, Some(manager.id));
        }
        assert_eq!(db.count_users().await.unwrap(), 4);
        let list = db.current_price_list().await.unwrap().unwrap();
        assert_eq!(list.list, demo_price_list().with_version(1));
    }
}
