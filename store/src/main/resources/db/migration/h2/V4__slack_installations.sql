-- Embedded H2. Keep in step with postgresql/V4__slack_installations.sql.
-- Slack distribution mode: where the app is installed. Tokens are sealed (AES-GCM) by the app before they
-- reach a row; '' stands for "no enterprise" (outside Enterprise Grid) and "no team" (an org-wide install),
-- so the keys stay plain primary keys.
CREATE TABLE slack_bots (
    enterprise_id      VARCHAR(32)                 NOT NULL,
    team_id            VARCHAR(32)                 NOT NULL,
    enterprise_install BOOLEAN                     NOT NULL,
    installed_at       TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    sealed             VARBINARY                   NOT NULL,
    PRIMARY KEY (enterprise_id, team_id)
);
CREATE TABLE slack_installers (
    enterprise_id      VARCHAR(32)                 NOT NULL,
    team_id            VARCHAR(32)                 NOT NULL,
    user_id            VARCHAR(32)                 NOT NULL,
    enterprise_install BOOLEAN                     NOT NULL,
    installed_at       TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    sealed             VARBINARY                   NOT NULL,
    PRIMARY KEY (enterprise_id, team_id, user_id)
);
-- OAuth state values handed to browsers starting an install; each is used once.
CREATE TABLE slack_oauth_states (
    state      VARCHAR(128)                NOT NULL PRIMARY KEY,
    expires_at TIMESTAMP(6) WITH TIME ZONE NOT NULL
);
CREATE INDEX slack_oauth_states_expires_at ON slack_oauth_states (expires_at);
