//! Helpers shared by the integration tests.

use std::process::{Command, Output};

/// Runs the `skillbase` binary with `args` as a Chinese-language office machine would
/// (no language variables, no default database from the environment).
pub fn skillbase(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_skillbase"))
        .args(args)
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("SKILLBASE_DB")
        .output()
        .expect("the skillbase binary runs")
}
