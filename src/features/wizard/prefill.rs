//! A link that opens the wizard on a new ticket, its category chosen and some fields filled:
//! another page of the console knows what a ticket about it needs (an invoice's page links
//! « Question sur cette facture » here, made by the kit's `tickets::new_ticket_path`).
//!
//! ```text
//! /tickets/new?category=billing&business_account=<id>&shop_name=<name>
//!             &invoice_number=<number>&transaction_date=<YYYY-MM-DD>
//! ```
//!
//! Values are URL-encoded (`application/x-www-form-urlencoded`: `%XX` as UTF-8 bytes, `+` a
//! space). `category` is a category's wire name and is needed: without a known one the link
//! opens the wizard as it would open without parameters. Any other parameter named after a field
//! the category asks for (`GET /tickets/fields`: its wire name) fills that field, e.g.
//! `transaction_id` for a bug; the merchant's own words (`subject`, `description`) and the API
//! key are never taken from a link. A parameter that is unknown, repeated, badly encoded, or
//! whose value the field's check refuses (an invoice number that is not one, a day that has not
//! come) is ignored, and the others still fill their fields.
//!
//! A link never touches a draft: with `draft=` the wizard resumes that draft and the rest of the
//! link is ignored; otherwise a new draft starts, at the details step, and the values go in as
//! if typed, so the redaction engine cleans them, the checks judge them, and the user may change
//! them before anything is sent. Nothing from the link is stored before the engine has cleaned it.

use guichet_domain::tickets::{check_field, need, Category, Field, Need};
use guichet_domain::validate::has_control_character;

use super::model::{Draft, Step};
use crate::i18n::fill;

/// What a link asks the wizard to fill in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prefill {
    pub category: Category,
    /// In the domain's order of fields, each once.
    pub fields: Vec<(Field, String)>,
}

impl Prefill {
    /// Reads a page's query (`location.search`, with or without its `?`) as of `now`; `None`
    /// when it names a draft or no known category.
    pub fn from_search(search: &str, now: chrono::DateTime<chrono::Utc>) -> Option<Prefill> {
        let pairs = decode_query(search.strip_prefix('?').unwrap_or(search));
        let once = |name: &str| {
            let mut values = pairs.iter().filter(|(k, _)| k.as_deref() == Some(name));
            match (values.next(), values.next()) {
                (Some((_, value)), None) => value.as_deref(),
                _ => None,
            }
        };
        // Even a draft's id that no longer exists: the link was one to resume, not to start.
        if pairs.iter().any(|(k, _)| k.as_deref() == Some("draft")) {
            return None;
        }
        let category = once("category").and_then(Category::parse)?;
        let fields = guichet_domain::tickets::Field::ALL
            .into_iter()
            .filter(|&field| from_link(field) && need(category, field) != Need::Hidden)
            .filter_map(|field| {
                let value = once(field.as_str())?.trim();
                let fits = !value.is_empty()
                    && !has_control_character(value)
                    && check_field(field, Need::Optional, value, now).is_ok();
                fits.then(|| (field, value.to_owned()))
            })
            .collect();
        Some(Prefill { category, fields })
    }

    pub fn value(&self, field: Field) -> Option<&str> {
        self.fields
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, v)| v.as_str())
    }

    /// The new draft the link starts: its category chosen, at the details step. The values are
    /// not in it: they reach the draft through the engine ([`super::state::WizardState::prefill`]).
    pub fn draft(&self, id: String, key: String, now: String) -> Draft {
        let mut draft = Draft::new(id, key, now);
        draft.category = Some(self.category);
        draft.step = Step::Details;
        draft.prefilled = true;
        draft
    }

    /// A subject to start from, when the link names an invoice: `template` says it in the
    /// user's language (`Question about invoice {number}`).
    pub fn subject(&self, template: &str) -> Option<String> {
        self.value(Field::InvoiceNumber)
            .map(|number| fill(template, &[("number", number)]))
    }
}

/// Whether a link may fill `field`: not the merchant's own words, which a link must not put in
/// their mouth, nor the API key, which no link should ever carry.
fn from_link(field: Field) -> bool {
    !matches!(field, Field::Subject | Field::Description | Field::ApiKey)
}

/// `a=1&b=x+y%C3%A9` as `(name, value)` pairs; a name or value that does not decode (a stray
/// `%`, bytes that are not UTF-8) is `None`, and its parameter is ignored by whoever asks for it.
pub fn decode_query(query: &str) -> Vec<(Option<String>, Option<String>)> {
    query
        .split('&')
        .filter(|part| !part.is_empty())
        .map(|part| {
            let (name, value) = part.split_once('=').unwrap_or((part, ""));
            (decode_component(name), decode_component(value))
        })
        .collect()
}

fn decode_component(text: &str) -> Option<String> {
    let mut bytes = Vec::with_capacity(text.len());
    let mut rest = text.as_bytes();
    while let Some((&b, tail)) = rest.split_first() {
        match b {
            b'+' => bytes.push(b' '),
            b'%' => {
                let hex = tail
                    .get(..2)
                    .filter(|h| h.iter().all(u8::is_ascii_hexdigit))?;
                bytes.push(u8::from_str_radix(std::str::from_utf8(hex).ok()?, 16).ok()?);
                rest = &tail[2..];
                continue;
            }
            _ => bytes.push(b),
        }
        rest = tail;
    }
    String::from_utf8(bytes).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn now() -> chrono::DateTime<chrono::Utc> {
        chrono::Utc.with_ymd_and_hms(2026, 12, 7, 12, 0, 0).unwrap()
    }

    #[test]
    fn an_invoice_link_fills_the_billing_fields() {
        let p = Prefill::from_search(
            "?category=billing&business_account=6f1c2a9e-3b7d-4e0a-9c58-1d2e3f4a5b6c\
             &shop_name=Caf%C3%A9+d%27Abidjan&invoice_number=FAC-2026-000042\
             &transaction_date=2026-11-28&utm_source=invoices",
            now(),
        )
        .unwrap();
        assert_eq!(p.category, Category::Billing);
        assert_eq!(
            p.fields,
            vec![
                (
                    Field::BusinessAccount,
                    "6f1c2a9e-3b7d-4e0a-9c58-1d2e3f4a5b6c".to_owned()
                ),
                (Field::ShopName, "Café d'Abidjan".to_owned()),
                (Field::InvoiceNumber, "FAC-2026-000042".to_owned()),
                (Field::TransactionDate, "2026-11-28".to_owned()),
            ]
        );
        assert_eq!(
            p.subject("Question about invoice {number}").as_deref(),
            Some("Question about invoice FAC-2026-000042")
        );
        let d = p.draft("d".into(), "k".into(), "t".into());
        assert_eq!(
            (d.category, d.step),
            (Some(Category::Billing), Step::Details)
        );
        assert!(
            d.fields.is_empty(),
            "values reach the draft through the engine"
        );
    }

    #[test]
    fn a_link_reads_back_as_it_was_made() {
        let p = Prefill {
            category: Category::Billing,
            fields: vec![
                (Field::BusinessAccount, "6f1c2a9e-3b7d".to_owned()),
                (Field::ShopName, "Café d'Abidjan & Fils".to_owned()),
                (Field::InvoiceNumber, "FAC-2026-000042".to_owned()),
                (Field::TransactionDate, "2026-11-30".to_owned()),
            ],
        };
        let path = crate::tickets::new_ticket_path(p.category, &p.fields);
        let search = path.strip_prefix("/tickets/new").unwrap();
        assert_eq!(Prefill::from_search(search, now()), Some(p));
    }

    #[test]
    fn what_does_not_fit_is_left_out() {
        let p = Prefill::from_search(
            "category=billing&invoice_number=last+month&transaction_date=2027-01-01\
             &shop_name=%E9t%E9&business_account=a%2&endpoint=/payments\
             &subject=Refund+me&description=x&api_key=sprod_...Qa7x",
            now(),
        )
        .unwrap();
        assert_eq!(p.category, Category::Billing);
        assert_eq!(p.fields, vec![], "{p:?}");
        assert_eq!(p.subject("{number}"), None);
    }

    #[test]
    fn a_repeated_or_empty_parameter_is_ignored() {
        let p = Prefill::from_search(
            "category=billing&invoice_number=FAC-2026-1&invoice_number=FAC-2026-2&shop_name=+",
            now(),
        )
        .unwrap();
        assert_eq!(p.fields, vec![]);
        assert_eq!(
            Prefill::from_search("category=billing&category=bug", now()),
            None
        );
    }

    #[test]
    fn without_a_known_category_or_with_a_draft_nothing_is_filled() {
        for search in [
            "",
            "?",
            "?invoice_number=FAC-2026-000042",
            "?category=invoices&invoice_number=FAC-2026-000042",
            "?category=Billing",
            "?draft=d1&category=billing&invoice_number=FAC-2026-000042",
            "?category=billing&draft=",
        ] {
            assert_eq!(Prefill::from_search(search, now()), None, "{search}");
        }
    }

    #[test]
    fn other_categories_take_their_own_fields() {
        let p = Prefill::from_search(
            "category=bug&transaction_id=tx-42&invoice_number=FAC-2026-000042",
            now(),
        )
        .unwrap();
        assert_eq!(p.fields, vec![(Field::TransactionId, "tx-42".to_owned())]);
    }

    #[test]
    fn decoding_follows_forms() {
        assert_eq!(
            decode_query("a=1+2&b=%41%c3%a9&c&=d&e=%zz&f=%&g=%+1"),
            vec![
                (Some("a".into()), Some("1 2".into())),
                (Some("b".into()), Some("Aé".into())),
                (Some("c".into()), Some(String::new())),
                (Some(String::new()), Some("d".into())),
                (Some("e".into()), None),
                (Some("f".into()), None),
                (Some("g".into()), None),
            ]
        );
    }
}
