//! Progress of long tasks, sent to the UI as `progress` events.

use tauri::{AppHandle, Emitter, Runtime};
use tracing::debug;

use crate::dto::{Progress, PROGRESS_EVENT};

/// Steps between two events: about one per cent of the work, so that a
/// 50,000-row import sends about a hundred events, not fifty thousand.
fn step(total: usize) -> usize {
    (total / 100).max(1)
}

/// Returns a callback for the core's `progress(done, total)` that emits a
/// [`Progress`] event for `task`, at most about a hundred times per task
/// and always for the last unit.
pub fn emitter<R: Runtime>(app: &AppHandle<R>, task: &'static str) -> impl FnMut(usize, usize) {
    let app = app.clone();
    let mut last_sent: Option<usize> = None;
    move |done, total| {
        let due = match last_sent {
            None => true,
            Some(sent) => done >= total || done >= sent + step(total),
        };
        if !due || last_sent == Some(done) {
            return;
        }
        last_sent = Some(done);
        let progress = Progress {
            task: task.to_string(),
            done: done as u64,
            total: total as u64,
        };
        if let Err(error) = app.emit(PROGRESS_EVENT, progress) {
            debug!(%error, "progress event not sent");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn step_is_one_percent_and_at_least_one() {
        assert_eq!(step(50_000), 500, "one per cent of 50,000 rows");
        assert_eq!(step(30), 1, "small tasks report every unit");
    }
}
