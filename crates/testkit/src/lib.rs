//! Test helpers (a dev-dependency only): fresh PostgreSQL databases, and the real `retort`
//! binary started on a free loopback port with its own data directory.
//!
//! [`Backend::from_env`] picks SQLite, or PostgreSQL when `DATABASE_URL` is set, so one suite
//! runs on both. [`Server::start`] runs the binary with `--listen 127.0.0.1:0`, reads the bound
//! address from its first stdout line, and kills it on drop. No sleeps, no guessed ports.

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

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

    /// Starts a second `bin serve` on the same store (data directory and, for PostgreSQL, the
    /// same database) on its own port: two instances sharing one database.
    ///
    /// # Errors
    /// When the binary cannot be started or does not announce its address.
    pub async fn start_sharing(&self) -> Result<Server> {
        let mut s = Server {
            child: None,
            url: String::new(),
            data_dir: self.data_dir.clone(),
            _tmp: None,
            bin: self.bin.clone(),
            database_url: self.database_url.clone(),
            opts: self.opts.clone(),
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
        let first = tokio::time::timeout(Duration::from_secs(60), lines.next_line())
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
        Ok(tokio::time::timeout(Duration::from_secs(20), c.wait()).await??)
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

/// The Python of the test virtual environment (`target/test-venv`, made by `scripts/test.sh`
/// with the `akismet` client and `aiosmtpd`), or `RETORT_TEST_PYTHON`.
pub fn test_python() -> PathBuf {
    if let Ok(p) = std::env::var("RETORT_TEST_PYTHON") {
        return p.into();
    }
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/test-venv/bin/python")
}

/// A real SMTP server on loopback: `aiosmtpd` from PyPI, storing every message it accepts in a
/// Maildir. It can be stopped and started again on the same port, to test delivery after an
/// outage.
pub struct SmtpSink {
    /// The port it listens on.
    pub port: u16,
    dir: tempfile::TempDir,
    child: Option<Child>,
}

impl SmtpSink {
    /// Starts the server on a free port.
    ///
    /// # Errors
    /// When Python or aiosmtpd is missing, or the server does not come up.
    pub async fn start() -> Result<SmtpSink> {
        let port = std::net::TcpListener::bind("127.0.0.1:0")?
            .local_addr()?
            .port();
        let mut s = SmtpSink {
            port,
            dir: tempfile::tempdir()?,
            child: None,
        };
        s.resume().await?;
        Ok(s)
    }

    /// Starts the server again after [`SmtpSink::stop`].
    ///
    /// # Errors
    /// When it does not come up.
    pub async fn resume(&mut self) -> Result<()> {
        let child = Command::new(test_python())
            .args(["-m", "aiosmtpd", "-n", "-l"])
            .arg(format!("127.0.0.1:{}", self.port))
            .args(["-c", "aiosmtpd.handlers.Mailbox"])
            .arg(self.dir.path().join("maildir"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .context("starting aiosmtpd from target/test-venv (scripts/test.sh installs it)")?;
        self.child = Some(child);
        for _ in 0..100 {
            if tokio::net::TcpStream::connect(("127.0.0.1", self.port))
                .await
                .is_ok()
            {
                return Ok(());
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        anyhow::bail!("aiosmtpd did not start listening on port {}", self.port)
    }

    /// Stops the server (an outage).
    ///
    /// # Errors
    /// When it cannot be killed.
    pub async fn stop(&mut self) -> Result<()> {
        if let Some(mut c) = self.child.take() {
            c.kill().await?;
            c.wait().await?;
        }
        Ok(())
    }

    /// Environment for a `retort serve` that sends its mail here.
    pub fn env(&self) -> Vec<(String, String)> {
        vec![
            ("RETORT_SMTP__HOST".into(), "127.0.0.1".into()),
            ("RETORT_SMTP__PORT".into(), self.port.to_string()),
            ("RETORT_SMTP__SECURITY".into(), "none".into()),
            (
                "RETORT_SMTP__FROM".into(),
                "Comments <comments@retort.test>".into(),
            ),
            ("RETORT_SMTP__RETRY_BASE_SECS".into(), "1".into()),
        ]
    }

    /// Every message received so far, raw, with quoted-printable soft line breaks joined.
    pub fn messages(&self) -> Vec<String> {
        let mut out = Vec::new();
        for sub in ["new", "cur"] {
            let Ok(rd) = std::fs::read_dir(self.dir.path().join("maildir").join(sub)) else {
                continue;
            };
            let mut files: Vec<_> = rd.filter_map(|e| e.ok()).map(|e| e.path()).collect();
            files.sort();
            for f in files {
                if let Ok(s) = std::fs::read_to_string(&f) {
                    out.push(s.replace("=\r\n", "").replace("=\n", ""));
                }
            }
        }
        out
    }

    /// Waits until at least `n` messages arrived (up to `secs` seconds); returns them all.
    pub async fn wait_for(&self, n: usize, secs: u64) -> Vec<String> {
        let deadline = std::time::Instant::now() + Duration::from_secs(secs);
        loop {
            let m = self.messages();
            if m.len() >= n || std::time::Instant::now() > deadline {
                return m;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
}

/// Every value in every row of every table of the server's database, as `table.column=value`
/// lines: to check that some personal datum is stored nowhere at all.
///
/// # Errors
/// When the database cannot be read.
pub async fn all_stored_text(s: &Server) -> Result<String> {
    use sqlx::{Column as _, Row as _};
    let mut out = String::new();
    match &s.database_url {
        None => {
            let url = format!(
                "sqlite://{}?mode=ro",
                s.data_dir.join("retort.db").display()
            );
            let pool = sqlx::SqlitePool::connect(&url).await?;
            let tables: Vec<String> =
                sqlx::query_scalar("SELECT name FROM sqlite_master WHERE type = 'table'")
                    .fetch_all(&pool)
                    .await?;
            for t in tables {
                let rows = sqlx::query(sqlx::AssertSqlSafe(format!("SELECT * FROM \"{t}\"")))
                    .fetch_all(&pool)
                    .await?;
                for r in rows {
                    for (i, c) in r.columns().iter().enumerate() {
                        let v: Option<String> = r
                            .try_get::<Option<String>, _>(i)
                            .ok()
                            .flatten()
                            .or_else(|| {
                                r.try_get::<Option<i64>, _>(i)
                                    .ok()
                                    .flatten()
                                    .map(|v| v.to_string())
                            })
                            .or_else(|| {
                                r.try_get::<Option<Vec<u8>>, _>(i)
                                    .ok()
                                    .flatten()
                                    .map(|b| String::from_utf8_lossy(&b).into_owned())
                            });
                        out.push_str(&format!("{t}.{}={}\n", c.name(), v.unwrap_or_default()));
                    }
                }
            }
            pool.close().await;
        }
        Some(db) => {
            let pool = sqlx::PgPool::connect(db).await?;
            let tables: Vec<String> = sqlx::query_scalar(
                "SELECT table_name::text FROM information_schema.tables WHERE table_schema = 'public'",
            )
            .fetch_all(&pool)
            .await?;
            for t in tables {
                // Every column as text, whatever its type.
                let rows: Vec<String> = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
                    "SELECT row_to_json(x)::text FROM \"{t}\" x"
                )))
                .fetch_all(&pool)
                .await?;
                for r in rows {
                    let v: serde_json::Value = serde_json::from_str(&r)?;
                    for (k, v) in v.as_object().into_iter().flatten() {
                        let v = match v {
                            serde_json::Value::String(s) => s.clone(),
                            serde_json::Value::Null => String::new(),
                            other => other.to_string(),
                        };
                        out.push_str(&format!("{t}.{k}={v}\n"));
                    }
                }
            }
            pool.close().await;
        }
    }
    Ok(out)
}

/// The columns of a table in the server's database.
///
/// # Errors
/// When the database cannot be read.
pub async fn table_columns(s: &Server, table: &str) -> Result<Vec<String>> {
    match &s.database_url {
        None => {
            let url = format!(
                "sqlite://{}?mode=ro",
                s.data_dir.join("retort.db").display()
            );
            let pool = sqlx::SqlitePool::connect(&url).await?;
            let cols: Vec<String> = sqlx::query_scalar("SELECT name FROM pragma_table_info($1)")
                .bind(table)
                .fetch_all(&pool)
                .await?;
            pool.close().await;
            Ok(cols)
        }
        Some(db) => {
            let pool = sqlx::PgPool::connect(db).await?;
            let cols: Vec<String> = sqlx::query_scalar(
                "SELECT column_name::text FROM information_schema.columns WHERE table_name = $1",
            )
            .bind(table)
            .fetch_all(&pool)
            .await?;
            pool.close().await;
            Ok(cols)
        }
    }
}

/// The tables of the server's database (without sqlx's bookkeeping).
///
/// # Errors
/// When the database cannot be read.
pub async fn tables(s: &Server) -> Result<Vec<String>> {
    let mut t: Vec<String> = match &s.database_url {
        None => {
            let url = format!(
                "sqlite://{}?mode=ro",
                s.data_dir.join("retort.db").display()
            );
            let pool = sqlx::SqlitePool::connect(&url).await?;
            let t = sqlx::query_scalar(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
            )
            .fetch_all(&pool)
            .await?;
            pool.close().await;
            t
        }
        Some(db) => {
            let pool = sqlx::PgPool::connect(db).await?;
            let t = sqlx::query_scalar(
                "SELECT table_name::text FROM information_schema.tables WHERE table_schema = 'public'",
            )
            .fetch_all(&pool)
            .await?;
            pool.close().await;
            t
        }
    };
    t.retain(|n| n != "_sqlx_migrations");
    t.sort();
    Ok(t)
}
