//! Settings of the HTTP layer, filled from the configuration by the binary.

use std::time::Duration;

use ipnet::IpNet;

/// HTTP-layer settings.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Deepest reply nesting shown (0 = flat).
    pub max_depth: u32,
    /// Peers whose `X-Forwarded-For` is believed.
    pub trusted_proxies: Vec<IpNet>,
    /// Writes allowed per IP per minute (sustained).
    pub rate_per_minute: u32,
    /// Writes allowed per IP in a burst.
    pub rate_burst: u32,
    /// Self-service link requests allowed per IP per hour (sustained; bursts of 3 × this).
    pub privacy_requests_per_hour: u32,
    /// Largest request body, in bytes.
    pub max_body_bytes: usize,
    /// How long a cached thread is trusted without re-reading it (needed when several instances
    /// share one database); `None` means until this instance changes it.
    pub cache_ttl: Option<Duration>,
    /// How long IPs, user agents and referrers are kept.
    pub retention: retort_domain::retention::Policy,
    /// Seconds between retention sweeps.
    pub retention_sweep_secs: u64,
    /// Whom commenters contact about their data (shown on the data-processing page).
    pub privacy_contact: String,
    /// The SMTP relay mail goes through, when mail is configured (named on the
    /// data-processing page).
    pub smtp_relay: Option<String>,
    /// The server's public base URL (for feeds), when it differs from the `Host` it is reached by.
    pub public_url: Option<String>,
    /// Human name of the backend ("SQLite" or "PostgreSQL"), for the data-processing page.
    pub backend_name: String,
    /// Names of the sites declared in the configuration file (their file-owned settings are
    /// read-only in the admin UI).
    pub configured_sites: Vec<String>,
    /// Hours an admin session lasts.
    pub admin_session_hours: u32,
    /// Login attempts allowed per account (four times as many per IP) in a burst.
    pub login_attempts: u32,
    /// Minutes over which used login attempts are given back.
    pub login_window_minutes: u32,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            max_depth: 4,
            trusted_proxies: Vec::new(),
            rate_per_minute: 10,
            rate_burst: 5,
            privacy_requests_per_hour: 5,
            max_body_bytes: 64 * 1024,
            cache_ttl: None,
            retention: retort_domain::retention::Policy::default(),
            retention_sweep_secs: 3600,
            privacy_contact: String::new(),
            smtp_relay: None,
            public_url: None,
            backend_name: "SQLite".into(),
            configured_sites: Vec::new(),
            admin_session_hours: 12,
            login_attempts: 5,
            login_window_minutes: 15,
        }
    }
}
