//! Payouts (« Demander un paiement »): money from the main account to one of the merchant's
//! bank accounts or mobile-money wallets, asked by one employee and approved by another, then
//! executed through the payment operator within 24 business hours.

use std::fmt;

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use iban::{Iban as RegisteredIban, IbanLike};
use serde::{Deserialize, Serialize};

use super::calendar::BusinessCalendar;
use crate::error::FieldErrors;
use crate::validate::Checker;
use crate::{messages, Money, PayoutAccountId, PayoutId};

/// Business hours within which an approved payout is executed (seed 004).
pub const EXECUTION_BUSINESS_HOURS: u32 = 24;

/// Where a payout stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PayoutStatus {
    /// Asked for, waiting for a second person.
    Requested,
    /// Approved, waiting for its day.
    Approved,
    /// Sent to the operator.
    Processing,
    Paid,
    /// The operator could not pay it: the money is back in the main balance.
    Failed,
    /// Refused by the approver.
    Rejected,
    /// Withdrawn by the merchant before it was approved.
    Cancelled,
}

/// What moves a payout on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PayoutStep {
    Approve,
    Reject,
    Cancel,
    Send,
    Pay,
    Fail,
}

impl PayoutStatus {
    pub const ALL: [PayoutStatus; 7] = [
        PayoutStatus::Requested,
        PayoutStatus::Approved,
        PayoutStatus::Processing,
        PayoutStatus::Paid,
        PayoutStatus::Failed,
        PayoutStatus::Rejected,
        PayoutStatus::Cancelled,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            PayoutStatus::Requested => "requested",
            PayoutStatus::Approved => "approved",
            PayoutStatus::Processing => "processing",
            PayoutStatus::Paid => "paid",
            PayoutStatus::Failed => "failed",
            PayoutStatus::Rejected => "rejected",
            PayoutStatus::Cancelled => "cancelled",
        }
    }

    pub fn parse(s: &str) -> Option<PayoutStatus> {
        Self::ALL.into_iter().find(|v| v.as_str() == s)
    }

    /// Whether the payout's amount is reserved from the available balance: from the request
    /// until it is paid (then the main account was debited) or ends unpaid.
    pub fn holds_amount(self) -> bool {
        matches!(
            self,
            PayoutStatus::Requested | PayoutStatus::Approved | PayoutStatus::Processing
        )
    }

    /// The status `step` leads to, or `None` if it does not apply now.
    pub fn after(self, step: PayoutStep) -> Option<PayoutStatus> {
        use PayoutStatus::*;
        use PayoutStep::*;
        match (self, step) {
            (Requested, Approve) => Some(Approved),
            (Requested, Reject) => Some(Rejected),
            (Requested, Cancel) => Some(Cancelled),
            (Approved, Send) => Some(Processing),
            (Processing, Pay) => Some(Paid),
            (Processing, Fail) => Some(Failed),
            _ => None,
        }
    }
}

/// What may be paid out: the main balance less the payouts that hold their amount.
pub fn available(main_minor: i64, payouts: impl IntoIterator<Item = (i64, PayoutStatus)>) -> i64 {
    main_minor
        - payouts
            .into_iter()
            .filter(|(_, status)| status.holds_amount())
            .map(|(amount, _)| amount)
            .sum::<i64>()
}

/// When a payout is expected: 24 business hours from the later of when it is asked and the
/// start of the day chosen (local times of the merchant's zone).
pub fn expected_by(
    calendar: &BusinessCalendar,
    on: NaiveDate,
    asked: NaiveDateTime,
) -> NaiveDateTime {
    let start = asked.max(on.and_hms_opt(0, 0, 0).expect("midnight"));
    calendar.add_business_hours(start, EXECUTION_BUSINESS_HOURS)
}

/// An IBAN, checked: its country's length and format where the IBAN registry knows the country,
/// the BCEAO's 28 characters for the West African countries it does not (Côte d'Ivoire,
/// Senegal), and the check digits (ISO 7064 mod 97-10) always.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Iban(String);

/// Countries of the BCEAO (West African CFA franc) whose IBANs are 28 characters.
const BCEAO: [&str; 8] = ["BJ", "BF", "CI", "GW", "ML", "NE", "SN", "TG"];

impl Iban {
    /// Reads an IBAN as people type it: spaces, dashes and lower case allowed.
    pub fn parse(typed: &str) -> Result<Iban, &'static str> {
        let compact: String = typed
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .map(|c| c.to_ascii_uppercase())
            .collect();
        if compact.is_empty() {
            return Err(messages::REQUIRED);
        }
        if let Ok(iban) = compact.parse::<RegisteredIban>() {
            return Ok(Iban(iban.electronic_str().to_owned()));
        }
        let base: iban::BaseIban = compact.parse().map_err(|_| messages::IBAN)?;
        let electronic = base.electronic_str();
        if BCEAO.contains(&&electronic[..2]) && electronic.len() == 28 {
            Ok(Iban(electronic.to_owned()))
        } else {
            Err(messages::IBAN)
        }
    }

    /// The country's code, e.g. `FR`.
    pub fn country(&self) -> &str {
        &self.0[..2]
    }

    /// As it may be shown: the country and check digits and the last four characters, e.g.
    /// `FR76 •••• 0189`.
    pub fn masked(&self) -> String {
        format!("{} •••• {}", &self.0[..4], &self.0[self.0.len() - 4..])
    }
}

impl fmt::Display for Iban {
    /// The paper format: groups of four.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let groups: Vec<&str> = self
            .0
            .as_bytes()
            .chunks(4)
            .map(|c| std::str::from_utf8(c).unwrap_or_default())
            .collect();
        f.write_str(&groups.join(" "))
    }
}

impl TryFrom<String> for Iban {
    type Error = &'static str;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Iban::parse(&s)
    }
}

impl From<Iban> for String {
    fn from(iban: Iban) -> String {
        iban.0
    }
}

/// `POST /payouts`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewPayout {
    pub amount_minor: i64,
    /// One of the merchant's approved payout accounts.
    pub account_id: String,
    /// The day it should leave, in the merchant's zone: today or later.
    pub on: NaiveDate,
}

/// The checks of a payout request: an amount above zero and at most what is available, a day
/// not in the past.
pub fn check_new_payout(
    req: &NewPayout,
    available_minor: i64,
    today: NaiveDate,
) -> Result<(), FieldErrors> {
    let mut checker = Checker::default();
    checker.check(
        "amount_minor",
        if req.amount_minor <= 0 {
            Err(messages::AMOUNT_POSITIVE)
        } else if req.amount_minor > available_minor {
            Err(messages::PAYOUT_EXCEEDS)
        } else {
            Ok(())
        },
    );
    checker.check(
        "account_id",
        if req.account_id.trim().is_empty() {
            Err(messages::REQUIRED)
        } else {
            Ok(())
        },
    );
    checker.check(
        "on",
        if req.on < today {
            Err(messages::IN_PAST)
        } else {
            Ok(())
        },
    );
    checker.finish()
}

/// A payout account's kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AccountKind {
    /// A bank account, by its IBAN.
    Bank,
    /// A mobile-money wallet, by its number.
    MobileMoney,
}

impl AccountKind {
    pub fn as_str(self) -> &'static str {
        match self {
            AccountKind::Bank => "bank",
            AccountKind::MobileMoney => "mobile_money",
        }
    }

    pub fn parse(s: &str) -> Option<AccountKind> {
        [AccountKind::Bank, AccountKind::MobileMoney]
            .into_iter()
            .find(|k| k.as_str() == s)
    }
}

/// Where a payout account stands: adding or changing one is approved by a second person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AccountStatus {
    /// Waiting for a second person; no payout goes to it yet.
    Pending,
    Active,
    Rejected,
    /// Replaced by a change that was approved.
    Retired,
}

impl AccountStatus {
    pub const ALL: [AccountStatus; 4] = [
        AccountStatus::Pending,
        AccountStatus::Active,
        AccountStatus::Rejected,
        AccountStatus::Retired,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            AccountStatus::Pending => "pending",
            AccountStatus::Active => "active",
            AccountStatus::Rejected => "rejected",
            AccountStatus::Retired => "retired",
        }
    }

    pub fn parse(s: &str) -> Option<AccountStatus> {
        Self::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

/// A wallet number, checked: Côte d'Ivoire `+225` and 10 digits, Senegal `+221` and 9.
pub fn parse_wallet(typed: &str) -> Result<String, &'static str> {
    let compact: String = typed
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '.' | '(' | ')'))
        .collect();
    if compact.is_empty() {
        return Err(messages::REQUIRED);
    }
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    match (compact.strip_prefix("+225"), compact.strip_prefix("+221")) {
        (Some(rest), _) if digits(rest, 10) => Ok(compact),
        (_, Some(rest)) if digits(rest, 9) => Ok(compact),
        _ => Err(messages::WALLET),
    }
}

/// A wallet number as it may be shown: `+225 07 •• •• 12 34` keeps the country, the
/// operator's prefix and the last four digits.
pub fn masked_wallet(number: &str) -> String {
    let (country, rest) = number.split_at(4);
    format!(
        "{country} {} •• •• {} {}",
        &rest[..2],
        &rest[rest.len() - 4..rest.len() - 2],
        &rest[rest.len() - 2..]
    )
}

/// `POST /payout-accounts`: a new account, or a change of one (`replaces`), which a second
/// person approves before any payout goes to it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewPayoutAccount {
    pub kind: AccountKind,
    /// What the merchant calls it, e.g. « Compte principal SGCI ».
    pub label: String,
    /// The IBAN (bank) or the wallet's number (mobile money), as typed.
    pub number: String,
    /// The active account this one replaces, once approved.
    #[serde(default)]
    pub replaces: Option<PayoutAccountId>,
}

/// The longest name of a payout account ("Compte SGCI").
pub const LABEL_MAX_CHARS: usize = 100;

/// The checks of a new payout account: a label, and an IBAN or a wallet number that reads.
/// Returns the number as stored (compact) and as shown (masked).
pub fn check_new_payout_account(req: &NewPayoutAccount) -> Result<(String, String), FieldErrors> {
    let mut checker = Checker::default();
    let label = req.label.trim();
    checker.check(
        "label",
        if label.is_empty() {
            Err(messages::REQUIRED)
        } else if label.chars().count() > LABEL_MAX_CHARS {
            Err(messages::TOO_LONG)
        } else {
            Ok(())
        },
    );
    let number = checker.take(
        "number",
        match req.kind {
            AccountKind::Bank => Iban::parse(&req.number).map(|iban| {
                let masked = iban.masked();
                (String::from(iban), masked)
            }),
            AccountKind::MobileMoney => parse_wallet(&req.number).map(|n| {
                let masked = masked_wallet(&n);
                (n, masked)
            }),
        },
    );
    checker.finish_with(|| number)
}

/// A payout account as the merchant's people see it: never its whole number.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PayoutAccount {
    pub id: PayoutAccountId,
    pub kind: AccountKind,
    pub label: String,
    pub masked: String,
    pub status: AccountStatus,
    pub replaces: Option<PayoutAccountId>,
    pub requested_by: String,
    pub requested_at: DateTime<Utc>,
    pub decided_by: Option<String>,
    pub rejection_reason: Option<String>,
    /// Whether the caller may approve or reject it (pending, theirs to decide, not their own
    /// request).
    pub can_decide: bool,
}

/// A payout as the merchant's people see it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Payout {
    pub id: PayoutId,
    pub account_id: PayoutAccountId,
    pub account_label: String,
    pub account_masked: String,
    pub amount: Money,
    /// The day it should leave, in the merchant's zone.
    pub on: NaiveDate,
    pub status: PayoutStatus,
    /// When it is expected on the account: 24 business hours from its day (or from the
    /// request, if later).
    pub expected_by: DateTime<Utc>,
    pub requested_by: String,
    pub requested_at: DateTime<Utc>,
    pub decided_by: Option<String>,
    pub decided_at: Option<DateTime<Utc>>,
    pub rejection_reason: Option<String>,
    /// Why the operator could not pay it, when it failed.
    pub failure_reason: Option<String>,
    /// Whether the caller may approve or reject it (requested, not their own request).
    pub can_decide: bool,
    /// Whether the caller may withdraw it (requested, not yet approved).
    pub can_cancel: bool,
}

/// `GET /payouts/available`: what may be paid out now, and a preview of when.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Available {
    pub main: Money,
    /// The payouts asked for, approved or under way.
    pub held: Money,
    pub available: Money,
    /// The merchant's today, in its zone: the earliest day a payout may be asked for.
    pub today: NaiveDate,
    /// When a payout asked for now, for the day asked about (`on`, or today), is expected:
    /// 24 business hours on the merchant's business calendar.
    pub expected_by: DateTime<Utc>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn t(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
    }

    #[test]
    fn ibans_are_read_as_typed_and_checked() {
        let fr = Iban::parse("fr76 3000 6000 0112 3456 7890 189").unwrap();
        assert_eq!(fr.to_string(), "FR76 3000 6000 0112 3456 7890 189");
        assert_eq!(fr.masked(), "FR76 •••• 0189");
        assert_eq!(fr.country(), "FR");
        // One digit changed: the check digits no longer match.
        assert_eq!(
            Iban::parse("FR76 3000 6000 0112 3456 7890 188"),
            Err(messages::IBAN)
        );
        // A French IBAN one character short.
        assert_eq!(
            Iban::parse("FR76 3000 6000 0112 3456 7890 18"),
            Err(messages::IBAN)
        );
        assert_eq!(Iban::parse("  "), Err(messages::REQUIRED));
        // Côte d'Ivoire and Senegal (BCEAO, 28 characters), which the registry does not list.
        let ci = Iban::parse("CI93 CI00 8011 1301 1342 9120 0589").unwrap();
        assert_eq!(ci.masked(), "CI93 •••• 0589");
        assert!(Iban::parse("SN08 SN01 0015 2000 0485 0000 3035").is_ok());
        assert_eq!(
            Iban::parse("CI93 CI00 8011 1301 1342 9120 0588"),
            Err(messages::IBAN)
        );
    }

    #[test]
    fn a_payout_holds_its_amount_until_paid_or_ended() {
        use PayoutStatus::*;
        assert_eq!(
            available(
                10_000,
                [
                    (1_000, Requested),
                    (2_000, Approved),
                    (3_000, Processing),
                    (500, Paid),
                    (400, Failed),
                    (300, Rejected),
                    (200, Cancelled)
                ]
            ),
            4_000
        );
    }

    #[test]
    fn a_payout_moves_only_forward_and_is_cancelled_only_before_approval() {
        use PayoutStatus::*;
        use PayoutStep::*;
        assert_eq!(Requested.after(Approve), Some(Approved));
        assert_eq!(Approved.after(Cancel), None);
        assert_eq!(Approved.after(Send), Some(Processing));
        assert_eq!(Processing.after(Fail), Some(Failed));
        assert_eq!(Paid.after(Fail), None);
        for s in PayoutStatus::ALL {
            assert_eq!(PayoutStatus::parse(s.as_str()), Some(s));
        }
    }

    #[test]
    fn a_payout_is_expected_twenty_four_business_hours_after_its_day_starts() {
        let c = BusinessCalendar::new([d("2026-12-25")]);
        // Asked on Friday at 15:00 for today: Monday at 15:00.
        assert_eq!(
            expected_by(&c, d("2026-12-11"), t("2026-12-11 15:00")),
            t("2026-12-14 15:00")
        );
        // Asked on Monday for Thursday 24 December: by the end of that day.
        assert_eq!(
            expected_by(&c, d("2026-12-24"), t("2026-12-07 09:00")),
            t("2026-12-25 00:00")
        );
        // Asked on Thursday 24 at 10:00 for that day: Monday 28 at 10:00 (Christmas, weekend).
        assert_eq!(
            expected_by(&c, d("2026-12-24"), t("2026-12-24 10:00")),
            t("2026-12-28 10:00")
        );
    }

    #[test]
    fn a_payout_request_is_checked_field_by_field() {
        let today = d("2026-12-07");
        let ok = NewPayout {
            amount_minor: 5_000,
            account_id: "acc".into(),
            on: today,
        };
        assert!(check_new_payout(&ok, 5_000, today).is_ok());
        let errors = check_new_payout(
            &NewPayout {
                amount_minor: 5_001,
                account_id: " ".into(),
                on: d("2026-12-06"),
            },
            5_000,
            today,
        )
        .unwrap_err();
        assert_eq!(errors["amount_minor"][0], messages::PAYOUT_EXCEEDS);
        assert_eq!(errors["account_id"][0], messages::REQUIRED);
        assert_eq!(errors["on"][0], messages::IN_PAST);
    }

    proptest! {
        #[test]
        fn a_valid_iban_survives_its_paper_format(digits in "[0-9]{23}") {
            // Build a valid French IBAN from any 23 digits: check digits by mod 97.
            let bban = digits;
            let numeric: String = format!("{bban}FR00").chars().map(|c| {
                if c.is_ascii_digit() { c.to_string() } else { (c as u32 - 'A' as u32 + 10).to_string() }
            }).collect();
            let rem = numeric.chars().fold(0u32, |r, c| (r * 10 + c.to_digit(10).unwrap()) % 97);
            let iban = format!("FR{:02}{bban}", 98 - rem);
            let parsed = Iban::parse(&iban).unwrap();
            prop_assert_eq!(Iban::parse(&parsed.to_string()).unwrap(), parsed);
        }
    }
}
