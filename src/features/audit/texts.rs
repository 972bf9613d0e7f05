//! The area's words: its own locale files (`en.txt`, `fr.txt` beside this file), which only the
//! console carries, added to the kit's lookup as the console starts; and an action's words.

use crate::i18n::{extend_area, lookup, Locale};
use crate::state::locale::current_locale;

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

/// An audit action in words; an action this version does not know shows its code.
pub fn audit_action(action: &str) -> String {
    let key = format!("audit.action.{action}");
    match lookup(current_locale(), &key) {
        Some(text) => text.to_owned(),
        None => action.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::area_disagreements;
    use guichet_domain::AuditAction;

    /// Both files hold the same keys, and every action has its words.
    #[test]
    fn the_files_agree_and_name_every_action() {
        assert_eq!(area_disagreements(source), Vec::<String>::new());
        let en = crate::i18n::parse(source(Locale::En));
        for action in AuditAction::ALL {
            let key = format!("audit.action.{}", action.as_str());
            assert!(en.contains_key(key.as_str()), "no words for {key}");
        }
    }
}
