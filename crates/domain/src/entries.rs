//! The web app's entries: each audience's bundle has its own page, and each owns the paths that
//! lie under its prefix. The server answers a path with its entry's page; an entry's app knows a
//! link to another entry's path is a page load, not a route of its own. Written once, here.

use crate::{OrgKind, TicketId};

/// One of the app's bundles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    /// The log-in page, the first thing anyone signed out loads: a small bundle of its own, so
    /// that the form works long before a console would have arrived on a mobile network.
    Login,
    /// The merchant console: every path no other entry claims.
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
    pub const ALL: [Entry; 5] = [
        Entry::Console,
        Entry::Login,
        Entry::Desk,
        Entry::Wizard,
        Entry::Widget,
    ];

    /// The page the build writes for it, in `dist/`.
    pub const fn page(self) -> &'static str {
        match self {
            Entry::Console => "index.html",
            Entry::Login => "login.html",
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
            Entry::Login => Some(LOGIN_PATH),
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

    /// Whether its pages are for signed-in users only (the log-in page and the widget, which
    /// has an identity of its own, are not).
    pub const fn needs_session(self) -> bool {
        matches!(self, Entry::Console | Entry::Desk | Entry::Wizard)
    }
}

pub const LOGIN_PATH: &str = "/login";
pub const PASSWORD_PATH: &str = "/password";
/// « Forgot your password? »: where one asks for a link, and where the link leads. The token
/// rides in the fragment (`#token=…`), which browsers never send: no server or proxy log holds
/// it. Both belong to the log-in page's entry.
pub const FORGOT_PATH: &str = "/login/forgot";
pub const RESET_PATH: &str = "/login/reset";
pub const RESET_TOKEN: &str = "token";
/// The query parameter of the log-in page that says where to go once signed in.
pub const NEXT: &str = "next";

/// Where a user starts: the provider's people at the desk, merchants on the console's overview.
pub const fn home_path(kind: OrgKind) -> &'static str {
    match kind {
        OrgKind::Provider => "/desk",
        OrgKind::Merchant => "/",
    }
}

/// A ticket's page: the desk's own, or the merchant's in the console. Mail to a requester links
/// to the merchant's.
pub fn ticket_path(id: &TicketId, desk: bool) -> String {
    if desk {
        format!("/desk/tickets/{id}")
    } else {
        format!("/tickets/{id}")
    }
}

/// The fragment of a ticket's page where the merchant rates a resolution: the mail that says a
/// ticket is resolved links straight to it.
pub const RATING_ANCHOR: &str = "rate";

/// Where the session stands, as far as the pages care.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Still asking the server, or it cannot be reached: stay put.
    Unknown,
    SignedOut,
    /// Signed in with a one-time password still to replace.
    MustChangePassword,
    SignedIn(OrgKind),
}

/// Where to send a user who asks for `path` (with its query), if anywhere: signed-out users to
/// the log-in page, saying where they were going; users with a one-time password to the
/// password page; signed-in users away from the log-in page, to where they were going or home.
/// The server answers page requests with it, and each entry's guard follows it too.
pub fn redirect(access: Access, path: &str) -> Option<String> {
    let (route, query) = path.split_once('?').unwrap_or((path, ""));
    let entry = Entry::of(route);
    // The password-reset pages work whoever is signed in on this browser, and whatever their
    // password's state: the mailed link is the proof.
    if entry == Entry::Login && route != LOGIN_PATH {
        return None;
    }
    match access {
        Access::Unknown => None,
        Access::SignedOut if !entry.needs_session() => None,
        Access::SignedOut if route == "/" => Some(LOGIN_PATH.to_owned()),
        Access::SignedOut => Some(format!("{LOGIN_PATH}?{NEXT}={}", encode(path))),
        Access::MustChangePassword => (route != PASSWORD_PATH).then(|| PASSWORD_PATH.to_owned()),
        Access::SignedIn(kind) if route == LOGIN_PATH => {
            Some(next_of(query).unwrap_or_else(|| home_path(kind).to_owned()))
        }
        Access::SignedIn(_) => None,
    }
}

/// The `next` of a log-in page's query, if it is a path of this site (never another origin:
/// `//evil.example`, `/\evil.example` and absolute URLs are dropped) other than the log-in page.
pub fn next_of(query: &str) -> Option<String> {
    let value = query
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .find(|(name, _)| *name == NEXT)
        .map(|(_, value)| decode(value))?;
    let local = value.starts_with('/')
        && !value.starts_with("//")
        && !value.starts_with("/\\")
        && !value.chars().any(char::is_control);
    (local && Entry::of(&value) != Entry::Login).then_some(value)
}

/// Percent-encodes a query value (`/` kept, for readable log-in links).
fn encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Decodes a percent-encoded query value (`+` is a space); a bad escape is kept as it is.
fn decode(value: &str) -> String {
    let bytes = value.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |at: usize| bytes.get(at).and_then(|&b| char::from(b).to_digit(16));
        match (bytes[i], hex(i + 1), hex(i + 2)) {
            (b'%', Some(hi), Some(lo)) => {
                out.push((hi * 16 + lo) as u8);
                i += 3;
            }
            (b'+', ..) => {
                out.push(b' ');
                i += 1;
            }
            (b, ..) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_ticket_page_lies_in_its_audience_entry() {
        let id = TicketId::from("0b6f3c2e-7f4a-4d6b-9d39-5c1e8a2f4b10");
        assert_eq!(Entry::of(&ticket_path(&id, false)), Entry::Console);
        assert_eq!(Entry::of(&ticket_path(&id, true)), Entry::Desk);
    }

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
            ("/login", Entry::Login),
            ("/login?next=/users", Entry::Login),
            ("/password", Entry::Console),
        ] {
            assert_eq!(Entry::of(path), entry, "{path}");
        }
    }

    #[test]
    fn signed_out_users_go_to_log_in_and_come_back() {
        let out = Access::SignedOut;
        assert_eq!(redirect(out, "/"), Some("/login".into()));
        assert_eq!(
            redirect(out, "/tickets/EFB-1?tab=files&x=a b"),
            Some("/login?next=/tickets/EFB-1%3Ftab%3Dfiles%26x%3Da%20b".into())
        );
        assert_eq!(redirect(out, "/login"), None);
        assert_eq!(redirect(out, "/widget"), None);

        let back = redirect(out, "/desk/tickets/7?q=1").unwrap();
        let query = back.split_once('?').unwrap().1;
        let merchant = Access::SignedIn(OrgKind::Merchant);
        assert_eq!(
            redirect(merchant, &format!("/login?{query}")),
            Some("/desk/tickets/7?q=1".into())
        );
        assert_eq!(redirect(merchant, "/login"), Some("/".into()));
        assert_eq!(
            redirect(Access::SignedIn(OrgKind::Provider), "/login"),
            Some("/desk".into())
        );
        assert_eq!(redirect(merchant, "/users"), None);
        for state in [merchant, Access::MustChangePassword, out] {
            assert_eq!(redirect(state, RESET_PATH), None);
            assert_eq!(redirect(state, FORGOT_PATH), None);
        }
    }

    #[test]
    fn a_one_time_password_is_replaced_first() {
        let must = Access::MustChangePassword;
        assert_eq!(redirect(must, "/users"), Some("/password".into()));
        assert_eq!(redirect(must, "/login"), Some("/password".into()));
        assert_eq!(redirect(must, "/password"), None);
        assert_eq!(redirect(Access::Unknown, "/users"), None);
    }

    #[test]
    fn next_never_leaves_the_site() {
        for query in [
            "next=//evil.example/x",
            "next=https://evil.example",
            "next=%2F%2Fevil.example",
            "next=/%5Cevil.example",
            "next=evil",
            "next=/login",
            "next=/x%0Ay",
            "other=/users",
        ] {
            assert_eq!(next_of(query), None, "{query}");
        }
        assert_eq!(
            next_of("a=1&next=%2Fusers%3Fq%3D%C3%A9"),
            Some("/users?q=é".into())
        );
    }
}
