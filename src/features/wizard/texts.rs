//! The wizard's words: its own locale files (`en.txt`, `fr.txt` beside this file), which only
//! the wizard's entry carries, added to the kit's lookup as that entry starts. What it shares
//! with the ticket pages (fields' and categories' names, attaching files) stays in the kit.

guichet_kit::area_texts!(include_str!("en.txt"), include_str!("fr.txt"));

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Locale;
    use guichet_domain::tickets::{Category, Urgency};

    /// What the steps name through the domain's codes has its words: each category's and
    /// urgency's hint, each step, each field's hint.
    #[test]
    fn every_category_and_urgency_is_explained() {
        register();
        let mut keys: Vec<String> = Vec::new();
        keys.extend(Category::ALL.map(|c| format!("wizard.category_hint.{}", c.as_str())));
        keys.extend(Urgency::ALL.map(|u| format!("wizard.urgency_hint.{}", u.as_str())));
        keys.extend(crate::features::wizard::model::Step::ALL.map(|s| s.label_key().to_owned()));
        keys.extend(
            guichet_domain::tickets::Field::ALL
                .into_iter()
                .filter_map(crate::features::wizard::details_step::hint_key)
                .map(str::to_owned),
        );
        for locale in Locale::ALL {
            let missing: Vec<_> = keys
                .iter()
                .filter(|k| crate::i18n::lookup(locale, k).is_none())
                .collect();
            assert!(missing.is_empty(), "{locale:?} lacks {missing:?}");
        }
    }
}
