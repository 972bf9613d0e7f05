//! The fake's known good credentials, fixed per operator and environment: the only ones its
//! token endpoints take. They are public on purpose (tests and the server's demo type them in),
//! so they can never be mistaken for a real operator's.

use super::{Environment, Product};

/// Both products: what every demo credential set is enabled for, but MTN's "collection only".
const BOTH: &[Product] = &[Product::Payment, Product::Transfer];

/// Orange Côte d'Ivoire: an OAuth 2 client, and the merchant key its balance is read with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OrangeCiCredentials {
    pub environment: Environment,
    pub client_id: &'static str,
    pub client_secret: &'static str,
    pub merchant_key: &'static str,
    pub products: &'static [Product],
}

/// MTN Côte d'Ivoire (MoMo): an API user and its key, the subscription key of the API gateway
/// and the `X-Target-Environment` the environment answers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MtnCiCredentials {
    pub environment: Environment,
    pub api_user: &'static str,
    pub api_key: &'static str,
    pub subscription_key: &'static str,
    pub target_environment: &'static str,
    /// Collection ([`Product::Payment`]), disbursement ([`Product::Transfer`]), or both.
    pub products: &'static [Product],
}

/// Orange Sénégal: an OAuth 2 client, and the retailer's merchant code and PIN.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OrangeSnCredentials {
    pub environment: Environment,
    pub client_id: &'static str,
    pub client_secret: &'static str,
    pub merchant_code: &'static str,
    pub pin: &'static str,
    pub products: &'static [Product],
}

pub const ORANGE_CI_SANDBOX: OrangeCiCredentials = OrangeCiCredentials {
    environment: Environment::Sandbox,
    client_id: "orange-ci-demo-client",
    client_secret: "orange-ci-demo-secret",
    merchant_key: "orange-ci-demo-merchant-key",
    products: BOTH,
};

pub const ORANGE_CI_PRODUCTION: OrangeCiCredentials = OrangeCiCredentials {
    environment: Environment::Production,
    client_id: "orange-ci-prod-client",
    client_secret: "orange-ci-prod-secret",
    merchant_key: "orange-ci-prod-merchant-key",
    products: BOTH,
};

pub const MTN_CI_SANDBOX: MtnCiCredentials = MtnCiCredentials {
    environment: Environment::Sandbox,
    api_user: "mtn-ci-demo-user",
    api_key: "mtn-ci-demo-api-key",
    subscription_key: "mtn-ci-demo-subscription-key",
    target_environment: "sandbox",
    products: BOTH,
};

pub const MTN_CI_PRODUCTION: MtnCiCredentials = MtnCiCredentials {
    environment: Environment::Production,
    api_user: "mtn-ci-prod-user",
    api_key: "mtn-ci-prod-api-key",
    subscription_key: "mtn-ci-prod-subscription-key",
    target_environment: "mtnivorycoast",
    products: BOTH,
};

/// An API user of the sandbox enabled for collection only: the "missing permission" case.
pub const MTN_CI_SANDBOX_COLLECTION_ONLY: MtnCiCredentials = MtnCiCredentials {
    api_user: "mtn-ci-demo-collection-only",
    api_key: "mtn-ci-demo-collection-only-key",
    products: &[Product::Payment],
    ..MTN_CI_SANDBOX
};

/// The same in production.
pub const MTN_CI_PRODUCTION_COLLECTION_ONLY: MtnCiCredentials = MtnCiCredentials {
    api_user: "mtn-ci-prod-collection-only",
    api_key: "mtn-ci-prod-collection-only-key",
    products: &[Product::Payment],
    ..MTN_CI_PRODUCTION
};

pub const ORANGE_SN_SANDBOX: OrangeSnCredentials = OrangeSnCredentials {
    environment: Environment::Sandbox,
    client_id: "orange-sn-demo-client",
    client_secret: "orange-sn-demo-secret",
    merchant_code: "500001",
    pin: "1234",
    products: BOTH,
};

pub const ORANGE_SN_PRODUCTION: OrangeSnCredentials = OrangeSnCredentials {
    environment: Environment::Production,
    client_id: "orange-sn-prod-client",
    client_secret: "orange-sn-prod-secret",
    merchant_code: "700001",
    pin: "4321",
    products: BOTH,
};

pub(crate) const ORANGE_CI: &[OrangeCiCredentials] = &[ORANGE_CI_SANDBOX, ORANGE_CI_PRODUCTION];

pub(crate) const MTN_CI: &[MtnCiCredentials] = &[
    MTN_CI_SANDBOX,
    MTN_CI_PRODUCTION,
    MTN_CI_SANDBOX_COLLECTION_ONLY,
    MTN_CI_PRODUCTION_COLLECTION_ONLY,
];

pub(crate) const ORANGE_SN: &[OrangeSnCredentials] = &[ORANGE_SN_SANDBOX, ORANGE_SN_PRODUCTION];

/// A known credential set, whichever operator's.
pub(crate) trait Known: Copy {
    fn environment(&self) -> Environment;
}

impl Known for OrangeCiCredentials {
    fn environment(&self) -> Environment {
        self.environment
    }
}

impl Known for MtnCiCredentials {
    fn environment(&self) -> Environment {
        self.environment
    }
}

impl Known for OrangeSnCredentials {
    fn environment(&self) -> Environment {
        self.environment
    }
}
