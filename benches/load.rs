//! Load on `/api/chat`: 500 residents at once, each sending a few messages
//! through real HTTP to the real server (SQLite, sample directives), then
//! p50/p99 latency and requests per second: `cargo bench --bench load`.
//! Under `cargo test` (no `--bench`) a small round checks it still runs.
//!
//! All clients come from 127.0.0.1, so the per-address limit is raised for
//! the run (the per-conversation limit stays as in production).

use std::sync::Arc;
use std::time::{Duration, Instant};

use vigie::app::App;
use vigie::clock::Clock;
use vigie::config::Config;
use vigie::web::ops::RateLimiter;

const QUESTIONS: &[&str] = &[
    "où est le centre d'hébergement?",
    "la route 117 est-elle ouverte?",
    "is the tap water safe to drink",
    "je peux-tu amener mon chien à l'aréna?",
    "merci beaucoup!",
    "quand pourrons-nous retourner à la maison?",
];

#[tokio::main]
async fn main() {
    let full = std::env::args().any(|a| a == "--bench");
    let (residents, per_resident) = if full { (500, 4) } else { (20, 2) };
    // Closed loop: every resident sends again as soon as answered (the
    // worst case). Then residents who read and type: 1 to 3 s between messages.
    for think in [None, Some((1_000u64, 3_000u64))] {
        run(residents, per_resident, think).await;
    }
}

async fn run(residents: usize, per_resident: usize, think: Option<(u64, u64)>) {
    let db = tempfile::tempdir().unwrap();
    let config = Config {
        database_url: format!("sqlite://{}", db.path().join("load.db").display()),
        faq_dir: std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("faq"),
        http_addr: "127.0.0.1:0".into(),
        ..Config::default()
    };
    let mut app = App::build(&config, Clock::system()).await.unwrap();
    app.state.per_address = Arc::new(RateLimiter::new(1e9, 1e9));
    let base = format!("http://{}", app.local_addr().unwrap());
    tokio::spawn(app.serve(std::future::pending()));

    let client = reqwest::Client::builder().pool_max_idle_per_host(600).build().unwrap();
    let start = Instant::now();
    let mut tasks = Vec::new();
    for resident in 0..residents {
        let client = client.clone();
        let base = base.clone();
        tasks.push(tokio::spawn(async move {
            let mut latencies = Vec::new();
            for i in 0..per_resident {
                if let Some((low, high)) = think {
                    let pause = low + (resident as u64 * 7_919 + i as u64 * 104_729) % (high - low);
                    tokio::time::sleep(Duration::from_millis(pause)).await;
                }
                let body = serde_json::json!({
                    "conversation": format!("load-{resident}"),
                    "text": QUESTIONS[(resident + i) % QUESTIONS.len()],
                });
                let sent = Instant::now();
                let response = client.post(format!("{base}/api/chat")).json(&body).send().await.expect("request sent");
                assert!(response.status().is_success(), "{}", response.status());
                response.bytes().await.unwrap();
                latencies.push(sent.elapsed());
            }
            latencies
        }));
    }
    let mut latencies: Vec<Duration> = Vec::new();
    for task in tasks {
        latencies.extend(task.await.unwrap());
    }
    let elapsed = start.elapsed();
    latencies.sort();
    let at = |q: f64| latencies[((latencies.len() as f64 - 1.0) * q).round() as usize];
    let mode = match think {
        None => "no pause".to_string(),
        Some((low, high)) => format!("{}-{} s between messages", low / 1000, high / 1000),
    };
    println!(
        "{} requests from {residents} concurrent residents ({mode}) in {:.2} s: {:.0} requests/s, p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        latencies.len(),
        elapsed.as_secs_f64(),
        latencies.len() as f64 / elapsed.as_secs_f64(),
        at(0.5).as_secs_f64() * 1e3,
        at(0.99).as_secs_f64() * 1e3,
        latencies.last().unwrap().as_secs_f64() * 1e3,
    );
}
