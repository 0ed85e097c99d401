-- Vigie's schema, SQLite flavour. Portable through sqlx's Any driver: times
-- are BIGINT epoch milliseconds, flags INTEGER 0/1, JSON as TEXT.

CREATE TABLE conversations (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    platform        TEXT    NOT NULL,
    chat_id         TEXT    NOT NULL,
    resident_id     TEXT,
    lang            TEXT,
    subscribed      INTEGER NOT NULL DEFAULT 0,
    blocked         INTEGER NOT NULL DEFAULT 0,
    created_at      BIGINT  NOT NULL,
    last_message_at BIGINT  NOT NULL,
    UNIQUE (platform, chat_id)
);

CREATE TABLE messages (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    conversation_id     BIGINT  NOT NULL REFERENCES conversations (id),
    platform            TEXT    NOT NULL,
    platform_message_id TEXT,
    direction           TEXT    NOT NULL,
    author              TEXT    NOT NULL,
    moderator_id        BIGINT,
    ticket_id           BIGINT,
    text                TEXT    NOT NULL,
    decision            TEXT,
    directive_version   TEXT,
    created_at          BIGINT  NOT NULL
);
-- A platform's redelivery of the same message is stored once.
CREATE UNIQUE INDEX messages_platform_message ON messages (platform, platform_message_id);
CREATE INDEX messages_conversation ON messages (conversation_id, id);
CREATE INDEX messages_created ON messages (created_at);

CREATE TABLE tickets (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    conversation_id BIGINT  NOT NULL REFERENCES conversations (id),
    reason          TEXT    NOT NULL,
    priority        INTEGER NOT NULL,
    status          TEXT    NOT NULL,
    claimed_by      BIGINT,
    lease_until     BIGINT,
    opened_at       BIGINT  NOT NULL,
    updated_at      BIGINT  NOT NULL,
    first_reply_at  BIGINT,
    resolved_at     BIGINT
);
-- At most one ticket in progress per conversation.
CREATE UNIQUE INDEX tickets_one_active ON tickets (conversation_id) WHERE status <> 'resolved';
CREATE INDEX tickets_queue ON tickets (status, priority, opened_at);

CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    conversation_id BIGINT,
    platform        TEXT    NOT NULL,
    chat_id         TEXT    NOT NULL,
    kind            TEXT    NOT NULL,
    text            TEXT    NOT NULL,
    payload         TEXT,
    status          TEXT    NOT NULL DEFAULT 'pending',
    attempts        INTEGER NOT NULL DEFAULT 0,
    not_before      BIGINT  NOT NULL,
    taken_until     BIGINT,
    created_at      BIGINT  NOT NULL,
    sent_at         BIGINT,
    last_error      TEXT
);
CREATE INDEX outbox_due ON outbox (status, platform, not_before);

CREATE TABLE moderators (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    name        TEXT   NOT NULL,
    role        TEXT   NOT NULL,
    telegram_id BIGINT,
    discord_id  BIGINT,
    token_hash  TEXT   NOT NULL UNIQUE,
    created_at  BIGINT NOT NULL
);

CREATE TABLE audit (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    at           BIGINT NOT NULL,
    moderator_id BIGINT,
    action       TEXT   NOT NULL,
    ticket_id    BIGINT,
    message_id   BIGINT,
    detail       TEXT
);
CREATE INDEX audit_ticket ON audit (ticket_id);
