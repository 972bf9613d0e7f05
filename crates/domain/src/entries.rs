//! The web app's entries: each audience's bundle has its own page, and each owns the paths that
//! lie under its prefix. The server answers a path with its entry's page; an entry's app knows a
//! link to another entry's path is a page load, not a route of its own. Written once, here.

/// One of the app's bundles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    /// The merchant console: every path no other entry claims (log-in too).
    Console,
    /// The provider's support desk.
    Desk,
    /// The ticket wizard, loaded when a merchant first files a ticket.
    Wizard,
    /// The support widget, framed by partner portals.
    Widget,
}

impl Entry {
    /// Every entry, the console first.
    pub const ALL: [Entry; 4] = [Entry::Console, Entry::Desk, Entry::Wizard, Entry::Widget];

    /// The page the build writes for it, in `dist/`.
    pub const fn page(self) -> &'static str {
        match self {
            Entry::Console => "index.html",
            Entry::Desk => "desk.html",
            Entry::Wizard => "wizard.html",
            Entry::Widget => "widget.html",
        }
    }

    /// The paths it owns: this one and those below it (`/desk`, `/desk/tickets/7`, never
    /// `/desktop`). The console owns what no other entry does.
    pub const fn prefix(self) -> Option<&'static str> {
        match self {
            Entry::Console => None,
            Entry::Desk => Some("/desk"),
            Entry::Wizard => Some("/tickets/new"),
            Entry::Widget => Some("/widget"),
        }
    }

    /// The entry a path (without its query) belongs to.
    pub fn of(path: &str) -> Entry {
        let path = path.split(['?', '#']).next().unwrap_or_default();
        Entry::ALL
            .into_iter()
            .find(|e| {
                e.prefix().is_some_and(|prefix| {
                    path.strip_prefix(prefix)
                        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
                })
            })
            .unwrap_or(Entry::Console)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_belongs_to_the_entry_it_lies_under() {
        for (path, entry) in [
            ("/desk", Entry::Desk),
            ("/desk/", Entry::Desk),
            ("/desk/tickets/42", Entry::Desk),
            ("/desktop", Entry::Console),
            ("/tickets/new", Entry::Wizard),
            ("/tickets/new?draft=d1", Entry::Wizard),
            ("/tickets/newer", Entry::Console),
            ("/tickets/42", Entry::Console),
            ("/widget", Entry::Widget),
            ("/", Entry::Console),
            ("/login", Entry::Console),
        ] {
            assert_eq!(Entry::of(path), entry, "{path}");
        }
    }
}
