//! Operations: `/metrics` (Prometheus text format), `/api/openapi.json`,
//! live events, and the per-conversation and per-address rate limits.

use std::collections::HashMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use serde_json::json;

/// Counters kept in this process since it started.
#[derive(Default)]
pub struct Counters {
    pub answer: AtomicU64,
    pub clarify: AtomicU64,
    pub smalltalk: AtomicU64,
    pub escalate_distress: AtomicU64,
    pub escalate_human: AtomicU64,
    pub escalate_unmatched: AtomicU64,
    pub duplicates: AtomicU64,
    pub rate_limited: AtomicU64,
}

impl Counters {
    pub fn count(&self, decision: &crate::core::Decision) {
        use crate::core::{Action, Reason};
        let counter = match (decision.action, decision.reason) {
            (Action::Answer, _) => &self.answer,
            (Action::Clarify, _) => &self.clarify,
            (Action::Smalltalk, _) => &self.smalltalk,
            (Action::Escalate, Some(Reason::Distress)) => &self.escalate_distress,
            (Action::Escalate, Some(Reason::HumanRequested)) => &self.escalate_human,
            (Action::Escalate, _) => &self.escalate_unmatched,
        };
        counter.fetch_add(1, Ordering::Relaxed);
    }
}

/// Figures read from the database at each scrape.
pub struct QueueFigures {
    /// (priority, open tickets)
    pub open_by_priority: Vec<(i64, i64)>,
    /// Average seconds from a ticket's opening to its first reply, and count.
    pub first_reply_seconds: (f64, i64),
    /// Age in seconds of the oldest pending outbox row (0 when none).
    pub outbox_lag_seconds: f64,
    pub outbox_pending: i64,
}

pub fn render_metrics(counters: &Counters, queue: &QueueFigures, directive_entries: usize) -> String {
    let mut out = String::new();
    out.push_str("# HELP vigie_messages_total Inbound messages by decision.\n# TYPE vigie_messages_total counter\n");
    for (decision, counter) in [
        ("answer", &counters.answer),
        ("clarify", &counters.clarify),
        ("smalltalk", &counters.smalltalk),
        ("escalate_distress", &counters.escalate_distress),
        ("escalate_human_requested", &counters.escalate_human),
        ("escalate_unmatched", &counters.escalate_unmatched),
    ] {
        out.push_str(&format!("vigie_messages_total{{decision=\"{decision}\"}} {}\n", counter.load(Ordering::Relaxed)));
    }
    out.push_str("# HELP vigie_duplicate_messages_total Redelivered messages ignored.\n# TYPE vigie_duplicate_messages_total counter\n");
    out.push_str(&format!("vigie_duplicate_messages_total {}\n", counters.duplicates.load(Ordering::Relaxed)));
    out.push_str("# HELP vigie_rate_limited_total Chat requests refused by a rate limit.\n# TYPE vigie_rate_limited_total counter\n");
    out.push_str(&format!("vigie_rate_limited_total {}\n", counters.rate_limited.load(Ordering::Relaxed)));
    out.push_str("# HELP vigie_open_tickets Tickets waiting for a moderator, by priority (1 = distress).\n# TYPE vigie_open_tickets gauge\n");
    for priority in 1..=3 {
        let n = queue.open_by_priority.iter().find(|(p, _)| *p == priority).map_or(0, |(_, n)| *n);
        out.push_str(&format!("vigie_open_tickets{{priority=\"{priority}\"}} {n}\n"));
    }
    out.push_str("# HELP vigie_first_reply_seconds Time from a ticket's opening to a moderator's first reply.\n# TYPE vigie_first_reply_seconds summary\n");
    let (average, count) = queue.first_reply_seconds;
    out.push_str(&format!(
        "vigie_first_reply_seconds_sum {:.3}\nvigie_first_reply_seconds_count {count}\n",
        average * count as f64
    ));
    out.push_str("# HELP vigie_outbox_lag_seconds Age of the oldest message waiting in the outbox.\n# TYPE vigie_outbox_lag_seconds gauge\n");
    out.push_str(&format!("vigie_outbox_lag_seconds {:.3}\n", queue.outbox_lag_seconds));
    out.push_str("# HELP vigie_outbox_pending Messages waiting in the outbox.\n# TYPE vigie_outbox_pending gauge\n");
    out.push_str(&format!("vigie_outbox_pending {}\n", queue.outbox_pending));
    out.push_str("# HELP vigie_directive_entries Entries served by the directive set in force.\n# TYPE vigie_directive_entries gauge\n");
    out.push_str(&format!("vigie_directive_entries {directive_entries}\n"));
    out
}

/// A token bucket per key: `capacity` requests at once, refilled at
/// `per_second`. Old keys are forgotten when the map grows large.
pub struct RateLimiter {
    capacity: f64,
    per_second: f64,
    buckets: Mutex<HashMap<String, (f64, Instant)>>,
}

impl RateLimiter {
    pub fn new(capacity: f64, per_second: f64) -> RateLimiter {
        RateLimiter { capacity, per_second, buckets: Mutex::new(HashMap::new()) }
    }

    /// Takes one token for `key`; `false` when the bucket is empty.
    pub fn allow(&self, key: &str) -> bool {
        let now = Instant::now();
        let mut buckets = self.buckets.lock().expect("no code panics while holding the rate limiter lock");
        if buckets.len() > 100_000 {
            let (capacity, rate) = (self.capacity, self.per_second);
            // Forget full buckets: they would allow a burst anyway.
            buckets.retain(|_, (tokens, at)| *tokens + now.duration_since(*at).as_secs_f64() * rate < capacity);
        }
        let (tokens, at) = buckets.entry(key.to_string()).or_insert((self.capacity, now));
        *tokens = (*tokens + now.duration_since(*at).as_secs_f64() * self.per_second).min(self.capacity);
        *at = now;
        if *tokens >= 1.0 {
            *tokens -= 1.0;
            true
        } else {
            false
        }
    }
}

/// The OpenAPI 3 description of the HTTP API (DESIGN.md, "HTTP API").
pub fn openapi() -> serde_json::Value {
    let error = json!({ "$ref": "#/components/schemas/Error" });
    let json_error = |description: &str| json!({ "description": description, "content": { "application/json": { "schema": error } } });
    let ok = |description: &str| json!({ "description": description, "content": { "application/json": { "schema": { "type": "object" } } } });
    let secured = json!([{ "bearer": [] }]);
    let id_param = json!({ "name": "id", "in": "path", "required": true, "schema": { "type": "integer" } });
    json!({
        "openapi": "3.0.3",
        "info": { "title": "Vigie", "version": env!("CARGO_PKG_VERSION"),
                  "description": "Answers residents from the official directives in force; hands the rest to moderators." },
        "components": {
            "securitySchemes": { "bearer": { "type": "http", "scheme": "bearer" } },
            "schemas": {
                "Error": { "type": "object", "required": ["error"], "properties": { "error": { "type": "string" } } },
                "Decision": { "type": "object", "required": ["action", "score", "lang", "candidates"], "properties": {
                    "action": { "type": "string", "enum": ["answer", "clarify", "escalate", "smalltalk"] },
                    "reason": { "type": "string", "enum": ["distress", "human_requested", "unmatched", "expired"] },
                    "entry": { "type": "string" }, "score": { "type": "number" }, "lang": { "type": "string", "enum": ["fr", "en"] },
                    "candidates": { "type": "array", "items": { "type": "object", "properties": { "entry": { "type": "string" }, "score": { "type": "number" } } } } } },
            },
        },
        "paths": {
            "/api/chat": { "post": {
                "summary": "A resident's message: stored, decided, answered",
                "requestBody": { "required": true, "content": { "application/json": { "schema": { "type": "object", "required": ["conversation", "text"], "properties": {
                    "conversation": { "type": "string", "pattern": "^[A-Za-z0-9_-]{1,128}$" }, "text": { "type": "string", "maxLength": 4000 },
                    "lang": { "type": "string", "enum": ["fr", "en"] }, "id": { "type": "string" },
                    "choice": { "type": "string", "description": "entry id of a tapped clarify choice" } } } } } },
                "responses": { "200": { "description": "stored and answered", "content": { "application/json": { "schema": { "type": "object", "properties": {
                    "decision": { "$ref": "#/components/schemas/Decision" },
                    "replies": { "type": "array", "items": { "type": "object", "properties": { "text": { "type": "string" }, "kind": { "type": "string" } } } } } } } } },
                    "400": json_error("malformed request"), "413": json_error("text too long"), "429": json_error("too many messages") } } },
            "/api/chat/{conversation}/messages": { "get": {
                "parameters": [ { "name": "conversation", "in": "path", "required": true, "schema": { "type": "string" } },
                                { "name": "after", "in": "query", "schema": { "type": "integer" } } ],
                "responses": { "200": ok("messages, oldest first"), "404": json_error("no such conversation") } } },
            "/api/tickets": { "get": { "security": secured,
                "parameters": [ { "name": "status", "in": "query", "schema": { "type": "string", "enum": ["open", "claimed", "answered", "resolved", "active"] } } ],
                "responses": { "200": ok("tickets in queue order"), "401": json_error("no valid token") } } },
            "/api/tickets/{id}/claim": { "post": { "security": secured, "parameters": [id_param],
                "responses": { "200": ok("claimed"), "401": json_error("no valid token"), "404": json_error("no such ticket"), "409": json_error("held by another moderator") } } },
            "/api/tickets/{id}/reply": { "post": { "security": secured, "parameters": [id_param],
                "requestBody": { "required": true, "content": { "application/json": { "schema": { "type": "object", "required": ["text"], "properties": { "text": { "type": "string" } } } } } },
                "responses": { "200": ok("sent through the outbox"), "409": json_error("not claimed by you") } } },
            "/api/tickets/{id}/resolve": { "post": { "security": secured, "parameters": [id_param],
                "responses": { "200": ok("resolved"), "409": json_error("held by another moderator") } } },
            "/api/directives": { "get": { "security": secured, "responses": { "200": ok("version, loaded_at, entries, errors"), "403": json_error("officials only") } } },
            "/api/directives/reload": { "post": { "security": secured, "responses": { "200": ok("reloaded"), "422": json_error("invalid directives; the previous set keeps serving") } } },
            "/api/chat/{conversation}/subscribe": { "post": {
                "requestBody": { "required": true, "content": { "application/json": { "schema": { "type": "object", "required": ["subscribed"], "properties": { "subscribed": { "type": "boolean" } } } } } },
                "responses": { "200": ok("subscription recorded") } } },
            "/api/chat/{conversation}/events": { "get": { "responses": { "200": { "description": "Server-Sent Events: `messages`" } } } },
            "/api/tickets/events": { "get": { "parameters": [ { "name": "token", "in": "query", "required": true, "schema": { "type": "string" } } ],
                "responses": { "200": { "description": "Server-Sent Events: `tickets`" }, "401": json_error("no valid token") } } },
            "/api/tickets/{id}/messages": { "get": { "security": secured, "parameters": [id_param], "responses": { "200": ok("the ticket and its conversation") } } },
            "/api/broadcasts": { "post": { "security": secured,
                "requestBody": { "required": true, "content": { "application/json": { "schema": { "type": "object", "required": ["text"], "properties": {
                    "text": { "type": "object", "required": ["fr", "en"], "properties": { "fr": { "type": "string" }, "en": { "type": "string" } } } } } } } },
                "responses": { "200": ok("{\"id\"}"), "403": json_error("officials only") } } },
            "/api/broadcasts/{id}": { "get": { "security": secured, "parameters": [id_param],
                "responses": { "200": ok("sent, failed, pending"), "404": json_error("no such broadcast") } } },
            "/api/unanswered": { "get": { "security": secured, "parameters": [ { "name": "hours", "in": "query", "schema": { "type": "integer" } } ],
                "responses": { "200": ok("groups of similar unanswered questions, most frequent first") } } },
            "/healthz": { "get": { "responses": { "200": ok("healthy"), "503": json_error("database unreachable") } } },
            "/metrics": { "get": { "responses": { "200": { "description": "Prometheus text format" } } } },
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buckets_refuse_a_burst_beyond_capacity() {
        let limiter = RateLimiter::new(3.0, 0.001);
        assert!(limiter.allow("a") && limiter.allow("a") && limiter.allow("a"));
        assert!(!limiter.allow("a"));
        assert!(limiter.allow("b"), "keys are apart");
    }
}
