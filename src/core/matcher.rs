//! The matcher: which entries of a directive set a message is about, with a
//! score in [0, 1] that means the same thing whatever the set.
//!
//! An [`Index`] is built once per [`DirectiveSet`] and never changes; share
//! it behind an `Arc`. Each entry's questions (both languages) and keywords
//! become bags of *terms*: a concept of the bilingual lexicon when the word
//! has one, else its Snowball stem.
//!
//! The score of an entry is the geometric mean of two coverages:
//! - how much of the **message** the entry explains (each message word
//!   weighed by its rarity in the set; words the set has never seen count as
//!   unexplained, so an out-of-scope question scores low), and
//! - how much of the entry's **best question** (or one whole keyword) the
//!   message covers.
//!
//! Both are ratios, so the score does not grow with the size of the set or
//! the length of the message: one threshold serves every incident.

use rustc_hash::FxHashMap as HashMap;

use super::directives::{DirectiveSet, Lang};
use super::lexicon::{self, Concept};
use super::normalize::{self, Normalized, Token, asks, is_street_prefix, tokenize};

pub type TermId = u32;

/// One question or keyword of an entry, as terms in their order, each with
/// its weight (its specificity).
#[derive(Clone, Debug)]
struct Doc {
    terms: Vec<(TermId, f32)>,
    keyword: bool,
    /// Sum of the terms' weights times their specificity.
    total: f32,
    /// The terms each word may be, in order (a keyword's words may be of
    /// either language, so each has both stems).
    positions: Vec<Vec<TermId>>,
    /// A keyword made only of names ("Île-Verte", "rue du Quai").
    names_only: bool,
}

#[derive(Clone, Debug)]
struct IndexedEntry {
    docs: Vec<Doc>,
    /// Sorted, deduplicated terms of all docs.
    terms: Vec<TermId>,
    /// Sorted terms found only in the answers.
    answer_terms: Vec<TermId>,
    /// For the k-th of `terms`, the questions (docs that are not keywords)
    /// holding it, with its weight there:
    /// `term_docs[term_doc_starts[k]..term_doc_starts[k + 1]]`. A search
    /// adds up each question's coverage from the few terms a message
    /// matched, rather than looking each question's terms up.
    term_docs: Vec<(u32, f32)>,
    term_doc_starts: Vec<u32>,
}

/// A ranked candidate.
#[derive(Clone, Debug, PartialEq)]
pub struct Candidate {
    /// Index into [`DirectiveSet::entries`].
    pub entry: usize,
    pub score: f32,
    /// Share of the message the entry explains.
    pub message_coverage: f32,
    /// Share of the entry's best question the message covers.
    pub question_coverage: f32,
    /// The message asks about money, a price, insurance or taxes, or speaks
    /// of going to law, and nothing the entry says (questions, keywords,
    /// answer) is about that: whatever else it shares, it does not answer
    /// that.
    pub unexplained_intent: bool,
}

/// Term weights and postings for one directive set. Immutable.
#[derive(Clone, Debug)]
pub struct Index {
    term_ids: HashMap<String, TermId>,
    /// The term of each lexicon concept the set uses, by concept id.
    concept_terms: Vec<Option<TermId>>,
    /// Inverse document frequency of each term, normalised to (0, 1].
    specificity: Vec<f32>,
    /// Entries whose questions or keywords hold each term.
    postings: Vec<Vec<u32>>,
    /// The stems of the answers' words (both languages' stems of each
    /// word), numbered…
    answer_stems: HashMap<String, u32>,
    /// …and the entries whose answer says each.
    answer_postings: Vec<Vec<u32>>,
    entries: Vec<IndexedEntry>,
    /// Folded words seen in the set, by length in characters, for typo
    /// tolerance: (word, term).
    vocabulary_by_length: Vec<Vec<VocabularyWord>>,
    /// Folded words of the questions and keywords (four letters or more),
    /// with their term.
    words: HashMap<String, TermId>,
    /// Unique per built index, to key the typo cache.
    id: u64,
}

static NEXT_INDEX_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

thread_local! {
    /// Misspelt words this thread has already looked up, per index: the same
    /// typos come back ("evacuaton", "hebergment") and the scan is the dear
    /// part of a search.
    static TYPO_CACHE: std::cell::RefCell<(u64, HashMap<String, Option<TermId>>)> =
        std::cell::RefCell::new((0, HashMap::default()));
}

/// Beyond this many words the typo cache starts over.
const TYPO_CACHE_LIMIT: usize = 20_000;

/// An indexed word, for typo tolerance.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct VocabularyWord {
    word: String,
    term: TermId,
    /// Which of the letters a–z the word holds: two words whose sets
    /// differ by more than four letters are not one typo apart.
    letters: u32,
}

/// Whether `b` is `a` with two adjacent letters swapped.
fn is_transposition(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a.len() != b.len() {
        return false;
    }
    let differ: Vec<usize> = (0..a.len()).filter(|&i| a[i] != b[i]).collect();
    matches!(differ[..], [i, j] if j == i + 1 && a[i] == b[j] && a[j] == b[i])
}

fn letter_mask(word: &str) -> u32 {
    word.bytes().filter(u8::is_ascii_lowercase).fold(0, |m, b| m | 1 << (b - b'a'))
}

/// Weight of a word that says little about what a message is about.
const GENERIC_WEIGHT: f32 = 0.3;
/// Weight of a word of the incident domain that no question or keyword of
/// the set has.
const UNCOVERED_TOPIC_WEIGHT: f32 = 1.3;
/// Weight of a number (street numbers, ages, hours).
const NUMBER_WEIGHT: f32 = 0.15;
/// Weight of a word of a message that names a place, an organisation or a
/// person.
const ENTITY_WEIGHT: f32 = 0.3;
/// How much a term matched through a typo counts.
const TYPO_DISCOUNT: f32 = 0.8;
/// Weight of what a question asks for (where, when…), against 1 for a word.
const ASKS_WEIGHT: f32 = 0.5;
/// How much a message word explained only by an entry's answer counts.
const ANSWER_DISCOUNT: f32 = 0.5;
/// How much the coverage of a message's question sentence alone counts.
const QUESTION_SENTENCE_DISCOUNT: f32 = 0.85;
/// Question coverage credited to an entry found only by its answer
/// ([`Index::search_answers`]): such an entry is offered when its answer
/// explains four fifths of the message. Measured on the twenty incident
/// sets and the distress probes: the right entry offered to 16 more of
/// 2,211 answerable messages (18 fewer escalated, 2 more offered a choice
/// without it), no out-of-scope message of 561 offered a choice; 0.55 to
/// 0.7, 2 more right. Answers reached through the lexicon's concepts, not
/// the message's own words: 3 out-of-scope messages offered a choice
/// ("when is garbage pickup" reached "throw out the ice cubes").
const ANSWER_ONLY_QUESTION_COVERAGE: f32 = 0.5;
/// Question coverage credited by a keyword found whole in a message.
const KEYWORD_COVERAGE: f32 = 0.9;
/// …by a one-word keyword…
const SINGLE_KEYWORD_COVERAGE: f32 = 0.75;
/// …and by a keyword made only of names.
const NAME_KEYWORD_COVERAGE: f32 = 0.5;

/// Concepts of what a resident wants done about money: asked of an entry
/// that says nothing of them ("a refund for the festival tickets", "will my
/// property taxes go down", "mon assurance couvre-tu un puits à sec"), the
/// entry's other words do not make it the answer. Buying and selling were
/// tried too: "should we buy bottled water" and "je peux continuer à vendre
/// du café" lost their right answers. Violence and abuse too ("is the
/// shelter safe for someone fleeing an abusive partner"): a person answers,
/// unless the entry speaks of it.
const INTENT_CONCEPTS: &[&str] = &["tax", "money", "insurance", "cost", "abuse"];

/// Words of those concepts that mostly mean something else: "garder au
/// frais" (cool), "free time".
const NOT_INTENT: &[&str] = &["frais", "free"];

/// Going to law, which no entry of an incident's directives answers unless
/// it says so: "can I sue the building owner".
const LEGAL: &[&str] = &[
    "poursuivre",
    "poursuite",
    "poursuites",
    "avocat",
    "avocats",
    "sue",
    "suing",
    "lawsuit",
    "lawsuits",
    "lawyer",
    "lawyers",
];

/// What a home is worth ("will my property value drop"): money too, though
/// no concept of the lexicon, where "valeur" and "value" would reach every
/// entry that speaks of a cost.
const WORTH: &[&str] = &[
    "valeur",
    "valeurs",
    "value",
    "values",
    // Prices compared ("is gas cheaper than electricity for heating"): no
    // directive weighs them. Not as words of the cost concept: with "cheap"
    // they drew "where can I buy a cheap used car" to parking fees and
    // "un loyer plus cher" to the lease entry.
    "cheaper",
    "cheapest",
    "expensive",
    "dispendieux",
    "dispendieuse",
];

static INTENT: std::sync::LazyLock<Vec<lexicon::Concept>> =
    std::sync::LazyLock::new(|| INTENT_CONCEPTS.iter().filter_map(|name| lexicon::concept_by_name(name)).collect());

static ELDERLY: std::sync::LazyLock<Option<lexicon::Concept>> =
    std::sync::LazyLock::new(|| lexicon::concept_by_name("elderly"));

/// Whether the `i`-th token is the age of someone elderly: a whole number
/// from 65 to 110 said as an age ("a 80 ans", "de 85 ans", "is 91", "78
/// years old"), not a duration ("depuis 70 ans", "for 70 years") nor a
/// measure ("is 80 cm").
fn is_elderly_age(tokens: &[Token], i: usize) -> bool {
    let Ok(n) = tokens[i].word.parse::<u32>() else { return false };
    if !(65..=110).contains(&n) {
        return false;
    }
    let word = |j: Option<usize>| j.and_then(|j| tokens.get(j)).map(|t| t.word.as_str());
    let (prev, next, after) = (word(i.checked_sub(1)), word(Some(i + 1)), word(Some(i + 2)));
    let years = matches!(next, Some("ans" | "an" | "years" | "year" | "yo" | "yrs"))
        && !matches!(after, Some("ago" | "passes" | "derniers"));
    let duration = matches!(prev, Some("depuis" | "for" | "since" | "pendant" | "dans" | "in"))
        || (prev == Some("a") && word(i.checked_sub(2)) == Some("y"));
    let measure = matches!(
        next,
        Some(
            "cm" | "km"
                | "m"
                | "mm"
                | "degres"
                | "degrees"
                | "pieds"
                | "feet"
                | "ft"
                | "pouces"
                | "inches"
                | "minutes"
                | "min"
                | "heures"
                | "hours"
                | "h"
                | "pourcent"
                | "percent"
                | "dollars"
        )
    );
    // "My address is 75 rue des Saules" is no age.
    let is_n = matches!(prev, Some("is" | "was" | "am" | "turned" | "turns" | "aged"))
        && !measure
        && !next.is_some_and(normalize::is_street_prefix);
    (years && !duration) || is_n
}

/// Greetings and thanks, folded.
const POLITENESS: &[&str] = &[
    "bonjour", "bonsoir", "salut", "allo", "hello", "hi", "hey", "merci", "thanks", "thank", "thx", "ty", "svp", "stp",
    "please", "pls", "plz",
];

/// Phrases that ask for opening hours.
static HOURS: std::sync::LazyLock<normalize::PhraseSet> = std::sync::LazyLock::new(|| {
    normalize::PhraseSet::new(&[
        "what time",
        "until what time",
        "a quelle heure",
        "jusque a quelle heure",
        "quelle heure",
        "heures d ouverture",
        "heures de ouverture",
        "opening hours",
        "hours of",
    ])
});

static VOLUNTEER: std::sync::LazyLock<Option<Concept>> =
    std::sync::LazyLock::new(|| lexicon::concept_by_name("volunteer"));

static OPEN_CLOSED: std::sync::LazyLock<[Option<Concept>; 2]> =
    std::sync::LazyLock::new(|| [lexicon::concept_by_name("open"), lexicon::concept_by_name("closed")]);

fn is_open_or_closed(concept: Option<Concept>) -> bool {
    concept.is_some() && OPEN_CLOSED.contains(&concept)
}

fn concept_key(concept: Concept) -> String {
    format!("#{}", lexicon::concept_name(concept))
}

/// The term keys a token may match, best first: its concept, then its stems.
fn keys_of(token: &Token, lang: Option<Lang>, no_smell: bool) -> ([Option<String>; 3], bool) {
    let concept = lexicon::concept_in(token, lang, no_smell);
    let (first, second) = match lang {
        Some(Lang::En) => (&token.stem_en, &token.stem_fr),
        _ => (&token.stem_fr, &token.stem_en),
    };
    let second = if second == first { None } else { Some(second.to_string()) };
    ([concept.map(concept_key), Some(first.to_string()), second], concept.is_some())
}

impl Index {
    pub fn build(directive_set: &DirectiveSet) -> Index {
        let mut term_ids: HashMap<String, TermId> = HashMap::default();
        let mut words: HashMap<String, TermId> = HashMap::default();
        let mut entries = Vec::with_capacity(directive_set.entries.len());
        let mut answer_stems: HashMap<String, u32> = HashMap::default();
        let mut answer_postings: Vec<Vec<u32>> = Vec::new();

        let intern = |key: String, term_ids: &mut HashMap<String, TermId>| -> TermId {
            let next = term_ids.len() as TermId;
            *term_ids.entry(key).or_insert(next)
        };

        for entry in &directive_set.entries {
            let mut docs = Vec::new();
            let texts = entry
                .questions_fr
                .iter()
                .map(|q| (q, Some(Lang::Fr), false))
                .chain(entry.questions_en.iter().map(|q| (q, Some(Lang::En), false)))
                .chain(entry.keywords.iter().map(|k| (k, None, true)));
            for (text, lang, keyword) in texts {
                let normalized = tokenize(text);
                let no_smell = lexicon::sent_is_no_smell(&normalized, lang);
                let mut terms: Vec<(TermId, f32)> = Vec::new();
                let mut positions: Vec<Vec<TermId>> = Vec::new();
                let mut names_only = true;
                for token in normalized.content() {
                    names_only &= token.entity || token.word.bytes().all(|b| b.is_ascii_digit());
                    let (keys, has_concept) = keys_of(token, lang, no_smell);
                    // An indexed word is one term: its concept, else its stem
                    // in the text's language (both stems for keywords, whose
                    // language is not said).
                    let chosen: Vec<String> = if has_concept {
                        vec![keys[0].clone().expect("has_concept")]
                    } else if lang.is_some() {
                        vec![keys[1].clone().expect("first stem")]
                    } else {
                        keys[1..].iter().flatten().cloned().collect()
                    };
                    let mut position = Vec::new();
                    for key in chosen {
                        let id = intern(key, &mut term_ids);
                        position.push(id);
                        // A name weighs fully here: in a directive it is what
                        // the question is about ("le numéro de la Croix-Rouge"),
                        // where in a message it is mostly where the resident is.
                        if !terms.iter().any(|(t, _)| *t == id) {
                            terms.push((id, 1.0));
                        }
                        if token.word.chars().count() >= 4 {
                            words.entry(token.word.clone()).or_insert(id);
                        }
                    }
                    positions.push(position);
                }
                // What the question asks for (where, when…) is a term too.
                if !keyword
                    && !terms.is_empty()
                    && let Some(kind) = asks(&normalized)
                {
                    let id = intern(kind.key().to_string(), &mut term_ids);
                    terms.push((id, ASKS_WEIGHT));
                }
                if !terms.is_empty() {
                    // By term, as the search adds the matched ones up: the
                    // same sum in the same order either way.
                    terms.sort_unstable_by_key(|&(t, _)| t);
                    docs.push(Doc { terms, keyword, total: 0.0, positions, names_only });
                }
            }
            let mut all: Vec<TermId> = docs.iter().flat_map(|d| d.terms.iter().map(|(t, _)| *t)).collect();
            all.sort_unstable();
            all.dedup();
            // The answers say what an entry covers in more words than its
            // questions: their words explain a message, at a discount.
            let mut answer_terms = Vec::new();
            let entry_index = entries.len() as u32;
            for (text, lang) in [(&entry.answer.fr, Lang::Fr), (&entry.answer.en, Lang::En)] {
                let Some(text) = text else { continue };
                let answer = tokenize(text);
                let no_smell = lexicon::sent_is_no_smell(&answer, Some(lang));
                for token in answer.content() {
                    let (keys, has_concept) = keys_of(token, Some(lang), no_smell);
                    let key = if has_concept { keys[0].clone() } else { keys[1].clone() };
                    let id = intern(key.expect("a concept or a stem"), &mut term_ids);
                    if all.binary_search(&id).is_err() {
                        answer_terms.push(id);
                    }
                    // The word as written, for `search_answers`.
                    for stem in [&token.stem_fr, &token.stem_en] {
                        let id = match answer_stems.get(&**stem) {
                            Some(&id) => id as usize,
                            None => {
                                answer_stems.insert(stem.to_string(), answer_postings.len() as u32);
                                answer_postings.push(Vec::new());
                                answer_postings.len() - 1
                            }
                        };
                        if answer_postings[id].last() != Some(&entry_index) {
                            answer_postings[id].push(entry_index);
                        }
                    }
                }
            }
            answer_terms.sort_unstable();
            answer_terms.dedup();
            entries.push(IndexedEntry {
                docs,
                terms: all,
                answer_terms,
                term_docs: Vec::new(),
                term_doc_starts: Vec::new(),
            });
        }

        let mut postings = vec![Vec::new(); term_ids.len()];
        for (i, entry) in entries.iter().enumerate() {
            for &t in entry.terms.iter().chain(&entry.answer_terms) {
                postings[t as usize].push(i as u32);
            }
        }
        let n = entries.len().max(1) as f32;
        let specificity: Vec<f32> = postings
            .iter()
            .map(|p| ((1.0 + n / p.len().max(1) as f32).ln() / (1.0 + n).ln()).clamp(0.05, 1.0))
            .collect();
        // Rarity counts the answers' words; the postings searched do not: an
        // entry none of whose questions or keywords shares a word with a
        // message scores zero whatever its answer says.
        for (term, entries_with_term) in postings.iter_mut().enumerate() {
            entries_with_term.retain(|&e| entries[e as usize].terms.binary_search(&(term as TermId)).is_ok());
        }
        // Weigh each question's terms by their specificity once, here.
        for entry in &mut entries {
            for doc in &mut entry.docs {
                for (t, w) in &mut doc.terms {
                    *w *= specificity[*t as usize];
                }
                doc.total = doc.terms.iter().map(|(_, w)| w).sum();
            }
            let mut starts = Vec::with_capacity(entry.terms.len() + 1);
            let mut term_docs = Vec::new();
            for &t in &entry.terms {
                starts.push(term_docs.len() as u32);
                for (d, doc) in entry.docs.iter().enumerate().filter(|(_, doc)| !doc.keyword) {
                    if let Ok(i) = doc.terms.binary_search_by_key(&t, |&(term, _)| term) {
                        term_docs.push((d as u32, doc.terms[i].1));
                    }
                }
            }
            starts.push(term_docs.len() as u32);
            entry.term_docs = term_docs;
            entry.term_doc_starts = starts;
        }
        let mut vocabulary_by_length: Vec<Vec<VocabularyWord>> = Vec::new();
        for (word, &term) in &words {
            let word = word.clone();
            let len = word.chars().count();
            if vocabulary_by_length.len() <= len {
                vocabulary_by_length.resize(len + 1, Vec::new());
            }
            let letters = letter_mask(&word);
            vocabulary_by_length[len].push(VocabularyWord { word, term, letters });
        }
        let mut concept_terms = Vec::new();
        for (key, &term) in &term_ids {
            if let Some(name) = key.strip_prefix('#')
                && let Some(concept) = lexicon::concept_by_name(name)
            {
                let i = usize::from(concept);
                if concept_terms.len() <= i {
                    concept_terms.resize(i + 1, None);
                }
                concept_terms[i] = Some(term);
            }
        }
        for bucket in &mut vocabulary_by_length {
            bucket.sort();
        }
        let id = NEXT_INDEX_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        Index {
            term_ids,
            concept_terms,
            specificity,
            postings,
            answer_stems,
            answer_postings,
            entries,
            vocabulary_by_length,
            words,
            id,
        }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The closest indexed word to a misspelt `word`, if close enough.
    fn typo_term(&self, word: &str) -> Option<TermId> {
        let len = word.chars().count();
        if len < 5 || word.bytes().any(|b| b.is_ascii_digit()) {
            return None;
        }
        let cached = TYPO_CACHE.with(|cache| {
            let cache = cache.borrow();
            if cache.0 == self.id { cache.1.get(word).copied() } else { None }
        });
        if let Some(found) = cached {
            return found;
        }
        let found = self.scan_typo(word, len);
        TYPO_CACHE.with(|cache| {
            let mut cache = cache.borrow_mut();
            // One index at a time: a reload starts the cache over.
            if cache.0 != self.id || cache.1.len() >= TYPO_CACHE_LIMIT {
                cache.0 = self.id;
                cache.1.clear();
            }
            cache.1.insert(word.to_string(), found);
        });
        found
    }

    fn scan_typo(&self, word: &str, len: usize) -> Option<TermId> {
        let min_similarity = if len >= 8 { 0.75 } else { 0.8 };
        let mut best: Option<(f64, TermId)> = None;
        let letters = letter_mask(word);
        for candidate_len in len.saturating_sub(1)..=len + 1 {
            let Some(bucket) = self.vocabulary_by_length.get(candidate_len) else {
                continue;
            };
            for VocabularyWord { word: candidate, term: id, letters: candidate_letters } in bucket {
                if (letters ^ candidate_letters).count_ones() > 4 {
                    continue;
                }
                // Cheap filter: a typo rarely changes both of the first two letters.
                let mut a = word.chars();
                let mut b = candidate.chars();
                let (a0, a1, b0, b1) = (a.next(), a.next(), b.next(), b.next());
                if a0 != b0 && a1 != b1 {
                    continue;
                }
                // A short word one letter off another is most often another
                // real word ("vente"/"verte", "blood"/"flood", "homme"/"home"):
                // at five letters only two swapped letters ("sabel") are a typo.
                if len == 5 && !is_transposition(word, candidate) {
                    continue;
                }
                // Optimal string alignment: edits and adjacent transpositions.
                let distance = strsim::osa_distance(word, candidate);
                let similarity = 1.0 - distance as f64 / len.max(candidate_len) as f64;
                if similarity >= min_similarity && best.is_none_or(|(s, _)| similarity > s) {
                    best = Some((similarity, *id));
                }
            }
        }
        best.map(|(_, id)| id)
    }

    /// Snowball leaves French verbs in the third person plural whole
    /// ("passent", "rouvrent", "distribuent": "-ent" also ends "moment",
    /// "urgent"). For such a word the set does not know, the term of its
    /// infinitive, if the set has one: "les vidanges passent-tu" reaches
    /// "passer".
    fn plural_verb_term(&self, token: &Token, lang: Option<Lang>) -> Option<TermId> {
        let word = token.word.as_str();
        if lang == Some(Lang::En) || word.len() < 6 || !word.ends_with("ent") || &*token.stem_fr != word {
            return None;
        }
        let root = &word[..word.len() - 3];
        ["er", "ir", "re"].iter().find_map(|ending| {
            let infinitive = format!("{root}{ending}");
            let stem = normalize::stem(Lang::Fr, &infinitive);
            lexicon::concept_of(&infinitive, &stem, "", Some(Lang::Fr))
                .and_then(|concept| self.concept_terms.get(usize::from(concept)).copied().flatten())
                .or_else(|| self.term_ids.get(&stem).copied())
        })
    }

    /// Ranked candidates for a normalised message, best first, at most
    /// `limit`, scores in [0, 1].
    pub fn search(&self, message: &Normalized, lang: Option<Lang>, limit: usize) -> Vec<Candidate> {
        self.rank(message, lang, limit, false)
    }

    /// The entries only whose answers, not their questions or keywords,
    /// speak of the message ("can we still bbq" and a fire ban's answer that
    /// names barbecues), ranked as [`Index::search`] ranks, each credited
    /// [`ANSWER_ONLY_QUESTION_COVERAGE`] for its questions: a score of at
    /// most 0.5 when the answer explains the whole message (its words count
    /// half), a little more when one of the entry's questions asks the same
    /// (where, when). The decision offers them in a choice, never answers
    /// from them.
    pub fn search_answers(&self, message: &Normalized, lang: Option<Lang>, limit: usize) -> Vec<Candidate> {
        self.rank(message, lang, limit, true)
    }

    fn rank(&self, message: &Normalized, lang: Option<Lang>, limit: usize, answers_only: bool) -> Vec<Candidate> {
        let query = self.query_terms(message, lang);
        let total: f32 = query.iter().map(|q| q.weight).sum();
        if total <= 0.0 {
            return Vec::new();
        }
        // A question sentence that asks but names nothing ("Qu'est-ce qu'on
        // devrait faire?") says nothing of the topic: the message is judged
        // whole, not on that sentence, which any entry that asks the same
        // would explain.
        let question_content: f32 = query.iter().filter(|q| q.in_question && !q.asks).map(|q| q.weight).sum();
        let question_total: f32 =
            if question_content > 0.0 { query.iter().filter(|q| q.in_question).map(|q| q.weight).sum() } else { 0.0 };

        // Entries sharing at least one term with the message.
        let mut touched: Vec<u32> = Vec::new();
        for q in query.iter().filter(|q| !q.asks) {
            for &(t, _) in &q.terms {
                touched.extend_from_slice(&self.postings[t as usize]);
            }
        }
        touched.sort_unstable();
        touched.dedup();
        // Asked for the entries only their answers reach: those, not the
        // ones the questions and keywords reach. An answer is long and its
        // words general: it reaches a message by one of the message's own
        // words as written, not by a synonym ("throw out the ice cubes" is
        // no garbage pickup).
        if answers_only {
            let mut reached: Vec<u32> = Vec::new();
            for token in message.content().filter(|t| !is_generic(&t.word)) {
                for stem in [&token.stem_fr, &token.stem_en] {
                    if let Some(&id) = self.answer_stems.get(&**stem) {
                        reached.extend(
                            self.answer_postings[id as usize].iter().filter(|e| touched.binary_search(e).is_err()),
                        );
                    }
                }
            }
            reached.sort_unstable();
            reached.dedup();
            touched = reached;
        }

        // The query's terms, sorted, with the token each comes from: merged
        // against each entry's sorted terms.
        let mut query_index: Vec<(TermId, u16, f32)> = Vec::new();
        for (i, q) in query.iter().enumerate() {
            for &(t, discount) in &q.terms {
                query_index.push((t, i as u16, discount));
            }
        }
        query_index.sort_unstable_by_key(|&(t, _, _)| t);

        let mut candidates: Vec<Candidate> = Vec::with_capacity(touched.len());
        let mut best = vec![0.0f32; query.len()];
        let mut matched: Vec<(TermId, f32)> = Vec::new();
        let mut have: Vec<f32> = Vec::new();
        for entry_index in touched {
            let entry = &self.entries[entry_index as usize];
            matched.clear();
            explain(&query_index, entry, &mut best, |t, discount| match matched.last_mut() {
                Some((last, d)) if *last == t => *d = d.max(discount),
                _ => matched.push((t, discount)),
            });
            // Message coverage: each message word explained at its best.
            let mut explained = 0.0f32;
            let mut explained_in_question = 0.0f32;
            for (q, b) in query.iter().zip(&best) {
                explained += q.weight * b;
                if q.in_question {
                    explained_in_question += q.weight * b;
                }
            }
            // A long message with its question in one sentence is judged on
            // that sentence too, a little less surely.
            let mut message_coverage = explained / total;
            if question_total > 0.0 {
                message_coverage =
                    message_coverage.max(QUESTION_SENTENCE_DISCOUNT * explained_in_question / question_total);
            }
            // What each question holds of the matched terms.
            have.clear();
            have.resize(entry.docs.len(), 0.0);
            for &(t, discount) in &matched {
                if let Ok(k) = entry.terms.binary_search(&t) {
                    let (from, to) = (entry.term_doc_starts[k] as usize, entry.term_doc_starts[k + 1] as usize);
                    for &(doc, w) in &entry.term_docs[from..to] {
                        have[doc as usize] += w * discount;
                    }
                }
            }
            // Coverage of the best question, or a keyword found whole.
            let mut question_coverage = 0.0f32;
            for (doc, have) in entry.docs.iter().zip(&have) {
                let coverage = if doc.keyword {
                    // Most keywords are not in a message: check their words
                    // against the entry's matched terms before their order.
                    let all_matched = doc.positions.iter().all(|alternatives| {
                        alternatives.iter().any(|t| matched.binary_search_by_key(t, |&(m, _)| m).is_ok())
                    });
                    if all_matched && keyword_found(&doc.positions, &query) {
                        if doc.names_only {
                            NAME_KEYWORD_COVERAGE
                        // One word, though it may be two terms: a keyword's
                        // word has both stems ("remplir": "rempl", "remplir").
                        } else if doc.positions.len() == 1 {
                            SINGLE_KEYWORD_COVERAGE
                        } else {
                            KEYWORD_COVERAGE
                        }
                    } else {
                        0.0
                    }
                } else if doc.total > 0.0 {
                    have / doc.total
                } else {
                    0.0
                };
                question_coverage = question_coverage.max(coverage);
            }
            let credited = if answers_only { ANSWER_ONLY_QUESTION_COVERAGE } else { question_coverage };
            let score = (message_coverage * credited).sqrt().clamp(0.0, 1.0);
            let unexplained_intent = query.iter().zip(&best).any(|(q, b)| q.intent && *b == 0.0);
            if score > 0.0 {
                candidates.push(Candidate {
                    entry: entry_index as usize,
                    score,
                    message_coverage,
                    question_coverage,
                    unexplained_intent,
                });
            }
        }
        candidates.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.entry.cmp(&b.entry)));
        candidates.truncate(limit);
        candidates
    }

    /// For tuning: each message word with its weight and the terms it may
    /// match, by name. Not used by the decision.
    #[doc(hidden)]
    pub fn explain_query(&self, message: &Normalized, lang: Option<Lang>) -> Vec<(f32, Vec<String>)> {
        let names: HashMap<TermId, &str> = self.term_ids.iter().map(|(k, &v)| (v, k.as_str())).collect();
        self.query_terms(message, lang)
            .iter()
            .map(|q| (q.weight, q.terms.iter().map(|(t, d)| format!("{}*{d:.1}", names[t])).collect()))
            .collect()
    }

    /// For tuning: an entry's questions and keywords as weighted terms.
    #[doc(hidden)]
    pub fn explain_entry(&self, entry: usize) -> Vec<String> {
        let names: HashMap<TermId, &str> = self.term_ids.iter().map(|(k, &v)| (v, k.as_str())).collect();
        self.entries[entry]
            .docs
            .iter()
            .map(|d| d.terms.iter().map(|(t, w)| format!("{}:{w:.2}", names[t])).collect::<Vec<_>>().join(" "))
            .collect()
    }

    /// The message's content words, in order, with the terms of the set
    /// each may match and its weight. A repeated word counts once.
    fn query_terms(&self, message: &Normalized, lang: Option<Lang>) -> Vec<QueryToken> {
        let mut query: Vec<QueryToken> = Vec::new();
        let mut seen_words: Vec<&str> = Vec::new();
        let content: Vec<&Token> = message.content().collect();
        // An age of 65 or more is someone elderly ("ma mère a 80 ans", "my
        // mom is 91"), aligned with `content`.
        // Most messages hold no number: nothing to allocate then.
        let elderly_ages: Vec<bool> = if content.iter().any(|t| is_number(&t.word)) {
            message
                .tokens
                .iter()
                .enumerate()
                .filter(|(_, t)| !t.stop)
                .map(|(i, _)| is_elderly_age(&message.tokens, i))
                .collect()
        } else {
            Vec::new()
        };
        let elderly = ELDERLY.and_then(|c| self.concept_terms.get(usize::from(c)).copied().flatten());
        // "What time does the info line close": opening hours, not a
        // closure; the line is what the message is about.
        let asks_hours = HOURS.any(message);
        let no_smell = lexicon::sent_is_no_smell(message, lang);
        let mut skip_next = false;
        let mut joined = String::new();
        // Inside a run of name words that started with "rue", "chemin"…
        let mut in_street_name = false;
        for (i, token) in content.iter().enumerate() {
            in_street_name = token.entity && (in_street_name || is_street_prefix(&token.word));
            if std::mem::take(&mut skip_next) {
                continue;
            }
            // "Bonjour … merci": politeness says nothing of the topic.
            if POLITENESS.contains(&token.word.as_str()) {
                query.push(QueryToken {
                    terms: TermList::default(),
                    weight: 0.0,
                    in_question: token.question,
                    asks: false,
                    generic: true,
                    intent: false,
                });
                continue;
            }
            let repeated = seen_words.contains(&token.word.as_str());
            seen_words.push(&token.word);
            let concept = lexicon::concept_in(token, lang, no_smell);
            if elderly_ages.get(i).copied().unwrap_or(false)
                && let Some(term) = elderly
            {
                let mut terms = TermList::default();
                terms.push((term, 1.0));
                let weight = if repeated { 0.0 } else { self.specificity[term as usize] };
                query.push(QueryToken {
                    terms,
                    weight,
                    in_question: token.question,
                    asks: false,
                    generic: false,
                    intent: false,
                });
                continue;
            }
            let base = if is_number(&token.word) && !is_service_number(&token.word) {
                NUMBER_WEIGHT
            } else if token.entity {
                ENTITY_WEIGHT
            } else if is_generic(&token.word) || (asks_hours && is_open_or_closed(concept)) {
                GENERIC_WEIGHT
            } else {
                1.0
            };
            // The token's concept, then its stems in both languages, as
            // `keys_of` names them at build time, without allocating.
            let mut terms = TermList::default();
            // A street's name says where, not what: "rue des Saules" is no
            // tree, "chemin de la Grève" no strike (the "rue" or "route"
            // before it keeps its meaning).
            let concept = if in_street_name && !is_street_prefix(&token.word) { None } else { concept };
            if let Some(concept) = concept
                && let Some(Some(term)) = self.concept_terms.get(usize::from(concept))
            {
                terms.push((*term, 1.0));
            }
            for stem in [&token.stem_fr, &token.stem_en] {
                if let Some(&term) = self.term_ids.get(&**stem)
                    && !terms.iter().any(|(t, _)| *t == term)
                {
                    terms.push((term, 1.0));
                }
            }
            if terms.is_empty()
                && let Some(term) = self.plural_verb_term(token, lang)
            {
                terms.push((term, 1.0));
            }
            // A compound the set knows, written in two words ("sand bags"):
            // tried only when neither word is known alone.
            if terms.is_empty()
                && let Some(next) = content.get(i + 1)
                && !self.term_ids.contains_key(&*next.stem_fr)
                && !self.term_ids.contains_key(&*next.stem_en)
                && lexicon::concept_of_token(next, lang).is_none()
                && let Some(&term) = {
                    joined.clear();
                    joined.push_str(&token.word);
                    joined.push_str(&next.word);
                    self.words.get(joined.as_str())
                }
            {
                terms.push((term, 1.0));
                skip_next = true;
            }
            // A generic word is a word, not a typo ("small" is not "smell");
            // nor is a word the lexicon knows ("bridge" is not "fridge").
            if terms.is_empty()
                && base != GENERIC_WEIGHT
                && concept.is_none()
                && let Some(id) = self.typo_term(&token.word)
            {
                terms.push((id, TYPO_DISCOUNT));
            }
            // A word the set knows weighs by its rarity; an unknown word
            // weighs fully: it is something the directives do not cover.
            let specificity = terms
                .iter()
                .map(|&(t, _)| self.specificity[t as usize])
                .fold(None, |m: Option<f32>, s| Some(m.map_or(s, |m: f32| m.max(s))))
                .unwrap_or(1.0);
            // A name the set does not know, that is not a street's ("le
            // Maxi", "Tim Hortons"), is likely what the message is about:
            // it weighs as any word the set does not know.
            let unknown_name = token.entity && terms.is_empty() && !in_street_name;
            let base = if unknown_name { 1.0 } else { base };
            // A word of the incident domain that no question or keyword of
            // the set has ("bonfire" in a heat wave's set) is a topic it
            // does not cover. Counting a word of an answer as covered was
            // tried: out-of-scope questions got answered (ice storm and heat
            // sets, one more each).
            let base =
                if terms.iter().all(|&(t, _)| self.postings[t as usize].is_empty()) && base == 1.0 && concept.is_some()
                {
                    UNCOVERED_TOPIC_WEIGHT
                } else {
                    base
                };
            let weight = if repeated { 0.0 } else { base * specificity };
            let generic = base == GENERIC_WEIGHT;
            let word = token.word.as_str();
            let intent = weight > 0.0
                && (LEGAL.contains(&word)
                    || WORTH.contains(&word)
                    || (concept.is_some_and(|c| INTENT.contains(&c)) && !NOT_INTENT.contains(&word)));
            query.push(QueryToken { terms, weight, in_question: token.question, asks: false, generic, intent });
        }
        // A resident offering help says "volunteer" without the word.
        if let Some(sentence) = message.offers_help
            && let Some(Some(term)) = VOLUNTEER.and_then(|c| self.concept_terms.get(usize::from(c)))
        {
            let in_question = message.tokens.iter().any(|t| t.sentence == sentence && t.question);
            query.push(QueryToken::of_message(*term, self.specificity[*term as usize], in_question, false));
        }
        if let Some(kind) = asks(message)
            && let Some(&term) = self.term_ids.get(kind.key())
        {
            let in_question = message.tokens.iter().any(|t| t.question);
            query.push(QueryToken::of_message(term, ASKS_WEIGHT * self.specificity[term as usize], in_question, true));
        }
        // When only some sentences are questions, the others are context.
        let questions = query.iter().filter(|q| q.in_question).count();
        if questions == query.len() {
            for q in &mut query {
                q.in_question = false;
            }
        }
        query
    }
}

/// Calls `found(term, query token, discount)` for each query term that is
/// also in `terms`; both sorted by term, `terms` without duplicates.
fn merge(query_index: &[(TermId, u16, f32)], terms: &[TermId], mut found: impl FnMut(TermId, usize, f32)) {
    let (mut i, mut j) = (0, 0);
    while i < query_index.len() && j < terms.len() {
        let (t, token, discount) = query_index[i];
        match t.cmp(&terms[j]) {
            std::cmp::Ordering::Less => i += 1,
            // An entry has many more terms (its answers' words) than a
            // message: leap over the ones before `t`.
            std::cmp::Ordering::Greater => j = gallop(terms, j, t),
            std::cmp::Ordering::Equal => {
                found(t, usize::from(token), discount);
                i += 1;
            }
        }
    }
}

/// The first index from `from` on whose term is not below `t`, found by
/// steps that double, then halving (`terms` is sorted).
fn gallop(terms: &[TermId], from: usize, t: TermId) -> usize {
    let mut step = 1;
    let mut low = from;
    while low + step < terms.len() && terms[low + step] < t {
        low += step;
        step *= 2;
    }
    let high = (low + step + 1).min(terms.len());
    low + terms[low..high].partition_point(|&x| x < t)
}

/// The (at most three) terms a message word may match, with their discount:
/// its concept and its two stems, or the word it is a typo of. Inline, so a
/// search allocates nothing per word.
#[derive(Clone, Copy, Default)]
struct TermList {
    items: [(TermId, f32); 3],
    len: u8,
}

impl TermList {
    fn push(&mut self, item: (TermId, f32)) {
        if usize::from(self.len) < self.items.len() {
            self.items[usize::from(self.len)] = item;
            self.len += 1;
        }
    }
    fn iter(&self) -> std::slice::Iter<'_, (TermId, f32)> {
        self.items[..usize::from(self.len)].iter()
    }
    fn is_empty(&self) -> bool {
        self.len == 0
    }
}

impl<'a> IntoIterator for &'a TermList {
    type Item = &'a (TermId, f32);
    type IntoIter = std::slice::Iter<'a, (TermId, f32)>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

struct QueryToken {
    terms: TermList,
    weight: f32,
    /// In a question sentence of a message that has other sentences too.
    in_question: bool,
    /// What the message asks (where, when…): it scores entries, but alone
    /// it does not make one a candidate.
    asks: bool,
    /// A word that says little (a greeting, "gens", "encore"): a keyword's
    /// words may stand either side of one.
    generic: bool,
    /// A word of what a resident wants done about money or the law
    /// ([`INTENT_CONCEPTS`]).
    intent: bool,
}

impl QueryToken {
    /// A term the message as a whole says (what it asks, an offer of help)
    /// rather than one of its words.
    fn of_message(term: TermId, weight: f32, in_question: bool, asks: bool) -> QueryToken {
        let mut terms = TermList::default();
        terms.push((term, 1.0));
        QueryToken { terms, weight, in_question, asks, generic: false, intent: false }
    }
}

/// Whether a keyword's terms occur in the message in order, next to each
/// other but for stop words and one word that says little between two of
/// them ("sacs de sable" in "des sacs de sable svp", "liste des évacués" in
/// "liste des gens évacués", not "sac" … "sable" in "mon sac est plein de
/// sable").
/// How well `entry` explains each query token, into `best`: a term of its
/// questions or keywords at the token's discount, one only its answer says
/// at `ANSWER_DISCOUNT` of that. `found` sees each question or keyword
/// term matched, in term order.
fn explain(
    query_index: &[(TermId, u16, f32)],
    entry: &IndexedEntry,
    best: &mut [f32],
    mut found: impl FnMut(TermId, f32),
) {
    best.fill(0.0);
    merge(query_index, &entry.answer_terms, |_, token, discount| {
        best[token] = best[token].max(discount * ANSWER_DISCOUNT);
    });
    merge(query_index, &entry.terms, |t, token, discount| {
        best[token] = best[token].max(discount);
        found(t, discount);
    });
}

fn keyword_found(keyword: &[Vec<TermId>], query: &[QueryToken]) -> bool {
    let matches = |i: usize, alternatives: &[TermId]| {
        query.get(i).is_some_and(|q| q.terms.iter().any(|(t, _)| alternatives.contains(t)))
    };
    let Some((first, rest)) = keyword.split_first() else {
        return false;
    };
    (0..query.len()).filter(|&start| matches(start, first)).any(|start| {
        let mut at = start;
        rest.iter().all(|alternatives| {
            if matches(at + 1, alternatives) {
                at += 1;
                true
            } else if query.get(at + 1).is_some_and(|q| q.generic) && matches(at + 2, alternatives) {
                at += 2;
                true
            } else {
                false
            }
        })
    })
}

/// A North American N11 number (211, 311, 811, 911…): a service, not a
/// street number or an age.
fn is_service_number(word: &str) -> bool {
    let b = word.as_bytes();
    b.len() == 3 && (b'2'..=b'9').contains(&b[0]) && &b[1..] == b"11"
}

/// A number, an ordinal ("2e", "1er", "3rd"), an hour or a measure ("2h",
/// "5km"): a floor, a street number, an age, a time.
fn is_number(word: &str) -> bool {
    // Counts written out ("y en a deux qui sont mortes", "three of my
    // ducks") say how many, not what. Not "neuf" (also new) nor "cent".
    static NUMBER_WORDS: std::sync::LazyLock<rustc_hash::FxHashSet<&'static str>> = std::sync::LazyLock::new(|| {
        [
            "deux",
            "trois",
            "quatre",
            "cinq",
            "six",
            "sept",
            "huit",
            "dix",
            "onze",
            "douze",
            "quinze",
            "vingt",
            "trente",
            "quarante",
            "cinquante",
            "mille",
            "two",
            "three",
            "four",
            "five",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "fifteen",
            "twenty",
            "thirty",
            "forty",
            "fifty",
            "hundred",
            "thousand",
        ]
        .into_iter()
        .collect()
    });
    if !word.as_bytes().first().is_some_and(u8::is_ascii_digit) {
        return NUMBER_WORDS.contains(word);
    }
    let digits = word.bytes().take_while(u8::is_ascii_digit).count();
    let rest = &word[digits..];
    // Ordinals, hours ("2h", "14h30", "3pm") and units ("5km", "30min").
    digits > 0
        && (matches!(
            rest,
            "" | "e"
                | "er"
                | "re"
                | "eme"
                | "ieme"
                | "st"
                | "nd"
                | "rd"
                | "th"
                | "h"
                | "hr"
                | "hrs"
                | "am"
                | "pm"
                | "min"
                | "mins"
                | "km"
                | "m"
                | "cm"
                | "mm"
                | "ft"
                | "pi"
                | "kg"
                | "lb"
                | "lbs"
                | "c"
                | "f"
        ) || rest.strip_prefix('h').is_some_and(|m| m.bytes().all(|b| b.is_ascii_digit())))
}

/// Words that say little about the topic of a message: time, urgency, vague
/// nouns and verbs. They still count, a third as much (greetings and thanks,
/// `POLITENESS`, count nothing).
pub fn is_generic(word: &str) -> bool {
    // A plural of one ("besoins", "things") says as little; "news" is no
    // plural of "new".
    GENERIC_SET.contains(word)
        || (word != "news" && word.strip_suffix('s').is_some_and(|w| w.len() > 3 && GENERIC_SET.contains(w)))
}

static GENERIC_SET: std::sync::LazyLock<rustc_hash::FxHashSet<&'static str>> =
    std::sync::LazyLock::new(|| GENERIC.iter().copied().collect());

/// Folded. Words that say little of what a message is about: times and
/// days, sizes, colours (a lost cat's description, not red or yellow, which
/// name alert levels and placards), light verbs.
static GENERIC: &[&str] = &[
    "actually",
    "around",
    // "supposed to stop", "censé finir": the verb says what.
    "supposed",
    "suppose",
    "cense",
    "censee",
    "environ",
    // The manner of doing a thing ("la bonne façon de faire bouillir") is
    // not a topic.
    "facon",
    "maniere",
    "way",
    "ways",
    // Asking whether a rumour is true, or whether to worry, says nothing of
    // what about.
    "vrai",
    "vraie",
    "true",
    "worry",
    "worried",
    "heard",
    "entendu",
    "trop",
    "bord",
    "half",
    "moitie",
    "hate",
    "aimerait",
    "aimerais",
    "aimerions",
    "dessous",
    "dessus",
    "run",
    "runs",
    "running",
    "ran",
    "attendre",
    "attend",
    "attends",
    "attendent",
    "wait",
    "waiting",
    // Directions name a part of town, not a topic ("le secteur nord").
    "nord",
    "sud",
    "ouest",
    "north",
    "south",
    "east",
    "west",
    "situation",
    // Seasons, as days and months.
    "hiver",
    "winter",
    "automne",
    "autumn",
    "minuit",
    "midnight",
    "noon",
    "midi",
    "afternoon",
    "evening",
    "soiree",
    // Asking leave says no more than "can I" ("are pets allowed").
    "allowed",
    "allow",
    "permitted",
    "autorise",
    "autorises",
    "autorisee",
    "autorisees",
    // "Y a-tu moyen de…", "what kind of…", "where exactly": a way, a sort,
    // a degree.
    "moyen",
    "kind",
    "exactly",
    // A hedge on what one knows ("je pense que je connais le suspect", "I
    // think my street is in the zone"): what is thought says the topic.
    "pense",
    "penses",
    "pensais",
    "penser",
    "crois",
    "croit",
    "croyais",
    "think",
    "thought",
    "guess",
    // "even if I feel fine": no event.
    "even",
    // Getting somewhere ("comment je me rends au centre", "le feu est
    // rendu au garage"): where says what.
    "rend",
    "rends",
    "rendre",
    "rendent",
    "rendu",
    "rendus",
    // Looking, as "look" ("faut-tu qu'on regarde dans le cabanon").
    "regarde",
    "regarder",
    "regardez",
    "regardes",
    "connais",
    "connait",
    "connu",
    "connue",
    "actuellement",
    "affaire",
    "affaires",
    "afin",
    "ajourdhui",
    "already",
    "annee",
    "ans",
    "any",
    "anymore",
    "anywhere",
    "arrive",
    "arriver",
    "aujourdhui",
    "avance",
    "back",
    "bad",
    "beaucoup",
    "beige",
    "besoin",
    "bien",
    "big",
    "bit",
    "black",
    "blanc",
    "blanche",
    "bonne",
    "bout",
    "brown",
    "brun",
    "brune",
    "came",
    "cas",
    "city",
    "cm",
    "coin",
    "come",
    "comes",
    "coming",
    "complet",
    "correct",
    // "Elle est-tu correcte?": fine, not a typo of "collecte".
    "correcte",
    "corrects",
    "correctes",
    "day",
    "days",
    "degre",
    "degree",
    "degrees",
    "degres",
    "deja",
    "demain",
    "demande",
    "different",
    "dimanche",
    "dit",
    "emergency",
    "encore",
    "endroit",
    "enorme",
    "ensuite",
    "etc",
    "exactement",
    "find",
    "fine",
    "friday",
    "genre",
    "gens",
    "giant",
    "ginger",
    "good",
    "grand",
    "grande",
    "gray",
    "grey",
    "gris",
    "grise",
    "gros",
    "grosse",
    "guys",
    "h",
    "happen",
    "happened",
    "happening",
    "happens",
    "help",
    "heure",
    "heures",
    "hier",
    // Laughter says the tone, not the topic.
    "lol",
    "mdr",
    "haha",
    "lmao",
    "hour",
    "hours",
    "huge",
    "idea",
    "idee",
    "important",
    "importante",
    "importantes",
    "importants",
    "inch",
    "inches",
    "info",
    "jeudi",
    "jour",
    "jours",
    "journee",
    "journees",
    "meanwhile",
    // "La meilleure façon de…", "the best way to": how, not what.
    "meilleur",
    "meilleure",
    "meilleurs",
    "meilleures",
    "best",
    "keep",
    "keeps",
    "kilometre",
    "kilometres",
    "km",
    "know",
    "large",
    "last",
    "lieu",
    "little",
    "live",
    "lives",
    "location",
    "look",
    "lot",
    "lundi",
    "maintenant",
    "make",
    "mardi",
    "matin",
    "maybe",
    "mercredi",
    "met",
    "meter",
    "meters",
    "metre",
    "metres",
    "mets",
    "mettre",
    "minute",
    "minutes",
    "mois",
    "moment",
    "monday",
    "month",
    "morning",
    "much",
    "municipal",
    "municipale",
    "near",
    "new",
    "next",
    "night",
    "nights",
    "noir",
    "noire",
    "normal",
    "nouveau",
    "nouvelle",
    "now",
    "nowhere",
    "nuit",
    "nuits",
    "ok",
    "okay",
    "overnight",
    "pareil",
    "people",
    "personne",
    "personnes",
    "petit",
    "petite",
    "peutetre",
    "place",
    "possible",
    "pouce",
    "pouces",
    "prend",
    "prendre",
    "prends",
    "pres",
    "probablement",
    "probably",
    "prochain",
    "prochaine",
    "put",
    "puts",
    "quelqu'un",
    "quelque",
    "question",
    "questions",
    "quick",
    "quickly",
    "fast",
    "faster",
    "enough",
    "rapidement",
    "really",
    "rendu",
    "rendue",
    "right",
    "rousse",
    "roux",
    "said",
    "samedi",
    "saturday",
    "says",
    "semaine",
    "semaines",
    "small",
    "soir",
    "somewhere",
    "sorry",
    "spot",
    "still",
    "stuff",
    "sunday",
    "sure",
    "tabby",
    "take",
    "takes",
    "taking",
    "tell",
    "tellement",
    "temps",
    "thing",
    "things",
    "thursday",
    "tigre",
    "tigree",
    "time",
    "tiny",
    "today",
    "told",
    "tomorrow",
    "tonight",
    "took",
    "truc",
    "tuesday",
    "urgence",
    "urgent",
    "use",
    "vendredi",
    "venir",
    "venu",
    "venue",
    "vers",
    "viendra",
    "viendront",
    "viennent",
    "vient",
    "ville",
    "vite",
    "voir",
    "vraiment",
    "wednesday",
    "week",
    "weekend",
    "weeks",
    "white",
    "year",
    "years",
    "yesterday",
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::directives::Source;

    proptest::proptest! {
        #[test]
        fn gallop_finds_what_a_walk_finds(
            mut terms in proptest::collection::vec(0u32..500, 0..200),
            from in 0usize..200,
            t in 0u32..520,
        ) {
            terms.sort_unstable();
            terms.dedup();
            // As `merge` calls it: from a term below `t`.
            proptest::prop_assume!(from < terms.len() && terms[from] < t);
            let walked = from + terms[from..].iter().take_while(|&&x| x < t).count();
            proptest::prop_assert_eq!(gallop(&terms, from, t), walked);
        }
    }

    /// A one-file set of `entries` (TOML `[[entry]]` tables) and its index.
    fn index_of(entries: &str) -> (DirectiveSet, Index) {
        let text = format!(
            "[directive]\ntitle = \"t\"\nissued_by = \"b\"\nissued_at = 2026-04-18T14:00:00-04:00\n\n{entries}"
        );
        let set = DirectiveSet::build(&[Source { file: "a.toml".into(), text }], 0).unwrap();
        let index = Index::build(&set);
        (set, index)
    }

    fn index() -> (DirectiveSet, Index) {
        index_of(
            r#"
[[entry]]
id = "shelter"
questions.fr = ["Où se trouve le centre d'hébergement?"]
questions.en = ["Where is the shelter?"]
answer.fr = "a"
answer.en = "a"

[[entry]]
id = "sandbags"
questions.fr = ["Où trouver des sacs de sable?"]
questions.en = ["Where can I get sandbags?"]
answer.fr = "b"
answer.en = "b"

[[entry]]
id = "pets"
questions.fr = ["Puis-je amener mon chien au centre d'hébergement?"]
questions.en = ["Can I bring my dog to the shelter?"]
keywords = ["animaux"]
answer.fr = "c"
answer.en = "c"
"#,
        )
    }

    #[track_caller]
    fn check(message: &str, expect_first: Option<&str>) {
        let (set, index) = index();
        let got = index.search(&tokenize(message), None, 3);
        let first = got.first().map(|c| set.entries[c.entry].id.as_str());
        assert_eq!(first, expect_first, "{message}: {got:?}");
        for c in &got {
            assert!((0.0..=1.0).contains(&c.score));
        }
    }

    #[test]
    fn ranks_by_meaning_across_languages_and_typos() {
        check("c'est où le refuge?", Some("shelter"));
        check("where r the sandbags", Some("sandbags"));
        check("sac de sabel", Some("sandbags"));
        check("je peux-tu emmener mon chat au refuge", Some("pets"));
        check("recette de pain aux bananes", None);
    }

    #[test]
    fn a_question_sentence_that_names_nothing_does_not_decide() {
        let (set, index) = index_of(
            r#"
[[entry]]
id = "septic"
questions.fr = ["Que faire si ma fosse septique est inondée?"]
answer.fr = "a"

[[entry]]
id = "pumps"
questions.fr = ["Quand puis-je vider l'eau de mon sous-sol?"]
answer.fr = "b"
"#,
        );
        // "quand" asks when, as the pumps' question does, but in the first
        // sentence: the last one, the question, names nothing.
        let message = "Depuis hier la toilette du sous-sol refoule quand on tire la chasse, la fosse septique est \
                       pleine. Qu'est-ce qu'on devrait faire?";
        let got = index.search(&tokenize(message), Some(Lang::Fr), 2);
        assert_eq!(set.entries[got[0].entry].id, "septic", "{got:?}");
        assert!(got.iter().all(|c| c.message_coverage < 0.5), "{got:?}");
    }

    #[test]
    fn a_one_word_keyword_counts_as_one_word_whatever_its_stems() {
        // "remplir" stems to "rempl" in French and stays whole in English.
        let (_, index) = index_of(
            r#"
[[entry]]
id = "dike"
questions.fr = ["Comment protéger ma maison avec un muret?"]
keywords = ["remplir", "digue de terre"]
answer.fr = "a"
"#,
        );
        let one_word = index.search(&tokenize("remplir"), Some(Lang::Fr), 1);
        assert_eq!(one_word[0].question_coverage, SINGLE_KEYWORD_COVERAGE, "{one_word:?}");
        let two_words = index.search(&tokenize("une digue de terre"), Some(Lang::Fr), 1);
        assert_eq!(two_words[0].question_coverage, KEYWORD_COVERAGE, "{two_words:?}");
    }

    #[test]
    fn a_keywords_words_may_stand_either_side_of_a_word_that_says_little() {
        let (_, index) = index_of(
            r#"
[[entry]]
id = "relatives"
questions.fr = ["Comment retrouver un proche?"]
keywords = ["liste des évacués", "sacs de sable"]
answer.fr = "a"
"#,
        );
        let coverage = |message: &str| {
            index.search(&tokenize(message), Some(Lang::Fr), 1).first().map_or(0.0, |c| c.question_coverage)
        };
        assert_eq!(coverage("y a-tu une liste des gens évacués?"), KEYWORD_COVERAGE);
        assert_eq!(coverage("la liste des évacués"), KEYWORD_COVERAGE);
        assert!(coverage("une liste des abris pour évacués") < KEYWORD_COVERAGE);
        assert!(coverage("mon sac est plein de sable") < KEYWORD_COVERAGE);
    }

    #[test]
    fn offering_help_reaches_volunteering() {
        let (set, index) = index_of(
            r#"
[[entry]]
id = "volunteer"
questions.fr = ["Comment devenir bénévole?"]
questions.en = ["How do I become a volunteer?"]
answer.fr = "a"

[[entry]]
id = "contact"
questions.fr = ["Comment joindre la Ville?"]
questions.en = ["Who do I contact at the city?"]
answer.fr = "b"
"#,
        );
        let got = index.search(&tokenize("I have a chainsaw and free time, how can I help out"), Some(Lang::En), 2);
        assert_eq!(got.first().map(|c| set.entries[c.entry].id.as_str()), Some("volunteer"), "{got:?}");
    }

    #[test]
    fn out_of_scope_words_lower_the_score() {
        let (_, index) = index();
        let plain = index.search(&tokenize("où est le refuge"), None, 1)[0].score;
        let diluted =
            index.search(&tokenize("où est le refuge pour la messe de l'église du dimanche"), None, 1)[0].score;
        assert!(diluted < plain - 0.2, "{plain} vs {diluted}");
    }

    #[test]
    fn a_french_plural_verb_reaches_its_infinitive() {
        let (_, index) = index_of(
            r#"
[[entry]]
id = "garbage"
questions.fr = ["Quand le camion des débris va-t-il passer?"]
questions.en = ["When will the truck pick up debris?"]
answer.fr = "a"
answer.en = "a"
"#,
        );
        let coverage = |text: &str| index.search(&tokenize(text), None, 1).first().map_or(0.0, |c| c.message_coverage);
        // Snowball leaves "passent" whole; its infinitive is in the set.
        assert_eq!(&*tokenize("passent").tokens[0].stem_fr, "passent");
        assert!(coverage("les camions passent-tu") > coverage("les camions zigouillent-tu") + 0.2);
    }

    #[test]
    fn asking_leave_or_naming_the_time_of_day_says_little() {
        for word in ["allowed", "autorisés", "midi", "evening"] {
            assert!(is_generic(&tokenize(word).tokens[0].word), "{word}");
        }
        // "are pets allowed at the shelter" is about pets and the shelter.
        check("are pets allowed at the shelter", Some("pets"));
    }

    #[test]
    fn a_five_letter_typo_is_a_transposition() {
        assert!(is_transposition("sabel", "sable"));
        assert!(!is_transposition("vente", "verte"));
        assert!(!is_transposition("sable", "sable"));
        assert!(!is_transposition("abcde", "badce"));
        let (_, index) = index();
        assert!(index.typo_term("sabel").is_some());
        // One letter changed: as likely another word as a typo of "sable".
        assert!(index.typo_term("saple").is_none());
    }

    #[test]
    fn a_topic_of_the_domain_no_question_covers_weighs_more_than_an_unknown_word() {
        let (_, index) = index();
        let message = tokenize("bonfire trampoline shelter");
        let weights: Vec<f32> = index.query_terms(&message, Some(Lang::En)).iter().map(|q| q.weight).collect();
        assert!(weights[0] > weights[1], "{weights:?}");
        assert_eq!(weights[1], 1.0);
    }

    #[test]
    fn greetings_and_thanks_do_not_dilute_a_question() {
        let (_, index) = index();
        let score = |text: &str| index.search(&tokenize(text), None, 1)[0].score;
        assert_eq!(score("Bonjour, où trouver des sacs de sable? Merci"), score("où trouver des sacs de sable"));
    }

    #[test]
    fn asking_for_opening_hours_is_not_about_a_closure() {
        let (_, index) = index();
        let weight_of = |text: &str, word: &str| {
            let message = tokenize(text);
            let position = message.content().position(|t| t.word == word).unwrap();
            index.query_terms(&message, Some(Lang::En))[position].weight
        };
        assert!(
            weight_of("what time does the info line close", "close") < weight_of("is the road still closed", "closed")
        );
    }

    #[test]
    fn a_plural_of_a_generic_word_is_generic_news_is_not() {
        assert!(is_generic("besoin") && is_generic("besoins"));
        assert!(!is_generic("news") && !is_generic("bus"));
    }

    #[test]
    fn ordinals_hours_and_units_weigh_as_numbers() {
        for word in ["212", "2e", "1er", "3eme", "2nd", "4th", "2h", "14h30", "3pm", "5km", "30min", "deux", "three"] {
            assert!(is_number(word), "{word}");
        }
        for word in ["e2", "covid19", "er", "abc", "2hx", "h2", "neuf"] {
            assert!(!is_number(word), "{word}");
        }
        assert!(is_service_number("311") && is_service_number("811"));
        assert!(!is_service_number("111") && !is_service_number("212") && !is_service_number("3111"));
    }

    #[test]
    fn an_unknown_name_is_out_of_scope_but_a_street_is_not() {
        let (_, index) = index();
        let coverage = |text: &str| index.search(&tokenize(text), None, 1)[0].message_coverage;
        let plain = coverage("where is the shelter");
        let street = coverage("where is the shelter near rue des Saules");
        let business = coverage("where is the shelter near the Tim Hortons");
        assert!(street > business + 0.1, "{street} vs {business}");
        assert!(plain >= street, "{plain} vs {street}");
    }

    #[test]
    fn an_age_of_65_or_more_is_someone_elderly() {
        let age = |text: &str| {
            let message = tokenize(text);
            (0..message.tokens.len()).any(|i| is_elderly_age(&message.tokens, i))
        };
        assert!(age("ma mère a 80 ans, est-ce dangereux pour elle"));
        assert!(age("ma voisine de 85 ans est toute seule"));
        assert!(age("my mom is 91 and lives alone"));
        assert!(age("my 78 year old father"));
        assert!(!age("mon fils a 15 ans"));
        assert!(!age("on reste ici depuis 70 ans"));
        assert!(!age("il y a 70 ans, la rivière a débordé"));
        assert!(!age("the water is 80 cm deep"));
        assert!(!age("my address is 75 rue des Saules"));
        let (set, index) = index_of(
            r#"
[[entry]]
id = "seniors"
questions.fr = ["Est-ce dangereux pour les personnes âgées?"]
answer.fr = "a"

[[entry]]
id = "children"
questions.fr = ["Est-ce dangereux pour les enfants?"]
answer.fr = "a"
"#,
        );
        let found = index.search(&tokenize("ma mère a 80 ans, est-ce plus dangereux pour elle?"), None, 2);
        assert_eq!(set.entries[found[0].entry].id, "seniors");
        assert!(found[0].score > found[1].score + 0.1, "{found:?}");
    }

    #[test]
    fn money_or_the_law_asked_of_an_entry_that_says_nothing_of_them_is_unexplained() {
        let (set, index) = index_of(
            r#"
[[entry]]
id = "festival"
questions.en = ["Is the festival still on?"]
answer.en = "It is postponed to September 4."

[[entry]]
id = "hotel"
questions.en = ["Where can I sleep tonight?"]
answer.en = "At the Red Cross hotel; keep your receipts for a refund."
"#,
        );
        let best = |text: &str| {
            let found = index.search(&tokenize(text), None, 1);
            (set.entries[found[0].entry].id.clone(), found[0].unexplained_intent)
        };
        assert_eq!(best("can i get a refund for the festival tickets"), ("festival".into(), true));
        assert_eq!(best("can i sue the festival"), ("festival".into(), true));
        assert_eq!(best("will the festival make my property value drop"), ("festival".into(), true));
        assert_eq!(best("is the festival cheaper than the fair"), ("festival".into(), true));
        assert_eq!(best("is the festival still on"), ("festival".into(), false));
        // Violence: a person answers.
        assert_eq!(best("is the hotel safe for someone fleeing an abusive partner"), ("hotel".into(), true));
        // The answer speaks of it: explained.
        assert_eq!(best("can i get a refund for a hotel tonight"), ("hotel".into(), false));
        // "Au frais" is cool, not a fee.
        assert!(!index.search(&tokenize("le festival est au frais"), None, 1)[0].unexplained_intent);
    }

    #[test]
    fn an_entry_only_its_answer_reaches_is_found_apart_and_scored_at_a_discount() {
        let (set, index) = index_of(
            r#"
[[entry]]
id = "fire-ban"
questions.en = ["Is there a fire ban?"]
answer.en = "Open fires, fireworks and charcoal barbecues are banned until further notice."

[[entry]]
id = "shelter"
questions.en = ["Where is the shelter?"]
answer.en = "At the arena. Showers are open all day."
"#,
        );
        let message = tokenize("can we still barbecue");
        // No question nor keyword says barbecue: the ordinary search finds nothing.
        assert!(index.search(&message, None, 3).is_empty());
        let found = index.search_answers(&message, None, 3);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(set.entries[found[0].entry].id, "fire-ban");
        assert_eq!(found[0].question_coverage, 0.0);
        assert!(found[0].score > 0.45 && found[0].score <= 0.5, "{found:?}");
        // An entry a question reaches is the ordinary search's, not this one's.
        let shelter = tokenize("can we take a shower at the shelter");
        let found = index.search_answers(&shelter, None, 3);
        assert!(found.iter().all(|c| set.entries[c.entry].id != "shelter"), "{found:?}");
        assert_eq!(set.entries[index.search(&shelter, None, 1)[0].entry].id, "shelter");
    }

    #[test]
    fn a_word_the_lexicon_knows_is_no_typo() {
        let (set, index) = index_of(
            r#"
[[entry]]
id = "fridge"
questions.en = ["Is the fridge safe?"]
answer.en = "Yes, closed."
"#,
        );
        let first =
            |text: &str| index.search(&tokenize(text), None, 1).first().map(|c| set.entries[c.entry].id.clone());
        // "fidge" is a typo of "fridge"; "bridge" is a road word.
        assert_eq!(first("is the fidge safe").as_deref(), Some("fridge"));
        assert!(index.search(&tokenize("is the bridge"), None, 1).is_empty());
    }

    #[test]
    fn fine_is_no_typo_of_a_collection() {
        let (_, index) = index_of(
            r#"
[[entry]]
id = "donations"
questions.fr = ["Y a-t-il une collecte de vêtements?"]
answer.fr = "Oui."
"#,
        );
        // "correcte" is two letters from "collecte", and a word.
        assert!(index.search(&tokenize("elle est-tu correcte"), None, 1).is_empty());
        assert!(!index.search(&tokenize("la colecte de linge"), None, 1).is_empty());
    }

    #[test]
    fn a_streets_name_takes_no_concept() {
        let (set, index) = index_of(
            r#"
[[entry]]
id = "trees"
questions.fr = ["Qui ramasse les arbres tombés?"]
questions.en = ["Who picks up fallen trees?"]
answer.fr = "a"
answer.en = "a"

[[entry]]
id = "power"
questions.fr = ["Quand le courant va-t-il revenir?"]
questions.en = ["When will the power be back?"]
answer.fr = "b"
answer.en = "b"
"#,
        );
        let ids = |text: &str| -> Vec<String> {
            index.search(&tokenize(text), None, 3).iter().map(|c| set.entries[c.entry].id.clone()).collect()
        };
        assert_eq!(ids("le courant revient quand sur la rue des Saules"), ["power"]);
        assert_eq!(ids("un saule est tombé, qui le ramasse"), ["trees"]);
    }
}
