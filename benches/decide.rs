//! Decisions per second (one thread) on the flood set of `shared/eval` (or
//! the sample `faq/` when it is absent) and on a generated 1,000-entry set,
//! and the index build time. `cargo bench --bench decide`.

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use vigie::core::directives::{DirectiveSet, Source};
use vigie::core::matcher::Index;
use vigie::core::{Knowledge, Thresholds, decide};

fn flood() -> (Knowledge, Vec<String>) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let shared = root.join("../shared/eval/flood");
    let (faq, cases) = if shared.exists() {
        (shared.join("faq"), shared.join("cases.jsonl"))
    } else {
        (root.join("faq"), root.join("tests/data/wildfire-cases.jsonl"))
    };
    let knowledge = vigie::cli::load_knowledge(&faq).expect("directives");
    let cases = vigie::eval::parse_cases(&std::fs::read_to_string(cases).expect("cases")).expect("cases");
    (knowledge, cases.into_iter().map(|c| c.text).collect())
}

/// A directive set of `n` entries built from incident vocabulary, each with
/// two questions per language and a few keywords: deterministic.
pub fn generated_set(n: usize) -> Source {
    const SUBJECTS_FR: &[&str] = &[
        "centre d'hébergement",
        "sacs de sable",
        "eau potable",
        "route",
        "école",
        "pharmacie",
        "génératrice",
        "assurance",
        "aide financière",
        "animaux",
        "médicaments",
        "électricité",
        "débris",
        "moisissure",
        "bénévoles",
        "dons",
        "alertes",
        "pont",
        "puits",
        "fosse septique",
        "navette",
        "stationnement",
        "masques",
        "fumée",
        "garderie",
        "refuge",
    ];
    const SUBJECTS_EN: &[&str] = &[
        "shelter",
        "sandbags",
        "drinking water",
        "road",
        "school",
        "pharmacy",
        "generator",
        "insurance",
        "financial aid",
        "pets",
        "medication",
        "power",
        "debris",
        "mould",
        "volunteers",
        "donations",
        "alerts",
        "bridge",
        "well",
        "septic tank",
        "shuttle",
        "parking",
        "masks",
        "smoke",
        "daycare",
        "refuge",
    ];
    const ASKS_FR: &[&str] = &["Où trouver", "Quand ouvre", "Comment obtenir", "Qui contacter pour", "Est-ce gratuit,"];
    const ASKS_EN: &[&str] =
        &["Where to find", "When does it open:", "How do I get", "Who to contact about", "Is it free:"];
    const PLACES: &[&str] = &["Nord", "Sud", "Est", "Ouest", "Centre", "Lac", "Rivière", "Montagne", "Port", "Plaine"];
    let mut text = String::from(
        "[directive]\ntitle = \"Généré\"\nissued_by = \"Banc d'essai\"\nissued_at = 2026-01-01T00:00:00Z\n",
    );
    for i in 0..n {
        let s = i % SUBJECTS_FR.len();
        let a = (i / SUBJECTS_FR.len()) % ASKS_FR.len();
        let p = (i / (SUBJECTS_FR.len() * ASKS_FR.len())) % PLACES.len();
        let place = format!("{} {}", PLACES[p], i);
        text.push_str(&format!(
            "\n[[entry]]\nid = \"entry-{i}\"\nquestions.fr = [\"{} {} secteur {place}?\", \"{} {}?\"]\nquestions.en = [\"{} {} {place} area?\", \"{} {}?\"]\nkeywords = [\"{}\", \"{place}\"]\nanswer.fr = \"Réponse {i} pour {}.\"\nanswer.en = \"Answer {i} for {}.\"\n",
            ASKS_FR[a], SUBJECTS_FR[s], ASKS_FR[(a + 1) % ASKS_FR.len()], SUBJECTS_FR[s],
            ASKS_EN[a], SUBJECTS_EN[s], ASKS_EN[(a + 1) % ASKS_EN.len()], SUBJECTS_EN[s],
            SUBJECTS_FR[s], SUBJECTS_FR[s], SUBJECTS_EN[s],
        ));
    }
    Source { file: "generated.toml".into(), text }
}

fn bench(c: &mut Criterion) {
    let thresholds = Thresholds::default();
    // The distress model trains once per process: keep it out of the timings.
    vigie::core::distress::warm_up();

    let (knowledge, messages) = flood();
    let mut group = c.benchmark_group("decide");
    group.throughput(Throughput::Elements(messages.len() as u64));
    group.bench_function("flood_set_all_cases", |b| {
        b.iter(|| {
            for m in &messages {
                black_box(decide(&knowledge, m, None, &thresholds));
            }
        })
    });

    let source = generated_set(1_000);
    let set = DirectiveSet::build(std::slice::from_ref(&source), 0).expect("generated set is valid");
    assert_eq!(set.entries.len(), 1_000);
    let big = Knowledge::new(set.clone());
    group.bench_function("generated_1000_entries_flood_messages", |b| {
        b.iter(|| {
            for m in &messages {
                black_box(decide(&big, m, None, &thresholds));
            }
        })
    });
    group.finish();

    let mut build = c.benchmark_group("index_build");
    build.sample_size(20);
    build.bench_function("generated_1000_entries", |b| b.iter(|| black_box(Index::build(&set))));
    build.bench_function("parse_and_validate_1000_entries", |b| {
        b.iter(|| black_box(DirectiveSet::build(std::slice::from_ref(&source), 0).unwrap()))
    });
    build.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
