//! Which words of a message move the distress probability, by leaving each
//! out in turn: `cargo run --release --example distress_why -- "text"`.
use vigie::core::distress;
use vigie::core::normalize::tokenize;

/// Log-odds: a word's weight shows even when the probability is saturated.
fn logit(p: f32) -> f32 {
    let p = p.clamp(1e-6, 1.0 - 1e-6);
    (p / (1.0 - p)).ln()
}

fn main() {
    let text = std::env::args().nth(1).unwrap_or_default();
    let whole = distress::assess(&tokenize(&text), &text);
    println!("{:.3} {:?}  {}", whole.probability, distress::cue_names(&tokenize(&text), &text), text);
    let words: Vec<&str> = text.split_whitespace().collect();
    for i in 0..words.len() {
        let without: Vec<&str> = words.iter().enumerate().filter(|&(j, _)| j != i).map(|(_, w)| *w).collect();
        let without = without.join(" ");
        let p = distress::assess(&tokenize(&without), &without).probability;
        println!("{:+.2}  {}", logit(whole.probability) - logit(p), words[i]);
    }
}
