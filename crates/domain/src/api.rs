//! Request and response bodies of `/api/v1`. Field names are the wire names (`snake_case`);
//! ids are opaque strings, typed ([`crate::ids`]); times are RFC 3339 UTC.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::error::field_error;
use crate::ids::{AuditEntryId, OrgId, UserId};
use crate::language::Language;
use crate::roles::{OrgKind, Permission, Role};
use crate::validate::{Checker, Email, Name, NewPassword, Roles};
use crate::{messages, FieldErrors};

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

/// `POST /auth/login`
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct LoginRequest {
    pub email: String,
    pub password: String,
    /// The one-time code e-mailed to the account's owner after repeated failures; needed only
    /// when a log-in was answered `login_code_required`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(pattern = "^[0-9]{6}$"))]
    pub code: Option<String>,
}

impl std::fmt::Debug for LoginRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LoginRequest")
            .field("email", &self.email)
            .field("password", &"***")
            .field("code", &self.code.as_ref().map(|_| "***"))
            .finish()
    }
}

/// `PUT /me/language`
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct SetLanguageRequest {
    pub language: Language,
}

/// `POST /me/password`
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ChangePasswordRequest {
    pub current_password: String,
    pub new_password: String,
}

impl std::fmt::Debug for ChangePasswordRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ChangePasswordRequest { *** }")
    }
}

impl ChangePasswordRequest {
    /// The new password as the rules accept it, or what to fix (whether the current one is
    /// right is the server's to say).
    pub fn parse(&self) -> Result<NewPassword, FieldErrors> {
        let mut c = Checker::default();
        if self.current_password.is_empty() {
            c.check("current_password", Err(messages::REQUIRED));
        }
        let new = c.take(
            "new_password",
            NewPassword::parse(&self.new_password, &self.current_password),
        );
        c.finish_with(|| new)
    }
}

/// `POST /auth/password-reset`: someone who forgot their password asks for a link to choose a
/// new one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct PasswordResetRequest {
    pub email: String,
}

impl PasswordResetRequest {
    /// The address as the rules accept it, or what to fix.
    pub fn parse(&self) -> Result<Email, FieldErrors> {
        let mut c = Checker::default();
        let email = c.take("email", Email::parse(&self.email));
        c.finish_with(|| email)
    }
}

/// How long an e-mailed password-reset link works, in minutes.
pub const RESET_LINK_MINUTES: i64 = 30;

/// `POST /auth/password-reset/confirm`: the new password, with the token of the e-mailed link.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct PasswordResetConfirm {
    pub token: String,
    pub new_password: String,
}

impl std::fmt::Debug for PasswordResetConfirm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PasswordResetConfirm { *** }")
    }
}

impl PasswordResetConfirm {
    /// The new password as the rules accept it, or what to fix (whether the link is still
    /// good is the server's to say).
    pub fn parse(&self) -> Result<NewPassword, FieldErrors> {
        let mut c = Checker::default();
        let new = c.take("new_password", NewPassword::parse(&self.new_password, ""));
        c.finish_with(|| new)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Organisation {
    pub id: OrgId,
    pub slug: String,
    pub name: String,
    pub kind: OrgKind,
    /// ISO 4217 code of the merchant's account currency (`XOF`, `EUR`); absent for the provider.
    pub currency: Option<String>,
    /// IANA time zone, e.g. `Africa/Abidjan`.
    pub time_zone: String,
}

/// `GET /me`: who is signed in, where, and what they may do.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Me {
    pub user: User,
    pub organisation: Organisation,
    pub permissions: Vec<Permission>,
    /// Echo it in the `X-CSRF-Token` header of every mutation.
    pub csrf_token: String,
}

impl Me {
    pub fn can(&self, p: Permission) -> bool {
        self.permissions.contains(&p)
    }
}

/// `GET /session`: whether anyone is signed in. Unlike `GET /me` it never answers 401, so an
/// app starting signed out has nothing to report as an error.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct SessionState {
    pub me: Option<Me>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct User {
    pub id: UserId,
    pub email: String,
    pub name: String,
    pub roles: Vec<Role>,
    pub active: bool,
    /// True until the user replaces a one-time password.
    pub must_change_password: bool,
    /// The language the server writes this user's mail in: the app's, as it last said
    /// (`PUT /me/language`); English until then.
    pub language: Language,
    pub created_at: DateTime<Utc>,
    pub last_login_at: Option<DateTime<Utc>>,
}

/// `POST /users`
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct CreateUserRequest {
    pub email: String,
    pub name: String,
    pub roles: Vec<Role>,
}

/// A user to create, as the rules accept it.
#[derive(Debug, Clone, PartialEq)]
pub struct NewUser {
    pub email: Email,
    pub name: Name,
    pub roles: Roles,
}

impl CreateUserRequest {
    /// The request as the rules accept it in an organisation of `org`, or every field's error:
    /// the browser asks before sending, the server again.
    pub fn parse(&self, org: OrgKind) -> Result<NewUser, FieldErrors> {
        let mut c = Checker::default();
        let email = c.take("email", Email::parse(&self.email));
        let name = c.take("name", Name::parse(&self.name));
        let roles = c.take("roles", Roles::parse(&self.roles, org));
        c.finish_with(|| {
            Some(NewUser {
                email: email?,
                name: name?,
                roles: roles?,
            })
        })
    }
}

/// What is sent: the values as parsed (trimmed, roles once each).
impl From<NewUser> for CreateUserRequest {
    fn from(u: NewUser) -> Self {
        CreateUserRequest {
            email: u.email.as_str().to_owned(),
            name: u.name.as_str().to_owned(),
            roles: u.roles.into_vec(),
        }
    }
}

/// The new user and the one-time password to hand over; it is shown once and never again.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct CreatedUser {
    pub user: User,
    pub one_time_password: String,
}

impl std::fmt::Debug for CreatedUser {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CreatedUser")
            .field("user", &self.user)
            .field("one_time_password", &"***")
            .finish()
    }
}

/// `PUT /users/{id}/roles`
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct SetRolesRequest {
    pub roles: Vec<Role>,
}

impl SetRolesRequest {
    pub fn parse(&self, org: OrgKind) -> Result<Roles, FieldErrors> {
        Roles::parse(&self.roles, org).map_err(|key| field_error("roles", key))
    }
}

/// `GET /roles`: each role of the caller's organisation, its permissions and head count.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct RoleSummary {
    pub role: Role,
    pub permissions: Vec<Permission>,
    pub user_count: u32,
}

/// One line of the audit log: who did what, when, under which request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct AuditEntry {
    pub id: AuditEntryId,
    pub at: DateTime<Utc>,
    pub actor_id: Option<UserId>,
    pub actor_email: Option<String>,
    /// The actor's name today, if they are a user of the organisation.
    #[serde(default)]
    pub actor_name: Option<String>,
    /// e.g. `user.created`, `user.roles_changed`, `user.deactivated`, `session.login`.
    pub action: String,
    /// What the action was about, e.g. the user's e-mail.
    pub target: Option<String>,
    pub details: serde_json::Value,
    pub request_id: String,
}

/// A page of a list. `next_cursor`, when there is one, asks for the next page: the audit log
/// takes it as `?before=`, ticket lists as `?cursor=`. A page without it is the last.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Page<T> {
    pub items: Vec<T>,
    pub next_cursor: Option<String>,
}

/// `GET /health`
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Health {
    pub status: String,
    pub version: String,
}
