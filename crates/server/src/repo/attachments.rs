//! Note photos (`attachments`) and which notes reference them (`note_attachments`): every SQL
//! statement about attachments outside the sync push.

use chrono::{DateTime, TimeDelta, Utc};

use crate::db::Db;
use crate::repo::sql::{args, Tx};

/// One stored photo, for download.
pub struct Stored {
    pub uploader_id: String,
    pub content_type: String,
    pub bytes: Vec<u8>,
}

/// A photo to store.
pub struct NewAttachment<'a> {
    pub id: &'a str,
    pub uploader_id: &'a str,
    pub content_type: &'a str,
    pub bytes: &'a [u8],
    pub now: DateTime<Utc>,
}

/// What a user stores: all their photos, and those no note references (yet).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Usage {
    pub total_bytes: i64,
    pub unreferenced_files: i64,
    pub unreferenced_bytes: i64,
}

/// The uploader of attachment `id`, if it is stored.
pub async fn uploader(tx: &mut Tx, id: &str) -> Result<Option<String>, sqlx::Error> {
    let row: Option<(String,)> = tx
        .opt(
            "SELECT uploader_id FROM attachments WHERE id = $1",
            args![id],
        )
        .await?;
    Ok(row.map(|(uploader,)| uploader))
}

/// The author of the note that references attachment `id`, if one does (the note may be
/// pushed before its photo is uploaded).
pub async fn referencing_author(tx: &mut Tx, id: &str) -> Result<Option<String>, sqlx::Error> {
    let row: Option<(String,)> = tx
        .opt(
            "SELECT author_id FROM note_attachments WHERE attachment_id = $1",
            args![id],
        )
        .await?;
    Ok(row.map(|(author,)| author))
}

/// What `uploader_id` stores now.
pub async fn usage(tx: &mut Tx, uploader_id: &str) -> Result<Usage, sqlx::Error> {
    // SUM of a BIGINT is NUMERIC on PostgreSQL: cast back to decode it as i64.
    let (total_bytes,): (i64,) = tx
        .one(
            "SELECT CAST(COALESCE(SUM(size), 0) AS BIGINT) FROM attachments \
             WHERE uploader_id = $1",
            args![uploader_id],
        )
        .await?;
    let (unreferenced_files, unreferenced_bytes): (i64, i64) = tx
        .one(
            "SELECT COUNT(*), CAST(COALESCE(SUM(a.size), 0) AS BIGINT) FROM attachments a \
             WHERE a.uploader_id = $1 AND NOT EXISTS \
             (SELECT 1 FROM note_attachments n WHERE n.attachment_id = a.id)",
            args![uploader_id],
        )
        .await?;
    Ok(Usage {
        total_bytes,
        unreferenced_files,
        unreferenced_bytes,
    })
}

/// Stores a photo; false if the id was taken meanwhile.
pub async fn insert(tx: &mut Tx, new: NewAttachment<'_>) -> Result<bool, sqlx::Error> {
    let inserted = tx
        .exec(
            "INSERT INTO attachments (id, uploader_id, content_type, size, bytes, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO NOTHING",
            args![
                new.id,
                new.uploader_id,
                new.content_type,
                new.bytes.len() as i64,
                new.bytes.to_vec(),
                new.now
            ],
        )
        .await?;
    Ok(inserted == 1)
}

pub async fn find(tx: &mut Tx, id: &str) -> Result<Option<Stored>, sqlx::Error> {
    let row: Option<(String, String, Vec<u8>)> = tx
        .opt(
            "SELECT uploader_id, content_type, bytes FROM attachments WHERE id = $1",
            args![id],
        )
        .await?;
    Ok(row.map(|(uploader_id, content_type, bytes)| Stored {
        uploader_id,
        content_type,
        bytes,
    }))
}

/// Whether a note by `uploader_id` that references attachment `id` is visible to `user_id`,
/// `deal_condition` being the caller's condition on `records r` (placeholder `$1` = the user).
pub async fn visible_through_note(
    tx: &mut Tx,
    deal_condition: &str,
    user_id: &str,
    id: &str,
    uploader_id: &str,
) -> Result<bool, sqlx::Error> {
    let sql = format!(
        "SELECT r.id FROM note_attachments n JOIN records r ON r.id = n.note_id \
         WHERE n.attachment_id = $2 AND n.author_id = $3 AND {deal_condition} LIMIT 1"
    );
    let visible: Option<(String,)> = tx.opt(&sql, args![user_id, id, uploader_id]).await?;
    Ok(visible.is_some())
}

/// How many orphans one statement of [`Db::sweep_orphan_attachments`] deletes at most, so
/// that a large sweep never holds SQLite's write lock for long.
const SWEEP_BATCH: i64 = 200;

impl Db {
    /// Deletes the attachments that no note references and that were uploaded before
    /// `now - grace` (a phone uploads a photo before pushing its note, so a young orphan is
    /// usually a note on its way). Returns how many were deleted.
    pub async fn sweep_orphan_attachments(
        &self,
        now: DateTime<Utc>,
        grace: TimeDelta,
    ) -> Result<u64, sqlx::Error> {
        let cutoff = now - grace;
        let mut deleted = 0;
        loop {
            let mut tx = self.read().await?;
            let batch = tx
                .exec(
                    "DELETE FROM attachments WHERE id IN (SELECT a.id FROM attachments a \
                     WHERE a.created_at < $1 AND NOT EXISTS \
                     (SELECT 1 FROM note_attachments n WHERE n.attachment_id = a.id) LIMIT $2)",
                    args![cutoff, SWEEP_BATCH],
                )
                .await?;
            tx.commit().await?;
            deleted += batch;
            if batch < SWEEP_BATCH as u64 {
                return Ok(deleted);
            }
        }
    }
}

/// The note that references attachment `id`, if one does.
pub async fn note_of(tx: &mut Tx, id: &str) -> Result<Option<String>, sqlx::Error> {
    let row: Option<(String,)> = tx
        .opt(
            "SELECT note_id FROM note_attachments WHERE attachment_id = $1",
            args![id],
        )
        .await?;
    Ok(row.map(|(note,)| note))
}

/// Records that note `note_id` by `author_id` references attachment `attachment_id`.
pub async fn link_to_note(
    tx: &mut Tx,
    note_id: &str,
    attachment_id: &str,
    author_id: &str,
) -> Result<(), sqlx::Error> {
    tx.exec(
        "INSERT INTO note_attachments (note_id, attachment_id, author_id) VALUES ($1, $2, $3)",
        args![note_id, attachment_id, author_id],
    )
    .await
    .map(drop)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Role;
    use crate::repo::test_db::repo_tests;
    use crate::repo::users::tests::new_user;

    repo_tests!(
        the_sweep_deletes_old_orphans_only,
        usage_counts_all_and_unreferenced_photos,
        a_stored_photo_keeps_its_uploader_and_its_id,
    );

    async fn with_user(db: Db) -> (Db, String) {
        let user = db
            .create_user(new_user("rep1", Role::Rep, None))
            .await
            .unwrap();
        (db, user.id.to_string())
    }

    /// What the sync push records when a note references photo `id`.
    async fn reference(db: &Db, note_id: &str, id: &str, author: &str) {
        let mut tx = db.read().await.unwrap();
        tx.exec(
            "INSERT INTO note_attachments (note_id, attachment_id, author_id) VALUES ($1, $2, $3)",
            args![note_id, id, author],
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
    }

    async fn store(db: &Db, uploader: &str, now: DateTime<Utc>) -> String {
        let id = uuid::Uuid::now_v7().to_string();
        let mut tx = db.read().await.unwrap();
        let new = NewAttachment {
            id: &id,
            uploader_id: uploader,
            content_type: "image/jpeg",
            bytes: b"bytes",
            now,
        };
        assert!(insert(&mut tx, new).await.unwrap());
        tx.commit().await.unwrap();
        id
    }

    async fn exists(db: &Db, id: &str) -> bool {
        find(&mut db.read().await.unwrap(), id)
            .await
            .unwrap()
            .is_some()
    }

    async fn the_sweep_deletes_old_orphans_only(db: Db) {
        let (db, rep) = with_user(db).await;
        let now = Utc::now();
        let old = now - TimeDelta::days(10);
        let old_orphan = store(&db, &rep, old).await;
        let referenced = store(&db, &rep, old).await;
        let recent_orphan = store(&db, &rep, now - TimeDelta::days(1)).await;
        reference(&db, "note-1", &referenced, &rep).await;

        let deleted = db
            .sweep_orphan_attachments(now, TimeDelta::days(7))
            .await
            .unwrap();
        assert_eq!(deleted, 1);
        assert!(!exists(&db, &old_orphan).await);
        assert!(exists(&db, &referenced).await, "a note references it");
        assert!(
            exists(&db, &recent_orphan).await,
            "its note may be on its way"
        );

        // Later, the recent one is old too.
        let later = now + TimeDelta::days(7);
        let deleted = db
            .sweep_orphan_attachments(later, TimeDelta::days(7))
            .await
            .unwrap();
        assert_eq!(deleted, 1);
        assert!(!exists(&db, &recent_orphan).await);
        assert!(exists(&db, &referenced).await);
    }

    async fn usage_counts_all_and_unreferenced_photos(db: Db) {
        let (db, rep) = with_user(db).await;
        let a = store(&db, &rep, Utc::now()).await;
        store(&db, &rep, Utc::now()).await;
        reference(&db, "note-1", &a, &rep).await;
        let mut tx = db.read().await.unwrap();
        assert_eq!(
            usage(&mut tx, &rep).await.unwrap(),
            Usage {
                total_bytes: 10,
                unreferenced_files: 1,
                unreferenced_bytes: 5,
            }
        );
        assert_eq!(usage(&mut tx, "nobody").await.unwrap(), Usage::default());
    }

    async fn a_stored_photo_keeps_its_uploader_and_its_id(db: Db) {
        let (db, rep) = with_user(db).await;
        let id = store(&db, &rep, Utc::now()).await;
        let mut tx = db.read().await.unwrap();
        assert_eq!(uploader(&mut tx, &id).await.unwrap(), Some(rep.clone()));
        assert_eq!(uploader(&mut tx, "unknown").await.unwrap(), None);
        let stored = find(&mut tx, &id).await.unwrap().unwrap();
        assert_eq!(
            (stored.uploader_id.as_str(), stored.content_type.as_str()),
            (rep.as_str(), "image/jpeg")
        );
        assert_eq!(stored.bytes, b"bytes");
        let again = NewAttachment {
            id: &id,
            uploader_id: &rep,
            content_type: "image/png",
            bytes: b"other",
            now: Utc::now(),
        };
        assert!(!insert(&mut tx, again).await.unwrap(), "the id is taken");
        assert_eq!(referencing_author(&mut tx, &id).await.unwrap(), None);
        drop(tx);
        reference(&db, "note-1", &id, &rep).await;
        let mut tx = db.read().await.unwrap();
        assert_eq!(referencing_author(&mut tx, &id).await.unwrap(), Some(rep));
    }
}
