//! `guichet-redact [--json] [--keep-phones] < file`: prints the redacted text,
//! or a JSON object with the text and the findings.

use std::io::{Read, Write};
use std::process::ExitCode;

use guichet_redact::{redact, Policy, Redaction};

fn main() -> ExitCode {
    let mut json = false;
    let mut policy = Policy::default();
    for arg in std::env::args().skip(1) {
        match arg.as_str() {
            "--json" => json = true,
            "--keep-phones" => policy.keep_phone_numbers = true,
            "--no-entropy" => policy.entropy_fallback = false,
            "-h" | "--help" => {
                println!("usage: guichet-redact [--json] [--keep-phones] [--no-entropy] < file");
                return ExitCode::SUCCESS;
            }
            other => {
                eprintln!("guichet-redact: unknown argument {other:?} (try --help)");
                return ExitCode::from(2);
            }
        }
    }
    let mut raw = Vec::new();
    if let Err(e) = std::io::stdin().read_to_end(&mut raw) {
        eprintln!("guichet-redact: cannot read standard input: {e}");
        return ExitCode::FAILURE;
    }
    // Invalid bytes become U+FFFD: the engine works on text, and nothing of
    // the input may pass through unexamined.
    let input = String::from_utf8_lossy(&raw);
    let out = redact(&input, &policy);
    let rendered = if json { to_json(&out) } else { out.text };
    let mut stdout = std::io::stdout().lock();
    if stdout
        .write_all(rendered.as_bytes())
        .and_then(|()| stdout.flush())
        .is_err()
    {
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}

fn to_json(r: &Redaction) -> String {
    let mut s = String::with_capacity(r.text.len() + 128 * r.findings.len() + 32);
    s.push_str("{\"text\":");
    string(&mut s, &r.text);
    s.push_str(",\"findings\":[");
    for (i, f) in r.findings.iter().enumerate() {
        if i > 0 {
            s.push(',');
        }
        s.push_str("{\"kind\":");
        string(&mut s, f.kind.as_str());
        s.push_str(",\"rule\":");
        string(&mut s, f.rule);
        s.push_str(&format!(
            ",\"start\":{},\"end\":{}",
            f.range.start, f.range.end
        ));
        s.push_str(",\"placeholder\":");
        string(&mut s, &f.placeholder);
        s.push_str(",\"confidence\":");
        string(&mut s, f.confidence.as_str());
        s.push_str(",\"fingerprint\":");
        match &f.fingerprint {
            Some(fp) => string(&mut s, fp),
            None => s.push_str("null"),
        }
        s.push_str(if f.test {
            ",\"test\":true}"
        } else {
            ",\"test\":false}"
        });
    }
    s.push_str("]}\n");
    s
}

/// A JSON string literal (RFC 8259 escaping).
fn string(out: &mut String, v: &str) {
    out.push('"');
    for c in v.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if u32::from(c) < 0x20 => out.push_str(&format!("\\u{:04x}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
}
