//! Configuration: defaults in code, then an optional `retort.toml`, then `RETORT_*` environment
//! variables (`RETORT_SECTION__KEY`; env wins over the file), then command-line flags. Validated
//! once at start-up; an invalid configuration is one line on stderr and exit status 2.

use std::net::SocketAddr;
use std::path::PathBuf;

use figment::Figment;
use figment::providers::{Env, Format, Serialized, Toml};
use ipnet::IpNet;
use retort_domain::site::SiteSpec;
use serde::{Deserialize, Serialize};

/// The annotated example configuration (also parsed by a test).
pub const EXAMPLE: &str = include_str!("../../../retort.example.toml");

/// Options every data-touching subcommand takes.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct DataArgs {
    /// Configuration file (TOML).
    #[arg(long, value_name = "FILE", global = true)]
    pub config: Option<PathBuf>,
    /// Directory for the SQLite database (default ./retort-data).
    #[arg(long, value_name = "DIR", global = true)]
    pub data_dir: Option<PathBuf>,
    /// PostgreSQL URL (postgres://…); data go there instead of SQLite.
    #[arg(long, value_name = "URL", global = true)]
    pub database_url: Option<String>,
}

/// The whole configuration.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    /// Address to listen on.
    pub listen: String,
    /// Directory of the SQLite database.
    pub data_dir: PathBuf,
    /// PostgreSQL URL; when set, data go there instead of SQLite.
    pub database_url: Option<String>,
    /// Public base URL of this server, for feeds (e.g. https://comments.example.org).
    pub public_url: Option<String>,
    /// Create a demo site and article on first start with an empty database.
    pub demo: bool,
    /// Log format: "auto" (human on a terminal, JSON otherwise), "json" or "text".
    pub log_format: String,
    /// Comment rules.
    pub comments: CommentsConfig,
    /// Request limits.
    pub limits: LimitsConfig,
    /// Per-IP write limits.
    pub rate_limit: RateLimitConfig,
    /// Reverse proxies.
    pub proxy: ProxyConfig,
    /// Retention of personal data.
    pub retention: RetentionConfig,
    /// The admin UI.
    pub admin: AdminConfig,
    /// Outgoing mail.
    pub smtp: SmtpConfig,
    /// Commenters' data rights.
    pub privacy: PrivacyConfig,
    /// Sites served.
    pub sites: Vec<SiteSpec>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            listen: "127.0.0.1:8080".into(),
            data_dir: PathBuf::from("./retort-data"),
            database_url: None,
            public_url: None,
            demo: true,
            log_format: "auto".into(),
            comments: CommentsConfig::default(),
            limits: LimitsConfig::default(),
            rate_limit: RateLimitConfig::default(),
            proxy: ProxyConfig::default(),
            retention: RetentionConfig::default(),
            admin: AdminConfig::default(),
            smtp: SmtpConfig::default(),
            privacy: PrivacyConfig::default(),
            sites: Vec::new(),
        }
    }
}

/// `[comments]`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct CommentsConfig {
    /// Deepest reply nesting shown.
    pub max_depth: u32,
    /// Minutes during which authors may edit or delete their comment.
    pub edit_window_minutes: u32,
    /// Longest name, in characters.
    pub max_name_chars: usize,
    /// Longest comment, in characters.
    pub max_text_chars: usize,
    /// Forms submitted faster than this (seconds) are treated as spam.
    pub min_seconds_to_submit: f64,
    /// Comments with more links than this are treated as spam.
    pub max_links: usize,
}

impl Default for CommentsConfig {
    fn default() -> Self {
        CommentsConfig {
            max_depth: 4,
            edit_window_minutes: 15,
            max_name_chars: 80,
            max_text_chars: 10_000,
            min_seconds_to_submit: 3.0,
            max_links: 3,
        }
    }
}

/// `[limits]`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct LimitsConfig {
    /// Largest request body, in bytes.
    pub max_body_bytes: usize,
}

impl Default for LimitsConfig {
    fn default() -> Self {
        LimitsConfig {
            max_body_bytes: 64 * 1024,
        }
    }
}

/// `[rate_limit]`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RateLimitConfig {
    /// Sustained writes per IP per minute.
    pub per_minute: u32,
    /// Burst of writes per IP.
    pub burst: u32,
}

impl Default for RateLimitConfig {
    fn default() -> Self {
        RateLimitConfig {
            per_minute: 10,
            burst: 5,
        }
    }
}

/// `[proxy]`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ProxyConfig {
    /// Networks of reverse proxies whose X-Forwarded-For is believed (e.g. "127.0.0.1/32").
    pub trusted: Vec<IpNet>,
}

/// `[retention]`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RetentionConfig {
    /// Days after which IP addresses are cut to their network (/24, /48).
    pub ip_truncate_days: u32,
    /// Days after which IP addresses are removed.
    pub ip_delete_days: u32,
    /// Days after which user agents and referrers are removed.
    pub user_agent_days: u32,
    /// Seconds between retention sweeps.
    pub sweep_every_secs: u64,
    /// Seconds a cached thread is trusted when several instances share PostgreSQL.
    pub shared_cache_ttl_secs: u64,
}

impl Default for RetentionConfig {
    fn default() -> Self {
        RetentionConfig {
            ip_truncate_days: 7,
            ip_delete_days: 30,
            user_agent_days: 7,
            sweep_every_secs: 3600,
            shared_cache_ttl_secs: 2,
        }
    }
}

/// `[admin]`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct AdminConfig {
    /// Hours an admin session lasts after logging in.
    pub session_hours: u32,
    /// Login attempts per account in a burst (four times as many per IP address).
    pub login_attempts: u32,
    /// Minutes over which used login attempts are given back.
    pub login_window_minutes: u32,
    /// Seconds between notices to staff about held comments (small: near-immediate; large: a
    /// digest; 0: none). Needs `[smtp]` and an address on the account.
    pub notify_every_secs: u64,
}

impl Default for AdminConfig {
    fn default() -> Self {
        AdminConfig {
            session_hours: 12,
            login_attempts: 5,
            login_window_minutes: 15,
            notify_every_secs: 60,
        }
    }
}

impl RetentionConfig {
    /// The domain's retention policy.
    pub fn policy(&self) -> retort_domain::retention::Policy {
        retort_domain::retention::Policy {
            ip_truncate_days: self.ip_truncate_days,
            ip_delete_days: self.ip_delete_days,
            user_agent_days: self.user_agent_days,
        }
    }
}

/// `[smtp]`: no mail at all is sent while `host` is empty.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SmtpConfig {
    /// SMTP server host name; empty means mail is off.
    pub host: String,
    /// Port (587 for STARTTLS, 465 for TLS, 25 for plain).
    pub port: u16,
    /// "starttls", "tls" or "none".
    pub security: String,
    /// User name, if the server wants one.
    pub username: String,
    /// Password.
    pub password: String,
    /// Sender, e.g. "Comments <comments@example.org>".
    pub from: String,
    /// First retry delay in seconds; doubled after each failure, at most an hour.
    pub retry_base_secs: u64,
}

impl Default for SmtpConfig {
    fn default() -> Self {
        SmtpConfig {
            host: String::new(),
            port: 587,
            security: "starttls".into(),
            username: String::new(),
            password: String::new(),
            from: "Retort <retort@localhost>".into(),
            retry_base_secs: 30,
        }
    }
}

impl SmtpConfig {
    /// Whether mail is configured.
    pub fn enabled(&self) -> bool {
        !self.host.trim().is_empty()
    }
}

/// `[privacy]`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct PrivacyConfig {
    /// Whom commenters contact about their data (shown on the data-processing page).
    pub contact: String,
    /// Show Gravatar images instead of local identicons (sends a hash of each commenter's
    /// address to Gravatar's servers with every page view).
    pub gravatar: bool,
    /// Self-service link requests allowed per IP per hour.
    pub requests_per_hour: u32,
}

impl Default for PrivacyConfig {
    fn default() -> Self {
        PrivacyConfig {
            contact: String::new(),
            gravatar: false,
            requests_per_hour: 5,
        }
    }
}

impl Config {
    /// Loads defaults, the file, the environment and the flags, and validates the result.
    ///
    /// # Errors
    /// One line saying what is wrong.
    pub fn load(args: &DataArgs, listen: Option<&str>) -> Result<Config, String> {
        let mut fig = Figment::from(Serialized::defaults(Config::default()));
        if let Some(path) = &args.config {
            if !path.is_file() {
                return Err(format!("config file {} does not exist", path.display()));
            }
            fig = fig.merge(Toml::file_exact(path));
        }
        // RETORT_CLOCK_FILE and RETORT_TEST_PYTHON belong to the test harness, not the config.
        fig = fig.merge(
            Env::prefixed("RETORT_")
                .ignore(&["clock_file", "test_python"])
                .split("__"),
        );
        let mut cfg: Config = fig.extract().map_err(|e| one_line(&e.to_string()))?;
        if let Some(d) = &args.data_dir {
            cfg.data_dir = d.clone();
        }
        if let Some(u) = &args.database_url {
            cfg.database_url = Some(u.clone());
        }
        if let Some(l) = listen {
            cfg.listen = l.to_owned();
        }
        cfg.validate()?;
        Ok(cfg)
    }

    fn validate(&self) -> Result<(), String> {
        self.listen.parse::<SocketAddr>().map_err(|_| {
            format!(
                "listen: '{}' is not an address like 127.0.0.1:8080",
                self.listen
            )
        })?;
        if let Some(u) = &self.database_url
            && !(u.starts_with("postgres://") || u.starts_with("postgresql://"))
        {
            return Err("database_url: only postgres:// URLs are supported (SQLite is the default; set data_dir instead)".into());
        }
        if let Some(p) = &self.public_url {
            url::Url::parse(p).map_err(|e| format!("public_url: {e}"))?;
        }
        if !["auto", "json", "text"].contains(&self.log_format.as_str()) {
            return Err(format!(
                "log_format: '{}' is not one of auto, json, text",
                self.log_format
            ));
        }
        if self.rate_limit.per_minute == 0 || self.rate_limit.burst == 0 {
            return Err("rate_limit: per_minute and burst must be at least 1".into());
        }
        if self.retention.ip_delete_days < self.retention.ip_truncate_days {
            return Err("retention: ip_delete_days must be at least ip_truncate_days".into());
        }
        if self.retention.sweep_every_secs == 0 {
            return Err("retention.sweep_every_secs: must be at least 1".into());
        }
        if self.smtp.enabled() {
            if !["starttls", "tls", "none"].contains(&self.smtp.security.as_str()) {
                return Err(format!(
                    "smtp.security: '{}' is not one of starttls, tls, none",
                    self.smtp.security
                ));
            }
            self.smtp
                .from
                .parse::<lettre::message::Mailbox>()
                .map_err(|e| format!("smtp.from: '{}' is not an address: {e}", self.smtp.from))?;
        }
        if self.limits.max_body_bytes < 1024 {
            return Err("limits.max_body_bytes: must be at least 1024".into());
        }
        if self.comments.max_text_chars == 0 || self.comments.max_name_chars == 0 {
            return Err("comments: max_text_chars and max_name_chars must be at least 1".into());
        }
        if self.admin.session_hours == 0 || self.admin.login_attempts == 0 {
            return Err("admin: session_hours and login_attempts must be at least 1".into());
        }
        if self.admin.login_window_minutes == 0 {
            return Err("admin: login_window_minutes must be at least 1".into());
        }
        let mut names = std::collections::HashSet::new();
        for s in &self.sites {
            if s.name.is_empty()
                || !s
                    .name
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
            {
                return Err(format!(
                    "sites: name '{}' must be non-empty letters, digits, '-' or '_'",
                    s.name
                ));
            }
            if !names.insert(&s.name) {
                return Err(format!("sites: name '{}' appears twice", s.name));
            }
            for o in &s.origins {
                let u = url::Url::parse(o).map_err(|_| {
                    format!(
                        "sites.{}: origin '{o}' is not a URL like https://blog.example",
                        s.name
                    )
                })?;
                if u.origin().ascii_serialization() != o.trim_end_matches('/') {
                    return Err(format!(
                        "sites.{}: origin '{o}' must be scheme://host[:port] only",
                        s.name
                    ));
                }
            }
        }
        Ok(())
    }

    /// The storage backend this configuration selects.
    pub fn backend(&self) -> retort_storage::Backend {
        match &self.database_url {
            Some(u) => retort_storage::Backend::Postgres(u.clone()),
            None => retort_storage::Backend::Sqlite(self.data_dir.join("retort.db")),
        }
    }
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn example_config_parses_and_validates() {
        let cfg: Config = Figment::from(Serialized::defaults(Config::default()))
            .merge(Toml::string(EXAMPLE))
            .extract()
            .expect("example parses");
        cfg.validate().expect("example is valid");
        assert_eq!(cfg.sites.len(), 1);
    }

    #[test]
    fn unknown_keys_are_refused() {
        let r: Result<Config, _> = Figment::from(Serialized::defaults(Config::default()))
            .merge(Toml::string("listne = 'x'"))
            .extract();
        assert!(r.is_err());
    }
}
