//! Swedish personal identity numbers (personnummer) and coordination
//! numbers (samordningsnummer).

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// A validated Swedish personal identity number or coordination number.
///
/// Accepted textual forms:
///
/// | form            | example         | accepted by                                   |
/// |-----------------|-----------------|-----------------------------------------------|
/// | `YYYYMMDDNNNC`  | `198112189876`  | [`parse`](Self::parse), [`parse_at`](Self::parse_at) |
/// | `YYYYMMDD-NNNC` | `19811218-9876` | [`parse`](Self::parse), [`parse_at`](Self::parse_at) |
/// | `YYMMDD-NNNC`   | `811218-9876`   | [`parse_at`](Self::parse_at) only             |
/// | `YYMMDD+NNNC`   | `811218+9876`   | [`parse_at`](Self::parse_at) only             |
/// | `YYMMDDNNNC`    | `8112189876`    | [`parse_at`](Self::parse_at) only             |
///
/// The ten-digit forms leave out the century, which can only be recovered
/// relative to a reference date, so [`parse`](Self::parse) (and therefore
/// [`FromStr`] and deserialisation) rejects them with
/// [`PersonnummerError::CenturyRequired`] instead of silently guessing with a
/// clock this crate is not allowed to read.
///
/// The value is stored as twelve digits. `Debug` masks the last four digits
/// so that the number never ends up in full in logs or panic messages.
#[derive(Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Personnummer {
    /// Always twelve ASCII digits, `YYYYMMDDNNNC`.
    digits: String,
    /// The real birth date (for coordination numbers the day minus 60).
    birth_date: NaiveDate,
}

/// Why a string is not a valid [`Personnummer`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
pub enum PersonnummerError {
    /// The input does not have any of the accepted shapes.
    #[error("personnummer must look like YYYYMMDD-NNNN, YYYYMMDDNNNN, YYMMDD-NNNN or YYMMDDNNNN")]
    InvalidFormat,
    /// A ten-digit form was given where the century cannot be determined.
    #[error("a personnummer with a two-digit year needs the century; give all twelve digits")]
    CenturyRequired,
    /// The date part is not a real calendar date.
    #[error("the date in the personnummer does not exist")]
    InvalidDate,
    /// The control digit does not match the Luhn checksum.
    #[error("the personnummer control digit is wrong")]
    InvalidChecksum,
    /// The birth date lies after the reference date.
    #[error("the birth date in the personnummer lies in the future")]
    BirthDateInFuture,
    /// The serial number (the three digits after the date) is 000, which is never issued.
    #[error("the serial number 000 is never issued")]
    InvalidSerialNumber,
}

impl PersonnummerError {
    /// Stable machine-readable code, used in API error bodies and for
    /// translation keys in the frontend.
    #[must_use]
    pub const fn code(&self) -> &'static str {
        match self {
            Self::InvalidFormat => "invalid_personnummer_format",
            Self::CenturyRequired => "personnummer_century_required",
            Self::InvalidDate => "invalid_personnummer_date",
            Self::InvalidChecksum => "invalid_personnummer_checksum",
            Self::BirthDateInFuture => "personnummer_birth_date_in_future",
            Self::InvalidSerialNumber => "invalid_personnummer_serial",
        }
    }
}

/// The input split into digits, before the century question is settled.
enum Shape {
    /// Twelve digits: century known.
    Full([u8; 12]),
    /// Ten digits; `centenarian` is true for the `+` separator.
    Short { digits: [u8; 10], centenarian: bool },
}

impl Personnummer {
    /// Parses the unambiguous twelve-digit forms `YYYYMMDDNNNC` and
    /// `YYYYMMDD-NNNC` (surrounding whitespace is ignored).
    ///
    /// # Errors
    ///
    /// [`PersonnummerError::CenturyRequired`] for the ten-digit forms (use
    /// [`parse_at`](Self::parse_at)), otherwise format, date or checksum
    /// errors.
    pub fn parse(input: &str) -> Result<Self, PersonnummerError> {
        match shape(input.trim())? {
            Shape::Full(digits) => from_full(&digits),
            Shape::Short { .. } => Err(PersonnummerError::CenturyRequired),
        }
    }

    /// Parses every accepted form, resolving the century of the ten-digit
    /// forms relative to `today`.
    ///
    /// With `-` (or no separator) the person is taken to be 0–99 years old on
    /// `today`; with `+` they are 100–199. For the twelve-digit forms `today`
    /// is used to reject birth dates in the future.
    ///
    /// # Errors
    ///
    /// Format, date, checksum or future-birth-date errors.
    pub fn parse_at(input: &str, today: NaiveDate) -> Result<Self, PersonnummerError> {
        let parsed = match shape(input.trim())? {
            Shape::Full(digits) => from_full(&digits)?,
            Shape::Short {
                digits,
                centenarian,
            } => from_short(&digits, centenarian, today)?,
        };
        if parsed.birth_date > today {
            return Err(PersonnummerError::BirthDateInFuture);
        }
        Ok(parsed)
    }

    /// The twelve digits `YYYYMMDDNNNC`, the canonical storage form.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.digits
    }

    /// `YYYYMMDD-****`: enough to recognise a person on screen or in a log
    /// without disclosing the full number.
    #[must_use]
    pub fn masked(&self) -> String {
        format!("{}-****", self.date_digits())
    }

    /// The real birth date; for coordination numbers the day has 60
    /// subtracted.
    #[must_use]
    pub const fn birth_date(&self) -> NaiveDate {
        self.birth_date
    }

    /// True for a samordningsnummer (day of month written as day + 60),
    /// which is issued to people who are not or have not been registered in
    /// Sweden.
    #[must_use]
    pub fn is_coordination_number(&self) -> bool {
        self.birth_date.day() != self.written_day()
    }

    /// Age in whole years on `today`, or `None` if `today` is before the
    /// birth date. Someone born on 29 February turns a year older on 1 March
    /// in non-leap years, matching how the `+` separator is assigned.
    #[must_use]
    pub fn age_at(&self, today: NaiveDate) -> Option<u32> {
        if today < self.birth_date {
            return None;
        }
        let years = today.year() - self.birth_date.year();
        let had_birthday =
            (today.month(), today.day()) >= (self.birth_date.month(), self.birth_date.day());
        let age = if had_birthday { years } else { years - 1 };
        u32::try_from(age).ok()
    }

    /// The ten-digit form `YYMMDD-NNNC` as it would be written on `today`,
    /// with `+` once the person has turned 100.
    ///
    /// `None` when the short form cannot express the number on that date:
    /// the person is not yet born or is 200 or older.
    #[must_use]
    pub fn short_form_at(&self, today: NaiveDate) -> Option<String> {
        let separator = match self.age_at(today)? {
            0..=99 => '-',
            100..=199 => '+',
            _ => return None,
        };
        let date = self.date_digits();
        let yymmdd = date.get(2..).unwrap_or(date);
        Some(format!("{yymmdd}{separator}{}", self.last_four()))
    }

    fn date_digits(&self) -> &str {
        self.digits.get(..8).unwrap_or(&self.digits)
    }

    fn last_four(&self) -> &str {
        self.digits.get(8..).unwrap_or("")
    }

    fn written_day(&self) -> u32 {
        self.digits
            .get(6..8)
            .and_then(|dd| dd.parse().ok())
            .unwrap_or(0)
    }
}

/// Splits the trimmed input into digits without interpreting them yet.
fn shape(input: &str) -> Result<Shape, PersonnummerError> {
    let bytes = input.as_bytes();
    let separator_at = match bytes.len() {
        10 | 12 => None,
        11 => Some(6),
        13 => Some(8),
        _ => return Err(PersonnummerError::InvalidFormat),
    };

    let mut buffer = [0_u8; 12];
    let mut count = 0;
    let mut separator = None;
    for (index, &byte) in bytes.iter().enumerate() {
        if Some(index) == separator_at {
            separator = Some(byte);
            continue;
        }
        if !byte.is_ascii_digit() {
            return Err(PersonnummerError::InvalidFormat);
        }
        let slot = buffer
            .get_mut(count)
            .ok_or(PersonnummerError::InvalidFormat)?;
        *slot = byte - b'0';
        count += 1;
    }

    match (count, separator) {
        (12, None | Some(b'-')) => Ok(Shape::Full(buffer)),
        (10, None | Some(b'-')) => Ok(Shape::Short {
            digits: first_ten(&buffer),
            centenarian: false,
        }),
        (10, Some(b'+')) => Ok(Shape::Short {
            digits: first_ten(&buffer),
            centenarian: true,
        }),
        _ => Err(PersonnummerError::InvalidFormat),
    }
}

fn first_ten(buffer: &[u8; 12]) -> [u8; 10] {
    let mut ten = [0_u8; 10];
    ten.copy_from_slice(&buffer[..10]);
    ten
}

fn from_full(digits: &[u8; 12]) -> Result<Personnummer, PersonnummerError> {
    let century = i32::from(pair(digits[0], digits[1]));
    let mut ten = [0_u8; 10];
    ten.copy_from_slice(&digits[2..]);
    let year = century * 100 + i32::from(pair(ten[0], ten[1]));
    build(year, &ten)
}

/// Picks the century so that the person is 0–99 years old on `today`
/// (100–199 with `+`). The comparison uses month and day only, so it agrees
/// with [`Personnummer::age_at`] even for 29 February.
fn from_short(
    ten: &[u8; 10],
    centenarian: bool,
    today: NaiveDate,
) -> Result<Personnummer, PersonnummerError> {
    let yy = i32::from(pair(ten[0], ten[1]));
    let (month, day) = month_day(ten);
    let this_year = today.year();
    let mut year = this_year - (this_year - yy).rem_euclid(100);
    if year == this_year && (month, day) > (today.month(), today.day()) {
        year -= 100;
    }
    if centenarian {
        year -= 100;
    }
    build(year, ten)
}

/// Month and real day; coordination numbers write the day plus 60.
fn month_day(ten: &[u8; 10]) -> (u32, u32) {
    let month = u32::from(pair(ten[2], ten[3]));
    let written_day = u32::from(pair(ten[4], ten[5]));
    if (61..=91).contains(&written_day) {
        (month, written_day - 60)
    } else {
        (month, written_day)
    }
}

fn build(year: i32, ten: &[u8; 10]) -> Result<Personnummer, PersonnummerError> {
    if !(0..=9999).contains(&year) {
        return Err(PersonnummerError::InvalidDate);
    }
    let (month, day) = month_day(ten);
    let birth_date =
        NaiveDate::from_ymd_opt(year, month, day).ok_or(PersonnummerError::InvalidDate)?;
    if ten[6..9] == [0, 0, 0] {
        return Err(PersonnummerError::InvalidSerialNumber);
    }
    if luhn_check_digit(&ten[..9]) != ten[9] {
        return Err(PersonnummerError::InvalidChecksum);
    }
    let mut digits = format!("{year:04}");
    digits.extend(ten[2..].iter().map(|&d| char::from(b'0' + d)));
    Ok(Personnummer { digits, birth_date })
}

fn pair(tens: u8, ones: u8) -> u8 {
    tens * 10 + ones
}

/// Luhn check digit over `YYMMDDNNN`. The century is deliberately not part
/// of the checksum; that is how Skatteverket defines it.
pub(crate) fn luhn_check_digit(nine: &[u8]) -> u8 {
    let sum: u8 = nine
        .iter()
        .enumerate()
        .map(|(index, &digit)| {
            let weighted = if index % 2 == 0 { digit * 2 } else { digit };
            if weighted > 9 { weighted - 9 } else { weighted }
        })
        .sum();
    (10 - sum % 10) % 10
}

impl fmt::Display for Personnummer {
    /// `YYYYMMDD-NNNN`, the form Skatteverket recommends for display.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", self.date_digits(), self.last_four())
    }
}

impl fmt::Debug for Personnummer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Personnummer").field(&self.masked()).finish()
    }
}

impl FromStr for Personnummer {
    type Err = PersonnummerError;

    /// Same as [`Personnummer::parse`]: twelve-digit forms only.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl TryFrom<String> for Personnummer {
    type Error = PersonnummerError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<Personnummer> for String {
    fn from(value: Personnummer) -> Self {
        value.digits
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn date(year: i32, month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, month, day).unwrap()
    }

    fn today() -> NaiveDate {
        date(2026, 5, 1)
    }

    /// Ten digit values for `YYMMDDNNN` plus the correct check digit.
    fn with_check_digit(nine: [u8; 9]) -> [u8; 10] {
        let mut ten = [0_u8; 10];
        ten[..9].copy_from_slice(&nine);
        ten[9] = luhn_check_digit(&nine);
        ten
    }

    fn digits_to_string(digits: &[u8]) -> String {
        digits.iter().map(|&d| char::from(b'0' + d)).collect()
    }

    #[test]
    fn serial_number_000_is_never_issued_and_is_rejected() {
        // 19811218-000X with a correct control digit is still refused.
        let mut ten = [8, 1, 1, 2, 1, 8, 0, 0, 0, 0];
        ten[9] = luhn_check_digit(&ten[..9]);
        let input = format!("19{}", digits_to_string(&ten));
        assert_eq!(
            Personnummer::parse(&input),
            Err(PersonnummerError::InvalidSerialNumber)
        );
        assert_eq!(
            PersonnummerError::InvalidSerialNumber.code(),
            "invalid_personnummer_serial"
        );
    }

    #[test]
    fn the_two_reference_numbers_pass_the_luhn_check() {
        for input in ["811218-9876", "640823-3234"] {
            let pnr = Personnummer::parse_at(input, today()).unwrap();
            assert!(!pnr.is_coordination_number());
        }
        assert_eq!(
            Personnummer::parse("19811218-9876").unwrap().as_str(),
            "198112189876"
        );
        assert_eq!(
            Personnummer::parse("196408233234").unwrap().to_string(),
            "19640823-3234"
        );
    }

    #[test]
    fn changing_any_single_digit_of_the_reference_numbers_fails() {
        for valid in ["8112189876", "6408233234"] {
            let original: Vec<u8> = valid.bytes().map(|b| b - b'0').collect();
            for position in 0..10 {
                for replacement in 0..10_u8 {
                    if replacement == original[position] {
                        continue;
                    }
                    let mut changed = original.clone();
                    changed[position] = replacement;
                    let text = digits_to_string(&changed);
                    assert!(
                        Personnummer::parse_at(&text, today()).is_err(),
                        "{text} should be rejected"
                    );
                    let full = format!("19{text}");
                    assert!(
                        Personnummer::parse(&full).is_err(),
                        "{full} should be rejected"
                    );
                }
            }
        }
    }

    #[test]
    fn a_wrong_check_digit_reports_the_checksum_code() {
        let error = Personnummer::parse("19811218-9875").unwrap_err();
        assert_eq!(error, PersonnummerError::InvalidChecksum);
        assert_eq!(error.code(), "invalid_personnummer_checksum");
    }

    #[test]
    fn all_five_textual_forms_give_the_same_number() {
        let expected = Personnummer::parse("198112189876").unwrap();
        for input in [
            "198112189876",
            "19811218-9876",
            "811218-9876",
            "8112189876",
            "  811218-9876\n",
        ] {
            assert_eq!(Personnummer::parse_at(input, today()).unwrap(), expected);
        }
    }

    #[test]
    fn parse_without_a_reference_date_rejects_the_ten_digit_forms() {
        for input in ["811218-9876", "811218+9876", "8112189876"] {
            assert_eq!(
                Personnummer::parse(input),
                Err(PersonnummerError::CenturyRequired)
            );
        }
        assert_eq!(
            PersonnummerError::CenturyRequired.code(),
            "personnummer_century_required"
        );
    }

    #[test]
    fn the_plus_separator_means_the_person_is_at_least_one_hundred() {
        let minus = Personnummer::parse_at("811218-9876", today()).unwrap();
        let plus = Personnummer::parse_at("811218+9876", today()).unwrap();
        assert_eq!(minus.birth_date(), date(1981, 12, 18));
        assert_eq!(plus.birth_date(), date(1881, 12, 18));
        assert_eq!(plus.age_at(today()), Some(144));
        assert_eq!(plus.short_form_at(today()).as_deref(), Some("811218+9876"));
    }

    #[test]
    fn a_two_digit_year_resolves_to_the_most_recent_century_not_in_the_future() {
        let nine_after_today = with_check_digit([2, 6, 0, 5, 0, 2, 1, 2, 3]);
        let text = digits_to_string(&nine_after_today);
        let pnr = Personnummer::parse_at(&text, today()).unwrap();
        assert_eq!(pnr.birth_date(), date(1926, 5, 2));
        assert_eq!(pnr.age_at(today()), Some(99));

        let born_today = digits_to_string(&with_check_digit([2, 6, 0, 5, 0, 1, 1, 2, 3]));
        let pnr = Personnummer::parse_at(&born_today, today()).unwrap();
        assert_eq!(pnr.birth_date(), today());
        assert_eq!(pnr.age_at(today()), Some(0));
    }

    #[test]
    fn a_coordination_number_has_sixty_added_to_the_day() {
        let ten = with_check_digit([8, 1, 1, 2, 7, 8, 9, 8, 7]);
        let full = format!("19{}", digits_to_string(&ten));
        let pnr = Personnummer::parse(&full).unwrap();
        assert!(pnr.is_coordination_number());
        assert_eq!(pnr.birth_date(), date(1981, 12, 18));
        assert_eq!(pnr.as_str(), full);

        for day in [61, 91] {
            let ten = with_check_digit([8, 1, 0, 1, day / 10, day % 10, 0, 0, 1]);
            assert!(Personnummer::parse(&format!("19{}", digits_to_string(&ten))).is_ok());
        }
        for day in [60, 92, 99] {
            let ten = with_check_digit([8, 1, 0, 1, day / 10, day % 10, 0, 0, 1]);
            assert_eq!(
                Personnummer::parse(&format!("19{}", digits_to_string(&ten))),
                Err(PersonnummerError::InvalidDate)
            );
        }
    }

    #[test]
    fn impossible_dates_are_rejected_even_with_a_correct_check_digit() {
        for (yy, mm, dd) in [
            (81, 2, 30),
            (81, 13, 1),
            (81, 0, 10),
            (81, 1, 0),
            (81, 2, 29),
        ] {
            let ten = with_check_digit([
                yy / 10,
                yy % 10,
                mm / 10,
                mm % 10,
                dd / 10,
                dd % 10,
                1,
                2,
                3,
            ]);
            let full = format!("19{}", digits_to_string(&ten));
            let error = Personnummer::parse(&full).unwrap_err();
            assert_eq!(error, PersonnummerError::InvalidDate, "{full}");
            assert_eq!(error.code(), "invalid_personnummer_date");
        }
    }

    #[test]
    fn the_twenty_ninth_of_february_is_valid_in_a_leap_year_only() {
        let ten = with_check_digit([0, 0, 0, 2, 2, 9, 1, 2, 3]);
        let text = digits_to_string(&ten);
        assert!(Personnummer::parse(&format!("20{text}")).is_ok());
        assert_eq!(
            Personnummer::parse(&format!("19{text}")),
            Err(PersonnummerError::InvalidDate)
        );
        let plus = format!("{}+{}", &text[..6], &text[6..]);
        assert_eq!(
            Personnummer::parse_at(&plus, today()),
            Err(PersonnummerError::InvalidDate)
        );
    }

    #[test]
    fn malformed_inputs_report_the_format_code() {
        for input in [
            "",
            "19811218 9876",
            "19811218+9876",
            "811218/9876",
            "81121-89876",
            "1981121898760",
            "abcdefghij",
            "١٩٨١١٢١٨٩٨٧٦",
        ] {
            let error = Personnummer::parse_at(input, today()).unwrap_err();
            assert_eq!(error, PersonnummerError::InvalidFormat, "{input}");
            assert_eq!(error.code(), "invalid_personnummer_format");
        }
    }

    #[test]
    fn a_birth_date_after_the_reference_date_is_rejected() {
        let ten = with_check_digit([2, 6, 1, 2, 2, 4, 1, 2, 3]);
        let full = format!("20{}", digits_to_string(&ten));
        assert!(Personnummer::parse(&full).is_ok());
        let error = Personnummer::parse_at(&full, today()).unwrap_err();
        assert_eq!(error, PersonnummerError::BirthDateInFuture);
        assert_eq!(error.code(), "personnummer_birth_date_in_future");
    }

    #[test]
    fn debug_output_never_contains_the_last_four_digits() {
        let pnr = Personnummer::parse("19811218-9876").unwrap();
        let debug = format!("{pnr:?}");
        assert!(!debug.contains("9876"), "{debug}");
        assert_eq!(debug, "Personnummer(\"19811218-****\")");
        assert_eq!(pnr.masked(), "19811218-****");
        let pretty = format!("{pnr:#?}");
        assert!(!pretty.contains("9876"), "{pretty}");
    }

    #[test]
    fn serde_uses_the_twelve_digit_string_and_validates_on_the_way_in() {
        let pnr = Personnummer::parse("19811218-9876").unwrap();
        let json = serde_json::to_string(&pnr).unwrap();
        assert_eq!(json, "\"198112189876\"");
        let back: Personnummer = serde_json::from_str("\"19811218-9876\"").unwrap();
        assert_eq!(back, pnr);
        assert!(serde_json::from_str::<Personnummer>("\"198112189875\"").is_err());
        assert!(serde_json::from_str::<Personnummer>("\"811218-9876\"").is_err());
    }

    #[test]
    fn from_str_behaves_like_parse() {
        let parsed: Personnummer = "19640823-3234".parse().unwrap();
        assert_eq!(parsed, Personnummer::parse("196408233234").unwrap());
        assert!("640823-3234".parse::<Personnummer>().is_err());
    }

    /// A valid number: the birth date (1900-01-01 + offset), serial,
    /// whether it is a coordination number, and a reference date at which
    /// the person is between 0 and 199 years old.
    fn valid_number() -> impl Strategy<Value = (Personnummer, NaiveDate)> {
        (
            0_u32..(200 * 366),
            1_u16..1000,
            any::<bool>(),
            0_u32..(199 * 365),
        )
            .prop_map(|(offset, serial, coordination, age_days)| {
                let birth = date(1900, 1, 1) + chrono::Days::new(u64::from(offset));
                let today = birth + chrono::Days::new(u64::from(age_days));
                let yy = u8::try_from(birth.year() % 100).unwrap();
                let mm = u8::try_from(birth.month()).unwrap();
                let written_day =
                    u8::try_from(birth.day()).unwrap() + if coordination { 60 } else { 0 };
                let serial = [
                    u8::try_from(serial / 100).unwrap(),
                    u8::try_from(serial / 10 % 10).unwrap(),
                    u8::try_from(serial % 10).unwrap(),
                ];
                let ten = with_check_digit([
                    yy / 10,
                    yy % 10,
                    mm / 10,
                    mm % 10,
                    written_day / 10,
                    written_day % 10,
                    serial[0],
                    serial[1],
                    serial[2],
                ]);
                let full = format!("{:02}{}", birth.year() / 100, digits_to_string(&ten));
                let pnr = Personnummer::parse(&full).unwrap();
                assert_eq!(pnr.birth_date(), birth);
                assert_eq!(pnr.is_coordination_number(), coordination);
                (pnr, today)
            })
    }

    proptest! {
        #[test]
        fn every_valid_number_round_trips_through_all_textual_forms((pnr, today) in valid_number()) {
            prop_assert_eq!(&Personnummer::parse(pnr.as_str())?, &pnr);
            prop_assert_eq!(&Personnummer::parse(&pnr.to_string())?, &pnr);
            prop_assert_eq!(&Personnummer::parse_at(pnr.as_str(), today)?, &pnr);
            prop_assert_eq!(&Personnummer::parse_at(&pnr.to_string(), today)?, &pnr);

            let short = pnr.short_form_at(today).unwrap();
            prop_assert_eq!(&Personnummer::parse_at(&short, today)?, &pnr);
            if short.contains('-') {
                let bare = short.replace('-', "");
                prop_assert_eq!(&Personnummer::parse_at(&bare, today)?, &pnr);
            }

            let json = serde_json::to_string(&pnr).unwrap();
            prop_assert_eq!(&serde_json::from_str::<Personnummer>(&json).unwrap(), &pnr);
        }

        #[test]
        fn changing_one_checksummed_digit_of_a_valid_number_makes_it_invalid(
            (pnr, today) in valid_number(),
            position in 0_usize..10,
            delta in 1_u8..10,
        ) {
            let mut digits: Vec<u8> = pnr.as_str().bytes().map(|b| b - b'0').collect();
            let index = position + 2;
            digits[index] = (digits[index] + delta) % 10;
            let changed = digits_to_string(&digits);
            prop_assert!(Personnummer::parse(&changed).is_err());
            let short = digits_to_string(&digits[2..]);
            prop_assert!(Personnummer::parse_at(&short, today).is_err());
        }

        #[test]
        fn parse_never_panics_on_arbitrary_strings(input in ".*", days in 0_u32..100_000) {
            let today = date(1900, 1, 1) + chrono::Days::new(u64::from(days));
            let _ = Personnummer::parse(&input);
            let _ = Personnummer::parse_at(&input, today);
        }

        #[test]
        fn parse_never_panics_on_digit_heavy_strings(input in "[0-9+\\- ]{8,14}") {
            let _ = Personnummer::parse(&input);
            let _ = Personnummer::parse_at(&input, date(1, 1, 1));
            let _ = Personnummer::parse_at(&input, date(2026, 1, 1));
        }
    }
}
