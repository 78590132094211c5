//! The command line (clap): no subcommand opens the reader; `export`, `list` and `show`
//! print what the parser made. Renders text for stdout; never touches the terminal's modes.
//!
//! Past 600 lines with its tests: the clap definitions and the one grammar they share (city,
//! union, format, the exclusions moved behind `--`) are kept in one place, so that every
//! subcommand reads them alike; `list`, `docs` and `search_output` are already apart.

pub mod docs;
pub mod list;
pub mod search_output;
pub mod store_cmds;

pub use docs::{completions, man};
pub use list::{article_line, list, select};
pub use search_output::search_output;

use crate::model::{Article, Corpus, Page};
use crate::render::{self, Format};
use clap::{Parser, Subcommand, ValueEnum};
use serde::Serialize;
use std::fmt::Write as _;
use std::path::PathBuf;

/// gongbao: read 南方工报 in the terminal. Without a subcommand, opens the reader.
#[derive(Debug, Parser)]
#[command(name = "gongbao", version, about, after_help = AFTER_HELP)]
pub struct Cli {
    #[command(flatten)]
    pub pages: PagesArg,

    #[command(subcommand)]
    pub command: Option<Command>,
}

const AFTER_HELP: &str = "Errors are printed as `gongbao: …`; the exit code is 0 on success, \
1 when something could not be done, 2 for a mistake in the command line.";

/// `--pages`, on the reader and the subcommands that read pages.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct PagesArg {
    /// A page file, or a directory whose *.txt files are pages (repeatable). Replaces the
    /// default corpus: the embedded seed pages, the page library and the config's folders.
    #[arg(long = "pages", value_name = "PATH")]
    pub pages: Vec<PathBuf>,
}

/// `--city` and `--union`, as `list` and `export` take them.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct Within {
    /// Only this city: what the reader's `c` prompt takes (湛江, 湛江市, zhanjiang, zj).
    #[arg(long, value_name = "CITY")]
    pub city: Option<String>,
    /// Only this union body: its name, or a part of it that names only one (台山 is
    /// 台山市总工会; pinyin and initials too).
    #[arg(long, value_name = "UNION")]
    pub union: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print every page and article (of a city or union body with --city, --union).
    Export {
        /// text (or txt), md or json.
        #[arg(long, value_enum, default_value_t = Format::Json)]
        format: Format,
        #[command(flatten)]
        within: Within,
        #[command(flatten)]
        pages: PagesArg,
    },
    /// List articles, grouped by city.
    List {
        #[command(flatten)]
        within: Within,
        /// Only the articles not yet read, one a line.
        #[arg(long, conflicts_with = "starred")]
        unread: bool,
        /// Only the starred articles, one a line.
        #[arg(long)]
        starred: bool,
        /// text (or txt), md or json.
        #[arg(long, value_enum, default_value_t = Format::Txt)]
        format: Format,
        #[command(flatten)]
        pages: PagesArg,
    },
    /// Print one article.
    Show {
        /// The article's id, as `list` prints it.
        id: String,
        /// text (or txt), md (ending with a citation line) or json.
        #[arg(long, value_enum, default_value_t = Format::Txt)]
        format: Format,
        #[command(flatten)]
        pages: PagesArg,
    },
    /// Print where the configuration, the reading state, the page library and the cache live.
    Paths,
    /// Print the default configuration, or check yours.
    #[command(group(clap::ArgGroup::new("what").required(true).args(["default", "check"])))]
    Config {
        /// Print the complete default configuration, every setting commented.
        #[arg(long)]
        default: bool,
        /// Check your config.toml: each problem on one line (file:line: key: message).
        #[arg(long)]
        check: bool,
    },
    /// Copy page files (or the *.txt pages of folders) into the page library, as UTF-8.
    Import {
        /// A page file, or a folder of *.txt pages (several may be given).
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
    /// List the pages in the library.
    Library {
        /// Read every page file of the library and the config's folders and compare it with
        /// the parsed-model cache: a page edited by hand is parsed and indexed again.
        #[arg(long)]
        verify: bool,
    },
    /// Search the articles' full text, best first.
    ///
    /// Every word is required, "quoted phrases" must occur as typed,
    /// -word leaves articles out, city:湛江 and union:台山市总工会 filter, and so do
    /// date:2025-05, after:2025-01-01 and before:2025-06 (articles whose year is known).
    /// Traditional script finds simplified, and the paper's abbreviations their full forms.
    Search {
        /// What to look for: words, "phrases" (quoted for the shell too), -exclusions (as
        /// typed, anywhere among the words) and filters, as separate arguments or one quoted one.
        #[arg(required = true, num_args = 1.., value_name = "QUERY")]
        query: Vec<String>,
        /// Only this city: what the reader's `c` prompt takes (湛江, 湛江市, zhanjiang, zj).
        #[arg(long, value_name = "CITY")]
        city: Option<String>,
        /// How many hits to print, best first (1 or more; 0 is a usage error).
        #[arg(long, default_value_t = 10, value_parser = at_least_one)]
        limit: usize,
        /// text (or txt), md or json.
        #[arg(long, value_enum, default_value_t = Format::Txt)]
        format: Format,
        /// Best first (relevance), or newest first (date).
        #[arg(long, value_enum, default_value_t = SearchSort::Relevance)]
        sort: SearchSort,
        #[command(flatten)]
        pages: PagesArg,
    },
    /// Mark articles read or unread, starred or not, in the reading state the reader uses
    /// (saved under its lock: a reader open at the same time loses nothing).
    #[command(group(clap::ArgGroup::new("marks").required(true).multiple(true)
        .args(["read", "unread", "star", "unstar"])))]
    Mark {
        /// The articles' ids, as `list` prints them.
        #[arg(required = true, value_name = "ID")]
        ids: Vec<String>,
        /// Mark them read.
        #[arg(long, conflicts_with = "unread")]
        read: bool,
        /// Mark them unread.
        #[arg(long)]
        unread: bool,
        /// Star them.
        #[arg(long, conflicts_with = "unstar")]
        star: bool,
        /// Take their stars away.
        #[arg(long)]
        unstar: bool,
        #[command(flatten)]
        pages: PagesArg,
    },
    /// Print a shell completion script (bash, zsh or fish) to standard output.
    Completions {
        /// The shell to complete in.
        #[arg(value_enum)]
        shell: Shell,
    },
    /// Print the manual page (roff) to standard output.
    Man,
    /// Write a synthetic library of page files made from the seeds (for scale tests).
    #[command(hide = true)]
    Generate {
        /// How many articles in all.
        #[arg(long, default_value_t = 1000)]
        articles: usize,
        /// The folder to write the page files to.
        #[arg(long)]
        out: PathBuf,
        /// How many articles on a page.
        #[arg(long, default_value_t = 6)]
        per_page: usize,
        /// The random seed.
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
}

/// The shells `completions` writes for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Shell {
    Bash,
    Zsh,
    Fish,
}

impl Cli {
    /// The pages to read: `--pages` before the subcommand and after it.
    #[must_use]
    pub fn pages(&self) -> Vec<PathBuf> {
        let mut out = self.pages.pages.clone();
        if let Some(PagesArg { pages }) = self.command.as_ref().and_then(Command::pages) {
            out.extend(pages.iter().cloned());
        }
        out
    }

    /// Which corpus the reader's place is kept for: `None` for the default corpus, else the
    /// `--pages` paths in their canonical spelling, one a line (every spelling of a folder
    /// finds the same place).
    #[must_use]
    pub fn place_key(&self) -> Option<String> {
        let pages = self.pages();
        (!pages.is_empty()).then(|| {
            crate::load::canonical_args(&pages)
                .iter()
                .map(|p| p.to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("\n")
        })
    }

    /// A usage mistake clap cannot see: `--pages` given before a subcommand that reads no
    /// pages (`gongbao --pages x paths`).
    ///
    /// # Errors
    /// Naming the subcommand.
    pub fn check(&self) -> Result<(), CommandError> {
        match &self.command {
            Some(c) if c.pages().is_none() && !self.pages.pages.is_empty() => {
                let why = match c {
                    Command::Library { .. } => {
                        "it works on the library's own pages (`gongbao paths` says where)"
                    }
                    Command::Import { .. } => {
                        "it copies the files it is given into the library (`gongbao import DIR`)"
                    }
                    _ => "it reads no pages",
                };
                Err(CommandError::Usage(format!(
                    "--pages is not used by `{}`: {why}",
                    c.name()
                )))
            }
            _ => Ok(()),
        }
    }
}

impl Command {
    /// Its `--pages`, for the subcommands that read pages.
    #[must_use]
    pub fn pages(&self) -> Option<&PagesArg> {
        match self {
            Command::Export { pages, .. }
            | Command::List { pages, .. }
            | Command::Show { pages, .. }
            | Command::Search { pages, .. }
            | Command::Mark { pages, .. } => Some(pages),
            _ => None,
        }
    }

    /// Its name on the command line.
    #[must_use]
    pub fn name(&self) -> &'static str {
        match self {
            Command::Export { .. } => "export",
            Command::List { .. } => "list",
            Command::Show { .. } => "show",
            Command::Paths => "paths",
            Command::Config { .. } => "config",
            Command::Import { .. } => "import",
            Command::Library { .. } => "library",
            Command::Search { .. } => "search",
            Command::Mark { .. } => "mark",
            Command::Completions { .. } => "completions",
            Command::Man => "man",
            Command::Generate { .. } => "generate",
        }
    }
}

/// The command line as clap is to read it, `search`'s exclusions made words: an argument
/// after `search` that opens with one `-` (`-工匠`, `-ABC`) and is no option of it (only
/// `-h` is) is moved after a `--`, so that clap takes it as a query word rather than an
/// unknown option. The query's words do not depend on their order. Any other command line
/// is returned as it is.
#[must_use]
pub fn exclusions_as_words(args: Vec<std::ffi::OsString>) -> Vec<std::ffi::OsString> {
    use clap::CommandFactory as _;
    let top = Cli::command();
    let takes_value = |c: &clap::Command, long: &str| {
        c.get_arguments()
            .any(|a| a.get_long() == Some(long) && a.get_action().takes_values())
    };
    // The subcommand: the first argument that is neither an option nor an option's value.
    let mut at = 1;
    while let Some(a) = args.get(at).and_then(|a| a.to_str()) {
        match a.strip_prefix("--") {
            Some("") => return args,
            Some(long) if !long.contains('=') && takes_value(&top, long) => at += 2,
            _ if a.starts_with('-') => at += 1,
            _ => break,
        }
    }
    let (Some("search"), Some(search)) = (
        args.get(at).and_then(|a| a.to_str()),
        top.find_subcommand("search"),
    ) else {
        return args;
    };
    let mut out: Vec<std::ffi::OsString> = args.iter().take(at + 1).cloned().collect();
    let mut words = Vec::new();
    let mut rest = args.iter().skip(at + 1);
    while let Some(arg) = rest.next() {
        let a = arg.to_str().unwrap_or_default();
        match a.strip_prefix("--") {
            Some("") => {
                words.extend(rest.by_ref().cloned());
            }
            Some(long) => {
                out.push(arg.clone());
                if !long.contains('=') && takes_value(search, long) {
                    out.extend(rest.next().cloned());
                }
            }
            None if a.starts_with('-') && a.len() > 1 && a != "-h" => words.push(arg.clone()),
            None => out.push(arg.clone()),
        }
    }
    if !words.is_empty() {
        out.push("--".into());
        out.extend(words);
    }
    out
}

/// `--limit`: a count of 1 or more (0 would list nothing while the count said hits were
/// found).
fn at_least_one(s: &str) -> Result<usize, String> {
    match s.trim().parse::<usize>() {
        Ok(0) => Err("0 would list no hit: give 1 or more".to_string()),
        Ok(n) => Ok(n),
        Err(e) => Err(format!("not a count ({e})")),
    }
}

/// What is wrong with a path named on the command line, as `PATH: why` (`no such file or
/// directory`, `permission denied`, a folder holding no `*.txt` page), or `None` when it
/// holds pages to read.
#[must_use]
pub fn path_problem(path: &std::path::Path) -> Option<String> {
    let why = match std::fs::metadata(path) {
        Err(e) => crate::error::io_why(&e),
        Ok(m) if m.is_dir() => match crate::load::pages::holds_a_page_file(path) {
            Err(e) => crate::error::io_why(&e),
            Ok(false) => "a folder with no page file (*.txt) in it".to_string(),
            Ok(true) => return None,
        },
        Ok(_) => return None,
    };
    Some(format!("{}: {why}", path.display()))
}

/// How `search` orders its hits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SearchSort {
    /// Best first.
    Relevance,
    /// Newest first, ties by relevance.
    Date,
}

impl From<SearchSort> for crate::search::Sort {
    fn from(s: SearchSort) -> Self {
        match s {
            SearchSort::Relevance => crate::search::Sort::Relevance,
            SearchSort::Date => crate::search::Sort::Date,
        }
    }
}

/// `--format` of every command is [`render::Format`]: `text` (or `txt`), `md`, `json`.
impl ValueEnum for Format {
    fn value_variants<'a>() -> &'a [Self] {
        &[Format::Txt, Format::Md, Format::Json]
    }

    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        Some(match self {
            Format::Json => clap::builder::PossibleValue::new("json").help("JSON"),
            Format::Md => clap::builder::PossibleValue::new("md").help("Markdown"),
            Format::Txt => clap::builder::PossibleValue::new("text")
                .alias("txt")
                .help("plain text"),
        })
    }
}

/// Why a command could not do what was asked.
#[derive(Debug, thiserror::Error)]
pub enum CommandError {
    /// A mistake in the command line clap cannot see (exit code 2).
    #[error("{0}")]
    Usage(String),
    /// A city or union body that names nothing, or several (exit code 2).
    #[error(transparent)]
    Name(#[from] crate::names::NameError),
    #[error("no article with id {0} (see `gongbao list`)")]
    NoArticle(String),
    #[error("cannot write JSON: {0}")]
    Json(#[from] serde_json::Error),
    #[error("{0}")]
    State(#[from] crate::store::state::StateError),
}

impl CommandError {
    /// The exit code: 2 for a mistake in the command line, 1 for what could not be done.
    #[must_use]
    pub fn exit_code(&self) -> u8 {
        match self {
            CommandError::Usage(_) | CommandError::Name(_) => 2,
            _ => 1,
        }
    }
}

#[derive(Serialize)]
struct Export<'a> {
    pages: Vec<&'a Page>,
    articles: Vec<&'a Article>,
}

/// `gongbao export`: every page and article, or (`selected`, from `--city` / `--union`)
/// those articles and the pages they are printed on, without what belongs to no article.
///
/// # Errors
/// Only if serialization fails.
pub fn export(
    corpus: &Corpus,
    format: Format,
    selected: Option<&[usize]>,
) -> Result<String, CommandError> {
    let chosen = |i: usize| selected.is_none_or(|s| s.binary_search(&i).is_ok());
    let pages: Vec<usize> = (0..corpus.pages.len())
        .filter(|&p| selected.is_none() || corpus.page_articles(p).any(chosen))
        .collect();
    Ok(match format {
        Format::Json => {
            let page_list: Vec<&Page> = pages.iter().filter_map(|&p| corpus.pages.get(p)).collect();
            let whole: Vec<std::borrow::Cow<'_, Article>> = (0..corpus.len())
                .filter(|&i| chosen(i))
                .filter_map(|i| corpus.whole(i))
                .collect();
            render::json(&Export {
                pages: page_list,
                articles: whole.iter().map(AsRef::as_ref).collect(),
            })?
        }
        Format::Md | Format::Txt => {
            let mut out = String::new();
            for i in pages {
                let Some(page) = corpus.pages.get(i) else {
                    continue;
                };
                let _ = writeln!(out, "{}", page_header(page, format));
                let whole = corpus.whole_page(i);
                let first = corpus.page_articles(i).start;
                for a in corpus.page_articles(i).filter(|&a| chosen(a)) {
                    let Some(article) = whole.get(a - first) else {
                        continue;
                    };
                    out.push_str(&render::article(article, Some(page), format));
                    out.push('\n');
                }
                if selected.is_none()
                    && (!page.banners.is_empty()
                        || !page.unplaced.is_empty()
                        || !page.warnings.is_empty())
                {
                    out.push_str(&page_extras(page, format));
                }
            }
            out
        }
    })
}

fn page_header(page: &Page, format: Format) -> String {
    match format {
        Format::Md => format!("# {}\n", page_title(page)),
        _ => format!("=== {} ({}) ===\n", page_title(page), page.source),
    }
}

/// A page's heading in the text and Markdown exports: its edition (`2025年5月30日 第4版
/// 工会`) and id, or `版面 <id>`.
fn page_title(page: &Page) -> String {
    match &page.edition {
        Some(_) => format!("{} · {}", page.dated_name(), page.id),
        None => format!("版面 {}", page.id),
    }
}

fn page_extras(page: &Page, format: Format) -> String {
    let mut out = String::new();
    let bullet = if format == Format::Md { "- " } else { "  " };
    if !page.banners.is_empty() {
        let _ = writeln!(out, "版面标语:");
        for b in &page.banners {
            let _ = writeln!(out, "{bullet}{b}");
        }
    }
    if !page.unplaced.is_empty() {
        let _ = writeln!(out, "未归属文字:");
        for u in &page.unplaced {
            let _ = writeln!(out, "{bullet}{u}");
        }
    }
    if !page.warnings.is_empty() {
        let _ = writeln!(out, "读取提示:");
        for w in &page.warnings {
            let _ = writeln!(out, "{bullet}{w}");
        }
    }
    out.push('\n');
    out
}

/// What the command line says on stderr about the loaded pages: each page's warnings (broken
/// bytes, control characters), and each page in which no article was found (with every
/// page of `corpus` holding none, one line more says so).
#[must_use]
pub fn page_notes(corpus: &Corpus) -> Vec<String> {
    let mut notes = Vec::new();
    let mut without = 0;
    for (i, page) in corpus.pages.iter().enumerate() {
        notes.extend(page.warnings.iter().map(|w| format!("warning: {w}")));
        if std::ops::Range::is_empty(&corpus.page_articles(i)) {
            without += 1;
            notes.push(format!(
                "{}: no article found (no line opens with a lead such as 本报讯); its text is kept as the page's unplaced text",
                page.source
            ));
        }
    }
    if without > 0 && without == corpus.pages.len() {
        notes.push(format!(
            "none of the {without} page(s) loaded holds an article"
        ));
    }
    notes
}

/// `show --format json`: the article, and the edition of its page (null without one).
#[derive(Serialize)]
struct ShownArticle<'a> {
    #[serde(flatten)]
    article: &'a Article,
    edition: Option<&'a crate::model::Edition>,
}

/// `gongbao show ID`.
///
/// # Errors
/// When no article has that id.
pub fn show(corpus: &Corpus, id: &str, format: Format) -> Result<String, CommandError> {
    let a = corpus
        .article(id)
        .ok_or_else(|| CommandError::NoArticle(id.to_string()))?;
    let page = corpus.page_of(&a);
    Ok(match format {
        Format::Json => render::json(&ShownArticle {
            article: &a,
            edition: page.and_then(|p| p.edition.as_ref()),
        })?,
        Format::Md => render::markdown_with_citation(&a, page),
        Format::Txt => render::article(&a, page, format),
    })
}

/// clap's message about a mistake on the command line as one line: the message, its
/// continuation lines and tips joined, then the usage it shows (`unexpected argument '--unrea'
/// found; a similar argument exists: '--unread' (usage: gongbao list --unread; more with
/// --help)`).
#[must_use]
pub fn one_line(clap_text: &str) -> String {
    let text = clap_text.strip_prefix("error: ").unwrap_or(clap_text);
    let mut parts: Vec<String> = Vec::new();
    let mut usage = None;
    for line in text.lines() {
        let t = line.trim();
        if t.is_empty() || t.starts_with("For more information") {
            continue;
        }
        if let Some(u) = t.strip_prefix("Usage: ") {
            usage = Some(u.to_string());
        } else if let Some(tip) = t.strip_prefix("tip: ") {
            parts.push(format!("; {tip}"));
        } else if parts.is_empty() {
            parts.push(t.to_string());
        } else {
            parts.push(format!(" {t}"));
        }
    }
    let mut out = parts.concat();
    match usage {
        Some(u) => out.push_str(&format!(" (usage: {u}; more with --help)")),
        None => out.push_str(" (more with --help)"),
    }
    out
}
