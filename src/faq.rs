//! Reads a directive folder (`faq/*.toml`) and builds a
//! [`DirectiveSet`]. The only I/O around the core's directive parsing.

use std::path::Path;
use std::time::{SystemTime, UNIX_EPOCH};

use anyhow::Context;

use crate::core::directives::{Diagnostic, DirectiveSet, LoadErrors, Severity, Source};

/// Unix seconds now.
pub fn now_epoch() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0)
}

/// The `*.toml` files directly in `dir`, sorted by name. A file that cannot be
/// read as UTF-8 becomes a located error rather than a failure of the whole call.
pub fn read_sources(dir: &Path) -> anyhow::Result<(Vec<Source>, Vec<Diagnostic>)> {
    let mut sources = Vec::new();
    let mut errors = Vec::new();
    let listing =
        std::fs::read_dir(dir).with_context(|| format!("cannot read the directive folder {}", dir.display()))?;
    let mut paths: Vec<_> = listing
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml") && p.is_file())
        .collect();
    paths.sort();
    for path in paths {
        let file = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        match std::fs::read(&path) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => sources.push(Source { file, text }),
                Err(err) => {
                    let valid = err.utf8_error().valid_up_to();
                    let text = String::from_utf8_lossy(&err.as_bytes()[..valid]).into_owned();
                    let (line, column) = crate::core::directives::line_column(&text, valid);
                    errors.push(Diagnostic {
                        severity: Severity::Error,
                        file,
                        line,
                        column,
                        message: "the file is not valid UTF-8".into(),
                    });
                }
            },
            Err(err) => errors.push(Diagnostic {
                severity: Severity::Error,
                file,
                line: 1,
                column: 1,
                message: format!("cannot read the file: {err}"),
            }),
        }
    }
    Ok((sources, errors))
}

/// Loads and validates the directive folder as of `now_epoch`.
/// `Ok(Err(_))` is a set rejected for its content; `Err(_)` a folder that
/// cannot be read at all.
pub fn load_dir(dir: &Path, now_epoch: i64) -> anyhow::Result<Result<DirectiveSet, LoadErrors>> {
    Ok(load_dir_with_sources(dir, now_epoch)?.1)
}

/// [`load_dir`], with the files the set was built from.
pub fn load_dir_with_sources(
    dir: &Path,
    now_epoch: i64,
) -> anyhow::Result<(Vec<Source>, Result<DirectiveSet, LoadErrors>)> {
    let (sources, mut read_errors) = read_sources(dir)?;
    let built = DirectiveSet::build(&sources, now_epoch);
    let result = match built {
        Ok(set) if read_errors.is_empty() => Ok(set),
        Ok(set) => Err(LoadErrors { errors: read_errors, warnings: set.warnings }),
        Err(mut errors) => {
            read_errors.append(&mut errors.errors);
            errors.errors = read_errors;
            Err(errors)
        }
    };
    Ok((sources, result))
}
