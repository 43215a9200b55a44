//! The harness's error type.

use std::path::PathBuf;
use std::time::Duration;

/// What can go wrong while starting, driving or stopping the app.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A helper program could not be started.
    #[error("failed to start {program}: {source}")]
    Spawn {
        /// The program's path or name.
        program: String,
        /// The error from the operating system.
        source: std::io::Error,
    },
    /// A helper program exited before it became ready.
    #[error("{program} exited before it was ready ({status}); its output is in {log}")]
    ExitedEarly {
        /// The program's name.
        program: String,
        /// How it exited.
        status: String,
        /// The file that contains its output.
        log: PathBuf,
    },
    /// A program the end-to-end tests need is not installed.
    #[error("{program} not found: {hint}")]
    ToolMissing {
        /// The program's name.
        program: String,
        /// How to install it.
        hint: String,
    },
    /// The app binary is missing and could not be built.
    #[error("app binary not available at {path}: {hint}")]
    AppMissing {
        /// Where the binary was expected.
        path: PathBuf,
        /// What to do about it.
        hint: String,
    },
    /// Every X display number in the searched range is taken.
    #[error("no free X display between :{first} and :{last}")]
    NoFreeDisplay {
        /// The first display number tried.
        first: u32,
        /// The last display number tried.
        last: u32,
    },
    /// A TCP port was still in use after its process was stopped.
    #[error("port {port} still in use after {program} was stopped")]
    PortBusy {
        /// The port number.
        port: u16,
        /// The program that had it.
        program: String,
    },
    /// An X display was still in use after its Xvfb was stopped.
    #[error("display :{display} still in use after Xvfb was stopped")]
    DisplayBusy {
        /// The display number.
        display: u32,
    },
    /// An HTTP request to the WebDriver server failed below the WebDriver
    /// protocol (connection refused, reset, timed out).
    #[error("{method} {path} failed: {source}")]
    Http {
        /// The HTTP method.
        method: &'static str,
        /// The request path.
        path: String,
        /// The error from the HTTP client.
        source: Box<ureq::Error>,
    },
    /// The WebDriver server responded with a WebDriver error.
    #[error("{method} {path} returned {status} {error}: {message}")]
    WebDriver {
        /// The HTTP method.
        method: &'static str,
        /// The request path.
        path: String,
        /// The HTTP status code.
        status: u16,
        /// The WebDriver error code, such as `no such element`.
        error: String,
        /// The server's message.
        message: String,
    },
    /// The WebDriver server responded with something that is not a
    /// WebDriver response.
    #[error("{method} {path} returned an invalid response: {detail}")]
    Protocol {
        /// The HTTP method.
        method: &'static str,
        /// The request path.
        path: String,
        /// What was wrong with it.
        detail: String,
    },
    /// A wait ran out of time.
    #[error("timed out after {after:?} waiting for {what}")]
    Timeout {
        /// What was awaited.
        what: String,
        /// How long the wait lasted.
        after: Duration,
    },
    /// A file operation failed.
    #[error("i/o error on {path}: {source}")]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// The error from the operating system.
        source: std::io::Error,
    },
}

impl Error {
    /// Whether a wait should keep polling after this error: the element is
    /// not in the page yet, or was replaced while the UI re-rendered.
    pub fn is_transient(&self) -> bool {
        matches!(
            self,
            Error::WebDriver { error, .. }
                if error == "no such element" || error == "stale element reference"
        )
    }
}

/// The harness's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
