//! Swedish postal codes ("postnummer"): five digits, written `NNN NN`, never starting with 0.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// A valid Swedish postal code. Parsing accepts `73330` and `733 30` (one space after the third
/// digit); the value is kept as five digits and shown as `733 30`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PostalCode {
    digits: String,
}

/// Why a text is not a postal code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PostalCodeError {
    /// Not five digits (with an optional space after the third).
    #[error("a postal code has five digits, e.g. 733 30")]
    InvalidFormat,
    /// Swedish postal codes never start with 0.
    #[error("a Swedish postal code does not start with 0")]
    StartsWithZero,
}

impl PostalCodeError {
    /// Stable machine-readable code.
    #[must_use]
    pub const fn code(&self) -> &'static str {
        "invalid_postal_code"
    }
}

impl PostalCode {
    /// Parses `input` (surrounding whitespace ignored).
    ///
    /// # Errors
    ///
    /// [`PostalCodeError`] when it is not a Swedish postal code.
    pub fn parse(input: &str) -> Result<Self, PostalCodeError> {
        let trimmed = input.trim();
        let bytes = trimmed.as_bytes();
        let digits: String = match bytes.len() {
            5 => trimmed.to_owned(),
            6 if bytes.get(3) == Some(&b' ') => trimmed.replace(' ', ""),
            _ => return Err(PostalCodeError::InvalidFormat),
        };
        if digits.len() != 5 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(PostalCodeError::InvalidFormat);
        }
        if digits.starts_with('0') {
            return Err(PostalCodeError::StartsWithZero);
        }
        Ok(Self { digits })
    }

    /// The five digits, as stored.
    #[must_use]
    pub fn digits(&self) -> &str {
        &self.digits
    }
}

impl fmt::Display for PostalCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (head, tail) = self.digits.split_at(3);
        write!(f, "{head} {tail}")
    }
}

impl FromStr for PostalCode {
    type Err = PostalCodeError;
    fn from_str(input: &str) -> Result<Self, Self::Err> {
        Self::parse(input)
    }
}

impl TryFrom<String> for PostalCode {
    type Error = PostalCodeError;
    fn try_from(input: String) -> Result<Self, Self::Error> {
        Self::parse(&input)
    }
}

impl From<PostalCode> for String {
    fn from(code: PostalCode) -> Self {
        code.digits
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn five_digits_with_or_without_the_space_after_three() {
        assert_eq!(PostalCode::parse("733 30").unwrap().digits(), "73330");
        assert_eq!(PostalCode::parse(" 73330 ").unwrap().to_string(), "733 30");
        for bad in [
            "",
            "7333",
            "733300",
            "73 330",
            "733  30",
            "7333a",
            "７３３３０",
        ] {
            assert_eq!(
                PostalCode::parse(bad),
                Err(PostalCodeError::InvalidFormat),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn a_leading_zero_is_refused() {
        assert_eq!(
            PostalCode::parse("01234"),
            Err(PostalCodeError::StartsWithZero)
        );
        assert_eq!(
            PostalCodeError::StartsWithZero.code(),
            "invalid_postal_code"
        );
    }
}
