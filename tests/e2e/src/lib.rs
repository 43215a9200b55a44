//! End-to-end test harness for the Chumchon desktop app.
//!
//! [`App::launch`] starts a virtual screen (Xvfb), tauri-driver on free
//! ports and, through a WebDriver session, the real app binary with a
//! database in a temporary folder. Tests then find elements by their
//! `data-testid`, click, type, wait and read text through [`Session`].
//! Everything is stopped in order (session, driver, screen) when the
//! [`App`] is closed or dropped, also when a test panics. A test that did
//! not call [`App::close`] leaves a screenshot and the page source in its
//! artifacts folder.
//!
//! Linux only: tauri-driver drives WebKitWebDriver there.

mod app;
mod binary;
mod driver;
mod error;
mod process;
mod webdriver;

use std::thread::sleep;
use std::time::{Duration, Instant};

pub use app::{App, Launch};
pub use binary::{app_binary, workspace_root};
pub use error::{Error, Result};
pub use process::{find_program, free_port, port_is_free};
pub use webdriver::{keys, test_id_selector, Client, Element, Session};

/// How long waits for the UI last unless a test sets another timeout.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

/// Calls `probe` until it returns `Ok(Some(value))`, and returns the value.
///
/// `Ok(None)` and transient WebDriver errors (element not found yet, or
/// replaced by a re-render) mean "not yet"; any other error ends the wait.
/// After `timeout`, returns [`Error::Timeout`] naming `what`.
///
/// ```
/// # use std::time::Duration;
/// let mut calls = 0;
/// let value = chumchon_e2e::wait_until("the third call", Duration::from_secs(5), || {
///     calls += 1;
///     Ok((calls == 3).then_some(calls))
/// })?;
/// assert_eq!(value, 3);
/// # Ok::<(), chumchon_e2e::Error>(())
/// ```
pub fn wait_until<T>(
    what: &str,
    timeout: Duration,
    mut probe: impl FnMut() -> Result<Option<T>>,
) -> Result<T> {
    let deadline = Instant::now() + timeout;
    loop {
        match probe() {
            Ok(Some(value)) => return Ok(value),
            Ok(None) => {}
            Err(error) if error.is_transient() => {}
            Err(error) => return Err(error),
        }
        if Instant::now() >= deadline {
            return Err(Error::Timeout {
                what: what.to_string(),
                after: timeout,
            });
        }
        sleep(process::POLL);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wait_until_times_out_naming_the_wait() {
        let outcome: Result<()> = wait_until("nothing", Duration::from_millis(250), || Ok(None));

        assert!(
            matches!(&outcome, Err(Error::Timeout { what, .. }) if what == "nothing"),
            "a probe that never succeeds should time out, got {outcome:?}"
        );
    }

    #[test]
    fn wait_until_stops_on_lasting_error() {
        let mut calls = 0;

        let outcome: Result<()> = wait_until("a file", Duration::from_secs(5), || {
            calls += 1;
            Err(Error::Protocol {
                method: "GET",
                path: "/x".into(),
                detail: "bad".into(),
            })
        });

        assert!(
            matches!(outcome, Err(Error::Protocol { .. })),
            "got {outcome:?}"
        );
        assert_eq!(calls, 1, "a lasting error should end the wait at once");
    }
}
