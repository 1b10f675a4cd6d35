-- PostgreSQL. Keep in step with h2/V6__pending_replies.sql.
-- Replies owed for acknowledged events, deleted once delivered; replayed after a restart.
CREATE TABLE pending_replies (
    reply_key   TEXT        NOT NULL PRIMARY KEY,
    platform    VARCHAR(16) NOT NULL,
    workspace   TEXT,
    target      TEXT        NOT NULL,
    payload     TEXT        NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    lease_until TIMESTAMPTZ NOT NULL
);
CREATE INDEX pending_replies_lease ON pending_replies (platform, lease_until);
