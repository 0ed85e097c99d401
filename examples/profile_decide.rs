//! Runs every flood case through `decide` many times, for a profiler:
//! `perf record target/release/examples/profile_decide FAQ CASES [ROUNDS]`.
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let knowledge = vigie::cli::load_knowledge(std::path::Path::new(&args[1])).expect("directives");
    let cases = vigie::eval::parse_cases(&std::fs::read_to_string(&args[2]).expect("cases")).expect("cases");
    let rounds: usize = args.get(3).and_then(|r| r.parse().ok()).unwrap_or(20);
    vigie::core::distress::warm_up();
    let thresholds = vigie::core::Thresholds::default();
    let start = std::time::Instant::now();
    let mut answered = 0usize;
    for _ in 0..rounds {
        for case in &cases {
            let d = vigie::core::decide(&knowledge, &case.text, None, &thresholds);
            answered += usize::from(d.entry.is_some());
        }
    }
    let n = rounds * cases.len();
    println!("{n} decisions in {:?} ({:.0}/s), {answered} answers", start.elapsed(), n as f64 / start.elapsed().as_secs_f64());
}
