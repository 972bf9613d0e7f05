//! Size budgets: what each entry's page makes the browser fetch until it is interactive, at
//! brotli 11 as the server sends it. Sizes are deterministic, so the test run checks them (on
//! the release build of the e2e layer) and the bench reports them; times stay in the bench.

use std::path::Path;

use crate::cmd::Result;
use crate::compress;

/// One entry's first load: what it is, its ceiling and its budget in KiB (brotli).
pub struct Budget {
    /// The entry's page in `dist/`.
    pub page: &'static str,
    /// When a user fetches it.
    pub when: &'static str,
    /// The most its first load may weigh today: a ratchet at the size the entry has now, which
    /// fails when an entry grows and comes down as the size levers land. `None`: reported only.
    pub ceiling: Option<usize>,
    /// The issue's budget, reported beside it.
    pub budget: Option<usize>,
}

/// Every entry. Anyone signed out is sent to the log-in page (the server redirects a page
/// request without a session, and each entry's guard too), so it is the first load of both
/// audiences and holds their budget; each console comes after the log-in.
pub const BUDGETS: [Budget; 4] = [
    Budget {
        page: "login.html",
        when: "first visit: everything until the log-in form is interactive",
        ceiling: Some(200),
        budget: Some(200),
    },
    Budget {
        page: "index.html",
        when: "a merchant, once signed in",
        // 372.5 KiB, then 373.7 with the SLA chip's words and the language reported to the server,
        // then 383.8 with the support experience's pass (notices, plural rules, the ticket page
        // around its conversation, composer tabs, phone layouts, the quick filters), then 407.8
        // with its end (unread markers, the users' search and role dialog, the audit log's
        // filters, figures by period, engineer and merchant, sortable lists read on by cursor),
        // then 469.3 with purchases and refunds (the purchases list with its filters in the
        // address, drawn a window at a time that keeps the keyboard's focus; a purchase, a refund
        // and its decision, the approvals inbox; their words, which the console alone carries),
        // then 491.5 with balances (21 KiB of it, measured with and without their routes: the
        // accounts, the next settlement line by line, the reserve's releases, the last 30 days
        // drawn in the page's own SVG with their table, the settlements read on by cursor and a
        // settlement's page, three reads of the API each a future of its own; their words and
        // styles), the rest the payouts' and reports' domain that came with them; then 546.9
        // with reports (506.7 before the payouts) and payouts (40.2 KiB of it, measured with and
        // without their routes and styles: what may be paid out, the request with its review of
        // the server's expected time, the payouts read by cursor and read again while they move,
        // their decisions, the accounts with the domain's IBAN and wallet checks, their part of
        // « To approve »; their words and styles), then 547.7 with their moves said aloud, then
        // 556.4 with billing (8.5 KiB: the invoices' list, an invoice's page with its lines,
        // totals, files and question to support; their words and styles), then 579.0 with API
        // keys (22.6 KiB: the keys' list, the create, roll, revoke and shown-once dialogs, three
        // forms each sending its own types, the domain's catalogue and checks, their words).
        // The console now carries every area for every role: splitting it by area is the lever.
        ceiling: Some(580),
        budget: None,
    },
    Budget {
        page: "desk.html",
        when: "the provider's desk, once signed in",
        // 349.4 KiB, then 350.8 with the SLA chip's words and the language reported to the server,
        // then 361.9 with the support experience's pass, then 380.3 with its end (unread markers,
        // figures by period, engineer and merchant, sortable lists read on by cursor), then 382.8
        // with purchases and refunds in the domain and the shared navigation's count of refunds
        // to decide (which the desk never shows).
        ceiling: Some(383),
        budget: None,
    },
    Budget {
        page: "wizard.html",
        when: "when a merchant first files a ticket",
        ceiling: None,
        budget: None,
    },
];

/// One file a page fetches as it loads.
pub struct Fetched {
    pub name: String,
    pub raw: usize,
    pub gzip: usize,
    pub brotli: usize,
}

/// The page and every same-origin file it names (`href`, `src`: Trunk's script and its wasm
/// preload, the stylesheet, the icon). The redaction worker is not among them: a page starts
/// it on first use.
pub fn first_load(dist: &Path, page: &str) -> Result<Vec<Fetched>> {
    let html = std::fs::read_to_string(dist.join(page)).map_err(|e| format!("{page}: {e}"))?;
    let mut names = vec![page.to_owned()];
    for attr in ["href=\"/", "src=\"/"] {
        let mut rest = html.as_str();
        while let Some(at) = rest.find(attr) {
            let after = &rest[at + attr.len()..];
            let end = after.find('"').unwrap_or(after.len());
            let name = after[..end].to_owned();
            if !name.is_empty() && !names.contains(&name) {
                names.push(name);
            }
            rest = &after[end..];
        }
    }
    measure(dist, names)
}

/// The redaction worker's files, fetched when a page first redacts.
pub const WORKER: [&str; 3] = [
    "redact-worker_loader.js",
    "redact-worker.js",
    "redact-worker_bg.wasm",
];

/// Sizes of files in `dist/`, as sent: the compressed copies the build wrote beside them, which
/// are what the server sends (compressed here only where a copy is missing).
pub fn measure(dist: &Path, names: impl IntoIterator<Item = String>) -> Result<Vec<Fetched>> {
    names
        .into_iter()
        .map(|name| {
            let path = dist.join(&name);
            let bytes = std::fs::read(&path).map_err(|e| format!("{name}: {e}"))?;
            let copy = |ext: &str, make: fn(&[u8]) -> Vec<u8>| {
                std::fs::metadata(format!("{}.{ext}", path.display()))
                    .map_or_else(|_| make(&bytes).len(), |m| m.len() as usize)
            };
            Ok(Fetched {
                raw: bytes.len(),
                gzip: copy("gz", compress::gzip),
                brotli: copy("br", compress::brotli),
                name,
            })
        })
        .collect()
}

/// One line per entry: `Ok` within its ceiling, `Err` saying it is over.
pub fn check(dist: &Path) -> Vec<std::result::Result<String, String>> {
    BUDGETS
        .iter()
        .filter(|b| dist.join(b.page).exists())
        .map(
            |&Budget {
                 page,
                 ceiling,
                 budget,
                 when,
             }| {
                let files = first_load(dist, page)?;
                let total: usize = files.iter().map(|f| f.brotli).sum();
                let line = format!(
                    "{page} ({when}): {:.1} KiB brotli in {} requests",
                    total as f64 / 1024.0,
                    files.len()
                );
                let target = budget.map_or(String::new(), |b| format!(" (budget {b} KiB)"));
                match ceiling {
                    Some(kib) if total > kib * 1024 => {
                        Err(format!("{line}: over its ceiling of {kib} KiB{target}"))
                    }
                    Some(kib) => Ok(format!("{line}: within its ceiling of {kib} KiB{target}")),
                    None => Ok(line),
                }
            },
        )
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_counts_itself_and_what_it_names() {
        let dir = std::env::temp_dir().join(format!("guichet-budget-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("index.html"),
            r#"<link rel="stylesheet" href="/a-0123.css"><script type="module">import x from "/b.js"</script><link href="/a-0123.css"><img src="/i.svg"><a href="https://x/">"#,
        )
        .unwrap();
        std::fs::write(dir.join("a-0123.css"), "a{}").unwrap();
        std::fs::write(dir.join("i.svg"), "<svg/>").unwrap();
        let names: Vec<String> = first_load(&dir, "index.html")
            .unwrap()
            .into_iter()
            .map(|f| f.name)
            .collect();
        assert_eq!(names, ["index.html", "a-0123.css", "i.svg"]);
        std::fs::remove_dir_all(dir).unwrap();
    }
}
