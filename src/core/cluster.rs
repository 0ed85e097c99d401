//! Groups residents' questions by what they ask about, so that officials see
//! which entry to write next: "eau potable?", "l'eau du robinet est bonne?"
//! and "is tap water safe" fall together. A question is its set of content
//! words, each reduced to its bilingual concept when the lexicon knows one
//! (shelter = refuge = hébergement) or else to its stem; a question joins the
//! group whose words it shares most (see `similarity`), or starts one.
//! Greedy and in order: deterministic, O(questions × groups).

use std::collections::HashMap;

use super::lexicon;
use super::normalize::{detect_lang, tokenize};

/// How alike a question must be to a group's first question to join it.
pub const MIN_SIMILARITY: f64 = 0.45;

#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Group {
    pub count: usize,
    /// The words its questions share most, most frequent first.
    pub words: Vec<String>,
    /// Up to three of its questions, as written.
    pub examples: Vec<String>,
}

/// A question's words: concepts (`@shelter`) or stems, sorted, unique.
fn terms(text: &str) -> Vec<String> {
    let message = tokenize(text);
    let no_smell = lexicon::sent_is_no_smell(&message, detect_lang(&message, text));
    let mut terms: Vec<String> = message
        .content()
        .filter(|t| !t.entity && t.word.chars().count() > 1)
        .map(|t| match lexicon::concept_in(t, None, no_smell) {
            Some(concept) => format!("@{}", lexicon::concept_name(concept)),
            None => (&*t.stem_fr).min(&*t.stem_en).to_string(),
        })
        .collect();
    terms.sort_unstable();
    terms.dedup();
    terms
}

/// The mean of Jaccard (the same words) and the overlap coefficient (one
/// question's words within the other's): a short question and a wordy one
/// about the same thing still meet.
fn similarity(a: &[String], b: &[String]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let shared = a.iter().filter(|t| b.binary_search(t).is_ok()).count() as f64;
    let jaccard = shared / (a.len() as f64 + b.len() as f64 - shared);
    let overlap = shared / a.len().min(b.len()) as f64;
    (jaccard + overlap) / 2.0
}

/// Groups `texts`, largest first (ties: the group seen first).
pub fn group(texts: &[String]) -> Vec<Group> {
    struct Building {
        seed: Vec<String>,
        counts: HashMap<String, usize>,
        members: Vec<usize>,
    }
    let mut groups: Vec<Building> = Vec::new();
    for (i, text) in texts.iter().enumerate() {
        let terms = terms(text);
        if terms.is_empty() {
            continue;
        }
        let best = groups
            .iter_mut()
            .map(|g| (similarity(&terms, &g.seed), g))
            .filter(|(similarity, _)| *similarity >= MIN_SIMILARITY)
            .max_by(|a, b| a.0.total_cmp(&b.0));
        let group = match best {
            Some((_, group)) => group,
            None => {
                groups.push(Building { seed: terms.clone(), counts: HashMap::new(), members: Vec::new() });
                groups.last_mut().expect("just pushed")
            }
        };
        for term in terms {
            *group.counts.entry(term).or_default() += 1;
        }
        group.members.push(i);
    }
    let mut out: Vec<Group> = groups
        .into_iter()
        .map(|g| {
            let mut words: Vec<(String, usize)> = g.counts.into_iter().collect();
            words.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            Group {
                count: g.members.len(),
                words: words.into_iter().take(5).map(|(w, _)| w).collect(),
                examples: g.members.iter().take(3).map(|&i| texts[i].clone()).collect(),
            }
        })
        .collect();
    out.sort_by_key(|g| std::cmp::Reverse(g.count));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn the_same_question_in_other_words_falls_together() {
        let groups = group(&texts(&[
            "est-ce que les garderies sont ouvertes demain?",
            "are daycares open tomorrow?",
            "les garderies sont-tu ouvertes?",
            "peut-on faire un feu de camp?",
            "feu de camp permis?",
        ]));
        assert_eq!(groups.len(), 2, "{groups:#?}");
        assert_eq!(groups[0].count, 3);
        assert!(groups[0].examples[0].contains("garderies"));
        assert_eq!(groups[1].count, 2);
    }

    #[test]
    fn a_smell_is_grouped_as_one_a_text_sent_is_not() {
        assert!(terms("ça sent le gaz dans la rue").contains(&"@smell".to_string()));
        assert!(terms("gas smell on my street").contains(&"@smell".to_string()));
        assert!(!terms("the school sent a text about the smoke").contains(&"@smell".to_string()));
        assert!(!terms("ma mère se sent pas bien").contains(&"@smell".to_string()));
    }

    #[test]
    fn empty_and_stop_word_only_messages_make_no_group() {
        assert!(group(&texts(&["", "???", "le la les"])).is_empty());
    }
}
