//! The people of a lead: role words (`全媒体记者`, `通讯员`, `记者/`, `文/`, `图/`), an outlet's
//! name before them (`南方工报记者`), and where the names end and the report begins, with
//! parentheses or without. Reads one lead's text; never decides what a line is.

use super::{is_han, is_open_paren, trim};

/// What a person named in a lead or a credit did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Reporter,
    Correspondent,
    /// A photographer (`图/X`): credited, but not a reporter.
    Photo,
}

/// Role words of leads and credits, longest first. A role may be followed by `/`
/// (`记者/罗嘉欣`); `文/` and `图/` count only with theirs.
pub const ROLES: &[(&str, Role)] = &[
    ("全媒体记者", Role::Reporter),
    ("特约通讯员", Role::Correspondent),
    ("本报记者", Role::Reporter),
    ("见习记者", Role::Reporter),
    ("实习记者", Role::Reporter),
    ("特约记者", Role::Reporter),
    ("首席记者", Role::Reporter),
    ("摄影记者", Role::Photo),
    ("通讯员", Role::Correspondent),
    ("实习生", Role::Reporter),
    ("文/图", Role::Reporter),
    ("文／图", Role::Reporter),
    ("记者", Role::Reporter),
    ("文/", Role::Reporter),
    ("文／", Role::Reporter),
    ("图/", Role::Photo),
    ("图／", Role::Photo),
];

/// The first characters of the [`ROLES`] words.
pub(super) const ROLE_STARTS: &[char] = &[
    '全', '特', '本', '见', '实', '首', '摄', '通', '文', '记', '图',
];

/// Relative dates: they open a report with a time but give no date (a lead's date is printed,
/// `12月9日`), and they are never a name: where the names of a lead without parentheses end
/// (`通讯员 叶敏 近日，…`).
pub const RELATIVE_DATES: &[&str] = &[
    "近日",
    "日前",
    "近期",
    "昨日",
    "昨天",
    "今日",
    "今天",
    "前不久",
    "本周",
    "上周",
];

/// The longest outlet name before a role word or a 讯 (`南方工报`, `中山日报`).
const OUTLET_NAME_MAX: usize = 6;

/// The role word `s` starts with, with an outlet's name in front (`南方工报记者`) and a `/`
/// after it (`记者/`): its byte length and role.
#[must_use]
pub fn role_at(s: &str) -> Option<(usize, Role)> {
    let role = |at: usize| {
        // Most text starts no role word: its first character says so without comparing.
        let first = s[at..].chars().next()?;
        if !ROLE_STARTS.contains(&first) {
            return None;
        }
        ROLES
            .iter()
            .find(|(r, _)| s[at..].starts_with(r))
            .map(|(w, r)| (at, *w, *r))
    };
    let (outlet, word, role) = outlet_name_len(s).and_then(role).or_else(|| role(0))?;
    let mut len = outlet + word.len();
    if !word.ends_with(['/', '／']) {
        len += s[len..]
            .chars()
            .next()
            .filter(|c| matches!(c, '/' | '／'))
            .map_or(0, char::len_utf8);
    }
    Some((len, role))
}

/// The byte length of an outlet's name that `s` starts with: ideographs ending in 报
/// (`南方工报`, `江门日报`, `本报`), at most [`OUTLET_NAME_MAX`] of them.
pub(super) fn outlet_name_len(s: &str) -> Option<usize> {
    if !bao_near_start(s) {
        return None;
    }
    let mut end = None;
    for (n, (i, c)) in s.char_indices().enumerate() {
        if n >= OUTLET_NAME_MAX || !is_han(c) {
            break;
        }
        if c == '报' && n >= 1 {
            end = Some(i + c.len_utf8());
        }
    }
    end
}

/// Whether 报 (E6 8A A5) stands in the bytes that [`OUTLET_NAME_MAX`] characters can take
/// at the start of `s`: most text has none, and this tells without decoding a character (a
/// match of all three bytes is always a whole character). Branch-free over a fixed block,
/// so the compiler unrolls it.
pub(super) fn bao_near_start(s: &str) -> bool {
    const SPAN: usize = OUTLET_NAME_MAX * 4;
    let mut head = [0u8; SPAN];
    let n = s.len().min(SPAN);
    head[..n].copy_from_slice(&s.as_bytes()[..n]);
    (0..SPAN - 2).fold(false, |found, i| {
        found | ((head[i] == 0xE6) & (head[i + 1] == 0x8A) & (head[i + 2] == 0xA5))
    })
}

/// The byte length of the `报道：` a text starts with (the colon optional), letter-spaced or
/// not (`报 道 ：`).
fn reported_len(t: &str) -> Option<usize> {
    let after = t.strip_prefix('报')?;
    let after = after
        .trim_start_matches(char::is_whitespace)
        .strip_prefix('道')?;
    let spaced = after.trim_start_matches(char::is_whitespace);
    let colon = spaced
        .chars()
        .next()
        .filter(|c| matches!(c, '：' | ':'))
        .map_or(0, char::len_utf8);
    let rest = if colon > 0 { &spaced[colon..] } else { after };
    Some(t.len() - rest.len())
}

/// Where the people of a lead stand, in the text right after its marker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeopleSpan {
    /// The names with their role words, without parentheses or 报道.
    pub people: std::ops::Range<usize>,
    /// Where the people's text ends: after the closing parenthesis or `报道：`.
    pub end: usize,
    /// Where the report itself begins.
    pub text: usize,
    /// In parentheses.
    pub parenthesized: bool,
}

/// The people a lead names after its marker: `（全媒体记者许某 通讯员钟某）`, or without
/// parentheses `记者 梁某 通讯员 叶某 陈某 近日，…` and `记者王某报道：…`. Names are runs of
/// ideographs separated by spaces, 、 or role words; without parentheses a name must be
/// followed by one of those (or 报道), so the report's first words are never taken for one.
#[must_use]
pub fn people_span(rest: &str) -> Option<PeopleSpan> {
    if let Some(open) = rest.chars().next().filter(|c| is_open_paren(*c)) {
        let close = rest.find(['）', ')'])?;
        let inner = &rest[open.len_utf8()..close];
        if !(0..inner.len())
            .filter(|&i| inner.is_char_boundary(i))
            .any(|i| role_at(&inner[i..]).is_some())
        {
            return None;
        }
        let end = close + rest[close..].chars().next().map_or(1, char::len_utf8);
        return Some(PeopleSpan {
            people: open.len_utf8()..close,
            end,
            text: end,
            parenthesized: true,
        });
    }
    role_at(rest)?;
    let is_sep = |c: char| c.is_whitespace() || matches!(c, '、' | '，' | ',');
    let mut i = 0;
    let mut names = 0;
    // The end of the last name or role read.
    let mut last = 0;
    loop {
        let t = &rest[i..];
        let skipped = t.len()
            - t.trim_start_matches(|c: char| c.is_whitespace() || c == '、')
                .len();
        let t = &t[skipped..];
        i += skipped;
        if let Some(len) = reported_len(t) {
            let end = i + len;
            let text = end + (rest[end..].len() - trim(&rest[end..]).len());
            return (names > 0).then_some(PeopleSpan {
                people: 0..last,
                end,
                text,
                parenthesized: false,
            });
        }
        if let Some((len, _)) = role_at(t) {
            i += len;
            last = i;
            continue;
        }
        // A run of ideographs up to a separator, a role word or 报道.
        let mut run = 0;
        for (k, c) in t.char_indices() {
            if !(is_han(c) || c == '·')
                || (k > 0 && (role_at(&t[k..]).is_some() || t[k..].starts_with("报道")))
            {
                break;
            }
            run = k + c.len_utf8();
        }
        let word = &t[..run];
        let n = word.chars().count();
        let next = t[run..].chars().next();
        let ends_name = next.is_none_or(|c| is_sep(c) && c != '，' && c != ',')
            || role_at(&t[run..]).is_some()
            || t[run..].starts_with("报道");
        let timed = RELATIVE_DATES.iter().find(|w| word.ends_with(**w));
        if (2..=8).contains(&n) && ends_name && !RELATIVE_DATES.contains(&word) {
            names += 1;
            i += run;
            last = i;
            continue;
        }
        // A name run into the report's first word (`叶敏近日，`).
        if let Some(w) = timed.filter(|w| (2..=4).contains(&(n - w.chars().count()))) {
            names += 1;
            i += run - w.len();
            last = i;
        }
        break;
    }
    (names > 0).then_some(PeopleSpan {
        people: 0..last,
        end: last,
        text: i,
        parenthesized: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(rest: &str) -> (&str, &str) {
        let p = people_span(rest).unwrap();
        (&rest[p.people], &rest[p.text..])
    }

    #[test]
    fn role_starts_are_the_roles_first_characters() {
        let mut firsts: Vec<char> = ROLES.iter().filter_map(|(r, _)| r.chars().next()).collect();
        firsts.sort_unstable();
        firsts.dedup();
        let mut starts = ROLE_STARTS.to_vec();
        starts.sort_unstable();
        assert_eq!(firsts, starts);
    }

    #[test]
    fn outlet_names_read_on_bytes_agree_with_the_characters() {
        // The rule on characters: up to six ideographs, the name ending at the last 报 after
        // the first.
        let by_chars = |s: &str| {
            let mut end = None;
            for (n, (i, c)) in s.char_indices().enumerate() {
                if n >= OUTLET_NAME_MAX || !is_han(c) {
                    break;
                }
                if c == '报' && n >= 1 {
                    end = Some(i + c.len_utf8());
                }
            }
            end
        };
        for s in [
            "",
            "报",
            "本报",
            "本报讯",
            "南方工报记者",
            "南方工人日报",
            "羊城晚报报",
            "报报报报报报报",
            "a本报",
            "本a报",
            "𠀀报讯",
            "江门日报讯",
            "中山日报社记者",
            "本報讯",
            "、报",
        ] {
            assert_eq!(outlet_name_len(s), by_chars(s), "{s}");
        }
    }

    #[test]
    fn roles_with_outlets_and_slashes() {
        assert_eq!(role_at("记者/罗某"), Some(("记者/".len(), Role::Reporter)));
        assert_eq!(
            role_at("南方工报记者 王某"),
            Some(("南方工报记者".len(), Role::Reporter))
        );
        assert_eq!(role_at("图/李某"), Some(("图/".len(), Role::Photo)));
        assert_eq!(role_at("文化站"), None);
        assert_eq!(
            role_at("记者王某报道"),
            Some(("记者".len(), Role::Reporter))
        );
    }

    #[test]
    fn people_with_and_without_parentheses() {
        assert_eq!(
            names("（记者/罗某 通讯员/莫某）1月6日，…"),
            ("记者/罗某 通讯员/莫某", "1月6日，…")
        );
        assert_eq!(
            names("记者 梁某某 通讯员 叶某 陈某某 近日，潮州…"),
            ("记者 梁某某 通讯员 叶某 陈某某", "近日，潮州…")
        );
        // A name run into the report's relative date.
        assert_eq!(
            names("记者 梁某某 通讯员 叶某近日，…"),
            ("记者 梁某某 通讯员 叶某", "近日，…")
        );
        assert_eq!(
            names("本报记者 吴某某 报道：1月15日，…"),
            ("本报记者 吴某某", "1月15日，…")
        );
        let p = people_span("记者王某报道：1月").unwrap();
        assert!(!p.parenthesized && "记者王某报道：1月"[..p.end].ends_with('：'));
        // The report's first words are no name: they are not followed by a space.
        assert_eq!(people_span("记者了解到，…"), None);
        assert_eq!(people_span("记者从市总工会获悉，…"), None);
        assert_eq!(people_span("（以下简称“联合会”）"), None);
    }
}
