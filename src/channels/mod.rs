//! The platforms: each translates its events into [`crate::store::Inbound`]
//! and [`crate::conversation::Command`], and outbox rows into its own calls.
//! They decide nothing. What they share lives here: splitting long texts,
//! pacing, the moderators' ticket cards, and the loop that sends the outbox.

pub mod discord;
pub mod telegram;

use std::collections::{HashMap, HashSet};
use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::{broadcast, watch};
use tokio::task::JoinSet;
use tokio::time::Instant;

use crate::conversation::{Command, handle_batch, handle_command};
use crate::core::{Knowledge, Lang};
use crate::live::LiveDirectives;
use crate::store::{Inbound, Moderator, NewOutbox, OutboxItem, Store, StoredMessage, Ticket, TicketError, backoff_ms};

/// Rows a sender has on their way at once.
const IN_FLIGHT: usize = 32;
/// A row whose chat's next slot is further than this is put back until then.
const LOOKAHEAD: Duration = Duration::from_millis(1500);
/// How long a moderator's claim from a card lasts.
pub const CLAIM_LEASE_MS: i64 = 10 * 60 * 1000;

/// `/cmd@bot args` → a command, or `None` for an unknown one (read as a
/// question). Names in French and English.
pub fn parse_command(text: &str) -> Option<Command> {
    let mut words = text.trim_start_matches('/').split_whitespace();
    let name = words.next()?.split('@').next()?.to_lowercase();
    let arg = words.next().map(str::to_lowercase);
    Some(match name.as_str() {
        "start" => Command::Start,
        "help" | "aide" => Command::Help,
        "lang" | "langue" | "language" => Command::Lang(arg.as_deref().and_then(parse_lang)),
        "human" | "humain" | "personne" | "agent" => Command::Human,
        "subscribe" | "abonner" | "abonnement" | "alertes" | "alerts" => Command::Subscribe(true),
        "unsubscribe" | "desabonner" | "désabonner" | "stop" => Command::Subscribe(false),
        _ => return None,
    })
}

/// `fr`, `français`, `english`… → a language.
pub fn parse_lang(word: &str) -> Option<Lang> {
    match word.trim().to_lowercase().as_str() {
        "fr" | "francais" | "français" | "french" => Some(Lang::Fr),
        "en" | "english" | "anglais" => Some(Lang::En),
        _ => None,
    }
}

/// What a platform's sender shares with every other: the store, the pace,
/// the chats with a message on its way, and what to do with a failure.
pub struct Outbound {
    pub platform: &'static str,
    pub store: Store,
    pub events: broadcast::Sender<i64>,
    pacer: Mutex<Pacer>,
    /// Chats with a message on its way: one at a time keeps them in order.
    busy: Mutex<HashSet<String>>,
    /// How long a taken row is ours before another sender may take it.
    pub lease: Duration,
    /// Attempts before a row that keeps failing (network, 5xx) is given up.
    pub max_attempts: i64,
    /// Rows delivered and not yet marked: marked together, one commit for
    /// many (on PostgreSQL a commit per message would cap the rate).
    sent: Mutex<Vec<i64>>,
}

impl Outbound {
    pub fn new(
        platform: &'static str,
        store: Store,
        events: broadcast::Sender<i64>,
        per_second: u32,
        lease: Duration,
        max_attempts: i64,
    ) -> Outbound {
        Outbound {
            platform,
            store,
            events,
            pacer: Mutex::new(Pacer::new(per_second)),
            busy: Mutex::new(HashSet::new()),
            lease,
            max_attempts,
            sent: Mutex::new(Vec::new()),
        }
    }

    /// Row `id` went out. Marked with the next [`Outbound::flush_sent`]; until
    /// then its lease keeps it from being sent again, and the chat's next
    /// row waits behind it.
    pub fn delivered(&self, id: i64) {
        self.sent.lock().expect("sent lock").push(id);
    }

    async fn flush_sent(&self) {
        let ids = std::mem::take(&mut *self.sent.lock().expect("sent lock"));
        if let Err(err) = self.store.mark_sent_many(&ids).await {
            tracing::warn!(platform = self.platform, error = %err, rows = ids.len(), "cannot mark rows sent; retrying");
            self.sent.lock().expect("sent lock").extend(ids);
        }
    }

    fn pacer(&self) -> std::sync::MutexGuard<'_, Pacer> {
        self.pacer.lock().expect("the pacer lock is never poisoned: nothing panics while holding it")
    }

    /// Waits for the next slot of `chat` (and reserves it).
    pub async fn pace(&self, chat: &str, interval: Duration) {
        let at = self.pacer().reserve(chat, interval, Instant::now());
        tokio::time::sleep_until(at).await;
    }

    /// Part `i` of a row split in `parts` went out: what is left is saved
    /// (a retry resumes there, not from the start) and the chat's pace kept.
    pub async fn part_sent(
        &self,
        item: &OutboxItem,
        parts: &[String],
        i: usize,
        interval: Duration,
    ) -> anyhow::Result<()> {
        self.store.set_outbox_text(item.id, &parts[i + 1..].join("\n\n")).await?;
        self.pace(&item.chat_id, interval).await;
        Ok(())
    }

    /// The platform asked to wait (429): nothing goes to `chat` before `wait`
    /// has passed; the row goes back without counting an attempt.
    pub async fn rate_limited(&self, item: &OutboxItem, wait: Duration, error: &str) -> anyhow::Result<()> {
        self.pacer().hold(&item.chat_id, Instant::now() + wait);
        let ms = i64::try_from(wait.as_millis()).unwrap_or(i64::MAX);
        tracing::info!(platform = self.platform, chat = %item.chat_id, retry_after_ms = ms, "rate limited; waiting");
        self.store.release(item.id, self.store.now_ms().saturating_add(ms), Some(error)).await?;
        Ok(())
    }

    /// The chat is closed to us (blocked, deleted): no more sending to it.
    pub async fn closed(&self, item: &OutboxItem, error: &str) -> anyhow::Result<()> {
        tracing::info!(platform = self.platform, chat = %item.chat_id, error, "the chat is closed to us; no more sending");
        self.store.set_blocked(self.platform, &item.chat_id).await?;
        self.store.mark_failed(item.id, error).await?;
        Ok(())
    }

    /// The platform refused this message itself: sending it again changes nothing.
    pub async fn refused(&self, item: &OutboxItem, error: &str) -> anyhow::Result<()> {
        tracing::error!(platform = self.platform, chat = %item.chat_id, error, "a message was refused; given up");
        self.store.mark_failed(item.id, error).await?;
        Ok(())
    }

    /// A failure that may pass (network, 5xx): tried again later.
    pub async fn retry(&self, item: &OutboxItem, error: &str) -> anyhow::Result<()> {
        tracing::warn!(platform = self.platform, chat = %item.chat_id, attempts = item.attempts, error,
            "delivery failed; will retry");
        self.store.mark_retry(item.id, backoff_ms(item.attempts, item.id), error, self.max_attempts).await?;
        Ok(())
    }
}

impl Outbound {
    /// A moderator's message answering the card `card` on the moderators'
    /// chat `board`: the reply goes to the resident, whatever their
    /// platform (claiming the ticket first if nobody holds it). `message`,
    /// the moderator's message id, makes a redelivery a no-op.
    pub async fn moderator_reply(
        &self,
        board: &str,
        card: &str,
        from: i64,
        message: &str,
        text: &str,
    ) -> anyhow::Result<()> {
        let Some(ticket_id) = self.store.ticket_of_card(self.platform, board, card).await? else {
            return Ok(()); // a reply to something else than a card: moderators talking among themselves
        };
        let Some(moderator) = self.store.moderator_by_platform_id(self.platform, from).await? else {
            return self.notice(board, message, NOT_A_MODERATOR).await;
        };
        let key = format!("{}:{board}:{message}", self.platform);
        let mut result = self.store.reply_keyed(ticket_id, moderator.id, text, Some(&key)).await;
        if matches!(result, Err(TicketError::NotHolder)) {
            // Answering an unclaimed card claims it.
            result = match self.store.claim(ticket_id, moderator.id, CLAIM_LEASE_MS).await {
                Ok(_) => self.store.reply_keyed(ticket_id, moderator.id, text, Some(&key)).await,
                Err(err) => Err(err),
            };
        }
        match result {
            Ok(_) => {
                self.changed(ticket_id).await?;
                Ok(())
            }
            Err(TicketError::Database(err)) => Err(err.into()),
            Err(refused) => self.notice(board, message, &format!("#{ticket_id} : {refused}")).await,
        }
    }

    /// A moderator's Claim or Resolve button: what to tell them.
    pub async fn moderator_action(&self, action: &str, ticket_id: i64, from: i64) -> anyhow::Result<String> {
        let Some(moderator) = self.store.moderator_by_platform_id(self.platform, from).await? else {
            return Ok(NOT_A_MODERATOR.to_string());
        };
        let result = match action {
            "claim" => self.store.claim(ticket_id, moderator.id, CLAIM_LEASE_MS).await.map(|_| ()),
            _ => self.store.resolve(ticket_id, moderator.id).await,
        };
        Ok(match result {
            Ok(()) => {
                self.changed(ticket_id).await?;
                if action == "claim" {
                    format!("#{ticket_id} : à vous · yours")
                } else {
                    format!("#{ticket_id} : résolu · resolved")
                }
            }
            Err(TicketError::Database(err)) => return Err(err.into()),
            Err(refused) => format!("#{ticket_id} : {refused}"),
        })
    }

    /// `/reload` from the moderators' chat: officials only; the result (the
    /// new version, or every error with its file and line) is the answer.
    pub async fn official_reload(
        &self,
        directives: &LiveDirectives,
        board: &str,
        from: i64,
        message: &str,
    ) -> anyhow::Result<()> {
        let official = match self.store.moderator_by_platform_id(self.platform, from).await? {
            Some(m) if m.role == crate::store::Role::Official => m,
            _ => return self
                .notice(
                    board,
                    message,
                    "Seuls les officiels peuvent recharger les consignes. · Only officials can reload the directives.",
                )
                .await,
        };
        let why = format!("/reload by {}", official.name);
        // The errors are this answer: no second notice to the boards.
        let text = match crate::live::reload(&self.store, directives, &Default::default(), &why).await {
            Ok(version) => {
                let entries = directives.current().directive_set.entries.len();
                format!("✅ Consignes rechargées · Directives reloaded: version {version}, {entries} entrées/entries")
            }
            Err(errors) => format!(
                "⚠️ Consignes refusées · Directives rejected; the previous set keeps serving.\n{}",
                errors.iter().take(10).map(|e| e.to_string()).collect::<Vec<_>>().join("\n")
            ),
        };
        self.notice(board, message, &text).await
    }

    /// Wakes what shows ticket `ticket_id` (cards, the dashboard, senders).
    async fn changed(&self, ticket_id: i64) -> Result<(), sqlx::Error> {
        if let Some(ticket) = self.store.ticket(ticket_id).await? {
            let _ = self.events.send(ticket.conversation_id);
        }
        Ok(())
    }

    /// A short message to the moderators' chat `board`, answering `reply_to`.
    pub async fn notice(&self, board: &str, reply_to: &str, text: &str) -> anyhow::Result<()> {
        let mut tx = self.store.begin().await?;
        self.store
            .enqueue(
                &mut tx,
                &NewOutbox {
                    conversation_id: None,
                    platform: self.platform.into(),
                    chat_id: board.into(),
                    kind: "notice".into(),
                    text: text.into(),
                    payload: Some(serde_json::json!({ "reply_to": reply_to }).to_string()),
                },
            )
            .await?;
        tx.commit().await?;
        let _ = self.events.send(0);
        Ok(())
    }
}

/// What one inbound platform message is, for Vigie.
#[derive(Debug)]
pub enum Incoming {
    Question(Inbound),
    Command(Inbound, Command),
    /// A moderator's message on the moderators' chat `board` answering the card `card`.
    ModeratorReply {
        board: String,
        card: String,
        from: i64,
        message: String,
        text: String,
    },
    /// `/reload` on the moderators' chat: an official reloads the directives.
    Reload {
        board: String,
        from: i64,
        message: String,
    },
    Ignore,
}

/// Stores inbound messages in their order: each run of questions in one
/// transaction, commands and moderators' replies between them. Anything
/// that fails fails the rest (the caller tries again; what was stored is
/// recognised then).
pub async fn store_incoming(out: &Outbound, directives: &LiveDirectives, items: Vec<Incoming>) -> anyhow::Result<()> {
    let knowledge = directives.current();
    let knowledge = &*knowledge;
    let mut questions: Vec<Inbound> = Vec::new();
    for item in items {
        match item {
            Incoming::Question(inbound) => questions.push(inbound),
            Incoming::Command(inbound, command) => {
                flush(out, knowledge, &mut questions).await?;
                let handled = handle_command(&out.store, knowledge, &inbound, &command, true).await?;
                let _ = out.events.send(handled.conversation_id);
            }
            Incoming::ModeratorReply { board, card, from, message, text } => {
                flush(out, knowledge, &mut questions).await?;
                out.moderator_reply(&board, &card, from, &message, &text).await?;
            }
            Incoming::Reload { board, from, message } => {
                flush(out, knowledge, &mut questions).await?;
                out.official_reload(directives, &board, from, &message).await?;
            }
            Incoming::Ignore => {}
        }
    }
    flush(out, knowledge, &mut questions).await
}

async fn flush(out: &Outbound, knowledge: &Knowledge, questions: &mut Vec<Inbound>) -> anyhow::Result<()> {
    if questions.is_empty() {
        return Ok(());
    }
    let handled = handle_batch(&out.store, knowledge, questions).await?;
    questions.clear();
    for h in handled {
        if let Some(decision) = &h.decision {
            tracing::info!(platform = out.platform, conversation = h.conversation_id, action = ?decision.action,
                reason = ?decision.reason, "message decided");
        }
        let _ = out.events.send(h.conversation_id);
    }
    Ok(())
}

/// At most `max` characters of an inbound text: more is not a question.
pub fn bounded(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_string(),
    }
}

/// The message a notice answers, from its payload.
pub fn reply_to(payload: &serde_json::Value) -> Option<u64> {
    payload.get("reply_to").and_then(|v| v.as_str().and_then(|s| s.parse().ok()).or_else(|| v.as_u64()))
}

/// A platform's way of sending one outbox row.
pub trait Deliver: Send + Sync + 'static {
    fn outbound(&self) -> &Outbound;
    /// Between two messages to `chat`.
    fn interval(&self, chat: &str) -> Duration;
    /// Sends the row and records the outcome (sent, retry, failed).
    fn deliver(&self, item: OutboxItem) -> impl Future<Output = anyhow::Result<()>> + Send;
}

/// Sends a platform's outbox until `stop`: the head of each chat's queue,
/// paced, several chats at once.
pub async fn send_loop<D: Deliver>(platform: Arc<D>, mut stop: watch::Receiver<bool>) {
    let out = platform.outbound();
    let mut events = out.events.subscribe();
    let mut in_flight: JoinSet<()> = JoinSet::new();
    while !*stop.borrow() {
        while in_flight.try_join_next().is_some() {}
        out.flush_sent().await;
        let room = IN_FLIGHT.saturating_sub(in_flight.len());
        if room > 0 {
            let lease = i64::try_from(out.lease.as_millis()).unwrap_or(i64::MAX);
            match out.store.take_outbox(out.platform, i64::try_from(room).unwrap_or(1), lease).await {
                Ok(items) => {
                    let mut deferred: HashMap<String, u32> = HashMap::new();
                    for item in items {
                        schedule(&platform, item, &mut deferred, &mut in_flight).await;
                    }
                }
                Err(err) => tracing::warn!(platform = out.platform, error = %err, "cannot read the outbox"),
            }
        }
        tokio::select! {
            _ = stop.changed() => {},
            _ = events.recv() => {
                while events.try_recv().is_ok() {}
            }
            Some(_) = in_flight.join_next(), if !in_flight.is_empty() => {},
            () = tokio::time::sleep(Duration::from_millis(500)) => {},
        }
    }
    // Sends in progress finish (or their lease lapses and another takes them).
    let _ =
        tokio::time::timeout(Duration::from_secs(10), async { while in_flight.join_next().await.is_some() {} }).await;
    out.flush_sent().await;
}

/// Sends `item` when its chat's pace allows, or puts it back until then.
async fn schedule<D: Deliver>(
    platform: &Arc<D>,
    item: OutboxItem,
    deferred: &mut HashMap<String, u32>,
    in_flight: &mut JoinSet<()>,
) {
    let out = platform.outbound();
    let now = Instant::now();
    let interval = platform.interval(&item.chat_id);
    let later = {
        let busy = out.busy.lock().expect("busy lock");
        let at = out.pacer().peek(&item.chat_id, now);
        (busy.contains(&item.chat_id) || at > now + LOOKAHEAD).then_some(at)
    };
    if let Some(at) = later {
        // Its turn comes later: back to the queue until then.
        let n = deferred.entry(item.chat_id.clone()).or_insert(0);
        *n += 1;
        let at = at.max(now + interval) + interval * (*n - 1);
        let not_before = out.store.now_ms() + ms_until(at, now);
        if let Err(err) = out.store.release(item.id, not_before, None).await {
            tracing::warn!(platform = out.platform, error = %err, "cannot put an outbox row back; its lease will");
        }
        return;
    }
    out.busy.lock().expect("busy lock").insert(item.chat_id.clone());
    let at = out.pacer().reserve(&item.chat_id, interval, now);
    let platform = platform.clone();
    in_flight.spawn(async move {
        tokio::time::sleep_until(at).await;
        let chat = item.chat_id.clone();
        if let Err(err) = platform.deliver(item).await {
            tracing::warn!(platform = platform.outbound().platform, error = %format!("{err:#}"),
                "cannot record a delivery");
        }
        platform.outbound().busy.lock().expect("busy lock").remove(&chat);
    });
}

/// Advisory-lock keys of the tasks that one process at a time runs.
pub const TELEGRAM_LEADER: i64 = 0x5649_4749_4554_0001;
pub const DISCORD_LEADER: i64 = 0x5649_4749_4544_0001;

/// Runs the tasks `spawn` starts only while this process leads `key` among
/// the processes on the same database (see `Store::try_lead`): one Telegram
/// poller and sender, one Discord gateway, however many processes serve the
/// web. A follower tries again every `retry`; a leader whose lock is lost
/// stops its tasks and becomes a follower. Ends when `stop` turns true.
pub async fn while_leading<F>(
    store: Store,
    key: i64,
    what: &'static str,
    leading: Arc<std::sync::atomic::AtomicBool>,
    mut stop: watch::Receiver<bool>,
    retry: Duration,
    spawn: F,
) where
    F: Fn(watch::Receiver<bool>) -> Vec<tokio::task::JoinHandle<()>>,
{
    use std::sync::atomic::Ordering;
    while !*stop.borrow() {
        let mut lead = match store.try_lead(key).await {
            Ok(Some(lead)) => lead,
            Ok(None) => {
                tokio::select! {
                    _ = stop.changed() => {},
                    () = tokio::time::sleep(retry) => {},
                }
                continue;
            }
            Err(err) => {
                tracing::warn!(what, error = %err, "cannot ask for leadership; trying again");
                tokio::select! {
                    _ = stop.changed() => {},
                    () = tokio::time::sleep(retry) => {},
                }
                continue;
            }
        };
        tracing::info!(what, "this process leads");
        leading.store(true, Ordering::SeqCst);
        let (stop_tasks, tasks_stop) = watch::channel(false);
        let tasks = spawn(tasks_stop);
        loop {
            tokio::select! {
                _ = stop.changed() => break,
                () = tokio::time::sleep(retry) => {
                    if !lead.alive().await {
                        tracing::warn!(what, "leadership lost (the database connection); standing down");
                        break;
                    }
                    // A task that ended by itself (a gateway that gave up)
                    // must not keep the lock from a process that could do better.
                    if tasks.iter().any(|task| task.is_finished()) {
                        tracing::warn!(what, "a leader's task stopped; standing down to try again");
                        break;
                    }
                }
            }
        }
        let _ = stop_tasks.send(true);
        for task in tasks {
            let _ = task.await;
        }
        leading.store(false, Ordering::SeqCst);
        drop(lead);
    }
}

/// What showing a card came to.
pub enum Shown {
    /// The card is the message with this id.
    At(String),
    /// The platform asked to wait this long before anything more.
    Wait(Duration),
}

/// A platform's moderators' board (a Telegram group, a Discord channel).
pub trait Board: Deliver {
    /// The moderators' chat.
    fn board(&self) -> Option<String>;
    /// Posts `card`, or edits the message `existing` into it.
    fn show(&self, card: &Card, existing: Option<&str>) -> impl Future<Output = anyhow::Result<Shown>> + Send;
}

/// Keeps the moderators' cards in step with the tickets until `stop`.
pub async fn card_loop<B: Board>(board: Arc<B>, mut stop: watch::Receiver<bool>) {
    let mut events = board.outbound().events.subscribe();
    while !*stop.borrow() {
        let more = match sync_cards(&*board).await {
            Ok(more) => more,
            Err(err) => {
                tracing::warn!(platform = board.outbound().platform, error = %format!("{err:#}"),
                    "cannot update the moderators' cards");
                false
            }
        };
        if more {
            continue;
        }
        tokio::select! {
            _ = stop.changed() => {},
            _ = events.recv() => {
                while events.try_recv().is_ok() {}
            }
            () = tokio::time::sleep(Duration::from_secs(2)) => {},
        }
    }
}

/// Posts or edits the cards of tickets that changed, most urgent first;
/// `true` if more wait.
async fn sync_cards<B: Board>(board: &B) -> anyhow::Result<bool> {
    let Some(chat) = board.board() else { return Ok(false) };
    const BATCH: i64 = 10;
    let out = board.outbound();
    let since = out.store.now_ms() - 3 * 86_400_000;
    let stale = out.store.stale_cards(out.platform, since, BATCH).await?;
    let more = stale.len() as i64 == BATCH;
    for (ticket, revision, message_id) in stale {
        let card = load_card(&out.store, ticket).await?;
        out.pace(&chat, board.interval(&chat)).await;
        match board.show(&card, message_id.as_deref()).await? {
            Shown::At(id) => out.store.set_card(card.ticket.id, out.platform, &chat, &id, revision).await?,
            Shown::Wait(wait) => {
                out.pacer().hold(&chat, Instant::now() + wait);
                return Ok(true);
            }
        }
    }
    Ok(more)
}

/// Splits `text` into parts of at most `limit` units (as `len` counts them),
/// on paragraph boundaries when it can, then lines, then words, then
/// anywhere. Parts are never empty; joined, they hold the whole text
/// (separators at the cuts aside).
pub fn split_text(text: &str, limit: usize, len: fn(&str) -> usize) -> Vec<String> {
    assert!(limit > 0, "a part must hold something");
    let mut parts = Vec::new();
    if len(text) <= limit {
        if !text.is_empty() {
            parts.push(text.to_string());
        }
        return parts;
    }
    let mut current = String::new();
    for piece in text.split("\n\n") {
        pack(&mut parts, &mut current, piece, "\n\n", limit, len, 0);
    }
    if !current.is_empty() {
        parts.push(current);
    }
    parts
}

/// Adds `piece` to `current` (after `separator`), flushing `current` into
/// `parts` when it would outgrow `limit`; a piece too long on its own is cut
/// at the next finer boundary (`level`: paragraph, line, word, character).
fn pack(
    parts: &mut Vec<String>,
    current: &mut String,
    piece: &str,
    separator: &str,
    limit: usize,
    len: fn(&str) -> usize,
    level: usize,
) {
    if piece.is_empty() {
        return;
    }
    let joined = if current.is_empty() { len(piece) } else { len(current) + len(separator) + len(piece) };
    if joined <= limit {
        if !current.is_empty() {
            current.push_str(separator);
        }
        current.push_str(piece);
        return;
    }
    if !current.is_empty() {
        parts.push(std::mem::take(current));
    }
    if len(piece) <= limit {
        current.push_str(piece);
        return;
    }
    const FINER: [&str; 2] = ["\n", " "];
    match FINER.get(level) {
        Some(finer) => {
            for sub in piece.split(finer) {
                pack(parts, current, sub, finer, limit, len, level + 1);
            }
        }
        None => {
            // One word longer than a part: cut between characters.
            for c in piece.chars() {
                let mut buf = [0u8; 4];
                let c = c.encode_utf8(&mut buf);
                if !current.is_empty() && len(current) + len(c) > limit {
                    parts.push(std::mem::take(current));
                }
                current.push_str(c);
            }
        }
    }
}

/// Characters as Telegram counts them: UTF-16 code units.
pub fn utf16_len(text: &str) -> usize {
    text.encode_utf16().count()
}

/// Characters as Discord counts them: Unicode scalar values.
pub fn char_len(text: &str) -> usize {
    text.chars().count()
}

/// When each message may go: no faster than `interval` per chat and
/// `global` between any two messages. Reservations are in order: a message
/// reserved later never goes before one reserved earlier in the same chat.
#[derive(Debug)]
pub struct Pacer {
    global: Duration,
    next_global: Option<Instant>,
    next_chat: HashMap<String, Instant>,
}

impl Pacer {
    /// `per_second` messages a second in all.
    pub fn new(per_second: u32) -> Pacer {
        Pacer { global: Duration::from_secs(1) / per_second.max(1), next_global: None, next_chat: HashMap::new() }
    }

    /// When a message to `chat` could go, without reserving it.
    pub fn peek(&self, chat: &str, now: Instant) -> Instant {
        let chat_at = self.next_chat.get(chat).copied().unwrap_or(now);
        chat_at.max(self.next_global.unwrap_or(now)).max(now)
    }

    /// Reserves the next slot of `chat`; the one after it comes `interval` later.
    pub fn reserve(&mut self, chat: &str, interval: Duration, now: Instant) -> Instant {
        let at = self.peek(chat, now);
        self.next_global = Some(at + self.global);
        if self.next_chat.len() > 10_000 {
            self.next_chat.retain(|_, next| *next > now);
        }
        self.next_chat.insert(chat.to_string(), at + interval);
        at
    }

    /// The platform asked to wait (429 `retry_after`): nothing goes to `chat`
    /// before `until`.
    pub fn hold(&mut self, chat: &str, until: Instant) {
        let next = self.next_chat.entry(chat.to_string()).or_insert(until);
        *next = (*next).max(until);
    }
}

/// Milliseconds from `now` to `at` (zero if it has passed).
pub fn ms_until(at: Instant, now: Instant) -> i64 {
    i64::try_from(at.saturating_duration_since(now).as_millis()).unwrap_or(i64::MAX)
}

/// What a ticket's card shows, whatever the platform renders it as.
#[derive(Clone, Debug)]
pub struct Card {
    pub ticket: Ticket,
    /// The moderator holding the ticket, if any.
    pub holder: Option<Moderator>,
    /// The conversation's last messages, oldest first.
    pub messages: Vec<StoredMessage>,
}

impl Card {
    pub fn resolved(&self) -> bool {
        self.ticket.status == "resolved"
    }

    /// The headline: priority mark, number, reason.
    pub fn title(&self) -> String {
        let mark = match self.ticket.priority {
            1 => "🔴",
            2 => "🟠",
            _ => "🟡",
        };
        let reason = match self.ticket.reason.as_str() {
            "distress" => "DÉTRESSE / DISTRESS",
            "human_requested" => "Demande une personne / asks for a person",
            "unmatched" => "Question sans réponse / not covered",
            "expired" => "Consigne expirée / directive expired",
            other => other,
        };
        if self.resolved() {
            format!("✅ #{} · {reason}", self.ticket.id)
        } else {
            format!("{mark} #{} · {reason}", self.ticket.id)
        }
    }

    /// Status, platform, language, opening time.
    pub fn status_line(&self) -> String {
        let holder = self.holder.as_ref().map(|m| m.name.as_str()).unwrap_or("?");
        let status = match self.ticket.status.as_str() {
            "open" => "en attente / waiting".to_string(),
            "claimed" => format!("pris par / claimed by {holder}"),
            "answered" => format!("répondu par / answered by {holder}"),
            "resolved" => "résolu / resolved".to_string(),
            other => other.to_string(),
        };
        let opened = self.ticket.opened_at.rem_euclid(86_400_000) / 60_000;
        format!(
            "{status} · {} · {} · {:02}:{:02} UTC",
            self.ticket.platform,
            self.ticket.lang.as_deref().unwrap_or("fr?"),
            opened / 60,
            opened % 60
        )
    }

    /// The recent messages, one line each, cut to `max_chars`.
    pub fn message_lines(&self, max_chars: usize) -> Vec<String> {
        self.messages
            .iter()
            .map(|m| {
                let who = match m.author.as_str() {
                    "resident" => "👤",
                    "moderator" => "🧑‍💼",
                    _ => "🤖",
                };
                let text: String = m.text.chars().filter(|c| !c.is_control() || *c == '\n').collect();
                let text = text.replace('\n', " ");
                let cut: String = text.chars().take(max_chars).collect();
                let more = if cut.len() < text.len() { "…" } else { "" };
                format!("{who} {cut}{more}")
            })
            .collect()
    }
}

/// The line under every card that says how to answer.
pub const CARD_HELP: &str =
    "↩️ Répondez à ce message pour écrire au résident · Reply to this message to answer the resident";

/// The answer to someone who is not a registered moderator.
pub const NOT_A_MODERATOR: &str = "Seuls les modérateurs inscrits peuvent agir sur les demandes. \
· Only registered moderators can act on tickets.";

/// Loads what a card shows.
pub async fn load_card(store: &crate::store::Store, ticket: Ticket) -> Result<Card, sqlx::Error> {
    let holder = match ticket.claimed_by {
        Some(id) => store.moderator(id).await?,
        None => None,
    };
    let messages = store.recent_messages(ticket.conversation_id, 6).await?;
    Ok(Card { ticket, holder, messages })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_texts_are_one_part() {
        assert_eq!(split_text("bonjour", 10, char_len), vec!["bonjour"]);
        assert!(split_text("", 10, char_len).is_empty());
    }

    #[test]
    fn long_texts_split_on_paragraphs_then_lines_then_words() {
        let text = "aaaa bbbb\n\ncccc dddd\n\neeee";
        assert_eq!(split_text(text, 10, char_len), vec!["aaaa bbbb", "cccc dddd", "eeee"]);
        let text = "aaaa\nbbbb\ncccc";
        assert_eq!(split_text(text, 9, char_len), vec!["aaaa\nbbbb", "cccc"]);
        let text = "aaa bbb ccc ddd";
        assert_eq!(split_text(text, 7, char_len), vec!["aaa bbb", "ccc ddd"]);
        assert_eq!(split_text("abcdefghij", 4, char_len), vec!["abcd", "efgh", "ij"]);
    }

    #[test]
    fn every_part_fits_and_nothing_is_lost() {
        let paragraph = "Les résidents doivent évacuer 🚨 avant 18 h. ".repeat(40);
        let text = format!("{paragraph}\n\n{paragraph}\n{}", "x".repeat(5000));
        for limit in [50, 4096] {
            let parts = split_text(&text, limit, utf16_len);
            assert!(parts.iter().all(|p| !p.is_empty() && utf16_len(p) <= limit));
            let kept: usize = parts.iter().map(|p| p.chars().filter(|c| !c.is_whitespace()).count()).sum();
            assert_eq!(kept, text.chars().filter(|c| !c.is_whitespace()).count());
        }
    }

    #[test]
    fn pacer_spaces_a_chat_and_the_whole() {
        let now = Instant::now();
        let mut pacer = Pacer::new(10);
        let second = Duration::from_secs(1);
        assert_eq!(pacer.reserve("a", second, now), now);
        assert_eq!(pacer.reserve("b", second, now), now + Duration::from_millis(100));
        assert_eq!(pacer.reserve("a", second, now), now + second);
        pacer.hold("b", now + 5 * second);
        assert_eq!(pacer.peek("b", now), now + 5 * second);
    }
}
