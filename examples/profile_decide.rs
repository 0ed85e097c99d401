//! Runs every case of a labelled set through the decision many times, for a
//! profiler, and prints the time of each stage alone:
//! `target/release/examples/profile_decide FAQ CASES [ROUNDS] [decide|search|tokenize|distress]`.
use std::hint::black_box;
use std::time::Instant;

use vigie::core::normalize::{detect_lang, tokenize};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let knowledge = vigie::cli::load_knowledge(std::path::Path::new(&args[1])).expect("directives");
    let cases = vigie::eval::parse_cases(&std::fs::read_to_string(&args[2]).expect("cases")).expect("cases");
    let rounds: usize = args.get(3).and_then(|r| r.parse().ok()).unwrap_or(20);
    let only = args.get(4).map(String::as_str);
    vigie::core::distress::warm_up();
    let thresholds = vigie::core::Thresholds::default();
    let tokenized: Vec<_> = cases.iter().map(|c| tokenize(&c.text)).collect();
    let n = (rounds * cases.len()) as f64;
    let stage = |name: &str, f: &dyn Fn(usize)| {
        if only.is_some_and(|o| o != name) {
            return;
        }
        let start = Instant::now();
        for _ in 0..rounds {
            for i in 0..cases.len() {
                f(i);
            }
        }
        let elapsed = start.elapsed().as_secs_f64();
        println!("{name:>9}: {:6.1} µs/message ({:.0}/s)", elapsed * 1e6 / n, n / elapsed);
    };
    stage("tokenize", &|i| {
        black_box(tokenize(&cases[i].text));
    });
    stage("search", &|i| {
        let m = &tokenized[i];
        black_box(knowledge.index.search(m, detect_lang(m, &cases[i].text), 5));
    });
    stage("distress", &|i| {
        black_box(vigie::core::distress::assess(&tokenized[i], &cases[i].text));
    });
    stage("decide", &|i| {
        black_box(vigie::core::decide(&knowledge, &cases[i].text, None, &thresholds));
    });
}
