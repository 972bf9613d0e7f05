use sha2::{Digest, Sha256};

/// Lower-case hex SHA-256, for values stored in place of secrets and for body fingerprints.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}
