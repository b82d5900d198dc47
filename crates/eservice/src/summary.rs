//! The plain-text summary a citizen sees in the BankID app when signing.

use serde_json::Value;

use crate::answers::{Answers, answered_fields};
use crate::definition::{EServiceDefinition, Field, FieldKind, PostalAddress};
use crate::localized::Lang;
use crate::messages::{count, number};
use crate::validate::parse_number;

/// Longest summary, in characters.
pub const SUMMARY_MAX_CHARS: usize = 1500;
/// Longest rendering of one answer, in characters.
pub const SUMMARY_MAX_ANSWER_CHARS: usize = 200;

/// A short plain-text summary of the case for BankID `userVisibleData`
/// (send it with `userVisibleDataFormat` `plaintext`).
///
/// ```text
/// Jag skickar in: Felanmälan gata och park
///
/// Vad är det för fel? Gatubelysning som inte fungerar
/// Var finns felet?: Storgatan 12
/// Bilder på felet: 2 bifogade filer
/// ```
///
/// One line per visible, answered field in form order: the label, `: ` (or
/// just a space after a label ending in `?`, `!`, `:` or `.`), and the answer:
/// the option label for choices, Ja/Nej for yes/no, the number of files for
/// uploads, and the text with runs of whitespace collapsed, cut at
/// [`SUMMARY_MAX_ANSWER_CHARS`]. The whole text is cut at
/// [`SUMMARY_MAX_CHARS`] characters, on a character boundary, ending in `…`.
#[must_use]
pub fn summary_text(definition: &EServiceDefinition, answers: &Answers, lang: Lang) -> String {
    let title = definition.title().get(lang).trim();
    let mut text = match lang {
        Lang::Sv => format!("Jag skickar in: {title}\n"),
        Lang::En => format!("I am submitting: {title}\n"),
    };
    for (field, value) in answered_fields(definition, answers) {
        let Some(rendered) = render(field, value, lang) else {
            continue;
        };
        let label = field.label.get(lang).trim();
        text.push('\n');
        text.push_str(label);
        if label.ends_with(['?', '!', ':', '.']) {
            text.push(' ');
        } else {
            text.push_str(": ");
        }
        text.push_str(&truncate(
            &collapse_whitespace(&rendered),
            SUMMARY_MAX_ANSWER_CHARS,
        ));
    }
    truncate(&text, SUMMARY_MAX_CHARS)
}

/// Longest draft label, in characters.
pub const DRAFT_LABEL_MAX_CHARS: usize = 60;

/// What tells one draft of an e-service from another on Mina sidor: the first text answer
/// (short or long text, in form order, visible and not blank), on one line and cut at
/// [`DRAFT_LABEL_MAX_CHARS`]. E-mail, phone and personnummer answers are never used.
#[must_use]
pub fn draft_label(definition: &EServiceDefinition, answers: &Answers) -> Option<String> {
    answered_fields(definition, answers)
        .into_iter()
        .find_map(|(field, value)| match &field.kind {
            FieldKind::ShortText { .. } | FieldKind::LongText { .. } => {
                let text = value
                    .as_str()?
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ");
                (!text.is_empty()).then(|| truncate(&text, DRAFT_LABEL_MAX_CHARS))
            }
            _ => None,
        })
}

/// One answer as text, or `None` if it has the wrong shape.
fn render(field: &Field, value: &Value, lang: Lang) -> Option<String> {
    match &field.kind {
        FieldKind::ShortText { .. }
        | FieldKind::LongText { .. }
        | FieldKind::Date { .. }
        | FieldKind::Email {}
        | FieldKind::Phone { .. }
        | FieldKind::Personnummer {} => value.as_str().map(|text| text.trim().to_owned()),
        FieldKind::Number { .. } => parse_number(value).ok().map(|n| number(n, lang)),
        FieldKind::SingleChoice { options, .. } => {
            let chosen = value.as_str()?;
            let option = options.iter().find(|option| option.value == chosen)?;
            Some(option.label.get(lang).trim().to_owned())
        }
        FieldKind::MultipleChoice { options, .. } => {
            let labels: Vec<&str> = options
                .iter()
                .filter(|option| {
                    value.as_array().is_some_and(|chosen| {
                        chosen.iter().any(|v| v.as_str() == Some(&option.value))
                    })
                })
                .map(|option| option.label.get(lang).trim())
                .collect();
            (!labels.is_empty()).then(|| labels.join(", "))
        }
        FieldKind::YesNo { .. } => value.as_bool().map(|yes| {
            match (lang, yes) {
                (Lang::Sv, true) => "Ja",
                (Lang::Sv, false) => "Nej",
                (Lang::En, true) => "Yes",
                (Lang::En, false) => "No",
            }
            .to_owned()
        }),
        FieldKind::PostalAddress {} => {
            let address: PostalAddress = serde_json::from_value(value.clone()).ok()?;
            Some(format!(
                "{}, {} {}",
                address.street.trim(),
                address.postal_code.trim(),
                address.city.trim()
            ))
        }
        FieldKind::FileUpload { .. } => {
            let n = value.as_array()?.len();
            let files = count(u64::try_from(n).unwrap_or(u64::MAX), lang);
            Some(match (lang, n) {
                (Lang::Sv, 1) => "1 bifogad fil".to_owned(),
                (Lang::Sv, _) => format!("{files} bifogade filer"),
                (Lang::En, 1) => "1 attached file".to_owned(),
                (Lang::En, _) => format!("{files} attached files"),
            })
        }
        FieldKind::Info { .. } => None,
    }
}

fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// At most `max` characters; a longer text is cut on a character boundary
/// and ends in `…`.
fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let mut cut: String = text.chars().take(max.saturating_sub(1)).collect();
    let trimmed_len = cut.trim_end().len();
    cut.truncate(trimmed_len);
    cut.push('…');
    cut
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncation_counts_characters_not_bytes() {
        let text = "åäö".repeat(10);
        let cut = truncate(&text, 10);
        assert_eq!(cut.chars().count(), 10);
        assert!(cut.ends_with('…'));
        assert!(cut.starts_with("åäöåäöåäö"));
        assert_eq!(truncate("kort", 10), "kort");
    }

    #[test]
    fn whitespace_runs_collapse_to_single_spaces() {
        assert_eq!(
            collapse_whitespace("  rad ett\n\nrad\ttvå "),
            "rad ett rad två"
        );
    }
}
