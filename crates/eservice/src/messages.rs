//! Error messages for citizens, in Swedish and English.
//!
//! Each message names the field by its label, says what is wrong and, where
//! it helps, shows an example of what works. Labels are often questions, so
//! a sentence that ends with a quoted label ending in `?`, `!` or `.` gets no
//! extra full stop.

use chrono::NaiveDate;
use domain::PersonnummerError;

use crate::definition::{Field, FieldKind, PhonePurpose};
use crate::localized::Lang;
use crate::pattern::TextPattern;
use crate::validate::codes;

/// What is wrong with one answer, with what the message needs to say it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Problem {
    Required,
    TooShort(u32),
    TooLong {
        max: u32,
        actual: usize,
    },
    InvalidCharacters,
    PatternMismatch(TextPattern),
    NotANumber,
    NotAnInteger,
    BelowMinimum(f64),
    AboveMaximum(f64),
    InvalidDate,
    DateTooEarly(NaiveDate),
    DateTooLate(NaiveDate),
    DateInFuture,
    DateInPast,
    InvalidChoice,
    TooFewSelected(u32),
    TooManySelected(u32),
    MustBeYes,
    InvalidEmail,
    InvalidPhone,
    /// Not a mobile number (a phone field for SMS).
    InvalidMobile,
    InvalidPersonnummer(PersonnummerError),
    InvalidPostalCode,
    IncompleteAddress,
    TooManyFiles {
        max: u32,
        actual: usize,
    },
    WrongType,
}

/// A Swedish and an English message.
type Texts = (String, String);

/// The code and messages for a problem with `field`'s answer.
pub(crate) fn describe(problem: &Problem, field: &Field) -> (&'static str, Texts) {
    let sv = quote_sv(&field.label.sv);
    let en = quote_en(&field.label.en);
    let (code, sv_text, en_text) = match problem {
        Problem::Required => {
            let (sv_text, en_text) = required(&field.kind, &sv, &en);
            (codes::REQUIRED, sv_text, en_text)
        }
        Problem::TooShort(min) => (
            codes::TOO_SHORT,
            format!("Skriv minst {} i {sv}", characters_sv(*min)),
            format!("Write at least {} in {en}", characters_en(*min)),
        ),
        Problem::TooLong { max, actual } => (
            codes::TOO_LONG,
            format!(
                "{sv} får vara högst {}. Nu är det {}.",
                characters_sv(*max),
                count(*actual, Lang::Sv)
            ),
            format!(
                "{en} can be at most {} long. It is now {}.",
                characters_en(*max),
                count(*actual, Lang::En)
            ),
        ),
        Problem::InvalidCharacters => (
            codes::INVALID_CHARACTERS,
            format!(
                "{sv} innehåller tecken som inte kan tas emot, till exempel radbrytningar. Ta bort dem och försök igen."
            ),
            format!(
                "{en} contains characters that cannot be accepted, such as line breaks. Remove them and try again."
            ),
        ),
        Problem::PatternMismatch(pattern) => {
            let (sv_text, en_text) = pattern_mismatch(*pattern, &sv, &en);
            (codes::PATTERN_MISMATCH, sv_text, en_text)
        }
        Problem::NotANumber => (
            codes::NOT_A_NUMBER,
            format!("Skriv ett tal i {sv}, till exempel 12 eller 3,5."),
            format!("Enter a number in {en}, for example 12 or 3.5."),
        ),
        Problem::NotAnInteger => (
            codes::NOT_AN_INTEGER,
            format!("Skriv ett heltal utan decimaler i {sv}"),
            format!("Enter a whole number without decimals in {en}"),
        ),
        Problem::BelowMinimum(min) => (
            codes::BELOW_MINIMUM,
            format!("{sv} kan inte vara mindre än {}.", number(*min, Lang::Sv)),
            format!("{en} cannot be less than {}.", number(*min, Lang::En)),
        ),
        Problem::AboveMaximum(max) => (
            codes::ABOVE_MAXIMUM,
            format!("{sv} kan inte vara större än {}.", number(*max, Lang::Sv)),
            format!("{en} cannot be more than {}.", number(*max, Lang::En)),
        ),
        Problem::InvalidDate => (
            codes::INVALID_DATE,
            format!("Skriv datumet i {sv} som år-månad-dag, till exempel 2026-08-17."),
            format!("Enter the date in {en} as year-month-day, for example 2026-08-17."),
        ),
        Problem::DateTooEarly(min) => (
            codes::DATE_TOO_EARLY,
            format!("Datumet i {sv} kan tidigast vara {min}."),
            format!("The date in {en} can be {min} at the earliest."),
        ),
        Problem::DateTooLate(max) => (
            codes::DATE_TOO_LATE,
            format!("Datumet i {sv} kan senast vara {max}."),
            format!("The date in {en} can be {max} at the latest."),
        ),
        Problem::DateInFuture => (
            codes::DATE_IN_FUTURE,
            format!("Datumet i {sv} kan inte vara senare än i dag."),
            format!("The date in {en} cannot be later than today."),
        ),
        Problem::DateInPast => (
            codes::DATE_IN_PAST,
            format!("Datumet i {sv} har redan passerat. Välj dagens datum eller ett senare."),
            format!("The date in {en} has already passed. Choose today or a later date."),
        ),
        Problem::InvalidChoice => (
            codes::INVALID_CHOICE,
            format!("Välj bland de alternativ som finns i {sv}"),
            format!("Choose from the options given in {en}"),
        ),
        Problem::TooFewSelected(min) => (
            codes::TOO_FEW_SELECTED,
            format!("Välj minst {} i {sv}", options_sv(*min)),
            format!("Choose at least {} in {en}", options_en(*min)),
        ),
        Problem::TooManySelected(max) => (
            codes::TOO_MANY_SELECTED,
            format!("Välj högst {} i {sv}", options_sv(*max)),
            format!("Choose at most {} in {en}", options_en(*max)),
        ),
        Problem::MustBeYes => (
            codes::MUST_BE_YES,
            format!("Du behöver svara ja på {sv} för att kunna skicka in."),
            format!("You need to answer yes to {en} to be able to submit."),
        ),
        Problem::InvalidEmail => (
            codes::INVALID_EMAIL,
            format!("Skriv e-postadressen i {sv} på formen namn@exempel.se."),
            format!("Enter the e-mail address in {en} in the format name@example.com."),
        ),
        Problem::InvalidPhone => (
            codes::INVALID_PHONE,
            format!(
                "Skriv ett telefonnummer i {sv}, till exempel 08-123 456 78 eller 070-123 45 67, eller ett nummer med landsnummer, till exempel +46 8 123 456 78."
            ),
            format!(
                "Enter a phone number in {en}, for example 08-123 456 78 or 070-123 45 67, or a number with a country code, for example +46 8 123 456 78."
            ),
        ),
        Problem::InvalidMobile => (
            codes::INVALID_PHONE,
            format!(
                "Skriv ett mobilnummer i {sv}, till exempel 070-123 45 67: sms når bara mobiltelefoner."
            ),
            format!(
                "Enter a mobile number in {en}, for example 070-123 45 67: text messages only reach mobile phones."
            ),
        ),
        Problem::InvalidPersonnummer(error) => {
            let (sv_text, en_text) = personnummer(*error, &sv, &en);
            (codes::INVALID_PERSONNUMMER, sv_text, en_text)
        }
        Problem::InvalidPostalCode => (
            codes::INVALID_POSTAL_CODE,
            format!("Postnumret i {sv} ska ha fem siffror, till exempel 733 30."),
            format!("The postcode in {en} should have five digits, for example 733 30."),
        ),
        Problem::IncompleteAddress => (
            codes::INCOMPLETE_ADDRESS,
            format!("Fyll i gatuadress, postnummer och ort i {sv}"),
            format!("Fill in the street address, postcode and town in {en}"),
        ),
        Problem::TooManyFiles { max, actual } => {
            let excess = actual.saturating_sub(usize::try_from(*max).unwrap_or(usize::MAX));
            (
                codes::TOO_MANY_FILES,
                format!(
                    "Du kan bifoga högst {} i {sv}. Ta bort {}.",
                    files_sv(to_u64(*max)),
                    files_sv(to_u64(excess))
                ),
                format!(
                    "You can attach at most {} in {en}. Remove {}.",
                    files_en(to_u64(*max)),
                    files_en(to_u64(excess))
                ),
            )
        }
        Problem::WrongType => (
            codes::WRONG_TYPE,
            format!("Svaret i {sv} kunde inte läsas. Ladda om sidan och fyll i det igen."),
            format!("The answer in {en} could not be read. Reload the page and fill it in again."),
        ),
    };
    (code, (finish(sv_text), finish(en_text)))
}

fn required(kind: &FieldKind, sv: &str, en: &str) -> (String, String) {
    match kind {
        FieldKind::Email {} => (
            format!("Fyll i en e-postadress i {sv}"),
            format!("Enter an e-mail address in {en}"),
        ),
        FieldKind::Phone {
            purpose: PhonePurpose::Sms,
        } => (
            format!("Fyll i ett mobilnummer i {sv}"),
            format!("Enter a mobile number in {en}"),
        ),
        FieldKind::Phone { .. } => (
            format!("Fyll i ett telefonnummer i {sv}"),
            format!("Enter a phone number in {en}"),
        ),
        FieldKind::Personnummer {} => (
            format!("Fyll i ett personnummer i {sv}"),
            format!("Enter a personal identity number in {en}"),
        ),
        FieldKind::Date { .. } => (
            format!("Fyll i ett datum i {sv}"),
            format!("Enter a date in {en}"),
        ),
        FieldKind::SingleChoice { .. } => (
            format!("Välj ett av alternativen i {sv}"),
            format!("Choose one of the options in {en}"),
        ),
        FieldKind::MultipleChoice { .. } => (
            format!("Välj minst ett alternativ i {sv}"),
            format!("Choose at least one option in {en}"),
        ),
        FieldKind::YesNo { .. } => (
            format!("Svara ja eller nej på {sv}"),
            format!("Answer yes or no to {en}"),
        ),
        FieldKind::PostalAddress {} => (
            format!("Fyll i gatuadress, postnummer och ort i {sv}"),
            format!("Fill in the street address, postcode and town in {en}"),
        ),
        FieldKind::FileUpload { .. } => (
            format!("Bifoga minst en fil i {sv}"),
            format!("Attach at least one file in {en}"),
        ),
        FieldKind::ShortText { .. }
        | FieldKind::LongText { .. }
        | FieldKind::Number { .. }
        | FieldKind::Info { .. } => (format!("Fyll i {sv}"), format!("Fill in {en}")),
    }
}

fn pattern_mismatch(pattern: TextPattern, sv: &str, en: &str) -> (String, String) {
    match pattern {
        TextPattern::Digits => (
            format!("Skriv bara siffror i {sv}, utan mellanslag eller bindestreck."),
            format!("Use only digits in {en}, without spaces or hyphens."),
        ),
        TextPattern::PostalCode => (
            format!("Skriv postnumret i {sv} med fem siffror, till exempel 733 30."),
            format!("Enter the postcode in {en} as five digits, for example 733 30."),
        ),
        TextPattern::RegistrationNumber => (
            format!(
                "Skriv registreringsnumret i {sv} som tre bokstäver följda av tre tecken, till exempel ABC 123 eller ABC 12A."
            ),
            format!(
                "Enter the registration number in {en} as three letters followed by three characters, for example ABC 123 or ABC 12A."
            ),
        ),
        TextPattern::OrganisationNumber => (
            format!(
                "Skriv organisationsnumret i {sv} med tio siffror, NNNNNN-NNNN. Kontrollera att alla siffror är rätt."
            ),
            format!(
                "Enter the organisation number in {en} as ten digits, NNNNNN-NNNN. Check that every digit is right."
            ),
        ),
    }
}

fn personnummer(error: PersonnummerError, sv: &str, en: &str) -> (String, String) {
    match error {
        PersonnummerError::InvalidFormat | PersonnummerError::CenturyRequired => (
            format!("Skriv personnumret i {sv} med tolv siffror, ÅÅÅÅMMDD-NNNN."),
            format!("Enter the personal identity number in {en} as twelve digits, YYYYMMDD-NNNN."),
        ),
        PersonnummerError::InvalidDate => (
            format!(
                "Personnumret i {sv} innehåller ett datum som inte finns. Kontrollera siffrorna."
            ),
            format!(
                "The personal identity number in {en} contains a date that does not exist. Check the digits."
            ),
        ),
        PersonnummerError::InvalidChecksum => (
            format!(
                "Personnumret i {sv} stämmer inte. Kontrollera att alla siffror är rätt, särskilt de fyra sista."
            ),
            format!(
                "The personal identity number in {en} is not valid. Check that every digit is right, especially the last four."
            ),
        ),
        PersonnummerError::BirthDateInFuture => (
            format!(
                "Personnumret i {sv} har ett födelsedatum som inte har varit än. Kontrollera siffrorna."
            ),
            format!(
                "The personal identity number in {en} has a date of birth that has not happened yet. Check the digits."
            ),
        ),
        PersonnummerError::InvalidSerialNumber => (
            format!(
                "Personnumret i {sv} kan inte ha 000 som de tre siffrorna efter datumet. Kontrollera siffrorna."
            ),
            format!(
                "The personal identity number in {en} cannot have 000 as the three digits after the date. Check the digits."
            ),
        ),
    }
}

/// The message for an answer to a field the e-service does not have.
pub(crate) fn unknown_field(key: &str) -> Texts {
    (
        format!(
            "Svaret {} hör inte till den här e-tjänsten. Ladda om sidan och försök igen.",
            quote_sv(key)
        ),
        format!(
            "The answer {} does not belong to this e-service. Reload the page and try again.",
            quote_en(key)
        ),
    )
}

/// The message for a step id that does not exist.
pub(crate) fn unknown_step(id: &str) -> Texts {
    (
        format!(
            "Steget {} finns inte i den här e-tjänsten. Ladda om sidan och försök igen.",
            quote_sv(id)
        ),
        format!(
            "The step {} does not exist in this e-service. Reload the page and try again.",
            quote_en(id)
        ),
    )
}

/// A label in Swedish quotation marks, ”…”.
fn quote_sv(label: &str) -> String {
    format!("\u{201d}{}\u{201d}", label.trim())
}

/// A label in English quotation marks, “…”.
fn quote_en(label: &str) -> String {
    format!("\u{201c}{}\u{201d}", label.trim())
}

/// Adds a full stop unless the sentence already ends with one, or with a
/// quoted label that ends in `.`, `?` or `!`.
fn finish(mut text: String) -> String {
    let mut tail = text.chars().rev();
    let last = tail.next();
    let before = tail.next();
    let ends_quoted_stop = last == Some('”') && matches!(before, Some('.' | '?' | '!'));
    if !ends_quoted_stop && !matches!(last, Some('.' | '?' | '!')) {
        text.push('.');
    }
    text
}

fn to_u64(value: impl TryInto<u64>) -> u64 {
    value.try_into().unwrap_or(u64::MAX)
}

/// A whole number, grouped in thousands from five digits (`12 000`,
/// `12,000`), as Swedish and English style guides recommend.
pub(crate) fn count(value: impl TryInto<u64>, lang: Lang) -> String {
    let digits = to_u64(value).to_string();
    if digits.len() < 5 {
        return digits;
    }
    let separator = match lang {
        Lang::Sv => '\u{a0}',
        Lang::En => ',',
    };
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            grouped.push(separator);
        }
        grouped.push(digit);
    }
    grouped
}

/// A number for a message: whole numbers grouped, decimals with a comma in
/// Swedish.
pub(crate) fn number(value: f64, lang: Lang) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        let sign = if value < 0.0 { "-" } else { "" };
        // Exact: the value is whole and well inside u64.
        let whole = value.abs() as u64;
        return format!("{sign}{}", count(whole, lang));
    }
    let text = value.to_string();
    match lang {
        Lang::Sv => text.replace('.', ","),
        Lang::En => text,
    }
}

fn characters_sv(n: u32) -> String {
    format!("{} tecken", count(n, Lang::Sv))
}

fn characters_en(n: u32) -> String {
    if n == 1 {
        "1 character".to_owned()
    } else {
        format!("{} characters", count(n, Lang::En))
    }
}

fn options_sv(n: u32) -> String {
    if n == 1 {
        "ett alternativ".to_owned()
    } else {
        format!("{n} alternativ")
    }
}

fn options_en(n: u32) -> String {
    if n == 1 {
        "one option".to_owned()
    } else {
        format!("{n} options")
    }
}

/// "en fil" / "3 filer".
pub(crate) fn files_sv(n: u64) -> String {
    if n == 1 {
        "en fil".to_owned()
    } else {
        format!("{n} filer")
    }
}

/// "1 file" / "3 files".
pub(crate) fn files_en(n: u64) -> String {
    if n == 1 {
        "1 file".to_owned()
    } else {
        format!("{n} files")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sentence_ending_with_a_quoted_question_gets_no_extra_full_stop() {
        assert_eq!(
            finish("Svara på ”Vill du?”".to_owned()),
            "Svara på ”Vill du?”"
        );
        assert_eq!(finish("Fyll i ”Namn”".to_owned()), "Fyll i ”Namn”.");
        assert_eq!(finish("Klart.".to_owned()), "Klart.");
    }

    #[test]
    fn numbers_use_a_decimal_comma_in_swedish_and_group_large_values() {
        assert_eq!(number(3.5, Lang::Sv), "3,5");
        assert_eq!(number(3.5, Lang::En), "3.5");
        assert_eq!(number(5000.0, Lang::Sv), "5000");
        assert_eq!(number(20_000.0, Lang::Sv), "20\u{a0}000");
        assert_eq!(number(20_000.0, Lang::En), "20,000");
        assert_eq!(number(-1_234_567.0, Lang::En), "-1,234,567");
    }
}
