//! User accounts.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::db::{with_pool, Db};
use crate::domain::{Role, Username};
use crate::repo::sql::{args, Tx};

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

/// A user's columns as stored, unparsed: what a request's signed-in user is made of
/// ([`crate::auth::AuthUser::from_account`]).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Account {
    pub id: String,
    pub username: String,
    pub display_name: String,
    pub role: String,
    pub manager_id: Option<String>,
    pub territory: Option<String>,
}

/// What login checks a password against.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Credentials {
    #[sqlx(flatten)]
    pub account: Account,
    pub password_hash: String,
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

    /// The account named `username` with its password hash, for login.
    pub async fn find_credentials(
        &self,
        username: &Username,
    ) -> Result<Option<Credentials>, sqlx::Error> {
        self.fetch_opt(
            "SELECT id, username, display_name, role, manager_id, territory, password_hash \
             FROM users WHERE username = $1",
            args![username.as_str()],
        )
        .await
    }

    /// How many accounts there are.
    pub async fn count_users(&self) -> Result<i64, sqlx::Error> {
        let (count,): (i64,) = self
            .read()
            .await?
            .one("SELECT COUNT(*) FROM users", args![])
            .await?;
        Ok(count)
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

/// The manager of user `id` (`None` also when there is no such user).
pub async fn manager_of(tx: &mut Tx, id: &str) -> Result<Option<String>, sqlx::Error> {
    let row: Option<(Option<String>,)> = tx
        .opt("SELECT manager_id FROM users WHERE id = $1", args![id])
        .await?;
    Ok(row.and_then(|(m,)| m))
}

/// The id and role of the user named `username`.
pub async fn id_and_role(
    tx: &mut Tx,
    username: &str,
) -> Result<Option<(String, String)>, sqlx::Error> {
    tx.opt(
        "SELECT id, role FROM users WHERE username = $1",
        args![username],
    )
    .await
}

/// The ids of the assistants.
pub async fn assistant_ids(tx: &mut Tx) -> Result<Vec<String>, sqlx::Error> {
    let rows: Vec<(String,)> = tx
        .all("SELECT id FROM users WHERE role = 'assistant'", args![])
        .await?;
    Ok(rows.into_iter().map(|(id,)| id).collect())
}

/// The reps' ids and territories, by username.
pub async fn reps_with_territory(
    tx: &mut Tx,
) -> Result<Vec<(String, Option<String>)>, sqlx::Error> {
    tx.all(
        "SELECT id, territory FROM users WHERE role = 'rep' ORDER BY username",
        args![],
    )
    .await
}

/// The users the caller `me` (of role `role`) may see by name, by username
/// ([`crate::repo::visibility::team`]).
pub async fn team(tx: &mut Tx, me: &str, role: Role) -> Result<Vec<Account>, sqlx::Error> {
    let sql = format!(
        "SELECT u.id, u.username, u.display_name, u.role, u.manager_id, u.territory \
         FROM users u WHERE {} ORDER BY u.username",
        crate::repo::visibility::team(role)
    );
    tx.all(&sql, args![me]).await
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::repo::test_db::repo_tests;

    repo_tests!(
        created_user_can_be_found_with_its_manager,
        duplicate_username_is_refused,
        manager_must_exist_and_be_a_manager,
        credentials_are_the_stored_columns_with_the_password_hash,
        users_are_counted,
        the_team_is_what_each_role_may_see_by_name,
    );

    pub fn new_user(name: &str, role: Role, manager: Option<&str>) -> NewUser {
        NewUser {
            username: Username::parse(name).unwrap(),
            display_name: name.to_owned(),
            password_hash: "$argon2id$placeholder".to_owned(),
            role,
            manager: manager.map(|m| Username::parse(m).unwrap()),
            territory: Some("华东".to_owned()),
        }
    }

    /// A manager and a rep reporting to them.
    async fn boss_and_rep(db: &Db) -> (User, User) {
        let boss = db
            .create_user(new_user("boss", Role::Manager, None))
            .await
            .unwrap();
        let rep = db
            .create_user(new_user("rep", Role::Rep, Some("boss")))
            .await
            .unwrap();
        (boss, rep)
    }

    async fn created_user_can_be_found_with_its_manager(db: Db) {
        let (boss, rep) = boss_and_rep(&db).await;
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

    async fn duplicate_username_is_refused(db: Db) {
        db.create_user(new_user("rep", Role::Rep, None))
            .await
            .unwrap();
        let err = db
            .create_user(new_user("rep", Role::Admin, None))
            .await
            .unwrap_err();
        assert!(matches!(err, CreateUserError::UsernameTaken(_)), "{err}");
    }

    async fn manager_must_exist_and_be_a_manager(db: Db) {
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

    async fn credentials_are_the_stored_columns_with_the_password_hash(db: Db) {
        let (boss, rep) = boss_and_rep(&db).await;
        let found = db
            .find_credentials(&Username::parse("rep").unwrap())
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            found.account,
            Account {
                id: rep.id.to_string(),
                username: "rep".to_owned(),
                display_name: "rep".to_owned(),
                role: "rep".to_owned(),
                manager_id: Some(boss.id.to_string()),
                territory: Some("华东".to_owned()),
            }
        );
        assert_eq!(found.password_hash, "$argon2id$placeholder");
        let nobody = Username::parse("nobody").unwrap();
        assert!(db.find_credentials(&nobody).await.unwrap().is_none());
    }

    async fn users_are_counted(db: Db) {
        assert_eq!(db.count_users().await.unwrap(), 0);
        for name in ["a1", "a2", "a3"] {
            db.create_user(new_user(name, Role::Assistant, None))
                .await
                .unwrap();
        }
        assert_eq!(db.count_users().await.unwrap(), 3);
    }

    async fn the_team_is_what_each_role_may_see_by_name(db: Db) {
        let (boss, rep) = boss_and_rep(&db).await;
        db.create_user(new_user("mate", Role::Rep, Some("boss")))
            .await
            .unwrap();
        let other_boss = db
            .create_user(new_user("other", Role::Manager, None))
            .await
            .unwrap();
        let outsider = db
            .create_user(new_user("outsider", Role::Rep, Some("other")))
            .await
            .unwrap();
        let assistant = db
            .create_user(new_user("assistant", Role::Assistant, None))
            .await
            .unwrap();
        let admin = db
            .create_user(new_user("admin", Role::Admin, None))
            .await
            .unwrap();
        let names = |user: User| {
            let db = db.clone();
            async move {
                let mut tx = db.read().await.unwrap();
                let team = team(&mut tx, &user.id.to_string(), user.role)
                    .await
                    .unwrap();
                team.into_iter().map(|a| a.username).collect::<Vec<_>>()
            }
        };
        assert_eq!(names(rep).await, ["boss", "rep"]);
        assert_eq!(names(boss).await, ["boss", "mate", "rep"]);
        assert_eq!(names(outsider).await, ["other", "outsider"]);
        assert_eq!(names(other_boss).await, ["other", "outsider"]);
        assert_eq!(
            names(assistant).await,
            ["assistant", "boss", "mate", "other", "outsider", "rep"]
        );
        assert_eq!(names(admin).await.len(), 7);
    }
}
