//! What the audit log records: one code per action, written here once. The server records
//! these codes and the app names them; a backend that records others still shows them, by code.

macro_rules! audit_actions {
    ($($name:ident = $code:literal,)*) => {
        /// An action recorded in an organisation's audit log.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum AuditAction {
            $($name,)*
        }

        impl AuditAction {
            pub const ALL: &'static [AuditAction] = &[$(AuditAction::$name,)*];

            /// The wire code, e.g. `user.roles_changed`.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(AuditAction::$name => $code,)*
                }
            }
        }
    };
}

audit_actions! {
    OrganisationCreated = "organisation.created",
    SessionLogin = "session.login",
    SessionLogout = "session.logout",
    UserCreated = "user.created",
    UserRolesChanged = "user.roles_changed",
    UserDeactivated = "user.deactivated",
    UserReactivated = "user.reactivated",
    UserPasswordChanged = "user.password_changed",
    UserPasswordResetAsked = "user.password_reset_asked",
    UserPasswordReset = "user.password_reset",
    TicketCreated = "ticket.created",
    TicketTriaged = "ticket.triaged",
    TicketAssigned = "ticket.assigned",
    TicketStatusChanged = "ticket.status_changed",
    TicketReplied = "ticket.replied",
    TicketMessageAdded = "ticket.message_added",
    TicketNoteAdded = "ticket.note_added",
    TicketRated = "ticket.rated",
    TicketFollowUp = "ticket.follow_up",
    RefundRequested = "refund.requested",
    RefundApproved = "refund.approved",
    RefundRejected = "refund.rejected",
    RefundRetried = "refund.retried",
    RefundCompleted = "refund.completed",
    RefundFailed = "refund.failed",
    RefundUnanswered = "refund.unanswered",
    PayoutAccountRequested = "payout_account.requested",
    PayoutAccountApproved = "payout_account.approved",
    PayoutAccountRejected = "payout_account.rejected",
    PayoutRequested = "payout.requested",
    PayoutApproved = "payout.approved",
    PayoutRejected = "payout.rejected",
    PayoutCancelled = "payout.cancelled",
    PayoutSent = "payout.sent",
    PayoutPaid = "payout.paid",
    PayoutFailed = "payout.failed",
    ApiKeyCreated = "api_key.created",
    ApiKeyRolled = "api_key.rolled",
    ApiKeyRevoked = "api_key.revoked",
}

impl AuditAction {
    pub fn parse(code: &str) -> Option<AuditAction> {
        AuditAction::ALL
            .iter()
            .copied()
            .find(|a| a.as_str() == code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_read_back() {
        for a in AuditAction::ALL {
            assert_eq!(AuditAction::parse(a.as_str()), Some(*a));
        }
        let mut codes: Vec<_> = AuditAction::ALL.iter().map(|a| a.as_str()).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), AuditAction::ALL.len());
        assert_eq!(AuditAction::parse("no.such"), None);
    }
}
