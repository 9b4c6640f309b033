//! Password hashing: argon2id with the crate's default (OWASP-recommended) parameters,
//! stored as a self-describing PHC string so parameters can be raised later.

use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use argon2::Argon2;

#[derive(Debug, thiserror::Error)]
#[error("cannot hash password: {0}")]
pub struct HashError(String);

/// Hashes `password` with a fresh random salt. CPU-heavy (tens of milliseconds): call it from
/// `tokio::task::spawn_blocking` on request paths.
pub fn hash(password: &str) -> Result<String, HashError> {
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|hash| hash.to_string())
        .map_err(|e| HashError(e.to_string()))
}

/// True when `password` matches the PHC string `stored`; false also for a malformed `stored`.
pub fn verify(password: &str, stored: &str) -> bool {
    argon2::password_hash::phc::PasswordHash::new(stored).is_ok_and(|parsed| {
        Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_is_argon2id_and_verifies() {
        let stored = hash("demo").unwrap();
        assert!(stored.starts_with("$argon2id$"), "{stored}");
        assert!(verify("demo", &stored));
        assert!(!verify("Demo", &stored));
        assert!(!verify("demo", "not a hash"));
    }
}
