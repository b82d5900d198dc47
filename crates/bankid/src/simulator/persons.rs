//! The simulator's test persons and personal number checks.

use serde::Serialize;

/// A test person the simulator's "phone" can identify as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TestPerson {
    /// 12 digits (`YYYYMMDDNNNC`), valid check digit.
    pub personal_number: &'static str,
    /// Given name.
    pub given_name: &'static str,
    /// Surname.
    pub surname: &'static str,
    /// When the person's BankID was issued (`YYYY-MM-DD`).
    pub bank_id_issue_date: &'static str,
}

impl TestPerson {
    /// `"<given name> <surname>"`.
    pub fn name(&self) -> String {
        format!("{} {}", self.given_name, self.surname)
    }
}

/// The fixed list of test persons (personal numbers in the style of Skatteverket's test
/// numbers, with valid check digits). The first is the default.
pub const TEST_PERSONS: &[TestPerson] = &[
    TestPerson {
        personal_number: "199006292388",
        given_name: "Anna",
        surname: "Andersson",
        bank_id_issue_date: "2021-03-15",
    },
    TestPerson {
        personal_number: "198511144571",
        given_name: "Erik",
        surname: "Eriksson",
        bank_id_issue_date: "2019-11-02",
    },
    TestPerson {
        personal_number: "197803029268",
        given_name: "Maria",
        surname: "Johansson",
        bank_id_issue_date: "2022-06-20",
    },
    TestPerson {
        personal_number: "196208158714",
        given_name: "Lars",
        surname: "Nilsson",
        bank_id_issue_date: "2018-01-09",
    },
    TestPerson {
        personal_number: "200104172846",
        given_name: "Karin",
        surname: "Larsson",
        bank_id_issue_date: "2023-08-30",
    },
    TestPerson {
        personal_number: "194512313158",
        given_name: "Per",
        surname: "Olsson",
        bank_id_issue_date: "2017-04-11",
    },
    TestPerson {
        personal_number: "199909092406",
        given_name: "Åsa",
        surname: "Öberg",
        bank_id_issue_date: "2024-02-05",
    },
];

/// The person an approval without a personal number uses.
pub fn default_person() -> &'static TestPerson {
    &TEST_PERSONS[0]
}

/// The test person with this personal number.
pub fn find(personal_number: &str) -> Option<&'static TestPerson> {
    TEST_PERSONS
        .iter()
        .find(|person| person.personal_number == personal_number)
}

/// Whether `text` is a 12-digit personal number (or coordination number: day + 60) with a
/// plausible date and a valid check digit.
pub fn is_valid_personal_number(text: &str) -> bool {
    if text.len() != 12 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let digits: Vec<u32> = text.bytes().map(|b| u32::from(b - b'0')).collect();
    let number = |range: std::ops::Range<usize>| {
        digits[range]
            .iter()
            .fold(0_u32, |value, digit| value * 10 + digit)
    };
    let century = number(0..2);
    let month = number(4..6);
    let day = number(6..8);
    let day = if day > 60 { day - 60 } else { day };
    if !(18..=20).contains(&century) || !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return false;
    }
    luhn_check_digit(&digits[2..11]) == digits[11]
}

/// The Luhn check digit of `digits` (weights 2, 1, 2, ... from the left).
fn luhn_check_digit(digits: &[u32]) -> u32 {
    let sum: u32 = digits
        .iter()
        .enumerate()
        .map(|(index, digit)| {
            let product = if index % 2 == 0 { digit * 2 } else { *digit };
            if product > 9 { product - 9 } else { product }
        })
        .sum();
    (10 - sum % 10) % 10
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_test_person_has_a_valid_unique_personal_number() {
        let mut seen = std::collections::HashSet::new();
        for person in TEST_PERSONS {
            assert!(
                is_valid_personal_number(person.personal_number),
                "{}",
                person.personal_number
            );
            assert!(seen.insert(person.personal_number));
        }
    }

    #[test]
    fn personal_numbers_with_a_wrong_check_digit_length_or_date_are_invalid() {
        assert!(is_valid_personal_number("199006292388"));
        assert!(!is_valid_personal_number("199006292382"));
        assert!(!is_valid_personal_number("9006292388"));
        assert!(!is_valid_personal_number("19900629238X"));
        assert!(!is_valid_personal_number("199013292381"));
        // A coordination number (day + 60) is accepted when its check digit is right.
        assert!(is_valid_personal_number("199006892385"));
    }
}
