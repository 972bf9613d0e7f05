//! Input rules checked in the browser as the user types and again by the server.
//! Each returns a message key (`error.*`) that the app translates.

use crate::error::FieldErrors;
use crate::messages;
use crate::roles::{OrgKind, Role};

pub const PASSWORD_MIN_CHARS: usize = 12;
pub const NAME_MAX_CHARS: usize = 100;

/// The most characters a text field takes, by its wire name, for the fields whose error may be
/// `error.too_long`: the message names this number, from the same constants the checks use.
pub fn max_chars(field: &str) -> Option<usize> {
    use crate::tickets::{Field, MESSAGE_MAX_CHARS};
    match field {
        "name" => Some(NAME_MAX_CHARS),
        "body" | "comment" | "reason" => Some(MESSAGE_MAX_CHARS),
        _ => Field::parse(field).and_then(Field::max_chars),
    }
}

/// A plausible e-mail address: one `@`, a non-empty local part, a dotted domain, no spaces.
pub fn email(value: &str) -> Result<(), &'static str> {
    let v = value.trim();
    if v.is_empty() {
        return Err(messages::REQUIRED);
    }
    let Some((local, domain)) = v.split_once('@') else {
        return Err(messages::EMAIL);
    };
    let ok = !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && v.len() <= 254
        && !v.chars().any(char::is_whitespace);
    if ok {
        Ok(())
    } else {
        Err(messages::EMAIL)
    }
}

pub fn name(value: &str) -> Result<(), &'static str> {
    let v = value.trim();
    if v.is_empty() {
        Err(messages::REQUIRED)
    } else if v.chars().count() > NAME_MAX_CHARS {
        Err(messages::TOO_LONG)
    } else {
        Ok(())
    }
}

/// A new password: long enough to resist guessing; length beats composition rules.
pub fn new_password(value: &str) -> Result<(), &'static str> {
    if value.chars().count() < PASSWORD_MIN_CHARS {
        Err(messages::PASSWORD_SHORT)
    } else {
        Ok(())
    }
}

/// At least one role, all of them valid for the organisation.
pub fn roles(value: &[Role], org: OrgKind) -> Result<(), &'static str> {
    if value.is_empty() {
        Err(messages::ROLES_EMPTY)
    } else if value.iter().any(|r| r.org_kind() != org) {
        Err(messages::ROLES_INVALID)
    } else {
        Ok(())
    }
}

/// Collects rule failures by field name.
#[derive(Debug, Default)]
pub struct Checker(FieldErrors);

impl Checker {
    pub fn check(&mut self, field: &str, result: Result<(), &'static str>) -> &mut Self {
        if let Err(key) = result {
            self.0
                .entry(field.to_owned())
                .or_default()
                .push(key.to_owned());
        }
        self
    }

    pub fn finish(self) -> Result<(), FieldErrors> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(self.0)
        }
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn every_limit_is_named_by_field() {
        use crate::tickets::{Field, SUBJECT_MAX_CHARS, TEXT_MAX_CHARS};
        assert_eq!(max_chars("subject"), Some(SUBJECT_MAX_CHARS));
        assert_eq!(max_chars("description"), Some(TEXT_MAX_CHARS));
        assert_eq!(max_chars("device_browser"), Some(300));
        assert_eq!(max_chars("body"), Some(TEXT_MAX_CHARS));
        assert_eq!(max_chars("name"), Some(NAME_MAX_CHARS));
        assert_eq!(
            max_chars("client_id"),
            None,
            "an id has a shape, not a length"
        );
        // Every ticket field that can be too long has its limit here.
        let now = chrono::Utc::now();
        for field in Field::ALL {
            let long = "a".repeat(20_001);
            if crate::tickets::check_field(field, crate::tickets::Need::Required, &long, now)
                == Err(messages::TOO_LONG)
            {
                assert!(max_chars(field.as_str()).is_some(), "{field:?}");
            }
        }
    }

    use super::*;

    #[test]
    fn emails() {
        assert!(email("admin@abidjan-shop.demo").is_ok());
        assert_eq!(email(""), Err(messages::REQUIRED));
        for bad in ["a", "a@b", "@b.c", "a@@b.c", "a b@c.d", "a@.c", "a@c."] {
            assert_eq!(email(bad), Err(messages::EMAIL), "{bad}");
        }
    }

    #[test]
    fn passwords_need_twelve_chars() {
        assert!(new_password("correct horse").is_ok());
        assert_eq!(new_password("short"), Err(messages::PASSWORD_SHORT));
        // Characters, not bytes.
        assert!(new_password("ééééééééééé").is_err());
    }

    #[test]
    fn roles_must_fit_the_org() {
        assert!(roles(&[Role::Finance], OrgKind::Merchant).is_ok());
        assert_eq!(roles(&[], OrgKind::Merchant), Err(messages::ROLES_EMPTY));
        assert_eq!(
            roles(&[Role::SupportAgent], OrgKind::Merchant),
            Err(messages::ROLES_INVALID)
        );
    }

    #[test]
    fn checker_collects_by_field() {
        let mut c = Checker::default();
        c.check("email", email("x")).check("name", name("Awa"));
        let errs = c.finish().unwrap_err();
        assert_eq!(errs.len(), 1);
        assert_eq!(errs["email"], vec![messages::EMAIL]);
    }
}
