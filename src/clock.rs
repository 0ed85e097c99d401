//! Wall-clock time in epoch milliseconds, as a value passed around rather
//! than read from a global, so tests can pause and advance it.
//!
//! `Clock::system()` reads the system clock. `Clock::tokio()` counts from the
//! system time at its creation with tokio's `Instant`, which follows
//! `tokio::time::pause()` and `advance()`: leases and backoffs then move in
//! tests without sleeping.

use std::time::{SystemTime, UNIX_EPOCH};

#[derive(Clone, Debug)]
pub enum Clock {
    System,
    Tokio { base_ms: i64, base: tokio::time::Instant },
}

impl Clock {
    pub fn system() -> Clock {
        Clock::System
    }

    pub fn tokio() -> Clock {
        Clock::Tokio { base_ms: system_ms(), base: tokio::time::Instant::now() }
    }

    /// Epoch milliseconds now.
    pub fn now_ms(&self) -> i64 {
        match self {
            Clock::System => system_ms(),
            Clock::Tokio { base_ms, base } => *base_ms + base.elapsed().as_millis() as i64,
        }
    }
}

fn system_ms() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_millis() as i64).unwrap_or(0)
}
