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
            territory: None,
        };
        match db.create_user(new).await {
            Ok(_) => created.push(name),
            // Another server seeding the same database got there first: equally fine.
            Err(CreateUserError::UsernameTaken(_)) => {}
            Err(e) => return Err(e.into()),
        }
    }
    // Sample prospects belong here too (API.md). They arrive with the sync issue, seeded through
    // the same mutation path the PWA uses, so that demo data is never written around the rules.
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
        let count: i64 = match &db {
            Db::Sqlite(pool) => sqlx::query_scalar("SELECT COUNT(*) FROM users")
                .fetch_one(pool)
                .await
                .unwrap(),
            Db::Postgres(_) => unreachable!(),
        };
        assert_eq!(count, 4);
    }
}
