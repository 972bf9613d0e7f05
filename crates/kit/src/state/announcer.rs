//! Polite announcements for screen readers: saves, errors, navigation results.

use leptos::prelude::*;

/// The text of the live region, and the way to say something new.
#[derive(Debug, Clone, Copy)]
pub struct Announcer {
    message: RwSignal<String>,
}

impl Announcer {
    /// Says `message` through the `aria-live` region.
    pub fn announce(&self, message: impl Into<String>) {
        let message = message.into();
        // Repeating the same text would not be read again; a trailing invisible change makes it new.
        let repeated = self
            .message
            .with_untracked(|m| m.trim_end_matches('\u{200B}') == message);
        self.message.set(if repeated {
            format!("{message}\u{200B}")
        } else {
            message
        });
    }

    /// The current announcement, tracked.
    pub fn message(&self) -> String {
        self.message.get()
    }
}

pub fn provide_announcer() -> Announcer {
    let announcer = Announcer {
        message: RwSignal::new(String::new()),
    };
    provide_context(announcer);
    announcer
}

/// The announcer, or `None` outside the app (component tests).
pub fn use_announcer() -> Option<Announcer> {
    use_context::<Announcer>()
}
