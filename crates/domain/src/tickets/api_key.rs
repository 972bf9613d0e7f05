//! The API key a ticket is about, identified without being sent (seed 001): its documented
//! prefix, its last four characters and its environment.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Environment {
    Test,
    Production,
}

impl Environment {
    pub const ALL: [Environment; 2] = [Environment::Test, Environment::Production];

    pub fn as_str(self) -> &'static str {
        match self {
            Environment::Test => "test",
            Environment::Production => "production",
        }
    }

    pub fn parse(s: &str) -> Option<Environment> {
        Environment::ALL.into_iter().find(|e| e.as_str() == s)
    }
}

/// Documented key prefixes and the environment each one belongs to: Stancer (seed 002) and
/// Stripe. Longest first, so `sk_live_` wins over a shorter match.
const PREFIXES: [(&str, Environment); 14] = [
    ("sk_live_", Environment::Production),
    ("rk_live_", Environment::Production),
    ("pk_live_", Environment::Production),
    ("sk_test_", Environment::Test),
    ("rk_test_", Environment::Test),
    ("pk_test_", Environment::Test),
    ("sprod_", Environment::Production),
    ("pprod_", Environment::Production),
    ("stest_", Environment::Test),
    ("ptest_", Environment::Test),
    ("live_", Environment::Production),
    ("test_", Environment::Test),
    ("prod_", Environment::Production),
    ("sandbox_", Environment::Test),
];

/// The environment a key's documented prefix names, if it names one.
pub fn key_environment(key: &str) -> Option<Environment> {
    let key = key.trim();
    PREFIXES
        .iter()
        .find(|(p, _)| key.starts_with(p))
        .map(|&(_, env)| env)
}

/// Shortest key worth fingerprinting: below this, prefix and last four would show most of it.
const MIN_KEY_CHARS: usize = 16;

/// `sprod_...Qa7x`: the documented prefix (or nothing) and the last four characters. `None` if
/// `key` does not look like a key at all.
pub fn fingerprint(key: &str) -> Option<String> {
    let key = key.trim();
    if key.len() < MIN_KEY_CHARS
        || !key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
    {
        return None;
    }
    let prefix = PREFIXES
        .iter()
        .map(|(p, _)| *p)
        .find(|p| key.starts_with(p))
        .unwrap_or("");
    Some(format!("{prefix}...{}", &key[key.len() - 4..]))
}

/// Whether `value` is a fingerprint as [`fingerprint`] writes it, and not a key.
pub(crate) fn is_fingerprint(value: &str) -> bool {
    let Some((prefix, last)) = value.split_once("...") else {
        return false;
    };
    prefix.len() <= 12
        && prefix
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_')
        && last.len() == 4
        && last
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_keep_prefix_and_last_four() {
        assert_eq!(
            fingerprint(" sprod_4bV9kQz2mXw7LpR8tN3yQa7x\n").as_deref(),
            Some("sprod_...Qa7x")
        );
        assert_eq!(
            fingerprint("sk_live_51HxYz0123456789abcdEFGH").as_deref(),
            Some("sk_live_...EFGH")
        );
        assert_eq!(
            fingerprint("a1b2c3d4e5f6a7b8c9d0").as_deref(),
            Some("...c9d0")
        );
        assert_eq!(fingerprint("short_key"), None);
        assert_eq!(fingerprint("not a key at all, just words"), None);
        for f in ["sprod_...Qa7x", "...c9d0", "sk_live_...EFGH"] {
            assert!(is_fingerprint(f), "{f}");
        }
        for key in [
            "sprod_4bV9kQz2mXw7LpR8tN3yQa7x",
            "sprod_...Qa7xyz",
            "a b...1234",
        ] {
            assert!(!is_fingerprint(key), "{key}");
        }
    }

    #[test]
    fn prefixes_name_the_environment() {
        assert_eq!(key_environment("stest_abc"), Some(Environment::Test));
        assert_eq!(key_environment("pprod_abc"), Some(Environment::Production));
        assert_eq!(
            key_environment("sk_live_abc"),
            Some(Environment::Production)
        );
        assert_eq!(key_environment("abc"), None);
    }
}
