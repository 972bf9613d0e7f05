//! Input rules checked in the browser as the user types and again by the server.
//! Each returns a message key (`error.*`) that the app translates.

use crate::error::{add_field_error, FieldErrors};
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
        "label" => Some(crate::balances::payouts::LABEL_MAX_CHARS),
        "body" | "comment" | "reason" | "note" => Some(MESSAGE_MAX_CHARS),
        _ => Field::parse(field).and_then(Field::max_chars),
    }
}

/// Whether `text` holds a control character (Unicode's Cc: C0, DEL and C1) other than tab, line
/// feed and carriage return. No keyboard types one and no field needs one; NUL cuts a string short
/// in C and in many logs, and escape or backspace can rewrite what a terminal shows of it. The
/// server refuses such text wherever it reads some (`error.control_character`), rather than
/// removing what the user would not see go.
pub fn has_control_character(text: &str) -> bool {
    text.chars()
        .any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
}

/// The longest `Idempotency-Key`.
pub const IDEMPOTENCY_KEY_MAX: usize = 255;

/// An `Idempotency-Key` the server takes: 1 to 255 visible ASCII characters, no spaces (a UUID,
/// as the app sends, is one). Anything else is refused rather than trimmed, so two spellings
/// never name one key.
pub fn is_idempotency_key(key: &str) -> bool {
    (1..=IDEMPOTENCY_KEY_MAX).contains(&key.len()) && key.bytes().all(|b| b.is_ascii_graphic())
}

/// A plausible e-mail address, trimmed: one `@`, a non-empty local part, a dotted domain, no
/// spaces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email(String);

impl Email {
    pub fn parse(value: &str) -> Result<Email, &'static str> {
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
            Ok(Email(v.to_owned()))
        } else {
            Err(messages::EMAIL)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A person's name, trimmed, present and at most [`NAME_MAX_CHARS`] long.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Name(String);

impl Name {
    pub fn parse(value: &str) -> Result<Name, &'static str> {
        let v = value.trim();
        if v.is_empty() {
            Err(messages::REQUIRED)
        } else if v.chars().count() > NAME_MAX_CHARS {
            Err(messages::TOO_LONG)
        } else {
            Ok(Name(v.to_owned()))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A new password: long enough to resist guessing (length beats composition rules) and not the
/// current one. Never printed.
#[derive(Clone, PartialEq, Eq)]
pub struct NewPassword(String);

impl NewPassword {
    pub fn parse(new: &str, current: &str) -> Result<NewPassword, &'static str> {
        if new.chars().count() < PASSWORD_MIN_CHARS {
            Err(messages::PASSWORD_SHORT)
        } else if new == current {
            Err(messages::PASSWORD_UNCHANGED)
        } else {
            Ok(NewPassword(new.to_owned()))
        }
    }

    pub fn into_inner(self) -> String {
        self.0
    }
}

impl std::fmt::Debug for NewPassword {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("NewPassword(***)")
    }
}

/// At least one role, all of them valid for the organisation; sorted, each once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Roles(Vec<Role>);

impl Roles {
    pub fn parse(value: &[Role], org: OrgKind) -> Result<Roles, &'static str> {
        if value.is_empty() {
            Err(messages::ROLES_EMPTY)
        } else if value.iter().any(|r| r.org_kind() != org) {
            Err(messages::ROLES_INVALID)
        } else {
            let mut roles = value.to_vec();
            roles.sort();
            roles.dedup();
            Ok(Roles(roles))
        }
    }

    pub fn as_slice(&self) -> &[Role] {
        &self.0
    }

    pub fn into_vec(self) -> Vec<Role> {
        self.0
    }
}

/// Collects rule failures by field name.
#[derive(Debug, Default)]
pub struct Checker(FieldErrors);

impl Checker {
    pub fn check(&mut self, field: &str, result: Result<(), &'static str>) -> &mut Self {
        self.take(field, result);
        self
    }

    /// The value a rule parsed, or `None` with its error kept under `field`.
    pub fn take<T>(&mut self, field: &str, result: Result<T, &'static str>) -> Option<T> {
        result
            .map_err(|key| add_field_error(&mut self.0, field, key))
            .ok()
    }

    pub fn finish(self) -> Result<(), FieldErrors> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(self.0)
        }
    }

    /// Every error found, or what `build` makes of the values taken (all present when none
    /// failed).
    pub fn finish_with<T>(self, build: impl FnOnce() -> Option<T>) -> Result<T, FieldErrors> {
        self.finish()?;
        build().ok_or_else(FieldErrors::new)
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
    fn idempotency_keys_are_visible_ascii_without_spaces() {
        assert!(is_idempotency_key("c39df0fb-a684-447c-9fbc-3f24c288f608"));
        assert!(is_idempotency_key(&"k".repeat(255)));
        for bad in ["", " ", "a b", "clé", &"k".repeat(256)] {
            assert!(!is_idempotency_key(bad), "{bad:?}");
        }
    }

    #[test]
    fn control_characters_but_line_breaks_and_tabs() {
        assert!(!has_control_character("Line 1\r\nLine 2\tcolumn é ✓"));
        for c in [
            '\0', '\u{7}', '\u{8}', '\u{1b}', '\u{7f}', '\u{85}', '\u{9f}',
        ] {
            assert!(has_control_character(&format!("a{c}b")), "{c:?}");
        }
    }

    #[test]
    fn emails() {
        assert_eq!(
            Email::parse(" admin@abidjan-shop.demo ").unwrap().as_str(),
            "admin@abidjan-shop.demo"
        );
        assert_eq!(Email::parse(""), Err(messages::REQUIRED));
        for bad in ["a", "a@b", "@b.c", "a@@b.c", "a b@c.d", "a@.c", "a@c."] {
            assert_eq!(Email::parse(bad), Err(messages::EMAIL), "{bad}");
        }
    }

    #[test]
    fn passwords_need_twelve_chars_and_a_change() {
        assert!(NewPassword::parse("correct horse", "old").is_ok());
        assert_eq!(
            NewPassword::parse("short", "old"),
            Err(messages::PASSWORD_SHORT)
        );
        // Characters, not bytes.
        assert!(NewPassword::parse("ééééééééééé", "old").is_err());
        assert_eq!(
            NewPassword::parse("correct horse", "correct horse"),
            Err(messages::PASSWORD_UNCHANGED)
        );
        let p = NewPassword::parse("correct horse", "old").unwrap();
        assert!(!format!("{p:?}").contains("horse"));
    }

    #[test]
    fn roles_must_fit_the_org() {
        let given = [Role::Viewer, Role::Finance, Role::Viewer];
        let parsed = Roles::parse(&given, OrgKind::Merchant).unwrap();
        let mut expected = vec![Role::Finance, Role::Viewer];
        expected.sort();
        assert_eq!(parsed.as_slice(), expected.as_slice(), "sorted, each once");
        assert_eq!(
            Roles::parse(&[], OrgKind::Merchant),
            Err(messages::ROLES_EMPTY)
        );
        assert_eq!(
            Roles::parse(&[Role::SupportAgent], OrgKind::Merchant),
            Err(messages::ROLES_INVALID)
        );
    }

    #[test]
    fn checker_collects_by_field() {
        let mut c = Checker::default();
        assert_eq!(c.take("email", Email::parse("x")), None);
        assert!(c.take("name", Name::parse("Awa")).is_some());
        let errs = c.finish().unwrap_err();
        assert_eq!(errs.len(), 1);
        assert_eq!(errs["email"], vec![messages::EMAIL]);
    }
}
