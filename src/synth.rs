//! Synthetic libraries for scale tests (`gongbao generate`): page files made from the seed
//! articles, their paragraphs re-mixed and their places swapped through the gazetteer,
//! printed by [`crate::press`] in the three seed layouts (columns, paragraphs, markdown) as
//! the paper prints them, so they go through the real parser. (The pages were once cut into
//! lines of 15 characters here: lines starting with `，`, a `。` alone on a line, no dropped
//! indent, half-width punctuation counted as wide, which the paper never prints, and the
//! parser filed body lines as banners and headings.) Writes only the folder it is given; no
//! part of reading depends on it.

use crate::model::{Article, Corpus, Layout};
use crate::places::{Gazetteer, Place};
use crate::press::{print_text, Press};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// What to generate.
#[derive(Debug, Clone)]
pub struct GenOptions {
    /// Articles in all (about; the parser decides in the end).
    pub articles: usize,
    pub out: PathBuf,
    /// Articles per page file.
    pub per_page: usize,
    /// The random seed: the same seed gives the same library.
    pub seed: u64,
}

/// What was written.
#[derive(Debug, Clone, Default)]
pub struct GenStats {
    pub pages: usize,
    pub articles: usize,
    pub bytes: u64,
}

/// SplitMix64: small, fast, reproducible.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            usize::try_from(self.next() % n as u64).unwrap_or(0)
        }
    }

    fn pick<'a, T>(&mut self, v: &'a [T]) -> Option<&'a T> {
        v.get(self.below(v.len()))
    }
}

/// Where one article's places go.
struct Swap<'g> {
    g: &'g Gazetteer,
    city: usize,
    county: Option<usize>,
    towns: HashMap<usize, usize>,
}

impl Swap<'_> {
    fn apply(&mut self, text: &str, rng: &mut Rng) -> String {
        let g = self.g;
        let mut out = String::with_capacity(text.len());
        let mut at = 0;
        for hit in g.scan(text) {
            let Some(&place) = hit.places.first() else {
                continue;
            };
            if hit.start < at {
                continue;
            }
            let city = &g.cities[self.city];
            let new = match place {
                Place::City(_) => Some(if hit.short {
                    city.short.clone()
                } else {
                    city.name.clone()
                }),
                Place::County(_) => self.county.map(|c| {
                    let c = &g.counties[c];
                    match (&c.short, hit.short) {
                        (Some(s), true) => s.clone(),
                        _ => c.name.clone(),
                    }
                }),
                Place::Town(t) => {
                    let towns: Vec<usize> = g
                        .towns
                        .iter()
                        .enumerate()
                        .filter(|(_, x)| x.city == self.city)
                        .map(|(i, _)| i)
                        .collect();
                    let chosen = *self
                        .towns
                        .entry(t)
                        .or_insert_with(|| rng.pick(&towns).copied().unwrap_or(t));
                    g.towns.get(chosen).map(|x| {
                        if hit.short {
                            x.short.clone().unwrap_or_else(|| x.name.clone())
                        } else {
                            x.name.clone()
                        }
                    })
                }
            };
            if let Some(new) = new {
                out.push_str(&text[at..hit.start]);
                out.push_str(&new);
                at = hit.end;
            }
        }
        out.push_str(&text[at..]);
        out
    }
}

/// One generated article: the seed article it was made from, its places swapped, a union
/// body's name above its title, and paragraphs drawn from the other seed articles.
fn draft(seeds: &[&Article], all_paras: &[&str], rng: &mut Rng) -> Option<Article> {
    let g = Gazetteer::get();
    let base = *rng.pick(seeds)?;
    let mut city = rng.below(g.cities.len());
    // A seed whose union body, title or lead names a county goes to a city with counties:
    // under 东莞 or 中山 (none) its county stayed, and 东莞市鹤山市总工会 was printed.
    let names_county = |t: &str| {
        g.scan(t)
            .into_iter()
            .any(|h| matches!(h.places.first(), Some(Place::County(_))))
    };
    let own = [base.union.as_deref(), Some(base.title.as_str())]
        .into_iter()
        .chain(std::iter::once(base.paragraphs.first().map(String::as_str)))
        .flatten()
        .any(names_county);
    if own && g.cities.get(city)?.counties.is_empty() {
        let with: Vec<usize> = (0..g.cities.len())
            .filter(|&c| !g.cities[c].counties.is_empty())
            .collect();
        city = rng.pick(&with).copied().unwrap_or(city);
    }
    let county = rng.pick(&g.cities.get(city)?.counties).copied();
    let mut swap = Swap {
        g,
        city,
        county,
        towns: HashMap::new(),
    };
    // The union body that acts in the seed's lead, its places swapped as the text's are, so
    // that the line names the union the body does. (A union drawn apart from the text, a
    // county or a city the body never mentions, was rightly not taken for the article's
    // heading by the parser, and went to the page's banners.)
    let kicker = match (&base.city, &base.union) {
        (Some(city), Some(u)) if u.starts_with(city.as_str()) => swap.apply(u, rng),
        (Some(city), Some(u)) => swap.apply(&format!("{city}{u}"), rng),
        _ => format!("{}总工会", g.cities[city].name),
    };
    let title = swap.apply(&base.title, rng);
    let mut paragraphs = vec![swap.apply(base.paragraphs.first()?, rng)];
    let extra = 1 + rng.below(4);
    for _ in 0..extra {
        if let Some(p) = rng.pick(all_paras) {
            paragraphs.push(swap.apply(p, rng));
        }
    }
    // Only what the press prints matters: the heading, the paragraphs (no captions, no
    // byline, as before).
    let mut a = base.clone();
    a.heading = vec![kicker.clone(), title.clone()];
    a.kicker = Some(kicker);
    a.title = title;
    a.subtitle = None;
    a.paragraphs = paragraphs;
    a.byline = None;
    a.captions.clear();
    a.caption_credits.clear();
    Some(a)
}

/// The drafts of one page: no heading line printed twice on it (a line printed twice on a
/// page is a page banner by its repetition, not an article's heading), so a draft that
/// would repeat one is drawn again (a few times at most; then left out).
fn page_drafts(seeds: &[&Article], all_paras: &[&str], n: usize, rng: &mut Rng) -> Vec<Article> {
    let mut drafts: Vec<Article> = Vec::with_capacity(n);
    for _ in 0..n {
        for _ in 0..8 {
            let Some(a) = draft(seeds, all_paras, rng) else {
                break;
            };
            let repeats = drafts
                .iter()
                .any(|d| d.heading.iter().any(|h| a.heading.contains(h)));
            if !repeats {
                drafts.push(a);
                break;
            }
        }
    }
    drafts
}

/// How a page is printed: the page's layout (the three in turn), a column of 13 to 19
/// characters (the paper's, see the page format notes), its articles up to two wider; the
/// headings before their leads, the rest as [`Press::columns`].
fn page_press(page: usize, rng: &mut Rng) -> Press {
    let layout = match page % 3 {
        0 => Layout::Columns,
        1 => Layout::Paragraphs,
        _ => Layout::Markdown,
    };
    Press {
        layout,
        spread: rng.below(3),
        seed: rng.next(),
        ..Press::columns(13 + rng.below(7))
    }
}

/// What articles are made of: the seed articles whose lead starts with 本报讯, and the
/// seeds' paragraphs after the lead of 20 characters and more.
fn material<'a>(whole: &'a [std::borrow::Cow<'_, Article>]) -> (Vec<&'a Article>, Vec<&'a str>) {
    let leads = whole
        .iter()
        .map(AsRef::as_ref)
        .filter(|a| {
            a.paragraphs
                .first()
                .is_some_and(|p| p.starts_with("本报讯"))
        })
        .collect();
    let all_paras = whole
        .iter()
        .flat_map(|a| a.paragraphs.iter().skip(1).map(String::as_str))
        .filter(|p| p.chars().count() >= 20)
        .collect();
    (leads, all_paras)
}

/// Writes a synthetic library of page files into `opts.out` (created if missing).
///
/// # Errors
/// When a page file cannot be written.
pub fn generate(seeds: &Corpus, opts: &GenOptions) -> std::io::Result<GenStats> {
    std::fs::create_dir_all(&opts.out)?;
    let whole: Vec<std::borrow::Cow<'_, Article>> = seeds.whole_articles().collect();
    let (leads, all_paras) = material(&whole);
    let per_page = opts.per_page.max(1);
    let pages = opts.articles.div_ceil(per_page);
    let mut stats = GenStats::default();
    let mut rng = Rng(opts.seed);
    for page in 0..pages {
        let n = per_page.min(opts.articles - page * per_page);
        let drafts = page_drafts(&leads, &all_paras, n, &mut rng);
        let text = print_text(&drafts, &page_press(page, &mut rng));
        let path = page_path(&opts.out, page, rng.next());
        std::fs::write(&path, &text)?;
        stats.pages += 1;
        stats.articles += drafts.len();
        stats.bytes += text.len() as u64;
    }
    Ok(stats)
}

fn page_path(dir: &Path, page: usize, salt: u64) -> PathBuf {
    dir.join(format!("{page:06}_{salt:016x}.txt"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_pages_parse_into_about_as_many_articles() {
        let dir = tempfile::tempdir().unwrap();
        let seeds = crate::load::seed_corpus();
        let opts = GenOptions {
            articles: 60,
            out: dir.path().to_path_buf(),
            per_page: 6,
            seed: 7,
        };
        let stats = generate(&seeds, &opts).unwrap();
        assert_eq!(stats.pages, 10);
        let (corpus, errors) = crate::load::load_corpus(&[dir.path().to_path_buf()]);
        assert!(errors.is_empty());
        let n = corpus.len();
        assert!(
            (45..=75).contains(&n),
            "{n} articles parsed from 60 written"
        );
        // Places were swapped: more cities than the seeds have.
        assert!(corpus.cities.len() > seeds.cities.len());
    }

    #[test]
    fn generated_pages_read_back_as_written() {
        // Pages printed as the paper prints them: the parser finds every article with the
        // heading it was given and its text, and files nothing as a banner or unplaced (the
        // pages were once cut every 15 characters, and body lines came back as banners and
        // headings).
        let seeds = crate::load::seed_corpus();
        let whole: Vec<std::borrow::Cow<'_, Article>> = seeds.whole_articles().collect();
        let (leads, all_paras) = material(&whole);
        let mut rng = Rng(7);
        for page in 0..60 {
            let drafts = page_drafts(&leads, &all_paras, 6, &mut rng);
            let text = print_text(&drafts, &page_press(page, &mut rng));
            let back = crate::parse::parse_text("p", "p", &text);
            assert!(back.banners.is_empty(), "{:?}\n{text}", back.banners);
            assert!(back.unplaced.is_empty(), "{:?}\n{text}", back.unplaced);
            assert_eq!(back.articles.len(), drafts.len(), "{text}");
            for (a, d) in back.articles.iter().zip(&drafts) {
                assert_eq!(a.heading, d.heading, "{text}");
                assert_eq!(a.paragraphs.concat(), d.paragraphs.concat(), "{text}");
            }
        }
    }

    #[test]
    fn the_same_seed_writes_the_same_library() {
        let seeds = crate::load::seed_corpus();
        let files = |dir: &Path| {
            let mut v: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
                .unwrap()
                .map(|e| {
                    let e = e.unwrap();
                    let name = e.file_name().to_string_lossy().into_owned();
                    (name, std::fs::read(e.path()).unwrap())
                })
                .collect();
            v.sort();
            v
        };
        let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        for dir in [&a, &b] {
            let opts = GenOptions {
                articles: 30,
                out: dir.path().to_path_buf(),
                per_page: 6,
                seed: 3,
            };
            generate(&seeds, &opts).unwrap();
        }
        assert_eq!(files(a.path()), files(b.path()));
    }
}
