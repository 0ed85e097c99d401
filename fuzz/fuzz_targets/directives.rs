//! The directive parser on arbitrary text: a set or located errors, never a
//! panic; every error's position lies inside the file.
#![no_main]

use libfuzzer_sys::fuzz_target;
use vigie::core::directives::{DirectiveSet, Source};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data).into_owned();
    let lines = text.lines().count().max(1);
    let source = Source { file: "fuzz.toml".into(), text };
    if let Err(errors) = DirectiveSet::build(&[source], 1_780_000_000) {
        for error in &errors.errors {
            assert!(error.line >= 1 && error.line <= lines + 1, "{error}");
            assert!(error.column >= 1);
        }
    }
});
