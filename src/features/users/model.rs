//! Rules of the users pages: the creation form and the order of the list.

use guichet_domain::api::{CreateUserRequest, User};
use guichet_domain::{FieldErrors, OrgKind, Role};

/// The creation request, or what to fix, with the same rules the server applies.
pub fn create_request(
    email: &str,
    name: &str,
    roles: &[Role],
    org: OrgKind,
) -> Result<CreateUserRequest, FieldErrors> {
    CreateUserRequest {
        email: email.to_owned(),
        name: name.to_owned(),
        roles: roles.to_vec(),
    }
    .parse(org)
    .map(CreateUserRequest::from)
}

/// Which users the list shows: active ones by default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Shown {
    #[default]
    Active,
    Deactivated,
    All,
}

impl Shown {
    pub const ALL: [Shown; 3] = [Shown::Active, Shown::Deactivated, Shown::All];

    pub fn as_str(self) -> &'static str {
        match self {
            Shown::Active => "active",
            Shown::Deactivated => "deactivated",
            Shown::All => "all",
        }
    }

    pub fn parse(s: &str) -> Self {
        Shown::ALL
            .into_iter()
            .find(|v| v.as_str() == s)
            .unwrap_or_default()
    }
}

/// Whether `user` is listed: their status is among those `shown`, and `query` (any case) is
/// part of their name or e-mail address.
pub fn listed(user: &User, shown: Shown, query: &str) -> bool {
    let status = match shown {
        Shown::Active => user.active,
        Shown::Deactivated => !user.active,
        Shown::All => true,
    };
    let q = query.trim().to_lowercase();
    status
        && (q.is_empty()
            || user.name.to_lowercase().contains(&q)
            || user.email.to_lowercase().contains(&q))
}

/// Users sorted for the list: active first, then by name.
pub fn sorted(mut users: Vec<User>) -> Vec<User> {
    users.sort_by(|a, b| {
        b.active
            .cmp(&a.active)
            .then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
    });
    users
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Utc;
    use guichet_domain::messages;

    #[test]
    fn the_list_shows_active_users_matching_the_search() {
        let user = |name: &str, active: bool| User {
            id: name.into(),
            email: format!("{}@shop.demo", name.to_lowercase()),
            name: name.to_owned(),
            roles: vec![Role::Viewer],
            active,
            must_change_password: false,
            language: guichet_domain::Language::Fr,
            created_at: Utc::now(),
            last_login_at: None,
        };
        let (awa, koffi) = (user("Awa", true), user("Koffi", false));
        assert!(listed(&awa, Shown::Active, ""));
        assert!(!listed(&koffi, Shown::Active, ""));
        assert!(listed(&koffi, Shown::Deactivated, "KOF"));
        assert!(listed(&koffi, Shown::All, "koffi@shop"));
        assert!(!listed(&awa, Shown::All, "koffi"));
        assert_eq!(Shown::parse("nonsense"), Shown::Active);
    }

    #[test]
    fn the_form_is_checked_like_the_server_does() {
        let errs = create_request("nope", " ", &[], OrgKind::Merchant).unwrap_err();
        assert_eq!(errs["email"], [messages::EMAIL]);
        assert_eq!(errs["name"], [messages::REQUIRED]);
        assert_eq!(errs["roles"], [messages::ROLES_EMPTY]);
        let errs =
            create_request("a@b.ci", "Awa", &[Role::SupportAgent], OrgKind::Merchant).unwrap_err();
        assert_eq!(errs["roles"], [messages::ROLES_INVALID]);
        let ok = create_request(
            " a@b.ci ",
            " Awa ",
            &[Role::Viewer, Role::Finance, Role::Viewer],
            OrgKind::Merchant,
        )
        .unwrap();
        assert_eq!((ok.email.as_str(), ok.name.as_str()), ("a@b.ci", "Awa"));
        assert_eq!(ok.roles, [Role::Finance, Role::Viewer]);
    }

    #[test]
    fn active_users_first_then_by_name() {
        let user = |name: &str, active| User {
            id: name.into(),
            email: format!("{name}@x.ci"),
            name: name.into(),
            roles: vec![],
            active,
            must_change_password: false,
            language: guichet_domain::Language::En,
            created_at: Utc::now(),
            last_login_at: None,
        };
        let names: Vec<_> = sorted(vec![
            user("zoe", true),
            user("Awa", false),
            user("binta", true),
        ])
        .into_iter()
        .map(|u| u.name)
        .collect();
        assert_eq!(names, ["binta", "zoe", "Awa"]);
    }
}
