//! User accounts.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::db::{with_pool, Db};
use crate::domain::{Role, Username};

/// A stored user (without the password hash, which only login reads).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    pub id: Uuid,
    pub username: Username,
    pub display_name: String,
    pub role: Role,
    pub manager_id: Option<Uuid>,
    pub territory: Option<String>,
    pub created_at: DateTime<Utc>,
}

/// What `create_user` needs; `manager` is looked up by name and must have the manager role.
#[derive(Debug, Clone)]
pub struct NewUser {
    pub username: Username,
    pub display_name: String,
    pub password_hash: String,
    pub role: Role,
    pub manager: Option<Username>,
    pub territory: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum CreateUserError {
    #[error("user {0} already exists")]
    UsernameTaken(Username),
    #[error("manager {0} does not exist")]
    ManagerNotFound(Username),
    #[error("{username} cannot be a manager: their role is {role}, not manager")]
    NotAManager { username: Username, role: Role },
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

#[derive(Debug, thiserror::Error)]
pub enum RepoError {
    #[error(transparent)]
    Db(#[from] sqlx::Error),
    /// A row that the schema's constraints should have prevented.
    #[error("corrupt {table} row {id}: {reason}")]
    Corrupt {
        table: &'static str,
        id: String,
        reason: String,
    },
}

#[derive(sqlx::FromRow)]
struct UserRow {
    id: String,
    username: String,
    display_name: String,
    role: String,
    manager_id: Option<String>,
    territory: Option<String>,
    created_at: DateTime<Utc>,
}

impl TryFrom<UserRow> for User {
    type Error = RepoError;

    fn try_from(row: UserRow) -> Result<Self, Self::Error> {
        let corrupt = |reason: String| RepoError::Corrupt {
            table: "users",
            id: row.id.clone(),
            reason,
        };
        let id = Uuid::parse_str(&row.id).map_err(|e| corrupt(e.to_string()))?;
        let manager_id = row
            .manager_id
            .as_deref()
            .map(Uuid::parse_str)
            .transpose()
            .map_err(|e| corrupt(e.to_string()))?;
        Ok(User {
            id,
            username: Username::parse(&row.username).map_err(|e| corrupt(e.to_string()))?,
            role: row
                .role
                .parse()
                .map_err(|e: crate::domain::RoleParseError| corrupt(e.to_string()))?,
            display_name: row.display_name,
            manager_id,
            territory: row.territory,
            created_at: row.created_at,
        })
    }
}

const SELECT_USER: &str =
    "SELECT id, username, display_name, role, manager_id, territory, created_at \
     FROM users WHERE username = $1";

impl Db {
    pub async fn find_user_by_username(
        &self,
        username: &Username,
    ) -> Result<Option<User>, RepoError> {
        let row: Option<UserRow> = with_pool!(self, |pool| {
            sqlx::query_as(SELECT_USER)
                .bind(username.as_str())
                .fetch_optional(pool)
                .await?
        });
        row.map(User::try_from).transpose()
    }

    /// Inserts a user after checking its manager, in one transaction.
    pub async fn create_user(&self, new: NewUser) -> Result<User, CreateUserError> {
        let user_id = Uuid::now_v7();
        let created_at = Utc::now();
        let manager_id: Option<Uuid> = with_pool!(self, |pool| {
            let mut tx = pool.begin().await?;
            let manager_id = match &new.manager {
                None => None,
                Some(name) => {
                    let found: Option<(String, String)> =
                        sqlx::query_as("SELECT id, role FROM users WHERE username = $1")
                            .bind(name.as_str())
                            .fetch_optional(&mut *tx)
                            .await?;
                    let (id, role) =
                        found.ok_or_else(|| CreateUserError::ManagerNotFound(name.clone()))?;
                    let role: Role = role.parse().map_err(|e: crate::domain::RoleParseError| {
                        sqlx::Error::Decode(e.into())
                    })?;
                    if role != Role::Manager {
                        return Err(CreateUserError::NotAManager {
                            username: name.clone(),
                            role,
                        });
                    }
                    Some(id)
                }
            };
            let inserted = sqlx::query(
                "INSERT INTO users \
                 (id, username, display_name, password_hash, role, manager_id, territory, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            )
            .bind(user_id.to_string())
            .bind(new.username.as_str())
            .bind(&new.display_name)
            .bind(&new.password_hash)
            .bind(new.role.as_str())
            .bind(manager_id.clone())
            .bind(new.territory.clone())
            .bind(created_at)
            .execute(&mut *tx)
            .await;
            match inserted {
                Err(sqlx::Error::Database(e)) if e.is_unique_violation() => {
                    return Err(CreateUserError::UsernameTaken(new.username.clone()));
                }
                other => other?,
            };
            tx.commit().await?;
            manager_id
                .map(|id| Uuid::parse_str(&id))
                .transpose()
                .map_err(|e| sqlx::Error::Decode(e.into()))?
        });
        Ok(User {
            id: user_id,
            username: new.username,
            display_name: new.display_name,
            role: new.role,
            manager_id,
            territory: new.territory,
            created_at,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn test_db() -> Db {
        let db = Db::connect("sqlite::memory:").await.unwrap();
        db.migrate().await.unwrap();
        db
    }

    fn new_user(name: &str, role: Role, manager: Option<&str>) -> NewUser {
        NewUser {
            username: Username::parse(name).unwrap(),
            display_name: name.to_owned(),
            password_hash: "$argon2id$placeholder".to_owned(),
            role,
            manager: manager.map(|m| Username::parse(m).unwrap()),
            territory: Some("华东".to_owned()),
        }
    }

    #[tokio::test]
    async fn created_user_can_be_found_with_its_manager() {
        let db = test_db().await;
        let boss = db
            .create_user(new_user("boss", Role::Manager, None))
            .await
            .unwrap();
        let rep = db
            .create_user(new_user("rep", Role::Rep, Some("boss")))
            .await
            .unwrap();
        assert_eq!(rep.manager_id, Some(boss.id));
        let found = db
            .find_user_by_username(&Username::parse("REP").unwrap())
            .await
            .unwrap()
            .unwrap();
        assert_eq!(found.id, rep.id);
        assert_eq!(found.role, Role::Rep);
        assert_eq!(found.manager_id, Some(boss.id));
        assert_eq!(found.territory.as_deref(), Some("华东"));
    }

    #[tokio::test]
    async fn duplicate_username_is_refused() {
        let db = test_db().await;
        db.create_user(new_user("rep", Role::Rep, None))
            .await
            .unwrap();
        let err = db
            .create_user(new_user("rep", Role::Admin, None))
            .await
            .unwrap_err();
        assert!(matches!(err, CreateUserError::UsernameTaken(_)), "{err}");
    }

    #[tokio::test]
    async fn manager_must_exist_and_be_a_manager() {
        let db = test_db().await;
        let err = db
            .create_user(new_user("rep", Role::Rep, Some("ghost")))
            .await
            .unwrap_err();
        assert!(matches!(err, CreateUserError::ManagerNotFound(_)), "{err}");

        db.create_user(new_user("rep2", Role::Rep, None))
            .await
            .unwrap();
        let err = db
            .create_user(new_user("rep3", Role::Rep, Some("rep2")))
            .await
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "rep2 cannot be a manager: their role is rep, not manager"
        );
    }
}
