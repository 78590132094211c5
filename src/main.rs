//! The `gongbao` binary: parses the command line, sets up logging, loads the pages, and
//! dispatches to the reader or a subcommand.

use anyhow::{bail, Context as _, Result};
use clap::Parser;
use gongbao::cli::store_cmds;
use gongbao::cli::{self, Cli, Command};
use gongbao::load;
use gongbao::model::{Corpus, View};
use gongbao::paths::Paths;
use gongbao::render::Format;
use gongbao::store::{config, state::StateStore};
use gongbao::text::sanitize_text;
use std::io::Write;
use std::process::ExitCode;

/// `eprintln!` for every message on standard error: file names and page text in it pass
/// through the sanitiser, so that no escape sequence of theirs reaches the terminal.
macro_rules! say {
    ($($arg:tt)*) => {
        eprintln!("{}", sanitize_text(&format!($($arg)*)))
    };
}

/// The log file, written so that a failure (a full disk) is dropped in silence: tracing's own
/// report of it ("[tracing-subscriber] Unable to write an event...") would go to stderr,
/// over the reader's screen.
struct QuietLog(std::sync::Mutex<std::fs::File>);

/// One event's write to the [`QuietLog`], under its lock.
struct QuietWriter<'a>(std::sync::MutexGuard<'a, std::fs::File>);

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for QuietLog {
    type Writer = QuietWriter<'a>;

    fn make_writer(&'a self) -> QuietWriter<'a> {
        QuietWriter(
            self.0
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner),
        )
    }
}

impl Write for QuietWriter<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        // Whatever happens, the event counts as written: a log that cannot be written is
        // no log, never a message on the screen.
        let _ = self.0.write_all(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        let _ = self.0.flush();
        Ok(())
    }
}

/// Sends tracing events to `gongbao.log` in the data dir (never to the screen, which the
/// reader owns; a log that cannot be written, on a full disk, is dropped in silence).
/// `GONGBAO_LOG` sets the level (error, warn, info, debug, trace; default info). Without a
/// writable data dir there is simply no log.
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
        .with_writer(QuietLog(std::sync::Mutex::new(file)))
        .with_ansi(false)
        .with_max_level(level)
        .try_init();
}

/// Runs the command; every error ends as one line `gongbao: …` on stderr (never a
/// backtrace, whatever `RUST_BACKTRACE` says), with exit code 2 for a mistake in the command
/// line and 1 for what could not be done.
fn main() -> ExitCode {
    let cli = match Cli::try_parse_from(cli::exclusions_as_words(std::env::args_os().collect())) {
        Ok(cli) => cli,
        Err(e) => return clap_error(&e),
    };
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            say!("gongbao: {e:#}");
            let code = e
                .downcast_ref::<cli::CommandError>()
                .map_or(1, cli::CommandError::exit_code);
            ExitCode::from(code)
        }
    }
}

/// What clap says about the command line: help and the version on stdout (exit 0), a
/// mistake as one line, `gongbao: …` with clap's tip and usage, on stderr (exit 2).
fn clap_error(e: &clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) {
        let _ = print_raw(&e.render().to_string());
        return ExitCode::SUCCESS;
    }
    let text = cli::one_line(&e.render().to_string());
    eprintln!("gongbao: {}", sanitize_text(&text));
    ExitCode::from(2)
}

fn run(cli: Cli) -> Result<()> {
    cli.check()?;
    // The completion script and the manual are made from the command line's definition.
    match &cli.command {
        Some(Command::Completions { shell }) => {
            return print_raw(&String::from_utf8_lossy(&cli::completions(*shell)))
        }
        Some(Command::Man) => return print_raw(&String::from_utf8_lossy(&cli::man()?)),
        _ => {}
    }
    // Printing paths or the configuration writes nothing, not even a log.
    if !matches!(cli.command, Some(Command::Paths | Command::Config { .. })) {
        init_logging();
    }
    tracing::info!(version = env!("CARGO_PKG_VERSION"), "gongbao starts");
    if let Some(out) = search_commands(&cli)? {
        // Sanitised where it is built: the hits' text, between the highlight's colours.
        return print_raw(&out);
    }
    let paths = Paths::from_env();
    // The subcommands about what gongbao keeps need no pages.
    match &cli.command {
        Some(Command::Paths) => return print(&store_cmds::paths(&paths?)),
        Some(Command::Config { default: true, .. }) => return print(&store_cmds::config_default()),
        Some(Command::Config { .. }) => {
            let (out, ok) = store_cmds::config_check(&paths?);
            print(&out)?;
            if !ok {
                std::process::exit(1);
            }
            return Ok(());
        }
        Some(Command::Import { paths: sources }) => {
            let paths = paths?;
            let report = store_cmds::import(&paths, sources);
            eprint!("{}", sanitize_text(&report.err));
            print(&report.out)?;
            // Import is the writer: the model and index are ready before it returns, also
            // when every file was there already (an import killed while indexing left its
            // pages copied but not indexed). Nothing changed costs a look at the fingerprint.
            if report.imported > 0 || report.skipped > 0 {
                update_library(&paths, false)?;
            }
            if !report.ok {
                std::process::exit(1);
            }
            return Ok(());
        }
        Some(Command::Library { verify }) => {
            let paths = paths?;
            let (out, err) = store_cmds::library(&paths);
            eprint!("{}", sanitize_text(&err));
            print(&out)?;
            if *verify {
                update_library(&paths, true)?;
            }
            return Ok(());
        }
        _ => {}
    }
    let mut warnings = Vec::new();
    let loaded = paths.as_ref().ok().map(config::load);
    if let Some(l) = &loaded {
        for problem in &l.problems {
            say!("gongbao: warning: {problem}");
            warnings.push(problem.to_string());
        }
    }
    let config = loaded.map(|l| l.config).unwrap_or_default();
    let (mut corpus, index) = corpus(&cli, paths.as_ref().ok(), &config, &mut warnings)?;
    if cli.command.is_some() {
        // A command may print any article's text; the reader reads a body when it opens it.
        corpus.fill_bodies();
    }
    let out = match cli.command {
        None => {
            let state = match &paths {
                Ok(p) => StateStore::open(&p.data).for_corpus(cli.place_key()),
                Err(e) => {
                    warnings.push(e.to_string());
                    StateStore::in_memory()
                }
            };
            let reopen = paths
                .as_ref()
                .ok()
                .map(|p| load::Reopen::new(&cli.pages(), p, &config));
            return Ok(gongbao::tui::run_watched(
                corpus, warnings, &config, state, index, reopen,
            )?);
        }
        Some(Command::Export { format, within, .. }) => {
            let selected = cli::select(&corpus, &within)?;
            nothing_selected(&within, selected.as_deref());
            let out = cli::export(&corpus, format, selected.as_deref())?;
            if format == Format::Json {
                return print_raw(&out);
            }
            out
        }
        Some(Command::List {
            within,
            unread,
            starred,
            format,
            ..
        }) => {
            let selected = cli::select(&corpus, &within)?;
            nothing_selected(&within, selected.as_deref());
            let mut ids = selected.unwrap_or_else(|| (0..corpus.len()).collect());
            if unread || starred {
                let p = paths.context("the reading state")?;
                let state = StateStore::open(&p.data);
                for w in state.warnings() {
                    say!("gongbao: warning: {w}");
                }
                let which = if unread { View::Unread } else { View::Starred };
                let marked = state.view(&corpus, &which);
                ids.retain(|i| marked.binary_search(i).is_ok());
            }
            let out = cli::list(&corpus, &ids, !(unread || starred), format)?;
            if format == Format::Json {
                return print_raw(&out);
            }
            out
        }
        Some(Command::Show { id, format, .. }) if format == Format::Json => {
            return print_raw(&cli::show(&corpus, &id, format)?)
        }
        Some(Command::Show { id, format, .. }) => cli::show(&corpus, &id, format)?,
        Some(Command::Mark {
            ids,
            read,
            unread,
            star,
            unstar,
            ..
        }) => {
            let p = paths.context("the reading state")?;
            let mut state = StateStore::open(&p.data);
            for w in state.warnings() {
                eprintln!("gongbao: warning: {w}");
            }
            let marks = store_cmds::Marks {
                read: (read || unread).then_some(read),
                starred: (star || unstar).then_some(star),
            };
            store_cmds::mark(&corpus, &mut state, &ids, marks)?
        }
        Some(
            Command::Paths
            | Command::Config { .. }
            | Command::Import { .. }
            | Command::Library { .. }
            | Command::Search { .. }
            | Command::Completions { .. }
            | Command::Man
            | Command::Generate { .. },
        ) => String::new(),
    };
    print(&out)
}

/// A city or union body given that names no article of these pages (a city of Guangdong
/// the pages do not mention): said on stderr, the output stays empty.
fn nothing_selected(within: &cli::Within, selected: Option<&[usize]>) {
    if selected.is_some_and(<[usize]>::is_empty) {
        let what = [within.city.as_deref(), within.union.as_deref()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" ");
        say!("gongbao: no article of {what} in these pages");
    }
}

/// `--pages` if given, else the embedded seeds, the library and the config's page folders
/// (see [`load::open_corpus`]). Pages that fail, pages' warnings and pages without an
/// article are printed on stderr and added to `warnings`. Any corpus but the seeds alone has its parsed model cached and its search
/// index in the cache folder; the seeds' index is kept there too, per build of gongbao.
fn corpus(
    cli: &Cli,
    paths: Option<&Paths>,
    config: &config::Config,
    warnings: &mut Vec<String>,
) -> Result<(Corpus, Option<gongbao::search::IndexSpec>)> {
    let pages = cli.pages();
    let opened = load::open_corpus(load::Source::from_args(&pages), paths, config);
    for e in opened.errors {
        say!("gongbao: {e}");
        warnings.push(e);
    }
    // Each --pages that cannot be looked at and the load passed over, named with why.
    for page in &pages {
        let named = format!("{}:", page.display());
        if warnings.iter().any(|w| w.starts_with(&named)) {
            continue;
        }
        if let Some(problem) = cli::path_problem(page) {
            say!("gongbao: {problem}");
            warnings.push(problem);
        }
    }
    if !pages.is_empty() && opened.corpus.pages.is_empty() {
        bail!(
            "no page could be loaded from the {} --pages path(s) given",
            pages.len()
        );
    }
    // Each page's warnings, and the pages in which no article was found.
    for n in cli::page_notes(&opened.corpus) {
        say!("gongbao: {n}");
        warnings.push(n);
    }
    let index = match (&opened.set, paths) {
        (Some(set), _) => Some(gongbao::search::index_spec(set)),
        // The seeds alone: their index of this build of gongbao, kept on disk too.
        (None, Some(p)) => Some(gongbao::search::seeds_spec(p)),
        (None, None) => None,
    };
    Ok((opened.corpus, index))
}

/// Brings the default corpus's parsed model and index up to date (`verify`: reading every
/// page file), saying on stderr what was parsed and indexed.
fn update_library(paths: &Paths, verify: bool) -> Result<()> {
    let loaded = config::load(paths);
    for problem in &loaded.problems {
        say!("gongbao: warning: {problem}");
    }
    let located = load::locate(load::Source::Default, Some(paths), &loaded.config);
    for e in &located.errors {
        say!("gongbao: {e}");
    }
    let progress = gongbao::search::Progress::default();
    let done = with_progress(&progress, "indexing", || {
        gongbao::search::refresh_located(&located, paths, verify, &progress)
    })?;
    let Some(done) = done else {
        return Ok(());
    };
    for e in &done.errors {
        say!("gongbao: {e}");
    }
    if verify {
        say!(
            "gongbao: verified the library: {} page file(s) parsed again",
            done.parsed
        );
    }
    match &done.opened {
        gongbao::search::Opened::Updated(change) if !change.is_empty() => {
            say!("gongbao: {}", change.describe());
        }
        gongbao::search::Opened::Rebuilt { reason, .. } => {
            say!("gongbao: the search index could not be used ({reason}); rebuilt it");
        }
        _ => {}
    }
    Ok(())
}

/// Runs `work`, showing `progress` as a bar on stderr while it runs when stderr is a
/// terminal and there is enough to show (nothing otherwise).
fn with_progress<T>(
    progress: &gongbao::search::Progress,
    label: &str,
    work: impl FnOnce() -> T,
) -> T {
    use std::io::IsTerminal;
    use std::sync::atomic::{AtomicBool, Ordering};
    if !std::io::stderr().is_terminal() {
        return work();
    }
    let stop = AtomicBool::new(false);
    std::thread::scope(|s| {
        s.spawn(|| {
            let bar = indicatif::ProgressBar::hidden();
            bar.set_style(
                indicatif::ProgressStyle::with_template(
                    "{msg} [{bar:30}] {pos}/{len} articles ({eta})",
                )
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
                .progress_chars("=> "),
            );
            bar.set_message(label.to_string());
            while !stop.load(Ordering::Relaxed) {
                let (done, total) = progress.get();
                // Small updates finish before a bar would be worth drawing.
                if total >= 2_000 {
                    if bar.is_hidden() {
                        bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
                    }
                    bar.set_length(total as u64);
                    bar.set_position(done as u64);
                }
                std::thread::sleep(std::time::Duration::from_millis(100));
            }
            bar.finish_and_clear();
        });
        let out = work();
        stop.store(true, Ordering::Relaxed);
        out
    })
}

/// Writes a text output to standard output, sanitised (see [`sanitize_text`]).
fn print(out: &str) -> Result<()> {
    print_raw(&sanitize_text(out))
}

/// Writes an output that is safe as it is (JSON, escaped by its writer; search hits,
/// sanitised around their colours) to standard output. A closed pipe is no error.
fn print_raw(out: &str) -> Result<()> {
    let mut stdout = std::io::stdout().lock();
    if let Err(e) = stdout.write_all(out.as_bytes()) {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            return Err(e.into());
        }
    }
    Ok(())
}

/// `search` and `generate` run before the pages are loaded: `search` on a current index
/// reads no page at all.
fn search_commands(cli: &Cli) -> Result<Option<String>> {
    use gongbao::search;
    use std::io::IsTerminal;
    match &cli.command {
        Some(Command::Search {
            query,
            city,
            limit,
            format,
            sort,
            ..
        }) => {
            // --city as the reader's `c` prompt takes it (zj is 湛江市), among the 21 cities.
            let city = city
                .as_deref()
                .map(|c| gongbao::names::resolve_city(c, None))
                .transpose()
                .map_err(cli::CommandError::from)?;
            let paths = gongbao::paths::Paths::from_env()?;
            let opts = search::SearchOptions {
                limit: *limit,
                city: city.clone(),
                sort: (*sort).into(),
                ..search::SearchOptions::default()
            };
            // Without --pages: the default corpus, with the library and the config's folders.
            let pages = cli.pages();
            let source = load::Source::from_args(&pages);
            let mut config = config::Config::default();
            if source == load::Source::Default {
                let loaded = config::load(&paths);
                for problem in &loaded.problems {
                    say!("gongbao: warning: {problem}");
                }
                config = loaded.config;
            }
            for problem in pages.iter().filter_map(|p| cli::path_problem(p)) {
                say!("gongbao: {problem}");
            }
            let located = load::locate(source, Some(&paths), &config);
            for e in &located.errors {
                say!("gongbao: {e}");
            }
            let mut text = query.join(" ");
            let parsed = search::query::parse(&text);
            // The query's city: and union: as --city and list's --union take them, with
            // the same errors.
            let query_city = parsed
                .city
                .as_deref()
                .map(|c| gongbao::names::resolve_city(c, None))
                .transpose()
                .map_err(cli::CommandError::from)?;
            if let Some(u) = parsed.union.as_deref() {
                let corpus = located.open(Some(&paths)).corpus;
                let within = query_city.as_deref().or(city.as_deref());
                let (_, union) = gongbao::names::resolve_union(u, &corpus, within)
                    .map_err(cli::CommandError::from)?;
                // The last union: of a query is the one it filters by.
                text.push_str(&format!(" union:{union}"));
            }
            for problem in &parsed.problems {
                say!("gongbao: {problem}");
            }
            if parsed.is_empty() && !parsed.has_filter() && city.is_none() {
                return Err(cli::CommandError::Usage(
                    "nothing to search for: give a word or a \"phrase\" (exclusions and filters narrow a search)".to_string(),
                )
                .into());
            }
            let progress = search::Progress::default();
            let found = with_progress(&progress, "indexing", || {
                search::command_search(&located, &paths, &text, &opts, &progress)
            })?;
            for e in &found.errors {
                say!("gongbao: {e}");
            }
            for w in &found.warnings {
                say!("gongbao: warning: {w}");
            }
            if let search::Opened::Updated(change) = &found.opened {
                if !change.is_empty() {
                    say!("gongbao: {}", change.describe());
                }
            }
            if let search::Opened::Rebuilt { reason, moved_to } = &found.opened {
                let aside = moved_to
                    .as_ref()
                    .map_or_else(String::new, |p| format!(", moved to {}", p.display()));
                say!("gongbao: the search index could not be used ({reason}){aside}; rebuilt it");
            }
            // A city with no article at all is said as list and export say it.
            if let (0, Some(c)) = (found.results.total, query_city.as_ref().or(city.as_ref())) {
                let all = search::command_search(
                    &located,
                    &paths,
                    &format!("city:{c}"),
                    &search::SearchOptions {
                        limit: 1,
                        ..search::SearchOptions::default()
                    },
                    &progress,
                )?;
                if all.results.total == 0 {
                    say!("gongbao: no article of {c} in these pages");
                }
            }
            let color = *format == Format::Txt && std::io::stdout().is_terminal();
            Ok(Some(cli::search_output(
                &found.results,
                &found.pages,
                *format,
                color,
            )?))
        }
        Some(Command::Generate {
            articles,
            out,
            per_page,
            seed,
        }) => {
            let stats = gongbao::synth::generate(
                &load::seed_corpus(),
                &gongbao::synth::GenOptions {
                    articles: *articles,
                    out: out.clone(),
                    per_page: *per_page,
                    seed: *seed,
                },
            )?;
            Ok(Some(
                sanitize_text(&format!(
                    "{} pages, {} articles, {} bytes written to {}\n",
                    stats.pages,
                    stats.articles,
                    stats.bytes,
                    out.display()
                ))
                .into_owned(),
            ))
        }
        _ => Ok(None),
    }
}
