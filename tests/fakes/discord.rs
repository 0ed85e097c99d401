//! A fake Discord for tests: the REST routes Vigie uses (axum, under
//! `/api/v10`) and a websocket gateway (tokio-tungstenite), both on
//! 127.0.0.1, speaking Discord's JSON to the real serenity client.
//!
//! Gateway: Hello, Identify → Ready, Heartbeat → Heartbeat ACK, dispatches
//! (MESSAGE_CREATE, INTERACTION_CREATE) numbered with `s`, Resume → the
//! missed dispatches then RESUMED, Invalid Session for an unknown session,
//! close 4004 for a wrong token and 4014 without the privileged intent.
//! Not covered: zlib compression (frames are text), sharding, presence,
//! guild and member events, voice, Reconnect (op 7) requests, rate limits
//! on gateway sends.

#![allow(dead_code)] // Each test crate uses its own part of this module.

// A test that uses both fakes loads this twice: harmless, it holds one function.
#[allow(clippy::duplicate_mod)]
#[path = "wait.rs"]
mod wait;

use std::collections::{HashSet, VecDeque};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::time::Instant;

use axum::Router;
use axum::extract::{self, Path};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, patch, post, put};
use futures_util::{SinkExt, StreamExt};
use serde_json::{Value, json};
use tokio::sync::{Notify, mpsc};
use tokio_tungstenite::tungstenite::Message as Frame;

pub const TOKEN: &str = "fake-discord-token";
pub const BOT_ID: u64 = 900_000_000_000_000_001;
pub const APP_ID: u64 = 900_000_000_000_000_002;
pub const GUILD_ID: u64 = 800_000_000_000_000_001;
const MESSAGE_CONTENT_INTENT: u64 = 1 << 15;

/// The channel of the direct messages between the bot and `user`.
pub fn dm_channel(user: u64) -> u64 {
    700_000_000_000_000_000 + user
}

/// A message the bot posted (or its last edit).
#[derive(Clone, Debug)]
pub struct Posted {
    pub channel_id: u64,
    pub message_id: u64,
    pub content: String,
    pub embeds: Value,
    pub components: Value,
    pub allowed_mentions: Value,
    pub reference: Option<u64>,
    pub at: Instant,
}

impl Posted {
    /// The custom ids of its buttons, in order.
    pub fn buttons(&self) -> Vec<String> {
        self.components
            .as_array()
            .into_iter()
            .flatten()
            .flat_map(|row| row["components"].as_array().into_iter().flatten())
            .filter_map(|b| b["custom_id"].as_str().map(str::to_string))
            .collect()
    }

    /// The text of its first embed (title and description).
    pub fn embed_text(&self) -> String {
        let embed = &self.embeds[0];
        format!(
            "{}\n{}",
            embed["title"].as_str().unwrap_or_default(),
            embed["description"].as_str().unwrap_or_default()
        )
    }
}

#[derive(Clone, Copy, Debug)]
pub enum Failure {
    RateLimited,
    ServerError,
}

enum Out {
    Frame(String),
    Drop,
}

#[derive(Default)]
pub struct State {
    next_id: u64,
    pub posted: Vec<Posted>,
    pub edits: Vec<Posted>,
    /// (interaction id, the callback body).
    pub interaction_responses: Vec<(u64, Value)>,
    pub commands: Option<Value>,
    pub fail_posts: VecDeque<Failure>,
    /// Users whose direct messages refuse the bot (403, code 50007).
    pub blocked: HashSet<u64>,
    // The gateway.
    seq: u64,
    session: Option<String>,
    /// Dispatches of the current session, for Resume.
    log: Vec<(u64, String)>,
    connection: Option<(u64, mpsc::UnboundedSender<Out>)>,
    /// The current connection has identified or resumed.
    ready: bool,
    /// Every resident's message ever dispatched, for reading a channel back.
    history: Vec<Value>,
    /// `GET /channels/{id}/messages` calls.
    pub reads: usize,
    pub connections: usize,
    pub identifies: usize,
    pub resumes: usize,
    pub heartbeats: usize,
}

struct Shared {
    state: Mutex<State>,
    changed: Notify,
    ws_url: String,
}

#[derive(Clone)]
pub struct FakeDiscord {
    /// The REST base, as `VIGIE_DISCORD_API_URL` takes it.
    pub url: String,
    shared: Arc<Shared>,
}

fn snowflake(state: &mut State) -> u64 {
    state.next_id += 1;
    1_000_000_000_000_000_000 + state.next_id
}

fn timestamp() -> &'static str {
    "2026-11-28T20:00:00.000000+00:00"
}

pub fn user_json(id: u64, bot: bool) -> Value {
    json!({ "id": id.to_string(), "username": if bot { "vigie" } else { "resident" }, "discriminator": "0",
            "global_name": null, "avatar": null, "bot": bot })
}

fn member_json(user: u64) -> Value {
    json!({ "user": user_json(user, false), "roles": [], "joined_at": timestamp(), "deaf": false, "mute": false,
            "flags": 0, "permissions": "0" })
}

fn message_json(posted: &Posted, author: Value) -> Value {
    json!({
        "id": posted.message_id.to_string(), "channel_id": posted.channel_id.to_string(), "author": author,
        "content": posted.content, "timestamp": timestamp(), "edited_timestamp": null, "tts": false,
        "mention_everyone": false, "mentions": [], "mention_roles": [], "attachments": [],
        "embeds": if posted.embeds.is_array() { posted.embeds.clone() } else { json!([]) },
        "components": if posted.components.is_array() { posted.components.clone() } else { json!([]) },
        "pinned": false, "type": 0,
    })
}

impl FakeDiscord {
    pub async fn start() -> FakeDiscord {
        let ws = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind the fake gateway");
        let ws_url = format!("ws://{}", ws.local_addr().unwrap());
        let shared = Arc::new(Shared { state: Mutex::new(State::default()), changed: Notify::new(), ws_url });
        let gateway = shared.clone();
        tokio::spawn(async move {
            let mut next = 0;
            while let Ok((stream, _)) = ws.accept().await {
                next += 1;
                tokio::spawn(connection(gateway.clone(), stream, next));
            }
        });
        let app = Router::new()
            .route("/api/v10/gateway", get(gateway_url))
            .route("/api/v10/gateway/bot", get(gateway_url))
            .route("/api/v10/users/@me", get(current_user))
            .route("/api/v10/channels/{channel}/messages", post(create_message).get(read_messages))
            .route("/api/v10/channels/{channel}/messages/{message}", patch(edit_message))
            .route("/api/v10/interactions/{id}/{token}/callback", post(interaction_callback))
            .route("/api/v10/applications/{app}/commands", put(set_commands))
            .fallback(|| async { error(StatusCode::NOT_FOUND, 0, "404: Not Found") })
            .with_state(shared.clone());
        let rest = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind the fake REST API");
        let url = format!("http://{}", rest.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(rest, app).await.expect("fake Discord serves") });
        FakeDiscord { url, shared }
    }

    pub fn with<R>(&self, f: impl FnOnce(&mut State) -> R) -> R {
        let out = f(&mut self.shared.state.lock().unwrap());
        self.shared.changed.notify_waiters();
        out
    }

    /// Sends an event to the bot now, or keeps it for a Resume if the bot
    /// is not connected.
    pub fn dispatch(&self, kind: &str, data: Value) {
        self.with(|s| dispatch(s, kind, data));
    }

    /// A resident's direct message; its id.
    pub fn dm(&self, user: u64, text: &str) -> u64 {
        let id = self.with(snowflake);
        let posted = Posted {
            channel_id: dm_channel(user),
            message_id: id,
            content: text.into(),
            embeds: json!([]),
            components: json!([]),
            allowed_mentions: Value::Null,
            reference: None,
            at: Instant::now(),
        };
        self.dispatch("MESSAGE_CREATE", message_json(&posted, user_json(user, false)));
        id
    }

    /// A message in a guild channel, optionally mentioning the bot or
    /// answering one of its messages; its id.
    pub fn guild_says(&self, channel: u64, user: u64, text: &str, mention: bool, reply_to: Option<&Posted>) -> u64 {
        let id = self.with(snowflake);
        let posted = Posted {
            channel_id: channel,
            message_id: id,
            content: text.into(),
            embeds: json!([]),
            components: json!([]),
            allowed_mentions: Value::Null,
            reference: None,
            at: Instant::now(),
        };
        let mut message = message_json(&posted, user_json(user, false));
        message["guild_id"] = json!(GUILD_ID.to_string());
        message["member"] = member_json(user);
        message["member"].as_object_mut().unwrap().remove("user");
        if mention {
            message["mentions"] = json!([user_json(BOT_ID, true)]);
        }
        if let Some(original) = reply_to {
            message["type"] = json!(19);
            message["message_reference"] = json!({ "message_id": original.message_id.to_string(),
                "channel_id": original.channel_id.to_string(), "guild_id": GUILD_ID.to_string() });
            message["referenced_message"] = message_json(original, user_json(BOT_ID, true));
        }
        self.dispatch("MESSAGE_CREATE", message);
        id
    }

    fn interaction(
        &self,
        kind: u8,
        user: u64,
        channel: u64,
        in_guild: bool,
        data: Value,
        message: Option<&Posted>,
    ) -> u64 {
        let id = self.with(snowflake);
        let mut interaction = json!({
            "id": id.to_string(), "application_id": APP_ID.to_string(), "type": kind, "data": data,
            "channel_id": channel.to_string(), "channel": { "id": channel.to_string(), "type": if in_guild { 0 } else { 1 } },
            "token": format!("itoken{id}"), "version": 1, "locale": "fr", "entitlements": [],
            "attachment_size_limit": 8_388_608, "app_permissions": "0",
        });
        if in_guild {
            interaction["guild_id"] = json!(GUILD_ID.to_string());
            interaction["member"] = member_json(user);
        } else {
            interaction["user"] = user_json(user, false);
        }
        if let Some(posted) = message {
            interaction["message"] = message_json(posted, user_json(BOT_ID, true));
        }
        self.dispatch("INTERACTION_CREATE", interaction);
        id
    }

    /// `user` presses the button `custom_id` under `posted`; the interaction id.
    pub fn press(&self, user: u64, posted: &Posted, custom_id: &str) -> u64 {
        let in_guild = posted.channel_id != dm_channel(user);
        let data = json!({ "custom_id": custom_id, "component_type": 2 });
        self.interaction(3, user, posted.channel_id, in_guild, data, Some(posted))
    }

    /// `user` runs the slash command `/name [code]` in their direct messages.
    pub fn slash(&self, user: u64, name: &str, code: Option<&str>) -> u64 {
        let options = match code {
            Some(code) => json!([{ "name": "code", "type": 3, "value": code }]),
            None => json!([]),
        };
        let data = json!({ "id": "5000", "name": name, "type": 1, "options": options });
        self.interaction(2, user, dm_channel(user), false, data, None)
    }

    /// Drops the gateway connection without a close frame, as a network would.
    pub fn drop_connection(&self) {
        self.with(|s| {
            if let Some((_, sender)) = s.connection.take() {
                let _ = sender.send(Out::Drop);
            }
            s.ready = false;
        });
    }

    pub fn posted_to(&self, channel: u64) -> Vec<Posted> {
        self.with(|s| s.posted.iter().filter(|m| m.channel_id == channel).cloned().collect())
    }

    pub async fn wait_for(&self, timeout: Duration, check: impl FnMut(&State) -> bool) -> bool {
        wait::until(&self.shared.state, &self.shared.changed, timeout, check).await
    }
}

fn dispatch(state: &mut State, kind: &str, data: Value) {
    if kind == "MESSAGE_CREATE" {
        state.history.push(data.clone());
    }
    state.seq += 1;
    let frame = json!({ "op": 0, "t": kind, "s": state.seq, "d": data }).to_string();
    state.log.push((state.seq, frame.clone()));
    if state.ready
        && let Some((_, sender)) = &state.connection
    {
        let _ = sender.send(Out::Frame(frame));
    }
}

async fn connection(shared: Arc<Shared>, stream: tokio::net::TcpStream, id: u64) {
    let Ok(ws) = tokio_tungstenite::accept_async(stream).await else { return };
    let (mut sink, mut source) = ws.split();
    let (sender, mut outgoing) = mpsc::unbounded_channel();
    {
        let mut state = shared.state.lock().unwrap();
        state.connections += 1;
        state.connection = Some((id, sender.clone()));
        state.ready = false;
    }
    shared.changed.notify_waiters();
    let hello = json!({ "op": 10, "d": { "heartbeat_interval": 2_000 } }).to_string();
    if sink.send(Frame::Text(hello)).await.is_err() {
        return;
    }
    loop {
        tokio::select! {
            frame = source.next() => match frame {
                Some(Ok(Frame::Text(text))) => {
                    let Ok(payload) = serde_json::from_str::<Value>(&text) else { continue };
                    if let Some(close) = receive(&shared, &sender, &payload) {
                        let _ = sink.send(Frame::Close(Some(close))).await;
                        break;
                    }
                }
                Some(Ok(Frame::Close(_))) | None | Some(Err(_)) => break,
                Some(Ok(_)) => {}
            },
            out = outgoing.recv() => match out {
                Some(Out::Frame(text)) => {
                    if sink.send(Frame::Text(text)).await.is_err() {
                        break;
                    }
                }
                // Dropped: no close frame, the socket just goes.
                Some(Out::Drop) | None => break,
            },
        }
    }
    let mut state = shared.state.lock().unwrap();
    if state.connection.as_ref().is_some_and(|(current, _)| *current == id) {
        state.connection = None;
        state.ready = false;
    }
    drop(state);
    shared.changed.notify_waiters();
}

/// One client payload; `Some(close frame)` to end the connection.
fn receive(
    shared: &Shared,
    sender: &mpsc::UnboundedSender<Out>,
    payload: &Value,
) -> Option<tokio_tungstenite::tungstenite::protocol::CloseFrame<'static>> {
    use tokio_tungstenite::tungstenite::protocol::frame::coding::CloseCode;
    let close = |code: u16, reason: &'static str| {
        Some(tokio_tungstenite::tungstenite::protocol::CloseFrame {
            code: CloseCode::from(code),
            reason: reason.into(),
        })
    };
    let mut state = shared.state.lock().unwrap();
    let d = &payload["d"];
    let token_ok = |t: &Value| t.as_str().map(|t| t.trim_start_matches("Bot ")) == Some(TOKEN);
    let result = match payload["op"].as_u64() {
        Some(1) => {
            state.heartbeats += 1;
            let _ = sender.send(Out::Frame(json!({ "op": 11 }).to_string()));
            None
        }
        Some(2) => {
            if !token_ok(&d["token"]) {
                return close(4004, "Authentication failed.");
            }
            if d["intents"].as_u64().unwrap_or(0) & MESSAGE_CONTENT_INTENT == 0 {
                return close(4014, "Disallowed intent(s).");
            }
            state.identifies += 1;
            let session = format!("session-{}", state.identifies);
            state.session = Some(session.clone());
            state.log.clear();
            state.ready = true;
            let ready = json!({
                "v": 10, "user": user_json(BOT_ID, true), "guilds": [], "session_id": session,
                "resume_gateway_url": shared.ws_url, "application": { "id": APP_ID.to_string(), "flags": 0 },
            });
            dispatch(&mut state, "READY", ready);
            None
        }
        Some(6) => {
            if !token_ok(&d["token"]) {
                return close(4004, "Authentication failed.");
            }
            if state.session.as_deref() != d["session_id"].as_str() {
                let _ = sender.send(Out::Frame(json!({ "op": 9, "d": false }).to_string()));
                return None;
            }
            let after = d["seq"].as_u64().unwrap_or(0);
            state.resumes += 1;
            for (seq, frame) in &state.log {
                if *seq > after {
                    let _ = sender.send(Out::Frame(frame.clone()));
                }
            }
            state.ready = true;
            dispatch(&mut state, "RESUMED", json!({}));
            None
        }
        _ => None,
    };
    drop(state);
    shared.changed.notify_waiters();
    result
}

fn error(status: StatusCode, code: u64, message: &str) -> Response {
    (status, axum::Json(json!({ "message": message, "code": code }))).into_response()
}

fn authorized(headers: &HeaderMap) -> bool {
    headers.get("authorization").and_then(|v| v.to_str().ok()) == Some(&format!("Bot {TOKEN}"))
}

async fn gateway_url(extract::State(shared): extract::State<Arc<Shared>>) -> Response {
    axum::Json(json!({
        "url": shared.ws_url, "shards": 1,
        "session_start_limit": { "total": 1000, "remaining": 1000, "reset_after": 0, "max_concurrency": 1 },
    }))
    .into_response()
}

async fn current_user(headers: HeaderMap) -> Response {
    if !authorized(&headers) {
        return error(StatusCode::UNAUTHORIZED, 0, "401: Unauthorized");
    }
    axum::Json(user_json(BOT_ID, true)).into_response()
}

async fn create_message(
    extract::State(shared): extract::State<Arc<Shared>>,
    Path(channel): Path<u64>,
    headers: HeaderMap,
    axum::Json(body): axum::Json<Value>,
) -> Response {
    if !authorized(&headers) {
        return error(StatusCode::UNAUTHORIZED, 0, "401: Unauthorized");
    }
    let response = {
        let mut state = shared.state.lock().unwrap();
        if let Some(failure) = state.fail_posts.pop_front() {
            match failure {
                Failure::RateLimited => {
                    let body = json!({ "message": "You are being rate limited.", "retry_after": 0.3, "global": false });
                    return (StatusCode::TOO_MANY_REQUESTS, axum::Json(body)).into_response();
                }
                Failure::ServerError => {
                    return error(StatusCode::INTERNAL_SERVER_ERROR, 0, "500: Internal Server Error");
                }
            }
        }
        if state.blocked.iter().any(|u| dm_channel(*u) == channel) {
            return error(StatusCode::FORBIDDEN, 50007, "Cannot send messages to this user");
        }
        let content = body["content"].as_str().unwrap_or_default().to_string();
        if content.chars().count() > 2000 {
            return error(
                StatusCode::BAD_REQUEST,
                50035,
                "Invalid Form Body (content: Must be 2000 or fewer in length.)",
            );
        }
        let posted = Posted {
            channel_id: channel,
            message_id: snowflake(&mut state),
            content,
            embeds: body["embeds"].clone(),
            components: body["components"].clone(),
            allowed_mentions: body["allowed_mentions"].clone(),
            reference: body["message_reference"]["message_id"].as_str().and_then(|m| m.parse().ok()),
            at: Instant::now(),
        };
        let response = message_json(&posted, user_json(BOT_ID, true));
        state.posted.push(posted);
        response
    };
    shared.changed.notify_waiters();
    axum::Json(response).into_response()
}

#[derive(serde::Deserialize)]
struct ReadQuery {
    after: Option<u64>,
    limit: Option<usize>,
}

/// A channel's messages after `after`, newest first, as Discord answers.
async fn read_messages(
    extract::State(shared): extract::State<Arc<Shared>>,
    Path(channel): Path<u64>,
    headers: HeaderMap,
    extract::Query(query): extract::Query<ReadQuery>,
) -> Response {
    if !authorized(&headers) {
        return error(StatusCode::UNAUTHORIZED, 0, "401: Unauthorized");
    }
    let mut state = shared.state.lock().unwrap();
    state.reads += 1;
    let after = query.after.unwrap_or(0);
    let mut messages: Vec<Value> = state
        .history
        .iter()
        .filter(|m| m["channel_id"].as_str().and_then(|c| c.parse::<u64>().ok()) == Some(channel))
        .filter(|m| m["id"].as_str().and_then(|i| i.parse::<u64>().ok()).is_some_and(|id| id > after))
        .cloned()
        .collect();
    messages.reverse();
    messages.truncate(query.limit.unwrap_or(50).min(100));
    axum::Json(Value::Array(messages)).into_response()
}

async fn edit_message(
    extract::State(shared): extract::State<Arc<Shared>>,
    Path((channel, message)): Path<(u64, u64)>,
    headers: HeaderMap,
    axum::Json(body): axum::Json<Value>,
) -> Response {
    if !authorized(&headers) {
        return error(StatusCode::UNAUTHORIZED, 0, "401: Unauthorized");
    }
    let response = {
        let mut state = shared.state.lock().unwrap();
        let current = state
            .edits
            .iter()
            .rev()
            .chain(state.posted.iter().rev())
            .find(|m| m.channel_id == channel && m.message_id == message)
            .cloned();
        let Some(mut edited) = current else { return error(StatusCode::NOT_FOUND, 10008, "Unknown Message") };
        if let Some(content) = body["content"].as_str() {
            edited.content = content.to_string();
        }
        if body["embeds"].is_array() {
            edited.embeds = body["embeds"].clone();
        }
        if body["components"].is_array() {
            edited.components = body["components"].clone();
        }
        edited.at = Instant::now();
        let response = message_json(&edited, user_json(BOT_ID, true));
        state.edits.push(edited);
        response
    };
    shared.changed.notify_waiters();
    axum::Json(response).into_response()
}

async fn interaction_callback(
    extract::State(shared): extract::State<Arc<Shared>>,
    Path((id, _token)): Path<(u64, String)>,
    axum::Json(body): axum::Json<Value>,
) -> Response {
    {
        let mut state = shared.state.lock().unwrap();
        if state.interaction_responses.iter().any(|(seen, _)| *seen == id) {
            return error(StatusCode::BAD_REQUEST, 40060, "Interaction has already been acknowledged.");
        }
        state.interaction_responses.push((id, body));
    }
    shared.changed.notify_waiters();
    StatusCode::NO_CONTENT.into_response()
}

async fn set_commands(
    extract::State(shared): extract::State<Arc<Shared>>,
    headers: HeaderMap,
    axum::Json(body): axum::Json<Value>,
) -> Response {
    if !authorized(&headers) {
        return error(StatusCode::UNAUTHORIZED, 0, "401: Unauthorized");
    }
    let commands: Vec<Value> = body
        .as_array()
        .into_iter()
        .flatten()
        .enumerate()
        .map(|(i, c)| {
            let mut command = c.clone();
            command["id"] = json!((6000 + i).to_string());
            command["application_id"] = json!(APP_ID.to_string());
            command["version"] = json!("1");
            if command.get("type").is_none() {
                command["type"] = json!(1);
            }
            command
        })
        .collect();
    shared.state.lock().unwrap().commands = Some(Value::Array(commands.clone()));
    shared.changed.notify_waiters();
    axum::Json(Value::Array(commands)).into_response()
}
