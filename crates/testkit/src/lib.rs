//! Test helpers (a dev-dependency only): fresh PostgreSQL databases, and the real `retort`
//! binary started on a free loopback port with its own data directory.
//!
//! [`Backend::from_env`] picks SQLite, or PostgreSQL when `DATABASE_URL` is set, so one suite
//! runs on both. [`Server::start`] runs the binary with `--listen 127.0.0.1:0`, reads the bound
//! address from its first stdout line, and kills it on drop. No sleeps, no guessed ports.

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::sync::atomic::{AtomicU32, Ordering};

use anyhow::{Context, Result, bail};
use sqlx::Connection;
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};

/// Creates an empty database on the PostgreSQL server of `base_url` and returns its URL.
///
/// # Errors
/// When the server cannot be reached or the database cannot be created.
pub async fn fresh_postgres(base_url: &str) -> Result<String> {
    static N: AtomicU32 = AtomicU32::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)?
        .subsec_nanos();
    let name = format!(
        "retort_t_{}_{}_{}",
        std::process::id(),
        nanos,
        N.fetch_add(1, Ordering::SeqCst)
    );
    let mut conn = sqlx::PgConnection::connect(base_url)
        .await
        .context("connecting to DATABASE_URL")?;
    sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
        .execute(&mut conn)
        .await
        .context("creating a test database")?;
    let mut url = url::Url::parse(base_url).context("parsing DATABASE_URL")?;
    url.set_path(&format!("/{name}"));
    Ok(url.to_string())
}

/// Which backend a test runs on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Backend {
    /// A SQLite file in the server's data directory.
    Sqlite,
    /// PostgreSQL at this base URL (a fresh database is made per server).
    Postgres(String),
}

impl Backend {
    /// PostgreSQL when `DATABASE_URL` is set and non-empty, else SQLite.
    pub fn from_env() -> Self {
        match std::env::var("DATABASE_URL") {
            Ok(u) if !u.trim().is_empty() => Backend::Postgres(u),
            _ => Backend::Sqlite,
        }
    }
}

/// Options for starting the server.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Extra command-line arguments after `serve`.
    pub args: Vec<String>,
    /// Extra environment variables.
    pub env: Vec<(String, String)>,
    /// Contents of a `retort.toml` to pass with `--config`.
    pub config: Option<String>,
}

/// A running `retort serve`.
pub struct Server {
    child: Option<Child>,
    /// Base URL, e.g. `http://127.0.0.1:41234`.
    pub url: String,
    /// The data directory (kept across restarts of the same [`Server`]).
    pub data_dir: PathBuf,
    _tmp: Option<tempfile::TempDir>,
    bin: PathBuf,
    /// The database URL used, for PostgreSQL.
    pub database_url: Option<String>,
    opts: Options,
    /// Lines the server printed on stdout after the first.
    pub stdout_rest: std::sync::Arc<std::sync::Mutex<Vec<String>>>,
}

impl Server {
    /// Starts `bin serve` on a free port with a new data directory and, for PostgreSQL, a new
    /// database.
    ///
    /// # Errors
    /// When the binary cannot be started or does not announce its address.
    pub async fn start(bin: &Path, backend: &Backend, opts: Options) -> Result<Server> {
        let tmp = tempfile::tempdir()?;
        let database_url = match backend {
            Backend::Sqlite => None,
            Backend::Postgres(base) => Some(fresh_postgres(base).await?),
        };
        let mut s = Server {
            child: None,
            url: String::new(),
            data_dir: tmp.path().to_owned(),
            _tmp: Some(tmp),
            bin: bin.to_owned(),
            database_url,
            opts,
            stdout_rest: Default::default(),
        };
        s.launch().await?;
        Ok(s)
    }

    fn command(&self) -> Result<Command> {
        let mut cmd = Command::new(&self.bin);
        cmd.arg("serve")
            .arg("--listen")
            .arg("127.0.0.1:0")
            .arg("--data-dir")
            .arg(&self.data_dir);
        if let Some(db) = &self.database_url {
            cmd.arg("--database-url").arg(db);
        }
        if let Some(cfg) = &self.opts.config {
            let path = self.data_dir.join("retort.toml");
            std::fs::write(&path, cfg)?;
            cmd.arg("--config").arg(path);
        }
        cmd.args(&self.opts.args);
        cmd.env(
            "RUST_LOG",
            std::env::var("RUST_LOG").unwrap_or_else(|_| "warn".into()),
        );
        for (k, v) in &self.opts.env {
            cmd.env(k, v);
        }
        let log = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(self.data_dir.join("stderr.log"))?;
        cmd.stdout(Stdio::piped())
            .stderr(Stdio::from(log))
            .stdin(Stdio::null())
            .kill_on_drop(true);
        Ok(cmd)
    }

    async fn launch(&mut self) -> Result<()> {
        let mut child = self.command()?.spawn().context("starting retort")?;
        let stdout = child.stdout.take().context("no stdout")?;
        let mut lines = BufReader::new(stdout).lines();
        let first = tokio::time::timeout(std::time::Duration::from_secs(60), lines.next_line())
            .await
            .context("retort did not announce its address within 60 s")??;
        let Some(first) = first else {
            bail!(
                "retort exited before announcing its address: {:?}",
                child.wait().await
            )
        };
        let url = first
            .split_whitespace()
            .find(|w| w.starts_with("http://"))
            .with_context(|| format!("no URL in the first line: {first}"))?;
        self.url = url.trim_end_matches('/').to_owned();
        let rest = self.stdout_rest.clone();
        tokio::spawn(async move {
            while let Ok(Some(l)) = lines.next_line().await {
                if let Ok(mut v) = rest.lock() {
                    v.push(l);
                }
            }
        });
        self.child = Some(child);
        Ok(())
    }

    /// Kills the server with SIGKILL and waits for it to die.
    ///
    /// # Errors
    /// When the process cannot be killed.
    pub async fn kill(&mut self) -> Result<()> {
        if let Some(mut c) = self.child.take() {
            c.kill().await?;
        }
        Ok(())
    }

    /// Starts the server again on the same data (after [`Server::kill`] or [`Server::terminate`]).
    ///
    /// # Errors
    /// As [`Server::start`].
    pub async fn restart(&mut self) -> Result<()> {
        self.kill().await?;
        self.launch().await
    }

    /// Sends SIGTERM and returns the exit status.
    ///
    /// # Errors
    /// When the signal cannot be sent or the process cannot be waited for.
    pub async fn terminate(&mut self) -> Result<std::process::ExitStatus> {
        let mut c = self.child.take().context("not running")?;
        let pid = c.id().context("no pid")?;
        let st = std::process::Command::new("kill")
            .arg("-TERM")
            .arg(pid.to_string())
            .status()?;
        if !st.success() {
            bail!("kill -TERM failed");
        }
        Ok(tokio::time::timeout(std::time::Duration::from_secs(20), c.wait()).await??)
    }

    /// Everything the server wrote on stderr (its log) so far.
    pub fn log(&self) -> String {
        std::fs::read_to_string(self.data_dir.join("stderr.log")).unwrap_or_default()
    }

    /// `url` joined with `path`.
    pub fn at(&self, path: &str) -> String {
        format!("{}{}", self.url, path)
    }
}

/// The user agent tests present: a reader's desktop browser (the spam filter rightly distrusts
/// requests without one).
pub const BROWSER_UA: &str =
    "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0";

/// An HTTP client that does not follow redirects (tests look at 303s themselves).
///
/// # Errors
/// When the client cannot be built.
pub fn client() -> Result<reqwest::Client> {
    Ok(reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .user_agent(BROWSER_UA)
        .build()?)
}
