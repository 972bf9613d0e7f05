//! Which shortcuts the overview offers.

use guichet_domain::Permission;

/// A shortcut on the overview. Its text differs from the navigation's on purpose, so each
/// link keeps a unique accessible name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuickLink {
    pub path: &'static str,
    pub label_key: &'static str,
    pub description_key: &'static str,
    pub needs: Option<Permission>,
}

pub const QUICK_LINKS: [QuickLink; 4] = [
    QuickLink {
        path: "/users/new",
        label_key: "home.link.add_member",
        description_key: "home.link.add_member.description",
        needs: Some(Permission::UsersManage),
    },
    QuickLink {
        path: "/roles",
        label_key: "home.link.roles",
        description_key: "home.link.roles.description",
        needs: Some(Permission::UsersRead),
    },
    QuickLink {
        path: "/audit",
        label_key: "home.link.audit",
        description_key: "home.link.audit.description",
        needs: Some(Permission::AuditRead),
    },
    QuickLink {
        path: "/password",
        label_key: "home.link.password",
        description_key: "home.link.password.description",
        needs: None,
    },
];

/// The shortcuts a user with `permissions` may follow.
pub fn quick_links(permissions: &[Permission]) -> Vec<QuickLink> {
    QUICK_LINKS
        .into_iter()
        .filter(|l| l.needs.is_none_or(|p| permissions.contains(&p)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use guichet_domain::roles::permissions_of;
    use guichet_domain::Role;

    #[test]
    fn shortcuts_follow_permissions() {
        let admin: Vec<_> = quick_links(&permissions_of(&[Role::Admin]))
            .iter()
            .map(|l| l.path)
            .collect();
        assert_eq!(admin, ["/users/new", "/roles", "/audit", "/password"]);
        let viewer: Vec<_> = quick_links(&permissions_of(&[Role::Viewer]))
            .iter()
            .map(|l| l.path)
            .collect();
        assert_eq!(viewer, ["/password"]);
    }
}
