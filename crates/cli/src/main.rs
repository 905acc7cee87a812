//! The `retort` binary: parses the command line, loads the configuration, sets up logging and
//! hands off to one module per subcommand.

mod background;
mod commands;
mod config;
mod demo;

use clap::{Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "retort",
    version,
    about = "Self-hosted comments with a built-in spam filter"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Serve comment threads, the JSON API and the widget.
    Serve(commands::serve::ServeArgs),
    /// Print the effective configuration (after file, environment and flags) and exit.
    CheckConfig(config::DataArgs),
    /// Manage staff accounts of the admin UI.
    Admin(commands::admin::AdminArgs),
    /// Manage keys of the Akismet-compatible API.
    Keys(commands::keys::KeysArgs),
    /// Export every site (or one), its threads and comments as lossless JSON.
    Export(commands::transfer::ExportArgs),
    /// Import comments: `json` (a `retort export` file), `wordpress` (WXR) or `disqus` (XML).
    Import(commands::transfer::ImportArgs),
    /// Export or erase a commenter's data (by e-mail address).
    Privacy(commands::privacy::PrivacyArgs),
    /// Print an annotated example configuration file.
    ExampleConfig,
    /// Classify JSONL comments read on stdin.
    Classify(commands::classify::ClassifyArgs),
    /// Train a spam model from labelled JSONL.
    Train(commands::train::TrainArgs),
    /// Evaluate a spam model on labelled JSONL, per source.
    Eval(commands::eval::EvalArgs),
}

fn load_config(
    data: &config::DataArgs,
    listen: Option<&str>,
) -> Result<config::Config, std::process::ExitCode> {
    config::Config::load(data, listen).map_err(|e| {
        eprintln!("retort: invalid configuration: {e}");
        std::process::ExitCode::from(2)
    })
}

fn init_logging(format: &str) {
    use std::io::IsTerminal;
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let json = format == "json" || (format == "auto" && !std::io::stderr().is_terminal());
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    if json {
        builder.json().init();
    } else {
        builder.init();
    }
}

fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    let result = match &cli.command {
        Command::Serve(a) => {
            let cfg = match load_config(&a.data, a.listen.as_deref()) {
                Ok(c) => c,
                Err(code) => return code,
            };
            init_logging(&cfg.log_format);
            let rt = tokio::runtime::Builder::new_multi_thread()
                .enable_all()
                .build()
                .expect("the async runtime starts");
            rt.block_on(commands::serve::run(cfg))
        }
        Command::CheckConfig(a) => {
            let cfg = match load_config(a, None) {
                Ok(c) => c,
                Err(code) => return code,
            };
            let mut shown = cfg.clone();
            if shown.database_url.is_some() {
                shown.database_url = Some("***".into());
            }
            match toml_like(&shown) {
                Ok(s) => {
                    println!("{s}");
                    Ok(())
                }
                Err(e) => Err(e),
            }
        }
        Command::Admin(a) => match load_config(&a.data, None) {
            Ok(cfg) => block_on(commands::admin::run(&a.action, cfg)),
            Err(code) => return code,
        },
        Command::Keys(a) => match load_config(&a.data, None) {
            Ok(cfg) => block_on(commands::keys::run(&a.action, cfg)),
            Err(code) => return code,
        },
        Command::Export(a) => match load_config(&a.data, None) {
            Ok(cfg) => block_on(commands::transfer::export(a, cfg)),
            Err(code) => return code,
        },
        Command::Import(a) => match load_config(a.data(), None) {
            Ok(cfg) => block_on(commands::transfer::import(a, cfg)),
            Err(code) => return code,
        },
        Command::Privacy(a) => match load_config(&a.data, None) {
            Ok(cfg) => block_on(commands::privacy::run(&a.action, cfg)),
            Err(code) => return code,
        },
        Command::ExampleConfig => {
            print!("{}", config::EXAMPLE);
            Ok(())
        }
        Command::Classify(a) => commands::classify::run(a),
        Command::Train(a) => commands::train::run(a),
        Command::Eval(a) => commands::eval::run(a),
    };
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("retort: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

/// Runs a data command's future on a single-threaded runtime.
fn block_on(f: impl Future<Output = anyhow::Result<()>>) -> anyhow::Result<()> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("the async runtime starts")
        .block_on(f)
}

fn toml_like(cfg: &config::Config) -> anyhow::Result<String> {
    Ok(serde_json::to_string_pretty(cfg)?)
}
