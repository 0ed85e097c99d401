//! End to end through the fake Telegram Bot API server: a burst of updates
//! from many residents, polled, stored, decided and answered through the
//! outbox by the real teloxide client. `cargo bench --bench telegram`
//! prints updates per second and the time from an update to its answer
//! (p50/p99), on SQLite (and PostgreSQL when `VIGIE_TEST_POSTGRES_URL` is
//! set); under `cargo test` a small round checks it still runs.
//!
//! Two pacings: Telegram's own limits (25 messages a second in all, one a
//! second per chat), which bound what any bot can send, and none, which
//! shows what Vigie itself sustains. On PostgreSQL, also two processes
//! (two instances with their own pools) taking webhook calls in turn, as
//! behind a load balancer; one of them, the leader, sends. Last, the peak
//! memory of this whole process (the fake server and the clients included).

use std::collections::HashMap;
use std::time::Duration;

use tokio::time::Instant;

use vigie::clock::Clock;
use vigie::live::LiveDirectives;
use vigie::store::Store;

#[path = "../tests/common/mod.rs"]
mod common;
#[path = "../tests/fakes/telegram.rs"]
mod fake;

const QUESTIONS: &[&str] = &[
    "où est le centre d'hébergement?",
    "can I bring my dog?",
    "quoi apporter",
    "est-ce que l'eau du robinet est potable?",
    "au secours on est pris dans le sous-sol l'eau monte",
    "merci!",
];

#[tokio::main]
async fn main() {
    let full = std::env::args().any(|a| a == "--bench") || std::env::var_os("VIGIE_BENCH_FULL").is_some();
    // (name, residents, messages each, Telegram's pacing, updates a second sent; 0: all at once)
    let runs: &[(&str, usize, usize, bool, u32)] = if full {
        &[
            ("steady 20 updates/s, Telegram's limits", 400, 1, true, 20),
            ("burst, Telegram's limits", 300, 1, true, 0),
            ("burst, unpaced", 500, 4, false, 0),
        ]
    } else {
        &[("burst, unpaced (smoke)", 10, 2, false, 0), ("steady (smoke)", 10, 1, true, 20)]
    };
    let only = std::env::var("VIGIE_BENCH_ONLY").unwrap_or_default();
    for &(name, residents, each, paced, rate) in runs.iter().filter(|r| r.0.contains(&only)) {
        let sqlite = common::TestDatabase::sqlite();
        run(&format!("SQLite, {name}"), &sqlite.url(), residents, each, paced, rate).await;
        if full && let Some(pg) = common::TestDatabase::postgres("vigie_bench_tg").await {
            run(&format!("PostgreSQL, {name}"), &pg.url(), residents, each, paced, rate).await;
            pg.cleanup().await;
        }
    }
    if full && let Some(pg) = common::TestDatabase::postgres("vigie_bench_tg2").await {
        webhooks("PostgreSQL, 2 processes by webhook, burst, unpaced", &pg.url(), 500, 4).await;
        pg.cleanup().await;
    }
    if let Ok(status) = std::fs::read_to_string("/proc/self/status")
        && let Some(peak) = status.lines().find(|l| l.starts_with("VmHWM"))
    {
        println!(
            "telegram bench: peak resident memory of the bench process: {}",
            peak.trim_start_matches("VmHWM:").trim()
        );
    }
}

/// Two instances on one database, each with its webhook route; the updates
/// are posted to them in turn, 40 at a time (Telegram's default webhook
/// connections).
async fn webhooks(name: &str, url: &str, residents: usize, each: usize) {
    let fake = fake::FakeTelegram::start().await;
    let faq = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("faq");
    vigie::core::distress::warm_up();
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let mut hooks = Vec::new();
    let mut tasks = Vec::new();
    for _ in 0..2 {
        let store = Store::connect(url, Clock::system()).await.unwrap();
        let directives = std::sync::Arc::new(LiveDirectives::load(faq.clone(), store.now_ms()).unwrap());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let hook = format!("http://{}/hook", listener.local_addr().unwrap());
        let mut settings = vigie::channels::telegram::Settings::defaults(fake::TOKEN.into());
        settings.api_url = Some(fake.url.parse().unwrap());
        settings.webhook_url = Some(hook.parse().unwrap());
        settings.per_second = 1_000_000;
        settings.private_interval = Duration::ZERO;
        let (events, _) = tokio::sync::broadcast::channel(1024);
        let (telegram, more) =
            vigie::channels::telegram::start(settings, store, directives, events, stopped.clone()).await.unwrap();
        let router = telegram.webhook_router().expect("webhook mode");
        tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
        tasks.extend(more);
        hooks.push(hook);
    }
    let secret = fake.with(|s| s.webhook.clone()).expect("registered").1;
    let client = reqwest::Client::builder().pool_max_idle_per_host(64).build().unwrap();
    let total = residents * each;
    let start = Instant::now();
    let mut pushed: HashMap<i64, Vec<Instant>> = HashMap::new();
    let mut posting = tokio::task::JoinSet::new();
    let mut n = 0;
    for round in 0..each {
        for r in 0..residents {
            let user = 10_000 + r as i64;
            while posting.len() >= 40 {
                assert_eq!(posting.join_next().await.unwrap().unwrap(), 200);
            }
            pushed.entry(user).or_default().push(Instant::now());
            let (fake, client, hook, secret) = (fake.clone(), client.clone(), hooks[n % 2].clone(), secret.clone());
            let text = QUESTIONS[(r + round) % QUESTIONS.len()];
            posting.spawn(async move { fake.post_to(&client, &hook, &secret, user, text).await });
            n += 1;
        }
    }
    while let Some(status) = posting.join_next().await {
        assert_eq!(status.unwrap(), 200);
    }
    report(name, &fake, total, residents, start, &pushed).await;
    let _ = stop.send(true);
    for task in tasks {
        let _ = task.await;
    }
}

async fn run(name: &str, url: &str, residents: usize, each: usize, paced: bool, rate: u32) {
    let fake = fake::FakeTelegram::start().await;
    let store = Store::connect(url, Clock::system()).await.unwrap();
    let faq = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("faq");
    let directives = std::sync::Arc::new(LiveDirectives::load(faq, store.now_ms()).unwrap());
    vigie::core::distress::warm_up();
    let mut settings = vigie::channels::telegram::Settings::defaults(fake::TOKEN.into());
    settings.api_url = Some(fake.url.parse().unwrap());
    if !paced {
        settings.per_second = 1_000_000;
        settings.private_interval = Duration::ZERO;
    }
    let (events, _) = tokio::sync::broadcast::channel(1024);
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let (_telegram, tasks) =
        vigie::channels::telegram::start(settings, store.clone(), directives, events, stopped).await.unwrap();

    let total = residents * each;
    let start = Instant::now();
    let mut pushed: HashMap<i64, Vec<Instant>> = HashMap::new();
    for round in 0..each {
        for r in 0..residents {
            let user = 10_000 + r as i64;
            if rate > 0 {
                let due = start + Duration::from_secs_f64((round * residents + r) as f64 / f64::from(rate));
                tokio::time::sleep_until(due).await;
            }
            fake.resident_says(user, QUESTIONS[(r + round) % QUESTIONS.len()]);
            pushed.entry(user).or_default().push(Instant::now());
        }
    }
    report(name, &fake, total, residents, start, &pushed).await;
    let _ = stop.send(true);
    for task in tasks {
        let _ = task.await;
    }
}

async fn report(
    name: &str,
    fake: &fake::FakeTelegram,
    total: usize,
    residents: usize,
    start: Instant,
    pushed: &HashMap<i64, Vec<Instant>>,
) {
    let done = fake.wait_for(Duration::from_secs(600), |s| s.sent.len() >= total).await;
    assert!(done, "{name}: {} of {total} answered", fake.with(|s| s.sent.len()));
    let elapsed = start.elapsed();
    let mut latencies: Vec<Duration> = Vec::with_capacity(total);
    fake.with(|s| {
        let mut seen: HashMap<i64, usize> = HashMap::new();
        for sent in &s.sent {
            let k = seen.entry(sent.chat_id).or_default();
            latencies.push(sent.at - pushed[&sent.chat_id][*k]);
            *k += 1;
        }
    });
    latencies.sort();
    let pct = |p: f64| latencies[((latencies.len() as f64 * p) as usize).min(latencies.len() - 1)];
    println!(
        "telegram {name}: {total} updates from {residents} residents in {:.2} s = {:.0} updates/s answered; \
update → answer p50 {:.0} ms, p99 {:.0} ms",
        elapsed.as_secs_f64(),
        total as f64 / elapsed.as_secs_f64(),
        pct(0.5).as_secs_f64() * 1000.0,
        pct(0.99).as_secs_f64() * 1000.0,
    );
}
