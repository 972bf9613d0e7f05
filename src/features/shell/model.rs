//! Which navigation entries a user sees.

use guichet_domain::Permission;

/// One entry of the main navigation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NavEntry {
    pub path: &'static str,
    /// Locale key of the link text.
    pub label_key: &'static str,
    /// The permission needed to see it; `None` for everyone signed in.
    pub needs: Option<Permission>,
    /// Shows how many tickets have news for the user (`GET /tickets/unread`).
    pub counts_unread: bool,
}

/// Every entry, in display order.
pub const NAV_ENTRIES: [NavEntry; 6] = [
    NavEntry {
        path: "/",
        label_key: "nav.home",
        needs: None,
        counts_unread: false,
    },
    NavEntry {
        path: "/tickets",
        label_key: "nav.tickets",
        needs: Some(Permission::TicketsRead),
        counts_unread: true,
    },
    NavEntry {
        path: "/desk",
        label_key: "nav.desk",
        needs: Some(Permission::DeskRead),
        counts_unread: true,
    },
    NavEntry {
        path: "/users",
        label_key: "nav.users",
        needs: Some(Permission::UsersRead),
        counts_unread: false,
    },
    NavEntry {
        path: "/roles",
        label_key: "nav.roles",
        needs: Some(Permission::UsersRead),
        counts_unread: false,
    },
    NavEntry {
        path: "/audit",
        label_key: "nav.audit",
        needs: Some(Permission::AuditRead),
        counts_unread: false,
    },
];

/// The entries a user with `permissions` may see.
pub fn visible_entries(permissions: &[Permission]) -> Vec<NavEntry> {
    NAV_ENTRIES
        .into_iter()
        .filter(|e| e.needs.is_none_or(|p| permissions.contains(&p)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
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
}
