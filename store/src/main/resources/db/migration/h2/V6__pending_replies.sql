-- Embedded H2. Keep in step with postgresql/V6__pending_replies.sql.
-- Replies owed for acknowledged events, deleted once delivered; replayed after a restart.
CREATE TABLE pending_replies (
    reply_key   VARCHAR                     NOT NULL PRIMARY KEY,
    platform    VARCHAR(16)                 NOT NULL,
    workspace   VARCHAR,
    target      VARCHAR                     NOT NULL,
    payload     CLOB                        NOT NULL,
    created_at  TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    lease_until TIMESTAMP(6) WITH TIME ZONE NOT NULL
);
CREATE INDEX pending_replies_lease ON pending_replies (platform, lease_until);
