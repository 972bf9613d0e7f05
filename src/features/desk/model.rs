//! Rules of the support desk: the status moves offered, who may take a ticket, and the
//! figures in words.

use guichet_domain::tickets::{Person, Status};
use guichet_domain::UserId;

use crate::i18n::decimal;
use crate::i18n::time::human_duration;
use crate::i18n::{t_in, Locale};

/// The moves the desk's status buttons offer, in lifecycle order.
pub const STATUS_MOVES: [Status; 4] = [
    Status::InProgress,
    Status::WaitingOnMerchant,
    Status::Resolved,
    Status::Closed,
];

/// The moves allowed from `current`.
pub fn status_moves(current: Status) -> Vec<Status> {
    STATUS_MOVES
        .into_iter()
        .filter(|next| current.can_become(*next))
        .collect()
}

/// The locale key of the button that moves a ticket to `status`.
pub fn move_key(status: Status) -> &'static str {
    match status {
        Status::InProgress => "desk.move.in_progress",
        Status::WaitingOnMerchant => "desk.move.waiting_on_merchant",
        Status::Resolved => "desk.move.resolved",
        _ => "desk.move.closed",
    }
}

/// "Take it" is offered on an open ticket someone else (or nobody) holds.
pub fn can_take(status: Status, assignee: Option<&Person>, me: &UserId) -> bool {
    status.is_open() && assignee.is_none_or(|a| a.id != *me)
}

/// A median in words, or a dash when nothing was measured yet.
pub fn median_text(minutes: Option<i64>, locale: Locale) -> String {
    minutes.map_or_else(|| "—".to_owned(), |m| human_duration(m, locale))
}

/// The average rating, "4.5 / 5", or a dash before the first rating.
pub fn average_text(average: Option<f64>, locale: Locale) -> String {
    average.map_or_else(
        || "—".to_owned(),
        |a| {
            crate::i18n::fill(
                &t_in(locale, "desk.figures.average_value"),
                &[("value", &decimal(a, locale))],
            )
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_buttons_follow_the_lifecycle() {
        assert_eq!(status_moves(Status::New), Vec::<Status>::new());
        assert_eq!(
            status_moves(Status::Assigned),
            [
                Status::InProgress,
                Status::WaitingOnMerchant,
                Status::Resolved
            ]
        );
        assert_eq!(
            status_moves(Status::WaitingOnMerchant),
            [Status::InProgress, Status::Resolved]
        );
        assert_eq!(
            status_moves(Status::Resolved),
            [Status::InProgress, Status::Closed]
        );
        assert_eq!(move_key(Status::Closed), "desk.move.closed");
    }

    #[test]
    fn take_it_when_someone_else_or_nobody_holds_it() {
        let koffi = Person {
            id: "koffi".into(),
            name: "Koffi".into(),
        };
        assert!(can_take(Status::New, None, &"me".into()));
        assert!(can_take(Status::Assigned, Some(&koffi), &"me".into()));
        assert!(!can_take(Status::Assigned, Some(&koffi), &"koffi".into()));
        assert!(!can_take(Status::Resolved, None, &"me".into()));
    }

    #[test]
    fn figures_in_words() {
        assert_eq!(median_text(None, Locale::En), "—");
        assert_eq!(median_text(Some(95), Locale::En), "1 h 35 min");
        assert_eq!(average_text(Some(4.5), Locale::En), "4.5 / 5");
        assert_eq!(average_text(Some(4.0), Locale::Fr), "4,0 / 5");
        assert_eq!(average_text(None, Locale::Fr), "—");
    }
}
