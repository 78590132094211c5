#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Property tests: the parser never panics, and nothing of a page is lost. For any page that
//! parses, the multiset of alphanumeric characters of the decoded input equals the multiset
//! over everything the page's output shows: every article's heading lines, paragraphs,
//! captions, caption credits and byline, plus the page's banners and unplaced text.
//! (Reporters and correspondents are copies from the lead and are not counted.)

use gongbao::parse::parse_page;
use proptest::prelude::*;

use crate::support::cases;
use std::path::Path;

use crate::support::nothing_lost;
use nothing_lost::check_nothing_lost;

const SEEDS: &[&str] = &[
    "000_d566be7ab6327229.txt",
    "001_1682cd0c3cc93468.txt",
    "002_bd4738ecc809b008.txt",
    "003_158881c878a543ee.txt",
    "004_2725b99f7637a51a.txt",
];

fn seed_text(i: usize) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("seeds")
        .join(SEEDS[i % SEEDS.len()]);
    std::fs::read_to_string(path).unwrap()
}

fn fixture_pages() -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pages");
    let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "txt"))
                .map(|p| {
                    let name = p.file_name().unwrap().to_string_lossy().into_owned();
                    (name, std::fs::read(&p).unwrap())
                })
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

#[test]
fn nothing_lost_on_the_seed_pages() {
    let errors: Vec<String> = (0..SEEDS.len())
        .filter_map(|i| check_nothing_lost(SEEDS[i], seed_text(i).as_bytes()).err())
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

#[test]
fn nothing_lost_on_the_fixture_pages() {
    let pages = fixture_pages();
    assert!(!pages.is_empty(), "no fixture pages found");
    let errors: Vec<String> = pages
        .iter()
        .filter_map(|(name, bytes)| check_nothing_lost(name, bytes).err())
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

/// One edit of a page.
#[derive(Debug, Clone)]
enum Mutation {
    DeleteLine(usize),
    DuplicateLine(usize),
    SwapLines(usize, usize),
    InsertBytes(usize, Vec<u8>),
    InsertText(usize, &'static str),
}

const INSERTS: &[&str] = &[
    "■",
    "本报讯",
    "（",
    "）",
    "(",
    ")",
    "■图为现场。 单位供图",
    "单位供图",
    "（惠工）",
    "## ",
    "  ",
    "\n",
    "\n\n",
    "本报讯（全媒体记者",
    "通讯员",
    "12 月 9 日",
    "。",
    "”",
    "“",
    "\u{3000}",
];

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        any::<usize>().prop_map(Mutation::DeleteLine),
        any::<usize>().prop_map(Mutation::DuplicateLine),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
        (any::<usize>(), prop::collection::vec(any::<u8>(), 1..6))
            .prop_map(|(a, b)| Mutation::InsertBytes(a, b)),
        (any::<usize>(), prop::sample::select(INSERTS))
            .prop_map(|(a, t)| Mutation::InsertText(a, t)),
    ]
}

fn apply(bytes: Vec<u8>, m: &Mutation) -> Vec<u8> {
    let lines = |b: &[u8]| -> Vec<Vec<u8>> {
        b.split_inclusive(|&c| c == b'\n')
            .map(<[u8]>::to_vec)
            .collect()
    };
    match m {
        Mutation::DeleteLine(i) => {
            let mut l = lines(&bytes);
            if !l.is_empty() {
                let n = l.len();
                l.remove(i % n);
            }
            l.concat()
        }
        Mutation::DuplicateLine(i) => {
            let mut l = lines(&bytes);
            if !l.is_empty() {
                let n = l.len();
                let x = l[i % n].clone();
                l.insert(i % n, x);
            }
            l.concat()
        }
        Mutation::SwapLines(a, b) => {
            let mut l = lines(&bytes);
            if !l.is_empty() {
                let n = l.len();
                l.swap(a % n, b % n);
            }
            l.concat()
        }
        Mutation::InsertBytes(at, ins) => {
            let mut b = bytes;
            let at = at % (b.len() + 1);
            b.splice(at..at, ins.iter().copied());
            b
        }
        Mutation::InsertText(at, t) => match String::from_utf8(bytes) {
            // At a character boundary, so that the page stays UTF-8.
            Ok(s) => {
                let bounds: Vec<usize> =
                    s.char_indices().map(|(i, _)| i).chain([s.len()]).collect();
                let at = bounds[at % bounds.len()];
                let mut s = s;
                s.insert_str(at, t);
                s.into_bytes()
            }
            Err(e) => {
                let mut b = e.into_bytes();
                let at = at % (b.len() + 1);
                b.splice(at..at, t.bytes());
                b
            }
        },
    }
}

/// Text made of the pieces pages are made of, in random order.
fn pagey_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        prop::sample::select(INSERTS).prop_map(str::to_string),
        prop::sample::select(
            &[
                "惠州市总工会",
                "东莞长安镇总工会",
                "近日，",
                "举办职工技能大赛",
                "（全媒体记者李明 通讯员惠工宣）",
                "12月3日至5日，",
                "市总",
                "梅州",
                "2024年",
                "\n\n",
                "\r\n",
                "(许文)",
            ][..]
        )
        .prop_map(str::to_string),
        "[\\u{4e00}-\\u{4e40}，。、]{1,20}",
        any::<String>(),
    ];
    prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(cases::cases(256))]

    #[test]
    fn random_strings_never_panic(s in any::<String>()) {
        let _ = parse_page("r", "random.txt", s.as_bytes());
    }

    #[test]
    fn random_bytes_never_panic(b in prop::collection::vec(any::<u8>(), 0..2000)) {
        let _ = parse_page("r", "random.bin", &b);
    }

    #[test]
    fn pagey_text_never_panics_and_loses_nothing(s in pagey_text()) {
        if let Err(e) = check_nothing_lost("pagey.txt", s.as_bytes()) {
            return Err(TestCaseError::fail(format!("{e}\ninput: {s:?}")));
        }
    }
}

proptest! {
    #![proptest_config(cases::cases(96))]

    #[test]
    fn mutated_seed_pages_never_panic_and_lose_nothing(
        seed in 0..SEEDS.len(),
        edits in prop::collection::vec(mutation(), 1..8),
    ) {
        let mut bytes = seed_text(seed).into_bytes();
        for m in &edits {
            bytes = apply(bytes, m);
        }
        if let Err(e) = check_nothing_lost(SEEDS[seed], &bytes) {
            return Err(TestCaseError::fail(format!("{e}\nedits: {edits:?}")));
        }
    }
}
