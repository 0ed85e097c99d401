//! Time from saving a directive file to the first answer from the new
//! version, through `vigie run`'s watcher and the real HTTP API (SQLite,
//! the sample directives): `cargo bench --bench reload`. Ten saves; the
//! median and the slowest. Under `cargo test`, two saves check it still runs.

use std::time::{Duration, Instant};

use serde_json::{Value, json};
use vigie::app::App;
use vigie::clock::Clock;
use vigie::config::Config;

#[path = "../tests/common/mod.rs"]
mod common;

const FROM: &str = "Les animaux de compagnie sont acceptés";

#[tokio::main]
async fn main() {
    let full = std::env::args().any(|a| a == "--bench");
    let faq = common::sample_faq();
    let db = tempfile::tempdir().unwrap();
    let config = Config {
        database_url: format!("sqlite://{}", db.path().join("reload.db").display()),
        faq_dir: faq.path().to_path_buf(),
        http_addr: "127.0.0.1:0".into(),
        ..Config::default()
    };
    let mut app = App::build(&config, Clock::system()).await.unwrap();
    let base = format!("http://{}", app.local_addr().unwrap());
    let (_stop, stopped) = tokio::sync::watch::channel(false);
    let _channels = app.start_channels(&config, stopped).await.unwrap();
    tokio::spawn(app.serve(std::future::pending()));
    let http = reqwest::Client::new();
    let file = faq.path().join("feux-evacuation.toml");
    let mut times = Vec::new();
    let mut previous = FROM.to_string();
    for round in 0..if full { 10 } else { 2 } {
        let marker = format!("Version {round} : les animaux de compagnie sont acceptés");
        let text = std::fs::read_to_string(&file).unwrap().replace(&previous, &marker);
        previous = marker.clone();
        tokio::time::sleep(Duration::from_millis(300)).await;
        let saved = Instant::now();
        std::fs::write(&file, text).unwrap();
        for probe in 0.. {
            let body: Value = http
                .post(format!("{base}/api/chat"))
                .json(&json!({ "conversation": format!("r{round}-{probe}"), "text": "est-ce que je peux amener mon chien?" }))
                .send()
                .await
                .unwrap()
                .json()
                .await
                .unwrap();
            if body["replies"][0]["text"].as_str().unwrap_or_default().starts_with(&marker) {
                times.push(saved.elapsed());
                break;
            }
            assert!(saved.elapsed() < Duration::from_secs(30), "the new version is never served");
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    }
    times.sort();
    println!(
        "reload: saved → first answer from the new version over {} saves: median {:.0} ms, slowest {:.0} ms",
        times.len(),
        times[times.len() / 2].as_secs_f64() * 1000.0,
        times[times.len() - 1].as_secs_f64() * 1000.0
    );
}
