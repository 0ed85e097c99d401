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

pub fn escalated_text(lang: Lang) -> &'static str {
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

/// `/start`: what the bot does and does not do, in both languages (the
/// resident has not said which they read yet).
pub const WELCOME: &str = "Bonjour! Je réponds à vos questions sur la situation à partir des consignes officielles \
des autorités (évacuation, hébergement, eau potable, routes…). Je ne suis pas un service d'urgence : \
en cas de danger, appelez le 911. Écrivez « humain » pour parler à une personne. /lang en for English.

Hello! I answer your questions about the situation from the authorities' official directives \
(evacuation, shelter, drinking water, roads…). I am not an emergency service: if you are in danger, \
call 911. Write \"human\" to talk to a person. /lang fr pour le français.";

/// `/help`, in the resident's language.
pub fn help_text(lang: Lang) -> &'static str {
    match lang {
        Lang::Fr => {
            "Écrivez votre question en quelques mots (ex. : « où est le centre d'hébergement? »). \
Commandes : /humain ou /human (parler à une personne), /subscribe (recevoir les alertes officielles), \
/unsubscribe (ne plus les recevoir), /lang fr|en (langue des réponses). En cas d'urgence, appelez le 911."
        }
        Lang::En => {
            "Write your question in a few words (e.g. \"where is the shelter?\"). \
Commands: /human (talk to a person), /subscribe (receive official alerts), /unsubscribe (stop them), \
/lang fr|en (language of the answers). In an emergency, call 911."
        }
    }
}

/// `/lang` without a valid language.
pub const LANG_USAGE: &str = "Écrivez /lang fr pour le français. · Write /lang en for English.";

pub fn lang_set_text(lang: Lang) -> &'static str {
    match lang {
        Lang::Fr => "C'est noté : je vous répondrai en français.",
        Lang::En => "Noted: I will answer you in English.",
    }
}

pub fn subscribed_text(lang: Lang, subscribed: bool) -> &'static str {
    match (lang, subscribed) {
        (Lang::Fr, true) => {
            "Vous recevrez les alertes officielles ici. Écrivez /unsubscribe pour ne plus les recevoir."
        }
        (Lang::Fr, false) => {
            "Vous ne recevrez plus les alertes officielles. Écrivez /subscribe pour les recevoir de nouveau."
        }
        (Lang::En, true) => "You will receive official alerts here. Write /unsubscribe to stop them.",
        (Lang::En, false) => "You will no longer receive official alerts. Write /subscribe to receive them again.",
    }
}

/// A clarify button for an entry that is no longer served (the directives
/// changed since it was offered).
pub fn choice_gone_text(lang: Lang) -> &'static str {
    match lang {
        Lang::Fr => "Cette information a été mise à jour depuis. Pouvez-vous reposer votre question?",
        Lang::En => "This information has been updated since. Could you ask your question again?",
    }
}

/// A message Vigie cannot read (a photo, a voice note, a sticker): a person
/// will look at it.
pub fn unreadable_text(lang: Lang) -> &'static str {
    match lang {
        Lang::Fr => {
            "Je ne peux lire que du texte : une personne de l'équipe va regarder votre message. \
En cas d'urgence, appelez le 911."
        }
        Lang::En => {
            "I can only read text: a person from our team will look at your message. In an emergency, call 911."
        }
    }
}

/// A question about a directive that has expired: not answered from it.
pub fn being_updated_text(lang: Lang) -> &'static str {
    match lang {
        Lang::Fr => {
            "Cette information est en cours de mise à jour par les autorités. Une personne de l'équipe \
vous répondra ici avec la consigne à jour. En cas d'urgence, appelez le 911."
        }
        Lang::En => {
            "This information is being updated by the authorities. A person from our team will answer \
you here with the current directive. In an emergency, call 911."
        }
    }
}

/// A resident writing faster than anyone reads: their messages are kept, the
/// bot stops answering each one for a minute.
pub fn slow_down_text(lang: Lang) -> &'static str {
    match lang {
        Lang::Fr => {
            "Vous écrivez très vite : je garde tous vos messages, mais je ne répondrai plus à chacun pendant une \
minute. Si vous êtes en danger, écrivez-le : une personne sera alertée. En cas d'urgence, appelez le 911."
        }
        Lang::En => {
            "You are writing very fast: I keep all your messages, but I will not answer each one for a minute. \
If you are in danger, say so: a person will be alerted. In an emergency, call 911."
        }
    }
}
