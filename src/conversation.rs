//! One inbound message, the one path every channel shares: store it (once),
//! decide, and in the same transaction write the bot's replies, the ticket
//! and the outbox rows. Channels only translate platform events into
//! [`Inbound`] and call [`handle_inbound`].
//!
//! Invariants kept here:
//! - a message is stored before anything is answered, and a redelivery (same
//!   platform message id) is a no-op: nothing is answered twice;
//! - while a ticket is active the bot does not answer from the FAQ: the
//!   message joins the ticket; distress still raises its priority and gets
//!   the safety reply;
//! - every reply to a resident is an outbox row (except on the web chat,
//!   whose page reads the stored messages itself).

use serde::Serialize;

use crate::core::reply::{self, Reply, ReplyKind};
use crate::core::{Action, Decision, Knowledge, Lang, Reason, Thresholds, decide};
use crate::store::{Conversation, Inbound, NewOutbox, Store, Tx};

/// Messages a minute a resident may send before the bot stops answering
/// each one (the web chat has its own limit, at the HTTP door).
pub const FLOOD_LIMIT: i64 = 20;

/// The ticket reason of a question about an expired directive.
pub const EXPIRED: &str = "expired";

/// Platforms whose residents read their replies from the store (the web
/// chat), not through a sender.
const PULL_PLATFORMS: &[&str] = &["web", "cli"];

#[derive(Clone, Debug, Serialize)]
pub struct Handled {
    /// The platform had delivered this message before: nothing was done.
    pub duplicate: bool,
    pub message_id: Option<i64>,
    pub conversation_id: i64,
    pub decision: Option<Decision>,
    pub replies: Vec<Reply>,
    /// The ticket the message opened or joined.
    pub ticket_id: Option<i64>,
}

impl Handled {
    /// A message the platform had delivered before: nothing done.
    fn redelivered(conversation_id: i64) -> Handled {
        Handled {
            duplicate: true,
            message_id: None,
            conversation_id,
            decision: None,
            replies: Vec::new(),
            ticket_id: None,
        }
    }
}

/// The acknowledgement of a follow-up on an active ticket.
fn follow_up_text(lang: Lang) -> &'static str {
    match lang {
        Lang::Fr => {
            "Merci, votre message a été ajouté à votre demande : une personne vous répondra ici. En cas d'urgence, appelez le 911."
        }
        Lang::En => {
            "Thank you, your message was added to your request: a person will answer you here. In an emergency, call 911."
        }
    }
}

pub async fn handle_inbound(store: &Store, knowledge: &Knowledge, inbound: &Inbound) -> anyhow::Result<Handled> {
    let mut handled = handle_batch(store, knowledge, std::slice::from_ref(inbound)).await?;
    Ok(handled.remove(0))
}

/// Several inbound messages in one transaction (a Telegram `getUpdates`
/// batch, say): all are stored, or none is. One commit for many messages is
/// what lets one SQLite file keep up with a town.
pub async fn handle_batch(store: &Store, knowledge: &Knowledge, batch: &[Inbound]) -> anyhow::Result<Vec<Handled>> {
    // Decide first, outside the transaction: it is pure and the dearest
    // step, and the writer lock need not wait for it. The resident's chosen
    // language, read below, only sets the reply language.
    // A resident with more than FLOOD_LIMIT messages in one batch is
    // flooding: past the limit, only triage (distress still acts).
    let mut seen: std::collections::HashMap<(&str, &str), i64> = std::collections::HashMap::new();
    let decisions: Vec<Decision> = batch
        .iter()
        .map(|inbound| {
            let n = seen.entry((inbound.platform.as_str(), inbound.chat_id.as_str())).or_insert(0);
            *n += 1;
            if *n > FLOOD_LIMIT + 1 {
                crate::core::decide::triage_only(&inbound.text, None)
            } else {
                decide(knowledge, &inbound.text, None, &Thresholds::default())
            }
        })
        .collect();
    let mut tx = store.begin().await?;
    let mut out = Vec::with_capacity(batch.len());
    for (inbound, decision) in batch.iter().zip(decisions) {
        out.push(handle_in(store, &mut tx, knowledge, inbound, decision).await?);
    }
    tx.commit().await?;
    Ok(out)
}

async fn handle_in(
    store: &Store,
    tx: &mut Tx,
    knowledge: &Knowledge,
    inbound: &Inbound,
    mut decision: Decision,
) -> anyhow::Result<Handled> {
    // The language the resident wrote in (small talk says too little).
    let seen_lang = (decision.action != Action::Smalltalk).then_some(decision.lang.code());
    let conversation = store
        .upsert_conversation(tx, &inbound.platform, &inbound.chat_id, inbound.resident_id.as_deref(), seen_lang)
        .await?;
    if let Some(lang) = conversation.lang.as_deref().and_then(Lang::parse) {
        decision.lang = lang;
    }
    let decision_json = serde_json::to_string(&decision)?;
    let Some(message_id) = store.insert_inbound(tx, &conversation, inbound, Some(&decision_json)).await? else {
        return Ok(Handled::redelivered(conversation.id));
    };
    let distress = decision.reason == Some(Reason::Distress);
    // Flood control: past FLOOD_LIMIT messages a minute, a resident's
    // messages are kept (and distress still acts) but get no reply, except
    // one saying so. Other residents' answers never wait behind theirs.
    if !distress && !PULL_PLATFORMS.contains(&conversation.platform.as_str()) {
        let recent = store.recent_inbound(tx, conversation.id, store.now_ms() - 60_000, FLOOD_LIMIT + 2).await?;
        if recent > FLOOD_LIMIT {
            let replies = if recent == FLOOD_LIMIT + 1 {
                vec![Reply {
                    text: reply::slow_down_text(decision.lang).into(),
                    kind: ReplyKind::Escalated,
                    choices: Vec::new(),
                }]
            } else {
                Vec::new()
            };
            let outgoing = Outgoing { ticket_id: None, version: None, entry: None, lang: decision.lang, queue: true };
            send_replies(store, tx, &conversation, &replies, &outgoing).await?;
            return Ok(Handled {
                duplicate: false,
                message_id: Some(message_id),
                conversation_id: conversation.id,
                decision: Some(decision),
                replies,
                ticket_id: None,
            });
        }
    }
    let active = store.active_ticket(tx, conversation.id).await?;

    let (replies, ticket_id) = match active {
        Some((ticket_id, _, _)) => {
            store.follow_up(tx, ticket_id, distress).await?;
            let reply = if distress {
                reply::replies(knowledge, &decision).remove(0)
            } else {
                Reply { text: follow_up_text(decision.lang).into(), kind: ReplyKind::Escalated, choices: Vec::new() }
            };
            (vec![reply], Some(ticket_id))
        }
        None => {
            // About a directive that has expired, more surely than about
            // anything served: say so rather than answer from something else.
            let matched = matches!(decision.action, Action::Answer | Action::Clarify)
                || decision.reason == Some(Reason::Unmatched);
            let expired = if matched {
                knowledge.expired_match(&inbound.text).filter(|(_, score)| *score > decision.score)
            } else {
                None
            };
            if expired.is_some() {
                decision.action = Action::Escalate;
                decision.reason = Some(Reason::Unmatched);
                decision.entry = None;
            }
            let ticket_id = match (decision.action, decision.reason, &expired) {
                (_, _, Some(_)) => {
                    let priority = i64::from(Reason::Unmatched.priority());
                    Some(store.open_ticket(tx, conversation.id, EXPIRED, priority).await?)
                }
                (Action::Escalate, Some(reason), None) => {
                    Some(store.open_ticket(tx, conversation.id, reason.as_str(), i64::from(reason.priority())).await?)
                }
                _ => None,
            };
            let replies = match expired {
                Some(_) => vec![Reply {
                    text: reply::being_updated_text(decision.lang).into(),
                    kind: ReplyKind::Escalated,
                    choices: Vec::new(),
                }],
                None => reply::replies(knowledge, &decision),
            };
            (replies, ticket_id)
        }
    };

    if let Some(ticket_id) = ticket_id {
        store.attach_to_ticket(tx, message_id, ticket_id).await?;
    }
    let answered = (decision.action == Action::Answer).then_some(decision.entry.as_deref()).flatten();
    let outgoing = Outgoing {
        ticket_id,
        version: answered.map(|_| knowledge.directive_set.version.as_str()),
        entry: answered,
        lang: decision.lang,
        queue: true,
    };
    send_replies(store, tx, &conversation, &replies, &outgoing).await?;
    Ok(Handled {
        duplicate: false,
        message_id: Some(message_id),
        conversation_id: conversation.id,
        decision: Some(decision),
        replies,
        ticket_id,
    })
}

/// How the bot's replies to one message are recorded and delivered.
struct Outgoing<'a> {
    ticket_id: Option<i64>,
    /// The directive set an answer came from, and its entry.
    version: Option<&'a str>,
    entry: Option<&'a str>,
    lang: Lang,
    /// Whether they are queued for the platform; `false` when the channel
    /// delivers them itself.
    queue: bool,
}

/// Stores the bot's replies and queues them for the resident's platform.
async fn send_replies(
    store: &Store,
    tx: &mut Tx,
    conversation: &Conversation,
    replies: &[Reply],
    outgoing: &Outgoing<'_>,
) -> anyhow::Result<()> {
    let lang = outgoing.lang;
    for reply in replies {
        let entry = if reply.kind == ReplyKind::Answer { outgoing.entry } else { None };
        store
            .insert_message(
                tx,
                conversation.id,
                &conversation.platform,
                "bot",
                None,
                outgoing.ticket_id,
                &reply.text,
                outgoing.version,
                entry,
            )
            .await?;
        if outgoing.queue && !PULL_PLATFORMS.contains(&conversation.platform.as_str()) && !conversation.blocked {
            let payload = (!reply.choices.is_empty())
                .then(|| serde_json::json!({ "choices": reply.choices, "lang": lang.code() }).to_string());
            store
                .enqueue(
                    tx,
                    &NewOutbox {
                        conversation_id: Some(conversation.id),
                        platform: conversation.platform.clone(),
                        chat_id: conversation.chat_id.clone(),
                        kind: kind_name(reply.kind).into(),
                        text: reply.text.clone(),
                        payload,
                    },
                )
                .await?;
        }
    }
    Ok(())
}

/// What a resident can ask of the bot besides a question: the channels'
/// commands and buttons, the same on every platform.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Command {
    /// `/start`: the bilingual welcome.
    Start,
    Help,
    /// `/lang fr|en`; `None` when the argument is missing or unknown.
    Lang(Option<Lang>),
    /// `/human`: a person, now.
    Human,
    /// `/subscribe` (true) and `/unsubscribe` (false) to officials' alerts.
    Subscribe(bool),
    /// A clarify button: the entry the resident picked, and the language it
    /// was offered in.
    Choice {
        entry: String,
        lang: Lang,
    },
    /// Something Vigie cannot read (a photo, a voice note): a person looks.
    Unreadable,
}

/// Applies a command, stored like a message (`inbound.text` says what it
/// was) so that a redelivery does nothing twice, with its replies queued in
/// the same transaction.
///
/// With `queue` false the replies are stored but not queued: the channel
/// delivers them itself (a Discord slash command is answered in its
/// interaction response).
pub async fn handle_command(
    store: &Store,
    knowledge: &Knowledge,
    inbound: &Inbound,
    command: &Command,
    queue: bool,
) -> anyhow::Result<Handled> {
    let mut tx = store.begin().await?;
    let conversation = store
        .upsert_conversation(&mut tx, &inbound.platform, &inbound.chat_id, inbound.resident_id.as_deref(), None)
        .await?;
    let Some(message_id) = store.insert_inbound(&mut tx, &conversation, inbound, None).await? else {
        tx.rollback().await?;
        return Ok(Handled::redelivered(conversation.id));
    };
    let lang = conversation.lang.as_deref().and_then(Lang::parse);
    let reply_lang = match command {
        Command::Lang(Some(chosen)) => *chosen,
        Command::Choice { lang: offered, .. } => lang.unwrap_or(*offered),
        _ => lang.unwrap_or(Lang::Fr),
    };
    let plain = |kind, text: &str| Reply { text: text.to_string(), kind, choices: Vec::new() };
    let mut ticket_id = None;
    let mut version = None;
    let replies = match command {
        Command::Start => vec![plain(ReplyKind::Smalltalk, reply::WELCOME)],
        Command::Help => vec![plain(ReplyKind::Smalltalk, reply::help_text(lang.unwrap_or(Lang::Fr)))],
        Command::Lang(None) => vec![plain(ReplyKind::Smalltalk, reply::LANG_USAGE)],
        Command::Lang(Some(chosen)) => {
            store.update_conversation(&mut tx, conversation.id, Some(chosen.code()), None).await?;
            vec![plain(ReplyKind::Smalltalk, reply::lang_set_text(*chosen))]
        }
        Command::Subscribe(on) => {
            store.update_conversation(&mut tx, conversation.id, None, Some(*on)).await?;
            vec![plain(ReplyKind::Smalltalk, reply::subscribed_text(lang.unwrap_or(Lang::Fr), *on))]
        }
        Command::Human | Command::Unreadable => {
            let reason = Reason::HumanRequested;
            let id = match store.active_ticket(&mut tx, conversation.id).await? {
                Some((id, _, _)) => {
                    store.follow_up(&mut tx, id, false).await?;
                    id
                }
                None => {
                    store.open_ticket(&mut tx, conversation.id, reason.as_str(), i64::from(reason.priority())).await?
                }
            };
            store.attach_to_ticket(&mut tx, message_id, id).await?;
            ticket_id = Some(id);
            let lang = lang.unwrap_or(Lang::Fr);
            let text =
                if *command == Command::Human { reply::escalated_text(lang) } else { reply::unreadable_text(lang) };
            vec![plain(ReplyKind::Escalated, text)]
        }
        Command::Choice { entry, lang: offered } => {
            let lang = lang.unwrap_or(*offered);
            match store.active_ticket(&mut tx, conversation.id).await? {
                // A person has this conversation: the bot does not answer it.
                Some((id, _, _)) => {
                    store.follow_up(&mut tx, id, false).await?;
                    store.attach_to_ticket(&mut tx, message_id, id).await?;
                    ticket_id = Some(id);
                    vec![plain(ReplyKind::Escalated, follow_up_text(lang))]
                }
                None => match reply::answer_text(knowledge, entry, lang) {
                    Some(text) => {
                        version = Some(knowledge.directive_set.version.as_str());
                        vec![plain(ReplyKind::Answer, &text)]
                    }
                    None if knowledge.directive_set.expired_entries.contains(entry) => {
                        let priority = i64::from(Reason::Unmatched.priority());
                        let id = store.open_ticket(&mut tx, conversation.id, EXPIRED, priority).await?;
                        store.attach_to_ticket(&mut tx, message_id, id).await?;
                        ticket_id = Some(id);
                        vec![plain(ReplyKind::Escalated, reply::being_updated_text(lang))]
                    }
                    None => vec![plain(ReplyKind::Smalltalk, reply::choice_gone_text(lang))],
                },
            }
        }
    };
    let answered = match command {
        Command::Choice { entry, .. } if version.is_some() => Some(entry.as_str()),
        _ => None,
    };
    let outgoing = Outgoing { ticket_id, version, entry: answered, lang: reply_lang, queue };
    send_replies(store, &mut tx, &conversation, &replies, &outgoing).await?;
    tx.commit().await?;
    Ok(Handled {
        duplicate: false,
        message_id: Some(message_id),
        conversation_id: conversation.id,
        decision: None,
        replies,
        ticket_id,
    })
}

fn kind_name(kind: ReplyKind) -> &'static str {
    match kind {
        ReplyKind::Answer => "answer",
        ReplyKind::Clarify => "clarify",
        ReplyKind::Safety => "safety",
        ReplyKind::Escalated => "escalated",
        ReplyKind::Smalltalk => "smalltalk",
    }
}
