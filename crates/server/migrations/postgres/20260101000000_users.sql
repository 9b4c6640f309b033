-- Users of the sync server. Ids are UUIDs stored as text so both backends share one representation.
CREATE TABLE users (
    id            TEXT PRIMARY KEY,
    username      TEXT NOT NULL UNIQUE,
    display_name  TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('rep', 'manager', 'assistant', 'admin')),
    manager_id    TEXT REFERENCES users (id),
    territory     TEXT,
    created_at    TIMESTAMPTZ NOT NULL
);

CREATE INDEX users_manager_id ON users (manager_id);
