//! Swedish local time (Europe/Stockholm) from a UTC instant, without a time zone database.
//!
//! Sweden has followed the EU summer-time rule since 1996: UTC+2 from 01:00 UTC on the last
//! Sunday of March to 01:00 UTC on the last Sunday of October, UTC+1 otherwise. Case numbers
//! count per Swedish year and date rules ("not in the past", age limits) use the Swedish date,
//! so a case sent at 00:30 on 1 January belongs to the new year although it is still 31 December
//! in UTC.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, TimeZone, Utc, Weekday};

/// The wall-clock time in Sweden at `at`.
#[must_use]
pub fn swedish_local_time(at: DateTime<Utc>) -> NaiveDateTime {
    (at + Duration::seconds(i64::from(utc_offset_seconds(at)))).naive_utc()
}

/// The calendar date in Sweden at `at`.
#[must_use]
pub fn swedish_date(at: DateTime<Utc>) -> NaiveDate {
    swedish_local_time(at).date()
}

/// The year in Sweden at `at`, e.g. for case numbers.
#[must_use]
pub fn swedish_year(at: DateTime<Utc>) -> i32 {
    swedish_date(at).year()
}

/// Sweden's offset from UTC at `at`: 3600 (CET) or 7200 (CEST) seconds.
#[must_use]
pub fn utc_offset_seconds(at: DateTime<Utc>) -> i32 {
    let year = at.year();
    match (summer_time_starts(year), summer_time_ends(year)) {
        (Some(start), Some(end)) if at >= start && at < end => 7200,
        _ => 3600,
    }
}

/// 01:00 UTC on the last Sunday of March.
fn summer_time_starts(year: i32) -> Option<DateTime<Utc>> {
    last_sunday_at_one_utc(year, 3)
}

/// 01:00 UTC on the last Sunday of October.
fn summer_time_ends(year: i32) -> Option<DateTime<Utc>> {
    last_sunday_at_one_utc(year, 10)
}

fn last_sunday_at_one_utc(year: i32, month: u32) -> Option<DateTime<Utc>> {
    let last_day = NaiveDate::from_ymd_opt(year, month, 31)?;
    let back = last_day.weekday().num_days_from_sunday();
    let sunday = last_day - Duration::days(i64::from(back));
    debug_assert_eq!(sunday.weekday(), Weekday::Sun);
    Utc.from_local_datetime(&sunday.and_hms_opt(1, 0, 0)?)
        .single()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, h, min, 0).unwrap()
    }

    #[test]
    fn half_past_midnight_on_new_years_day_in_sweden_is_the_new_year() {
        // 2026-12-31 23:30 UTC is 2027-01-01 00:30 in Stockholm.
        let at = utc(2026, 12, 31, 23, 30);
        assert_eq!(swedish_year(at), 2027);
        assert_eq!(
            swedish_date(at),
            NaiveDate::from_ymd_opt(2027, 1, 1).unwrap()
        );
        assert_eq!(swedish_year(utc(2026, 12, 31, 22, 59)), 2026);
    }

    #[test]
    fn summer_time_follows_the_eu_rule() {
        // 2026: last Sunday of March is the 29th, of October the 25th.
        assert_eq!(utc_offset_seconds(utc(2026, 3, 29, 0, 59)), 3600);
        assert_eq!(utc_offset_seconds(utc(2026, 3, 29, 1, 0)), 7200);
        assert_eq!(utc_offset_seconds(utc(2026, 10, 25, 0, 59)), 7200);
        assert_eq!(utc_offset_seconds(utc(2026, 10, 25, 1, 0)), 3600);
        assert_eq!(utc_offset_seconds(utc(2026, 7, 1, 12, 0)), 7200);
        assert_eq!(utc_offset_seconds(utc(2026, 1, 15, 12, 0)), 3600);
    }

    #[test]
    fn a_summer_evening_in_utc_is_already_the_next_day_in_sweden() {
        let at = utc(2026, 6, 30, 22, 30);
        assert_eq!(
            swedish_date(at),
            NaiveDate::from_ymd_opt(2026, 7, 1).unwrap()
        );
        assert_eq!(
            swedish_local_time(at),
            NaiveDate::from_ymd_opt(2026, 7, 1)
                .unwrap()
                .and_hms_opt(0, 30, 0)
                .unwrap()
        );
    }
}
