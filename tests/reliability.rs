//! The reliability suite's in-process part (the crash test lives in
//! `telegram_restart.rs`, with the real binary): the database unreachable
//! for ten seconds, and hostile input end to end.

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use vigie::channels::telegram;
use vigie::clock::Clock;
use vigie::live::LiveDirectives;
use vigie::store::Store;

mod common;
#[path = "fakes/telegram.rs"]
mod fake;

const WAIT: Duration = Duration::from_secs(30);
const MODERATORS: i64 = -100_300;

/// A TCP proxy in front of PostgreSQL that can be cut: open connections
/// are dropped and new ones refused until it is restored.
struct Proxy {
    port: u16,
    cut: Arc<AtomicBool>,
    connections: Arc<std::sync::Mutex<Vec<tokio::task::JoinHandle<()>>>>,
}

impl Proxy {
    async fn start(target: String) -> Proxy {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let cut = Arc::new(AtomicBool::new(false));
        let connections: Arc<std::sync::Mutex<Vec<tokio::task::JoinHandle<()>>>> = Default::default();
        let (is_cut, open) = (cut.clone(), connections.clone());
        tokio::spawn(async move {
            while let Ok((mut client, _)) = listener.accept().await {
                if is_cut.load(Ordering::SeqCst) {
                    continue; // dropped: connection refused, in effect
                }
                let target = target.clone();
                open.lock().unwrap().push(tokio::spawn(async move {
                    if let Ok(mut server) = tokio::net::TcpStream::connect(&target).await {
                        let _ = tokio::io::copy_bidirectional(&mut client, &mut server).await;
                    }
                }));
            }
        });
        Proxy { port, cut, connections }
    }

    fn cut(&self) {
        self.cut.store(true, Ordering::SeqCst);
        for connection in self.connections.lock().unwrap().drain(..) {
            connection.abort();
        }
    }

    fn restore(&self) {
        self.cut.store(false, Ordering::SeqCst);
    }
}

/// `url` with its host and port replaced by 127.0.0.1:`port`.
fn through(url: &str, port: u16) -> String {
    let (scheme, rest) = url.split_once("://").unwrap();
    let (authority, path) = rest.split_once('/').unwrap();
    let credentials = authority.rsplit_once('@').map(|(c, _)| format!("{c}@")).unwrap_or_default();
    format!("{scheme}://{credentials}127.0.0.1:{port}/{path}")
}

async fn telegram_on(
    url: &str,
    fake: &fake::FakeTelegram,
) -> (Store, tokio::sync::watch::Sender<bool>, Vec<tokio::task::JoinHandle<()>>) {
    let store = Store::connect(url, Clock::system()).await.unwrap();
    let faq = Path::new(env!("CARGO_MANIFEST_DIR")).join("faq");
    let directives = Arc::new(LiveDirectives::load(faq, store.now_ms()).unwrap());
    let mut settings = telegram::Settings::defaults(fake::TOKEN.into());
    settings.api_url = Some(fake.url.parse().unwrap());
    settings.moderator_chat = Some(MODERATORS);
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let (events, _) = tokio::sync::broadcast::channel(1024);
    let (_, tasks) = telegram::start(settings, store.clone(), directives, events, stopped).await.unwrap();
    (store, stop, tasks)
}

async fn stop(stop: tokio::sync::watch::Sender<bool>, tasks: Vec<tokio::task::JoinHandle<()>>) {
    let _ = stop.send(true);
    for task in tasks {
        let _ = tokio::time::timeout(Duration::from_secs(15), task).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_database_away_for_ten_seconds_holds_updates_at_telegram_and_recovers() {
    let Some(db) = common::TestDatabase::postgres("vigie_outage").await else {
        eprintln!("skipped: VIGIE_TEST_POSTGRES_URL is not set");
        return;
    };
    let server = std::env::var("VIGIE_TEST_POSTGRES_URL").unwrap();
    let target = server.split_once("://").unwrap().1.rsplit_once('@').map_or(server.as_str(), |(_, h)| h);
    let target = target.split('/').next().unwrap().to_string();
    let proxy = Proxy::start(target).await;
    let fake = fake::FakeTelegram::start().await;
    let (_store, stopper, tasks) = telegram_on(&through(&db.url(), proxy.port), &fake).await;
    for r in 1..=5 {
        fake.resident_says(r, "quoi apporter");
    }
    assert!(fake.wait_for(WAIT, |s| s.sent.len() >= 5).await, "answered before the outage");
    let confirmed_before = fake.with(|s| s.confirmed);

    proxy.cut();
    let cut_at = Instant::now();
    let first_during = fake.with(|s| s.confirmed.max(1));
    for r in 6..=10 {
        fake.resident_says(r, "quoi apporter");
    }
    tokio::time::sleep(Duration::from_secs(10)).await;
    let (confirmed_during, sent_during) = fake.with(|s| (s.confirmed, s.sent.len()));
    assert!(confirmed_during <= first_during, "no update acknowledged while the database is away");
    assert_eq!(sent_during, 5, "nothing answered without the database");
    assert!(confirmed_during >= confirmed_before);

    proxy.restore();
    let restored = Instant::now();
    assert!(fake.wait_for(Duration::from_secs(60), |s| s.sent.len() >= 10).await, "recovered by itself");
    eprintln!("database away {:?}; answered again {:?} after it came back", restored - cut_at, restored.elapsed());
    tokio::time::sleep(Duration::from_secs(1)).await;
    for r in 1..=10 {
        assert_eq!(fake.sent_to(r).len(), 1, "resident {r} answered once");
    }
    stop(stopper, tasks).await;
    db.cleanup().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hostile_input_is_kept_escaped_and_cannot_starve_others() {
    let db = common::TestDatabase::sqlite();
    let fake = fake::FakeTelegram::start().await;
    let (store, stopper, tasks) = telegram_on(&db.url(), &fake).await;

    // 4 MB in one message, control and bidi characters, markup: stored
    // (cut to a bounded length), escaped wherever it is shown.
    let huge = "a".repeat(4 << 20);
    fake.resident_says(31, &huge);
    let hostile = "au secours <script>alert(1)</script> <b>feu</b> **gras** \u{202e}evil\u{202c} \u{0}\u{7}\u{1b}[31m";
    fake.resident_says(32, hostile);
    assert!(
        fake.wait_for(WAIT, |s| s.sent.iter().any(|m| m.chat_id == 31) && s.sent.iter().any(|m| m.chat_id == 32)).await
    );
    assert!(fake.wait_for(WAIT, |s| s.sent.iter().any(|m| m.chat_id == MODERATORS && m.text.contains("script"))).await);
    let card =
        fake.with(|s| s.sent.iter().find(|m| m.chat_id == MODERATORS && m.text.contains("script")).cloned()).unwrap();
    assert!(card.text.contains("&lt;script&gt;") && !card.text.contains("<script>"), "{}", card.text);
    assert!(!card.text.contains('\u{0}') && !card.text.contains('\u{1b}'), "control characters dropped");
    let longest: i64 = sqlx::query_scalar("SELECT CAST(MAX(LENGTH(text)) AS BIGINT) FROM messages")
        .fetch_one(store.pool())
        .await
        .unwrap();
    assert!(longest <= 8_200, "a 4 MB message is kept bounded: {longest}");

    // One resident sends 10,000 messages; twenty others ask once each.
    for n in 0..10_000 {
        fake.resident_says(40, &format!("quoi apporter {n}"));
    }
    let started = Instant::now();
    for r in 41..=60 {
        fake.resident_says(r, "est-ce que je peux amener mon chien?");
    }
    assert!(
        fake.wait_for(Duration::from_secs(120), |s| (41..=60).all(|r| s.sent.iter().any(|m| m.chat_id == r))).await,
        "the others are answered"
    );
    eprintln!("20 residents answered {:?} after a flood of 10,000 messages", started.elapsed());
    let stored: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM messages m JOIN conversations c ON c.id = m.conversation_id
         WHERE c.chat_id = '40' AND m.direction = 'in'",
    )
    .fetch_one(store.pool())
    .await
    .unwrap();
    assert_eq!(stored, 10_000, "every message of the flood is kept");
    let queued: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM outbox WHERE chat_id = '40'").fetch_one(store.pool()).await.unwrap();
    assert_eq!(queued, vigie::conversation::FLOOD_LIMIT + 1, "answers until the limit, then one notice, then quiet");
    stop(stopper, tasks).await;
}
