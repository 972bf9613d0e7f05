//! The area's words: its own locale files (`en.txt`, `fr.txt` beside this file), which only the
//! console carries, added to the kit's lookup as the console starts.

use crate::i18n::{extend_area, Locale};

/// Adds the area's texts to the lookup: once, before the first page shows.
pub fn register() {
    extend_area(source);
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
    use crate::i18n::area_disagreements;

    /// Both files hold the same keys, each with the same placeholders.
    #[test]
    fn the_files_agree() {
        assert_eq!(area_disagreements(source), Vec::<String>::new());
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
