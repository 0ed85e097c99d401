//! An official's alert to 10,000 subscribers spread over Telegram, Discord
//! and the web chat: each gets exactly one, in their language, at each
//! platform's pace, and a restart midway loses and repeats nothing. The real
//! teloxide and serenity clients against the fake servers, in real time.
//!
//! Why not tokio's paused time: the database is another process (or, for
//! SQLite, another thread), and a paused clock jumps to the next timer
//! whenever the runtime waits for one, so two minutes of pacing pass in an
//! instant and leases lapse mid-send. The split below keeps the run near a
//! minute at the platforms' real pace: 60 s of Telegram at 25/s, 50 s of
//! Discord at 40/s, and the web chat, which has no pace.
//! PostgreSQL when `VIGIE_TEST_POSTGRES_URL` is set (`.ci/run` sets it),
//! SQLite otherwise.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use tokio::time::Instant;
use vigie::channels::{discord, telegram};
use vigie::clock::Clock;
use vigie::live::LiveDirectives;
use vigie::store::{Role, Store};

mod common;
#[path = "fakes/discord.rs"]
mod fake_discord;
#[path = "fakes/telegram.rs"]
mod fake_telegram;

const TELEGRAM: i64 = 1_500;
const DISCORD: u64 = 2_000;
const WEB: i64 = 6_500;
const FR: &str = "ALERTE : fermeture de la route 117 dès 18 h.";
const EN: &str = "ALERT: route 117 closes at 6 p.m.";

struct Running {
    stop: tokio::sync::watch::Sender<bool>,
    tasks: Vec<tokio::task::JoinHandle<()>>,
}

async fn start(
    store: &Store,
    directives: &Arc<LiveDirectives>,
    tg: &fake_telegram::FakeTelegram,
    dc: &fake_discord::FakeDiscord,
) -> Running {
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let (events, _) = tokio::sync::broadcast::channel(1024);
    let mut settings = telegram::Settings::defaults(fake_telegram::TOKEN.into());
    settings.api_url = Some(tg.url.parse().unwrap());
    let (_, mut tasks) =
        telegram::start(settings, store.clone(), directives.clone(), events.clone(), stopped.clone()).await.unwrap();
    let mut settings = discord::Settings::defaults(fake_discord::TOKEN.into());
    settings.api_url = Some(dc.url.clone());
    let (_, more) = discord::start(settings, store.clone(), directives.clone(), events, stopped).await.unwrap();
    tasks.extend(more);
    Running { stop, tasks }
}

impl Running {
    async fn stop(self) {
        let _ = self.stop.send(true);
        for task in self.tasks {
            task.await.unwrap();
        }
    }
}

/// The most messages sent within any one second.
fn peak_per_second(mut times: Vec<Instant>) -> usize {
    times.sort();
    let mut peak = 0;
    let mut start = 0;
    for end in 0..times.len() {
        while times[end] - times[start] >= Duration::from_secs(1) {
            start += 1;
        }
        peak = peak.max(end - start + 1);
    }
    peak
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_alert_reaches_ten_thousand_subscribers_once_each_in_their_language() {
    let db = match common::TestDatabase::postgres("vigie_alerts").await {
        Some(db) => db,
        None => common::TestDatabase::sqlite(),
    };
    let store = Store::connect(&db.url(), Clock::tokio()).await.unwrap();
    let faq = Path::new(env!("CARGO_MANIFEST_DIR")).join("faq");
    let directives = Arc::new(LiveDirectives::load(faq, store.now_ms()).unwrap());
    let tg = fake_telegram::FakeTelegram::start().await;
    let dc = fake_discord::FakeDiscord::start().await;

    // The subscribers: every third one reads English.
    let mut tx = store.begin().await.unwrap();
    let mut expected: HashMap<(String, String), &str> = HashMap::new();
    let chats = (1..=TELEGRAM)
        .map(|c| ("telegram", c.to_string()))
        .chain((1..=DISCORD).map(|u| ("discord", fake_discord::dm_channel(u).to_string())))
        .chain((1..=WEB).map(|w| ("web", format!("web-{w}"))));
    for (n, (platform, chat)) in chats.enumerate() {
        let conversation = store.upsert_conversation(&mut tx, platform, &chat, None, None).await.unwrap();
        let lang = if n % 3 == 0 { "en" } else { "fr" };
        store.update_conversation(&mut tx, conversation.id, Some(lang), Some(true)).await.unwrap();
        expected.insert((platform.to_string(), chat), if lang == "en" { EN } else { FR });
    }
    tx.commit().await.unwrap();
    let (official, _) = store.add_moderator("Officielle", Role::Official, None, None).await.unwrap();

    let running = start(&store, &directives, &tg, &dc).await;
    assert!(dc.wait_for(Duration::from_secs(30), |s| s.identifies >= 1).await);
    let began = Instant::now();
    let alert = store.broadcast(FR, EN, official.id).await.unwrap();

    // A restart (a deploy) midway through.
    assert!(tg.wait_for(Duration::from_secs(120), |s| s.sent.len() >= 600).await, "Telegram sends");
    running.stop().await;
    let (_, _, pending) = store.broadcast_report(alert).await.unwrap().unwrap();
    assert!(pending > 0, "stopped midway");
    let running = start(&store, &directives, &tg, &dc).await;
    let done = |tg_sent: usize, dc_sent: usize| tg_sent >= TELEGRAM as usize && dc_sent >= DISCORD as usize;
    let deadline = Instant::now() + Duration::from_secs(300);
    while !done(tg.with(|s| s.sent.len()), dc.with(|s| s.posted.len())) {
        assert!(Instant::now() < deadline, "every subscriber is reached");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let took = began.elapsed();
    tokio::time::sleep(Duration::from_secs(2)).await;
    running.stop().await;

    // Exactly one each, in their language.
    let mut received: HashMap<(String, String), Vec<String>> = HashMap::new();
    tg.with(|s| {
        for m in &s.sent {
            received.entry(("telegram".into(), m.chat_id.to_string())).or_default().push(m.text.clone());
        }
    });
    dc.with(|s| {
        for m in &s.posted {
            received.entry(("discord".into(), m.channel_id.to_string())).or_default().push(m.content.clone());
        }
    });
    let web: Vec<(String, String)> = sqlx::query_as(
        "SELECT c.chat_id, m.text FROM messages m JOIN conversations c ON c.id = m.conversation_id WHERE m.broadcast_id = $1",
    )
    .bind(alert)
    .fetch_all(store.pool())
    .await
    .unwrap();
    for (chat, text) in web {
        received.entry(("web".into(), chat)).or_default().push(text);
    }
    assert_eq!(received.len(), expected.len(), "every subscriber, nobody else");
    for (who, texts) in &received {
        assert_eq!(texts.len(), 1, "{who:?} got it once: {texts:?}");
        let want = expected[who];
        // Discord escapes what Markdown would read; the words are the same.
        let got = texts[0].replace('\\', "");
        assert_eq!(got, want, "{who:?} in their language");
    }
    assert_eq!(store.broadcast_report(alert).await.unwrap(), Some((10_000, 0, 0)));

    // Each platform's pace, in tokio's time.
    let telegram_peak = peak_per_second(tg.with(|s| s.sent.iter().map(|m| m.at).collect()));
    let discord_peak = peak_per_second(dc.with(|s| s.posted.iter().map(|m| m.at).collect()));
    eprintln!(
        "alert: 10,000 subscribers in {:.1} s; peak Telegram {telegram_peak}/s, Discord {discord_peak}/s",
        took.as_secs_f64()
    );
    // The platforms' own limits, as they would count at their end (our
    // pace keeps a margin below them for the network's jitter).
    assert!(telegram_peak <= 30, "Telegram: 30 messages a second at most, saw {telegram_peak}");
    assert!(discord_peak <= 50, "Discord: 50 requests a second at most, saw {discord_peak}");
    assert!(took >= Duration::from_secs(TELEGRAM as u64 / 31), "paced, not sent in a burst: {took:?}");
    db.cleanup().await;
}
