//! Triage, before any matching: is someone in danger now, does the resident
//! ask for a person, or is this small talk?
//!
//! Distress is read from the *structure* of danger rather than one hazard's
//! vocabulary: a first person, now, who cannot leave, move or breathe, a
//! person missing or hurt, water or fire closing in, a plea to come, thoughts
//! of ending one's life, violence. Those cues are dense features of a small
//! logistic regression ([`super::distress`]) that also reads word and
//! character n-grams; it was trained on a bilingual set written across many
//! hazards. An alarming word inside an ordinary question ("what's the
//! emergency number of the Red Cross?") is not distress: questions about
//! information are cues too, against.

use std::sync::LazyLock;

use serde::Serialize;

use super::distress;
use super::lexicon;
use super::normalize::{Asks, Normalized, PhraseSet, STOP_WORDS};

/// Probability above which a message is treated as distress. Set low on
/// purpose: a false alarm costs a moderator a glance, a miss can cost a life.
/// Five-fold cross-validation of the whole decision on the corpus
/// (`THRESHOLD=… cargo run --release --example distress_cv`) chose it: before
/// the rules for bare pleas, ambulances and farewells, recall 90.3% /
/// precision 90.0% at 0.5, 91.0% / 88.0% at 0.45, 91.3% / 86.7% at 0.4; with
/// them and the plain-request rule, 97.0% / 90.6% at 0.45; with the
/// unmarked-question feature, 97.3% / 89.3%; with the cues of the past and of
/// danger resolved, and today's corpus, 98.1% / 90.3%.
pub const DISTRESS_THRESHOLD: f32 = 0.45;

/// A calm question about information ("is there a bus for my mother in a
/// wheelchair?") needs more evidence: every incident brings many of them.
pub const CALM_QUESTION_THRESHOLD: f32 = 0.8;

/// A message with no sign of danger (no one stuck, hurt, missing or
/// threatened, nothing closing in, no hazard present, no plea) needs as
/// much: the words of an incident ("mon mari", "la maison", "le feu") are
/// not danger by themselves, and a model of words alone raises alarms on
/// every new hazard's vocabulary. Cross-validation
/// (`examples/distress_cv.rs`, six seeds): without it, recall 97.3% with
/// 29.5 false alarms a seed; at 0.8, 97.6% with 16, but a probe written
/// afterwards (`tests/data/distress-probe-11.jsonl`) lost 3 of its 25 on its
/// first run (signs no cue names: a man on a bridge railing, a bat at the
/// windows, a floor cracking open); at 0.6, 97.9% with 23, and none lost.
pub const NO_SIGN_THRESHOLD: f32 = 0.6;

/// Whether a message is distress. A request for a person with no sign of
/// danger is not, whatever the model says: it is queued as a request for a
/// human ("je veux parler à quelqu'un de la ville svp" reads like a plea).
pub fn is_distress(message: &Normalized, raw: &str) -> bool {
    judge(message, &distress::assess(message, raw), DISTRESS_THRESHOLD)
}

/// The policy of [`is_distress`] over an assessment already made (by
/// another model, in cross-validation), with `threshold` for messages that
/// are not calm questions.
pub fn judge(message: &Normalized, assessment: &distress::Assessment, threshold: f32) -> bool {
    if assessment.unmistakable {
        return true;
    }
    // "Que faire si…": only the rules above may find danger in it.
    if assessment.what_if {
        return false;
    }
    let threshold = if assessment.calm_question {
        CALM_QUESTION_THRESHOLD
    } else if !assessment.danger && !assessment.strong_plea {
        threshold.max(NO_SIGN_THRESHOLD)
    } else {
        threshold
    };
    assessment.probability >= threshold && (assessment.danger || !is_human_request(message))
}

/// A request for someone to talk to about a feeling ("j'ai besoin de parler
/// à quelqu'un, je suis anxieuse"), not for a named human or agent: a
/// directive's support line may be the answer.
pub fn asks_for_support(message: &Normalized) -> bool {
    static MENTAL: LazyLock<Option<lexicon::Concept>> = LazyLock::new(|| lexicon::concept_by_name("mental"));
    let Some(mental) = *MENTAL else { return false };
    let feeling = message.content().any(|t| lexicon::concept_of_token(t, None) == Some(mental));
    // "pas à un robot" asks for a person as surely as "un humain".
    let named = message.tokens.iter().any(|t| {
        let w = t.word.as_str();
        NAMED_PERSON.contains(&w) || matches!(w, "robot" | "bot")
    }) || REAL_PERSON.any(message);
    // Someone to talk to, not a call back about one's file.
    let talk =
        message.tokens.iter().any(|t| matches!(t.word.as_str(), "parler" | "jaser" | "discuter" | "talk" | "speak"));
    feeling && talk && !named
}

/// Words that ask for a person by what they are, not just "someone".
const NAMED_PERSON: &[&str] = &[
    "humain",
    "humaine",
    "human",
    "agent",
    "agente",
    "operator",
    "operateur",
    "operatrice",
    "representant",
    "representative",
    "superviseur",
    "supervisor",
];

/// Being called: "un agent peut-tu m'appeler", "can someone call me".
static CALL_ME: LazyLock<PhraseSet> =
    LazyLock::new(|| PhraseSet::new(&["me appeler", "nous appeler", "m appeler", "call me", "call us"]));

/// Being put through: "passe-moi quelqu'un de la ville" ("quelqu'un passe-tu
/// ramasser les branches" is a collection).
static PUT_THROUGH: LazyLock<PhraseSet> =
    LazyLock::new(|| PhraseSet::new(&["passe moi", "passez moi", "passe nous", "passez nous", "put me through"]));

/// Explicit requests for a person: "je veux parler à un humain",
/// "can I talk to someone", "/human", "agent svp".
pub fn is_human_request(message: &Normalized) -> bool {
    const PERSON: &[&str] = &[
        "humain",
        "humaine",
        "human",
        "person",
        "personne",
        "agent",
        "agente",
        "preposee",
        "prepose",
        "representant",
        "representative",
        "operator",
        "operateur",
        "operatrice",
        "employe",
        "moderateur",
        "moderator",
        "someone",
        "somebody",
        "quelqu",
        "vrai",
        "real",
        "conseiller",
        "conseillere",
        "staff",
        "responsable",
        "superviseur",
        "superviseure",
        "supervisor",
    ];
    const TALK: &[&str] = &[
        "parler",
        "jaser",
        "discuter",
        "talk",
        "speak",
        "chat",
        "joindre",
        "contact",
        "contacter",
        "reach",
        "rejoindre",
        "passer",
        "passez",
        "transferer",
        "transferez",
        "transfer",
        "connect",
        // "un agent peut-tu me rappeler?", "can someone call me back"
        "rappeler",
        "rappelle",
        "rappelez",
        "callback",
        // "quelqu'un qui peut me répondre pour vrai"
        "repondre",
        "reponde",
    ];
    const WANT: &[&str] = &[
        "veux", "voudrais", "voudrait", "aimerais", "souhaite", "want", "wanna", "like", "need", "besoin", "peux",
        "pouvez", "puis", "peut", "pourrait", "pourriez", "can", "could", "may", "let", "svp", "please", "stp",
        "plait", "demande",
    ];
    let words: Vec<&str> = message.tokens.iter().map(|t| t.word.as_str()).collect();
    // Politeness ("svp", "please") does not make a message longer.
    let length = message
        .tokens
        .iter()
        .filter(|t| {
            !matches!(t.word.as_str(), "s" | "il" | "vous" | "te" | "plait" | "please" | "un" | "une" | "a" | "an")
        })
        .count();
    let has = |list: &[&str]| words.iter().any(|w| list.contains(w));
    let person = has(PERSON);
    let talk =
        || has(TALK) || (has(&["call", "phone"]) && has(&["back"])) || CALL_ME.any(message) || PUT_THROUGH.any(message);
    let want = has(WANT);
    let strong_person = || has(NAMED_PERSON) || REAL_PERSON.any(message);
    let asks = (person && (want || length <= 6) && talk())
        || (person
            && length <= 2
            && has(&["humain", "human", "agent", "person", "personne", "operator", "representant"]))
        // "je veux un humain", "get me a real person"
        || (length <= 6 && (want || has(&["get", "give", "donnez", "donne"])) && strong_person())
        // "I need an actual human being to help me"
        || (length <= 9 && want && has(&["help", "aider", "aide"]) && strong_person())
        // "appelez-moi svp", "call me back"
        || (length <= 3 && has(&["appelez", "rappelez", "callback"]));
    // "am I talking to a human?" is a question about the bot, not a request.
    asks && !ABOUT_BOT.any(message)
}

/// A person as opposed to the bot: "a real person", "une vraie personne".
static REAL_PERSON: LazyLock<PhraseSet> = LazyLock::new(|| {
    PhraseSet::new(&[
        "real person",
        "actual person",
        "live person",
        "live agent",
        "actual human",
        "real human",
        "human being",
        "vraie personne",
        "vrai humain",
        "vraie humaine",
        "etre humain",
        "vrai personne",
        "vrai monde",
        "personne reelle",
    ])
});

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SmalltalkKind {
    Greeting,
    Thanks,
    Acknowledgement,
    BotQuestion,
    Emoji,
    Empty,
}

static SMALLTALK_WORDS: LazyLock<rustc_hash::FxHashMap<&'static str, SmalltalkKind>> = LazyLock::new(|| {
    use SmalltalkKind::*;
    let groups: &[(SmalltalkKind, &str)] = &[
        (
            Greeting,
            "bonjour bonsoir salut allo alo allô coucou hello hi hey hiya yo greetings morning evening afternoon matin soiree journee nuit night day bon bonne good question questions allo allooo bjr bsr slt cc there",
        ),
        (
            Thanks,
            "merci mercii merciii thanks thank thx ty appreciate appreciated bravo fins fine gentils gentil lachez lache rock rocks awesome amazing great super job travail work everything tous toutes benevoles pompiers volunteers firefighters heroes heros courage beau belle excellent much beaucoup so guys gang monde soutien support infos info information informations",
        ),
        (
            Acknowledgement,
            "ok okay oki k kk d'accord accord daccord parfait note compris entendu cool nice correct good gotcha got it alright right sounds perfect fine yes oui ouais ouin non no nope ca marche marche understood understand noted ah oh bien",
        ),
        (
            BotQuestion,
            "robot bot bots automatise automatique automated ai ia intelligence artificielle machine humain human real vrai vraie person personne qui who repond answering answers this talking parle",
        ),
    ];
    let mut out = rustc_hash::FxHashMap::default();
    for (kind, words) in groups {
        for w in words.split_whitespace() {
            // The first group to list a word keeps it.
            out.entry(w).or_insert(*kind);
        }
    }
    out
});

/// Small talk: greetings, thanks, acknowledgements, questions about the bot,
/// emoji alone. A greeting followed by a real question is not small talk.
pub fn smalltalk(message: &Normalized, raw: &str) -> Option<SmalltalkKind> {
    if raw.trim().is_empty() {
        return Some(SmalltalkKind::Empty);
    }
    if message.tokens.is_empty() {
        return (message.emoji > 0).then_some(SmalltalkKind::Emoji);
    }
    // Small talk is short; a long message is something else.
    if message.tokens.len() > 30 {
        return None;
    }
    let mut kinds: Vec<SmalltalkKind> = Vec::new();
    let mut other_content = Vec::new();
    for token in &message.tokens {
        if let Some(kind) = SMALLTALK_WORDS.get(token.word.as_str()) {
            kinds.push(*kind);
        } else if !STOP_WORDS.has(token) && !FILLER.has(token) {
            other_content.push(token.word.as_str());
        }
    }
    let bot_question = is_bot_question(message);
    if bot_question {
        return Some(SmalltalkKind::BotQuestion);
    }
    let strongest = || {
        let order = [SmalltalkKind::Thanks, SmalltalkKind::Greeting, SmalltalkKind::Acknowledgement];
        order.into_iter().find(|k| kinds.contains(k))
    };
    let has_marker = kinds
        .iter()
        .any(|k| matches!(k, SmalltalkKind::Thanks | SmalltalkKind::Greeting | SmalltalkKind::Acknowledgement))
        && has_anchor(message);
    let found = if other_content.is_empty() {
        if has_marker {
            strongest()
        } else if message.tokens.len() <= 3 && message.emoji > 0 {
            Some(SmalltalkKind::Emoji)
        } else {
            None
        }
    } else if has_marker
        && kinds.contains(&SmalltalkKind::Thanks)
        && !asks_something(message)
        && other_content.len() <= 3
    {
        // Thanks with some words of praise or context, but no question.
        Some(SmalltalkKind::Thanks)
    } else {
        None
    };
    // When, where, how much, who or why is asked of the directives ("c'est
    // quand la soirée d'information", "where's the evening meeting"),
    // whatever greeting words it holds. Looked for only in what would
    // otherwise be small talk: most messages are not.
    found.filter(|_| {
        !matches!(
            super::normalize::asks(message),
            Some(Asks::When | Asks::Where | Asks::HowMuch | Asks::Who | Asks::Why)
        )
    })
}

/// A word that is small talk on its own, not only in company ("ok",
/// "merci", "bonjour"), so "bonne question sur les sacs" is not a greeting.
fn has_anchor(message: &Normalized) -> bool {
    const ANCHORS: &[&str] = &[
        "bonjour",
        "bonsoir",
        "salut",
        "allo",
        "alo",
        "coucou",
        "hello",
        "hi",
        "hey",
        "hiya",
        "yo",
        "greetings",
        "morning",
        "matin",
        "evening",
        "night",
        "nuit",
        "soiree",
        "journee",
        "merci",
        "mercii",
        "merciii",
        "thanks",
        "thank",
        "thx",
        "ty",
        "appreciate",
        "appreciated",
        "bravo",
        "lachez",
        "rock",
        "rocks",
        "ok",
        "okay",
        "oki",
        "k",
        "kk",
        "accord",
        "daccord",
        "parfait",
        "note",
        "compris",
        "entendu",
        "cool",
        "nice",
        "gotcha",
        "alright",
        "perfect",
        "understood",
        "noted",
        "fins",
        "gentils",
        "awesome",
        "amazing",
        "great",
        "super",
    ];
    message.tokens.iter().any(|t| ANCHORS.contains(&t.word.as_str()))
}

/// Words that carry no request in small talk ("merci pour votre travail").
static FILLER: LazyLock<super::normalize::WordSet> = LazyLock::new(|| {
    [
        "votre",
        "vos",
        "pour",
        "tout",
        "tous",
        "ce",
        "ca",
        "you",
        "your",
        "for",
        "all",
        "what",
        "doing",
        "are",
        "much",
        "so",
        "very",
        "vraiment",
        "really",
        "encore",
        "again",
        "lot",
        "lots",
        "the",
        "les",
        "aux",
        "gars",
        "folks",
        "everyone",
        "everybody",
        "tout le monde",
        "monde",
        "team",
        "equipe",
        "guy",
        "ah",
        "oh",
        "bon",
        "ben",
        "bien",
        "c'est",
        "est",
        "bonne",
        "good",
        "have",
        "nice",
        "a",
        "une",
        "un",
        "j",
        "je",
        "ai",
        "have",
        "got",
        "i",
        "me",
    ]
    .into_iter()
    .collect()
});

static ABOUT_BOT: LazyLock<PhraseSet> =
    LazyLock::new(|| PhraseSet::new(&["je parle a", "am i talking", "am i speaking", "is this a", "are you"]));

static TALKING_TO: LazyLock<PhraseSet> = LazyLock::new(|| {
    PhraseSet::new(&[
        "je parle a",
        "am i talking",
        "am i speaking",
        "who am i",
        "qui repond",
        "qui qui repond",
        "who is this",
        "who is answering",
        "real person",
        "vraie personne",
        "vrai humain",
        "are you human",
        "are you a human",
        "es tu un humain",
        "etes vous un humain",
    ])
});

fn is_bot_question(message: &Normalized) -> bool {
    const BOT: &[&str] = &[
        "robot",
        "bot",
        "automatise",
        "automatique",
        "automated",
        "ia",
        "artificielle",
        "machine",
        "chatbot",
        "chatgpt",
    ];
    let words: Vec<&str> = message.tokens.iter().map(|t| t.word.as_str()).collect();
    let short = words.len() <= 8;
    // "are you an AI", "is this AI": English "ai", not French "j'ai".
    let an_ai = words.windows(2).any(|w| matches!(w[0], "an" | "you" | "this" | "just") && w[1] == "ai");
    let bot_word = an_ai || words.iter().any(|w| BOT.contains(w));
    let talking_to = TALKING_TO.any(message);
    short && (bot_word || talking_to)
}

/// Whether a message asks for something: a question mark, an interrogative
/// or a request verb.
pub fn asks_something(message: &Normalized) -> bool {
    const ASK: &[&str] = &[
        "ou", "quand", "comment", "combien", "pourquoi", "quel", "quelle", "quels", "quelles", "est-ce", "where",
        "when", "how", "why", "which", "can", "could", "should", "besoin", "need", "veux", "voudrais", "want", "dois",
        "faut", "peut", "peux", "pouvez", "svp", "please",
    ];
    message.interrogative || message.tokens.iter().any(|t| ASK.contains(&t.word.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::normalize::tokenize;

    #[test]
    fn a_message_with_no_sign_of_danger_needs_more_evidence() {
        let message = tokenize("my wife has service but i don't");
        let seen = |probability: f32, danger: bool| distress::Assessment {
            probability,
            unmistakable: false,
            calm_question: false,
            danger,
            strong_plea: false,
            what_if: false,
        };
        assert!(!judge(&message, &seen(0.55, false), DISTRESS_THRESHOLD));
        assert!(judge(&message, &seen(0.55, true), DISTRESS_THRESHOLD));
        assert!(judge(&message, &seen(NO_SIGN_THRESHOLD, false), DISTRESS_THRESHOLD));
        let plea = distress::Assessment { strong_plea: true, ..seen(0.55, false) };
        assert!(judge(&message, &plea, DISTRESS_THRESHOLD));
        // A question about what to do should danger come: only the rules.
        let what_if = distress::Assessment { what_if: true, ..seen(0.99, true) };
        assert!(!judge(&message, &what_if, DISTRESS_THRESHOLD));
        assert!(judge(&message, &distress::Assessment { unmistakable: true, ..what_if }, DISTRESS_THRESHOLD));
    }

    #[track_caller]
    fn smalltalk_of(text: &str) -> Option<SmalltalkKind> {
        smalltalk(&tokenize(text), text)
    }

    #[test]
    fn small_talk() {
        use SmalltalkKind::*;
        let cases = [
            ("bonjour", Some(Greeting)),
            ("Bon matin!", Some(Greeting)),
            ("merci beaucoup 🙏", Some(Thanks)),
            ("thank you so much for everything you guys are doing", Some(Thanks)),
            ("ok cool", Some(Acknowledgement)),
            ("t'es-tu un robot?", Some(BotQuestion)),
            ("is this automated?", Some(BotQuestion)),
            ("are you an ai", Some(BotQuestion)),
            // French "j'ai" is no AI.
            ("j'ai faim", None),
            ("👍", Some(Emoji)),
            ("", Some(Empty)),
            ("Bonjour, où sont les sacs de sable?", None),
            ("merci, mais où est le refuge?", None),
            ("?.?", None),
            // An evening meeting asked after is no "bonne soirée".
            ("c'est quand la soirée d'information", None),
            ("where's the info evening", None),
            ("bonne soirée, merci pour l'info", Some(Thanks)),
            ("good evening!", Some(Greeting)),
        ];
        for (text, expect) in cases {
            assert_eq!(smalltalk_of(text), expect, "{text}");
        }
    }

    #[test]
    fn support_for_a_feeling_is_not_a_named_person() {
        assert!(asks_for_support(&tokenize("j'ai besoin de parler à quelqu'un, je suis anxieuse")));
        assert!(asks_for_support(&tokenize("I'm so stressed, is there someone I can talk to")));
        assert!(!asks_for_support(&tokenize("je suis stressé, je veux parler à un humain")));
        assert!(!asks_for_support(&tokenize("je veux parler à quelqu'un de la ville")));
        assert!(!asks_for_support(&tokenize("je suis stressé, quelqu'un peut-tu m'appeler pour mon dossier")));
    }

    #[test]
    fn human_requests() {
        let cases = [
            ("je veux parler à un humain", true),
            ("Can I talk to a real person please", true),
            ("agent svp", true),
            ("human", true),
            ("Est-ce que je parle à un humain?", false),
            ("où sont les sacs de sable", false),
            ("my elderly neighbour needs someone to check on her pets", false),
            ("est-ce qu'une préposée pourrait me rappeler", true),
            ("can someone from the town give me a callback", true),
            ("could somebody call me back please", true),
            ("la ville va-tu rappeler les gens de la zone?", false),
            ("une préposée peut-tu m'appeler", true),
            ("passez-moi un agent", true),
            ("passe moi quelqu'un de la ville svp", true),
            ("je veux un humain", true),
            ("get me a real person", true),
            ("mettez-moi en contact avec un responsable", true),
            ("can I speak to a supervisor", true),
            ("y a-tu quelqu'un qui peut me répondre pour vrai", true),
            ("appelez-moi svp", true),
            ("who should I talk to about my insurance", false),
            ("can someone help me fill the form", false),
            ("i need an actual human being to help me", true),
            ("j'ai besoin d'un vrai humain pour m'aider", true),
            ("a real human helps at the shelter?", false),
            ("je cherche quelqu'un pour garder mon chien", false),
            ("appelez le 311 pour les débris", false),
            ("quelqu'un passe-tu ramasser les branches?", false),
        ];
        for (text, expect) in cases {
            assert_eq!(is_human_request(&tokenize(text)), expect, "{text}");
        }
    }
}
