//! The `skillbase` binary: parses the command line and runs it. Everything else is in the
//! library.

fn main() -> std::process::ExitCode {
    skillbase::cli::main()
}
