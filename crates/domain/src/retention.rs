//! Retention of commenters' personal data: what the scheduled sweep erases, and when. IPs are
//! truncated (IPv4 to /24, IPv6 to /48) after some days and removed after more; user agents and
//! referrers are removed after some days; the text of deleted comments and expired self-service
//! links are removed at the next sweep. The binary runs [`sweep`] on a schedule with the
//! current time, which tests can inject.

use std::net::IpAddr;

use serde::Serialize;

use crate::store::{self, Store};

const DAY_MS: i64 = 86_400_000;

/// How long each kind of data is kept, in days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Policy {
    /// Days after which an IP is cut to its network (/24 or /48).
    pub ip_truncate_days: u32,
    /// Days after which the (truncated) IP is removed.
    pub ip_delete_days: u32,
    /// Days after which the user agent and referrer are removed.
    pub user_agent_days: u32,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            ip_truncate_days: 7,
            ip_delete_days: 30,
            user_agent_days: 7,
        }
    }
}

/// What one sweep erased.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct SweepReport {
    /// IPs cut to their network.
    pub ips_truncated: u64,
    /// IPs removed.
    pub ips_removed: u64,
    /// Comments whose user agent and referrer were removed.
    pub agents_removed: u64,
    /// Deleted comments whose text was still stored.
    pub deleted_texts_removed: u64,
    /// Expired self-service links removed.
    pub links_removed: u64,
    /// Login rate-limit buckets forgotten (full again).
    pub rate_limits_forgotten: u64,
}

impl SweepReport {
    /// Whether the sweep changed anything.
    pub fn is_empty(&self) -> bool {
        *self == SweepReport::default()
    }
}

/// The network an IP belongs to, as kept after truncation: `203.0.113.0/24` or
/// `2001:db8:1::/48`. Already truncated values and values that are not IPs give `None`.
pub fn truncate_ip(ip: &str) -> Option<String> {
    match ip.trim().parse::<IpAddr>().ok()? {
        IpAddr::V4(v4) => {
            let [a, b, c, _] = v4.octets();
            Some(format!("{a}.{b}.{c}.0/24"))
        }
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                let [a, b, c, _] = v4.octets();
                return Some(format!("{a}.{b}.{c}.0/24"));
            }
            let s = v6.segments();
            let net = std::net::Ipv6Addr::new(s[0], s[1], s[2], 0, 0, 0, 0, 0);
            Some(format!("{net}/48"))
        }
    }
}

/// Runs one sweep at time `now_ms`.
///
/// # Errors
/// When the store fails; whatever was done before stays done.
pub async fn sweep(store: &dyn Store, policy: &Policy, now_ms: i64) -> store::Result<SweepReport> {
    let ago = |days: u32| now_ms - i64::from(days) * DAY_MS;
    Ok(SweepReport {
        ips_removed: store.erase_ips(ago(policy.ip_delete_days)).await?,
        ips_truncated: store.truncate_ips(ago(policy.ip_truncate_days)).await?,
        agents_removed: store.erase_agents(ago(policy.user_agent_days)).await?,
        deleted_texts_removed: store.erase_deleted_texts().await?,
        links_removed: store.purge_privacy_links(now_ms).await?,
        rate_limits_forgotten: store.purge_rate_tokens(now_ms).await?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ips_are_cut_to_their_networks() {
        assert_eq!(
            truncate_ip("203.0.113.77").as_deref(),
            Some("203.0.113.0/24")
        );
        assert_eq!(
            truncate_ip("2001:db8:1:2:3:4:5:6").as_deref(),
            Some("2001:db8:1::/48")
        );
        assert_eq!(
            truncate_ip("::ffff:198.51.100.9").as_deref(),
            Some("198.51.100.0/24")
        );
        assert_eq!(truncate_ip("203.0.113.0/24"), None);
        assert_eq!(truncate_ip("not an ip"), None);
    }
}
