//! The `vigie` command line (contract in DESIGN.md): `ask`, `eval`,
//! `check-faq`, `migrate`, `moderator add`, `purge`.

use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use clap::{Parser, Subcommand};

use crate::clock::Clock;
use crate::config::{Config, parse_age};
use crate::core::{Knowledge, Thresholds, decide, reply};
use crate::store::{Role, Store};
use crate::{eval, faq};

#[derive(Parser, Debug)]
#[command(
    name = "vigie",
    version,
    about = "Answers residents' questions during an incident from the official directives"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// The service: the web chat and the HTTP API (configuration from the
    /// environment or `VIGIE_CONFIG`).
    Run,
    /// Reads one message per line on stdin, writes one decision per line.
    Ask {
        /// The directive folder.
        #[arg(long, default_value = "faq", env = "VIGIE_FAQ_DIR")]
        faq: PathBuf,
        /// One JSON object per line.
        #[arg(long)]
        json: bool,
    },
    /// Validates a directive folder: exit 0 when valid, else the errors and exit 1.
    CheckFaq {
        #[arg(default_value = "faq")]
        dir: PathBuf,
    },
    /// Creates the database if needed and applies the migrations.
    Migrate,
    /// Manages moderators and officials.
    Moderator {
        #[command(subcommand)]
        command: ModeratorCommand,
    },
    /// Erases residents' texts and identifiers older than an age (30d, 12h…),
    /// keeping the counts.
    Purge {
        #[arg(long)]
        older_than: String,
    },
    /// Routing metrics for labelled cases (JSON lines).
    Eval {
        #[arg(long, default_value = "faq")]
        faq: PathBuf,
        cases: PathBuf,
        /// Do not list the misses.
        #[arg(long)]
        quiet: bool,
    },
}

#[derive(Subcommand, Debug)]
pub enum ModeratorCommand {
    /// Adds a moderator; prints the new API token as the last line (shown once).
    Add {
        name: String,
        #[arg(long, value_parser = ["moderator", "official"])]
        role: String,
        #[arg(long)]
        telegram_id: Option<i64>,
        #[arg(long)]
        discord_id: Option<i64>,
    },
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::CheckFaq { dir } => check_faq(&dir),
        Command::Ask { faq, json } => {
            let knowledge = load_knowledge(&faq)?;
            let stdin = std::io::stdin();
            let stdout = std::io::stdout();
            ask(&knowledge, stdin.lock(), stdout.lock(), json)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Run => runtime()?.block_on(async {
            init_logging();
            crate::app::run(Config::load()?).await?;
            Ok(ExitCode::SUCCESS)
        }),
        Command::Migrate => runtime()?.block_on(async {
            let config = Config::load()?;
            Store::connect(&config.database_url, Clock::system()).await?;
            println!("database ready: {}", crate::store::redact(&config.database_url));
            Ok(ExitCode::SUCCESS)
        }),
        Command::Moderator { command: ModeratorCommand::Add { name, role, telegram_id, discord_id } } => runtime()?
            .block_on(async {
                let config = Config::load()?;
                let store = Store::connect(&config.database_url, Clock::system()).await?;
                let role: Role = role.parse()?;
                let (moderator, token) = store.add_moderator(&name, role, telegram_id, discord_id).await?;
                println!(
                    "added {} #{} ({}); their API token, shown once:",
                    moderator.name,
                    moderator.id,
                    role.as_str()
                );
                println!("{token}");
                Ok(ExitCode::SUCCESS)
            }),
        Command::Purge { older_than } => runtime()?.block_on(async {
            let age = parse_age(&older_than)?;
            let config = Config::load()?;
            let store = Store::connect(&config.database_url, Clock::system()).await?;
            let purged = store.purge(store.now_ms() - age).await?;
            println!(
                "purged texts older than {older_than}: {} messages, {} conversations, {} outbox rows",
                purged.messages, purged.conversations, purged.outbox
            );
            Ok(ExitCode::SUCCESS)
        }),
        Command::Eval { faq, cases, quiet } => {
            let knowledge = load_knowledge(&faq)?;
            let text = std::fs::read_to_string(&cases).with_context(|| format!("cannot read {}", cases.display()))?;
            let cases = eval::parse_cases(&text)?;
            let report = eval::evaluate(&knowledge, &cases, &Thresholds::default());
            print!("{}", report.render(!quiet));
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_env("VIGIE_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sqlx=warn"));
    let _ = tracing_subscriber::fmt().with_env_filter(filter).with_target(false).try_init();
}

fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread().enable_all().build().context("cannot start the async runtime")
}

/// Loads a directive folder for `ask` and `eval`: warnings go to stderr, a
/// rejected set is an error naming every problem.
pub fn load_knowledge(dir: &Path) -> anyhow::Result<Knowledge> {
    match faq::load_dir(dir, faq::now_epoch())? {
        Ok(set) => {
            for warning in &set.warnings {
                eprintln!("{warning}");
            }
            Ok(Knowledge::new(set))
        }
        Err(errors) => {
            let list: Vec<String> = errors.errors.iter().map(|d| d.to_string()).collect();
            anyhow::bail!("the directives in {} are invalid:\n{}", dir.display(), list.join("\n"))
        }
    }
}

fn check_faq(dir: &Path) -> anyhow::Result<ExitCode> {
    match faq::load_dir(dir, faq::now_epoch())? {
        Ok(set) => {
            for warning in &set.warnings {
                println!("{warning}");
            }
            println!(
                "ok: {} entries in {} directive file(s), version {}{}",
                set.entries.len(),
                set.directives.len(),
                set.version,
                if set.expired_entries.is_empty() {
                    String::new()
                } else {
                    format!(" ({} expired entries not served)", set.expired_entries.len())
                }
            );
            Ok(ExitCode::SUCCESS)
        }
        Err(errors) => {
            for warning in &errors.warnings {
                println!("{warning}");
            }
            for error in &errors.errors {
                println!("{error}");
            }
            println!("{} error(s): the directive set is rejected", errors.errors.len());
            Ok(ExitCode::from(1))
        }
    }
}

/// One decision per input line. Invalid UTF-8 is decoded lossily (and said on
/// stderr): the message still gets a decision.
pub fn ask(knowledge: &Knowledge, mut input: impl BufRead, mut output: impl Write, json: bool) -> anyhow::Result<()> {
    let thresholds = Thresholds::default();
    let mut line = Vec::new();
    let mut number = 0usize;
    loop {
        line.clear();
        let read = input.read_until(b'\n', &mut line).context("cannot read stdin")?;
        if read == 0 {
            break;
        }
        number += 1;
        while matches!(line.last(), Some(b'\n' | b'\r')) {
            line.pop();
        }
        let text = match std::str::from_utf8(&line) {
            Ok(text) => std::borrow::Cow::Borrowed(text),
            Err(_) => {
                eprintln!("warning: line {number} is not valid UTF-8; invalid bytes replaced");
                String::from_utf8_lossy(&line)
            }
        };
        let decision = decide(knowledge, &text, None, &thresholds);
        if json {
            serde_json::to_writer(&mut output, &decision)?;
            output.write_all(b"\n")?;
        } else {
            let first = reply::replies(knowledge, &decision)
                .into_iter()
                .next()
                .map(|r| r.text.replace('\n', " "))
                .unwrap_or_default();
            writeln!(
                output,
                "{}\t{:.2}\t{}\t{}",
                eval::describe(&decision),
                decision.score,
                decision.lang.code(),
                first
            )?;
        }
        output.flush()?;
    }
    Ok(())
}
