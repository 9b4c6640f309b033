//! Sign-in sessions: the hash of a bearer token, its user, when it expires and whether it was
//! revoked. Tokens themselves are never stored (see [`crate::auth`]).

use chrono::{DateTime, Utc};

use crate::db::Db;
use crate::repo::sql::{args, Tx};
use crate::repo::users::Account;

/// A stored session with the account it signs in.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Session {
    #[sqlx(flatten)]
    pub account: Account,
    pub expires_at: DateTime<Utc>,
    pub revoked_at: Option<DateTime<Utc>>,
}

impl Db {
    /// The session of the token whose hash is `token_hash`, expired and revoked ones included.
    /// One statement without a transaction: it runs for every signed-in request.
    pub async fn find_session(&self, token_hash: &str) -> Result<Option<Session>, sqlx::Error> {
        self.fetch_opt(
            "SELECT u.id, u.username, u.display_name, u.role, u.manager_id, u.territory, \
             s.expires_at, s.revoked_at \
             FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1",
            args![token_hash],
        )
        .await
    }
}

/// Stores a session of `user_id` for the token whose hash is `token_hash`.
pub async fn insert(
    tx: &mut Tx,
    token_hash: &str,
    user_id: &str,
    created_at: DateTime<Utc>,
    expires_at: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    tx.exec(
        "INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)",
        args![token_hash, user_id, created_at, expires_at],
    )
    .await
    .map(drop)
}

/// Marks the session of `token_hash` revoked at `at`, unless it already is (or does not exist).
pub async fn revoke(tx: &mut Tx, token_hash: &str, at: DateTime<Utc>) -> Result<(), sqlx::Error> {
    tx.exec(
        "UPDATE sessions SET revoked_at = $1 WHERE token_hash = $2 AND revoked_at IS NULL",
        args![at, token_hash],
    )
    .await
    .map(drop)
}

#[cfg(test)]
mod tests {
    use chrono::{SubsecRound, TimeDelta};

    use super::*;
    use crate::domain::Role;
    use crate::repo::test_db::repo_tests;
    use crate::repo::users::tests::new_user;

    repo_tests!(
        a_session_is_found_by_its_hash_with_its_account,
        a_session_is_revoked_once,
    );

    /// A rep and a stored session of theirs (hash `hash`, valid for a day from `now`).
    async fn rep_with_session(db: &Db, hash: &str, now: DateTime<Utc>) -> String {
        let rep = db
            .create_user(new_user("rep", Role::Rep, None))
            .await
            .unwrap();
        let mut tx = db.read().await.unwrap();
        insert(
            &mut tx,
            hash,
            &rep.id.to_string(),
            now,
            now + TimeDelta::days(1),
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
        rep.id.to_string()
    }

    async fn a_session_is_found_by_its_hash_with_its_account(db: Db) {
        // Whole microseconds: what both backends store.
        let now = Utc::now().trunc_subsecs(6);
        let rep = rep_with_session(&db, "hash-1", now).await;
        let session = db.find_session("hash-1").await.unwrap().unwrap();
        assert_eq!(session.account.id, rep);
        assert_eq!(session.account.username, "rep");
        assert_eq!(session.account.role, "rep");
        assert_eq!(session.account.territory.as_deref(), Some("华东"));
        assert_eq!(session.expires_at, now + TimeDelta::days(1));
        assert_eq!(session.revoked_at, None);
        assert!(db.find_session("hash-2").await.unwrap().is_none());
    }

    async fn a_session_is_revoked_once(db: Db) {
        let now = Utc::now().trunc_subsecs(6);
        rep_with_session(&db, "hash-1", now).await;
        let first = now + TimeDelta::hours(1);
        let mut tx = db.read().await.unwrap();
        revoke(&mut tx, "hash-1", first).await.unwrap();
        // Logging out twice keeps the first time; an unknown token changes nothing.
        revoke(&mut tx, "hash-1", first + TimeDelta::hours(1))
            .await
            .unwrap();
        revoke(&mut tx, "unknown", first).await.unwrap();
        tx.commit().await.unwrap();
        let session = db.find_session("hash-1").await.unwrap().unwrap();
        assert_eq!(session.revoked_at, Some(first));
    }
}
