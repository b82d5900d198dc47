//! E-mail addresses used for notifications.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// Longest address that fits in an SMTP forward path.
const MAX_LEN: usize = 254;
/// RFC 5321 limit on the local part.
const MAX_LOCAL_LEN: usize = 64;
/// RFC 1035 limit on a DNS label.
const MAX_LABEL_LEN: usize = 63;

/// A syntactically plausible e-mail address.
///
/// The check is deliberately narrower than RFC 5322: the goal is to catch
/// typing mistakes in a form, not to accept every address a mail server
/// could deliver to. Quoted local parts, IP-literal domains and comments are
/// rejected. The domain is lowercased because DNS is case-insensitive; the
/// local part is kept as typed because mail servers may treat it as
/// case-sensitive. Internationalised domain labels (for example `gävle.se`)
/// are accepted as Unicode letters.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Email(String);

/// Why a string is not a valid [`Email`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
pub enum EmailError {
    /// Nothing but whitespace was given.
    #[error("e-mail address is empty")]
    Empty,
    /// More than 254 characters.
    #[error("e-mail address is longer than 254 characters")]
    TooLong,
    /// Whitespace or control characters inside the address.
    #[error("e-mail address must not contain spaces")]
    ContainsWhitespace,
    /// Not exactly one `@`.
    #[error("e-mail address must contain exactly one @")]
    InvalidFormat,
    /// The part before `@` is empty or has misplaced dots.
    #[error("the part before @ is not valid")]
    InvalidLocalPart,
    /// The part before `@` is longer than 64 characters.
    #[error("the part before @ is longer than 64 characters")]
    LocalPartTooLong,
    /// The part after `@` is not a valid domain name.
    #[error("the part after @ is not a valid domain")]
    InvalidDomain,
}

impl EmailError {
    /// Stable machine-readable code for API error bodies and translations.
    #[must_use]
    pub const fn code(&self) -> &'static str {
        match self {
            Self::Empty => "email_empty",
            Self::TooLong => "email_too_long",
            Self::ContainsWhitespace => "invalid_email_whitespace",
            Self::InvalidFormat => "invalid_email_format",
            Self::InvalidLocalPart => "invalid_email_local_part",
            Self::LocalPartTooLong => "email_local_part_too_long",
            Self::InvalidDomain => "invalid_email_domain",
        }
    }
}

impl Email {
    /// Validates and normalises an address; surrounding whitespace is
    /// ignored and the domain is lowercased.
    ///
    /// # Errors
    ///
    /// An [`EmailError`] naming the first rule that failed.
    pub fn parse(input: &str) -> Result<Self, EmailError> {
        let trimmed = input.trim();
        if trimmed.is_empty() {
            return Err(EmailError::Empty);
        }
        if trimmed.chars().count() > MAX_LEN {
            return Err(EmailError::TooLong);
        }
        if trimmed.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(EmailError::ContainsWhitespace);
        }

        let mut parts = trimmed.split('@');
        let (Some(local), Some(domain), None) = (parts.next(), parts.next(), parts.next()) else {
            return Err(EmailError::InvalidFormat);
        };

        validate_local(local)?;
        let domain = domain.to_lowercase();
        validate_domain(&domain)?;
        Ok(Self(format!("{local}@{domain}")))
    }

    /// The normalised address.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The part before `@`, as typed.
    #[must_use]
    pub fn local_part(&self) -> &str {
        self.0.rsplit_once('@').map_or("", |(local, _)| local)
    }

    /// The lowercased part after `@`.
    #[must_use]
    pub fn domain(&self) -> &str {
        self.0.rsplit_once('@').map_or("", |(_, domain)| domain)
    }
}

fn validate_local(local: &str) -> Result<(), EmailError> {
    if local.is_empty() || local.starts_with('.') || local.ends_with('.') || local.contains("..") {
        return Err(EmailError::InvalidLocalPart);
    }
    if local.chars().count() > MAX_LOCAL_LEN {
        return Err(EmailError::LocalPartTooLong);
    }
    // Quotes and angle brackets only make sense in quoted or display-name
    // syntax, which a form field never needs; accepting them lets
    // header-injection style input through.
    if local.chars().any(|c| {
        matches!(
            c,
            '"' | '<' | '>' | '(' | ')' | ',' | ';' | ':' | '\\' | '[' | ']'
        )
    }) {
        return Err(EmailError::InvalidLocalPart);
    }
    Ok(())
}

fn validate_domain(domain: &str) -> Result<(), EmailError> {
    let labels: Vec<&str> = domain.split('.').collect();
    if labels.len() < 2 {
        return Err(EmailError::InvalidDomain);
    }
    for label in &labels {
        let valid = !label.is_empty()
            && label.chars().count() <= MAX_LABEL_LEN
            && label.chars().all(|c| c.is_alphanumeric() || c == '-')
            && !label.starts_with('-')
            && !label.ends_with('-');
        if !valid {
            return Err(EmailError::InvalidDomain);
        }
    }
    // An all-numeric top-level label means an IP address was typed, which
    // is never a real mailbox for our users.
    if labels
        .last()
        .is_none_or(|tld| tld.chars().all(|c| c.is_ascii_digit()))
    {
        return Err(EmailError::InvalidDomain);
    }
    Ok(())
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl FromStr for Email {
    type Err = EmailError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl TryFrom<String> for Email {
    type Error = EmailError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<Email> for String {
    fn from(value: Email) -> Self {
        value.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_plain_address_is_accepted_and_the_domain_lowercased() {
        let email = Email::parse("  Anna.Svensson@Kommun.SE ").unwrap();
        assert_eq!(email.as_str(), "Anna.Svensson@kommun.se");
        assert_eq!(email.local_part(), "Anna.Svensson");
        assert_eq!(email.domain(), "kommun.se");
        assert_eq!(email.to_string(), "Anna.Svensson@kommun.se");
    }

    #[test]
    fn subdomains_plus_tags_and_swedish_letters_are_accepted() {
        for input in [
            "a@b.se",
            "anna+kallelse@mail.example.com",
            "x@sub-domain.example.org",
            "info@gävle.se",
            "info@xn--gvle-loa.se",
        ] {
            assert!(Email::parse(input).is_ok(), "{input}");
        }
    }

    #[test]
    fn each_rule_reports_its_own_code() {
        let cases = [
            ("", "email_empty"),
            ("   ", "email_empty"),
            ("anna.example.com", "invalid_email_format"),
            ("a@b@example.com", "invalid_email_format"),
            ("anna svensson@example.com", "invalid_email_whitespace"),
            ("anna@exa mple.com", "invalid_email_whitespace"),
            ("@example.com", "invalid_email_local_part"),
            (".anna@example.com", "invalid_email_local_part"),
            ("anna..s@example.com", "invalid_email_local_part"),
            ("\"anna\"@example.com", "invalid_email_local_part"),
            ("anna@", "invalid_email_domain"),
            ("anna@localhost", "invalid_email_domain"),
            ("anna@-example.com", "invalid_email_domain"),
            ("anna@example-.com", "invalid_email_domain"),
            ("anna@example..com", "invalid_email_domain"),
            ("anna@example.com.", "invalid_email_domain"),
            ("anna@exa_mple.com", "invalid_email_domain"),
            ("anna@192.168.0.1", "invalid_email_domain"),
        ];
        for (input, code) in cases {
            assert_eq!(Email::parse(input).unwrap_err().code(), code, "{input}");
        }
    }

    #[test]
    fn length_limits_are_enforced() {
        let local = "a".repeat(64);
        assert!(Email::parse(&format!("{local}@example.com")).is_ok());
        let long_local = "a".repeat(65);
        assert_eq!(
            Email::parse(&format!("{long_local}@example.com")),
            Err(EmailError::LocalPartTooLong)
        );
        let long_label = "a".repeat(64);
        assert_eq!(
            Email::parse(&format!("anna@{long_label}.se")),
            Err(EmailError::InvalidDomain)
        );
        let domain = format!(
            "{}.{}.{}.se",
            "a".repeat(63),
            "b".repeat(63),
            "c".repeat(63)
        );
        let at_limit = format!("{}@{domain}", "d".repeat(254 - 1 - domain.len()));
        assert_eq!(at_limit.len(), 254);
        assert!(Email::parse(&at_limit).is_ok());
        let over = format!("e{at_limit}");
        assert_eq!(Email::parse(&over), Err(EmailError::TooLong));
    }

    #[test]
    fn serde_validates_on_the_way_in() {
        let email = Email::parse("a@Example.com").unwrap();
        assert_eq!(serde_json::to_string(&email).unwrap(), "\"a@example.com\"");
        let back: Email = serde_json::from_str("\"a@EXAMPLE.com\"").unwrap();
        assert_eq!(back, email);
        assert!(serde_json::from_str::<Email>("\"not an address\"").is_err());
    }

    proptest! {
        #[test]
        fn parse_never_panics_on_arbitrary_strings(input in ".*") {
            let _ = Email::parse(&input);
        }

        #[test]
        fn a_parsed_address_parses_to_itself(input in "[a-zA-Z0-9._%+-]{1,20}@[a-zA-Z0-9-]{1,10}\\.[a-zA-Z]{2,6}") {
            if let Ok(email) = Email::parse(&input) {
                prop_assert_eq!(Email::parse(email.as_str()), Ok(email.clone()));
            }
        }
    }
}
