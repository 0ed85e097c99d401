//! The HTTP server: the resident's web chat at `/`, the JSON API of
//! DESIGN.md under `/api`, `/healthz`.
//!
//! Handlers translate HTTP to calls on [`Store`], [`LiveDirectives`] and
//! [`crate::conversation`]; they decide nothing. Every error is a status with
//! a JSON `{"error"}` body; a 5xx means a bug (or the database is down).

use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::response::sse::{Event, KeepAlive, Sse};
use futures_util::Stream;

use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{ConnectInfo, DefaultBodyLimit, Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::json;

use crate::conversation::{Command, handle_command};
use crate::core::Lang;
use crate::core::normalize::{detect_lang, tokenize};
use crate::live::LiveDirectives;
use crate::store::{DEFAULT_LEASE_MS, Inbound, Moderator, Role, Store, TicketError};

/// The longest message a resident may send through the web chat, in characters.
pub const MAX_TEXT_CHARS: usize = 4_000;
/// Request bodies above this are refused before parsing.
pub const MAX_BODY_BYTES: usize = 64 * 1024;

pub mod ops;

#[derive(Clone)]
pub struct AppState {
    pub store: Store,
    pub directives: Arc<LiveDirectives>,
    pub counters: Arc<ops::Counters>,
    /// Strict: a resident cannot flood the desk (12 messages a minute, 6 at once).
    pub per_conversation: Arc<ops::RateLimiter>,
    /// Generous: a shelter of residents behind one address is not locked out.
    pub per_address: Arc<ops::RateLimiter>,
    /// The id of each conversation that changed (new message, reply, claim):
    /// wakes the live event streams of this process.
    pub events: tokio::sync::broadcast::Sender<i64>,
    /// Stores and decides inbound messages, several per commit.
    pub ingest: crate::ingest::Ingestor,
    /// The moderators' chats, told when a directive change is rejected.
    pub boards: crate::live::Boards,
}

impl AppState {
    pub fn new(store: Store, directives: Arc<LiveDirectives>) -> AppState {
        AppState {
            ingest: crate::ingest::Ingestor::spawn(store.clone(), directives.clone()),
            store,
            directives,
            counters: Default::default(),
            per_conversation: Arc::new(ops::RateLimiter::new(6.0, 0.2)),
            per_address: Arc::new(ops::RateLimiter::new(300.0, 20.0)),
            events: tokio::sync::broadcast::channel(1024).0,
            boards: Default::default(),
        }
    }
}

pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/", get(chat_page))
        .route("/dashboard", get(dashboard_page))
        .route("/healthz", get(healthz))
        .route("/metrics", get(metrics))
        .route("/api/openapi.json", get(openapi))
        .route("/api/chat/{conversation}/events", get(chat_events))
        .route("/api/tickets/events", get(ticket_events))
        .route("/api/tickets/{id}/messages", get(ticket_messages))
        .route("/api/chat", post(post_chat))
        .route("/api/chat/{conversation}/messages", get(get_messages))
        .route("/api/tickets", get(list_tickets))
        .route("/api/tickets/{id}/claim", post(claim_ticket))
        .route("/api/tickets/{id}/reply", post(reply_ticket))
        .route("/api/tickets/{id}/resolve", post(resolve_ticket))
        .route("/api/chat/{conversation}/subscribe", post(subscribe))
        .route("/api/broadcasts", post(post_broadcast))
        .route("/api/broadcasts/{id}", get(get_broadcast))
        .route("/api/unanswered", get(unanswered))
        .route("/api/directives", get(get_directives))
        .route("/api/directives/reload", post(reload_directives))
        .route("/api/directives/restore", post(restore_directives))
        .route("/api/corrections", post(post_correction))
        .fallback(not_found)
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .with_state(state)
}

/// An error answered as `{"error": message}` with its status.
#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    message: String,
}

impl ApiError {
    fn new(status: StatusCode, message: impl Into<String>) -> ApiError {
        ApiError { status, message: message.into() }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        if self.status.is_server_error() {
            tracing::error!(cause = %self.message, "request failed");
        }
        (self.status, Json(json!({ "error": self.message }))).into_response()
    }
}

impl From<sqlx::Error> for ApiError {
    fn from(err: sqlx::Error) -> ApiError {
        ApiError::new(StatusCode::SERVICE_UNAVAILABLE, format!("database error: {err}"))
    }
}

impl From<anyhow::Error> for ApiError {
    fn from(err: anyhow::Error) -> ApiError {
        ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, format!("{err:#}"))
    }
}

impl From<TicketError> for ApiError {
    fn from(err: TicketError) -> ApiError {
        let status = match &err {
            TicketError::NotFound => StatusCode::NOT_FOUND,
            TicketError::HeldByOther | TicketError::NotHolder | TicketError::Resolved => StatusCode::CONFLICT,
            TicketError::Database(_) => StatusCode::SERVICE_UNAVAILABLE,
        };
        ApiError::new(status, err.to_string())
    }
}

fn json_body<T>(payload: Result<Json<T>, JsonRejection>) -> Result<T, ApiError> {
    payload.map(|Json(v)| v).map_err(|rejection| ApiError::new(rejection.status(), rejection.body_text()))
}

fn query_params<T>(query: Result<Query<T>, QueryRejection>) -> Result<T, ApiError> {
    query.map(|Query(v)| v).map_err(|rejection| ApiError::new(StatusCode::BAD_REQUEST, rejection.body_text()))
}

fn diagnostic_json(d: &crate::core::directives::Diagnostic) -> serde_json::Value {
    json!({ "file": d.file, "line": d.line, "column": d.column, "message": d.message })
}

async fn not_found() -> ApiError {
    ApiError::new(StatusCode::NOT_FOUND, "no such route")
}

async fn healthz(State(state): State<AppState>) -> Result<Json<serde_json::Value>, ApiError> {
    sqlx::query("SELECT 1").execute(state.store.pool()).await?;
    Ok(Json(json!({ "status": "ok", "directives": state.directives.current().directive_set.version })))
}

async fn dashboard_page() -> impl IntoResponse {
    (
        [
            (
                header::CONTENT_SECURITY_POLICY,
                "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'",
            ),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        ],
        Html(include_str!("dashboard.html")),
    )
}

async fn openapi() -> Json<serde_json::Value> {
    Json(ops::openapi())
}

async fn metrics(State(state): State<AppState>) -> Result<Response, ApiError> {
    use sqlx::Row;
    let pool = state.store.pool();
    let now = state.store.now_ms();
    let open = sqlx::query(
        "SELECT priority, COUNT(*) FROM tickets
         WHERE status = 'open' OR (status = 'claimed' AND lease_until < $1) GROUP BY priority",
    )
    .bind(now)
    .fetch_all(pool)
    .await?;
    let first_reply = sqlx::query(
        "SELECT CAST(COALESCE(AVG(first_reply_at - opened_at), 0) AS DOUBLE PRECISION), COUNT(first_reply_at)
         FROM tickets WHERE first_reply_at IS NOT NULL",
    )
    .fetch_one(pool)
    .await?;
    let outbox =
        sqlx::query("SELECT MIN(created_at), COUNT(*) FROM outbox WHERE status = 'pending'").fetch_one(pool).await?;
    let oldest: Option<i64> = outbox.get(0);
    let figures = ops::QueueFigures {
        open_by_priority: open.iter().map(|r| (r.get(0), r.get(1))).collect(),
        first_reply_seconds: (first_reply.get::<f64, _>(0) / 1000.0, first_reply.get(1)),
        outbox_lag_seconds: oldest.map_or(0.0, |o| (now - o).max(0) as f64 / 1000.0),
        outbox_pending: outbox.get(1),
    };
    let body = ops::render_metrics(&state.counters, &figures, state.directives.current().directive_set.entries.len());
    Ok(([(header::CONTENT_TYPE, "text/plain; version=0.0.4")], body).into_response())
}

async fn chat_page() -> impl IntoResponse {
    (
        [
            (
                header::CONTENT_SECURITY_POLICY,
                "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'",
            ),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        ],
        Html(include_str!("chat.html")),
    )
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ChatRequest {
    conversation: String,
    text: String,
    lang: Option<String>,
    /// A client id for the message: a retried POST with the same id is stored once.
    id: Option<String>,
    /// The entry of a clarify button the resident tapped (`text` is its
    /// label): answered from that entry, as a Telegram or Discord button is,
    /// instead of matching the label again.
    choice: Option<String>,
}

fn check_conversation(conversation: &str) -> Result<(), ApiError> {
    let ok = (1..=128).contains(&conversation.len())
        && conversation.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if ok {
        Ok(())
    } else {
        Err(ApiError::new(StatusCode::BAD_REQUEST, "conversation must be 1 to 128 letters, digits, '-' or '_'"))
    }
}

async fn post_chat(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    payload: Result<Json<ChatRequest>, JsonRejection>,
) -> Result<Json<serde_json::Value>, ApiError> {
    let request = json_body(payload)?;
    check_conversation(&request.conversation)?;
    if !state.per_address.allow(&peer.ip().to_string()) || !state.per_conversation.allow(&request.conversation) {
        state.counters.rate_limited.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        return Err(ApiError::new(StatusCode::TOO_MANY_REQUESTS, "too many messages; please wait a few seconds"));
    }
    if request.text.trim().is_empty() {
        return Err(ApiError::new(StatusCode::BAD_REQUEST, "text is empty"));
    }
    if request.text.chars().count() > MAX_TEXT_CHARS {
        return Err(ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!("text is longer than {MAX_TEXT_CHARS} characters"),
        ));
    }
    let lang = match request.lang.as_deref() {
        None => None,
        Some(code) => Some(
            Lang::parse(code).ok_or_else(|| ApiError::new(StatusCode::BAD_REQUEST, "lang must be \"fr\" or \"en\""))?,
        ),
    };
    if let Some(lang) = lang {
        let mut tx = state.store.begin().await?;
        let conversation = state.store.upsert_conversation(&mut tx, "web", &request.conversation, None, None).await?;
        tx.commit().await?;
        state.store.set_language(conversation.id, lang.code()).await?;
    }
    let inbound = Inbound {
        platform: "web".into(),
        chat_id: request.conversation.clone(),
        resident_id: None,
        platform_message_id: request.id.map(|id| format!("{}:{id}", request.conversation)),
        text: request.text,
    };
    let handled = match request.choice {
        Some(entry) => {
            if entry.len() > 128 {
                return Err(ApiError::new(StatusCode::BAD_REQUEST, "choice is not an entry id"));
            }
            let knowledge = state.directives.current();
            // The label is in the language the choice was offered in.
            let offered = lang.or_else(|| detect_lang(&tokenize(&inbound.text), &inbound.text)).unwrap_or(Lang::Fr);
            let command = Command::Choice { entry, lang: offered };
            handle_command(&state.store, &knowledge, &inbound, &command, true).await?
        }
        None => state.ingest.submit(inbound).await?,
    };
    if handled.duplicate {
        state.counters.duplicates.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    }
    let _ = state.events.send(handled.conversation_id);
    if let Some(decision) = &handled.decision {
        state.counters.count(decision);
        tracing::info!(platform = "web", conversation = handled.conversation_id, action = ?decision.action, reason = ?decision.reason, "message decided");
    }
    let replies: Vec<serde_json::Value> = handled
        .replies
        .iter()
        .map(|r| {
            let mut reply = json!({ "text": r.text, "kind": r.kind });
            if !r.choices.is_empty() {
                reply["choices"] =
                    r.choices.iter().map(|(entry, label)| json!({ "entry": entry, "label": label })).collect();
            }
            reply
        })
        .collect();
    Ok(Json(json!({ "decision": handled.decision, "replies": replies, "duplicate": handled.duplicate })))
}

#[derive(Debug, Deserialize)]
struct AfterQuery {
    after: Option<i64>,
}

async fn get_messages(
    State(state): State<AppState>,
    Path(conversation): Path<String>,
    query: Result<Query<AfterQuery>, QueryRejection>,
) -> Result<Json<serde_json::Value>, ApiError> {
    check_conversation(&conversation)?;
    let query = query_params(query)?;
    let Some(found) = state.store.conversation("web", &conversation).await? else {
        return Err(ApiError::new(StatusCode::NOT_FOUND, "no such conversation"));
    };
    let messages = state.store.messages(found.id, query.after.unwrap_or(0), 500).await?;
    Ok(Json(json!({ "messages": messages })))
}

/// The moderator behind `Authorization: Bearer TOKEN`: 401 without a valid
/// token, 403 when `official` is required and the role is not.
async fn authorize(state: &AppState, headers: &HeaderMap, official: bool) -> Result<Moderator, ApiError> {
    let token = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .ok_or_else(|| ApiError::new(StatusCode::UNAUTHORIZED, "a moderator token is required"))?;
    authorize_token(state, token, official).await
}

async fn authorize_token(state: &AppState, token: &str, official: bool) -> Result<Moderator, ApiError> {
    let moderator = state
        .store
        .authenticate(token)
        .await?
        .ok_or_else(|| ApiError::new(StatusCode::UNAUTHORIZED, "unknown token"))?;
    if official && moderator.role != Role::Official {
        return Err(ApiError::new(StatusCode::FORBIDDEN, "officials only"));
    }
    Ok(moderator)
}

#[derive(Debug, Deserialize)]
struct StatusQuery {
    status: Option<String>,
}

async fn list_tickets(
    State(state): State<AppState>,
    headers: HeaderMap,
    query: Result<Query<StatusQuery>, QueryRejection>,
) -> Result<Json<serde_json::Value>, ApiError> {
    authorize(&state, &headers, false).await?;
    let query = query_params(query)?;
    let status = query.status.unwrap_or_else(|| "active".into());
    if !["open", "claimed", "answered", "resolved", "active"].contains(&status.as_str()) {
        return Err(ApiError::new(StatusCode::BAD_REQUEST, "status is open, claimed, answered, resolved or active"));
    }
    let tickets = state.store.tickets(&status, 500).await?;
    let tickets: Vec<serde_json::Value> = tickets
        .into_iter()
        .map(|t| {
            json!({
                "id": t.id, "reason": t.reason, "priority": t.priority, "status": t.status,
                "platform": t.platform, "conversation": t.chat_id, "lang": t.lang,
                "opened_at": t.opened_at, "claimed_by": t.claimed_by,
            })
        })
        .collect();
    Ok(Json(json!({ "tickets": tickets })))
}

async fn claim_ticket(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<i64>,
) -> Result<Json<serde_json::Value>, ApiError> {
    let moderator = authorize(&state, &headers, false).await?;
    let ticket = state.store.claim(id, moderator.id, DEFAULT_LEASE_MS).await?;
    let _ = state.events.send(ticket.conversation_id);
    Ok(Json(json!({ "id": ticket.id, "status": ticket.status, "claimed_by": ticket.claimed_by })))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ReplyRequest {
    text: String,
}

async fn reply_ticket(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<i64>,
    payload: Result<Json<ReplyRequest>, JsonRejection>,
) -> Result<Json<serde_json::Value>, ApiError> {
    let moderator = authorize(&state, &headers, false).await?;
    let request = json_body(payload)?;
    if request.text.trim().is_empty() || request.text.chars().count() > MAX_TEXT_CHARS {
        return Err(ApiError::new(StatusCode::BAD_REQUEST, format!("text must be 1 to {MAX_TEXT_CHARS} characters")));
    }
    let message = state.store.reply(id, moderator.id, request.text.trim()).await?;
    if let Some(ticket) = state.store.ticket(id).await? {
        let _ = state.events.send(ticket.conversation_id);
    }
    Ok(Json(json!({ "message": message })))
}

async fn resolve_ticket(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<i64>,
) -> Result<Json<serde_json::Value>, ApiError> {
    let moderator = authorize(&state, &headers, false).await?;
    state.store.resolve(id, moderator.id).await?;
    let _ = state.events.send(0);
    Ok(Json(json!({ "id": id, "status": "resolved" })))
}

async fn directives_json(state: &AppState) -> Result<serde_json::Value, ApiError> {
    let knowledge = state.directives.current();
    let load = state.directives.state();
    let errors: Vec<serde_json::Value> = load.errors.iter().map(diagnostic_json).collect();
    let history: Vec<serde_json::Value> = state
        .store
        .versions(50)
        .await?
        .into_iter()
        .map(|(version, loaded_at, entries)| json!({ "version": version, "loaded_at": loaded_at, "entries": entries }))
        .collect();
    let entries: Vec<&str> = knowledge.directive_set.entries.iter().map(|e| e.id.as_str()).collect();
    Ok(json!({
        "version": knowledge.directive_set.version,
        "loaded_at": load.loaded_at,
        "entries": knowledge.directive_set.entries.len(),
        "entry_ids": entries,
        "expired_entries": knowledge.directive_set.expired_entries,
        "errors": errors,
        "history": history,
    }))
}

async fn get_directives(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Json<serde_json::Value>, ApiError> {
    authorize(&state, &headers, true).await?;
    Ok(Json(directives_json(&state).await?))
}

/// The answer to a reload: the set in force, or 422 and every error.
async fn reloaded(
    state: &AppState,
    result: Result<String, Vec<crate::core::directives::Diagnostic>>,
) -> Result<Response, ApiError> {
    match result {
        Ok(_) => Ok(Json(directives_json(state).await?).into_response()),
        Err(errors) => {
            let list: Vec<serde_json::Value> = errors.iter().map(diagnostic_json).collect();
            Ok((
                StatusCode::UNPROCESSABLE_ENTITY,
                Json(json!({ "error": "the directives are invalid", "errors": list })),
            )
                .into_response())
        }
    }
}

async fn reload_directives(State(state): State<AppState>, headers: HeaderMap) -> Result<Response, ApiError> {
    let official = authorize(&state, &headers, true).await?;
    let why = format!("reload by {}", official.name);
    let result = crate::live::reload(&state.store, &state.directives, &state.boards, &why).await;
    reloaded(&state, result).await
}

#[derive(Debug, Deserialize)]
struct RestoreRequest {
    version: String,
}

/// Puts an earlier version's files back and reloads them.
async fn restore_directives(
    State(state): State<AppState>,
    headers: HeaderMap,
    payload: Result<Json<RestoreRequest>, JsonRejection>,
) -> Result<Response, ApiError> {
    let official = authorize(&state, &headers, true).await?;
    let request = json_body(payload)?;
    if state.store.version_files(&request.version).await?.is_none() {
        return Err(ApiError::new(StatusCode::NOT_FOUND, "no such version"));
    }
    tracing::info!(official = official.id, version = %request.version, "directives restored");
    let result = crate::live::restore(&state.store, &state.directives, &state.boards, &request.version).await?;
    reloaded(&state, result).await
}

#[derive(Debug, Deserialize)]
struct CorrectionRequest {
    entry: String,
    /// Residents answered from the entry in the last `hours` hours.
    hours: Option<i64>,
}

/// Sends an entry's current answer to every resident who received an
/// earlier one in the last hours, in one action.
async fn post_correction(
    State(state): State<AppState>,
    headers: HeaderMap,
    payload: Result<Json<CorrectionRequest>, JsonRejection>,
) -> Result<Json<serde_json::Value>, ApiError> {
    let official = authorize(&state, &headers, true).await?;
    let request = json_body(payload)?;
    let hours = request.hours.unwrap_or(24).clamp(1, 24 * 30);
    let knowledge = state.directives.current();
    let (Some(fr), Some(en)) = (
        crate::core::reply::answer_text(&knowledge, &request.entry, Lang::Fr),
        crate::core::reply::answer_text(&knowledge, &request.entry, Lang::En),
    ) else {
        return Err(ApiError::new(StatusCode::NOT_FOUND, "no such entry in the directives in force"));
    };
    let since = state.store.now_ms() - hours * 3_600_000;
    let (id, recipients) = state
        .store
        .correct(
            &request.entry,
            since,
            (&fr, &en),
            &format!("🔄 Mise à jour d'une réponse reçue plus tôt :\n\n{fr}"),
            &format!("🔄 Update to an answer you received earlier:\n\n{en}"),
            official.id,
        )
        .await?;
    tracing::info!(official = official.id, entry = %request.entry, correction = id, recipients, "correction queued");
    let _ = state.events.send(0);
    Ok(Json(json!({ "id": id, "recipients": recipients })))
}

/// Messages of a ticket's conversation, for the moderator who opens it.
async fn ticket_messages(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<i64>,
) -> Result<Json<serde_json::Value>, ApiError> {
    authorize(&state, &headers, false).await?;
    let ticket = state.store.ticket(id).await?.ok_or_else(|| ApiError::new(StatusCode::NOT_FOUND, "no such ticket"))?;
    let messages = state.store.messages(ticket.conversation_id, 0, 500).await?;
    Ok(Json(json!({ "ticket": ticket, "messages": messages })))
}

/// Live messages of one conversation (Server-Sent Events): a `messages`
/// event with the new messages whenever there are some. Woken at once by
/// this process, and every two seconds for replies written by another.
async fn chat_events(
    State(state): State<AppState>,
    Path(conversation): Path<String>,
    query: Result<Query<AfterQuery>, QueryRejection>,
) -> Result<Sse<impl Stream<Item = Result<Event, Infallible>>>, ApiError> {
    check_conversation(&conversation)?;
    let query = query_params(query)?;
    let found = state
        .store
        .conversation("web", &conversation)
        .await?
        .ok_or_else(|| ApiError::new(StatusCode::NOT_FOUND, "no such conversation"))?;
    let receiver = state.events.subscribe();
    let start = (state.store.clone(), receiver, query.after.unwrap_or(0));
    let stream = futures_util::stream::unfold(start, move |(store, mut receiver, mut after)| async move {
        loop {
            match store.messages(found.id, after, 500).await {
                Ok(messages) if !messages.is_empty() => {
                    after = messages.last().map_or(after, |m| m.id);
                    let event = Event::default().event("messages").json_data(json!({ "messages": messages }));
                    let event = event.unwrap_or_else(|_| Event::default().event("error"));
                    return Some((Ok(event), (store, receiver, after)));
                }
                Ok(_) => {}
                Err(err) => tracing::warn!(cause = %err, "live messages: database error"),
            }
            wait_for_change(&mut receiver, Some(found.id)).await;
        }
    });
    Ok(Sse::new(stream).keep_alive(KeepAlive::default()))
}

#[derive(Debug, Deserialize)]
struct TokenQuery {
    token: String,
}

/// Live queue for the dashboard (Server-Sent Events): a `tickets` event with
/// the active tickets whenever the queue may have changed. The token comes
/// in the query: an `EventSource` cannot send headers.
async fn ticket_events(
    State(state): State<AppState>,
    query: Result<Query<TokenQuery>, QueryRejection>,
) -> Result<Sse<impl Stream<Item = Result<Event, Infallible>>>, ApiError> {
    let Query(query) = query.map_err(|_| ApiError::new(StatusCode::UNAUTHORIZED, "a moderator token is required"))?;
    authorize_token(&state, &query.token, false).await?;
    let receiver = state.events.subscribe();
    let stream = futures_util::stream::unfold(
        (state.store.clone(), receiver, true),
        |(store, mut receiver, first)| async move {
            if !first {
                wait_for_change(&mut receiver, None).await;
            }
            let event = match store.tickets("active", 500).await {
                Ok(tickets) => Event::default().event("tickets").json_data(json!({ "tickets": tickets })),
                Err(err) => Ok(Event::default().event("error").data(err.to_string())),
            };
            Some((Ok(event.unwrap_or_else(|_| Event::default().event("error"))), (store, receiver, false)))
        },
    );
    Ok(Sse::new(stream).keep_alive(KeepAlive::default()))
}

/// Waits for a change of `conversation` (any change when `None`), or two
/// seconds, whichever comes first.
async fn wait_for_change(receiver: &mut tokio::sync::broadcast::Receiver<i64>, conversation: Option<i64>) {
    let wait = async {
        loop {
            match receiver.recv().await {
                Ok(id) if conversation.is_none_or(|c| c == id) => return,
                Ok(_) => {}
                Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => return,
                Err(tokio::sync::broadcast::error::RecvError::Closed) => std::future::pending::<()>().await,
            }
        }
    };
    let _ = tokio::time::timeout(Duration::from_secs(2), wait).await;
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SubscribeRequest {
    subscribed: bool,
}

/// A resident subscribes to (or leaves) the officials' alerts.
async fn subscribe(
    State(state): State<AppState>,
    Path(conversation): Path<String>,
    payload: Result<Json<SubscribeRequest>, JsonRejection>,
) -> Result<Json<serde_json::Value>, ApiError> {
    check_conversation(&conversation)?;
    let request = json_body(payload)?;
    let mut tx = state.store.begin().await?;
    let found = state.store.upsert_conversation(&mut tx, "web", &conversation, None, None).await?;
    tx.commit().await?;
    state.store.set_subscribed(found.id, request.subscribed).await?;
    Ok(Json(json!({ "conversation": conversation, "subscribed": request.subscribed })))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct BroadcastText {
    fr: String,
    en: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct BroadcastRequest {
    text: BroadcastText,
}

async fn post_broadcast(
    State(state): State<AppState>,
    headers: HeaderMap,
    payload: Result<Json<BroadcastRequest>, JsonRejection>,
) -> Result<Json<serde_json::Value>, ApiError> {
    let official = authorize(&state, &headers, true).await?;
    let request = json_body(payload)?;
    for text in [&request.text.fr, &request.text.en] {
        if text.trim().is_empty() || text.chars().count() > MAX_TEXT_CHARS {
            return Err(ApiError::new(
                StatusCode::BAD_REQUEST,
                format!("text.fr and text.en must be 1 to {MAX_TEXT_CHARS} characters"),
            ));
        }
    }
    let id = state.store.broadcast(request.text.fr.trim(), request.text.en.trim(), official.id).await?;
    tracing::info!(official = official.id, broadcast = id, "alert queued");
    let _ = state.events.send(0);
    Ok(Json(json!({ "id": id })))
}

async fn get_broadcast(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<i64>,
) -> Result<Json<serde_json::Value>, ApiError> {
    authorize(&state, &headers, true).await?;
    let (sent, failed, pending) = state
        .store
        .broadcast_report(id)
        .await?
        .ok_or_else(|| ApiError::new(StatusCode::NOT_FOUND, "no such broadcast"))?;
    Ok(Json(json!({ "id": id, "sent": sent, "failed": failed, "pending": pending })))
}

#[derive(Debug, Deserialize)]
struct HoursQuery {
    hours: Option<i64>,
}

/// The last hours' questions the directives did not cover, grouped by their
/// content words and ranked by how often they came: the entries to write next.
async fn unanswered(
    State(state): State<AppState>,
    headers: HeaderMap,
    query: Result<Query<HoursQuery>, QueryRejection>,
) -> Result<Json<serde_json::Value>, ApiError> {
    authorize(&state, &headers, true).await?;
    let query = query_params(query)?;
    let hours = query.hours.unwrap_or(24).clamp(1, 24 * 30);
    let texts = state.store.unanswered_since(state.store.now_ms() - hours * 3_600_000, 5_000).await?;
    // Grouping 5,000 questions takes a few tens of milliseconds: off the
    // async workers.
    let groups = tokio::task::spawn_blocking(move || crate::core::cluster::group(&texts))
        .await
        .map_err(|err| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, format!("grouping failed: {err}")))?;
    let groups: Vec<&crate::core::cluster::Group> = groups.iter().take(30).collect();
    Ok(Json(json!({ "hours": hours, "groups": groups })))
}
