//! Durable state on SQLite (default, one file) or PostgreSQL (several
//! processes), through one code path: sqlx's `Any` driver, `$1` placeholders,
//! BIGINT epoch milliseconds, TEXT for JSON.
//!
//! - conversations and messages: unique on (platform, platform message id),
//!   so a redelivered message is stored once;
//! - tickets: the moderators' queue, with leases and atomic claims;
//! - outbox: every outgoing message is a row first; senders take rows under a
//!   lease, deliver, mark them sent; a crash between take and send redelivers;
//! - moderators (only a hash of their token is kept) and the audit trail.
//!
//! A `Store` is a handle: cloning it is shallow (the pool is shared).

use std::str::FromStr;
use std::time::Duration;

use anyhow::Context;
use serde::Serialize;
use sha2::{Digest, Sha256};
use sqlx::any::{AnyConnectOptions, AnyPoolOptions, AnyRow};
// Dynamic SQL here only ever splices constant fragments chosen in code
// (a lock clause, a column name, a status filter), never input.
use sqlx::{AnyPool, AssertSqlSafe, Row, Transaction};

use crate::clock::Clock;

static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

/// How long a moderator's claim lasts without activity.
pub const DEFAULT_LEASE_MS: i64 = 10 * 60 * 1000;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

#[derive(Clone, Debug)]
pub struct Store {
    pool: AnyPool,
    backend: Backend,
    clock: Clock,
    /// One SQLite writer at a time in this process (see [`Tx`]).
    writer: std::sync::Arc<tokio::sync::Mutex<()>>,
}

/// A message as a channel received it.
#[derive(Clone, Debug, Default)]
pub struct Inbound {
    pub platform: String,
    pub chat_id: String,
    pub resident_id: Option<String>,
    /// The platform's id of the message: storing the same id twice is a no-op.
    pub platform_message_id: Option<String>,
    pub text: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Conversation {
    pub id: i64,
    pub platform: String,
    pub chat_id: String,
    pub lang: Option<String>,
    pub subscribed: bool,
    pub blocked: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Ticket {
    pub id: i64,
    pub conversation_id: i64,
    pub reason: String,
    pub priority: i64,
    pub status: String,
    pub claimed_by: Option<i64>,
    pub lease_until: Option<i64>,
    pub opened_at: i64,
    pub platform: String,
    pub chat_id: String,
    pub lang: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct StoredMessage {
    pub id: i64,
    pub direction: String,
    pub author: String,
    pub text: String,
    pub at: i64,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutboxItem {
    pub id: i64,
    pub conversation_id: Option<i64>,
    pub platform: String,
    pub chat_id: String,
    pub kind: String,
    pub text: String,
    pub payload: Option<String>,
    pub attempts: i64,
}

/// What a new outgoing message holds, before it has a row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewOutbox {
    pub conversation_id: Option<i64>,
    pub platform: String,
    pub chat_id: String,
    pub kind: String,
    pub text: String,
    pub payload: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Moderator,
    Official,
}

impl FromStr for Role {
    type Err = anyhow::Error;
    fn from_str(s: &str) -> anyhow::Result<Role> {
        match s {
            "moderator" => Ok(Role::Moderator),
            "official" => Ok(Role::Official),
            other => anyhow::bail!("unknown role `{other}` (moderator or official)"),
        }
    }
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Moderator => "moderator",
            Role::Official => "official",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Moderator {
    pub id: i64,
    pub name: String,
    pub role: Role,
    pub telegram_id: Option<i64>,
    pub discord_id: Option<i64>,
}

/// Why a moderator's action on a ticket was refused.
#[derive(Debug, thiserror::Error)]
pub enum TicketError {
    #[error("no such ticket")]
    NotFound,
    #[error("the ticket is held by another moderator")]
    HeldByOther,
    #[error("the ticket is not claimed by you")]
    NotHolder,
    #[error("the ticket is resolved")]
    Resolved,
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

/// What `purge` erased.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Purged {
    pub messages: u64,
    pub conversations: u64,
    pub outbox: u64,
}

/// A write transaction. On SQLite it also holds this process's writer
/// lock: writers queue in memory rather than in SQLite's busy handler, whose
/// sleeps would cost more than the writes.
pub struct Tx {
    tx: Transaction<'static, sqlx::Any>,
    _writer: Option<tokio::sync::OwnedMutexGuard<()>>,
}

impl Tx {
    /// The connection, to run statements on.
    pub fn conn(&mut self) -> &mut sqlx::AnyConnection {
        &mut self.tx
    }

    pub async fn commit(self) -> Result<(), sqlx::Error> {
        self.tx.commit().await
    }

    pub async fn rollback(self) -> Result<(), sqlx::Error> {
        self.tx.rollback().await
    }
}

impl Store {
    /// Connects (creating a SQLite file if needed) and applies the migrations.
    pub async fn connect(url: &str, clock: Clock) -> anyhow::Result<Store> {
        sqlx::any::install_default_drivers();
        let backend = if url.starts_with("sqlite:") {
            Backend::Sqlite
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Backend::Postgres
        } else {
            anyhow::bail!("unsupported database URL `{url}`: use sqlite://FILE or postgres://…");
        };
        let url = match backend {
            // Create the file on first run.
            Backend::Sqlite if !url.contains("mode=") => {
                format!("{url}{}mode=rwc", if url.contains('?') { '&' } else { '?' })
            }
            _ => url.to_string(),
        };
        let options = AnyConnectOptions::from_str(&url).with_context(|| format!("bad database URL `{url}`"))?;
        let pool = AnyPoolOptions::new()
            .max_connections(if backend == Backend::Sqlite { 4 } else { 10 })
            .acquire_timeout(Duration::from_secs(10))
            .after_connect(move |conn, _| {
                Box::pin(async move {
                    if backend == Backend::Sqlite {
                        // WAL lets readers work while one writer commits;
                        // NORMAL syncs at checkpoints: a crash of the process
                        // loses nothing committed.
                        sqlx::query("PRAGMA journal_mode = WAL").execute(&mut *conn).await?;
                        sqlx::query("PRAGMA synchronous = NORMAL").execute(&mut *conn).await?;
                        sqlx::query("PRAGMA busy_timeout = 10000").execute(&mut *conn).await?;
                        sqlx::query("PRAGMA foreign_keys = ON").execute(&mut *conn).await?;
                    }
                    Ok(())
                })
            })
            .connect_with(options)
            .await
            .with_context(|| format!("cannot connect to the database at {}", redact(&url)))?;
        let store = Store { pool, backend, clock, writer: Default::default() };
        store.migrate().await?;
        Ok(store)
    }

    pub async fn migrate(&self) -> anyhow::Result<()> {
        let migrator = match self.backend {
            Backend::Sqlite => &SQLITE_MIGRATIONS,
            Backend::Postgres => &POSTGRES_MIGRATIONS,
        };
        migrator.run(&self.pool).await.context("failed to apply the database migrations")
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    pub fn clock(&self) -> &Clock {
        &self.clock
    }

    pub fn now_ms(&self) -> i64 {
        self.clock.now_ms()
    }

    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    /// A write transaction. On SQLite it takes the write lock at once
    /// (`BEGIN IMMEDIATE`), so two writers queue on the busy timeout instead
    /// of failing when a read lock turns into a write.
    pub async fn begin(&self) -> Result<Tx, sqlx::Error> {
        match self.backend {
            Backend::Sqlite => {
                let writer = self.writer.clone().lock_owned().await;
                let tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
                Ok(Tx { tx, _writer: Some(writer) })
            }
            Backend::Postgres => Ok(Tx { tx: self.pool.begin().await?, _writer: None }),
        }
    }

    /// A transaction for the outbox's bookkeeping (taking rows, marking them
    /// sent). On PostgreSQL it commits without waiting for the disk: if the
    /// server crashed just after, the mark would be lost and the row sent
    /// again, which at-least-once delivery allows anyway, and the sender is
    /// not held to one disk flush per message.
    async fn begin_bookkeeping(&self) -> Result<Tx, sqlx::Error> {
        let mut tx = self.begin().await?;
        if self.backend == Backend::Postgres {
            sqlx::query("SET LOCAL synchronous_commit TO OFF").execute(tx.conn()).await?;
        }
        Ok(tx)
    }

    /// Leadership of a task among the processes sharing this database (the
    /// one Telegram poller, say): `Some` while this process holds the
    /// PostgreSQL advisory lock `key`, kept by a connection of its own and
    /// released when that connection closes (the process died: another
    /// takes over). On SQLite there is one process: always `Some`.
    pub async fn try_lead(&self, key: i64) -> Result<Option<Leadership>, sqlx::Error> {
        if self.backend == Backend::Sqlite {
            return Ok(Some(Leadership { conn: None }));
        }
        let mut conn = self.pool.acquire().await?.detach();
        let held: bool = sqlx::query("SELECT pg_try_advisory_lock($1)").bind(key).fetch_one(&mut conn).await?.get(0);
        Ok(held.then_some(Leadership { conn: Some(conn) }))
    }

    // ---- conversations and messages ----------------------------------------

    /// The conversation of (platform, chat id), created if new.
    /// `seen_lang`: the language the resident just wrote in, if it tells
    /// (alerts use it when they chose none).
    pub async fn upsert_conversation(
        &self,
        tx: &mut Tx,
        platform: &str,
        chat_id: &str,
        resident_id: Option<&str>,
        seen_lang: Option<&str>,
    ) -> Result<Conversation, sqlx::Error> {
        let now = self.now_ms();
        let row = sqlx::query(
            "INSERT INTO conversations (platform, chat_id, resident_id, created_at, last_message_at, seen_lang)
             VALUES ($1, $2, $3, $4, $4, $5)
             ON CONFLICT (platform, chat_id) DO UPDATE SET last_message_at = excluded.last_message_at,
                seen_lang = COALESCE(excluded.seen_lang, conversations.seen_lang)
             RETURNING id, platform, chat_id, lang, subscribed, blocked",
        )
        .bind(platform)
        .bind(chat_id)
        .bind(resident_id)
        .bind(now)
        .bind(seen_lang)
        .fetch_one(tx.conn())
        .await?;
        Ok(conversation_from(&row))
    }

    pub async fn conversation(&self, platform: &str, chat_id: &str) -> Result<Option<Conversation>, sqlx::Error> {
        let row = sqlx::query(
            "SELECT id, platform, chat_id, lang, subscribed, blocked FROM conversations WHERE platform = $1 AND chat_id = $2",
        )
        .bind(platform)
        .bind(chat_id)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.as_ref().map(conversation_from))
    }

    pub async fn set_language(&self, conversation_id: i64, lang: &str) -> Result<(), sqlx::Error> {
        sqlx::query("UPDATE conversations SET lang = $1 WHERE id = $2")
            .bind(lang)
            .bind(conversation_id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    pub async fn set_subscribed(&self, conversation_id: i64, subscribed: bool) -> Result<(), sqlx::Error> {
        sqlx::query("UPDATE conversations SET subscribed = $1 WHERE id = $2")
            .bind(i64::from(subscribed))
            .bind(conversation_id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// The same changes as [`Store::set_language`] and
    /// [`Store::set_subscribed`], inside a transaction.
    pub async fn update_conversation(
        &self,
        tx: &mut Tx,
        conversation_id: i64,
        lang: Option<&str>,
        subscribed: Option<bool>,
    ) -> Result<(), sqlx::Error> {
        sqlx::query(
            "UPDATE conversations SET lang = COALESCE($1, lang), subscribed = COALESCE($2, subscribed) WHERE id = $3",
        )
        .bind(lang)
        .bind(subscribed.map(i64::from))
        .bind(conversation_id)
        .execute(tx.conn())
        .await?;
        Ok(())
    }

    /// The resident blocked the bot: nothing more is sent to them.
    pub async fn set_blocked(&self, platform: &str, chat_id: &str) -> Result<(), sqlx::Error> {
        sqlx::query("UPDATE conversations SET blocked = 1 WHERE platform = $1 AND chat_id = $2")
            .bind(platform)
            .bind(chat_id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Stores an inbound message; `None` when the platform's message id was
    /// stored before (a redelivery).
    pub async fn insert_inbound(
        &self,
        tx: &mut Tx,
        conversation: &Conversation,
        inbound: &Inbound,
        decision_json: Option<&str>,
    ) -> Result<Option<i64>, sqlx::Error> {
        let row = sqlx::query(
            "INSERT INTO messages (conversation_id, platform, platform_message_id, direction, author, text, decision, created_at)
             VALUES ($1, $2, $3, 'in', 'resident', $4, $5, $6)
             ON CONFLICT (platform, platform_message_id) DO NOTHING
             RETURNING id",
        )
        .bind(conversation.id)
        .bind(&inbound.platform)
        .bind(inbound.platform_message_id.as_deref())
        .bind(storable(&inbound.text).into_owned())
        .bind(decision_json)
        .bind(self.now_ms())
        .fetch_optional(tx.conn())
        .await?;
        Ok(row.map(|r| r.get::<i64, _>(0)))
    }

    #[allow(clippy::too_many_arguments)]
    pub async fn insert_message(
        &self,
        tx: &mut Tx,
        conversation_id: i64,
        platform: &str,
        author: &str,
        moderator_id: Option<i64>,
        ticket_id: Option<i64>,
        text: &str,
        directive_version: Option<&str>,
        entry_id: Option<&str>,
    ) -> Result<i64, sqlx::Error> {
        let row = sqlx::query(
            "INSERT INTO messages (conversation_id, platform, direction, author, moderator_id, ticket_id, text, directive_version, created_at, entry_id)
             VALUES ($1, $2, 'out', $3, $4, $5, $6, $7, $8, $9)
             RETURNING id",
        )
        .bind(conversation_id)
        .bind(platform)
        .bind(author)
        .bind(moderator_id)
        .bind(ticket_id)
        .bind(storable(text).into_owned())
        .bind(directive_version)
        .bind(self.now_ms())
        .bind(entry_id)
        .fetch_one(tx.conn())
        .await?;
        Ok(row.get::<i64, _>(0))
    }

    /// How many messages a resident sent in this conversation since `since_ms`
    /// (the one being stored included), counted up to `cap`: the newest
    /// first, so a flood of thousands costs no more than `cap` rows.
    pub async fn recent_inbound(
        &self,
        tx: &mut Tx,
        conversation_id: i64,
        since_ms: i64,
        cap: i64,
    ) -> Result<i64, sqlx::Error> {
        let row = sqlx::query(
            "SELECT COUNT(*) FROM (
                SELECT created_at FROM messages WHERE conversation_id = $1 AND direction = 'in'
                ORDER BY id DESC LIMIT $3
             ) recent WHERE created_at >= $2",
        )
        .bind(conversation_id)
        .bind(since_ms)
        .bind(cap)
        .fetch_one(tx.conn())
        .await?;
        Ok(row.get(0))
    }

    /// Records the ticket an inbound message opened or joined.
    pub async fn attach_to_ticket(&self, tx: &mut Tx, message_id: i64, ticket_id: i64) -> Result<(), sqlx::Error> {
        sqlx::query("UPDATE messages SET ticket_id = $1 WHERE id = $2")
            .bind(ticket_id)
            .bind(message_id)
            .execute(tx.conn())
            .await?;
        Ok(())
    }

    /// Messages of a conversation after `after` (an id), oldest first.
    pub async fn messages(
        &self,
        conversation_id: i64,
        after: i64,
        limit: i64,
    ) -> Result<Vec<StoredMessage>, sqlx::Error> {
        let rows = sqlx::query(
            "SELECT id, direction, author, text, created_at FROM messages
             WHERE conversation_id = $1 AND id > $2 ORDER BY id LIMIT $3",
        )
        .bind(conversation_id)
        .bind(after)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .iter()
            .map(|r| StoredMessage {
                id: r.get(0),
                direction: r.get(1),
                author: r.get(2),
                text: r.get(3),
                at: r.get(4),
            })
            .collect())
    }

    pub async fn count_messages(&self) -> Result<i64, sqlx::Error> {
        sqlx::query("SELECT COUNT(*) FROM messages").fetch_one(&self.pool).await.map(|r| r.get::<i64, _>(0))
    }

    // ---- tickets -------------------------------------------------------------

    pub async fn active_ticket(
        &self,
        tx: &mut Tx,
        conversation_id: i64,
    ) -> Result<Option<(i64, String, i64)>, sqlx::Error> {
        let row =
            sqlx::query("SELECT id, status, priority FROM tickets WHERE conversation_id = $1 AND status <> 'resolved'")
                .bind(conversation_id)
                .fetch_optional(tx.conn())
                .await?;
        Ok(row.map(|r| (r.get(0), r.get(1), r.get(2))))
    }

    pub async fn open_ticket(
        &self,
        tx: &mut Tx,
        conversation_id: i64,
        reason: &str,
        priority: i64,
    ) -> Result<i64, sqlx::Error> {
        let now = self.now_ms();
        let row = sqlx::query(
            "INSERT INTO tickets (conversation_id, reason, priority, status, opened_at, updated_at)
             VALUES ($1, $2, $3, 'open', $4, $4) RETURNING id",
        )
        .bind(conversation_id)
        .bind(reason)
        .bind(priority)
        .bind(now)
        .fetch_one(tx.conn())
        .await?;
        let id = row.get::<i64, _>(0);
        self.audit(tx, None, "ticket_opened", Some(id), None, Some(reason)).await?;
        Ok(id)
    }

    /// A resident wrote again on an active ticket: an answered ticket goes back
    /// to the queue, and distress raises its priority.
    pub async fn follow_up(&self, tx: &mut Tx, ticket_id: i64, distress: bool) -> Result<(), sqlx::Error> {
        let now = self.now_ms();
        sqlx::query(
            "UPDATE tickets SET
                status = CASE WHEN status = 'answered' THEN 'open' ELSE status END,
                lease_until = CASE WHEN status = 'answered' THEN NULL ELSE lease_until END,
                claimed_by = CASE WHEN status = 'answered' THEN NULL ELSE claimed_by END,
                priority = CASE WHEN $1 = 1 THEN 1 ELSE priority END,
                reason = CASE WHEN $1 = 1 THEN 'distress' ELSE reason END,
                updated_at = $2
             WHERE id = $3",
        )
        .bind(i64::from(distress))
        .bind(now)
        .bind(ticket_id)
        .execute(tx.conn())
        .await?;
        if distress {
            self.audit(tx, None, "ticket_distress", Some(ticket_id), None, None).await?;
        }
        Ok(())
    }

    /// Tickets in queue order (priority, then oldest), by status:
    /// `open` (unclaimed, or whose lease ran out), `claimed`, `answered`,
    /// `resolved`, or `active` (all but resolved).
    pub async fn tickets(&self, status: &str, limit: i64) -> Result<Vec<Ticket>, sqlx::Error> {
        let now = self.now_ms();
        let filter = match status {
            "open" => "(t.status = 'open' OR (t.status = 'claimed' AND t.lease_until < $1))",
            "claimed" => "(t.status = 'claimed' AND t.lease_until >= $1)",
            "answered" => "(t.status = 'answered' AND $1 = $1)",
            "resolved" => "(t.status = 'resolved' AND $1 = $1)",
            _ => "(t.status <> 'resolved' AND $1 = $1)",
        };
        let sql = format!(
            "SELECT t.id, t.conversation_id, t.reason, t.priority,
                    CASE WHEN t.status = 'claimed' AND t.lease_until < $1 THEN 'open' ELSE t.status END,
                    CASE WHEN t.status = 'claimed' AND t.lease_until < $1 THEN NULL ELSE t.claimed_by END,
                    t.lease_until, t.opened_at, c.platform, c.chat_id, c.lang
             FROM tickets t JOIN conversations c ON c.id = t.conversation_id
             WHERE {filter}
             ORDER BY t.priority, t.opened_at, t.id
             LIMIT $2"
        );
        let rows = sqlx::query(AssertSqlSafe(sql)).bind(now).bind(limit).fetch_all(&self.pool).await?;
        Ok(rows.iter().map(ticket_from).collect())
    }

    pub async fn ticket(&self, id: i64) -> Result<Option<Ticket>, sqlx::Error> {
        let now = self.now_ms();
        let row = sqlx::query(
            "SELECT t.id, t.conversation_id, t.reason, t.priority,
                    CASE WHEN t.status = 'claimed' AND t.lease_until < $1 THEN 'open' ELSE t.status END,
                    CASE WHEN t.status = 'claimed' AND t.lease_until < $1 THEN NULL ELSE t.claimed_by END,
                    t.lease_until, t.opened_at, c.platform, c.chat_id, c.lang
             FROM tickets t JOIN conversations c ON c.id = t.conversation_id WHERE t.id = $2",
        )
        .bind(now)
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.as_ref().map(ticket_from))
    }

    /// Claims a ticket for `lease_ms`. Atomic: of two moderators claiming at
    /// once, exactly one wins; the holder may claim again to renew the lease;
    /// a lapsed lease can be taken over.
    pub async fn claim(&self, ticket_id: i64, moderator_id: i64, lease_ms: i64) -> Result<Ticket, TicketError> {
        let now = self.now_ms();
        let mut tx = self.begin().await?;
        let updated = sqlx::query(
            "UPDATE tickets SET status = 'claimed', claimed_by = $1, lease_until = $2, updated_at = $3
             WHERE id = $4 AND (
                status = 'open'
                OR (status IN ('claimed', 'answered') AND claimed_by = $1)
                OR (status = 'claimed' AND lease_until < $3)
             )
             RETURNING id",
        )
        .bind(moderator_id)
        .bind(now + lease_ms)
        .bind(now)
        .bind(ticket_id)
        .fetch_optional(tx.conn())
        .await?;
        if updated.is_none() {
            return Err(refusal(tx, ticket_id).await);
        }
        self.audit(&mut tx, Some(moderator_id), "claim", Some(ticket_id), None, None).await?;
        tx.commit().await?;
        self.ticket(ticket_id).await?.ok_or(TicketError::NotFound)
    }

    /// Takes the first ticket of the queue for `moderator_id`, if any. On
    /// PostgreSQL concurrent takers skip each other's rows (`SKIP LOCKED`).
    pub async fn claim_next(&self, moderator_id: i64, lease_ms: i64) -> Result<Option<Ticket>, TicketError> {
        let now = self.now_ms();
        let lock = if self.backend == Backend::Postgres { "FOR UPDATE SKIP LOCKED" } else { "" };
        let mut tx = self.begin().await?;
        let sql = format!(
            "UPDATE tickets SET status = 'claimed', claimed_by = $1, lease_until = $2, updated_at = $3
             WHERE id = (
                SELECT id FROM tickets
                WHERE status = 'open' OR (status = 'claimed' AND lease_until < $3)
                ORDER BY priority, opened_at, id LIMIT 1 {lock}
             ) RETURNING id"
        );
        let row = sqlx::query(AssertSqlSafe(sql))
            .bind(moderator_id)
            .bind(now + lease_ms)
            .bind(now)
            .fetch_optional(tx.conn())
            .await?;
        let Some(row) = row else {
            tx.rollback().await?;
            return Ok(None);
        };
        let id: i64 = row.get(0);
        self.audit(&mut tx, Some(moderator_id), "claim", Some(id), None, None).await?;
        tx.commit().await?;
        Ok(self.ticket(id).await?)
    }

    /// A moderator's reply: stored, queued for the resident's platform, the
    /// ticket marked answered. Only the holder of the claim may reply.
    pub async fn reply(&self, ticket_id: i64, moderator_id: i64, text: &str) -> Result<i64, TicketError> {
        let id = self.reply_keyed(ticket_id, moderator_id, text, None).await?;
        Ok(id.expect("a reply without a key is never a duplicate"))
    }

    /// [`Store::reply`] for a reply that a platform may deliver twice (a
    /// moderator's Telegram message): `key` is stored with it, and a second
    /// reply with the same key does nothing and returns `None`.
    pub async fn reply_keyed(
        &self,
        ticket_id: i64,
        moderator_id: i64,
        text: &str,
        key: Option<&str>,
    ) -> Result<Option<i64>, TicketError> {
        let now = self.now_ms();
        let mut tx = self.begin().await?;

        let row = sqlx::query(
            "SELECT t.status, t.claimed_by, t.lease_until, t.conversation_id, c.platform, c.chat_id
             FROM tickets t JOIN conversations c ON c.id = t.conversation_id WHERE t.id = $1",
        )
        .bind(ticket_id)
        .fetch_optional(tx.conn())
        .await?;
        let Some(row) = row else { return Err(TicketError::NotFound) };
        let status: String = row.get(0);
        let claimed_by: Option<i64> = row.get(1);
        let lease_until: Option<i64> = row.get(2);
        if status == "resolved" {
            return Err(TicketError::Resolved);
        }
        let holds = claimed_by == Some(moderator_id)
            && (status == "answered" || (status == "claimed" && lease_until.is_some_and(|l| l >= now)));
        if !holds {
            return Err(TicketError::NotHolder);
        }
        let conversation_id: i64 = row.get(3);
        let platform: String = row.get(4);
        let chat_id: String = row.get(5);
        // The key is stored under the resident's platform with a prefix no
        // resident message id has.
        let key = key.map(|k| format!("moderator:{k}"));
        if let Some(key) = &key {
            let seen = sqlx::query("SELECT id FROM messages WHERE platform = $1 AND platform_message_id = $2")
                .bind(&platform)
                .bind(key)
                .fetch_optional(tx.conn())
                .await?;
            if seen.is_some() {
                return Ok(None);
            }
        }
        let message_id = self
            .insert_message(
                &mut tx,
                conversation_id,
                &platform,
                "moderator",
                Some(moderator_id),
                Some(ticket_id),
                text,
                None,
                None,
            )
            .await?;
        self.enqueue(
            &mut tx,
            &NewOutbox {
                conversation_id: Some(conversation_id),
                platform,
                chat_id,
                kind: "moderator".into(),
                text: text.into(),
                payload: None,
            },
        )
        .await?;
        sqlx::query(
            "UPDATE tickets SET status = 'answered', lease_until = $1, updated_at = $2,
                first_reply_at = COALESCE(first_reply_at, $2) WHERE id = $3",
        )
        .bind(now + DEFAULT_LEASE_MS)
        .bind(now)
        .bind(ticket_id)
        .execute(tx.conn())
        .await?;
        if let Some(key) = &key {
            sqlx::query("UPDATE messages SET platform_message_id = $1 WHERE id = $2")
                .bind(key)
                .bind(message_id)
                .execute(tx.conn())
                .await?;
        }
        self.audit(&mut tx, Some(moderator_id), "reply", Some(ticket_id), Some(message_id), None).await?;
        tx.commit().await?;
        Ok(Some(message_id))
    }

    /// Resolves a ticket: the holder, or anyone when nobody holds it.
    pub async fn resolve(&self, ticket_id: i64, moderator_id: i64) -> Result<(), TicketError> {
        let now = self.now_ms();
        let mut tx = self.begin().await?;
        let updated = sqlx::query(
            "UPDATE tickets SET status = 'resolved', resolved_at = $1, updated_at = $1, lease_until = NULL
             WHERE id = $2 AND status <> 'resolved'
               AND (claimed_by IS NULL OR claimed_by = $3 OR status = 'open' OR lease_until < $1)
             RETURNING id",
        )
        .bind(now)
        .bind(ticket_id)
        .bind(moderator_id)
        .fetch_optional(tx.conn())
        .await?;
        if updated.is_none() {
            return Err(refusal(tx, ticket_id).await);
        }
        self.audit(&mut tx, Some(moderator_id), "resolve", Some(ticket_id), None, None).await?;
        tx.commit().await?;
        Ok(())
    }

    // ---- outbox --------------------------------------------------------------

    pub async fn enqueue(&self, tx: &mut Tx, item: &NewOutbox) -> Result<i64, sqlx::Error> {
        let now = self.now_ms();
        let row = sqlx::query(
            "INSERT INTO outbox (conversation_id, platform, chat_id, kind, text, payload, status, attempts, not_before, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, 'pending', 0, $7, $7) RETURNING id",
        )
        .bind(item.conversation_id)
        .bind(&item.platform)
        .bind(&item.chat_id)
        .bind(&item.kind)
        .bind(storable(&item.text).into_owned())
        .bind(item.payload.as_deref())
        .bind(now)
        .fetch_one(tx.conn())
        .await?;
        Ok(row.get::<i64, _>(0))
    }

    /// Takes up to `limit` due rows of `platform` under a lease of
    /// `lease_ms`: until it lapses nobody else takes them; if the taker dies
    /// before marking them, they are taken again (at-least-once delivery).
    ///
    /// Only the oldest pending row of each chat is taken: a chat's messages
    /// go in order, one at a time (a row waiting for its retry holds back
    /// those behind it), and a chat with thousands queued cannot crowd the
    /// others out of a batch.
    pub async fn take_outbox(&self, platform: &str, limit: i64, lease_ms: i64) -> Result<Vec<OutboxItem>, sqlx::Error> {
        let now = self.now_ms();
        let lock = if self.backend == Backend::Postgres { "FOR UPDATE SKIP LOCKED" } else { "" };
        let sql = format!(
            "UPDATE outbox SET taken_until = $1, attempts = attempts + 1
             WHERE id IN (
                SELECT id FROM outbox o
                WHERE status = 'pending' AND platform = $2 AND not_before <= $3
                  AND (taken_until IS NULL OR taken_until < $3)
                  AND NOT EXISTS (
                    SELECT 1 FROM outbox e
                    WHERE e.platform = o.platform AND e.chat_id = o.chat_id AND e.status = 'pending' AND e.id < o.id
                  )
                ORDER BY id LIMIT $4 {lock}
             )
             RETURNING id, conversation_id, platform, chat_id, kind, text, payload, attempts"
        );
        let mut tx = self.begin_bookkeeping().await?;
        let rows = sqlx::query(AssertSqlSafe(sql))
            .bind(now + lease_ms)
            .bind(platform)
            .bind(now)
            .bind(limit)
            .fetch_all(tx.conn())
            .await?;
        tx.commit().await?;
        let mut items: Vec<OutboxItem> = rows
            .iter()
            .map(|r| OutboxItem {
                id: r.get(0),
                conversation_id: r.get(1),
                platform: r.get(2),
                chat_id: r.get(3),
                kind: r.get(4),
                text: r.get(5),
                payload: r.get(6),
                attempts: r.get(7),
            })
            .collect();
        items.sort_by_key(|i| i.id);
        Ok(items)
    }

    pub async fn mark_sent(&self, id: i64) -> Result<(), sqlx::Error> {
        sqlx::query("UPDATE outbox SET status = 'sent', sent_at = $1, taken_until = NULL WHERE id = $2")
            .bind(self.now_ms())
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// [`Store::mark_sent`] for many rows in one statement (one commit).
    pub async fn mark_sent_many(&self, ids: &[i64]) -> Result<(), sqlx::Error> {
        if ids.is_empty() {
            return Ok(());
        }
        let list: Vec<String> = ids.iter().map(i64::to_string).collect();
        let sql = format!(
            "UPDATE outbox SET status = 'sent', sent_at = $1, taken_until = NULL WHERE id IN ({})",
            list.join(", ")
        );
        let mut tx = self.begin_bookkeeping().await?;
        sqlx::query(AssertSqlSafe(sql)).bind(self.now_ms()).execute(tx.conn()).await?;
        tx.commit().await?;
        Ok(())
    }

    /// A failed delivery: retried after `retry_after_ms` (the platform's
    /// `retry_after`, or an exponential backoff), given up after
    /// `max_attempts` (status `failed`).
    pub async fn mark_retry(
        &self,
        id: i64,
        retry_after_ms: i64,
        error: &str,
        max_attempts: i64,
    ) -> Result<(), sqlx::Error> {
        sqlx::query(
            "UPDATE outbox SET taken_until = NULL, not_before = $1, last_error = $2,
                status = CASE WHEN attempts >= $3 THEN 'failed' ELSE 'pending' END
             WHERE id = $4",
        )
        .bind(self.now_ms() + retry_after_ms.max(0))
        .bind(error)
        .bind(max_attempts)
        .bind(id)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Delivery is impossible (the resident blocked the bot, the chat is gone).
    pub async fn mark_failed(&self, id: i64, error: &str) -> Result<(), sqlx::Error> {
        sqlx::query("UPDATE outbox SET status = 'failed', taken_until = NULL, last_error = $1 WHERE id = $2")
            .bind(error)
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Puts a taken row back without counting an attempt: it was not tried
    /// (its chat's pace) or the platform asked to wait (`retry_after`).
    pub async fn release(&self, id: i64, not_before_ms: i64, error: Option<&str>) -> Result<(), sqlx::Error> {
        sqlx::query(
            "UPDATE outbox SET taken_until = NULL, not_before = $1, attempts = attempts - 1,
                last_error = COALESCE($2, last_error)
             WHERE id = $3 AND status = 'pending'",
        )
        .bind(not_before_ms)
        .bind(error)
        .bind(id)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// What is left to send of a row split into parts, after the first parts
    /// went out: a retry resumes there instead of repeating them.
    pub async fn set_outbox_text(&self, id: i64, text: &str) -> Result<(), sqlx::Error> {
        sqlx::query("UPDATE outbox SET text = $1 WHERE id = $2")
            .bind(storable(text).into_owned())
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Rows by status, for reports and tests: (pending, sent, failed).
    pub async fn outbox_counts(&self) -> Result<(i64, i64, i64), sqlx::Error> {
        let row = sqlx::query(
            "SELECT CAST(COALESCE(SUM(CASE WHEN status = 'pending' THEN 1 ELSE 0 END), 0) AS BIGINT),
                    CAST(COALESCE(SUM(CASE WHEN status = 'sent' THEN 1 ELSE 0 END), 0) AS BIGINT),
                    CAST(COALESCE(SUM(CASE WHEN status = 'failed' THEN 1 ELSE 0 END), 0) AS BIGINT)
             FROM outbox",
        )
        .fetch_one(&self.pool)
        .await?;
        Ok((row.get(0), row.get(1), row.get(2)))
    }

    // ---- alerts --------------------------------------------------------------------

    /// An official's alert: one row per subscriber, in their language, in
    /// one transaction. Outbox rows for platforms with a sender, stored
    /// messages for the web chat. Running it twice sends nothing twice.
    pub async fn broadcast(&self, text_fr: &str, text_en: &str, official_id: i64) -> Result<i64, sqlx::Error> {
        let (id, _) = self.fan_out(text_fr, text_en, official_id, Audience::Subscribers).await?;
        Ok(id)
    }

    /// A correction: the new answer of `entry` (`text_fr`, `text_en`) to
    /// every resident who received an answer from it since `since_ms` that
    /// is neither of `current` (the new answer texts), through the outbox
    /// (or the stored messages for the web chat). Once per resident. Returns
    /// the correction's id (its delivery report is an alert's) and how many
    /// residents it reaches.
    pub async fn correct(
        &self,
        entry: &str,
        since_ms: i64,
        current: (&str, &str),
        text_fr: &str,
        text_en: &str,
        official_id: i64,
    ) -> Result<(i64, i64), sqlx::Error> {
        self.fan_out(text_fr, text_en, official_id, Audience::ReceivedOld { entry, since_ms, current }).await
    }

    /// One text to an audience, each in their language, once each, in one
    /// transaction: its id and how many it reaches.
    async fn fan_out(
        &self,
        text_fr: &str,
        text_en: &str,
        official_id: i64,
        audience: Audience<'_>,
    ) -> Result<(i64, i64), sqlx::Error> {
        let now = self.now_ms();
        let (kind, filter) = match audience {
            Audience::Subscribers => ("alert", "c.subscribed = 1"),
            Audience::ReceivedOld { .. } => (
                "correction",
                "EXISTS (
                    SELECT 1 FROM messages m
                    WHERE m.conversation_id = c.id AND m.author = 'bot' AND m.entry_id = $5
                      AND m.created_at >= $6 AND m.text <> $7 AND m.text <> $8
                 )",
            ),
        };
        let mut tx = self.begin().await?;
        let row = sqlx::query(
            "INSERT INTO broadcasts (text_fr, text_en, created_by, created_at, kind)
             VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(storable(text_fr).into_owned())
        .bind(storable(text_en).into_owned())
        .bind(official_id)
        .bind(now)
        .bind(kind)
        .fetch_one(tx.conn())
        .await?;
        let id: i64 = row.get(0);
        let text = "CASE WHEN COALESCE(c.lang, c.seen_lang) = 'en' THEN $1 ELSE $2 END";
        // Platforms with a sender get outbox rows; the web chat reads stored messages.
        let statements = [
            format!(
                "INSERT INTO outbox (conversation_id, platform, chat_id, kind, text, status, attempts, not_before, created_at, broadcast_id)
                 SELECT c.id, c.platform, c.chat_id, '{kind}', {text}, 'pending', 0, $3, $3, $4
                 FROM conversations c WHERE c.blocked = 0 AND c.platform NOT IN ('web', 'cli') AND {filter}
                 ON CONFLICT (broadcast_id, conversation_id) DO NOTHING"
            ),
            format!(
                "INSERT INTO messages (conversation_id, platform, direction, author, text, created_at, broadcast_id)
                 SELECT c.id, c.platform, 'out', 'bot', {text}, $3, $4
                 FROM conversations c WHERE c.platform IN ('web', 'cli') AND {filter}
                 ON CONFLICT (broadcast_id, conversation_id) DO NOTHING"
            ),
        ];
        for sql in statements {
            let mut query = sqlx::query(AssertSqlSafe(sql))
                .bind(storable(text_en).into_owned())
                .bind(storable(text_fr).into_owned())
                .bind(now)
                .bind(id);
            if let Audience::ReceivedOld { entry, since_ms, current } = audience {
                query = query
                    .bind(entry.to_string())
                    .bind(since_ms)
                    .bind(current.0.to_string())
                    .bind(current.1.to_string());
            }
            query.execute(tx.conn()).await?;
        }
        // Counted rather than taken from `rows_affected`, which the Any
        // driver does not report alike for both databases here.
        let reached = sqlx::query(
            "SELECT (SELECT COUNT(*) FROM outbox WHERE broadcast_id = $1) + (SELECT COUNT(*) FROM messages WHERE broadcast_id = $1)",
        )
        .bind(id)
        .fetch_one(tx.conn())
        .await?
        .get::<i64, _>(0);
        let (action, detail) = match audience {
            Audience::Subscribers => ("broadcast", id.to_string()),
            Audience::ReceivedOld { entry, .. } => ("correction", format!("{id} {entry}")),
        };
        self.audit(&mut tx, Some(official_id), action, None, None, Some(&detail)).await?;
        tx.commit().await?;
        Ok((id, reached))
    }

    /// Delivery of an alert: (sent, failed, pending); `None` if unknown.
    pub async fn broadcast_report(&self, id: i64) -> Result<Option<(i64, i64, i64)>, sqlx::Error> {
        if sqlx::query("SELECT id FROM broadcasts WHERE id = $1").bind(id).fetch_optional(&self.pool).await?.is_none() {
            return Ok(None);
        }
        let outbox = sqlx::query(
            "SELECT CAST(COALESCE(SUM(CASE WHEN status = 'sent' THEN 1 ELSE 0 END), 0) AS BIGINT),
                    CAST(COALESCE(SUM(CASE WHEN status = 'failed' THEN 1 ELSE 0 END), 0) AS BIGINT),
                    CAST(COALESCE(SUM(CASE WHEN status = 'pending' THEN 1 ELSE 0 END), 0) AS BIGINT)
             FROM outbox WHERE broadcast_id = $1",
        )
        .bind(id)
        .fetch_one(&self.pool)
        .await?;
        let web =
            sqlx::query("SELECT COUNT(*) FROM messages WHERE broadcast_id = $1").bind(id).fetch_one(&self.pool).await?;
        Ok(Some((outbox.get::<i64, _>(0) + web.get::<i64, _>(0), outbox.get(1), outbox.get(2))))
    }

    /// Residents' messages escalated as not covered by the directives since
    /// `since_ms`, newest first (at most `limit`): what to write next.
    pub async fn unanswered_since(&self, since_ms: i64, limit: i64) -> Result<Vec<String>, sqlx::Error> {
        let rows = sqlx::query(
            "SELECT text FROM messages
             WHERE direction = 'in' AND created_at >= $1 AND decision LIKE '%\"reason\":\"unmatched\"%'
             ORDER BY id DESC LIMIT $2",
        )
        .bind(since_ms)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.iter().map(|r| r.get(0)).collect())
    }

    // ---- directive versions ------------------------------------------------------

    /// Keeps a served set's files (once per version).
    pub async fn record_version(&self, version: &str, entries: i64, files: &str) -> Result<(), sqlx::Error> {
        sqlx::query(
            "INSERT INTO directive_versions (version, loaded_at, entries, files) VALUES ($1, $2, $3, $4)
             ON CONFLICT (version) DO NOTHING",
        )
        .bind(version)
        .bind(self.now_ms())
        .bind(entries)
        .bind(storable(files).into_owned())
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Tells the other processes on this database that `version` is in force
    /// (PostgreSQL `NOTIFY`; nothing to tell on SQLite).
    pub async fn announce_version(&self, version: &str) -> Result<(), sqlx::Error> {
        if self.backend == Backend::Postgres {
            sqlx::query("SELECT pg_notify($1, $2)")
                .bind(crate::live::VERSION_CHANNEL)
                .bind(version)
                .execute(&self.pool)
                .await?;
        }
        Ok(())
    }

    /// The versions served, newest first: (version, first loaded at, entries).
    pub async fn versions(&self, limit: i64) -> Result<Vec<(String, i64, i64)>, sqlx::Error> {
        let rows = sqlx::query(
            "SELECT version, loaded_at, entries FROM directive_versions ORDER BY loaded_at DESC, version LIMIT $1",
        )
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.iter().map(|r| (r.get(0), r.get(1), r.get(2))).collect())
    }

    /// The files of a version, as recorded (a JSON array of `{file, text}`).
    pub async fn version_files(&self, version: &str) -> Result<Option<String>, sqlx::Error> {
        let row = sqlx::query("SELECT files FROM directive_versions WHERE version = $1")
            .bind(version)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.map(|r| r.get(0)))
    }

    // ---- moderators and audit --------------------------------------------------

    /// Adds a moderator and returns it with its new API token (shown once;
    /// only its SHA-256 is stored).
    pub async fn add_moderator(
        &self,
        name: &str,
        role: Role,
        telegram_id: Option<i64>,
        discord_id: Option<i64>,
    ) -> anyhow::Result<(Moderator, String)> {
        let mut bytes = [0u8; 32];
        getrandom::fill(&mut bytes).map_err(|e| anyhow::anyhow!("no randomness for the token: {e}"))?;
        let token: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
        let mut tx = self.begin().await?;
        let row = sqlx::query(
            "INSERT INTO moderators (name, role, telegram_id, discord_id, token_hash, created_at)
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(name)
        .bind(role.as_str())
        .bind(telegram_id)
        .bind(discord_id)
        .bind(token_hash(&token))
        .bind(self.now_ms())
        .fetch_one(tx.conn())
        .await
        .context("failed to store the moderator")?;
        let id: i64 = row.get(0);
        self.audit(&mut tx, Some(id), "moderator_added", None, None, Some(role.as_str())).await?;
        tx.commit().await?;
        Ok((Moderator { id, name: name.into(), role, telegram_id, discord_id }, token))
    }

    /// The moderator holding `token`, if any. The lookup is by the token's
    /// hash: the stored value never meets the token itself.
    pub async fn authenticate(&self, token: &str) -> Result<Option<Moderator>, sqlx::Error> {
        let hash = token_hash(token);
        let row = sqlx::query(
            "SELECT id, name, role, telegram_id, discord_id, token_hash FROM moderators WHERE token_hash = $1",
        )
        .bind(&hash)
        .fetch_optional(&self.pool)
        .await?;
        // The index finds the row; the hashes are compared again here in
        // constant time, so no timing of ours depends on a stored secret.
        Ok(row
            .filter(|r| constant_time_eq(r.get::<String, _>(5).as_bytes(), hash.as_bytes()))
            .as_ref()
            .map(moderator_from))
    }

    pub async fn moderator_by_platform_id(&self, platform: &str, id: i64) -> Result<Option<Moderator>, sqlx::Error> {
        let column = if platform == "discord" { "discord_id" } else { "telegram_id" };
        let sql = format!("SELECT id, name, role, telegram_id, discord_id FROM moderators WHERE {column} = $1");
        let row = sqlx::query(AssertSqlSafe(sql)).bind(id).fetch_optional(&self.pool).await?;
        Ok(row.as_ref().map(moderator_from))
    }

    pub async fn moderator(&self, id: i64) -> Result<Option<Moderator>, sqlx::Error> {
        let row = sqlx::query("SELECT id, name, role, telegram_id, discord_id FROM moderators WHERE id = $1")
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.as_ref().map(moderator_from))
    }

    // ---- moderators' cards ---------------------------------------------------

    /// Tickets whose card on `platform` is missing or older than the ticket,
    /// most urgent first: the card of a ticket still in progress is posted,
    /// the card of any ticket that changed is edited. Only tickets changed
    /// after `since_ms` are looked at.
    pub async fn stale_cards(
        &self,
        platform: &str,
        since_ms: i64,
        limit: i64,
    ) -> Result<Vec<(Ticket, i64, Option<String>)>, sqlx::Error> {
        let now = self.now_ms();
        let rows = sqlx::query(
            "SELECT t.id, t.conversation_id, t.reason, t.priority,
                    CASE WHEN t.status = 'claimed' AND t.lease_until < $1 THEN 'open' ELSE t.status END,
                    CASE WHEN t.status = 'claimed' AND t.lease_until < $1 THEN NULL ELSE t.claimed_by END,
                    t.lease_until, t.opened_at, c.platform, c.chat_id, c.lang, t.updated_at, k.message_id
             FROM tickets t
             JOIN conversations c ON c.id = t.conversation_id
             LEFT JOIN ticket_cards k ON k.ticket_id = t.id AND k.platform = $2
             WHERE t.updated_at > $3
               AND ((k.ticket_id IS NULL AND t.status <> 'resolved') OR k.shown_at < t.updated_at)
             ORDER BY t.priority, t.opened_at, t.id
             LIMIT $4",
        )
        .bind(now)
        .bind(platform)
        .bind(since_ms)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.iter().map(|r| (ticket_from(r), r.get(11), r.get(12))).collect())
    }

    /// Records that the card of `ticket_id` on `platform` shows revision `shown_at`.
    pub async fn set_card(
        &self,
        ticket_id: i64,
        platform: &str,
        chat_id: &str,
        message_id: &str,
        shown_at: i64,
    ) -> Result<(), sqlx::Error> {
        sqlx::query(
            "INSERT INTO ticket_cards (ticket_id, platform, chat_id, message_id, shown_at) VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (ticket_id, platform) DO UPDATE
             SET chat_id = excluded.chat_id, message_id = excluded.message_id, shown_at = excluded.shown_at",
        )
        .bind(ticket_id)
        .bind(platform)
        .bind(chat_id)
        .bind(message_id)
        .bind(shown_at)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// The ticket whose card is message `message_id` of `chat_id`.
    pub async fn ticket_of_card(
        &self,
        platform: &str,
        chat_id: &str,
        message_id: &str,
    ) -> Result<Option<i64>, sqlx::Error> {
        let row =
            sqlx::query("SELECT ticket_id FROM ticket_cards WHERE platform = $1 AND chat_id = $2 AND message_id = $3")
                .bind(platform)
                .bind(chat_id)
                .bind(message_id)
                .fetch_optional(&self.pool)
                .await?;
        Ok(row.map(|r| r.get(0)))
    }

    /// The chats of `platform` active since `since_ms`, most recent first,
    /// each with the highest numeric platform id of its residents' messages
    /// (Discord's ids grow with time): where to look for messages missed
    /// while no process was listening.
    pub async fn recent_chats(
        &self,
        platform: &str,
        since_ms: i64,
        limit: i64,
    ) -> Result<Vec<(String, Option<i64>)>, sqlx::Error> {
        let rows = sqlx::query(
            "SELECT c.chat_id,
                    MAX(CASE WHEN m.platform_message_id NOT LIKE '%:%'
                             THEN CAST(m.platform_message_id AS BIGINT) END)
             FROM conversations c
             LEFT JOIN messages m ON m.conversation_id = c.id AND m.direction = 'in'
             WHERE c.platform = $1 AND c.last_message_at >= $2 AND c.blocked = 0
             GROUP BY c.chat_id
             ORDER BY MAX(c.last_message_at) DESC
             LIMIT $3",
        )
        .bind(platform)
        .bind(since_ms)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.iter().map(|r| (r.get(0), r.get(1))).collect())
    }

    /// The last `limit` messages of a conversation, oldest first.
    pub async fn recent_messages(&self, conversation_id: i64, limit: i64) -> Result<Vec<StoredMessage>, sqlx::Error> {
        let rows = sqlx::query(
            "SELECT id, direction, author, text, created_at FROM messages
             WHERE conversation_id = $1 ORDER BY id DESC LIMIT $2",
        )
        .bind(conversation_id)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        let mut messages: Vec<StoredMessage> = rows
            .iter()
            .map(|r| StoredMessage {
                id: r.get(0),
                direction: r.get(1),
                author: r.get(2),
                text: r.get(3),
                at: r.get(4),
            })
            .collect();
        messages.reverse();
        Ok(messages)
    }

    pub async fn audit(
        &self,
        tx: &mut Tx,
        moderator_id: Option<i64>,
        action: &str,
        ticket_id: Option<i64>,
        message_id: Option<i64>,
        detail: Option<&str>,
    ) -> Result<(), sqlx::Error> {
        sqlx::query(
            "INSERT INTO audit (at, moderator_id, action, ticket_id, message_id, detail) VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(self.now_ms())
        .bind(moderator_id)
        .bind(action)
        .bind(ticket_id)
        .bind(message_id)
        .bind(detail)
        .execute(tx.conn())
        .await?;
        Ok(())
    }

    /// (action, moderator) of a ticket's audit trail, oldest first.
    pub async fn audit_trail(&self, ticket_id: i64) -> Result<Vec<(String, Option<i64>)>, sqlx::Error> {
        let rows = sqlx::query("SELECT action, moderator_id FROM audit WHERE ticket_id = $1 ORDER BY id")
            .bind(ticket_id)
            .fetch_all(&self.pool)
            .await?;
        Ok(rows.iter().map(|r| (r.get(0), r.get(1))).collect())
    }

    // ---- retention ---------------------------------------------------------------

    /// Erases residents' texts and identifiers older than `cutoff_ms` (epoch
    /// ms) and keeps every row, so counts and the audit stay whole.
    pub async fn purge(&self, cutoff_ms: i64) -> Result<Purged, sqlx::Error> {
        let mut tx = self.begin().await?;
        let messages = sqlx::query(
            "UPDATE messages SET text = '', decision = NULL, platform_message_id = NULL
             WHERE created_at < $1 AND (text <> '' OR platform_message_id IS NOT NULL)",
        )
        .bind(cutoff_ms)
        .execute(tx.conn())
        .await?
        .rows_affected();
        let outbox = sqlx::query(
            "UPDATE outbox SET text = '', payload = NULL, chat_id = '' WHERE created_at < $1 AND status <> 'pending' AND (text <> '' OR chat_id <> '')",
        )
        .bind(cutoff_ms)
        .execute(tx.conn())
        .await?
        .rows_affected();
        let conversations = sqlx::query(
            "UPDATE conversations SET chat_id = 'purged-' || CAST(id AS TEXT), resident_id = NULL
             WHERE last_message_at < $1 AND chat_id NOT LIKE 'purged-%'",
        )
        .bind(cutoff_ms)
        .execute(tx.conn())
        .await?
        .rows_affected();
        self.audit(&mut tx, None, "purge", None, None, Some(&cutoff_ms.to_string())).await?;
        tx.commit().await?;
        Ok(Purged { messages, conversations, outbox })
    }
}

/// Who a broadcast reaches.
#[derive(Clone, Copy)]
enum Audience<'a> {
    /// Every subscriber (an alert).
    Subscribers,
    /// Residents answered from `entry` since `since_ms` with a text that is
    /// neither of `current` (a correction).
    ReceivedOld { entry: &'a str, since_ms: i64, current: (&'a str, &'a str) },
}

/// See [`Store::try_lead`]. Dropping it closes its connection: the lock goes.
pub struct Leadership {
    conn: Option<sqlx::AnyConnection>,
}

impl Leadership {
    /// Whether the lock's connection still answers (a database restart
    /// loses it; the holder must then stand down and try again).
    pub async fn alive(&mut self) -> bool {
        match &mut self.conn {
            None => true,
            Some(conn) => sqlx::query("SELECT 1").execute(conn).await.is_ok(),
        }
    }
}

/// Delay before retrying a delivery that failed without a `retry_after`:
/// 1 s, 2 s, 4 s… capped at 5 minutes, with up to 25% jitter from `seed`
/// (the row id, say) so a burst of failures does not retry in step.
pub fn backoff_ms(attempts: i64, seed: i64) -> i64 {
    let exponent = attempts.clamp(1, 20) - 1;
    let base = (1_000i64 << exponent.min(9)).min(300_000);
    let jitter = (seed.wrapping_mul(2_654_435_761).rem_euclid(1_000)) * base / 4_000;
    base + jitter
}

/// A text as it can be stored in both databases: PostgreSQL's TEXT holds no
/// NUL character, so it is dropped (nothing else is changed).
pub fn storable(text: &str) -> std::borrow::Cow<'_, str> {
    if text.contains('\0') { std::borrow::Cow::Owned(text.replace('\0', "")) } else { std::borrow::Cow::Borrowed(text) }
}

/// Why a conditional update of a ticket touched nothing: it does not exist,
/// is resolved, or someone else holds it. Ends the transaction.
async fn refusal(mut tx: Tx, ticket_id: i64) -> TicketError {
    let status =
        sqlx::query("SELECT status FROM tickets WHERE id = $1").bind(ticket_id).fetch_optional(tx.conn()).await;
    let _ = tx.rollback().await;
    match status {
        Err(err) => TicketError::Database(err),
        Ok(None) => TicketError::NotFound,
        Ok(Some(row)) if row.get::<String, _>(0) == "resolved" => TicketError::Resolved,
        Ok(Some(_)) => TicketError::HeldByOther,
    }
}

/// Equality whose time depends only on the lengths.
pub fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

pub fn token_hash(token: &str) -> String {
    Sha256::digest(token.trim().as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

/// A database URL without its password, for messages.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let credentials = &url[scheme + 3..at];
            match credentials.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..scheme + 3], &url[at..]),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

fn conversation_from(row: &AnyRow) -> Conversation {
    Conversation {
        id: row.get(0),
        platform: row.get(1),
        chat_id: row.get(2),
        lang: row.get(3),
        subscribed: row.get::<i64, _>(4) != 0,
        blocked: row.get::<i64, _>(5) != 0,
    }
}

fn ticket_from(row: &AnyRow) -> Ticket {
    Ticket {
        id: row.get(0),
        conversation_id: row.get(1),
        reason: row.get(2),
        priority: row.get(3),
        status: row.get(4),
        claimed_by: row.get(5),
        lease_until: row.get(6),
        opened_at: row.get(7),
        platform: row.get(8),
        chat_id: row.get(9),
        lang: row.get(10),
    }
}

fn moderator_from(row: &AnyRow) -> Moderator {
    Moderator {
        id: row.get(0),
        name: row.get(1),
        role: row.get::<String, _>(2).parse().unwrap_or(Role::Moderator),
        telegram_id: row.get(3),
        discord_id: row.get(4),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_are_redacted() {
        assert_eq!(redact("postgres://u:secret@h:5432/db"), "postgres://u:***@h:5432/db");
        assert_eq!(redact("sqlite://vigie.db"), "sqlite://vigie.db");
    }

    #[test]
    fn backoff_grows_then_caps() {
        assert!((1_000..1_250).contains(&backoff_ms(1, 7)));
        assert!((2_000..2_500).contains(&backoff_ms(2, 7)));
        assert!(backoff_ms(30, 7) <= 375_000);
        assert!(backoff_ms(9, 1) >= backoff_ms(8, 1));
    }

    #[test]
    fn token_hashes_are_stable_hex() {
        assert_eq!(token_hash("abc").len(), 64);
        assert_eq!(token_hash("abc"), token_hash(" abc\n"));
        assert_ne!(token_hash("abc"), token_hash("abd"));
    }
}
