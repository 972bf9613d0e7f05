//! One clock for everything that shows time running out (the SLA's time left): a signal of
//! now that ticks every 30 s while the app is open, so a page left open stays true.

use std::time::Duration;

use chrono::{DateTime, Utc};
use leptos::prelude::*;

use crate::i18n::time::now;

/// The SLA shows minutes at best: a tick every 30 s keeps it right to the minute.
const TICK: Duration = Duration::from_secs(30);

/// Now, as of the last tick.
#[derive(Debug, Clone, Copy)]
pub struct Clock {
    now: RwSignal<DateTime<Utc>>,
}

impl Clock {
    /// Now, tracked: what reads it is run again at the next tick.
    pub fn now(&self) -> DateTime<Utc> {
        self.now.get()
    }
}

pub fn provide_clock() -> Clock {
    let clock = Clock {
        now: RwSignal::new(now()),
    };
    if let Ok(handle) = set_interval_with_handle(move || clock.now.set(now()), TICK) {
        on_cleanup(move || handle.clear());
    }
    provide_context(clock);
    clock
}

/// Now, ticking inside the app; outside it (component tests), the time of the call.
pub fn use_clock() -> impl Fn() -> DateTime<Utc> + Copy {
    let clock = use_context::<Clock>();
    move || clock.map_or_else(now, |c| c.now())
}
