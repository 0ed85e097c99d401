//! `vigie run` killed (SIGKILL) between receiving Telegram updates and
//! answering them: after a restart every message is answered exactly once.
//! The real binary, the fake Bot API server, a SQLite file that outlives
//! the processes.

use std::process::{Child, Command, Stdio};
use std::time::Duration;

use vigie::clock::Clock;
use vigie::store::Store;

#[path = "fakes/telegram.rs"]
mod fake;

use fake::FakeTelegram;

fn start(fake: &FakeTelegram, dir: &std::path::Path) -> Child {
    let log = std::fs::OpenOptions::new().create(true).append(true).open(dir.join("vigie.log")).unwrap();
    Command::new(env!("CARGO_BIN_EXE_vigie"))
        .arg("run")
        .env("VIGIE_DATABASE_URL", format!("sqlite://{}", dir.join("vigie.db").display()))
        .env("VIGIE_FAQ_DIR", std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("faq"))
        .env("VIGIE_HTTP_ADDR", "127.0.0.1:0")
        .env("VIGIE_TELEGRAM_TOKEN", fake::TOKEN)
        .env("VIGIE_TELEGRAM_API_URL", &fake.url)
        .env("VIGIE_LOG", "vigie=debug")
        .stdout(Stdio::null())
        .stderr(log)
        .spawn()
        .expect("vigie starts")
}

fn random_below(n: u64) -> u64 {
    let mut bytes = [0u8; 8];
    getrandom::fill(&mut bytes).unwrap();
    u64::from_le_bytes(bytes) % n
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn killed_mid_batch_then_restarted_answers_each_message_exactly_once() {
    let dir = tempfile::tempdir().unwrap();
    let fake = FakeTelegram::start().await;
    let mut expected_messages = 0;
    // First a kill as soon as the updates are handed out (usually before
    // they are stored), then a kill later (stored, the answer on its way).
    for (round, delay_ms) in [(0i64, 0u64), (1, 150 + random_below(300))] {
        fake.with(|s| s.hold_sends = true);
        let mut vigie = start(&fake, dir.path());
        let residents = [7000 + 2 * round, 7001 + 2 * round];
        let served_before = fake.with(|s| s.updates_served);
        fake.resident_says(residents[0], "quoi apporter");
        fake.resident_says(residents[1], "can I bring my dog?");
        assert!(
            fake.wait_for(Duration::from_secs(30), |s| s.updates_served >= served_before + 2).await,
            "round {round}: vigie polls"
        );
        tokio::time::sleep(Duration::from_millis(delay_ms)).await;
        vigie.kill().expect("SIGKILL");
        vigie.wait().unwrap();
        assert!(fake.sent_to(residents[0]).is_empty() && fake.sent_to(residents[1]).is_empty());

        fake.with(|s| s.hold_sends = false);
        let mut vigie = start(&fake, dir.path());
        // A row taken by the dead process comes back when its lease (20 s) lapses.
        let answered = fake
            .wait_for(Duration::from_secs(60), |s| residents.iter().all(|r| s.sent.iter().any(|m| m.chat_id == *r)))
            .await;
        tokio::time::sleep(Duration::from_secs(2)).await;
        vigie.kill().unwrap();
        vigie.wait().unwrap();
        let log = std::fs::read_to_string(dir.path().join("vigie.log")).unwrap_or_default();
        assert!(answered, "round {round} (kill after {delay_ms} ms): both answered after the restart\n{log}");
        for resident in residents {
            assert_eq!(fake.sent_to(resident).len(), 1, "round {round}: resident {resident} is answered once");
        }
        expected_messages += 4; // two questions, two answers
        let store = Store::connect(&format!("sqlite://{}", dir.path().join("vigie.db").display()), Clock::system())
            .await
            .unwrap();
        assert_eq!(store.count_messages().await.unwrap(), expected_messages, "round {round}: each stored once");
        assert_eq!(store.outbox_counts().await.unwrap().0, 0, "round {round}: nothing left to send");
    }
}

/// The reliability suite's crash test: 2,000 messages from 1,000 residents
/// while `vigie run` is killed three times at random points. Afterwards
/// every message is stored once and has exactly one reply (an answer, a
/// clarify, an escalation); nothing is left to send. On the Telegram side a
/// reply can arrive twice only if the kill fell between Telegram accepting
/// it and the process marking it sent (at-least-once: the platform offers no
/// idempotency key); the test reports how many.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_thousand_messages_through_three_kills_each_answered_once() {
    let dir = tempfile::tempdir().unwrap();
    let fake = FakeTelegram::start().await;
    let questions = ["quoi apporter", "can I bring my dog?", "je veux parler à quelqu'un", "route"];
    let mut vigie = start(&fake, dir.path());
    for round in 0..2 {
        for r in 0..1_000i64 {
            fake.resident_says(20_000 + r, questions[(r as usize + round) % questions.len()]);
        }
    }
    for kill in 0..3 {
        tokio::time::sleep(Duration::from_millis(1_500 + random_below(6_000))).await;
        vigie.kill().expect("SIGKILL");
        vigie.wait().unwrap();
        let sent = fake.with(|s| s.sent.len());
        eprintln!("kill {}: {sent} replies sent so far", kill + 1);
        vigie = start(&fake, dir.path());
    }
    let all = fake.wait_for(Duration::from_secs(400), |s| s.sent.len() >= 2_000).await;
    tokio::time::sleep(Duration::from_secs(3)).await;
    vigie.kill().unwrap();
    vigie.wait().unwrap();
    let log = std::fs::read_to_string(dir.path().join("vigie.log")).unwrap_or_default();
    let tail: String = log.lines().rev().take(40).collect::<Vec<_>>().join("\n");
    assert!(all, "every message answered after the kills; log tail:\n{tail}");

    let store =
        Store::connect(&format!("sqlite://{}", dir.path().join("vigie.db").display()), Clock::system()).await.unwrap();
    let (inbound, replies): (i64, i64) = sqlx::query_as(
        "SELECT CAST(SUM(CASE WHEN direction = 'in' THEN 1 ELSE 0 END) AS BIGINT),
                CAST(SUM(CASE WHEN direction = 'out' THEN 1 ELSE 0 END) AS BIGINT) FROM messages",
    )
    .fetch_one(store.pool())
    .await
    .unwrap();
    assert_eq!(inbound, 2_000, "each message stored once");
    assert_eq!(replies, 2_000, "each message answered or escalated once");
    assert_eq!(store.outbox_counts().await.unwrap(), (0, 2_000, 0), "all sent, nothing failed");
    let mut short = Vec::new();
    for r in 0..1_000i64 {
        if fake.sent_to(20_000 + r).len() < 2 {
            short.push(20_000 + r);
        }
    }
    assert!(short.is_empty(), "residents missing a reply: {short:?}");
    let repeated = fake.with(|s| s.sent.len()) - 2_000;
    eprintln!("replies Telegram received twice (sent before a kill, not yet marked): {repeated}");
    assert!(repeated <= 3 * 32, "at most the rows in flight at each kill");
}
