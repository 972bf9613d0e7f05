//! What the app tells people about what just happened: polite announcements for screen readers
//! (navigation results, errors shown beside their form), and notices everyone sees: a save, a
//! ticket filed, a reply sent, shown a few seconds in a toast that is also a live region.

use leptos::prelude::*;

/// How long a notice stays on screen (it can be dismissed sooner).
const NOTICE_MS: u64 = 8_000;
/// Where a notice shown just before a page load into another entry waits for that page.
const CARRIED: &str = "guichet.notice";

/// The live region's text, the notice shown, and the ways to say something new.
#[derive(Debug, Clone, Copy)]
pub struct Announcer {
    message: RwSignal<String>,
    notice: RwSignal<Option<Notice>>,
}

/// A notice on screen; `id` tells two equal texts apart, so the later one is read again and
/// keeps its full time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub id: u32,
    pub text: String,
}

impl Announcer {
    /// Says `message` through the hidden `aria-live` region only.
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

    /// Shows `message` in a toast, which is read out too: the outcome of a save.
    pub fn notify(&self, message: impl Into<String>) {
        let id = self
            .notice
            .with_untracked(|n| n.as_ref().map_or(0, |n| n.id.wrapping_add(1)));
        self.notice.set(Some(Notice {
            id,
            text: message.into(),
        }));
        let notice = self.notice;
        set_timeout(
            move || {
                if notice.try_with_untracked(|n| n.as_ref().map(|n| n.id)) == Some(Some(id)) {
                    notice.set(None);
                }
            },
            std::time::Duration::from_millis(NOTICE_MS),
        );
    }

    /// Takes the notice off the screen.
    pub fn dismiss(&self) {
        self.notice.set(None);
    }

    /// The current announcement, tracked.
    pub fn message(&self) -> String {
        self.message.get()
    }

    /// The notice on screen, tracked.
    pub fn notice(&self) -> Option<Notice> {
        self.notice.get()
    }

    /// Keeps the notice on screen for the page about to load (a link into another entry), which
    /// shows it on start.
    pub fn carry_over(&self) {
        if let (Some(notice), Some(storage)) = (self.notice.get_untracked(), session_storage()) {
            let _ = storage.set_item(CARRIED, &notice.text);
        }
    }
}

fn session_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok()?
}

pub fn provide_announcer() -> Announcer {
    let announcer = Announcer {
        message: RwSignal::new(String::new()),
        notice: RwSignal::new(None),
    };
    provide_context(announcer);
    if let Some(storage) = session_storage() {
        if let Ok(Some(text)) = storage.get_item(CARRIED) {
            let _ = storage.remove_item(CARRIED);
            // Once the page has drawn its live regions: a region filled as it appears is not read.
            set_timeout(move || announcer.notify(text), std::time::Duration::ZERO);
        }
    }
    announcer
}

/// The announcer, or `None` outside the app (component tests).
pub fn use_announcer() -> Option<Announcer> {
    use_context::<Announcer>()
}
