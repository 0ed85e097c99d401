//! Five-fold cross-validation of the distress model on its own corpus:
//! `cargo run --release --example distress_cv`. Prints recall and precision
//! at the production threshold, and the held-out mistakes.
use vigie::core::distress::{Options, parse_corpus, train_with};
use vigie::core::normalize::tokenize;
use vigie::core::triage::{DISTRESS_THRESHOLD, judge};

fn main() {
    let mut options = Options::default();
    let mut corpus_text = include_str!("../src/core/distress_corpus.txt").to_string();
    for arg in std::env::args().skip(1) {
        let (k, v) = arg.split_once('=').expect("name=value");
        if k == "corpus" {
            // Another corpus than the built-in one, to try a change without a build.
            corpus_text = std::fs::read_to_string(v).expect("corpus");
            continue;
        }
        let v: f32 = v.parse().expect("a number");
        match k {
            "char" => options.char_grams = v,
            "bi" => options.bigrams = v,
            "uni" => options.unigrams = v,
            "cues" => options.cues = v,
            "lambda" => options.lambda = v,
            "epochs" => options.epochs = v as usize,
            "rate" => options.rate = v,
            "seed" => options.seed = v as u64,
            _ => panic!("unknown option {k}"),
        }
    }
    let verbose = std::env::var("VERBOSE").is_ok();
    // THRESHOLD=0.4 tries another distress threshold than the production one.
    let threshold_override: Option<f32> = std::env::var("THRESHOLD").ok().map(|t| t.parse().expect("a number"));
    let corpus = parse_corpus(&corpus_text);
    let folds = 5;
    let (mut tp, mut fp, mut fneg, mut tn) = (0, 0, 0, 0);
    // The whole decision: the held-out model, plus the rules that do not
    // depend on training (unmistakable danger, the calm-question threshold).
    let (mut dtp, mut dfp, mut dfn) = (0, 0, 0);
    for fold in 0..folds {
        let train_set: Vec<_> =
            corpus.iter().enumerate().filter(|(i, _)| i % folds != fold).map(|(_, c)| c.clone()).collect();
        let model = train_with(&train_set, options);
        for (i, (label, text)) in corpus.iter().enumerate() {
            if i % folds != fold {
                continue;
            }
            let message = tokenize(text);
            let p = model.probability(&message, text);
            let flagged = p >= threshold_override.unwrap_or(DISTRESS_THRESHOLD);
            let rules =
                vigie::core::distress::Assessment { probability: p, ..vigie::core::distress::assess(&message, text) };
            let decided = judge(&message, &rules, threshold_override.unwrap_or(DISTRESS_THRESHOLD));
            match (label, decided) {
                (true, true) => dtp += 1,
                (false, true) => {
                    dfp += 1;
                    if verbose {
                        println!("decision false alarm {p:.2}  {text}");
                    }
                }
                (true, false) => {
                    dfn += 1;
                    if verbose {
                        println!("decision missed {p:.2}  {text}");
                    }
                }
                (false, false) => {}
            }
            match (label, flagged) {
                (true, true) => tp += 1,
                (false, true) => {
                    fp += 1;
                    if verbose {
                        println!("false alarm {p:.2}  {text}");
                    }
                }
                (true, false) => {
                    fneg += 1;
                    if verbose {
                        println!("missed      {p:.2}  {text}");
                    }
                }
                (false, false) => tn += 1,
            }
        }
    }
    println!(
        "held-out: recall {:.1}% precision {:.1}% ({tp} tp, {fp} fp, {fneg} fn, {tn} tn)",
        100.0 * tp as f64 / (tp + fneg) as f64,
        100.0 * tp as f64 / (tp + fp) as f64
    );
    println!(
        "held-out, whole decision: recall {:.1}% precision {:.1}% ({dtp} tp, {dfp} fp, {dfn} fn)",
        100.0 * dtp as f64 / (dtp + dfn) as f64,
        100.0 * dtp as f64 / (dtp + dfp) as f64
    );
}
