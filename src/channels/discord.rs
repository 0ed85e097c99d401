//! Discord, through serenity: direct messages and mentions in guild
//! channels, slash commands, clarify buttons, the moderators' channel with
//! ticket cards (embeds), and the outbox sender.
//!
//! Safety: every message carries an empty `allowed_mentions` (no text can
//! ping @everyone, a role or a user) and resident and directive text is
//! Markdown-escaped. Rate limits: serenity's ratelimiter in production; with
//! a local API (`VIGIE_DISCORD_API_URL`, tests) serenity must run without it
//! (its proxy is ignored otherwise), and the outbox paces and backs off.
//!
//! Durability: Discord pushes events and does not redeliver; a dropped
//! gateway connection is resumed by serenity and the gateway replays what
//! was missed. A new session (after a crash or a deploy) reads the recent
//! conversations' channels back from their last stored message. A message
//! the database refuses is retried in the process for a minute. Redeliveries
//! are recognised by their message ids.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use anyhow::Context as _;
use serde_json::Value;
use serenity::all::{
    ButtonStyle, ChannelId, ClientBuilder, Colour, CommandDataOptionValue, CommandInteraction, CommandOptionType,
    ComponentInteraction, Context, CreateActionRow, CreateAllowedMentions, CreateButton, CreateCommand,
    CreateCommandOption, CreateEmbed, CreateEmbedFooter, CreateInteractionResponse, CreateInteractionResponseMessage,
    CreateMessage, EditMessage, EventHandler, GatewayIntents, GetMessages, Http, HttpBuilder, HttpError, Interaction,
    Message, MessageId, Ready, UserId,
};
use tokio::sync::{broadcast, mpsc, watch};

use super::{
    Board, CARD_HELP, Card, Deliver, Incoming, Outbound, Shown, bounded, char_len, parse_command, parse_lang, reply_to,
    split_text, store_incoming,
};
use crate::config::Config;
use crate::conversation::{Command, Handled, handle_command};
use crate::core::Lang;
use crate::live::LiveDirectives;
use crate::store::{Inbound, OutboxItem, Store, backoff_ms};

const PLATFORM: &str = "discord";
/// Discord's limit for a message's content, in characters.
const MAX_MESSAGE: usize = 2000;
/// Discord's limit for a button's custom id.
const MAX_CUSTOM_ID: usize = 100;
const MAX_INBOUND_CHARS: usize = 8192;
/// How far back, and over how many conversations, a new session looks for
/// messages it missed.
const BACKFILL_WINDOW_MS: i64 = 24 * 3_600_000;
const BACKFILL_CHATS: i64 = 500;
/// How long a batch of gateway messages waits for one that overtook it.
const REORDER_WINDOW: Duration = Duration::from_millis(30);

#[derive(Clone, Debug)]
pub struct Settings {
    pub token: String,
    /// A local Discord API (REST, and the gateway address it names).
    pub api_url: Option<String>,
    pub moderator_channel: Option<u64>,
    /// Messages a second in all (Discord allows 50 requests a second).
    pub per_second: u32,
    /// Between two messages to one channel (Discord allows 5 in 5 s).
    pub channel_interval: Duration,
    pub lease: Duration,
    pub max_attempts: i64,
}

impl Settings {
    pub fn from_config(config: &Config) -> anyhow::Result<Option<Settings>> {
        let Some(token) = config.discord_token.clone() else { return Ok(None) };
        let moderator_channel = match &config.discord_moderator_channel {
            Some(channel) => Some(
                channel
                    .trim()
                    .parse::<u64>()
                    .ok()
                    .filter(|c| *c > 0)
                    .with_context(|| format!("VIGIE_DISCORD_MODERATOR_CHANNEL `{channel}` is not a channel id"))?,
            ),
            None => None,
        };
        let api_url = config.discord_api_url.as_ref().map(|u| u.trim_end_matches('/').to_string());
        Ok(Some(Settings { api_url, moderator_channel, ..Settings::defaults(token) }))
    }

    pub fn defaults(token: String) -> Settings {
        Settings {
            token,
            api_url: None,
            moderator_channel: None,
            per_second: 40,
            channel_interval: Duration::from_secs(1),
            lease: Duration::from_secs(20),
            max_attempts: 12,
        }
    }

    fn http(&self) -> Http {
        let mut builder = HttpBuilder::new(&self.token).default_allowed_mentions(CreateAllowedMentions::new());
        if let Some(url) = &self.api_url {
            // serenity ignores the proxy while its ratelimiter is on.
            builder = builder.proxy(url.clone()).ratelimiter_disabled(true);
        }
        builder.build()
    }
}

pub struct Discord {
    http: Arc<Http>,
    me: UserId,
    settings: Settings,
    out: Outbound,
    directives: Arc<LiveDirectives>,
    commands_registered: AtomicBool,
    queue: mpsc::UnboundedSender<Message>,
    /// This process holds the gateway (see `channels::while_leading`).
    pub leading: Arc<AtomicBool>,
}

/// Checks the token (a wrong one fails here: serenity would otherwise
/// retry the public gateway forever), then starts the gateway, the sender
/// and (with a moderators' channel) the ticket cards, until `stop`.
pub async fn start(
    settings: Settings,
    store: Store,
    directives: Arc<LiveDirectives>,
    events: broadcast::Sender<i64>,
    stop: watch::Receiver<bool>,
) -> anyhow::Result<(Arc<Discord>, Vec<tokio::task::JoinHandle<()>>)> {
    let http = Arc::new(settings.http());
    let me = http.get_current_user().await.context("Discord refused the bot token (GET /users/@me)")?;
    let intents = GatewayIntents::GUILD_MESSAGES | GatewayIntents::DIRECT_MESSAGES | GatewayIntents::MESSAGE_CONTENT;
    let out = Outbound::new(PLATFORM, store, events, settings.per_second, settings.lease, settings.max_attempts);
    let (queue, queued) = mpsc::unbounded_channel();
    let discord = Arc::new(Discord {
        http,
        me: me.id,
        settings: settings.clone(),
        out,
        directives,
        commands_registered: AtomicBool::new(false),
        queue,
        leading: Default::default(),
    });
    tracing::info!(bot = %me.name, "Discord: token accepted");
    // One process at a time holds the gateway and sends (see `while_leading`).
    let leader = discord.clone();
    let supervisor = tokio::spawn(super::while_leading(
        discord.out.store.clone(),
        super::DISCORD_LEADER,
        "Discord",
        discord.leading.clone(),
        stop.clone(),
        Duration::from_secs(2),
        move |stop| {
            let mut tasks = vec![
                tokio::spawn(leader.clone().gateway(intents, stop.clone())),
                tokio::spawn(super::send_loop(leader.clone(), stop.clone())),
            ];
            if leader.settings.moderator_channel.is_some() {
                tasks.push(tokio::spawn(super::card_loop(leader.clone(), stop)));
            }
            tasks
        },
    ));
    let tasks = vec![supervisor, tokio::spawn(discord.clone().store_messages(queued, stop))];
    Ok((discord, tasks))
}

struct Handler {
    discord: Arc<Discord>,
}

#[serenity::async_trait]
impl EventHandler for Handler {
    async fn ready(&self, ctx: Context, ready: Ready) {
        tracing::info!(session = %ready.session_id, "Discord: gateway ready");
        // A new session (not a resume): what was sent meanwhile is fetched.
        let discord = self.discord.clone();
        tokio::spawn(async move { discord.backfill().await });
        if !self.discord.commands_registered.swap(true, Ordering::SeqCst)
            && let Err(err) = serenity::all::Command::set_global_commands(&ctx.http, slash_commands()).await
        {
            self.discord.commands_registered.store(false, Ordering::SeqCst);
            tracing::warn!(error = %err, "Discord: cannot register the slash commands; typed commands still work");
        }
    }

    async fn message(&self, _ctx: Context, message: Message) {
        // Stored by one task, in order (see `store_messages`).
        if self.discord.queue.send(message).is_err() {
            tracing::error!("Discord: a message arrived after shutdown and is lost");
        }
    }

    async fn interaction_create(&self, _ctx: Context, interaction: Interaction) {
        let discord = &self.discord;
        match interaction {
            Interaction::Command(command) => retrying("a slash command", || discord.on_slash(&command)).await,
            Interaction::Component(press) => retrying("a button", || discord.on_button(&press)).await,
            _ => {}
        }
    }
}

/// Discord does not deliver an event twice: a failure to store one (the
/// database away) is retried here, for about a minute, before it is given up.
async fn retrying<F, Fut>(what: &str, mut attempt: F)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = anyhow::Result<()>>,
{
    for n in 1..=8 {
        match attempt().await {
            Ok(()) => return,
            Err(err) if n < 8 => {
                tracing::warn!(error = %format!("{err:#}"), attempt = n, "Discord: cannot handle {what}; retrying");
                tokio::time::sleep(Duration::from_millis(u64::try_from(backoff_ms(n, 0)).unwrap_or(1000))).await;
            }
            Err(err) => tracing::error!(error = %format!("{err:#}"), "Discord: {what} could not be stored and is lost"),
        }
    }
}

fn slash_commands() -> Vec<CreateCommand> {
    vec![
        CreateCommand::new("lang").description("Langue des réponses · Language of the answers").add_option(
            CreateCommandOption::new(CommandOptionType::String, "code", "fr | en")
                .required(true)
                .add_string_choice("Français", "fr")
                .add_string_choice("English", "en"),
        ),
        CreateCommand::new("human").description("Parler à une personne · Talk to a person"),
        CreateCommand::new("subscribe").description("Recevoir les alertes officielles · Receive official alerts"),
        CreateCommand::new("unsubscribe").description("Ne plus recevoir les alertes · Stop official alerts"),
        CreateCommand::new("help").description("Aide · Help"),
    ]
}

impl Discord {
    /// Connects serenity's gateway and runs it until `stop`.
    async fn gateway(self: Arc<Self>, intents: GatewayIntents, mut stop: watch::Receiver<bool>) {
        let built = ClientBuilder::new_with_http(self.settings.http(), intents)
            .event_handler(Handler { discord: self.clone() })
            .await;
        let mut client = match built {
            Ok(client) => client,
            Err(err) => {
                tracing::error!(error = %err, "Discord: cannot build the gateway client");
                return;
            }
        };
        let url = client.ws_url.lock().await.clone();
        tracing::info!(gateway = %url, "Discord: connecting the gateway");
        let shards = client.shard_manager.clone();
        tokio::select! {
            result = client.start() => {
                if let Err(err) = result {
                    tracing::error!(error = %err, "Discord: the gateway stopped");
                }
            }
            () = async { let _ = stop.wait_for(|s| *s).await; } => shards.shutdown_all().await,
        }
    }

    /// Discord does not deliver again what a new session missed (the
    /// process was down, or its session expired): the recent conversations'
    /// channels are read back from their last stored message, and whatever
    /// is new joins the queue (what was stored already is recognised).
    async fn backfill(&self) {
        let since = self.out.store.now_ms() - BACKFILL_WINDOW_MS;
        let chats = match self.out.store.recent_chats(PLATFORM, since, BACKFILL_CHATS).await {
            Ok(chats) => chats,
            Err(err) => {
                tracing::warn!(error = %err, "Discord: cannot list the recent conversations to catch up");
                return;
            }
        };
        let mut caught = 0;
        for (chat, last) in chats {
            let (Some(channel), Some(last)) = (chat.parse::<u64>().ok().filter(|c| *c > 0), last) else { continue };
            let Ok(last) = u64::try_from(last) else { continue };
            if last == 0 {
                continue;
            }
            let wanted = GetMessages::new().after(MessageId::new(last)).limit(100);
            match ChannelId::new(channel).messages(&self.http, wanted).await {
                Ok(messages) => {
                    for message in messages {
                        if !message.author.bot {
                            caught += 1;
                            let _ = self.queue.send(message);
                        }
                    }
                }
                Err(err) => tracing::debug!(error = %err, channel, "Discord: cannot read a channel back"),
            }
        }
        if caught > 0 {
            tracing::info!(messages = caught, "Discord: caught up on messages sent while nobody listened");
        }
    }

    fn is_board(&self, channel: ChannelId) -> bool {
        self.settings.moderator_channel == Some(channel.get())
    }

    fn woke(&self, handled: &Handled) {
        let _ = self.out.events.send(handled.conversation_id);
    }
    /// What a gateway message is for Vigie.
    fn classify(&self, message: &Message) -> Incoming {
        if message.author.bot || message.author.id == self.me {
            return Incoming::Ignore; // our own messages come back through the gateway
        }
        let from = i64::try_from(message.author.id.get()).unwrap_or(-1);
        if self.is_board(message.channel_id) {
            if message.content.trim().eq_ignore_ascii_case("/reload") {
                return Incoming::Reload {
                    board: message.channel_id.to_string(),
                    from,
                    message: message.id.to_string(),
                };
            }
            let card = message.message_reference.as_ref().and_then(|r| r.message_id);
            return match card {
                Some(card) if !message.content.trim().is_empty() => Incoming::ModeratorReply {
                    board: message.channel_id.to_string(),
                    card: card.to_string(),
                    from,
                    message: message.id.to_string(),
                    text: bounded(&message.content, MAX_INBOUND_CHARS),
                },
                _ => Incoming::Ignore,
            };
        }
        let direct = message.guild_id.is_none();
        let mention = format!("<@{}>", self.me);
        let nick_mention = format!("<@!{}>", self.me);
        let mentioned = message.mentions.iter().any(|u| u.id == self.me)
            || message.content.contains(&mention)
            || message.content.contains(&nick_mention);
        let replied_to_us = message.referenced_message.as_ref().is_some_and(|m| m.author.id == self.me);
        if !(direct || mentioned || replied_to_us) {
            return Incoming::Ignore;
        }
        let text = message.content.replace(&mention, " ").replace(&nick_mention, " ");
        let text = bounded(text.trim(), MAX_INBOUND_CHARS);
        let inbound = |text: String| Inbound {
            platform: PLATFORM.into(),
            chat_id: message.channel_id.to_string(),
            resident_id: Some(message.author.id.to_string()),
            platform_message_id: Some(message.id.to_string()),
            text,
        };
        if text.is_empty() {
            if direct && (!message.attachments.is_empty() || !message.sticker_items.is_empty()) {
                return Incoming::Command(inbound("[pièce jointe / attachment]".into()), Command::Unreadable);
            }
            return Incoming::Ignore;
        }
        if text.starts_with('/') {
            return match parse_command(&text) {
                Some(command) => Incoming::Command(inbound(text), command),
                None => Incoming::Question(inbound(text.trim_start_matches('/').to_string())),
            };
        }
        Incoming::Question(inbound(text))
    }

    /// Stores the gateway's messages in their order. serenity hands each
    /// event to its own task, so two messages sent a moment apart can arrive
    /// here in either order: each batch waits a few milliseconds for
    /// stragglers, then goes in id (time) order, in one transaction.
    async fn store_messages(
        self: Arc<Self>,
        mut queue: mpsc::UnboundedReceiver<Message>,
        mut stop: watch::Receiver<bool>,
    ) {
        loop {
            let first = tokio::select! {
                first = queue.recv() => first,
                _ = stop.wait_for(|s| *s) => None,
            };
            let Some(first) = first else { return };
            let mut batch = vec![first];
            let deadline = tokio::time::Instant::now() + REORDER_WINDOW;
            while batch.len() < 100 {
                match tokio::time::timeout_at(deadline, queue.recv()).await {
                    Ok(Some(message)) => batch.push(message),
                    Ok(None) | Err(_) => break,
                }
            }
            batch.sort_by_key(|m| m.id);
            retrying("Discord messages", || {
                let items: Vec<Incoming> = batch.iter().map(|m| self.classify(m)).collect();
                let this = &self;
                async move { store_incoming(&this.out, &this.directives, items).await }
            })
            .await;
        }
    }

    /// A slash command: applied, and answered in the interaction's response.
    async fn on_slash(&self, interaction: &CommandInteraction) -> anyhow::Result<()> {
        let option = interaction.data.options.first().and_then(|o| match &o.value {
            CommandDataOptionValue::String(s) => Some(s.clone()),
            _ => None,
        });
        let command = match interaction.data.name.as_str() {
            "lang" => Command::Lang(option.as_deref().and_then(parse_lang)),
            "human" => Command::Human,
            "subscribe" => Command::Subscribe(true),
            "unsubscribe" => Command::Subscribe(false),
            _ => Command::Help,
        };
        let inbound = Inbound {
            platform: PLATFORM.into(),
            chat_id: interaction.channel_id.to_string(),
            resident_id: Some(interaction.user.id.to_string()),
            platform_message_id: Some(format!("interaction:{}", interaction.id)),
            text: format!("/{} {}", interaction.data.name, option.unwrap_or_default()).trim_end().to_string(),
        };
        let knowledge = self.directives.current();
        let handled = handle_command(&self.out.store, &knowledge, &inbound, &command, false).await?;
        self.woke(&handled);
        if handled.duplicate {
            return Ok(());
        }
        let text: Vec<String> = handled.replies.iter().map(|r| escape_markdown(&r.text)).collect();
        let content: String = text.join("\n\n").chars().take(MAX_MESSAGE).collect();
        let response = CreateInteractionResponse::Message(
            CreateInteractionResponseMessage::new().content(content).allowed_mentions(CreateAllowedMentions::new()),
        );
        if let Err(err) = interaction.create_response(&self.http, response).await {
            tracing::warn!(error = %err, "Discord: cannot answer a slash command (more than 3 s?)");
        }
        Ok(())
    }

    /// A button: a resident's clarify choice, or a moderator's Claim/Resolve.
    async fn on_button(&self, press: &ComponentInteraction) -> anyhow::Result<()> {
        let id = press.data.custom_id.as_str();
        let from = i64::try_from(press.user.id.get()).unwrap_or(-1);
        let response = if let Some(rest) = id.strip_prefix("c:") {
            let (lang, entry) = rest.split_once(':').unwrap_or(("fr", rest));
            let inbound = Inbound {
                platform: PLATFORM.into(),
                chat_id: press.channel_id.to_string(),
                resident_id: Some(press.user.id.to_string()),
                platform_message_id: Some(format!("interaction:{}", press.id)),
                text: format!("/choice {entry}"),
            };
            let command = Command::Choice { entry: entry.to_string(), lang: Lang::parse(lang).unwrap_or(Lang::Fr) };
            let knowledge = self.directives.current();
            let handled = handle_command(&self.out.store, &knowledge, &inbound, &command, true).await?;
            self.woke(&handled);
            // The answer follows as a message; the press only needs acknowledging.
            CreateInteractionResponse::Acknowledge
        } else if let Some((action, ticket)) = id.split_once(':')
            && let Ok(ticket_id) = ticket.parse::<i64>()
            && matches!(action, "claim" | "resolve")
        {
            let text = self.out.moderator_action(action, ticket_id, from).await?;
            CreateInteractionResponse::Message(
                CreateInteractionResponseMessage::new()
                    .content(escape_markdown(&text))
                    .ephemeral(true)
                    .allowed_mentions(CreateAllowedMentions::new()),
            )
        } else {
            CreateInteractionResponse::Acknowledge
        };
        if let Err(err) = press.create_response(&self.http, response).await {
            tracing::warn!(error = %err, "Discord: cannot acknowledge a button (more than 3 s?)");
        }
        Ok(())
    }

    async fn failed(&self, item: &OutboxItem, err: serenity::Error) -> anyhow::Result<()> {
        let message = err.to_string();
        let serenity::Error::Http(HttpError::UnsuccessfulRequest(response)) = &err else {
            return self.out.retry(item, &message).await; // the network
        };
        let status = response.status_code.as_u16();
        let message = format!("{status} {} ({})", response.error.message, response.error.code);
        match (status, response.error.code) {
            // Without serenity's ratelimiter its `retry_after` is lost: back off.
            (429, _) => {
                let wait = Duration::from_millis(u64::try_from(backoff_ms(item.attempts, item.id)).unwrap_or(1000));
                self.out.rate_limited(item, wait, &message).await
            }
            // Cannot send messages to this user; unknown channel; missing access.
            (_, 50007 | 10003 | 50001) | (403, _) => self.out.closed(item, &message).await,
            (500..=599, _) => self.out.retry(item, &message).await,
            _ => self.out.refused(item, &message).await,
        }
    }
}

impl Deliver for Discord {
    fn outbound(&self) -> &Outbound {
        &self.out
    }

    fn interval(&self, _chat: &str) -> Duration {
        self.settings.channel_interval
    }

    async fn deliver(&self, item: OutboxItem) -> anyhow::Result<()> {
        let Some(channel) = item.chat_id.parse::<u64>().ok().filter(|c| *c > 0) else {
            return self.out.refused(&item, "not a Discord channel id").await;
        };
        let channel = ChannelId::new(channel);
        let payload: Value = item.payload.as_deref().and_then(|p| serde_json::from_str(p).ok()).unwrap_or(Value::Null);
        // Split the plain text (escaping adds characters: room is kept for
        // it), so that what is left after a failure is stored as plain text.
        let parts = split_text(&item.text, MAX_MESSAGE * 9 / 10, char_len);
        for (i, part) in parts.iter().enumerate() {
            let last = i + 1 == parts.len();
            let rendered = split_text(&render_markdown(part), MAX_MESSAGE, char_len);
            for (j, piece) in rendered.iter().enumerate() {
                let mut message =
                    CreateMessage::new().content(piece.clone()).allowed_mentions(CreateAllowedMentions::new());
                if last
                    && j + 1 == rendered.len()
                    && let Some(buttons) = choice_buttons(&payload)
                {
                    message = message.components(buttons);
                }
                if i == 0
                    && j == 0
                    && let Some(reply_to) = reply_to(&payload).filter(|id| *id > 0)
                {
                    message = message.reference_message((channel, MessageId::new(reply_to)));
                }
                if let Err(err) = channel.send_message(&self.http, message).await {
                    return self.failed(&item, err).await;
                }
            }
            if !last {
                self.out.part_sent(&item, &parts, i, self.settings.channel_interval).await?;
            }
        }
        self.out.delivered(item.id);
        Ok(())
    }
}

impl Board for Discord {
    fn board(&self) -> Option<String> {
        self.settings.moderator_channel.map(|c| c.to_string())
    }

    async fn show(&self, card: &Card, existing: Option<&str>) -> anyhow::Result<Shown> {
        let channel = ChannelId::new(self.settings.moderator_channel.unwrap_or(1));
        let (embed, buttons) = render_card(card);
        if let Some(id) = existing.and_then(|m| m.parse::<u64>().ok()).filter(|m| *m > 0) {
            let edit = EditMessage::new().embed(embed.clone()).components(buttons.clone());
            match channel.edit_message(&self.http, MessageId::new(id), edit).await {
                Ok(_) => return Ok(Shown::At(id.to_string())),
                Err(serenity::Error::Http(HttpError::UnsuccessfulRequest(r))) if r.status_code.as_u16() == 404 => {}
                Err(serenity::Error::Http(HttpError::UnsuccessfulRequest(r))) if r.status_code.as_u16() == 429 => {
                    return Ok(Shown::Wait(Duration::from_secs(1)));
                }
                Err(err) => return Err(err.into()),
            }
        }
        let post = CreateMessage::new().embed(embed).components(buttons).allowed_mentions(CreateAllowedMentions::new());
        match channel.send_message(&self.http, post).await {
            Ok(sent) => Ok(Shown::At(sent.id.to_string())),
            Err(serenity::Error::Http(HttpError::UnsuccessfulRequest(r))) if r.status_code.as_u16() == 429 => {
                Ok(Shown::Wait(Duration::from_secs(1)))
            }
            Err(err) => Err(err.into()),
        }
    }
}

/// Escapes Discord's Markdown (and mention and link syntax) so that text
/// shows as written: `*`, `_`, `~`, `` ` ``, `|`, `>`, `#`, `-`, `[`, `]`,
/// `(`, `)`, `<`, `@` and `\` get a backslash where they could mean something.
pub fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut line_start = true;
    for c in text.chars() {
        match c {
            '\\' | '*' | '_' | '~' | '`' | '|' | '[' | ']' | '(' | ')' | '<' => {
                out.push('\\');
                out.push(c);
            }
            // Quotes, headings and lists only mean something at a line's start.
            '>' | '#' | '-' | '+' if line_start => {
                out.push('\\');
                out.push(c);
            }
            // "@everyone" shown as text; allowed_mentions already keeps it silent.
            '@' => out.push_str("@\u{200b}"),
            c if c.is_control() && c != '\n' && c != '\t' => {}
            c => out.push(c),
        }
        if c == '\n' {
            line_start = true;
        } else if !c.is_whitespace() {
            line_start = false;
        }
    }
    out
}

/// A reply as Discord Markdown: escaped, its directive footer in italics.
pub fn render_markdown(text: &str) -> String {
    match text.rsplit_once("\n\n— ") {
        Some((body, footer)) => format!("{}\n\n*— {}*", escape_markdown(body), escape_markdown(footer)),
        None => escape_markdown(text),
    }
}

/// The clarify buttons of a payload `{"choices": [[entry, label], …], "lang": "fr"}`.
fn choice_buttons(payload: &Value) -> Option<Vec<CreateActionRow>> {
    let choices = payload.get("choices")?.as_array()?;
    let lang = payload.get("lang").and_then(Value::as_str).unwrap_or("fr");
    let buttons: Vec<CreateButton> = choices
        .iter()
        .filter_map(|choice| {
            let entry = choice.get(0)?.as_str()?;
            let label = choice.get(1)?.as_str()?;
            let id = format!("c:{lang}:{entry}");
            (id.len() <= MAX_CUSTOM_ID).then(|| {
                let label: String = label.chars().take(80).collect();
                CreateButton::new(id).label(label).style(ButtonStyle::Secondary)
            })
        })
        .take(25)
        .collect();
    if buttons.is_empty() {
        return None;
    }
    // Five buttons to a row.
    Some(buttons.chunks(5).map(|row| CreateActionRow::Buttons(row.to_vec())).collect())
}

/// A ticket's card: an embed and its buttons (none once resolved).
fn render_card(card: &Card) -> (CreateEmbed, Vec<CreateActionRow>) {
    let colour = match (card.resolved(), card.ticket.priority) {
        (true, _) => Colour::DARK_GREY,
        (false, 1) => Colour::RED,
        (false, 2) => Colour::ORANGE,
        _ => Colour::GOLD,
    };
    let mut description = escape_markdown(&card.status_line());
    description.push('\n');
    for line in card.message_lines(300) {
        description.push('\n');
        description.push_str(&escape_markdown(&line));
    }
    let description: String = description.chars().take(4000).collect();
    let mut embed = CreateEmbed::new().title(card.title()).description(description).colour(colour);
    if !card.resolved() {
        embed = embed.footer(CreateEmbedFooter::new(CARD_HELP));
    }
    let id = card.ticket.id;
    let buttons = if card.resolved() {
        Vec::new()
    } else {
        vec![CreateActionRow::Buttons(vec![
            CreateButton::new(format!("claim:{id}")).label("Prendre · Claim").style(ButtonStyle::Primary),
            CreateButton::new(format!("resolve:{id}")).label("Résoudre · Resolve").style(ButtonStyle::Success),
        ])]
    };
    (embed, buttons)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_and_mentions_are_shown_as_written() {
        assert_eq!(escape_markdown("**gras** _x_ `code`"), "\\*\\*gras\\*\\* \\_x\\_ \\`code\\`");
        assert_eq!(escape_markdown("@everyone <@&123>"), "@\u{200b}everyone \\<@\u{200b}&123>");
        assert_eq!(escape_markdown("# titre\n> citation\n- liste"), "\\# titre\n\\> citation\n\\- liste");
        assert_eq!(escape_markdown("a - b > c"), "a - b > c", "mid-line signs mean nothing");
        assert_eq!(escape_markdown("[lien](http://x)"), "\\[lien\\]\\(http://x\\)");
    }

    #[test]
    fn the_footer_is_in_italics() {
        let text = "Évacuez *maintenant*.\n\n— Avis 3 · Ville";
        assert_eq!(render_markdown(text), "Évacuez \\*maintenant\\*.\n\n*— Avis 3 · Ville*");
    }

    #[test]
    fn choice_buttons_five_to_a_row() {
        let choices: Vec<Value> =
            (0..7).map(|i| serde_json::json!([format!("e{i}"), format!("Question {i}")])).collect();
        let rows = choice_buttons(&serde_json::json!({ "choices": choices, "lang": "en" })).unwrap();
        assert_eq!(rows.len(), 2);
        assert!(choice_buttons(&Value::Null).is_none());
    }
}
