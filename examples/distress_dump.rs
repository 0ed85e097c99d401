//! One line per labelled message: label, probability, the rules' readings
//! and the cues, tab-separated, for studying the distress decision.
//! `cargo run --release --example distress_dump -- CASES.jsonl... > dump.tsv`
use vigie::core::distress::{assess, cue_names};
use vigie::core::normalize::tokenize;
use vigie::core::triage::is_distress;

fn main() {
    for file in std::env::args().skip(1) {
        let text = std::fs::read_to_string(&file).expect("cases");
        for case in vigie::eval::parse_cases(&text).expect("cases") {
            let message = tokenize(&case.text);
            let a = assess(&message, &case.text);
            println!(
                "{}\t{}\t{:.3}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
                case.id,
                u8::from(case.expect == "distress"),
                a.probability,
                u8::from(is_distress(&message, &case.text)),
                u8::from(a.unmistakable),
                u8::from(a.danger),
                u8::from(a.calm_question),
                u8::from(a.strong_plea),
                cue_names(&message, &case.text).join(","),
                case.text.replace(['\t', '\n'], " ")
            );
        }
    }
}
