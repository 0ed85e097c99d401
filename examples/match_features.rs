//! Dumps, for labelled cases, what the decision sees (the top candidates'
//! scores, coverages, and whether each is the expected entry) and the action
//! it took, as JSON lines, to study confidence:
//! `cargo run --release --example match_features -- FAQ_DIR CASES.jsonl`.
use vigie::core::normalize::{detect_lang, tokenize};
use vigie::core::{Thresholds, decide};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let knowledge = vigie::cli::load_knowledge(std::path::Path::new(&args[1])).expect("directives");
    let cases = vigie::eval::parse_cases(&std::fs::read_to_string(&args[2]).expect("cases")).expect("cases");
    for case in cases {
        let decision = decide(&knowledge, &case.text, None, &Thresholds::default());
        if decision.reason.is_some_and(|r| r != vigie::core::Reason::Unmatched) || decision.smalltalk.is_some() {
            continue;
        }
        let message = tokenize(&case.text);
        let lang = detect_lang(&message, &case.text);
        let found = knowledge.index.search(&message, lang, 8);
        let candidates: Vec<serde_json::Value> = found
            .iter()
            .map(|c| {
                serde_json::json!({
                    "entry": knowledge.directive_set.entries[c.entry].id,
                    "s": c.score, "mc": c.message_coverage, "qc": c.question_coverage,
                    "intent": c.unexplained_intent,
                })
            })
            .collect();
        let words = knowledge.index.explain_query(&message, lang);
        let total: f32 = words.iter().map(|(w, _)| w).sum();
        let unknown: f32 = words.iter().filter(|(_, t)| t.is_empty()).map(|(w, _)| w).sum();
        // Words of full weight the set knows nowhere ("sue", "plombier").
        let unknown_heavy = words.iter().filter(|(w, t)| t.is_empty() && *w >= 0.99).count();
        let line = serde_json::json!({
            "text": case.text, "expect": case.expect, "action": decision.action, "n": message.content().count(),
            "candidates": candidates,
            "total": total, "unknown": unknown, "unknown_heavy": unknown_heavy,
        });
        println!("{line}");
    }
}
