//! A page's source lines and what became of each: which article, page banner or unplaced text
//! the parser made of it. Found after the fact by matching the parsed text against the page's
//! lines (a pure function over the page text and its [`Page`] and articles), so the parser
//! needs to keep no line numbers. Used by the reader's source view (`v`) to show an article's
//! lines as they stand on the page. No I/O; never changes a parse.

use crate::model::{Article, Page};

/// What the parser made of one line of a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Owner {
    /// An empty line.
    Blank,
    /// A line of this article (an index into the articles given to [`source_map`]).
    Article(usize),
    /// A page banner.
    Banner,
    /// Text the parser could not place in any article.
    Unplaced,
    /// A line whose text was found nowhere in the parse (it should not happen: nothing is lost).
    Unknown,
}

/// One line of the page as printed, and its owner.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceLine {
    /// The 1-based line number in the page file.
    pub no: usize,
    pub text: String,
    pub owner: Owner,
}

/// The letters and digits of a text, lower case: what survives the parser's reflow, mending
/// and cleaning of a line (spaces, punctuation and caption marks aside).
fn key(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// An article's text in the order the page prints it most often: heading lines, paragraphs,
/// byline, captions with their credits.
fn article_key(a: &Article) -> String {
    let mut s = String::new();
    for h in &a.heading {
        s.push_str(&key(h));
        s.push('\n');
    }
    for p in &a.paragraphs {
        s.push_str(&key(p));
    }
    if let Some(b) = &a.byline {
        s.push_str(&key(b));
    }
    for c in a.caption_list() {
        s.push('\n');
        s.push_str(&key(&c.text));
        if let Some(credit) = &c.credit {
            s.push_str(&key(credit));
        }
    }
    s
}

/// Each line of a page's decoded `text` with its owner among `articles` (the page's articles
/// in reading order, as [`Page::articles`] held them before the corpus took them), the page's
/// banners and its unplaced text.
///
/// A line whose letters are exactly one of an article's heading lines belongs to that
/// article's heading (the nearest such article, each heading line used once); a line that is
/// a banner or unplaced line is that; a line the article it stands in (from its lead to the
/// next lead) holds is that article's; a line inside a banner or unplaced line is that; any
/// other line goes to the nearest article whose text holds it. A line of punctuation only
/// goes with the line before it.
#[must_use]
pub fn source_map(text: &str, page: &Page, articles: &[Article]) -> Vec<SourceLine> {
    let keys: Vec<String> = articles.iter().map(article_key).collect();
    let mut headings: Vec<(usize, String, bool)> = articles
        .iter()
        .enumerate()
        .flat_map(|(i, a)| a.heading.iter().map(move |h| (i, key(h), false)))
        .collect();
    let banners: Vec<String> = page.banners.iter().map(key).collect();
    let unplaced: Vec<String> = page.unplaced.iter().map(key).collect();
    let starts: Vec<usize> = articles.iter().map(|a| a.line).collect();
    // The article whose body the line `no` stands in: the last lead at or before it.
    let region = |no: usize| starts.iter().rposition(|&s| s <= no);
    let distance = |i: usize, no: usize| starts.get(i).map_or(usize::MAX, |&s| s.abs_diff(no));
    let mut out: Vec<SourceLine> = Vec::new();
    let mut prev = Owner::Unknown;
    for (n, raw) in text.split('\n').enumerate() {
        let no = n + 1;
        let line = raw.trim_end_matches('\r');
        let k = key(line);
        let owner = if line.trim().is_empty() {
            Owner::Blank
        } else if k.is_empty() {
            prev
        } else if let Some(h) = headings
            .iter_mut()
            .filter(|(_, h, used)| !used && *h == k)
            .min_by_key(|(i, _, _)| distance(*i, no))
        {
            h.2 = true;
            Owner::Article(h.0)
        } else if banners.contains(&k) {
            Owner::Banner
        } else if unplaced.contains(&k) {
            Owner::Unplaced
        } else if let Some(r) = region(no).filter(|&r| keys.get(r).is_some_and(|a| a.contains(&k)))
        {
            // The article the line stands in holds it: a short line (`动。`) is its, even
            // where a banner holds the same letters too.
            Owner::Article(r)
        } else if banners.iter().any(|b| b.contains(&k)) {
            Owner::Banner
        } else if unplaced.iter().any(|u| u.contains(&k)) {
            Owner::Unplaced
        } else {
            (0..keys.len())
                .filter(|&i| keys[i].contains(&k))
                .min_by_key(|&i| distance(i, no))
                .map_or(Owner::Unknown, Owner::Article)
        };
        if owner != Owner::Blank {
            prev = owner;
        }
        out.push(SourceLine {
            no,
            text: line.to_string(),
            owner,
        });
    }
    // A page file's last line break leaves no line.
    if out.last().is_some_and(|l| l.text.is_empty()) {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::parse_text;

    #[test]
    fn heading_after_body_goes_back_and_banner_stays() {
        let text = "南方工报 工会新闻\n\n本报讯 近日，惠州市惠城区总工会举办职工运动会，\n\n吸引全区职工参加。\n\n惠城职工运动会开幕\n\n惠阳区总工会\n\n开展送温暖活动\n\n本报讯 近日，惠阳区总工会开展送温暖活动，慰问困难职工。\n";
        let mut page = parse_text("p", "p.txt", text);
        let articles = std::mem::take(&mut page.articles);
        let map = source_map(text, &page, &articles);
        let owner = |s: &str| map.iter().find(|l| l.text == s).map(|l| l.owner);
        assert_eq!(owner("惠城职工运动会开幕"), Some(Owner::Article(0)));
        assert_eq!(owner("吸引全区职工参加。"), Some(Owner::Article(0)));
        assert_eq!(owner("开展送温暖活动"), Some(Owner::Article(1)));
        assert_eq!(owner("惠阳区总工会"), Some(Owner::Article(1)));
        assert_eq!(owner("南方工报 工会新闻"), Some(Owner::Banner));
        assert_eq!(owner(""), Some(Owner::Blank));
        assert_eq!(map.len(), text.lines().count());
    }

    #[test]
    fn a_short_line_is_the_article_it_stands_in_though_a_banner_holds_it_too() {
        let text = "劳动光荣 活动精彩\n\n本报讯 近日，惠州市惠城区总工会举办职工运动\n\n会，吸引全区职工参加活\n\n动。\n";
        let mut page = parse_text("p", "p.txt", text);
        let articles = std::mem::take(&mut page.articles);
        let map = source_map(text, &page, &articles);
        let owner = |s: &str| map.iter().find(|l| l.text == s).map(|l| l.owner);
        assert_eq!(page.banners, ["劳动光荣 活动精彩"], "{articles:#?}");
        assert_eq!(owner("动。"), Some(Owner::Article(0)));
        assert_eq!(owner("劳动光荣 活动精彩"), Some(Owner::Banner));
    }

    #[test]
    fn a_page_without_lead_is_unplaced() {
        let text = "标题一\n标题二";
        let mut page = parse_text("p", "p.txt", text);
        let articles = std::mem::take(&mut page.articles);
        let map = source_map(text, &page, &articles);
        assert!(map.iter().all(|l| l.owner == Owner::Unplaced));
    }
}
