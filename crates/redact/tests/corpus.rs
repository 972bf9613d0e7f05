//! Recall and precision on the labelled corpus (see `corpus/README.md`).

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

use guichet_redact::{redact, Finding, Kind, Policy};

struct Label {
    kind: String,
    range: Range<usize>,
}

struct Sample {
    family: String,
    name: String,
    text: String,
    labels: Vec<Label>,
}

fn parse(raw: &str) -> (String, Vec<Label>) {
    let mut text = String::with_capacity(raw.len());
    let mut labels = Vec::new();
    let mut rest = raw;
    while let Some(open) = rest.find('⟦') {
        text.push_str(&rest[..open]);
        let inner = &rest[open + '⟦'.len_utf8()..];
        let close = inner.find('⟧').expect("unclosed ⟦");
        let (kind, value) = inner[..close].split_once(':').expect("⟦KIND:value⟧");
        let start = text.len();
        text.push_str(value);
        labels.push(Label {
            kind: kind.to_owned(),
            range: start..text.len(),
        });
        rest = &inner[close + '⟧'.len_utf8()..];
    }
    text.push_str(rest);
    (text, labels)
}

fn samples() -> Vec<Sample> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut files: Vec<PathBuf> = Vec::new();
    for fam in std::fs::read_dir(&root).expect("corpus/") {
        let fam = fam.expect("entry").path();
        if fam.is_dir() {
            for f in std::fs::read_dir(&fam).expect("family") {
                let f = f.expect("entry").path();
                if f.extension().is_some_and(|e| e == "txt") {
                    files.push(f);
                }
            }
        }
    }
    files.sort();
    files
        .into_iter()
        .map(|f| {
            let raw = std::fs::read_to_string(&f).expect("utf-8 sample");
            let (text, labels) = parse(&raw);
            Sample {
                family: f
                    .parent()
                    .and_then(Path::file_name)
                    .expect("family")
                    .to_string_lossy()
                    .into_owned(),
                name: f.file_name().expect("name").to_string_lossy().into_owned(),
                text,
                labels,
            }
        })
        .collect()
}

/// Kinds whose detection is validated (checksum, documented format or
/// structure): recall must be at least `MIN_RECALL`.
fn validated(kind: &str) -> bool {
    // Phone numbers, keyword-only codes and the entropy fallback are "likely"
    // or "possible" by design.
    !matches!(kind, "PHONE" | "PIN" | "OTP" | "CVV" | "TOKEN")
}

/// Whether a finding of kind `found` names a secret labelled `label` rightly
/// (see `corpus/README.md`): the same kind, or a more specific one. A
/// provider key or a JWT is a more specific SECRET, BEARER, BASIC_AUTH or
/// TOKEN; a PASSWORD, PIN, OTP, CVV, PRIVATE_KEY or BANK_ACCOUNT found under
/// its key name is a more specific SECRET.
fn kind_ok(label: &str, found: Kind) -> bool {
    if found.as_str() == label {
        return true;
    }
    let provider = !matches!(
        found,
        Kind::Card
            | Kind::Iban
            | Kind::BankAccount
            | Kind::Jwt
            | Kind::Bearer
            | Kind::BasicAuth
            | Kind::Password
            | Kind::Pin
            | Kind::Otp
            | Kind::Cvv
            | Kind::PrivateKey
            | Kind::Phone
            | Kind::Secret
            | Kind::Token
    );
    match label {
        "SECRET" => {
            provider
                || matches!(
                    found,
                    Kind::Jwt
                        | Kind::Password
                        | Kind::Pin
                        | Kind::Otp
                        | Kind::Cvv
                        | Kind::PrivateKey
                        | Kind::BankAccount
                )
        }
        "BEARER" | "BASIC_AUTH" | "TOKEN" => provider || found == Kind::Jwt,
        _ => false,
    }
}

const MIN_RECALL: f64 = 0.99;
const MIN_KEEP: f64 = 0.95;

#[derive(Default)]
struct Tally {
    labelled: usize,
    hidden: usize,
    kind_ok: usize,
}

#[derive(Default)]
struct Fam {
    secrets: usize,
    hidden: usize,
    keeps: usize,
    kept: usize,
    findings: usize,
    unlabelled: usize,
}

fn covered(findings: &[Finding], r: &Range<usize>) -> bool {
    let mut at = r.start;
    for f in findings {
        if f.range.start <= at && f.range.end > at {
            at = f.range.end;
        }
    }
    at >= r.end
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

#[test]
fn corpus_recall_and_precision() {
    let samples = samples();
    assert!(samples.len() >= 60, "corpus has {} samples", samples.len());
    let policy = Policy::default();
    let mut kinds: BTreeMap<String, Tally> = BTreeMap::new();
    let mut found_by_kind: BTreeMap<&'static str, (usize, usize)> = BTreeMap::new();
    let mut fams: BTreeMap<String, Fam> = BTreeMap::new();
    let mut failures = Vec::new();
    for s in &samples {
        let out = redact(&s.text, &policy);
        let fam = fams.entry(s.family.clone()).or_default();
        for l in &s.labels {
            let overlapping: Vec<&Finding> = out
                .findings
                .iter()
                .filter(|f| f.range.start < l.range.end && l.range.start < f.range.end)
                .collect();
            if l.kind == "KEEP" {
                fam.keeps += 1;
                if overlapping.is_empty() {
                    fam.kept += 1;
                } else {
                    failures.push(format!(
                        "{}/{}: KEEP {:?} redacted as {}",
                        s.family,
                        s.name,
                        &s.text[l.range.clone()],
                        overlapping[0].kind
                    ));
                }
                continue;
            }
            fam.secrets += 1;
            let t = kinds.entry(l.kind.clone()).or_default();
            t.labelled += 1;
            if covered(&out.findings, &l.range) {
                t.hidden += 1;
                fam.hidden += 1;
                if overlapping.iter().any(|f| kind_ok(&l.kind, f.kind)) {
                    t.kind_ok += 1;
                } else {
                    failures.push(format!(
                        "{}/{}: {} hidden as {}",
                        s.family, s.name, l.kind, overlapping[0].kind
                    ));
                }
            } else {
                failures.push(format!(
                    "{}/{}: {} missed ({} bytes)",
                    s.family,
                    s.name,
                    l.kind,
                    l.range.len()
                ));
            }
        }
        for f in &out.findings {
            fam.findings += 1;
            let labelled = s.labels.iter().any(|l| {
                l.kind != "KEEP" && f.range.start < l.range.end && l.range.start < f.range.end
            });
            let e = found_by_kind.entry(f.kind.as_str()).or_default();
            e.0 += 1;
            if labelled {
                e.1 += 1;
            } else {
                fam.unlabelled += 1;
                failures.push(format!(
                    "{}/{}: unlabelled {} {:?}",
                    s.family, s.name, f.kind, f.placeholder
                ));
            }
        }
    }

    println!(
        "\n{:<24} {:>6} {:>7} {:>8} {:>9} {:>9}",
        "kind", "items", "recall", "kind-ok", "findings", "precision"
    );
    let mut low = Vec::new();
    for (k, t) in &kinds {
        let recall = ratio(t.hidden, t.labelled);
        let (n, tp) = found_by_kind.get(k.as_str()).copied().unwrap_or((0, 0));
        println!(
            "{k:<24} {:>6} {:>7.3} {:>8.3} {:>9} {:>9.3}",
            t.labelled,
            recall,
            ratio(t.kind_ok, t.labelled),
            n,
            ratio(tp, n)
        );
        if validated(k) && recall < MIN_RECALL {
            low.push(format!("recall {k} {recall:.3}"));
        }
    }
    for (k, (n, tp)) in &found_by_kind {
        if !kinds.contains_key(*k) {
            println!(
                "{k:<24} {:>6} {:>7} {:>8} {:>9} {:>9.3}",
                0,
                "-",
                "-",
                n,
                ratio(*tp, *n)
            );
        }
    }
    println!(
        "\n{:<12} {:>7} {:>7} {:>6} {:>7} {:>9} {:>10}",
        "family", "secrets", "recall", "keeps", "kept", "findings", "unlabelled"
    );
    let (mut keeps, mut kept) = (0, 0);
    for (name, f) in &fams {
        keeps += f.keeps;
        kept += f.kept;
        println!(
            "{name:<12} {:>7} {:>7.3} {:>6} {:>7.3} {:>9} {:>10}",
            f.secrets,
            ratio(f.hidden, f.secrets),
            f.keeps,
            ratio(f.kept, f.keeps),
            f.findings,
            f.unlabelled
        );
        // Held-out view: no family may fall far below the overall bar.
        if ratio(f.kept, f.keeps) < 0.9 {
            low.push(format!("keep precision in {name}"));
        }
    }
    let total_labels: usize = samples.iter().map(|s| s.labels.len()).sum();
    println!(
        "\n{} samples, {total_labels} labelled items, keep precision {:.3}",
        samples.len(),
        ratio(kept, keeps)
    );
    for f in &failures {
        println!("  {f}");
    }
    if ratio(kept, keeps) < MIN_KEEP {
        low.push(format!("keep precision {:.3}", ratio(kept, keeps)));
    }
    assert!(low.is_empty(), "below thresholds: {low:?}");
}
