//! Progress on stderr for work that takes more than a moment (docs/reference/conventions.md): a bar
//! while a large CSV file is read, shown only when stderr is a terminal and
//! `--quiet` is off — never in cron or a pipe.

use std::sync::atomic::{AtomicBool, Ordering};

static ENABLED: AtomicBool = AtomicBool::new(false);

/// Files smaller than this are read too quickly to need a bar.
const MIN_BYTES: u64 = 20 << 20;

/// Turns progress bars on or off for this process.
pub fn enable(on: bool) {
    ENABLED.store(on, Ordering::Relaxed);
}

/// Files below this count are checked too quickly to need a bar.
const MIN_COUNT: u64 = 500;

/// A progress bar on stderr, or nothing (not enabled, or too little work).
pub struct Progress(Option<indicatif::ProgressBar>);

impl Progress {
    /// For reading one file of `size` bytes.
    pub fn file(name: &str, size: Option<u64>) -> Progress {
        match size {
            Some(total) if total >= MIN_BYTES => {
                Progress::shown(total, "{msg} [{bar:30}] {bytes}/{total_bytes} {eta}", format!("reading {name}"))
            }
            _ => Progress(None),
        }
    }

    /// For `total` items (audit files).
    pub fn count(what: &str, total: u64) -> Progress {
        if total < MIN_COUNT {
            return Progress(None);
        }
        Progress::shown(total, "{msg} [{bar:30}] {pos}/{len} {eta}", what.to_string())
    }

    fn shown(total: u64, template: &str, message: String) -> Progress {
        if !ENABLED.load(Ordering::Relaxed) {
            return Progress(None);
        }
        let bar = indicatif::ProgressBar::with_draw_target(Some(total), indicatif::ProgressDrawTarget::stderr());
        if let Ok(style) = indicatif::ProgressStyle::with_template(template) {
            bar.set_style(style.progress_chars("=> "));
        }
        bar.set_message(message);
        Progress(Some(bar))
    }

    pub fn set(&self, position: u64) {
        if let Some(b) = &self.0 {
            b.set_position(position);
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        if let Some(b) = &self.0 {
            b.finish_and_clear();
        }
    }
}
