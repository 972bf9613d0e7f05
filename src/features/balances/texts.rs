//! The area's words: its own locale files (`en.txt`, `fr.txt` beside this file), which only the
//! console carries, added to the kit's lookup as the console starts.

guichet_kit::area_texts!(include_str!("en.txt"), include_str!("fr.txt"));

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Locale;

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
