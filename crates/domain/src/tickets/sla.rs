//! The SLA clock: where a ticket stands against the response and resolution targets of seed
//! 000, and its place in the desk's queue.

use chrono::{DateTime, TimeDelta, Utc};
use serde::{Deserialize, Serialize};

use super::{Status, Urgency};

/// What the SLA clock needs to know about a ticket.
#[derive(Debug, Clone, PartialEq)]
pub struct SlaInput {
    pub created_at: DateTime<Utc>,
    pub urgency: Urgency,
    pub first_response_at: Option<DateTime<Utc>>,
    pub resolved_at: Option<DateTime<Utc>>,
    /// Periods spent waiting on the merchant; the last may still be open.
    pub pauses: Vec<(DateTime<Utc>, Option<DateTime<Utc>>)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Sla {
    pub response_due: DateTime<Utc>,
    pub resolution_due: DateTime<Utc>,
    pub response_breached: bool,
    pub resolution_breached: bool,
    pub paused: bool,
}

impl SlaInput {
    /// Where the clock stands at `now`. Paused time pushes both deadlines back.
    pub fn at(&self, now: DateTime<Utc>) -> Sla {
        let paused_for = |until: DateTime<Utc>| -> TimeDelta {
            self.pauses
                .iter()
                .map(|&(start, end)| {
                    let end = end.unwrap_or(now).min(until);
                    if end > start {
                        end - start
                    } else {
                        TimeDelta::zero()
                    }
                })
                .sum()
        };
        let response_stop = self.first_response_at.unwrap_or(now);
        let resolution_stop = self.resolved_at.unwrap_or(now);
        let response_due =
            self.created_at + self.urgency.response_target() + paused_for(response_stop);
        let resolution_due =
            self.created_at + self.urgency.resolution_target() + paused_for(resolution_stop);
        Sla {
            response_due,
            resolution_due,
            response_breached: response_stop > response_due,
            resolution_breached: resolution_stop > resolution_due,
            paused: self.resolved_at.is_none() && self.pauses.last().is_some_and(|p| p.1.is_none()),
        }
    }
}

/// A ticket's place in the desk's queue, most at risk first: open before done, a running clock
/// before a paused one, then the nearest deadline. The server keeps it in its database, to sort
/// and page there, so it must not move as time passes: a running clock's next deadline is an
/// instant, as is a done ticket's; a paused clock's deadline moves with every minute it waits,
/// so it is ranked by what it will have left when it runs again.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum QueueKey {
    Running { due: DateTime<Utc> },
    Paused { left: TimeDelta },
    Done { due: DateTime<Utc> },
}

impl SlaInput {
    /// The ticket's place in the desk's queue, read at `now`, no earlier than the clock's last
    /// change: any later time gives the same key.
    pub fn queue_key(&self, status: Status, now: DateTime<Utc>) -> QueueKey {
        // Until the desk has taken it in hand, the response target comes first.
        let next_due = |sla: Sla| match status {
            Status::New | Status::Triaged => sla.response_due.min(sla.resolution_due),
            _ => sla.resolution_due,
        };
        match self.pauses.last() {
            _ if !status.is_open() => QueueKey::Done {
                due: next_due(self.at(now)),
            },
            Some(&(start, None)) => QueueKey::Paused {
                left: next_due(self.at(start)) - start,
            },
            _ => QueueKey::Running {
                due: next_due(self.at(now)),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn t(day: u32, hour: u32, min: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 1, day, hour, min, 0).unwrap()
    }

    #[test]
    fn sla_across_midnight() {
        let sla = SlaInput {
            created_at: t(13, 22, 30),
            urgency: Urgency::Critical,
            first_response_at: None,
            resolved_at: None,
            pauses: vec![],
        };
        let at = sla.at(t(14, 0, 0));
        assert_eq!(at.response_due, t(13, 23, 30));
        assert_eq!(at.resolution_due, t(14, 2, 30));
        assert!(at.response_breached && !at.resolution_breached && !at.paused);
    }

    #[test]
    fn waiting_on_the_merchant_pauses_the_clock() {
        let mut input = SlaInput {
            created_at: t(13, 8, 0),
            urgency: Urgency::High,
            first_response_at: Some(t(13, 9, 0)),
            resolved_at: None,
            pauses: vec![(t(13, 10, 0), Some(t(13, 16, 0)))],
        };
        let at = input.at(t(14, 12, 0));
        assert_eq!(at.resolution_due, t(14, 14, 0), "24 h + 6 h paused");
        assert!(!at.response_breached && !at.resolution_breached);
        input.pauses.push((t(14, 13, 0), None));
        let at = input.at(t(15, 0, 0));
        assert!(at.paused);
        assert_eq!(
            at.resolution_due,
            t(15, 1, 0),
            "the open pause counts up to now"
        );
        assert!(!at.resolution_breached);
    }

    #[test]
    fn the_queue_ranks_running_then_paused_then_done_clocks() {
        let new = SlaInput {
            created_at: t(13, 8, 0),
            urgency: Urgency::Normal,
            first_response_at: None,
            resolved_at: None,
            pauses: vec![],
        };
        let running = new.queue_key(Status::New, t(13, 9, 0));
        assert_eq!(running, QueueKey::Running { due: t(14, 8, 0) });
        assert_eq!(
            running,
            new.queue_key(Status::New, t(20, 0, 0)),
            "time passes"
        );
        let taken = new.queue_key(Status::Assigned, t(13, 9, 0));
        assert_eq!(taken, QueueKey::Running { due: t(16, 8, 0) });

        let mut waiting = SlaInput {
            first_response_at: Some(t(13, 9, 0)),
            pauses: vec![(t(13, 10, 0), Some(t(13, 12, 0))), (t(14, 8, 0), None)],
            ..new.clone()
        };
        let paused = waiting.queue_key(Status::WaitingOnMerchant, t(14, 9, 0));
        // 72 h from 13th 08:00, 2 h paused before: due 16th 10:00, 50 h after the pause began.
        assert_eq!(
            paused,
            QueueKey::Paused {
                left: TimeDelta::hours(50)
            }
        );
        for now in [t(14, 8, 0), t(15, 0, 0), t(25, 0, 0)] {
            assert_eq!(waiting.queue_key(Status::WaitingOnMerchant, now), paused);
            let sla = waiting.at(now);
            assert_eq!(
                sla.resolution_due - now,
                TimeDelta::hours(50),
                "what the clock shows"
            );
        }
        waiting.resolved_at = Some(t(15, 0, 0));
        waiting.pauses[1].1 = Some(t(14, 20, 0));
        let done = waiting.queue_key(Status::Resolved, t(17, 0, 0));
        assert_eq!(done, QueueKey::Done { due: t(16, 22, 0) });

        let overdue = QueueKey::Running { due: t(1, 0, 0) };
        assert!(
            running < paused && overdue < running,
            "running first, most overdue first"
        );
        assert!(
            paused
                < QueueKey::Paused {
                    left: TimeDelta::hours(51)
                }
        );
        assert!(
            QueueKey::Paused {
                left: TimeDelta::hours(-9)
            } < done,
            "done last"
        );
    }

    #[test]
    fn a_resolved_ticket_is_judged_at_resolution() {
        let input = SlaInput {
            created_at: t(13, 8, 0),
            urgency: Urgency::Normal,
            first_response_at: Some(t(13, 9, 0)),
            resolved_at: Some(t(17, 8, 0)),
            pauses: vec![],
        };
        let at = input.at(t(20, 0, 0));
        assert!(at.resolution_breached, "96 h > 72 h");
        assert!(!at.response_breached);
    }
}
