//! Keyset paging cursors: `<microseconds>_<id>` of the last row of a page, for lists ordered by
//! a time and then an id. The server gives them out and takes back only what parses.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::error::{ApiError, ErrorCode};

/// The cursor after a row at `at` with `id`.
#[must_use]
pub fn cursor(at: DateTime<Utc>, id: Uuid) -> String {
    format!("{}_{}", at.timestamp_micros(), id.simple())
}

/// The time and id in a cursor this server gave out; `invalid_query` naming `parameter`
/// otherwise.
///
/// # Errors
///
/// `invalid_query` for anything else.
pub fn parse(cursor: &str, parameter: &str) -> Result<(DateTime<Utc>, Uuid), ApiError> {
    let invalid = || ApiError::BadRequest {
        code: ErrorCode::InvalidQuery,
        detail: format!("`{parameter}` is not a cursor this server gave out."),
        detail_sv: format!("`{parameter}` är inte en sidmarkör som servern har lämnat ut."),
    };
    let (micros, id) = cursor.split_once('_').ok_or_else(invalid)?;
    let at = micros
        .parse::<i64>()
        .ok()
        .and_then(DateTime::from_timestamp_micros)
        .ok_or_else(invalid)?;
    let id = Uuid::try_parse(id).map_err(|_| invalid())?;
    Ok((at, id))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cursor_round_trips_and_nothing_else_parses() {
        let at = DateTime::from_timestamp_micros(1_700_000_000_123_456).unwrap();
        let id = Uuid::new_v4();
        assert_eq!(parse(&cursor(at, id), "after").unwrap(), (at, id));
        for bad in [
            "",
            "x_y",
            "12_notauuid",
            "abc_00000000000000000000000000000000",
        ] {
            assert!(parse(bad, "after").is_err(), "{bad}");
        }
    }
}
