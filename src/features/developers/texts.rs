//! The area's words: its own locale files (`en.txt`, `fr.txt` beside this file), which only the
//! console carries, added to the kit's lookup as the console starts.

use guichet_domain::developers::{ApiKeyStatus, ApiScope};
use guichet_domain::tickets::Environment;

use super::model::scope_keys;
use crate::i18n::t;

guichet_kit::area_texts!(include_str!("en.txt"), include_str!("fr.txt"));

/// « Paiements délégués ».
pub fn scope_name(scope: ApiScope) -> String {
    t(&scope_keys(scope).0)
}

/// What the permission allows.
pub fn scope_description(scope: ApiScope) -> String {
    t(&scope_keys(scope).1)
}

/// "Test", "Production".
pub fn environment_name(environment: Environment) -> String {
    t(&format!("developers.environment.{}", environment.as_str()))
}

/// "Active", « Révoquée ».
pub fn status_name(status: ApiKeyStatus) -> String {
    t(&format!("developers.status.{}", status.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::lookup;
    use crate::i18n::Locale;

    /// Every permission, environment and status has its words.
    #[test]
    fn every_named_key_has_words() {
        register();
        let mut keys: Vec<String> = ApiScope::ALL
            .into_iter()
            .flat_map(|s| {
                let (name, description) = scope_keys(s);
                [name, description]
            })
            .collect();
        keys.extend(Environment::ALL.map(|e| format!("developers.environment.{}", e.as_str())));
        keys.extend(
            [
                ApiKeyStatus::Active,
                ApiKeyStatus::Rolling,
                ApiKeyStatus::Expired,
                ApiKeyStatus::Revoked,
            ]
            .map(|s| format!("developers.status.{}", s.as_str())),
        );
        for locale in Locale::ALL {
            let missing: Vec<_> = keys
                .iter()
                .filter(|k| lookup(locale, k).is_none())
                .collect();
            assert!(missing.is_empty(), "{locale:?} lacks {missing:?}");
        }
    }
}
