//! API keys (« Gestion → Développeurs », seed 003): what a merchant's own code may do through
//! the merchant API, key by key. A key carries its environment in its prefix (`stest_`,
//! `sprod_`, which the redaction engine knows) and exactly the permissions chosen from
//! [`ApiScope`], the catalogue written once here; its secret is shown once, and the server keeps
//! only its hash.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::messages;
use crate::tickets::Environment;
use crate::validate::{has_control_character, Checker, NAME_MAX_CHARS};
use crate::{ApiKeyId, FieldErrors, OrgId};

/// What a key may do, the catalogue the merchant chooses from. The wire names are seed 003's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum ApiScope {
    /// Collect a payment through the merchant's own connector credentials (`POST
    /// /delegated/payments`, "Processing Only").
    #[serde(rename = "Api.delegated_payment_create")]
    DelegatedPaymentCreate,
    /// Send a transfer through the merchant's own connector credentials (`POST
    /// /delegated/transfers`).
    #[serde(rename = "Api.delegated_transfer_create")]
    DelegatedTransferCreate,
    /// Read the purchases.
    #[serde(rename = "Api.purchases_read")]
    PurchasesRead,
    /// Read the refunds.
    #[serde(rename = "Api.refunds_read")]
    RefundsRead,
    /// Ask for refunds (which a person still approves).
    #[serde(rename = "Api.refunds_create")]
    RefundsCreate,
}

impl ApiScope {
    pub const ALL: [ApiScope; 5] = [
        ApiScope::DelegatedPaymentCreate,
        ApiScope::DelegatedTransferCreate,
        ApiScope::PurchasesRead,
        ApiScope::RefundsRead,
        ApiScope::RefundsCreate,
    ];

    /// The wire name, `Api.delegated_payment_create`.
    pub fn as_str(self) -> &'static str {
        match self {
            ApiScope::DelegatedPaymentCreate => "Api.delegated_payment_create",
            ApiScope::DelegatedTransferCreate => "Api.delegated_transfer_create",
            ApiScope::PurchasesRead => "Api.purchases_read",
            ApiScope::RefundsRead => "Api.refunds_read",
            ApiScope::RefundsCreate => "Api.refunds_create",
        }
    }

    pub fn parse(s: &str) -> Option<ApiScope> {
        ApiScope::ALL.into_iter().find(|p| p.as_str() == s)
    }
}

/// The prefix of a key's secret, which names its environment.
pub fn key_prefix(environment: Environment) -> &'static str {
    match environment {
        Environment::Test => "stest_",
        Environment::Production => "sprod_",
    }
}

/// Characters of randomness after the prefix: base62, about 190 bits.
pub const SECRET_BODY_CHARS: usize = 32;

/// Where a key stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ApiKeyStatus {
    /// Works, without an end or until `valid_until`.
    Active,
    /// Rolled: works until `valid_until`, and its successor already does.
    Rolling,
    /// Past its expiry (or its overlap after a roll): refused.
    Expired,
    /// Revoked: refused since `revoked_at`.
    Revoked,
}

impl ApiKeyStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ApiKeyStatus::Active => "active",
            ApiKeyStatus::Rolling => "rolling",
            ApiKeyStatus::Expired => "expired",
            ApiKeyStatus::Revoked => "revoked",
        }
    }

    /// Whether a key in this status is accepted.
    pub fn works(self) -> bool {
        matches!(self, ApiKeyStatus::Active | ApiKeyStatus::Rolling)
    }
}

/// A key as the merchant's people see it: never its secret.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApiKey {
    pub id: ApiKeyId,
    pub name: String,
    pub environment: Environment,
    pub scopes: Vec<ApiScope>,
    /// `sprod_...Qa7x`: the prefix and the last four characters, what the ticket wizard's "API
    /// key used" field takes too.
    pub fingerprint: String,
    pub created_by: String,
    pub created_at: DateTime<Utc>,
    pub last_used_at: Option<DateTime<Utc>>,
    /// The last day it works, as chosen at its creation (it stops at the end of that day, UTC).
    pub expires_on: Option<NaiveDate>,
    /// When it stops working, whichever comes first: its expiry, or the end of the overlap after
    /// a roll.
    pub valid_until: Option<DateTime<Utc>>,
    pub status: ApiKeyStatus,
    pub revoked_at: Option<DateTime<Utc>>,
    /// The key that replaced it, when it was rolled.
    pub replaced_by: Option<ApiKeyId>,
}

/// `POST /api-keys`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewApiKey {
    pub name: String,
    pub environment: Environment,
    pub scopes: Vec<ApiScope>,
    /// The last day it works; none: until revoked.
    #[serde(default)]
    pub expires_on: Option<NaiveDate>,
}

/// A new key and its secret: the only answer that ever holds the secret.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreatedApiKey {
    pub key: ApiKey,
    /// The whole key: shown once, kept nowhere.
    pub secret: String,
}

/// `POST /api-keys/{id}/roll`: a new secret for the same name and permissions; the old one
/// keeps working for `overlap_hours` (0 to 24), time to deploy the new one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RollApiKey {
    pub overlap_hours: u32,
}

/// A working key as the ticket wizard offers it for "API key used": its name and fingerprint,
/// never more (`GET /api-keys/fingerprints`, for whoever files tickets).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct KeyFingerprint {
    pub name: String,
    pub fingerprint: String,
    pub environment: Environment,
}

/// `GET /api-keys/current`: the key a request presents, as the merchant's code sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct KeyIdentity {
    pub key_id: ApiKeyId,
    pub organisation: OrgId,
    pub environment: Environment,
    pub scopes: Vec<ApiScope>,
}

/// The longest overlap of a rolled key with its successor.
pub const MAX_OVERLAP_HOURS: u32 = 24;

/// The name trimmed, the permissions sorted, each once; or the fields refused.
pub fn check_new_api_key(req: &NewApiKey, today: NaiveDate) -> Result<NewApiKey, FieldErrors> {
    let mut checker = Checker::default();
    let name = req.name.trim();
    checker.check(
        "name",
        if name.is_empty() {
            Err(messages::REQUIRED)
        } else if name.chars().count() > NAME_MAX_CHARS {
            Err(messages::TOO_LONG)
        } else if has_control_character(name) {
            Err(messages::CONTROL_CHARACTER)
        } else {
            Ok(())
        },
    );
    let mut scopes = req.scopes.clone();
    scopes.sort();
    scopes.dedup();
    checker.check(
        "scopes",
        if scopes.is_empty() {
            Err(messages::SCOPES_EMPTY)
        } else {
            Ok(())
        },
    );
    checker.check(
        "expires_on",
        match req.expires_on {
            Some(day) if day <= today => Err(messages::IN_PAST),
            _ => Ok(()),
        },
    );
    checker.finish_with(|| {
        Some(NewApiKey {
            name: name.to_owned(),
            environment: req.environment,
            scopes,
            expires_on: req.expires_on,
        })
    })
}

pub fn check_roll(req: &RollApiKey) -> Result<(), FieldErrors> {
    let mut checker = Checker::default();
    checker.check(
        "overlap_hours",
        if req.overlap_hours > MAX_OVERLAP_HOURS {
            Err(messages::OUT_OF_RANGE)
        } else {
            Ok(())
        },
    );
    checker.finish()
}

/// Where a key stands at `now`.
pub fn status_at(
    revoked: bool,
    rolled: bool,
    valid_until: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> ApiKeyStatus {
    if revoked {
        ApiKeyStatus::Revoked
    } else if valid_until.is_some_and(|end| end <= now) {
        ApiKeyStatus::Expired
    } else if rolled {
        ApiKeyStatus::Rolling
    } else {
        ApiKeyStatus::Active
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn req(name: &str, scopes: &[ApiScope], expires_on: Option<&str>) -> NewApiKey {
        NewApiKey {
            name: name.to_owned(),
            environment: Environment::Production,
            scopes: scopes.to_vec(),
            expires_on: expires_on.map(d),
        }
    }

    #[test]
    fn scopes_keep_seed_003_names() {
        for scope in ApiScope::ALL {
            let wire = serde_json::to_string(&scope).unwrap();
            assert_eq!(wire, format!("\"{}\"", scope.as_str()));
            assert_eq!(ApiScope::parse(scope.as_str()), Some(scope));
        }
        assert_eq!(
            ApiScope::DelegatedPaymentCreate.as_str(),
            "Api.delegated_payment_create"
        );
    }

    #[test]
    fn a_key_is_named_given_permissions_and_ends_on_a_day_to_come() {
        let today = d("2026-12-07");
        let ok = check_new_api_key(
            &req(
                "  Boutique  ",
                &[
                    ApiScope::RefundsRead,
                    ApiScope::DelegatedPaymentCreate,
                    ApiScope::RefundsRead,
                ],
                Some("2026-12-08"),
            ),
            today,
        )
        .unwrap();
        assert_eq!(ok.name, "Boutique");
        assert_eq!(
            ok.scopes,
            [ApiScope::DelegatedPaymentCreate, ApiScope::RefundsRead]
        );
        let refused = check_new_api_key(&req(" ", &[], Some("2026-12-07")), today).unwrap_err();
        assert_eq!(refused["name"], [messages::REQUIRED]);
        assert_eq!(refused["scopes"], [messages::SCOPES_EMPTY]);
        assert_eq!(refused["expires_on"], [messages::IN_PAST]);
        let long = "k".repeat(NAME_MAX_CHARS + 1);
        assert_eq!(
            check_new_api_key(&req(&long, &[ApiScope::PurchasesRead], None), today).unwrap_err()
                ["name"],
            [messages::TOO_LONG]
        );
    }

    #[test]
    fn an_overlap_lasts_a_day_at_most() {
        assert!(check_roll(&RollApiKey { overlap_hours: 24 }).is_ok());
        assert!(check_roll(&RollApiKey { overlap_hours: 0 }).is_ok());
        assert!(check_roll(&RollApiKey { overlap_hours: 25 }).is_err());
    }

    #[test]
    fn a_key_works_until_revoked_or_past_its_end() {
        let now = Utc.with_ymd_and_hms(2026, 12, 7, 12, 0, 0).unwrap();
        let later = Some(now + chrono::Duration::hours(1));
        let before = Some(now - chrono::Duration::seconds(1));
        assert_eq!(status_at(false, false, None, now), ApiKeyStatus::Active);
        assert_eq!(status_at(false, true, later, now), ApiKeyStatus::Rolling);
        assert_eq!(status_at(false, true, before, now), ApiKeyStatus::Expired);
        assert_eq!(status_at(true, false, later, now), ApiKeyStatus::Revoked);
        assert!(ApiKeyStatus::Rolling.works() && !ApiKeyStatus::Expired.works());
        assert_eq!(key_prefix(Environment::Production), "sprod_");
        assert_eq!(
            crate::tickets::key_environment("stest_abc"),
            Some(Environment::Test)
        );
    }
}
