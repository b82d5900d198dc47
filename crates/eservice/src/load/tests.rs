//! Tests of loading definitions: the structure and each semantic rule.

use super::check::{is_mime_type, is_slug};
use super::*;

#[test]
fn every_rule_code_is_listed_once_and_is_snake_case() {
    let unique: BTreeSet<&str> = rules::ALL.iter().copied().collect();
    assert_eq!(unique.len(), rules::ALL.len(), "a rule is listed twice");
    for rule in rules::ALL {
        assert!(
            rule.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'),
            "{rule}"
        );
    }
}

#[test]
fn slugs_are_lowercase_with_single_inner_hyphens() {
    for ok in ["skolbyte", "felanmalan-gata-park", "abc", "a1-b2"] {
        assert!(is_slug(ok), "{ok}");
    }
    for bad in [
        "ab",
        "Skolbyte",
        "-abc",
        "abc-",
        "a--b",
        "åäö",
        "a_b",
        &"a".repeat(65),
    ] {
        assert!(!is_slug(bad), "{bad}");
    }
}

#[test]
fn mime_types_must_be_concrete_and_lowercase() {
    for ok in [
        "image/jpeg",
        "application/pdf",
        "image/svg+xml",
        "application/vnd.ms-excel",
    ] {
        assert!(is_mime_type(ok), "{ok}");
    }
    for bad in [
        "image/*",
        "Image/JPEG",
        "pdf",
        "image/",
        "/jpeg",
        "text/plain; charset=utf-8",
    ] {
        assert!(!is_mime_type(bad), "{bad}");
    }
}
