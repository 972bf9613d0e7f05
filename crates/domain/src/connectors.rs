//! Connector credentials (« Gestion → Identifiants des connecteurs », seed 003): the merchant's
//! own accounts at mobile-money operators, which delegated payments and transfers go through
//! ("Processing Only"). Which operators there are, what each offers and the fields each needs
//! are the server's to say, with their words in each language: the list grows without a release
//! of the app. A set of credentials is always checked against the operator before it is saved.

use serde::{Deserialize, Serialize};

use crate::tickets::Environment;

/// What a set of credentials is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum TransactionType {
    /// Collecting a payment from a customer.
    Payment,
    /// Sending money to a customer.
    Transfer,
}

impl TransactionType {
    pub const ALL: [TransactionType; 2] = [TransactionType::Payment, TransactionType::Transfer];

    pub fn as_str(self) -> &'static str {
        match self {
            TransactionType::Payment => "payment",
            TransactionType::Transfer => "transfer",
        }
    }

    pub fn parse(s: &str) -> Option<TransactionType> {
        TransactionType::ALL.into_iter().find(|t| t.as_str() == s)
    }
}

/// Words the server gives in each of the app's languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Localized {
    pub en: String,
    pub fr: String,
}

/// One field an operator's credentials need.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CredentialField {
    /// The wire name, `client_secret`.
    pub name: String,
    pub label: Localized,
    /// Where to find it at the operator, or what it looks like.
    pub help: Localized,
    /// A secret: typed in a password field, stored encrypted, never shown again (only masked).
    pub secret: bool,
}

/// How the server checks a set of credentials with the operator before saving it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Validation {
    /// Asks the operator's token endpoint for a token.
    Token,
    /// Asks for a token, then for the account's balance with it.
    Balance,
}

/// An operator merchants can connect (`GET /connectors/operators`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OperatorInfo {
    /// The wire name, `orange_ci`.
    pub code: String,
    /// "Orange CI".
    pub name: String,
    /// ISO 3166 country code, `CI`.
    pub country: String,
    /// What it offers: payment, transfer, or both.
    pub services: Vec<TransactionType>,
    /// The fields its credentials need, in the order to ask for them.
    pub fields: Vec<CredentialField>,
    pub validation: Validation,
}

/// What the operator said of a set of credentials, as what the merchant should do about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CheckOutcome {
    /// Accepted: the credentials work.
    Valid,
    /// An identifier or a secret is wrong: check what was typed.
    WrongSecret,
    /// They belong to the other environment (sandbox or production).
    WrongEnvironment,
    /// They work, but the account is not enabled for this service (payment or transfer): ask
    /// the operator to enable it.
    MissingPermission,
    /// The operator says they have expired: get new ones from the operator.
    Expired,
    /// A merchant code, PIN or other account detail is not the operator's.
    WrongAccount,
    /// The operator could not be reached.
    Unreachable,
    /// The operator did not answer in time.
    TimedOut,
    /// The operator failed (5xx) or answered something unexpected: try again later.
    OperatorError,
}

impl CheckOutcome {
    pub const ALL: [CheckOutcome; 9] = [
        CheckOutcome::Valid,
        CheckOutcome::WrongSecret,
        CheckOutcome::WrongEnvironment,
        CheckOutcome::MissingPermission,
        CheckOutcome::Expired,
        CheckOutcome::WrongAccount,
        CheckOutcome::Unreachable,
        CheckOutcome::TimedOut,
        CheckOutcome::OperatorError,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            CheckOutcome::Valid => "valid",
            CheckOutcome::WrongSecret => "wrong_secret",
            CheckOutcome::WrongEnvironment => "wrong_environment",
            CheckOutcome::MissingPermission => "missing_permission",
            CheckOutcome::Expired => "expired",
            CheckOutcome::WrongAccount => "wrong_account",
            CheckOutcome::Unreachable => "unreachable",
            CheckOutcome::TimedOut => "timed_out",
            CheckOutcome::OperatorError => "operator_error",
        }
    }

    /// Whether trying again later, unchanged, may succeed.
    pub fn is_transient(self) -> bool {
        matches!(
            self,
            CheckOutcome::Unreachable | CheckOutcome::TimedOut | CheckOutcome::OperatorError
        )
    }
}

/// A check's result: the outcome, and what the operator said (its status and its message,
/// cleaned of anything secret), for the merchant and for support.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CheckResult {
    pub outcome: CheckOutcome,
    pub operator_status: Option<u16>,
    pub operator_message: Option<String>,
}

/// The environment's name at the operators: `sandbox` for test credentials.
pub fn operator_environment(environment: Environment) -> &'static str {
    match environment {
        Environment::Test => "sandbox",
        Environment::Production => "production",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_names_round_trip() {
        for t in TransactionType::ALL {
            assert_eq!(TransactionType::parse(t.as_str()), Some(t));
            assert_eq!(
                serde_json::to_string(&t).unwrap(),
                format!("\"{}\"", t.as_str())
            );
        }
        for o in CheckOutcome::ALL {
            assert_eq!(
                serde_json::to_string(&o).unwrap(),
                format!("\"{}\"", o.as_str())
            );
        }
        assert!(CheckOutcome::TimedOut.is_transient() && !CheckOutcome::WrongSecret.is_transient());
        assert_eq!(operator_environment(Environment::Test), "sandbox");
    }
}
