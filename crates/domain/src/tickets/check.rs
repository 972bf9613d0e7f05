//! The shape of each ticket field, checked as the merchant types and again by the server. Each
//! rule returns a message key that says what is expected.

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};

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
/// An online shop's name, as its invoices print it.
pub const SHOP_NAME_MAX_CHARS: usize = 100;

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

/// A day is in the future when it has not begun anywhere yet: the merchant's day may be ahead
/// of UTC's (a day, unlike a time, carries no zone), by at most fourteen hours (UTC+14).
fn zones_ahead() -> TimeDelta {
    TimeDelta::hours(14)
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
        | ReceivedNotification | DeviceBrowser | ShopName => Ok(()),
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
        ClientId | PaymentId | TransactionId | TaskId | DebugId | BusinessAccount => {
            ok_if(is_identifier(v), messages::IDENTIFIER)
        }
        NotificationUrl => ok_if(is_url(v), messages::URL),
        InvoiceNumber => ok_if(is_invoice_number(v), messages::INVOICE_NUMBER),
        TransactionDate => match parse_day(v) {
            None => Err(messages::DAY),
            Some(day) if day > (now + zones_ahead()).date_naive() => Err(messages::DAY_IN_FUTURE),
            Some(_) => Ok(()),
        },
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

/// `2026-01-13`, and only so: the one spelling a date input gives and a link carries.
pub fn parse_day(v: &str) -> Option<NaiveDate> {
    let b = v.as_bytes();
    let shaped = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    shaped
        .then(|| NaiveDate::parse_from_str(v, "%Y-%m-%d").ok())
        .flatten()
}

/// The provider's invoice numbers as printed (`crate::balances::invoices::invoice_number`):
/// `FAC-`, the year, `-`, the sequence (`FAC-2026-000042`; its zeros may be left out).
fn is_invoice_number(v: &str) -> bool {
    let digits = |s: &str, len: std::ops::RangeInclusive<usize>| {
        len.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
    };
    v.strip_prefix("FAC-")
        .and_then(|rest| rest.split_once('-'))
        .is_some_and(|(year, sequence)| digits(year, 4..=4) && digits(sequence, 1..=20))
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
    fn billing_fields_have_their_shapes() {
        assert!(ok(
            Field::BusinessAccount,
            "6f1c2a9e-3b7d-4e0a-9c58-1d2e3f4a5b6c"
        )
        .is_ok());
        assert_eq!(
            ok(Field::BusinessAccount, "Abidjan Shop"),
            Err(messages::IDENTIFIER)
        );
        assert!(ok(Field::ShopName, "Abidjan Shop — Plateau").is_ok());
        assert_eq!(
            ok(Field::ShopName, &"a".repeat(101)),
            Err(messages::TOO_LONG)
        );
        let printed = crate::balances::invoices::invoice_number(2026, 42);
        assert!(ok(Field::InvoiceNumber, &printed).is_ok(), "{printed}");
        assert!(ok(Field::InvoiceNumber, "FAC-2026-42").is_ok());
        for bad in [
            "2026-000042",
            "fac-2026-000042",
            "FAC-26-000042",
            "FAC-2026-",
            "FAC-2026-00 42",
        ] {
            assert_eq!(
                ok(Field::InvoiceNumber, bad),
                Err(messages::INVOICE_NUMBER),
                "{bad}"
            );
        }
    }

    #[test]
    fn a_transaction_date_is_a_day_that_has_begun() {
        assert!(ok(Field::TransactionDate, "2026-01-13").is_ok(), "today");
        assert!(ok(Field::TransactionDate, "2025-12-31").is_ok());
        // 12:00 UTC on the 13th is already the 14th at UTC+14, not yet the 15th anywhere.
        assert!(
            ok(Field::TransactionDate, "2026-01-14").is_ok(),
            "ahead of UTC"
        );
        assert_eq!(
            ok(Field::TransactionDate, "2026-01-15"),
            Err(messages::DAY_IN_FUTURE)
        );
        for bad in [
            "13/01/2026",
            "2026-1-13",
            "2026-02-30",
            "2026-01-13T00:00:00Z",
            "+2026-01-13",
        ] {
            assert_eq!(ok(Field::TransactionDate, bad), Err(messages::DAY), "{bad}");
        }
    }

    #[test]
    fn a_billing_question_needs_the_account_the_shop_and_the_invoice() {
        let mut t = NewTicket {
            category: Category::Billing,
            urgency: Urgency::Normal,
            fields: [
                (Field::Subject, "Fees charged twice".to_owned()),
                (
                    Field::Description,
                    "November's invoice counts a day twice.".to_owned(),
                ),
                (Field::BusinessAccount, "org-abidjan-shop".to_owned()),
                (Field::ShopName, "Abidjan Shop".to_owned()),
            ]
            .into(),
            attachment_ids: vec![],
        };
        let errors = check_new_ticket(&t, now()).unwrap_err();
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(errors["invoice_number"], [messages::REQUIRED]);
        t.fields
            .insert(Field::InvoiceNumber, "FAC-2026-000042".into());
        assert!(check_new_ticket(&t, now()).is_ok(), "the date is optional");
        t.fields.insert(Field::TransactionDate, "2025-11-28".into());
        t.fields.insert(Field::Endpoint, "/payments".into());
        let errors = check_new_ticket(&t, now()).unwrap_err();
        assert_eq!(errors["endpoint"], [messages::FIELD_NOT_ASKED]);
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
