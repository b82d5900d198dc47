//! The counters in this process: one governor GCRA table per budget and scope, each holding at
//! most `max_keys` keys.

use std::num::NonZeroU32;

use governor::clock::Clock;
use governor::{DefaultKeyedRateLimiter, Quota};

use super::{Budget, Key, RateLimitSettings, Refusal};

/// One budget's two tables.
struct Tables {
    per_ip: DefaultKeyedRateLimiter<Key>,
    per_user: DefaultKeyedRateLimiter<Key>,
}

/// Every budget's counters in this process.
pub struct MemoryLimits {
    max_keys: usize,
    tables: Vec<(Budget, Tables)>,
}

impl std::fmt::Debug for MemoryLimits {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MemoryLimits")
            .field("max_keys", &self.max_keys)
            .finish_non_exhaustive()
    }
}

fn quota(per_minute: u32) -> Quota {
    Quota::per_minute(NonZeroU32::new(per_minute).unwrap_or(NonZeroU32::MIN))
}

impl MemoryLimits {
    /// Empty tables with the settings' limits.
    pub fn new(settings: &RateLimitSettings) -> Self {
        let tables = Budget::ALL
            .iter()
            .map(|budget| {
                let limits = settings.limits(*budget);
                let tables = Tables {
                    per_ip: DefaultKeyedRateLimiter::keyed(quota(limits.per_ip)),
                    per_user: DefaultKeyedRateLimiter::keyed(quota(limits.per_user)),
                };
                (*budget, tables)
            })
            .collect();
        Self {
            max_keys: settings.max_keys,
            tables,
        }
    }

    /// Counts one request against every key.
    pub fn check(&self, budget: Budget, keys: &[Key]) -> Result<(), Refusal> {
        let Some((_, tables)) = self.tables.iter().find(|(b, _)| *b == budget) else {
            return Err(Refusal::Unavailable);
        };
        for key in keys {
            let table = match key {
                Key::Ip(_) => &tables.per_ip,
                Key::User(_) => &tables.per_user,
            };
            // Past the bound nobody is counted (governor cannot tell a known key from a new
            // one without inserting it), so the table never grows past it by more than the
            // requests in flight; keys age out within a minute of their last request.
            if table.len() > self.max_keys {
                table.retain_recent();
                if table.len() > self.max_keys {
                    return Err(Refusal::Unavailable);
                }
            }
            if let Err(not_until) = table.check_key(key) {
                let wait = not_until.wait_time_from(table.clock().now());
                let seconds = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
                return Err(Refusal::Limited(seconds.max(1)));
            }
        }
        Ok(())
    }

    /// Drops the keys whose counters are back to fresh, so memory follows the active clients.
    pub fn retain_recent(&self) {
        for (_, tables) in &self.tables {
            for table in [&tables.per_ip, &tables.per_user] {
                table.retain_recent();
                table.shrink_to_fit();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::net::IpAddr;

    use super::*;

    fn settings(max_keys: usize) -> RateLimitSettings {
        RateLimitSettings {
            max_keys,
            ..RateLimitSettings::default()
        }
    }

    #[test]
    fn a_spent_budget_is_refused_with_a_wait_and_another_client_is_not() {
        let limits = MemoryLimits::new(&settings(1000));
        let ip = Key::ip("192.0.2.1".parse::<IpAddr>().unwrap());
        let other = Key::ip("192.0.2.2".parse::<IpAddr>().unwrap());
        for _ in 0..10 {
            assert_eq!(limits.check(Budget::BankidStart, &[ip]), Ok(()));
        }
        let Err(Refusal::Limited(wait)) = limits.check(Budget::BankidStart, &[ip]) else {
            panic!("the eleventh start in a minute passed");
        };
        // Ten a minute: one more is allowed about six seconds later.
        assert!((1..=7).contains(&wait), "{wait}");
        assert_eq!(limits.check(Budget::BankidStart, &[other]), Ok(()));
        // Budgets are separate.
        assert_eq!(limits.check(Budget::BankidPoll, &[ip]), Ok(()));
    }

    #[test]
    fn a_full_table_refuses_new_clients_instead_of_growing() {
        let limits = MemoryLimits::new(&settings(100));
        assert_eq!(limits.tables[0].0, Budget::BankidStart);
        // Each client spends its whole budget, so no key can be forgotten.
        for n in 0..100u32 {
            let key = Key::ip(IpAddr::from(std::net::Ipv4Addr::from(0x0a00_0000 + n)));
            for _ in 0..10 {
                assert_eq!(limits.check(Budget::BankidStart, &[key]), Ok(()));
            }
        }
        // The table may reach its bound; past it nobody new is counted.
        let newcomer = Key::ip("192.0.2.200".parse::<IpAddr>().unwrap());
        assert_eq!(limits.check(Budget::BankidStart, &[newcomer]), Ok(()));
        let another = Key::ip("192.0.2.201".parse::<IpAddr>().unwrap());
        assert_eq!(
            limits.check(Budget::BankidStart, &[another]),
            Err(Refusal::Unavailable)
        );
        assert_eq!(limits.tables[0].1.per_ip.len(), 101);
    }
}
