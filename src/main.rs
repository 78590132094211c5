//! The `gongbao` binary: parses the command line, sets up logging, loads the pages, and
//! dispatches to the reader or a subcommand.

use anyhow::{bail, Result};
use clap::Parser;
use gongbao::cli::{self, Cli, Command};
use gongbao::load;
use std::io::Write;

/// Sends tracing events to `gongbao.log` in the data dir (never to the screen, which the
/// reader owns). `GONGBAO_LOG` sets the level (error, warn, info, debug, trace; default info).
/// Without a writable data dir there is simply no log.
fn init_logging() {
    let Ok(paths) = gongbao::paths::Paths::from_env() else {
        return;
    };
    if std::fs::create_dir_all(&paths.data).is_err() {
        return;
    }
    let Ok(file) = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(paths.data.join("gongbao.log"))
    else {
        return;
    };
    let level = std::env::var("GONGBAO_LOG")
        .ok()
        .and_then(|l| l.parse::<tracing::Level>().ok())
        .unwrap_or(tracing::Level::INFO);
    let _ = tracing_subscriber::fmt()
        .with_writer(std::sync::Mutex::new(file))
        .with_ansi(false)
        .with_max_level(level)
        .try_init();
}

fn main() -> Result<()> {
    let cli = Cli::parse();
    init_logging();
    tracing::info!(version = env!("CARGO_PKG_VERSION"), "gongbao starts");
    let mut warnings = Vec::new();
    let corpus = if cli.pages.is_empty() {
        load::seed_corpus()
    } else {
        let (corpus, errors) = load::load_corpus(&cli.pages);
        for e in &errors {
            eprintln!("gongbao: {e}");
            warnings.push(e.to_string());
        }
        if corpus.pages.is_empty() {
            bail!("no page could be loaded");
        }
        corpus
    };
    let out = match cli.command {
        None => return Ok(gongbao::tui::run(corpus, warnings)?),
        Some(Command::Export { format }) => cli::export(&corpus, format)?,
        Some(Command::List { city, union }) => {
            cli::list(&corpus, city.as_deref(), union.as_deref())?
        }
        Some(Command::Show { id, format }) => cli::show(&corpus, &id, format)?,
    };
    let mut stdout = std::io::stdout().lock();
    if let Err(e) = stdout.write_all(out.as_bytes()) {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            return Err(e.into());
        }
    }
    Ok(())
}
