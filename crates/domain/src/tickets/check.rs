//! The shape of each ticket field, checked as the merchant types and again by the server. Each
//! rule returns a message key that says what is expected.

use chrono::{DateTime, TimeDelta, Utc};

use super::api_key::{self, is_fingerprint};
use super::{need, Field, Need, NewTicket};
use crate::error::FieldErrors;
use crate::messages;
use crate::validate::Checker;

pub const SUBJECT_MAX_CHARS: usize = 120;
pub const TEXT_MAX_CHARS: usize = 20_000;
/// Files per ticket or message, and their sizes: shown to the user before they pick files.
pub const MAX_ATTACHMENTS: usize = 5;
pub const TEXT_ATTACHMENT_MAX_BYTES: usize = 10 * 1024 * 1024;
pub const IMAGE_ATTACHMENT_MAX_BYTES: usize = 5 * 1024 * 1024;
/// A message in the conversation, and a comment on the closing rating.
pub const MESSAGE_MAX_CHARS: usize = TEXT_MAX_CHARS;
pub const SHORT_MAX_CHARS: usize = 300;
const IDENTIFIER_MAX_CHARS: usize = 100;

/// The provider's endpoints the wizard offers (seed 000 names `/airtime` and `/status`).
pub const ENDPOINTS: [&str; 7] = [
    "/airtime",
    "/status",
    "/payments",
    "/transfers",
    "/refunds",
    "/balance",
    "/webhooks",
];

/// A clock a few minutes fast must not make "now" look like the future.
fn clock_skew() -> TimeDelta {
    TimeDelta::minutes(5)
}

/// Checks one field's value; an empty value is judged by whether the category needs it.
pub fn check_field(
    field: Field,
    need: Need,
    value: &str,
    now: DateTime<Utc>,
) -> Result<(), &'static str> {
    let v = value.trim();
    match (need, v.is_empty()) {
        (Need::Hidden, true) | (Need::Optional, true) => return Ok(()),
        (Need::Required, true) => return Err(messages::REQUIRED),
        (Need::Hidden, false) => return Err(messages::FIELD_NOT_ASKED),
        _ => {}
    }
    let chars = v.chars().count();
    if field.max_chars().is_some_and(|max| chars > max) {
        return Err(messages::TOO_LONG);
    }
    use Field::*;
    match field {
        Subject | Description | ErrorMessage | StepsToReproduce | ExpectedNotification
        | ReceivedNotification | DeviceBrowser => Ok(()),
        ApiKey => ok_if(is_fingerprint(v), messages::API_KEY_FINGERPRINT),
        Endpoint => ok_if(
            v.starts_with('/')
                && chars <= SHORT_MAX_CHARS
                && v.bytes().all(|b| b.is_ascii_graphic()),
            messages::ENDPOINT,
        ),
        Environment => ok_if(
            api_key::Environment::parse(v).is_some(),
            messages::ENVIRONMENT,
        ),
        SeenAt => match DateTime::parse_from_rfc3339(v) {
            Err(_) => Err(messages::DATE_TIME),
            Ok(t) if t.with_timezone(&Utc) > now + clock_skew() => Err(messages::IN_FUTURE),
            Ok(_) => Ok(()),
        },
        HttpStatus => ok_if(
            v.parse::<u16>().is_ok_and(|s| (100..=599).contains(&s)),
            messages::HTTP_STATUS,
        ),
        RequestId => ok_if(is_uuid(v), messages::UUID),
        ClientId | PaymentId | TransactionId | TaskId | DebugId => {
            ok_if(is_identifier(v), messages::IDENTIFIER)
        }
        NotificationUrl => ok_if(is_url(v), messages::URL),
    }
}

/// Checks a whole ticket; errors are keyed by the field's wire name.
pub fn check_new_ticket(ticket: &NewTicket, now: DateTime<Utc>) -> Result<(), FieldErrors> {
    let mut checker = Checker::default();
    for field in Field::ALL {
        let value = ticket.fields.get(&field).map_or("", String::as_str);
        checker.check(
            field.as_str(),
            check_field(field, need(ticket.category, field), value, now),
        );
    }
    checker.finish()
}

fn ok_if(ok: bool, key: &'static str) -> Result<(), &'static str> {
    if ok {
        Ok(())
    } else {
        Err(key)
    }
}

/// `c39df0fb-a684-447c-9fbc-3f24c288f608`, in either case.
fn is_uuid(v: &str) -> bool {
    let groups: Vec<&str> = v.split('-').collect();
    groups.len() == 5
        && groups
            .iter()
            .zip([8, 4, 4, 4, 12])
            .all(|(g, len)| g.len() == len && g.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// Payment, transaction and task ids: letters, digits and `._:-`, no spaces.
fn is_identifier(v: &str) -> bool {
    v.len() <= IDENTIFIER_MAX_CHARS
        && v.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"._:-".contains(&b))
}

/// The notification address as the merchant set it up. `http://` is accepted (and the message
/// says so): a ticket describes the set-up as it is, and a plain-HTTP test server is often
/// exactly why notifications do not arrive.
fn is_url(v: &str) -> bool {
    let rest = v
        .strip_prefix("https://")
        .or_else(|| v.strip_prefix("http://"));
    rest.is_some_and(|r| {
        !r.is_empty()
            && !r.starts_with('/')
            && v.len() <= 2000
            && v.bytes().all(|b| b.is_ascii_graphic())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tickets::{Category, Urgency};
    use chrono::TimeZone;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 1, 13, 12, 0, 0).unwrap()
    }

    fn ok(field: Field, v: &str) -> Result<(), &'static str> {
        check_field(field, Need::Optional, v, now())
    }

    #[test]
    fn identifiers_say_what_is_expected() {
        assert!(ok(Field::RequestId, "c39df0fb-a684-447c-9fbc-3f24c288f608").is_ok());
        assert_eq!(ok(Field::RequestId, "c39df0fb"), Err(messages::UUID));
        assert!(ok(Field::PaymentId, "pay_8f3K2x:01").is_ok());
        assert_eq!(ok(Field::TaskId, "task 12"), Err(messages::IDENTIFIER));
        assert_eq!(ok(Field::HttpStatus, "600"), Err(messages::HTTP_STATUS));
        assert!(ok(Field::HttpStatus, "500").is_ok());
        assert_eq!(ok(Field::Endpoint, "airtime"), Err(messages::ENDPOINT));
        assert!(ok(Field::Endpoint, "/v1/checkout/{id}").is_ok());
        assert_eq!(ok(Field::Environment, "prod"), Err(messages::ENVIRONMENT));
        assert_eq!(ok(Field::NotificationUrl, "ftp://x"), Err(messages::URL));
        assert!(ok(Field::NotificationUrl, "https://shop.ci/ipn?x=1").is_ok());
        assert!(ok(Field::NotificationUrl, "http://test.shop.ci/ipn").is_ok());
        assert_eq!(
            ok(Field::ApiKey, "sprod_4bV9kQz2mXw7LpR8tN3yQa7x"),
            Err(messages::API_KEY_FINGERPRINT),
            "a whole key is refused"
        );
    }

    #[test]
    fn seen_at_is_a_past_utc_time() {
        assert!(ok(Field::SeenAt, "2026-01-13T11:58:00Z").is_ok());
        assert!(
            ok(Field::SeenAt, "2026-01-13T12:03:00+00:00").is_ok(),
            "skew"
        );
        assert_eq!(
            ok(Field::SeenAt, "2026-01-14T08:00:00Z"),
            Err(messages::IN_FUTURE)
        );
        assert_eq!(
            ok(Field::SeenAt, "13/01/2026 11:58"),
            Err(messages::DATE_TIME)
        );
    }

    #[test]
    fn a_ticket_is_checked_against_its_category() {
        let mut t = NewTicket {
            category: Category::FeatureRequest,
            urgency: Urgency::Normal,
            fields: [(Field::Subject, "Export to CSV".to_owned())].into(),
            attachment_ids: vec![],
        };
        let errors = check_new_ticket(&t, now()).unwrap_err();
        assert_eq!(errors["description"], [messages::REQUIRED]);
        t.fields.insert(Field::Description, "Please.".into());
        t.fields.insert(Field::TaskId, "t-1".into());
        let errors = check_new_ticket(&t, now()).unwrap_err();
        assert_eq!(errors["task_id"], [messages::FIELD_NOT_ASKED]);
        t.fields.remove(&Field::TaskId);
        assert!(check_new_ticket(&t, now()).is_ok());
    }
}
