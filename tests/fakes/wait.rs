//! What both fakes share: waiting until their state says something.

use std::sync::Mutex;
use std::time::Duration;

use tokio::sync::Notify;

/// Waits until `check` holds for `state`, woken by `changed`, up to
/// `timeout`; returns whether it did.
pub async fn until<S>(
    state: &Mutex<S>,
    changed: &Notify,
    timeout: Duration,
    mut check: impl FnMut(&S) -> bool,
) -> bool {
    let deadline = tokio::time::Instant::now() + timeout;
    loop {
        let notified = changed.notified();
        tokio::pin!(notified);
        notified.as_mut().enable();
        if check(&state.lock().unwrap()) {
            return true;
        }
        if tokio::time::timeout_at(deadline, notified).await.is_err() {
            return check(&state.lock().unwrap());
        }
    }
}
