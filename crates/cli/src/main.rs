//! The `retort` binary: parses the command line and hands off to one module per subcommand.

mod commands;

use clap::{Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(name = "retort", version, about = "Self-hosted comments with a built-in spam filter")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Classify JSONL comments read on stdin.
    Classify(commands::classify::ClassifyArgs),
    /// Train a spam model from labelled JSONL.
    Train(commands::train::TrainArgs),
    /// Evaluate a spam model on labelled JSONL, per source.
    Eval(commands::eval::EvalArgs),
}

fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    let result = match &cli.command {
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
