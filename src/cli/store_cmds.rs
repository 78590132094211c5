//! The subcommands about what gongbao keeps: `paths`, `config --default|--check`, `import`,
//! `library`, `list --unread|--starred` and `mark`. Each renders text for stdout (and messages for
//! stderr); none touches the terminal's modes.

use crate::model::Corpus;
use crate::paths::Paths;
use crate::store::config::{self, DEFAULT_CONFIG};
use crate::store::library::{self, Outcome};
use crate::store::state::{StateStore, STATE_FILE};
use std::fmt::Write as _;
use std::path::PathBuf;
use unicode_width::UnicodeWidthStr as _;

/// `gongbao paths`: one table, aligned: what, where, and whether it is there yet.
#[must_use]
pub fn paths(p: &Paths) -> String {
    let config_file = p.config.join(config::CONFIG_FILE);
    let rows: [(&str, PathBuf); 8] = [
        ("config folder", p.config.clone()),
        ("config file", config_file),
        ("data folder", p.data.clone()),
        ("reading state", p.data.join(STATE_FILE)),
        ("page library", library::dir(p)),
        ("log", p.data.join(LOG_FILE)),
        ("cache folder", p.cache.clone()),
        ("search cache", p.cache.join("search")),
    ];
    let shown: Vec<(&str, String, &str)> = rows
        .iter()
        .map(|(what, path)| {
            let note = if path.exists() { "" } else { "not there yet" };
            (*what, path.display().to_string(), note)
        })
        .collect();
    let what_w = shown.iter().map(|r| r.0.width()).max().unwrap_or(0);
    let where_w = shown.iter().map(|r| r.1.width()).max().unwrap_or(0);
    let mut out = String::new();
    for (what, path, note) in shown {
        let line = format!(
            "{what}{}  {path}{}  {note}",
            " ".repeat(what_w - what.width()),
            " ".repeat(where_w - path.width())
        );
        let _ = writeln!(out, "{}", line.trim_end());
    }
    out
}

/// The log file's name in the data dir.
pub const LOG_FILE: &str = "gongbao.log";

/// `gongbao config --default`.
#[must_use]
pub fn config_default() -> String {
    DEFAULT_CONFIG.to_string()
}

/// `gongbao config --check`: the report and whether the file is free of problems.
#[must_use]
pub fn config_check(p: &Paths) -> (String, bool) {
    let loaded = config::load(p);
    let mut out = String::new();
    if !loaded.found {
        let _ = writeln!(
            out,
            "{}: not there; the defaults are in force (`gongbao config --default` prints them)",
            loaded.file.display()
        );
        return (out, true);
    }
    for problem in &loaded.problems {
        let _ = writeln!(out, "{problem}");
    }
    if loaded.problems.is_empty() {
        let _ = writeln!(out, "{}: ok", loaded.file.display());
    }
    (out, loaded.problems.is_empty())
}

/// What `gongbao import` reports: lines for stdout, lines for stderr, and whether every
/// path was there and every file imported or skipped as a duplicate (as `cp` does, the
/// rest is imported and the exit code says something was not).
#[derive(Debug, Default)]
pub struct Report {
    pub out: String,
    pub err: String,
    pub ok: bool,
    /// How many pages were added to the library.
    pub imported: usize,
    /// How many were there already.
    pub skipped: usize,
}

/// `gongbao import PATH...`.
#[must_use]
pub fn import(p: &Paths, sources: &[PathBuf]) -> Report {
    let mut r = Report {
        ok: true,
        ..Report::default()
    };
    // A path that is not there is named, not passed over as an empty folder, and counted.
    let mut present = Vec::with_capacity(sources.len());
    let mut missing = 0;
    for source in sources {
        match super::path_problem(source) {
            Some(problem) => {
                let _ = writeln!(r.err, "gongbao: {problem}");
                r.ok = false;
                missing += 1;
            }
            None => present.push(source.clone()),
        }
    }
    if present.is_empty() {
        return r;
    }
    let outcomes = match library::import(p, &present) {
        Ok(o) => o,
        Err(e) => {
            let _ = writeln!(r.err, "gongbao: {e}");
            r.ok = false;
            return r;
        }
    };
    let (mut imported, mut skipped, mut refused) = (0, 0, 0);
    for o in outcomes {
        match o {
            Outcome::Imported {
                from,
                to,
                encoding,
                articles,
            } => {
                imported += 1;
                let from_enc = if encoding == "UTF-8" {
                    String::new()
                } else {
                    format!(", {encoding} → UTF-8")
                };
                let _ = writeln!(
                    r.out,
                    "imported {} → {} ({articles} 篇{from_enc})",
                    from.display(),
                    to.display()
                );
            }
            Outcome::Duplicate { from, of } => {
                skipped += 1;
                let _ = writeln!(r.out, "skipped {}: same page as {of}", from.display());
            }
            Outcome::Refused { reason, .. } => {
                refused += 1;
                r.ok = false;
                let _ = writeln!(r.err, "gongbao: refused {reason}");
            }
        }
    }
    r.imported = imported;
    r.skipped = skipped;
    let duplicates = if skipped == 1 {
        "duplicate"
    } else {
        "duplicates"
    };
    let not_found = if missing > 0 {
        format!(", {missing} not found")
    } else {
        String::new()
    };
    let _ = writeln!(
        r.out,
        "{imported} imported, {skipped} {duplicates} skipped, {refused} refused{not_found}; library: {}",
        library::dir(p).display()
    );
    r
}

/// `gongbao library`: one page file a line (name, articles, size, first title).
#[must_use]
pub fn library(p: &Paths) -> (String, String) {
    let entries = library::list(p);
    let mut out = String::new();
    let mut err = String::new();
    if entries.is_empty() {
        let _ = writeln!(
            err,
            "the library ({}) is empty; add pages with `gongbao import PATH...`",
            library::dir(p).display()
        );
    }
    for e in entries {
        let name = e
            .path
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        let pad = " ".repeat(32usize.saturating_sub(name.width()));
        match e.articles {
            Ok(n) => {
                let _ = writeln!(
                    out,
                    "{name}{pad} {n:>3} 篇 {:>8} B  {}",
                    e.bytes,
                    e.first_title.unwrap_or_default()
                );
            }
            Err(why) => {
                let _ = writeln!(out, "{name}{pad}   ? 篇 {:>8} B  ({why})", e.bytes);
            }
        }
    }
    (out, err)
}

/// What `gongbao mark` sets: read or unread, starred or not (`None` leaves it).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Marks {
    pub read: Option<bool>,
    pub starred: Option<bool>,
}

/// `gongbao mark ID... --read|--unread --star|--unstar`: sets the marks in the reading state
/// (saved under its lock, merged with a reader open at the same time) and prints each
/// article's marks after. Every id is checked first: one unknown id marks none.
///
/// # Errors
/// An unknown id, or a state that cannot be saved.
pub fn mark(
    corpus: &Corpus,
    state: &mut StateStore,
    ids: &[String],
    marks: Marks,
) -> Result<String, super::CommandError> {
    if let Some(bad) = ids.iter().find(|id| corpus.article(id).is_none()) {
        return Err(super::CommandError::NoArticle(bad.clone()));
    }
    for id in ids {
        if let Some(read) = marks.read {
            state.set_read(id, read);
        }
        if let Some(starred) = marks.starred {
            state.set_starred(id, starred);
        }
    }
    state.save()?;
    let mut out = String::new();
    for id in ids {
        let _ = writeln!(
            out,
            "{}  {}  {}",
            crate::text::sanitize_text(id),
            if state.is_read(id) { "read" } else { "unread" },
            if state.is_starred(id) {
                "starred"
            } else {
                "not starred"
            }
        );
    }
    Ok(out)
}
