//! End-to-end tests through the HTTP API: `spawn_app` starts the real
//! server on a random port with a fresh database (SQLite; PostgreSQL too when
//! `VIGIE_TEST_POSTGRES_URL` is set) and the sample directives copied to a
//! folder of its own.

use reqwest::StatusCode;
use serde_json::{Value, json};
use vigie::app::App;
use vigie::clock::Clock;
use vigie::config::Config;
use vigie::store::Role;

mod common;

struct TestApp {
    base: String,
    http: reqwest::Client,
    app_state: vigie::web::AppState,
    faq: tempfile::TempDir,
    db: common::TestDatabase,
}

impl TestApp {
    async fn moderator(&self, name: &str, role: Role) -> (i64, String) {
        let (m, token) = self.app_state.store.add_moderator(name, role, None, None).await.unwrap();
        (m.id, token)
    }

    async fn chat(&self, conversation: &str, text: &str) -> Value {
        let r = self
            .http
            .post(format!("{}/api/chat", self.base))
            .json(&json!({ "conversation": conversation, "text": text }))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::OK);
        r.json().await.unwrap()
    }

    async fn get(&self, path: &str, token: Option<&str>) -> (StatusCode, Value) {
        let mut request = self.http.get(format!("{}{path}", self.base));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        let r = request.send().await.unwrap();
        (r.status(), r.json().await.unwrap_or(Value::Null))
    }

    async fn post(&self, path: &str, token: Option<&str>, body: Value) -> (StatusCode, Value) {
        let mut request = self.http.post(format!("{}{path}", self.base)).json(&body);
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        let r = request.send().await.unwrap();
        (r.status(), r.json().await.unwrap_or(Value::Null))
    }

    async fn cleanup(self) {
        self.app_state.store.pool().close().await;
        self.db.cleanup().await;
    }
}

async fn spawn_app(postgres: bool) -> Option<TestApp> {
    let db =
        if postgres { common::TestDatabase::postgres("vigie_http").await? } else { common::TestDatabase::sqlite() };
    let faq = common::sample_faq();
    let config = Config {
        database_url: db.url(),
        faq_dir: faq.path().to_path_buf(),
        http_addr: "127.0.0.1:0".into(),
        ..Config::default()
    };
    let app = App::build(&config, Clock::system()).await.expect("app builds");
    let base = format!("http://{}", app.local_addr().unwrap());
    let app_state = app.state.clone();
    tokio::spawn(app.serve(std::future::pending()));
    Some(TestApp { base, http: reqwest::Client::new(), app_state, faq, db })
}

macro_rules! on_both_backends {
    ($($name:ident),* $(,)?) => {
        mod sqlite_backend {
            $(#[tokio::test]
            async fn $name() {
                let app = super::spawn_app(false).await.unwrap();
                super::$name(&app).await;
                app.cleanup().await;
            })*
        }
        mod postgres_backend {
            $(#[tokio::test]
            async fn $name() {
                let Some(app) = super::spawn_app(true).await else {
                    eprintln!("skipped: VIGIE_TEST_POSTGRES_URL is not set");
                    return;
                };
                super::$name(&app).await;
                app.cleanup().await;
            })*
        }
    };
}

on_both_backends!(
    a_resident_asks_and_gets_the_official_answer,
    a_tapped_choice_answers_from_its_entry,
    an_entry_only_its_answer_speaks_of_is_offered_and_opens_no_ticket,
    distress_opens_a_ticket_at_the_top_of_the_queue,
    two_moderators_claim_at_once_and_one_gets_409,
    a_moderators_reply_reaches_the_residents_messages,
    tokens_and_roles_are_enforced,
    bad_requests_get_a_json_error,
    a_broken_directive_file_keeps_the_previous_set_serving,
);

async fn a_resident_asks_and_gets_the_official_answer(app: &TestApp) {
    let body = app.chat("resident-1", "Où est le centre d'hébergement?").await;
    assert_eq!(body["decision"]["action"], "answer");
    assert_eq!(body["decision"]["entry"], "reception-centre");
    let text = body["replies"][0]["text"].as_str().unwrap();
    assert!(text.contains("Marcel-Gagnon") && text.contains("émise le"), "{text}");
    let (status, messages) = app.get("/api/chat/resident-1/messages", None).await;
    assert_eq!(status, StatusCode::OK);
    let messages = messages["messages"].as_array().unwrap();
    assert_eq!(messages.len(), 2);
    assert_eq!((messages[0]["direction"].as_str(), messages[0]["author"].as_str()), (Some("in"), Some("resident")));
    assert_eq!((messages[1]["direction"].as_str(), messages[1]["author"].as_str()), (Some("out"), Some("bot")));
    let (_, after) = app.get(&format!("/api/chat/resident-1/messages?after={}", messages[0]["id"]), None).await;
    assert_eq!(after["messages"].as_array().unwrap().len(), 1);
    // English, by the resident's choice.
    let (status, en) = app
        .post("/api/chat", None, json!({ "conversation": "resident-2", "text": "eau potable?", "lang": "en" }))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(en["decision"]["lang"], "en");
}

async fn a_tapped_choice_answers_from_its_entry(app: &TestApp) {
    // The label alone would be matched again (and here offered again as a
    // choice); with its entry it is answered from that entry.
    let label = "When can we go back home?";
    let (status, body) = app
        .post("/api/chat", None, json!({ "conversation": "resident-3", "text": label, "choice": "return-home" }))
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["replies"][0]["kind"], "answer", "{body}");
    let text = body["replies"][0]["text"].as_str().unwrap();
    assert!(text.contains("sector by sector"), "answered in the label's language: {text}");
    let (_, messages) = app.get("/api/chat/resident-3/messages", None).await;
    assert_eq!(messages["messages"][0]["text"], label, "the resident's log shows what they tapped");
    // An entry the directives no longer hold: said so, nothing invented.
    let (status, gone) = app
        .post(
            "/api/chat",
            None,
            json!({ "conversation": "resident-3", "text": "Ancienne question", "choice": "no-such-entry" }),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_ne!(gone["replies"][0]["kind"], "answer", "{gone}");
    let (status, _) = app
        .post("/api/chat", None, json!({ "conversation": "resident-3", "text": "x", "choice": "e".repeat(200) }))
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

async fn an_entry_only_its_answer_speaks_of_is_offered_and_opens_no_ticket(app: &TestApp) {
    // No question nor keyword of the sample set speaks of horses; the pets'
    // answer does. The resident is offered that entry, not answered from
    // it, and the moderators' queue stays empty; the tap answers.
    let body = app.chat("resident-horses", "j'ai 3 chevaux, je fais quoi avec?").await;
    assert_eq!(body["decision"]["action"], "clarify", "{body}");
    assert_eq!(body["replies"][0]["kind"], "clarify", "{body}");
    let offered: Vec<&str> =
        body["replies"][0]["choices"].as_array().expect("choices").iter().filter_map(|c| c["entry"].as_str()).collect();
    assert!(offered.contains(&"pets"), "{body}");
    let (_, token) = app.moderator("Alice", Role::Moderator).await;
    let (_, queue) = app.get("/api/tickets", Some(&token)).await;
    assert_eq!(queue["tickets"].as_array().unwrap().len(), 0, "{queue}");
    let (status, tapped) = app
        .post("/api/chat", None, json!({ "conversation": "resident-horses", "text": "Animaux", "choice": "pets" }))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(tapped["replies"][0]["kind"], "answer", "{tapped}");
}

async fn distress_opens_a_ticket_at_the_top_of_the_queue(app: &TestApp) {
    let (_, token) = app.moderator("Alice", Role::Moderator).await;
    app.chat("unmatched", "est-ce que le festival western est annulé?").await;
    app.chat("human", "je veux parler à un humain").await;
    let body = app.chat("danger", "on est pris sur le toit pis le feu s'en vient, aidez-nous").await;
    assert_eq!(body["decision"]["reason"], "distress");
    assert!(body["replies"][0]["text"].as_str().unwrap().contains("911"));
    let (status, queue) = app.get("/api/tickets", Some(&token)).await;
    assert_eq!(status, StatusCode::OK);
    let order: Vec<(&str, i64)> = queue["tickets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| (t["conversation"].as_str().unwrap(), t["priority"].as_i64().unwrap()))
        .collect();
    assert_eq!(order, [("danger", 1), ("human", 2), ("unmatched", 3)]);
}

async fn two_moderators_claim_at_once_and_one_gets_409(app: &TestApp) {
    let (_, alice) = app.moderator("Alice", Role::Moderator).await;
    let (_, bob) = app.moderator("Bob", Role::Official).await;
    app.chat("r1", "agent svp").await;
    let (_, queue) = app.get("/api/tickets?status=open", Some(&alice)).await;
    let id = queue["tickets"][0]["id"].as_i64().unwrap();
    let path = format!("/api/tickets/{id}/claim");
    let (a, b) = tokio::join!(app.post(&path, Some(&alice), json!({})), app.post(&path, Some(&bob), json!({})));
    let mut statuses = [a.0, b.0];
    statuses.sort();
    assert_eq!(statuses, [StatusCode::OK, StatusCode::CONFLICT]);
    let loser = if a.0 == StatusCode::CONFLICT { a.1 } else { b.1 };
    assert!(loser["error"].as_str().unwrap().contains("another moderator"));
}

async fn a_moderators_reply_reaches_the_residents_messages(app: &TestApp) {
    let (_, alice) = app.moderator("Alice", Role::Moderator).await;
    app.chat("r1", "je veux parler à un humain").await;
    let (_, queue) = app.get("/api/tickets", Some(&alice)).await;
    let id = queue["tickets"][0]["id"].as_i64().unwrap();
    let reply = json!({ "text": "Bonjour, ici Alice <b>de la Ville</b>." });
    assert_eq!(
        app.post(&format!("/api/tickets/{id}/reply"), Some(&alice), reply.clone()).await.0,
        StatusCode::CONFLICT
    );
    assert_eq!(app.post(&format!("/api/tickets/{id}/claim"), Some(&alice), json!({})).await.0, StatusCode::OK);
    assert_eq!(app.post(&format!("/api/tickets/{id}/reply"), Some(&alice), reply).await.0, StatusCode::OK);
    let (_, messages) = app.get("/api/chat/r1/messages", None).await;
    let last = messages["messages"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["author"], "moderator");
    assert_eq!(last["text"], "Bonjour, ici Alice <b>de la Ville</b>.", "stored as written; the page shows it as text");
    let (_, answered) = app.get("/api/tickets?status=answered", Some(&alice)).await;
    assert_eq!(answered["tickets"][0]["id"], id);
    assert_eq!(app.post(&format!("/api/tickets/{id}/resolve"), Some(&alice), json!({})).await.0, StatusCode::OK);
    let (_, active) = app.get("/api/tickets", Some(&alice)).await;
    assert!(active["tickets"].as_array().unwrap().is_empty());
}

async fn tokens_and_roles_are_enforced(app: &TestApp) {
    let (_, moderator) = app.moderator("Mo", Role::Moderator).await;
    let (_, official) = app.moderator("Offi", Role::Official).await;
    assert_eq!(app.get("/api/tickets", None).await.0, StatusCode::UNAUTHORIZED);
    assert_eq!(app.get("/api/tickets", Some("wrong")).await.0, StatusCode::UNAUTHORIZED);
    assert_eq!(app.get("/api/directives", Some(&moderator)).await.0, StatusCode::FORBIDDEN);
    assert_eq!(app.post("/api/directives/reload", Some(&moderator), json!({})).await.0, StatusCode::FORBIDDEN);
    let (status, directives) = app.get("/api/directives", Some(&official)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(directives["entries"], 27);
    assert_eq!(directives["errors"], json!([]));
}

async fn bad_requests_get_a_json_error(app: &TestApp) {
    let url = format!("{}/api/chat", app.base);
    let raw = |body: String| app.http.post(&url).header("content-type", "application/json").body(body).send();
    let r = raw("{not json".into()).await.unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    assert!(r.json::<Value>().await.unwrap()["error"].is_string());
    let huge = json!({ "conversation": "c", "text": "a".repeat(4 << 20) }).to_string();
    assert_eq!(raw(huge).await.unwrap().status(), StatusCode::PAYLOAD_TOO_LARGE);
    let long = json!({ "conversation": "c", "text": "é".repeat(5_000) }).to_string();
    assert_eq!(raw(long).await.unwrap().status(), StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(
        app.post("/api/chat", None, json!({ "conversation": "c", "text": "  " })).await.0,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        app.post("/api/chat", None, json!({ "conversation": "../x", "text": "hi" })).await.0,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        app.post("/api/chat", None, json!({ "conversation": "c", "text": "hi", "lang": "de" })).await.0,
        StatusCode::BAD_REQUEST
    );
    let (status, body) = app.get("/api/nothing-here", None).await;
    assert_eq!((status, body["error"].is_string()), (StatusCode::NOT_FOUND, true));
    assert_eq!(app.http.delete(&url).send().await.unwrap().status(), StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(app.get("/api/chat/unknown-conversation/messages", None).await.0, StatusCode::NOT_FOUND);
    // Control characters and markup are stored and answered, not choked on.
    let body = app.chat("c", "o\u{0}\u{7}\u{202e} <script>alert(1)</script> l'eau monte?").await;
    assert!(body["replies"].as_array().is_some_and(|r| !r.is_empty()));
}

async fn a_broken_directive_file_keeps_the_previous_set_serving(app: &TestApp) {
    let (_, official) = app.moderator("Offi", Role::Official).await;
    let (_, before) = app.get("/api/directives", Some(&official)).await;
    std::fs::write(app.faq.path().join("zz-broken.toml"), "[directive]\ntitle = \"x\"\nissued_by = 3\n").unwrap();
    let (status, body) = app.post("/api/directives/reload", Some(&official), json!({})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["errors"][0]["file"], "zz-broken.toml");
    assert_eq!(body["errors"][0]["line"], 3);
    let (_, after) = app.get("/api/directives", Some(&official)).await;
    assert_eq!(after["version"], before["version"]);
    assert_eq!(after["errors"][0]["file"], "zz-broken.toml");
    assert_eq!(app.chat("r", "où est le centre d'hébergement?").await["decision"]["entry"], "reception-centre");

    std::fs::remove_file(app.faq.path().join("zz-broken.toml")).unwrap();
    let (status, body) = app.post("/api/directives/reload", Some(&official), json!({})).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["errors"], json!([]));
}

mod operations {
    use super::*;

    #[tokio::test]
    async fn metrics_openapi_and_the_rate_limit() {
        let app = spawn_app(false).await.unwrap();
        app.chat("m1", "où est le centre d'hébergement?").await;
        app.chat("m2", "agent svp").await;

        let metrics = app.http.get(format!("{}/metrics", app.base)).send().await.unwrap().text().await.unwrap();
        assert!(metrics.contains("vigie_messages_total{decision=\"answer\"} 1"), "{metrics}");
        assert!(metrics.contains("vigie_open_tickets{priority=\"2\"} 1"), "{metrics}");
        assert!(metrics.contains("vigie_directive_entries 27"), "{metrics}");

        let (status, openapi) = app.get("/api/openapi.json", None).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(openapi["openapi"], "3.0.3");
        for path in ["/api/chat", "/api/tickets", "/api/tickets/{id}/claim", "/api/directives/reload"] {
            assert!(openapi["paths"][path].is_object(), "{path} is documented");
        }

        // One resident flooding: refused after a burst, others unaffected.
        let mut refused = 0;
        for i in 0..12 {
            let (status, body) =
                app.post("/api/chat", None, json!({ "conversation": "flood", "text": format!("message {i}") })).await;
            if status == StatusCode::TOO_MANY_REQUESTS {
                refused += 1;
                assert!(body["error"].is_string());
            }
        }
        assert!(refused >= 5, "{refused} refused");
        assert_eq!(
            app.post("/api/chat", None, json!({ "conversation": "calm", "text": "bonjour" })).await.0,
            StatusCode::OK
        );
        app.cleanup().await;
    }

    #[tokio::test]
    async fn a_moderators_reply_arrives_on_the_residents_event_stream() {
        let app = spawn_app(false).await.unwrap();
        let (_, token) = app.moderator("Alice", Role::Moderator).await;
        app.chat("live", "je veux parler à un humain").await;
        let (_, before) = app.get("/api/chat/live/messages", None).await;
        let last = before["messages"].as_array().unwrap().last().unwrap()["id"].as_i64().unwrap();

        let mut stream = app.http.get(format!("{}/api/chat/live/events?after={last}", app.base)).send().await.unwrap();
        assert_eq!(stream.headers()["content-type"], "text/event-stream");
        let (_, queue) = app.get("/api/tickets", Some(&token)).await;
        let id = queue["tickets"][0]["id"].as_i64().unwrap();
        app.post(&format!("/api/tickets/{id}/claim"), Some(&token), json!({})).await;
        app.post(&format!("/api/tickets/{id}/reply"), Some(&token), json!({ "text": "Bonjour!" })).await;

        let mut received = String::new();
        let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(10);
        while !received.contains("Bonjour!") {
            let chunk = tokio::time::timeout_at(deadline, stream.chunk()).await.expect("an event in time").unwrap();
            received.push_str(&String::from_utf8_lossy(&chunk.expect("the stream stays open")));
        }
        assert!(received.contains("event: messages"), "{received}");
        assert!(received.contains("\"author\":\"moderator\""), "{received}");
        app.cleanup().await;
    }
}

mod officials {
    use super::*;

    #[tokio::test]
    async fn an_alert_reaches_each_subscriber_once_in_their_language() {
        let app = spawn_app(false).await.unwrap();
        let (_, official) = app.moderator("Offi", Role::Official).await;
        let (_, moderator) = app.moderator("Mo", Role::Moderator).await;
        let store = &app.app_state.store;
        // Subscribers: a web resident (English) and a Telegram resident; one who is not subscribed.
        app.post("/api/chat", None, json!({ "conversation": "web-en", "text": "hello", "lang": "en" })).await;
        assert_eq!(app.post("/api/chat/web-en/subscribe", None, json!({ "subscribed": true })).await.0, StatusCode::OK);
        app.chat("web-quiet", "bonjour").await;
        let mut tx = store.begin().await.unwrap();
        let telegram = store.upsert_conversation(&mut tx, "telegram", "777", None, None).await.unwrap();
        tx.commit().await.unwrap();
        store.set_subscribed(telegram.id, true).await.unwrap();

        let alert = json!({ "text": { "fr": "Le pont Noir est fermé.", "en": "The Noir bridge is closed." } });
        assert_eq!(app.post("/api/broadcasts", Some(&moderator), alert.clone()).await.0, StatusCode::FORBIDDEN);
        let (status, body) = app.post("/api/broadcasts", Some(&official), alert).await;
        assert_eq!(status, StatusCode::OK);
        let id = body["id"].as_i64().unwrap();

        let (_, report) = app.get(&format!("/api/broadcasts/{id}"), Some(&official)).await;
        assert_eq!(
            (report["sent"].as_i64(), report["pending"].as_i64(), report["failed"].as_i64()),
            (Some(1), Some(1), Some(0))
        );
        let (_, web) = app.get("/api/chat/web-en/messages", None).await;
        assert_eq!(web["messages"].as_array().unwrap().last().unwrap()["text"], "The Noir bridge is closed.");
        let (_, quiet) = app.get("/api/chat/web-quiet/messages", None).await;
        assert!(quiet["messages"].as_array().unwrap().iter().all(|m| m["text"] != "Le pont Noir est fermé."));
        let queued = store.take_outbox("telegram", 10, 1_000).await.unwrap();
        assert_eq!(queued.len(), 1);
        assert_eq!((queued[0].chat_id.as_str(), queued[0].text.as_str()), ("777", "Le pont Noir est fermé."));
        assert_eq!(app.get("/api/broadcasts/999", Some(&official)).await.0, StatusCode::NOT_FOUND);
        app.cleanup().await;
    }

    #[tokio::test]
    async fn officials_see_the_most_frequent_unanswered_questions() {
        let app = spawn_app(false).await.unwrap();
        let (_, official) = app.moderator("Offi", Role::Official).await;
        for (i, text) in [
            "est-ce que le festival western est annulé?",
            "le festival western est-il annulé?",
            "Festival western annulé?",
            "qui a gagné la partie de hockey hier?",
        ]
        .iter()
        .enumerate()
        {
            app.chat(&format!("u{i}"), text).await;
        }
        let (status, body) = app.get("/api/unanswered?hours=1", Some(&official)).await;
        assert_eq!(status, StatusCode::OK);
        let groups = body["groups"].as_array().unwrap();
        assert_eq!(groups[0]["count"], 3, "{body}");
        assert_eq!(groups[1]["count"], 1);
        app.cleanup().await;
    }
}
