//! The area's words: its own locale files (`en.txt`, `fr.txt` beside this file), which only the
//! console carries, added to the kit's lookup as the console starts.

use crate::i18n::{extend, Locale};

/// Adds the area's texts to the lookup: once, before the first page shows.
pub fn register() {
    for locale in Locale::ALL {
        extend(locale, source(locale));
    }
}

/// The area's locale file for `locale`.
pub fn source(locale: Locale) -> &'static str {
    match locale {
        Locale::En => include_str!("en.txt"),
        Locale::Fr => include_str!("fr.txt"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::parse;

    /// Both files hold the same keys, each with the same placeholders.
    #[test]
    fn the_files_agree() {
        let (en, fr) = (parse(source(Locale::En)), parse(source(Locale::Fr)));
        let names = |v: &str| {
            v.split('{')
                .skip(1)
                .filter_map(|s| s.split_once('}').map(|(n, _)| n.to_owned()))
                .collect::<Vec<_>>()
        };
        assert_eq!(en.len(), fr.len());
        for (key, text) in &en {
            let other = fr.get(key).unwrap_or_else(|| panic!("fr lacks {key}"));
            let (mut a, mut b) = (names(text), names(other));
            a.sort();
            b.sort();
            assert_eq!(a, b, "{key}");
        }
    }

    /// Every line of a settlement has its words.
    #[test]
    fn every_line_has_words() {
        register();
        for locale in Locale::ALL {
            let missing: Vec<_> = crate::features::balances::model::Line::ALL
                .iter()
                .map(|l| l.label_key())
                .filter(|k| crate::i18n::lookup(locale, k).is_none())
                .collect();
            assert!(missing.is_empty(), "{locale:?} lacks {missing:?}");
        }
    }
}
