//! Vigie answers residents' questions during an incident from the official
//! directives in force, and hands what it should not answer alone to human
//! moderators.
//!
//! - [`core`]: the pure decision core (directives, normalisation, matcher,
//!   triage);
//! - [`faq`]: reading a directive folder from disk;
//! - [`eval`]: routing metrics on labelled cases;
//! - [`store`]: conversations, messages, tickets, outbox, moderators, audit
//!   (sqlx: SQLite or PostgreSQL);
//! - [`conversation`]: one inbound message, stored, decided, answered or queued;
//!   [`ingest`]: group commit of inbound messages;
//! - [`channels`]: Telegram and Discord, and the paced outbox sender and
//!   moderators' cards they share;
//! - [`clock`]: time as a value (pausable in tests);
//! - [`config`]: configuration from the environment and `vigie.toml`;
//! - [`live`]: the directive set in force, its reload, watcher and versions;
//! - [`web`]: the HTTP API and the web chat; [`app`]: `vigie run`;
//! - [`cli`]: the `vigie` command line.

pub mod app;
pub mod channels;
pub mod cli;
pub mod clock;
pub mod config;
pub mod conversation;
pub mod core;
pub mod eval;
pub mod faq;
pub mod ingest;
pub mod live;
pub mod store;
pub mod web;
