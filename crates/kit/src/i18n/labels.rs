//! Words for the domain's codes: roles, permissions, audit actions, ticket statuses, urgencies,
//! categories and fields. The keys are built from the wire names, and a unit test checks that
//! every one exists.

use guichet_domain::{Permission, Role};

use super::{t, t_or_raw, tr};
use crate::api::ApiError;

/// "Administrator", « Administrateur ».
pub fn role_name(role: Role) -> String {
    t(&format!("role.{}", role.as_str()))
}

/// One sentence on what the role is for.
pub fn role_description(role: Role) -> String {
    t(&format!("role.{}.description", role.as_str()))
}

/// "Manage users", « Gérer les utilisateurs ».
pub fn permission_name(permission: Permission) -> String {
    t(&format!("permission.{}", permission.as_str()))
}

/// Several roles as one comma-separated phrase, in the order given.
pub fn role_list(roles: &[Role]) -> String {
    roles
        .iter()
        .map(|r| role_name(*r))
        .collect::<Vec<_>>()
        .join(", ")
}

/// "Waiting on you"… a ticket's status in words.
pub fn status_name(status: guichet_domain::tickets::Status) -> String {
    t(&format!("ticket.status.{}", status.as_str()))
}

/// "Critical", « Critique ».
pub fn urgency_name(urgency: guichet_domain::tickets::Urgency) -> String {
    t(&format!("ticket.urgency.{}", urgency.as_str()))
}

/// "API question", « Question sur l'API ».
pub fn category_name(category: guichet_domain::tickets::Category) -> String {
    t(&format!("ticket.category.{}", category.as_str()))
}

/// The human name of a ticket field, e.g. "Steps to reproduce".
pub fn field_name(field: guichet_domain::tickets::Field) -> String {
    t(&format!("ticket.field.{}", field.as_str()))
}

/// A ticket field's value as people read it: an environment by its label, a day and time or a
/// day in the user's language; what the user typed as it is.
pub fn field_value(field: guichet_domain::tickets::Field, value: &str) -> String {
    use guichet_domain::tickets::{parse_day, Environment, Field};
    match field {
        Field::SeenAt => super::time::format_stored(value),
        Field::TransactionDate => match parse_day(value) {
            Some(day) => super::time::format_day(
                day,
                crate::state::locale::current_locale().tag(),
                super::time::DayStyle::Medium,
            ),
            None => value.to_owned(),
        },
        Field::Environment => match Environment::parse(value) {
            Some(e) => t(&format!("ticket.environment.{}", e.as_str())),
            None => value.to_owned(),
        },
        _ => value.to_owned(),
    }
}

/// The text shown for an error: its translated message, with the server's status or reason
/// where that helps.
/// A wait in words every locale reads the same way: seconds under a minute, else minutes
/// rounded up.
fn wait(seconds: u64) -> String {
    if seconds < 60 {
        format!("{seconds} s")
    } else {
        format!("{} min", seconds.div_ceil(60))
    }
}

pub fn error_message(error: &ApiError) -> String {
    match error {
        ApiError::Server { status, .. } | ApiError::BadRequest { status, .. } => {
            tr(error.message_key(), &[("status", &status.to_string())])
        }
        ApiError::TooManyRequests {
            retry_after: Some(seconds),
            ..
        } => tr("error.too_many_requests_wait", &[("wait", &wait(*seconds))]),
        ApiError::Conflict {
            reason: Some(reason),
            ..
        } => t_or_raw(reason),
        // Another backend may give its reason in words only.
        ApiError::Conflict { message, .. } if !message.is_empty() => t_or_raw(message),
        _ => t(error.message_key()),
    }
}
