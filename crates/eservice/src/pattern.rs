//! Named input patterns for short text fields.
//!
//! A definition cannot carry a regular expression: an author-supplied regex
//! is a denial-of-service risk (catastrophic backtracking in some engines,
//! huge automata in others) and it would have to behave identically in the
//! browser and on the server. Instead a field names one of a small set of
//! patterns, each matched by a few lines of straight-line code that run in
//! time linear in the input.

use serde::{Deserialize, Serialize};

/// A named, safe input pattern for a `short_text` field.
///
/// Matching ignores surrounding whitespace.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TextPattern {
    /// One or more digits `0-9`, nothing else.
    Digits,
    /// A Swedish postal code: five digits, the first not `0`, optionally with
    /// one space after the third (`733 30` or `73330`).
    PostalCode,
    /// A Swedish vehicle registration number in the standard format: three
    /// letters (not I, Q or V), an optional space, two digits and a last
    /// character that is a digit or a letter other than I, O, Q or V
    /// (`ABC 123`, `ABC12D`). Case-insensitive. Personalised plates are not
    /// accepted.
    RegistrationNumber,
    /// A Swedish organisation number: ten digits, optionally with a hyphen
    /// after the sixth (`NNNNNN-NNNN`), the third digit at least 2 and a
    /// correct Luhn control digit.
    OrganisationNumber,
}

impl TextPattern {
    /// Every pattern, in a stable order (for documentation and tests).
    pub const ALL: [Self; 4] = [
        Self::Digits,
        Self::PostalCode,
        Self::RegistrationNumber,
        Self::OrganisationNumber,
    ];

    /// The name used in definitions, e.g. `postal_code`.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Self::Digits => "digits",
            Self::PostalCode => "postal_code",
            Self::RegistrationNumber => "registration_number",
            Self::OrganisationNumber => "organisation_number",
        }
    }

    /// Whether `input` (ignoring surrounding whitespace) has this pattern.
    #[must_use]
    pub fn matches(self, input: &str) -> bool {
        let input = input.trim();
        match self {
            Self::Digits => !input.is_empty() && input.bytes().all(|b| b.is_ascii_digit()),
            Self::PostalCode => is_postal_code(input),
            Self::RegistrationNumber => is_registration_number(input),
            Self::OrganisationNumber => is_organisation_number(input),
        }
    }
}

/// Five digits, the first not `0`, optionally `NNN NN`.
pub(crate) fn is_postal_code(input: &str) -> bool {
    domain::PostalCode::parse(input).is_ok()
}

/// The postal code as five digits without the space, if it is valid.
pub(crate) fn normalise_postal_code(input: &str) -> Option<String> {
    domain::PostalCode::parse(input)
        .ok()
        .map(|code| code.digits().to_owned())
}

fn is_registration_number(input: &str) -> bool {
    let upper: Vec<u8> = input
        .bytes()
        .filter(|&b| b != b' ')
        .map(|b| b.to_ascii_uppercase())
        .collect();
    // At most one space, and only between the letters and the digits.
    let spaces = input.bytes().filter(|&b| b == b' ').count();
    if spaces > 1 || (spaces == 1 && input.as_bytes().get(3) != Some(&b' ')) {
        return false;
    }
    let [a, b, c, d, e, f] = upper.as_slice() else {
        return false;
    };
    let letter = |x: u8| x.is_ascii_uppercase() && !matches!(x, b'I' | b'Q' | b'V');
    let last = |x: u8| x.is_ascii_digit() || (letter(x) && x != b'O');
    letter(*a) && letter(*b) && letter(*c) && d.is_ascii_digit() && e.is_ascii_digit() && last(*f)
}

fn is_organisation_number(input: &str) -> bool {
    let digits: Vec<u8> = match input.len() {
        10 => input.bytes().collect(),
        11 if input.as_bytes().get(6) == Some(&b'-') => input
            .bytes()
            .enumerate()
            .filter(|&(i, _)| i != 6)
            .map(|(_, b)| b)
            .collect(),
        _ => return false,
    };
    if !digits.iter().all(u8::is_ascii_digit) {
        return false;
    }
    let values: Vec<u32> = digits.iter().map(|&b| u32::from(b - b'0')).collect();
    if values.get(2).is_none_or(|&third| third < 2) {
        return false;
    }
    luhn_valid(&values)
}

/// The Luhn check over all digits, the last being the control digit.
fn luhn_valid(digits: &[u32]) -> bool {
    let sum: u32 = digits
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &d)| {
            if i % 2 == 1 {
                let doubled = d * 2;
                if doubled > 9 { doubled - 9 } else { doubled }
            } else {
                d
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_accept_only_ascii_digits() {
        assert!(TextPattern::Digits.matches("0123"));
        assert!(TextPattern::Digits.matches(" 42 "));
        assert!(!TextPattern::Digits.matches(""));
        assert!(!TextPattern::Digits.matches("12 3"));
        assert!(!TextPattern::Digits.matches("١٢٣"));
    }

    #[test]
    fn postal_codes_have_five_digits_and_an_optional_space_after_three() {
        for ok in ["733 30", "73330", "11122", " 733 30 "] {
            assert!(TextPattern::PostalCode.matches(ok), "{ok}");
        }
        for bad in [
            "7333", "733300", "73 330", "733  30", "033 30", "abc de", "733-30",
        ] {
            assert!(!TextPattern::PostalCode.matches(bad), "{bad}");
        }
    }

    #[test]
    fn registration_numbers_follow_the_swedish_standard_format() {
        for ok in ["ABC 123", "abc123", "XYZ 12D", "MLB84A"] {
            assert!(TextPattern::RegistrationNumber.matches(ok), "{ok}");
        }
        for bad in [
            "AB 123", "ABC 1234", "AIC 123", "ABC 12O", "ABC12 3", "ÅBC 123", "A BC123",
        ] {
            assert!(!TextPattern::RegistrationNumber.matches(bad), "{bad}");
        }
    }

    #[test]
    fn organisation_numbers_need_a_valid_control_digit() {
        let valid = valid_organisation_number();
        assert!(TextPattern::OrganisationNumber.matches(&valid), "{valid}");
        assert!(TextPattern::OrganisationNumber.matches(&valid.replace('-', "")));
        let mut wrong = valid.clone();
        let last = wrong.pop().and_then(|c| c.to_digit(10)).unwrap_or(0);
        wrong.push(char::from_digit((last + 1) % 10, 10).unwrap_or('0'));
        assert!(!TextPattern::OrganisationNumber.matches(&wrong), "{wrong}");
        assert!(!TextPattern::OrganisationNumber.matches("551234-5678x"));
        // Third digit below 2 is a personnummer, not an organisation number.
        assert!(!TextPattern::OrganisationNumber.matches("811218-9876"));
    }

    /// `212000208` plus its Luhn control digit, hyphenated.
    fn valid_organisation_number() -> String {
        let body = "212000208";
        let control = (0..10)
            .find(|c| {
                let digits: Vec<u32> = body
                    .chars()
                    .filter_map(|ch| ch.to_digit(10))
                    .chain(std::iter::once(*c))
                    .collect();
                luhn_valid(&digits)
            })
            .unwrap_or(0);
        format!("{}-{}{control}", &body[..6], &body[6..])
    }

    #[test]
    fn every_pattern_has_a_distinct_name() {
        let names: std::collections::BTreeSet<_> =
            TextPattern::ALL.iter().map(|p| p.name()).collect();
        assert_eq!(names.len(), TextPattern::ALL.len());
    }
}
