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
    /// The desk's first public answer. Triage, assignment and internal notes are not answers:
    /// the merchant hears nothing from them.
    pub first_response_at: Option<DateTime<Utc>>,
    pub resolved_at: Option<DateTime<Utc>>,
    /// Periods spent waiting on the merchant; the last may still be open.
    pub pauses: Vec<(DateTime<Utc>, Option<DateTime<Utc>>)>,
}

/// Where a ticket's clock stands, read at one instant (when the server answered).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Sla {
    /// When the desk must first answer in public; time waiting on the merchant pushes it back.
    pub response_due: DateTime<Utc>,
    /// When the ticket must be resolved; time waiting on the merchant pushes it back.
    pub resolution_due: DateTime<Utc>,
    /// The desk's first public answer, which stops the response clock (triage, assignment
    /// and internal notes do not); null until then. The clock counts toward the response
    /// target until it is given, then toward the resolution target.
    pub first_response_at: Option<DateTime<Utc>>,
    /// The first answer came after `response_due`, or has not come and is overdue.
    pub response_breached: bool,
    /// Resolved after `resolution_due`, or still open and overdue.
    pub resolution_breached: bool,
    /// Waiting on the merchant: the clock is stopped.
    pub paused: bool,
}

/// One of the two targets of seed 000's triage table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Target {
    /// The desk's first public answer.
    Response,
    Resolution,
}

impl Target {
    /// The time this target gives a ticket of `urgency`.
    pub fn duration(self, urgency: Urgency) -> TimeDelta {
        match self {
            Target::Response => urgency.response_target(),
            Target::Resolution => urgency.resolution_target(),
        }
    }
}

/// How close a ticket is to missing its running target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Risk {
    Ok,
    /// Under a quarter of the running target's time is left.
    AtRisk,
    /// A target is missed.
    Breached,
}

impl Sla {
    /// The target the clock counts toward: the response until the desk's first public answer,
    /// then the resolution. The desk's queue, the SLA chips and every "time left" follow it.
    pub fn running(&self) -> Target {
        match self.first_response_at {
            None => Target::Response,
            Some(_) => Target::Resolution,
        }
    }

    /// The running target's deadline.
    pub fn next_due(&self) -> DateTime<Utc> {
        match self.running() {
            Target::Response => self.response_due,
            Target::Resolution => self.resolution_due,
        }
    }

    /// The running target's time left at `now`, negative once overdue. Never more than the
    /// target itself: a clock a little behind the server's must not give a ticket just filed
    /// more time than its urgency allows.
    pub fn left(&self, urgency: Urgency, now: DateTime<Utc>) -> TimeDelta {
        let target = self.running();
        (self.next_due() - now).min(target.duration(urgency))
    }

    /// The target missed at `now`, if any. A late first answer stays missed once given. A
    /// paused clock misses nothing new: its deadline moves on while it waits.
    pub fn missed(&self, now: DateTime<Utc>) -> Option<Target> {
        let overdue = !self.paused && self.next_due() <= now;
        match self.running() {
            _ if self.response_breached => Some(Target::Response),
            Target::Resolution if self.resolution_breached => Some(Target::Resolution),
            target if overdue => Some(target),
            _ => None,
        }
    }

    /// How close the ticket is to missing a target at `now`: breached once one is missed, at
    /// risk under a quarter of the running target's time left. A paused clock does not run
    /// down, so it is at no new risk while it waits.
    pub fn risk(&self, urgency: Urgency, now: DateTime<Utc>) -> Risk {
        if self.missed(now).is_some() {
            Risk::Breached
        } else if !self.paused && self.left(urgency, now) * 4 < self.running().duration(urgency) {
            Risk::AtRisk
        } else {
            Risk::Ok
        }
    }
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
            first_response_at: self.first_response_at,
            response_breached: response_stop > response_due,
            resolution_breached: resolution_stop > resolution_due,
            paused: self.resolved_at.is_none() && self.pauses.last().is_some_and(|p| p.1.is_none()),
        }
    }
}

/// A ticket's place in the desk's queue, most at risk first: open before done, a running clock
/// before a paused one, then the running target's deadline ([`Sla::next_due`]). The server
/// keeps it in its database, to sort and page there, so it must not move as time passes: a
/// running clock's next deadline is an instant, as is a done ticket's; a paused clock's
/// deadline moves with every minute it waits, so it is ranked by what it will have left when it
/// runs again. The key changes when the clock does: filing, status, urgency, the first public
/// answer.
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
        match self.pauses.last() {
            _ if !status.is_open() => QueueKey::Done {
                due: self.at(now).next_due(),
            },
            Some(&(start, None)) => QueueKey::Paused {
                left: self.at(start).next_due() - start,
            },
            _ => QueueKey::Running {
                due: self.at(now).next_due(),
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
        assert_eq!(
            running, taken,
            "assigned but unanswered: still the response"
        );
        let answered = SlaInput {
            first_response_at: Some(t(13, 9, 0)),
            ..new.clone()
        };
        assert_eq!(
            answered.queue_key(Status::Assigned, t(13, 9, 0)),
            QueueKey::Running { due: t(16, 8, 0) }
        );

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

    /// A Critical ticket filed at 10:00: response due 11:00, resolution 14:00.
    fn critical() -> SlaInput {
        SlaInput {
            created_at: t(13, 10, 0),
            urgency: Urgency::Critical,
            first_response_at: None,
            resolved_at: None,
            pauses: vec![],
        }
    }

    /// Assignment is not an answer: an assigned Critical ticket showed its resolution target
    /// (« 3 h 59 min left ») while its response was due within the hour, and sorted by it.
    #[test]
    fn the_response_target_runs_until_the_first_public_answer() {
        let unanswered = critical();
        let sla = unanswered.at(t(13, 10, 2));
        assert_eq!(sla.running(), Target::Response);
        assert_eq!(sla.next_due(), t(13, 11, 0));
        assert_eq!(
            sla.left(Urgency::Critical, t(13, 10, 2)),
            TimeDelta::minutes(58)
        );
        for status in [
            Status::New,
            Status::Triaged,
            Status::Assigned,
            Status::InProgress,
        ] {
            assert_eq!(
                unanswered.queue_key(status, t(13, 10, 2)),
                QueueKey::Running { due: t(13, 11, 0) },
                "{status:?}"
            );
        }

        let answered = SlaInput {
            first_response_at: Some(t(13, 10, 30)),
            ..critical()
        };
        let sla = answered.at(t(13, 10, 31));
        assert_eq!(sla.first_response_at, Some(t(13, 10, 30)));
        assert_eq!(sla.running(), Target::Resolution);
        assert_eq!(sla.next_due(), t(13, 14, 0));
        assert!(!sla.response_breached);
        assert_eq!(
            answered.queue_key(Status::Assigned, t(13, 10, 31)),
            QueueKey::Running { due: t(13, 14, 0) }
        );
    }

    #[test]
    fn waiting_on_the_merchant_pauses_the_response_target_too() {
        let mut input = critical();
        input.pauses.push((t(13, 10, 20), Some(t(13, 12, 20))));
        let sla = input.at(t(13, 12, 30));
        assert_eq!(sla.running(), Target::Response);
        assert_eq!(sla.next_due(), t(13, 13, 0), "1 h + 2 h paused");
        assert_eq!(sla.risk(Urgency::Critical, t(13, 12, 30)), Risk::Ok);

        // Paused again at 12:40, after 40 of its 60 min: while it waits, the queue ranks it by
        // the 20 min it has left, and nothing counts down toward a deadline the pause moves on.
        input.pauses.push((t(13, 12, 40), None));
        assert_eq!(
            input.queue_key(Status::WaitingOnMerchant, t(13, 18, 0)),
            QueueKey::Paused {
                left: TimeDelta::minutes(20)
            }
        );
        let stale = input.at(t(13, 12, 41));
        assert!(stale.paused);
        assert_eq!(stale.missed(t(13, 18, 0)), None);
        assert_eq!(stale.risk(Urgency::Critical, t(13, 18, 0)), Risk::Ok);
    }

    #[test]
    fn at_risk_under_a_quarter_of_the_running_target_then_breached() {
        let sla = critical().at(t(13, 10, 0));
        let risk = |now| sla.risk(Urgency::Critical, now);
        // The response target is 60 min: at risk under 15 min left.
        assert_eq!(risk(t(13, 10, 44)), Risk::Ok);
        assert_eq!(risk(t(13, 10, 45)), Risk::Ok, "a quarter exactly");
        assert_eq!(risk(t(13, 10, 45) + TimeDelta::seconds(1)), Risk::AtRisk);
        assert_eq!(risk(t(13, 10, 59)), Risk::AtRisk);
        assert_eq!(risk(t(13, 11, 0)), Risk::Breached, "due is missed");
        assert_eq!(sla.missed(t(13, 11, 0)), Some(Target::Response));

        // Answered in time, the resolution target (4 h) runs: at risk under 1 h left.
        let answered = SlaInput {
            first_response_at: Some(t(13, 10, 50)),
            ..critical()
        }
        .at(t(13, 10, 50));
        let risk = |now| answered.risk(Urgency::Critical, now);
        assert_eq!(risk(t(13, 11, 0)), Risk::Ok);
        assert_eq!(risk(t(13, 13, 0)), Risk::Ok);
        assert_eq!(risk(t(13, 13, 1)), Risk::AtRisk);
        assert_eq!(risk(t(13, 14, 0)), Risk::Breached);
        assert_eq!(answered.missed(t(13, 14, 0)), Some(Target::Resolution));

        // Answered late, the response stays missed while the resolution runs.
        let late = SlaInput {
            first_response_at: Some(t(13, 11, 30)),
            ..critical()
        }
        .at(t(13, 11, 30));
        assert_eq!(late.running(), Target::Resolution);
        assert_eq!(late.missed(t(13, 11, 31)), Some(Target::Response));
        assert_eq!(late.risk(Urgency::Critical, t(13, 11, 31)), Risk::Breached);
    }

    #[test]
    fn just_after_filing_the_time_left_never_exceeds_the_target() {
        let sla = critical().at(t(13, 10, 0));
        let behind = t(13, 10, 0) - TimeDelta::seconds(30);
        assert_eq!(sla.left(Urgency::Critical, behind), TimeDelta::hours(1));
        assert_eq!(sla.risk(Urgency::Critical, behind), Risk::Ok);
    }
}
