//! Configuration: a value built once from the environment and an optional
//! `vigie.toml` (named by `VIGIE_CONFIG`), then passed in. Environment
//! variables win over the file. Directives are data, not configuration: they
//! have their own loader and reload path.

use std::path::PathBuf;

use anyhow::Context;
use serde::Deserialize;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Config {
    pub database_url: String,
    pub faq_dir: PathBuf,
    pub http_addr: String,
    pub telegram_token: Option<String>,
    pub telegram_api_url: Option<String>,
    /// Public HTTPS address Telegram posts updates to; unset: long polling.
    pub telegram_webhook_url: Option<String>,
    pub telegram_moderator_chat: Option<String>,
    pub discord_token: Option<String>,
    pub discord_api_url: Option<String>,
    pub discord_moderator_channel: Option<String>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            database_url: "sqlite://vigie.db".into(),
            faq_dir: PathBuf::from("./faq"),
            http_addr: "127.0.0.1:8080".into(),
            telegram_token: None,
            telegram_api_url: None,
            telegram_webhook_url: None,
            telegram_moderator_chat: None,
            discord_token: None,
            discord_api_url: None,
            discord_moderator_channel: None,
        }
    }
}

/// The keys of `vigie.toml`: the environment variables' names without the
/// `VIGIE_` prefix, in lower case.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    database_url: Option<String>,
    faq_dir: Option<PathBuf>,
    http_addr: Option<String>,
    telegram_token: Option<String>,
    telegram_api_url: Option<String>,
    telegram_webhook_url: Option<String>,
    telegram_moderator_chat: Option<String>,
    discord_token: Option<String>,
    discord_api_url: Option<String>,
    discord_moderator_channel: Option<String>,
}

impl Config {
    /// Reads `VIGIE_CONFIG` (if set) then the `VIGIE_*` variables.
    pub fn load() -> anyhow::Result<Config> {
        Config::from_sources(|name| std::env::var(name).ok().filter(|v| !v.trim().is_empty()))
    }

    /// The same, with the environment given as a function (for tests).
    pub fn from_sources(env: impl Fn(&str) -> Option<String>) -> anyhow::Result<Config> {
        let file = match env("VIGIE_CONFIG") {
            Some(path) => {
                let text = std::fs::read_to_string(&path).with_context(|| format!("cannot read {path}"))?;
                toml::from_str::<File>(&text).with_context(|| format!("invalid configuration file {path}"))?
            }
            None => File::default(),
        };
        let defaults = Config::default();
        let pick = |name: &str, from_file: Option<String>| env(name).or(from_file);
        Ok(Config {
            database_url: pick("VIGIE_DATABASE_URL", file.database_url).unwrap_or(defaults.database_url),
            faq_dir: env("VIGIE_FAQ_DIR").map(PathBuf::from).or(file.faq_dir).unwrap_or(defaults.faq_dir),
            http_addr: pick("VIGIE_HTTP_ADDR", file.http_addr).unwrap_or(defaults.http_addr),
            telegram_token: pick("VIGIE_TELEGRAM_TOKEN", file.telegram_token),
            telegram_api_url: pick("VIGIE_TELEGRAM_API_URL", file.telegram_api_url),
            telegram_webhook_url: pick("VIGIE_TELEGRAM_WEBHOOK_URL", file.telegram_webhook_url),
            telegram_moderator_chat: pick("VIGIE_TELEGRAM_MODERATOR_CHAT", file.telegram_moderator_chat),
            discord_token: pick("VIGIE_DISCORD_TOKEN", file.discord_token),
            discord_api_url: pick("VIGIE_DISCORD_API_URL", file.discord_api_url),
            discord_moderator_channel: pick("VIGIE_DISCORD_MODERATOR_CHANNEL", file.discord_moderator_channel),
        })
    }
}

/// `30d`, `12h`, `90m`, `45s` → milliseconds.
pub fn parse_age(text: &str) -> anyhow::Result<i64> {
    let text = text.trim();
    let split = text.find(|c: char| !c.is_ascii_digit()).unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let n: i64 = number.parse().with_context(|| format!("`{text}` is not an age like 30d, 12h or 90m"))?;
    let unit_ms = match unit {
        "d" => 86_400_000,
        "h" => 3_600_000,
        "m" => 60_000,
        "s" | "" => 1_000,
        other => anyhow::bail!("unknown unit `{other}` in `{text}` (d, h, m or s)"),
    };
    n.checked_mul(unit_ms).context("age too large")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_then_file_then_environment() {
        let none = Config::from_sources(|_| None).unwrap();
        assert_eq!(none, Config::default());

        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("vigie.toml");
        std::fs::write(&file, "database_url = \"postgres://db/vigie\"\nhttp_addr = \"0.0.0.0:80\"\n").unwrap();
        let path = file.display().to_string();
        let config = Config::from_sources(|name| match name {
            "VIGIE_CONFIG" => Some(path.clone()),
            "VIGIE_HTTP_ADDR" => Some("127.0.0.1:9000".into()),
            _ => None,
        })
        .unwrap();
        assert_eq!(config.database_url, "postgres://db/vigie");
        assert_eq!(config.http_addr, "127.0.0.1:9000");

        std::fs::write(&file, "databse_url = 1\n").unwrap();
        let err = Config::from_sources(|name| (name == "VIGIE_CONFIG").then(|| path.clone())).unwrap_err();
        assert!(format!("{err:#}").contains("unknown field `databse_url`"), "{err:#}");
    }

    #[test]
    fn ages() {
        assert_eq!(parse_age("30d").unwrap(), 30 * 86_400_000);
        assert_eq!(parse_age("12h").unwrap(), 12 * 3_600_000);
        assert!(parse_age("soon").is_err());
        assert!(parse_age("3w").is_err());
    }
}
