//! Password hashing with argon2 (its default, OWASP-recommended parameters). Hashing is slow on
//! purpose, so it runs on the blocking pool and never stalls the async workers.

use std::sync::OnceLock;

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use rand::rngs::OsRng;
use rand::Rng;

use crate::error::AppError;

/// No 0/O, 1/l/I: one-time passwords are read out or copied by hand.
const ONE_TIME_ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
const ONE_TIME_LEN: usize = 16;

pub fn hash_blocking(password: &str) -> Result<String, AppError> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| AppError::internal(format_args!("argon2 hash: {e}")))
}

pub async fn hash(password: String) -> Result<String, AppError> {
    tokio::task::spawn_blocking(move || hash_blocking(&password))
        .await
        .map_err(|e| AppError::internal(format_args!("hash task: {e}")))?
}

/// Checks `password` against `stored`; with no stored hash (unknown e-mail) it checks against a
/// dummy one, so an unknown address takes as long to refuse as a wrong password.
pub async fn verify(password: String, stored: Option<String>) -> Result<bool, AppError> {
    tokio::task::spawn_blocking(move || {
        let real = stored.is_some();
        let stored = match stored {
            Some(s) => s,
            None => dummy_hash()?.to_owned(),
        };
        let parsed = PasswordHash::new(&stored)
            .map_err(|e| AppError::internal(format_args!("stored hash: {e}")))?;
        Ok(Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok()
            && real)
    })
    .await
    .map_err(|e| AppError::internal(format_args!("verify task: {e}")))?
}

static DUMMY: OnceLock<String> = OnceLock::new();

fn dummy_hash() -> Result<&'static str, AppError> {
    if let Some(d) = DUMMY.get() {
        return Ok(d);
    }
    let h = hash_blocking("an unguessable password that no one has")?;
    Ok(DUMMY.get_or_init(|| h))
}

pub fn one_time_password() -> String {
    let mut rng = OsRng;
    (0..ONE_TIME_LEN)
        .map(|_| char::from(ONE_TIME_ALPHABET[rng.gen_range(0..ONE_TIME_ALPHABET.len())]))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn verifies_only_the_right_password() {
        let h = hash("correct horse battery".into()).await.unwrap();
        assert!(verify("correct horse battery".into(), Some(h.clone()))
            .await
            .unwrap());
        assert!(!verify("wrong".into(), Some(h)).await.unwrap());
        assert!(!verify("anything".into(), None).await.unwrap());
    }

    #[test]
    fn one_time_passwords_are_long_and_unambiguous() {
        let p = one_time_password();
        assert_eq!(p.len(), ONE_TIME_LEN);
        assert!(p.bytes().all(|b| ONE_TIME_ALPHABET.contains(&b)));
        assert_ne!(p, one_time_password());
    }
}
