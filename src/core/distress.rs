//! The distress detector: a logistic regression over word and character
//! n-grams plus dense *cues* of the structure of danger.
//!
//! The model is trained, deterministically, from `distress_corpus.txt` (a
//! bilingual set written across floods, fires, storms, spills, outages,
//! heat, cold, violence and self-harm; never from the evaluation cases) the
//! first time it is needed: about the time of one directive reload, once per
//! process. The corpus is compiled into the binary.
//!
//! Cues are general language knowledge, not one hazard's words:
//! - `self`: first person (je, on, nous, I, we, my…);
//! - `now`: present and urgency (en ce moment, vite, right now, just…);
//! - `stuck`: cannot leave or move (pris, coincé, pogné, trapped, can't get out);
//! - `rising`: something closing in (monte, rentre, arrive, rising, coming in);
//! - `body`: the body failing (respire, saigne, connaissance, chest pain…);
//! - `missing`: someone gone or unresponsive (disparu, répond pu, not back…);
//! - `harm`: ending one's life (en finir, plus vivre, end it, no point…);
//! - `violence`: threats and blows (menace, frappe, couteau, threatened…);
//! - `plea`: a call to come (aidez, au secours, envoyez, help, send…);
//! - `vulnerable`: babies, the old, the sick, the pregnant;
//! - `hazard_now`: smoke, sparks, gas smell, fire, water inside;
//! - `info_question`: asks for information (numéro, heures, where is, how do I)
//!   and `hypothetical` (si…, if…), `joke` (lol, haha), `past` (hier, last
//!   week…), `resolved` (nobody hurt, tout le monde va bien…): cues against.

use std::sync::LazyLock;

use super::normalize::{Normalized, PhraseSet, asks, tokenize};

const CORPUS: &str = include_str!("distress_corpus.txt");

/// A trained model: a weight per feature name, and a bias.
pub struct Model {
    options: Options,
    /// One weight per hashed feature bucket.
    weights: Vec<f32>,
    bias: f32,
}

static MODEL: LazyLock<Model> = LazyLock::new(|| train(&parse_corpus(CORPUS)));

/// How the model is trained and which features it reads.
#[derive(Clone, Copy, Debug)]
pub struct Options {
    pub char_grams: f32,
    pub bigrams: f32,
    pub unigrams: f32,
    pub cues: f32,
    pub lambda: f32,
    pub epochs: usize,
    pub rate: f32,
    /// Seeds the order examples are visited in (the model barely depends on
    /// it: `examples/distress_stability.rs`).
    pub seed: u64,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            char_grams: 0.5,
            bigrams: 1.0,
            unigrams: 1.0,
            cues: 1.0,
            lambda: 1e-4,
            epochs: 40,
            rate: 0.3,
            seed: 0x5eed_1234_abcd_ef01,
        }
    }
}

/// Probability that `message` is distress, in [0, 1].
pub fn probability(message: &Normalized, raw: &str) -> f32 {
    MODEL.probability(message, raw)
}

/// Combinations of cues that mean danger whatever else the message says,
/// even wrapped in an ordinary question ("où est le refuge? on est pris
/// dans l'auto pis le feu arrive, aidez-nous"): a plea with a sign of danger
/// now, or someone stuck with something closing in.
pub fn unmistakable(message: &Normalized, raw: &str) -> bool {
    assess(message, raw).unmistakable
}

/// What the detector sees in a message.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Assessment {
    pub probability: f32,
    /// A plea with danger, someone stuck as danger closes in, self-harm.
    pub unmistakable: bool,
    /// A question about information with no sign of danger (stuck,
    /// rising, body failing, missing, harm, violence, a hazard present):
    /// "the tank is hissing, what do we do" is not calm. Or a question about
    /// what to do should danger come ("what do I do if…").
    pub calm_question: bool,
    /// A sign of danger: someone stuck, something closing in, a body
    /// failing, someone missing, self-harm, violence, or a hazard present
    /// (smoke, gas, water, wires).
    pub danger: bool,
    /// A plea that is never small talk ("au secours", "aidez-nous").
    pub strong_plea: bool,
    /// A question about what to do should danger come ("what do I do if I
    /// see someone fall through the ice"): the danger is the question's.
    pub what_if: bool,
}

pub fn assess(message: &Normalized, raw: &str) -> Assessment {
    let words: Vec<&str> = message.tokens.iter().map(|t| t.word.as_str()).collect();
    let found = cues(message, &words, raw);
    let has = |c: &str| found.iter().any(|(name, _)| *name == c);
    // "SOS" after an article or a preposition names a service ("le numéro
    // de SOS Violence conjugale", "call the SOS line"), it does not cry out.
    let mut strong_plea = false;
    STRONG_PLEA_SET.each_occurrence(message, |_, range| {
        let names_a_service = words[range.start] == "sos"
            && range.start > 0
            && matches!(words[range.start - 1], "de" | "du" | "le" | "la" | "l" | "au" | "the" | "for" | "of" | "a");
        strong_plea |= !names_a_service;
    });
    let danger = has("stuck") || has("rising") || has("body") || has("missing") || has("violence");
    let joking = has("joke") || has("hypothetical");
    // A bare plea ("aidez-moi svp", "SOS", "HELP", "help?"): nothing else
    // to judge it by, so a person reads it. Not an offer ("comment je peux
    // aider", "how can I help").
    let bare_plea = (strong_plea || asks(message).is_none())
        && message.content().any(|t| {
            matches!(t.word.as_str(), "aidez" | "aide" | "aider" | "help" | "secours" | "sos" | "sauvez" | "save")
        })
        && message.content().all(|t| {
            matches!(
                t.word.as_str(),
                "aidez"
                    | "aide"
                    | "aider"
                    | "help"
                    | "secours"
                    | "sos"
                    | "sauvez"
                    | "save"
                    | "urgent"
                    | "vite"
                    | "hurry"
            )
        });
    // "What do I do if I see someone fall through the ice": the danger is
    // the question's, not the resident's.
    let asks_what_if = HYPOTHETICAL_QUESTION_SET.any(message) && !strong_plea;
    let unmistakable = (strong_plea && (danger || has("hazard_now")) && !joking)
        || (has("stuck") && (has("rising") || has("hazard_now")) && has("self") && !joking)
        || (bare_plea && !joking)
        || (EMERGENCY_CALL_SET.any(message) && !joking)
        || SELF_HARM_SET.any(message);
    let harm = has("harm");
    let calm_question =
        asks_what_if || (message.interrogative && !danger && !harm && !strong_plea && !has("hazard_now"));
    let probability = MODEL.score(&features_with_cues(message, &found, &MODEL.options));
    Assessment {
        probability,
        unmistakable,
        calm_question,
        danger: danger || harm || has("hazard_now"),
        strong_plea,
        what_if: asks_what_if,
    }
}

static STRONG_PLEA_SET: LazyLock<PhraseSet> = LazyLock::new(|| PhraseSet::new(STRONG_PLEAS));
static SELF_HARM_SET: LazyLock<PhraseSet> = LazyLock::new(|| PhraseSet::new(SELF_HARM));
static EMERGENCY_CALL_SET: LazyLock<PhraseSet> = LazyLock::new(|| PhraseSet::new(EMERGENCY_CALLS));
static HYPOTHETICAL_QUESTION_SET: LazyLock<PhraseSet> = LazyLock::new(|| PhraseSet::new(HYPOTHETICAL_QUESTIONS));

/// Asking what to do should something happen: a calm question, whatever
/// danger it names, unless the resident also pleads.
const HYPOTHETICAL_QUESTIONS: &[&str] = &[
    "what do i do if",
    "what do we do if",
    "what should i do if",
    "what should we do if",
    "what to do if",
    "what happens if",
    "que faire si",
    "quoi faire si",
    "que faire en cas",
    "quoi faire en cas",
    "on fait quoi si",
    "je fais quoi si",
    "faut faire quoi si",
    "que doit on faire si",
];

/// Every cue's words and phrases in one lookup: a word gives the set of cues
/// (bits) it belongs to; a phrase, its cue.
struct CueIndex {
    words: rustc_hash::FxHashMap<&'static str, u32>,
    phrases: PhraseSet,
    phrase_cue: Vec<usize>,
    /// Whether each phrase is one of [`UNANSWERED`].
    phrase_unanswered: Vec<bool>,
    /// Whether each phrase is one of [`UPSTAIRS`].
    phrase_upstairs: Vec<bool>,
    /// Whether each phrase is one of [`BREAK_INS`].
    phrase_break_in: Vec<bool>,
    /// Positions in [`CUES`] of the cues the rules of [`cues`] read.
    stuck: usize,
    resolved: usize,
    past: usize,
    body: usize,
    missing: usize,
    violence: usize,
    vulnerable: usize,
    rising: usize,
    hazard_now: usize,
    now: usize,
    later: usize,
}

/// Position of the cue `name` in [`CUES`].
fn cue_position(name: &str) -> usize {
    CUES.iter().position(|c| c.name == name).unwrap_or_else(|| panic!("no cue {name}"))
}

/// Someone not answering: a person gone silent is missing ("ma mère
/// répond pas", a phone that goes to voicemail), a service that does not
/// pick up is a complaint ("mon assureur répond pas", "no answer at the
/// hotline"). They count as
/// `missing` unless the message names a service ([`SERVICES`]).
const UNANSWERED: &[&str] = &[
    "repond pas",
    "repond plus",
    "repondent pas",
    // Someone who cannot be reached ("we can't reach him", "capable de la
    // rejoindre"), unless the message names a service.
    "can not reach him",
    "can not reach her",
    "can not reach them",
    "capable de le rejoindre",
    "capable de la rejoindre",
    "capable de les rejoindre",
    "arrive pas a le joindre",
    "arrive pas a la joindre",
    "repondent plus",
    "ne repond",
    "not answering",
    "no answer",
    "has not answered",
    "hasn t answered",
    "not responding",
    "voicemail",
    "boite vocale",
    "messagerie vocale",
    // A door nobody comes to open ("elle vient pas ouvrir").
    "vient pas ouvrir",
    "vient plus ouvrir",
    "viennent pas ouvrir",
    "answer the door",
    "answering the door",
    "answering her door",
    "answering his door",
    // Someone's phone switched off.
    "phone is off",
    "phone is turned off",
    "phone has been off",
    "cellulaire est ferme",
    "cellulaire est eteint",
    "telephone est ferme",
    "telephone est eteint",
];

/// Upper floors and the attic, a refuge when someone is there ("on est au
/// 2e"), a place things are carried to when the sentence carries them ("je
/// monte mes affaires en haut", "should I move my stuff upstairs"), or where
/// a thing was found ("j'ai trouvé une chauve-souris dans le grenier").
const UPSTAIRS: &[&str] = &[
    "en haut",
    "upstairs",
    "au 2e",
    "2e etage",
    "deuxieme etage",
    "second floor",
    "dans le grenier",
    "au grenier",
    "in the attic",
];

/// What says a thing is somewhere: found, seen, "there is", "il y a".
const FOUND: &[&str] = &["trouve", "trouvee", "trouves", "found", "vu", "vue", "saw", "seen", "there"];

/// A thing found or seen somewhere, or said to be there, with no person
/// named between ("il y a une chauve-souris au grenier", "we found a bat in
/// the attic"): what is there, not who.
fn a_thing_found(words: &[&str], start: usize, person: &impl Fn(&str) -> bool) -> bool {
    let said = before(words, start, 6);
    said.iter().enumerate().any(|(j, w)| {
        (FOUND.contains(w) || (*w == "a" && j > 0 && said[j - 1] == "y"))
            && j + 1 < said.len()
            && !said[j + 1..].iter().any(|v| person(v) || PERSON_SUBJECTS.contains(v))
    })
}

/// A break-in, when someone does it ("someone broke in", "they're trying to
/// break in"); a pipe that "broke in the basement" is no intruder.
const BREAK_INS: &[&str] = &["break in", "breaking in", "broke in"];

/// Who breaks in: [`BREAK_INS`] count with one of these just before.
const INTRUDERS: &[&str] = &[
    "someone",
    "somebody",
    "they",
    "he",
    "she",
    "people",
    "guy",
    "guys",
    "man",
    "men",
    "homme",
    "hommes",
    "person",
    "intruder",
    "intruders",
    "thief",
    "thieves",
    "burglar",
    "burglars",
    "looter",
    "looters",
];

/// Verbs that carry or move things ("monter", "move", "bring").
const CARRY: &[&str] = &[
    "monte", "monter", "montez", "montes", "apporte", "apporter", "mets", "mettre", "met", "deplacer", "deplace",
    "move", "moving", "bring", "carry", "put", "take",
];

/// Possessives before what is carried ("mes affaires", "my stuff"); not
/// "les": "l'eau monte les marches" is water climbing.
const DETERMINERS: &[&str] = &["mes", "mon", "ma", "nos", "notre", "tes", "ton", "ta", "my", "our", "your"];

/// Articles and the possessives [`DETERMINERS`] leaves out.
const ARTICLES: &[&str] =
    &["a", "an", "the", "un", "une", "le", "la", "des", "les", "his", "her", "their", "son", "sa", "ses", "leur"];

/// Subjects that make "monte", "rentre" someone going up or home ("on
/// rentre à la maison", "je monte"), not water coming in.
const PERSON_SUBJECTS: &[&str] = &["je", "j", "on", "nous", "tu", "vous", "i", "we"];

/// Services and offices whose silence is a complaint, not a disappearance.
/// Emergency services are not among them ("l'ambulance répond pas").
const SERVICES: &[&str] = &[
    "assureur",
    "assurance",
    "insurer",
    "insurance",
    "ligne",
    "line",
    "hotline",
    "311",
    "compagnie",
    "company",
    "bureau",
    "office",
    "internet",
    "cable",
    "fournisseur",
    "provider",
    "pharmacie",
    "pharmacy",
    "ville",
    "city",
    "municipalite",
    "hydro",
    "service",
    "services",
    "support",
    "garage",
    "entrepreneur",
    "contractor",
    "proprietaire",
    "landlord",
];

static CUE_INDEX: LazyLock<CueIndex> = LazyLock::new(|| {
    let mut words: rustc_hash::FxHashMap<&'static str, u32> = rustc_hash::FxHashMap::default();
    let mut all_phrases = Vec::new();
    let mut phrase_cue = Vec::new();
    for (i, cue) in CUES.iter().enumerate() {
        for w in cue.words {
            *words.entry(w).or_default() |= 1 << i;
        }
        for p in cue.phrases {
            all_phrases.push(*p);
            phrase_cue.push(i);
        }
    }
    let mut phrase_unanswered = vec![false; all_phrases.len()];
    let missing = cue_position("missing");
    for p in UNANSWERED {
        all_phrases.push(*p);
        phrase_cue.push(missing);
        phrase_unanswered.push(true);
    }
    let phrase_upstairs = all_phrases.iter().map(|p| UPSTAIRS.contains(p)).collect();
    let phrase_break_in = all_phrases.iter().map(|p| BREAK_INS.contains(p)).collect();
    CueIndex {
        words,
        phrase_upstairs,
        phrase_break_in,
        phrases: PhraseSet::new(&all_phrases),
        phrase_cue,
        phrase_unanswered,
        stuck: cue_position("stuck"),
        missing,
        violence: cue_position("violence"),
        vulnerable: cue_position("vulnerable"),
        rising: cue_position("rising"),
        hazard_now: cue_position("hazard_now"),
        now: cue_position("now"),
        later: cue_position("later"),
        resolved: cue_position("resolved"),
        past: cue_position("past"),
        body: cue_position("body"),
    }
});

/// Pleas that are never small talk or a question about a service.
const STRONG_PLEAS: &[&str] = &[
    "au secours",
    // "aidez-moi": the normaliser drops the pronoun after the hyphen.
    "aidez",
    "sauvez",
    "aidez nous",
    "aidez moi",
    "help us",
    "help me",
    "sos",
    "send help",
    "send someone",
    "send a boat",
    "envoyez un bateau",
    "envoyez quelqu",
    "envoyez nous",
    "venez nous chercher",
    "venez vite",
    "come quick",
    "come fast",
    "please hurry",
    "call 911",
    "appelez le 911",
    "appelez 911",
];

/// Words of self-harm that do not occur in an ordinary question.
const SELF_HARM: &[&str] = &[
    "me pendre",
    "hang myself",
    "me suicider",
    "me tuer",
    "m enlever la vie",
    "me enlever la vie",
    "never wake up",
    "not wake up",
    "sleep forever",
    "plus me reveiller",
    "pas me reveiller",
    "dormir pour toujours",
    // Not "going to jump": a car's battery is jump-started.
    "pense a sauter",
    "thinking of jumping",
    "thinking about jumping",
    "mettre fin a mes jours",
    "kill myself",
    "end my life",
    "take my life",
    "want to die",
    "veux mourir",
    "plus envie de vivre",
    "veux plus vivre",
    "en finir",
    "better off without me",
    "mieux sans moi",
    "point of living",
    "point in living",
    "no reason to live",
    "plus de raison de vivre",
    "pas de raison de vivre",
    "i am a burden",
    "je suis un fardeau",
    "goodbye letter",
    "goodbye letters",
    "lettre de adieu",
    "lettres de adieu",
    "disparaitre pour toujours",
    "miss me if i",
    "ennuyer de moi",
    "sert a rien de continuer",
    "no point in going on",
    // Not "want to live" alone: "I don't want to live here anymore".
    "not want to live anymore",
    "not want to be alive",
    "no longer want to live",
    "tired of living",
    "tanne de vivre",
    "tannee de vivre",
    "plus le gout de vivre",
    "pas le gout de vivre",
    // Staying to die with one's house, nothing left to live for.
    "nothing left for me",
    "plus rien pour moi",
    "go down with the house",
    "go down with my house",
    "die with my house",
    "die with the house",
    "couler avec la maison",
    "couler avec ma maison",
    "mourir avec ma maison",
    "mourir avec la maison",
    "rather die",
    "aime mieux mourir",
    "prefere mourir",
    // Throwing oneself into the river, off a bridge.
    "me jeter dans",
    "me jeter en bas",
    "drive into the river",
    "drive off the bridge",
    "jump off the bridge",
    "sauter du pont",
    "sauter en bas du pont",
];

/// A call for emergency services: danger to a body whatever else is said,
/// unless it is hypothetical ("si on a besoin d'une ambulance…").
const EMERGENCY_CALLS: &[&str] = &[
    "besoin de une ambulance",
    "besoin ambulance",
    "envoyez une ambulance",
    "appelez une ambulance",
    "need an ambulance",
    "need ambulance",
    "send an ambulance",
    "send ambulance",
    "call an ambulance",
];

/// Forces training now (at start-up), rather than on the first message.
pub fn warm_up() {
    LazyLock::force(&MODEL);
}

pub fn parse_corpus(text: &str) -> Vec<(bool, String)> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter_map(|l| {
            let (label, text) = l.split_once('|')?;
            Some((label.trim() == "1", text.trim().to_string()))
        })
        .collect()
}

impl Model {
    pub fn probability(&self, message: &Normalized, raw: &str) -> f32 {
        self.score(&features(message, raw, &self.options))
    }

    fn score(&self, features: &[(u32, f32)]) -> f32 {
        let z = features.iter().fold(self.bias, |z, &(i, v)| z + self.weights[i as usize] * v);
        sigmoid(z)
    }
}

fn sigmoid(z: f32) -> f32 {
    1.0 / (1.0 + (-z).exp())
}

/// Trains by stochastic gradient descent with L2 regularisation, in a fixed
/// order: the same corpus always gives the same model.
pub fn train(examples: &[(bool, String)]) -> Model {
    train_with(examples, Options::default())
}

pub fn train_with(examples: &[(bool, String)], options: Options) -> Model {
    let rows: Vec<(f32, Vec<(u32, f32)>)> = examples
        .iter()
        .map(|(label, text)| (if *label { 1.0 } else { 0.0 }, features(&tokenize(text), text, &options)))
        .collect();
    let mut weights = vec![0.0f32; BUCKETS];
    let mut bias = 0.0f32;
    let positives = rows.iter().filter(|(y, _)| *y > 0.5).count().max(1) as f32;
    let negatives = (rows.len() as f32 - positives).max(1.0);
    // Classes weighed equally whatever their counts.
    let class_weight = |y: f32| {
        if y > 0.5 { rows.len() as f32 / (2.0 * positives) } else { rows.len() as f32 / (2.0 * negatives) }
    };
    let lambda = options.lambda;
    let mut order: Vec<usize> = (0..rows.len()).collect();
    let mut seed: u64 = options.seed;
    let epochs = options.epochs;
    for epoch in 0..epochs {
        // Fisher–Yates with a fixed LCG: deterministic.
        for i in (1..order.len()).rev() {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            let j = (seed >> 33) as usize % (i + 1);
            order.swap(i, j);
        }
        let rate = options.rate / (1.0 + epoch as f32 * 0.15);
        for &r in &order {
            let (y, row) = &rows[r];
            let mut z = bias;
            for &(i, v) in row {
                z += weights[i as usize] * v;
            }
            let gradient = (sigmoid(z) - y) * class_weight(*y);
            bias -= rate * gradient;
            for &(i, v) in row {
                let w = &mut weights[i as usize];
                *w -= rate * (gradient * v + lambda * *w);
            }
        }
    }
    Model { options, weights, bias }
}

/// Buckets of the hashed feature space (2^20 weights, 4 MB).
const BUCKETS: usize = 1 << 20;

/// FNV-1a, for hashing features without allocating their names.
#[derive(Clone, Copy)]
struct FeatureHash(u64);

impl FeatureHash {
    fn new(kind: u8) -> FeatureHash {
        FeatureHash(0xcbf2_9ce4_8422_2325).byte(kind)
    }
    fn byte(self, b: u8) -> FeatureHash {
        FeatureHash((self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
    }
    fn str(self, s: &str) -> FeatureHash {
        s.bytes().fold(self, FeatureHash::byte).byte(0xff)
    }
    fn bucket(self) -> u32 {
        // Fold the high bits in: FNV's low bits alone mix poorly.
        ((self.0 ^ (self.0 >> 29)) as usize % BUCKETS) as u32
    }
}

/// Hashed features with values: word unigrams and bigrams (stems), character
/// trigrams of content words (typos), the cues and their pairs.
pub fn features(message: &Normalized, raw: &str, options: &Options) -> Vec<(u32, f32)> {
    let words: Vec<&str> = message.tokens.iter().map(|t| t.word.as_str()).collect();
    let present = cues(message, &words, raw);
    features_with_cues(message, &present, options)
}

fn features_with_cues(message: &Normalized, present: &[(&'static str, f32)], options: &Options) -> Vec<(u32, f32)> {
    let mut out: Vec<(u32, f32)> = Vec::with_capacity(128);
    let stems: Vec<&str> =
        message.tokens.iter().map(|t| if t.stop { t.word.as_str() } else { (&*t.stem_fr).min(&*t.stem_en) }).collect();
    let scale = 1.0 / (stems.len().max(1) as f32).sqrt();
    for s in &stems {
        out.push((FeatureHash::new(b'u').str(s).bucket(), scale * options.unigrams));
    }
    for pair in stems.windows(2) {
        out.push((FeatureHash::new(b'b').str(pair[0]).str(pair[1]).bucket(), scale * options.bigrams));
    }
    let mut grams = 0usize;
    'words: for token in message.content() {
        let mut window = ['<', '<', '<'];
        for (i, c) in token.word.chars().chain(['>']).enumerate() {
            window = [window[1], window[2], c];
            if i >= 1 {
                if grams == 200 {
                    break 'words;
                }
                // Three code points (21 bits each) in one word, then mixed.
                let packed = (u64::from(window[0]) << 42) | (u64::from(window[1]) << 21) | u64::from(window[2]);
                let h = FeatureHash((packed ^ 0x63).wrapping_mul(0x9e37_79b9_7f4a_7c15));
                out.push((h.bucket(), scale * options.char_grams));
                grams += 1;
            }
        }
    }
    for (cue, strength) in present {
        out.push((FeatureHash::new(b'q').str(cue).bucket(), strength * options.cues));
    }
    // Pairs of cues: "stuck" alone may be a road; "stuck" with "self" and
    // "rising" is a family on a roof.
    for (i, (a, _)) in present.iter().enumerate() {
        for (b, _) in &present[i + 1..] {
            out.push((FeatureHash::new(b'p').str(a).str(b).bucket(), options.cues));
        }
    }
    out
}

/// The names of the cues found in a message (for debugging and tests).
pub fn cue_names(message: &Normalized, raw: &str) -> Vec<&'static str> {
    let words: Vec<&str> = message.tokens.iter().map(|t| t.word.as_str()).collect();
    cues(message, &words, raw).into_iter().map(|(c, _)| c).collect()
}

struct CueList {
    name: &'static str,
    words: &'static [&'static str],
    phrases: &'static [&'static str],
}

const CUES: &[CueList] = &[
    CueList {
        name: "self",
        words: &[
            "je", "j", "me", "moi", "mon", "ma", "mes", "on", "nous", "notre", "nos", "i", "me", "my", "we", "us",
            "our", "am", "myself",
        ],
        phrases: &[],
    },
    CueList {
        name: "now",
        words: &[
            "maintenant",
            "vite",
            "urgent",
            "urgence",
            "now",
            "asap",
            "hurry",
            "quick",
            "quickly",
            "fast",
            "immediately",
            "presentement",
            "actuellement",
            "batterie",
            "battery",
        ],
        phrases: &[
            "en ce moment",
            "right now",
            "vient de",
            "viennent de",
            "just now",
            "en train de",
            "depuis ce matin",
            "depuis hier",
            "sans arret",
            "plus de batterie",
        ],
    },
    CueList {
        name: "stuck",
        words: &[
            "pris",
            "prise",
            "prises",
            "coince",
            "coincer",
            "coinces",
            "coincee",
            "coincees",
            "enferme",
            "enfermes",
            "isole",
            "isoles",
            "prisonnier",
            "prisonniers",
            "stuck",
            "trapped",
            "trap",
            "stranded",
            "locked",
            "surrounded",
            "encercle",
            "encercles",
            "bloques",
            "pinned",
        ],
        // A roof or an attic is a refuge only when someone is on it: "should
        // I get on the roof to clear the ice" is not a family waiting there.
        phrases: &[
            // Crushed or buried under what fell.
            "ecrase sous",
            "ecrasee sous",
            "crushed under",
            "buried under",
            // Holding on to something so as not to fall or be carried away
            // ("un homme accroché à un morceau du pont", "clinging to a
            // tree"); Québec "accrocher un poteau" is hitting one.
            // To a thing, not to one's receipts or habits ("holding on to
            // all my receipts", "accroché à mes habitudes").
            "accroche a un",
            "accroche a une",
            "accrochee a un",
            "accrochee a une",
            "accroches a un",
            "accroches a une",
            "agrippe a",
            "agrippee a",
            "hanging on to a",
            "hanging onto a",
            "holding on to a",
            "holding onto a",
            "holding onto the",
            "clinging to a",
            "clinging to the",
            "sur le toit de",
            "est sur le toit",
            "suis sur le toit",
            "sommes sur le toit",
            "sont sur le toit",
            "refugies sur le toit",
            "dans le grenier",
            "au grenier",
            // Lost in the woods: no way out found.
            "perdu dans le bois",
            "perdue dans le bois",
            "perdus dans le bois",
            "perdu dans la foret",
            "perdue dans la foret",
            "perdus dans la foret",
            "lost in the woods",
            "lost in the forest",
            // Someone lost, said of a person ("he's lost, soaked and
            // shivering", "on est perdus"): not a thing lost.
            "he is lost",
            "she is lost",
            "they are lost",
            "we are lost",
            "we got lost",
            "il est perdu",
            "elle est perdue",
            "ils sont perdus",
            "on est perdus",
            "on est perdu",
            "am on the roof",
            "are on the roof",
            "is on the roof",
            "on top of the roof",
            "in the attic",
            "peut pas sortir",
            "impossible de sortir",
            "pouvons pas sortir",
            "peux pas sortir",
            "capable de sortir",
            "can not get out",
            "can not leave",
            "can not move",
            "no way out",
            "cut off",
            "peut pas bouger",
            "peux pas bouger",
            "bouge plus",
            "se releve pas",
            "can not get up",
            "en haut",
            "upstairs",
            "au 2e",
            "2e etage",
            "deuxieme etage",
            "second floor",
            "top of the stairs",
            "en haut des marches",
            // A door that will not open, someone left inside.
            "can not open the door",
            "can not open the doors",
            "ouvrir les portes",
            // Buried: under snow, rubble, mud, or what fell on someone
            // ("la terre lui a tombé dessus", "a beam fell on him").
            "lui a tombe dessus",
            "lui est tombe dessus",
            "lui est tombee dessus",
            "leur a tombe dessus",
            "leur est tombe dessus",
            "fell on him",
            "fell on her",
            "fell on top of him",
            "fell on top of her",
            "came down on him",
            "came down on her",
            "buried under",
            "buried in",
            "under the rubble",
            "sous les decombres",
            "under the debris",
            "sous les debris",
            "under the wreckage",
            // The way out gone.
            "stairs collapsed",
            "stairs are gone",
            "escalier se est effondre",
            "escalier est tombe",
            "escalier est parti",
            "sous les gravats",
            "ensevelie",
            "enseveli",
            "ensevelis",
            "get the door open",
            "door will not open",
            "door is stuck",
            "door is jammed",
            "porte ouvre pas",
            "porte ouvre plus",
            "porte est bloquee",
            "ouvrir la porte",
            "someone inside",
            "someone in there",
            "somebody inside",
            "still inside",
            "quelqu un dedans",
            "quelqu un en dedans",
            "encore dedans",
            "encore en dedans",
        ],
    },
    CueList {
        name: "rising",
        words: &[
            "monte",
            "montent",
            "rising",
            "rises",
            "rentre",
            "rentrent",
            "remplit",
            "remplir",
            "fills",
            "filling",
            "submerge",
            "engulfed",
            "approche",
            "approaching",
            "spreading",
            "closer",
            "craque",
            "craquer",
            "cede",
            "collapsing",
            "collapsed",
            "effondre",
            // The ground or a building giving way.
            "cracking",
            "glisse",
            "slid",
            "caved",
            "affaisse",
            "ecroule",
            "crumbling",
        ],
        phrases: &[
            // A train bearing down on someone on the tracks.
            "train is coming",
            "train coming",
            "le train arrive",
            "le train se en vient",
            "on the tracks",
            "sur la voie ferree",
            "sur les rails",
            "arrive au",
            "arrive a",
            "coming in",
            "coming under",
            "pouring in",
            "up to the",
            "jusqu aux",
            "jusque aux",
            "jusque au",
            "a pleine porte",
            "a vue d oeil",
            "a vue de oeil",
            "water is",
            "eau est rendue",
            "est rendue",
            "still rising",
            "monte encore",
            "the flames",
            "les flammes",
            "de plus en plus",
            // The cold closing in ("it's getting really cold", stuck).
            "getting colder",
            "getting really cold",
            "getting so cold",
            "de plus en plus froid",
        ],
    },
    CueList {
        name: "body",
        words: &[
            // Bleeding inside, paralysed, struck by the heat.
            "hemorragie",
            "paralyse",
            "paralysee",
            "paralyzed",
            "heatstroke",
            "insolation",
            "avale",
            "avalee",
            "swallowed",
            "poison",
            "poisoned",
            "empoisonne",
            "intoxique",
            "intoxiquee",
            "breath",
            "respir",
            "respire",
            "respirer",
            "breathe",
            "breathing",
            "etouffe",
            "etouffer",
            "choking",
            "gagging",
            "suffocating",
            "inconscient",
            "inconsciente",
            "unconscious",
            "unresponsive",
            "evanoui",
            "evanouie",
            "fainted",
            "saigne",
            "saigner",
            "bleeding",
            "sang",
            "blood",
            "cardiaque",
            "heart",
            "poitrine",
            "chest",
            "avc",
            "stroke",
            "convulsions",
            "convulse",
            "seizure",
            "seizures",
            "seizing",
            "convulsing",
            "accoucher",
            "accouche",
            "contractions",
            "labor",
            "labour",
            "blesse",
            "blessee",
            "blesses",
            "injured",
            "hurt",
            "fracture",
            "vomit",
            "vomissements",
            "vomiting",
            "fievre",
            "fever",
            "mou",
            "molle",
            "limp",
            "brule",
            "brulee",
            "burned",
            "burns",
            "engourdi",
            "numb",
            "shocked",
            "electrocute",
            "electrocuted",
            "electrocution",
            "hypothermie",
            "hypothermia",
            "tremble",
            "shaking",
            "overdose",
            "pale",
            "bleu",
            "blue",
            "pilules",
            "pills",
            "malaise",
            "dizzy",
            "disoriented",
            "desoriente",
            "desorientee",
            "etourdi",
            "etourdissement",
            "etourdissements",
            "etourdie",
            "etourdis",
            "headache",
            "headaches",
            "douleur",
            "douleurs",
            "pain",
            "pains",
            "mal",
            // Breath, speech and face failing; an allergy closing the
            // throat; cold that kills the skin.
            "wheezing",
            "wheeze",
            "suffoque",
            "suffoquer",
            "suffocate",
            "slurring",
            "slurred",
            "droopy",
            "drooping",
            "anaphylaxie",
            "anaphylactique",
            "anaphylactic",
            "anaphylaxis",
            "epipen",
            "frostbite",
            "shivering",
            "grelotte",
            "grelottent",
            "grelotter",
            "engelure",
            "engelures",
        ],
        phrases: &[
            "coup de chaleur",
            "heat stroke",
            "crise de epilepsie",
            "bouge pas",
            // Heat stroke, a face turning colour, an allergy, a fall one
            // cannot get up from, labour, a mind or a voice failing.
            "stopped sweating",
            "transpire plus",
            "transpire pas",
            "hot to the touch",
            "chaud au toucher",
            "bleu aux levres",
            "bleue aux levres",
            "levres bleues",
            "blue lips",
            "lips are blue",
            "turning blue",
            "turning grey",
            "turning gray",
            "devient bleu",
            "devient gris",
            "allergic reaction",
            "reaction allergique",
            "throat is swelling",
            "gorge enfle",
            "can not get up",
            "capable de se relever",
            // The head spinning ("la tête qui tourne"); one's own legs
            // failing ("j'arrive pu à me lever").
            "tete qui tourne",
            "tete me tourne",
            "tete tourne",
            "capable de me lever",
            "capable de me relever",
            "arrive pas a me lever",
            "arrive plus a me lever",
            "arrive pas a me relever",
            "arrive plus a me relever",
            "peux pas me lever",
            "peux plus me lever",
            "peux pas me relever",
            "peux plus me relever",
            "reussit pas a se relever",
            "peut pas se relever",
            "peut plus se relever",
            "perdu les eaux",
            "perd ses eaux",
            "perdu ses eaux",
            "water broke",
            "waters broke",
            "not making sense",
            "parle plus",
            "stopped talking",
            "stopped shivering",
            "tremble plus",
            "barely talk",
            "pleure plus",
            "not talking",
            "crise de asthme",
            "asthma attack",
            "sent plus ses",
            "sent plus sa",
            "sent plus son",
            "sent pas ses",
            "peux plus bouger",
            "peut plus bouger",
            "peux pas bouger",
            "peut pas bouger",
            // A baby who will not drink; a medical machine that stopped.
            "will not drink",
            "veut pas boire",
            "veut plus boire",
            "couche seche",
            "machine stopped",
            "machine a arrete",
            "machine est arretee",
            "can not breath",
            "perdre connaissance",
            "perd connaissance",
            "connaissance",
            "mal a la tete",
            "passed out",
            "passing out",
            "pass out",
            "not waking up",
            "se reveille pas",
            "crise cardiaque",
            "heart attack",
            "chest pain",
            "can not breathe",
            "peut pas respirer",
            "respire mal",
            "can not feel my",
            "throwing up",
            "is on the ground",
            "people on the ground",
            "monde a terre",
            "monde par terre",
            "gens a terre",
            "gens par terre",
            "lying on the ground",
            "est par terre",
            "etendu par terre",
            "etendue par terre",
            "hard to wake",
            "can not wake",
            "will not wake",
            "capable de le reveiller",
            "capable de la reveiller",
            "les sens plus",
            "les sens pas",
            "doigts noirs",
            "orteils noirs",
            "fingers are black",
            "toes are black",
            "sens plus ma",
            "sens plus mes",
            "sens plus mon",
            "sens pas ma",
            "sens pas mes",
            "sens pas mon",
            "respire pas",
            "respire plus",
            // Lost in one's own head ("doesn't know where he is").
            "not know where he is",
            "not know where she is",
            "sait pas ou il est",
            "sait plus ou il est",
            "sait pas ou elle est",
            "sait plus ou elle est",
        ],
    },
    CueList {
        name: "missing",
        words: &[
            "chavire",
            "capsized",
            "cale",
            "disparu",
            "disparue",
            "disparus",
            "missing",
            "introuvable",
            "emporte",
            "emportee",
            "swept",
            "drowning",
            "noyer",
            "noye",
            "noyade",
            "noie",
            "noient",
        ],
        phrases: &[
            "no word",
            // Not home when expected; a teenager run away.
            "never came home",
            "did not return home",
            "has not return home",
            "have not return home",
            "pas rentre de",
            "pas rentree de",
            "a fugue",
            "fait une fugue",
            "ran away from home",
            // A boat over, someone gone under and not back up.
            "tipped over",
            "not coming up",
            "not come up",
            "went under",
            "gone under",
            "pas remonte",
            "plus remonte",
            "refait pas surface",
            // Someone not seen for days ("hasn't come out in three days").
            "not come out in",
            "not been seen",
            "not seen him",
            "not seen her",
            "pas vu depuis",
            "nobody has seen",
            "personne a vu",
            "personne le a vu",
            // Gone off, gone back in, not seen again, not fetched.
            "wandered off",
            "wandered away",
            "ran back into",
            "ran back in",
            "personne le a revu",
            "personne la a revu",
            "personne les a revus",
            "not seen since",
            "personne est alle la chercher",
            "personne est alle le chercher",
            // Someone heard calling for help.
            "crie a le aide",
            "crier a le aide",
            "screaming for help",
            "calling for help",
            "yelling for help",
            "crying for help",
            "personne la a vu",
            "went through the ice",
            "through the ice",
            "dans la glace",
            "pas revenu",
            "pas revenue",
            "not back",
            "never came back",
            "not come back",
            "can not find",
            "trouve pas",
            "trouve plus",
            "can not see",
            "vois plus",
            "vois pas",
            "bouge plus",
            "not moving",
            "pas arrive",
            "pas arrivee",
            "no news",
            "pas de nouvelles",
            "sans nouvelles",
            "par le courant",
            "by the current",
            "canot renverse",
            "canot se est renverse",
            "bateau renverse",
            "bateau se est renverse",
            "kayak renverse",
            "boat flipped",
            "canoe flipped",
            "canoe tipped",
        ],
    },
    CueList {
        name: "harm",
        words: &["suicide", "suicider", "suicidaire", "suicidal", "overdose"],
        phrases: &[
            "en finir",
            "me tuer",
            "kill myself",
            "me pendre",
            "hang myself",
            // Farewells and possessions given away, the signs of someone
            // who means to end it.
            "gave away his",
            "gave away her",
            "giving away his",
            "giving away her",
            "giving away my",
            "said goodbye",
            "said his goodbyes",
            "said her goodbyes",
            "a dit adieu",
            "fait ses adieux",
            "donne tout ses affaires",
            "donne tout mes affaires",
            "end it",
            "ending my life",
            "ending it all",
            "take my life",
            "taking my life",
            "enlever la vie",
            // No reason left to go on.
            "vaut la peine de continuer",
            "raison de continuer",
            "reason to go on",
            "reason to live",
            "want to wake up",
            "veux plus etre la",
            "nothing left to live",
            "end my life",
            "plus vivre",
            "veux mourir",
            "want to die",
            "sans moi",
            "without me",
            "better off",
            "no point",
            "the point",
            "a quoi bon",
            "j en peux plus",
            "je n en peux plus",
            "je en peux plus",
            "je ne en peux plus",
            "en peux plus",
            "can not do this anymore",
            "can not go on",
            // Not "go on" alone: "go on the roof to shovel".
            "go on like this",
            "go on anymore",
            "go on living",
            "all to stop",
            "le gout de rien",
            "plus le gout",
            "plus capable",
            "rien savoir",
            "tout mes pilules",
            "all my pills",
            "all his pills",
            "all her pills",
            "all his heart pills",
            "tout ses pilules",
            "mettre fin",
            "give up",
            "tout lacher",
            "keep living",
            "be here anymore",
            "etre ici plus",
            "plus etre ici",
            "want to live anymore",
            "want to be alive",
            "tired of living",
            "tanne de vivre",
            "gout de vivre",
            // Someone about to jump from a height ("he's on the ledge
            // saying he's going to jump", "elle veut sauter du pont"); not
            // "sauter" alone, which is also a fuse or a transformer
            // blowing, nor "on the ledge" alone (a cat).
            "going to jump",
            "wants to jump",
            "threatening to jump",
            "about to jump",
            "jump off",
            "veut sauter",
            "vouloir sauter",
            "va sauter du",
            "va sauter en bas",
            "menace de sauter",
            "sauter du pont",
            "sauter en bas",
        ],
    },
    CueList {
        name: "violence",
        words: &[
            "choked",
            "strangled",
            "etrangle",
            "etranglee",
            "hache",
            "axe",
            "shooting",
            "shots",
            "tirs",
            "gunshots",
            "swinging",
            "screaming",
            "hurle",
            "hurlent",
            "menace",
            "menacer",
            "menaces",
            "threatened",
            "threatening",
            "threat",
            "frappe",
            "frappee",
            "battu",
            "battue",
            "hit",
            "beat",
            "beaten",
            "couteau",
            "couteaux",
            "knife",
            "knives",
            "machete",
            "machette",
            "machettes",
            "arme",
            "armes",
            "weapon",
            "gun",
            "guns",
            "fusil",
            "fusils",
            "carabine",
            "carabines",
            "rifle",
            "rifles",
            "shotgun",
            "pistolet",
            "pistolets",
            "pistol",
            "revolver",
            "agresse",
            "agressee",
            "agression",
            "assaulted",
            "attacked",
            "violence",
            "violent",
            "viol",
            "raped",
            "cache",
            "cachee",
            "hiding",
            "tuer",
            "kill",
            "hitting",
            "hits",
            "frapper",
            "frappait",
            "slapped",
            "punched",
            "punching",
            "kicking",
            "kicked",
            "stabbed",
            // Held against one's will.
            "otage",
            "otages",
            "hostage",
            "hostages",
            "sequestre",
            "sequestree",
            "stab",
            "poignarder",
            "poignarde",
            "poignardee",
            "poignardes",
            "menacee",
            "menacait",
            "kidnapped",
            "kidnapping",
            "abducted",
            "kidnappe",
            "kidnappee",
            "abduction",
            "enlevement",
            "gifle",
            "giflee",
        ],
        phrases: &[
            "tirer dessus",
            // Taken by someone ("ma fille s'est fait enlever").
            "fait enlever",
            "ete enlevee",
            "ete enleve",
            // Shot, hit, locked in by someone.
            "got shot",
            "been shot",
            "was shot",
            "shot him",
            "shot her",
            "shot me",
            "se est fait tirer",
            "me cogne",
            "hits me",
            "hit me",
            "hitting me",
            "locked me in",
            "locked us in",
            "me a enferme",
            "me a enfermee",
            "nous a enfermes",
            "pointe une arme",
            "holding a knife",
            "holding a gun",
            // Followed ("someone is following me home", "un gars me suit").
            "following me",
            "following us",
            "stalking me",
            "me suit",
            "nous suit",
            "me suivent",
            "nous suivent",
            // Someone smashing everything in a rage ("il casse toute"), not
            // the wind.
            "il casse tout",
            "y casse tout",
            "elle casse tout",
            "qui casse tout",
            "il brise tout",
            "qui brise tout",
            // Blows heard, things thrown, someone shouted at or held.
            "entends des coups",
            "donne des coups",
            "throwing things at",
            "lance des affaires",
            "crie apres",
            "yelling at her",
            "yelling at me",
            "screaming at her",
            "screaming at me",
            "let her out",
            "let me out",
            "let me leave",
            "laisse pas sortir",
            "laisse pas partir",
            "tire dessus",
            "shot at me",
            "shot at us",
            "shot at him",
            "shot at her",
            "shot at them",
            "shot at people",
            "shot at our",
            // A bat swung, not a bat in the attic.
            "with a bat",
            "baseball bat",
            "avec un baton",
            "baton de baseball",
            "mettre le feu",
            "set fire",
            "hurt me",
            "me faire mal",
            "attack me",
            "attacking me",
            "attacking us",
            "pushed me",
            "me a pousse",
            "me a poussee",
            "break in",
            "breaking in",
            "broke in",
            "par effraction",
            // Threats of fire and a door beaten on.
            "burn the place down",
            "burn the house down",
            "burn down the",
            "bruler la maison",
            "banging on the door",
            "banging on our",
            "banging on the window",
            "banging on the windows",
            "cogne dans les fenetres",
            "fesse dans les fenetres",
            "pounding on the door",
            "kicking the door",
            "kick the door",
            "kick in the door",
            "defoncer la porte",
            "defonce la porte",
            "fesse dans la porte",
            "cogne dans la porte",
            // Someone forcing a way in.
            "essaie de entrer",
            "essaye de entrer",
            "essaient de entrer",
            "trying to get in",
            "trying to get into",
            "trying to break",
        ],
    },
    CueList {
        name: "plea",
        words: &[
            "aidez", "aide", "aider", "secours", "sos", "help", "helpp", "helppp", "envoyez", "envoyer", "send",
            "venez", "venir", "come", "appelez", "call", "sauvez", "save", "rescue", "vite", "please", "svp", "hurry",
        ],
        phrases: &[
            "au secours",
            "aidez nous",
            "aidez moi",
            "help us",
            "help me",
            "send someone",
            "send help",
            "envoyez quelqu",
            "venir nous chercher",
            "venir chercher",
            "come get",
            "call someone",
            "verifier on",
            "quelqu un peut venir",
        ],
    },
    CueList {
        name: "vulnerable",
        words: &[
            "bebe",
            "baby",
            "nourrisson",
            "enfant",
            "enfants",
            "kid",
            "kids",
            "child",
            "children",
            "fille",
            "garcon",
            "gars",
            "fils",
            "son",
            "daughter",
            "mere",
            "pere",
            "mother",
            "father",
            "grandmere",
            "grandpere",
            "grandmother",
            "grandfather",
            "agee",
            "age",
            "elderly",
            "old",
            "vieux",
            "vieille",
            "enceinte",
            "pregnant",
            "diabetique",
            "diabetic",
            "chimio",
            "chemo",
            "oxygene",
            "oxygen",
            "fauteuil",
            "wheelchair",
            "handicape",
            "disabled",
            "voisin",
            "voisine",
            "neighbour",
            "conjoint",
            "conjointe",
            "mari",
            "femme",
            "husband",
            "wife",
            "seul",
            "seule",
            "alone",
        ],
        phrases: &[],
    },
    CueList {
        name: "hazard_now",
        words: &[
            "sliding",
            "glissement",
            "eboulement",
            "landslide",
            "mudslide",
            "fumee",
            "smoke",
            "etincelles",
            "sparks",
            "sparking",
            "flammes",
            "flames",
            "feu",
            "fire",
            "burning",
            "brule",
            "gaz",
            "gas",
            "propane",
            "monoxyde",
            "co",
            "ammoniaque",
            "ammoniac",
            "ammonia",
            "explosion",
            "explose",
            "hissing",
            "siffle",
            "accident",
            "crash",
            "crashed",
            "rammed",
            "capote",
            "flipped",
            "odeur",
            "smell",
            "fils",
            "wires",
            "courant",
            "current",
            "eau",
            "water",
            "glace",
            "ice",
        ],
        phrases: &[
            "fils electriques",
            "power wires",
            "downed lines",
            "sent le gaz",
            "smell gas",
            "gas smell",
            "odeur de gaz",
            "sent le essence",
            "odeur de essence",
            "smell gasoline",
            // A vehicle off the road.
            "off the road",
            "dans le fosse",
            "dans le ravin",
            // A vehicle driven into people or other vehicles.
            "fonce dans",
            "foncer dans",
        ],
    },
    CueList {
        name: "info_question",
        words: &[
            "numero",
            "number",
            "heures",
            "hours",
            "horaire",
            "ouvert",
            "open",
            "adresse",
            "address",
            "inscrire",
            "register",
            "formulaire",
            "form",
            "site",
            "website",
            "info",
            "information",
            "informations",
            "savoir",
            "know",
            "procedure",
            "recevoir",
            "receive",
            "ramasser",
            "combien",
            "cost",
            "payer",
            "assurance",
            "insurance",
            "reclamation",
            "claim",
            "permis",
            "permit",
            "rembourse",
            "reimburse",
            "program",
            "programme",
            "where",
            "ou",
            "quand",
            "when",
            "comment",
            "how",
            "quel",
            "quelle",
            "quels",
            "quelles",
            "which",
            "what",
            "frais",
            "fees",
            "costs",
            "rembourser",
            "reclamer",
        ],
        phrases: &[
            // Wanting to know ("she wants to know when the pickup resumes").
            "wants to know",
            "want to know",
            "would like to know",
            "veut savoir",
            "veux savoir",
            "voudrait savoir",
            "voudrais savoir",
            "aimerait savoir",
            "aimerais savoir",
            // Looking for a service, not for rescue.
            "need somewhere",
            "need a place",
            "looking for a place",
            "besoin de un endroit",
            "besoin de une place",
            "cherche un endroit",
            "cherche une place",
            "comment faire",
            "how do i",
            "how can i",
            "how can we",
            "est ce que je peux",
            "can i",
            "is it safe",
            "c est quoi",
            "ce est quoi",
            "what is the",
            "what are the",
            "where can",
            "ou est",
            "ou sont",
            "ou trouver",
            "ou aller",
            "a quelle heure",
            "what time",
            "should i",
            "should we",
            "dois je",
            "faut il",
            "est ce que",
        ],
    },
    CueList {
        name: "hypothetical",
        words: &[
            "si",
            "if",
            "jamais",
            "eventuellement",
            "prochaine",
            "next",
            "future",
            "cas",
            "case",
            "prevention",
            "preparer",
            "prepare",
            "prevoir",
            "eviter",
            "avoid",
            "prevent",
            "prevenir",
            "tips",
            "conseils",
        ],
        phrases: &[
            // Learning what to do ("comment on fait le massage cardiaque,
            // je veux apprendre", "a first aid course").
            "veux apprendre",
            "want to learn",
            "learn how",
            "apprendre a",
            "cours de secourisme",
            // A drill is practice ("un exercice d'incendie à l'école").
            "exercice de incendie",
            "exercice de feu",
            "exercice de evacuation",
            "exercice de confinement",
            "fire drill",
            "lockdown drill",
            "evacuation drill",
            "cours de rcr",
            "first aid course",
            "first aid class",
            "au cas ou",
            "in case",
            "what if",
            "et si",
            "en cas de",
            "what should we do if",
            "avant que",
            "before the",
            "before it",
            "d ici",
            "de ici",
            "by the time",
        ],
    },
    CueList {
        name: "joke",
        words: &["lol", "mdr", "haha", "hahaha", "lmao", "jk", "mort", "dying"],
        phrases: &[
            "je meurs",
            "i m dying",
            "i am dying here",
            "drowning in",
            "en riant",
            "mort de rire",
            "morte de rire",
        ],
    },
    CueList {
        name: "past",
        words: &["hier", "yesterday"],
        phrases: &[
            "last night",
            "la nuit passee",
            "la nuit derniere",
            "la semaine passee",
            "la semaine derniere",
            "le mois passe",
            "le mois dernier",
            "l an passe",
            "le an passe",
            "l annee passee",
            "le annee passee",
            "l annee derniere",
            "le annee derniere",
            "le printemps passe",
            "last week",
            "years ago",
            "year ago",
            "months ago",
            "weeks ago",
            "last month",
            "last year",
            "last spring",
            "last summer",
            "last fall",
            "last autumn",
            "last winter",
            "le hiver passe",
            "le hiver dernier",
            "le estival passe",
            "le estival dernier",
            "le automne passe",
            "le automne dernier",
            "le printemps dernier",
            "la derniere fois",
            "last time",
            "during the last",
            // A fright told as over ("le petit a eu peur pendant l'orage").
            "ai eu peur",
            "a eu peur",
            "avons eu peur",
            "ont eu peur",
            "was scared",
            "were scared",
            "got scared",
            // …however scared ("on a eu ben peur", "we were so scared").
            "eu bien peur",
            "eu tres peur",
            "eu tellement peur",
            "eu vraiment peur",
            "was so scared",
            // Québec "avoir la chienne", "la frousse": to be scared.
            "ai eu la chienne",
            "a eu la chienne",
            "avons eu la chienne",
            "ont eu la chienne",
            "eu la frousse",
            "were so scared",
            "got so scared",
            "was really scared",
            "were really scared",
            // A pain told as over ("mon fils a eu mal à la tête").
            "ai eu mal",
            "a eu mal",
            "avons eu mal",
            "ont eu mal",
            "had a headache",
            "had headaches",
        ],
    },
    // A day to come ("can someone check on her tomorrow"): no one is in
    // danger now.
    CueList {
        name: "later",
        words: &["demain", "tomorrow"],
        phrases: &[
            "next week",
            "la semaine prochaine",
            "this weekend",
            "next weekend",
            "en weekend",
            "weekend prochaine",
            "next month",
            "le mois prochain",
            "dans quelques jours",
            "in a few days",
        ],
    },
    // Offering help is no call for it.
    CueList {
        name: "offer",
        words: &[
            "benevole",
            "benevoles",
            "benevolat",
            "volunteer",
            "volunteers",
            "volunteering",
            "donate",
            "donation",
            "donations",
        ],
        phrases: &[
            "want to help",
            "wants to help",
            "would like to help",
            "veut aider",
            "veux aider",
            "veulent aider",
            "voudrait aider",
            "voudrais aider",
            "aimerait aider",
            "aimerais aider",
        ],
    },
    CueList {
        name: "resolved",
        words: &[],
        phrases: &[
            "nobody hurt",
            "no one hurt",
            "nobody was hurt",
            "no one was hurt",
            "personne de blesse",
            "personne blesse",
            "personne est blesse",
            "tout le monde va bien",
            "tout le monde est correct",
            "tout le monde etait correct",
            "everyone was ok",
            "everyone was fine",
            "tout le monde est ok",
            "sain et sauf",
            "sains et saufs",
            "saines et sauves",
            "safe and sound",
            "everyone is ok",
            "everyone is fine",
            "everyone is safe",
            "we are ok",
            "we are fine",
            "we are safe",
            "on est correct",
            // Québec "tout est beau": all is well.
            "tout est beau",
            "all good now",
            "we are all good",
            "on est corrects",
            "sont corrects",
            "sommes corrects",
            "on est ok",
            "on est en securite",
            "ok now",
            "fine now",
            "correct maintenant",
            "a baisse",
            "went down",
            // Asleep again ("mais là ils dorment").
            "mais la ils dorment",
            "mais la il dort",
            "mais la elle dort",
            "dorment maintenant",
            "asleep now",
            "sleeping now",
            // Water going back ("it's going down now", "l'eau redescend").
            "going down now",
            "water is going down",
            "is receding",
            "water receding",
            "eau baisse",
            "eau redescend",
            "eau recule",
            "commence a baisser",
            "is over",
            "est fini",
            // Someone hurt or stuck, then fine ("mais y va ben", "but
            // she's fine now", "il s'est relevé tout de suite").
            // Not after "si" or "if": "je sais pas si elle va bien" is a
            // worry (see `cues`).
            "il va bien",
            "elle va bien",
            "y va bien",
            "ils vont bien",
            "elles vont bien",
            "il est correct",
            "elle est correcte",
            "he is ok",
            "he is fine",
            "she is ok",
            "she is fine",
            "they are ok",
            "they are fine",
            // "he's fine", as the normaliser writes it.
            "he fine",
            "she fine",
            "he ok",
            "she ok",
            "se est releve",
            "se est relevee",
            "got back up",
            "got up right away",
            // Arrived where one was going ("mais là chu arrivé", "we made
            // it to the shelter").
            "suis arrive",
            "suis arrivee",
            "we made it",
            "made it to the",
            "arrived safely",
            // Nobody where it struck ("le toit est parti, mais personne
            // était dehors").
            "personne etait dehors",
            "personne ne etait dehors",
            "personne etait dedans",
            "personne ne etait dedans",
            "personne etait la",
            "personne ne etait la",
            "personne etait a la maison",
            "personne ne etait a la maison",
            "etait pas dedans",
            "etions pas dedans",
            "etais pas dedans",
            "etait pas la",
            "etions pas la",
            "was not inside",
            "were not inside",
            "was not home",
            "were not home",
            // A near miss ("j'ai failli tomber", "I almost fell").
            "ai failli",
            // Québec "j'ai manqué tomber": almost.
            "ai manque me",
            "a manque se",
            "ai manque tomber",
            "a manque tomber",
            "ai manque mourir",
            "a manque mourir",
            "a failli",
            "avons failli",
            "ont failli",
            "almost fell",
            "nearly fell",
            "almost got hit",
            // Bleeding stopped; home again ("it stopped bleeding", "we're
            // home now").
            "stopped bleeding",
            "arrete de saigner",
            "saigne plus",
            "are home now",
            "is home now",
            "am home now",
            "made it home",
            "sommes rendus chez nous",
            "est rendu chez nous",
            "on est rendus chez nous",
            "nearly got hit",
            "nobody was outside",
            "nobody was inside",
            "nobody was home",
            "nobody was there",
            "no one was outside",
            "no one was inside",
            "no one was home",
            "no one was there",
        ],
    },
];

/// Phrases whose words are no sign of danger, though some of them are alone:
/// a chronic condition or its treatment ("blood pressure", "pilules pour le
/// cœur"), a complaint of discomfort ("chu pu capable de dormir").
const NEUTRAL: &[&str] = &[
    "blood pressure",
    "high blood",
    "blood sugar",
    "blood test",
    "give blood",
    "donner du sang",
    "prise de sang",
    "pression arterielle",
    "haute pression",
    "heart condition",
    "heart problems",
    "heart medication",
    "heart pills",
    "for my heart",
    "pour le coeur",
    "pour mon coeur",
    // Taking one's treatment, not swallowing a bottle ("pilules pour dormir"
    // is left to the model).
    "take pills",
    "prends des pilules",
    "prend des pilules",
    "prend tu des pilules",
    "prend tu les pilules",
    "prendre des pilules",
    "prendre les pilules",
    // Pills named by what is in them ("les pilules d'iode").
    "pilules de iode",
    "comprimes de iode",
    "iodine pills",
    "iodine tablets",
    "pills for my",
    "pills for blood",
    "pills for high",
    "pilules pour le",
    "pilules pour la",
    "pilules pour ma",
    "pilules pour mon",
    "plus capable de dormir",
    "pas capable de dormir",
    "plus capable de attendre",
    "can not sleep",
    // Something that will not open is no question about opening hours.
    "can not open",
    "peux pas ouvrir",
    "peut pas ouvrir",
    "capable de ouvrir",
    // The incident named as a point in time ("je dors pu depuis l'accident"):
    // the hazard is what happened, not what is here now.
    // Dismissed or absent: "can my employer fire me", "missing work".
    "fire me",
    "fire him",
    "fire her",
    "fire us",
    "fire them",
    "got fired",
    "get fired",
    "be fired",
    "been fired",
    "missing work",
    "missing school",
    "missing class",
    "missing classes",
    "missing my shift",
    "missing shifts",
    "missing days",
    "missing an appointment",
    "missing my appointment",
    // A birth that just happened ("ma sœur vient d'accoucher").
    "vient de accoucher",
    "viens de accoucher",
    "just gave birth",
    // A licence for a gun is no weapon drawn.
    "permis de arme",
    "permis de armes",
    "permis de port de arme",
    "gun licence",
    "gun license",
    "firearms licence",
    "firearms license",
    // A sore back, a discomfort ("mal au dos après avoir pelleté").
    "mal au dos",
    "mal dans le dos",
    "back pain",
    "back hurts",
    "sore back",
    // A sore limb ("mal au pied après la bousculade", "a sore ankle"): a
    // discomfort; a limb that cannot move or bleeds says itself.
    "mal au pied",
    "mal aux pieds",
    "mal a la cheville",
    "mal aux chevilles",
    "mal au genou",
    "mal aux genoux",
    "mal a la jambe",
    "mal aux jambes",
    "mal a la main",
    "mal aux mains",
    "mal au poignet",
    "mal a le epaule",
    "sore foot",
    "sore feet",
    "sore ankle",
    "sore knee",
    "sore knees",
    "sore wrist",
    "sore shoulder",
    "foot hurts",
    "feet hurt",
    "ankle hurts",
    "knee hurts",
    "sprained ankle",
    "sprained my ankle",
    "twisted my ankle",
    // Pills forgotten or for blood pressure ("j'ai oublié mes pilules de
    // pression"): a refill to find, not an overdose.
    "pilules de pression",
    "pilules pour la pression",
    "oublie mes pilules",
    "oublie ses pilules",
    "laisse mes pilules",
    "forgot my pills",
    "forgot his pills",
    "forgot her pills",
    "left my pills",
    // Paralysed with fear: a feeling.
    "paralyse de peur",
    "paralysee de peur",
    "paralyzed with fear",
    // Walking poorly, a lasting condition ("ma mère marche mal").
    "marche mal",
    "marchent mal",
    "depuis le accident",
    "since the accident",
    "after the accident",
    "apres le accident",
    "depuis le feu",
    "since the fire",
    "after the fire",
    "apres le feu",
    "depuis le explosion",
    "since the explosion",
    "after the explosion",
    "apres le explosion",
    "depuis le crash",
    "since the crash",
    // A vehicle stuck in snow or mud, said of the vehicle ("mon char est
    // pogné dans le banc de neige"): "we are stuck in the car" still counts.
    "voiture est pris",
    "voiture est prise",
    "voiture est coincee",
    "auto est pris",
    "auto est prise",
    "auto est coincee",
    "car is stuck",
    "car got stuck",
    "tractor is stuck",
    "tractor got stuck",
    "tracteur est pris",
    "camion est pris",
    "camion is stuck",
    "camion got stuck",
    // Money, not a place one is stuck in.
    "coince financierement",
    "pris financierement",
    "stuck financially",
    // A fire one lights to keep warm or cook.
    "faire un feu",
    "faire du feu",
    "make a fire",
    "light a fire",
    "feu de camp",
    "feu de foyer",
    "dans le foyer",
    "in the fireplace",
    "poele a bois",
    "wood stove",
    // The ground or a house shaking is an earthquake, not a body trembling.
    "ca tremble",
    "ca a tremble",
    "ca va trembler",
    "recommence a trembler",
    "terre tremble",
    "terre a tremble",
    "maison tremble",
    "maison a tremble",
    "starts shaking",
    "start shaking",
    "it shakes",
    "it shook",
    "house is shaking",
    "ground is shaking",
    "building is shaking",
    "shaking again",
    // Water or power that is missing, or ice made at the fridge, is a
    // question for the directives ("on a pu d'eau", "no water pressure",
    // "ya pu de courant", "la machine à glace"), not water, current or ice
    // closing in.
    "plus de eau",
    "pas de eau",
    "sans eau",
    "manque de eau",
    "no water",
    "no running water",
    "without water",
    "water pressure",
    "pression de eau",
    "plus de courant",
    "pas de courant",
    "sans courant",
    "plus de electricite",
    "pas de electricite",
    "sans electricite",
    "no power",
    // Water as a supply or a place ("notre eau", "une fleur d'eau", "le
    // plan d'eau", "les jeux d'eau") and water asked about ("if I boil the
    // water is it ok"), not water closing in.
    "notre eau",
    "mon eau",
    "votre eau",
    "leur eau",
    "our water",
    "my water",
    "your water",
    "their water",
    "fleur de eau",
    "fleurs de eau",
    "plan de eau",
    "jeux de eau",
    "prise de eau",
    // The waterfront as a place ("mon terrain au bord de l'eau").
    "bord de le eau",
    "bord de eau",
    "water is it",
    "water is ok",
    "water is safe",
    "water is good",
    "water is fine",
    "water is clean",
    // The gas cut or run out ("on a pu de gaz", "no gas since this
    // morning", "out of propane"), not gas leaking.
    "plus de gaz",
    "pas de gaz",
    "sans gaz",
    "manque de gaz",
    "gaz coupe",
    "gaz est coupe",
    "no gas",
    "without gas",
    "gas is off",
    "gas was cut",
    "gas shut off",
    "out of gas",
    "plus de propane",
    "pas de propane",
    "no propane",
    "out of propane",
    "machine a glace",
    "cubes de glace",
    "ice maker",
    "ice machine",
    "ice cubes",
    // Something one burnt ("j'ai brûlé mes toasts"): "je me suis brûlé"
    // is still an injury.
    "ai brule mes",
    "ai brule mon",
    "ai brule ma",
    "ai brule le",
    "ai brule la",
    "ai brule les",
    "burnt the",
    "burned the",
    "detecteur de fumee",
    "avertisseur de fumee",
    "smoke detector",
    "smoke alarm",
    "fire alarm",
    "fire alarms",
    "alarme de incendie",
    "alarme incendie",
    "alarme de feu",
    "alarme feu",
    // Afraid of losing one's house or job: a worry.
    "peur de perdre",
    "afraid of losing",
    "scared of losing",
    // Water as a thing to choose or handle ("je donne quoi comme eau au
    // chien", "je fais quoi avec l'eau"): its rising still says danger.
    "comme eau",
    "avec le eau",
    "with the water",
    // Held up at work, not trapped ("stuck in traffic" is left out: in a
    // wildfire, traffic is where people are caught).
    "stuck at work",
    "stuck at the office",
    // Cut off from home by a closed crossing, not trapped: "stuck on the
    // other side (of the river)", "pris de l'autre bord".
    "stuck on the other side",
    "stuck across the river",
    "stuck on the other shore",
    "pris de le autre bord",
    "pris de le autre cote",
    "prise de le autre bord",
    "prise de le autre cote",
    "coince de le autre bord",
    "coince de le autre cote",
    "pris au travail",
    "pris a la emploi",
    "pris au bureau",
    "coince au travail",
    "coince au bureau",
    // Soaked, said of a thing ("la fournaise a pris l'eau"): "le bateau
    // prend l'eau" is still water coming in.
    "a pris le eau",
    "ont pris le eau",
    "avait pris le eau",
    "avaient pris le eau",
    // A room or an engine flooded ("mon sous-sol est noyé", "le moteur est
    // noyé"): no one drowning.
    "soussol est noye",
    "soussol noye",
    "soussol est tout noye",
    "soussol est completement noye",
    "cave est noyee",
    "garage est noye",
    "terrain est noye",
    "moteur est noye",
    "moteur noye",
    // Feeling isolated or alone is a feeling to talk about ("je me sens ben
    // isolé"), not being cut off by the hazard ("on est isolés, la route est
    // partie" still counts).
    "me sens isole",
    "me sens isolee",
    "me sens bien isole",
    "me sens bien isolee",
    "me sens tellement isole",
    "me sens tellement isolee",
    "me sens seul",
    "me sens seule",
    "me sens bien seul",
    "me sens bien seule",
    "me sens tellement seul",
    "me sens tellement seule",
    "feel alone",
    "feel so alone",
    "feeling alone",
    // A fear of water or fire since the event ("ma fille a peur de l'eau"):
    // no water or fire here now.
    "peur de le eau",
    "peur du feu",
    "afraid of water",
    "afraid of the water",
    "scared of water",
    "scared of the water",
    "afraid of fire",
    "scared of fire",
    // A smell of burning is smoke, not a burnt body ("ça sent le brûlé").
    "sent le brule",
    "odeur de brule",
    "senteur de brule",
];

/// Animals residents lose, find and board in every incident.
const PETS: &[&str] = &[
    "chat",
    "chats",
    "chatte",
    "chattes",
    "minette",
    "pitou",
    "toutou",
    "jument",
    "poney",
    "pony",
    "chaton",
    "minou",
    "chien",
    "chiens",
    "chienne",
    "chiot",
    "cat",
    "cats",
    "kitten",
    "dog",
    "dogs",
    "puppy",
    "pet",
    "pets",
    "animal",
    "animaux",
    "lapin",
    "rabbit",
    "perroquet",
    "oiseau",
    "bird",
    "cheval",
    "horse",
];

/// A mild symptom at the `i`-th word: a headache, nausea, a sore throat or
/// eyes ("mal à la tête", "mal au cœur").
fn mild_symptom(words: &[&str], i: usize) -> bool {
    const IRRITATED: &[&str] = &[
        "brule",
        "brulent",
        "piquent",
        "pique",
        "irrite",
        "irritee",
        "irrites",
        "irritees",
        "coulent",
        "burn",
        "burns",
        "burning",
        "sting",
        "stings",
        "stinging",
        "itchy",
        "irritated",
        "scratchy",
        "watery",
        "runny",
    ];
    const FACE: &[&str] = &["yeux", "oeil", "nez", "gorge", "eyes", "eye", "nose", "throat"];
    matches!(words[i], "headache" | "headaches" | "migraine" | "nausea" | "nauseous" | "nausee" | "nausees")
        // Eyes, nose or throat irritated ("mon nez brûle", "my eyes sting").
        || (IRRITATED.contains(&words[i]) && before(words, i, 3).iter().any(|w| FACE.contains(w)))
        || (words[i] == "mal"
            && matches!(
                following(words, i, 3),
                ["a", "la", "tete" | "gorge", ..] | ["de", "tete", ..] | ["au", "coeur", ..] | ["aux", "yeux", ..]
            ))
}

/// What is in the air, which a symptom may be put down to.
const AIRS: &[&str] =
    &["odeur", "odeurs", "smell", "smells", "fumee", "smoke", "fumes", "vapeurs", "vapeur", "chaleur", "heat"];

/// A gas or what burns fuel indoors: carbon monoxide's sources.
const COMBUSTION: &[&str] = &[
    "gaz",
    "gas",
    "propane",
    "co",
    "monoxyde",
    "monoxide",
    "generatrice",
    "generateur",
    "generator",
    "poele",
    "stove",
    "fournaise",
    "furnace",
    "chaufferette",
    "heater",
    "barbecue",
    "bbq",
];

/// A symptom put down to the air: "à cause de l'odeur", "from the smoke",
/// "the smell is giving me…", "avec l'odeur".
fn put_down_to_the_air(words: &[&str]) -> bool {
    words.windows(2).any(|p| {
        matches!(
            p,
            ["cause", "de" | "du" | "des"]
                | ["because", "of"]
                | ["due", "to"]
                | ["caused", "by"]
                | ["giving" | "gives" | "gave" | "give", "me" | "him" | "her" | "us" | "them" | "my"]
        )
    }) || (0..words.len()).any(|i| {
        AIRS.contains(&words[i])
            && before(words, i, 3).iter().any(|w| matches!(*w, "avec" | "depuis" | "from" | "with" | "par" | "since"))
    })
}

/// Several people with the same symptom ("on a tous mal à la tête", "the
/// whole family", "everyone").
fn several_people(words: &[&str]) -> bool {
    words.iter().any(|w| matches!(*w, "everyone" | "everybody"))
        || words.windows(2).any(|p| {
            matches!(
                p,
                ["a" | "avons" | "ont" | "sont" | "sommes", "tous" | "toutes"]
                    | ["we" | "they", "all"]
                    | ["all", "of"]
                    | ["whole", "family"]
                    | ["la", "famille"]
                    | ["le", "monde"]
            )
        })
}

/// Attacking now (what happened is told with other words: "attacked").
const ATTACKING: &[&str] = &["attacking", "attacks", "attaque", "attaquent", "mord", "mordent", "biting"];

/// Words of breaking: of a bone when a part of the body is named near them.
const BREAKS: &[&str] =
    &["broken", "broke", "breaks", "casse", "cassee", "casses", "cassees", "brise", "brisee", "fractured"];

/// Parts of the body that break ("main" is also a water main, "back" a
/// door).
const BODY_PARTS: &[&str] = &[
    "leg",
    "legs",
    "arm",
    "arms",
    "hip",
    "ankle",
    "wrist",
    "bone",
    "bones",
    "neck",
    "rib",
    "ribs",
    "nose",
    "foot",
    "feet",
    "hand",
    "finger",
    "fingers",
    "shoulder",
    "knee",
    "collarbone",
    "skull",
    "jaw",
    "jambe",
    "jambes",
    "bras",
    "hanche",
    "cheville",
    "poignet",
    "os",
    "cou",
    "dos",
    "cote",
    "cotes",
    "nez",
    "pied",
    "pieds",
    "doigt",
    "doigts",
    "epaule",
    "genou",
    "clavicule",
    "crane",
    "machoire",
];

/// Where someone lying has fallen, not gone to rest.
const GROUND: &[&str] = &[
    "cour",
    "rue",
    "trottoir",
    "neige",
    "sol",
    "terre",
    "gazon",
    "chemin",
    "fosse",
    "stationnement",
    "yard",
    "street",
    "sidewalk",
    "snow",
    "ground",
    "grass",
    "road",
    "ditch",
    "driveway",
    "parking",
];

/// What a building or a slope leaves on whoever is under it.
const RUBBLE: &[&str] = &[
    "debris",
    "decombres",
    "gravats",
    "ruines",
    "rubble",
    "wreckage",
    "ruins",
    "rubbles",
    "effondrement",
    "collapsed",
];

/// People a resident names besides the vulnerable ones (cue "vulnerable").
const PEOPLE: &[&str] = &[
    "homme",
    "hommes",
    "man",
    "men",
    "guy",
    "guys",
    "dame",
    "madame",
    "monsieur",
    "lady",
    "woman",
    "frere",
    "soeur",
    "brother",
    "sister",
    "ami",
    "amie",
    "friend",
    "chum",
    "blonde",
    "boyfriend",
    "girlfriend",
    "mom",
    "dad",
    "mama",
    "papa",
    "maman",
    // Not "personne", which is also nobody ("y a personne dedans").
    "quelqu",
    "someone",
    "somebody",
    "person",
    "monde",
    "people",
    // People on or in the water.
    "swimmer",
    "swimmers",
    "baigneur",
    "baigneuse",
    "baigneurs",
    "nageur",
    "nageuse",
    "kayaker",
    "kayakiste",
    "canoeist",
    "boater",
    "pecheur",
    "fisherman",
];

/// Words between someone and what is said of them: a verb to be, an age,
/// alone ("ma voisine de 85 ans est encore dans sa maison").
const SAID_OF_SOMEONE: &[&str] = &[
    "is", "are", "was", "were", "est", "sont", "etait", "s", "de", "ans", "years", "old", "tout", "toute", "seul",
    "seule", "alone", "qui",
];

/// Whether the signs or symptoms of the condition at the `i`-th word are
/// asked about ("what are the signs of a stroke", "les symptômes d'un coup
/// de chaleur").
fn signs_asked(words: &[&str], i: usize) -> bool {
    before(words, i, 4).iter().any(|w| matches!(*w, "signs" | "sign" | "signes" | "signe" | "symptoms" | "symptomes"))
}

/// Wild animals a car hits on the road.
const ROAD_ANIMALS: &[&str] =
    &["chevreuil", "chevreuils", "orignal", "orignaux", "cerf", "cerfs", "deer", "moose", "caribou", "ours", "bear"];

/// Whether `w` is a year before this one (from 1900).
fn a_past_year(w: &str) -> bool {
    static THIS_YEAR: LazyLock<u32> = LazyLock::new(|| {
        let days =
            std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() / 86_400);
        // Days to years, close enough away from New Year's Eve.
        1970 + (days * 400 / 146_097) as u32
    });
    w.len() == 4 && is_digits(w) && w.parse::<u32>().is_ok_and(|y| (1900..*THIS_YEAR).contains(&y))
}

fn is_digits(w: &str) -> bool {
    !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit())
}

/// A mind failing, said of someone else.
const CONFUSED: &[&str] =
    &["confused", "confus", "confuse", "mele", "melee", "desoriente", "desorientee", "disoriented", "delirious"];

/// Water one can drown in.
const WATERS: &[&str] = &[
    "riviere", "lac", "ruisseau", "fleuve", "eau", "piscine", "canal", "river", "lake", "creek", "stream", "water",
    "pool",
];

/// Small children, who cannot be left alone.
const CHILDREN: &[&str] = &[
    "bebe", "bebes", "baby", "babies", "enfant", "enfants", "kid", "kids", "child", "children", "toddler", "toddlers",
];

static NEUTRAL_SET: LazyLock<PhraseSet> = LazyLock::new(|| PhraseSet::new(NEUTRAL));

/// Whether the `i`-th word, a hazard, names the event rather than a danger
/// now: after "since", "during", "depuis", "pendant"… ("depuis le feu"),
/// after its cause ("what caused the fire", "l'origine de l'incendie"),
/// after what was lost in it ("perdu mes papiers dans le feu"), or after a
/// memory ("je revois les flammes", "nightmares about the fire").
fn names_the_event(words: &[&str], i: usize) -> bool {
    const EVENT: &[&str] = &[
        "since", "during", "after", "before", "depuis", "pendant", "durant", "apres", "avant", "lors", "cause",
        "caused", "origine", "origin",
    ];
    const MEMORY: &[&str] = &[
        "revois",
        "revoit",
        "revoient",
        "revoir",
        "reve",
        "reves",
        "revent",
        "rever",
        "cauchemar",
        "cauchemars",
        "dream",
        "dreams",
        "dreaming",
        "dreamt",
        "nightmare",
        "nightmares",
        "remember",
        "souviens",
        "souvient",
    ];
    const LOST_IN: &[&str] =
        &["perdu", "perdue", "perdus", "perdues", "lost", "brule", "brules", "burned", "burnt", "detruit", "destroyed"];
    let mut j = i;
    while j > 0
        && j + 2 >= i
        && (ARTICLES.contains(&words[j - 1]) || matches!(words[j - 1], "l" | "of" | "de" | "about"))
    {
        j -= 1;
    }
    // The event named by those it struck, or where it struck: "the crash
    // victims", "the crash site", "les victimes de l'accident".
    const STRUCK: &[&str] = &["victims", "victim", "survivors", "site", "victimes", "victime", "survivants", "lieux"];
    if words.get(i + 1).is_some_and(|w| STRUCK.contains(w)) {
        return true;
    }
    let Some(previous) = j.checked_sub(1).map(|k| words[k]) else { return false };
    STRUCK.contains(&previous)
        || EVENT.contains(&previous)
        || MEMORY.contains(&previous)
        || (matches!(previous, "dans" | "in") && before(words, j - 1, 8).iter().any(|w| LOST_IN.contains(w)))
}

/// Whether the stuck word at `i` is followed, through linking words only,
/// by an area ("stuck in the lockdown zone", "pris dans le secteur").
fn in_an_area(words: &[&str], i: usize) -> bool {
    const LINKS: &[&str] =
        &["in", "inside", "within", "the", "a", "our", "dans", "le", "la", "les", "en", "au", "notre"];
    const AREAS: &[&str] = &[
        "zone",
        "zones",
        "perimetre",
        "perimeter",
        "area",
        "secteur",
        "quartier",
        "neighbourhood",
        "neighborhood",
        "lockdown",
        "confinement",
    ];
    following(words, i, 4).iter().find(|w| !LINKS.contains(w)).is_some_and(|w| AREAS.contains(w))
}

/// Whether the violent word at `i` names the event rather than an act
/// now: after "since", "after", "during" ([`names_the_event`]), or an event
/// noun with a definite article ("the shooting", "la fusillade"), or
/// violence as a subject ("des ateliers sur la violence conjugale",
/// "prevention of violence").
fn violent_event(words: &[&str], i: usize) -> bool {
    const EVENTS: &[&str] =
        &["shooting", "shootings", "fusillade", "fusillades", "tirs", "gunfire", "gunshots", "shots", "stabbing"];
    const ABOUT: &[&str] = &["sur", "about", "contre", "against", "prevention", "prevenir", "prevent", "on"];
    let subject = words[i] == "violence"
        && before(words, i, 2).iter().rev().find(|w| !ARTICLES.contains(w)).is_some_and(|w| ABOUT.contains(w));
    subject
        || EVENTS.contains(&words[i])
            && (names_the_event(words, i)
                || (i > 0
                    && matches!(words[i - 1], "the" | "this" | "that" | "la" | "cette")
                    && !matches!(words[i], "tirs" | "shots" | "gunshots" | "gunfire")))
}

/// A recording just before the `i`-th word ("footage of", "une vidéo de",
/// "j'ai filmé"): the hazard after it is the one recorded.
fn recorded(words: &[&str], i: usize) -> bool {
    before(words, i, 6).iter().any(|w| {
        matches!(
            *w,
            "footage"
                | "video"
                | "videos"
                | "dashcam"
                | "photo"
                | "photos"
                | "pictures"
                | "picture"
                | "filmed"
                | "filme"
                | "filmee"
                | "images"
        )
    })
}

/// Events a resident names as what happened ("hurt in the crash", "shaking
/// since the blast"): told after the fact, not a danger now.
const NAMED_EVENTS: &[&str] = &[
    "accident",
    "attack",
    "attaque",
    "blast",
    "collapse",
    "crash",
    "derailment",
    "deraillement",
    "earthquake",
    "effondrement",
    "explosion",
    "feu",
    "fire",
    "flood",
    "fusillade",
    "incendie",
    "inondation",
    "quake",
    "seisme",
    "shooting",
    "stabbing",
    "storm",
    "tempete",
    "tirs",
    "tornade",
    "tornado",
    "tremblement",
];

/// Whether the body word at `i` is "injured", "blessé" or the like,
/// followed by "in the" and an event ("hurt in the crash", "blessée dans
/// la fusillade").
fn hurt_in_the_event(words: &[&str], i: usize) -> bool {
    const HURT: &[&str] =
        &["injured", "hurt", "wounded", "blesse", "blessee", "blesses", "blessees", "injuries", "blessures"];
    HURT.contains(&words[i])
        && matches!(words.get(i + 1), Some(&("in" | "dans" | "during" | "lors" | "pendant")))
        && following(words, i + 1, 3)
            .iter()
            .find(|w| !ARTICLES.contains(w) && !matches!(**w, "l" | "de" | "du" | "des"))
            .is_some_and(|w| NAMED_EVENTS.contains(w))
}

/// Whether the body word at `i` follows "pour", "for", "contre" or
/// "against" and only articles: what a remedy or a question is for.
fn remedy_for(words: &[&str], i: usize) -> bool {
    before(words, i, 3)
        .iter()
        .rev()
        .find(|w| !ARTICLES.contains(w) && **w != "l")
        .is_some_and(|w| matches!(*w, "pour" | "for" | "contre" | "against"))
}

/// Dreams and nightmares, in which a hazard is remembered.
const DREAMS: &[&str] = &["cauchemar", "cauchemars", "reve", "reves", "nightmare", "nightmares", "dream", "dreams"];

/// Whether the word at `i` is followed by "since" or "depuis" and the event
/// ("shaking since the blast", "je tremble depuis l'explosion"), or what one
/// saw or heard of it ("depuis que j'ai entendu les tirs", "since I saw
/// it"): trembling since then, not a body failing now.
fn since_the_event(words: &[&str], i: usize) -> bool {
    const PERCEIVED: &[&str] = &["vu", "entendu", "saw", "seen", "heard", "watched"];
    let next = following(words, i, 7);
    let Some(since) = next.iter().take(2).position(|w| matches!(*w, "since" | "depuis")) else { return false };
    let after = &next[since + 1..];
    after.iter().take(3).any(|w| NAMED_EVENTS.contains(w)) || after.iter().take(4).any(|w| PERCEIVED.contains(w))
}

/// Fear and anxiety named as a feeling. Narrower than the lexicon's
/// "mental" concept on purpose: crying, panic or a nightmare said beside a
/// body trembling may be the body failing (cold water, a seizure).
const FEAR: &[&str] = &[
    "peur",
    "anxieux",
    "anxieuse",
    "anxiete",
    "stresse",
    "stressee",
    "nerveux",
    "nerveuse",
    "anxious",
    "anxiety",
    "scared",
    "afraid",
    "frightened",
    "nervous",
    "stressed",
];

/// Whether the `i`-th word says a thing burnt, not a body nor a fire now:
/// "mon passeport a brûlé", "everything burned"; not "je me suis brûlé la
/// main", "he burned his arm", "la maison brûle".
fn burnt_thing(words: &[&str], i: usize, person: &impl Fn(&str) -> bool) -> bool {
    // Past the interrogative "-tu" ("mon chalet est-tu brûlé").
    let previous = before(words, i, 2).iter().rev().find(|w| !matches!(**w, "tu" | "t"));
    // A material burnt ("des bouts de plastique brûlé dans ma cour"), not a
    // smell of burning ("ça sent le plastique brûlé").
    const MATERIALS: &[&str] = &["plastique", "bois", "papier", "carton", "debris", "morceaux", "bouts", "feuilles"];
    let material = i > 0
        && MATERIALS.contains(&words[i - 1])
        && !before(words, i, 4).iter().any(|w| matches!(*w, "sent" | "sens" | "odeur"));
    let past = match words[i] {
        "brule" | "brulee" | "brules" | "brulees" => {
            material
                || previous.is_some_and(|w| {
                    matches!(*w, "a" | "ont" | "avait" | "avaient" | "est" | "sont" | "etait" | "etaient" | "ete")
                })
        }
        "burned" | "burnt" => true,
        _ => false,
    };
    // The interrogative "-tu" just before is no one ("mon chalet est-tu
    // brûlé").
    let asked = i > 0 && matches!(words[i - 1], "tu" | "t");
    past && !before(words, i - usize::from(asked), 4).iter().any(|w| {
        person(w) || PERSON_SUBJECTS.contains(w) || matches!(*w, "me" | "se" | "s" | "il" | "elle" | "he" | "she")
    }) && !before(words, i, 3).iter().chain(following(words, i, 3)).any(|w| BODY_PARTS.contains(w))
}

/// Whether someone is grabbed, dragged or pushed into a vehicle ("pulled a
/// girl into a van", "il l'a traînée dans son char"); not a thing ("we
/// pushed the car into the garage", "j'ai poussé le char dans l'entrée").
fn a_person_taken_into_a_vehicle(words: &[&str], person: &impl Fn(&str) -> bool) -> bool {
    const TAKE: &[&str] = &[
        "pulled",
        "grabbed",
        "dragged",
        "forced",
        "shoved",
        "pushed",
        "threw",
        "snatched",
        "traine",
        "trainee",
        "pousse",
        "poussee",
        "embarque",
        "embarquee",
    ];
    const VEHICLES: &[&str] = &[
        "van",
        "car",
        "truck",
        "vehicle",
        "pickup",
        "suv",
        "camionnette",
        "auto",
        "voiture",
        "char",
        "camion",
        "vehicule",
    ];
    words.iter().enumerate().any(|(i, w)| {
        // Whom: named after the verb ("pulled a girl", "grabbed her"), or
        // a pronoun before the French auxiliary ("il l'a traînée").
        let someone = || {
            following(words, i, 3)
                .iter()
                .find(|w| !ARTICLES.contains(w) && !DETERMINERS.contains(w))
                .is_some_and(|w| person(w) || matches!(*w, "her" | "him" | "me" | "us" | "them" | "girl" | "boy"))
                || matches!(before(words, i, 2), ["le" | "la" | "me" | "m" | "les", "a" | "ont"])
        };
        TAKE.contains(w)
            && following(words, i, 6).iter().any(|v| VEHICLES.contains(v))
            && following(words, i, 6).iter().any(|p| matches!(*p, "into" | "in" | "dans"))
            && someone()
    })
}

/// Whether the weapon at `i` is a thing found or the resident's own ("on a
/// trouvé un vieux fusil dans le sous-sol", "can I bring my hunting
/// rifle"), not one held against someone ("his rifle", "un gars avec un
/// fusil").
fn a_weapon_not_held(words: &[&str], i: usize) -> bool {
    matches!(
        words[i],
        "fusil" | "fusils" | "carabine" | "carabines" | "arme" | "armes" | "gun" | "guns" | "rifle" | "rifles"
    ) && before(words, i, 3).iter().any(|w| {
        matches!(
            *w,
            "trouve" | "trouvee" | "found" | "ramasse" | "picked" | "my" | "mon" | "ma" | "mes" | "our" | "nos"
        )
    })
}

/// Whether a limb is cut ("coupé mon doigt", "cut his hand") and a blade or
/// a power tool is named.
fn a_limb_cut_by_a_tool(words: &[&str]) -> bool {
    const CUT: &[&str] =
        &["coupe", "coupee", "tranche", "tranchee", "sectionne", "sectionnee", "cut", "sliced", "severed"];
    const TOOLS: &[&str] = &[
        "scie",
        "tronconneuse",
        "hache",
        "machette",
        "lame",
        "tondeuse",
        "souffleuse",
        "meuleuse",
        "chainsaw",
        "saw",
        "axe",
        "machete",
        "blade",
        "mower",
        "snowblower",
        "grinder",
    ];
    words.iter().any(|w| TOOLS.contains(w))
        && words
            .iter()
            .enumerate()
            .any(|(i, w)| CUT.contains(w) && following(words, i, 4).iter().any(|p| BODY_PARTS.contains(p)))
}

/// Whether the `i`-th word is "brûlé" said of oneself with "je suis" and no
/// part of the body ("je suis brûlé, ça fait 4 nuits que je dors pas"):
/// exhausted.
fn exhausted(words: &[&str], i: usize) -> bool {
    matches!(words[i], "brule" | "brulee")
        && before(words, i, 2).last() == Some(&"suis")
        && !(i >= 2 && matches!(words[i - 2], "me" | "m"))
        && !following(words, i, 3)
            .iter()
            .any(|w| BODY_PARTS.contains(w) || matches!(*w, "partout" | "degre" | "visage"))
}

/// Pests, weeds and germs, killed without violence.
const PESTS: &[&str] = &[
    "larves",
    "larve",
    "moustiques",
    "maringouins",
    "mouches",
    "insectes",
    "bibittes",
    "guepes",
    "fourmis",
    "punaises",
    "araignees",
    "tiques",
    "poux",
    "souris",
    "rats",
    "abeilles",
    "bacteries",
    "microbes",
    "germes",
    "virus",
    "moisissures",
    "mauvaises",
    "herbe",
    "pelouse",
    "gazon",
    "plantes",
    "larvae",
    "mosquitoes",
    "mosquitos",
    "flies",
    "insects",
    "bugs",
    "wasps",
    "ants",
    "spiders",
    "ticks",
    "lice",
    "mice",
    "bees",
    "bacteria",
    "germs",
    "viruses",
    "mold",
    "mould",
    "weeds",
    "grass",
    "lawn",
    "plants",
    "pests",
];

/// Whether the `i`-th word kills pests, weeds or germs ("tuer les larves",
/// "ça va-tu tuer mes abeilles", "kill the mosquitoes").
fn killing_pests(words: &[&str], i: usize) -> bool {
    matches!(words[i], "tuer" | "tue" | "tuent" | "kill" | "kills" | "killing" | "killed")
        && words[i + 1..]
            .iter()
            .find(|w| !DETERMINERS.contains(w) && !ARTICLES.contains(w) && !matches!(**w, "tu" | "t" | "all" | "tous"))
            .is_some_and(|w| PESTS.contains(w))
}

/// Whether the `i`-th word is a bruise, a noun after an article or a
/// possessive ("un bleu sur le bras", "plein de bleus"), not skin turning
/// blue ("il devient bleu", "tout bleu").
fn a_bruise(words: &[&str], i: usize) -> bool {
    matches!(words[i], "bleu" | "bleus")
        && i > 0
        && matches!(words[i - 1], "un" | "des" | "gros" | "mon" | "mes" | "son" | "ses" | "de" | "plein")
}

/// Whether the `i`-th word is "vieux" or "old" said of a thing after an
/// article or a possessive ("mes vieux pneus", "my old car"), not of
/// someone ("mon vieux père", "the old man", "mes vieux sont encore là").
fn an_old_thing(words: &[&str], i: usize, person: &impl Fn(&str) -> bool) -> bool {
    const LINKS: &[&str] = &[
        "est", "sont", "a", "ont", "qui", "que", "pis", "et", "va", "vont", "peut", "peuvent", "veut", "veulent",
        "etait", "etaient", "reste", "restent", "habite", "vit", "de", "du", "des", "is", "are", "was", "were", "has",
        "have", "who", "and", "can", "will", "lives", "folks", "timer", "timers", "couple", "gens",
    ];
    matches!(words[i], "vieux" | "vieille" | "vieilles" | "old")
        && i > 0
        && (DETERMINERS.contains(&words[i - 1]) || ARTICLES.contains(&words[i - 1]))
        && words.get(i + 1).is_some_and(|next| !person(next) && !LINKS.contains(next) && !is_digits(next))
}

/// Whether the `i`-th word, a hazard, is what someone fears ("my son is
/// scared of fire now", "elle a peur du feu"): a feeling, not the hazard
/// here. Not "j'ai peur, le feu approche": the preposition must join them.
fn feared(words: &[&str], i: usize) -> bool {
    let k = match before(words, i, 2) {
        [_, "du" | "of" | "des"] => i - 1,
        ["de" | "of", "le" | "la" | "the" | "l"] => i - 2,
        _ => return false,
    };
    k > 0
        && (FEAR.contains(&words[k - 1])
            || matches!(words[k - 1], "terrified" | "terrifie" | "fear" | "phobie" | "phobia"))
}

/// Whether the `i`-th word, a fire, is measured by its area ("ça brûle
/// combien d'hectares", "the fire is 2,000 acres"): news of the fire, not
/// a fire here.
fn a_fire_measured(words: &[&str], i: usize) -> bool {
    matches!(words[i], "brule" | "brulent" | "feu" | "feux" | "incendie" | "fire" | "fires" | "burning" | "burns")
        && words.iter().any(|w| matches!(*w, "hectares" | "hectare" | "acres" | "acre"))
}

/// The `n` words before the `i`-th.
fn before<'a>(words: &'a [&'a str], i: usize, n: usize) -> &'a [&'a str] {
    &words[i.saturating_sub(n)..i]
}

/// The `n` words after the `i`-th.
fn following<'a>(words: &'a [&'a str], i: usize, n: usize) -> &'a [&'a str] {
    let from = (i + 1).min(words.len());
    &words[from..(from + n).min(words.len())]
}

fn cues(message: &Normalized, words: &[&str], raw: &str) -> Vec<(&'static str, f32)> {
    let index = &*CUE_INDEX;
    // Tokens inside a neutral phrase; most messages have none.
    let mut neutral: Vec<bool> = Vec::new();
    NEUTRAL_SET.each_occurrence(message, |_, range| {
        neutral.resize(words.len(), false);
        neutral[range].fill(true);
    });
    let is_neutral = |i: usize| neutral.get(i).copied().unwrap_or(false);
    let mut counts = [0usize; 32];
    // Water from the tap or the pipes, to drink, boil or filter, its
    // pressure, its colour, frozen: a question for the directives, not
    // water closing in (which "rising" still says: "l'eau brune monte").
    let tap = words.iter().any(|w| {
        matches!(
            *w,
            "robinet"
                | "tap"
                | "faucet"
                | "potable"
                | "drinking"
                | "aqueduc"
                | "tuyau"
                | "tuyaux"
                | "pipe"
                | "pipes"
                | "plomberie"
                | "plombier"
                | "plumbing"
                | "bouillir"
                | "boil"
                | "boiled"
                | "boire"
                | "drink"
                | "embouteillee"
                | "bottled"
                | "filtre"
                | "filter"
                | "pression"
                | "pressure"
                | "brune"
                | "brown"
                | "jaune"
                | "yellow"
                | "cloudy"
                | "rouillee"
                | "rusty"
                | "puits"
                | "gout"
                | "goute"
                | "taste"
                | "tastes"
                | "salty"
                // Containers to fill, water to save: a supply.
                | "cruche"
                | "cruches"
                | "bidon"
                | "bidons"
                | "jug"
                | "jugs"
                | "contenant"
                | "contenants"
                | "container"
                | "containers"
                | "economiser"
                | "save"
                | "conserve"
                | "gaspiller"
                | "waste"
                // Consumed, on the lawn: a supply ("réduire sa consommation
                // d'eau", "arroser la pelouse").
                | "consommer"
                | "consommation"
                | "arroser"
                | "arrosage"
                | "watering"
                // Its quality, tested: lead, a sample, a kit.
                | "plomb"
                | "analyser"
                | "analyse"
                | "tester"
                | "tested"
                | "testing"
                | "echantillon"
                | "echantillons"
                | "sample"
                | "samples"
                | "trousse"
                | "contaminee"
                | "contaminated"
                | "qualite"
                | "quality"
                // Standing water in a pool or a barrel, green or
                // stagnant: where mosquitoes breed, not water closing in.
                | "stagnante"
                | "stagnantes"
                | "stagnant"
                | "standing"
                | "verte"
                | "green"
                | "piscine"
                | "pool"
                | "spa"
                | "pataugeoire"
                | "baril"
                | "barrel"
                | "abreuvoir"
                | "birdbath"
        )
    });
    let person =
        |w: &str| PEOPLE.contains(&w) || index.words.get(w).is_some_and(|bits| (bits >> index.vulnerable) & 1 == 1);
    // What follows a verb, past an interrogative "-tu" ("je monte-tu mes
    // affaires").
    let after = |i: usize| words[i + 1..].iter().copied().filter(|w| !matches!(*w, "tu" | "t"));
    // Things carried, not people ("monter les enfants en haut" is fleeing).
    let carries = |i: usize| {
        CARRY.contains(&words[i]) && {
            let mut next = after(i);
            match next.next() {
                // "move everything upstairs", "monter tout en haut".
                Some("everything" | "tout" | "stuff" | "things" | "furniture" | "meubles") => true,
                Some(d) => DETERMINERS.contains(&d) && next.next().is_some_and(|o| !person(o)),
                None => false,
            }
        }
    };
    let carrying = (0..words.len()).any(carries);
    // Read only when a cue word asks (most messages have none).
    let afraid = || words.iter().any(|w| FEAR.contains(w));
    // Someone to talk to ("who can I talk to", "quelqu'un à qui parler"):
    // not "he can't talk".
    let talk_to = || {
        words.windows(2).any(|p| {
            matches!(p, ["talk" | "speak", "to" | "with" | "about"] | ["parler" | "jaser", "a" | "de" | "avec"])
                || matches!(p, ["a" | "avec", "qui"])
        })
    };
    // A nightmare or a dream: the hazard is the one remembered ("my son saw
    // the cars fall in the water and keeps having nightmares").
    let remembering = || words.iter().any(|w| DREAMS.contains(w));
    // A mild symptom is no danger alone: not when several people have it or
    // a fuel-burning appliance is named (how carbon monoxide shows), nor
    // when something was swallowed ("I drank some of the pool chemical and
    // my throat is burning").
    let mild_alone = || {
        !several_people(words)
            && !words.iter().any(|w| {
                COMBUSTION.contains(w)
                    || matches!(*w, "drank" | "swallowed" | "ingested" | "avale" | "avalee" | "bu" | "bue" | "ingere")
            })
    };
    // A mild symptom put down to what is in the air ("the smell is giving me
    // a headache", "mal à la tête à cause de l'odeur"): a question about the
    // air, neither a body failing nor a hazard here; not with several people
    // or a fuel-burning appliance, as above. (Written out rather than
    // calling `mild_alone`: that adds a scan of every word to each air word,
    // about 300 instructions a decision on flood.)
    let mild_from_the_air = || {
        (0..words.len()).any(|i| mild_symptom(words, i))
            && put_down_to_the_air(words)
            && !several_people(words)
            && !words.iter().any(|w| COMBUSTION.contains(w))
    };
    // A cue word's sign cleared when `when` says it is not one here.
    let clear = |bits: u32, cue: usize, when: &dyn Fn() -> bool| {
        if bits & (1 << cue) != 0 && when() { bits & !(1 << cue) } else { bits }
    };
    for (i, w) in words.iter().enumerate() {
        if tap && matches!(*w, "eau" | "water") {
            continue;
        }
        // Someone going up or in, or bringing something in ("je les
        // rentre", "on le monte en haut").
        let subject_before = |k: usize| {
            k > 0
                && (PERSON_SUBJECTS.contains(&words[k - 1])
                    || (k > 1
                        && matches!(words[k - 1], "les" | "le" | "la" | "l" | "y")
                        && PERSON_SUBJECTS.contains(&words[k - 2])))
        };
        let going = matches!(*w, "monte" | "montent" | "rentre" | "rentrent") && (subject_before(i) || carries(i));
        // Someone filling a thing ("je peux remplir mes cruches", "faut
        // remplir les sacs"), not the basement filling ("le sous-sol
        // commence à se remplir").
        let filling_a_thing = *w == "remplir" && !(i > 0 && matches!(words[i - 1], "se" | "s"));
        // Struck by a thing ("hit by a falling branch", "frappé par un
        // arbre"): hurt, maybe; no one violent.
        let struck_by_thing = matches!(*w, "hit" | "frappe" | "frappee" | "frappes" | "struck")
            && matches!(words.get(i + 1), Some(&("by" | "par")))
            && words[i + 2..]
                .iter()
                .find(|w| !DETERMINERS.contains(w) && !ARTICLES.contains(w))
                .is_some_and(|thing| !person(thing));
        // An animal hit on the road ("on a frappé un chevreuil", "we hit a
        // moose"): a collision; whoever is hurt or stuck says it.
        let hit_an_animal = || {
            matches!(*w, "hit" | "frappe" | "frappee" | "frappes" | "struck")
                && words[i + 1..]
                    .iter()
                    .find(|w| !DETERMINERS.contains(w) && !ARTICLES.contains(w))
                    .is_some_and(|a| ROAD_ANIMALS.contains(a))
        };
        if let Some(&bits) = index.words.get(w)
            && !is_neutral(i)
        {
            let bits = if going || filling_a_thing { bits & !(1 << index.rising) } else { bits };
            // An outlet ("la prise", "can I plug them back in", which the
            // normaliser writes "prise"), not someone stuck ("je suis prise").
            let outlet = matches!(*w, "prise" | "prises")
                && ((i > 0
                    && (DETERMINERS.contains(&words[i - 1])
                        || ARTICLES.contains(&words[i - 1])
                        || matches!(words[i - 1], "i" | "we" | "you" | "they" | "to" | "aux")))
                    || matches!(
                        words.get(i + 1),
                        Some(&("electrique" | "electriques" | "in" | "it" | "them" | "back"))
                    ));
            let bits = if outlet { bits & !(1 << index.stuck) } else { bits };
            // Kept inside an area the authorities closed ("stuck in the
            // lockdown zone", "pris dans le périmètre"): cut off, not
            // trapped; what closes in, if anything, says the danger.
            let bits = clear(bits, index.stuck, &|| in_an_area(words, i));
            // A violent event named as the event ("injured in the shooting",
            // "depuis la fusillade", "after the shots"): what happened, not
            // shots now ("someone is shooting", "j'entends des tirs").
            let bits = clear(bits, index.violence, &|| violent_event(words, i));
            // The signs of a condition asked about ("what are the signs of a
            // stroke", "les symptômes de l'hypothermie"): a question.
            let bits = clear(bits, index.body, &|| signs_asked(words, i));
            // What a remedy is for ("je donne quoi pour la fièvre", "pills
            // for the pain"): a question about a condition, not a body
            // failing now.
            let bits = clear(bits, index.body, &|| remedy_for(words, i));
            // Trembling said with one's fear ("I can't stop shaking, I'm so
            // anxious", "je tremble tellement j'ai peur"), with someone to
            // talk to, or since the event: an emotion to talk about; what
            // threatens, if anything, still says danger.
            let bits = clear(bits, index.body, &|| {
                matches!(*w, "tremble" | "shaking") && (afraid() || talk_to() || since_the_event(words, i))
            });
            // The injured named as those a resident offers to help ("comment
            // on peut aider les familles des enfants blessés", "how can I
            // help the injured"): a group, not a body failing here.
            let bits = clear(bits, index.body, &|| {
                message.offers_help == Some(message.tokens[i].sentence)
                    && i > 0
                    && matches!(
                        words[i - 1],
                        "les" | "des" | "the" | "enfants" | "kids" | "children" | "gens" | "people" | "personnes"
                    )
            });
            // Hurt in a named event ("injured in the shooting", "blessé dans
            // l'accident"): the event told; a body failing now still says
            // itself ("he's bleeding", "she can't breathe").
            let bits = clear(bits, index.body, &|| hurt_in_the_event(words, i));
            // The hazard named as the event ("depuis le feu", "my cat ran
            // out during the fire", "perdu dans le feu", "je revois les
            // flammes"), or a thing that burnt ("mon passeport a brûlé"):
            // nothing burning now.
            let event_bits = (1 << index.hazard_now) | (1 << index.body);
            let bits = if bits & event_bits != 0
                && (names_the_event(words, i)
                    || burnt_thing(words, i, &person)
                    || a_fire_measured(words, i)
                    || feared(words, i))
            {
                bits & !event_bits
            } else {
                bits
            };
            // A mild symptom (a headache, eyes that sting): neither a body
            // failing nor a fire, unless carbon monoxide may be its cause.
            // "Je suis brûlé": exhausted, in Québec; not "je suis brûlé au
            // bras" nor "je me suis brûlé".
            let bits = if exhausted(words, i) { bits & !((1 << index.body) | (1 << index.hazard_now)) } else { bits };
            let mild_here = || mild_symptom(words, i) && mild_alone();
            let bits = clear(bits, index.body, &mild_here);
            let bits = clear(bits, index.hazard_now, &mild_here);
            let bits = clear(bits, index.hazard_now, &|| AIRS.contains(w) && mild_from_the_air());
            // A hazard filmed ("dashcam footage of the bus going off the
            // road", "une vidéo du feu"): what was recorded, not here now.
            let bits = clear(bits, index.hazard_now, &|| recorded(words, i));
            // A hazard in a nightmare; a body failing now still says itself.
            let bits = clear(bits, index.hazard_now, &remembering);
            let bits = if struck_by_thing { (bits & !(1 << index.violence)) | (1 << index.body) } else { bits };
            let bits = clear(bits, index.violence, &hit_an_animal);
            // Pests killed ("tuer les larves", "will it kill my bees"): no
            // one violent.
            let bits = clear(bits, index.violence, &|| killing_pests(words, i));
            let bits = clear(bits, index.violence, &|| a_weapon_not_held(words, i));
            // A bruise ("un bleu sur le bras", "des bleus partout"): not the
            // skin turning blue.
            let bits = clear(bits, index.body, &|| a_bruise(words, i));
            // An old thing ("mes vieux pneus", "the old logging road"): no
            // one elderly.
            let bits = clear(bits, index.vulnerable, &|| an_old_thing(words, i, &person));
            for (c, count) in counts.iter_mut().enumerate().take(CUES.len()) {
                *count += ((bits >> c) & 1) as usize;
            }
        }
    }
    // Each phrase counts once, wherever it first occurs not wholly inside a
    // neutral one ("pu capable" in "pu capable de dormir" does not count;
    // "toutes mes pilules" in "toutes mes pilules pour le cœur" does).
    let mut counted: Vec<usize> = Vec::new();
    let names_service = || words.iter().any(|w| SERVICES.contains(w));
    index.phrases.each_occurrence(message, |phrase, range| {
        let a_service_not_answering = index.phrase_unanswered[phrase] && names_service();
        let carried_up = carrying && index.phrase_upstairs[phrase];
        let found_there = index.phrase_upstairs[phrase] && a_thing_found(words, range.start, &person);
        let mild = index.phrase_cue[phrase] == index.body
            && ((mild_symptom(words, range.start) && mild_alone()) || signs_asked(words, range.start));
        // "je sais pas si elle va bien", "to see if he's ok": a worry.
        let wondered = index.phrase_cue[phrase] == index.resolved
            && range.start > 0
            && matches!(words[range.start - 1], "si" | "if" | "whether" | "comment" | "how");
        // A car that cannot leave the driveway or the lot ("we can't get out
        // of the driveway", "on peut pas sortir de l'entrée"): snowed in.
        let snowed_in = index.phrase_cue[phrase] == index.stuck && {
            let mut next = words[range.end..].iter().copied();
            let mut w = next.next();
            if matches!(w, Some("of" | "de" | "du")) {
                w = next.next();
            }
            if matches!(w, Some("the" | "our" | "my" | "le" | "la" | "notre" | "mon" | "ma")) {
                w = next.next();
            }
            w.is_some_and(|w| matches!(w, "driveway" | "entree" | "stationnement" | "parking" | "lot"))
        };
        let no_intruder =
            index.phrase_break_in[phrase] && !before(words, range.start, 4).iter().any(|w| INTRUDERS.contains(w));
        // "Je revois les flammes", "since the flames": the event remembered.
        let remembered = [index.rising, index.hazard_now].contains(&index.phrase_cue[phrase])
            && (names_the_event(words, range.start) || recorded(words, range.start));
        if !counted.contains(&phrase)
            && !range.clone().all(is_neutral)
            && !a_service_not_answering
            && !carried_up
            && !found_there
            && !mild
            && !wondered
            && !no_intruder
            && !snowed_in
            && !remembered
        {
            counted.push(phrase);
            counts[index.phrase_cue[phrase]] += 1;
        }
    });
    // Someone named, then inside ("the car with my brother inside", "mon
    // père est encore en dedans"): someone left in what the hazard hit.
    // "Still in it", "encore là-dedans" say the same.
    let inside = |i: usize| {
        matches!(words[i], "inside" | "dedans" | "interieur")
            || (words[i] == "in"
                && matches!(words.get(i + 1), Some(&("it" | "there")))
                && i > 0
                && words[i - 1] == "still")
    };
    // "Still in his car", "encore dans sa maison" said of someone: the same.
    // The person must be who is still there, not whose things are ("my
    // husband's pills are still in the house"): only a verb to be, an age,
    // "tout seul" may stand between.
    let still_in = |i: usize| {
        matches!((words[i], words.get(i + 1)), ("still", Some(&"in")) | ("encore" | "toujours", Some(&"dans")))
            && before(words, i, 5)
                .iter()
                .rev()
                .find(|w| !SAID_OF_SOMEONE.contains(w) && !is_digits(w))
                .is_some_and(|w| person(w))
    };
    // Someone said by a pronoun, then inside ("they were inside", "il est
    // encore dedans"), with only a verb to be and "still" between: "he
    // should stay inside" is advice, "y a personne dedans" no one.
    const BE: &[&str] = &["is", "are", "was", "were", "est", "sont", "etait", "etaient"];
    let pronoun_inside = |i: usize| {
        let said_of = before(words, i, 4);
        said_of.iter().enumerate().any(|(j, w)| {
            matches!(*w, "they" | "he" | "she" | "ils" | "elles" | "il" | "elle")
                && said_of.get(j + 1).is_some_and(|v| BE.contains(v))
                && said_of[j + 1..]
                    .iter()
                    .all(|v| BE.contains(v) || matches!(*v, "still" | "encore" | "toujours" | "a" | "le" | "la"))
        })
    };
    // "Tombé dedans avec quelqu'un", "went in with my son inside": someone
    // named with what is inside.
    let with_someone = |i: usize| {
        matches!(words.get(i + 1), Some(&("avec" | "with")))
            && following(words, i + 1, 3).iter().any(|p| person(p) || matches!(*p, "quelqu" | "someone" | "somebody"))
    };
    if (0..words.len()).any(|i| {
        (inside(i) && (before(words, i, 4).iter().any(|p| person(p)) || pronoun_inside(i) || with_someone(i)))
            || still_in(i)
    }) {
        counts[index.stuck] += 1;
    }
    // Someone else confused ("grandpa is confused and hot", "mon père est
    // tout mêlé"): a mind failing. Not "I'm confused about the zones".
    if (0..words.len()).any(|i| {
        CONFUSED.contains(&words[i]) && {
            let said_of = before(words, i, 4);
            said_of.iter().any(|w| person(w) || matches!(*w, "he" | "she" | "il" | "elle" | "y" | "a"))
                && !said_of.iter().any(|w| matches!(*w, "je" | "j" | "i" | "on" | "we" | "nous"))
        }
    }) {
        counts[index.body] += 1;
    }
    // Someone fallen into water ("un homme est tombé dans la rivière", "my
    // neighbour fell in the creek"): drowning, maybe.
    if (0..words.len()).any(|i| {
        matches!(words[i], "tombe" | "tombee" | "tombes" | "fell" | "fallen")
            && following(words, i, 4).iter().any(|w| WATERS.contains(w))
            && before(words, i, 4).iter().any(|w| person(w) || PERSON_SUBJECTS.contains(w))
    }) {
        counts[index.missing] += 1;
    }
    // Someone, or a body, in the water ("quelqu'un flotter dans la
    // rivière", "a body floating near the bridge").
    if (0..words.len()).any(|i| {
        matches!(words[i], "flotter" | "flotte" | "floating" | "float" | "floats")
            && before(words, i, 3).iter().any(|w| person(w) || matches!(*w, "body" | "corps"))
    }) {
        counts[index.missing] += 1;
    }
    // Someone under what fell ("mon voisin est dessous"): pinned.
    if (0..words.len())
        .any(|i| matches!(words[i], "dessous" | "underneath") && before(words, i, 3).iter().any(|w| person(w)))
    {
        counts[index.stuck] = counts[index.stuck].max(1);
    }
    // A small child alone ("un enfant tout seul sur le balcon", "a toddler
    // alone by the road"): no one is watching over them.
    if (0..words.len()).any(|i| {
        CHILDREN.contains(&words[i])
            && following(words, i, 3).iter().any(|w| matches!(*w, "seul" | "seule" | "alone" | "unattended"))
    }) {
        counts[index.missing] += 1;
    }
    // A bone broken ("broke her hip", "la jambe cassée", "my arm is
    // broken"), not a thing ("my fence was broken by the city truck", "la
    // vitre est cassée").
    if (0..words.len()).any(|i| {
        BREAKS.contains(&words[i])
            && before(words, i, 3).iter().chain(following(words, i, 3)).any(|w| BODY_PARTS.contains(w))
    }) {
        counts[index.body] += 1;
    }
    // Someone lying outside ("couché dans sa cour depuis tantôt", "a man
    // lying in the snow"): fallen, not resting.
    if (0..words.len()).any(|i| {
        matches!(words[i], "couche" | "couchee" | "etendu" | "etendue" | "lying" | "laying")
            && following(words, i, 3).iter().any(|w| GROUND.contains(w))
            && before(words, i, 5).iter().any(|w| person(w) || PERSON_SUBJECTS.contains(w))
    }) {
        counts[index.body] += 1;
    }
    // Under what fell ("sous des tonnes de débris", "under a pile of
    // rubble"): buried, whatever the words between.
    if (0..words.len())
        .any(|i| RUBBLE.contains(&words[i]) && before(words, i, 6).iter().any(|w| matches!(*w, "sous" | "under")))
    {
        counts[index.stuck] = counts[index.stuck].max(1);
    }
    // Someone on a roof, counted or not ("on est 6 sur le toit", "we are
    // all on the roof"): the phrases list the plain forms only.
    if words.windows(3).enumerate().any(|(i, w)| {
        matches!(w, ["sur", "le", "toit"] | ["on", "the", "roof"])
            && before(words, i, 3).iter().any(|b| matches!(*b, "est" | "sommes" | "sont" | "are" | "am"))
    }) {
        counts[index.stuck] = counts[index.stuck].max(1);
    }
    // Someone grabbed or dragged into a vehicle ("a man pulled a girl into
    // a van", "il l'a traînée dans son char"): taken.
    if a_person_taken_into_a_vehicle(words, &person) {
        counts[index.violence] += 1;
    }
    // Water that an insurance covers ("mes assurances couvrent-tu l'eau qui
    // rentre par le sol"): a claim asked about, not water closing in now;
    // someone stuck or hurt still says it.
    if (counts[index.rising] > 0 || counts[index.hazard_now] > 0)
        && counts[index.stuck] == 0
        && counts[index.body] == 0
        && counts[index.missing] == 0
        && words.iter().any(|w| {
            matches!(
                *w,
                "assurance"
                    | "assurances"
                    | "assureur"
                    | "assureurs"
                    | "insurance"
                    | "insurer"
                    | "couvre"
                    | "couvrent"
                    | "coverage"
                    | "covered"
                    | "reclamation"
                    | "claim"
            )
        })
    {
        counts[index.rising] = 0;
        counts[index.hazard_now] = 0;
    }
    // A limb cut with a blade or a power tool ("j'ai coupé mon doigt presque
    // au complet avec la scie ronde", "cut his hand with the chainsaw"): a
    // body hurt, however calmly said.
    if counts[index.body] == 0 && a_limb_cut_by_a_tool(words) {
        counts[index.body] = 1;
    }
    // A lost, hiding or stuck pet ("mon chat est disparu", "my dog has been
    // hiding since the storm", "a cat stuck outside") is no person missing,
    // hiding from harm or trapped; named with a person, the person counts.
    if words.iter().any(|w| PETS.contains(w)) && !words.iter().any(|w| person(w)) {
        for c in [index.missing, index.violence, index.stuck] {
            counts[c] = 0;
        }
    }
    // Years, months or weeks ago ("mon père s'est noyé y a 10 ans", "il y
    // a deux mois"): told as over.
    let ago = words.windows(4).any(|w| {
        w[0] == "y"
            && w[1] == "a"
            && (is_digits(w[2]) || matches!(w[2], "deux" | "trois" | "quatre" | "cinq" | "dix" | "quelques"))
            && matches!(w[3], "ans" | "an" | "mois" | "semaines")
    });
    if ago {
        counts[index.past] += 1;
    }
    // In a year gone by ("une crise cardiaque en 2019", "in 2021"): told
    // as over.
    let past_year = words.windows(2).any(|w| matches!(w[0], "en" | "in") && a_past_year(w[1]));
    if past_year {
        counts[index.past] += 1;
    }
    // A body that failed that long ago, with nothing said of now ("mon
    // père a fait une crise cardiaque en 2019, il peut-tu pelleter"): a
    // story, not danger now. Not thoughts of ending one's life: "une
    // tentative il y a deux ans pis je veux recommencer" is danger.
    if counts[index.body] > 0 && counts[index.now] == 0 {
        let long_ago = ago
            || past_year
            || words.windows(2).any(|w| {
                matches!(w, [_, "ago"] if matches!(w[0], "years" | "year" | "months" | "month" | "weeks" | "week"))
                    || matches!(w, ["last", "year"] | ["l" | "le", "an" | "annee"])
            });
        if long_ago {
            counts[index.body] = 0;
        }
    }
    // A hazard in a plan for later ("an ice fishing trip this weekend,
    // how thick is the ice"), with nothing said of now: not here now. Not
    // tomorrow, which may be a fire at the door and a question of leaving.
    if counts[index.later] > 0 && counts[index.now] == 0 && !words.iter().any(|w| matches!(*w, "demain" | "tomorrow")) {
        counts[index.hazard_now] = 0;
    }
    // Attacked now, by someone or an animal ("a raccoon is attacking my dog
    // and me", "le chien me mord"): violence, a pet named or not.
    if (0..words.len()).any(|i| {
        ATTACKING.contains(&words[i])
            && (following(words, i, 4).iter().any(|w| matches!(*w, "me" | "us") || person(w))
                || before(words, i, 1).iter().any(|w| matches!(*w, "me" | "nous")))
    }) {
        counts[index.violence] += 1;
    }
    let mut out = Vec::with_capacity(CUES.len() + 4);
    for (cue, &count) in CUES.iter().zip(&counts) {
        if count > 0 {
            out.push((cue.name, (count as f32).min(3.0).sqrt()));
        }
    }
    if message.upper_ratio > 0.7 && raw.chars().filter(|c| c.is_alphabetic()).count() >= 8 {
        out.push(("shouting", 1.0));
    }
    if message.exclamations >= 2 {
        out.push(("exclaim", 1.0));
    }
    if message.question_mark {
        out.push(("question_mark", 1.0));
    } else if message.interrogative {
        // A question typed without its mark ("faut appeler qui", "on va
        // où"): one thumb on a phone rarely adds it.
        out.push(("question_unmarked", 1.0));
    }
    let n = message.tokens.len();
    out.push((
        if n <= 3 {
            "short"
        } else if n <= 12 {
            "medium"
        } else {
            "long"
        },
        1.0,
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(text: &str) -> f32 {
        probability(&tokenize(text), text)
    }

    #[test]
    fn training_is_deterministic() {
        let corpus = parse_corpus(CORPUS);
        let a = train(&corpus);
        let b = train(&corpus);
        let text = "on est pris au 2e";
        assert_eq!(a.probability(&tokenize(text), text), b.probability(&tokenize(text), text));
    }

    #[test]
    fn corpus_is_balanced_and_bilingual() {
        let corpus = parse_corpus(CORPUS);
        let positives = corpus.iter().filter(|(y, _)| *y).count();
        assert!(positives >= 150, "{positives} positives");
        assert!(corpus.len() - positives >= 150);
    }

    #[test]
    fn structure_of_danger_across_hazards() {
        let distress = [
            "the smoke is getting thick and we can't find the way out of the building",
            "on est coincés dans l'auto, la neige monte jusqu'aux fenêtres pis le moteur est mort",
            "ma voisine respire pu, elle est toute bleue",
            "je pense que je vais me tuer ce soir",
        ];
        let calm = [
            "à quelle heure ouvre le centre d'hébergement?",
            "what's the phone number of the red cross",
            "is the boil water advisory still in effect",
            "comment je fais pour réclamer mes frais d'hôtel",
        ];
        for text in distress {
            assert!(p(text) >= 0.5, "{text}: {}", p(text));
        }
        for text in calm {
            assert!(p(text) < 0.5, "{text}: {}", p(text));
        }
    }

    #[test]
    fn a_plea_for_help_with_an_errand_is_not_distress() {
        // "help me" is a plea only with a sign of danger.
        let errands = ["can you help me update my resume", "aidez-moi à imprimer mon reçu d'assurance svp"];
        let danger = ["help me the water is at my chest and the door won't open", "aidez-moi ma fille saigne beaucoup"];
        for text in errands {
            assert!(!crate::core::triage::is_distress(&tokenize(text), text), "{text}: {}", p(text));
        }
        for text in danger {
            assert!(crate::core::triage::is_distress(&tokenize(text), text), "{text}: {}", p(text));
        }
    }

    #[test]
    fn pleas_emergency_calls_and_farewells_need_no_hazard_word() {
        let distress = [
            "SOS",
            "aidez-nous svp",
            "HELP HELP",
            "on a besoin d'une ambulance au 45 rue Principale",
            "honestly i am a burden to everyone, they will be fine",
            "j'ai écrit des lettres d'adieu à mes enfants",
        ];
        let calm = [
            "si on a besoin d'une ambulance pendant la nuit, on appelle qui?",
            "what's the point of the pre-alert level?",
            "can you help me find the tetanus shot clinic",
        ];
        for text in distress {
            assert!(crate::core::triage::is_distress(&tokenize(text), text), "{text}: {}", p(text));
        }
        for text in calm {
            assert!(!crate::core::triage::is_distress(&tokenize(text), text), "{text}: {}", p(text));
        }
    }

    /// Every phrase list the cues are read from.
    fn phrase_lists() -> impl Iterator<Item = &'static [&'static str]> {
        CUES.iter().map(|c| c.phrases).chain([STRONG_PLEAS, SELF_HARM, EMERGENCY_CALLS, NEUTRAL, UNANSWERED])
    }

    fn normalised(text: &str) -> String {
        tokenize(text).tokens.iter().map(|t| t.word.as_str()).collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn every_phrase_is_written_as_the_normaliser_writes_it() {
        // A phrase is matched against normalised words: one written
        // otherwise ("toutes" where the normaliser says "tout") never fires.
        let unmatchable: Vec<String> = phrase_lists()
            .flatten()
            .filter(|phrase| normalised(phrase) != **phrase)
            .map(|phrase| format!("{phrase} -> {}", normalised(phrase)))
            .collect();
        assert!(unmatchable.is_empty(), "{unmatchable:#?}");
    }

    #[test]
    fn thoughts_of_jumping_are_self_harm_a_jump_start_is_not() {
        let unmistakable = |text: &str| assess(&tokenize(text), text).unmistakable;
        assert!(unmistakable("je suis sur le pont pis je pense à sauter"));
        assert!(unmistakable("I just want to sleep and never wake up"));
        assert!(unmistakable("j'ai juste envie de m'enlever la vie"));
        assert!(!unmistakable("I'm going to jump start my car, is it safe in this cold"));
        // Staying to go down with one's house.
        assert!(unmistakable("I'm not leaving, I'd rather go down with the house"));
        assert!(unmistakable("j'aime mieux mourir que de partir"));
    }

    #[test]
    fn a_phrase_with_an_elision_is_also_written_as_typed_with_its_apostrophe() {
        // "j'en peux plus" is normalised to "je en peux plus": a phrase
        // written "j en peux plus" only meets messages typed without the
        // apostrophe, so it needs its expanded sibling. Only the French
        // elisions a resident types before a word: the normaliser's own
        // table also holds Québec forms ("a'l", "y'a") that a phrase's "à"
        // or "y" are not.
        const ELIDED: &[(&str, &str)] = &[
            ("l", "le"),
            ("d", "de"),
            ("j", "je"),
            ("qu", "que"),
            ("n", "ne"),
            ("c", "ce"),
            ("m", "me"),
            ("jusqu", "jusque"),
        ];
        let mut missing = Vec::new();
        for list in phrase_lists() {
            for phrase in list {
                let words: Vec<&str> = phrase.split(' ').collect();
                let expanded: Vec<&str> = words
                    .iter()
                    .enumerate()
                    .map(|(i, w)| match ELIDED.iter().find(|(e, _)| e == w) {
                        // "i m": English, left as the joke it is.
                        Some((_, full)) if i + 1 < words.len() && (i == 0 || words[i - 1] != "i") => *full,
                        _ => *w,
                    })
                    .collect();
                let expanded = expanded.join(" ");
                if expanded != *phrase && !list.contains(&expanded.as_str()) {
                    missing.push(format!("{phrase} needs {expanded}"));
                }
            }
        }
        assert!(missing.is_empty(), "{missing:#?}");
    }

    #[test]
    fn a_jammed_door_someone_inside_a_gas_smell_a_crash() {
        let names = |text: &str| cue_names(&tokenize(text), text);
        assert!(names("the basement door is jammed and the water keeps coming").contains(&"stuck"));
        assert!(names("y'a encore quelqu'un en dedans du bloc").contains(&"stuck"));
        assert!(names("ça sent le gaz dans tout le sous-sol").contains(&"hazard_now"));
        assert!(names("a truck flipped on the overpass").contains(&"hazard_now"));
        assert!(names("le mur de la cuisine s'est affaissé").contains(&"rising"));
    }

    #[test]
    fn a_chronic_condition_or_a_discomfort_is_no_sign_of_danger() {
        let names = |text: &str| cue_names(&tokenize(text), text);
        assert!(!names("I take pills for blood pressure, does the heat affect that").contains(&"body"));
        assert!(!names("mes pilules pour le coeur sont-tu correctes avec la chaleur").contains(&"body"));
        assert!(!names("chu pu capable de dormir tellement y fait chaud").contains(&"harm"));
        // The same words when the body is failing, or in despair.
        assert!(names("ma mère a mal dans la poitrine pis y respire mal").contains(&"body"));
        assert!(names("chu pu capable, j'en peux pu").contains(&"harm"));
        assert!(names("j'ai pris toutes mes pilules pour le coeur").contains(&"harm"));
    }

    #[test]
    fn a_service_that_does_not_answer_is_no_one_missing() {
        let names = |text: &str| cue_names(&tokenize(text), text);
        assert!(!names("j'ai pas d'internet depuis la tempête, le fournisseur répond pas").contains(&"missing"));
        assert!(!names("my insurance company is not answering").contains(&"missing"));
        assert!(!names("la ligne info répond pu").contains(&"missing"));
        // A person gone silent is.
        assert!(names("ma mère répond pas au téléphone").contains(&"missing"));
        assert!(names("my dad is not answering his phone").contains(&"missing"));
        assert!(names("his phone goes straight to voicemail since this morning").contains(&"missing"));
        assert!(!names("the city's line goes to voicemail").contains(&"missing"));
        assert!(names("l'ambulance répond pas pis mon mari respire pu").contains(&"missing"));
    }

    #[test]
    fn a_hazard_then_what_do_we_do_is_not_a_calm_question() {
        let text = "the gas meter is hissing and it smells strong, what do we do";
        let a = assess(&tokenize(text), text);
        assert!(!a.calm_question && a.danger, "{a:?}");
        let text = "my neighbour is 90 and lives alone, what should I do to help her";
        assert!(assess(&tokenize(text), text).calm_question);
        assert!(!crate::core::triage::is_distress(&tokenize(text), text), "{}", p(text));
    }

    #[test]
    fn a_roof_is_a_refuge_only_with_someone_on_it() {
        let on_roof = "we are on the roof with the kids and the water keeps rising";
        let chore = "should i climb on the roof to knock the ice off";
        assert!(crate::core::triage::is_distress(&tokenize(on_roof), on_roof));
        assert!(!crate::core::triage::is_distress(&tokenize(chore), chore), "{}", p(chore));
    }

    fn distress(text: &str) -> bool {
        crate::core::triage::is_distress(&tokenize(text), text)
    }

    fn cue_list(text: &str) -> Vec<&'static str> {
        cue_names(&tokenize(text), text)
    }

    #[test]
    fn someone_filling_jugs_is_no_water_rising() {
        let cues = cue_list("où je peux remplir mes cruches d'eau");
        assert!(!cues.contains(&"rising") && !cues.contains(&"hazard_now"), "{cues:?}");
        assert!(!cue_list("faut remplir les sacs de sable").contains(&"rising"));
        assert!(cue_list("le sous-sol commence à se remplir d'eau").contains(&"rising"));
        assert!(cue_list("the basement is filling with water").contains(&"rising"));
    }

    #[test]
    fn the_hazard_named_as_the_event_is_no_danger_now() {
        for text in [
            "je dors pu depuis le feu",
            "my cat ran out during the fire",
            "j'ai perdu ma carte soleil pis mon permis dans le feu",
            "je revois les flammes",
            "mon passeport a brûlé",
            "everything burned",
        ] {
            let cues = cue_list(text);
            assert!(!cues.contains(&"hazard_now") && !cues.contains(&"rising"), "{text}: {cues:?}");
            assert!(!cues.contains(&"body"), "{text}: {cues:?}");
        }
        for text in [
            "la maison brûle pis on est pris en haut",
            "the flames are coming up the hill",
            "on est pris dans le feu",
            "y'a le feu dans la cuisine",
        ] {
            let cues = cue_list(text);
            assert!(cues.contains(&"hazard_now") || cues.contains(&"rising"), "{text}: {cues:?}");
        }
        assert!(cue_list("I burned my hands getting the kids out").contains(&"body"));
        assert!(cue_list("je me suis brûlé la main").contains(&"body"));
        assert!(cue_list("was anybody hurt in the fire last night").contains(&"past"));
    }

    #[test]
    fn someone_about_to_jump_or_holding_on_is_in_danger_a_closed_crossing_is_not() {
        assert!(cue_list("my friend is on the ledge of the bridge saying he's going to jump").contains(&"harm"));
        assert!(cue_list("elle menace de sauter du pont").contains(&"harm"));
        assert!(!cue_list("le transformateur va sauter").contains(&"harm"));
        assert!(!cue_list("my cat is on the ledge of the balcony").contains(&"harm"));
        assert!(cue_list("y a un homme accroché à un morceau du pont, y va lâcher").contains(&"stuck"));
        assert!(cue_list("we're clinging to a tree, the current is strong").contains(&"stuck"));
        assert!(!cue_list("j'ai accroché un poteau avec mon char").contains(&"stuck"));
        assert!(!cue_list("i'm holding on to all my receipts for the insurance").contains(&"stuck"));
        assert!(!cue_list("chu accroché à mes habitudes").contains(&"stuck"));
        assert!(!cue_list("i'm stuck on the other side, who will pick up my kids").contains(&"stuck"));
        assert!(!cue_list("chu pris de l'autre bord depuis que le pont est fermé").contains(&"stuck"));
        // Water closing in still says it.
        assert!(cue_list("on est pris de l'autre bord, l'eau monte").contains(&"rising"));
    }

    #[test]
    fn water_tested_for_lead_is_a_supply_earth_fallen_on_someone_is_not() {
        assert!(!cue_list("j'ai besoin d'une trousse pour analyser l'eau").contains(&"hazard_now"));
        assert!(!cue_list("can i get my water tested for lead").contains(&"hazard_now"));
        assert!(cue_list("water is coming in under the door").contains(&"hazard_now"));
        assert!(!cue_list("je donne quoi comme eau à mon chien").contains(&"hazard_now"));
        assert!(cue_list("on est pris avec l'eau qui monte").contains(&"rising"));
        assert!(cue_list("le plombier est tombé dans la tranchée pis la terre lui a tombé dessus").contains(&"stuck"));
        assert!(cue_list("a beam fell on him in the garage").contains(&"stuck"));
    }

    #[test]
    fn a_lost_pet_is_no_one_missing_a_person_with_it_is() {
        assert!(!cue_list("mon chat est disparu depuis la tempête").contains(&"missing"));
        assert!(!cue_list("my dog has been hiding under the porch").contains(&"violence"));
        assert!(cue_list("my dog and my son are missing since the flood").contains(&"missing"));
        assert!(cue_list("ma fille est disparue").contains(&"missing"));
        assert!(!cue_list("there's a cat stuck outside in the storm").contains(&"stuck"));
        assert!(cue_list("my son and the dog are stuck in the car").contains(&"stuck"));
    }

    #[test]
    fn the_ground_shaking_is_no_body_trembling() {
        assert!(!cue_list("ça a tremblé fort cette nuit").contains(&"body"));
        assert!(!cue_list("what do i do if the house is shaking again").contains(&"body"));
        assert!(cue_list("mon fils tremble pis il est tout bleu").contains(&"body"));
        assert!(cue_list("my son is shaking and can't talk").contains(&"body"));
    }

    #[test]
    fn tap_water_a_stove_fire_and_a_car_in_a_snowbank_are_no_danger() {
        assert!(!cue_list("mon eau sort brune du robinet").contains(&"hazard_now"));
        assert!(!cue_list("can I make a fire in the wood stove").contains(&"hazard_now"));
        assert!(!cue_list("mes tuyaux ont gelé, l'eau coule pu").contains(&"hazard_now"));
        assert!(!cue_list("mon char est pogné dans le banc de neige").contains(&"stuck"));
        assert!(cue_list("on est pognés dans le char sur la 173").contains(&"stuck"));
        assert!(cue_list("l'eau rentre dans le sous-sol").contains(&"hazard_now"));
        assert!(cue_list("there's fire in the kitchen").contains(&"hazard_now"));
        // Gas cut or run out is a supply missing, gas smelt is a leak.
        assert!(!cue_list("pourquoi on a pu de gaz depuis à matin").contains(&"hazard_now"));
        assert!(!cue_list("we're out of propane for the heater").contains(&"hazard_now"));
        assert!(cue_list("ça sent le gaz dans la cuisine").contains(&"hazard_now"));
        // Water as a supply or a place, or asked about, is no water rising.
        assert!(!cue_list("c'est quoi une fleur d'eau").contains(&"hazard_now"));
        assert!(!cue_list("on pompe notre eau dans le lac").contains(&"hazard_now"));
        assert!(!cue_list("if i boil the lake water is it ok to drink").contains(&"rising"));
        assert!(cue_list("the water is up to the second step").contains(&"rising"));
    }

    #[test]
    fn someone_named_then_inside_is_someone_stuck() {
        assert!(cue_list("a tree fell on the car with my brother inside").contains(&"stuck"));
        assert!(cue_list("mon père est encore en dedans").contains(&"stuck"));
        assert!(!cue_list("we stayed inside all day").contains(&"stuck"));
        assert!(!cue_list("my son has asthma, should he stay inside with the smoke").contains(&"stuck"));
        assert!(cue_list("my neighbours, I think they're still inside").contains(&"stuck"));
        assert!(!cue_list("la maison est vide, y a personne dedans").contains(&"stuck"));
        assert!(cue_list("i'm under the debris in the basement").contains(&"stuck"));
        assert!(cue_list("i can't feel my legs").contains(&"body"));
        assert!(cue_list("URGENT on est 6 sur le toit").contains(&"stuck"));
        assert!(!cue_list("faut-tu monter sur le toit pour enlever la glace").contains(&"stuck"));
        assert!(cue_list("the stairs collapsed and we are upstairs").contains(&"stuck"));
        assert!(cue_list("a man got electrocuted, he's on the ground").contains(&"body"));
        assert!(cue_list("the car went into the river and people are still in it").contains(&"stuck"));
        assert!(!cue_list("is the shelter still in there").contains(&"stuck"));
    }

    #[test]
    fn going_on_the_roof_is_no_thought_of_giving_up() {
        assert!(!cue_list("is it dangerous to go on the roof to shovel").contains(&"harm"));
        assert!(cue_list("i can't go on like this").contains(&"harm"));
    }

    #[test]
    fn water_or_power_missing_a_burnt_meal_and_a_day_at_the_office_are_no_danger() {
        for text in [
            "on a pu d'eau pantoute",
            "no water pressure at my place",
            "la machine à glace du frigo, on fait quoi avec",
            "can we drink the water if we boil it",
            "the water is brown and cloudy",
            "je peux tu faire un feu dans le foyer, ya pu de courant",
        ] {
            assert!(!cue_list(text).contains(&"hazard_now"), "{text}");
        }
        assert!(!cue_list("j'ai brûlé mes toasts pis le détecteur de fumée a sonné").contains(&"body"));
        assert!(!cue_list("j'ai brûlé mes toasts pis le détecteur de fumée a sonné").contains(&"hazard_now"));
        assert!(cue_list("je me suis brûlé la main sur le poêle").contains(&"body"));
        assert!(cue_list("le détecteur sonne pis y'a de la fumée partout").contains(&"hazard_now"));
        assert!(!cue_list("i'm stuck at work until 8").contains(&"stuck"));
        assert!(cue_list("we're stuck in traffic and the fire is getting close").contains(&"stuck"));
        assert!(cue_list("the brown water is rising in the basement").contains(&"rising"));
        assert!(cue_list("le petit a eu peur pendant l'orage").contains(&"past"));
    }

    #[test]
    fn someone_under_rubble_is_buried_whatever_the_words_between() {
        for text in [
            "on entend quelqu'un crier en dessous des débris de l'immeuble",
            "my neighbour is under a huge pile of rubble",
            "there's a man underneath the wreckage of the garage",
        ] {
            assert!(cue_list(text).contains(&"stuck"), "{text}");
        }
        assert!(!cue_list("who picks up the debris we piled under the deck").contains(&"stuck"));
        assert!(!cue_list("les débris sont sous le balcon, qui les ramasse").contains(&"stuck"));
    }

    #[test]
    fn a_broken_bone_is_the_body_a_broken_thing_is_not() {
        for text in ["I think she broke her hip", "my arm is broken", "il s'est cassé la jambe en tombant"] {
            assert!(cue_list(text).contains(&"body"), "{text}");
        }
        for text in [
            "my fence was broken by the city truck",
            "la vitre du salon est cassée",
            "a broken water main",
            "the wind broke our back door",
        ] {
            assert!(!cue_list(text).contains(&"body"), "{text}");
        }
    }

    #[test]
    fn a_car_snowed_in_a_fright_told_and_nobody_there_are_no_danger_now() {
        assert!(!cue_list("we can't get out of the driveway because of the snowbank").contains(&"stuck"));
        assert!(!cue_list("on peut pas sortir de l'entrée, la charrue a tout bloqué").contains(&"stuck"));
        assert!(cue_list("we can't get out of the house, the door is blocked").contains(&"stuck"));
        assert!(cue_list("on peut pas sortir de la maison").contains(&"stuck"));
        assert!(cue_list("on a eu ben peur quand le toit est parti").contains(&"past"));
        assert!(cue_list("le toit du voisin est parti au vent, mais personne était dehors").contains(&"resolved"));
        assert!(cue_list("the tree fell on the shed, no one was inside").contains(&"resolved"));
    }

    #[test]
    fn struck_by_a_thing_is_hurt_not_violence() {
        let cues = cue_list("we got hit by a falling branch on the car");
        assert!(!cues.contains(&"violence") && cues.contains(&"body"), "{cues:?}");
        assert!(!cue_list("mon père a été frappé par un arbre").contains(&"violence"));
        assert!(cue_list("he hit me again").contains(&"violence"));
        assert!(cue_list("I was hit by my boyfriend").contains(&"violence"));
    }

    #[test]
    fn an_alarm_a_near_miss_a_worry_and_a_phone_switched_off() {
        assert!(!cue_list("the fire alarm in our building keeps going off for nothing").contains(&"hazard_now"));
        assert!(cue_list("j'ai failli tomber dans le trou").contains(&"resolved"));
        assert!(cue_list("le toit s'est effondré, on était pas dedans").contains(&"resolved"));
        assert!(cue_list("she went out to the boat and her phone is off").contains(&"missing"));
    }

    #[test]
    fn water_going_back_is_resolved() {
        assert!(cue_list("the water came up to the porch last night but it's going down now").contains(&"resolved"));
        assert!(cue_list("l'eau redescend enfin").contains(&"resolved"));
    }

    #[test]
    fn a_door_unopened_farewells_and_someone_lying_outside() {
        assert!(cue_list("je cogne chez ma tante mais elle vient pas ouvrir").contains(&"missing"));
        assert!(cue_list("my neighbour isn't answering the door").contains(&"missing"));
        assert!(cue_list("he gave away his guitar and said goodbye").contains(&"harm"));
        assert!(cue_list("le monsieur d'à côté est couché dans sa cour depuis tantôt").contains(&"body"));
        assert!(cue_list("a man lying in the snow by the road").contains(&"body"));
        assert!(!cue_list("le bébé est couché dans sa chambre").contains(&"body"));
        assert!(!cue_list("there's a power line lying across our driveway").contains(&"body"));
    }

    #[test]
    fn wanting_to_know_or_to_help_things_moved_up_and_children_asleep() {
        assert!(cue_list("my mom lives alone, she wants to know when the pickup resumes").contains(&"info_question"));
        assert!(cue_list("my husband is a nurse and wants to help at the shelter").contains(&"offer"));
        assert!(!cue_list("he helped us move everything upstairs").contains(&"stuck"));
        assert!(cue_list("les enfants ont pleuré toute la nuit mais là ils dorment").contains(&"resolved"));
        assert!(cue_list("he's wandering in the snow and doesn't know where he is").contains(&"body"));
    }

    #[test]
    fn a_day_to_come_is_later() {
        assert!(cue_list("can someone check on her tomorrow").contains(&"later"));
        assert!(cue_list("on déménage en fin de semaine").contains(&"later"));
        assert!(!cue_list("on est pris depuis hier").contains(&"later"));
    }

    #[test]
    fn a_break_in_needs_someone_to_break_in() {
        for text in ["someone broke in last night and he's still downstairs", "they're trying to break in"] {
            assert!(cue_list(text).contains(&"violence"), "{text}");
        }
        assert!(!cue_list("my pipe broke in the basement").contains(&"violence"));
    }

    #[test]
    fn someone_fine_again_is_resolved_unless_it_is_wondered() {
        assert!(
            cue_list("mon voisin était pris dans son char hier mais la dépanneuse l'a sorti, y va ben")
                .contains(&"resolved")
        );
        assert!(cue_list("he slipped on the ice but he's fine").contains(&"resolved"));
        assert!(cue_list("she fell but she is ok now").contains(&"resolved"));
        assert!(cue_list("le petit est tombé mais il s'est relevé").contains(&"resolved"));
        assert!(!cue_list("ma mère répond pas, je sais pas si elle va bien").contains(&"resolved"));
        assert!(!cue_list("can someone check if he's ok").contains(&"resolved"));
    }

    #[test]
    fn things_carried_up_and_people_going_home_are_no_water_rising() {
        let text = "je monte tu mes affaires du sous-sol en haut";
        assert!(!cue_list(text).contains(&"rising"), "{text}");
        assert!(!cue_list(text).contains(&"stuck"), "{text}");
        assert!(!cue_list("should I move my stuff upstairs").contains(&"stuck"));
        assert!(!cue_list("on check quoi quand on rentre a maison").contains(&"rising"));
        assert!(!cue_list("la fournaise a pris l'eau, c'est tu dangereux").contains(&"stuck"));
        assert!(!cue_list("l'eau du puits goûte salé").contains(&"hazard_now"));
        // Water still climbs, people still flee upstairs.
        assert!(cue_list("l'eau rentre dans la maison").contains(&"rising"));
        assert!(cue_list("l'eau monte les marches").contains(&"rising"));
        assert!(cue_list("on monte les enfants en haut").contains(&"stuck"));
        assert!(cue_list("le bateau prend l'eau pis on est au large").contains(&"hazard_now"));
    }

    #[test]
    fn signs_of_danger_said_without_the_usual_words_are_cues() {
        // A mind, a face, a breath failing, said of someone else.
        assert!(cue_list("grandpa is confused and hot, he stopped sweating").contains(&"body"));
        assert!(cue_list("mon père est tout mêlé pis y a 40 de fièvre").contains(&"body"));
        assert!(!cue_list("je suis mêlé avec les zones, c'est laquelle la mienne").contains(&"body"));
        assert!(!cue_list("i'm confused about the evacuation zones").contains(&"body"));
        assert!(cue_list("ma mère est toute bleue aux lèvres").contains(&"body"));
        assert!(cue_list("the baby is wheezing really hard").contains(&"body"));
        // The head spinning, one's own legs failing, typed without accents
        // nor apostrophes.
        assert!(cue_list("jai chaud jai la tete qui tourne pis jarrive pu a me lever").contains(&"body"));
        assert!(distress("jai chaud jai la tete qui tourne pis jarrive pu a me lever"));
        // An outlet is no one stuck.
        assert!(!cue_list("my washer and dryer were under water, can i plug them back in?").contains(&"stuck"));
        assert!(!cue_list("l'eau est rendue aux prises du sous-sol").contains(&"stuck"));
        assert!(cue_list("je suis prise dans l'auto").contains(&"stuck"));
        assert!(cue_list("ma mère est prise dans le sous-sol").contains(&"stuck"));
        assert!(!distress("j'ai la tête qui tourne quand je me lève vite, c'est-tu la chaleur?"));
        // A child alone, someone in the water, under what fell, still inside.
        assert!(cue_list("y a un enfant tout seul sur le balcon").contains(&"missing"));
        assert!(!cue_list("je me sens tout seul au motel").contains(&"missing"));
        assert!(!cue_list("ma petite chatte toute seule à la maison").contains(&"missing"));
        assert!(cue_list("un homme est tombé dans la rivière près du pont").contains(&"missing"));
        assert!(!cue_list("mon cellulaire est tombé dans le lac").contains(&"missing"));
        assert!(!cue_list("mon cell qui est tombé dans l'eau marche pu").contains(&"missing"));
        assert!(cue_list("y a un homme qui est tombé dans l'eau").contains(&"missing"));
        assert!(cue_list("on voit quelqu'un flotter dans la rivière").contains(&"missing"));
        assert!(cue_list("a swimmer went under near the buoy").contains(&"missing"));
        assert!(cue_list("the canoe tipped over and he's not coming up").contains(&"missing"));
        assert!(cue_list("le baigneur est pas remonté").contains(&"missing"));
        assert!(cue_list("the house got pushed off its foundation, they were inside").contains(&"stuck"));
        assert!(cue_list("la grange s'est effondrée pis il est encore dedans").contains(&"stuck"));
        assert!(!cue_list("la maison est vide, il y a personne dedans").contains(&"stuck"));
        assert!(cue_list("un kayakiste est tombé dans le lac").contains(&"missing"));
        assert!(cue_list("le toit est tombé pis mon voisin est dessous").contains(&"stuck"));
        assert!(cue_list("my neighbour is still in his car").contains(&"stuck"));
        assert!(!cue_list("my papers are still in the house").contains(&"stuck"));
        assert!(!cue_list("my husband's pills are still in the house").contains(&"stuck"));
        assert!(cue_list("ma voisine de 85 ans est encore dans sa maison").contains(&"stuck"));
        // Blows, and no reason left to go on.
        assert!(cue_list("my boyfriend is hitting me").contains(&"violence"));
        assert!(cue_list("je pense plus que ça vaut la peine de continuer").contains(&"harm"));
    }

    #[test]
    fn a_bare_plea_is_read_by_a_person_an_offer_to_help_is_not() {
        assert!(distress("HELP"));
        assert!(distress("help?"));
        assert!(distress("aidez-moi svp"));
        assert!(!distress("comment je peux aider"));
        assert!(!distress("how can i help out"));
    }

    #[test]
    fn a_life_not_wanted_and_a_threat_of_fire_are_distress_a_question_about_what_if_is_not() {
        assert!(distress("i don't want to live anymore, the storm took everything"));
        assert!(distress("j'ai pu le goût de vivre"));
        assert!(!assess(&tokenize("I don't want to live here anymore"), "").unmistakable);
        assert!(distress("my ex is outside banging on the door and says he'll burn the place down"));
        assert!(cue_list("quelqu'un essaie d'entrer chez nous par la fenêtre").contains(&"violence"));
        assert!(!distress("what do i do if i see someone fall through the ice"));
        assert!(distress("help, my son fell through the ice"));
        assert!(cue_list("my neighbour hasn't come out in three days").contains(&"missing"));
    }

    #[test]
    fn a_flooded_basement_a_lonely_feeling_a_fear_of_water_and_a_burnt_smell_are_no_danger() {
        assert!(!cue_list("le sous-sol est complètement noyé, qui vient pomper").contains(&"missing"));
        assert!(cue_list("mon voisin s'est noyé dans le fossé").contains(&"missing"));
        assert!(!cue_list("depuis que je suis au motel je me sens tellement seule").contains(&"vulnerable"));
        assert!(!cue_list("i feel so alone since the evacuation").contains(&"vulnerable"));
        assert!(!cue_list("je me sens isolée au motel").contains(&"stuck"));
        assert!(cue_list("on est isolés, le chemin est parti pis l'eau monte").contains(&"stuck"));
        assert!(!cue_list("mon gars a peur de l'eau maintenant").contains(&"hazard_now"));
        assert!(cue_list("y'a de l'eau partout dans le salon").contains(&"hazard_now"));
        assert!(!cue_list("ça sent le brûlé dans le quartier").contains(&"body"));
        assert!(cue_list("il s'est brûlé le bras en sortant").contains(&"body"));
    }

    #[test]
    fn an_armed_event_told_an_area_closed_and_fear_that_shakes_are_no_danger_now() {
        // Kept inside a closed area, not trapped; trapped in a place still is.
        assert!(!cue_list("I have dialysis at 5 and I'm stuck in the lockdown zone").contains(&"stuck"));
        assert!(!cue_list("chu pris dans le périmètre depuis midi").contains(&"stuck"));
        assert!(cue_list("on est pris dans la maison, le feu est rendu au bout de la rue").contains(&"stuck"));
        // The shooting named as the event; shots now still say violence.
        assert!(!cue_list("is the mall open again after the shooting").contains(&"violence"));
        assert!(!cue_list("I witnessed the shooting, who do I talk to").contains(&"violence"));
        assert!(cue_list("someone is shooting in the parking lot").contains(&"violence"));
        assert!(cue_list("j'entends des coups de feu dans ma rue").contains(&"violence"));
        assert!(!cue_list("ça va mieux depuis les coups de feu d'hier").contains(&"violence"));
        // Hurt in the event, told; a body failing now still says itself.
        assert!(!cue_list("my brother was injured in the shooting, is there help").contains(&"body"));
        assert!(!cue_list("ma tante a été blessée dans l'accident la semaine passée").contains(&"body"));
        assert!(cue_list("he's injured in the car and can't move his legs").contains(&"body"));
        // Trembling with fear is a feeling; trembling and blue is a body.
        assert!(!cue_list("I can't stop shaking and I'm so anxious").contains(&"body"));
        assert!(!cue_list("je tremble tellement j'ai peur de retourner là").contains(&"body"));
        assert!(cue_list("mon fils tremble pis il est tout bleu").contains(&"body"));
        // Trembling since the event, or with someone to talk to: the same.
        assert!(!cue_list("my son can't stop shaking since the blast").contains(&"body"));
        assert!(!cue_list("je tremble depuis que j'ai entendu les coups de feu").contains(&"body"));
        assert!(!cue_list("i can't stop shaking, who can i talk to").contains(&"body"));
        assert!(cue_list("my son is shaking and can't talk").contains(&"body"));
        assert!(cue_list("mon père tremble depuis une heure, il est tout mêlé").contains(&"body"));
        // A hazard in a nightmare is the one remembered.
        assert!(!cue_list("he keeps having nightmares about the water coming in").contains(&"hazard_now"));
        assert!(cue_list("j'ai fait un cauchemar pis là j'ai de la misère à respirer").contains(&"body"));
    }

    #[test]
    fn a_service_named_sos_the_signs_of_a_condition_and_an_arrival_are_no_danger() {
        let assessed = |text: &str| assess(&tokenize(text), text);
        assert!(!assessed("c'est quoi le numéro de SOS violence conjugale?").strong_plea);
        assert!(assessed("SOS on est pris sur le toit").strong_plea);
        assert!(!cue_list("what are the signs of a stroke, my mom is 80").contains(&"body"));
        assert!(!cue_list("c'est quoi les symptômes de l'hypothermie").contains(&"body"));
        assert!(cue_list("my mom is having a stroke").contains(&"body"));
        // What a remedy is for: a question; a fever told is still the body.
        assert!(!cue_list("je donne quoi à mon enfant pour la fièvre").contains(&"body"));
        assert!(!cue_list("can I give him tylenol for the fever").contains(&"body"));
        assert!(cue_list("mon bébé fait de la fièvre pis y est tout mou").contains(&"body"));
        assert!(cue_list("je me suis perdu mais là chu arrivé, merci").contains(&"resolved"));
        // Blows, threats and a leaking chemical said as they happen.
        assert!(cue_list("he's punching his girlfriend").contains(&"violence"));
        assert!(cue_list("l'homme qui m'a menacée est revenu").contains(&"violence"));
        assert!(cue_list("l'ammoniaque fuit à l'aréna").contains(&"hazard_now"));
        assert!(cue_list("my daughter was just kidnapped outside the arena").contains(&"violence"));
    }

    #[test]
    fn a_mild_symptom_put_down_to_the_air_a_thing_in_the_attic_and_the_waterfront_are_no_danger() {
        // A headache from the smell: a question about the air.
        let smell = cue_list("the smell is giving me a headache what should i do");
        assert!(!smell.contains(&"body") && !smell.contains(&"hazard_now"), "{smell:?}");
        assert!(!cue_list("mon fils a eu mal à la tête à cause de l'odeur").contains(&"body"));
        // Carbon monoxide shows in several people, or with a gas or a stove.
        assert!(cue_list("on a tous mal à la tête à cause de l'odeur").contains(&"body"));
        assert!(cue_list("the gas smell is giving me a headache").contains(&"body"));
        assert!(cue_list("j'ai mal à la tête pis ça sent le gaz").contains(&"body"));
        // Not a mild symptom: breathing still says itself.
        assert!(cue_list("à cause de l'odeur j'ai de la misère à respirer").contains(&"body"));
        // A thing found in the attic; someone there is still stuck.
        assert!(!cue_list("j'ai trouvé une chauve-souris dans le grenier").contains(&"stuck"));
        assert!(!cue_list("there's a raccoon in the attic").contains(&"stuck"));
        assert!(cue_list("on est dans le grenier pis l'eau monte").contains(&"stuck"));
        assert!(cue_list("il y a mon père dans le grenier").contains(&"stuck"));
        // The waterfront is a place.
        assert!(!cue_list("ya du mazout sur mon terrain au bord de l'eau").contains(&"hazard_now"));
        // Attacked now, a pet named or not; a pet attacked last night is not.
        assert!(cue_list("help a raccoon is attacking my dog and me").contains(&"violence"));
        assert!(cue_list("le chien me mord").contains(&"violence"));
        assert!(!cue_list("a raccoon attacked my dog last night").contains(&"violence"));
    }

    #[test]
    fn a_stabbing_is_violence_a_dismissal_and_a_fright_told_over_are_not_danger() {
        assert!(cue_list("un gars vient de se faire poignarder devant le bar").contains(&"violence"));
        // Fired from a job, absent from work: no fire, nobody missing.
        let job = cue_list("can my employer fire me for missing work");
        assert!(!job.contains(&"hazard_now") && !job.contains(&"missing"), "{job:?}");
        assert!(cue_list("the fire is coming for us").contains(&"hazard_now"));
        // A walk that is poor is a condition, not a body failing now.
        assert!(!cue_list("ma mère marche mal, on peut avoir une chambre au premier").contains(&"body"));
        // The fire named by its cause is the event.
        assert!(!cue_list("c'est quoi qui a causé le feu").contains(&"hazard_now"));
        assert!(!cue_list("what caused the fire").contains(&"hazard_now"));
        // Québec "avoir la chienne" told as over; a season past.
        assert!(cue_list("on a eu la chienne quand le canot a chaviré").contains(&"past"));
        assert!(cue_list("my dad fell last winter").contains(&"past"));
        assert!(cue_list("mon père est tombé l'été passé").contains(&"past"));
        assert!(cue_list("tout le monde avait sa veste pis on est corrects").contains(&"resolved"));
    }

    #[test]
    fn being_followed_is_violence_a_deer_hit_a_year_gone_by_and_a_plan_are_not_danger_now() {
        assert!(cue_list("someone is following me home from the bus stop").contains(&"violence"));
        assert!(cue_list("un gars me suit depuis le dépanneur").contains(&"violence"));
        assert!(cue_list("my toddler is coughing and gagging").contains(&"body"));
        // A deer hit on the road is a collision; a person hit is not.
        assert!(!cue_list("on a frappé un chevreuil sur la 175").contains(&"violence"));
        assert!(cue_list("il a frappé ma mère").contains(&"violence"));
        // A year gone by; not this one, nor one to come.
        assert!(cue_list("mon père a fait une crise cardiaque en 2019").contains(&"past"));
        assert!(!cue_list("on a 2019 raisons").contains(&"past"));
        assert!(!cue_list("the plan for the floods in 2999").contains(&"past"));
        // A hazard in a plan for later, with nothing said of now.
        assert!(
            !cue_list("we're planning an ice fishing trip this weekend, how thick is the ice").contains(&"hazard_now")
        );
        assert!(cue_list("the fire is here now, tomorrow it will be worse").contains(&"hazard_now"));
        assert!(cue_list("le feu est à côté de la maison, on part-tu demain").contains(&"hazard_now"));
        // Violence as a subject; a victim of it still tells it.
        assert!(!cue_list("ya tu des ateliers sur la violence conjugale").contains(&"violence"));
        assert!(cue_list("je suis victime de violence, il me menace").contains(&"violence"));
    }

    #[test]
    fn a_seizure_a_haemorrhage_hostages_and_a_shot_are_danger_their_signs_asked_are_not() {
        assert!(cue_list("elle fait une crise d'épilepsie depuis 5 minutes").contains(&"body"));
        assert!(cue_list("ma mère fait une hémorragie").contains(&"body"));
        assert!(cue_list("my son is having a heat stroke").contains(&"body"));
        assert!(!cue_list("c'est quoi les signes d'un coup de chaleur").contains(&"body"));
        assert!(cue_list("il y a des otages dans le dépanneur").contains(&"violence"));
        assert!(cue_list("my dad got shot while hunting").contains(&"violence"));
        assert!(!cue_list("je suis paralysé de peur depuis le feu").contains(&"body"));
    }

    #[test]
    fn hanging_oneself_a_child_not_home_a_runaway_and_someone_crushed_are_danger() {
        for text in [
            "je vais me pendre ce soir",
            "my son never came home last night",
            "she hasn't come home and it's midnight",
            "ma fille de 14 ans a fugué hier soir",
            "il est écrasé sous l'arbre",
            "he's crushed under the car",
        ] {
            assert!(crate::core::triage::is_distress(&tokenize(text), text), "{text}");
        }
        assert!(cue_list("je vais me pendre").contains(&"harm"));
        // Not gone in is no one missing.
        assert!(!cue_list("on est pas rentrés dans la maison, on attend dehors").contains(&"missing"));
    }

    #[test]
    fn learning_cpr_a_gun_licence_and_all_being_well_are_no_danger() {
        assert!(cue_list("comment on fait le massage cardiaque, je veux apprendre").contains(&"hypothetical"));
        assert!(!cue_list("il peut-tu avoir un permis d'arme").contains(&"violence"));
        assert!(cue_list("on a retrouvé le stationnement, tout est beau").contains(&"resolved"));
    }

    #[test]
    fn knives_a_bat_swung_and_the_cold_closing_in_are_danger_a_flu_shot_and_a_birth_are_not() {
        assert!(cue_list("des jeunes se battent avec des couteaux").contains(&"violence"));
        assert!(cue_list("my ex is outside my window with a bat").contains(&"violence"));
        assert!(!cue_list("there was a bat in the baby's room").contains(&"violence"));
        assert!(cue_list("car in the ditch, engine dead, it's getting really cold").contains(&"rising"));
        assert!(!cue_list("can she get the flu shot at the clinic").contains(&"violence"));
        assert!(cue_list("someone shot at our house").contains(&"violence"));
        assert!(!cue_list("ma sœur vient d'accoucher").contains(&"body"));
        // A breast pump is no shot fired.
        assert!(!cue_list("où on peut louer un tire-lait").contains(&"violence"));
    }

    #[test]
    fn a_train_bearing_down_is_danger_a_sore_back_is_not() {
        assert!(cue_list("a woman just fell on the subway tracks and the train is coming").contains(&"rising"));
        assert!(cue_list("y a un enfant sur la voie ferrée pis le train s'en vient").contains(&"rising"));
        assert!(!cue_list("mon mari a mal au dos après avoir pelleté").contains(&"body"));
    }

    #[test]
    fn iodine_pills_asked_about_and_cows_brought_in_are_no_danger() {
        assert!(!cue_list("on prend-tu les pilules d'iode maintenant").contains(&"body"));
        assert!(!cue_list("mes vaches sont dans le pacage, je les rentre-tu").contains(&"rising"));
        assert!(cue_list("l'eau rentre dans la maison").contains(&"rising"));
    }

    #[test]
    fn a_body_that_failed_long_ago_is_a_story_thoughts_of_ending_it_are_not() {
        assert!(!cue_list("mon père a fait une crise cardiaque en 2019, il peut-tu pelleter").contains(&"body"));
        assert!(!cue_list("she broke her hip two years ago, can she use the shelter").contains(&"body"));
        // Said of now, it is the body again.
        assert!(cue_list("he had a heart attack two years ago and now he has chest pain").contains(&"body"));
        // Self-harm is never put down to the past.
        let again = "j'ai fait une tentative de suicide il y a deux ans pis je veux recommencer ce soir";
        assert!(cue_list(again).contains(&"harm"));
        assert!(crate::core::triage::is_distress(&tokenize(again), again));
    }

    #[test]
    fn drowning_now_and_a_rage_are_danger_years_ago_and_bleeding_stopped_are_over() {
        assert!(cue_list("y'a un gars qui se noie à la plage").contains(&"missing"));
        assert!(cue_list("il casse toute dans le refuge").contains(&"violence"));
        assert!(cue_list("mon père s'est noyé y a 10 ans").contains(&"past"));
        assert!(cue_list("my dad drowned years ago").contains(&"past"));
        assert!(cue_list("i cut my hand this morning, it stopped bleeding").contains(&"resolved"));
        assert!(cue_list("we got stuck behind a tree but we're home now").contains(&"resolved"));
        // Seizing now; a car fallen in with someone; almost choked laughing.
        assert!(cue_list("my friend took something and now he's seizing").contains(&"body"));
        assert!(cue_list("un char est tombé dedans avec quelqu'un").contains(&"stuck"));
        assert!(!cue_list("le char est tombé dedans, y avait personne").contains(&"stuck"));
        let laughing = cue_list("j'ai manqué m'étouffer en riant");
        assert!(laughing.contains(&"resolved") && laughing.contains(&"joke"), "{laughing:?}");
        // The event named by those it struck, or filmed.
        assert!(!cue_list("is there a blood drive for the crash victims").contains(&"hazard_now"));
        assert!(!cue_list("i have dashcam footage of the bus going off the road").contains(&"hazard_now"));
        assert!(cue_list("the bus went off the road and kids are stuck").contains(&"hazard_now"));
        // Lost in the woods, people on the ground, a car driven into them.
        assert!(cue_list("je suis perdu dans le bois depuis 5h").contains(&"stuck"));
        assert!(cue_list("y a du monde à terre").contains(&"body"));
        assert!(cue_list("un raton laveur attaque mon fils").contains(&"violence"));
        // The injured as those one offers to help; someone hurt still is.
        assert!(!cue_list("comment on peut aider les familles des enfants blessés").contains(&"body"));
        assert!(cue_list("aidez moi les enfants blessés saignent").contains(&"body"));
    }

    #[test]
    fn pests_killed_a_bruise_a_sore_foot_and_old_tires_are_no_danger_a_severed_finger_is() {
        // Pests killed; a person still is violence.
        assert!(
            !cue_list("je peux tu mettre de l'eau de javel dans le fossé pour tuer les larves").contains(&"violence")
        );
        assert!(!cue_list("will the spraying kill my bees").contains(&"violence"));
        assert!(cue_list("il dit qu'il va tuer ma mère").contains(&"violence"));
        // A bruise is no skin turning blue; a body turning blue is.
        assert!(!cue_list("mon gars a un bleu sur le bras").contains(&"body"));
        assert!(cue_list("le bébé est tout bleu").contains(&"body"));
        // A sore limb, a headache alone, forgotten pills: discomforts.
        assert!(!cue_list("je me suis fait piler dessus dans la foule pis j'ai mal au pied").contains(&"body"));
        assert!(!cue_list("j'ai été piqué partout pis j'ai mal à la tête").contains(&"body"));
        assert!(!cue_list("j'ai oublié mes pilules de pression à la maison").contains(&"body"));
        // A headache with a fuel-burning appliance is how carbon monoxide
        // shows.
        assert!(cue_list("on a la génératrice dans le garage pis j'ai mal à la tête").contains(&"body"));
        // Eyes or a nose that sting: a discomfort; a throat burning from
        // what was swallowed: a body hurt.
        assert!(!cue_list("mon nez brûle depuis à matin").contains(&"body"));
        assert!(!cue_list("my eyes sting a bit since the leak").contains(&"body"));
        assert!(distress("i drank some of the pool chemical and my throat is burning"));
        // Old things are no one elderly; an old man is.
        assert!(!cue_list("de l'eau dans mes vieux pneus").contains(&"vulnerable"));
        assert!(cue_list("un vieux monsieur est tombé").contains(&"vulnerable"));
        assert!(cue_list("mes vieux sont encore dans la maison").contains(&"vulnerable"));
        // Standing water in a pool is no water closing in.
        assert!(!cue_list("ma piscine est pas ouverte pis l'eau est verte").contains(&"hazard_now"));
        // A cottage burnt, asked; the size of a fire: no fire here.
        assert!(!cue_list("mon chalet au lac est-tu brûlé").contains(&"hazard_now"));
        assert!(!cue_list("ça brûle combien d'hectares").contains(&"hazard_now"));
        assert!(cue_list("ça brûle dans le sous-sol").contains(&"hazard_now"));
        // A hidden cat is no one hiding from harm.
        assert!(!cue_list("ma chatte est cachée sous le lit pis elle veut pas sortir").contains(&"violence"));
        // A finger cut with a saw; someone who looks about to jump.
        assert!(distress("j'ai coupé mon doigt presque au complet avec la scie ronde"));
        assert!(cue_list("quelqu'un sur le bord du pont qui a l'air de vouloir sauter").contains(&"harm"));
    }

    #[test]
    fn a_child_taken_a_rifle_held_and_someone_lost_or_frostbitten_are_danger_a_drill_and_a_rifle_found_are_not() {
        assert!(cue_list("a man just pulled a girl into a van outside the school").contains(&"violence"));
        assert!(cue_list("ma fille s'est fait enlever devant l'école").contains(&"violence"));
        assert!(!cue_list("we pulled the boat into the garage").contains(&"violence"));
        assert!(!cue_list("on a poussé le char dans l'entrée").contains(&"violence"));
        assert!(!cue_list("we pushed the car into the garage").contains(&"violence"));
        assert!(cue_list("il l'a traînée dans son char").contains(&"violence"));
        // A rifle held is a weapon; one found or one's own is a thing.
        assert!(cue_list("mon ex est stationné devant chez nous avec une carabine").contains(&"violence"));
        assert!(!cue_list("on a trouvé un vieux fusil dans le sous-sol").contains(&"violence"));
        assert!(!cue_list("can i bring my hunting rifle when we evacuate").contains(&"violence"));
        // Lost on a mountain, shivering; fingers black and numb.
        assert!(cue_list("a hiker called, he is lost and soaked").contains(&"stuck"));
        assert!(cue_list("my daughter is shivering badly").contains(&"body"));
        assert!(cue_list("mes doigts sont noirs pis je les sens pu").contains(&"body"));
        // A tractor stuck is a tow; a drill is practice.
        assert!(!cue_list("my tractor is stuck in the mud, who can tow it").contains(&"stuck"));
        assert!(cue_list("on a fait un exercice d'incendie à l'école").contains(&"hypothetical"));
    }

    #[test]
    fn water_an_insurance_covers_and_being_burnt_out_are_no_danger() {
        assert!(!cue_list("mes assurances couvrent-tu l'eau qui rentre par le sol").contains(&"rising"));
        assert!(cue_list("l'eau rentre par le sol pis on est pris en haut").contains(&"rising"));
        assert!(cue_list("l'eau monte pis on est pris en haut, l'assurance couvre-tu ça").contains(&"rising"));
        // "Je suis brûlé": exhausted; burnt on the arm, or oneself: hurt.
        assert!(!cue_list("je suis brûlé, ça fait 4 nuits que je dors pas").contains(&"body"));
        assert!(cue_list("je suis brûlé au bras").contains(&"body"));
        assert!(cue_list("je me suis brûlé avec l'eau bouillante").contains(&"body"));
        // Burnt plastic fallen in a yard; a fire feared.
        assert!(!cue_list("ya des bouts de plastique brûlé partout dans ma cour").contains(&"hazard_now"));
        assert!(!cue_list("my son is scared of fire now").contains(&"hazard_now"));
        assert!(cue_list("j'ai peur, le feu approche de la maison").contains(&"hazard_now"));
    }
}
