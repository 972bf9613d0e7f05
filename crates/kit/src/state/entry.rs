//! Which entry (bundle) this page runs, and how to go to a path from it: a route of this
//! entry's router, or a page load into the entry that owns the path (`guichet_domain::Entry`).

pub use guichet_domain::entries::ticket_path;
use guichet_domain::Entry;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

#[derive(Debug, Clone, Copy)]
struct Here(Entry);

pub fn provide_entry(entry: Entry) {
    provide_context(Here(entry));
}

/// This page's entry; the console where none was provided (a browser test).
pub fn current_entry() -> Entry {
    use_context::<Here>().map_or(Entry::Console, |h| h.0)
}

/// `rel="external"` on a link into another entry, so that the router leaves it to the browser
/// instead of looking for a route it does not have.
pub fn rel_for(path: &str) -> Option<&'static str> {
    (Entry::of(path) != current_entry()).then_some("external")
}

/// A way to go to a path, made where the router is in context: `(path, replace)`. Another
/// entry's path is a page load; `replace` keeps the page left out of the history.
pub fn use_go() -> impl Fn(&str, bool) + Clone + 'static {
    let navigate = use_navigate();
    let here = current_entry();
    let announcer = super::announcer::use_announcer();
    move |path: &str, replace: bool| {
        if Entry::of(path) == here {
            navigate(
                path,
                NavigateOptions {
                    replace,
                    ..Default::default()
                },
            );
        } else if let Some(location) = web_sys::window().map(|w| w.location()) {
            // A notice just shown (a ticket filed) is seen on the page that loads.
            if let Some(a) = announcer {
                a.carry_over();
            }
            let _ = if replace {
                location.replace(path)
            } else {
                location.assign(path)
            };
        }
    }
}
