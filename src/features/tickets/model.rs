//! Rules of the ticket pages: where the SLA clock stands, durations and sizes in words, what
//! the history says, and who may do what on a ticket.

use chrono::{DateTime, TimeDelta, Utc};
use guichet_domain::api::Me;
use guichet_domain::tickets::MESSAGE_MAX_CHARS;
use guichet_domain::tickets::{
    Category, Change, Status, TicketDetail, TicketFilter, TicketSummary, Urgency,
};
use guichet_domain::{FieldErrors, OrgKind, Permission};

use crate::api::ApiError;
use crate::i18n::labels::{status_name, urgency_name};
use crate::i18n::{fill, t_in, tr, Locale};

/// Where a ticket's clock stands, for the SLA column and the header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SlaState {
    /// Resolved or closed: whether the resolution target was missed.
    Done { breached: bool },
    /// A target is missed and the ticket is still open.
    Breached,
    /// Waiting on the merchant: the clock is stopped.
    Paused,
    /// Time left before the next target.
    Left(TimeDelta),
}

/// The next deadline: the response target until someone is on it, then the resolution target
/// (the same rule as the desk's queue order).
pub fn next_due(ticket: &TicketSummary) -> DateTime<Utc> {
    match ticket.status {
        Status::New | Status::Triaged => ticket.sla.response_due.min(ticket.sla.resolution_due),
        _ => ticket.sla.resolution_due,
    }
}

/// The clock at `now`. A breach outranks a pause: waiting on the merchant does not undo it.
pub fn sla_state(ticket: &TicketSummary, now: DateTime<Utc>) -> SlaState {
    let sla = &ticket.sla;
    if !ticket.status.is_open() {
        return SlaState::Done {
            breached: sla.resolution_breached,
        };
    }
    if sla.response_breached || sla.resolution_breached {
        return SlaState::Breached;
    }
    if sla.paused {
        return SlaState::Paused;
    }
    // The app's clock ticks every 30 s and the browser's may run behind the server's: a
    // ticket just filed must not show more time left than its target.
    let left = next_due(ticket) - now.max(ticket.created_at);
    if left <= TimeDelta::zero() {
        SlaState::Breached
    } else {
        SlaState::Left(left)
    }
}

impl SlaState {
    /// "3 h 20 min left", "Breached", "Paused", "Met".
    pub fn text(self, locale: Locale) -> String {
        match self {
            SlaState::Done { breached: false } => t_in(locale, "ticket.sla.met"),
            SlaState::Done { breached: true } | SlaState::Breached => {
                t_in(locale, "ticket.sla.breached")
            }
            SlaState::Paused => t_in(locale, "ticket.sla.paused"),
            SlaState::Left(left) => {
                // Rounded up: "1 min left" until the deadline, never "0 min left".
                let minutes = (left.num_seconds() + 59) / 60;
                fill(
                    &t_in(locale, "ticket.sla.left"),
                    &[("time", &human_duration(minutes, locale))],
                )
            }
        }
    }

    /// The badge modifier: `ok`, `breached`, `paused`, `done`.
    pub fn modifier(self) -> &'static str {
        match self {
            SlaState::Done { breached: false } => "done",
            SlaState::Done { breached: true } | SlaState::Breached => "breached",
            SlaState::Paused => "paused",
            SlaState::Left(_) => "ok",
        }
    }
}

/// A duration in words, coarse enough to read at a glance: "2 d 4 h", "3 h 20 min", "45 min".
pub fn human_duration(minutes: i64, locale: Locale) -> String {
    let minutes = minutes.max(0);
    let (days, hours, mins) = (minutes / 1440, minutes % 1440 / 60, minutes % 60);
    let unit = |key: &str, n: i64| fill(&t_in(locale, key), &[("n", &n.to_string())]);
    let mut parts = Vec::new();
    if days > 0 {
        parts.push(unit("time.days", days));
        if hours > 0 {
            parts.push(unit("time.hours", hours));
        }
    } else if hours > 0 {
        parts.push(unit("time.hours", hours));
        if mins > 0 {
            parts.push(unit("time.minutes", mins));
        }
    } else {
        parts.push(unit("time.minutes", mins));
    }
    parts.join(" ")
}

/// A file size in words: "812 B", "14 KB", "2.5 MB" (« 2,5 Mo »).
pub fn human_size(bytes: u64, locale: Locale) -> String {
    let (key, n) = if bytes < 1024 {
        ("size.bytes", bytes.to_string())
    } else if bytes < 1024 * 1024 {
        ("size.kb", bytes.div_ceil(1024).to_string())
    } else {
        ("size.mb", decimal(bytes as f64 / (1024.0 * 1024.0), locale))
    };
    fill(&t_in(locale, key), &[("n", &n)])
}

/// One decimal, with the locale's separator: "4.5", « 4,5 ».
pub fn decimal(value: f64, locale: Locale) -> String {
    let s = format!("{value:.1}");
    match locale {
        Locale::Fr => s.replace('.', ","),
        Locale::En => s,
    }
}

/// One line of the history, in the current language.
pub fn change_text(change: &Change) -> String {
    match change {
        Change::Created => tr("ticket.event.created", &[]),
        Change::Urgency { from, to, reason } if from == to => tr(
            "ticket.event.triaged",
            &[("urgency", &urgency_name(*to)), ("reason", reason)],
        ),
        Change::Urgency { from, to, reason } => tr(
            "ticket.event.urgency",
            &[
                ("from", &urgency_name(*from)),
                ("to", &urgency_name(*to)),
                ("reason", reason),
            ],
        ),
        Change::Assigned { assignee } => tr("ticket.event.assigned", &[("name", &assignee.name)]),
        Change::Status { from, to } => tr(
            "ticket.event.status",
            &[("from", &status_name(*from)), ("to", &status_name(*to))],
        ),
        Change::Rated { rating } => tr("ticket.event.rated", &[("rating", &rating.to_string())]),
        Change::FollowUp { reason } => tr("ticket.event.follow_up", &[("reason", reason)]),
    }
}

/// Who is looking at a ticket, as far as its page cares.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Viewer {
    pub user_id: String,
    /// The provider's support desk rather than a merchant.
    pub desk: bool,
    pub permissions: Vec<Permission>,
}

impl Viewer {
    pub fn from_me(me: &Me) -> Viewer {
        Viewer {
            user_id: me.user.id.clone(),
            desk: me.organisation.kind == OrgKind::Provider,
            permissions: me.permissions.clone(),
        }
    }

    pub fn can(&self, permission: Permission) -> bool {
        self.permissions.contains(&permission)
    }

    /// The merchant answers with `tickets.create` until the ticket is closed (then a follow-up
    /// reopens it); the desk writes with `desk.work` at any time.
    pub fn can_reply(&self, status: Status) -> bool {
        if self.desk {
            self.can(Permission::DeskWork)
        } else {
            self.can(Permission::TicketsCreate) && status != Status::Closed
        }
    }

    /// Only the merchant rates, once, a resolved or closed ticket.
    pub fn can_rate(&self, detail: &TicketDetail) -> bool {
        !self.desk
            && self.can(Permission::TicketsCreate)
            && matches!(detail.ticket.status, Status::Resolved | Status::Closed)
            && detail.feedback.is_none()
    }

    /// Only the merchant asks for a follow-up, until `follow_up_until`.
    pub fn can_follow_up(&self, detail: &TicketDetail, now: DateTime<Utc>) -> bool {
        !self.desk
            && self.can(Permission::TicketsCreate)
            && detail.follow_up_until.is_some_and(|until| now <= until)
    }

    /// Where "back to the list" leads.
    pub fn list_path(&self) -> &'static str {
        if self.desk {
            "/desk"
        } else {
            "/tickets"
        }
    }
}

/// Free text on its way to the server (a reply, a reason, a comment): trimmed and checked like
/// the server does. It is redacted as it is sent (`redactor::sendable`), so that a pasted
/// secret never leaves the browser.
pub fn outgoing_text(field: &str, value: &str, required: bool) -> Result<String, FieldErrors> {
    let value = value.trim();
    if value.is_empty() && required {
        return Err(field_error(field, "error.required"));
    }
    if value.chars().count() > MESSAGE_MAX_CHARS {
        return Err(field_error(field, "error.too_long"));
    }
    // Redacted as it is sent (`redactor::sendable`), by the engine's worker.
    Ok(value.to_owned())
}

/// One field's error, as the server would send it.
pub fn field_error(field: &str, key: &str) -> FieldErrors {
    FieldErrors::from([(field.to_owned(), vec![key.to_owned()])])
}

/// A rating as the server takes it, 1 to 5.
pub fn rating(value: &str) -> Result<u8, FieldErrors> {
    value
        .parse::<u8>()
        .ok()
        .filter(|r| (1..=5).contains(r))
        .ok_or_else(|| field_error("rating", "error.rating"))
}

/// The text of the search box as a filter: blank means no search.
pub fn search_term(input: &str) -> Option<String> {
    Some(input.trim().to_owned()).filter(|s| !s.is_empty())
}

/// The tickets a list page asks for. The search box goes into the query string (which servers
/// and proxies log), so a secret pasted there is redacted first; it could not match anything
/// stored, which is redacted as well. `page` is the asking page: gone by the time the engine
/// answers (the user signed out meanwhile), it asks nothing.
pub async fn list_tickets(
    mut filter: TicketFilter,
    page: leptos::prelude::StoredValue<()>,
) -> Result<Vec<TicketSummary>, ApiError> {
    if let Some(q) = filter.q.take() {
        filter.q = search_term(&crate::redactor::sendable(&q).await?);
        if leptos::prelude::IsDisposed::is_disposed(&page) {
            return Ok(Vec::new());
        }
    }
    crate::api::tickets::list(&filter).await
}

/// The filter selects and the search box as typed; an empty value means "all".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FilterForm {
    pub status: String,
    pub urgency: String,
    pub category: String,
    pub merchant: String,
    /// An engineer's id, or [`UNASSIGNED`].
    pub assignee: String,
    pub q: String,
}

/// The assignee filter's value for tickets nobody has taken (the server's `none`).
pub const UNASSIGNED: &str = "none";

impl FilterForm {
    /// The query for `GET /tickets`. Unknown values are dropped rather than sent.
    pub fn to_filter(&self) -> TicketFilter {
        let id = |s: &str| Some(s.trim().to_owned()).filter(|s| !s.is_empty());
        TicketFilter {
            status: Status::parse(&self.status),
            urgency: Urgency::parse(&self.urgency),
            category: Category::parse(&self.category),
            merchant_id: id(&self.merchant),
            assignee_id: id(&self.assignee),
            q: search_term(&self.q),
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use chrono::TimeZone;
    use guichet_domain::tickets::{Feedback, Person, Sla};
    use std::collections::BTreeMap;

    pub fn at(hour: u32, min: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 1, 13, hour, min, 0).unwrap()
    }

    pub fn summary(status: Status) -> TicketSummary {
        let person = |n: &str| Person {
            id: n.into(),
            name: n.into(),
        };
        TicketSummary {
            id: "t1".into(),
            number: "EFB-SUPPORT-20260113-001".into(),
            category: Category::Bug,
            urgency: Urgency::High,
            status,
            subject: "Top-ups fail".into(),
            merchant: person("Abidjan Shop"),
            requester: person("Awa"),
            assignee: None,
            created_at: at(8, 0),
            updated_at: at(8, 0),
            sla: Sla {
                response_due: at(12, 0),
                resolution_due: at(23, 0),
                response_breached: false,
                resolution_breached: false,
                paused: false,
            },
        }
    }

    fn detail(status: Status) -> TicketDetail {
        TicketDetail {
            ticket: summary(status),
            fields: BTreeMap::new(),
            attachments: vec![],
            messages: vec![],
            events: vec![],
            feedback: None,
            follow_up_until: None,
        }
    }

    #[test]
    fn the_clock_counts_to_the_response_then_the_resolution() {
        let new = summary(Status::New);
        assert_eq!(
            sla_state(&new, at(10, 40)),
            SlaState::Left(TimeDelta::minutes(80))
        );
        assert_eq!(
            sla_state(&new, at(10, 40)).text(Locale::En),
            "1 h 20 min left"
        );
        let assigned = summary(Status::InProgress);
        assert_eq!(
            sla_state(&assigned, at(10, 0)).text(Locale::En),
            "13 h left"
        );
        assert_eq!(
            sla_state(&assigned, at(10, 0)).text(Locale::Fr),
            "encore 13 h"
        );
        assert_eq!(
            sla_state(&new, at(11, 59) + TimeDelta::seconds(30)).text(Locale::En),
            "1 min left",
            "rounded up"
        );
        assert_eq!(
            sla_state(&new, at(7, 59) + TimeDelta::seconds(30)).text(Locale::En),
            "4 h left",
            "a clock a little behind the server never shows more than the target"
        );
    }

    #[test]
    fn breached_paused_and_done() {
        let mut t = summary(Status::New);
        assert_eq!(sla_state(&t, at(12, 1)), SlaState::Breached, "past due");
        t.status = Status::WaitingOnMerchant;
        t.sla.paused = true;
        assert_eq!(sla_state(&t, at(13, 0)), SlaState::Paused);
        assert_eq!(SlaState::Paused.text(Locale::Fr), "En pause");
        t.sla.response_breached = true;
        assert_eq!(sla_state(&t, at(13, 0)), SlaState::Breached);
        assert_eq!(SlaState::Breached.text(Locale::En), "Breached");
        t.status = Status::Closed;
        assert_eq!(
            sla_state(&t, at(13, 0)),
            SlaState::Done { breached: false },
            "judged on the resolution"
        );
        assert_eq!(SlaState::Done { breached: false }.text(Locale::En), "Met");
        assert_eq!(SlaState::Done { breached: true }.modifier(), "breached");
    }

    #[test]
    fn durations_read_at_a_glance() {
        assert_eq!(human_duration(0, Locale::En), "0 min");
        assert_eq!(human_duration(45, Locale::En), "45 min");
        assert_eq!(human_duration(60, Locale::En), "1 h");
        assert_eq!(human_duration(200, Locale::En), "3 h 20 min");
        assert_eq!(human_duration(1440 * 2 + 250, Locale::En), "2 d 4 h");
        assert_eq!(human_duration(1440 * 2 + 250, Locale::Fr), "2 j 4 h");
        assert_eq!(human_duration(-5, Locale::En), "0 min");
    }

    #[test]
    fn sizes_and_decimals_follow_the_language() {
        assert_eq!(human_size(812, Locale::En), "812 B");
        assert_eq!(human_size(14 * 1024 - 3, Locale::En), "14 KB");
        assert_eq!(human_size(5 * 1024 * 1024 / 2, Locale::Fr), "2,5 Mo");
        assert_eq!(decimal(4.5, Locale::En), "4.5");
        assert_eq!(decimal(4.0, Locale::Fr), "4,0");
    }

    #[test]
    fn the_history_speaks() {
        assert_eq!(change_text(&Change::Created), "Ticket filed");
        assert_eq!(
            change_text(&Change::Urgency {
                from: Urgency::High,
                to: Urgency::Critical,
                reason: "All top-ups fail".into()
            }),
            "Urgency changed from High to Critical: All top-ups fail"
        );
        assert_eq!(
            change_text(&Change::Status {
                from: Status::Resolved,
                to: Status::Closed
            }),
            "Status changed from Resolved to Closed"
        );
        assert_eq!(
            change_text(&Change::Rated { rating: 4 }),
            "Rated 4 out of 5"
        );
    }

    fn viewer(desk: bool, permissions: &[Permission]) -> Viewer {
        Viewer {
            user_id: "me".into(),
            desk,
            permissions: permissions.to_vec(),
        }
    }

    #[test]
    fn who_may_reply() {
        let support = viewer(false, &[Permission::TicketsRead, Permission::TicketsCreate]);
        let reader = viewer(false, &[Permission::TicketsRead]);
        let agent = viewer(true, &[Permission::DeskRead, Permission::DeskWork]);
        assert!(support.can_reply(Status::WaitingOnMerchant));
        assert!(!support.can_reply(Status::Closed), "a follow-up reopens");
        assert!(!reader.can_reply(Status::New));
        assert!(agent.can_reply(Status::Closed));
        assert!(!viewer(true, &[Permission::DeskRead]).can_reply(Status::New));
        assert_eq!(agent.list_path(), "/desk");
        assert_eq!(support.list_path(), "/tickets");
    }

    #[test]
    fn the_merchant_rates_once_and_follows_up_in_time() {
        let support = viewer(false, &[Permission::TicketsRead, Permission::TicketsCreate]);
        let agent = viewer(true, &[Permission::DeskRead, Permission::DeskWork]);
        let mut d = detail(Status::InProgress);
        assert!(!support.can_rate(&d));
        d.ticket.status = Status::Resolved;
        d.follow_up_until = Some(at(20, 0));
        assert!(support.can_rate(&d) && !agent.can_rate(&d));
        assert!(support.can_follow_up(&d, at(19, 0)));
        assert!(!support.can_follow_up(&d, at(20, 1)), "too late");
        assert!(!agent.can_follow_up(&d, at(19, 0)));
        d.feedback = Some(Feedback {
            rating: 4,
            comment: String::new(),
        });
        assert!(!support.can_rate(&d), "rated already");
    }

    #[test]
    fn outgoing_text_is_checked() {
        assert_eq!(
            outgoing_text("body", "  ", true).unwrap_err()["body"],
            ["error.required"]
        );
        assert_eq!(outgoing_text("comment", " ", false).unwrap(), "");
        let long = "a".repeat(MESSAGE_MAX_CHARS + 1);
        assert_eq!(
            outgoing_text("body", &long, true).unwrap_err()["body"],
            ["error.too_long"]
        );
        assert_eq!(
            outgoing_text("body", " Trimmed. ", true).unwrap(),
            "Trimmed."
        );
    }

    #[test]
    fn ratings_go_from_one_to_five() {
        assert_eq!(rating("4"), Ok(4));
        for bad in ["", "0", "6", "four"] {
            assert_eq!(rating(bad).unwrap_err()["rating"], ["error.rating"]);
        }
    }

    #[test]
    fn a_blank_search_is_no_search() {
        assert_eq!(search_term("  "), None);
        assert_eq!(search_term(" top-up "), Some("top-up".into()));
    }

    #[test]
    fn the_form_becomes_a_query() {
        assert_eq!(FilterForm::default().to_filter(), TicketFilter::default());
        let form = FilterForm {
            status: "waiting_on_merchant".into(),
            urgency: "critical".into(),
            category: "ipn_problem".into(),
            merchant: "org-1".into(),
            assignee: UNASSIGNED.into(),
            q: " airtime ".into(),
        };
        let f = form.to_filter();
        assert_eq!(f.status, Some(Status::WaitingOnMerchant));
        assert_eq!(f.urgency, Some(Urgency::Critical));
        assert_eq!(f.category, Some(Category::IpnProblem));
        assert_eq!(f.merchant_id.as_deref(), Some("org-1"));
        assert_eq!(f.assignee_id.as_deref(), Some("none"));
        assert_eq!(f.q.as_deref(), Some("airtime"));
        let odd = FilterForm {
            status: "lost".into(),
            ..FilterForm::default()
        };
        assert_eq!(odd.to_filter().status, None);
    }
}
