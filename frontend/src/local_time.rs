//! Dates and times in the browser's time zone, for people: when a draft is kept until, when a
//! case was submitted, today's date for validation.

use crate::forms_i18n::{format_date, format_date_time};
use crate::i18n::Lang;
use crate::time;

/// The parts of a moment in the browser's time zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LocalParts {
    pub year: i32,
    pub month: u32,
    pub day: u32,
    pub hour: u32,
    pub minute: u32,
}

fn parts_of(date: &js_sys::Date) -> LocalParts {
    LocalParts {
        year: i32::try_from(date.get_full_year()).unwrap_or(1970),
        month: date.get_month() + 1,
        day: date.get_date(),
        hour: date.get_hours(),
        minute: date.get_minutes(),
    }
}

/// Milliseconds since the epoch in the browser's time zone.
pub fn local_parts_ms(ms: f64) -> LocalParts {
    parts_of(&js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms)))
}

/// Today's date in the browser's time zone, for the date rules of validation.
pub fn today() -> chrono::NaiveDate {
    let now = local_parts_ms(time::now_ms());
    chrono::NaiveDate::from_ymd_opt(now.year, now.month, now.day).unwrap_or_default()
}

/// An RFC 3339 time from the server as a date in words, e.g. "12 januari 2027".
pub fn date_words(lang: Lang, rfc3339: &str) -> Option<String> {
    let parts = local_parts_ms(time::parse_rfc3339_ms(rfc3339)?);
    Some(format_date(lang, parts.year, parts.month, parts.day))
}

/// An RFC 3339 time from the server as date and time in words.
pub fn date_time_words(lang: Lang, rfc3339: &str) -> Option<String> {
    let parts = local_parts_ms(time::parse_rfc3339_ms(rfc3339)?);
    Some(format_date_time(
        lang,
        (parts.year, parts.month, parts.day),
        (parts.hour, parts.minute),
    ))
}

/// The clock time of a moment (browser clock), e.g. "14.05" (Swedish) or "14:05" (English).
pub fn clock_at(lang: Lang, ms: f64) -> String {
    let at = local_parts_ms(ms);
    match lang {
        Lang::Sv => format!("{:02}.{:02}", at.hour, at.minute),
        Lang::En => format!("{:02}:{:02}", at.hour, at.minute),
    }
}
