//! Which navigation entries a user sees.

use guichet_domain::Permission;

/// One entry of the main navigation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NavEntry {
    pub path: &'static str,
    /// Locale key of the link text.
    pub label_key: &'static str,
    /// The permissions that show it, any one of them; none for everyone signed in.
    pub needs: &'static [Permission],
    /// What the count beside it counts, if anything.
    pub counts: Counted,
}

/// The count beside a navigation entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Counted {
    Nothing,
    /// Tickets with news for the user (`GET /tickets/unread`).
    Unread,
    /// Refunds waiting for the user's decision (`GET /refunds/to-decide`).
    ToDecide,
}

/// Every entry, in display order.
pub const NAV_ENTRIES: [NavEntry; 14] = [
    NavEntry {
        path: "/",
        label_key: "nav.home",
        needs: &[],
        counts: Counted::Nothing,
    },
    NavEntry {
        path: "/tickets",
        label_key: "nav.tickets",
        needs: &[Permission::TicketsRead],
        counts: Counted::Unread,
    },
    NavEntry {
        path: "/purchases",
        label_key: "nav.purchases",
        needs: &[Permission::PaymentsRead],
        counts: Counted::Nothing,
    },
    NavEntry {
        path: "/refunds",
        label_key: "nav.refunds",
        needs: &[Permission::PaymentsRead],
        counts: Counted::Nothing,
    },
    NavEntry {
        path: "/refunds/to-approve",
        label_key: "nav.to_approve",
        needs: &[Permission::RefundsApprove],
        counts: Counted::ToDecide,
    },
    NavEntry {
        path: "/balances",
        label_key: "nav.balances",
        needs: &[Permission::ReportsRead],
        counts: Counted::Nothing,
    },
    NavEntry {
        path: "/reports",
        label_key: "nav.reports",
        needs: &[Permission::ReportsRead],
        counts: Counted::Nothing,
    },
    NavEntry {
        path: "/invoices",
        label_key: "nav.invoices",
        needs: &[Permission::ReportsRead],
        counts: Counted::Nothing,
    },
    NavEntry {
        path: "/payouts",
        label_key: "nav.payouts",
        needs: &[Permission::PayoutsCreate, Permission::PayoutsApprove],
        counts: Counted::Nothing,
    },
    NavEntry {
        path: "/developers",
        label_key: "nav.developers",
        needs: &[Permission::ApiKeysManage],
        counts: Counted::Nothing,
    },
    NavEntry {
        path: "/desk",
        label_key: "nav.desk",
        needs: &[Permission::DeskRead],
        counts: Counted::Unread,
    },
    NavEntry {
        path: "/users",
        label_key: "nav.users",
        needs: &[Permission::UsersRead],
        counts: Counted::Nothing,
    },
    NavEntry {
        path: "/roles",
        label_key: "nav.roles",
        needs: &[Permission::UsersRead],
        counts: Counted::Nothing,
    },
    NavEntry {
        path: "/audit",
        label_key: "nav.audit",
        needs: &[Permission::AuditRead],
        counts: Counted::Nothing,
    },
];

/// The entries a user with `permissions` may see.
pub fn visible_entries(permissions: &[Permission]) -> Vec<NavEntry> {
    NAV_ENTRIES
        .into_iter()
        .filter(|e| e.needs.is_empty() || e.needs.iter().any(|p| permissions.contains(p)))
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
        let console = ["/", "/tickets", "/purchases", "/refunds"];
        assert_eq!(
            paths(&[Role::Admin]),
            [
                &console[..],
                &[
                    "/refunds/to-approve",
                    "/balances",
                    "/reports",
                    "/invoices",
                    "/payouts",
                    "/developers",
                    "/users",
                    "/roles",
                    "/audit"
                ]
            ]
            .concat()
        );
        // Balances and reports for whoever reads reports: not Support, not Developers; payouts
        // for whoever asks for them or approves them, not Viewers.
        let balances = [&console[..], &["/balances", "/reports", "/invoices"]].concat();
        assert_eq!(paths(&[Role::Viewer]), balances);
        assert_eq!(
            paths(&[Role::Operations]),
            [&balances[..], &["/payouts"]].concat()
        );
        assert_eq!(paths(&[Role::Support]), console);
        assert_eq!(
            paths(&[Role::Developer]),
            [&console[..], &["/developers"]].concat()
        );
        assert_eq!(
            paths(&[Role::Finance, Role::Support]),
            [
                &console[..],
                &[
                    "/refunds/to-approve",
                    "/balances",
                    "/reports",
                    "/invoices",
                    "/payouts"
                ]
            ]
            .concat()
        );
        assert_eq!(
            paths(&[Role::SupportLead]),
            ["/", "/desk", "/users", "/roles", "/audit"]
        );
        assert_eq!(paths(&[Role::SupportAgent]), ["/", "/desk"]);
        assert_eq!(paths(&[]), ["/"]);
    }
}
