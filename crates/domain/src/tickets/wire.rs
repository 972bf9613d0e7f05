//! Request and response bodies of the ticket routes.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{Category, Field, Sla, Status, Urgency};
use crate::ids::{AttachmentId, MailId, MessageId, OrgId, TicketId, UserId};

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

/// `POST /tickets`, with an `Idempotency-Key` born with the draft. Free text is already
/// redacted by the browser; the server redacts it again before storing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct NewTicket {
    pub category: Category,
    pub urgency: Urgency,
    /// Values by field name. Which fields a category requires, allows or refuses is
    /// `GET /tickets/fields`. `api_key` is a fingerprint (`sprod_...Qa7x`), never a key.
    pub fields: BTreeMap<Field, String>,
    /// Uploaded with `POST /attachments` beforehand.
    #[serde(default)]
    pub attachment_ids: Vec<AttachmentId>,
}

/// Someone named on a ticket.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Person {
    pub id: UserId,
    pub name: String,
}

/// The merchant organisation a ticket is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Merchant {
    pub id: OrgId,
    pub name: String,
}

/// A ticket in a list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct TicketSummary {
    pub id: TicketId,
    /// `PREFIX-SUPPORT-YYYYMMDD-NNN`; past a day's 999th ticket a letter gives the width,
    /// `A1000` to `A9999`, `B10000`…, so that a day's numbers sort as text in the order given.
    pub number: String,
    pub category: Category,
    pub urgency: Urgency,
    pub status: Status,
    pub subject: String,
    /// The merchant organisation that filed it.
    pub merchant: Merchant,
    pub requester: Person,
    pub assignee: Option<Person>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Where the clock stands at the time of the response.
    pub sla: Sla,
    /// News for the viewer: for a merchant's user, the desk answered since they last opened the
    /// ticket; for the desk, the merchant's last word (the ticket, or a message) awaits an answer.
    #[serde(default)]
    pub unread: bool,
}

/// `GET /tickets/unread`: how many of the viewer's tickets are [`TicketSummary::unread`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct UnreadCount {
    pub count: u32,
}

/// `GET /tickets/{id}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct TicketDetail {
    pub ticket: TicketSummary,
    pub fields: BTreeMap<Field, String>,
    /// Attached when the ticket was filed.
    pub attachments: Vec<Attachment>,
    /// Oldest first. Internal notes only for the provider's desk.
    pub messages: Vec<Message>,
    /// Oldest first.
    pub events: Vec<TicketEvent>,
    pub feedback: Option<Feedback>,
    /// Until when the merchant may ask for a follow-up, once the ticket is resolved or closed.
    pub follow_up_until: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Message {
    pub id: MessageId,
    pub author: Person,
    /// Written by the provider's support desk rather than the merchant.
    pub from_desk: bool,
    /// An internal note: the merchant never sees it.
    pub internal: bool,
    pub body: String,
    pub attachments: Vec<Attachment>,
    pub at: DateTime<Utc>,
}

/// `POST /tickets/{id}/messages`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct NewMessage {
    pub body: String,
    /// Provider desk only.
    #[serde(default)]
    pub internal: bool,
    #[serde(default)]
    pub attachment_ids: Vec<AttachmentId>,
}

/// A stored file: a redacted text or a re-encoded image.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Attachment {
    pub id: AttachmentId,
    pub name: String,
    pub media_type: String,
    pub size: u64,
    /// Secrets the server still found and redacted (the browser should have left none).
    pub server_findings: u32,
}

/// Something that happened to a ticket.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct TicketEvent {
    pub at: DateTime<Utc>,
    pub actor: Option<Person>,
    pub change: Change,
}

impl TicketEvent {
    /// The event as the merchant sees it: without the desk's reason for an urgency, unless the
    /// desk shared it.
    pub fn as_merchant_sees_it(mut self) -> Self {
        if let Change::Urgency {
            reason,
            shared: false,
            ..
        } = &mut self.change
        {
            reason.clear();
        }
        self
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Change {
    Created,
    Urgency {
        from: Urgency,
        to: Urgency,
        /// Empty for the merchant when the desk kept it to itself.
        reason: String,
        /// Whether the merchant sees the reason.
        #[serde(default)]
        shared: bool,
    },
    Assigned {
        assignee: Person,
    },
    Status {
        from: Status,
        to: Status,
    },
    Rated {
        rating: u8,
    },
    FollowUp {
        reason: String,
    },
}

/// `POST /tickets/{id}/triage`: set or change the urgency, with a reason.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Triage {
    pub urgency: Urgency,
    pub reason: String,
    /// Whether the merchant sees the reason in the ticket's history; by default only the desk
    /// does.
    #[serde(default)]
    pub shared: bool,
}

/// `POST /tickets/{id}/assign`: to yourself (`desk.work`) or anyone on the desk (`desk.assign`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Assign {
    pub assignee_id: UserId,
}

/// `POST /tickets/{id}/status`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ChangeStatus {
    pub status: Status,
    /// With `resolved` only: what was done, in a few words (optional). It joins the
    /// conversation as a public answer and the mail that tells the requester.
    #[serde(default)]
    pub summary: String,
}

/// `POST /tickets/{id}/feedback`: the merchant rates the resolution, which closes the ticket.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Feedback {
    /// 1 to 5.
    pub rating: u8,
    #[serde(default)]
    pub comment: String,
}

/// `POST /tickets/{id}/follow-up`: the merchant reopens a resolved or closed ticket.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct FollowUp {
    pub reason: String,
}

/// `GET /tickets` filters; all optional.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "openapi",
    derive(utoipa::IntoParams),
    into_params(parameter_in = Query)
)]
pub struct TicketFilter {
    pub status: Option<Status>,
    pub urgency: Option<Urgency>,
    pub category: Option<Category>,
    /// Desk only: one merchant organisation.
    pub merchant_id: Option<OrgId>,
    /// Desk only: one engineer, or `none` for unassigned tickets.
    pub assignee_id: Option<String>,
    /// `true`: only open tickets the desk has not answered publicly yet (the response clock
    /// runs); `false` or absent: all.
    pub unanswered: Option<bool>,
    /// Matches the number, the subject and the description.
    pub q: Option<String>,
    /// The order; absent: a merchant's newest first, the desk's most at risk first.
    pub sort: Option<TicketSort>,
}

/// `GET /tickets?sort=`: the order of a ticket list. Every order ends on the ticket's id, so
/// that it is total and a cursor resumes exactly where a page stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum TicketSort {
    /// The most at risk first: open before done, a running clock before a paused one, then the
    /// nearest deadline (a paused clock by what it will have left). The desk's default.
    Risk,
    /// The most urgent first, then the most at risk.
    Urgency,
    /// The most recently filed first. A merchant's default.
    Newest,
    /// The first filed first.
    Oldest,
    /// The most recently changed first.
    Updated,
}

impl TicketSort {
    pub const ALL: [TicketSort; 5] = [
        TicketSort::Risk,
        TicketSort::Urgency,
        TicketSort::Newest,
        TicketSort::Oldest,
        TicketSort::Updated,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            TicketSort::Risk => "risk",
            TicketSort::Urgency => "urgency",
            TicketSort::Newest => "newest",
            TicketSort::Oldest => "oldest",
            TicketSort::Updated => "updated",
        }
    }

    pub fn parse(s: &str) -> Option<TicketSort> {
        TicketSort::ALL.into_iter().find(|o| o.as_str() == s)
    }

    /// The order a list has when none is asked for.
    pub fn default_for(desk: bool) -> TicketSort {
        if desk {
            TicketSort::Risk
        } else {
            TicketSort::Newest
        }
    }
}

/// `GET /tickets/fields`: what each category asks for, so any client builds the same form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct FieldRules {
    pub categories: Vec<CategoryFields>,
    /// The provider's endpoints to pick from; any path may be typed instead.
    pub endpoints: Vec<String>,
    pub urgencies: Vec<UrgencyTargets>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct CategoryFields {
    pub category: Category,
    pub required: Vec<Field>,
    pub optional: Vec<Field>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct UrgencyTargets {
    pub urgency: Urgency,
    pub response_minutes: i64,
    pub resolution_minutes: i64,
}

/// `GET /desk/stats`: the desk's figures.
/// `GET /desk/stats?period=`: the tickets counted are those filed in the period.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub enum Period {
    /// Since midnight in the provider's time zone.
    #[serde(rename = "today")]
    Today,
    /// The last 7 days.
    #[serde(rename = "7d")]
    Week,
    /// The last 30 days.
    #[serde(rename = "30d")]
    Month,
    #[default]
    #[serde(rename = "all")]
    All,
}

impl Period {
    pub const ALL: [Period; 4] = [Period::Today, Period::Week, Period::Month, Period::All];

    pub fn as_str(self) -> &'static str {
        match self {
            Period::Today => "today",
            Period::Week => "7d",
            Period::Month => "30d",
            Period::All => "all",
        }
    }
}

/// `GET /desk/stats`: the desk's figures over a period, by urgency, by engineer and by merchant.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct DeskStats {
    pub period: Period,
    /// Every ticket of the period.
    pub all: Figures,
    pub by_urgency: Vec<UrgencyStats>,
    /// By the engineer the ticket is assigned to (unassigned tickets are in no row), by name.
    pub by_agent: Vec<GroupStats>,
    /// By the merchant that filed the ticket, by name.
    pub by_merchant: Vec<GroupStats>,
    /// Ratings given at closure, of the period's tickets.
    pub ratings: u32,
    pub average_rating: Option<f64>,
    /// The desk's background work now, whatever the period: its notifications to requesters.
    pub background: Background,
}

/// Background work (the job queue) of an organisation.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Background {
    /// Still to do: due, under way, or waiting to be tried again.
    pub waiting: u32,
    /// When the oldest of them was queued.
    pub oldest_waiting_at: Option<DateTime<Utc>>,
    /// Given up after repeated failures.
    pub failed: u32,
}

/// The figures of a group of tickets. Each median comes with how many tickets it is taken over.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Figures {
    /// Tickets filed.
    pub filed: u32,
    /// Not yet resolved.
    pub open: u32,
    /// Tickets whose response or resolution target is breached, open or not.
    pub breached: u32,
    /// Tickets answered in public: the median response time's sample.
    pub responded: u32,
    pub median_response_minutes: Option<i64>,
    /// Tickets resolved: the median resolution time's sample.
    pub resolved: u32,
    pub median_resolution_minutes: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct UrgencyStats {
    pub urgency: Urgency,
    pub figures: Figures,
}

/// One engineer's or one merchant's figures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct GroupStats {
    /// The engineer's user id, or the merchant's organisation id.
    pub id: String,
    pub name: String,
    pub figures: Figures,
}

/// What a mail to a requester says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum MailKind {
    /// The desk answered in public.
    Answered,
    /// An engineer took the ticket on.
    Assigned,
    /// The desk resolved the ticket.
    Resolved,
}

impl MailKind {
    pub fn as_str(self) -> &'static str {
        match self {
            MailKind::Answered => "answered",
            MailKind::Assigned => "assigned",
            MailKind::Resolved => "resolved",
        }
    }

    pub fn parse(s: &str) -> Option<MailKind> {
        [MailKind::Answered, MailKind::Assigned, MailKind::Resolved]
            .into_iter()
            .find(|k| k.as_str() == s)
    }
}

/// `GET /desk/outbox`: notifications to requesters.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct OutboxMail {
    pub id: MailId,
    /// What it says; absent for mail queued before kinds were kept.
    pub kind: Option<MailKind>,
    pub ticket_id: TicketId,
    pub ticket_number: String,
    pub to: String,
    pub subject: String,
    pub body: String,
    pub created_at: DateTime<Utc>,
    /// When an SMTP relay accepted it; absent while none is configured.
    pub sent_at: Option<DateTime<Utc>>,
}
