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
    /// Routes the channels serve beside the API (Telegram's webhook).
    pub channel_routes: Option<axum::Router>,
}

impl App {
    pub async fn build(config: &Config, clock: Clock) -> anyhow::Result<App> {
        let store = Store::connect(&config.database_url, clock).await?;
        let directives = Arc::new(LiveDirectives::load(config.faq_dir.clone(), store.now_ms())?);
        crate::core::distress::warm_up();
        let listener = TcpListener::bind(&config.http_addr)
            .await
            .with_context(|| format!("cannot listen on {}", config.http_addr))?;
        crate::live::record(&store, &directives).await?;
        let mut state = AppState::new(store, directives);
        let boards: Vec<(String, String)> =
            [("telegram", &config.telegram_moderator_chat), ("discord", &config.discord_moderator_channel)]
                .into_iter()
                .filter_map(|(platform, chat)| Some((platform.to_string(), chat.as_ref()?.trim().to_string())))
                .collect();
        state.boards = Arc::new(boards);
        Ok(App { state, listener, channel_routes: None })
    }

    pub fn local_addr(&self) -> std::io::Result<std::net::SocketAddr> {
        self.listener.local_addr()
    }

    /// Serves until `shutdown` completes; requests in flight finish first.
    pub async fn serve(self, shutdown: impl std::future::Future<Output = ()> + Send + 'static) -> anyhow::Result<()> {
        // Connection info gives the rate limiter each client's address.
        let mut routes = router(self.state);
        if let Some(extra) = self.channel_routes {
            routes = routes.merge(extra);
        }
        let service = routes.into_make_service_with_connect_info::<std::net::SocketAddr>();
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

/// The platforms' tasks, running until `stop` turns true.
pub struct Channels {
    pub telegram: Option<Arc<crate::channels::telegram::Telegram>>,
    pub discord: Option<Arc<crate::channels::discord::Discord>>,
    pub tasks: Vec<tokio::task::JoinHandle<()>>,
}

impl Channels {
    /// Waits for the tasks to finish once told to stop, each at most
    /// `grace`: each loop finishes the batch it holds, and what it had not
    /// acknowledged comes again.
    pub async fn finish(self, grace: std::time::Duration) {
        for task in self.tasks {
            let _ = tokio::time::timeout(grace, task).await;
        }
    }
}

impl App {
    /// Starts the platforms whose tokens are configured. A platform that
    /// refuses its token is an error: better to stop than to run deaf.
    pub async fn start_channels(
        &mut self,
        config: &Config,
        stop: tokio::sync::watch::Receiver<bool>,
    ) -> anyhow::Result<Channels> {
        let mut channels = Channels { telegram: None, discord: None, tasks: Vec::new() };
        if let Some(settings) = crate::channels::telegram::Settings::from_config(config)? {
            let (telegram, tasks) = crate::channels::telegram::start(
                settings,
                self.state.store.clone(),
                self.state.directives.clone(),
                self.state.events.clone(),
                stop.clone(),
            )
            .await?;
            self.channel_routes = telegram.webhook_router();
            channels.telegram = Some(telegram);
            channels.tasks.extend(tasks);
        }
        if let Some(settings) = crate::channels::discord::Settings::from_config(config)? {
            let (discord, tasks) = crate::channels::discord::start(
                settings,
                self.state.store.clone(),
                self.state.directives.clone(),
                self.state.events.clone(),
                stop.clone(),
            )
            .await?;
            channels.discord = Some(discord);
            channels.tasks.extend(tasks);
        }
        if self.state.store.backend() == crate::store::Backend::Postgres {
            let (url, store, directives) =
                (config.database_url.clone(), self.state.store.clone(), self.state.directives.clone());
            let stop = stop.clone();
            channels.tasks.push(tokio::spawn(async move {
                if let Err(err) = crate::live::follow(url, store, directives, stop).await {
                    tracing::error!(error = %format!("{err:#}"), "other processes' directive reloads are not followed");
                }
            }));
        }
        let (store, directives, boards) =
            (self.state.store.clone(), self.state.directives.clone(), self.state.boards.clone());
        // Watching before returning: a file saved as soon as the channels
        // run is reloaded.
        match crate::live::watch_folder(&directives) {
            Ok(folder) => channels.tasks.push(tokio::spawn(async move {
                if let Err(err) = crate::live::watch(store, directives, boards, folder, stop).await {
                    tracing::error!(error = %format!("{err:#}"), "the directive folder is not watched: reload by hand");
                }
            })),
            Err(err) => {
                tracing::error!(error = %format!("{err:#}"), "the directive folder is not watched: reload by hand");
            }
        }
        Ok(channels)
    }
}

pub async fn run(config: Config) -> anyhow::Result<()> {
    let mut app = App::build(&config, Clock::system()).await?;
    let knowledge = app.state.directives.current();
    let addr = app.local_addr()?;
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let channels = app.start_channels(&config, stopped).await?;
    println!(
        "vigie: directive set {} ({} entries from {}), web chat on http://{addr}/{}",
        knowledge.directive_set.version,
        knowledge.directive_set.entries.len(),
        config.faq_dir.display(),
        match (channels.telegram.is_some(), channels.discord.is_some()) {
            (true, true) => ", Telegram and Discord on",
            (true, false) => ", Telegram on",
            (false, true) => ", Discord on",
            (false, false) => "",
        }
    );
    let shutdown = async move {
        shutdown_signal().await;
        let _ = stop.send(true);
    };
    app.serve(shutdown).await?;
    channels.finish(std::time::Duration::from_secs(15)).await;
    Ok(())
}
