//! Where a ticket's SLA clock stands, for the lists and the ticket's header. The rules (which
//! target runs, the time left, the risk) are the domain's [`Sla`]; this is their words.

use chrono::{DateTime, TimeDelta, Utc};
use guichet_domain::tickets::{Risk, Sla, Target, TicketSummary};

use crate::i18n::time::human_duration;
use crate::i18n::{fill, t_in, Locale};

/// Where a ticket's clock stands, for the SLA column and the header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SlaState {
    /// Resolved or closed: whether the resolution target was missed.
    Done { breached: bool },
    /// The target missed; the ticket is still open.
    Breached(Target),
    /// Waiting on the merchant: the clock of this target is stopped.
    Paused(Target),
    /// Time left before the running target, and whether that is under a quarter of it.
    Left {
        target: Target,
        left: TimeDelta,
        at_risk: bool,
    },
}

/// The clock at `now`. A breach outranks a pause: waiting on the merchant does not undo it.
pub fn sla_state(ticket: &TicketSummary, now: DateTime<Utc>) -> SlaState {
    let sla: &Sla = &ticket.sla;
    if !ticket.status.is_open() {
        return SlaState::Done {
            breached: sla.resolution_breached,
        };
    }
    if let Some(target) = sla.missed(now) {
        return SlaState::Breached(target);
    }
    if sla.paused {
        return SlaState::Paused(sla.running());
    }
    SlaState::Left {
        target: sla.running(),
        left: sla.left(ticket.urgency, now),
        at_risk: sla.risk(ticket.urgency, now) == Risk::AtRisk,
    }
}

impl SlaState {
    /// "3 h 20 min left to respond", "At risk: 12 min left to resolve", "Breached: response",
    /// "Paused: resolution", "Met": which target runs, and a word besides the colour.
    pub fn text(self, locale: Locale) -> String {
        use Target::{Resolution, Response};
        let key = match self {
            SlaState::Done { breached: false } => "ticket.sla.met",
            SlaState::Done { breached: true } => "ticket.sla.breached",
            SlaState::Breached(Response) => "ticket.sla.response.breached",
            SlaState::Breached(Resolution) => "ticket.sla.resolution.breached",
            SlaState::Paused(Response) => "ticket.sla.response.paused",
            SlaState::Paused(Resolution) => "ticket.sla.resolution.paused",
            SlaState::Left {
                target, at_risk, ..
            } => match (target, at_risk) {
                (Response, false) => "ticket.sla.response.left",
                (Response, true) => "ticket.sla.response.at_risk",
                (Resolution, false) => "ticket.sla.resolution.left",
                (Resolution, true) => "ticket.sla.resolution.at_risk",
            },
        };
        let text = t_in(locale, key);
        match self {
            SlaState::Left { left, .. } => {
                // Rounded up: "1 min left" until the deadline, never "0 min left".
                let minutes = (left.num_seconds() + 59) / 60;
                fill(&text, &[("time", &human_duration(minutes, locale))])
            }
            _ => text,
        }
    }

    /// The badge modifier: `ok`, `at-risk`, `breached`, `paused`, `done`.
    pub fn modifier(self) -> &'static str {
        match self {
            SlaState::Done { breached: false } => "done",
            SlaState::Done { breached: true } | SlaState::Breached(_) => "breached",
            SlaState::Paused(_) => "paused",
            SlaState::Left { at_risk: true, .. } => "at-risk",
            SlaState::Left { at_risk: false, .. } => "ok",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tickets::fixtures::{at, summary};
    use guichet_domain::tickets::Status;

    fn left(state: SlaState) -> Option<TimeDelta> {
        match state {
            SlaState::Left { left, .. } => Some(left),
            _ => None,
        }
    }

    #[test]
    fn the_clock_counts_to_the_response_until_answered_then_the_resolution() {
        let new = summary(Status::New);
        assert_eq!(
            left(sla_state(&new, at(10, 40))),
            Some(TimeDelta::minutes(80))
        );
        assert_eq!(
            sla_state(&new, at(10, 40)).text(Locale::En),
            "1 h 20 min left to respond"
        );
        assert_eq!(
            sla_state(&new, at(10, 40)).text(Locale::Fr),
            "encore 1 h 20 min pour répondre"
        );
        // Taken in hand but not answered: still the response.
        let mut taken = summary(Status::InProgress);
        assert_eq!(
            sla_state(&taken, at(10, 0)).text(Locale::En),
            "2 h left to respond"
        );
        taken.sla.first_response_at = Some(at(9, 0));
        assert_eq!(
            sla_state(&taken, at(10, 0)).text(Locale::En),
            "13 h left to resolve"
        );
        assert_eq!(
            sla_state(&taken, at(10, 0)).text(Locale::Fr),
            "encore 13 h pour résoudre"
        );
        assert_eq!(sla_state(&taken, at(10, 0)).modifier(), "ok");
        assert_eq!(
            sla_state(&new, at(11, 59) + TimeDelta::seconds(30)).text(Locale::En),
            "At risk: 1 min left to respond",
            "rounded up"
        );
        assert_eq!(
            sla_state(&new, at(7, 59) + TimeDelta::seconds(30)).text(Locale::En),
            "4 h left to respond",
            "a clock a little behind the server never shows more than the target"
        );
    }

    #[test]
    fn under_a_quarter_left_is_at_risk_in_words() {
        // The High response target is 4 h: at risk under 1 h left.
        let new = summary(Status::New);
        assert_eq!(sla_state(&new, at(11, 0)).modifier(), "ok");
        let risky = sla_state(&new, at(11, 12));
        assert_eq!(risky.modifier(), "at-risk");
        assert_eq!(risky.text(Locale::En), "At risk: 48 min left to respond");
        assert_eq!(
            risky.text(Locale::Fr),
            "À risque\u{a0}: encore 48 min pour répondre"
        );
    }

    #[test]
    fn breached_paused_and_done() {
        let mut t = summary(Status::New);
        let breached = sla_state(&t, at(12, 1));
        assert_eq!(breached, SlaState::Breached(Target::Response), "past due");
        assert_eq!(breached.text(Locale::En), "Breached: response");
        assert_eq!(breached.text(Locale::Fr), "Dépassé\u{a0}: réponse");
        t.status = Status::WaitingOnMerchant;
        t.sla.paused = true;
        assert_eq!(sla_state(&t, at(13, 0)), SlaState::Paused(Target::Response));
        assert_eq!(
            SlaState::Paused(Target::Response).text(Locale::Fr),
            "En pause\u{a0}: réponse"
        );
        t.sla.response_breached = true;
        t.sla.first_response_at = Some(at(12, 30));
        assert_eq!(
            sla_state(&t, at(13, 0)),
            SlaState::Breached(Target::Response),
            "a late answer stays missed while the resolution runs"
        );
        t.status = Status::Closed;
        assert_eq!(
            sla_state(&t, at(13, 0)),
            SlaState::Done { breached: false },
            "judged on the resolution"
        );
        assert_eq!(SlaState::Done { breached: false }.text(Locale::En), "Met");
        assert_eq!(SlaState::Done { breached: true }.modifier(), "breached");
        assert_eq!(
            SlaState::Done { breached: true }.text(Locale::Fr),
            "Dépassé"
        );
    }

    /// The lookup shows a missing key as itself: every state has its words in every language.
    #[test]
    fn every_state_has_words_in_every_language() {
        for target in [Target::Response, Target::Resolution] {
            let left = |at_risk| SlaState::Left {
                target,
                left: TimeDelta::minutes(5),
                at_risk,
            };
            let states = [
                SlaState::Breached(target),
                SlaState::Paused(target),
                left(false),
                left(true),
                SlaState::Done { breached: false },
                SlaState::Done { breached: true },
            ];
            for (state, locale) in states.into_iter().flat_map(|s| Locale::ALL.map(|l| (s, l))) {
                let text = state.text(locale);
                assert!(
                    !text.starts_with("ticket."),
                    "{state:?} in {locale:?}: {text}"
                );
            }
        }
    }
}
