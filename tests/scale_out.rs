//! Several processes on one PostgreSQL (`VIGIE_TEST_POSTGRES_URL`; skipped
//! without it): each "process" here is a store with its own connection pool
//! and its own tasks, sharing nothing but the database, as processes do.

use std::collections::HashSet;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use vigie::app::App;
use vigie::channels::telegram;
use vigie::clock::Clock;
use vigie::config::Config;
use vigie::live::LiveDirectives;
use vigie::store::{Inbound, NewOutbox, Role, Store};

mod common;
#[path = "fakes/telegram.rs"]
mod fake;

const WAIT: Duration = Duration::from_secs(30);

async fn postgres(name: &str) -> Option<common::TestDatabase> {
    let db = common::TestDatabase::postgres(name).await;
    if db.is_none() {
        eprintln!("skipped: VIGIE_TEST_POSTGRES_URL is not set");
    }
    db
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_processes_share_the_queue_and_the_outbox_without_doubles() {
    let Some(db) = postgres("vigie_scale_queue").await else { return };
    let a = Store::connect(&db.url(), Clock::system()).await.unwrap();
    let b = Store::connect(&db.url(), Clock::system()).await.unwrap();
    let knowledge = vigie::cli::load_knowledge(&Path::new(env!("CARGO_MANIFEST_DIR")).join("faq")).unwrap();
    // 300 residents asking for a person (300 tickets), 1,500 rows to send
    // over 150 chats.
    for r in 0..300 {
        let inbound = Inbound {
            platform: "telegram".into(),
            chat_id: format!("r{r}"),
            resident_id: None,
            platform_message_id: Some(format!("r{r}:1")),
            text: "je veux parler à un humain".into(),
        };
        vigie::conversation::handle_inbound(&a, &knowledge, &inbound).await.unwrap();
    }
    let mut tx = a.begin().await.unwrap();
    for n in 0..1_500 {
        let row = NewOutbox {
            conversation_id: None,
            platform: "discord".into(),
            chat_id: format!("c{}", n % 150),
            kind: "alert".into(),
            text: format!("{n}"),
            payload: None,
        };
        a.enqueue(&mut tx, &row).await.unwrap();
    }
    tx.commit().await.unwrap();
    let (ma, _) = a.add_moderator("A", Role::Moderator, None, None).await.unwrap();
    let (mb, _) = b.add_moderator("B", Role::Moderator, None, None).await.unwrap();

    let mut workers = tokio::task::JoinSet::new();
    for (store, moderator) in [(a.clone(), ma.id), (b.clone(), mb.id), (a.clone(), ma.id), (b.clone(), mb.id)] {
        workers.spawn(async move {
            let (mut claimed, mut sent) = (Vec::new(), Vec::new());
            loop {
                let ticket = store.claim_next(moderator, 600_000).await.unwrap();
                let rows = store.take_outbox("discord", 20, 60_000).await.unwrap();
                if ticket.is_none() && rows.is_empty() {
                    break;
                }
                claimed.extend(ticket.map(|t| t.id));
                let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
                store.mark_sent_many(&ids).await.unwrap();
                sent.extend(rows.into_iter().map(|r| (r.chat_id, r.text.parse::<i64>().unwrap())));
            }
            (claimed, sent)
        });
    }
    let (mut claimed, mut sent) = (Vec::new(), Vec::new());
    while let Some(result) = workers.join_next().await {
        let (c, s) = result.unwrap();
        claimed.extend(c);
        sent.extend(s);
    }
    let unique: HashSet<i64> = claimed.iter().copied().collect();
    assert_eq!((claimed.len(), unique.len()), (300, 300), "every ticket claimed, none twice");
    let unique: HashSet<i64> = sent.iter().map(|(_, n)| *n).collect();
    assert_eq!((sent.len(), unique.len()), (1_500, 1_500), "every row sent, none twice");
    // Each chat's rows went in order, whichever process took them.
    let mut last: std::collections::HashMap<String, i64> = Default::default();
    sent.sort_by_key(|(_, n)| *n);
    for (chat, n) in &sent {
        assert!(last.insert(chat.clone(), *n).is_none_or(|before| before < *n));
    }
    db.cleanup().await;
}

async fn telegram_on(
    db: &common::TestDatabase,
    fake: &fake::FakeTelegram,
) -> (Arc<telegram::Telegram>, tokio::sync::watch::Sender<bool>, Vec<tokio::task::JoinHandle<()>>) {
    let store = Store::connect(&db.url(), Clock::system()).await.unwrap();
    let faq = Path::new(env!("CARGO_MANIFEST_DIR")).join("faq");
    let directives = Arc::new(LiveDirectives::load(faq, store.now_ms()).unwrap());
    let mut settings = telegram::Settings::defaults(fake::TOKEN.into());
    settings.api_url = Some(fake.url.parse().unwrap());
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let (events, _) = tokio::sync::broadcast::channel(64);
    let (channel, tasks) = telegram::start(settings, store, directives, events, stopped).await.unwrap();
    (channel, stop, tasks)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_process_polls_telegram_and_another_takes_over_when_it_goes() {
    let Some(db) = postgres("vigie_scale_leader").await else { return };
    let fake = fake::FakeTelegram::start().await;
    let (a, stop_a, tasks_a) = telegram_on(&db, &fake).await;
    let (b, stop_b, tasks_b) = telegram_on(&db, &fake).await;
    let deadline = Instant::now() + WAIT;
    while !(a.leading.load(Ordering::SeqCst) || b.leading.load(Ordering::SeqCst)) {
        assert!(Instant::now() < deadline, "one of them leads");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    tokio::time::sleep(Duration::from_secs(3)).await;
    assert!(a.leading.load(Ordering::SeqCst) != b.leading.load(Ordering::SeqCst), "exactly one leads");
    let (leader, stop_leader, tasks_leader, follower) =
        if a.leading.load(Ordering::SeqCst) { (a, stop_a, tasks_a, b) } else { (b, stop_b, tasks_b, a) };
    for r in 1..=20 {
        fake.resident_says(r, "quoi apporter");
    }
    assert!(fake.wait_for(WAIT, |s| s.sent.len() >= 20).await, "the leader answers");

    // The leader goes; the other takes over within seconds.
    let gone = Instant::now();
    let _ = stop_leader.send(true);
    for task in tasks_leader {
        task.await.unwrap();
    }
    drop(leader);
    while !follower.leading.load(Ordering::SeqCst) {
        assert!(gone.elapsed() < WAIT, "the follower takes over");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    eprintln!("Telegram polling taken over in {:?}", gone.elapsed());
    for r in 21..=40 {
        fake.resident_says(r, "quoi apporter");
    }
    assert!(fake.wait_for(WAIT, |s| s.sent.len() >= 40).await, "the new leader answers");
    tokio::time::sleep(Duration::from_secs(1)).await;
    for r in 1..=40 {
        assert_eq!(fake.sent_to(r).len(), 1, "resident {r} answered once");
    }
    drop(follower);
    db.cleanup().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reload_in_one_process_reaches_the_other() {
    let Some(db) = postgres("vigie_scale_reload").await else { return };
    let mut apps = Vec::new();
    let mut folders = Vec::new();
    for _ in 0..2 {
        // Each process has a folder of its own: the new version travels by the database.
        let faq = common::sample_faq();
        let config = Config {
            database_url: db.url(),
            faq_dir: faq.path().to_path_buf(),
            http_addr: "127.0.0.1:0".into(),
            ..Config::default()
        };
        let mut app = App::build(&config, Clock::system()).await.unwrap();
        let base = format!("http://{}", app.local_addr().unwrap());
        let (stop, stopped) = tokio::sync::watch::channel(false);
        let channels = app.start_channels(&config, stopped).await.unwrap();
        let state = app.state.clone();
        tokio::spawn(app.serve(std::future::pending()));
        apps.push((base, state, stop, channels));
        folders.push(faq);
    }
    tokio::time::sleep(Duration::from_millis(500)).await; // the listeners are up
    let (_, official) = apps[0].1.store.add_moderator("Officielle", Role::Official, None, None).await.unwrap();
    let file = folders[0].path().join("feux-evacuation.toml");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, text.replace("Les animaux de compagnie sont acceptés", "NOUVEAU : animaux acceptés"))
        .unwrap();
    let http = reqwest::Client::new();
    let reloaded: Value = http
        .post(format!("{}/api/directives/reload", apps[0].0))
        .bearer_auth(&official)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let version = reloaded["version"].as_str().unwrap().to_string();
    let deadline = Instant::now() + WAIT;
    while apps[1].1.directives.current().directive_set.version != version {
        assert!(Instant::now() < deadline, "the other process follows");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let body: Value = http
        .post(format!("{}/api/chat", apps[1].0))
        .json(&json!({ "conversation": "r1", "text": "est-ce que je peux amener mon chien au centre?" }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(body["replies"][0]["text"].as_str().unwrap().starts_with("NOUVEAU"), "{body}");
    for (_, _, stop, channels) in apps {
        let _ = stop.send(true);
        channels.finish(Duration::from_secs(10)).await;
    }
    db.cleanup().await;
}
