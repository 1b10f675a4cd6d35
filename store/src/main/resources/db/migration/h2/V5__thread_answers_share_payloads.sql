-- Embedded H2. Keep in step with postgresql/V5__thread_answers_share_payloads.sql.

-- A code explained in a chat thread is not explained there again, whichever replica sees the next paste.
-- answer_key is "<platform>:<channel>/<thread>/<code>".
CREATE TABLE thread_answers (
    answer_key  VARCHAR                     NOT NULL PRIMARY KEY,
    answered_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    expires_at  TIMESTAMP(6) WITH TIME ZONE NOT NULL
);
CREATE INDEX thread_answers_expiry ON thread_answers (expires_at);

-- What a "Share in channel" button shares (the command text it answered), so any replica, also after a
-- restart, can post it. Whether it was used is share_claims' business.
CREATE TABLE share_payloads (
    share_id   VARCHAR                     NOT NULL PRIMARY KEY,
    payload    VARCHAR                     NOT NULL,
    created_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    expires_at TIMESTAMP(6) WITH TIME ZONE NOT NULL
);
CREATE INDEX share_payloads_expiry ON share_payloads (expires_at);
