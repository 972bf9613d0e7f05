//! The area's words: its own locale files (`en.txt`, `fr.txt` beside this file), which only the
//! console carries, added to the kit's lookup as the console starts; and the words for the
//! domain's codes (statuses, kinds of account).

use guichet_domain::balances::payouts::{AccountKind, AccountStatus, PayoutStatus};

use crate::i18n::t;

guichet_kit::area_texts!(include_str!("en.txt"), include_str!("fr.txt"));

/// « Payé », "Paid": a payout's status.
pub fn payout_status_name(status: PayoutStatus) -> String {
    t(&format!("payout.status.{}", status.as_str()))
}

/// « Actif », "Active": a payout account's status.
pub fn account_status_name(status: AccountStatus) -> String {
    t(&format!("account.status.{}", status.as_str()))
}

/// « Compte bancaire », "Mobile-money wallet".
pub fn account_kind_name(kind: AccountKind) -> String {
    t(&format!("account.kind.{}", kind.as_str()))
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
        keys.extend(PayoutStatus::ALL.map(|s| format!("payout.status.{}", s.as_str())));
        keys.extend(AccountStatus::ALL.map(|s| format!("account.status.{}", s.as_str())));
        keys.extend(
            [AccountKind::Bank, AccountKind::MobileMoney]
                .map(|k| format!("account.kind.{}", k.as_str())),
        );
        {
            use crate::features::payouts::model::{
                decision_key, Waiting, AMOUNT_FORMAT, DECISIONS, DECISION_PARTS,
            };
            keys.push(AMOUNT_FORMAT.to_owned());
            for (prefix, decide) in DECISIONS {
                keys.extend(DECISION_PARTS.map(|part| decision_key(prefix, decide, part)));
            }
            keys.extend(
                [Waiting::OwnRequest, Waiting::ForApprover]
                    .into_iter()
                    .filter_map(Waiting::note_key)
                    .map(str::to_owned),
            );
        }
        for locale in Locale::ALL {
            let missing: Vec<_> = keys
                .iter()
                .filter(|k| crate::i18n::lookup(locale, k).is_none())
                .collect();
            assert!(missing.is_empty(), "{locale:?} lacks {missing:?}");
        }
    }
}
