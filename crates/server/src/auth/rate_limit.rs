//! A fixed-window rate limiter per key (client IP), in memory per node. With several nodes the
//! effective limit is per node; the load balancer's own limits cover the rest.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;

use chrono::{DateTime, Duration, Utc};

/// Allows `limit` hits per `window` per key.
#[derive(Debug)]
pub struct RateLimiter {
    limit: u32,
    window: Duration,
    hits: Mutex<HashMap<IpAddr, (DateTime<Utc>, u32)>>,
}

impl RateLimiter {
    /// A limiter for `limit` hits per `window`.
    pub fn new(limit: u32, window: Duration) -> Self {
        Self {
            limit,
            window,
            hits: Mutex::new(HashMap::new()),
        }
    }

    /// Records a hit; `Err(seconds)` says how long to wait when over the limit.
    pub fn check(&self, key: IpAddr, now: DateTime<Utc>) -> Result<(), u64> {
        let Ok(mut hits) = self.hits.lock() else {
            return Ok(());
        };
        if hits.len() > 100_000 {
            let window = self.window;
            hits.retain(|_, (start, _)| now < *start + window);
        }
        let entry = hits.entry(key).or_insert((now, 0));
        if now >= entry.0 + self.window {
            *entry = (now, 0);
        }
        if entry.1 >= self.limit {
            let wait = (entry.0 + self.window - now).num_seconds().max(1);
            return Err(u64::try_from(wait).unwrap_or(1));
        }
        entry.1 += 1;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    #[test]
    fn the_limit_holds_within_a_window_and_resets_after_it() {
        let limiter = RateLimiter::new(2, Duration::seconds(60));
        let ip: IpAddr = "192.0.2.1".parse().unwrap();
        let other: IpAddr = "192.0.2.2".parse().unwrap();
        let t0 = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
        assert!(limiter.check(ip, t0).is_ok());
        assert!(limiter.check(ip, t0).is_ok());
        assert_eq!(limiter.check(ip, t0 + Duration::seconds(10)), Err(50));
        assert!(limiter.check(other, t0).is_ok());
        assert!(limiter.check(ip, t0 + Duration::seconds(60)).is_ok());
    }
}
