//! Time in the browser: the clock (`Date.now()`), sleeping on `setTimeout`, and parsing the
//! times the server sends.
//!
//! Everything runs on the browser's own clock and timers, so that Playwright's `page.clock` can
//! fake and fast-forward them. Times are milliseconds since the Unix epoch as `f64`, like
//! JavaScript's.

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;

/// Now, on the browser's clock.
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// Waits `ms` milliseconds on the browser's `setTimeout`. Returns at once when there is no
/// window (which does not happen in the app).
pub async fn sleep(ms: u32) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        let callback = Closure::once_into_js(move || {
            let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
        });
        let timeout = i32::try_from(ms).unwrap_or(i32::MAX);
        let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(
            callback.unchecked_ref(),
            timeout,
        );
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Milliseconds since the epoch of an RFC 3339 time, e.g. `2026-01-01T12:00:00.123456789+00:00`
/// or `2026-01-01T12:00:00Z`, as the server writes them. `None` for anything else.
pub fn parse_rfc3339_ms(text: &str) -> Option<f64> {
    let bytes = text.as_bytes();
    if bytes.len() < 20 || bytes.get(4) != Some(&b'-') || bytes.get(7) != Some(&b'-') {
        return None;
    }
    if !matches!(bytes.get(10), Some(b'T' | b't' | b' ')) {
        return None;
    }
    if bytes.get(13) != Some(&b':') || bytes.get(16) != Some(&b':') {
        return None;
    }
    let year = digits(text, 0, 4)?;
    let month = digits(text, 5, 7)?;
    let day = digits(text, 8, 10)?;
    let hour = digits(text, 11, 13)?;
    let minute = digits(text, 14, 16)?;
    let second = digits(text, 17, 19)?;
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) || hour > 23 || minute > 59 {
        return None;
    }
    if second > 60 {
        return None;
    }

    let mut rest = text.get(19..)?;
    let mut fraction_ms = 0.0;
    if let Some(after_dot) = rest.strip_prefix('.') {
        let count = after_dot.bytes().take_while(u8::is_ascii_digit).count();
        if count == 0 {
            return None;
        }
        let fraction = after_dot.get(..count)?;
        // Milliseconds are enough; the rest of the digits only round.
        let millis: String = fraction.chars().chain("000".chars()).take(3).collect();
        fraction_ms = f64::from(millis.parse::<u32>().ok()?);
        rest = after_dot.get(count..)?;
    }

    let offset_minutes: i64 = match rest {
        "Z" | "z" => 0,
        _ => {
            let sign = match rest.as_bytes().first()? {
                b'+' => 1,
                b'-' => -1,
                _ => return None,
            };
            if rest.len() != 6 || rest.as_bytes().get(3) != Some(&b':') {
                return None;
            }
            let hours = digits(rest, 1, 3)?;
            let minutes = digits(rest, 4, 6)?;
            sign * (hours * 60 + minutes)
        }
    };

    let days = days_from_civil(year, month, day);
    let seconds = days * 86_400 + hour * 3_600 + minute * 60 + second - offset_minutes * 60;
    Some(seconds as f64 * 1000.0 + fraction_ms)
}

/// Milliseconds since the epoch of an HTTP date (RFC 9110 IMF-fixdate), e.g. the `Date` header
/// `Sun, 06 Nov 1994 08:49:37 GMT`. `None` for anything else.
pub fn parse_http_date_ms(text: &str) -> Option<f64> {
    let mut parts = text.split_ascii_whitespace();
    let _weekday = parts.next()?.strip_suffix(',')?;
    let day: i64 = parts.next()?.parse().ok()?;
    let month = match parts.next()? {
        "Jan" => 1,
        "Feb" => 2,
        "Mar" => 3,
        "Apr" => 4,
        "May" => 5,
        "Jun" => 6,
        "Jul" => 7,
        "Aug" => 8,
        "Sep" => 9,
        "Oct" => 10,
        "Nov" => 11,
        "Dec" => 12,
        _ => return None,
    };
    let year: i64 = parts.next()?.parse().ok()?;
    let mut clock = parts.next()?.split(':');
    let hour: i64 = clock.next()?.parse().ok()?;
    let minute: i64 = clock.next()?.parse().ok()?;
    let second: i64 = clock.next()?.parse().ok()?;
    if parts.next()? != "GMT" || parts.next().is_some() || clock.next().is_some() {
        return None;
    }
    if !(1..=31).contains(&day) || hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    let days = days_from_civil(year, month, day);
    Some((days * 86_400 + hour * 3_600 + minute * 60 + second) as f64 * 1000.0)
}

/// A countdown as `mm:ss`, rounding up to whole seconds (so `00:00` only when the time is up).
pub fn format_countdown(remaining_ms: f64) -> String {
    let seconds = (remaining_ms / 1000.0).ceil().max(0.0) as u64;
    format!("{:02}:{:02}", seconds / 60, seconds % 60)
}

/// The decimal number in `text[start..end]`, all ASCII digits.
fn digits(text: &str, start: usize, end: usize) -> Option<i64> {
    let part = text.get(start..end)?;
    if !part.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    part.parse().ok()
}

/// Days from 1970-01-01 to the given date of the proleptic Gregorian calendar (Howard Hinnant's
/// `days_from_civil`).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = if year >= 0 { year } else { year - 399 } / 400;
    let year_of_era = year - era * 400;
    let month_index = if month > 2 { month - 3 } else { month + 9 };
    let day_of_year = (153 * month_index + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc3339_times_as_the_server_writes_them_parse() {
        assert_eq!(parse_rfc3339_ms("1970-01-01T00:00:00Z"), Some(0.0));
        assert_eq!(
            parse_rfc3339_ms("2026-01-01T12:00:00+00:00"),
            Some(1_767_268_800_000.0)
        );
        assert_eq!(
            parse_rfc3339_ms("2026-01-01T12:00:00.123456789+00:00"),
            Some(1_767_268_800_123.0)
        );
        assert_eq!(
            parse_rfc3339_ms("2026-01-01T13:30:00.5+01:30"),
            Some(1_767_268_800_500.0)
        );
        assert_eq!(
            parse_rfc3339_ms("2024-02-29T23:59:59-01:00"),
            Some(1_709_254_799_000.0)
        );
    }

    #[test]
    fn anything_else_is_not_an_rfc3339_time() {
        for text in [
            "",
            "2026-01-01",
            "2026-01-01T12:00:00",
            "2026-13-01T12:00:00Z",
            "2026-01-01T24:00:00Z",
            "2026-01-01T12:00:00.Z",
            "2026-01-01T12:00:00+0100",
            "2026-01-01T12:00:00 UTC",
            "2026-0a-01T12:00:00Z",
            "2026-01-01T12:00:00+01:00x",
        ] {
            assert_eq!(parse_rfc3339_ms(text), None, "{text}");
        }
    }

    #[test]
    fn http_dates_parse() {
        assert_eq!(
            parse_http_date_ms("Sun, 06 Nov 1994 08:49:37 GMT"),
            Some(784_111_777_000.0)
        );
        assert_eq!(
            parse_http_date_ms("Thu, 01 Jan 2026 12:00:00 GMT"),
            Some(1_767_268_800_000.0)
        );
        assert_eq!(parse_http_date_ms("Sun, 06 Nov 1994 08:49:37 CET"), None);
        assert_eq!(parse_http_date_ms("Sunday, 06-Nov-94 08:49:37 GMT"), None);
        assert_eq!(parse_http_date_ms(""), None);
    }

    #[test]
    fn the_countdown_rounds_up_to_whole_seconds() {
        assert_eq!(format_countdown(120_000.0), "02:00");
        assert_eq!(format_countdown(119_001.0), "02:00");
        assert_eq!(format_countdown(59_000.0), "00:59");
        assert_eq!(format_countdown(600_000.0), "10:00");
        assert_eq!(format_countdown(1.0), "00:01");
        assert_eq!(format_countdown(0.0), "00:00");
        assert_eq!(format_countdown(-5_000.0), "00:00");
    }
}
