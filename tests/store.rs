//! The store and the queue, one test body for each backend: SQLite always,
//! PostgreSQL when `VIGIE_TEST_POSTGRES_URL` is set (each test gets a fresh
//! database on that server). Time is tokio's, paused to move leases.

use std::path::Path;
use std::sync::LazyLock;
use std::time::Duration;

use vigie::clock::Clock;
use vigie::conversation::handle_inbound;
use vigie::core::{Action, Knowledge, Reason};
use vigie::store::{Inbound, NewOutbox, Role, Store, TicketError};

static KNOWLEDGE: LazyLock<Knowledge> = LazyLock::new(|| {
    vigie::cli::load_knowledge(&Path::new(env!("CARGO_MANIFEST_DIR")).join("faq")).expect("sample directives")
});

mod common;

/// A database for one test, and stores on it.
struct Fixture(common::TestDatabase);

impl Fixture {
    async fn store(&self) -> Store {
        Store::connect(&self.0.url(), Clock::tokio()).await.expect("store connects and migrates")
    }

    async fn cleanup(self) {
        self.0.cleanup().await;
    }
}

async fn sqlite() -> Fixture {
    Fixture(common::TestDatabase::sqlite())
}

async fn postgres() -> Option<Fixture> {
    common::TestDatabase::postgres("vigie_test").await.map(Fixture)
}

/// Runs `$body(fixture)` on SQLite and, when configured, on PostgreSQL.
macro_rules! on_both_backends {
    ($($name:ident),* $(,)?) => {
        mod sqlite_backend {
            $(#[tokio::test]
            async fn $name() {
                let fixture = super::sqlite().await;
                super::$name(&fixture).await;
                fixture.cleanup().await;
            })*
        }
        mod postgres_backend {
            $(#[tokio::test]
            async fn $name() {
                let Some(fixture) = super::postgres().await else {
                    eprintln!("skipped: VIGIE_TEST_POSTGRES_URL is not set");
                    return;
                };
                super::$name(&fixture).await;
                fixture.cleanup().await;
            })*
        }
    };
}

on_both_backends!(
    a_redelivered_message_is_stored_once_and_answered_once,
    two_concurrent_claims_have_exactly_one_winner,
    a_lapsed_lease_puts_the_ticket_back_in_the_queue,
    the_outbox_redelivers_after_a_crash_between_take_and_send,
    purge_erases_old_texts_and_identifiers_and_nothing_else,
    follow_ups_join_the_open_ticket_and_distress_raises_it,
    moderators_reply_only_to_tickets_they_hold,
    a_batch_is_stored_in_one_transaction_and_deduplicated,
    each_chat_gets_its_messages_one_at_a_time_in_order,
    a_moderator_reply_delivered_twice_is_sent_once,
    recent_chats_know_their_last_message,
);

fn message(platform_id: &str, text: &str) -> Inbound {
    Inbound {
        platform: "telegram".into(),
        chat_id: "chat-42".into(),
        resident_id: Some("resident-42".into()),
        platform_message_id: Some(platform_id.into()),
        text: text.into(),
    }
}

/// Moves tokio's clock (and so `Clock::tokio`) forward.
async fn advance(by: Duration) {
    tokio::time::pause();
    tokio::time::advance(by).await;
    tokio::time::resume();
}

async fn a_redelivered_message_is_stored_once_and_answered_once(fixture: &Fixture) {
    let store = fixture.store().await;
    let inbound = message("update-1", "où est le centre d'hébergement?");

    let first = handle_inbound(&store, &KNOWLEDGE, &inbound).await.unwrap();
    let again = handle_inbound(&store, &KNOWLEDGE, &inbound).await.unwrap();

    assert!(!first.duplicate);
    assert_eq!(first.decision.as_ref().unwrap().action, Action::Answer);
    assert!(again.duplicate);
    assert!(again.replies.is_empty());
    // One message in, one answer out, one outbox row.
    assert_eq!(store.count_messages().await.unwrap(), 2);
    assert_eq!(store.outbox_counts().await.unwrap(), (1, 0, 0));
    // A second process sees the same: the id is unique in the database.
    let other = fixture.store().await;
    assert!(handle_inbound(&other, &KNOWLEDGE, &inbound).await.unwrap().duplicate);
    assert_eq!(other.count_messages().await.unwrap(), 2);
}

async fn two_concurrent_claims_have_exactly_one_winner(fixture: &Fixture) {
    let store = fixture.store().await;
    let handled = handle_inbound(&store, &KNOWLEDGE, &message("u1", "je veux parler à un humain")).await.unwrap();
    let ticket = handled.ticket_id.expect("a ticket is opened");
    let (alice, _) = store.add_moderator("Alice", Role::Moderator, None, None).await.unwrap();
    let (bob, _) = store.add_moderator("Bob", Role::Moderator, None, None).await.unwrap();

    // Same pool, concurrent tasks.
    let (a, b) = tokio::join!(store.claim(ticket, alice.id, 60_000), store.claim(ticket, bob.id, 60_000));
    assert_eq!(a.is_ok() as u8 + b.is_ok() as u8, 1, "{a:?} {b:?}");
    let loser = if a.is_ok() { b } else { a };
    assert!(matches!(loser, Err(TicketError::HeldByOther)));

    // Two separate pools (two processes), on a new ticket, many rounds.
    let other = fixture.store().await;
    for round in 0..10 {
        let inbound = Inbound { chat_id: format!("chat-{round}"), ..message(&format!("r{round}"), "agent svp") };
        let ticket = handle_inbound(&store, &KNOWLEDGE, &inbound).await.unwrap().ticket_id.unwrap();
        let (a, b) = tokio::join!(store.claim(ticket, alice.id, 60_000), other.claim(ticket, bob.id, 60_000));
        assert_eq!(a.is_ok() as u8 + b.is_ok() as u8, 1, "round {round}: {a:?} {b:?}");
    }
    // And taking from the queue: two takers never get the same ticket.
    let (x, y) = tokio::join!(store.claim_next(alice.id, 60_000), other.claim_next(bob.id, 60_000));
    if let (Ok(Some(x)), Ok(Some(y))) = (&x, &y) {
        assert_ne!(x.id, y.id);
    }
}

async fn a_lapsed_lease_puts_the_ticket_back_in_the_queue(fixture: &Fixture) {
    let store = fixture.store().await;
    let ticket = handle_inbound(&store, &KNOWLEDGE, &message("u1", "can I talk to a person please"))
        .await
        .unwrap()
        .ticket_id
        .unwrap();
    let (alice, _) = store.add_moderator("Alice", Role::Moderator, None, None).await.unwrap();
    let (bob, _) = store.add_moderator("Bob", Role::Official, None, None).await.unwrap();

    store.claim(ticket, alice.id, vigie::store::DEFAULT_LEASE_MS).await.unwrap();
    assert!(store.tickets("open", 10).await.unwrap().is_empty());
    assert!(matches!(store.claim(ticket, bob.id, 60_000).await, Err(TicketError::HeldByOther)));

    advance(Duration::from_secs(9 * 60)).await;
    assert!(store.tickets("open", 10).await.unwrap().is_empty(), "the lease still holds at 9 minutes");

    advance(Duration::from_secs(2 * 60)).await;
    let open = store.tickets("open", 10).await.unwrap();
    assert_eq!(open.iter().map(|t| t.id).collect::<Vec<_>>(), [ticket]);
    assert_eq!(open[0].claimed_by, None);
    // Alice's reply is refused now; Bob takes the ticket over.
    assert!(matches!(store.reply(ticket, alice.id, "hello").await, Err(TicketError::NotHolder)));
    assert_eq!(store.claim(ticket, bob.id, 60_000).await.unwrap().claimed_by, Some(bob.id));
}

async fn the_outbox_redelivers_after_a_crash_between_take_and_send(fixture: &Fixture) {
    let store = fixture.store().await;
    handle_inbound(&store, &KNOWLEDGE, &message("u1", "pourquoi je n'ai plus de courant?")).await.unwrap();

    let taken = store.take_outbox("telegram", 10, 30_000).await.unwrap();
    assert_eq!(taken.len(), 1);
    assert_eq!(taken[0].attempts, 1);
    // The sender dies here, before sending: the process is gone.
    drop(store);

    let restarted = fixture.store().await;
    assert!(restarted.take_outbox("telegram", 10, 30_000).await.unwrap().is_empty(), "the lease still holds");
    advance(Duration::from_secs(31)).await;
    let again = restarted.take_outbox("telegram", 10, 30_000).await.unwrap();
    assert_eq!(again.len(), 1);
    assert_eq!((again[0].id, again[0].attempts), (taken[0].id, 2));
    assert!(again[0].text.contains("Hydro-Québec"));

    restarted.mark_sent(again[0].id).await.unwrap();
    advance(Duration::from_secs(60)).await;
    assert!(restarted.take_outbox("telegram", 10, 30_000).await.unwrap().is_empty());
    assert_eq!(restarted.outbox_counts().await.unwrap(), (0, 1, 0));

    // A 429 with retry_after: not retaken before it, retaken after.
    handle_inbound(&restarted, &KNOWLEDGE, &message("u2", "bonjour")).await.unwrap();
    let item = restarted.take_outbox("telegram", 10, 30_000).await.unwrap().remove(0);
    restarted.mark_retry(item.id, 5_000, "429 Too Many Requests", 10).await.unwrap();
    assert!(restarted.take_outbox("telegram", 10, 30_000).await.unwrap().is_empty());
    advance(Duration::from_secs(6)).await;
    assert_eq!(restarted.take_outbox("telegram", 10, 30_000).await.unwrap()[0].id, item.id);

    // The resident blocked the bot (a 403): the row fails, nothing more is queued.
    restarted.mark_failed(item.id, "403 Forbidden: bot was blocked by the user").await.unwrap();
    restarted.set_blocked("telegram", "chat-42").await.unwrap();
    handle_inbound(&restarted, &KNOWLEDGE, &message("u3", "merci")).await.unwrap();
    assert_eq!(restarted.outbox_counts().await.unwrap(), (0, 1, 1));
}

async fn purge_erases_old_texts_and_identifiers_and_nothing_else(fixture: &Fixture) {
    let store = fixture.store().await;
    let old =
        Inbound { chat_id: "old-chat".into(), ..message("old-1", "où sont les sacs de sable près de chez moi?") };
    handle_inbound(&store, &KNOWLEDGE, &old).await.unwrap();
    let taken = store.take_outbox("telegram", 10, 1_000).await.unwrap();
    store.mark_sent(taken[0].id).await.unwrap();

    advance(Duration::from_secs(31 * 24 * 3600)).await;
    let cutoff = store.now_ms() - 30 * 24 * 3600 * 1000;
    let recent = Inbound { chat_id: "new-chat".into(), ..message("new-1", "la route 117 est-elle ouverte?") };
    handle_inbound(&store, &KNOWLEDGE, &recent).await.unwrap();
    let before = store.count_messages().await.unwrap();

    let purged = store.purge(cutoff).await.unwrap();

    assert_eq!(purged.messages, 2);
    assert_eq!(purged.conversations, 1);
    assert_eq!(purged.outbox, 1);
    assert_eq!(store.count_messages().await.unwrap(), before, "counts are kept");
    assert!(store.conversation("telegram", "old-chat").await.unwrap().is_none());
    let new = store.conversation("telegram", "new-chat").await.unwrap().expect("recent conversation untouched");
    let texts: Vec<String> = store.messages(new.id, 0, 10).await.unwrap().into_iter().map(|m| m.text).collect();
    assert_eq!(texts[0], "la route 117 est-elle ouverte?");
    // The old platform id is gone: it no longer deduplicates (nor identifies).
    assert!(!handle_inbound(&store, &KNOWLEDGE, &old).await.unwrap().duplicate);
    // Purging again changes nothing.
    let again = store.purge(cutoff).await.unwrap();
    assert_eq!((again.messages, again.outbox), (0, 0));
}

async fn follow_ups_join_the_open_ticket_and_distress_raises_it(fixture: &Fixture) {
    let store = fixture.store().await;
    let first =
        handle_inbound(&store, &KNOWLEDGE, &message("u1", "est-ce que le festival western est annulé?")).await.unwrap();
    assert_eq!(first.decision.unwrap().reason, Some(Reason::Unmatched));
    let ticket = first.ticket_id.unwrap();
    assert_eq!(store.ticket(ticket).await.unwrap().unwrap().priority, 3);

    // A question the FAQ answers is not answered while the ticket is open.
    let follow = handle_inbound(&store, &KNOWLEDGE, &message("u2", "où est le centre d'hébergement?")).await.unwrap();
    assert_eq!(follow.ticket_id, Some(ticket));
    assert_eq!(follow.replies.len(), 1);
    assert!(!follow.replies[0].text.contains("Marcel-Gagnon"), "{}", follow.replies[0].text);

    let urgent =
        handle_inbound(&store, &KNOWLEDGE, &message("u3", "au secours le feu est dans la cour pis on est pris"))
            .await
            .unwrap();
    assert_eq!(urgent.ticket_id, Some(ticket));
    assert!(urgent.replies[0].text.contains("911"));
    let raised = store.ticket(ticket).await.unwrap().unwrap();
    assert_eq!((raised.priority, raised.reason.as_str()), (1, "distress"));
    // The queue puts it first.
    handle_inbound(&store, &KNOWLEDGE, &Inbound { chat_id: "other".into(), ..message("o1", "agent svp") })
        .await
        .unwrap();
    let queue = store.tickets("active", 10).await.unwrap();
    assert_eq!(queue[0].id, ticket);
    assert!(store.audit_trail(ticket).await.unwrap().iter().any(|(a, _)| a == "ticket_distress"));
}

async fn moderators_reply_only_to_tickets_they_hold(fixture: &Fixture) {
    let store = fixture.store().await;
    let (alice, token) = store.add_moderator("Alice", Role::Official, Some(1001), None).await.unwrap();
    let (bob, _) = store.add_moderator("Bob", Role::Moderator, None, Some(2002)).await.unwrap();
    assert_eq!(store.authenticate(&token).await.unwrap().map(|m| m.id), Some(alice.id));
    assert!(store.authenticate("not-a-token").await.unwrap().is_none());
    assert_eq!(store.moderator_by_platform_id("discord", 2002).await.unwrap().map(|m| m.id), Some(bob.id));

    let ticket = handle_inbound(&store, &KNOWLEDGE, &message("u1", "agent svp")).await.unwrap().ticket_id.unwrap();
    assert!(matches!(store.reply(ticket, alice.id, "Bonjour").await, Err(TicketError::NotHolder)));
    store.claim(ticket, alice.id, 60_000).await.unwrap();
    assert!(matches!(store.reply(ticket, bob.id, "Bonjour").await, Err(TicketError::NotHolder)));
    store.reply(ticket, alice.id, "Bonjour, ici Alice de la Ville.").await.unwrap();
    assert_eq!(store.ticket(ticket).await.unwrap().unwrap().status, "answered");
    // The reply reaches the resident's platform through the outbox, after
    // the bot's acknowledgement: one chat's rows are taken one at a time.
    let acknowledgement = store.take_outbox("telegram", 10, 1_000).await.unwrap();
    assert_eq!(acknowledgement.len(), 1);
    assert!(store.take_outbox("telegram", 10, 1_000).await.unwrap().is_empty(), "the chat's next row waits");
    store.mark_sent(acknowledgement[0].id).await.unwrap();
    let out = store.take_outbox("telegram", 10, 1_000).await.unwrap();
    assert!(out.iter().any(|o| o.text == "Bonjour, ici Alice de la Ville." && o.chat_id == "chat-42"));

    assert!(matches!(store.resolve(ticket, bob.id).await, Err(TicketError::HeldByOther)));
    store.resolve(ticket, alice.id).await.unwrap();
    assert!(matches!(store.claim(ticket, bob.id, 1_000).await, Err(TicketError::Resolved)));
    let trail: Vec<String> = store.audit_trail(ticket).await.unwrap().into_iter().map(|(a, _)| a).collect();
    assert_eq!(trail, ["ticket_opened", "claim", "reply", "resolve"]);
    // A new message after resolution opens a new ticket.
    let next = handle_inbound(&store, &KNOWLEDGE, &message("u2", "je veux parler à un humain")).await.unwrap();
    assert_ne!(next.ticket_id, Some(ticket));
}

async fn a_batch_is_stored_in_one_transaction_and_deduplicated(fixture: &Fixture) {
    let store = fixture.store().await;
    let batch: Vec<Inbound> = (0..20)
        .map(|i| Inbound { chat_id: format!("c{}", i % 5), ..message(&format!("b{}", i % 15), "où est le refuge?") })
        .collect();
    let handled = vigie::conversation::handle_batch(&store, &KNOWLEDGE, &batch).await.unwrap();
    assert_eq!(handled.iter().filter(|h| h.duplicate).count(), 5, "ids b0..b4 come twice");
    assert_eq!(store.count_messages().await.unwrap(), 30, "15 messages in, 15 answers out");
    // The same batch again, as a platform redelivering after a crash: nothing new.
    let again = vigie::conversation::handle_batch(&store, &KNOWLEDGE, &batch).await.unwrap();
    assert!(again.iter().all(|h| h.duplicate));
    assert_eq!(store.outbox_counts().await.unwrap(), (15, 0, 0));
}

async fn each_chat_gets_its_messages_one_at_a_time_in_order(fixture: &Fixture) {
    let store = fixture.store().await;
    let queue = |chat: &str, text: &str| NewOutbox {
        conversation_id: None,
        platform: "telegram".into(),
        chat_id: chat.into(),
        kind: "answer".into(),
        text: text.into(),
        payload: None,
    };
    let mut tx = store.begin().await.unwrap();
    for (chat, text) in [("a", "a1"), ("a", "a2"), ("a", "a3"), ("b", "b1"), ("b", "b2")] {
        store.enqueue(&mut tx, &queue(chat, text)).await.unwrap();
    }
    tx.commit().await.unwrap();
    let texts = |items: &[vigie::store::OutboxItem]| items.iter().map(|i| i.text.clone()).collect::<Vec<_>>();
    // The head of each chat, and only it, however many are asked for.
    let first = store.take_outbox("telegram", 10, 30_000).await.unwrap();
    assert_eq!(texts(&first), ["a1", "b1"]);
    assert!(store.take_outbox("telegram", 10, 30_000).await.unwrap().is_empty(), "the heads are taken");
    // A row put back (a 429) does not count an attempt and holds its chat.
    store.release(first[0].id, store.now_ms() + 60_000, Some("429")).await.unwrap();
    store.mark_sent_many(&[first[1].id]).await.unwrap();
    let b2 = store.take_outbox("telegram", 10, 30_000).await.unwrap();
    assert_eq!(texts(&b2), ["b2"], "a waits for a1");
    store.mark_sent_many(&[b2[0].id]).await.unwrap();
    advance(Duration::from_secs(61)).await;
    let again = store.take_outbox("telegram", 10, 30_000).await.unwrap();
    assert_eq!(texts(&again), ["a1"]);
    assert_eq!(again[0].attempts, 1, "the 429 did not count");
    store.mark_sent_many(&[again[0].id]).await.unwrap();
    assert_eq!(texts(&store.take_outbox("telegram", 10, 30_000).await.unwrap()), ["a2"]);
}

async fn a_moderator_reply_delivered_twice_is_sent_once(fixture: &Fixture) {
    let store = fixture.store().await;
    let (alice, _) = store.add_moderator("Alice", Role::Moderator, Some(7), None).await.unwrap();
    let ticket = handle_inbound(&store, &KNOWLEDGE, &message("m1", "agent svp")).await.unwrap().ticket_id.unwrap();
    store.claim(ticket, alice.id, 60_000).await.unwrap();
    let first = store.reply_keyed(ticket, alice.id, "On arrive.", Some("tg:-100:55")).await.unwrap();
    let second = store.reply_keyed(ticket, alice.id, "On arrive.", Some("tg:-100:55")).await.unwrap();
    assert!(first.is_some() && second.is_none(), "the second delivery does nothing");
    let (pending, _, _) = store.outbox_counts().await.unwrap();
    assert_eq!(pending, 2, "the acknowledgement and one reply");
}

async fn recent_chats_know_their_last_message(fixture: &Fixture) {
    let store = fixture.store().await;
    for (chat, id) in [("7001", "1000000000000000005"), ("7001", "1000000000000000009"), ("7002", "interaction:3")] {
        let inbound = Inbound {
            platform: "discord".into(),
            chat_id: chat.into(),
            resident_id: None,
            platform_message_id: Some(id.into()),
            text: "quoi apporter".into(),
        };
        handle_inbound(&store, &KNOWLEDGE, &inbound).await.unwrap();
    }
    let mut chats = store.recent_chats("discord", 0, 10).await.unwrap();
    chats.sort();
    assert_eq!(chats, [("7001".to_string(), Some(1_000_000_000_000_000_009)), ("7002".to_string(), None)]);
    assert!(store.recent_chats("telegram", 0, 10).await.unwrap().is_empty());
}
