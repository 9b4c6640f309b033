//! `serve --demo`: accounts to explore a first run with. Idempotent: existing users are kept.

use crate::db::Db;
use crate::domain::{Role, Username};
use crate::password::{self, HashError};
use crate::repo::users::{CreateUserError, NewUser, RepoError};

pub const DEMO_PASSWORD: &str = "demo";

/// (username, display name, role, manager). Managers come before the users reporting to them.
const DEMO_USERS: [(&str, &str, Role, Option<&str>); 4] = [
    ("manager1", "演示主管", Role::Manager, None),
    ("rep1", "演示销售一", Role::Rep, Some("manager1")),
    ("rep2", "演示销售二", Role::Rep, Some("manager1")),
    ("assistant1", "演示行销助理", Role::Assistant, None),
];

/// Sample prospects: (mutation id, owner, prospect.put args). Fixed ids make seeding
/// idempotent: a second run's mutations are duplicates and change nothing.
fn sample_prospects() -> Vec<(u128, &'static str, serde_json::Value)> {
    use serde_json::json;
    vec![
        (
            0xdead_0001,
            "rep1",
            json!({"id": "0193a000-0000-7000-8000-000000000001", "patch": {
            "company": "深圳华强电子有限公司", "industry": "electronics",
            "annual_revenue_cny": 120_000_000, "annual_profit_cny": 9_000_000, "employees": 450,
            "region": "华南", "source": "event", "informatized": false,
            "qualification": {"objective_need": true, "subjective_need": true, "determination": "high",
                "feasibility_started": true, "selection_started": true},
            "contacts": [{"name": "王总", "role": "boss", "phone": "0755-83000001"}]}}),
        ),
        (
            0xdead_0002,
            "rep1",
            json!({"id": "0193a000-0000-7000-8000-000000000002", "patch": {
            "company": "东莞精工五金制品厂", "industry": "hardware",
            "annual_revenue_cny": 45_000_000, "annual_profit_cny": 5_500_000, "employees": 180,
            "region": "华南", "source": "telemarketing", "informatized": true,
            "current_system": "自建系统",
            "qualification": {"objective_need": true, "subjective_need": true, "determination": "mid",
                "dissatisfaction": "mid", "selection_started": false}}}),
        ),
        (
            0xdead_0003,
            "rep2",
            json!({"id": "0193a000-0000-7000-8000-000000000003", "patch": {
            "company": "苏州恒力机械股份有限公司", "industry": "machinery",
            "annual_revenue_cny": 320_000_000, "annual_profit_cny": 21_000_000, "employees": 900,
            "region": "华东", "source": "customer_referral", "informatized": false,
            "qualification": {"objective_need": true, "subjective_need": false, "determination": "low",
                "feasibility_started": false, "selection_started": false}}}),
        ),
        (
            0xdead_0004,
            "rep2",
            json!({"id": "0193a000-0000-7000-8000-000000000004", "patch": {
            "company": "宁波海天电器有限公司", "industry": "electrical_appliances",
            "region": "华东", "source": "call_in"}}),
        ),
    ]
}

/// Creates the sample prospects through the push path, as their owners, so that they obey
/// every rule the PWA's own edits do.
async fn seed_prospects(db: &Db) -> Result<(), DemoError> {
    use crate::sync::push::push;
    use tuoke_core::contract::MutationKind;
    use tuoke_sync::protocol::{Mutation, MutationStatus, PushRequest};
    let lock = crate::sync::WriteLock::default();
    for (mutation_id, owner, args) in sample_prospects() {
        let user = load_auth_user(db, owner).await?;
        let request = PushRequest {
            client_id: uuid::Uuid::from_u128(0xdead_0000),
            mutations: vec![Mutation {
                id: uuid::Uuid::from_u128(mutation_id),
                name: MutationKind::ProspectPut.into(),
                args,
                at: None,
            }],
        };
        let results = push(db, &lock, &user, &request)
            .await
            .map_err(RepoError::Db)?;
        if let Some(r) = results
            .iter()
            .find(|r| r.status == MutationStatus::Rejected)
        {
            tracing::warn!(reason = ?r.reason, "demo prospect rejected");
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

/// Creates whatever demo data is missing.
pub async fn seed(db: &Db) -> Result<(), DemoError> {
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
    seed_prospects(db).await?;
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

    #[tokio::test]
    async fn seeding_twice_creates_each_demo_user_once() {
        let db = Db::connect("sqlite::memory:").await.unwrap();
        db.migrate().await.unwrap();
        seed(&db).await.unwrap();
        seed(&db).await.unwrap();
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
    }
}
