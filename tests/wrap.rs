//! Property tests of the Chinese line wrapper for widths 1..200.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use gongbao::text::width;
use gongbao::text::wrap::{is_closing, is_opening, is_space, may_break, wrap};
use proptest::prelude::*;

use crate::support::cases;

const INDENT: &str = "\u{3000}\u{3000}";

/// Text like the paper's: Chinese characters with punctuation, numbers, Latin words, spaces.
fn article_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        8 => "[工会职工劳模湛江韶关服务新业态司机活动]{1,6}",
        2 => "[，。、；：？！]",
        1 => "[（《“][工会职工]{1,4}[）》”]",
        1 => "[0-9]{1,5}",
        1 => "[a-zA-Z]{1,12}",
        1 => " ",
        1 => "[”）》][，。]",
        1 => "[—…]{2}",
        1 => "[,.;:?!()]",
    ];
    prop::collection::vec(piece, 0..60).prop_map(|v| v.concat())
}

fn visible(s: &str) -> String {
    s.chars().filter(|c| !is_space(*c)).collect()
}

proptest! {
    #![proptest_config(cases::cases(400))]

    #[test]
    fn wraps_within_the_rules(text in article_text(), w in 1usize..200) {
        let lines = wrap(&text, w, INDENT);
        prop_assert!(!lines.is_empty());
        // No character lost, added or reordered (spaces at breaks may go).
        let joined: String = lines.iter().map(|l| l.text.as_str()).collect();
        prop_assert_eq!(visible(&joined), visible(&text));
        // The indent is kept wherever it fits.
        if w >= 8 && !text.is_empty() {
            prop_assert!(lines[0].text.starts_with(INDENT));
        }
        for (i, line) in lines.iter().enumerate() {
            // No line too wide, except a single character wider than the whole width.
            let lw = width(&line.text);
            prop_assert!(lw <= w || line.text.chars().count() == 1,
                "line {} is {} wide at width {}: {:?}", i, lw, w, lines);
            prop_assert!(!line.text.ends_with(is_space) || line.text == INDENT);
        }
        // Forbidden starts and ends only where the line before had no legal break at all
        // (one unbreakable cluster wider than the line).
        for pair in lines.windows(2) {
            let before = pair[0].text.trim_start_matches(INDENT);
            let after = &pair[1].text;
            let bad_start = after.chars().next().is_some_and(is_closing);
            let bad_end = before.chars().last().is_some_and(is_opening);
            if bad_start || bad_end {
                let chars: Vec<char> = before.chars().collect();
                let legal = chars.windows(2).any(|ab| may_break(ab[0], ab[1]));
                prop_assert!(!legal, "avoidable bad break at width {}: {:?}", w, lines);
            }
        }
    }

    #[test]
    fn start_offsets_point_at_each_line(text in article_text(), w in 1usize..120) {
        let lines = wrap(&text, w, INDENT);
        let chars: Vec<char> = text.chars().collect();
        for line in &lines {
            let body = line.text.trim_start_matches(INDENT);
            if let Some(first) = body.chars().next() {
                prop_assert_eq!(chars.get(line.start).copied(), Some(first));
            }
        }
    }
}

#[test]
fn wide_and_narrow_examples() {
    let lead = "本报讯（全媒体记者许接英 通讯员源志杰）近日，江门市蓬江区举办“健康全‘惠’您，服务‘邻距离’”新就业群体主题活动，为200多名网约车司机提供一站式服务。";
    for w in [1, 2, 3, 7, 8, 13, 40, 80] {
        let lines = wrap(lead, w, INDENT);
        for l in &lines {
            assert!(width(&l.text) <= w.max(2), "{w}: {lines:?}");
        }
    }
}
