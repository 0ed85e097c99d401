//! Inbound messages stored + decided + replies and outbox rows written, per
//! second, on SQLite (WAL) and, when `VIGIE_TEST_POSTGRES_URL` is set, on
//! PostgreSQL: `cargo bench --bench store`. Under `cargo test` (no `--bench`
//! argument) it runs a small smoke round instead.

use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

use vigie::clock::Clock;
use vigie::conversation::handle_batch;
use vigie::store::{Inbound, Store};

#[path = "../tests/common/mod.rs"]
mod common;
use common::TestDatabase;

const MESSAGES: &[&str] = &[
    "où est le centre d'hébergement?",
    "la route 117 est-elle ouverte?",
    "is the tap water safe to drink",
    "je peux-tu amener mon chien à l'aréna?",
    "merci beaucoup!",
    "est-ce que le festival western est annulé?",
    "on est pris sur le toit pis le feu arrive",
    "comment m'inscrire à la Croix-Rouge?",
];

/// `tasks` concurrent writers, each handling its messages in batches of
/// `batch` (1: one transaction per message).
async fn run(store: Store, total: usize, tasks: usize, batch: usize) -> f64 {
    let knowledge = Arc::new(
        vigie::cli::load_knowledge(&Path::new(env!("CARGO_MANIFEST_DIR")).join("faq")).expect("sample directives"),
    );
    vigie::core::distress::warm_up();
    let start = Instant::now();
    let mut handles = Vec::new();
    for task in 0..tasks {
        let store = store.clone();
        let knowledge = knowledge.clone();
        handles.push(tokio::spawn(async move {
            let mine: Vec<usize> = (task..total).step_by(tasks).collect();
            for chunk in mine.chunks(batch) {
                let inbound: Vec<Inbound> = chunk
                    .iter()
                    .map(|&i| Inbound {
                        platform: "telegram".into(),
                        // 500 residents, each writing several times.
                        chat_id: format!("chat-{}", i % 500),
                        resident_id: None,
                        platform_message_id: Some(format!("m-{i}")),
                        text: MESSAGES[i % MESSAGES.len()].into(),
                    })
                    .collect();
                handle_batch(&store, &knowledge, &inbound).await.expect("messages handled");
            }
        }));
    }
    for h in handles {
        h.await.expect("task finished");
    }
    total as f64 / start.elapsed().as_secs_f64()
}

#[tokio::main]
async fn main() {
    let full = std::env::args().any(|a| a == "--bench");
    let total = if full { 20_000 } else { 200 };
    for postgres in [false, true] {
        for (tasks, batch) in [(1, 1), (8, 1), (1, 32), (4, 32)] {
            let db = if postgres {
                match TestDatabase::postgres("vigie_bench").await {
                    Some(db) => db,
                    None => return,
                }
            } else {
                TestDatabase::sqlite()
            };
            let store = Store::connect(&db.url(), Clock::system()).await.unwrap();
            let rate = run(store.clone(), total, tasks, batch).await;
            let backend = if postgres { "postgresql    " } else { "sqlite (WAL)  " };
            println!("{backend} {tasks} task(s), batches of {batch:2}: {total} messages, {rate:8.0} messages/s");
            store.pool().close().await;
            db.cleanup().await;
        }
    }
}
