//! Per-IP rate limits on writes (posting, editing, deleting), keyed by IPv4 address or IPv6 /64.
//! Backed by `governor`'s lock-free keyed limiter, so limits hold under concurrency.

use std::net::IpAddr;
use std::num::NonZeroU32;

use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

/// The per-IP write limiter.
pub struct Limiter {
    inner: DefaultKeyedRateLimiter<IpAddr>,
}

impl Limiter {
    /// `per_minute` sustained writes with bursts of `burst` (each at least 1).
    pub fn new(per_minute: u32, burst: u32) -> Self {
        let per_minute = NonZeroU32::new(per_minute.max(1)).unwrap_or(NonZeroU32::MIN);
        let burst = NonZeroU32::new(burst.max(1)).unwrap_or(NonZeroU32::MIN);
        Limiter {
            inner: RateLimiter::keyed(Quota::per_minute(per_minute).allow_burst(burst)),
        }
    }

    /// `per_hour` sustained requests with bursts of `burst` (each at least 1).
    pub fn per_hour(per_hour: u32, burst: u32) -> Self {
        let per_hour = NonZeroU32::new(per_hour.max(1)).unwrap_or(NonZeroU32::MIN);
        let burst = NonZeroU32::new(burst.max(1)).unwrap_or(NonZeroU32::MIN);
        Limiter {
            inner: RateLimiter::keyed(Quota::per_hour(per_hour).allow_burst(burst)),
        }
    }

    /// Takes one write from `ip`'s allowance; false when it is used up.
    pub fn check(&self, ip: Option<IpAddr>) -> bool {
        let key = match ip {
            Some(IpAddr::V6(v6)) => {
                let mut seg = v6.segments();
                seg[4..].iter_mut().for_each(|s| *s = 0);
                IpAddr::V6(seg.into())
            }
            Some(v4) => v4,
            None => IpAddr::from([0u8, 0, 0, 0]),
        };
        self.inner.check_key(&key).is_ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn burst_then_refuse_and_v6_shares_a_64() {
        let l = Limiter::new(1, 3);
        let a: IpAddr = "2001:db8::1".parse().expect("ip");
        let b: IpAddr = "2001:db8::ffff".parse().expect("ip");
        assert!(l.check(Some(a)));
        assert!(l.check(Some(b)));
        assert!(l.check(Some(a)));
        assert!(!l.check(Some(b)), "same /64 shares the allowance");
        assert!(l.check(Some("192.0.2.1".parse().expect("ip"))));
    }
}
