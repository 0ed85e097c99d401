//! The directive set in force, and its reload: the dashboard, the reload
//! endpoint and (later) the file watcher all call [`LiveDirectives::reload`].
//!
//! A reload builds a whole new [`Knowledge`] and swaps it in atomically:
//! decisions in flight finish on the set they started with. A reload that
//! fails replaces nothing and keeps its errors for `GET /api/directives`.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use arc_swap::ArcSwap;

use crate::core::Knowledge;
use crate::core::directives::Diagnostic;
use crate::faq;

pub struct LiveDirectives {
    current: ArcSwap<Knowledge>,
    dir: PathBuf,
    state: Mutex<LoadState>,
}

#[derive(Clone, Debug, Default)]
pub struct LoadState {
    /// Epoch milliseconds of the last good load.
    pub loaded_at: i64,
    /// Errors of the last failed load; empty after a good one.
    pub errors: Vec<Diagnostic>,
}

impl LiveDirectives {
    /// Loads `dir`; a folder that cannot be read or holds errors is an error
    /// at start-up (there is no previous set to keep serving).
    pub fn load(dir: PathBuf, now_ms: i64) -> anyhow::Result<LiveDirectives> {
        let knowledge = match faq::load_dir(&dir, now_ms / 1000)? {
            Ok(set) => Knowledge::new(set),
            Err(errors) => {
                let list: Vec<String> = errors.errors.iter().map(|d| d.to_string()).collect();
                anyhow::bail!("the directives in {} are invalid:\n{}", dir.display(), list.join("\n"));
            }
        };
        Ok(LiveDirectives {
            current: ArcSwap::from_pointee(knowledge),
            dir,
            state: Mutex::new(LoadState { loaded_at: now_ms, errors: Vec::new() }),
        })
    }

    /// The set in force. Cheap: an atomic load and a reference count.
    pub fn current(&self) -> Arc<Knowledge> {
        self.current.load_full()
    }

    pub fn state(&self) -> LoadState {
        self.state.lock().expect("the load state lock is never poisoned: no code panics while holding it").clone()
    }

    /// Reloads the folder: `Ok(version)` after a swap, `Err(errors)` when
    /// the new files are rejected (the previous set keeps serving).
    pub fn reload(&self, now_ms: i64) -> Result<String, Vec<Diagnostic>> {
        let built = faq::load_dir(&self.dir, now_ms / 1000).map_err(|err| {
            vec![Diagnostic {
                severity: crate::core::directives::Severity::Error,
                file: self.dir.display().to_string(),
                line: 1,
                column: 1,
                message: format!("{err:#}"),
            }]
        })?;
        let mut state = self.state.lock().expect("the load state lock is never poisoned");
        match built {
            Ok(set) => {
                let version = set.version.clone();
                self.current.store(Arc::new(Knowledge::new(set)));
                *state = LoadState { loaded_at: now_ms, errors: Vec::new() };
                Ok(version)
            }
            Err(errors) => {
                state.errors = errors.errors.clone();
                Err(errors.errors)
            }
        }
    }
}
