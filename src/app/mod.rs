//! `vigie run`: configuration, wiring, graceful shutdown.

use std::sync::Arc;

use anyhow::Context;
use tokio::net::TcpListener;

use crate::clock::Clock;
use crate::config::Config;
use crate::live::LiveDirectives;
use crate::store::Store;
use crate::web::{AppState, router};

/// Everything `run` starts, bound and ready (for tests: `spawn_app`).
pub struct App {
    pub state: AppState,
    pub listener: TcpListener,
}

impl App {
    pub async fn build(config: &Config, clock: Clock) -> anyhow::Result<App> {
        let store = Store::connect(&config.database_url, clock).await?;
        let directives = Arc::new(LiveDirectives::load(config.faq_dir.clone(), store.now_ms())?);
        crate::core::distress::warm_up();
        let listener = TcpListener::bind(&config.http_addr)
            .await
            .with_context(|| format!("cannot listen on {}", config.http_addr))?;
        Ok(App { state: AppState::new(store, directives), listener })
    }

    pub fn local_addr(&self) -> std::io::Result<std::net::SocketAddr> {
        self.listener.local_addr()
    }

    /// Serves until `shutdown` completes; requests in flight finish first.
    pub async fn serve(self, shutdown: impl std::future::Future<Output = ()> + Send + 'static) -> anyhow::Result<()> {
        // Connection info gives the rate limiter each client's address.
        let service = router(self.state).into_make_service_with_connect_info::<std::net::SocketAddr>();
        axum::serve(self.listener, service).with_graceful_shutdown(shutdown).await.context("HTTP server failed")
    }
}

/// Resolves on Ctrl-C or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down: finishing requests in flight");
}

pub async fn run(config: Config) -> anyhow::Result<()> {
    let app = App::build(&config, Clock::system()).await?;
    let knowledge = app.state.directives.current();
    let addr = app.local_addr()?;
    println!(
        "vigie: directive set {} ({} entries from {}), web chat on http://{addr}/",
        knowledge.directive_set.version,
        knowledge.directive_set.entries.len(),
        config.faq_dir.display()
    );
    for channel in [("Telegram", &config.telegram_token), ("Discord", &config.discord_token)] {
        if channel.1.is_some() {
            tracing::warn!("{} is configured but its channel is not built yet; it is not started", channel.0);
        }
    }
    app.serve(shutdown_signal()).await
}
