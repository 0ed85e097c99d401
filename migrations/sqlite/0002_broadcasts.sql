-- Alerts sent by officials to every subscriber, in each one's language.
CREATE TABLE broadcasts (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    text_fr     TEXT   NOT NULL,
    text_en     TEXT   NOT NULL,
    created_by  BIGINT,
    created_at  BIGINT NOT NULL
);
ALTER TABLE outbox ADD COLUMN broadcast_id BIGINT;
-- Each subscriber gets a broadcast once, however often the fan-out runs.
CREATE UNIQUE INDEX outbox_broadcast_once ON outbox (broadcast_id, conversation_id);
ALTER TABLE messages ADD COLUMN broadcast_id BIGINT;
CREATE UNIQUE INDEX messages_broadcast_once ON messages (broadcast_id, conversation_id);
