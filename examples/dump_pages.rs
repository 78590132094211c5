//! Prints every field of the pages parsed from the seeds, the fixture pages and variants of
//! them (CRLF, GB18030, reordered, thinned, letter-spaced, joined, cut short), for checking
//! that a change to the parser leaves its output byte for byte the same:
//! `cargo run --release --example dump_pages > before.txt`, change, run again, diff.
#![allow(clippy::unwrap_used)]
use gongbao::parse::parse_page;

fn variants(text: &str) -> Vec<(String, Vec<u8>)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = vec![
        ("plain".to_string(), text.as_bytes().to_vec()),
        ("crlf".to_string(), text.replace('\n', "\r\n").into_bytes()),
        (
            "gb18030".to_string(),
            encoding_rs::GB18030.encode(text).0.into_owned(),
        ),
        (
            "controls".to_string(),
            text.replace("。", "。\t\u{1b}").into_bytes(),
        ),
        (
            "reversed".to_string(),
            lines
                .iter()
                .rev()
                .copied()
                .collect::<Vec<_>>()
                .join("\n")
                .into_bytes(),
        ),
        (
            "thinned".to_string(),
            lines
                .iter()
                .step_by(2)
                .copied()
                .collect::<Vec<_>>()
                .join("\n")
                .into_bytes(),
        ),
        (
            "spaced".to_string(),
            lines
                .iter()
                .enumerate()
                .map(|(i, l)| {
                    if i % 3 == 0 {
                        l.chars().map(|c| format!("{c} ")).collect::<String>()
                    } else {
                        (*l).to_string()
                    }
                })
                .collect::<Vec<_>>()
                .join("\n")
                .into_bytes(),
        ),
    ];
    let chars: Vec<char> = text.chars().collect();
    for k in 1..7 {
        let cut: String = chars[..chars.len() * k / 7].iter().collect();
        out.push((format!("cut{k}"), cut.into_bytes()));
    }
    out
}

fn main() {
    let mut inputs: Vec<(String, String)> = gongbao::load::SEEDS
        .iter()
        .map(|(n, b)| ((*n).to_string(), String::from_utf8_lossy(b).into_owned()))
        .collect();
    let mut files: Vec<_> = std::fs::read_dir("tests/fixtures/pages")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        inputs.push((f.display().to_string(), text));
    }
    let joined: Vec<(String, String)> = inputs
        .windows(2)
        .map(|w| {
            (
                format!("{}+{}", w[0].0, w[1].0),
                format!("{}\n{}", w[0].1, w[1].1),
            )
        })
        .collect();
    inputs.extend(joined);
    for (name, text) in &inputs {
        for (v, bytes) in variants(text) {
            println!("=== {name} {v}");
            println!("{:#?}", parse_page(name, name, &bytes));
        }
    }
}
