//! Where a ticket's SLA clock stands, for the lists and the ticket's header.

use chrono::{DateTime, TimeDelta, Utc};
use guichet_domain::tickets::{Status, TicketSummary};

use crate::i18n::time::human_duration;
use crate::i18n::{fill, t_in, Locale};

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tickets::fixtures::{at, summary};

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
}
