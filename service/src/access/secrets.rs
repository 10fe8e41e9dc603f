//! Random credentials and the hashes they are stored as. Session tokens and API keys carry
//! 256 random bits, so a single SHA-256 makes them useless to whoever reads the database, and
//! a lookup by hash costs one index probe (passwords, chosen by people, get argon2id instead).

use rand::RngCore;
use sha2::{Digest, Sha256};

const SECRET_BYTES: usize = 32;
/// Key secrets start with this, so that scanners and people recognize a leaked one.
pub(crate) const KEY_PREFIX: &str = "llmops_";
/// How much of a key a list shows.
const SHOWN_CHARS: usize = KEY_PREFIX.len() + 6;

/// A new random secret: `prefix` then 64 hex digits.
pub(crate) fn new_secret(prefix: &str) -> String {
    let mut bytes = [0u8; SECRET_BYTES];
    rand::rng().fill_bytes(&mut bytes);
    let mut secret = String::with_capacity(prefix.len() + 2 * SECRET_BYTES);
    secret.push_str(prefix);
    secret.push_str(&hex(&bytes));
    secret
}

/// The stored form of a token or key: SHA-256 in hex.
pub(crate) fn hash(secret: &str) -> String {
    hex(&Sha256::digest(secret.as_bytes()))
}

/// The part of a key that lists show, enough to tell keys apart and nothing to guess with.
pub(crate) fn shown_prefix(secret: &str) -> String {
    secret.chars().take(SHOWN_CHARS).collect()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_random_and_hashes_fixed() {
        let a = new_secret(KEY_PREFIX);
        assert!(a.starts_with(KEY_PREFIX));
        assert_eq!(a.len(), KEY_PREFIX.len() + 64);
        assert_ne!(a, new_secret(KEY_PREFIX));
        assert_eq!(
            hash("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(shown_prefix(&a).len(), KEY_PREFIX.len() + 6);
    }
}
