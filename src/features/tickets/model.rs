//! Rules of the ticket page: what the history says, and who may do what on a ticket (the
//! rules themselves are `guichet_domain::tickets`'; this applies them to who is looking).

use chrono::{DateTime, Utc};
use guichet_domain::api::Me;
use guichet_domain::tickets::{
    check_rating, open_to_replies, rateable, reply_permission, Change, Status, TicketDetail,
};
use guichet_domain::{FieldErrors, OrgKind, Permission};

use crate::i18n::labels::{status_name, urgency_name};
use crate::i18n::tr;

/// One line of the history, in the current language.
pub fn change_text(change: &Change) -> String {
    match change {
        Change::Created => tr("ticket.event.created", &[]),
        Change::Urgency {
            from,
            to,
            reason,
            shared,
        } => {
            let key = match (from == to, reason.is_empty()) {
                (true, false) => "ticket.event.triaged",
                (true, true) => "ticket.event.triaged_plain",
                (false, false) => "ticket.event.urgency",
                (false, true) => "ticket.event.urgency_plain",
            };
            let line = tr(
                key,
                &[
                    ("from", &urgency_name(*from)),
                    ("to", &urgency_name(*to)),
                    ("urgency", &urgency_name(*to)),
                    ("reason", reason),
                ],
            );
            // The desk sees which reasons the merchant was not shown.
            if *shared || reason.is_empty() {
                line
            } else {
                tr("ticket.event.desk_only", &[("line", &line)])
            }
        }
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
    /// The provider's support desk rather than a merchant.
    pub desk: bool,
    pub permissions: Vec<Permission>,
}

impl Viewer {
    pub fn from_me(me: &Me) -> Viewer {
        Viewer {
            desk: me.organisation.kind == OrgKind::Provider,
            permissions: me.permissions.clone(),
        }
    }

    pub fn can(&self, permission: Permission) -> bool {
        self.permissions.contains(&permission)
    }

    /// Whether this side may write on a ticket in `status` (`guichet_domain::tickets`: the
    /// desk at any time, the merchant until it is closed).
    pub fn can_reply(&self, status: Status) -> bool {
        self.can(reply_permission(self.desk)) && open_to_replies(self.desk, status)
    }

    /// Only the merchant rates, once, a resolved or closed ticket.
    pub fn can_rate(&self, detail: &TicketDetail) -> bool {
        !self.desk
            && self.can(Permission::TicketsCreate)
            && rateable(detail.ticket.status)
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

/// What the page tells the viewer to do next, under the title: whose turn it is, and by when.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NextStep {
    /// The desk: a new ticket is triaged before anything else.
    TriageFirst,
    /// The desk: the merchant waits for an answer, due at the SLA's next deadline.
    AnswerBy(DateTime<Utc>),
    /// The desk: the merchant has been asked something; the clock is paused.
    MerchantToAnswer,
    /// The merchant: the desk is on it and answers by this deadline.
    DeskAnswersBy(DateTime<Utc>),
    /// The merchant: the desk asked something; the ticket waits for their reply.
    YourReply,
    /// The merchant: resolved; rate the answer, and ask for a follow-up until then if the
    /// problem comes back.
    RateOrFollowUp(Option<DateTime<Utc>>),
    /// Closed: a follow-up is still possible until then.
    FollowUpUntil(DateTime<Utc>),
}

impl NextStep {
    pub fn of(detail: &TicketDetail, desk: bool, now: DateTime<Utc>) -> Option<NextStep> {
        let ticket = &detail.ticket;
        let follow_up = detail.follow_up_until.filter(|until| now <= *until);
        Some(match (ticket.status, desk) {
            (Status::New, true) => NextStep::TriageFirst,
            (Status::WaitingOnMerchant, true) => NextStep::MerchantToAnswer,
            (Status::WaitingOnMerchant, false) => NextStep::YourReply,
            (Status::Resolved | Status::Closed, true) => return None,
            (Status::Resolved, false) if detail.feedback.is_none() => {
                NextStep::RateOrFollowUp(follow_up)
            }
            (Status::Resolved | Status::Closed, false) => NextStep::FollowUpUntil(follow_up?),
            (_, true) => NextStep::AnswerBy(ticket.sla.next_due()),
            (_, false) => NextStep::DeskAnswersBy(ticket.sla.next_due()),
        })
    }

    /// The sentence, with its deadline written by `when`.
    pub fn text(self, when: impl Fn(DateTime<Utc>) -> String) -> String {
        match self {
            NextStep::TriageFirst => tr("ticket.next.triage_first", &[]),
            NextStep::AnswerBy(due) => tr("ticket.next.answer_by", &[("due", &when(due))]),
            NextStep::MerchantToAnswer => tr("ticket.next.merchant_to_answer", &[]),
            NextStep::DeskAnswersBy(due) => {
                tr("ticket.next.desk_answers_by", &[("due", &when(due))])
            }
            NextStep::YourReply => tr("ticket.next.your_reply", &[]),
            NextStep::RateOrFollowUp(None) => tr("ticket.next.rate", &[]),
            NextStep::RateOrFollowUp(Some(until)) => {
                tr("ticket.next.rate_or_follow_up", &[("until", &when(until))])
            }
            NextStep::FollowUpUntil(until) => {
                tr("ticket.next.follow_up_until", &[("until", &when(until))])
            }
        }
    }
}

/// The rating picked, as the server takes it (`guichet_domain::tickets::RATINGS`).
pub fn rating(value: &str) -> Result<u8, FieldErrors> {
    check_rating(value.parse::<u8>().unwrap_or(0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tickets::fixtures::{at, summary};
    use guichet_domain::messages;
    use guichet_domain::tickets::{Feedback, TicketEvent, Urgency};
    use std::collections::BTreeMap;

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
    fn the_page_says_whose_turn_it_is() {
        let now = at(10, 0);
        let mut d = detail(Status::New);
        assert_eq!(NextStep::of(&d, true, now), Some(NextStep::TriageFirst));
        let due = d.ticket.sla.next_due();
        assert_eq!(
            NextStep::of(&d, false, now),
            Some(NextStep::DeskAnswersBy(due))
        );
        d.ticket.status = Status::Assigned;
        assert_eq!(NextStep::of(&d, true, now), Some(NextStep::AnswerBy(due)));
        d.ticket.status = Status::WaitingOnMerchant;
        assert_eq!(
            NextStep::of(&d, true, now),
            Some(NextStep::MerchantToAnswer)
        );
        assert_eq!(NextStep::of(&d, false, now), Some(NextStep::YourReply));

        d.ticket.status = Status::Resolved;
        d.follow_up_until = Some(at(20, 0));
        assert_eq!(
            NextStep::of(&d, false, now),
            Some(NextStep::RateOrFollowUp(Some(at(20, 0))))
        );
        assert_eq!(NextStep::of(&d, true, now), None);
        // Rated and closed: only the follow-up is left, and only until its end.
        d.ticket.status = Status::Closed;
        d.feedback = Some(Feedback {
            rating: 4,
            comment: String::new(),
        });
        assert_eq!(
            NextStep::of(&d, false, now),
            Some(NextStep::FollowUpUntil(at(20, 0)))
        );
        assert_eq!(NextStep::of(&d, false, at(21, 0)), None);
    }

    #[test]
    fn the_history_speaks() {
        assert_eq!(change_text(&Change::Created), "Ticket filed");
        assert_eq!(
            change_text(&Change::Urgency {
                from: Urgency::High,
                to: Urgency::Critical,
                reason: "All top-ups fail".into(),
                shared: true,
            }),
            "Urgency changed from High to Critical: All top-ups fail"
        );
        let kept = TicketEvent {
            at: at(9, 0),
            actor: None,
            change: Change::Urgency {
                from: Urgency::Normal,
                to: Urgency::Normal,
                reason: "Merchant keeps guessing".into(),
                shared: false,
            },
        };
        assert_eq!(
            change_text(&kept.change),
            "Triaged as Normal: Merchant keeps guessing (only the desk sees this reason)"
        );
        assert_eq!(
            change_text(&kept.as_merchant_sees_it().change),
            "Triaged as Normal"
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
    fn ratings_go_from_one_to_five() {
        assert_eq!(rating("4"), Ok(4));
        for bad in ["", "0", "6", "four"] {
            assert_eq!(rating(bad).unwrap_err()["rating"], [messages::RATING]);
        }
    }
}
