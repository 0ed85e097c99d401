//! The normaliser and the matcher on arbitrary text against the sample
//! directives: a decision whose score is in [0, 1], never a panic.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use vigie::core::{Knowledge, Thresholds, decide};

static KNOWLEDGE: LazyLock<Knowledge> = LazyLock::new(|| {
    vigie::cli::load_knowledge(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../faq")).expect("sample faq")
});

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let tokens = vigie::core::normalize::tokenize(&text);
    let _ = tokens.content().count();
    let decision = decide(&KNOWLEDGE, &text, None, &Thresholds::default());
    assert!((0.0..=1.0).contains(&decision.score), "{}", decision.score);
    for candidate in &decision.candidates {
        assert!((0.0..=1.0).contains(&candidate.score));
    }
});
