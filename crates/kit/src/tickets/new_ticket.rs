//! A link that opens the wizard on a new ticket, its category chosen and some fields filled:
//! another page knows what a ticket about it needs (an invoice's page asks a billing question).
//! The wizard reads it back (`src/features/wizard/prefill.rs`), checks each value and lets the
//! merchant change it before anything is sent.

use guichet_domain::tickets::{Category, Field};

use crate::api::payments::query_string;

/// `/tickets/new?category=billing&invoice_number=FAC-2026-000042&…`, each value encoded.
pub fn new_ticket_path(category: Category, fields: &[(Field, String)]) -> String {
    let params: Vec<(&str, String)> = [("category", category.as_str().to_owned())]
        .into_iter()
        .chain(fields.iter().map(|(f, v)| (f.as_str(), v.clone())))
        .collect();
    format!("/tickets/new?{}", query_string(&params))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_encoded() {
        assert_eq!(
            new_ticket_path(
                Category::Billing,
                &[(Field::ShopName, "Café & Co".to_owned())]
            ),
            "/tickets/new?category=billing&shop_name=Caf%C3%A9%20%26%20Co"
        );
    }
}
