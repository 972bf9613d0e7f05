//! The area's words: its own locale files (`en.txt`, `fr.txt` beside this file), which only the
//! console carries, added to the kit's lookup as the console starts.

use guichet_domain::payments::MethodKind;

use crate::i18n::t;

guichet_kit::area_texts!(include_str!("en.txt"), include_str!("fr.txt"));

/// "Card", « Carte »: an invoice line's payment method.
pub fn method_name(kind: MethodKind) -> String {
    t(&format!("invoice.method.{}", kind.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::features::reports::model::{CheckLine, DAY_MISSING, TOO_LONG, UNTIL_BEFORE_FROM};
    use crate::i18n::lookup;
    use crate::i18n::Locale;

    /// Every line of the check, every refusal of the period, every count and every payment
    /// method has its words.
    #[test]
    fn every_named_key_has_words() {
        register();
        let mut keys: Vec<String> = CheckLine::ALL
            .iter()
            .flat_map(|l| [Some(l.label_key()), l.hint_key()])
            .flatten()
            .collect();
        keys.extend([DAY_MISSING, TOO_LONG, UNTIL_BEFORE_FROM].map(str::to_owned));
        for count in ["reports.download.receiving", "reports.download.saved"] {
            keys.extend(["one", "other"].map(|c| format!("{count}.{c}")));
        }
        keys.extend(["csv", "csv_fr"].map(|f| format!("reports.format.{f}")));
        keys.extend(MethodKind::ALL.map(|m| format!("invoice.method.{}", m.as_str())));
        for locale in Locale::ALL {
            let missing: Vec<_> = keys
                .iter()
                .filter(|k| lookup(locale, k).is_none())
                .collect();
            assert!(missing.is_empty(), "{locale:?} lacks {missing:?}");
        }
    }
}
