//! The message keys (`error.*`) that the server answers a field or a conflict with, in the error
//! envelope, and that the browser's own checks give too: written once, here. The app's locale
//! files translate each (a test of the kit checks every one).

macro_rules! keys {
    ($($name:ident = $key:literal,)*) => {
        $(#[doc = $key] pub const $name: &str = $key;)*
        /// Every key above.
        pub const ALL: &[&str] = &[$($name),*];
    };
}

keys! {
    AMOUNT_POSITIVE = "error.amount_positive",
    API_KEY_FINGERPRINT = "error.api_key_fingerprint",
    API_KEY_NOT_WORKING = "error.api_key_not_working",
    ASSIGNEE_INVALID = "error.assignee_invalid",
    ATTACHMENT_UNKNOWN = "error.attachment_unknown",
    CONTROL_CHARACTER = "error.control_character",
    DATE_TIME = "error.date_time",
    DAY = "error.day",
    DAY_IN_FUTURE = "error.day_in_future",
    EMAIL = "error.email",
    EMAIL_TAKEN = "error.email_taken",
    ENDPOINT = "error.endpoint",
    ENVIRONMENT = "error.environment",
    FIELD_NOT_ASKED = "error.field_not_asked",
    FILE_TOO_LARGE = "error.file_too_large",
    FILE_TYPE = "error.file_type",
    FOLLOW_UP_CLOSED = "error.follow_up_closed",
    HTTP_STATUS = "error.http_status",
    IBAN = "error.iban",
    IDENTIFIER = "error.identifier",
    IMAGE_METADATA = "error.image_metadata",
    IN_FUTURE = "error.in_future",
    IN_PAST = "error.in_past",
    INVALID = "error.invalid",
    INVOICE_NUMBER = "error.invoice_number",
    LAST_ADMIN = "error.last_admin",
    NO_PROVIDER = "error.no_provider",
    OUT_OF_RANGE = "error.out_of_range",
    OWN_ACCOUNT = "error.own_account",
    OWN_REFUND_REQUEST = "error.own_refund_request",
    PASSWORD_INCORRECT = "error.password_incorrect",
    PAYOUT_EXCEEDS = "error.payout_exceeds",
    PASSWORD_SHORT = "error.password_short",
    PASSWORD_UNCHANGED = "error.password_unchanged",
    RATING = "error.rating",
    REFUND_EXCEEDS = "error.refund_exceeds",
    REFUND_STATUS = "error.refund_status",
    NOT_REFUNDABLE = "error.not_refundable",
    RESET_LINK = "error.reset_link",
    REQUIRED = "error.required",
    ROLES_EMPTY = "error.roles_empty",
    ROLES_INVALID = "error.roles_invalid",
    SCOPES_EMPTY = "error.scopes_empty",
    TICKET_CLOSED = "error.ticket_closed",
    TICKET_DONE = "error.ticket_done",
    TICKET_LIFECYCLE = "error.ticket_lifecycle",
    TICKET_NOT_RESOLVED = "error.ticket_not_resolved",
    TOO_LONG = "error.too_long",
    TOO_MANY_FILES = "error.too_many_files",
    URL = "error.url",
    UUID = "error.uuid",
    WALLET = "error.wallet",
    OWN_REQUEST = "error.own_request",
    PAYOUT_STATUS = "error.payout_status",
    ACCOUNT_NOT_ACTIVE = "error.account_not_active",
    NOT_UTF8 = "error.not_utf8",
}

#[cfg(test)]
mod tests {
    /// The keys are spelled here only: the server, the kit and the features name the constants.
    #[test]
    fn no_other_source_spells_a_key() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let mut stack: Vec<_> = [
            "crates/server/src",
            "crates/kit/src",
            "crates/domain/src",
            "src",
        ]
        .iter()
        .map(|d| root.join(d))
        .collect();
        let mut found = Vec::new();
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                } else if path.extension().is_some_and(|e| e == "rs")
                    && !path.ends_with("messages.rs")
                {
                    let source = std::fs::read_to_string(&path).unwrap();
                    for key in super::ALL {
                        if source.contains(&format!("\"{key}\"")) {
                            found.push(format!("{}: {key}", path.display()));
                        }
                    }
                }
            }
        }
        assert!(
            found.is_empty(),
            "spell these with guichet_domain::messages: {found:#?}"
        );
    }
}
