//! Per-IP rate limits on writes (posting, editing, deleting) and on self-service link requests,
//! keyed by IPv4 address or IPv6 /64. Each limit is checked in process first (`governor`'s
//! lock-free keyed limiter, exact under concurrency), then, when shared, in the store, so that
//! several instances on one database share one allowance. The store sees only a keyed hash of
//! the address.

use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::Arc;

use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use retort_domain::store::Store;
use retort_domain::token::FormSigner;

/// The key a client's allowance is kept under: its IPv4 address, or its IPv6 /64 (one
/// subscriber's network); unknown clients share one key.
pub fn client_key(ip: Option<IpAddr>) -> IpAddr {
    match ip {
        Some(IpAddr::V6(v6)) => {
            let mut seg = v6.segments();
            seg[4..].iter_mut().for_each(|s| *s = 0);
            IpAddr::V6(seg.into())
        }
        Some(v4) => v4,
        None => IpAddr::from([0u8, 0, 0, 0]),
    }
}

/// A per-IP limiter.
pub struct Limiter {
    inner: DefaultKeyedRateLimiter<IpAddr>,
    interval_ms: i64,
    burst: u32,
    shared: Option<Shared>,
}

struct Shared {
    store: Arc<dyn Store>,
    signer: FormSigner,
    purpose: &'static str,
}

impl Limiter {
    fn with(quota: Quota, interval_ms: i64, burst: NonZeroU32) -> Self {
        Limiter {
            inner: RateLimiter::keyed(quota.allow_burst(burst)),
            interval_ms: interval_ms.max(1),
            burst: burst.get(),
            shared: None,
        }
    }

    /// `per_minute` sustained writes with bursts of `burst` (each at least 1).
    pub fn new(per_minute: u32, burst: u32) -> Self {
        let per_minute = NonZeroU32::new(per_minute.max(1)).unwrap_or(NonZeroU32::MIN);
        let burst = NonZeroU32::new(burst.max(1)).unwrap_or(NonZeroU32::MIN);
        Self::with(
            Quota::per_minute(per_minute),
            60_000 / i64::from(per_minute.get()),
            burst,
        )
    }

    /// `per_hour` sustained requests with bursts of `burst` (each at least 1).
    pub fn per_hour(per_hour: u32, burst: u32) -> Self {
        let per_hour = NonZeroU32::new(per_hour.max(1)).unwrap_or(NonZeroU32::MIN);
        let burst = NonZeroU32::new(burst.max(1)).unwrap_or(NonZeroU32::MIN);
        Self::with(
            Quota::per_hour(per_hour),
            3_600_000 / i64::from(per_hour.get()),
            burst,
        )
    }

    /// Also keeps the allowance in `store`, under keyed hashes for `purpose`, so that every
    /// instance on that store shares it.
    #[must_use]
    pub fn shared(
        mut self,
        store: Arc<dyn Store>,
        signer: FormSigner,
        purpose: &'static str,
    ) -> Self {
        self.shared = Some(Shared {
            store,
            signer,
            purpose,
        });
        self
    }

    /// Takes one request from `ip`'s allowance at `now` (ms); false when it is used up here or
    /// in the store. A store that cannot be reached refuses the request.
    pub async fn check(&self, ip: Option<IpAddr>, now: i64) -> bool {
        let key = client_key(ip);
        if self.inner.check_key(&key).is_err() {
            return false;
        }
        let Some(sh) = &self.shared else { return true };
        let bucket = format!(
            "{}:{}",
            sh.purpose,
            sh.signer.keyed_hash(sh.purpose, &key.to_string())
        );
        match sh
            .store
            .take_rate_token(&bucket, self.interval_ms, self.burst, now)
            .await
        {
            Ok(granted) => granted,
            Err(e) => {
                tracing::warn!(error = %e, "rate limit store unavailable");
                false
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn burst_then_refuse_and_v6_shares_a_64() {
        let l = Limiter::new(1, 3);
        let a: IpAddr = "2001:db8::1".parse().expect("ip");
        let b: IpAddr = "2001:db8::ffff".parse().expect("ip");
        assert!(l.check(Some(a), 0).await);
        assert!(l.check(Some(b), 0).await);
        assert!(l.check(Some(a), 0).await);
        assert!(!l.check(Some(b), 0).await, "same /64 shares the allowance");
        assert!(l.check(Some("192.0.2.1".parse().expect("ip")), 0).await);
    }
}
