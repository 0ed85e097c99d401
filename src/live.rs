//! The directive set in force, and its reload: the file watcher, the reload
//! endpoint, the dashboard's restore and the moderators' `/reload` all go
//! through [`reload`].
//!
//! A reload builds a whole new [`Knowledge`] and swaps it in atomically:
//! decisions in flight finish on the set they started with. A reload that
//! fails replaces nothing, keeps its errors for `GET /api/directives`, logs
//! them and tells the moderators' chats. Every set that was served is kept
//! (its files) in the database: the dashboard lists them and can restore one.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use anyhow::Context;
use arc_swap::ArcSwap;
use tokio::sync::watch;

use crate::core::Knowledge;
use crate::core::directives::{Diagnostic, Source};
use crate::faq;
use crate::store::{NewOutbox, Store};

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
    /// The files of the set in force.
    pub sources: Vec<Source>,
}

impl LiveDirectives {
    /// Loads `dir`; a folder that cannot be read or holds errors is an error
    /// at start-up (there is no previous set to keep serving).
    pub fn load(dir: PathBuf, now_ms: i64) -> anyhow::Result<LiveDirectives> {
        let (sources, built) = faq::load_dir_with_sources(&dir, now_ms / 1000)?;
        let knowledge = match built {
            Ok(set) => Knowledge::new(set),
            Err(errors) => {
                let list: Vec<String> = errors.errors.iter().map(|d| d.to_string()).collect();
                anyhow::bail!("the directives in {} are invalid:\n{}", dir.display(), list.join("\n"));
            }
        };
        Ok(LiveDirectives {
            current: ArcSwap::from_pointee(knowledge),
            dir,
            state: Mutex::new(LoadState { loaded_at: now_ms, errors: Vec::new(), sources }),
        })
    }

    /// The set in force. Cheap: an atomic load and a reference count.
    pub fn current(&self) -> Arc<Knowledge> {
        self.current.load_full()
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn state(&self) -> LoadState {
        self.state.lock().expect("the load state lock is never poisoned: no code panics while holding it").clone()
    }

    /// Reloads the folder: `Ok(version)` after a swap, `Err(errors)` when
    /// the new files are rejected (the previous set keeps serving).
    pub fn reload(&self, now_ms: i64) -> Result<String, Vec<Diagnostic>> {
        let (sources, built) = faq::load_dir_with_sources(&self.dir, now_ms / 1000).map_err(|err| {
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
                *state = LoadState { loaded_at: now_ms, errors: Vec::new(), sources };
                Ok(version)
            }
            Err(errors) => {
                state.errors = errors.errors.clone();
                Err(errors.errors)
            }
        }
    }
}

impl LiveDirectives {
    /// Builds `sources` (another process's version, from the database) and
    /// swaps them in; the folder is not touched.
    pub fn install(&self, sources: Vec<Source>, now_ms: i64) -> Result<String, Vec<Diagnostic>> {
        let set = crate::core::directives::DirectiveSet::build(&sources, now_ms / 1000).map_err(|e| e.errors)?;
        let version = set.version.clone();
        let mut state = self.state.lock().expect("the load state lock is never poisoned");
        self.current.store(Arc::new(Knowledge::new(set)));
        *state = LoadState { loaded_at: now_ms, errors: Vec::new(), sources };
        Ok(version)
    }
}

/// The moderators' chats (platform, chat id), told when directives are rejected.
pub type Boards = Arc<Vec<(String, String)>>;

/// Reloads, records the new version, and on failure tells the log and the
/// moderators' chats. `why` says what asked (a saved file, an official).
pub async fn reload(
    store: &Store,
    directives: &LiveDirectives,
    boards: &Boards,
    why: &str,
) -> Result<String, Vec<Diagnostic>> {
    let result = directives.reload(store.now_ms());
    match &result {
        Ok(version) => {
            tracing::info!(version = %version, why, "directives reloaded");
            if let Err(err) = record(store, directives).await {
                tracing::warn!(error = %format!("{err:#}"), "cannot record the directive version");
            } else if let Err(err) = store.announce_version(version).await {
                tracing::warn!(error = %err, "cannot tell the other processes about the new directives");
            }
        }
        Err(errors) => {
            for error in errors {
                tracing::warn!(why, "directive rejected: {error}");
            }
            let mut text = format!(
                "⚠️ Consignes refusées · Directives rejected ({why}); the previous set keeps serving.\n{}",
                errors.iter().take(10).map(|e| e.to_string()).collect::<Vec<_>>().join("\n")
            );
            if errors.len() > 10 {
                text.push_str(&format!("\n… {} more", errors.len() - 10));
            }
            if let Err(err) = tell_boards(store, boards, &text).await {
                tracing::warn!(error = %format!("{err:#}"), "cannot tell the moderators about the rejected directives");
            }
        }
    }
    result
}

/// Keeps the files of the set in force, once per version.
pub async fn record(store: &Store, directives: &LiveDirectives) -> anyhow::Result<()> {
    let knowledge = directives.current();
    let state = directives.state();
    let files: Vec<serde_json::Value> =
        state.sources.iter().map(|s| serde_json::json!({ "file": s.file, "text": s.text })).collect();
    store
        .record_version(
            &knowledge.directive_set.version,
            i64::try_from(knowledge.directive_set.entries.len()).unwrap_or(i64::MAX),
            &serde_json::Value::Array(files).to_string(),
        )
        .await?;
    Ok(())
}

/// Puts the files of an earlier `version` back in the directive folder
/// (other `*.toml` files are removed: they belong to later versions, which
/// are kept too), then reloads.
pub async fn restore(
    store: &Store,
    directives: &LiveDirectives,
    boards: &Boards,
    version: &str,
) -> anyhow::Result<Result<String, Vec<Diagnostic>>> {
    let files = store.version_files(version).await?.with_context(|| format!("no version {version} is recorded"))?;
    let files: Vec<serde_json::Value> = serde_json::from_str(&files).context("the recorded files are damaged")?;
    let dir = directives.dir();
    let mut keep = Vec::new();
    for file in &files {
        let name = file["file"].as_str().context("a recorded file has no name")?;
        // Names come from a folder listing; refuse anything that would leave it.
        if name.contains('/') || name.contains('\\') || name.starts_with('.') || !name.ends_with(".toml") {
            anyhow::bail!("refusing to write the recorded file `{name}`");
        }
        let text = file["text"].as_str().unwrap_or_default();
        let path = dir.join(name);
        let temporary = dir.join(format!(".{name}.restoring"));
        std::fs::write(&temporary, text).with_context(|| format!("cannot write {}", temporary.display()))?;
        std::fs::rename(&temporary, &path).with_context(|| format!("cannot write {}", path.display()))?;
        keep.push(name.to_string());
    }
    for entry in std::fs::read_dir(dir)?.filter_map(Result::ok) {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.ends_with(".toml") && !keep.contains(&name) {
            std::fs::remove_file(entry.path()).with_context(|| format!("cannot remove {name}"))?;
        }
    }
    Ok(reload(store, directives, boards, &format!("restore of {version}")).await)
}

async fn tell_boards(store: &Store, boards: &Boards, text: &str) -> anyhow::Result<()> {
    if boards.is_empty() {
        return Ok(());
    }
    let mut tx = store.begin().await?;
    for (platform, chat) in boards.iter() {
        let notice = NewOutbox {
            conversation_id: None,
            platform: platform.clone(),
            chat_id: chat.clone(),
            kind: "notice".into(),
            text: text.to_string(),
            payload: None,
        };
        store.enqueue(&mut tx, &notice).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// A watch on the directive folder, registered before [`watch`] runs: a
/// file saved once the channels have started is never missed, and one saved
/// between the first load and the watch is caught up once.
pub struct FolderWatch {
    _watcher: notify::RecommendedWatcher,
    changes: tokio::sync::mpsc::UnboundedReceiver<()>,
}

/// Starts watching the directive folder now (the events wait for [`watch`]).
pub fn watch_folder(directives: &LiveDirectives) -> anyhow::Result<FolderWatch> {
    use notify::Watcher;
    let (changed, changes) = tokio::sync::mpsc::unbounded_channel::<()>();
    let catch_up = changed.clone();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if event.is_ok_and(|e| !e.kind.is_access()) {
            let _ = changed.send(());
        }
    })
    .context("cannot watch the directive folder")?;
    watcher
        .watch(directives.dir(), notify::RecursiveMode::NonRecursive)
        .with_context(|| format!("cannot watch {}", directives.dir().display()))?;
    // Saved after the set in force was read, before the watch began.
    let on_disk = faq::read_sources(directives.dir()).map(|(sources, errors)| (sources, errors.is_empty()));
    let in_force = directives.state().sources;
    if !matches!(on_disk, Ok((sources, true)) if sources == in_force) {
        let _ = catch_up.send(());
    }
    Ok(FolderWatch { _watcher: watcher, changes })
}

/// Follows the folder's changes until `stop`: a change (debounced: editors
/// write in several steps) is reloaded within about half a second; a
/// directive's expiry also rebuilds the set, so that it stops being served
/// on time.
pub async fn watch(
    store: Store,
    directives: Arc<LiveDirectives>,
    boards: Boards,
    folder: FolderWatch,
    mut stop: watch::Receiver<bool>,
) -> anyhow::Result<()> {
    let FolderWatch { _watcher, mut changes } = folder;
    tracing::info!(dir = %directives.dir().display(), "watching the directives");
    loop {
        let now = store.now_ms();
        let expiry = directives.current().directive_set.next_expiry(now / 1000);
        let until_expiry = expiry.map_or(Duration::from_secs(3600), |at| {
            Duration::from_millis(u64::try_from(at * 1000 - now).unwrap_or(0) + 10)
        });
        tokio::select! {
            _ = stop.changed() => return Ok(()),
            change = changes.recv() => {
                if change.is_none() {
                    return Ok(());
                }
                // Let the editor finish: one reload for a burst of events.
                while let Ok(Some(())) = tokio::time::timeout(DEBOUNCE, changes.recv()).await {}
                let _ = reload(&store, &directives, &boards, "a file was saved").await;
            }
            () = tokio::time::sleep(until_expiry) => {
                if expiry.is_some() {
                    let _ = reload(&store, &directives, &boards, "a directive expired").await;
                }
            }
        }
    }
}

/// How long the folder must stay quiet before a reload.
const DEBOUNCE: Duration = Duration::from_millis(250);

/// The PostgreSQL channel on which a process announces the version it loaded.
pub const VERSION_CHANNEL: &str = "vigie_directives";

/// Follows the versions other processes load (PostgreSQL `LISTEN`) until
/// `stop`: a version this process does not serve is read from the database
/// (its files were recorded) and swapped in. The folder is not needed: a
/// process on another machine follows as well.
pub async fn follow(
    database_url: String,
    store: Store,
    directives: Arc<LiveDirectives>,
    mut stop: watch::Receiver<bool>,
) -> anyhow::Result<()> {
    let mut listener =
        sqlx::postgres::PgListener::connect(&database_url).await.context("cannot listen for directive versions")?;
    listener.listen(VERSION_CHANNEL).await.context("cannot listen for directive versions")?;
    loop {
        let notification = tokio::select! {
            _ = stop.changed() => return Ok(()),
            notification = listener.recv() => notification,
        };
        let version = match notification {
            Ok(n) => n.payload().to_string(),
            Err(err) => {
                // The listener reconnects by itself on the next `recv`.
                tracing::warn!(error = %err, "directive announcements interrupted");
                tokio::time::sleep(Duration::from_secs(1)).await;
                continue;
            }
        };
        if directives.current().directive_set.version == version {
            continue;
        }
        let files = match store.version_files(&version).await {
            Ok(Some(files)) => files,
            Ok(None) => continue,
            Err(err) => {
                tracing::warn!(error = %err, version = %version, "cannot read an announced directive version");
                continue;
            }
        };
        let sources: Vec<Source> = match serde_json::from_str::<Vec<serde_json::Value>>(&files) {
            Ok(files) => files
                .iter()
                .map(|f| Source {
                    file: f["file"].as_str().unwrap_or_default().to_string(),
                    text: f["text"].as_str().unwrap_or_default().to_string(),
                })
                .collect(),
            Err(err) => {
                tracing::warn!(error = %err, version = %version, "an announced directive version is damaged");
                continue;
            }
        };
        match directives.install(sources, store.now_ms()) {
            Ok(installed) => tracing::info!(version = %installed, "directives loaded by another process, followed"),
            Err(errors) => {
                tracing::warn!(version = %version, errors = errors.len(), "an announced version does not build here")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folder() -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(
            dir.path().join("a.toml"),
            "[directive]\ntitle = \"t\"\nissued_by = \"b\"\nissued_at = 2026-04-18T14:00:00-04:00\n\n[[entry]]\nid = \"a\"\nquestions.fr = [\"a?\"]\nquestions.en = [\"a?\"]\nanswer.fr = \"a\"\nanswer.en = \"a\"\n",
        )
        .unwrap();
        dir
    }

    #[tokio::test]
    async fn a_file_saved_before_the_watch_began_is_caught_up_once() {
        let dir = folder();
        let directives = LiveDirectives::load(dir.path().to_path_buf(), 0).unwrap();
        // Unchanged since the load: nothing to catch up.
        let mut folder_watch = watch_folder(&directives).unwrap();
        assert!(folder_watch.changes.try_recv().is_err());
        // Saved after the load, before the watch.
        std::fs::write(dir.path().join("b.toml"), "[directive]\n").unwrap();
        let mut folder_watch = watch_folder(&directives).unwrap();
        assert!(folder_watch.changes.try_recv().is_ok());
    }
}
