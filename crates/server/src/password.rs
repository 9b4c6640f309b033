//! Password hashing: argon2id with the crate's default (OWASP-recommended) parameters,
//! stored as a self-describing PHC string so parameters can be raised later.

use argon2::password_hash::phc::{Output, PasswordHash};
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use argon2::{Algorithm, Argon2, Block, Params, Version};

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

/// Working memory for [`verify_in`], kept and reused (argon2's default cost: 19 MiB).
///
/// Allocating and freeing it per check lets glibc's allocator keep growing: under a flood of
/// logins a server with two checks at a time grew by ~500 MiB (issue 15). Reused buffers,
/// one per concurrent check, keep the memory flat.
#[derive(Debug, Default)]
pub struct Memory(Vec<Block>);

impl Memory {
    /// Bytes held.
    pub fn size(&self) -> usize {
        self.0.len() * Block::SIZE
    }
}

/// [`verify`] in the caller's `memory` (grown to the hash's memory cost on first use).
pub fn verify_in(memory: &mut Memory, password: &str, stored: &str) -> bool {
    let Ok(parsed) = PasswordHash::new(stored) else {
        return false;
    };
    let (Some(salt), Some(expected)) = (&parsed.salt, &parsed.hash) else {
        return false;
    };
    let Ok(algorithm) = Algorithm::try_from(parsed.algorithm.as_str()) else {
        return false;
    };
    let version = match parsed.version.map(Version::try_from) {
        None => Version::default(),
        Some(Ok(version)) => version,
        Some(Err(_)) => return false,
    };
    let Ok(params) = Params::try_from(&parsed) else {
        return false;
    };
    let blocks = params.block_count();
    if memory.0.len() < blocks {
        memory.0.resize(blocks, Block::default());
    }
    let mut buffer = [0u8; Output::MAX_LENGTH];
    let Some(out) = buffer.get_mut(..expected.len()) else {
        return false;
    };
    Argon2::new(algorithm, version, params)
        .hash_password_into_with_memory(password.as_bytes(), salt, &mut *out, &mut memory.0[..blocks])
        .is_ok()
        // `Output`'s equality is constant-time.
        && Output::new(out).is_ok_and(|computed| computed == *expected)
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

    #[test]
    fn verify_in_reused_memory_agrees_with_verify() {
        let mut memory = Memory::default();
        let demo = hash("demo").unwrap();
        // Other parameters (less memory, another algorithm) through the same buffer.
        let small = argon2::Argon2::new(
            Algorithm::Argon2i,
            Version::V0x10,
            Params::new(1024, 3, 1, Some(24)).unwrap(),
        )
        .hash_password(b"small")
        .unwrap()
        .to_string();
        for _ in 0..2 {
            assert!(verify_in(&mut memory, "demo", &demo));
            assert!(!verify_in(&mut memory, "Demo", &demo));
            assert!(verify_in(&mut memory, "small", &small));
            assert!(!verify_in(&mut memory, "demo", &small));
        }
        assert!(!verify_in(&mut memory, "demo", "not a hash"));
        assert!(!verify_in(
            &mut memory,
            "demo",
            "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ"
        ));
        assert_eq!(memory.size(), 19 * 1024 * 1024, "the default cost, kept");
    }
}
