//! Words for the domain's codes: roles, permissions, audit actions, ticket statuses, urgencies,
//! categories and fields. The keys are built from the wire names, and a unit test checks that
//! every one exists.

use guichet_domain::{Permission, Role};

use super::{lookup, t, t_or_raw, tr};
use crate::api::ApiError;
use crate::state::locale::current_locale;

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

/// An audit action in words; an action this version does not know shows its code.
pub fn audit_action(action: &str) -> String {
    let key = format!("audit.action.{action}");
    match lookup(current_locale(), &key) {
        Some(text) => text.to_owned(),
        None => action.to_owned(),
    }
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

/// A ticket field's value as people read it: an environment by its label, a day and time in
/// the user's language; what the user typed as it is.
pub fn field_value(field: guichet_domain::tickets::Field, value: &str) -> String {
    use guichet_domain::tickets::{Environment, Field};
    match field {
        Field::SeenAt => super::time::format_stored(value),
        Field::Environment => match Environment::parse(value) {
            Some(e) => t(&format!("ticket.environment.{}", e.as_str())),
            None => value.to_owned(),
        },
        _ => value.to_owned(),
    }
}

/// « Terminée », "Completed": a purchase's status.
pub fn purchase_status_name(status: guichet_domain::payments::PurchaseStatus) -> String {
    t(&format!("purchase.status.{}", status.as_str()))
}

/// « En attente d'approbation », "Awaiting approval": a refund's status.
pub fn refund_status_name(status: guichet_domain::payments::RefundStatus) -> String {
    t(&format!("refund.status.{}", status.as_str()))
}

/// Why a refund was asked for, in words.
pub fn refund_reason_name(reason: guichet_domain::payments::RefundReason) -> String {
    t(&format!("refund.reason.{}", reason.as_str()))
}

/// "Card", « Mobile money ».
pub fn method_kind_name(kind: guichet_domain::payments::MethodKind) -> String {
    t(&format!("purchase.method.{}", kind.as_str()))
}

/// A step of a purchase's or a refund's timeline, in words.
pub fn payment_event_name(kind: guichet_domain::payments::PaymentEventKind) -> String {
    t(&format!("payment.event.{}", payment_event_code(kind)))
}

/// The wire name of a timeline step, which its locale key is built from.
pub fn payment_event_code(kind: guichet_domain::payments::PaymentEventKind) -> &'static str {
    use guichet_domain::payments::PaymentEventKind::*;
    match kind {
        Created => "created",
        Authorised => "authorised",
        Completed => "completed",
        Cancelled => "cancelled",
        RefundRequested => "refund_requested",
        RefundApproved => "refund_approved",
        RefundRejected => "refund_rejected",
        RefundSent => "refund_sent",
        RefundPending => "refund_pending",
        RefundUnanswered => "refund_unanswered",
        RefundFailed => "refund_failed",
        RefundCompleted => "refund_completed",
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
