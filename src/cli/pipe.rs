//! A closed pipe ends a command quietly: `skillbase audit --db X | head -1` stops when
//! `head` has read its line, with no panic and no message, as `cat` or `grep` would.
//!
//! Set once for the commands (never for the window, whose own sockets must keep failing
//! with an error rather than ending the program), so that no printing site has to know.
//! Rust starts programs with `SIGPIPE` ignored, so a write into a pipe whose reader has
//! gone fails with `BrokenPipe`. Without `unsafe` (the crate forbids it) the default
//! signal action cannot be restored, so the process ends itself at that write instead,
//! with the status a shell shows for a process `SIGPIPE` ended ([`CLOSED_PIPE_STATUS`],
//! 141): a line printed with `say!` ends it through [`closed_pipe`], and a
//! `println!`/`eprintln!` elsewhere, which panics on a broken pipe, through the panic hook.
//! Any other failure to print (a full disk under `> file`) is left as it was: `say!`
//! drops it, `println!` panics with its message. The same on Windows, where the error is
//! `ERROR_BROKEN_PIPE` or `ERROR_NO_DATA`.
//!
//! Ending there loses nothing: every command writes the database in one transaction, and
//! a transaction not committed is rolled back by SQLite. The status is not 0, so a script
//! with `set -o pipefail` sees that the command did not run to its end.

/// The exit status of a command whose output's reader went away: 128 + SIGPIPE's number,
/// as a shell reports a process the signal ended.
pub const CLOSED_PIPE_STATUS: i32 = 141;

/// What `say!` does with a failed write: a closed pipe ends the command quietly; anything
/// else is dropped, as before.
pub fn closed_pipe(error: &std::io::Error) {
    if error.kind() == std::io::ErrorKind::BrokenPipe {
        std::process::exit(CLOSED_PIPE_STATUS);
    }
}

/// Makes a closed standard output or error end the process quietly. Called once, before
/// the command runs.
pub fn end_quietly_on_closed_pipe() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if info.payload_as_str().is_some_and(is_closed_pipe) {
            std::process::exit(CLOSED_PIPE_STATUS);
        }
        previous(info);
    }));
}

/// The operating system's error numbers for writing into a pipe whose reader has gone:
/// `EPIPE` on Unix; `ERROR_BROKEN_PIPE` and `ERROR_NO_DATA` on Windows.
fn closed_pipe_errors() -> &'static [i32] {
    #[cfg(unix)]
    {
        &[libc::EPIPE]
    }
    #[cfg(windows)]
    {
        &[109, 232]
    }
    #[cfg(not(any(unix, windows)))]
    {
        &[]
    }
}

/// Whether a panic's message is `println!`'s (or `eprintln!`'s) for a closed pipe:
/// "failed printing to stdout: Broken pipe (os error 32)".
fn is_closed_pipe(message: &str) -> bool {
    let Some(error) = message
        .strip_prefix("failed printing to stdout: ")
        .or_else(|| message.strip_prefix("failed printing to stderr: "))
    else {
        return false;
    };
    closed_pipe_errors()
        .iter()
        .any(|&code| std::io::Error::from_raw_os_error(code).to_string() == error)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_closed_pipe_is_taken_for_one() {
        for &code in closed_pipe_errors() {
            let error = std::io::Error::from_raw_os_error(code);
            assert_eq!(error.kind(), std::io::ErrorKind::BrokenPipe);
            assert!(is_closed_pipe(&format!("failed printing to stdout: {error}")));
            assert!(is_closed_pipe(&format!("failed printing to stderr: {error}")));
        }
        let full = std::io::Error::from(std::io::ErrorKind::StorageFull);
        assert!(!is_closed_pipe(&format!("failed printing to stdout: {full}")));
        assert!(!is_closed_pipe(
            "index out of bounds: the len is 0 but the index is 0"
        ));
    }
}
