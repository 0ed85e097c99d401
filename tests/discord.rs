//! The Discord channel end to end: the real serenity client (REST and
//! gateway) against the fake Discord in `tests/fakes/discord.rs`, the real
//! store on SQLite and the sample directives.

use std::time::Duration;

use vigie::app::{App, Channels};
use vigie::clock::Clock;
use vigie::config::Config;
use vigie::core::Lang;
use vigie::core::reply;
use vigie::store::Role;

mod common;
#[path = "fakes/discord.rs"]
mod fake;

use fake::{Failure, FakeDiscord, dm_channel};

const MODERATORS: u64 = 600_000_000_000_000_001;
const WAIT: Duration = Duration::from_secs(20);

struct Running {
    fake: FakeDiscord,
    app: vigie::web::AppState,
    stop: tokio::sync::watch::Sender<bool>,
    channels: Channels,
    _db: common::TestDatabase,
}

impl Running {
    async fn start() -> Running {
        let fake = FakeDiscord::start().await;
        let db = common::TestDatabase::sqlite();
        let config = Config {
            database_url: db.url(),
            faq_dir: std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("faq"),
            http_addr: "127.0.0.1:0".into(),
            discord_token: Some(fake::TOKEN.into()),
            discord_api_url: Some(fake.url.clone()),
            discord_moderator_channel: Some(MODERATORS.to_string()),
            ..Config::default()
        };
        let mut app = App::build(&config, Clock::system()).await.expect("the app starts");
        let (stop, stopped) = tokio::sync::watch::channel(false);
        let channels = app.start_channels(&config, stopped.clone()).await.expect("Discord starts");
        let state = app.state.clone();
        let mut serve_stop = stopped;
        tokio::spawn(app.serve(async move {
            let _ = serve_stop.wait_for(|s| *s).await;
        }));
        assert!(fake.wait_for(WAIT, |s| s.identifies >= 1).await, "serenity identifies on the gateway");
        Running { fake, app: state, stop, channels, _db: db }
    }

    fn answer(&self, entry: &str, lang: Lang) -> String {
        reply::answer_text(&self.app.directives.current(), entry, lang).expect("the entry exists")
    }

    async fn stop(self) {
        let _ = self.stop.send(true);
        self.channels.finish(Duration::from_secs(15)).await;
    }
}

/// Discord Markdown as the fake received it, back to text.
fn unescape(markdown: &str) -> String {
    let mut out = String::new();
    let mut chars = markdown.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.extend(chars.next()),
            '\u{200b}' => {}
            c => out.push(c),
        }
    }
    // The footer's italics.
    out.replace("\n\n*— ", "\n\n— ").trim_end_matches('*').to_string()
}

fn no_mentions(posted: &fake::Posted) -> bool {
    posted.allowed_mentions["parse"] == serde_json::json!([])
        && posted.allowed_mentions["users"].as_array().is_none_or(|u| u.is_empty())
        && posted.allowed_mentions["roles"].as_array().is_none_or(|r| r.is_empty())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_direct_message_gets_the_official_answer_in_its_language() {
    let t = Running::start().await;
    t.fake.dm(11, "est-ce que je peux amener mon chien au centre?");
    t.fake.dm(12, "can I bring my dog?");
    assert!(t.fake.wait_for(WAIT, |s| s.posted.len() >= 2).await, "both answered");
    let fr = t.fake.posted_to(dm_channel(11));
    let en = t.fake.posted_to(dm_channel(12));
    assert_eq!(unescape(&fr[0].content), t.answer("pets", Lang::Fr));
    assert_eq!(unescape(&en[0].content), t.answer("pets", Lang::En));
    assert!(no_mentions(&fr[0]) && no_mentions(&en[0]), "{}", fr[0].allowed_mentions);
    assert!(t.fake.wait_for(WAIT, |s| s.commands.is_some()).await, "slash commands registered");
    let names: Vec<String> = t.fake.with(|s| {
        s.commands
            .as_ref()
            .unwrap()
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["name"].as_str().unwrap().to_string())
            .collect()
    });
    for name in ["lang", "human", "subscribe", "unsubscribe"] {
        assert!(names.iter().any(|n| n == name), "/{name} in {names:?}");
    }

    // /lang en: answered in the interaction, and the answers follow in English.
    let interaction = t.fake.slash(11, "lang", Some("en"));
    assert!(t.fake.wait_for(WAIT, |s| s.interaction_responses.iter().any(|(id, _)| *id == interaction)).await);
    let response = t.fake.with(|s| s.interaction_responses[0].1.clone());
    assert_eq!(response["type"], 4);
    assert!(response["data"]["content"].as_str().unwrap().contains("English"), "{response}");
    t.fake.dm(11, "est-ce que je peux amener mon chien au centre?");
    assert!(t.fake.wait_for(WAIT, |s| s.posted.iter().filter(|m| m.channel_id == dm_channel(11)).count() >= 2).await);
    assert_eq!(unescape(&t.fake.posted_to(dm_channel(11))[1].content), t.answer("pets", Lang::En));

    // In a guild channel, only a mention is answered; our own echo is ignored.
    let channel = 555;
    t.fake.guild_says(channel, 13, "quelqu'un sait si je peux amener mon chien?", false, None);
    t.fake.guild_says(channel, 13, &format!("<@{}> can I bring my dog?", fake::BOT_ID), true, None);
    assert!(t.fake.wait_for(WAIT, |s| s.posted.iter().any(|m| m.channel_id == channel)).await);
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(t.fake.posted_to(channel).len(), 1);
    t.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn distress_gets_the_safety_reply_and_a_card() {
    let t = Running::start().await;
    t.fake.dm(21, "au secours l'eau monte on est pris dans le grenier avec le bebe");
    assert!(t.fake.wait_for(WAIT, |s| s.posted.iter().any(|m| m.channel_id == dm_channel(21))).await);
    assert_eq!(unescape(&t.fake.posted_to(dm_channel(21))[0].content), reply::SAFETY_FR);
    assert!(t.fake.wait_for(WAIT, |s| s.posted.iter().any(|m| m.channel_id == MODERATORS)).await, "a card");
    let card = t.fake.posted_to(MODERATORS).remove(0);
    assert!(card.embed_text().contains("DÉTRESSE"), "{}", card.embed_text());
    assert!(card.embed_text().contains("grenier"), "the card quotes the resident");
    assert_eq!(card.buttons().len(), 2);
    t.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_moderator_claims_and_answers_and_nobody_is_pinged() {
    let t = Running::start().await;
    t.app.store.add_moderator("Rémi", Role::Moderator, None, Some(31_000)).await.unwrap();
    t.fake.dm(31, "/human");
    assert!(t.fake.wait_for(WAIT, |s| s.posted.iter().any(|m| m.channel_id == MODERATORS)).await);
    let card = t.fake.posted_to(MODERATORS).remove(0);
    let claim = card.buttons().into_iter().find(|b| b.starts_with("claim:")).expect("Claim");
    let (board, card_id) = (MODERATORS.to_string(), card.message_id.to_string());
    for _ in 0..100 {
        if t.app.store.ticket_of_card("discord", &board, &card_id).await.unwrap().is_some() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }

    // Not a moderator: refused, in a message only they see.
    let refused = t.fake.press(99, &card, &claim);
    assert!(t.fake.wait_for(WAIT, |s| s.interaction_responses.iter().any(|(id, _)| *id == refused)).await);
    let response = t.fake.with(|s| s.interaction_responses.iter().find(|(id, _)| *id == refused).unwrap().1.clone());
    assert_eq!(response["data"]["flags"], 64, "ephemeral");
    assert!(response["data"]["content"].as_str().unwrap().contains("Only registered moderators"));

    let claimed = t.fake.press(31_000, &card, &claim);
    assert!(t.fake.wait_for(WAIT, |s| s.interaction_responses.iter().any(|(id, _)| *id == claimed)).await);
    assert!(
        t.fake
            .wait_for(WAIT, |s| s
                .edits
                .iter()
                .any(|e| e.message_id == card.message_id && e.embeds.to_string().contains("Rémi")))
            .await,
        "the card says who holds the ticket"
    );
    let hostile = "@everyone <@&42> **Bonjour**, une équipe passe ce soir. [lien](http://x)";
    t.fake.guild_says(MODERATORS, 31_000, hostile, false, Some(&card));
    assert!(t.fake.wait_for(WAIT, |s| s.posted.iter().filter(|m| m.channel_id == dm_channel(31)).count() >= 2).await);
    let delivered = t.fake.posted_to(dm_channel(31)).remove(1);
    assert!(no_mentions(&delivered), "{}", delivered.allowed_mentions);
    assert_eq!(unescape(&delivered.content), hostile, "shown as written");
    assert!(!delivered.content.contains("**"), "no Markdown: {}", delivered.content);
    assert!(t.fake.with(|s| s.posted.iter().all(no_mentions)), "no message may ping anyone");
    t.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_clarify_offers_buttons_and_a_press_answers() {
    let t = Running::start().await;
    t.fake.dm(41, "route");
    assert!(t.fake.wait_for(WAIT, |s| s.posted.iter().any(|m| m.channel_id == dm_channel(41))).await);
    let clarify = t.fake.posted_to(dm_channel(41)).remove(0);
    let buttons = clarify.buttons();
    assert!(buttons.len() >= 2, "{}", clarify.components);
    let entry = buttons[0].rsplit(':').next().unwrap().to_string();
    let press = t.fake.press(41, &clarify, &buttons[0]);
    assert!(t.fake.wait_for(WAIT, |s| s.posted.iter().filter(|m| m.channel_id == dm_channel(41)).count() >= 2).await);
    assert_eq!(unescape(&t.fake.posted_to(dm_channel(41))[1].content), t.answer(&entry, Lang::Fr));
    let acknowledged =
        t.fake.with(|s| s.interaction_responses.iter().find(|(id, _)| *id == press).map(|r| r.1.clone()));
    assert_eq!(acknowledged.expect("acknowledged within 3 s")["type"], 6);
    t.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dropped_gateway_is_resumed_and_nothing_is_lost_or_answered_twice() {
    let t = Running::start().await;
    t.fake.dm(51, "quoi apporter");
    assert!(t.fake.wait_for(WAIT, |s| s.posted.iter().any(|m| m.channel_id == dm_channel(51))).await);

    t.fake.drop_connection();
    // Sent while the bot is away: the gateway keeps it for the Resume.
    t.fake.dm(52, "can I bring my dog?");
    assert!(t.fake.wait_for(WAIT, |s| s.resumes >= 1).await, "serenity resumes the session");
    assert!(t.fake.wait_for(WAIT, |s| s.posted.iter().any(|m| m.channel_id == dm_channel(52))).await);
    assert_eq!(t.fake.with(|s| s.identifies), 1, "resumed, not identified again");

    // The same event delivered twice (a replay from an older sequence).
    let again = t.fake.dm(53, "où est le centre d'hébergement?");
    assert!(t.fake.wait_for(WAIT, |s| s.posted.iter().any(|m| m.channel_id == dm_channel(53))).await);
    let message = serde_json::json!({
        "id": again.to_string(), "channel_id": dm_channel(53).to_string(), "author": fake::user_json(53, false),
        "content": "où est le centre d'hébergement?", "timestamp": "2026-11-28T20:00:00.000000+00:00",
        "edited_timestamp": null, "tts": false, "mention_everyone": false, "mentions": [], "mention_roles": [],
        "attachments": [], "embeds": [], "components": [], "pinned": false, "type": 0,
    });
    t.fake.dispatch("MESSAGE_CREATE", message);
    tokio::time::sleep(Duration::from_secs(2)).await;
    for user in [51, 52, 53] {
        assert_eq!(t.fake.posted_to(dm_channel(user)).len(), 1, "resident {user} answered once");
    }
    assert!(t.fake.wait_for(WAIT, |s| s.heartbeats >= 1).await, "heartbeats are acknowledged");
    t.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rate_limits_delay_but_lose_nothing_and_blocked_users_stop() {
    let t = Running::start().await;
    t.fake.with(|s| s.fail_posts.extend([Failure::RateLimited, Failure::RateLimited, Failure::ServerError]));
    let questions = ["est-ce que je peux amener mon chien?", "où est le centre d'hébergement?", "quoi apporter"];
    for q in questions {
        t.fake.dm(61, q);
    }
    assert!(t.fake.wait_for(Duration::from_secs(60), |s| s.posted.len() >= 3).await, "every answer arrives");
    tokio::time::sleep(Duration::from_secs(1)).await;
    let sent = t.fake.posted_to(dm_channel(61));
    assert_eq!(sent.len(), 3, "none twice");
    for (message, entry) in sent.iter().zip(["pets", "reception-centre", "what-to-take"]) {
        assert_eq!(unescape(&message.content), t.answer(entry, Lang::Fr), "in order");
    }
    for pair in sent.windows(2) {
        assert!(pair[1].at - pair[0].at >= Duration::from_millis(950), "one message a second per channel");
    }

    t.fake.with(|s| s.blocked.insert(62));
    t.fake.dm(62, "quoi apporter");
    let mut blocked = false;
    for _ in 0..100 {
        blocked =
            t.app.store.conversation("discord", &dm_channel(62).to_string()).await.unwrap().is_some_and(|c| c.blocked);
        if blocked {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(blocked, "a user who refuses the bot's messages is marked");
    t.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn messages_sent_while_nobody_listened_are_read_back() {
    let mut t = Running::start().await;
    t.fake.dm(71, "quoi apporter");
    assert!(t.fake.wait_for(WAIT, |s| s.posted.iter().any(|m| m.channel_id == dm_channel(71))).await);

    // Vigie goes away (a crash, a deploy): its session is gone.
    let _ = t.stop.send(true);
    for task in t.channels.tasks.drain(..) {
        let _ = tokio::time::timeout(Duration::from_secs(15), task).await;
    }
    t.fake.dm(71, "can I bring my dog?");
    t.fake.dm(71, "où est le centre d'hébergement?");

    // Back with a new session: no Resume replays them, they are read back.
    let mut settings = vigie::channels::discord::Settings::defaults(fake::TOKEN.into());
    settings.api_url = Some(t.fake.url.clone());
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let (events, _) = tokio::sync::broadcast::channel(64);
    let (_, tasks) =
        vigie::channels::discord::start(settings, t.app.store.clone(), t.app.directives.clone(), events, stopped)
            .await
            .unwrap();
    assert!(t.fake.wait_for(WAIT, |s| s.identifies >= 2).await);
    assert!(
        t.fake.wait_for(WAIT, |s| s.posted.iter().filter(|m| m.channel_id == dm_channel(71)).count() >= 3).await,
        "the messages sent while away are answered"
    );
    tokio::time::sleep(Duration::from_millis(500)).await;
    let answers: Vec<String> = t.fake.posted_to(dm_channel(71)).iter().map(|m| unescape(&m.content)).collect();
    assert_eq!(answers.len(), 3, "each once: {answers:?}");
    assert_eq!(answers[1], t.answer("pets", Lang::En), "in order");
    assert_eq!(answers[2], t.answer("reception-centre", Lang::Fr));
    assert!(t.fake.with(|s| s.reads) >= 1);
    let _ = stop.send(true);
    for task in tasks {
        let _ = tokio::time::timeout(Duration::from_secs(15), task).await;
    }
}
