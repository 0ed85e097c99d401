//! Prints how a message is normalised: `cargo run --example debug_tokens -- "text"`.
fn main() {
    let text = std::env::args().nth(1).unwrap_or_default();
    let n = vigie::core::normalize::tokenize(&text);
    for t in &n.tokens {
        let concept = vigie::core::lexicon::concept_of_token(t, None).map(vigie::core::lexicon::concept_name);
        println!(
            "{:<16} fr={:<12} en={:<12} stop={} entity={} concept={:?}",
            t.word, t.stem_fr, t.stem_en, t.stop, t.entity, concept
        );
    }
    println!("interrogative={} {:?}", n.interrogative, vigie::core::distress::assess(&n, &text));
    println!("{:?}", vigie::core::distress::cue_names(&n, &text));
}
