//! Roles are named sets of permissions, defined once here; the server checks permissions on
//! every route and the app uses the same sets to decide what to show.

use serde::{Deserialize, Serialize};

/// Whether an organisation is the payment provider (its support staff) or one of its merchants.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum OrgKind {
    Provider,
    Merchant,
}

/// Something a user may do. Serialized as `area.action`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Permission {
    #[serde(rename = "users.read")]
    UsersRead,
    #[serde(rename = "users.manage")]
    UsersManage,
    #[serde(rename = "audit.read")]
    AuditRead,
    #[serde(rename = "tickets.read")]
    TicketsRead,
    #[serde(rename = "tickets.create")]
    TicketsCreate,
    #[serde(rename = "payments.read")]
    PaymentsRead,
    #[serde(rename = "refunds.create")]
    RefundsCreate,
    #[serde(rename = "refunds.approve")]
    RefundsApprove,
    #[serde(rename = "payouts.create")]
    PayoutsCreate,
    #[serde(rename = "payouts.approve")]
    PayoutsApprove,
    #[serde(rename = "reports.read")]
    ReportsRead,
    #[serde(rename = "api_keys.manage")]
    ApiKeysManage,
    #[serde(rename = "credentials.manage")]
    CredentialsManage,
    #[serde(rename = "desk.read")]
    DeskRead,
    #[serde(rename = "desk.work")]
    DeskWork,
    #[serde(rename = "desk.assign")]
    DeskAssign,
}

impl Permission {
    pub const ALL: [Permission; 16] = [
        Permission::UsersRead,
        Permission::UsersManage,
        Permission::AuditRead,
        Permission::TicketsRead,
        Permission::TicketsCreate,
        Permission::PaymentsRead,
        Permission::RefundsCreate,
        Permission::RefundsApprove,
        Permission::PayoutsCreate,
        Permission::PayoutsApprove,
        Permission::ReportsRead,
        Permission::ApiKeysManage,
        Permission::CredentialsManage,
        Permission::DeskRead,
        Permission::DeskWork,
        Permission::DeskAssign,
    ];

    /// The wire name, e.g. `users.manage`.
    pub fn as_str(self) -> &'static str {
        use Permission::*;
        match self {
            UsersRead => "users.read",
            UsersManage => "users.manage",
            AuditRead => "audit.read",
            TicketsRead => "tickets.read",
            TicketsCreate => "tickets.create",
            PaymentsRead => "payments.read",
            RefundsCreate => "refunds.create",
            RefundsApprove => "refunds.approve",
            PayoutsCreate => "payouts.create",
            PayoutsApprove => "payouts.approve",
            ReportsRead => "reports.read",
            ApiKeysManage => "api_keys.manage",
            CredentialsManage => "credentials.manage",
            DeskRead => "desk.read",
            DeskWork => "desk.work",
            DeskAssign => "desk.assign",
        }
    }
}

/// A role a user holds in their organisation (seed 004 for merchants, seed 000 for the desk).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Merchant administrator: users, roles, audit log, and everything else.
    Admin,
    /// Approves money movements (the second pair of eyes).
    Finance,
    /// Initiates refunds and payouts; cannot approve them.
    Operations,
    /// API keys and provider credentials.
    Developer,
    /// Files and follows support tickets.
    Support,
    /// Reads, changes nothing.
    Viewer,
    /// Provider support engineer: works the ticket queue.
    SupportAgent,
    /// Provider support lead: assigns tickets, manages the desk's users.
    SupportLead,
}

impl Role {
    pub const ALL: [Role; 8] = [
        Role::Admin,
        Role::Finance,
        Role::Operations,
        Role::Developer,
        Role::Support,
        Role::Viewer,
        Role::SupportAgent,
        Role::SupportLead,
    ];

    pub const MERCHANT: [Role; 6] = [
        Role::Admin,
        Role::Finance,
        Role::Operations,
        Role::Developer,
        Role::Support,
        Role::Viewer,
    ];

    pub const PROVIDER: [Role; 2] = [Role::SupportAgent, Role::SupportLead];

    /// The wire name, e.g. `support_agent`; also the local part of demo e-mails.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Finance => "finance",
            Role::Operations => "operations",
            Role::Developer => "developer",
            Role::Support => "support",
            Role::Viewer => "viewer",
            Role::SupportAgent => "support_agent",
            Role::SupportLead => "support_lead",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }

    /// Which kind of organisation may hold this role.
    pub fn org_kind(self) -> OrgKind {
        match self {
            Role::SupportAgent | Role::SupportLead => OrgKind::Provider,
            _ => OrgKind::Merchant,
        }
    }

    /// The roles an organisation of this kind hands out.
    pub fn for_org(kind: OrgKind) -> &'static [Role] {
        match kind {
            OrgKind::Provider => &Role::PROVIDER,
            OrgKind::Merchant => &Role::MERCHANT,
        }
    }

    /// Whether holding this role makes a user an administrator of their organisation (the
    /// "last administrator" rule protects these).
    pub fn administers(self) -> bool {
        self.permissions().contains(&Permission::UsersManage)
    }

    pub fn permissions(self) -> &'static [Permission] {
        use Permission::*;
        match self {
            Role::Admin => &[
                UsersRead,
                UsersManage,
                AuditRead,
                TicketsRead,
                TicketsCreate,
                PaymentsRead,
                RefundsCreate,
                RefundsApprove,
                PayoutsCreate,
                PayoutsApprove,
                ReportsRead,
                ApiKeysManage,
                CredentialsManage,
            ],
            Role::Finance => &[
                TicketsRead,
                TicketsCreate,
                PaymentsRead,
                RefundsApprove,
                PayoutsApprove,
                ReportsRead,
            ],
            Role::Operations => &[
                TicketsRead,
                TicketsCreate,
                PaymentsRead,
                RefundsCreate,
                PayoutsCreate,
                ReportsRead,
            ],
            Role::Developer => &[
                TicketsRead,
                TicketsCreate,
                PaymentsRead,
                ApiKeysManage,
                CredentialsManage,
            ],
            Role::Support => &[TicketsRead, TicketsCreate, PaymentsRead],
            Role::Viewer => &[TicketsRead, PaymentsRead, ReportsRead],
            Role::SupportAgent => &[DeskRead, DeskWork],
            Role::SupportLead => &[
                DeskRead,
                DeskWork,
                DeskAssign,
                UsersRead,
                UsersManage,
                AuditRead,
            ],
        }
    }
}

/// The union of the permissions of a set of roles.
pub fn permissions_of(roles: &[Role]) -> Vec<Permission> {
    let mut all: Vec<Permission> = roles
        .iter()
        .flat_map(|r| r.permissions().iter().copied())
        .collect();
    all.sort();
    all.dedup();
    all
}

/// The four-eyes principle, for every decision on money (a refund, a payout, a payout account):
/// whether `decider` may approve or reject a request of `requester`. Never their own, whatever
/// their roles.
pub fn may_decide(requester: &crate::UserId, decider: &crate::UserId) -> bool {
    requester != decider
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_names_match_serde() {
        for p in Permission::ALL {
            assert_eq!(serde_json::to_value(p).unwrap(), p.as_str());
        }
        for r in Role::ALL {
            assert_eq!(serde_json::to_value(r).unwrap(), r.as_str());
            assert_eq!(Role::parse(r.as_str()), Some(r));
        }
    }

    #[test]
    fn operations_initiates_but_cannot_approve() {
        let p = Role::Operations.permissions();
        assert!(p.contains(&Permission::RefundsCreate));
        assert!(!p.contains(&Permission::RefundsApprove));
        assert!(!p.contains(&Permission::PayoutsApprove));
    }

    #[test]
    fn viewer_changes_nothing_and_sees_no_users() {
        let p = Role::Viewer.permissions();
        assert!(!p.contains(&Permission::UsersRead));
        assert!(!p.contains(&Permission::TicketsCreate));
        assert!(p.iter().all(|p| p.as_str().ends_with(".read")));
    }

    #[test]
    fn every_role_belongs_to_one_org_kind() {
        for r in Role::ALL {
            assert!(Role::for_org(r.org_kind()).contains(&r));
        }
        assert!(Role::Admin.administers());
        assert!(Role::SupportLead.administers());
        assert!(!Role::Finance.administers());
    }

    #[test]
    fn nobody_decides_on_their_own_request() {
        let a = crate::UserId::from("a");
        assert!(!may_decide(&a, &a));
        assert!(may_decide(&a, &crate::UserId::from("b")));
    }

    #[test]
    fn permissions_of_is_sorted_union() {
        let p = permissions_of(&[Role::Support, Role::Viewer]);
        assert!(p.windows(2).all(|w| w[0] < w[1]));
        assert!(p.contains(&Permission::ReportsRead) && p.contains(&Permission::TicketsCreate));
    }
}
