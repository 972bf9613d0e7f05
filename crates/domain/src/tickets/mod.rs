//! Support tickets, as seeds 000 and 001 describe them: categories, the fields each one needs,
//! urgency with its indicative response and resolution targets, ticket numbers, statuses and
//! the SLA clock. The wizard and the server both apply these rules.

mod api_key;
mod check;
mod conversation;
mod sla;
mod wire;

pub use api_key::{fingerprint, key_environment, Environment};
pub use check::{
    check_field, check_new_ticket, parse_day, ENDPOINTS, IMAGE_ATTACHMENT_MAX_BYTES,
    MAX_ATTACHMENTS, MESSAGE_MAX_CHARS, SHOP_NAME_MAX_CHARS, SUBJECT_MAX_CHARS,
    TEXT_ATTACHMENT_MAX_BYTES, TEXT_MAX_CHARS,
};
pub use conversation::{
    check_rating, message_text, open_to_replies, rateable, reply_permission, RATINGS,
};
pub use sla::{QueueKey, Risk, Sla, SlaInput, Target};
pub use wire::*;

use chrono::{NaiveDate, TimeDelta};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Category {
    Bug,
    ApiQuestion,
    FeatureRequest,
    /// A payment notification (webhook) that did not arrive or arrived wrong.
    IpnProblem,
    /// « Facturation »: an invoice that seems wrong (seed 004, 6.d).
    Billing,
}

impl Category {
    pub const ALL: [Category; 5] = [
        Category::Bug,
        Category::ApiQuestion,
        Category::FeatureRequest,
        Category::IpnProblem,
        Category::Billing,
    ];

    /// The wire name, e.g. `ipn_problem`.
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Bug => "bug",
            Category::ApiQuestion => "api_question",
            Category::FeatureRequest => "feature_request",
            Category::IpnProblem => "ipn_problem",
            Category::Billing => "billing",
        }
    }

    pub fn parse(s: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

/// Indicative, not contractual (seed 000).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Urgency {
    Critical,
    High,
    Normal,
}

impl Urgency {
    pub const ALL: [Urgency; 3] = [Urgency::Critical, Urgency::High, Urgency::Normal];

    pub fn as_str(self) -> &'static str {
        match self {
            Urgency::Critical => "critical",
            Urgency::High => "high",
            Urgency::Normal => "normal",
        }
    }

    pub fn parse(s: &str) -> Option<Urgency> {
        Urgency::ALL.into_iter().find(|u| u.as_str() == s)
    }

    pub fn response_target(self) -> TimeDelta {
        match self {
            Urgency::Critical => TimeDelta::hours(1),
            Urgency::High => TimeDelta::hours(4),
            Urgency::Normal => TimeDelta::hours(24),
        }
    }

    pub fn resolution_target(self) -> TimeDelta {
        match self {
            Urgency::Critical => TimeDelta::hours(4),
            Urgency::High => TimeDelta::hours(24),
            Urgency::Normal => TimeDelta::hours(72),
        }
    }
}

/// What a ticket can carry besides its category and urgency.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Field {
    Subject,
    Description,
    /// The API key used, as a fingerprint only: the key itself is never sent.
    ApiKey,
    Endpoint,
    Environment,
    /// The day and time the problem was seen.
    SeenAt,
    ErrorMessage,
    HttpStatus,
    StepsToReproduce,
    ClientId,
    PaymentId,
    TransactionId,
    TaskId,
    RequestId,
    DebugId,
    DeviceBrowser,
    NotificationUrl,
    ExpectedNotification,
    ReceivedNotification,
    /// The merchant's business account: its organisation id, as an invoice names it.
    BusinessAccount,
    /// The online shop's name.
    ShopName,
    /// The invoice that seems wrong, by its number (`FAC-2026-000042`).
    InvoiceNumber,
    /// The day of the transaction in question, `YYYY-MM-DD`.
    TransactionDate,
}

impl Field {
    pub const ALL: [Field; 23] = [
        Field::Subject,
        Field::Description,
        Field::ApiKey,
        Field::Endpoint,
        Field::Environment,
        Field::SeenAt,
        Field::ErrorMessage,
        Field::HttpStatus,
        Field::StepsToReproduce,
        Field::ClientId,
        Field::PaymentId,
        Field::TransactionId,
        Field::TaskId,
        Field::RequestId,
        Field::DebugId,
        Field::DeviceBrowser,
        Field::NotificationUrl,
        Field::ExpectedNotification,
        Field::ReceivedNotification,
        Field::BusinessAccount,
        Field::ShopName,
        Field::InvoiceNumber,
        Field::TransactionDate,
    ];

    /// The wire name, e.g. `request_id`.
    pub fn as_str(self) -> &'static str {
        use Field::*;
        match self {
            Subject => "subject",
            Description => "description",
            ApiKey => "api_key",
            Endpoint => "endpoint",
            Environment => "environment",
            SeenAt => "seen_at",
            ErrorMessage => "error_message",
            HttpStatus => "http_status",
            StepsToReproduce => "steps_to_reproduce",
            ClientId => "client_id",
            PaymentId => "payment_id",
            TransactionId => "transaction_id",
            TaskId => "task_id",
            RequestId => "request_id",
            DebugId => "debug_id",
            DeviceBrowser => "device_browser",
            NotificationUrl => "notification_url",
            ExpectedNotification => "expected_notification",
            ReceivedNotification => "received_notification",
            BusinessAccount => "business_account",
            ShopName => "shop_name",
            InvoiceNumber => "invoice_number",
            TransactionDate => "transaction_date",
        }
    }

    pub fn parse(s: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.as_str() == s)
    }

    /// Free text the redaction engine must read; the other fields have a checked shape.
    /// The length limit of a field whose error says `error.too_long`; the other fields have a
    /// shape, whose message says how long it may be.
    pub fn max_chars(self) -> Option<usize> {
        use Field::*;
        match self {
            Subject => Some(check::SUBJECT_MAX_CHARS),
            Description | ErrorMessage | StepsToReproduce | ExpectedNotification
            | ReceivedNotification => Some(check::TEXT_MAX_CHARS),
            DeviceBrowser => Some(check::SHORT_MAX_CHARS),
            ShopName => Some(check::SHOP_NAME_MAX_CHARS),
            _ => None,
        }
    }

    pub fn is_free_text(self) -> bool {
        use Field::*;
        matches!(
            self,
            Subject
                | Description
                | ErrorMessage
                | StepsToReproduce
                | DeviceBrowser
                | ExpectedNotification
                | ReceivedNotification
                | ShopName
        )
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Need {
    Required,
    Optional,
    Hidden,
}

/// Which fields a category asks for. Seed 001 lists what an incident ticket must hold
/// (client_id, day and time, error message, steps, device and browser); seed 000 adds the API
/// key and the endpoint. Questions and feature requests ask for much less. A billing question
/// carries what seed 004 (6.d) asks for: the business account, the shop, the invoice that seems
/// wrong and the transaction's date.
pub fn need(category: Category, field: Field) -> Need {
    use Category::*;
    use Field::*;
    use Need::*;
    match (category, field) {
        (_, Subject | Description) => Required,
        (
            Bug,
            ApiKey | Endpoint | Environment | SeenAt | ErrorMessage | StepsToReproduce | ClientId
            | DeviceBrowser,
        ) => Required,
        (Bug, HttpStatus | PaymentId | TransactionId | TaskId | RequestId | DebugId) => Optional,
        (
            IpnProblem,
            ApiKey | Environment | SeenAt | TransactionId | NotificationUrl | ExpectedNotification,
        ) => Required,
        (
            IpnProblem,
            ReceivedNotification | PaymentId | HttpStatus | RequestId | ClientId | ErrorMessage,
        ) => Optional,
        (
            ApiQuestion,
            Endpoint | Environment | ApiKey | ClientId | ErrorMessage | HttpStatus | RequestId
            | DebugId,
        ) => Optional,
        (FeatureRequest, Endpoint) => Optional,
        (Billing, BusinessAccount | ShopName | InvoiceNumber) => Required,
        (Billing, TransactionDate) => Optional,
        _ => Hidden,
    }
}

/// `PREFIX-SUPPORT-YYYYMMDD-NNN`: the provider's prefix, the day in the provider's zone and
/// that day's sequence.
///
/// The sequence has three digits, `001` to `999`. Past 999 a capital letter says how many digits
/// follow: `A` four (`A1000` to `A9999`), `B` five (`B10000`…), up to `G` ten (`u32::MAX`). A
/// day's numbers compared as text thus still come in the order they were given (digits sort
/// before capitals, and each letter before the next), where `1000` would sort before `999`; and
/// the usual day keeps the seed's short numbers.
pub fn ticket_number(prefix: &str, day: NaiveDate, sequence: u32) -> String {
    format!(
        "{prefix}-SUPPORT-{}-{}",
        day.format("%Y%m%d"),
        sequence_text(sequence)
    )
}

fn sequence_text(sequence: u32) -> String {
    let digits = format!("{sequence:03}");
    match digits.len() {
        3 => digits,
        // At most ten digits in a u32: `A` to `G`.
        width => format!("{}{digits}", char::from(b'A' + (width - 4) as u8)),
    }
}

/// Reads a ticket number back into its parts; each number has one spelling only.
pub fn parse_ticket_number(number: &str) -> Option<(&str, NaiveDate, u32)> {
    let mut parts = number.rsplitn(4, '-');
    let sequence = parts.next()?;
    let day = parts.next()?;
    let support = parts.next()?;
    let prefix = parts.next()?;
    if support != "SUPPORT" || prefix.is_empty() {
        return None;
    }
    let digits = sequence
        .strip_prefix(|c: char| c.is_ascii_uppercase())
        .unwrap_or(sequence);
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n: u32 = digits.parse().ok()?;
    if sequence_text(n) != sequence {
        return None;
    }
    let day = NaiveDate::parse_from_str(day, "%Y%m%d").ok()?;
    Some((prefix, day, n))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Status {
    New,
    Triaged,
    Assigned,
    InProgress,
    WaitingOnMerchant,
    Resolved,
    Closed,
}

impl Status {
    pub const ALL: [Status; 7] = [
        Status::New,
        Status::Triaged,
        Status::Assigned,
        Status::InProgress,
        Status::WaitingOnMerchant,
        Status::Resolved,
        Status::Closed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::New => "new",
            Status::Triaged => "triaged",
            Status::Assigned => "assigned",
            Status::InProgress => "in_progress",
            Status::WaitingOnMerchant => "waiting_on_merchant",
            Status::Resolved => "resolved",
            Status::Closed => "closed",
        }
    }

    pub fn parse(s: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|st| st.as_str() == s)
    }

    /// Still on the desk's plate.
    pub fn is_open(self) -> bool {
        !matches!(self, Status::Resolved | Status::Closed)
    }

    /// The lifecycle of seed 000: created, triaged, assigned, updates until resolved, closed;
    /// a follow-up request reopens a resolved or closed ticket.
    pub fn can_become(self, next: Status) -> bool {
        use Status::*;
        matches!(
            (self, next),
            (New, Triaged | Assigned)
                | (Triaged, Assigned)
                | (
                    Assigned | InProgress | WaitingOnMerchant,
                    InProgress | WaitingOnMerchant | Resolved | Assigned
                )
                | (Resolved, Closed | InProgress)
                | (Closed, InProgress)
        ) && self != next
    }

    /// The SLA clock stops while the desk waits on the merchant.
    pub fn pauses_clock(self) -> bool {
        self == Status::WaitingOnMerchant
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bug_needs_what_seed_001_lists() {
        for f in [
            Field::ClientId,
            Field::SeenAt,
            Field::ErrorMessage,
            Field::StepsToReproduce,
            Field::DeviceBrowser,
            Field::ApiKey,
            Field::Endpoint,
        ] {
            assert_eq!(need(Category::Bug, f), Need::Required, "{f:?}");
        }
        assert_eq!(need(Category::Bug, Field::TaskId), Need::Optional);
        assert_eq!(need(Category::Bug, Field::NotificationUrl), Need::Hidden);
    }

    #[test]
    fn ipn_problems_add_the_notification() {
        assert_eq!(
            need(Category::IpnProblem, Field::NotificationUrl),
            Need::Required
        );
        assert_eq!(
            need(Category::IpnProblem, Field::ExpectedNotification),
            Need::Required
        );
        assert_eq!(
            need(Category::IpnProblem, Field::ReceivedNotification),
            Need::Optional
        );
        assert_eq!(
            need(Category::FeatureRequest, Field::ErrorMessage),
            Need::Hidden
        );
        for c in Category::ALL {
            assert_eq!(need(c, Field::Description), Need::Required);
        }
    }

    /// Seed 004, 6.d: « l'identifiant de votre compte business, le nom de votre boutique en
    /// ligne, la facture qui vous semble incorrecte, date de la transaction ».
    #[test]
    fn billing_questions_need_what_seed_004_lists() {
        for f in [
            Field::Subject,
            Field::Description,
            Field::BusinessAccount,
            Field::ShopName,
            Field::InvoiceNumber,
        ] {
            assert_eq!(need(Category::Billing, f), Need::Required, "{f:?}");
        }
        assert_eq!(
            need(Category::Billing, Field::TransactionDate),
            Need::Optional
        );
        assert_eq!(need(Category::Billing, Field::ApiKey), Need::Hidden);
        // The billing fields belong to billing questions alone.
        for c in Category::ALL
            .into_iter()
            .filter(|c| *c != Category::Billing)
        {
            for f in [
                Field::BusinessAccount,
                Field::ShopName,
                Field::InvoiceNumber,
                Field::TransactionDate,
            ] {
                assert_eq!(need(c, f), Need::Hidden, "{c:?} {f:?}");
            }
        }
        assert_eq!(Category::parse("billing"), Some(Category::Billing));
        assert!(Field::ShopName.is_free_text());
        assert!(!Field::InvoiceNumber.is_free_text());
    }

    #[test]
    fn ticket_numbers_round_trip() {
        let day = NaiveDate::from_ymd_opt(2026, 1, 13).unwrap();
        assert_eq!(ticket_number("EFB", day, 1), "EFB-SUPPORT-20260113-001");
        assert_eq!(ticket_number("EFB", day, 999), "EFB-SUPPORT-20260113-999");
        assert_eq!(
            ticket_number("EFB", day, 1234),
            "EFB-SUPPORT-20260113-A1234"
        );
        assert_eq!(
            ticket_number("EFB", day, 13869),
            "EFB-SUPPORT-20260113-B13869"
        );
        assert_eq!(
            ticket_number("EFB", day, u32::MAX),
            "EFB-SUPPORT-20260113-G4294967295"
        );
        assert_eq!(
            parse_ticket_number("EFB-SUPPORT-20260113-001"),
            Some(("EFB", day, 1))
        );
        assert_eq!(
            parse_ticket_number("A-B-SUPPORT-20260113-042"),
            Some(("A-B", day, 42))
        );
        assert_eq!(
            parse_ticket_number("EFB-SUPPORT-20260113-B13869"),
            Some(("EFB", day, 13869))
        );
        for bad in [
            "EFB-SUPPORT-20261313-001",
            "EFB-HELP-20260113-001",
            "EFB-SUPPORT-20260113-01",
            "-SUPPORT-20260113-001",
            "EFB-SUPPORT-20260113-1234",
            "EFB-SUPPORT-20260113-A999",
            "EFB-SUPPORT-20260113-A01234",
            "EFB-SUPPORT-20260113-B1234",
            "EFB-SUPPORT-20260113-A+123",
            "EFB-SUPPORT-20260113-H12345678901",
        ] {
            assert_eq!(parse_ticket_number(bad), None, "{bad}");
        }
    }

    /// Under load a day passes 999 tickets: its numbers, sorted as text, must still be in the
    /// order they were given.
    #[test]
    fn a_days_numbers_sort_as_text_in_the_order_given() {
        let day = NaiveDate::from_ymd_opt(2026, 12, 7).unwrap();
        let wide = (1..=9).flat_map(|digits| {
            let low = 10u64.pow(digits);
            [low - 1, low, low + 1].map(|n| u32::try_from(n).unwrap_or(u32::MAX))
        });
        let mut sequences: Vec<u32> = (1..=20_000).chain(wide).chain([u32::MAX]).collect();
        sequences.sort_unstable();
        sequences.dedup();
        let numbers: Vec<String> = sequences
            .iter()
            .map(|&n| ticket_number("EFB", day, n))
            .collect();
        for (pair, seq) in numbers.windows(2).zip(&sequences) {
            assert!(pair[0] < pair[1], "{} then {}", pair[0], pair[1]);
            assert_eq!(parse_ticket_number(&pair[0]).map(|p| p.2), Some(*seq));
        }
    }

    #[test]
    fn wire_names_match_serde() {
        let wire = |v: serde_json::Value| v.as_str().unwrap().to_owned();
        for c in Category::ALL {
            assert_eq!(wire(serde_json::to_value(c).unwrap()), c.as_str());
            assert_eq!(Category::parse(c.as_str()), Some(c));
        }
        for u in Urgency::ALL {
            assert_eq!(wire(serde_json::to_value(u).unwrap()), u.as_str());
            assert_eq!(Urgency::parse(u.as_str()), Some(u));
        }
        for f in Field::ALL {
            assert_eq!(wire(serde_json::to_value(f).unwrap()), f.as_str());
            assert_eq!(Field::parse(f.as_str()), Some(f));
        }
        for st in Status::ALL {
            assert_eq!(wire(serde_json::to_value(st).unwrap()), st.as_str());
            assert_eq!(Status::parse(st.as_str()), Some(st));
        }
    }

    #[test]
    fn lifecycle() {
        assert!(Status::New.can_become(Status::Triaged));
        assert!(Status::Assigned.can_become(Status::WaitingOnMerchant));
        assert!(Status::Resolved.can_become(Status::Closed));
        assert!(
            Status::Closed.can_become(Status::InProgress),
            "a follow-up reopens"
        );
        assert!(!Status::New.can_become(Status::Closed));
        assert!(!Status::Closed.can_become(Status::Closed));
    }
}
