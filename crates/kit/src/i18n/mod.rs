//! Every visible string, in French and English, with a lookup that follows the chosen locale.
//!
//! Each locale is a plain text file, `key = value` per line, `#` for comments, `{name}` for
//! placeholders.

use std::collections::HashMap;
use std::sync::OnceLock;

use leptos::text_prop::TextProp;

use crate::state::locale::current_locale;

mod intl;
pub mod labels;
pub mod money;
pub mod time;

/// A language the app speaks: the domain's, since the server writes the user's mail in it too.
/// Adding one is a [`guichet_domain::Language`] variant and one more file here.
pub use guichet_domain::Language as Locale;

fn source(locale: Locale) -> &'static str {
    match locale {
        Locale::En => include_str!("en.txt"),
        Locale::Fr => include_str!("fr.txt"),
    }
}

fn catalog(locale: Locale) -> &'static HashMap<&'static str, &'static str> {
    static EN: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    static FR: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    let cell = match locale {
        Locale::En => &EN,
        Locale::Fr => &FR,
    };
    cell.get_or_init(|| parse(source(locale)))
}

/// Parses a locale file. Malformed lines are skipped; the unit tests keep the files clean.
pub fn parse(source: &str) -> HashMap<&str, &str> {
    source
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .filter_map(|line| line.split_once('='))
        .map(|(key, value)| (key.trim(), value.trim()))
        .collect()
}

thread_local! {
    /// The texts entries add to the kit's ([`extend`]).
    static EXTRA: std::cell::RefCell<Vec<(Locale, HashMap<&'static str, &'static str>)>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

/// Adds a product area's texts for `locale`, in the locale files' form: the entry that shows
/// the area adds them as it starts, so that entries without it do not carry its words (every
/// entry carries the kit's files, and the log-in page has a budget).
pub fn extend(locale: Locale, source: &'static str) {
    EXTRA.with(|extra| extra.borrow_mut().push((locale, parse(source))));
}

/// An area's own locale files, one a language (`en.txt`, `fr.txt` beside its `texts.rs`): words
/// only the entry that shows the area carries, added to the lookup as that entry starts.
pub type AreaTexts = fn(Locale) -> &'static str;

/// An area's `register()` (its words added to the lookup: once, before the first page shows)
/// and `source(locale)`, from its two files as the area includes them, with a test that the
/// files hold the same keys, each with the same placeholders:
///
/// ```ignore
/// guichet_kit::area_texts!(include_str!("en.txt"), include_str!("fr.txt"));
/// ```
///
/// (`include_str!` is written by the area: a path in a macro's body would be read from here.)
#[macro_export]
macro_rules! area_texts {
    ($en:expr, $fr:expr $(,)?) => {
        /// Adds the area's texts to the lookup: once, before the first page shows.
        pub fn register() {
            $crate::i18n::extend_area(source);
        }

        /// The area's locale file for `locale`.
        pub fn source(locale: $crate::i18n::Locale) -> &'static str {
            match locale {
                $crate::i18n::Locale::En => $en,
                $crate::i18n::Locale::Fr => $fr,
            }
        }

        /// Both files hold the same keys, each with the same placeholders.
        #[cfg(test)]
        #[test]
        fn the_files_agree() {
            assert_eq!(
                $crate::i18n::area_disagreements(source),
                Vec::<String>::new()
            );
        }
    };
}

/// Adds an area's texts to the lookup: once, before the first page shows.
pub fn extend_area(texts: AreaTexts) {
    for locale in Locale::ALL {
        extend(locale, texts(locale));
    }
}

/// What differs between an area's files: a key one language lacks, or a text whose
/// placeholders (`{n}`) are not the other's. Empty when they agree (each area's test).
pub fn area_disagreements(texts: AreaTexts) -> Vec<String> {
    let (en, fr) = (parse(texts(Locale::En)), parse(texts(Locale::Fr)));
    let names = |v: &str| {
        let mut names: Vec<String> = v
            .split('{')
            .skip(1)
            .filter_map(|s| s.split_once('}').map(|(n, _)| n.to_owned()))
            .collect();
        names.sort();
        names
    };
    let mut found: Vec<String> = fr
        .keys()
        .filter(|k| !en.contains_key(*k))
        .map(|k| format!("en lacks {k}"))
        .collect();
    for (key, text) in &en {
        match fr.get(key) {
            None => found.push(format!("fr lacks {key}")),
            Some(other) if names(text) != names(other) => {
                found.push(format!("{key}: placeholders differ"))
            }
            Some(_) => {}
        }
    }
    found
}

/// The text for `key` in `locale`, if the kit's file or a text added with [`extend`] has it.
pub fn lookup(locale: Locale, key: &str) -> Option<&'static str> {
    catalog(locale).get(key).copied().or_else(|| {
        EXTRA.with(|extra| {
            extra
                .borrow()
                .iter()
                .filter(|(l, _)| *l == locale)
                .find_map(|(_, texts)| texts.get(key).copied())
        })
    })
}

/// Replaces each `{name}` in `template` with its value.
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = template.to_owned();
    for (name, value) in args {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

/// A whole number in the current locale's way: "20,000", « 20 000 » (a narrow no-break space).
pub fn integer(n: usize) -> String {
    group_digits(&n.to_string(), current_locale())
}

/// Digits in groups of three, with the locale's separator.
pub fn group_digits(digits: &str, locale: Locale) -> String {
    let separator = match locale {
        Locale::En => ",",
        Locale::Fr => "\u{202f}",
    };
    let mut out = String::with_capacity(digits.len() + 8);
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push_str(separator);
        }
        out.push(d);
    }
    out
}

/// The text for `key` in the current locale; inside a reactive closure it follows locale
/// changes. An unknown key shows itself, so a gap is visible rather than blank.
pub fn t(key: &str) -> String {
    t_in(current_locale(), key)
}

/// [`t`] with `{name}` placeholders filled in.
pub fn tr(key: &str, args: &[(&str, &str)]) -> String {
    fill(&t(key), args)
}

/// The text for `key` that agrees with the count `n`, whose `{n}` is the number written the
/// locale's way: the file holds one line per CLDR plural category the language has (`key.one`,
/// `key.other`; `key.few`, `key.many` where a language needs them), and the browser's
/// `Intl.PluralRules` says which one `n` takes (« 0 ticket », "0 tickets"). Natively, where there
/// is no `Intl`, `key.other`.
pub fn trn(key: &str, n: usize, args: &[(&str, &str)]) -> String {
    let locale = current_locale();
    let category = intl::plural_category(locale.tag(), n);
    let template = category
        .and_then(|c| lookup(locale, &format!("{key}.{c}")))
        .map(str::to_owned)
        .unwrap_or_else(|| t_in(locale, &format!("{key}.other")));
    let shown = integer(n);
    let mut all = vec![("n", shown.as_str())];
    all.extend_from_slice(args);
    fill(&template, &all)
}

/// The text for `key` in a given locale, falling back to English, then to the key itself.
pub fn t_in(locale: Locale, key: &str) -> String {
    lookup(locale, key)
        .or_else(|| lookup(Locale::En, key))
        .unwrap_or(key)
        .to_owned()
}

/// A reactive text for a component prop: it follows locale changes.
pub fn text(key: &'static str) -> TextProp {
    TextProp::from(move || t(key))
}

/// Translates a message key sent by the server (`error.email_taken`), or returns the text
/// unchanged when it is not a key we know (a server may send plain prose).
pub fn t_or_raw(text: &str) -> String {
    match lookup(current_locale(), text).or_else(|| lookup(Locale::En, text)) {
        Some(found) => found.to_owned(),
        None => text.to_owned(),
    }
}

/// A file size in words: "812 B", "14 KB", "2.5 MB" (« 2,5 Mo »).
pub fn human_size(bytes: u64, locale: Locale) -> String {
    let (key, n) = if bytes < 1024 {
        ("size.bytes", bytes.to_string())
    } else if bytes < 1024 * 1024 {
        ("size.kb", bytes.div_ceil(1024).to_string())
    } else {
        ("size.mb", decimal(bytes as f64 / (1024.0 * 1024.0), locale))
    };
    fill(&t_in(locale, key), &[("n", &n)])
}

/// One decimal, with the locale's separator: "4.5", « 4,5 ».
pub fn decimal(value: f64, locale: Locale) -> String {
    let s = format!("{value:.1}");
    match locale {
        Locale::Fr => s.replace('.', ","),
        Locale::En => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use guichet_domain::{Permission, Role};
    use std::collections::BTreeSet;

    fn keys(locale: Locale) -> BTreeSet<&'static str> {
        catalog(locale).keys().copied().collect()
    }

    #[test]
    fn every_locale_has_the_same_keys() {
        let en = keys(Locale::En);
        for locale in Locale::ALL {
            let other = keys(locale);
            let missing: Vec<_> = en.difference(&other).collect();
            let extra: Vec<_> = other.difference(&en).collect();
            assert!(
                missing.is_empty() && extra.is_empty(),
                "{locale:?}: missing {missing:?}, extra {extra:?}"
            );
        }
    }

    #[test]
    fn no_value_is_empty_and_no_line_is_malformed() {
        for locale in Locale::ALL {
            for (n, line) in source(locale).lines().enumerate() {
                let line = line.trim();
                if line.is_empty() || line.starts_with('#') {
                    continue;
                }
                let (key, value) = line
                    .split_once('=')
                    .unwrap_or_else(|| panic!("{locale:?} line {}: no `=`", n + 1));
                assert!(!key.trim().is_empty(), "{locale:?} line {}", n + 1);
                assert!(!value.trim().is_empty(), "{locale:?} line {}", n + 1);
            }
            let lines = source(locale)
                .lines()
                .filter(|l| !l.trim().is_empty() && !l.trim().starts_with('#'))
                .count();
            assert_eq!(lines, catalog(locale).len(), "{locale:?}: duplicate keys");
        }
    }

    #[test]
    fn placeholders_match_across_locales() {
        fn names(value: &str) -> BTreeSet<String> {
            value
                .split('{')
                .skip(1)
                .filter_map(|s| s.split_once('}').map(|(n, _)| n.to_owned()))
                .collect()
        }
        for (key, en) in catalog(Locale::En) {
            for locale in Locale::ALL {
                let other = lookup(locale, key).unwrap_or_default();
                assert_eq!(names(en), names(other), "{key} in {locale:?}");
            }
        }
    }

    /// Every literal key passed to `t`, `tr` or `text` in the sources exists.
    #[test]
    fn every_key_used_in_the_sources_exists() {
        let mut used = BTreeSet::new();
        let mut added = BTreeSet::new();
        // The kit's sources and the app's features, which use the kit's lookup.
        let kit = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut stack = vec![kit.join("src"), kit.join("../../src")];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    let source = std::fs::read_to_string(&path).unwrap();
                    used.extend(key_literals(&source));
                } else if path.file_name().is_some_and(|n| n == "en.txt") {
                    // A feature's own texts (added by its entry with `extend`).
                    let source = std::fs::read_to_string(&path).unwrap();
                    added.extend(parse(&source).keys().map(|k| (*k).to_owned()));
                }
            }
        }
        assert!(used.len() > 50, "the scan found only {} keys", used.len());
        let en = keys(Locale::En);
        let unknown: Vec<_> = used
            .iter()
            .filter(|k| !en.contains(k.as_str()) && !added.contains(k.as_str()))
            .collect();
        assert!(unknown.is_empty(), "keys used but not defined: {unknown:?}");
    }

    /// The string literals passed to the lookup functions, e.g. `t("nav.users")`.
    fn key_literals(source: &str) -> Vec<String> {
        let mut found = Vec::new();
        for name in ["t(\"", "tr(\"", "text(\""] {
            let mut rest = source;
            while let Some(at) = rest.find(name) {
                let before = rest[..at].chars().next_back();
                let after = &rest[at + name.len()..];
                let is_call = !before.is_some_and(|c| c.is_alphanumeric() || c == '_');
                if let (true, Some(end)) = (is_call, after.find('"')) {
                    found.push(after[..end].to_owned());
                }
                rest = after;
            }
        }
        found
    }

    #[test]
    fn the_scan_sees_calls_and_ignores_lookalikes() {
        let src = "t(\"a.b\") + tr(\"c\", &[]) + set(\"no\") + text(\"d\")";
        assert_eq!(key_literals(src), vec!["a.b", "c", "d"]);
    }

    #[test]
    fn dynamic_keys_exist() {
        let en = keys(Locale::En);
        let mut expected: Vec<String> = Vec::new();
        for r in Role::ALL {
            expected.push(format!("role.{}", r.as_str()));
            expected.push(format!("role.{}.description", r.as_str()));
        }
        for p in Permission::ALL {
            expected.push(format!("permission.{}", p.as_str()));
        }
        for key in [
            "error.password_mismatch",
            // Ticket rules (crates/domain/src/tickets/check.rs) and the server's conflicts.
            "error.holds_secret",
        ] {
            expected.push(key.to_owned());
        }
        expected.extend(guichet_domain::messages::ALL.iter().map(|k| k.to_string()));
        use guichet_domain::tickets::{Category, Environment, Field, Status, Urgency};
        // The wizard's hints for each category and urgency are its own words
        // (src/features/wizard/texts.rs checks them).
        for c in Category::ALL {
            expected.push(format!("ticket.category.{}", c.as_str()));
        }
        for u in Urgency::ALL {
            expected.push(format!("ticket.urgency.{}", u.as_str()));
        }
        for f in Field::ALL {
            expected.push(format!("ticket.field.{}", f.as_str()));
        }
        for e in Environment::ALL {
            expected.push(format!("ticket.environment.{}", e.as_str()));
        }
        for s in Status::ALL {
            expected.push(format!("ticket.status.{}", s.as_str()));
        }
        for e in crate::api::ApiError::examples() {
            expected.push(e.message_key().to_owned());
        }
        let missing: Vec<_> = expected
            .iter()
            .filter(|k| !en.contains(k.as_str()))
            .collect();
        assert!(missing.is_empty(), "missing keys: {missing:?}");
    }

    #[test]
    fn lookup_falls_back_and_fills() {
        assert_eq!(t_in(Locale::Fr, "auth.sign_in"), "Se connecter");
        assert_eq!(t_in(Locale::En, "no.such.key"), "no.such.key");
        assert_eq!(fill("Hello {name}!", &[("name", "Awa")]), "Hello Awa!");
    }

    #[test]
    fn whole_numbers_are_grouped() {
        assert_eq!(integer(7), "7");
        assert_eq!(integer(120), "120");
        assert_eq!(integer(20_000), "20,000");
        assert_eq!(integer(1_234_567), "1,234,567");
    }

    #[test]
    fn sizes_and_decimals_follow_the_language() {
        assert_eq!(human_size(812, Locale::En), "812 B");
        assert_eq!(human_size(14 * 1024 - 3, Locale::En), "14 KB");
        assert_eq!(human_size(5 * 1024 * 1024 / 2, Locale::Fr), "2,5 Mo");
        assert_eq!(decimal(4.5, Locale::En), "4.5");
        assert_eq!(decimal(4.0, Locale::Fr), "4,0");
    }
}
