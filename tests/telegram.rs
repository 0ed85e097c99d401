//! The Telegram channel end to end: the real teloxide client against the
//! fake Bot API server in `tests/fakes/telegram.rs`, the real store (SQLite;
//! PostgreSQL too where the store tests run on it) and the sample directives.

use std::time::Duration;

use vigie::app::{App, Channels};
use vigie::clock::Clock;
use vigie::config::Config;
use vigie::core::Lang;
use vigie::core::reply;
use vigie::store::Role;

mod common;
#[path = "fakes/telegram.rs"]
mod fake;

use fake::{Failure, FakeTelegram};

const MODERATORS: i64 = -100_200;
const WAIT: Duration = Duration::from_secs(20);

struct Running {
    fake: FakeTelegram,
    /// The HTTP API's address.
    base: String,
    app: vigie::web::AppState,
    stop: tokio::sync::watch::Sender<bool>,
    channels: Channels,
    _db: common::TestDatabase,
}

impl Running {
    async fn start() -> Running {
        Running::start_with(false).await
    }

    async fn start_with(webhook: bool) -> Running {
        let fake = FakeTelegram::start().await;
        let db = common::TestDatabase::sqlite();
        let mut config = Config {
            database_url: db.url(),
            faq_dir: std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("faq"),
            http_addr: "127.0.0.1:0".into(),
            telegram_token: Some(fake::TOKEN.into()),
            telegram_api_url: Some(fake.url.clone()),
            telegram_moderator_chat: Some(MODERATORS.to_string()),
            ..Config::default()
        };
        let mut app = App::build(&config, Clock::system()).await.expect("the app starts");
        if webhook {
            config.telegram_webhook_url = Some(format!("http://{}/telegram/hook", app.local_addr().unwrap()));
        }
        let (stop, stopped) = tokio::sync::watch::channel(false);
        let channels = app.start_channels(&config, stopped.clone()).await.expect("Telegram starts");
        let base = format!("http://{}", app.local_addr().unwrap());
        let state = app.state.clone();
        let mut serve_stop = stopped;
        tokio::spawn(app.serve(async move {
            let _ = serve_stop.wait_for(|s| *s).await;
        }));
        Running { fake, base, app: state, stop, channels, _db: db }
    }

    fn answer(&self, entry: &str, lang: Lang) -> String {
        reply::answer_text(&self.app.directives.current(), entry, lang).expect("the entry exists")
    }

    async fn stop(self) {
        let _ = self.stop.send(true);
        self.channels.finish(Duration::from_secs(15)).await;
    }
}

/// Telegram's HTML of a reply, as the fake received it, back to text.
fn unescape(html: &str) -> String {
    html.replace("<i>", "")
        .replace("</i>", "")
        .replace("<b>", "")
        .replace("</b>", "")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_question_gets_the_official_answer_in_its_language() {
    let t = Running::start().await;
    assert_eq!(
        t.fake.with(|s| s.commands.as_ref().and_then(|c| c.as_array().map(|a| a.len()))),
        Some(6),
        "the command list is registered"
    );
    t.fake.resident_says(1001, "est-ce que je peux amener mon chien au centre?");
    t.fake.resident_says(1002, "can I bring my dog?");
    assert!(t.fake.wait_for(WAIT, |s| s.sent.len() >= 2).await, "both residents are answered");
    let fr = t.fake.sent_to(1001);
    let en = t.fake.sent_to(1002);
    assert_eq!(fr.len(), 1);
    assert_eq!(en.len(), 1);
    assert_eq!(unescape(&fr[0].text), t.answer("pets", Lang::Fr));
    assert_eq!(unescape(&en[0].text), t.answer("pets", Lang::En));
    assert_eq!(fr[0].parse_mode.as_deref(), Some("HTML"));
    assert!(en[0].text.contains("<i>— "), "the directive footer is set apart: {}", en[0].text);

    // Commands: the welcome in both languages, then English answers on demand.
    t.fake.resident_says(1001, "/start");
    t.fake.resident_says(1001, "/lang en");
    t.fake.resident_says(1001, "est-ce que je peux amener mon chien au centre?");
    assert!(t.fake.wait_for(WAIT, |s| s.sent.iter().filter(|m| m.chat_id == 1001).count() >= 4).await);
    let fr = t.fake.sent_to(1001);
    assert!(fr[1].text.contains("911") && fr[1].text.contains("Hello"), "welcome: {}", fr[1].text);
    assert_eq!(unescape(&fr[3].text), t.answer("pets", Lang::En), "after /lang en, answers are in English");
    t.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn in_groups_the_bot_speaks_only_when_called() {
    let t = Running::start().await;
    let group = -5_000;
    t.fake.group_says(group, 2001, "quelqu'un sait si je peux amener mon chien?", None);
    t.fake.group_says(group, 2002, &format!("@{} can I bring my dog?", fake::BOT_USERNAME), None);
    assert!(t.fake.wait_for(WAIT, |s| s.sent.iter().any(|m| m.chat_id == group)).await);
    tokio::time::sleep(Duration::from_millis(500)).await;
    let sent = t.fake.sent_to(group);
    assert_eq!(sent.len(), 1, "only the message that named the bot is answered");
    assert_eq!(unescape(&sent[0].text), t.answer("pets", Lang::En));
    t.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_clarify_offers_buttons_and_a_press_answers() {
    let t = Running::start().await;
    t.fake.resident_says(1003, "route");
    assert!(t.fake.wait_for(WAIT, |s| s.sent.iter().any(|m| m.chat_id == 1003)).await);
    let clarify = t.fake.sent_to(1003).remove(0);
    let buttons = clarify.buttons();
    assert!(buttons.len() >= 2, "a choice of entries: {:?}", clarify.reply_markup);
    let entry = buttons[0].rsplit(':').next().unwrap().to_string();
    t.fake.press(1003, &clarify, &buttons[0]);
    assert!(t.fake.wait_for(WAIT, |s| s.sent.iter().filter(|m| m.chat_id == 1003).count() >= 2).await);
    assert_eq!(unescape(&t.fake.sent_to(1003)[1].text), t.answer(&entry, Lang::Fr));
    assert!(t.fake.wait_for(WAIT, |s| !s.callback_answers.is_empty()).await, "the button stops spinning");
    t.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn distress_gets_the_safety_reply_and_a_card_first() {
    let t = Running::start().await;
    t.fake.resident_says(1004, "au secours l'eau monte on est pris dans le grenier avec le bebe");
    assert!(t.fake.wait_for(WAIT, |s| s.sent.iter().any(|m| m.chat_id == 1004)).await);
    let to_resident = t.fake.sent_to(1004);
    assert_eq!(unescape(&to_resident[0].text), reply::SAFETY_FR);
    assert!(t.fake.wait_for(WAIT, |s| s.sent.iter().any(|m| m.chat_id == MODERATORS)).await, "a card");
    let card = t.fake.sent_to(MODERATORS).remove(0);
    assert!(card.text.contains("DÉTRESSE"), "{}", card.text);
    assert!(card.text.contains("grenier"), "the card quotes the resident: {}", card.text);
    assert_eq!(card.buttons().len(), 2, "Claim and Resolve");
    assert_eq!(t.fake.sent_to(1004).len(), 1, "no FAQ answer to a resident in distress");
    t.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_moderator_claims_and_answers_from_the_card() {
    let t = Running::start().await;
    t.app.store.add_moderator("Josée", Role::Moderator, Some(501), None).await.unwrap();
    t.fake.resident_says(1005, "/human");
    assert!(t.fake.wait_for(WAIT, |s| s.sent.iter().any(|m| m.chat_id == MODERATORS)).await);
    let card = t.fake.sent_to(MODERATORS).remove(0);
    let claim = card.buttons().into_iter().find(|b| b.starts_with("claim:")).expect("a Claim button");
    // The card is recorded just after Telegram accepted it.
    let (board, card_id) = (MODERATORS.to_string(), card.message_id.to_string());
    for _ in 0..100 {
        if t.app.store.ticket_of_card("telegram", &board, &card_id).await.unwrap().is_some() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }

    // Someone in the group who is not a moderator: refused, politely.
    t.fake.press(999, &card, &claim);
    assert!(t.fake.wait_for(WAIT, |s| !s.callback_answers.is_empty()).await);
    let refusal = t.fake.with(|s| s.callback_answers[0].clone());
    assert!(refusal["text"].as_str().unwrap().contains("Only registered moderators"), "{refusal}");
    t.fake.group_says(MODERATORS, 999, "je m'en occupe", Some(&card));
    assert!(t.fake.wait_for(WAIT, |s| s.sent.iter().filter(|m| m.chat_id == MODERATORS).count() >= 2).await);
    let notice = t.fake.sent_to(MODERATORS).remove(1);
    assert!(notice.text.contains("Only registered moderators"), "{}", notice.text);
    assert!(t.fake.sent_to(1005).len() == 1, "nothing reached the resident");

    // The moderator claims: the card says so.
    t.fake.press(501, &card, &claim);
    assert!(
        t.fake
            .wait_for(WAIT, |s| s.edits.iter().any(|e| e.message_id == card.message_id && e.text.contains("Josée")))
            .await,
        "the card shows who holds the ticket"
    );
    // … and answers by replying to the card; a long answer arrives whole, in parts.
    let long = format!("Bonjour, une équipe passe chez vous <ce soir>. {}", "Détails. ".repeat(600));
    t.fake.group_says(MODERATORS, 501, &long, Some(&card));
    assert!(t.fake.wait_for(WAIT, |s| s.sent.iter().filter(|m| m.chat_id == 1005).count() >= 3).await);
    let received = t.fake.sent_to(1005);
    assert_eq!(received.len(), 3, "the acknowledgement, then the reply in two parts");
    assert!(received[1].text.starts_with("Bonjour, une équipe passe chez vous &lt;ce soir&gt;."));
    let joined: String = received[1..].iter().map(|m| unescape(&m.text)).collect::<Vec<_>>().join(" ");
    assert_eq!(joined.split_whitespace().count(), long.split_whitespace().count(), "nothing lost in the split");
    let ticket = t.app.store.tickets("active", 10).await.unwrap().remove(0);
    assert_eq!(ticket.status, "answered");
    t.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_storm_of_429_delays_but_loses_nothing_and_the_pace_holds() {
    let t = Running::start().await;
    t.fake.with(|s| s.fail_sends.extend(std::iter::repeat_n(Failure::RetryAfter(1), 12)));
    t.fake.with(|s| s.fail_sends.extend([Failure::ServerError, Failure::ServerError]));
    let questions = ["est-ce que je peux amener mon chien?", "où est le centre d'hébergement?", "quoi apporter"];
    let residents = [3001, 3002, 3003];
    for q in questions {
        for r in residents {
            t.fake.resident_says(r, q);
        }
    }
    assert!(
        t.fake.wait_for(Duration::from_secs(90), |s| s.sent.len() >= 9).await,
        "every answer arrives: {} of 9",
        t.fake.with(|s| s.sent.len())
    );
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert_eq!(t.fake.with(|s| s.sent.len()), 9, "none twice");
    for r in residents {
        let sent = t.fake.sent_to(r);
        let entries = ["pets", "reception-centre", "what-to-take"];
        for (message, entry) in sent.iter().zip(entries) {
            assert_eq!(unescape(&message.text), t.answer(entry, Lang::Fr), "in order");
        }
        for pair in sent.windows(2) {
            let gap = pair[1].at - pair[0].at;
            assert!(gap >= Duration::from_millis(950), "one message a second per chat: {gap:?}");
        }
    }
    assert_eq!(t.app.store.outbox_counts().await.unwrap(), (0, 9, 0));
    t.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_resident_who_blocked_the_bot_gets_nothing_more() {
    let t = Running::start().await;
    t.fake.with(|s| s.blocked.insert(4001));
    t.fake.resident_says(4001, "quoi apporter");
    assert!(t.fake.wait_for(WAIT, |s| s.send_attempts >= 1).await);
    let mut blocked = false;
    for _ in 0..50 {
        blocked = t.app.store.conversation("telegram", "4001").await.unwrap().is_some_and(|c| c.blocked);
        if blocked {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(blocked, "the conversation is marked blocked");
    t.fake.resident_says(4001, "où est le centre d'hébergement?");
    assert!(t.fake.wait_for(WAIT, |s| s.confirmed >= 3).await, "the second message is stored");
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert_eq!(t.fake.with(|s| s.send_attempts), 1, "no second attempt to a chat that blocked the bot");
    t.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_photo_or_a_voice_note_goes_to_a_person() {
    let t = Running::start().await;
    t.fake.push_raw(serde_json::json!({
        "message": {
            "message_id": 9001, "date": 1_700_000_000,
            "from": { "id": 1006, "is_bot": false, "first_name": "R" },
            "chat": { "id": 1006, "type": "private", "first_name": "R" },
            "voice": { "file_id": "v1", "file_unique_id": "u1", "duration": 4 }
        }
    }));
    assert!(t.fake.wait_for(WAIT, |s| s.sent.iter().any(|m| m.chat_id == 1006)).await);
    assert!(t.fake.sent_to(1006)[0].text.contains("Je ne peux lire que du texte"));
    let tickets = t.app.store.tickets("active", 10).await.unwrap();
    assert_eq!(tickets.len(), 1, "a person will listen to it");
    t.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn in_webhook_mode_an_update_is_stored_before_telegram_gets_its_200() {
    let t = Running::start_with(true).await;
    assert!(t.fake.with(|s| s.webhook.is_some()), "the webhook is registered");
    assert_eq!(t.fake.post_resident_message(8001, "quoi apporter", Some("wrong")).await, 401);
    assert_eq!(t.fake.post_resident_message(8001, "quoi apporter", None).await, 200);
    // The 200 came after the commit: the message is already in the database.
    assert_eq!(t.app.store.count_messages().await.unwrap(), 2, "the question and its answer");
    assert!(t.fake.wait_for(WAIT, |s| s.sent.iter().any(|m| m.chat_id == 8001)).await);
    assert_eq!(unescape(&t.fake.sent_to(8001)[0].text), t.answer("what-to-take", Lang::Fr));
    assert!(!t.fake.with(|s| s.calls.iter().any(|c| c == "getupdates")), "no polling beside a webhook");
    t.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn officials_reload_the_directives_from_the_moderators_group() {
    let t = Running::start().await;
    t.app.store.add_moderator("Josée", Role::Moderator, Some(501), None).await.unwrap();
    t.app.store.add_moderator("Mairesse", Role::Official, Some(700), None).await.unwrap();
    t.fake.group_says(MODERATORS, 501, "/reload", None);
    t.fake.group_says(MODERATORS, 700, "/reload@VigieTestBot", None);
    assert!(t.fake.wait_for(WAIT, |s| s.sent.iter().filter(|m| m.chat_id == MODERATORS).count() >= 2).await);
    let notices = t.fake.sent_to(MODERATORS);
    assert!(notices[0].text.contains("Only officials"), "{}", notices[0].text);
    assert!(notices[1].text.contains("Directives reloaded"), "{}", notices[1].text);
    assert!(notices[1].text.contains(&t.app.directives.current().directive_set.version));
    t.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_resident_subscribes_and_receives_an_officials_alert_in_their_language() {
    let t = Running::start().await;
    let (_, token) = t.app.store.add_moderator("Mairesse", Role::Official, None, None).await.unwrap();
    t.fake.resident_says(1101, "/lang en");
    t.fake.resident_says(1101, "/subscribe");
    t.fake.resident_says(1102, "/subscribe");
    assert!(t.fake.wait_for(WAIT, |s| s.sent.iter().filter(|m| m.chat_id == 1101).count() >= 2).await);
    assert!(t.fake.wait_for(WAIT, |s| s.sent.iter().any(|m| m.chat_id == 1102)).await);
    let alert = |fr: &str, en: &str| {
        let body = serde_json::json!({ "text": { "fr": fr, "en": en } });
        reqwest::Client::new().post(format!("{}/api/broadcasts", t.base)).bearer_auth(&token).json(&body).send()
    };
    assert_eq!(alert("Route 117 fermée <ce soir>.", "Route 117 closed <tonight>.").await.unwrap().status(), 200);
    assert!(t.fake.wait_for(WAIT, |s| s.sent.iter().filter(|m| m.chat_id == 1101).count() >= 3).await);
    assert!(t.fake.wait_for(WAIT, |s| s.sent.iter().filter(|m| m.chat_id == 1102).count() >= 2).await);
    assert_eq!(t.fake.sent_to(1101)[2].text, "Route 117 closed &lt;tonight&gt;.", "English, escaped");
    assert_eq!(t.fake.sent_to(1102)[1].text, "Route 117 fermée &lt;ce soir&gt;.");

    // Unsubscribed: the next alert does not come.
    t.fake.resident_says(1102, "/unsubscribe");
    assert!(t.fake.wait_for(WAIT, |s| s.sent.iter().filter(|m| m.chat_id == 1102).count() >= 3).await);
    assert_eq!(alert("Route rouverte.", "Road reopened.").await.unwrap().status(), 200);
    assert!(t.fake.wait_for(WAIT, |s| s.sent.iter().filter(|m| m.chat_id == 1101).count() >= 4).await);
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert_eq!(t.fake.sent_to(1102).len(), 3, "nothing after /unsubscribe");
    t.stop().await;
}
