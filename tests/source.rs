//! The source map: every line of the seed pages and the fixture pages goes to the article,
//! banner or unplaced text the parser made of it.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use gongbao::load::{page_text, seed_corpus};
use gongbao::model::{Article, Corpus};
use gongbao::source::{source_map, Owner, SourceLine};

fn page_map(corpus: &Corpus, page: usize) -> (Vec<Article>, Vec<SourceLine>) {
    let p = &corpus.pages[page];
    let articles: Vec<Article> = corpus.whole_page(page).into_owned();
    let text = page_text(p).expect("seed text");
    let map = source_map(&text, p, &articles);
    (articles, map)
}

#[test]
fn every_seed_line_has_its_owner() {
    every_line_has_its_owner(&seed_corpus());
}

#[test]
fn every_fixture_line_has_its_owner() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pages");
    let (corpus, errors) = gongbao::load::load_corpus(&[dir]);
    assert!(errors.is_empty(), "{errors:?}");
    assert!(corpus.pages.len() >= 10);
    every_line_has_its_owner(&corpus);
}

fn every_line_has_its_owner(corpus: &Corpus) {
    for page in 0..corpus.pages.len() {
        let (articles, map) = page_map(corpus, page);
        let text = page_text(&corpus.pages[page]).expect("page text");
        assert_eq!(
            map.len(),
            text.strip_suffix('\n').unwrap_or(&text).split('\n').count()
        );
        for l in &map {
            assert_ne!(
                l.owner,
                Owner::Unknown,
                "page {page} line {}: {}",
                l.no,
                l.text
            );
        }
        for (i, a) in articles.iter().enumerate() {
            let lead = &map[a.line - 1];
            assert_eq!(
                lead.owner,
                Owner::Article(i),
                "{}: lead line {}",
                a.id,
                a.line
            );
            // Every heading line is on the page, as that article's.
            for h in &a.heading {
                let key: String = h.chars().filter(|c| c.is_alphanumeric()).collect();
                assert!(
                    map.iter().any(|l| l.owner == Owner::Article(i)
                        && l.text
                            .chars()
                            .filter(|c| c.is_alphanumeric())
                            .collect::<String>()
                            == key),
                    "{}: heading line {h} not shown as its own",
                    a.id
                );
            }
            // Its lines hold all of its paragraphs' letters.
            let mut own: String = map
                .iter()
                .filter(|l| l.owner == Owner::Article(i))
                .flat_map(|l| l.text.chars().filter(|c| c.is_alphanumeric()))
                .collect();
            // Captions fall inside paragraphs, even inside words.
            for c in a.caption_list() {
                for t in std::iter::once(c.text).chain(c.credit) {
                    let k: String = t.chars().filter(|c| c.is_alphanumeric()).collect();
                    own = own.replacen(&k, "", 1);
                }
            }
            for p in &a.paragraphs {
                let k: String = p.chars().filter(|c| c.is_alphanumeric()).collect();
                assert!(own.contains(&k), "{}: {p}", a.id);
            }
        }
    }
}

#[test]
fn the_seed_banner_is_a_banner_line() {
    let corpus = seed_corpus();
    let page = corpus
        .pages
        .iter()
        .position(|p| !p.banners.is_empty())
        .expect("a seed page with a banner");
    let (_, map) = page_map(&corpus, page);
    let banner = corpus.pages[page].banners.get(0).expect("a banner");
    let first = banner.split_whitespace().next().expect("banner words");
    assert!(map
        .iter()
        .any(|l| l.owner == Owner::Banner && l.text.contains(first)));
}
