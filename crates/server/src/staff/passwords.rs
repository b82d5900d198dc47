//! Password hashes for local staff accounts: Argon2id with the crate's defaults (19 MiB, 2
//! passes, as OWASP recommends), a random salt per hash, stored as a PHC string.

use argon2::Argon2;
use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};

/// The shortest password `staff create` accepts.
pub const MIN_LENGTH: usize = 12;

/// Hashes `password` for storage.
///
/// # Errors
///
/// When the hasher fails (it does not for valid parameters).
pub fn hash(password: &str) -> Result<String, argon2::password_hash::Error> {
    let salt = SaltString::generate(&mut OsRng);
    Ok(Argon2::default()
        .hash_password(password.as_bytes(), &salt)?
        .to_string())
}

/// Whether `password` matches the stored `hash`. A malformed hash matches nothing.
pub fn verify(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|parsed| {
        Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok()
    })
}

/// Spends the time of one verification, so an unknown user name answers as slowly as a wrong
/// password (no user enumeration by timing).
pub fn verify_nothing(password: &str) {
    static DUMMY: std::sync::OnceLock<Option<String>> = std::sync::OnceLock::new();
    if let Some(dummy) = DUMMY.get_or_init(|| hash("no account has this password").ok()) {
        let _ = verify(password, dummy);
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_hash_verifies_its_password_only_and_is_salted() {
        let first = super::hash("correct horse battery").unwrap();
        let second = super::hash("correct horse battery").unwrap();
        assert!(first.starts_with("$argon2id$"), "{first}");
        assert_ne!(first, second, "every hash has its own salt");
        assert!(super::verify("correct horse battery", &first));
        assert!(!super::verify("correct horse batterY", &first));
        assert!(!super::verify("correct horse battery", "not a hash"));
    }
}
