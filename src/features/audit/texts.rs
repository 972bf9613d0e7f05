//! The area's words: its own locale files (`en.txt`, `fr.txt` beside this file), which only the
//! console carries, added to the kit's lookup as the console starts; and an action's words.

use crate::i18n::lookup;
use crate::state::locale::current_locale;

guichet_kit::area_texts!(include_str!("en.txt"), include_str!("fr.txt"));

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
    use crate::i18n::Locale;
    use guichet_domain::AuditAction;

    /// Every action has its words.
    #[test]
    fn every_action_has_words() {
        let en = crate::i18n::parse(source(Locale::En));
        for action in AuditAction::ALL {
            let key = format!("audit.action.{}", action.as_str());
            assert!(en.contains_key(key.as_str()), "no words for {key}");
        }
    }
}
