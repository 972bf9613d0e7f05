//! File names: a key joined to a name by `_` goes, names with nothing secret stay as they are.

use guichet_redact::{redact, redact_file_name, Policy};

#[test]
fn keys_joined_to_a_file_name_by_underscores_go() {
    for (name, kept) in [
        ("app_sprod_4bV9kQz2mXw7LpR8tN3yHc6d.log", "app_"),
        (
            "export_2026_rk_live_4eC39HqLyjWDarjtT1zdp7dc_full.txt",
            "export_2026_",
        ),
        ("shot-sk_live_4eC39HqLyjWDarjtT1zdp7dc.png", "shot-"),
    ] {
        let out = redact_file_name(name, &Policy::default());
        assert_eq!(out.findings.len(), 1, "{name}: {}", out.text);
        assert!(out.text.starts_with(kept), "{}", out.text);
        assert!(
            !out.text.contains("4bV9kQz2") && !out.text.contains("4eC39HqL"),
            "{}",
            out.text
        );
        // The finding's range is the key's place in the name as given.
        let found = &out.findings[0];
        assert!(
            name[found.range.clone()].contains("_live_")
                || name[found.range.clone()].starts_with("sprod_")
        );
    }
}

#[test]
fn two_keys_in_one_name_are_numbered_apart() {
    let name = "a_sk_live_4eC39HqLyjWDarjtT1zdp7dc_b_sprod_4bV9kQz2mXw7LpR8tN3yHc6d.log";
    let out = redact_file_name(name, &Policy::default());
    assert_eq!(out.findings.len(), 2, "{}", out.text);
    assert_ne!(out.findings[0].placeholder, out.findings[1].placeholder);
    assert!(out.findings[0].range.end <= out.findings[1].range.start);
}

#[test]
fn plain_names_stay_as_they_are() {
    for name in [
        "app_2026-01-13.log",
        "Capture_d’écran_10.42.png",
        "sprod_...Qa7x_notes.txt",
        "payout_report_2026_12.csv",
    ] {
        let out = redact_file_name(name, &Policy::default());
        assert_eq!((out.text.as_str(), out.findings.len()), (name, 0));
        // Whatever plain text finds, a file name finds too.
        assert!(redact(name, &Policy::default()).findings.is_empty());
    }
}
