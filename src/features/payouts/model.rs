//! The rules of the payouts page, in plain Rust: a payout request and a payout account as typed,
//! checked with the domain's own checks (those the server runs again); which accounts a payout
//! may go to; how what is read again joins what is shown; and what the viewer may do.

use chrono::NaiveDate;
use guichet_domain::balances::payouts::{
    check_new_payout, check_new_payout_account, AccountKind, AccountStatus, NewPayout,
    NewPayoutAccount, Payout, PayoutAccount, PayoutStatus,
};
use guichet_domain::payments::parse_major;
use guichet_domain::{messages, FieldErrors, Money, PayoutAccountId};

/// The message of an amount that does not read as one in the currency (`{example}` filled in).
pub const AMOUNT_FORMAT: &str = "payout.error.amount_format";

pub use guichet_domain::balances::payouts::LABEL_MAX_CHARS;

/// The payout request as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PayoutForm {
    pub account_id: String,
    pub amount: String,
    /// The day as a date input gives it: `2026-12-08`.
    pub on: String,
}

impl PayoutForm {
    /// The form as it opens: the only account payouts may go to, if there is one; today.
    pub fn new(accounts: &[PayoutAccount], today: NaiveDate) -> Self {
        let open = choosable(accounts);
        PayoutForm {
            account_id: match open.as_slice() {
                [only] => only.id.to_string(),
                _ => String::new(),
            },
            amount: String::new(),
            on: today.to_string(),
        }
    }

    /// The request, or what to fix by the server's field names (`amount_minor`, `account_id`,
    /// `on`): an amount above zero, in the currency's minor units, at most what is available;
    /// an account; a day, today or later (the organisation's today).
    pub fn check(&self, available: Money, today: NaiveDate) -> Result<NewPayout, FieldErrors> {
        let amount = parse_major(&self.amount, available.currency.minor_digits());
        let on = self.on.trim().parse::<NaiveDate>().ok();
        let payout = NewPayout {
            amount_minor: amount.unwrap_or(0),
            account_id: self.account_id.trim().to_owned(),
            on: on.unwrap_or(today),
        };
        let mut errors = check_new_payout(&payout, available.amount_minor, today)
            .err()
            .unwrap_or_default();
        if amount.is_none() && !self.amount.trim().is_empty() {
            errors.insert("amount_minor".to_owned(), vec![AMOUNT_FORMAT.to_owned()]);
        }
        if on.is_none() {
            errors.insert("on".to_owned(), vec![messages::REQUIRED.to_owned()]);
        }
        if errors.is_empty() {
            Ok(payout)
        } else {
            Err(errors)
        }
    }
}

/// An amount as the hint of a badly typed one shows it: `150000`, `1500.50`.
pub fn amount_example(available: Money) -> String {
    Money::new(
        150_050 * 10_i64.pow(available.currency.minor_digits()) / 100,
        available.currency,
    )
    .decimal_string()
}

/// The accounts a payout may go to: the active ones, in the server's order.
pub fn choosable(accounts: &[PayoutAccount]) -> Vec<&PayoutAccount> {
    accounts
        .iter()
        .filter(|a| a.status == AccountStatus::Active)
        .collect()
}

/// An account as a choice names it: « Compte SGCI · CI93 •••• 0589 ».
pub fn account_name(label: &str, masked: &str) -> String {
    format!("{label} · {masked}")
}

/// A payout account as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountForm {
    pub kind: AccountKind,
    pub label: String,
    pub number: String,
    /// The active account it replaces, once approved.
    pub replaces: Option<PayoutAccountId>,
}

impl AccountForm {
    /// The request, or what to fix (`label`, `number`): the domain's checks of a name and of an
    /// IBAN (its country's format, or the BCEAO's 28 characters, and its check digits) or a
    /// wallet's number.
    pub fn check(&self) -> Result<NewPayoutAccount, FieldErrors> {
        let account = NewPayoutAccount {
            kind: self.kind,
            label: self.label.trim().to_owned(),
            number: self.number.trim().to_owned(),
            replaces: self.replaces.clone(),
        };
        check_new_payout_account(&account).map(|_| account)
    }
}

/// Joins payouts read again (`fresh`, newest first) to those shown: each shown one replaced by
/// its new state, those not shown yet put first. Says whether anything changed.
pub fn merge(shown: &mut Vec<Payout>, fresh: Vec<Payout>) -> bool {
    let mut changed = false;
    let mut newcomers = Vec::new();
    for payout in fresh {
        match shown.iter_mut().find(|p| p.id == payout.id) {
            Some(old) if *old != payout => {
                *old = payout;
                changed = true;
            }
            Some(_) => {}
            None => newcomers.push(payout),
        }
    }
    if !newcomers.is_empty() {
        changed = true;
        shown.splice(0..0, newcomers);
    }
    changed
}

/// The payouts read again (`fresh`) whose status is no longer the one shown.
pub fn moved<'a>(shown: &[Payout], fresh: &'a [Payout]) -> Vec<&'a Payout> {
    fresh
        .iter()
        .filter(|p| shown.iter().any(|s| s.id == p.id && s.status != p.status))
        .collect()
}

/// Puts `account` in place of its earlier state, or first if it is new.
pub fn merge_account(shown: &mut Vec<PayoutAccount>, account: PayoutAccount) {
    match shown.iter_mut().find(|a| a.id == account.id) {
        Some(old) => *old = account,
        None => shown.insert(0, account),
    }
}

/// Whether something may still change on its own, or by another person's hand: a payout not
/// yet ended, an account waiting for approval. While so, the page reads them again.
pub fn unsettled(payouts: &[Payout], accounts: &[PayoutAccount]) -> bool {
    payouts.iter().any(|p| !is_final(p.status))
        || accounts.iter().any(|a| a.status == AccountStatus::Pending)
}

/// Whether nothing more happens to a payout in this status.
pub fn is_final(status: PayoutStatus) -> bool {
    matches!(
        status,
        PayoutStatus::Paid
            | PayoutStatus::Failed
            | PayoutStatus::Rejected
            | PayoutStatus::Cancelled
    )
}

/// Why a payout ended unpaid, when it says: the approver's reason, or the operator's.
pub fn reason(payout: &Payout) -> Option<&str> {
    match payout.status {
        PayoutStatus::Rejected => payout.rejection_reason.as_deref(),
        PayoutStatus::Failed => payout.failure_reason.as_deref(),
        _ => None,
    }
    .filter(|r| !r.trim().is_empty())
}

/// Whether a payout's expected time still means something: not once it ended unpaid.
pub fn expects(status: PayoutStatus) -> bool {
    !matches!(
        status,
        PayoutStatus::Failed | PayoutStatus::Rejected | PayoutStatus::Cancelled
    )
}

/// The tone of a payout's status badge (`gu-badge--…`): its words say it, the colour repeats it.
pub fn payout_tone(status: PayoutStatus) -> &'static str {
    match status {
        PayoutStatus::Requested => "pending",
        PayoutStatus::Approved | PayoutStatus::Processing => "info",
        PayoutStatus::Paid => "active",
        PayoutStatus::Failed => "danger",
        PayoutStatus::Rejected | PayoutStatus::Cancelled => "inactive",
    }
}

/// The tone of an account's status badge.
pub fn account_tone(status: AccountStatus) -> &'static str {
    match status {
        AccountStatus::Pending => "pending",
        AccountStatus::Active => "active",
        AccountStatus::Rejected | AccountStatus::Retired => "inactive",
    }
}

/// A decision on a payout or an account.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decide {
    Approve,
    Reject,
    /// Withdrawing one's payout request before it is approved.
    Cancel,
}

impl Decide {
    pub fn as_str(self) -> &'static str {
        match self {
            Decide::Approve => "approve",
            Decide::Reject => "reject",
            Decide::Cancel => "cancel",
        }
    }
}

/// The decisions there are on a payout (`payout`) and on an account (`account`), by the prefix
/// of their words: `payout.approve.title`, `account.reject.done`…
pub const DECISIONS: [(&str, Decide); 5] = [
    ("payout", Decide::Approve),
    ("payout", Decide::Reject),
    ("payout", Decide::Cancel),
    ("account", Decide::Approve),
    ("account", Decide::Reject),
];

/// The parts of a decision's dialog that have words of their own.
pub const DECISION_PARTS: [&str; 6] = ["button", "label", "title", "effect", "confirm", "done"];

/// The key of a part of a decision's dialog, e.g. `payout.cancel.confirm`.
pub fn decision_key(prefix: &str, decide: Decide, part: &str) -> String {
    format!("{prefix}.{}.{part}", decide.as_str())
}

/// What the viewer of a payout, or an account, waiting for approval may do or read about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Waiting {
    /// Approve or reject it (the server's `can_decide`).
    Decide,
    /// They approve payouts but asked for this one: someone else decides.
    OwnRequest,
    /// Someone who approves payouts decides.
    ForApprover,
    /// It does not wait for a decision.
    No,
}

impl Waiting {
    /// From whether it waits, the server's `can_decide`, and whether the viewer approves.
    pub fn of(waits: bool, can_decide: bool, approves: bool) -> Self {
        match (waits, can_decide, approves) {
            (false, _, _) => Waiting::No,
            (true, true, _) => Waiting::Decide,
            (true, false, true) => Waiting::OwnRequest,
            (true, false, false) => Waiting::ForApprover,
        }
    }

    /// The key of the note that says it, if one does.
    pub fn note_key(self) -> Option<&'static str> {
        match self {
            Waiting::OwnRequest => Some("decision.own_request"),
            Waiting::ForApprover => Some("decision.awaits_approver"),
            Waiting::Decide | Waiting::No => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{DateTime, Utc};
    use guichet_domain::{Currency, PayoutId};

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn account(id: &str, status: AccountStatus) -> PayoutAccount {
        PayoutAccount {
            id: PayoutAccountId::from(id.to_owned()),
            kind: AccountKind::Bank,
            label: "Compte SGCI".into(),
            masked: "CI93 •••• 0589".into(),
            status,
            replaces: None,
            requested_by: "Adjoua N'Guessan".into(),
            requested_at: DateTime::<Utc>::default(),
            decided_by: None,
            rejection_reason: None,
            can_decide: false,
        }
    }

    fn payout(id: &str, status: PayoutStatus) -> Payout {
        Payout {
            id: PayoutId::from(id.to_owned()),
            account_id: PayoutAccountId::from("a".to_owned()),
            account_label: "Compte SGCI".into(),
            account_masked: "CI93 •••• 0589".into(),
            amount: Money::new(100_000, Currency::Xof),
            on: day("2026-12-08"),
            status,
            expected_by: DateTime::<Utc>::default(),
            requested_by: "Adjoua N'Guessan".into(),
            requested_at: DateTime::<Utc>::default(),
            decided_by: None,
            decided_at: None,
            rejection_reason: None,
            failure_reason: None,
            can_decide: false,
            can_cancel: false,
        }
    }

    #[test]
    fn the_form_opens_on_the_only_open_account_and_today() {
        let today = day("2026-12-07");
        let one = [
            account("a", AccountStatus::Active),
            account("b", AccountStatus::Pending),
        ];
        let form = PayoutForm::new(&one, today);
        assert_eq!(form.account_id, "a");
        assert_eq!(form.on, "2026-12-07");
        let two = [
            account("a", AccountStatus::Active),
            account("b", AccountStatus::Active),
        ];
        assert_eq!(PayoutForm::new(&two, today).account_id, "");
        assert_eq!(choosable(&one).len(), 1);
    }

    #[test]
    fn a_request_is_checked_as_the_server_checks_it() {
        let today = day("2026-12-07");
        let available = Money::new(150_050, Currency::Eur);
        let form = PayoutForm {
            account_id: "a".into(),
            amount: "1 500,50".into(),
            on: "2026-12-07".into(),
        };
        assert_eq!(
            form.check(available, today),
            Ok(NewPayout {
                amount_minor: 150_050,
                account_id: "a".into(),
                on: today
            })
        );
        let errors = PayoutForm {
            amount: "1500.51".into(),
            on: "2026-12-06".into(),
            account_id: " ".into(),
        }
        .check(available, today)
        .unwrap_err();
        assert_eq!(errors["amount_minor"], [messages::PAYOUT_EXCEEDS]);
        assert_eq!(errors["on"], [messages::IN_PAST]);
        assert_eq!(errors["account_id"], [messages::REQUIRED]);
        let form = |amount: &str| PayoutForm {
            amount: amount.into(),
            ..form.clone()
        };
        // The currency's minor units: no third decimal in euros, none at all in francs.
        assert_eq!(
            form("1.005").check(available, today).unwrap_err()["amount_minor"],
            [AMOUNT_FORMAT]
        );
        let francs = Money::new(500_000, Currency::Xof);
        assert_eq!(
            form("1500.5").check(francs, today).unwrap_err()["amount_minor"],
            [AMOUNT_FORMAT]
        );
        assert_eq!(
            form("0").check(available, today).unwrap_err()["amount_minor"],
            [messages::AMOUNT_POSITIVE]
        );
        assert_eq!(
            form("").check(available, today).unwrap_err()["amount_minor"],
            [messages::AMOUNT_POSITIVE]
        );
        let no_day = PayoutForm {
            on: String::new(),
            ..form("1")
        };
        assert_eq!(
            no_day.check(available, today).unwrap_err()["on"],
            [messages::REQUIRED]
        );
        assert_eq!(amount_example(available), "1500.50");
        assert_eq!(amount_example(francs), "1500");
    }

    #[test]
    fn an_account_is_checked_with_the_domains_iban_and_wallet_rules() {
        let bank = AccountForm {
            kind: AccountKind::Bank,
            label: " Compte SGCI ".into(),
            number: "ci93 ci00 8011 1301 1342 9120 0589".into(),
            replaces: None,
        };
        let asked = bank.check().unwrap();
        assert_eq!(asked.label, "Compte SGCI");
        let typo = AccountForm {
            number: "CI93 CI00 8011 1301 1342 9120 0588".into(),
            ..bank.clone()
        };
        assert_eq!(typo.check().unwrap_err()["number"], [messages::IBAN]);
        let wallet = AccountForm {
            kind: AccountKind::MobileMoney,
            number: "+225 07 08 09 12 34".into(),
            ..bank.clone()
        };
        assert!(wallet.check().is_ok());
        let short = AccountForm {
            number: "+225 07 08".into(),
            ..wallet
        };
        assert_eq!(short.check().unwrap_err()["number"], [messages::WALLET]);
        let long = AccountForm {
            label: "a".repeat(LABEL_MAX_CHARS + 1),
            ..bank.clone()
        };
        assert_eq!(long.check().unwrap_err()["label"], [messages::TOO_LONG]);
        let longest = AccountForm {
            label: "a".repeat(LABEL_MAX_CHARS),
            ..bank
        };
        assert!(longest.check().is_ok());
    }

    #[test]
    fn what_is_read_again_joins_what_is_shown() {
        let mut shown = vec![
            payout("2", PayoutStatus::Requested),
            payout("1", PayoutStatus::Paid),
        ];
        assert!(!merge(
            &mut shown,
            vec![payout("2", PayoutStatus::Requested)]
        ));
        let fresh = vec![
            payout("4", PayoutStatus::Requested),
            payout("3", PayoutStatus::Requested),
            payout("2", PayoutStatus::Approved),
        ];
        assert!(merge(&mut shown, fresh));
        let order: Vec<_> = shown.iter().map(|p| (p.id.to_string(), p.status)).collect();
        assert_eq!(
            order,
            [
                ("4".to_owned(), PayoutStatus::Requested),
                ("3".to_owned(), PayoutStatus::Requested),
                ("2".to_owned(), PayoutStatus::Approved),
                ("1".to_owned(), PayoutStatus::Paid),
            ]
        );
        let shown = vec![payout("2", PayoutStatus::Approved)];
        let fresh = vec![
            payout("3", PayoutStatus::Requested),
            payout("2", PayoutStatus::Paid),
        ];
        let said: Vec<_> = moved(&shown, &fresh).iter().map(|p| p.status).collect();
        assert_eq!(said, [PayoutStatus::Paid], "a newcomer has not moved");
        let mut accounts = vec![account("a", AccountStatus::Pending)];
        merge_account(&mut accounts, account("a", AccountStatus::Active));
        merge_account(&mut accounts, account("b", AccountStatus::Pending));
        assert_eq!(accounts.len(), 2);
        assert_eq!(accounts[0].id.to_string(), "b");
        assert_eq!(accounts[1].status, AccountStatus::Active);
    }

    #[test]
    fn the_page_reads_again_while_something_may_change() {
        let paid = [payout("1", PayoutStatus::Paid)];
        let active = [account("a", AccountStatus::Active)];
        assert!(!unsettled(&paid, &active));
        assert!(unsettled(&[payout("2", PayoutStatus::Approved)], &active));
        assert!(unsettled(&paid, &[account("b", AccountStatus::Pending)]));
        for status in PayoutStatus::ALL {
            assert_eq!(is_final(status), !status.holds_amount(), "{status:?}");
        }
    }

    #[test]
    fn a_payout_says_why_it_ended_unpaid() {
        let mut failed = payout("1", PayoutStatus::Failed);
        failed.failure_reason = Some("Account closed".into());
        failed.rejection_reason = Some("ignored".into());
        assert_eq!(reason(&failed), Some("Account closed"));
        let mut rejected = payout("2", PayoutStatus::Rejected);
        rejected.rejection_reason = Some(" ".into());
        assert_eq!(reason(&rejected), None);
        assert_eq!(reason(&payout("3", PayoutStatus::Paid)), None);
        assert!(expects(PayoutStatus::Paid) && expects(PayoutStatus::Requested));
        assert!(!expects(PayoutStatus::Cancelled));
    }

    #[test]
    fn the_viewer_is_told_who_decides() {
        assert_eq!(Waiting::of(true, true, true), Waiting::Decide);
        assert_eq!(Waiting::of(true, false, true), Waiting::OwnRequest);
        assert_eq!(Waiting::of(true, false, false), Waiting::ForApprover);
        assert_eq!(Waiting::of(false, true, true), Waiting::No);
        assert_eq!(Waiting::Decide.note_key(), None);
        assert!(Waiting::OwnRequest.note_key().is_some());
    }

    #[test]
    fn the_page_is_the_consoles() {
        assert_eq!(
            guichet_domain::Entry::of("/payouts"),
            guichet_domain::Entry::Console
        );
    }
}
