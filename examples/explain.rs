//! Shows how the matcher sees a message: its weighted words, then the top
//! candidates with their coverages and indexed questions:
//! `cargo run --release --example explain -- FAQ_DIR "message"`.
use vigie::core::normalize::{detect_lang, tokenize};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let knowledge = vigie::cli::load_knowledge(std::path::Path::new(&args[1])).expect("directives");
    let message = tokenize(&args[2]);
    let lang = detect_lang(&message, &args[2]);
    for (weight, terms) in knowledge.index.explain_query(&message, lang) {
        println!("  {weight:.2} {}", terms.join(" "));
    }
    for c in knowledge.index.search(&message, lang, 4) {
        println!(
            "{} {:.3} mc={:.3} qc={:.3}",
            knowledge.directive_set.entries[c.entry].id, c.score, c.message_coverage, c.question_coverage
        );
        for doc in knowledge.index.explain_entry(c.entry) {
            println!("    {doc}");
        }
    }
}
