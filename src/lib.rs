//! Guichet, the support and operations console: the Leptos app. Each audience's entry is a
//! binary of its own (`bin/login.rs` the log-in page, `main.rs` the merchant console,
//! `bin/desk.rs` the provider's desk, `bin/wizard.rs` the ticket wizard) that mounts [`App`]
//! with its routes, so that each bundle holds only its pages; the library lets browser tests
//! mount single components.
//!
//! The product areas are [`features`], one folder each, which never import one another; what
//! they share is the kit's (`crates/kit`), re-exported here under its own names.

pub mod features;

pub use guichet_kit::{api, attachments, components, files, i18n, redactor, state, tickets};

use guichet_domain::Entry;
use leptos::prelude::*;
use leptos_router::components::Router;

use features::shell::{Chrome, Layout};

/// One entry's app: app-wide state, the router, the frame, and the entry's routes. A link to a
/// path of another entry loads that entry's page (`state::entry`).
#[component]
pub fn App(
    /// Which entry this is.
    entry: Entry,
    /// The navigation and user box of the entries for signed-in users
    /// ([`features::shell::SIGNED_IN`]); the log-in page goes without.
    #[prop(optional)]
    chrome: Option<Chrome>,
    /// The entry's `<Routes>`.
    children: ChildrenFn,
) -> impl IntoView {
    state::entry::provide_entry(entry);
    let locale = state::locale::provide_locale();
    state::announcer::provide_announcer();
    state::clock::provide_clock();
    let session = state::session::provide_session();
    state::locale::report_language(locale, session);
    view! {
        <Router>
            <Layout chrome>{children()}</Layout>
        </Router>
    }
}

/// Mounts an entry's app on the page; panics are spelled out in the console in debug builds
/// (the hook costs release builds the whole formatting machinery).
pub fn start<V: IntoView + 'static>(app: impl FnOnce() -> V + 'static) {
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app);
}
