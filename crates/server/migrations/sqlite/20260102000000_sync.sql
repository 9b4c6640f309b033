-- Sync: sessions, prospects and their records, approvals, the change sequence, history.
-- Every synced row carries `seq`: the change sequence number of its latest change (see
-- src/sync/seq.rs for why seq order is commit order). Pull reads rows with seq > cursor.

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY NOT NULL,  -- hex SHA-256 of the bearer token
    user_id    TEXT NOT NULL REFERENCES users (id),
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    revoked_at TEXT
);
CREATE INDEX sessions_user_id ON sessions (user_id);

-- One row: the last change sequence number handed out. Writers lock it first.
CREATE TABLE sync_seq (
    id    INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
    value BIGINT NOT NULL
);
INSERT INTO sync_seq (id, value) VALUES (1, 0);

CREATE TABLE prospects (
    id            TEXT PRIMARY KEY NOT NULL,
    owner_id      TEXT REFERENCES users (id),      -- NULL: an unassigned lead
    lead_list     BOOLEAN NOT NULL DEFAULT FALSE,  -- created by the marketing assistant
    data          TEXT NOT NULL,                   -- tuoke_core::types::Prospect as JSON
    stage         TEXT NOT NULL,
    pending_stage TEXT,
    last_contact  TEXT,                            -- YYYY-MM-DD of the latest activity
    dedup_key     TEXT NOT NULL,                   -- normalised company name + phone
    created_by    TEXT NOT NULL REFERENCES users (id),
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    version       BIGINT NOT NULL,
    seq           BIGINT NOT NULL
);
CREATE INDEX prospects_seq ON prospects (seq);
CREATE INDEX prospects_owner_id ON prospects (owner_id);
CREATE INDEX prospects_dedup_key ON prospects (dedup_key);

CREATE TABLE prospect_shares (
    prospect_id TEXT NOT NULL REFERENCES prospects (id),
    user_id     TEXT NOT NULL REFERENCES users (id),
    PRIMARY KEY (prospect_id, user_id)
);
CREATE INDEX prospect_shares_user_id ON prospect_shares (user_id);

-- Notes, activities, quotes, concessions, objections and quiz attempts: append-mostly records
-- whose pulled JSON is `data`. Visible through their prospect (quiz attempts: their author).
CREATE TABLE records (
    id          TEXT PRIMARY KEY NOT NULL,
    entity      TEXT NOT NULL,
    prospect_id TEXT REFERENCES prospects (id),
    author_id   TEXT NOT NULL REFERENCES users (id),
    data        TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    version     BIGINT NOT NULL,
    seq         BIGINT NOT NULL
);
CREATE INDEX records_seq ON records (seq);
CREATE INDEX records_prospect_id ON records (prospect_id, entity);

CREATE TABLE approvals (
    id           TEXT PRIMARY KEY NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('stage_move', 'quote')),
    prospect_id  TEXT NOT NULL REFERENCES prospects (id),
    requested_by TEXT NOT NULL REFERENCES users (id),
    approver_id  TEXT NOT NULL REFERENCES users (id),
    to_stage     TEXT,
    quote_id     TEXT,
    rule         TEXT,
    reason       TEXT,
    status       TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
    decided_by   TEXT REFERENCES users (id),
    comment      TEXT,
    created_at   TEXT NOT NULL,
    decided_at   TEXT,
    version      BIGINT NOT NULL,
    seq          BIGINT NOT NULL
);
CREATE INDEX approvals_seq ON approvals (seq);
CREATE INDEX approvals_prospect_id ON approvals (prospect_id);

-- A record that left a user's view (e.g. its prospect was transferred): pulled as data null.
CREATE TABLE tombstones (
    user_id   TEXT NOT NULL,
    entity    TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    version   BIGINT NOT NULL,
    seq       BIGINT NOT NULL,
    PRIMARY KEY (user_id, entity, entity_id)
);
CREATE INDEX tombstones_user_seq ON tombstones (user_id, seq);

CREATE TABLE processed_mutations (
    id           TEXT PRIMARY KEY NOT NULL,
    client_id    TEXT NOT NULL,
    user_id      TEXT NOT NULL REFERENCES users (id),
    name         TEXT NOT NULL,
    status       TEXT NOT NULL,
    reason       TEXT,
    result       TEXT,
    processed_at TEXT NOT NULL
);

CREATE TABLE field_history (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    prospect_id TEXT NOT NULL REFERENCES prospects (id),
    field       TEXT NOT NULL,
    old_value   TEXT NOT NULL,
    new_value   TEXT NOT NULL,
    changed_by  TEXT NOT NULL REFERENCES users (id),
    changed_at  TEXT NOT NULL,
    mutation_id TEXT
);
CREATE INDEX field_history_prospect_id ON field_history (prospect_id, id);

CREATE TABLE attachments (
    id           TEXT PRIMARY KEY NOT NULL,
    uploader_id  TEXT NOT NULL REFERENCES users (id),
    content_type TEXT NOT NULL,
    size         BIGINT NOT NULL,
    bytes        BLOB NOT NULL,
    created_at   TEXT NOT NULL
);

-- Which note references which attachment (the note may arrive before or after the upload).
CREATE TABLE note_attachments (
    note_id       TEXT NOT NULL,
    attachment_id TEXT NOT NULL,
    author_id     TEXT NOT NULL,
    PRIMARY KEY (note_id, attachment_id)
);
CREATE INDEX note_attachments_attachment_id ON note_attachments (attachment_id);
