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

/// Makes the article of a draft: its metadata read, its union body and city resolved.
#[must_use]
pub fn build_article(page_id: &str, index: usize, d: &Draft) -> Article {
    let g = Gazetteer::get();
    let lead = d.paragraphs.first().map_or("", String::as_str);
    let people = meta::lead_people(lead);
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
    let full = format!("{heading_text}\n{}\n{captions}", d.body_text);
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
    let resolved = union::resolve(&full, &hits, &sections, &attributions);
    let city = resolved.city.map(|c| g.cities[c].name.clone());
    let cities_mentioned = resolved
        .cities
        .iter()
        .filter(|c| Some(**c) != resolved.city)
        .map(|c| g.cities[*c].name.clone())
        .collect();
    let parts = meta::title_parts(&d.heading, report);
    Article {
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
    }
}
