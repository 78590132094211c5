//! The press: articles (the model) set as a page the way the paper's OCR prints them, for
//! round trips through the parser. Three layouts; in columns, every printed line of a narrow
//! column is a line of its own (with closing punctuation hanging past the edge, a paragraph's
//! first line short by its dropped indent, numbers, Latin words and names cut by the edge);
//! headings before their bodies, after them, split between two neighbours, or the first
//! article's title at the very end of the page; captions at any line, also inside a word;
//! bylines on their own line or after the last sentence (and then maybe cut over two lines);
//! OCR letter-spacing; page banners. Deterministic from a seed (its own small generator).
//! Used by tests, the sweep example and `gongbao generate` (`synth.rs`, through
//! [`print_text`]); the parser and the reader never use it.
//!
//! Past 600 lines on purpose: each placement is a few lines inside one setting loop that
//! shares the column's state (the line being filled, its width, the pending captions), and
//! split by placement it would pass that state through every file. Round trips (print, parse
//! back, compare) are in `press/roundtrip.rs`.

mod roundtrip;

pub use roundtrip::{banner_in_heading, differences, joined, moved_reading, round_trip, RoundTrip};

use crate::model::{Article, Layout};
use crate::parse::lines::{is_cjk, lead_marker_at_start, people_span, print_width};

/// Where an article's heading is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeadingPlace {
    /// Before the lead, as in most papers.
    Before,
    /// After the body (and its byline).
    After,
    /// Alternately after and before, so that the run between two bodies holds the end of one
    /// article's heading and the start of the next one's.
    Split,
    /// The first article's heading at the very end of the page; the others before their leads.
    TitleAtEnd,
}

/// Where an article's byline is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BylinePlace {
    /// On a line of its own after the body: `（云安工）`.
    OwnLine,
    /// After the last sentence, set with the text: `…动力。 （珠海工）`; in a column the edge
    /// may cut it over two lines (`…台账。（` / `黄陂工）`).
    AfterSentence,
    /// After the last sentence and cut over two lines whatever the layout: the opening
    /// bracket (and maybe the start of a name) ends the last line, the rest is a line of its
    /// own (`…台账。（` / `黄陂工）`, `…演练。(魏` / `雅琳 郑浩)`).
    Split,
}

/// How a page is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Press {
    pub layout: Layout,
    /// Column width in characters (an ideograph is one, punctuation and Latin half of one).
    pub width: usize,
    /// Each article's column may be up to this many characters wider than `width`.
    pub spread: usize,
    pub heading: HeadingPlace,
    pub byline: BylinePlace,
    /// Captions printed inside their article's body at a line chosen by the seed (in a
    /// column that can cut a word); otherwise after the body.
    pub captions_inside: bool,
    /// An article's caption printed inside its heading run (between its heading lines, or
    /// next to a heading of one line): the first caption when the heading stands before the
    /// body, the last when after it.
    pub caption_in_heading: bool,
    /// Page banners above the first article and between articles.
    pub banners: bool,
    /// OCR letter-spacing (a space between the characters) on some body lines.
    pub letter_spacing: bool,
    pub seed: u64,
}

impl Press {
    /// A columns page of the given width with headings before their bodies, bylines on their
    /// own lines, captions after the body, no banners and no letter-spacing.
    #[must_use]
    pub fn columns(width: usize) -> Press {
        Press {
            layout: Layout::Columns,
            width,
            spread: 0,
            heading: HeadingPlace::Before,
            byline: BylinePlace::OwnLine,
            captions_inside: false,
            caption_in_heading: false,
            banners: false,
            letter_spacing: false,
            seed: 0,
        }
    }
}

/// A printed page and where each article's lead starts on it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Printed {
    pub text: String,
    /// The 1-based line of each article's lead, in article order.
    pub leads: Vec<usize>,
    /// For each article, the paragraphs `k` that were printed exactly as paragraphs `k` and
    /// `k + 1` set as one paragraph would be (a sentence that ends at the column's edge and
    /// a paragraph of one line after it): no reader of the page can tell the two apart. Also
    /// where the article's lines are exactly what it gives set at another article's width of
    /// the page with those two paragraphs as one: its lines all ending a sentence show only
    /// how wide its column is at least, so the page reads the same either way.
    pub one_paragraph: Vec<Vec<usize>>,
    /// For each article, the pairs `(k, at)` where paragraphs `k` and `k + 1` were printed
    /// exactly as paragraph `k` running on to the sentence end at byte `at` of paragraph
    /// `k + 1`, and the rest of `k + 1` as a paragraph, would be (the boundary moved by a
    /// sentence: paragraph `k` ends at the edge, `k + 1` is a first line full at the column
    /// less its indent and a short last line). No reader of the page can tell them apart.
    pub moved_boundary: Vec<Vec<(usize, usize)>>,
    /// For each article, the page banner printed once on the page directly above its
    /// heading, if any: a line of a slogan's kind above a heading is what a kicker is (a seed
    /// page prints its own slogan there as a heading line), so no reader of the page can tell
    /// that banner from the heading's first line.
    pub banner_above: Vec<Option<String>>,
    /// For each article, the page banner printed once on the page directly below its
    /// heading, the heading printed after its body: as well a last heading line (a
    /// subtitle) as a banner.
    pub banner_below: Vec<Option<String>>,
}

/// Page banners of the paper's kind, printed where [`Press::banners`] asks.
pub const BANNERS: &[&str] = &["奋进新征程 建功新时代", "深入学习贯彻全会精神"];

/// A small deterministic generator (SplitMix64).
#[derive(Debug, Clone)]
struct Dice(u64);

impl Dice {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (0 when `n` is 0).
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            return 0;
        }
        #[allow(clippy::cast_possible_truncation)]
        let r = (self.next() % n as u64) as usize;
        r
    }

    fn chance(&mut self, one_in: usize) -> bool {
        self.below(one_in) == 0
    }
}

/// Punctuation that hangs past a column's edge rather than start a line.
const CLOSING: &[char] = &[
    '，', '。', '、', '；', '：', '！', '？', '”', '’', '）', '》', ',', '.', ';', ':', '!', '?',
    ')',
];
/// Punctuation that never ends a line.
const OPENING: &[char] = &['“', '‘', '（', '《', '('];

/// Lines of a page being printed, with the line number each lead starts at.
struct Sheet {
    lines: Vec<String>,
    /// Blank lines between printed lines (the columns layout).
    spaced: bool,
}

impl Sheet {
    fn push(&mut self, line: String) {
        if self.spaced && !self.lines.is_empty() {
            self.lines.push(String::new());
        }
        self.lines.push(line);
    }

    /// The 1-based number the next pushed line gets.
    fn next_no(&self) -> usize {
        self.lines.len() + 1 + usize::from(self.spaced && !self.lines.is_empty())
    }
}

/// Prints articles as one page.
#[must_use]
pub fn print_page(articles: &[Article], press: &Press) -> Printed {
    print(articles, press, true)
}

/// Prints articles as one page, the text alone: the same text as [`print_page`]'s, without
/// working out the other readings of it (which paragraphs print as one, where a boundary may
/// move), which sets each article again at many widths. For writing many pages fast
/// (`gongbao generate`).
#[must_use]
pub fn print_text(articles: &[Article], press: &Press) -> String {
    print(articles, press, false).text
}

/// Prints articles as one page; with `readings`, works out what else the page may read as.
fn print(articles: &[Article], press: &Press, readings: bool) -> Printed {
    let mut dice = Dice(press.seed ^ 0x5EED_0F9A_6E00);
    let mut sheet = Sheet {
        lines: Vec::new(),
        spaced: press.layout == Layout::Columns,
    };
    let mut leads = Vec::with_capacity(articles.len());
    let mut one_paragraph = Vec::with_capacity(articles.len());
    let mut moved_boundary = Vec::with_capacity(articles.len());
    // Each article's width and the texts its paragraphs were set from (columns only).
    let mut set = Vec::with_capacity(articles.len());
    let mut banner_above = vec![None; articles.len()];
    let mut banner_below = vec![None; articles.len()];
    // The article whose heading, printed after its body, is the last thing printed.
    let mut heading_last: Option<usize> = None;
    // The last banner printed, while nothing else has been printed after it.
    let mut last_banner: Option<String> = None;
    if press.banners {
        let b = banner(press, dice.below(BANNERS.len()));
        sheet.push(b.clone());
        last_banner = Some(b);
    }
    for (i, a) in articles.iter().enumerate() {
        let width = press.width + dice.below(press.spread + 1);
        let before = match press.heading {
            HeadingPlace::Before => true,
            HeadingPlace::After => false,
            HeadingPlace::Split => i % 2 == 1,
            HeadingPlace::TitleAtEnd => i > 0,
        };
        if press.banners && i > 0 && dice.chance(2) {
            let b = banner(press, dice.below(BANNERS.len()));
            sheet.push(b.clone());
            if let Some(h) = heading_last {
                banner_below[h] = Some(b.clone());
            }
            last_banner = Some(b);
        }
        heading_last = None;
        // The caption printed in the heading run, if any: the first when the heading
        // stands before the body, the last when after it (captions keep their order).
        let n = a.captions.len();
        let in_heading = match (press.caption_in_heading, n) {
            (false, _) | (_, 0) => None,
            _ if before => Some(0),
            _ => Some(n - 1),
        };
        // A banner right above the heading, or above the lead of an article whose heading
        // follows its body: a line above an article reads as its heading's first.
        banner_above[i] = last_banner.take();
        if before {
            print_heading(&mut sheet, a, press, in_heading);
        }
        leads.push(sheet.next_no());
        let (one, moved, texts) = print_body(
            &mut sheet,
            a,
            press,
            (width, readings),
            &mut dice,
            in_heading,
        );
        set.push((width, texts));
        one_paragraph.push(one);
        moved_boundary.push(moved);
        let title_at_end = press.heading == HeadingPlace::TitleAtEnd && i == 0;
        if !before && !title_at_end {
            print_heading(&mut sheet, a, press, in_heading);
            heading_last = Some(i);
        }
    }
    if press.heading == HeadingPlace::TitleAtEnd {
        if let Some(first) = articles.first() {
            let last = first.captions.len().checked_sub(1);
            print_heading(
                &mut sheet,
                first,
                press,
                last.filter(|_| press.caption_in_heading),
            );
        }
    }
    // An article set as it would be at another width with two of its paragraphs as one is
    // the one-paragraph reading as well: its lines do not say its width (a neighbour's, or
    // any other a column may have: lines that all end a sentence show only how wide the
    // column is at least).
    for (i, (width, texts)) in set.iter().enumerate().filter(|_| readings) {
        for other in other_widths(texts, *width).filter(|w| w != width) {
            for k in joins_at_width(texts, *width, other) {
                if !one_paragraph[i].contains(&k) {
                    one_paragraph[i].push(k);
                }
            }
        }
    }
    // A banner printed again elsewhere on the page is a banner by its repetition.
    let once = |b: Option<String>| {
        b.filter(|t| sheet.lines.iter().filter(|l| *l == t).count() == 1)
            .map(|t| t.trim_start_matches("## ").to_string())
    };
    let banner_above = banner_above.into_iter().map(once).collect();
    let banner_below = banner_below.into_iter().map(once).collect();
    let mut text = sheet.lines.join("\n");
    text.push('\n');
    Printed {
        text,
        leads,
        one_paragraph,
        moved_boundary,
        banner_above,
        banner_below,
    }
}

/// The narrowest and the widest columns, in characters, an article's lines may be read at.
const MIN_WIDTH: usize = 8;
const MAX_WIDTH: usize = 40;

/// The widths at which a text set at `width` (`texts`, one a paragraph) may give the same
/// lines with two paragraphs as one: a paragraph of two lines or more has its inner lines
/// full, so only widths near `width` can; paragraphs of one line each leave any width from
/// the longest line's on.
fn other_widths(texts: &[String], width: usize) -> std::ops::RangeInclusive<usize> {
    // Full lines run the width give or take a hanging punctuation mark or an indent.
    const NEAR: usize = 4;
    let set: Vec<Vec<String>> = texts.iter().map(|t| set_column(t, width)).collect();
    if set.iter().any(|lines| lines.len() >= 2) {
        return width.saturating_sub(NEAR).max(MIN_WIDTH)..=(width + NEAR).min(MAX_WIDTH);
    }
    let longest = set
        .iter()
        .flatten()
        .map(|l| l.chars().count())
        .max()
        .unwrap_or(0);
    longest.saturating_sub(NEAR).max(MIN_WIDTH)..=MAX_WIDTH
}

/// The paragraphs `k` of a text set at `width` (`texts`, one a paragraph) whose lines are
/// exactly those the text gives set at `other` with paragraphs `k` and `k + 1` as one.
fn joins_at_width(texts: &[String], width: usize, other: usize) -> Vec<usize> {
    let lines: Vec<String> = texts.iter().flat_map(|t| set_column(t, width)).collect();
    (1..texts.len())
        .filter(|&k| {
            let mut alt = Vec::with_capacity(lines.len());
            for (j, t) in texts.iter().enumerate() {
                if j == k {
                    continue;
                }
                match texts.get(j + 1).filter(|_| j + 1 == k) {
                    Some(next) => alt.extend(set_column(&format!("{t}{next}"), other)),
                    None => alt.extend(set_column(t, other)),
                }
            }
            alt == lines
        })
        .map(|k| k - 1)
        .collect()
}

fn banner(press: &Press, k: usize) -> String {
    let b = BANNERS.get(k).copied().unwrap_or_default();
    if press.layout == Layout::Markdown {
        format!("## {b}")
    } else {
        b.to_string()
    }
}

/// The heading's lines grouped as printed: lines that make one part of the heading together
/// (a title over two lines: `组织劳模代表` / `共建“劳模林”`) are one group, printed with hard
/// breaks (two spaces at a line's end) between them.
fn heading_units(a: &Article) -> Vec<&[String]> {
    let mut parts: Vec<&str> = a.kicker.iter().map(String::as_str).collect();
    parts.push(&a.title);
    if let Some(s) = &a.subtitle {
        parts.extend(s.split(" · "));
    }
    let lines = &a.heading;
    let mut units = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let j = (i + 2..=lines.len())
            .rev()
            .find(|&j| parts.contains(&lines[i..j].join(" ").as_str()))
            .unwrap_or(i + 1);
        units.push(&lines[i..j]);
        i = j;
    }
    units
}

/// Prints an article's heading; with `caption` (an index into its captions), that caption
/// after the heading's first unit (before it when the heading is one unit).
fn print_heading(sheet: &mut Sheet, a: &Article, press: &Press, caption: Option<usize>) {
    let units = heading_units(a);
    let caption = caption.and_then(|k| a.caption_list().nth(k));
    let at = usize::from(units.len() > 1);
    for (u, unit) in units.into_iter().enumerate() {
        if u == at {
            if let Some(c) = &caption {
                for line in caption_lines(c) {
                    sheet.push(line);
                }
            }
        }
        let n = unit.len();
        for (k, h) in unit.iter().enumerate() {
            let mark = if k == 0 && press.layout == Layout::Markdown {
                "## "
            } else {
                ""
            };
            let brk = if k + 1 < n { "  " } else { "" };
            sheet.push(format!("{mark}{h}{brk}"));
        }
    }
}

/// The lines of text a paragraph is set in: one line (paragraph layouts) or a column.
fn set_paragraph(text: &str, press: &Press, width: usize, dice: &mut Dice) -> Vec<String> {
    match press.layout {
        Layout::Columns => set_column(text, width),
        Layout::Paragraphs | Layout::Markdown => {
            // Now and then a column break inside a long paragraph (never at a sentence's end:
            // there a reader could not tell it from a paragraph's end).
            let chars: Vec<char> = text.chars().collect();
            if chars.len() > 80 && dice.chance(3) {
                let at = 40 + dice.below(chars.len() - 60);
                let ends = chars
                    .get(at.saturating_sub(1))
                    .is_some_and(|c| "。！？…”".contains(*c));
                if !ends && !chars[at].is_whitespace() && !chars[at - 1].is_whitespace() {
                    let head: String = chars[..at].iter().collect();
                    let tail: String = chars[at..].iter().collect();
                    return vec![head, tail];
                }
            }
            vec![text.to_string()]
        }
    }
}

/// Sets a paragraph in a column `width` characters wide: the first line short by a dropped
/// two-character indent, closing punctuation hanging past the edge, opening punctuation never
/// last on a line, a space where a line breaks kept at the end of the line (as the OCR does).
#[must_use]
pub fn set_column(text: &str, width: usize) -> Vec<String> {
    let cells = width * 2;
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut line = String::new();
    let mut used = 0;
    let mut cap = cells.saturating_sub(4).max(2);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let w = cell(c);
        if used + w > cap && !line.is_empty() {
            // Closing punctuation hangs past the edge (two at most: `。”`).
            let mut hung = 0;
            while hung < 2 && i < chars.len() && CLOSING.contains(&chars[i]) {
                line.push(chars[i]);
                i += 1;
                hung += 1;
            }
            // A space at the edge stays at the end of the line.
            if i < chars.len() && chars[i] == ' ' {
                line.push(' ');
                i += 1;
            }
            // Opening punctuation goes down to the next line.
            let mut carried = String::new();
            while line.ends_with(OPENING) && line.chars().count() > 1 {
                if let Some(o) = line.pop() {
                    carried.insert(0, o);
                }
            }
            out.push(std::mem::take(&mut line));
            used = print_width(&carried);
            line = carried;
            cap = cells;
            continue;
        }
        line.push(c);
        used += w;
        i += 1;
    }
    if !line.is_empty() {
        out.push(line);
    }
    out
}

fn cell(c: char) -> usize {
    print_width(c.encode_utf8(&mut [0; 4]))
}

/// Spaces the characters of a line as the OCR sometimes does (`总 工 会 成 立`, `共 18 个`):
/// a space between two characters where one of them is CJK.
#[must_use]
pub fn letter_space(line: &str) -> String {
    let mut out = String::with_capacity(line.len() * 2);
    let mut prev: Option<char> = None;
    for c in line.chars() {
        if let Some(p) = prev {
            if (is_cjk(p) || is_cjk(c)) && !p.is_whitespace() && !c.is_whitespace() {
                out.push(' ');
            }
        }
        out.push(c);
        prev = Some(c);
    }
    out
}

/// The byte length of a lead's marker and people (`本报讯（…）`, `本报记者 甲 通讯员 乙 报道：`),
/// which are never letter-spaced (the spaces between names there are meaningful).
fn people_end(lead: &str) -> usize {
    // Read in simplified script, as the parser reads (`本報訊`). Its byte offsets are the
    // lead's where the two are as long (an ideograph and its simplified form take three
    // bytes each); otherwise the whole lead stays unspaced.
    let folded = crate::text::script::simplified(lead);
    if folded.len() != lead.len() {
        return lead.len();
    }
    let lead = &*folded;
    let Some(m) = lead_marker_at_start(lead) else {
        return 0;
    };
    let rest = &lead[m..];
    let gap = rest.len() - rest.trim_start().len();
    // In parentheses or not (`本报记者 吴海燕 通讯员 端工宣 报道：`).
    people_span(&rest[gap..]).map_or(m, |p| m + gap + p.end)
}

/// A caption's lines: `■text credit` on one line (a caption in a heading run keeps its
/// credit on its line).
fn caption_lines(c: &crate::model::Caption) -> Vec<String> {
    match &c.credit {
        Some(credit) => vec![format!("■{} {credit}", c.text)],
        None => vec![format!("■{}", c.text)],
    }
}

/// Prints an article's body; returns the paragraphs `k` printed exactly as paragraphs `k`
/// and `k + 1` set as one would be (see [`Printed::one_paragraph`]).
fn print_body(
    sheet: &mut Sheet,
    a: &Article,
    press: &Press,
    (width, readings): (usize, bool),
    dice: &mut Dice,
    in_heading: Option<usize>,
) -> (Vec<usize>, Vec<(usize, usize)>, Vec<String>) {
    let n = a.paragraphs.len();
    let paren = dice.below(3);
    let (open, close) = match paren {
        0 => ('（', '）'),
        1 => ('(', ')'),
        _ => ('(', '）'),
    };
    let trailing_byline = press.byline == BylinePlace::AfterSentence;
    let split_byline = press.byline == BylinePlace::Split && a.byline.is_some();
    let mut body: Vec<String> = Vec::new();
    let mut one_paragraph = Vec::new();
    let mut moved_boundary = Vec::new();
    let mut texts = Vec::new();
    // The previous paragraph's text and its lines as set.
    let mut last: Option<(String, Vec<String>)> = None;
    for (k, p) in a.paragraphs.iter().enumerate() {
        let mut text = p.clone();
        // Where a byline of several names set apart by spaces starts: never letter-spaced,
        // as the lead's people (spaced, they would run into one name).
        let mut names_from = usize::MAX;
        if k + 1 == n && trailing_byline {
            if let Some(b) = &a.byline {
                let gap = if dice.chance(2) { " " } else { "" };
                if b.contains(char::is_whitespace) {
                    names_from = text.len();
                }
                text = format!("{text}{gap}{open}{b}{close}");
            }
        }
        let lines = set_paragraph(&text, press, width, dice);
        if press.layout == Layout::Columns && readings {
            if let Some((prev, prev_lines)) = &last {
                let mut two = prev_lines.clone();
                two.extend(lines.iter().cloned());
                if set_column(&format!("{prev}{text}"), width) == two {
                    one_paragraph.push(k - 1);
                }
                for at in sentence_ends(p) {
                    let mut moved = set_column(&format!("{prev}{}", &p[..at]), width);
                    moved.extend(set_column(&text[at..], width));
                    if moved == two {
                        moved_boundary.push((k - 1, at));
                    }
                }
            }
            last = Some((text.clone(), lines.clone()));
            texts.push(text.clone());
        }
        let protect = if k == 0 { people_end(&text) } else { 0 };
        let mut at = 0;
        for l in lines {
            let start = at;
            at += l.len();
            // The lead's first line is never spaced: its marker (本报讯, 南方工报讯, 本报记者…)
            // is what starts an article.
            let first_lead_line = k == 0 && start == 0;
            let names = at > names_from;
            if press.letter_spacing
                && !first_lead_line
                && !names
                && start >= protect
                && dice.chance(5)
            {
                body.push(letter_space(&l));
            } else {
                body.push(l);
            }
        }
    }
    // Captions go in after a body line chosen by the seed (never before the lead line), or
    // after the body.
    if split_byline {
        // The opening bracket and maybe the start of a name end the last line; the rest of
        // the byline is a line of its own.
        if let (Some(b), Some(last)) = (&a.byline, body.last_mut()) {
            let chars: Vec<char> = b.chars().collect();
            let cut = dice.below(chars.len().min(3));
            let head: String = chars[..cut].iter().collect();
            let tail: String = chars[cut..].iter().collect();
            last.push(open);
            last.push_str(&head);
            body.push(format!("{tail}{close}"));
        }
    }
    let mut inserts: Vec<(usize, Vec<String>)> = a
        .caption_list()
        .enumerate()
        .filter(|(k, _)| Some(*k) != in_heading)
        .map(|(_, c)| {
            let at = if press.captions_inside && body.len() > 1 {
                1 + dice.below(body.len() - 1)
            } else {
                body.len()
            };
            let mut lines = Vec::new();
            match c.credit {
                Some(credit) if dice.chance(2) => lines.push(format!("■{} {credit}", c.text)),
                Some(credit) => {
                    lines.push(format!("■{}", c.text));
                    lines.push(credit);
                }
                None => lines.push(format!("■{}", c.text)),
            }
            (at, lines)
        })
        .collect();
    inserts.sort_by_key(|(at, _)| *at);
    let mut next = inserts.into_iter().peekable();
    for (k, l) in body.into_iter().enumerate() {
        while let Some((_, lines)) = next.next_if(|(at, _)| *at == k) {
            for c in lines {
                sheet.push(c);
            }
        }
        sheet.push(l);
    }
    for (_, lines) in next {
        for c in lines {
            sheet.push(c);
        }
    }
    if !trailing_byline && !split_byline {
        if let Some(b) = &a.byline {
            sheet.push(format!("{open}{b}{close}"));
        }
    }
    (one_paragraph, moved_boundary, texts)
}

/// The byte offsets just after each sentence end inside a paragraph (not at its end, nor
/// before closing punctuation).
fn sentence_ends(p: &str) -> impl Iterator<Item = usize> + '_ {
    p.match_indices(['。', '！', '？'])
        .map(|(i, m)| i + m.len())
        .filter(|&at| at < p.len() && !p[at..].starts_with(CLOSING))
}

/// The placements the sweep reports one by one, each changing one thing from
/// [`Press::columns`] (`mixed` draws every choice from the seed).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placement {
    Before,
    After,
    Split,
    TitleAtEnd,
    CaptionsInside,
    CaptionInHeading,
    BylineAfterSentence,
    BylineSplit,
    Banners,
    LetterSpacing,
    MixedWidths,
    Mixed,
}

impl Placement {
    pub const ALL: [Placement; 12] = [
        Placement::Before,
        Placement::After,
        Placement::Split,
        Placement::TitleAtEnd,
        Placement::CaptionsInside,
        Placement::CaptionInHeading,
        Placement::BylineAfterSentence,
        Placement::BylineSplit,
        Placement::Banners,
        Placement::LetterSpacing,
        Placement::MixedWidths,
        Placement::Mixed,
    ];

    /// A short name for tables.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Placement::Before => "before",
            Placement::After => "after",
            Placement::Split => "split",
            Placement::TitleAtEnd => "title-at-end",
            Placement::CaptionsInside => "captions-in",
            Placement::CaptionInHeading => "caption-in-heading",
            Placement::BylineAfterSentence => "byline-in-text",
            Placement::BylineSplit => "byline-split",
            Placement::Banners => "banners",
            Placement::LetterSpacing => "letter-spaced",
            Placement::MixedWidths => "mixed-widths",
            Placement::Mixed => "mixed",
        }
    }

    /// The press for this placement, in `layout` at `width`, with `seed`.
    #[must_use]
    pub fn press(self, layout: Layout, width: usize, seed: u64) -> Press {
        let mut p = Press {
            layout,
            seed,
            ..Press::columns(width)
        };
        match self {
            Placement::Before => {}
            Placement::After => p.heading = HeadingPlace::After,
            Placement::Split => p.heading = HeadingPlace::Split,
            Placement::TitleAtEnd => p.heading = HeadingPlace::TitleAtEnd,
            Placement::CaptionsInside => p.captions_inside = true,
            Placement::CaptionInHeading => p.caption_in_heading = true,
            Placement::BylineAfterSentence => p.byline = BylinePlace::AfterSentence,
            Placement::BylineSplit => p.byline = BylinePlace::Split,
            Placement::Banners => p.banners = true,
            Placement::LetterSpacing => p.letter_spacing = true,
            Placement::MixedWidths => p.spread = 4,
            Placement::Mixed => {
                let mut d = Dice(seed);
                p.heading = [
                    HeadingPlace::Before,
                    HeadingPlace::After,
                    HeadingPlace::Split,
                    HeadingPlace::TitleAtEnd,
                ][d.below(4)];
                p.byline = if d.chance(2) {
                    BylinePlace::OwnLine
                } else {
                    BylinePlace::AfterSentence
                };
                p.captions_inside = d.chance(2);
                p.banners = d.chance(2);
                p.letter_spacing = d.chance(2);
                p.spread = d.below(5);
                // Drawn last, so the draws above are those of before.
                if d.chance(3) {
                    p.byline = BylinePlace::Split;
                }
                p.caption_in_heading = d.chance(3);
            }
        }
        p
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_column_hangs_closing_punctuation_and_keeps_the_text() {
        let text = "本报讯 近日，某市总工会举办“职工书屋”读书分享会，200余名职工参加。";
        for width in 10..=30 {
            let lines = set_column(text, width);
            let joined: String = lines.concat();
            assert_eq!(joined, text, "width {width}");
            for l in &lines[..lines.len() - 1] {
                assert!(!l.ends_with(OPENING), "{l}");
                let next_first = lines.iter().skip_while(|x| *x != l).nth(1);
                assert!(
                    !next_first.is_some_and(|n| n.starts_with(CLOSING)),
                    "{l} / {next_first:?}"
                );
            }
        }
    }

    #[test]
    fn the_press_says_when_two_paragraphs_print_as_one() {
        // The first paragraph's last line is full and ends its sentence at the edge; the
        // second is one line: the column reads the same as one paragraph.
        let first = "本报讯 近日，某县总工会组织全县环卫行业职工开展免费健康体检。首批体检已于1月15日完成。";
        let second = "县总工会表示，体检结果将建立个人健康档案。";
        let width = (10..=30)
            .find(|&w| {
                let mut two = set_column(first, w);
                two.extend(set_column(second, w));
                two == set_column(&format!("{first}{second}"), w)
            })
            .expect("a width where the two print as one");
        let page =
            crate::parse::parse_text("t", "t", &format!("某县总工会开展职工体检\n{first}\n"));
        let mut a = page.articles[0].clone();
        a.paragraphs = vec![first.to_string(), second.to_string()];
        let printed = print_page(std::slice::from_ref(&a), &Press::columns(width));
        assert_eq!(printed.one_paragraph, [vec![0]]);
        assert_eq!(joined(&a, &[0]).paragraphs, [format!("{first}{second}")]);
        // One width wider the first paragraph's last line is short: nothing to say.
        let printed = print_page(std::slice::from_ref(&a), &Press::columns(width + 1));
        assert_eq!(printed.one_paragraph, [Vec::<usize>::new()]);
    }

    #[test]
    fn the_press_says_when_a_paragraph_boundary_moved_by_a_sentence_prints_the_same() {
        // The first paragraph ends its sentence at the edge; the second is a first line
        // full at the column less its indent, ending a sentence, and a short last line: the
        // column reads the same as the first running on to that sentence, and the rest as a
        // paragraph of one line.
        let first = "本报讯（记者 邱晓峰）3月16日，韶关市总工会在市体育中心举办职工乒乓球比赛，全市32支代表队的190名选手参赛。";
        let second = "比赛设男子团体、女子团体和混合双打项目，历时两天。赛后，市总工会还为参赛职工送上了运动护具。";
        let at = second.find("赛后").expect("a second sentence");
        let prints_the_same = |w: usize| {
            let mut two = set_column(first, w);
            two.extend(set_column(second, w));
            let mut moved = set_column(&format!("{first}{}", &second[..at]), w);
            moved.extend(set_column(&second[at..], w));
            two == moved
        };
        let width = (10..=30)
            .find(|&w| prints_the_same(w))
            .expect("a width where the boundary can move");
        let page = crate::parse::parse_text(
            "t",
            "t",
            &format!("韶关市总工会举办职工乒乓球比赛\n{first}\n"),
        );
        let mut a = page.articles[0].clone();
        a.paragraphs = vec![first.to_string(), second.to_string()];
        let printed = print_page(std::slice::from_ref(&a), &Press::columns(width));
        assert_eq!(printed.moved_boundary, [vec![(0, at)]]);
        assert_eq!(
            moved_reading(&a, 0, at).paragraphs,
            [
                format!("{first}{}", &second[..at]),
                second[at..].to_string()
            ]
        );
        // Where the lines differ, nothing to say.
        let other = (10..=30).find(|&w| !prints_the_same(w)).expect("a width");
        let printed = print_page(std::slice::from_ref(&a), &Press::columns(other));
        assert_eq!(printed.moved_boundary, [Vec::<(usize, usize)>::new()]);
    }

    #[test]
    fn the_press_says_when_an_article_prints_as_one_paragraph_at_another_width() {
        // At 28 characters the lead's first line ends three cells short of the edge (short
        // by more than its indent: the paragraph ends); at 27, a neighbour's width, it is full,
        // and the two paragraphs set as one print the same lines. The page cannot tell.
        let texts = [
            "本报讯 近日，饶平县总工会为300名快递员送去防暑药品。".to_string(),
            "县总工会将继续关心关爱新就业形态劳动者。".to_string(),
        ];
        assert_eq!(joins_at_width(&texts, 28, 28), Vec::<usize>::new());
        assert_eq!(joins_at_width(&texts, 28, 27), vec![0]);
        // (and at 26, its `。` hanging past the edge); at 24 the lead takes two lines: no such
        // reading.
        assert_eq!(joins_at_width(&texts, 28, 26), vec![0]);
        assert_eq!(joins_at_width(&texts, 28, 24), Vec::<usize>::new());
    }

    /// Two articles, each a union body's name and a title before its lead.
    fn two_articles() -> Vec<Article> {
        let page = crate::parse::parse_text(
            "t",
            "t",
            "惠州市惠城区总工会\n开展送温暖活动\n本报讯 近日，惠州市惠城区总工会为困难职工送去慰问品。\n\
             韶关市武江区总工会\n组织劳模宣讲\n本报讯 近日，韶关市武江区总工会组织劳模进企业宣讲。\n",
        );
        assert_eq!(page.articles.len(), 2);
        page.articles
    }

    #[test]
    fn the_press_reports_a_banner_printed_once_beside_a_heading() {
        let articles = two_articles();
        let (mut once, mut twice) = (0, 0);
        for seed in 0..64 {
            let press = Placement::Banners.press(Layout::Columns, 16, seed);
            let printed = print_page(&articles, &press);
            for (k, b) in printed.banner_above.iter().enumerate() {
                let Some(b) = b else { continue };
                // Printed once, right above the article's heading.
                let lines: Vec<&str> = printed.text.lines().filter(|l| !l.is_empty()).collect();
                assert_eq!(
                    lines.iter().filter(|l| *l == b).count(),
                    1,
                    "{}",
                    printed.text
                );
                let at = lines.iter().position(|l| l == b).expect("printed");
                assert_eq!(lines[at + 1], articles[k].heading[0], "{}", printed.text);
                once += 1;
            }
            let mut banners: Vec<&str> = printed
                .text
                .lines()
                .filter(|l| BANNERS.contains(l))
                .collect();
            banners.sort_unstable();
            twice += usize::from(banners.windows(2).any(|w| w[0] == w[1]));
        }
        assert!(once > 0 && twice > 0, "{once} {twice}");
        // With headings after their bodies, a banner after the first one's heading is below it.
        let below = (0..64)
            .map(|seed| {
                let mut press = Placement::Banners.press(Layout::Columns, 16, seed);
                press.heading = HeadingPlace::After;
                print_page(&articles, &press)
            })
            .filter(|p| p.banner_below[0].is_some())
            .count();
        assert!(below > 0);
    }

    #[test]
    fn a_banner_read_into_a_heading_is_told_from_other_heading_changes() {
        let a = &two_articles()[0];
        let mut parsed = a.clone();
        parsed.heading.insert(0, BANNERS[1].to_string());
        let d = vec!["heading".to_string(), "subtitle".to_string()];
        assert!(banner_in_heading(a, Some(BANNERS[1]), None, &d, &parsed));
        // Not the banner printed there, on the other side, or with the body changed too.
        assert!(!banner_in_heading(a, Some(BANNERS[0]), None, &d, &parsed));
        assert!(!banner_in_heading(a, None, Some(BANNERS[1]), &d, &parsed));
        let more = vec!["heading".to_string(), "paragraphs".to_string()];
        assert!(!banner_in_heading(
            a,
            Some(BANNERS[1]),
            None,
            &more,
            &parsed
        ));
    }

    #[test]
    fn a_leads_people_and_a_bylines_names_are_never_letter_spaced() {
        assert_eq!(
            people_end("本报讯（记者甲某 通讯员乙某）近日，"),
            "本报讯（记者甲某 通讯员乙某）".len()
        );
        assert_eq!(
            people_end("本报记者 吴海燕 通讯员 端工宣 报道：1月15日"),
            "本报记者 吴海燕 通讯员 端工宣 报道：".len()
        );
        assert_eq!(
            people_end("本報訊（記者甲某 通訊員乙某）近日，"),
            "本報訊（記者甲某 通訊員乙某）".len()
        );
        let mut a = two_articles()[0].clone();
        a.byline = Some("魏红婷 汪颖".to_string());
        for seed in 0..32 {
            let mut press = Placement::LetterSpacing.press(Layout::Columns, 12, seed);
            press.byline = BylinePlace::AfterSentence;
            let text = print_page(std::slice::from_ref(&a), &press).text;
            assert!(
                text.contains("魏红") && !text.contains("魏 红") && !text.contains("汪 颖"),
                "{text}"
            );
        }
    }

    #[test]
    fn the_text_alone_is_the_pages_text() {
        let articles = two_articles();
        for placement in Placement::ALL {
            for layout in [Layout::Columns, Layout::Paragraphs, Layout::Markdown] {
                for seed in 0..8 {
                    let press = placement.press(layout, 11 + 2 * (seed as usize), seed);
                    assert_eq!(
                        print_text(&articles, &press),
                        print_page(&articles, &press).text,
                        "{placement:?} {layout:?} {seed}"
                    );
                }
            }
        }
    }

    #[test]
    fn letter_spacing_spaces_cjk_only() {
        assert_eq!(letter_space("共18个TCL"), "共 18 个 TCL");
    }
}
