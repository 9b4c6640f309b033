//! Note photos: decoded before they are stored and served with their true type; per-user
//! quotas on what no note references.

use serde_json::json;
use tuoke_server::routes::attachments::UNREFERENCED_FILES_QUOTA;

use crate::api::*;
use crate::helpers::*;

db_tests!(
    uploads_are_decoded_and_served_with_their_true_type,
    unreferenced_uploads_are_capped_until_notes_reference_them,
);

fn put(
    server: &TestServer,
    client: &Client,
    id: &str,
    content_type: &str,
    body: &[u8],
) -> Response {
    request(
        server.addr,
        "PUT",
        &format!("/api/v1/attachments/{id}"),
        Some(&client.token),
        Some(content_type),
        body,
    )
}

fn uploads_are_decoded_and_served_with_their_true_type(db: TestDb) {
    seed_users(&db);
    let server = spawn_server(&db, &[]);
    let rep1 = login(&server, "rep1");

    // JPEG magic bytes, then a page a browser would run if it sniffed the type.
    let disguised = [
        &b"\xFF\xD8\xFF\xE0"[..],
        b"<html><script>alert(document.cookie)</script></html>",
    ]
    .concat();
    let id = uuid();
    let r = put(&server, &rep1, &id, "image/jpeg", &disguised);
    assert_eq!(r.status, 400, "{}", String::from_utf8_lossy(&r.body));
    assert_eq!(r.error_code(), "invalid_image");
    assert_eq!(rep1.get(&format!("/api/v1/attachments/{id}")).status, 404);

    // A real PNG declared as a JPEG is not what it claims either.
    let png = png_image(24, 3);
    let r = put(&server, &rep1, &uuid(), "image/jpeg", &png);
    assert_eq!((r.status, r.error_code()), (400, "invalid_image".into()));

    for (content_type, bytes) in [("image/png", png), ("image/jpeg", jpeg_image(32, 9))] {
        let id = uuid();
        assert_eq!(put(&server, &rep1, &id, content_type, &bytes).status, 201);
        let r = rep1.get(&format!("/api/v1/attachments/{id}"));
        assert_eq!(r.status, 200);
        assert_eq!(r.body, bytes);
        assert_eq!(r.header("content-type"), Some(content_type));
        assert_eq!(r.header("x-content-type-options"), Some("nosniff"));
        assert!(r.header("content-security-policy").is_some());
    }
}

fn unreferenced_uploads_are_capped_until_notes_reference_them(db: TestDb) {
    seed_users(&db);
    let server = spawn_server(&db, &[]);
    let rep1 = login(&server, "rep1");
    let photo = png_image(2, 1);
    let mut ids = Vec::new();
    for _ in 0..UNREFERENCED_FILES_QUOTA {
        let id = uuid();
        let r = put(&server, &rep1, &id, "image/png", &photo);
        assert_eq!(r.status, 201, "{}", String::from_utf8_lossy(&r.body));
        ids.push(id);
    }
    let refused = put(&server, &rep1, &uuid(), "image/png", &photo);
    assert_eq!(
        refused.status,
        429,
        "{}",
        String::from_utf8_lossy(&refused.body)
    );
    assert_eq!(refused.error_code(), "attachment_quota_exceeded");
    let message = refused.json()["error"]["message"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(message.contains("sync your notes first"), "{message}");
    // A repeated upload of a stored photo is no new photo: still fine.
    assert_eq!(
        put(&server, &rep1, &ids[0], "image/png", &photo).status,
        200
    );
    // Another user is not affected.
    let rep2 = login(&server, "rep2");
    assert_eq!(
        put(&server, &rep2, &uuid(), "image/png", &photo).status,
        201
    );

    // Once a note references some of them, there is room again.
    let prospect = uuid();
    let r = rep1.mutate("prospect.put", new_prospect(&prospect, "Photo Co"));
    assert_eq!(r["status"], "applied", "{r}");
    let r = rep1.mutate(
        "note.add",
        json!({"id": uuid(), "prospect_id": prospect, "body": "visit", "kind": "visit",
            "taken_at": "2026-11-27T09:00:00Z", "attachment_ids": [ids[0], ids[1]]}),
    );
    assert_eq!(r["status"], "applied", "{r}");
    assert_eq!(
        put(&server, &rep1, &uuid(), "image/png", &photo).status,
        201
    );
}
