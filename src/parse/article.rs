//! Making an [`Article`] of a draft cut from the page: the whole article's text and place
//! names put together once, the lead's people and dateline read ([`super::meta`]), the union
//! body that acted and its city resolved ([`super::union`]). Never decides what belongs to the
//! article (that is [`super::segment`] and [`super::attach`]).

use super::meta;
use super::segment::Draft;
use super::union::{self, Section};
use crate::model::Article;
use crate::places::{Gazetteer, PlaceHit};

/// How much a union body named in each part of the article counts. The heading names the
/// union that acted far more often than not.
const HEADING_WEIGHT: f64 = 3.0;
/// The lead's first sentence says who did what: as strong as the heading.
const FIRST_SENTENCE_WEIGHT: f64 = 3.0;
/// The rest of the lead still tells the story's main actors.
const LEAD_WEIGHT: f64 = 1.5;
/// Later paragraphs name partners and guests as often as the actor.
const BODY_WEIGHT: f64 = 0.5;
/// Captions repeat names of the body; weak evidence of their own.
const CAPTION_WEIGHT: f64 = 0.5;

fn shifted<'g>(h: &PlaceHit<'g>, by: usize) -> PlaceHit<'g> {
    PlaceHit {
        start: h.start + by,
        end: h.end + by,
        ..*h
    }
}

/// Makes the articles of a page's drafts ([`build_article`]); an article that names no place
/// of its own is then placed by the page's other articles ([`place_by_page`]).
#[must_use]
pub fn build_articles(page_id: &str, drafts: &[Draft]) -> Vec<Article> {
    let mut unresolved = Vec::with_capacity(drafts.len());
    let mut articles: Vec<Article> = drafts
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let (a, u) = build_article(page_id, i, d);
            unresolved.push(u);
            a
        })
        .collect();
    place_by_page(&mut articles, &unresolved);
    articles
}

/// An article that names no place of its own (`我市…市总工会…`) takes the city that the
/// page's other articles agree on: a weak signal, used only then, and only when at least two
/// of them name that city and no other city is named as often. Its unresolved `市总工会`
/// becomes that city's.
fn place_by_page(articles: &mut [Article], unresolved: &[Option<char>]) {
    let g = Gazetteer::get();
    for i in 0..articles.len() {
        if articles[i].city.is_some() {
            continue;
        }
        let mut counts: Vec<(&str, usize)> = Vec::new();
        for (j, a) in articles.iter().enumerate() {
            let Some(c) = a.city.as_deref().filter(|_| j != i) else {
                continue;
            };
            match counts.iter_mut().find(|(n, _)| *n == c) {
                Some(e) => e.1 += 1,
                None => counts.push((c, 1)),
            }
        }
        counts.sort_by_key(|c| std::cmp::Reverse(c.1));
        let page_city = match counts.as_slice() {
            [(c, n), rest @ ..] if *n >= 2 && rest.first().is_none_or(|r| r.1 < *n) => {
                (*c).to_string()
            }
            _ => continue,
        };
        if unresolved[i] == Some('市') && articles[i].union.is_none() {
            articles[i].union = g
                .cities
                .iter()
                .position(|c| c.name == page_city)
                .and_then(union::federation_of_city)
                .map(|u| u.name);
        }
        articles[i].cities_mentioned.retain(|c| *c != page_city);
        articles[i].city = Some(page_city);
    }
}

/// Makes the article of a draft: its metadata read, its union body and city resolved. Also
/// the level of a `市总工会` its own places could not resolve, for [`place_by_page`].
#[must_use]
pub fn build_article<'a>(page_id: &str, index: usize, d: &'a Draft) -> (Article, Option<char>) {
    let g = Gazetteer::get();
    let lead = d.paragraphs.first().map_or("", String::as_str);
    // Reporters and correspondents are read in simplified script (記者 is 记者), and their
    // names come out in it, like the union body's.
    let fold = |t: &'a str| fold_owned(d.plain, t);
    let mut people = meta::lead_people_folded(&fold(lead));
    if people.reporters.is_empty() {
        if let Some(b) = &d.byline {
            people.reporters = meta::byline_reporters(&fold(b));
        }
    }
    let report = lead.get(people.text_start..).unwrap_or("");
    // One text for the whole article: heading, body, captions. Each piece was scanned for
    // places already; no place name holds a line break, so the names of the whole text are
    // those of its pieces, shifted to where each piece stands.
    let mut hits = Vec::with_capacity(
        d.heading.iter().map(|u| u.hits.len()).sum::<usize>()
            + d.body_hits.len()
            + d.captions.iter().map(|c| c.hits.len()).sum::<usize>(),
    );
    let mut heading_text =
        String::with_capacity(d.heading.iter().map(|u| u.joined().len() + 1).sum());
    for (k, u) in d.heading.iter().enumerate() {
        if k > 0 {
            heading_text.push('\n');
        }
        hits.extend(u.hits.iter().map(|h| shifted(h, heading_text.len())));
        heading_text.push_str(u.joined());
    }
    let body_at = heading_text.len() + 1;
    hits.extend(d.body_hits.iter().map(|h| shifted(h, body_at)));
    let captions_at = body_at + d.body_text.len() + 1;
    let mut captions = String::with_capacity(d.captions.iter().map(|c| c.text.len() + 1).sum());
    for (k, c) in d.captions.iter().enumerate() {
        if k > 0 {
            captions.push('\n');
        }
        hits.extend(
            c.hits
                .iter()
                .map(|h| shifted(h, captions_at + captions.len())),
        );
        captions.push_str(&c.text);
    }
    let full = [heading_text.as_str(), "\n", &d.body_text, "\n", &captions].concat();
    let lead_len = lead.len();
    let report_at = body_at + people.text_start.min(lead_len);
    let first_end = report_at
        + report
            .find(['。', '！', '？'])
            .map_or(report.len(), |i| i + '。'.len_utf8());
    let sections = [
        Section {
            range: 0..heading_text.len(),
            weight: HEADING_WEIGHT,
            short_forms: true,
        },
        Section {
            range: report_at..first_end,
            weight: FIRST_SENTENCE_WEIGHT,
            short_forms: false,
        },
        Section {
            range: first_end..body_at + lead_len,
            weight: LEAD_WEIGHT,
            short_forms: false,
        },
        Section {
            range: body_at + lead_len..captions_at - 1,
            weight: BODY_WEIGHT,
            short_forms: false,
        },
        Section {
            range: captions_at..full.len(),
            weight: CAPTION_WEIGHT,
            short_forms: false,
        },
    ];
    let attributions: Vec<&str> = d
        .byline
        .iter()
        .chain(people.correspondents.iter())
        .map(String::as_str)
        .collect();
    let folded = fold_owned(d.plain, &full);
    let resolved = union::resolve_folded(&full, &folded, &hits, &sections, &attributions);
    let city = resolved.city.map(|c| g.cities[c].name.clone());
    let cities_mentioned = resolved
        .cities
        .iter()
        .filter(|c| Some(**c) != resolved.city)
        .map(|c| g.cities[*c].name.clone())
        .collect();
    let parts = meta::title_parts(&d.heading, report);
    let article = Article {
        id: format!("{page_id}-{:02}", index + 1),
        page: page_id.to_string(),
        heading: d
            .heading
            .iter()
            .flat_map(|u| u.lines.iter().cloned())
            .collect(),
        kicker: parts.kicker,
        title: parts.title,
        subtitle: parts.subtitle,
        city,
        county: resolved.county,
        union: resolved.union.map(|u| u.name),
        cities_mentioned,
        reporters: people.reporters,
        correspondents: people.correspondents,
        byline: d.byline.clone(),
        date: meta::dateline(report),
        paragraphs: d.paragraphs.clone(),
        captions: d.captions.iter().map(|c| c.text.clone()).collect(),
        caption_credits: d.captions.iter().map(|c| c.credit.clone()).collect(),
        line: d.no,
    };
    (article, resolved.unresolved)
}

/// `text` folded to simplified script, unless it is known to need no folding (`plain`).
fn fold_owned(plain: bool, text: &str) -> std::borrow::Cow<'_, str> {
    if plain {
        std::borrow::Cow::Borrowed(text)
    } else {
        crate::text::script::simplified(text)
    }
}
