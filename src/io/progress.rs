//! Progress on stderr for work that takes more than a moment (SPEC §1): a bar
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

/// A bar for reading one file; hidden unless enabled and the file is large.
pub struct FileProgress(Option<indicatif::ProgressBar>);

impl FileProgress {
    pub fn new(name: &str, size: Option<u64>) -> FileProgress {
        match size {
            Some(total) if ENABLED.load(Ordering::Relaxed) && total >= MIN_BYTES => {
                let bar =
                    indicatif::ProgressBar::with_draw_target(Some(total), indicatif::ProgressDrawTarget::stderr());
                if let Ok(style) =
                    indicatif::ProgressStyle::with_template("{msg} [{bar:30}] {bytes}/{total_bytes} {eta}")
                {
                    bar.set_style(style.progress_chars("=> "));
                }
                bar.set_message(format!("reading {name}"));
                FileProgress(Some(bar))
            }
            _ => FileProgress(None),
        }
    }

    pub fn set(&self, bytes: u64) {
        if let Some(b) = &self.0 {
            b.set_position(bytes);
        }
    }
}

impl Drop for FileProgress {
    fn drop(&mut self) {
        if let Some(b) = &self.0 {
            b.finish_and_clear();
        }
    }
}
