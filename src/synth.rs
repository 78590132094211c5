//! Synthetic libraries for scale tests (`gongbao generate`): page files made from the seed
//! articles, their paragraphs re-mixed and their places swapped through the gazetteer,
//! written in the three seed layouts (columns, paragraphs, markdown) so they go through the
//! real parser. Writes only the folder it is given; no part of reading depends on it.

use crate::model::{Article, Corpus};
use crate::places::{Gazetteer, Place};
use std::collections::HashMap;
use std::fmt::Write as _;
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

/// One generated article, ready to be laid out.
struct Draft {
    kicker: String,
    title: String,
    paragraphs: Vec<String>,
}

fn draft(seeds: &[&Article], all_paras: &[&str], rng: &mut Rng) -> Option<Draft> {
    let g = Gazetteer::get();
    let base = *rng.pick(seeds)?;
    let city = rng.below(g.cities.len());
    let county = rng.pick(&g.cities.get(city)?.counties).copied();
    let mut swap = Swap {
        g,
        city,
        county,
        towns: HashMap::new(),
    };
    let c = &g.cities[city];
    let kicker = match county.filter(|_| rng.below(2) == 0) {
        Some(k) => format!("{}{}总工会", c.short, g.counties[k].name),
        None => format!("{}总工会", c.name),
    };
    let title = swap.apply(&base.title, rng);
    let mut paragraphs = vec![swap.apply(base.paragraphs.first()?, rng)];
    let extra = 1 + rng.below(4);
    for _ in 0..extra {
        if let Some(p) = rng.pick(all_paras) {
            paragraphs.push(swap.apply(p, rng));
        }
    }
    Some(Draft {
        kicker,
        title,
        paragraphs,
    })
}

/// Wraps a paragraph into lines of `width` characters, the last one shorter than the rest.
fn wrap(p: &str, width: usize) -> Vec<String> {
    let chars: Vec<char> = p.chars().collect();
    let mut lines: Vec<String> = chars.chunks(width).map(|c| c.iter().collect()).collect();
    if chars.len().is_multiple_of(width) && !chars.is_empty() {
        // A full last line would run into the next paragraph: move its last character down.
        if let Some(last) = lines.last_mut() {
            if let Some(ch) = last.pop() {
                lines.push(ch.to_string());
            }
        }
    }
    lines
}

fn layout(drafts: &[Draft], which: usize) -> String {
    let mut s = String::new();
    for d in drafts {
        match which % 3 {
            0 => {
                let _ = write!(s, "{}\n\n{}\n\n", d.kicker, d.title);
                for p in &d.paragraphs {
                    for line in wrap(p, 15) {
                        let _ = write!(s, "{line}\n\n");
                    }
                }
            }
            1 => {
                let _ = write!(s, "{}\n\n{}\n\n", d.kicker, d.title);
                for p in &d.paragraphs {
                    let _ = write!(s, "{p}\n\n");
                }
            }
            _ => {
                let _ = write!(s, "## {}\n\n## {}\n\n", d.kicker, d.title);
                for p in &d.paragraphs {
                    let _ = write!(s, "{p}\n\n");
                }
            }
        }
    }
    s
}

/// Writes a synthetic library of page files into `opts.out` (created if missing).
///
/// # Errors
/// When a page file cannot be written.
pub fn generate(seeds: &Corpus, opts: &GenOptions) -> std::io::Result<GenStats> {
    std::fs::create_dir_all(&opts.out)?;
    let whole: Vec<std::borrow::Cow<'_, Article>> = seeds.whole_articles().collect();
    let leads: Vec<&Article> = whole
        .iter()
        .map(AsRef::as_ref)
        .filter(|a| {
            a.paragraphs
                .first()
                .is_some_and(|p| p.starts_with("本报讯"))
        })
        .collect();
    let all_paras: Vec<&str> = whole
        .iter()
        .flat_map(|a| a.paragraphs.iter().skip(1).map(String::as_str))
        .filter(|p| p.chars().count() >= 20)
        .collect();
    let per_page = opts.per_page.max(1);
    let pages = opts.articles.div_ceil(per_page);
    let mut stats = GenStats::default();
    let mut rng = Rng(opts.seed);
    for page in 0..pages {
        let n = per_page.min(opts.articles - page * per_page);
        let drafts: Vec<Draft> = (0..n)
            .filter_map(|_| draft(&leads, &all_paras, &mut rng))
            .collect();
        let text = layout(&drafts, page);
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
}
