//! How much the distress decision depends on the order training visits the
//! corpus: trains with several seeds and scores each model on labelled case
//! files (distress against everything else), then counts the messages whose
//! decision changes with the seed.
//! `cargo run --release --example distress_stability -- [corpus=FILE] CASES.jsonl...`
use vigie::core::distress::{Assessment, Options, assess, parse_corpus, train_with};
use vigie::core::normalize::tokenize;
use vigie::core::triage::{DISTRESS_THRESHOLD, judge};

fn main() {
    let mut options = Options::default();
    let mut files = Vec::new();
    let mut corpus_text = include_str!("../src/core/distress_corpus.txt").to_string();
    for arg in std::env::args().skip(1) {
        match arg.split_once('=') {
            Some(("epochs", v)) => options.epochs = v.parse().expect("a number"),
            Some(("lambda", v)) => options.lambda = v.parse().expect("a number"),
            // Another corpus than the built-in one, to try a change without a build.
            Some(("corpus", path)) => corpus_text = std::fs::read_to_string(path).expect("corpus"),
            _ => files.push(arg),
        }
    }
    let mut cases: Vec<(bool, String)> = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).expect("cases");
        for case in vigie::eval::parse_cases(&text).expect("cases") {
            cases.push((case.expect == "distress", case.text));
        }
    }
    let corpus = parse_corpus(&corpus_text);
    let seeds = [0x5eed_1234_abcd_ef01u64, 1, 2, 3, 4, 5];
    let mut decisions: Vec<Vec<bool>> = Vec::new();
    for &seed in &seeds {
        let model = train_with(&corpus, Options { seed, ..options });
        let decided: Vec<bool> = cases
            .iter()
            .map(|(_, text)| {
                let message = tokenize(text);
                let rules = Assessment { probability: model.probability(&message, text), ..assess(&message, text) };
                judge(&message, &rules, DISTRESS_THRESHOLD)
            })
            .collect();
        let tp = cases.iter().zip(&decided).filter(|((y, _), d)| *y && **d).count();
        let fp = cases.iter().zip(&decided).filter(|((y, _), d)| !*y && **d).count();
        let positives = cases.iter().filter(|(y, _)| *y).count();
        println!(
            "seed {seed:>20}: recall {:.1}% precision {:.1}% ({tp} tp, {fp} fp, {} fn)",
            100.0 * tp as f64 / positives as f64,
            100.0 * tp as f64 / (tp + fp).max(1) as f64,
            positives - tp
        );
        if seed == seeds[0] && std::env::var("VERBOSE").is_ok() {
            for ((label, text), d) in cases.iter().zip(&decided) {
                if label != d {
                    println!("  {}  {text}", if *label { "missed     " } else { "false alarm" });
                }
            }
        }
        decisions.push(decided);
    }
    let unstable: Vec<&(bool, String)> = cases
        .iter()
        .enumerate()
        .filter(|(i, _)| decisions.iter().any(|d| d[*i] != decisions[0][*i]))
        .map(|(_, c)| c)
        .collect();
    println!("decisions that change with the seed: {} of {}", unstable.len(), cases.len());
    if std::env::var("VERBOSE").is_ok() {
        for (label, text) in unstable {
            println!("  {}  {text}", if *label { "distress" } else { "other   " });
        }
    }
}
