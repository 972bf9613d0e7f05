//! Which navigation entries a user sees, and where the guard sends them.

use guichet_domain::Permission;

/// One entry of the main navigation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NavEntry {
    pub path: &'static str,
    /// Locale key of the link text.
    pub label_key: &'static str,
    /// The permission needed to see it; `None` for everyone signed in.
    pub needs: Option<Permission>,
}

/// Every entry, in display order.
pub const NAV_ENTRIES: [NavEntry; 6] = [
    NavEntry {
        path: "/",
        label_key: "nav.home",
        needs: None,
    },
    NavEntry {
        path: "/tickets",
        label_key: "nav.tickets",
        needs: Some(Permission::TicketsRead),
    },
    NavEntry {
        path: "/desk",
        label_key: "nav.desk",
        needs: Some(Permission::DeskRead),
    },
    NavEntry {
        path: "/users",
        label_key: "nav.users",
        needs: Some(Permission::UsersRead),
    },
    NavEntry {
        path: "/roles",
        label_key: "nav.roles",
        needs: Some(Permission::UsersRead),
    },
    NavEntry {
        path: "/audit",
        label_key: "nav.audit",
        needs: Some(Permission::AuditRead),
    },
];

/// The entries a user with `permissions` may see.
pub fn visible_entries(permissions: &[Permission]) -> Vec<NavEntry> {
    NAV_ENTRIES
        .into_iter()
        .filter(|e| e.needs.is_none_or(|p| permissions.contains(&p)))
        .collect()
}

pub const LOGIN_PATH: &str = "/login";
pub const PASSWORD_PATH: &str = "/password";

/// Where the session stands, as far as the guard cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Still asking the server, or it cannot be reached: stay put.
    Unknown,
    SignedOut,
    /// Signed in with a one-time password still to replace.
    MustChangePassword,
    SignedIn,
}

/// Where to send the user from `path`, if anywhere: signed-out users to the log-in page,
/// users with a one-time password to the password page, signed-in users away from log-in to
/// their `home`.
pub fn redirect(access: Access, path: &str, home: &'static str) -> Option<&'static str> {
    match access {
        Access::Unknown => None,
        Access::SignedOut => (path != LOGIN_PATH).then_some(LOGIN_PATH),
        Access::MustChangePassword => (path != PASSWORD_PATH).then_some(PASSWORD_PATH),
        Access::SignedIn => (path == LOGIN_PATH).then_some(home),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::entry::{home_path, HOME_PATH};
    use guichet_domain::roles::permissions_of;
    use guichet_domain::Role;

    fn paths(roles: &[Role]) -> Vec<&'static str> {
        visible_entries(&permissions_of(roles))
            .iter()
            .map(|e| e.path)
            .collect()
    }

    #[test]
    fn the_nav_follows_permissions() {
        assert_eq!(
            paths(&[Role::Admin]),
            ["/", "/tickets", "/users", "/roles", "/audit"]
        );
        assert_eq!(paths(&[Role::Viewer]), ["/", "/tickets"]);
        assert_eq!(paths(&[Role::Finance, Role::Support]), ["/", "/tickets"]);
        assert_eq!(
            paths(&[Role::SupportLead]),
            ["/", "/desk", "/users", "/roles", "/audit"]
        );
        assert_eq!(paths(&[Role::SupportAgent]), ["/", "/desk"]);
        assert_eq!(paths(&[]), ["/"]);
    }

    #[test]
    fn the_guard_sends_people_where_they_belong() {
        assert_eq!(redirect(Access::Unknown, "/users", HOME_PATH), None);
        assert_eq!(
            redirect(Access::SignedOut, "/users", HOME_PATH),
            Some("/login")
        );
        assert_eq!(redirect(Access::SignedOut, "/login", HOME_PATH), None);
        assert_eq!(
            redirect(Access::MustChangePassword, "/", HOME_PATH),
            Some("/password")
        );
        assert_eq!(
            redirect(Access::MustChangePassword, "/login", HOME_PATH),
            Some("/password")
        );
        assert_eq!(
            redirect(Access::MustChangePassword, "/password", HOME_PATH),
            None
        );
        assert_eq!(redirect(Access::SignedIn, "/login", HOME_PATH), Some("/"));
        assert_eq!(redirect(Access::SignedIn, "/password", HOME_PATH), None);
        assert_eq!(redirect(Access::SignedIn, "/audit", HOME_PATH), None);
        assert_eq!(redirect(Access::SignedIn, "/no-such-page", HOME_PATH), None);
        assert_eq!(
            redirect(
                Access::SignedIn,
                "/login",
                home_path(guichet_domain::OrgKind::Provider)
            ),
            Some("/desk"),
            "the provider's people start at the desk"
        );
    }
}
