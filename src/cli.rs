//! The command line (clap): no subcommand opens the reader; `export`, `list` and `show`
//! print what the parser made. Renders text for stdout; never touches the terminal's modes.

pub mod store_cmds;

use crate::model::{Article, Corpus, Page};
use crate::render::{self, Format};
use clap::{Parser, Subcommand, ValueEnum};
use serde::Serialize;
use std::fmt::Write as _;
use std::path::PathBuf;

/// gongbao: read 南方工报 in the terminal.
#[derive(Debug, Parser)]
#[command(name = "gongbao", version, about)]
pub struct Cli {
    /// A page file, or a directory whose *.txt files are pages (repeatable). Replaces the
    /// default corpus: the embedded seed pages, the page library and the config's folders.
    #[arg(long = "pages", global = true, value_name = "PATH")]
    pub pages: Vec<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print every page and article.
    Export {
        #[arg(long, value_enum, default_value_t = Format::Json)]
        format: Format,
    },
    /// List articles, grouped by city.
    List {
        /// Only this city (湛江 or 湛江市).
        #[arg(long)]
        city: Option<String>,
        /// Only this union body (台山市总工会).
        #[arg(long)]
        union: Option<String>,
        /// Only the articles not yet read, one a line.
        #[arg(long, conflicts_with = "starred")]
        unread: bool,
        /// Only the starred articles, one a line.
        #[arg(long)]
        starred: bool,
    },
    /// Print one article.
    Show {
        /// The article's id, as `list` prints it.
        id: String,
        #[arg(long, value_enum, default_value_t = Format::Txt)]
        format: Format,
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
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
    /// List the pages in the library.
    Library,
    /// Search the articles: every word is required, "quoted phrases" must occur as typed,
    /// -word leaves articles out, city:湛江 and union:台山市总工会 filter, and so do
    /// date:2025-05, after:2025-01-01 and before:2025-06 (articles whose year is known).
    /// Traditional script finds simplified, and the paper's abbreviations their full forms.
    Search {
        /// What to look for (words may also come as one quoted argument; put a leading
        /// -exclusion inside it, or after `--`).
        #[arg(required = true, num_args = 1..)]
        query: Vec<String>,
        /// Only this city (湛江 or 湛江市).
        #[arg(long)]
        city: Option<String>,
        /// How many hits to print, best first.
        #[arg(long, default_value_t = 10)]
        limit: usize,
        #[arg(long, value_enum, default_value_t = SearchFormat::Text)]
        format: SearchFormat,
        /// Best first (relevance), or newest first (date).
        #[arg(long, value_enum, default_value_t = SearchSort::Relevance)]
        sort: SearchSort,
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
    },
    /// Write a synthetic library of page files made from the seeds (for scale tests).
    #[command(hide = true)]
    Generate {
        /// How many articles in all.
        #[arg(long, default_value_t = 1000)]
        articles: usize,
        /// The folder to write the page files to.
        #[arg(long)]
        out: PathBuf,
        #[arg(long, default_value_t = 6)]
        per_page: usize,
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
}

/// How `search` orders its hits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SearchSort {
    Relevance,
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

/// How `search` prints its hits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SearchFormat {
    Text,
    Json,
}

/// `--format` of `export` and `show` is [`render::Format`].
impl ValueEnum for Format {
    fn value_variants<'a>() -> &'a [Self] {
        &[Format::Json, Format::Md, Format::Txt]
    }

    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        Some(clap::builder::PossibleValue::new(match self {
            Format::Json => "json",
            Format::Md => "md",
            Format::Txt => "txt",
        }))
    }
}

/// Why a command could not do what was asked.
#[derive(Debug, thiserror::Error)]
pub enum CommandError {
    #[error("no article with id {0} (see `gongbao list`)")]
    NoArticle(String),
    #[error("no city named {0} in these pages")]
    NoCity(String),
    #[error("cannot write JSON: {0}")]
    Json(#[from] serde_json::Error),
    #[error("{0}")]
    State(#[from] crate::store::state::StateError),
}

#[derive(Serialize)]
struct Export<'a> {
    pages: &'a [Page],
    articles: &'a [Article],
}

/// `gongbao export`.
///
/// # Errors
/// Only if serialization fails.
pub fn export(corpus: &Corpus, format: Format) -> Result<String, CommandError> {
    Ok(match format {
        Format::Json => render::json(&Export {
            pages: &corpus.pages,
            articles: &corpus.articles,
        })?,
        Format::Md | Format::Txt => {
            let mut out = String::new();
            for (i, page) in corpus.pages.iter().enumerate() {
                let _ = writeln!(out, "{}", page_header(page, format));
                for a in &corpus.articles[corpus.page_articles(i)] {
                    out.push_str(&render::article(a, Some(page), format));
                    out.push('\n');
                }
                if !page.banners.is_empty()
                    || !page.unplaced.is_empty()
                    || !page.warnings.is_empty()
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
    for page in &corpus.pages {
        notes.extend(page.warnings.iter().map(|w| format!("warning: {w}")));
        if !corpus.articles.iter().any(|a| a.page == page.id) {
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
    let page = corpus.page_of(a);
    Ok(match format {
        Format::Json => render::json(&ShownArticle {
            article: a,
            edition: page.and_then(|p| p.edition.as_ref()),
        })?,
        Format::Md => render::markdown_with_citation(a, page),
        Format::Txt => render::article(a, page, format),
    })
}

/// `gongbao list`: articles grouped by city, one line each: id, date, union body, title.
///
/// # Errors
/// When the city named is not in the corpus.
pub fn list(
    corpus: &Corpus,
    city: Option<&str>,
    union: Option<&str>,
) -> Result<String, CommandError> {
    let cities: Vec<_> = match city {
        Some(name) => vec![corpus
            .find_city(name)
            .ok_or_else(|| CommandError::NoCity(name.to_string()))?],
        None => corpus.cities.iter().collect(),
    };
    let mut out = String::new();
    for c in cities {
        let ids: Vec<usize> = c
            .articles
            .iter()
            .copied()
            .filter(|&i| union.is_none_or(|u| corpus.articles[i].union.as_deref() == Some(u)))
            .collect();
        if ids.is_empty() {
            continue;
        }
        let _ = writeln!(out, "{} ({} 篇)", c.name, ids.len());
        for i in ids {
            let _ = writeln!(out, "  {}", article_line(&corpus.articles[i]));
        }
    }
    Ok(out)
}

/// One article in a list: id, date, union body, title.
#[must_use]
pub fn article_line(a: &Article) -> String {
    let date = a
        .date
        .as_ref()
        .map_or_else(String::new, |d| format!("{}月{}日", d.month, d.day));
    format!(
        "{:<24} {:<7} {:<14} {}",
        a.id,
        date,
        a.union.as_deref().unwrap_or("-"),
        a.display_title()
    )
}

#[derive(Serialize)]
struct JsonHit<'a> {
    id: &'a str,
    title: &'a str,
    city: Option<&'a str>,
    union: Option<&'a str>,
    score: f32,
    /// `2024-12-09`, `12-09` when the year is unknown, or null.
    date: Option<String>,
    snippet: &'a str,
}

/// `gongbao search`: hits best first, as text (hits marked with `【】`, or in bold yellow
/// when `color`) or as a JSON list of `{id, title, city, union, score, date, snippet}`.
///
/// # Errors
/// Only if serialization fails.
pub fn search_output(
    results: &crate::search::SearchResults,
    format: SearchFormat,
    color: bool,
) -> Result<String, CommandError> {
    Ok(match format {
        SearchFormat::Json => {
            let hits: Vec<JsonHit<'_>> = results
                .hits
                .iter()
                .map(|h| JsonHit {
                    id: &h.id,
                    title: &h.title,
                    city: h.city.as_deref(),
                    union: h.union.as_deref(),
                    score: h.score,
                    date: crate::search::searcher::date_text(h.date),
                    snippet: &h.snippet.text,
                })
                .collect();
            render::json(&hits)?
        }
        SearchFormat::Text => {
            // Page text reaches the terminal sanitised, piece by piece (the snippet's
            // pieces in `marked`), so that the colours stay.
            let mut out = String::new();
            let _ = writeln!(
                out,
                "{} 篇相符{}",
                results.total,
                if results.total > results.hits.len() {
                    format!("，列出前 {} 篇", results.hits.len())
                } else {
                    String::new()
                }
            );
            let (open, close) = if color {
                ("\x1b[1;33m", "\x1b[0m")
            } else {
                ("【", "】")
            };
            for (i, h) in results.hits.iter().enumerate() {
                let date = crate::search::searcher::date_text(h.date);
                let place = [h.city.as_deref(), h.union.as_deref(), date.as_deref()]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(" · ");
                let line = format!("{}  {}  [{}]", h.title, place, h.id);
                let _ = writeln!(
                    out,
                    "{:>2}. {}  {:.2}",
                    i + 1,
                    crate::text::sanitize_text(&line),
                    h.score
                );
                if !h.snippet.text.is_empty() {
                    let _ = writeln!(out, "    {}", h.snippet.marked(open, close));
                }
            }
            out
        }
    })
}
