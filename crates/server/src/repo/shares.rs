//! Prospects shared with colleagues (reps and managers) besides their owner.

use crate::repo::sql::{args, Tx};

/// Whether prospect `prospect_id` is shared with user `user_id`.
pub async fn is_shared(tx: &mut Tx, prospect_id: &str, user_id: &str) -> Result<bool, sqlx::Error> {
    let row: Option<(String,)> = tx
        .opt(
            "SELECT user_id FROM prospect_shares WHERE prospect_id = $1 AND user_id = $2",
            args![prospect_id, user_id],
        )
        .await?;
    Ok(row.is_some())
}

/// The users prospect `prospect_id` is shared with.
pub async fn users_of(tx: &mut Tx, prospect_id: &str) -> Result<Vec<String>, sqlx::Error> {
    let rows: Vec<(String,)> = tx
        .all(
            "SELECT user_id FROM prospect_shares WHERE prospect_id = $1",
            args![prospect_id],
        )
        .await?;
    Ok(rows.into_iter().map(|(user,)| user).collect())
}

pub async fn insert(tx: &mut Tx, prospect_id: &str, user_id: &str) -> Result<(), sqlx::Error> {
    tx.exec(
        "INSERT INTO prospect_shares (prospect_id, user_id) VALUES ($1, $2)",
        args![prospect_id, user_id],
    )
    .await
    .map(drop)
}

pub async fn delete(tx: &mut Tx, prospect_id: &str, user_id: &str) -> Result<(), sqlx::Error> {
    tx.exec(
        "DELETE FROM prospect_shares WHERE prospect_id = $1 AND user_id = $2",
        args![prospect_id, user_id],
    )
    .await
    .map(drop)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::Db;
    use crate::domain::Role;
    use crate::repo::prospects::tests::rep_with_prospect;
    use crate::repo::test_db::repo_tests;
    use crate::repo::users::tests::new_user;

    repo_tests!(
        a_prospect_is_shared_and_unshared_per_user,
        the_owner_of_a_shared_prospect_is_in_the_team_of_whom_it_is_shared_with,
    );

    async fn a_prospect_is_shared_and_unshared_per_user(db: Db) {
        let (_, id) = rep_with_prospect(&db, "k").await;
        let mut colleagues = Vec::new();
        for name in ["amy", "bob"] {
            let user = db
                .create_user(new_user(name, Role::Rep, None))
                .await
                .unwrap();
            colleagues.push(user.id.to_string());
        }
        let (amy, bob) = (&colleagues[0], &colleagues[1]);
        let mut tx = db.read().await.unwrap();
        insert(&mut tx, &id, amy).await.unwrap();
        insert(&mut tx, &id, bob).await.unwrap();
        assert!(is_shared(&mut tx, &id, amy).await.unwrap());
        let mut users = users_of(&mut tx, &id).await.unwrap();
        users.sort();
        let mut expected = colleagues.clone();
        expected.sort();
        assert_eq!(users, expected);
        delete(&mut tx, &id, amy).await.unwrap();
        assert!(!is_shared(&mut tx, &id, amy).await.unwrap());
        assert!(is_shared(&mut tx, &id, bob).await.unwrap());
        assert_eq!(users_of(&mut tx, &id).await.unwrap(), vec![bob.clone()]);
    }

    async fn the_owner_of_a_shared_prospect_is_in_the_team_of_whom_it_is_shared_with(db: Db) {
        let (_, id) = rep_with_prospect(&db, "k").await;
        let amy = db
            .create_user(new_user("amy", Role::Rep, None))
            .await
            .unwrap();
        let amy_id = amy.id.to_string();
        let mut tx = db.read().await.unwrap();
        let names = |team: Vec<crate::repo::users::Account>| {
            team.into_iter().map(|a| a.username).collect::<Vec<_>>()
        };
        let team = crate::repo::users::team(&mut tx, &amy_id, Role::Rep).await;
        assert_eq!(names(team.unwrap()), ["amy"]);
        insert(&mut tx, &id, &amy_id).await.unwrap();
        let team = crate::repo::users::team(&mut tx, &amy_id, Role::Rep).await;
        assert_eq!(names(team.unwrap()), ["amy", "rep"]);
    }
}
