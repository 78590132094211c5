#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The five seed pages against `tests/fixtures/seeds/expected.json` (32 articles), one test per
//! page so that each page's mismatches show separately.

use crate::support::expected;

use std::path::Path;

fn check(page_file: &str) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let expected = expected::load(&root.join("tests/fixtures/seeds/expected.json"));
    let bytes = std::fs::read(root.join("seeds").join(page_file)).expect("seed page");
    expected::assert_page(page_file, &bytes, &expected);
}

#[test]
fn seed_000() {
    check("000_d566be7ab6327229.txt");
}

#[test]
fn seed_001() {
    check("001_1682cd0c3cc93468.txt");
}

#[test]
fn seed_002() {
    check("002_bd4738ecc809b008.txt");
}

#[test]
fn seed_003() {
    check("003_158881c878a543ee.txt");
}

#[test]
fn seed_004() {
    check("004_2725b99f7637a51a.txt");
}

#[test]
fn expected_file_holds_32_articles_of_the_5_seeds() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let expected = expected::load(&root.join("tests/fixtures/seeds/expected.json"));
    assert_eq!(expected.len(), 32);
    for e in &expected {
        assert!(
            root.join("seeds").join(&e.page).is_file(),
            "{} is not a seed page",
            e.page
        );
    }
}
