//! Password hashes: argon2id with the crate's default cost (19 MiB, 2 passes), computed on a
//! blocking thread so a sign-in never stalls the async runtime.

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use std::sync::OnceLock;

use argon2::Argon2;
use domain::problem::Problem;
use rand::RngCore;

pub(crate) async fn hash(password: String) -> Result<String, Problem> {
    tokio::task::spawn_blocking(move || {
        let mut salt = [0u8; 16];
        rand::rng().fill_bytes(&mut salt);
        let salt = SaltString::encode_b64(&salt).map_err(|error| {
            tracing::error!(%error, "could not encode a salt");
            Problem::internal()
        })?;
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|hash| hash.to_string())
            .map_err(|error| {
                tracing::error!(%error, "could not hash a password");
                Problem::internal()
            })
    })
    .await
    .map_err(|_| Problem::internal())?
}

/// Whether `password` matches `stored`; a stored value that is not a hash matches nothing.
pub(crate) async fn verify(password: String, stored: String) -> bool {
    tokio::task::spawn_blocking(move || {
        PasswordHash::new(&stored).is_ok_and(|parsed| {
            Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
    })
    .await
    .unwrap_or(false)
}

/// Checks `password` against a hash of nothing anyone knows, so that an unknown email takes
/// as long to refuse as a wrong password.
pub(crate) async fn verify_nothing(password: String) {
    static UNGUESSABLE: OnceLock<String> = OnceLock::new();
    let stored = tokio::task::spawn_blocking(|| {
        UNGUESSABLE
            .get_or_init(|| {
                let mut salt = [0u8; 16];
                rand::rng().fill_bytes(&mut salt);
                let salt = SaltString::encode_b64(&salt).expect("16 bytes encode as a salt");
                let secret = super::secrets::new_secret("");
                Argon2::default()
                    .hash_password(secret.as_bytes(), &salt)
                    .map(|hash| hash.to_string())
                    .unwrap_or_default()
            })
            .clone()
    })
    .await
    .unwrap_or_default();
    verify(password, stored).await;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_hash_verifies_its_password_only() {
        let stored = hash("correct horse battery".into()).await.unwrap();
        assert!(stored.starts_with("$argon2id$"));
        assert!(verify("correct horse battery".into(), stored.clone()).await);
        assert!(!verify("wrong horse battery".into(), stored).await);
        assert!(!verify("x".into(), "not a hash".into()).await);
    }
}
