//! Property tests (proptest) standing in for a fuzzer: the directive parser,
//! the normaliser and the decision never panic, whatever they are fed, and
//! keep their invariants. `PROPTEST_CASES=100000 cargo test --release --test
//! fuzz_props` runs a long campaign; CI runs the default 256 cases a property.

use std::path::Path;
use std::sync::LazyLock;

use proptest::prelude::*;
use vigie::core::directives::{DirectiveSet, Source};
use vigie::core::normalize::{MAX_CHARS, tokenize};
use vigie::core::{Action, Knowledge, Thresholds, decide};

static KNOWLEDGE: LazyLock<Knowledge> = LazyLock::new(|| {
    vigie::cli::load_knowledge(&Path::new(env!("CARGO_MANIFEST_DIR")).join("faq")).expect("the sample set is valid")
});

static SAMPLE: LazyLock<String> = LazyLock::new(|| {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("faq/feux-evacuation.toml")).unwrap()
});

/// Text made of what residents and attackers send: letters with accents,
/// joual, emoji, control and bidi characters, markup, digits, punctuation.
fn resident_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "l'eau",
        "monte",
        "chu",
        "pogné",
        "où",
        "est",
        "le",
        "refuge",
        "?",
        "!",
        "💧",
        "🙏",
        "\u{202e}",
        "\u{200d}",
        "\u{0}",
        "\u{7}",
        "\u{1b}[31m",
        "<b>",
        "</script>",
        "**",
        "@everyone",
        "-",
        "'",
        "’",
        "qu'",
        "y'é",
        "SOS",
        "help",
        "we're",
        "can't",
        "911",
        " ",
        "\n",
        "\t",
        "é",
        "Œ",
        "ß",
        "İ",
        "ﬁ",
        "\u{301}",
        "ÉVACUATION",
        "pré-",
        "#",
        "passent",
        "ent",
        "2e",
        "1er",
        "311",
        " Rue ",
        " Maxi ",
        "proche",
        "close",
        "sabel",
        ",",
        ", what should I ",
        ", comment ",
        " coup de main ",
        " pick her up ",
        " drive me ",
        "revient",
        "2h",
        "14h30",
        " what time ",
        " pills for blood pressure ",
        " pu capable de dormir ",
        " nobody hurt ",
        "Bonjour ",
        // The readings of words by their neighbours: "en dessous des",
        // "un gars", "une craque", "hit by", "lying in", "si elle va bien",
        // a clause that asks before a comma.
        " en ",
        " dessous ",
        "dessous",
        " des ",
        " du ",
        " de ",
        " un ",
        " gars",
        " une ",
        " craque",
        "What do I ",
        " hit ",
        " by ",
        " par ",
        " lying ",
        " couché ",
        " broke in ",
        " si ",
        " elle va bien",
        " vient pas ouvrir",
    ]);
    prop_oneof![prop::collection::vec(pieces, 0..40).prop_map(|v| v.concat()), any::<String>(), "\\PC{0,300}",]
}

proptest! {
    #[test]
    fn the_normaliser_never_panics_and_keeps_its_invariants(text in resident_text()) {
        let n = tokenize(&text);
        prop_assert!(n.tokens.iter().all(|t| !t.word.is_empty()));
        prop_assert!(n.tokens.iter().all(|t| !t.word.contains(' ')));
        prop_assert!(n.folded.chars().count() <= 4 * MAX_CHARS);
        prop_assert!((0.0..=1.0).contains(&n.upper_ratio));
    }

    #[test]
    fn a_decision_is_always_well_formed(text in resident_text()) {
        let d = decide(&KNOWLEDGE, &text, None, &Thresholds::default());
        prop_assert!((0.0..=1.0).contains(&d.score));
        prop_assert!(d.candidates.windows(2).all(|w| w[0].score >= w[1].score));
        prop_assert!(d.candidates.iter().all(|c| (0.0..=1.0).contains(&c.score)));
        match d.action {
            Action::Answer => prop_assert!(d.entry.is_some() && d.reason.is_none()),
            Action::Escalate => prop_assert!(d.reason.is_some() && d.entry.is_none()),
            Action::Clarify | Action::Smalltalk => prop_assert!(d.entry.is_none() && d.reason.is_none()),
        }
        let replies = vigie::core::reply::replies(&KNOWLEDGE, &d);
        prop_assert!(!replies.is_empty());
        serde_json::to_string(&d).unwrap();
    }

    #[test]
    fn the_directive_parser_never_panics_on_arbitrary_text(text in any::<String>()) {
        let result = DirectiveSet::build(&[Source { file: "x.toml".into(), text: text.clone() }], 0);
        if let Err(e) = result {
            prop_assert!(!e.errors.is_empty());
            let lines = text.lines().count() + 1;
            prop_assert!(e.errors.iter().all(|d| d.line >= 1 && d.line <= lines && d.column >= 1));
        }
    }

    #[test]
    fn the_directive_parser_locates_errors_in_damaged_files(
        cut in 0usize..4000, insert in "\\PC{0,12}", delete in 0usize..20,
    ) {
        let sample = SAMPLE.as_str();
        let mut at = cut.min(sample.len());
        while !sample.is_char_boundary(at) {
            at -= 1;
        }
        let mut end = (at + delete).min(sample.len());
        while !sample.is_char_boundary(end) {
            end -= 1;
        }
        let damaged = format!("{}{}{}", &sample[..at], insert, &sample[end..]);
        match DirectiveSet::build(&[Source { file: "x.toml".into(), text: damaged.clone() }], 0) {
            Ok(set) => prop_assert!(!set.entries.is_empty()),
            Err(e) => {
                let lines = damaged.lines().count() + 1;
                prop_assert!(e.errors.iter().all(|d| d.file == "x.toml" && d.line >= 1 && d.line <= lines));
                prop_assert!(e.errors.iter().all(|d| !d.message.is_empty()));
            }
        }
    }
}
