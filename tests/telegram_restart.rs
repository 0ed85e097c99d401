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
