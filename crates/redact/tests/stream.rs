//! Redacting in pieces (`Stream`) gives what redacting at once gives.

use std::path::Path;

use guichet_redact::{redact, Finding, Policy, Redaction, Stream};

/// `input` pushed in pieces of about `piece` bytes (cut on char boundaries).
fn streamed(input: &str, piece: usize) -> Redaction {
    let mut stream = Stream::new(Policy::default());
    let mut all = Redaction {
        text: String::new(),
        findings: Vec::new(),
    };
    let mut add = |r: Redaction| {
        all.text += &r.text;
        all.findings.extend(r.findings);
    };
    let mut at = 0;
    while at < input.len() {
        let mut end = (at + piece).min(input.len());
        while !input.is_char_boundary(end) {
            end += 1;
        }
        add(stream.push(&input[at..end]));
        at = end;
    }
    add(stream.finish());
    all
}

fn ranges(f: &[Finding]) -> Vec<(usize, usize, String)> {
    f.iter()
        .map(|f| (f.range.start, f.range.end, f.placeholder.clone()))
        .collect()
}

fn assert_same(input: &str, piece: usize) {
    let whole = redact(input, &Policy::default());
    let parts = streamed(input, piece);
    let (a, b) = (ranges(&parts.findings), ranges(&whole.findings));
    if let Some(k) = (0..a.len().max(b.len())).find(|&k| a.get(k) != b.get(k)) {
        panic!(
            "pieces of {piece}: finding {k} is {:?}, at once {:?}",
            a.get(k),
            b.get(k)
        );
    }
    assert!(parts.text == whole.text, "texts differ, pieces of {piece}");
}

/// Every corpus sample, labels stripped, one after the other: a few hundred
/// KiB of every kind of material, read in pieces of many sizes.
#[test]
fn corpus_in_pieces_matches_corpus_at_once() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut files = Vec::new();
    for fam in std::fs::read_dir(&root).expect("corpus/") {
        let fam = fam.expect("entry").path();
        if fam.is_dir() {
            for f in std::fs::read_dir(&fam).expect("family") {
                files.push(f.expect("entry").path());
            }
        }
    }
    files.sort();
    let mut input = String::new();
    for f in files
        .iter()
        .filter(|f| f.extension().is_some_and(|e| e == "txt"))
    {
        let raw = std::fs::read_to_string(f).expect("utf-8");
        input.extend(raw.split(['⟦', '⟧']).enumerate().map(|(k, part)| {
            // Odd parts are `KIND:value`: keep the value.
            if k % 2 == 1 {
                part.split_once(':').map_or(part, |(_, v)| v)
            } else {
                part
            }
        }));
        input.push_str("\n\n");
    }
    assert!(input.len() > 64 << 10, "{}", input.len());
    for piece in [1000, 4096, 20_000, 65_536, 1 << 20] {
        assert_same(&input, piece);
    }
}

/// A CSV export far longer than the context a piece carries: its header still
/// names the sensitive column in every piece.
#[test]
fn a_long_table_keeps_its_header() {
    let mut csv = String::from("date;reference;client;CVV;montant\n");
    for k in 0..4000u32 {
        csv += &format!(
            "2026-01-13;REF-{k:06};Client {k};{:03};{}\n",
            k % 1000,
            k * 7
        );
    }
    let parts = streamed(&csv, 4096);
    assert_eq!(parts.findings.len(), 4000);
    assert_eq!(parts.text, redact(&csv, &Policy::default()).text);
}

/// A private key pushed line by line is still one finding.
#[test]
fn a_pem_block_is_never_cut() {
    let body: String = (0..40)
        .map(|k| format!("MIIEv{k:02}QIBADANBgkqhkiG9w0BAQEFAASC\n"))
        .collect();
    let input = format!(
        "{}\n-----BEGIN PRIVATE KEY-----\n{body}-----END PRIVATE KEY-----\nafter\n",
        "log line\n".repeat(2000)
    );
    let parts = streamed(&input, 37);
    assert_eq!(parts.findings.len(), 1);
    assert_eq!(parts.text, redact(&input, &Policy::default()).text);
}

/// Minified JSON on one line of 1 MiB: written in pieces all the same, and
/// nothing under a sensitive key survives.
#[test]
fn one_long_line_is_cut_between_values() {
    let mut json = String::from("[");
    while json.len() < 1 << 20 {
        json += r#"{"id":"pay_8f2a9c1e","password":"Zq81mXk2Lp","amount":15000},"#;
    }
    json += "{}]";
    let mut stream = Stream::new(Policy::default());
    let mut text = String::new();
    let mut biggest = 0;
    for piece in json.as_bytes().chunks(16 << 10) {
        let out = stream.push(std::str::from_utf8(piece).expect("ascii"));
        biggest = biggest.max(out.text.len());
        text += &out.text;
    }
    text += &stream.finish().text;
    assert!(biggest < 200 << 10, "{biggest}");
    assert!(!text.contains("Zq81mXk2Lp"));
    assert!(text.contains("pay_8f2a9c1e"));
}
