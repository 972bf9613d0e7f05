//! Ids are types: a ticket's id cannot be passed where a user's is expected. On the wire each
//! is the opaque string the server chose (a UUID for the reference server); a client never
//! parses or builds one, it only hands back what it was given.

use serde::{Deserialize, Serialize};

macro_rules! ids {
    ($($(#[$doc:meta])* $name:ident;)*) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        #[cfg_attr(feature = "sqlx", derive(sqlx::Type), sqlx(transparent))]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl From<String> for $name {
            fn from(id: String) -> Self {
                Self(id)
            }
        }

        impl From<&str> for $name {
            fn from(id: &str) -> Self {
                Self(id.to_owned())
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> Self {
                id.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }
    )*};
}

ids! {
    /// An organisation: a merchant or the provider.
    OrgId;
    /// A user of an organisation.
    UserId;
    /// A support ticket (its `number` is what people read; this is what URLs carry).
    TicketId;
    /// A message of a ticket's conversation.
    MessageId;
    /// An uploaded file, attached to a ticket or a message.
    AttachmentId;
    /// A line of the audit log.
    AuditEntryId;
    /// A notification in the desk's outbox.
    MailId;
    /// A customer's payment to a merchant (its `reference` is the merchant's).
    PurchaseId;
    /// A refund of (part of) a purchase.
    RefundId;
    /// A business day's settlement of a merchant.
    SettlementId;
    /// A bank account or mobile-money wallet a merchant is paid out to.
    PayoutAccountId;
    /// Money out of a merchant's main account.
    PayoutId;
    /// A month's fee invoice.
    InvoiceId;
    /// A merchant's API key (never its secret).
    ApiKeyId;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_id_is_its_string_on_the_wire() {
        let id = TicketId::from("7b1c");
        assert_eq!(serde_json::to_string(&id).unwrap(), "\"7b1c\"");
        assert_eq!(serde_json::from_str::<TicketId>("\"7b1c\"").unwrap(), id);
        assert_eq!(id.to_string(), "7b1c");
    }
}
