//! Human-readable case numbers shown to citizens and officers.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// Years a case number may carry; four digits keep the format fixed-width.
const YEARS: std::ops::RangeInclusive<i32> = 2000..=9999;
/// Sequence numbers within a year; six digits keep the format fixed-width.
const SEQUENCES: std::ops::RangeInclusive<u32> = 1..=999_999;

/// A case number `YYYY-NNNNNN`, e.g. `2026-000123`: the year the case was
/// registered and a per-year sequence number.
///
/// Ordering is by year, then sequence, which is registration order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CaseNumber {
    year: i32,
    sequence: u32,
}

/// Why a value is not a valid [`CaseNumber`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
pub enum CaseNumberError {
    /// The text is not `YYYY-NNNNNN`.
    #[error("case number must look like YYYY-NNNNNN")]
    InvalidFormat,
    /// The year is outside 2000–9999.
    #[error("case number year must be between 2000 and 9999")]
    YearOutOfRange,
    /// The sequence number is outside 1–999999.
    #[error("case number sequence must be between 1 and 999999")]
    SequenceOutOfRange,
}

impl CaseNumberError {
    /// Stable machine-readable code for API error bodies and translations.
    #[must_use]
    pub const fn code(&self) -> &'static str {
        match self {
            Self::InvalidFormat => "invalid_case_number_format",
            Self::YearOutOfRange => "case_number_year_out_of_range",
            Self::SequenceOutOfRange => "case_number_sequence_out_of_range",
        }
    }
}

impl CaseNumber {
    /// Builds a case number from its parts, as the server does when it
    /// allocates the next sequence number.
    ///
    /// # Errors
    ///
    /// When `year` is outside 2000–9999 or `sequence` outside 1–999999.
    pub fn new(year: i32, sequence: u32) -> Result<Self, CaseNumberError> {
        if !YEARS.contains(&year) {
            return Err(CaseNumberError::YearOutOfRange);
        }
        if !SEQUENCES.contains(&sequence) {
            return Err(CaseNumberError::SequenceOutOfRange);
        }
        Ok(Self { year, sequence })
    }

    /// Parses `YYYY-NNNNNN`; surrounding whitespace is ignored, but both
    /// parts must be zero-padded so that every case number has exactly one
    /// spelling.
    ///
    /// # Errors
    ///
    /// A [`CaseNumberError`] for the wrong shape or out-of-range parts.
    pub fn parse(input: &str) -> Result<Self, CaseNumberError> {
        let (year, sequence) = input
            .trim()
            .split_once('-')
            .ok_or(CaseNumberError::InvalidFormat)?;
        let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if year.len() != 4 || sequence.len() != 6 || !all_digits(year) || !all_digits(sequence) {
            return Err(CaseNumberError::InvalidFormat);
        }
        let year = year.parse().map_err(|_| CaseNumberError::InvalidFormat)?;
        let sequence = sequence
            .parse()
            .map_err(|_| CaseNumberError::InvalidFormat)?;
        Self::new(year, sequence)
    }

    /// The registration year.
    #[must_use]
    pub const fn year(&self) -> i32 {
        self.year
    }

    /// The sequence number within the year.
    #[must_use]
    pub const fn sequence(&self) -> u32 {
        self.sequence
    }
}

impl fmt::Display for CaseNumber {
    /// `YYYY-NNNNNN`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:06}", self.year, self.sequence)
    }
}

impl FromStr for CaseNumber {
    type Err = CaseNumberError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl TryFrom<String> for CaseNumber {
    type Error = CaseNumberError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<CaseNumber> for String {
    fn from(value: CaseNumber) -> Self {
        value.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_case_number_is_displayed_zero_padded() {
        let number = CaseNumber::new(2026, 123).unwrap();
        assert_eq!(number.to_string(), "2026-000123");
        assert_eq!(number.year(), 2026);
        assert_eq!(number.sequence(), 123);
        assert_eq!(CaseNumber::parse(" 2026-000123 ").unwrap(), number);
    }

    #[test]
    fn out_of_range_parts_are_rejected_with_their_own_codes() {
        assert_eq!(
            CaseNumber::new(1999, 1).unwrap_err().code(),
            "case_number_year_out_of_range"
        );
        assert_eq!(
            CaseNumber::new(10_000, 1).unwrap_err().code(),
            "case_number_year_out_of_range"
        );
        assert_eq!(
            CaseNumber::new(2026, 0).unwrap_err().code(),
            "case_number_sequence_out_of_range"
        );
        assert_eq!(
            CaseNumber::new(2026, 1_000_000).unwrap_err().code(),
            "case_number_sequence_out_of_range"
        );
        assert!(CaseNumber::new(2000, 1).is_ok());
        assert!(CaseNumber::new(9999, 999_999).is_ok());
        assert_eq!(
            CaseNumber::parse("2026-000000"),
            Err(CaseNumberError::SequenceOutOfRange)
        );
        assert_eq!(
            CaseNumber::parse("1999-000001"),
            Err(CaseNumberError::YearOutOfRange)
        );
    }

    #[test]
    fn malformed_text_reports_the_format_code() {
        for input in [
            "",
            "2026",
            "2026-123",
            "2026-0000123",
            "26-000123",
            "2026_000123",
            "2026-+00123",
            "+026-000123",
            "2026-00012a",
            "2026--00123",
            "２０２６-000123",
        ] {
            assert_eq!(
                CaseNumber::parse(input).unwrap_err().code(),
                "invalid_case_number_format",
                "{input}"
            );
        }
    }

    #[test]
    fn case_numbers_sort_in_registration_order() {
        let a = CaseNumber::new(2025, 999_999).unwrap();
        let b = CaseNumber::new(2026, 1).unwrap();
        let c = CaseNumber::new(2026, 2).unwrap();
        assert!(a < b && b < c);
    }

    #[test]
    fn serde_uses_the_display_form_and_validates_on_the_way_in() {
        let number = CaseNumber::new(2026, 42).unwrap();
        assert_eq!(serde_json::to_string(&number).unwrap(), "\"2026-000042\"");
        let back: CaseNumber = serde_json::from_str("\"2026-000042\"").unwrap();
        assert_eq!(back, number);
        assert!(serde_json::from_str::<CaseNumber>("\"2026-000000\"").is_err());
    }

    proptest! {
        #[test]
        fn every_case_number_round_trips_through_its_text(year in 2000_i32..=9999, sequence in 1_u32..=999_999) {
            let number = CaseNumber::new(year, sequence).unwrap();
            let text = number.to_string();
            prop_assert_eq!(text.len(), 11);
            prop_assert_eq!(CaseNumber::parse(&text), Ok(number));
            prop_assert_eq!(text.parse::<CaseNumber>(), Ok(number));
            let json = serde_json::to_string(&number).unwrap();
            prop_assert_eq!(serde_json::from_str::<CaseNumber>(&json).unwrap(), number);
        }

        #[test]
        fn parse_never_panics_on_arbitrary_strings(input in ".*") {
            let _ = CaseNumber::parse(&input);
        }

        #[test]
        fn new_never_panics(year in any::<i32>(), sequence in any::<u32>()) {
            let _ = CaseNumber::new(year, sequence);
        }
    }
}
