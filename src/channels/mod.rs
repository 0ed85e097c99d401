//! The platforms: each translates its events into [`crate::store::Inbound`]
//! and [`crate::conversation::Command`], and outbox rows into its own calls.
//! They decide nothing. What they share lives here: splitting long texts,
//! pacing, the moderators' ticket cards, and the loop that sends the outbox.

pub mod telegram;

use std::collections::HashMap;
use std::time::Duration;

use tokio::time::Instant;

use crate::store::{Moderator, StoredMessage, Ticket};

/// Splits `text` into parts of at most `limit` units (as `len` counts them),
/// on paragraph boundaries when it can, then lines, then words, then
/// anywhere. Parts are never empty; joined, they hold the whole text
/// (separators at the cuts aside).
pub fn split_text(text: &str, limit: usize, len: fn(&str) -> usize) -> Vec<String> {
    assert!(limit > 0, "a part must hold something");
    let mut parts = Vec::new();
    if len(text) <= limit {
        if !text.is_empty() {
            parts.push(text.to_string());
        }
        return parts;
    }
    let mut current = String::new();
    for piece in text.split("\n\n") {
        pack(&mut parts, &mut current, piece, "\n\n", limit, len, 0);
    }
    if !current.is_empty() {
        parts.push(current);
    }
    parts
}

/// Adds `piece` to `current` (after `separator`), flushing `current` into
/// `parts` when it would outgrow `limit`; a piece too long on its own is cut
/// at the next finer boundary (`level`: paragraph, line, word, character).
fn pack(
    parts: &mut Vec<String>,
    current: &mut String,
    piece: &str,
    separator: &str,
    limit: usize,
    len: fn(&str) -> usize,
    level: usize,
) {
    if piece.is_empty() {
        return;
    }
    let joined = if current.is_empty() { len(piece) } else { len(current) + len(separator) + len(piece) };
    if joined <= limit {
        if !current.is_empty() {
            current.push_str(separator);
        }
        current.push_str(piece);
        return;
    }
    if !current.is_empty() {
        parts.push(std::mem::take(current));
    }
    if len(piece) <= limit {
        current.push_str(piece);
        return;
    }
    const FINER: [&str; 2] = ["\n", " "];
    match FINER.get(level) {
        Some(finer) => {
            for sub in piece.split(finer) {
                pack(parts, current, sub, finer, limit, len, level + 1);
            }
        }
        None => {
            // One word longer than a part: cut between characters.
            for c in piece.chars() {
                let mut buf = [0u8; 4];
                let c = c.encode_utf8(&mut buf);
                if !current.is_empty() && len(current) + len(c) > limit {
                    parts.push(std::mem::take(current));
                }
                current.push_str(c);
            }
        }
    }
}

/// Characters as Telegram counts them: UTF-16 code units.
pub fn utf16_len(text: &str) -> usize {
    text.encode_utf16().count()
}

/// Characters as Discord counts them: Unicode scalar values.
pub fn char_len(text: &str) -> usize {
    text.chars().count()
}

/// When each message may go: no faster than `interval` per chat and
/// `global` between any two messages. Reservations are in order: a message
/// reserved later never goes before one reserved earlier in the same chat.
#[derive(Debug)]
pub struct Pacer {
    global: Duration,
    next_global: Option<Instant>,
    next_chat: HashMap<String, Instant>,
}

impl Pacer {
    /// `per_second` messages a second in all.
    pub fn new(per_second: u32) -> Pacer {
        Pacer {
            global: Duration::from_secs(1) / per_second.max(1),
            next_global: None,
            next_chat: HashMap::new(),
        }
    }

    /// When a message to `chat` could go, without reserving it.
    pub fn peek(&self, chat: &str, now: Instant) -> Instant {
        let chat_at = self.next_chat.get(chat).copied().unwrap_or(now);
        chat_at.max(self.next_global.unwrap_or(now)).max(now)
    }

    /// Reserves the next slot of `chat`; the one after it comes `interval` later.
    pub fn reserve(&mut self, chat: &str, interval: Duration, now: Instant) -> Instant {
        let at = self.peek(chat, now);
        self.next_global = Some(at + self.global);
        if self.next_chat.len() > 10_000 {
            self.next_chat.retain(|_, next| *next > now);
        }
        self.next_chat.insert(chat.to_string(), at + interval);
        at
    }

    /// The platform asked to wait (429 `retry_after`): nothing goes to `chat`
    /// before `until`.
    pub fn hold(&mut self, chat: &str, until: Instant) {
        let next = self.next_chat.entry(chat.to_string()).or_insert(until);
        *next = (*next).max(until);
    }
}

/// Milliseconds from `now` to `at` (zero if it has passed).
pub fn ms_until(at: Instant, now: Instant) -> i64 {
    i64::try_from(at.saturating_duration_since(now).as_millis()).unwrap_or(i64::MAX)
}

/// What a ticket's card shows, whatever the platform renders it as.
#[derive(Clone, Debug)]
pub struct Card {
    pub ticket: Ticket,
    /// The moderator holding the ticket, if any.
    pub holder: Option<Moderator>,
    /// The conversation's last messages, oldest first.
    pub messages: Vec<StoredMessage>,
}

impl Card {
    pub fn resolved(&self) -> bool {
        self.ticket.status == "resolved"
    }

    /// The headline: priority mark, number, reason.
    pub fn title(&self) -> String {
        let mark = match self.ticket.priority {
            1 => "🔴",
            2 => "🟠",
            _ => "🟡",
        };
        let reason = match self.ticket.reason.as_str() {
            "distress" => "DÉTRESSE / DISTRESS",
            "human_requested" => "Demande une personne / asks for a person",
            "unmatched" => "Question sans réponse / not covered",
            other => other,
        };
        if self.resolved() {
            format!("✅ #{} · {reason}", self.ticket.id)
        } else {
            format!("{mark} #{} · {reason}", self.ticket.id)
        }
    }

    /// Status, platform, language, opening time.
    pub fn status_line(&self) -> String {
        let holder = self.holder.as_ref().map(|m| m.name.as_str()).unwrap_or("?");
        let status = match self.ticket.status.as_str() {
            "open" => "en attente / waiting".to_string(),
            "claimed" => format!("pris par / claimed by {holder}"),
            "answered" => format!("répondu par / answered by {holder}"),
            "resolved" => "résolu / resolved".to_string(),
            other => other.to_string(),
        };
        let opened = self.ticket.opened_at.rem_euclid(86_400_000) / 60_000;
        format!(
            "{status} · {} · {} · {:02}:{:02} UTC",
            self.ticket.platform,
            self.ticket.lang.as_deref().unwrap_or("fr?"),
            opened / 60,
            opened % 60
        )
    }

    /// The recent messages, one line each, cut to `max_chars`.
    pub fn message_lines(&self, max_chars: usize) -> Vec<String> {
        self.messages
            .iter()
            .map(|m| {
                let who = match m.author.as_str() {
                    "resident" => "👤",
                    "moderator" => "🧑‍💼",
                    _ => "🤖",
                };
                let text: String = m.text.chars().filter(|c| !c.is_control() || *c == '\n').collect();
                let text = text.replace('\n', " ");
                let cut: String = text.chars().take(max_chars).collect();
                let more = if cut.len() < text.len() { "…" } else { "" };
                format!("{who} {cut}{more}")
            })
            .collect()
    }
}

/// The line under every card that says how to answer.
pub const CARD_HELP: &str = "↩️ Répondez à ce message pour écrire au résident · Reply to this message to answer the resident";

/// The answer to someone who is not a registered moderator.
pub const NOT_A_MODERATOR: &str = "Seuls les modérateurs inscrits peuvent agir sur les demandes. \
· Only registered moderators can act on tickets.";

/// Loads what a card shows.
pub async fn load_card(store: &crate::store::Store, ticket: Ticket) -> Result<Card, sqlx::Error> {
    let holder = match ticket.claimed_by {
        Some(id) => store.moderator(id).await?,
        None => None,
    };
    let messages = store.recent_messages(ticket.conversation_id, 6).await?;
    Ok(Card { ticket, holder, messages })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_texts_are_one_part() {
        assert_eq!(split_text("bonjour", 10, char_len), vec!["bonjour"]);
        assert!(split_text("", 10, char_len).is_empty());
    }

    #[test]
    fn long_texts_split_on_paragraphs_then_lines_then_words() {
        let text = "aaaa bbbb\n\ncccc dddd\n\neeee";
        assert_eq!(split_text(text, 10, char_len), vec!["aaaa bbbb", "cccc dddd", "eeee"]);
        let text = "aaaa\nbbbb\ncccc";
        assert_eq!(split_text(text, 9, char_len), vec!["aaaa\nbbbb", "cccc"]);
        let text = "aaa bbb ccc ddd";
        assert_eq!(split_text(text, 7, char_len), vec!["aaa bbb", "ccc ddd"]);
        assert_eq!(split_text("abcdefghij", 4, char_len), vec!["abcd", "efgh", "ij"]);
    }

    #[test]
    fn every_part_fits_and_nothing_is_lost() {
        let paragraph = "Les résidents doivent évacuer 🚨 avant 18 h. ".repeat(40);
        let text = format!("{paragraph}\n\n{paragraph}\n{}", "x".repeat(5000));
        for limit in [50, 4096] {
            let parts = split_text(&text, limit, utf16_len);
            assert!(parts.iter().all(|p| !p.is_empty() && utf16_len(p) <= limit));
            let kept: usize = parts.iter().map(|p| p.chars().filter(|c| !c.is_whitespace()).count()).sum();
            assert_eq!(kept, text.chars().filter(|c| !c.is_whitespace()).count());
        }
    }

    #[test]
    fn pacer_spaces_a_chat_and_the_whole() {
        let now = Instant::now();
        let mut pacer = Pacer::new(10);
        let second = Duration::from_secs(1);
        assert_eq!(pacer.reserve("a", second, now), now);
        assert_eq!(pacer.reserve("b", second, now), now + Duration::from_millis(100));
        assert_eq!(pacer.reserve("a", second, now), now + second);
        pacer.hold("b", now + 5 * second);
        assert_eq!(pacer.peek("b", now), now + 5 * second);
    }
}
