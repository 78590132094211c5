//! Reading an article's metadata from its text: reporters and correspondents from the lead's
//! parenthesis, the dateline of the lead's first sentence, and kicker / title / subtitle from
//! its heading lines.

use super::lines::{self, Role};
use super::segment::Unit;
use crate::model::Dateline;
use regex::Regex;
use std::sync::OnceLock;

/// The people of a lead and where its text goes on after them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LeadPeople {
    pub reporters: Vec<String>,
    pub correspondents: Vec<String>,
    /// Byte offset in the lead paragraph where the report itself begins.
    pub text_start: usize,
}

/// Reads `本报讯（全媒体记者许接英 通讯员源志杰）近日，…`, `南方工报讯 记者 梁某 通讯员 叶某
/// 近日，…` and `本报记者 王某 报道：…` (see [`lines::people_span`]). A photographer
/// (`图/X`) is no reporter.
#[must_use]
pub fn lead_people(lead: &str) -> LeadPeople {
    people_after(lead, lines::lead_marker_at_start(lead))
}

/// [`lead_people`] of a lead folded to simplified script already (its marker is read
/// without folding it again).
#[must_use]
pub fn lead_people_folded(lead: &str) -> LeadPeople {
    people_after(lead, lines::lead_marker_in_folded(lead))
}

/// The people of `lead` after its marker (`marker` bytes long), if it has one.
fn people_after(lead: &str, marker: Option<usize>) -> LeadPeople {
    let mut out = LeadPeople::default();
    let Some(marker) = marker else {
        return out;
    };
    let after = &lead[marker..];
    let skipped = after.len() - after.trim_start().len();
    let rest = &after[skipped..];
    out.text_start = marker + skipped;
    if let Some(span) = lines::people_span(rest) {
        read_people(&rest[span.people], &mut out);
        out.text_start = marker + skipped + span.text;
    }
    out
}

/// The reporters a byline credits for the text: `文/方某 图/李某` gives 方某.
#[must_use]
pub fn byline_reporters(byline: &str) -> Vec<String> {
    let mut out = LeadPeople::default();
    if lines::byline_of_line(byline).is_some_and(|b| !b.starts_with(['（', '('])) {
        read_people(byline, &mut out);
    }
    out.reporters
}

/// Names by role from `全媒体记者许接英 通讯员源志杰` (names split by spaces or 、). A role
/// word starts a new name even without a space before it (`许接英通讯员源志杰`, where the
/// space fell at the end of a column line).
fn read_people(inner: &str, out: &mut LeadPeople) {
    let mut role = Role::Reporter;
    let mut rest = inner;
    let mut name = String::new();
    let mut flush = |name: &mut String, role: Role| {
        if !name.is_empty() {
            match role {
                Role::Reporter => out.reporters.push(std::mem::take(name)),
                Role::Correspondent => out.correspondents.push(std::mem::take(name)),
                Role::Photo => name.clear(),
            }
        }
    };
    while let Some(c) = rest.chars().next() {
        if let Some((len, r)) = lines::role_at(rest) {
            flush(&mut name, role);
            role = r;
            rest = &rest[len..];
        } else if c.is_whitespace() || matches!(c, '、' | '，' | ',' | '；' | ';') {
            flush(&mut name, role);
            rest = &rest[c.len_utf8()..];
        } else {
            name.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    flush(&mut name, role);
}

fn date_re() -> Option<&'static Regex> {
    static RE: OnceLock<Option<Regex>> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日(?:(?:至|到|—|－|-|～|~)(?:\d{1,2}月)?\d{1,2}日)?",
        )
        .ok()
    })
    .as_ref()
}

fn year_re() -> Option<&'static Regex> {
    static RE: OnceLock<Option<Regex>> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"((?:19|20)\d{2})年(以来|前|底前|之前|起)?").ok())
        .as_ref()
}

/// Full-width digits to ASCII (２０２４ → 2024).
#[must_use]
pub fn fold_digits(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// The first date of the lead's first sentence (`12月9日至13日` gives 12, 9). A year printed
/// with it is kept; otherwise a year stated in that sentence (`举办2024年…培训班`) is used,
/// marked as inferred. A relative date before it (`近日`, `昨日`, `今天`) is the lead's time
/// and gives no date: a date after it is another event's (`近日，…将持续到12月5日`); so is a
/// date in a later sentence.
#[must_use]
pub fn dateline(report: &str) -> Option<Dateline> {
    let sentence_end = report.find(['。', '！', '？']).unwrap_or(report.len());
    if !report[..sentence_end].contains('月') {
        return None;
    }
    let sentence = fold_digits(&report[..sentence_end]);
    // The date needs a digit right before a 月; without one the regex cannot match.
    let digit_month = sentence
        .match_indices('月')
        .any(|(i, _)| i > 0 && sentence.as_bytes()[i - 1].is_ascii_digit());
    if !digit_month {
        return None;
    }
    // Read on the bytes where `\d` can only be an ASCII digit (nearly always); the regexes
    // (built on first use, some 3 million instructions) only for other text.
    let bytes_only = ascii_digits_only(&sentence);
    let caps = if bytes_only {
        find_date(&sentence)?
    } else {
        let c = date_re()?.captures(&sentence)?;
        DateAt {
            whole: c.get(0)?.range(),
            year: c.get(1).map(|m| m.range()),
            month: c.get(2)?.range(),
            day: c.get(3)?.range(),
        }
    };
    let date_at = caps.whole.start;
    if lines::RELATIVE_DATES
        .iter()
        .any(|w| sentence[..date_at].contains(w))
    {
        return None;
    }
    let month: u32 = sentence[caps.month].parse().ok()?;
    let day: u32 = sentence[caps.day].parse().ok()?;
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    let printed_year = caps.year.and_then(|y| sentence[y].parse::<i32>().ok());
    // A stated year needs a 年 (looked for only then).
    let inferred = if printed_year.is_none() && sentence.contains('年') {
        if bytes_only {
            stated_year(&sentence)
        } else {
            year_re()?
                .captures_iter(&sentence)
                .find(|c| c.get(2).is_none())
                .and_then(|c| c.get(1)?.as_str().parse::<i32>().ok())
        }
    } else {
        None
    };
    Some(Dateline {
        year: printed_year.or(inferred),
        year_inferred: inferred.is_some(),
        month,
        day,
        text: sentence[caps.whole].to_string(),
    })
}

/// A date in a sentence as [`date_re`] finds it: the byte ranges of the whole date and of
/// its groups (year, month, day).
struct DateAt {
    whole: std::ops::Range<usize>,
    year: Option<std::ops::Range<usize>>,
    month: std::ops::Range<usize>,
    day: std::ops::Range<usize>,
}

/// Whether the regexes' `\d` (any Unicode decimal digit) matches nothing in `s` but ASCII
/// digits: every other character lies in a block that holds no decimal digit (Latin-1 to
/// Hebrew; general punctuation to the CJK ideographs; the compatibility ideographs to the
/// half-width forms, less the full-width digits, which [`fold_digits`] has folded). Then
/// [`find_date`] and [`stated_year`] find what the regexes find.
fn ascii_digits_only(s: &str) -> bool {
    s.chars().all(|c| {
        matches!(c,
            '\0'..='\u{5FF}'
            | '\u{2000}'..='\u{9FFF}'
            | '\u{F900}'..='\u{FF0F}'
            | '\u{FF1A}'..='\u{FFEF}')
    })
}

fn digit_at(b: &[u8], i: usize) -> bool {
    b.get(i).is_some_and(u8::is_ascii_digit)
}

/// `\d{1,2}` and then `word` at byte `i` of `s`, two digits tried first as the regex does:
/// the digits' range and the byte after `word`.
fn number_then(s: &str, i: usize, word: char) -> Option<(std::ops::Range<usize>, usize)> {
    let b = s.as_bytes();
    [2, 1].into_iter().find_map(|n| {
        ((i..i + n).all(|k| digit_at(b, k)) && s.get(i + n..)?.starts_with(word))
            .then(|| (i..i + n, i + n + word.len_utf8()))
    })
}

/// [`date_re`]'s first match in `s`, where `\d` matches ASCII digits only
/// ([`ascii_digits_only`]): the leftmost start, and there the regex's order of preference
/// (a year first, two digits before one, the range `至13日` taken when it is there).
fn find_date(s: &str) -> Option<DateAt> {
    let b = s.as_bytes();
    (0..b.len())
        .filter(|&i| b[i].is_ascii_digit())
        .find_map(|i| {
            // `(?:(\d{4})年)?`, left out again when the month and day do not follow it.
            let with_year = ((i..i + 4).all(|k| digit_at(b, k))
                && s.get(i + 4..).is_some_and(|t| t.starts_with('年')))
            .then(|| month_day(s, i, i + 4 + '年'.len_utf8(), Some(i..i + 4)))
            .flatten();
            with_year.or_else(|| month_day(s, i, i, None))
        })
}

/// The rest of [`date_re`] from byte `at`, for a match that starts at `start`:
/// `(\d{1,2})月(\d{1,2})日(?:(?:至|到|—|－|-|～|~)(?:\d{1,2}月)?\d{1,2}日)?`.
fn month_day(
    s: &str,
    start: usize,
    at: usize,
    year: Option<std::ops::Range<usize>>,
) -> Option<DateAt> {
    let (month, at) = number_then(s, at, '月')?;
    let (day, mut end) = number_then(s, at, '日')?;
    let rest = s.get(end..).unwrap_or("");
    if let Some(sep) = ['至', '到', '—', '－', '-', '～', '~']
        .into_iter()
        .find(|&c| rest.starts_with(c))
    {
        let after = end + sep.len_utf8();
        let to = number_then(s, after, '月')
            .and_then(|(_, e)| number_then(s, e, '日'))
            .or_else(|| number_then(s, after, '日'));
        if let Some((_, e)) = to {
            end = e;
        }
    }
    Some(DateAt {
        whole: start..end,
        year,
        month,
        day,
    })
}

/// [`year_re`]'s first match in `s` with no word after its 年 (`2024年以来` is no date),
/// where `\d` matches ASCII digits only ([`ascii_digits_only`]). Two of its matches never
/// overlap (a match's digits are followed by its 年), so each byte is a start to try.
fn stated_year(s: &str) -> Option<i32> {
    let b = s.as_bytes();
    (0..b.len()).find_map(|i| {
        let year = b.get(i..i + 4)?;
        let after = s.get(i + 4..)?.strip_prefix('年')?;
        let shaped = (year.starts_with(b"19") || year.starts_with(b"20"))
            && year[2..].iter().all(u8::is_ascii_digit);
        let word = ["以来", "前", "底前", "之前", "起"]
            .iter()
            .any(|w| after.starts_with(w));
        (shaped && !word).then(|| s.get(i..i + 4)?.parse().ok())?
    })
}

/// Kicker, title and subtitle of an article's heading.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TitleParts {
    pub kicker: Option<String>,
    pub title: String,
    pub subtitle: Option<String>,
}

/// Splits heading units into kicker, title and subtitle. A line that is only a union body's
/// name is the kicker, the line after it the title; otherwise the first line is the title.
/// Without a heading, the title is the lead's first words.
#[must_use]
pub fn title_parts(units: &[Unit], report: &str) -> TitleParts {
    let texts: Vec<String> = units.iter().map(Unit::text).collect();
    if texts.is_empty() {
        return TitleParts {
            kicker: None,
            title: fallback_title(report),
            subtitle: None,
        };
    }
    let union_line = units
        .iter()
        .position(|u| u.union_name)
        .filter(|&i| i + 1 < texts.len());
    let (title_at, kicker) = match union_line {
        Some(i) => (i + 1, Some(texts[i].clone())),
        None => (0, None),
    };
    let others: Vec<&str> = texts
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != title_at && Some(*i) != union_line)
        .map(|(_, t)| t.as_str())
        .collect();
    TitleParts {
        kicker,
        title: texts[title_at].clone(),
        subtitle: (!others.is_empty()).then(|| others.join(" · ")),
    }
}

/// The lead's first clause, cut to about 24 characters.
fn fallback_title(report: &str) -> String {
    let clause = report
        .split(['。', '！', '？'])
        .next()
        .unwrap_or(report)
        .trim();
    let mut title: String = clause.chars().take(24).collect();
    if clause.chars().count() > 24 {
        title.push('…');
    }
    if title.is_empty() {
        "（无标题）".to_string()
    } else {
        title
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_lead_people() {
        let p = lead_people("本报讯（全媒体记者许某某 通讯员钟某 陈某）近日，…");
        assert_eq!(p.reporters, ["许某某"]);
        assert_eq!(p.correspondents, ["钟某", "陈某"]);
        assert!(p.text_start > 0);
        let p = lead_people("本报讯（全媒体记者陈某某通讯员潮工宣 林某）12月9日，…");
        assert_eq!(p.reporters, ["陈某某"]);
        assert_eq!(p.correspondents, ["潮工宣", "林某"]);
        let p = lead_people("本报讯(记者王某 通讯员惠工宣)12月1日,…");
        assert_eq!(p.reporters, ["王某"]);
        assert_eq!(p.correspondents, ["惠工宣"]);
        let lead = "本报讯 记者王某 通讯员李某报道：1月20日，…";
        let p = lead_people(lead);
        assert_eq!(p.reporters, ["王某"]);
        assert_eq!(p.correspondents, ["李某"]);
        assert!(lead[p.text_start..].starts_with("1月"));
        let p = lead_people("本报讯 近日，…");
        assert!(p.reporters.is_empty() && p.correspondents.is_empty());
        let p = lead_people("本报讯（记者/罗某某 通讯员/莫某某）1月6日，…");
        assert_eq!(
            (p.reporters, p.correspondents),
            (vec!["罗某某".to_string()], vec!["莫某某".to_string()])
        );
        let lead = "南方工报讯 记者 梁某某 通讯员 叶某、陈某某 近日，…";
        let p = lead_people(lead);
        assert_eq!(p.reporters, ["梁某某"]);
        assert_eq!(p.correspondents, ["叶某", "陈某某"]);
        assert!(lead[p.text_start..].starts_with("近日"));
        let lead = "本报记者 吴某某 通讯员 端工宣 报道：1月15日，…";
        let p = lead_people(lead);
        assert_eq!(
            (p.reporters, p.correspondents),
            (vec!["吴某某".to_string()], vec!["端工宣".to_string()])
        );
        assert!(lead[p.text_start..].starts_with("1月15日"));
        // A photographer is credited in the lead but is no reporter.
        let p = lead_people("本报讯（文/方某某 图/李某某）1月11日，…");
        assert_eq!(p.reporters, ["方某某"]);
        assert!(p.correspondents.is_empty());
    }

    #[test]
    fn bylines_credit_the_text_not_the_photos() {
        assert_eq!(byline_reporters("文/方某某 图/李某某"), ["方某某"]);
        assert_eq!(byline_reporters("文/图 方某某"), ["方某某"]);
        assert!(byline_reporters("云安工").is_empty());
        assert!(byline_reporters("魏某某 汪某").is_empty());
    }

    /// The dates read on the bytes are the regexes' own, on sentences made of the pieces
    /// dates are made of, and `\d` matches nothing but ASCII digits in the blocks where
    /// they are read so.
    #[test]
    fn dates_read_on_bytes_are_the_regexes() {
        let pieces = [
            "1", "2", "0", "9", "19", "20", "年", "月", "日", "至", "到", "—", "－", "-", "～",
            "~", "以来", "前", "底前", "之前", "起", "，", "近日", "a", " ", "1月", "12月", "3日",
            "31日", "2024年", "1999年", "123", "12", "0年", "日至", "月1",
        ];
        let mut seed = 0x2545_F491_4F6C_DD1D_u64;
        // How many dates with a year, with a range, and stated years were compared.
        let (mut years, mut ranges, mut stated) = (0, 0, 0);
        for _ in 0..200_000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let mut x = seed;
            let mut s = String::new();
            for _ in 0..(x % 14) {
                x /= 14;
                if x == 0 {
                    x = seed.rotate_left(29);
                }
                s.push_str(pieces[(x % pieces.len() as u64) as usize]);
                x /= pieces.len() as u64;
            }
            assert!(ascii_digits_only(&s));
            let re = date_re().unwrap().captures(&s).map(|c| {
                (
                    c.get(0).unwrap().range(),
                    c.get(1).map(|m| m.range()),
                    c.get(2).unwrap().range(),
                    c.get(3).unwrap().range(),
                )
            });
            let fast = find_date(&s).map(|d| (d.whole, d.year, d.month, d.day));
            assert_eq!(fast, re, "{s:?}");
            if let Some((whole, year, _, day)) = &re {
                years += usize::from(year.is_some());
                ranges += usize::from(whole.end > day.end + 3);
            }
            let re_year = year_re()
                .unwrap()
                .captures_iter(&s)
                .find(|c| c.get(2).is_none())
                .and_then(|c| c.get(1)?.as_str().parse::<i32>().ok());
            assert_eq!(stated_year(&s), re_year, "{s:?}");
            stated += usize::from(re_year.is_some());
        }
        assert!(
            years > 100 && ranges > 50 && stated > 100,
            "{years} {ranges} {stated}"
        );
        let digit = Regex::new(r"^\d$").unwrap();
        for c in (0..=0x10FFFF_u32).filter_map(char::from_u32) {
            if ascii_digits_only(c.encode_utf8(&mut [0; 4])) {
                assert_eq!(
                    digit.is_match(c.encode_utf8(&mut [0; 4])),
                    c.is_ascii_digit()
                );
            }
        }
    }

    #[test]
    fn reads_datelines() {
        let d = dateline("12月9日至13日，某市总工会举办2024年职工培训班。").unwrap();
        assert_eq!(
            (d.month, d.day, d.year, d.year_inferred),
            (12, 9, Some(2024), true)
        );
        assert_eq!(d.text, "12月9日至13日");
        let d = dateline("２０２３年７月２６日，某会召开。").unwrap();
        assert_eq!((d.year, d.year_inferred, d.month), (Some(2023), false, 7));
        assert!(dateline("近日，某会召开。8月1日又召开。").is_none());
        // A relative date is the lead's time; a date after it is another event's.
        assert!(dateline("昨日，某区总工会走访职工，慰问将持续到1月28日。").is_none());
        assert!(dateline("近日，某会召开会议，会议于1月20日至21日举行。").is_none());
        assert!(dateline("今天上午，某站开放。").is_none());
        let d = dateline("为提升技能，某县总工会举办竞赛，竞赛在1月23日落幕。").unwrap();
        assert_eq!((d.month, d.day), (1, 23));
        assert!(dateline("13月40日，不是日期。").is_none());
    }
}
