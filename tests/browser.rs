//! A real browser (headless Chromium through chromedriver, driven by
//! fantoccini): a resident asks in the web chat and sees the answer; a
//! moderator signs in to the dashboard, claims and answers; the resident's
//! page shows the reply without a reload. Skipped when chromedriver is not
//! installed (`.ci/run` installs Debian's chromium and chromium-driver).

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use vigie::app::App;
use vigie::clock::Clock;
use vigie::config::Config;
use vigie::store::Role;

struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

async fn browser(port: u16) -> Client {
    let mut caps = serde_json::Map::new();
    caps.insert(
        "goog:chromeOptions".into(),
        serde_json::json!({
            "binary": "/usr/bin/chromium",
            "args": ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                     "--disable-background-networking", "--disable-component-update", "--disable-sync",
                     "--disable-dev-shm-usage", "--window-size=420,860"],
        }),
    );
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        match ClientBuilder::rustls()
            .expect("rustls")
            .capabilities(caps.clone())
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
        {
            Ok(client) => return client,
            Err(err) if Instant::now() < deadline => {
                let _ = err;
                tokio::time::sleep(Duration::from_millis(200)).await;
            }
            Err(err) => panic!("chromedriver did not start: {err}"),
        }
    }
}

/// Waits until `locator`'s text contains `needle`.
async fn wait_for_text(client: &Client, css: &str, needle: &str) -> String {
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let text = match client.find(Locator::Css(css)).await {
            Ok(element) => element.text().await.unwrap_or_default(),
            Err(_) => String::new(),
        };
        if text.contains(needle) {
            return text;
        }
        if Instant::now() >= deadline {
            // A picture of the page helps whoever reads the failure.
            if let Ok(png) = client.screenshot().await {
                let _ = std::fs::write(std::env::temp_dir().join("vigie-browser-failure.png"), png);
            }
            panic!("`{needle}` never appeared in {css}; it holds: {text}");
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

/// Clicks `css`, finding it again if the page re-rendered it meanwhile (the
/// live queue replaces its rows on every event).
async fn click(client: &Client, css: &str) {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let attempt = async { client.find(Locator::Css(css)).await?.click().await };
        match attempt.await {
            Ok(()) => return,
            Err(err) if Instant::now() < deadline => {
                let _ = err;
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            Err(err) => panic!("cannot click {css}: {err}"),
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_resident_and_a_moderator_talk_through_the_web_pages() {
    if !Path::new("/usr/bin/chromedriver").exists() || !Path::new("/usr/bin/chromium").exists() {
        eprintln!("skipped: /usr/bin/chromedriver or /usr/bin/chromium is missing");
        return;
    }
    // Two TLS back ends are linked in (ring and aws-lc-rs, by different
    // crates); the WebDriver client needs one named. Its traffic is plain HTTP.
    let _ = rustls::crypto::ring::default_provider().install_default();
    // Arrange: the service, a moderator, chromedriver.
    let db = tempfile::tempdir().unwrap();
    let config = Config {
        database_url: format!("sqlite://{}", db.path().join("vigie.db").display()),
        faq_dir: Path::new(env!("CARGO_MANIFEST_DIR")).join("faq"),
        http_addr: "127.0.0.1:0".into(),
        ..Config::default()
    };
    let app = App::build(&config, Clock::system()).await.unwrap();
    let base = format!("http://{}", app.local_addr().unwrap());
    let (_, token) = app.state.store.add_moderator("Alice", Role::Moderator, None, None).await.unwrap();
    tokio::spawn(app.serve(std::future::pending()));
    let port = free_port();
    let _driver = Driver(
        Command::new("/usr/bin/chromedriver")
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts"),
    );

    // Act 1: a resident asks in the web chat.
    let resident = browser(port).await;
    resident.goto(&format!("{base}/")).await.unwrap();
    let input = resident.find(Locator::Css("#text")).await.unwrap();
    input.send_keys("Où est le centre d'hébergement?").await.unwrap();
    resident.find(Locator::Css("#send")).await.unwrap().click().await.unwrap();
    // Assert: the official answer and its footer.
    let log = wait_for_text(&resident, "#log", "Marcel-Gagnon").await;
    assert!(log.contains("émise le"), "{log}");

    // A question between two entries: the choices come as buttons; one tap answers.
    let input = resident.find(Locator::Css("#text")).await.unwrap();
    // (The sample set offers return-home and evacuation-order for it; if the
    // matcher grows sure of one, pick another message `vigie ask` clarifies.)
    input.send_keys("l'ordre est-tu levé pour Lac-Vert?").await.unwrap();
    resident.find(Locator::Css("#send")).await.unwrap().click().await.unwrap();
    wait_for_text(&resident, "#log .choices", "Quand pourrons-nous retourner à la maison?").await;
    click(&resident, "#log .choices button").await;
    wait_for_text(&resident, "#log", "secteur par secteur").await;

    // The resident asks for a person.
    let input = resident.find(Locator::Css("#text")).await.unwrap();
    input.send_keys("je veux parler à un humain <b>svp</b>").await.unwrap();
    resident.find(Locator::Css("#send")).await.unwrap().click().await.unwrap();
    wait_for_text(&resident, "#log", "une personne vous répondra").await;
    // Markup typed by a resident is shown as text, never rendered.
    assert!(resident.find(Locator::Css("#log b")).await.is_err());

    // Act 2: a moderator signs in, opens the ticket, claims and answers.
    let moderator = browser(port).await;
    moderator.goto(&format!("{base}/dashboard")).await.unwrap();
    moderator.find(Locator::Css("#token")).await.unwrap().send_keys(&token).await.unwrap();
    moderator.find(Locator::Css("#go")).await.unwrap().click().await.unwrap();
    wait_for_text(&moderator, "#queue", "humain demandé").await;
    click(&moderator, "#queue .ticket").await;
    wait_for_text(&moderator, "#messages", "je veux parler à un humain <b>svp</b>").await;
    click(&moderator, "#claim").await;
    wait_for_text(&moderator, "#result", "claim: ok").await;
    wait_for_text(&moderator, "#queue", "claimed").await;
    moderator.find(Locator::Css("#reply")).await.unwrap().send_keys("Bonjour, ici Alice de la Ville.").await.unwrap();
    click(&moderator, "#send").await;

    wait_for_text(&moderator, "#result", "send: ok").await;
    // Assert: the resident's page shows the reply, without a reload.
    wait_for_text(&resident, "#log", "Bonjour, ici Alice de la Ville.").await;

    resident.close().await.unwrap();
    moderator.close().await.unwrap();
}
