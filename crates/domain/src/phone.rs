//! Phone numbers: mobile numbers for SMS, and any Swedish number for calling.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// Digits after `+` in an E.164 number, per the ITU limits we accept.
const E164_DIGITS: std::ops::RangeInclusive<usize> = 8..=15;
/// Digits in a Swedish mobile number after the country code (`7XXXXXXXX`).
const SWEDISH_MOBILE_DIGITS: usize = 9;
/// Digits in a Swedish landline number in national form, trunk `0` included
/// (`08-12 34 56` to `0980-123 45`).
const SWEDISH_LANDLINE_DIGITS: std::ops::RangeInclusive<usize> = 8..=10;

/// A phone number normalised to E.164 (`+` and digits only).
///
/// Accepted input:
///
/// * Swedish mobile numbers in national form, `07X-XXX XX XX`, with any
///   spaces or hyphens;
/// * international form with `+` or `00`, e.g. `+46 70 123 45 67` or
///   `0046701234567`. A trunk `0` written after `+46` (`+46 (0)70…` without
///   the brackets) is dropped, because people copy it from letterheads;
/// * any other E.164 number: `+` followed by 8–15 digits, the first not `0`.
///
/// Numbers that start with `+467` must have exactly nine digits after
/// `+46`, so a mistyped Swedish mobile number is caught instead of being
/// accepted as some other valid-looking E.164 number. National numbers
/// other than mobile numbers are rejected because SMS can only reach
/// mobiles and their length varies by area code.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PhoneNumber(String);

/// Why a string is not a valid [`PhoneNumber`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
pub enum PhoneNumberError {
    /// No digits were given.
    #[error("phone number is empty")]
    Empty,
    /// Characters other than digits, spaces, hyphens and a leading `+`.
    #[error("phone number may only contain digits, spaces, hyphens and a leading +")]
    InvalidCharacters,
    /// Does not start with `+`, `00` or `07`.
    #[error("phone number must start with +, 00 or 07")]
    InvalidFormat,
    /// A national number that is not a mobile number.
    #[error("only mobile numbers can be given without a country code")]
    UnsupportedNationalNumber,
    /// Wrong number of digits for a Swedish mobile number.
    #[error("a Swedish mobile number has ten digits, 07X-XXX XX XX")]
    InvalidSwedishMobile,
    /// Outside the 8–15 digits allowed by E.164.
    #[error("an international phone number has 8 to 15 digits after +")]
    InvalidLength,
}

impl PhoneNumberError {
    /// Stable machine-readable code for API error bodies and translations.
    #[must_use]
    pub const fn code(&self) -> &'static str {
        match self {
            Self::Empty => "phone_empty",
            Self::InvalidCharacters => "invalid_phone_characters",
            Self::InvalidFormat => "invalid_phone_format",
            Self::UnsupportedNationalNumber => "unsupported_phone_national_number",
            Self::InvalidSwedishMobile => "invalid_swedish_mobile_number",
            Self::InvalidLength => "invalid_phone_length",
        }
    }
}

impl PhoneNumber {
    /// Validates a phone number and normalises it to E.164.
    ///
    /// Parsing the result of [`as_e164`](Self::as_e164) again yields the
    /// same number.
    ///
    /// # Errors
    ///
    /// A [`PhoneNumberError`] naming the first rule that failed.
    pub fn parse(input: &str) -> Result<Self, PhoneNumberError> {
        let trimmed = input.trim();
        let (plus, digits) = strip_separators(trimmed)?;
        if digits.is_empty() {
            return Err(PhoneNumberError::Empty);
        }

        let international = if plus {
            digits.as_str()
        } else if let Some(rest) = digits.strip_prefix("00") {
            rest
        } else if let Some(national) = digits.strip_prefix('0') {
            return national_mobile(national);
        } else {
            return Err(PhoneNumberError::InvalidFormat);
        };
        from_international(international)
    }

    /// Like [`parse`](Self::parse), and also Swedish landline numbers in
    /// national form (`08-123 456 78`, `0224-123 45`): a trunk `0`, an area
    /// code not starting with `0`, and 8 to 10 digits in all. For numbers
    /// that are for calling, not for SMS.
    ///
    /// # Errors
    ///
    /// A [`PhoneNumberError`] naming the first rule that failed.
    pub fn parse_callable(input: &str) -> Result<Self, PhoneNumberError> {
        match Self::parse(input) {
            Err(PhoneNumberError::UnsupportedNationalNumber) => {
                let (_, digits) = strip_separators(input.trim())?;
                let national = digits
                    .strip_prefix('0')
                    .ok_or(PhoneNumberError::InvalidFormat)?;
                if !(SWEDISH_LANDLINE_DIGITS.contains(&digits.len())) || national.starts_with('0') {
                    return Err(PhoneNumberError::InvalidLength);
                }
                Ok(Self(format!("+46{national}")))
            }
            other => other,
        }
    }

    /// The number in E.164 form, e.g. `+46701234567`, as SMS gateways
    /// expect it.
    #[must_use]
    pub fn as_e164(&self) -> &str {
        &self.0
    }

    /// True for Swedish mobile numbers (`+467…`).
    #[must_use]
    pub fn is_swedish_mobile(&self) -> bool {
        self.0.starts_with("+467")
    }
}

/// Returns whether the input had a leading `+` and its digits.
fn strip_separators(input: &str) -> Result<(bool, String), PhoneNumberError> {
    let (plus, rest) = match input.strip_prefix('+') {
        Some(rest) => (true, rest),
        None => (false, input),
    };
    let mut digits = String::with_capacity(rest.len());
    for c in rest.chars() {
        match c {
            '0'..='9' => digits.push(c),
            ' ' | '-' => {}
            _ => return Err(PhoneNumberError::InvalidCharacters),
        }
    }
    Ok((plus, digits))
}

/// `national` is the number without its leading trunk `0`.
fn national_mobile(national: &str) -> Result<PhoneNumber, PhoneNumberError> {
    if !national.starts_with('7') {
        return Err(PhoneNumberError::UnsupportedNationalNumber);
    }
    if national.len() != SWEDISH_MOBILE_DIGITS {
        return Err(PhoneNumberError::InvalidSwedishMobile);
    }
    Ok(PhoneNumber(format!("+46{national}")))
}

/// `digits` is everything after `+` or `00`.
fn from_international(digits: &str) -> Result<PhoneNumber, PhoneNumberError> {
    if let Some(swedish) = digits.strip_prefix("46") {
        // Swedish subscriber numbers never start with 0, so one leading 0 is
        // a copied trunk prefix; a second one cannot be repaired without
        // guessing, and dropping it would make normalisation non-idempotent.
        let swedish = swedish.strip_prefix('0').unwrap_or(swedish);
        if swedish.starts_with('0') {
            return Err(PhoneNumberError::InvalidFormat);
        }
        if swedish.starts_with('7') && swedish.len() != SWEDISH_MOBILE_DIGITS {
            return Err(PhoneNumberError::InvalidSwedishMobile);
        }
        return e164(&format!("46{swedish}"));
    }
    e164(digits)
}

fn e164(digits: &str) -> Result<PhoneNumber, PhoneNumberError> {
    if digits.starts_with('0') {
        return Err(PhoneNumberError::InvalidFormat);
    }
    if !E164_DIGITS.contains(&digits.len()) {
        return Err(PhoneNumberError::InvalidLength);
    }
    Ok(PhoneNumber(format!("+{digits}")))
}

impl fmt::Display for PhoneNumber {
    /// The E.164 form.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl FromStr for PhoneNumber {
    type Err = PhoneNumberError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl TryFrom<String> for PhoneNumber {
    type Error = PhoneNumberError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<PhoneNumber> for String {
    fn from(value: PhoneNumber) -> Self {
        value.0
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn landlines_are_callable_but_not_for_sms() {
        for (input, e164) in [
            ("08-123 456 78", "+46812345678"),
            ("0224-123 45", "+4622412345"),
            ("08-12 34 56", "+468123456"),
            ("070-123 45 67", "+46701234567"),
            ("+46 8 123 456 78", "+46812345678"),
        ] {
            assert_eq!(
                PhoneNumber::parse_callable(input).unwrap().as_e164(),
                e164,
                "{input}"
            );
        }
        assert_eq!(
            PhoneNumber::parse("08-123 456 78"),
            Err(PhoneNumberError::UnsupportedNationalNumber)
        );
        for bad in [
            "08-12",
            "08-123 456 789 0",
            "000 123 45",
            "070-123",
            "08-abc",
        ] {
            assert!(PhoneNumber::parse_callable(bad).is_err(), "{bad}");
        }
    }

    use super::*;
    use proptest::prelude::*;

    #[test]
    fn swedish_mobile_numbers_in_every_common_form_normalise_to_e164() {
        for input in [
            "070-123 45 67",
            "0701234567",
            "070 123 45 67",
            "070-1234567",
            "+46701234567",
            "+46 70 123 45 67",
            "+46 070 123 45 67",
            "0046701234567",
            "00 46 70-123 45 67",
            "  0701234567  ",
        ] {
            let phone = PhoneNumber::parse(input).unwrap();
            assert_eq!(phone.as_e164(), "+46701234567", "{input}");
            assert!(phone.is_swedish_mobile());
        }
    }

    #[test]
    fn other_e164_numbers_are_accepted_as_given() {
        let landline = PhoneNumber::parse("+46 8 123 456 78").unwrap();
        assert_eq!(landline.as_e164(), "+46812345678");
        assert!(!landline.is_swedish_mobile());
        assert_eq!(
            PhoneNumber::parse("+47 912 34 567").unwrap().as_e164(),
            "+4791234567"
        );
        assert_eq!(
            PhoneNumber::parse("00358401234567").unwrap().as_e164(),
            "+358401234567"
        );
        assert!(PhoneNumber::parse("+12345678").is_ok());
        assert!(PhoneNumber::parse("+123456789012345").is_ok());
    }

    #[test]
    fn each_rule_reports_its_own_code() {
        let cases = [
            ("", "phone_empty"),
            ("  - ", "phone_empty"),
            ("+", "phone_empty"),
            ("070/1234567", "invalid_phone_characters"),
            ("(070) 123 45 67", "invalid_phone_characters"),
            ("070 123 45 6a", "invalid_phone_characters"),
            ("46701234567", "invalid_phone_format"),
            ("+0701234567", "invalid_phone_format"),
            ("+46 00 123 45 67", "invalid_phone_format"),
            ("08-123 456 78", "unsupported_phone_national_number"),
            ("070123456", "invalid_swedish_mobile_number"),
            ("07012345678", "invalid_swedish_mobile_number"),
            ("+4670123456", "invalid_swedish_mobile_number"),
            ("+467012345678", "invalid_swedish_mobile_number"),
            ("+1234567", "invalid_phone_length"),
            ("+1234567890123456", "invalid_phone_length"),
        ];
        for (input, code) in cases {
            assert_eq!(
                PhoneNumber::parse(input).unwrap_err().code(),
                code,
                "{input}"
            );
        }
    }

    #[test]
    fn serde_uses_e164_and_validates_on_the_way_in() {
        let phone = PhoneNumber::parse("070-123 45 67").unwrap();
        assert_eq!(serde_json::to_string(&phone).unwrap(), "\"+46701234567\"");
        let back: PhoneNumber = serde_json::from_str("\"070 123 45 67\"").unwrap();
        assert_eq!(back, phone);
        assert!(serde_json::from_str::<PhoneNumber>("\"123\"").is_err());
    }

    proptest! {
        #[test]
        fn parse_never_panics_on_arbitrary_strings(input in ".*") {
            let _ = PhoneNumber::parse(&input);
        }

        #[test]
        fn normalisation_is_idempotent(input in "(\\+|00|0)?[0-9 \\-]{0,20}") {
            if let Ok(phone) = PhoneNumber::parse(&input) {
                prop_assert_eq!(PhoneNumber::parse(phone.as_e164()), Ok(phone.clone()));
                prop_assert_eq!(phone.to_string().parse::<PhoneNumber>(), Ok(phone));
            }
        }

        #[test]
        fn every_swedish_mobile_number_normalises_the_same_way_in_all_forms(
            rest in "[0-9]{8}",
        ) {
            let national = format!("07{rest}");
            let expected = format!("+467{rest}");
            for input in [
                national.clone(),
                format!("+46{}", &national[1..]),
                format!("0046{}", &national[1..]),
                format!("{}-{} {} {}", &national[..3], &national[3..6], &national[6..8], &national[8..]),
            ] {
                let phone = PhoneNumber::parse(&input).unwrap();
                prop_assert_eq!(phone.as_e164(), expected.as_str());
                prop_assert_eq!(PhoneNumber::parse(phone.as_e164()), Ok(phone.clone()));
            }
        }
    }
}
