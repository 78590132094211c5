//! The `gongbao` binary: parses the command line, sets up logging, loads the pages, and
//! dispatches to the reader or a subcommand.

use anyhow::{bail, Result};
use clap::Parser;
use gongbao::cli::{self, Cli, Command};
use gongbao::load;
use std::io::Write;

fn main() -> Result<()> {
    let cli = Cli::parse();
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
