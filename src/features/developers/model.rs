//! The rules of the developers page, in plain Rust: the new key's form checked as the server
//! checks it, the overlaps a roll offers, and the file a new key is saved as.

use chrono::NaiveDate;
use guichet_domain::developers::{
    check_new_api_key, ApiKey, ApiKeyStatus, ApiScope, NewApiKey, MAX_OVERLAP_HOURS,
};
use guichet_domain::tickets::Environment;
use guichet_domain::{messages, FieldErrors};

/// The create dialog's fields as typed.
#[derive(Debug, Clone, PartialEq)]
pub struct KeyForm {
    pub name: String,
    pub environment: Environment,
    pub scopes: Vec<ApiScope>,
    /// `YYYY-MM-DD` from the date input, empty for none.
    pub expires_on: String,
}

impl KeyForm {
    /// The request, or what to fix: the domain's checks, and a day the input could not read.
    pub fn check(&self, today: NaiveDate) -> Result<NewApiKey, FieldErrors> {
        let typed = self.expires_on.trim();
        let expires_on = typed.parse::<NaiveDate>().ok();
        let checked = check_new_api_key(
            &NewApiKey {
                name: self.name.clone(),
                environment: self.environment,
                scopes: self.scopes.clone(),
                expires_on,
            },
            today,
        );
        if typed.is_empty() || expires_on.is_some() {
            return checked;
        }
        let mut errors = checked.err().unwrap_or_default();
        errors.insert("expires_on".to_owned(), vec![messages::DAY.to_owned()]);
        Err(errors)
    }
}

/// The overlaps a roll offers, in hours: none, then up to a day.
pub const OVERLAPS: [u32; 5] = [0, 1, 4, 12, MAX_OVERLAP_HOURS];

/// The overlap offered first: an hour, time to deploy the new key.
pub const DEFAULT_OVERLAP: u32 = 1;

/// The file a new key is saved as: its name, made safe for a file system.
pub fn secret_file_name(name: &str) -> String {
    let safe: String = name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let safe = safe.trim_matches('-');
    if safe.is_empty() {
        "guichet-api-key.txt".to_owned()
    } else {
        format!("guichet-api-key-{safe}.txt")
    }
}

/// The word keys of a permission: its name and what it allows.
pub fn scope_keys(scope: ApiScope) -> (String, String) {
    let key = format!("scope.{}", scope.as_str());
    (key.clone(), format!("{key}.description"))
}

/// A status's badge: working, about to stop, or stopped.
pub fn status_tone(status: ApiKeyStatus) -> &'static str {
    match status {
        ApiKeyStatus::Active => "active",
        ApiKeyStatus::Rolling => "pending",
        ApiKeyStatus::Expired | ApiKeyStatus::Revoked => "inactive",
    }
}

/// Keys that still work come first, newest first within each.
pub fn in_order(mut keys: Vec<ApiKey>) -> Vec<ApiKey> {
    keys.sort_by(|a, b| {
        b.status
            .works()
            .cmp(&a.status.works())
            .then(b.created_at.cmp(&a.created_at))
    });
    keys
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(expires_on: &str) -> KeyForm {
        KeyForm {
            name: "Boutique".to_owned(),
            environment: Environment::Test,
            scopes: vec![ApiScope::PurchasesRead],
            expires_on: expires_on.to_owned(),
        }
    }

    #[test]
    fn the_form_is_checked_as_the_server_checks_it() {
        let today: NaiveDate = "2026-12-07".parse().unwrap();
        assert!(form("").check(today).is_ok());
        assert_eq!(
            form("2026-12-31").check(today).unwrap().expires_on,
            Some("2026-12-31".parse().unwrap())
        );
        assert_eq!(
            form("2026-12-07").check(today).unwrap_err()["expires_on"],
            [messages::IN_PAST]
        );
        assert_eq!(
            form("31/12/2026").check(today).unwrap_err()["expires_on"],
            [messages::DAY]
        );
        let mut none = form("");
        none.scopes.clear();
        none.name = " ".into();
        let errors = none.check(today).unwrap_err();
        assert_eq!(errors["scopes"], [messages::SCOPES_EMPTY]);
        assert_eq!(errors["name"], [messages::REQUIRED]);
    }

    #[test]
    fn a_key_is_saved_under_its_name() {
        assert_eq!(
            secret_file_name("Boutique Plateau"),
            "guichet-api-key-boutique-plateau.txt"
        );
        assert_eq!(secret_file_name("../../etc"), "guichet-api-key-etc.txt");
        assert_eq!(secret_file_name("  "), "guichet-api-key.txt");
    }
}
