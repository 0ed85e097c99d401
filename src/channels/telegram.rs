//! Telegram, through teloxide's client (`teloxide-core`): residents in
//! private chats and groups, the moderators' group, and the outbox sender.
//!
//! Delivery, the part that must not be wrong:
//! - we drive `getUpdates` ourselves instead of teloxide's dispatcher,
//!   which moves the offset past a batch as soon as it has pulled it: here
//!   the offset moves past an update only once the update is stored (and its
//!   replies queued) in one transaction. A crash mid-batch loses nothing;
//!   the redelivered updates are recognised by their message ids;
//! - replies leave through the outbox: paced per chat (1 s in a private chat,
//!   3 s in a group, Telegram's published limits) and overall (25 a second,
//!   under Telegram's 30 with a margin for the network's jitter: at 28 a
//!   second the fake server once counted 31 in one second),
//!   a 429 holds the chat for its `retry_after` without counting an attempt,
//!   a 403 (the resident blocked the bot) marks the conversation and stops.

use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use serde_json::Value;
use teloxide::ApiError;
use teloxide::RequestError;
use teloxide::prelude::*;
use teloxide::types::{
    AllowedUpdate, BotCommand, ChatId, InlineKeyboardButton, InlineKeyboardMarkup, LinkPreviewOptions, Me, MessageId,
    ParseMode, ReplyParameters, UpdateKind,
};
use tokio::sync::{broadcast, watch};

use super::{
    Board, CARD_HELP, Card, Deliver, Incoming, Outbound, Shown, parse_command, split_text, store_incoming, utf16_len,
};
use crate::config::Config;
use crate::conversation::{Command, handle_command};
use crate::core::Lang;
use crate::live::LiveDirectives;
use crate::store::{Inbound, OutboxItem, Store, backoff_ms};

const PLATFORM: &str = "telegram";
/// Telegram's limit for one message, in UTF-16 code units.
const MAX_MESSAGE: usize = 4096;
/// Telegram's limit for a button's callback data, in bytes.
const MAX_CALLBACK_DATA: usize = 64;
/// What is kept of an inbound text: more is not a question.
const MAX_INBOUND_CHARS: usize = 8192;

/// How the Telegram channel runs; [`Settings::from_config`] gives the
/// production values.
#[derive(Clone, Debug)]
pub struct Settings {
    pub token: String,
    /// A local Bot API server (tests, or a self-hosted `telegram-bot-api`).
    pub api_url: Option<reqwest::Url>,
    /// Telegram posts updates here instead of being polled.
    pub webhook_url: Option<reqwest::Url>,
    pub moderator_chat: Option<i64>,
    /// Long-polling timeout of `getUpdates`.
    pub poll_timeout: Duration,
    /// Messages a second in all.
    pub per_second: u32,
    /// Between two messages to one private chat.
    pub private_interval: Duration,
    /// Between two messages to one group (the moderators' group included).
    pub group_interval: Duration,
    /// How long a taken outbox row is ours before another sender may take it.
    pub lease: Duration,
    /// Attempts before a row that keeps failing (network, 5xx) is given up.
    pub max_attempts: i64,
}

impl Settings {
    /// `None` when no token is configured.
    pub fn from_config(config: &Config) -> anyhow::Result<Option<Settings>> {
        let Some(token) = config.telegram_token.clone() else { return Ok(None) };
        let api_url = match &config.telegram_api_url {
            Some(url) => Some(
                reqwest::Url::parse(url.trim_end_matches('/'))
                    .with_context(|| format!("VIGIE_TELEGRAM_API_URL `{url}` is not a URL"))?,
            ),
            None => None,
        };
        let moderator_chat = match &config.telegram_moderator_chat {
            Some(chat) => Some(chat.trim().parse::<i64>().with_context(|| {
                format!("VIGIE_TELEGRAM_MODERATOR_CHAT `{chat}` is not a chat id (a number, negative for a group)")
            })?),
            None => None,
        };
        let webhook_url = match &config.telegram_webhook_url {
            Some(url) => Some(
                reqwest::Url::parse(url).with_context(|| format!("VIGIE_TELEGRAM_WEBHOOK_URL `{url}` is not a URL"))?,
            ),
            None => None,
        };
        Ok(Some(Settings { token, api_url, webhook_url, moderator_chat, ..Settings::defaults(String::new()) }))
    }

    pub fn defaults(token: String) -> Settings {
        Settings {
            token,
            api_url: None,
            webhook_url: None,
            moderator_chat: None,
            poll_timeout: Duration::from_secs(10),
            // Telegram's limit is about 30: a margin for the jitter between
            // when a message leaves and when Telegram counts it.
            per_second: 25,
            private_interval: Duration::from_secs(1),
            group_interval: Duration::from_secs(3),
            lease: Duration::from_secs(20),
            max_attempts: 12,
        }
    }
}

/// The running channel, shared by its three loops.
pub struct Telegram {
    bot: Bot,
    me: Me,
    settings: Settings,
    out: Outbound,
    directives: Arc<LiveDirectives>,
    /// This process polls and sends (see `channels::while_leading`).
    pub leading: Arc<std::sync::atomic::AtomicBool>,
    /// Group commit for webhook questions: Telegram posts one update per
    /// call, several calls at once; they are stored together.
    ingest: crate::ingest::Ingestor,
}

/// Connects (checking the token: a wrong one fails here, loudly), registers
/// the commands, and starts polling, sending and (with a moderators' group)
/// the ticket cards. The tasks end when `stop` turns true.
pub async fn start(
    settings: Settings,
    store: Store,
    directives: Arc<LiveDirectives>,
    events: broadcast::Sender<i64>,
    stop: watch::Receiver<bool>,
) -> anyhow::Result<(Arc<Telegram>, Vec<tokio::task::JoinHandle<()>>)> {
    let client = teloxide::net::default_reqwest_settings().build().context("cannot build the HTTP client")?;
    let mut bot = Bot::with_client(settings.token.clone(), client);
    if let Some(url) = &settings.api_url {
        bot = bot.set_api_url(url.clone());
    }
    let me = bot.get_me().await.context("Telegram refused the bot token (getMe)")?;
    if me.user.username.is_none() {
        anyhow::bail!("Telegram's getMe returned a bot without a username");
    }
    match &settings.webhook_url {
        Some(url) => {
            bot.set_webhook(url.clone())
                .secret_token(webhook_secret(&settings.token))
                .allowed_updates([AllowedUpdate::Message, AllowedUpdate::CallbackQuery])
                .await
                .with_context(|| format!("Telegram refused the webhook {url}"))?;
        }
        // Polling and a webhook exclude each other.
        None => {
            bot.delete_webhook().await.context("cannot remove the Telegram webhook before polling")?;
        }
    }
    if let Err(err) = bot.set_my_commands(commands()).await {
        tracing::warn!(error = %err, "Telegram: cannot register the command list; commands still work");
    }
    tracing::info!(bot = me.username(), "Telegram: connected");
    let out = Outbound::new(PLATFORM, store, events, settings.per_second, settings.lease, settings.max_attempts);
    let ingest = crate::ingest::Ingestor::spawn(out.store.clone(), directives.clone());
    let telegram = Arc::new(Telegram { bot, me, settings, out, directives, leading: Default::default(), ingest });
    // One process at a time polls and sends (see `while_leading`); every
    // process takes webhook calls.
    let leader = telegram.clone();
    let tasks = vec![tokio::spawn(super::while_leading(
        telegram.out.store.clone(),
        super::TELEGRAM_LEADER,
        "Telegram",
        telegram.leading.clone(),
        stop,
        Duration::from_secs(2),
        move |stop| {
            let mut tasks = vec![tokio::spawn(super::send_loop(leader.clone(), stop.clone()))];
            if leader.settings.webhook_url.is_none() {
                tasks.push(tokio::spawn(leader.clone().poll_loop(stop.clone())));
            }
            if leader.settings.moderator_chat.is_some() {
                tasks.push(tokio::spawn(super::card_loop(leader.clone(), stop)));
            }
            tasks
        },
    ))];
    Ok((telegram, tasks))
}

fn commands() -> Vec<BotCommand> {
    vec![
        BotCommand::new("start", "Bienvenue · Welcome"),
        BotCommand::new("help", "Aide · Help"),
        BotCommand::new("human", "Parler à une personne · Talk to a person"),
        BotCommand::new("subscribe", "Recevoir les alertes · Receive alerts"),
        BotCommand::new("unsubscribe", "Ne plus recevoir les alertes · Stop alerts"),
        BotCommand::new("lang", "fr | en"),
    ]
}

fn bounded(text: &str) -> String {
    super::bounded(text, MAX_INBOUND_CHARS)
}

/// The secret Telegram sends with every webhook call, derived from the bot
/// token so that every process of a deployment expects the same one.
fn webhook_secret(token: &str) -> String {
    use sha2::Digest;
    let digest = sha2::Sha256::digest(format!("vigie-webhook:{token}").as_bytes());
    digest.iter().take(24).map(|b| format!("{b:02x}")).collect()
}

/// A webhook call: answered 200 only once its update is stored, so that
/// Telegram delivers again whatever we could not keep.
async fn webhook(
    axum::extract::State(telegram): axum::extract::State<Arc<Telegram>>,
    headers: axum::http::HeaderMap,
    body: axum::body::Bytes,
) -> axum::http::StatusCode {
    use axum::http::StatusCode;
    let expected = webhook_secret(&telegram.settings.token);
    let given = headers.get("x-telegram-bot-api-secret-token").map(|v| v.as_bytes()).unwrap_or_default();
    if !crate::store::constant_time_eq(given, expected.as_bytes()) {
        return StatusCode::UNAUTHORIZED;
    }
    let update: teloxide::types::Update = match serde_json::from_slice(&body) {
        Ok(update) => update,
        // Telegram would send it again forever: take it and say why.
        Err(err) => {
            tracing::warn!(error = %err, "Telegram: an unreadable webhook update was dropped");
            return StatusCode::OK;
        }
    };
    // A plain question joins the others arriving at the same moment in one
    // transaction; anything else (commands, buttons, moderators) goes alone.
    if let UpdateKind::Message(message) = &update.kind
        && let Incoming::Question(inbound) = telegram.classify(message)
    {
        return match telegram.ingest.submit(inbound).await {
            Ok(handled) => {
                let _ = telegram.out.events.send(handled.conversation_id);
                StatusCode::OK
            }
            Err(err) => {
                tracing::error!(error = %format!("{err:#}"), "Telegram: cannot store a webhook update; Telegram will retry");
                StatusCode::SERVICE_UNAVAILABLE
            }
        };
    }
    match telegram.process(std::slice::from_ref(&update)).await {
        Ok(()) => StatusCode::OK,
        Err(err) => {
            tracing::error!(error = %format!("{err:#}"), "Telegram: cannot store a webhook update; Telegram will retry");
            StatusCode::SERVICE_UNAVAILABLE
        }
    }
}

impl Telegram {
    pub fn me(&self) -> &Me {
        &self.me
    }

    /// The webhook's route (at the path of the webhook URL), in webhook mode.
    pub fn webhook_router(self: &Arc<Self>) -> Option<axum::Router> {
        let url = self.settings.webhook_url.as_ref()?;
        let path = if url.path().is_empty() { "/" } else { url.path() };
        Some(
            axum::Router::new()
                .route(path, axum::routing::post(webhook))
                .layer(axum::extract::DefaultBodyLimit::max(1 << 20))
                .with_state(self.clone()),
        )
    }

    /// Reads one message: who it is for and what it asks.
    fn classify(&self, message: &teloxide::types::Message) -> Incoming {
        let Some(from) = message.from.as_ref() else { return Incoming::Ignore };
        if from.is_bot {
            return Incoming::Ignore;
        }
        let chat = message.chat.id.0;
        let raw = message.text().or(message.caption());
        if Some(chat) == self.settings.moderator_chat {
            if raw.is_some_and(|t| t.trim().to_lowercase().split('@').next() == Some("/reload")) {
                return Incoming::Reload {
                    board: chat.to_string(),
                    from: i64::try_from(from.id.0).unwrap_or(-1),
                    message: message.id.0.to_string(),
                };
            }
            return match (message.reply_to_message(), raw) {
                (Some(card), Some(text)) if !text.trim().is_empty() => Incoming::ModeratorReply {
                    board: chat.to_string(),
                    card: card.id.0.to_string(),
                    from: i64::try_from(from.id.0).unwrap_or(-1),
                    message: message.id.0.to_string(),
                    text: bounded(text),
                },
                _ => Incoming::Ignore,
            };
        }
        let private = message.chat.is_private();
        let mention = format!("@{}", self.me.username()).to_lowercase();
        let mut text = raw.map(bounded);
        if !private {
            let replied_to_us =
                message.reply_to_message().and_then(|m| m.from.as_ref()).is_some_and(|u| u.id == self.me.user.id);
            let lower = text.as_deref().unwrap_or_default().to_lowercase();
            let command_for_us = lower.starts_with('/') && {
                let first = lower.split_whitespace().next().unwrap_or_default();
                !first.contains('@') || first.ends_with(&mention)
            };
            if !(replied_to_us || command_for_us || lower.contains(&mention)) {
                return Incoming::Ignore;
            }
            if let Some(t) = &text {
                // The mention is how they called us, not part of the question.
                let cleaned = remove_ignoring_case(t, &mention);
                text = Some(cleaned.trim().to_string());
            }
        }
        let inbound = |text: String| Inbound {
            platform: PLATFORM.into(),
            chat_id: chat.to_string(),
            resident_id: Some(from.id.0.to_string()),
            platform_message_id: Some(format!("{chat}:{}", message.id.0)),
            text,
        };
        match text {
            None if private => {
                let what = if message.voice().is_some() {
                    "[message vocal / voice message]"
                } else if message.photo().is_some() {
                    "[photo]"
                } else if message.location().is_some() {
                    "[position / location]"
                } else if message.sticker().is_some() {
                    "[autocollant / sticker]"
                } else {
                    "[message non textuel / non-text message]"
                };
                let mut text = what.to_string();
                if let Some(location) = message.location() {
                    text = format!("{what} {:.5}, {:.5}", location.latitude, location.longitude);
                }
                Incoming::Command(inbound(text), Command::Unreadable)
            }
            None => Incoming::Ignore,
            Some(text) if text.trim().is_empty() => Incoming::Ignore,
            Some(text) if text.starts_with('/') => match parse_command(&text) {
                Some(command) => Incoming::Command(inbound(text), command),
                None => Incoming::Question(inbound(text.trim_start_matches('/').to_string())),
            },
            Some(text) => Incoming::Question(inbound(text)),
        }
    }

    // ---- polling -------------------------------------------------------------

    async fn poll_loop(self: Arc<Self>, mut stop: watch::Receiver<bool>) {
        let mut offset: Option<i32> = None;
        let mut failures: i64 = 0;
        let timeout = u32::try_from(self.settings.poll_timeout.as_secs()).unwrap_or(10);
        while !*stop.borrow() {
            let mut request = self
                .bot
                .get_updates()
                .timeout(timeout)
                .allowed_updates([AllowedUpdate::Message, AllowedUpdate::CallbackQuery]);
            if let Some(offset) = offset {
                request = request.offset(offset);
            }
            let result = tokio::select! {
                result = request.send() => result,
                _ = stop.changed() => return,
            };
            let updates = match result {
                Ok(updates) => updates,
                Err(err) => {
                    failures += 1;
                    tracing::warn!(error = %err, "Telegram: getUpdates failed; retrying");
                    self.pause(failures, &mut stop).await;
                    continue;
                }
            };
            let Some(last) = updates.last().map(|u| u.id.0) else { continue };
            match self.process(&updates).await {
                Ok(()) => {
                    failures = 0;
                    // Only now may Telegram forget them.
                    offset = Some(i32::try_from(last).unwrap_or(i32::MAX).saturating_add(1));
                }
                Err(err) => {
                    failures += 1;
                    tracing::error!(error = %format!("{err:#}"), updates = updates.len(),
                        "Telegram: cannot store updates; not acknowledged, Telegram will deliver them again");
                    self.pause(failures, &mut stop).await;
                }
            }
        }
    }

    async fn pause(&self, failures: i64, stop: &mut watch::Receiver<bool>) {
        // Short: the updates wait at Telegram meanwhile, and residents with them.
        let wait = Duration::from_millis(u64::try_from(backoff_ms(failures, 0).min(5_000)).unwrap_or(5_000));
        tokio::select! {
            () = tokio::time::sleep(wait) => {},
            _ = stop.changed() => {},
        }
    }

    /// Stores a batch of updates, in order; questions go in groups of one
    /// transaction. Anything that fails fails the batch (it will come again).
    pub async fn process(&self, updates: &[teloxide::types::Update]) -> anyhow::Result<()> {
        let knowledge = self.directives.current();
        let mut pending: Vec<Incoming> = Vec::new();
        for update in updates {
            match &update.kind {
                UpdateKind::Message(message) => pending.push(self.classify(message)),
                UpdateKind::CallbackQuery(query) => {
                    store_incoming(&self.out, &self.directives, std::mem::take(&mut pending)).await?;
                    self.callback(query, &knowledge).await?;
                }
                _ => {}
            }
        }
        store_incoming(&self.out, &self.directives, pending).await
    }

    /// A button: a resident's clarify choice, or a moderator's Claim/Resolve.
    async fn callback(
        &self,
        query: &teloxide::types::CallbackQuery,
        knowledge: &crate::core::Knowledge,
    ) -> anyhow::Result<()> {
        let data = query.data.as_deref().unwrap_or_default();
        let from = i64::try_from(query.from.id.0).unwrap_or(-1);
        let mut answer: Option<String> = None;
        if let Some(rest) = data.strip_prefix("c:") {
            let (lang, entry) = rest.split_once(':').unwrap_or(("fr", rest));
            let Some(message) = &query.message else { return Ok(()) };
            let chat = message.chat().id.0;
            let inbound = Inbound {
                platform: PLATFORM.into(),
                chat_id: chat.to_string(),
                resident_id: Some(from.to_string()),
                platform_message_id: Some(format!("cb:{}", query.id.0)),
                text: format!("/choice {entry}"),
            };
            let command = Command::Choice { entry: entry.to_string(), lang: Lang::parse(lang).unwrap_or(Lang::Fr) };
            let handled = handle_command(&self.out.store, knowledge, &inbound, &command, true).await?;
            let _ = self.out.events.send(handled.conversation_id);
        } else if let Some((action, id)) = data.split_once(':')
            && let Ok(ticket_id) = id.parse::<i64>()
            && matches!(action, "claim" | "resolve")
        {
            answer = Some(self.out.moderator_action(action, ticket_id, from).await?);
        }
        // The button stops spinning; a failure here loses nothing.
        let mut request = self.bot.answer_callback_query(query.id.clone());
        if let Some(text) = answer {
            request = request.text(text).show_alert(true);
        }
        if let Err(err) = request.await {
            tracing::debug!(error = %err, "Telegram: answerCallbackQuery failed");
        }
        Ok(())
    }

    // ---- sending -------------------------------------------------------------
}

impl Deliver for Telegram {
    fn outbound(&self) -> &Outbound {
        &self.out
    }

    fn interval(&self, chat: &str) -> Duration {
        // Groups and channels have negative ids.
        if chat.starts_with('-') { self.settings.group_interval } else { self.settings.private_interval }
    }

    /// One outbox row to Telegram, in as many messages as its length needs.
    async fn deliver(&self, item: OutboxItem) -> anyhow::Result<()> {
        let Ok(chat) = item.chat_id.parse::<i64>() else {
            return self.out.refused(&item, "not a Telegram chat id").await;
        };
        let payload: Value = item.payload.as_deref().and_then(|p| serde_json::from_str(p).ok()).unwrap_or(Value::Null);
        let parts = split_text(&item.text, MAX_MESSAGE, utf16_len);
        for (i, part) in parts.iter().enumerate() {
            let last = i + 1 == parts.len();
            let mut request = self
                .bot
                .send_message(ChatId(chat), render_html(part))
                .parse_mode(ParseMode::Html)
                .link_preview_options(no_preview());
            if last && let Some(markup) = choice_keyboard(&payload) {
                request = request.reply_markup(markup);
            }
            if i == 0
                && let Some(reply_to) = super::reply_to(&payload)
            {
                let mut parameters = ReplyParameters::new(MessageId(i32::try_from(reply_to).unwrap_or_default()));
                parameters.allow_sending_without_reply = Some(true);
                request = request.reply_parameters(parameters);
            }
            if let Err(err) = request.await {
                return self.failed(&item, err).await;
            }
            if !last {
                self.out.part_sent(&item, &parts, i, self.interval(&item.chat_id)).await?;
            }
        }
        self.out.delivered(item.id);
        Ok(())
    }
}

impl Board for Telegram {
    fn board(&self) -> Option<String> {
        self.settings.moderator_chat.map(|c| c.to_string())
    }

    async fn show(&self, card: &Card, existing: Option<&str>) -> anyhow::Result<Shown> {
        let group = ChatId(self.settings.moderator_chat.unwrap_or_default());
        let (text, markup) = render_card(card);
        if let Some(id) = existing.and_then(|m| m.parse::<i32>().ok()) {
            let edit = self
                .bot
                .edit_message_text(group, MessageId(id), &text)
                .parse_mode(ParseMode::Html)
                .link_preview_options(no_preview())
                .reply_markup(markup.clone());
            match edit.await {
                Ok(_) | Err(RequestError::Api(ApiError::MessageNotModified)) => return Ok(Shown::At(id.to_string())),
                Err(RequestError::Api(ApiError::MessageToEditNotFound)) => {} // deleted: post it again
                Err(RequestError::RetryAfter(wait)) => return Ok(Shown::Wait(wait.duration())),
                Err(err) => return Err(err.into()),
            }
        }
        let post = self
            .bot
            .send_message(group, &text)
            .parse_mode(ParseMode::Html)
            .link_preview_options(no_preview())
            .reply_markup(markup);
        match post.await {
            Ok(sent) => Ok(Shown::At(sent.id.0.to_string())),
            Err(RequestError::RetryAfter(wait)) => Ok(Shown::Wait(wait.duration())),
            Err(err) => Err(err.into()),
        }
    }
}

impl Telegram {
    async fn failed(&self, item: &OutboxItem, err: RequestError) -> anyhow::Result<()> {
        let message = err.to_string();
        match &err {
            RequestError::RetryAfter(wait) => self.out.rate_limited(item, wait.duration(), &message).await,
            RequestError::Api(
                ApiError::BotBlocked
                | ApiError::UserDeactivated
                | ApiError::ChatNotFound
                | ApiError::BotKicked
                | ApiError::BotKickedFromSupergroup
                | ApiError::BotKickedFromChannel,
            ) => self.out.closed(item, &message).await,
            // A 5xx arrives as an unknown error whose text is not a 400's.
            RequestError::Api(ApiError::Unknown(text)) if !text.starts_with("Bad Request") => {
                self.out.retry(item, &message).await
            }
            RequestError::Api(_) => self.out.refused(item, &message).await,
            RequestError::MigrateToChatId(_)
            | RequestError::Network(_)
            | RequestError::InvalidJson { .. }
            | RequestError::Io(_) => self.out.retry(item, &message).await,
        }
    }
}

fn no_preview() -> LinkPreviewOptions {
    LinkPreviewOptions {
        is_disabled: true,
        url: None,
        prefer_small_media: false,
        prefer_large_media: false,
        show_above_text: false,
    }
}

/// `text` with `needle` (lower case) removed wherever it appears, whatever its case.
fn remove_ignoring_case(text: &str, needle: &str) -> String {
    let lower = text.to_lowercase();
    if lower.len() != text.len() {
        // Case folding changed byte lengths: positions would not line up.
        return text.replace(needle, "");
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = 0;
    for (at, _) in lower.match_indices(needle) {
        out.push_str(&text[rest..at]);
        rest = at + needle.len();
    }
    out.push_str(&text[rest..]);
    out
}

/// Escapes text for Telegram's HTML parse mode.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c if c.is_control() && c != '\n' && c != '\t' => {}
            c => out.push(c),
        }
    }
    out
}

/// A reply as HTML: escaped, its directive footer (the last paragraph
/// opening with "— ") in italics.
pub fn render_html(text: &str) -> String {
    match text.rsplit_once("\n\n— ") {
        Some((body, footer)) => format!("{}\n\n<i>— {}</i>", escape_html(body), escape_html(footer)),
        None => escape_html(text),
    }
}

/// The clarify buttons of a payload `{"choices": [[entry, label], …], "lang": "fr"}`.
fn choice_keyboard(payload: &Value) -> Option<InlineKeyboardMarkup> {
    let choices = payload.get("choices")?.as_array()?;
    let lang = payload.get("lang").and_then(Value::as_str).unwrap_or("fr");
    let rows: Vec<Vec<InlineKeyboardButton>> = choices
        .iter()
        .filter_map(|choice| {
            let entry = choice.get(0)?.as_str()?;
            let label = choice.get(1)?.as_str()?;
            let data = format!("c:{lang}:{entry}");
            (data.len() <= MAX_CALLBACK_DATA).then(|| {
                let label: String = label.chars().take(60).collect();
                vec![InlineKeyboardButton::callback(label, data)]
            })
        })
        .collect();
    (!rows.is_empty()).then(|| InlineKeyboardMarkup::new(rows))
}

/// A ticket's card: HTML text and its buttons (none once resolved).
pub fn render_card(card: &Card) -> (String, InlineKeyboardMarkup) {
    let mut text = format!("<b>{}</b>\n{}\n", escape_html(&card.title()), escape_html(&card.status_line()));
    for line in card.message_lines(300) {
        text.push('\n');
        text.push_str(&escape_html(&line));
    }
    if !card.resolved() {
        text.push_str(&format!("\n\n<i>{}</i>", escape_html(CARD_HELP)));
    }
    let id = card.ticket.id;
    let buttons = if card.resolved() {
        Vec::new()
    } else {
        vec![vec![
            InlineKeyboardButton::callback("✋ Prendre · Claim", format!("claim:{id}")),
            InlineKeyboardButton::callback("✅ Résoudre · Resolve", format!("resolve:{id}")),
        ]]
    };
    (text, InlineKeyboardMarkup::new(buttons))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_in_both_languages() {
        assert_eq!(parse_command("/start"), Some(Command::Start));
        assert_eq!(parse_command("/humain"), Some(Command::Human));
        assert_eq!(parse_command("/human@VigieBot"), Some(Command::Human));
        assert_eq!(parse_command("/lang EN"), Some(Command::Lang(Some(Lang::En))));
        assert_eq!(parse_command("/langue français"), Some(Command::Lang(Some(Lang::Fr))));
        assert_eq!(parse_command("/lang klingon"), Some(Command::Lang(None)));
        assert_eq!(parse_command("/unsubscribe"), Some(Command::Subscribe(false)));
        assert_eq!(parse_command("/ou est le refuge"), None);
    }

    #[test]
    fn resident_text_cannot_inject_markup() {
        let text = "<b>x</b> & <a href=\"javascript:1\">y</a>\u{7}";
        assert_eq!(escape_html(text), "&lt;b&gt;x&lt;/b&gt; &amp; &lt;a href=&quot;javascript:1&quot;&gt;y&lt;/a&gt;");
        let answer = "Évacuez <maintenant>.\n\n— Avis 3 · Ville · émise le 2026-05-01";
        assert_eq!(render_html(answer), "Évacuez &lt;maintenant&gt;.\n\n<i>— Avis 3 · Ville · émise le 2026-05-01</i>");
    }

    #[test]
    fn mentions_are_removed_whatever_their_case() {
        assert_eq!(remove_ignoring_case("@VigieBot où est le refuge?", "@vigiebot"), " où est le refuge?");
    }

    #[test]
    fn choice_buttons_carry_entry_and_language() {
        let payload = serde_json::json!({ "choices": [["refuge", "Où est le refuge?"], ["x".repeat(80), "trop long"]], "lang": "en" });
        let markup = choice_keyboard(&payload).expect("buttons");
        assert_eq!(markup.inline_keyboard.len(), 1, "data over 64 bytes has no button");
        assert!(choice_keyboard(&Value::Null).is_none());
    }
}
