-- Where each ticket's card sits in a moderators' chat (Telegram group,
-- Discord channel), and which revision of the ticket it shows: a card is
-- edited whenever tickets.updated_at moves past shown_at.
CREATE TABLE ticket_cards (
    ticket_id  BIGINT NOT NULL,
    platform   TEXT   NOT NULL,
    chat_id    TEXT   NOT NULL,
    message_id TEXT   NOT NULL,
    shown_at   BIGINT NOT NULL,
    PRIMARY KEY (ticket_id, platform)
);
CREATE INDEX ticket_cards_message ON ticket_cards (platform, chat_id, message_id);
CREATE INDEX tickets_updated ON tickets (updated_at);
-- Each chat's queue in order: the head of every chat is what take_outbox looks for.
CREATE INDEX outbox_chat ON outbox (platform, chat_id, status, id);
