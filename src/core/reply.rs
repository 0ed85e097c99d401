//! The texts a resident receives for a decision, in their language. Plain
//! text: each channel escapes it for its own markup.

use super::decide::{Action, Decision, Knowledge, Reason, Thresholds};
use super::directives::Lang;
use super::triage::SmalltalkKind;

/// What kind of reply a text is, so channels can render it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ReplyKind {
    Answer,
    Clarify,
    Safety,
    Escalated,
    Smalltalk,
}

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Reply {
    pub text: String,
    pub kind: ReplyKind,
    /// For a clarify: the entries offered, as (entry id, button label).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub choices: Vec<(String, String)>,
}

impl Reply {
    fn plain(kind: ReplyKind, text: impl Into<String>) -> Reply {
        Reply { text: text.into(), kind, choices: Vec::new() }
    }
}

/// The answer of entry `id` with its directive footer (title, issuer, date).
pub fn answer_text(knowledge: &Knowledge, id: &str, lang: Lang) -> Option<String> {
    let entry = knowledge.directive_set.entry(id)?;
    let directive = knowledge.directive_set.directive_of(entry);
    let date = &directive.issued_at;
    let footer = match lang {
        Lang::Fr => format!("— {} · {} · émise le {}", directive.title, directive.issued_by, date),
        Lang::En => format!("— {} · {} · issued {}", directive.title, directive.issued_by, date),
    };
    Some(format!("{}\n\n{}", entry.answer.get(lang), footer))
}

/// The label of a clarify button: the entry's first question in `lang`.
pub fn choice_label(knowledge: &Knowledge, id: &str, lang: Lang) -> Option<String> {
    let entry = knowledge.directive_set.entry(id)?;
    let (want, other) = match lang {
        Lang::Fr => (&entry.questions_fr, &entry.questions_en),
        Lang::En => (&entry.questions_en, &entry.questions_fr),
    };
    want.first().or(other.first()).cloned()
}

pub const SAFETY_FR: &str = "Si vous ou quelqu'un êtes en danger, appelez le 911 maintenant. \
Un membre de l'équipe a été alerté et va vous écrire ici dès que possible. \
Si vous le pouvez, dites-nous où vous êtes et combien de personnes sont avec vous.";
pub const SAFETY_EN: &str = "If you or someone else is in danger, call 911 now. \
A member of our team has been alerted and will write to you here as soon as possible. \
If you can, tell us where you are and how many people are with you.";

/// Every reply a decision produces, in order (at least one).
pub fn replies(knowledge: &Knowledge, decision: &Decision) -> Vec<Reply> {
    let lang = decision.lang;
    let fr = lang == Lang::Fr;
    match decision.action {
        Action::Answer => {
            let id = decision.entry.as_deref().unwrap_or_default();
            match answer_text(knowledge, id, lang) {
                Some(text) => vec![Reply::plain(ReplyKind::Answer, text)],
                None => vec![Reply::plain(ReplyKind::Escalated, escalated_text(lang))],
            }
        }
        Action::Clarify => {
            let choices: Vec<(String, String)> = super::decide::clarify_choices(decision, &Thresholds::default())
                .into_iter()
                .filter_map(|c| Some((c.entry.clone(), choice_label(knowledge, &c.entry, lang)?)))
                .collect();
            let text = if fr {
                "Votre question porte-t-elle sur l'un de ces sujets? Sinon, écrivez « humain » et une personne vous répondra."
            } else {
                "Is your question about one of these? If not, write \"human\" and a person will answer."
            };
            vec![Reply { text: text.into(), kind: ReplyKind::Clarify, choices }]
        }
        Action::Escalate => match decision.reason {
            Some(Reason::Distress) => {
                vec![Reply::plain(ReplyKind::Safety, if fr { SAFETY_FR } else { SAFETY_EN })]
            }
            _ => vec![Reply::plain(ReplyKind::Escalated, escalated_text(lang))],
        },
        Action::Smalltalk => vec![Reply::plain(ReplyKind::Smalltalk, smalltalk_text(decision.smalltalk, lang))],
    }
}

fn escalated_text(lang: Lang) -> &'static str {
    match lang {
        Lang::Fr => {
            "Merci, votre message a été transmis à notre équipe : une personne vous répondra ici. \
En cas d'urgence, appelez le 911."
        }
        Lang::En => {
            "Thank you, your message has been passed to our team: a person will answer you here. \
In an emergency, call 911."
        }
    }
}

fn smalltalk_text(kind: Option<SmalltalkKind>, lang: Lang) -> &'static str {
    use SmalltalkKind::*;
    match (kind.unwrap_or(Greeting), lang) {
        (Thanks, Lang::Fr) => "Avec plaisir. Prenez soin de vous; en cas d'urgence, appelez le 911.",
        (Thanks, Lang::En) => "You're welcome. Take care; in an emergency, call 911.",
        (Acknowledgement, Lang::Fr) => "D'accord. Écrivez-moi si vous avez une autre question.",
        (Acknowledgement, Lang::En) => "All right. Write to me if you have another question.",
        (BotQuestion, Lang::Fr) => {
            "Je suis l'assistant automatisé de la sécurité civile : je réponds à partir des consignes officielles. \
Écrivez « humain » pour parler à une personne. En cas d'urgence, appelez le 911."
        }
        (BotQuestion, Lang::En) => {
            "I'm the emergency management team's automated assistant: I answer from the official directives. \
Write \"human\" to talk to a person. In an emergency, call 911."
        }
        (Greeting | Emoji | Empty, Lang::Fr) => {
            "Bonjour! Posez-moi votre question sur la situation (évacuation, hébergement, eau potable, routes…). \
En cas d'urgence, appelez le 911."
        }
        (Greeting | Emoji | Empty, Lang::En) => {
            "Hello! Ask me your question about the situation (evacuation, shelter, drinking water, roads…). \
In an emergency, call 911."
        }
    }
}
