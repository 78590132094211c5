//! `gongbao list` and what `--city` and `--union` select for `list` and `export`: articles
//! one a line (id, date, union body, title), grouped by city or not, as text, Markdown or a
//! JSON list. Renders text for stdout; never touches the terminal's modes.

use super::{CommandError, Within};
use crate::model::{Corpus, Head, View};
use crate::render::{self, Format};
use serde::Serialize;
use std::fmt::Write as _;

/// The articles `--city` and `--union` select (indexes into the corpus's articles, in
/// corpus order), or `None` when neither is given. The city is resolved as the reader's `c`
/// prompt resolves it, the union body by its name or a part naming one alone (within the
/// city, if given).
///
/// # Errors
/// A city or union body that names nothing (with a suggestion where one is near), or a
/// part of a name shared by several union bodies (listing them).
pub fn select(corpus: &Corpus, within: &Within) -> Result<Option<Vec<usize>>, CommandError> {
    let city = within
        .city
        .as_deref()
        .map(|c| crate::names::resolve_city(c, Some(corpus)))
        .transpose()?;
    let union = within
        .union
        .as_deref()
        .map(|u| crate::names::resolve_union(u, corpus, city.as_deref()))
        .transpose()?;
    let filter = match (city, union) {
        (_, Some((city, union))) => View::Union { city, union },
        (Some(city), None) => View::City { city },
        (None, None) => return Ok(None),
    };
    Ok(Some(corpus.filter(&filter)))
}

/// One article of `list --format json`.
#[derive(Serialize)]
struct ListItem<'a> {
    id: &'a str,
    title: String,
    city: Option<&'a str>,
    union: Option<&'a str>,
    /// `2024-12-09`, `12-09` when the year is unknown, or null.
    date: Option<String>,
    page: &'a str,
    edition: Option<&'a crate::model::Edition>,
}

/// `gongbao list`: the articles `ids`, grouped by city in the sidebar's order (`grouped`)
/// or one a line as given; as text, Markdown (a heading per city, an item per article) or
/// a JSON list of `{id, title, city, union, date, page, edition}`.
///
/// # Errors
/// Only if serialization fails.
pub fn list(
    corpus: &Corpus,
    ids: &[usize],
    grouped: bool,
    format: Format,
) -> Result<String, CommandError> {
    let md = format == Format::Md;
    let article = |i: usize| corpus.head(i);
    if format == Format::Json {
        let items: Vec<ListItem<'_>> = ids
            .iter()
            .filter_map(|&i| article(i))
            .map(|a| {
                let page = corpus.pages.get(a.page());
                ListItem {
                    id: a.id(),
                    title: a.display_title(),
                    city: a.city(),
                    union: a.union(),
                    date: a.date().map(|d| match d.year {
                        Some(y) => format!("{y:04}-{:02}-{:02}", d.month, d.day),
                        None => format!("{:02}-{:02}", d.month, d.day),
                    }),
                    page: page.map_or("", |p| p.id.as_str()),
                    edition: page.and_then(|p| p.edition.as_ref()),
                }
            })
            .collect();
        return Ok(render::json(&items)?);
    }
    // The ids' column is as wide as the longest listed id (at least ID_COLUMNS), so that
    // the titles line up.
    let id_columns = ids
        .iter()
        .filter_map(|&i| article(i))
        .map(|a| crate::text::width(a.id()))
        .fold(ID_COLUMNS, usize::max);
    let line = |a: Head<'_>| {
        if md {
            let (date, union, title) = line_parts(a);
            let words: Vec<&str> = [date.as_str(), union, title.as_str()]
                .into_iter()
                .filter(|w| !w.is_empty())
                .collect();
            format!("- `{}` {}", a.id(), words.join(" "))
        } else {
            article_line(a, id_columns)
        }
    };
    let mut out = String::new();
    if !grouped {
        for a in ids.iter().filter_map(|&i| article(i)) {
            let _ = writeln!(out, "{}", line(a));
        }
        return Ok(out);
    }
    for c in &corpus.cities {
        let mine: Vec<Head<'_>> = ids
            .iter()
            .filter_map(|&i| article(i))
            .filter(|a| a.city().unwrap_or(crate::model::NO_CITY) == c.name)
            .collect();
        if mine.is_empty() {
            continue;
        }
        if md {
            let _ = writeln!(out, "## {} ({} 篇)\n", c.name, mine.len());
        } else {
            let _ = writeln!(out, "{} ({} 篇)", c.name, mine.len());
        }
        for a in mine {
            let _ = writeln!(out, "{}{}", if md { "" } else { "  " }, line(a));
        }
        if md {
            out.push('\n');
        }
    }
    Ok(out)
}

/// The display columns of a list line's date (`12月31日`) and union body (longer names
/// are cut with …; `show` prints them whole).
const DATE_COLUMNS: usize = 8;
/// The least width of the ids' column (a page's hash-named id, `000_d566be7ab6327229-01`, and
/// a space).
const ID_COLUMNS: usize = 24;
const UNION_COLUMNS: usize = 20;

/// One article in a list: id (padded to `id_columns`), date, union body, title; padded by
/// display width (a CJK character takes two columns), so that the titles start at one column
/// on every line of a list whose ids fit in `id_columns`.
#[must_use]
pub fn article_line(a: Head<'_>, id_columns: usize) -> String {
    let (date, union, title) = line_parts(a);
    format!(
        "{} {} {} {title}",
        crate::text::fit(a.id(), id_columns.max(crate::text::width(a.id()))),
        crate::text::fit(&date, DATE_COLUMNS),
        crate::text::fit(union, UNION_COLUMNS)
    )
}

/// A list line's date (`12月9日`), union body (`-` for none) and title.
fn line_parts(a: Head<'_>) -> (String, &str, String) {
    let date = a
        .date()
        .map_or_else(String::new, |d| format!("{}月{}日", d.month, d.day));
    (date, a.union().unwrap_or("-"), a.display_title())
}
