//! What the fake does wrong, and when: the behaviour (probabilities set by a test or a demo),
//! the script (outcomes forced one request at a time) and the dice that turn them into what
//! happens to each request.

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde::{Deserialize, Serialize};

/// The faults to inject, as probabilities from 0 to 1, and the delays that go with them.
///
/// Every field is optional on the wire (`PUT /_fake/behaviour` replaces the whole behaviour, a
/// missing field taking its default) and unknown fields are refused, so that a misspelt fault
/// is an error rather than a test that silently injects nothing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Behaviour {
    /// A request (and reads) answered 503 `unavailable`, nothing recorded.
    pub fail: f64,
    /// A request answered only after `timeout_ms`, nothing recorded.
    pub timeout: f64,
    /// A request is recorded, then answered only after `timeout_ms`: the money
    /// moved but the client never heard, the case a client must recover from by asking.
    pub timeout_after_accept: f64,
    /// A request (and reads) answered normally after `slow_ms`.
    pub slow: f64,
    pub slow_ms: u64,
    pub timeout_ms: u64,
    /// A new refund or transfer ends `failed` (`account_closed`) instead of `completed`.
    pub fail_later: f64,
    /// A new refund's or transfer's callback is delivered twice, as real operators sometimes do.
    pub duplicate_callback: f64,
    /// How long a new refund or transfer stays `pending`.
    pub complete_after_ms: u64,
    /// Draws from a generator seeded with it, so that a run can be replayed; `None` draws from
    /// the operating system's entropy.
    pub seed: Option<u64>,
}

impl Default for Behaviour {
    fn default() -> Self {
        Self {
            fail: 0.0,
            timeout: 0.0,
            timeout_after_accept: 0.0,
            slow: 0.0,
            slow_ms: 2000,
            timeout_ms: 30_000,
            fail_later: 0.0,
            duplicate_callback: 0.0,
            complete_after_ms: 1500,
            seed: None,
        }
    }
}

impl Behaviour {
    /// Refuses probabilities outside 0..=1. The dice themselves treat them as 0 or 1 (a draw
    /// in 0..1 is compared with them), so this only catches mistakes made over HTTP.
    pub fn validate(&self) -> Result<(), String> {
        let probabilities = [
            ("fail", self.fail),
            ("timeout", self.timeout),
            ("timeout_after_accept", self.timeout_after_accept),
            ("slow", self.slow),
            ("fail_later", self.fail_later),
            ("duplicate_callback", self.duplicate_callback),
        ];
        match probabilities.iter().find(|(_, p)| !(0.0..=1.0).contains(p)) {
            Some((name, p)) => Err(format!("{name} must be between 0 and 1, not {p}")),
            None => Ok(()),
        }
    }
}

/// An outcome forced on the next refund or transfer request by the script, in place of the dice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Ok,
    Fail,
    Timeout,
    TimeoutAfterAccept,
    Slow,
    /// Accepted normally; it ends `failed`.
    FailLater,
    /// Accepted normally; its callback is delivered twice.
    DuplicateCallback,
}

/// How one `POST /v1/refunds` or `/v1/transfers` is answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Answer {
    Ok,
    Fail,
    Timeout,
    TimeoutAfterAccept,
    Slow,
}

impl Answer {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Answer::Ok => "ok",
            Answer::Fail => "fail",
            Answer::Timeout => "timeout",
            Answer::TimeoutAfterAccept => "timeout_after_accept",
            Answer::Slow => "slow",
        }
    }
}

/// What becomes of a request once recorded. Decided with the answer, so its end is fixed
/// from the start and reading it only reveals it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Fate {
    pub fails_later: bool,
    pub duplicate_callback: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Draw {
    pub answer: Answer,
    pub fate: Fate,
}

impl From<Outcome> for Draw {
    /// A scripted outcome is the whole decision: nothing else goes wrong with that request.
    fn from(outcome: Outcome) -> Self {
        let answer = match outcome {
            Outcome::Fail => Answer::Fail,
            Outcome::Timeout => Answer::Timeout,
            Outcome::TimeoutAfterAccept => Answer::TimeoutAfterAccept,
            Outcome::Slow => Answer::Slow,
            Outcome::Ok | Outcome::FailLater | Outcome::DuplicateCallback => Answer::Ok,
        };
        let fate = Fate {
            fails_later: outcome == Outcome::FailLater,
            duplicate_callback: outcome == Outcome::DuplicateCallback,
        };
        Self { answer, fate }
    }
}

/// What goes wrong with one read (`GET /v1/refunds…`, `GET /v1/transfers…`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ReadFault {
    None,
    Fail,
    Slow,
}

/// The random draws. Refund requests and reads have a generator each, so that with a seed the
/// requests' outcomes do not depend on how often a client happened to poll.
pub(crate) struct Dice {
    requests: StdRng,
    reads: StdRng,
}

impl Dice {
    pub(crate) fn new(seed: Option<u64>) -> Self {
        match seed {
            // Any fixed change of the seed gives reads a stream of their own.
            Some(seed) => Self {
                requests: StdRng::seed_from_u64(seed),
                reads: StdRng::seed_from_u64(seed ^ 0x9E37_79B9_7F4A_7C15),
            },
            None => Self {
                requests: StdRng::from_entropy(),
                reads: StdRng::from_entropy(),
            },
        }
    }

    pub(crate) fn request(&mut self, behaviour: &Behaviour) -> Draw {
        // Six draws every time, whatever the earlier ones gave, so that the n-th request of a
        // seeded run always meets the same numbers.
        let [fail, timeout, after_accept, slow, fail_later, duplicate]: [f64; 6] =
            std::array::from_fn(|_| self.requests.gen());
        let answer = if fail < behaviour.fail {
            Answer::Fail
        } else if timeout < behaviour.timeout {
            Answer::Timeout
        } else if after_accept < behaviour.timeout_after_accept {
            Answer::TimeoutAfterAccept
        } else if slow < behaviour.slow {
            Answer::Slow
        } else {
            Answer::Ok
        };
        let fate = Fate {
            fails_later: fail_later < behaviour.fail_later,
            duplicate_callback: duplicate < behaviour.duplicate_callback,
        };
        Draw { answer, fate }
    }

    pub(crate) fn read(&mut self, behaviour: &Behaviour) -> ReadFault {
        let [fail, slow]: [f64; 2] = std::array::from_fn(|_| self.reads.gen());
        if fail < behaviour.fail {
            ReadFault::Fail
        } else if slow < behaviour.slow {
            ReadFault::Slow
        } else {
            ReadFault::None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_seed_replays_the_same_draws() {
        let behaviour = Behaviour {
            fail: 0.3,
            timeout: 0.2,
            fail_later: 0.5,
            seed: Some(7),
            ..Behaviour::default()
        };
        let run = || {
            let mut dice = Dice::new(behaviour.seed);
            (0..50)
                .map(|_| dice.request(&behaviour))
                .collect::<Vec<_>>()
        };
        assert_eq!(run(), run());
    }

    #[test]
    fn certainties_are_certain() {
        let mut dice = Dice::new(None);
        let always = Behaviour {
            fail: 1.0,
            ..Behaviour::default()
        };
        let never = Behaviour::default();
        for _ in 0..100 {
            assert_eq!(dice.request(&always).answer, Answer::Fail);
            assert_eq!(dice.request(&never).answer, Answer::Ok);
            assert_eq!(dice.request(&never).fate, Fate::default());
        }
    }

    #[test]
    fn out_of_range_probabilities_are_refused() {
        let behaviour = Behaviour {
            slow: 1.5,
            ..Behaviour::default()
        };
        assert!(behaviour.validate().is_err());
        assert!(Behaviour::default().validate().is_ok());
        let nan = Behaviour {
            fail: f64::NAN,
            ..Behaviour::default()
        };
        assert!(nan.validate().is_err());
    }
}
