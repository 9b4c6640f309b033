-- Idempotency keys are scoped per user: a mutation id one user sent says nothing about
-- another user's mutation with the same id (it is processed as theirs, and never answered
-- `duplicate` with the first user's result). SQLite cannot change a primary key in place.
CREATE TABLE processed_mutations_by_user (
    id           TEXT NOT NULL,
    client_id    TEXT NOT NULL,
    user_id      TEXT NOT NULL REFERENCES users (id),
    name         TEXT NOT NULL,
    status       TEXT NOT NULL,
    reason       TEXT,
    result       TEXT,
    processed_at TEXT NOT NULL,
    PRIMARY KEY (user_id, id)
);
INSERT INTO processed_mutations_by_user
    SELECT id, client_id, user_id, name, status, reason, result, processed_at
    FROM processed_mutations;
DROP TABLE processed_mutations;
ALTER TABLE processed_mutations_by_user RENAME TO processed_mutations;
