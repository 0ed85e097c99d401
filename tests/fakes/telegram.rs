//! A fake Telegram Bot API server for tests and benchmarks: axum on
//! 127.0.0.1:0, speaking the JSON of the real Bot API to the real teloxide
//! client (`{base}/bot{token}/{Method}`, method names matched without case).
//!
//! It keeps updates until a `getUpdates` offset confirms them (as Telegram
//! does), long-polls with `timeout`, numbers messages, records every call,
//! and fails on demand: 429 with `retry_after`, 500, 403 for blocked chats,
//! or sends that hang (for a process killed while sending).

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
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};
use tokio::sync::Notify;

pub const TOKEN: &str = "123456:TEST-token";
pub const BOT_ID: i64 = 777_000;
pub const BOT_USERNAME: &str = "VigieTestBot";

/// A message the bot sent (or its last edit).
#[derive(Clone, Debug)]
pub struct Sent {
    pub chat_id: i64,
    pub message_id: i64,
    pub text: String,
    pub parse_mode: Option<String>,
    pub reply_markup: Value,
    pub reply_to: Option<i64>,
    pub at: Instant,
}

impl Sent {
    /// The callback data of its inline buttons, in order.
    pub fn buttons(&self) -> Vec<String> {
        self.reply_markup["inline_keyboard"]
            .as_array()
            .into_iter()
            .flatten()
            .flat_map(|row| row.as_array().into_iter().flatten())
            .filter_map(|b| b["callback_data"].as_str().map(str::to_string))
            .collect()
    }
}

#[derive(Clone, Copy, Debug)]
pub enum Failure {
    RetryAfter(u64),
    ServerError,
}

#[derive(Default)]
pub struct State {
    next_update_id: i64,
    next_message_id: i64,
    pending: VecDeque<Value>,
    /// Every `sendMessage` that succeeded, in order.
    pub sent: Vec<Sent>,
    /// Every `editMessageText` / `editMessageReplyMarkup` that succeeded.
    pub edits: Vec<Sent>,
    pub callback_answers: Vec<Value>,
    pub commands: Option<Value>,
    /// Method names, lower case, in the order called.
    pub calls: Vec<String>,
    /// Failures the next `sendMessage` calls get, in order.
    pub fail_sends: VecDeque<Failure>,
    /// Chats that blocked the bot (403).
    pub blocked: HashSet<i64>,
    /// While true, `sendMessage` never answers.
    pub hold_sends: bool,
    /// `sendMessage` calls received, answered or not.
    pub send_attempts: usize,
    /// Updates handed out by `getUpdates` (with repetitions).
    pub updates_served: usize,
    /// The highest offset a `getUpdates` confirmed.
    pub confirmed: i64,
    /// `setWebhook`'s URL and secret token.
    pub webhook: Option<(String, String)>,
}

struct Shared {
    state: Mutex<State>,
    updates: Notify,
    changed: Notify,
}

#[derive(Clone)]
pub struct FakeTelegram {
    pub url: String,
    shared: Arc<Shared>,
}

impl FakeTelegram {
    pub async fn start() -> FakeTelegram {
        let shared = Arc::new(Shared {
            state: Mutex::new(State { next_update_id: 1, next_message_id: 1, ..State::default() }),
            updates: Notify::new(),
            changed: Notify::new(),
        });
        let app = Router::new().route("/{bot}/{method}", axum::routing::any(handle)).with_state(shared.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind the fake Telegram");
        let url = format!("http://{}", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, app).await.expect("fake Telegram serves") });
        FakeTelegram { url, shared }
    }

    /// Reads or changes the state.
    pub fn with<R>(&self, f: impl FnOnce(&mut State) -> R) -> R {
        let mut state = self.shared.state.lock().unwrap();
        let out = f(&mut state);
        drop(state);
        self.shared.changed.notify_waiters();
        out
    }

    fn push(&self, build: impl FnOnce(i64, i64) -> Value) -> i64 {
        let message_id = self.with(|s| {
            let update_id = s.next_update_id;
            s.next_update_id += 1;
            let message_id = s.next_message_id;
            s.next_message_id += 1;
            s.pending.push_back(build(update_id, message_id));
            message_id
        });
        self.shared.updates.notify_waiters();
        message_id
    }

    /// A resident writes to the bot in a private chat (chat id = user id).
    pub fn resident_says(&self, user: i64, text: &str) -> i64 {
        self.push(|update_id, message_id| {
            json!({ "update_id": update_id, "message": user_message(message_id, user, private_chat(user), text) })
        })
    }

    /// Someone writes in a group, optionally answering an earlier message.
    pub fn group_says(&self, chat: i64, user: i64, text: &str, reply_to: Option<&Sent>) -> i64 {
        self.push(|update_id, message_id| {
            let mut message = user_message(message_id, user, group_chat(chat), text);
            if let Some(sent) = reply_to {
                message["reply_to_message"] = bot_message(sent);
            }
            json!({ "update_id": update_id, "message": message })
        })
    }

    /// `user` presses the button `data` under `sent`.
    pub fn press(&self, user: i64, sent: &Sent, data: &str) {
        self.push(|update_id, n| {
            json!({
                "update_id": update_id,
                "callback_query": {
                    "id": format!("cb{n}"),
                    "from": user_json(user),
                    "chat_instance": format!("ci{}", sent.chat_id),
                    "data": data,
                    "message": bot_message(sent),
                }
            })
        });
    }

    /// In webhook mode: posts a resident's message to the bot's webhook, as
    /// Telegram does, with `secret` as the secret token; the HTTP status.
    pub async fn post_resident_message(&self, user: i64, text: &str, secret: Option<&str>) -> u16 {
        let (url, registered) = self.with(|s| s.webhook.clone()).expect("a webhook is set");
        self.post_to(&reqwest::Client::new(), &url, secret.unwrap_or(&registered), user, text).await
    }

    /// Posts a resident's message as a webhook call to `url` (one of several
    /// processes behind a load balancer); the HTTP status.
    pub async fn post_to(&self, client: &reqwest::Client, url: &str, secret: &str, user: i64, text: &str) -> u16 {
        let (update_id, message_id) = self.with(|s| {
            s.next_update_id += 1;
            s.next_message_id += 1;
            (s.next_update_id - 1, s.next_message_id - 1)
        });
        let update =
            json!({ "update_id": update_id, "message": user_message(message_id, user, private_chat(user), text) });
        client
            .post(url)
            .header("X-Telegram-Bot-Api-Secret-Token", secret)
            .json(&update)
            .send()
            .await
            .map(|r| r.status().as_u16())
            .unwrap_or(0)
    }

    /// A raw update (for shapes the helpers do not build).
    pub fn push_raw(&self, mut update: Value) {
        self.push(|update_id, _| {
            update["update_id"] = json!(update_id);
            update
        });
    }

    pub fn sent_to(&self, chat: i64) -> Vec<Sent> {
        self.with(|s| s.sent.iter().filter(|m| m.chat_id == chat).cloned().collect())
    }

    /// The current text of a sent message (after edits).
    pub fn message(&self, chat: i64, message_id: i64) -> Option<Sent> {
        self.with(|s| {
            s.edits
                .iter()
                .rev()
                .chain(s.sent.iter().rev())
                .find(|m| m.chat_id == chat && m.message_id == message_id)
                .cloned()
        })
    }

    /// Waits until `check` holds, up to `timeout`; returns whether it did.
    pub async fn wait_for(&self, timeout: Duration, check: impl FnMut(&State) -> bool) -> bool {
        wait::until(&self.shared.state, &self.shared.changed, timeout, check).await
    }
}

fn user_json(user: i64) -> Value {
    json!({ "id": user, "is_bot": false, "first_name": "Résident", "language_code": "fr" })
}

fn private_chat(user: i64) -> Value {
    json!({ "id": user, "type": "private", "first_name": "Résident" })
}

fn group_chat(chat: i64) -> Value {
    json!({ "id": chat, "type": "supergroup", "title": "Groupe" })
}

fn chat_json(chat: i64) -> Value {
    if chat < 0 { group_chat(chat) } else { private_chat(chat) }
}

fn now_secs() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64
}

fn user_message(message_id: i64, user: i64, chat: Value, text: &str) -> Value {
    let mut message =
        json!({ "message_id": message_id, "from": user_json(user), "chat": chat, "date": now_secs(), "text": text });
    if text.starts_with('/') {
        let length = text.split_whitespace().next().unwrap_or_default().encode_utf16().count();
        message["entities"] = json!([{ "type": "bot_command", "offset": 0, "length": length }]);
    }
    message
}

fn bot_json() -> Value {
    json!({ "id": BOT_ID, "is_bot": true, "first_name": "Vigie", "username": BOT_USERNAME })
}

fn bot_message(sent: &Sent) -> Value {
    let mut message = json!({
        "message_id": sent.message_id,
        "from": bot_json(),
        "chat": chat_json(sent.chat_id),
        "date": now_secs(),
        "text": sent.text,
    });
    if sent.reply_markup.is_object() {
        message["reply_markup"] = sent.reply_markup.clone();
    }
    message
}

fn ok(result: Value) -> Response {
    axum::Json(json!({ "ok": true, "result": result })).into_response()
}

fn error(status: StatusCode, description: &str, parameters: Option<Value>) -> Response {
    let mut body = json!({ "ok": false, "error_code": status.as_u16(), "description": description });
    if let Some(parameters) = parameters {
        body["parameters"] = parameters;
    }
    (status, axum::Json(body)).into_response()
}

/// The fields of a `multipart/form-data` body (teloxide sends `setWebhook`
/// that way, for its optional certificate), as a JSON object of strings.
fn multipart_fields(content_type: &str, body: &str) -> Option<Value> {
    let boundary = content_type.split("boundary=").nth(1)?.trim_matches('"');
    let mut fields = serde_json::Map::new();
    for part in body.split(&format!("--{boundary}")) {
        let Some((head, value)) = part.split_once("\r\n\r\n") else { continue };
        let Some(name) = head.split("name=\"").nth(1).and_then(|n| n.split('"').next()) else { continue };
        let value = value.strip_suffix("\r\n").unwrap_or(value);
        fields.insert(name.to_string(), Value::String(value.to_string()));
    }
    Some(Value::Object(fields))
}

async fn handle(
    extract::State(shared): extract::State<Arc<Shared>>,
    Path((bot, method)): Path<(String, String)>,
    headers: axum::http::HeaderMap,
    body: String,
) -> Response {
    if bot != format!("bot{TOKEN}") {
        return error(StatusCode::UNAUTHORIZED, "Unauthorized", None);
    }
    let content_type = headers.get("content-type").and_then(|v| v.to_str().ok()).unwrap_or_default();
    let params: Value = if body.trim().is_empty() {
        json!({})
    } else if content_type.starts_with("multipart/form-data") {
        match multipart_fields(content_type, &body) {
            Some(v) => v,
            None => return error(StatusCode::BAD_REQUEST, "Bad Request: unreadable multipart body", None),
        }
    } else {
        match serde_json::from_str(&body) {
            Ok(v) => v,
            Err(_) => return error(StatusCode::BAD_REQUEST, "Bad Request: the fake reads JSON bodies only", None),
        }
    };
    let method = method.to_lowercase();
    shared.state.lock().unwrap().calls.push(method.clone());
    let response = match method.as_str() {
        "getme" => ok(json!({
            "id": BOT_ID, "is_bot": true, "first_name": "Vigie", "username": BOT_USERNAME,
            "can_join_groups": true, "can_read_all_group_messages": false,
            "supports_inline_queries": false, "has_main_web_app": false,
        })),
        "deletewebhook" => {
            shared.state.lock().unwrap().webhook = None;
            ok(json!(true))
        }
        "setwebhook" => {
            let url = params["url"].as_str().unwrap_or_default().to_string();
            let secret = params["secret_token"].as_str().unwrap_or_default().to_string();
            shared.state.lock().unwrap().webhook = Some((url, secret));
            ok(json!(true))
        }
        "setmycommands" => {
            shared.state.lock().unwrap().commands = Some(params["commands"].clone());
            ok(json!(true))
        }
        "getupdates" => get_updates(&shared, &params).await,
        "sendmessage" => send_message(&shared, &params).await,
        "editmessagetext" | "editmessagereplymarkup" => edit(&shared, &params, method == "editmessagetext"),
        "answercallbackquery" => {
            shared.state.lock().unwrap().callback_answers.push(params);
            ok(json!(true))
        }
        _ => error(StatusCode::NOT_FOUND, "Not Found: method not found", None),
    };
    shared.changed.notify_waiters();
    response
}

async fn get_updates(shared: &Shared, params: &Value) -> Response {
    let offset = params["offset"].as_i64();
    let limit = params["limit"].as_u64().unwrap_or(100).clamp(1, 100) as usize;
    let timeout = Duration::from_secs(params["timeout"].as_u64().unwrap_or(0).min(50));
    let deadline = tokio::time::Instant::now() + timeout;
    loop {
        let arrived = shared.updates.notified();
        tokio::pin!(arrived);
        arrived.as_mut().enable();
        {
            let mut state = shared.state.lock().unwrap();
            if let Some(offset) = offset {
                // An offset confirms every update before it: Telegram forgets them.
                state.pending.retain(|u| u["update_id"].as_i64().unwrap_or(0) >= offset);
                state.confirmed = state.confirmed.max(offset);
            }
            if !state.pending.is_empty() {
                let batch: Vec<Value> = state.pending.iter().take(limit).cloned().collect();
                state.updates_served += batch.len();
                return ok(Value::Array(batch));
            }
        }
        if tokio::time::timeout_at(deadline, arrived).await.is_err() {
            return ok(json!([]));
        }
    }
}

async fn send_message(shared: &Shared, params: &Value) -> Response {
    let Some(chat_id) = params["chat_id"].as_i64() else {
        return error(StatusCode::BAD_REQUEST, "Bad Request: chat not found", None);
    };
    let hold = {
        let mut state = shared.state.lock().unwrap();
        state.send_attempts += 1;
        state.hold_sends
    };
    if hold {
        std::future::pending::<()>().await;
    }
    let mut state = shared.state.lock().unwrap();
    if let Some(failure) = state.fail_sends.pop_front() {
        return match failure {
            Failure::RetryAfter(secs) => error(
                StatusCode::TOO_MANY_REQUESTS,
                &format!("Too Many Requests: retry after {secs}"),
                Some(json!({ "retry_after": secs })),
            ),
            Failure::ServerError => error(StatusCode::INTERNAL_SERVER_ERROR, "Internal Server Error", None),
        };
    }
    if state.blocked.contains(&chat_id) {
        return error(StatusCode::FORBIDDEN, "Forbidden: bot was blocked by the user", None);
    }
    let text = params["text"].as_str().unwrap_or_default().to_string();
    if text.is_empty() {
        return error(StatusCode::BAD_REQUEST, "Bad Request: message text is empty", None);
    }
    if text.encode_utf16().count() > 4096 + 64 {
        // Entities are counted out of the limit; the markup of our replies is short.
        return error(StatusCode::BAD_REQUEST, "Bad Request: message is too long", None);
    }
    let message_id = state.next_message_id;
    state.next_message_id += 1;
    let sent = Sent {
        chat_id,
        message_id,
        text,
        parse_mode: params["parse_mode"].as_str().map(str::to_string),
        reply_markup: params["reply_markup"].clone(),
        reply_to: params["reply_parameters"]["message_id"].as_i64(),
        at: Instant::now(),
    };
    let body = bot_message(&sent);
    state.sent.push(sent);
    ok(body)
}

fn edit(shared: &Shared, params: &Value, text_too: bool) -> Response {
    let (Some(chat_id), Some(message_id)) = (params["chat_id"].as_i64(), params["message_id"].as_i64()) else {
        return error(StatusCode::BAD_REQUEST, "Bad Request: message to edit not found", None);
    };
    let mut state = shared.state.lock().unwrap();
    let current = state
        .edits
        .iter()
        .rev()
        .chain(state.sent.iter().rev())
        .find(|m| m.chat_id == chat_id && m.message_id == message_id)
        .cloned();
    let Some(mut message) = current else {
        return error(StatusCode::BAD_REQUEST, "Bad Request: message to edit not found", None);
    };
    let text = params["text"].as_str().map(str::to_string);
    let markup = params["reply_markup"].clone();
    if text.as_ref().is_none_or(|t| *t == message.text) && markup == message.reply_markup {
        return error(
            StatusCode::BAD_REQUEST,
            "Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message",
            None,
        );
    }
    if text_too && let Some(text) = text {
        message.text = text;
    }
    message.reply_markup = markup;
    message.at = Instant::now();
    let body = bot_message(&message);
    state.edits.push(message);
    ok(body)
}
