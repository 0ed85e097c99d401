//! Officials mid-incident, end to end through `vigie run`'s pieces: the
//! directive folder watched and reloaded while residents ask, a broken file,
//! restoring an earlier version, expired directives, corrections.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use reqwest::StatusCode;
use serde_json::{Value, json};
use vigie::app::{App, Channels};
use vigie::clock::Clock;
use vigie::config::Config;
use vigie::store::Role;

mod common;

const PETS_FR: &str = "Les animaux de compagnie sont acceptés en cage ou en laisse";
const PETS_FR_NEW: &str = "NOUVEAU : les animaux de compagnie vont au refuge de la SPA, 12 rue des Érables,";
const PETS_EN: &str = "Pets are welcome in a cage or on a leash";
const PETS_EN_NEW: &str = "NEW: pets go to the SPCA shelter, 12 rue des Érables,";
const WAIT: Duration = Duration::from_secs(20);

struct Running {
    base: String,
    http: reqwest::Client,
    app: vigie::web::AppState,
    faq: tempfile::TempDir,
    stop: tokio::sync::watch::Sender<bool>,
    channels: Channels,
    official: String,
    _db: common::TestDatabase,
}

impl Running {
    async fn start(faq: tempfile::TempDir) -> Running {
        let db = common::TestDatabase::sqlite();
        let config = Config {
            database_url: db.url(),
            faq_dir: faq.path().to_path_buf(),
            http_addr: "127.0.0.1:0".into(),
            // No token: the moderators' group only receives notices, through the outbox.
            telegram_moderator_chat: Some("-100".into()),
            ..Config::default()
        };
        let mut app = App::build(&config, Clock::system()).await.expect("the app starts");
        let base = format!("http://{}", app.local_addr().unwrap());
        let (stop, stopped) = tokio::sync::watch::channel(false);
        let channels = app.start_channels(&config, stopped.clone()).await.unwrap();
        let state = app.state.clone();
        let mut serve_stop = stopped;
        tokio::spawn(app.serve(async move {
            let _ = serve_stop.wait_for(|s| *s).await;
        }));
        let (_, official) = state.store.add_moderator("Officielle", Role::Official, None, None).await.unwrap();
        Running { base, http: reqwest::Client::new(), app: state, faq, stop, channels, official, _db: db }
    }

    async fn ask(&self, conversation: &str, text: &str) -> (StatusCode, Value) {
        let r = self
            .http
            .post(format!("{}/api/chat", self.base))
            .json(&json!({ "conversation": conversation, "text": text }))
            .send()
            .await
            .unwrap();
        (r.status(), r.json().await.unwrap_or(Value::Null))
    }

    async fn official(&self, method: reqwest::Method, path: &str, body: Option<Value>) -> (StatusCode, Value) {
        let mut request = self.http.request(method, format!("{}{path}", self.base)).bearer_auth(&self.official);
        if let Some(body) = body {
            request = request.json(&body);
        }
        let r = request.send().await.unwrap();
        (r.status(), r.json().await.unwrap_or(Value::Null))
    }

    fn file(&self, name: &str) -> PathBuf {
        self.faq.path().join(name)
    }

    /// Replaces `from` by `to` in a directive file, the way an editor saves:
    /// a new file renamed over the old one.
    fn edit(&self, name: &str, from: &str, to: &str) {
        let text = std::fs::read_to_string(self.file(name)).unwrap();
        assert!(text.contains(from), "{from} in {name}");
        let temporary = self.faq.path().join(format!(".{name}.swp"));
        std::fs::write(&temporary, text.replace(from, to)).unwrap();
        std::fs::rename(&temporary, self.file(name)).unwrap();
    }

    async fn version(&self) -> String {
        self.app.directives.current().directive_set.version.clone()
    }

    async fn stop(self) {
        let _ = self.stop.send(true);
        self.channels.finish(Duration::from_secs(10)).await;
    }
}

fn reply_text(body: &Value) -> String {
    body["replies"][0]["text"].as_str().unwrap_or_default().to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_file_saved_during_a_burst_swaps_atomically() {
    let t = Running::start(common::sample_faq()).await;
    let before = t.version().await;
    let question = "est-ce que je peux amener mon chien au centre?";
    let mut burst = tokio::task::JoinSet::new();
    for worker in 0..4 {
        let (http, base) = (t.http.clone(), t.base.clone());
        burst.spawn(async move {
            let mut replies = Vec::new();
            for i in 0..40 {
                let r = http
                    .post(format!("{base}/api/chat"))
                    .json(&json!({ "conversation": format!("w{worker}-{i}"), "text": question }))
                    .send()
                    .await
                    .unwrap();
                let status = r.status();
                let body: Value = r.json().await.unwrap_or(Value::Null);
                replies.push((status, reply_text(&body)));
                tokio::time::sleep(Duration::from_millis(10)).await;
            }
            replies
        });
    }
    tokio::time::sleep(Duration::from_millis(150)).await;
    let saved = Instant::now();
    t.edit("feux-evacuation.toml", PETS_FR, PETS_FR_NEW);
    // The first answer from the new version, as a resident would see it.
    let mut first_new = None;
    for i in 0.. {
        let (_, body) = t.ask(&format!("probe-{i}"), question).await;
        if reply_text(&body).starts_with("NOUVEAU") {
            first_new = Some(saved.elapsed());
            break;
        }
        assert!(saved.elapsed() < WAIT, "the new version is never served");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    eprintln!("saved → first answer from the new version: {:?}", first_new.unwrap());
    let mut old = 0;
    let mut new = 0;
    while let Some(replies) = burst.join_next().await {
        for (status, text) in replies.unwrap() {
            assert_eq!(status, StatusCode::OK, "no answer fails during the swap");
            if text.starts_with(PETS_FR) {
                old += 1;
            } else if text.starts_with("NOUVEAU") {
                new += 1;
            } else {
                panic!("an answer from neither version: {text}");
            }
        }
    }
    assert_eq!(old + new, 160);
    assert_ne!(t.version().await, before);
    for i in 0..10 {
        let (_, body) = t.ask(&format!("after-{i}"), question).await;
        assert!(reply_text(&body).starts_with("NOUVEAU"), "after the swap, only the new version");
    }
    let (_, directives) = t.official(reqwest::Method::GET, "/api/directives", None).await;
    assert_eq!(directives["history"].as_array().unwrap().len(), 2, "both versions are kept: {directives}");
    t.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_broken_file_keeps_the_previous_set_and_says_where() {
    let t = Running::start(common::sample_faq()).await;
    let before = t.version().await;
    std::fs::write(
        t.file("zz-nouvelle.toml"),
        "[directive]\ntitle = \"Nouvelle\"\nissued_by = \"Ville\nissued_at = 2026-06-09T09:00:00-04:00\n",
    )
    .unwrap();
    let mut errors = Value::Null;
    let deadline = Instant::now() + WAIT;
    while Instant::now() < deadline {
        let (_, directives) = t.official(reqwest::Method::GET, "/api/directives", None).await;
        if directives["errors"].as_array().is_some_and(|e| !e.is_empty()) {
            errors = directives["errors"].clone();
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let first = &errors[0];
    assert_eq!(first["file"], "zz-nouvelle.toml", "{errors}");
    assert_eq!(first["line"], 3, "{errors}");
    assert_eq!(t.version().await, before, "the previous set keeps serving");
    let (_, body) = t.ask("r1", "est-ce que je peux amener mon chien au centre?").await;
    assert!(reply_text(&body).starts_with(PETS_FR));
    // The moderators' group is told, through the outbox.
    let notices: Vec<String> = sqlx::query_scalar("SELECT text FROM outbox WHERE kind = 'notice' AND chat_id = '-100'")
        .fetch_all(t.app.store.pool())
        .await
        .unwrap();
    assert!(notices.iter().any(|n| n.contains("zz-nouvelle.toml:3")), "{notices:?}");
    // Fixed: served.
    std::fs::remove_file(t.file("zz-nouvelle.toml")).unwrap();
    t.edit("feux-evacuation.toml", PETS_FR, PETS_FR_NEW);
    let deadline = Instant::now() + WAIT;
    while t.version().await == before && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let (_, directives) = t.official(reqwest::Method::GET, "/api/directives", None).await;
    assert!(directives["errors"].as_array().unwrap().is_empty());
    t.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_earlier_version_can_be_restored() {
    let t = Running::start(common::sample_faq()).await;
    let original = t.version().await;
    let original_text = std::fs::read_to_string(t.file("feux-evacuation.toml")).unwrap();
    t.edit("feux-evacuation.toml", PETS_FR, PETS_FR_NEW);
    std::fs::write(
        t.file("extra.toml"),
        std::fs::read_to_string(t.file("feux-sante-services.toml")).unwrap().replace("id = \"", "id = \"x-"),
    )
    .unwrap();
    let (status, _) = t.official(reqwest::Method::POST, "/api/directives/reload", None).await;
    assert_eq!(status, StatusCode::OK);
    assert_ne!(t.version().await, original);
    let (status, body) =
        t.official(reqwest::Method::POST, "/api/directives/restore", Some(json!({ "version": original }))).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(t.version().await, original);
    assert_eq!(std::fs::read_to_string(t.file("feux-evacuation.toml")).unwrap(), original_text);
    assert!(!t.file("extra.toml").exists(), "the folder is as it was");
    let (status, _) =
        t.official(reqwest::Method::POST, "/api/directives/restore", Some(json!({ "version": "nope" }))).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    t.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_question_about_an_expired_directive_is_told_it_is_being_updated() {
    let faq = common::sample_faq();
    let collection = |expires: &str| {
        format!(
            "[directive]\ntitle = \"Collectes / Collection\"\nissued_by = \"Ville\"\n\
             issued_at = 2026-06-01T09:00:00-04:00\nexpires_at = {expires}\n\n[[entry]]\nid = \"garbage\"\n\
             questions.fr = [\"Quand passe la collecte des ordures?\"]\nquestions.en = [\"When is garbage collection?\"]\n\
             answer.fr = \"La collecte des ordures est suspendue jusqu'à nouvel ordre.\"\n\
             answer.en = \"Garbage collection is suspended until further notice.\"\n"
        )
    };
    std::fs::write(faq.path().join("collecte.toml"), collection("2026-06-02T09:00:00-04:00")).unwrap();
    let t = Running::start(faq).await;
    let (_, body) = t.ask("r1", "quand passe la collecte des ordures?").await;
    assert_eq!(reply_text(&body), vigie::core::reply::being_updated_text(vigie::core::Lang::Fr), "{body}");
    let tickets = t.app.store.tickets("active", 10).await.unwrap();
    assert_eq!(tickets.len(), 1);
    assert_eq!(tickets[0].reason, "expired");

    // A directive that expires while served stops being served then.
    let soon = time_in(4);
    std::fs::write(t.file("collecte.toml"), collection(&soon)).unwrap();
    let deadline = Instant::now() + WAIT;
    // A new resident each time: an escalated one would have a ticket.
    for i in 0.. {
        let (_, body) = t.ask(&format!("r2-{i}"), "When is garbage collection?").await;
        if reply_text(&body).starts_with("Garbage collection is suspended") {
            break;
        }
        assert!(Instant::now() < deadline, "the renewed directive is served: {body}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let deadline = Instant::now() + WAIT;
    for i in 0.. {
        let (_, body) = t.ask(&format!("r3-{i}"), "When is garbage collection?").await;
        if reply_text(&body) == vigie::core::reply::being_updated_text(vigie::core::Lang::En) {
            break;
        }
        assert!(Instant::now() < deadline, "once expired, no longer served: {body}");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    t.stop().await;
}

/// An RFC 3339 time `seconds` from now, in UTC.
fn time_in(seconds: u64) -> String {
    let at = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() + seconds;
    let (days, rest) = (at / 86_400, at % 86_400);
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z", rest / 3600, rest % 3600 / 60, rest % 60)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_correction_reaches_exactly_those_who_got_the_old_answer() {
    let t = Running::start(common::sample_faq()).await;
    let store = &t.app.store;
    let knowledge = t.app.directives.current();
    let ask = |chat: &str, text: &str| vigie::store::Inbound {
        platform: "telegram".into(),
        chat_id: chat.into(),
        resident_id: Some(chat.into()),
        platform_message_id: Some(format!("{chat}:{text}")),
        text: text.into(),
    };
    // Two residents get the old answer (one in English), one asks something else.
    for (chat, text) in
        [("1", "est-ce que je peux amener mon chien?"), ("2", "can I bring my dog?"), ("3", "quoi apporter")]
    {
        vigie::conversation::handle_inbound(store, &knowledge, &ask(chat, text)).await.unwrap();
    }
    let (_, web) = t.ask("web-1", "est-ce que je peux amener mon chien au centre?").await;
    assert!(reply_text(&web).starts_with(PETS_FR));
    // The answer changes; a fourth resident gets the new one.
    t.edit("feux-evacuation.toml", PETS_FR, PETS_FR_NEW);
    t.edit("feux-evacuation.toml", PETS_EN, PETS_EN_NEW);
    let (status, _) = t.official(reqwest::Method::POST, "/api/directives/reload", None).await;
    assert_eq!(status, StatusCode::OK);
    let knowledge = t.app.directives.current();
    vigie::conversation::handle_inbound(store, &knowledge, &ask("4", "est-ce que je peux amener mon chien?"))
        .await
        .unwrap();

    let (status, body) =
        t.official(reqwest::Method::POST, "/api/corrections", Some(json!({ "entry": "pets", "hours": 2 }))).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["recipients"], 3, "residents 1 and 2, and the web chat: {body}");
    let rows: Vec<(String, String)> =
        sqlx::query_as("SELECT chat_id, text FROM outbox WHERE kind = 'correction' ORDER BY chat_id")
            .fetch_all(store.pool())
            .await
            .unwrap();
    assert_eq!(rows.iter().map(|r| r.0.as_str()).collect::<Vec<_>>(), ["1", "2"]);
    assert!(rows[0].1.contains(PETS_FR_NEW) && rows[0].1.starts_with("🔄 Mise à jour"), "{}", rows[0].1);
    assert!(rows[1].1.starts_with("🔄 Update"), "in the resident's language: {}", rows[1].1);
    let (_, messages) = t.official(reqwest::Method::GET, "/api/chat/web-1/messages", None).await;
    let last = messages["messages"].as_array().unwrap().last().unwrap().clone();
    assert!(last["text"].as_str().unwrap().contains(PETS_FR_NEW), "the web chat shows it: {last}");
    let (_, report) = t.official(reqwest::Method::GET, &format!("/api/broadcasts/{}", body["id"]), None).await;
    assert_eq!((report["sent"].as_i64(), report["pending"].as_i64()), (Some(1), Some(2)), "{report}");
    // Unknown entry.
    let (status, _) = t.official(reqwest::Method::POST, "/api/corrections", Some(json!({ "entry": "nope" }))).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    t.stop().await;
}
