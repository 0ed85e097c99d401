-- Every directive set that was served, with its files: the dashboard lists
-- them and can put an earlier one back.
CREATE TABLE directive_versions (
    version   TEXT   PRIMARY KEY,
    loaded_at BIGINT NOT NULL,
    entries   BIGINT NOT NULL,
    files     TEXT   NOT NULL
);
-- The entry a bot answer came from: a correction reaches whoever got it.
ALTER TABLE messages ADD COLUMN entry_id TEXT;
CREATE INDEX messages_entry ON messages (entry_id, created_at);
-- The language a resident last wrote in, for alerts when they chose none.
ALTER TABLE conversations ADD COLUMN seen_lang TEXT;
-- An alert to every subscriber, or a correction to those who got an old answer.
ALTER TABLE broadcasts ADD COLUMN kind TEXT NOT NULL DEFAULT 'alert';
