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

/// The rating picked, as the server takes it (`guichet_domain::tickets::RATINGS`).
pub fn rating(value: &str) -> Result<u8, FieldErrors> {
    check_rating(value.parse::<u8>().unwrap_or(0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tickets::fixtures::{at, summary};
    use guichet_domain::messages;
    use guichet_domain::tickets::{Feedback, Urgency};
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
