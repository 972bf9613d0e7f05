//! The area's words: its own locale files (`en.txt`, `fr.txt` beside this file), which only the
//! console carries, added to the kit's lookup as the console starts; and the words for the
//! domain's codes (statuses, reasons, methods, timeline steps).

use guichet_domain::payments::{
    MethodKind, PaymentEventKind, PurchaseStatus, RefundReason, RefundStatus,
};

use crate::i18n::t;

guichet_kit::area_texts!(include_str!("en.txt"), include_str!("fr.txt"));

/// « Terminée », "Completed": a purchase's status.
pub fn purchase_status_name(status: PurchaseStatus) -> String {
    t(&format!("purchase.status.{}", status.as_str()))
}

/// « En attente d'approbation », "Awaiting approval": a refund's status.
pub fn refund_status_name(status: RefundStatus) -> String {
    t(&format!("refund.status.{}", status.as_str()))
}

/// Why a refund was asked for, in words.
pub fn refund_reason_name(reason: RefundReason) -> String {
    t(&format!("refund.reason.{}", reason.as_str()))
}

/// "Card", « Mobile money ».
pub fn method_kind_name(kind: MethodKind) -> String {
    t(&format!("purchase.method.{}", kind.as_str()))
}

/// A step of a purchase's or a refund's timeline, in words.
pub fn payment_event_name(kind: PaymentEventKind) -> String {
    t(&format!("payment.event.{}", kind.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Locale;

    /// Every wire name has its words.
    #[test]
    fn every_code_has_words() {
        register();
        let mut keys: Vec<String> = Vec::new();
        keys.extend(PurchaseStatus::ALL.map(|s| format!("purchase.status.{}", s.as_str())));
        keys.extend(RefundStatus::ALL.map(|s| format!("refund.status.{}", s.as_str())));
        keys.extend(RefundReason::ALL.map(|r| format!("refund.reason.{}", r.as_str())));
        keys.extend(MethodKind::ALL.map(|m| format!("purchase.method.{}", m.as_str())));
        keys.extend(PaymentEventKind::ALL.map(|k| format!("payment.event.{}", k.as_str())));
        for locale in Locale::ALL {
            let missing: Vec<_> = keys
                .iter()
                .filter(|k| crate::i18n::lookup(locale, k).is_none())
                .collect();
            assert!(missing.is_empty(), "{locale:?} lacks {missing:?}");
        }
    }
}
