//! Session tokens: HS256 JWTs that name a session row. Algorithm, issuer, audience, token type
//! and leeway are set explicitly; expiry is checked against the server's clock, and the session
//! row decides the rest (idle timeout, logout).

use chrono::{DateTime, Utc};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

const ISSUER: &str = "mina-sidor";
const AUDIENCE: &str = "mina-sidor-api";
const TOKEN_TYPE: &str = "session";
const STAFF_TOKEN_TYPE: &str = "staff_session";

/// Whose session a token names: a citizen's (`typ: session`) or a staff member's
/// (`typ: staff_session`). A token of one kind is never accepted as the other.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// A citizen's session (`sessions`).
    Citizen,
    /// A staff member's session (`staff_sessions`).
    Staff,
}

impl TokenKind {
    const fn typ(self) -> &'static str {
        match self {
            Self::Citizen => TOKEN_TYPE,
            Self::Staff => STAFF_TOKEN_TYPE,
        }
    }
}

/// What a session token says.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Claims {
    /// Issuer.
    pub iss: String,
    /// Audience.
    pub aud: String,
    /// The user id.
    pub sub: Uuid,
    /// The session id.
    pub sid: Uuid,
    /// Token type: only `session` is accepted here.
    pub typ: String,
    /// Issued at (seconds).
    pub iat: i64,
    /// Not before (seconds).
    pub nbf: i64,
    /// Expiry (seconds): the session's absolute end.
    pub exp: i64,
}

/// Signing and verification keys from configuration (never from the token: no `jku`/`kid`).
#[derive(Clone)]
pub struct TokenKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    validation: Validation,
}

impl std::fmt::Debug for TokenKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TokenKeys(..)")
    }
}

/// Why a token was refused (all map to 401 `invalid_token`).
#[derive(Debug, thiserror::Error)]
pub enum TokenError {
    /// Signature, algorithm, claims or format.
    #[error("token rejected: {0}")]
    Rejected(#[from] jsonwebtoken::errors::Error),
    /// Expired or not yet valid by the server's clock, or the wrong type.
    #[error("token not valid now or of the wrong type")]
    NotValid,
}

impl TokenKeys {
    /// Keys from a shared secret.
    pub fn from_secret(secret: &[u8]) -> Self {
        let mut validation = Validation::new(Algorithm::HS256);
        validation.algorithms = vec![Algorithm::HS256];
        validation.set_issuer(&[ISSUER]);
        validation.set_audience(&[AUDIENCE]);
        validation.set_required_spec_claims(&["exp", "nbf", "iss", "aud", "sub"]);
        // Time claims are checked below against the injected clock, with no leeway: the
        // library would use the system clock and a default leeway of 60 s.
        validation.validate_exp = false;
        validation.validate_nbf = false;
        validation.leeway = 0;
        Self {
            encoding: EncodingKey::from_secret(secret),
            decoding: DecodingKey::from_secret(secret),
            validation,
        }
    }

    /// Issues a token for a citizen's session.
    pub fn issue(
        &self,
        user_id: Uuid,
        session_id: Uuid,
        now: DateTime<Utc>,
        expires_at: DateTime<Utc>,
    ) -> Result<String, TokenError> {
        self.issue_for(TokenKind::Citizen, user_id, session_id, now, expires_at)
    }

    /// Issues a token for a session of `kind`.
    pub fn issue_for(
        &self,
        kind: TokenKind,
        user_id: Uuid,
        session_id: Uuid,
        now: DateTime<Utc>,
        expires_at: DateTime<Utc>,
    ) -> Result<String, TokenError> {
        let claims = Claims {
            iss: ISSUER.into(),
            aud: AUDIENCE.into(),
            sub: user_id,
            sid: session_id,
            typ: kind.typ().into(),
            iat: now.timestamp(),
            nbf: now.timestamp(),
            exp: expires_at.timestamp(),
        };
        Ok(jsonwebtoken::encode(
            &Header::new(Algorithm::HS256),
            &claims,
            &self.encoding,
        )?)
    }

    /// Signs other short-lived claims (e.g. a pending OpenID Connect login) with the same key,
    /// issuer and audience. The claims must carry `sub`, `exp` and `nbf`.
    pub fn sign<T: Serialize>(&self, claims: &T) -> Result<String, TokenError> {
        Ok(jsonwebtoken::encode(
            &Header::new(Algorithm::HS256),
            claims,
            &self.encoding,
        )?)
    }

    /// Opens what [`TokenKeys::sign`] signed: signature, algorithm, issuer and audience are
    /// checked here; the caller checks the type and the times against its clock.
    pub fn open<T: serde::de::DeserializeOwned>(&self, token: &str) -> Result<T, TokenError> {
        Ok(jsonwebtoken::decode::<T>(token, &self.decoding, &self.validation)?.claims)
    }

    /// The issuer and audience that [`TokenKeys::sign`]'s claims must name.
    pub const fn issuer_and_audience() -> (&'static str, &'static str) {
        (ISSUER, AUDIENCE)
    }

    /// Verifies a citizen's session token and returns its claims.
    pub fn verify(&self, token: &str, now: DateTime<Utc>) -> Result<Claims, TokenError> {
        self.verify_for(TokenKind::Citizen, token, now)
    }

    /// Verifies a token of `kind` and returns its claims.
    pub fn verify_for(
        &self,
        kind: TokenKind,
        token: &str,
        now: DateTime<Utc>,
    ) -> Result<Claims, TokenError> {
        let data = jsonwebtoken::decode::<Claims>(token, &self.decoding, &self.validation)?;
        let claims = data.claims;
        let now = now.timestamp();
        if claims.typ != kind.typ() || now >= claims.exp || now < claims.nbf {
            return Err(TokenError::NotValid);
        }
        Ok(claims)
    }
}

#[cfg(test)]
mod tests {
    use base64::Engine;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use chrono::{Duration, TimeZone};

    use super::*;

    fn keys() -> TokenKeys {
        TokenKeys::from_secret(b"0123456789abcdef0123456789abcdef-test")
    }

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 26, 12, 0, 0).unwrap()
    }

    fn token() -> String {
        keys()
            .issue(
                Uuid::new_v4(),
                Uuid::new_v4(),
                now(),
                now() + Duration::hours(12),
            )
            .unwrap()
    }

    #[test]
    fn a_fresh_token_verifies() {
        assert!(keys().verify(&token(), now()).is_ok());
    }

    #[test]
    fn a_token_is_refused_from_the_second_of_its_expiry() {
        let token = token();
        let keys = keys();
        assert!(
            keys.verify(&token, now() + Duration::hours(12) - Duration::seconds(1))
                .is_ok()
        );
        assert!(keys.verify(&token, now() + Duration::hours(12)).is_err());
    }

    #[test]
    fn a_flipped_byte_in_the_signature_is_refused() {
        let mut token = token().into_bytes();
        let last = token.len() - 2;
        token[last] = if token[last] == b'A' { b'B' } else { b'A' };
        let token = String::from_utf8(token).unwrap();
        assert!(keys().verify(&token, now()).is_err());
    }

    fn forge(header: &str, claims: &serde_json::Value, signature: &str) -> String {
        format!(
            "{}.{}.{}",
            URL_SAFE_NO_PAD.encode(header),
            URL_SAFE_NO_PAD.encode(claims.to_string()),
            signature
        )
    }

    fn valid_claims() -> serde_json::Value {
        let token = token();
        let payload = token.split('.').nth(1).unwrap();
        serde_json::from_slice(&URL_SAFE_NO_PAD.decode(payload).unwrap()).unwrap()
    }

    #[test]
    fn alg_none_is_refused() {
        let forged = forge(r#"{"alg":"none","typ":"JWT"}"#, &valid_claims(), "");
        assert!(keys().verify(&forged, now()).is_err());
    }

    #[test]
    fn another_algorithm_with_the_same_secret_is_refused() {
        let header = Header::new(Algorithm::HS512);
        let forged = jsonwebtoken::encode(
            &header,
            &valid_claims(),
            &EncodingKey::from_secret(b"0123456789abcdef0123456789abcdef-test"),
        )
        .unwrap();
        assert!(keys().verify(&forged, now()).is_err());
    }

    #[test]
    fn a_foreign_key_id_or_key_url_changes_nothing() {
        // The verifier never looks at kid/jku: a token signed with another key stays invalid.
        let mut header = Header::new(Algorithm::HS256);
        header.kid = Some("attacker".into());
        header.jku = Some("https://attacker.example/jwks.json".into());
        let forged = jsonwebtoken::encode(
            &header,
            &valid_claims(),
            &EncodingKey::from_secret(b"attacker-secret-attacker-secret-xx"),
        )
        .unwrap();
        assert!(keys().verify(&forged, now()).is_err());
    }

    #[test]
    fn a_wrong_audience_issuer_or_type_is_refused() {
        let secret = b"0123456789abcdef0123456789abcdef-test";
        for (field, value) in [
            ("aud", "other-api"),
            ("iss", "someone-else"),
            ("typ", "refresh"),
        ] {
            let mut claims = valid_claims();
            claims[field] = value.into();
            let forged = jsonwebtoken::encode(
                &Header::new(Algorithm::HS256),
                &claims,
                &EncodingKey::from_secret(secret),
            )
            .unwrap();
            assert!(keys().verify(&forged, now()).is_err(), "{field}");
        }
    }
}
