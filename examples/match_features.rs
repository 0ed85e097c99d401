//! Dumps, for labelled cases, the features the decision sees (best and
//! runner-up scores and coverages) as TSV, to study confidence:
//! `cargo run --release --example match_features -- FAQ_DIR CASES.jsonl`.
use vigie::core::normalize::{detect_lang, tokenize};
use vigie::core::{Thresholds, decide};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let knowledge = vigie::cli::load_knowledge(std::path::Path::new(&args[1])).expect("directives");
    let cases = vigie::eval::parse_cases(&std::fs::read_to_string(&args[2]).expect("cases")).expect("cases");
    println!("kind\ts1\ts2\tmc1\tqc1\tmc2\tqc2\tn\ttext");
    for case in cases {
        let decision = decide(&knowledge, &case.text, None, &Thresholds::default());
        if decision.reason.is_some_and(|r| r != vigie::core::Reason::Unmatched) || decision.smalltalk.is_some() {
            continue;
        }
        let message = tokenize(&case.text);
        let lang = detect_lang(&message, &case.text);
        let found = knowledge.index.search(&message, lang, 5);
        let id = |i: usize| found.get(i).map(|c| knowledge.directive_set.entries[c.entry].id.clone());
        let kind = match case.expect.strip_prefix("answer:") {
            Some(e) if id(0).as_deref() == Some(e) => "R",
            Some(_) => "W",
            None if case.expect == "unmatched" => "U",
            None => continue,
        };
        let f = |i: usize| found.get(i).map_or((0.0, 0.0, 0.0), |c| (c.score, c.message_coverage, c.question_coverage));
        let (s1, m1, q1) = f(0);
        let (s2, m2, q2) = f(1);
        let n = message.content().count();
        println!("{kind}\t{s1:.3}\t{s2:.3}\t{m1:.3}\t{q1:.3}\t{m2:.3}\t{q2:.3}\t{n}\t{}", case.text.replace('\t', " "));
    }
}
