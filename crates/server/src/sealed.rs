//! Secrets at rest (merchants' connector credentials): sealed with XChaCha20-Poly1305 under a
//! key the database never holds, each with a fresh random 24-byte nonce, and bound to where
//! they belong (the caller's `context`, e.g. the credentials' id and field), so that a sealed
//! value copied to another row does not open.
//!
//! A sealed value reads `v1.<key id>.<base64url(nonce ‖ ciphertext)>`. The keys form a ring:
//! the first seals, every one opens, so a key is rotated by putting a new one first and keeping
//! the old one until every value has been sealed again (`Ring::needs_resealing`).
//!
//! Where the keys come from (`GUICHET_SECRETS_KEYS`, else a key file): see [`Ring::load`].

use std::fmt;
use std::path::Path;

use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use base64::Engine as _;
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{Key, XChaCha20Poly1305, XNonce};
use rand::rngs::OsRng;
use rand::RngCore;

const VERSION: &str = "v1";
const NONCE_BYTES: usize = 24;
const KEY_BYTES: usize = 32;

/// Why secrets cannot be sealed or opened.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum SealError {
    #[error("the secrets key setting is malformed: {0}")]
    BadKeys(String),
    #[error("the secrets key file {0}: {1}")]
    KeyFile(String, String),
    #[error("a sealed value is malformed")]
    Malformed,
    #[error("a sealed value names key {0:?}, which this server does not have")]
    UnknownKey(String),
    #[error("a sealed value does not open: altered, moved, or sealed under another key")]
    DoesNotOpen,
}

/// The keys: the first seals, all open.
#[derive(Clone)]
pub struct Ring {
    keys: Vec<(String, Key)>,
}

impl fmt::Debug for Ring {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The keys are secrets: only their ids are printed.
        let ids: Vec<&str> = self.keys.iter().map(|(id, _)| id.as_str()).collect();
        f.debug_struct("Ring").field("key_ids", &ids).finish()
    }
}

impl Ring {
    /// `id:base64,id:base64…`, the sealing key first: each id 1 to 16 letters, digits or `-`,
    /// each key 32 bytes in standard base64.
    pub fn parse(setting: &str) -> Result<Ring, SealError> {
        let mut keys = Vec::new();
        for part in setting.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (id, key) = part
                .split_once(':')
                .ok_or_else(|| SealError::BadKeys("each key is id:base64".into()))?;
            let id_ok = (1..=16).contains(&id.len())
                && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
            if !id_ok {
                return Err(SealError::BadKeys(format!("key id {id:?}")));
            }
            if keys.iter().any(|(seen, _)| seen == id) {
                return Err(SealError::BadKeys(format!("key id {id:?} twice")));
            }
            let bytes = STANDARD
                .decode(key.trim())
                .ok()
                .filter(|b| b.len() == KEY_BYTES)
                .ok_or_else(|| {
                    SealError::BadKeys(format!("key {id:?} is not 32 bytes of base64"))
                })?;
            keys.push((id.to_owned(), *Key::from_slice(&bytes)));
        }
        if keys.is_empty() {
            return Err(SealError::BadKeys("no key".into()));
        }
        Ok(Ring { keys })
    }

    /// The keys of `GUICHET_SECRETS_KEYS` when it is set (every process of a deployment must
    /// have the same); otherwise the key file at `path`, created on first run with one random
    /// key readable by its owner alone (the embedded default: one process, one machine).
    /// Processes that create it at once agree: one writes it, the others read it.
    pub fn load(setting: Option<&str>, path: &Path) -> Result<Ring, SealError> {
        if let Some(setting) = setting {
            return Ring::parse(setting);
        }
        let file_error =
            |e: std::io::Error| SealError::KeyFile(path.display().to_string(), e.to_string());
        match std::fs::read_to_string(path) {
            Ok(text) => Ring::parse(&text),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                    std::fs::create_dir_all(dir).map_err(file_error)?;
                }
                let line = Ring::generate("k1");
                match create_private(path, &line) {
                    Ok(()) => Ring::parse(&line),
                    Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                        Ring::parse(&std::fs::read_to_string(path).map_err(file_error)?)
                    }
                    Err(e) => Err(file_error(e)),
                }
            }
            Err(e) => Err(file_error(e)),
        }
    }

    /// A new key's setting, `id:base64`, from the operating system's generator.
    pub fn generate(id: &str) -> String {
        let mut key = [0u8; KEY_BYTES];
        OsRng.fill_bytes(&mut key);
        format!("{id}:{}", STANDARD.encode(key))
    }

    /// Seals `secret` for `context` under the first key.
    pub fn seal(&self, secret: &str, context: &str) -> String {
        let (id, key) = &self.keys[0];
        let mut nonce = [0u8; NONCE_BYTES];
        OsRng.fill_bytes(&mut nonce);
        let sealed = XChaCha20Poly1305::new(key)
            .encrypt(
                XNonce::from_slice(&nonce),
                Payload {
                    msg: secret.as_bytes(),
                    aad: context.as_bytes(),
                },
            )
            .expect("XChaCha20-Poly1305 seals any length a field can have");
        let mut out = nonce.to_vec();
        out.extend(sealed);
        format!("{VERSION}.{id}.{}", URL_SAFE_NO_PAD.encode(out))
    }

    /// The secret `sealed` holds, if it was sealed for `context` under one of the ring's keys.
    pub fn open(&self, sealed: &str, context: &str) -> Result<String, SealError> {
        let (id, body) = parts(sealed)?;
        let key = self
            .keys
            .iter()
            .find(|(k, _)| k == id)
            .map(|(_, key)| key)
            .ok_or_else(|| SealError::UnknownKey(id.to_owned()))?;
        let bytes = URL_SAFE_NO_PAD
            .decode(body)
            .map_err(|_| SealError::Malformed)?;
        if bytes.len() < NONCE_BYTES {
            return Err(SealError::Malformed);
        }
        let (nonce, ciphertext) = bytes.split_at(NONCE_BYTES);
        let plain = XChaCha20Poly1305::new(key)
            .decrypt(
                XNonce::from_slice(nonce),
                Payload {
                    msg: ciphertext,
                    aad: context.as_bytes(),
                },
            )
            .map_err(|_| SealError::DoesNotOpen)?;
        String::from_utf8(plain).map_err(|_| SealError::Malformed)
    }

    /// Whether `sealed` was sealed under another key than the sealing one (to seal again after
    /// a rotation).
    pub fn needs_resealing(&self, sealed: &str) -> bool {
        parts(sealed).map_or(true, |(id, _)| id != self.keys[0].0)
    }
}

fn parts(sealed: &str) -> Result<(&str, &str), SealError> {
    let mut it = sealed.splitn(3, '.');
    match (it.next(), it.next(), it.next()) {
        (Some(VERSION), Some(id), Some(body)) => Ok((id, body)),
        _ => Err(SealError::Malformed),
    }
}

/// Writes `text` to a new file at `path` that only its owner may read; fails if it exists.
fn create_private(path: &Path, text: &str) -> std::io::Result<()> {
    use std::io::Write as _;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.mode(0o600);
    }
    let mut file = options.open(path)?;
    file.write_all(text.as_bytes())?;
    file.write_all(b"\n")?;
    file.sync_all()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ring(setting: &str) -> Ring {
        Ring::parse(setting).unwrap()
    }

    #[test]
    fn a_sealed_secret_opens_only_where_it_was_sealed_for() {
        let r = ring(&Ring::generate("k1"));
        let sealed = r.seal("orange-ci-demo-secret", "cred-1/client_secret");
        assert!(sealed.starts_with("v1.k1."));
        assert!(!sealed.contains("orange-ci-demo-secret"));
        assert_eq!(
            r.open(&sealed, "cred-1/client_secret").unwrap(),
            "orange-ci-demo-secret"
        );
        // Moved to another row or field, it does not open.
        assert_eq!(
            r.open(&sealed, "cred-2/client_secret"),
            Err(SealError::DoesNotOpen)
        );
        // Two seals of the same secret differ (fresh nonces).
        assert_ne!(
            sealed,
            r.seal("orange-ci-demo-secret", "cred-1/client_secret")
        );
        // Altered, it does not open.
        let mut altered = sealed.clone().into_bytes();
        let last = altered.len() - 1;
        altered[last] = if altered[last] == b'A' { b'B' } else { b'A' };
        assert!(r
            .open(&String::from_utf8(altered).unwrap(), "cred-1/client_secret")
            .is_err());
        assert_eq!(r.open("plain text", "x"), Err(SealError::Malformed));
    }

    #[test]
    fn a_rotated_ring_opens_old_values_and_seals_under_the_new_key() {
        let old = Ring::generate("k1");
        let before = ring(&old);
        let sealed = before.seal("1234", "c/pin");
        let after = ring(&format!("{},{old}", Ring::generate("k2")));
        assert_eq!(after.open(&sealed, "c/pin").unwrap(), "1234");
        assert!(after.needs_resealing(&sealed));
        let again = after.seal("1234", "c/pin");
        assert!(again.starts_with("v1.k2.") && !after.needs_resealing(&again));
        // Without the old key, the old value is named, not guessed at.
        let only_new = ring(&Ring::generate("k2"));
        assert_eq!(
            only_new.open(&sealed, "c/pin"),
            Err(SealError::UnknownKey("k1".into()))
        );
    }

    #[test]
    fn bad_settings_are_refused_and_keys_never_printed() {
        for bad in [
            "",
            "k1",
            "k1:c2hvcnQ=",
            "k 1:AAAA",
            &format!("{0},{0}", Ring::generate("k1")),
        ] {
            assert!(Ring::parse(bad).is_err(), "{bad:?}");
        }
        let setting = Ring::generate("k1");
        let printed = format!("{:?}", ring(&setting));
        assert!(printed.contains("k1"));
        assert!(!printed.contains(setting.split_once(':').unwrap().1));
    }

    #[test]
    fn the_key_file_is_made_once_private_and_read_after() {
        let dir = std::env::temp_dir().join(format!("guichet-seal-{}", uuid::Uuid::new_v4()));
        let path = dir.join("nested").join("secrets.key");
        let first = Ring::load(None, &path).unwrap();
        let sealed = first.seal("s", "c");
        let second = Ring::load(None, &path).unwrap();
        assert_eq!(second.open(&sealed, "c").unwrap(), "s");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        // The setting wins over the file.
        let set = Ring::generate("env");
        assert!(Ring::load(Some(&set), &path)
            .unwrap()
            .seal("s", "c")
            .starts_with("v1.env."));
        std::fs::remove_dir_all(dir).unwrap();
    }
}
