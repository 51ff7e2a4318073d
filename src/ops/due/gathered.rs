//! A shuffled events file's cases, once every row is gathered: tracked in
//! case order, and on every core when the output can take rows made apart
//! (: "use both cores where the data splits by case", docs/performance.md).
//!
//! Each thread builds its own timescale set and event kinds (they share text
//! by `Rc`, which cannot cross threads), tracks a run of cases at a time,
//! taking the next run when it is done, and makes their rows; this thread
//! writes the runs in order and adds up what each thread counted. What comes
//! out is what one thread would write: the same rows, in the same order, and
//! on a case that cannot be tracked, the rows before it and its message.

use super::source::{Reading, read_case_again};
use super::{Out, track};
use crate::error::InputError;
use crate::model::event_kind::EventKind;
use crate::model::events::{Case, Vocabulary};
use crate::timescales::cases::Grouped;
use crate::timescales::gather::LINE_UNKNOWN;
use crate::timescales::report::{Listed, Report, Summary};
use crate::timescales::track::Context;
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex};

/// Makes the rows of listed obligations apart from the output, on one thread.
pub trait Render {
    fn row(&mut self, case: &Case, listed: &Listed, out: &mut Vec<u8>);
}

/// Cases are shared out in runs of this many.
const RUN: usize = 128;
/// A thread takes a run only this far ahead of the next to be written, so
/// that a thread held up holds up the others, not the memory.
const AHEAD: usize = 1;
/// Fewer cases than this are tracked here: threads would cost more than
/// they save.
const MIN_CASES: usize = 4 * RUN;

/// The file the cases came from, to say which row a message is about.
pub(super) struct Setting<'a> {
    pub(super) name: &'a str,
    pub(super) read: &'a Reading<'a>,
    pub(super) words: &'a Vocabulary<'a>,
}

/// Tracks every case, in case order, and hands on what is listed.
/// `record_audits`: the file has record-audit rows (see `run`).
pub(super) fn track_all(
    cases: &Grouped,
    s: &Setting<'_>,
    record_audits: bool,
    report: &mut Report,
    out: &mut dyn Out,
) -> anyhow::Result<()> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    match out.apart() {
        Some(maker) if threads > 1 && cases.len() >= MIN_CASES => {
            on_threads(cases, s, record_audits, threads, &*maker, report, out)
        }
        _ => {
            let kinds = cases.kinds();
            for r in 0..cases.len() {
                let mut case = cases.case(&kinds, r);
                if let Err(e) = track(s.name, &mut case, report, out) {
                    return Err(which_row(e, &case, cases, s, report, out));
                }
            }
            Ok(())
        }
    }
}

/// A message about a case whose rows were gathered without their lines
/// (line 0): the case's rows are read again, with their lines, and tracked
/// again, to say which row it is about.
fn which_row(
    e: anyhow::Error,
    case: &Case,
    cases: &Grouped,
    s: &Setting<'_>,
    report: &mut Report,
    out: &mut dyn Out,
) -> anyhow::Error {
    let unknown = e.downcast_ref::<InputError>().is_some_and(|e| e.line == Some(LINE_UNKNOWN));
    if cases.has_lines() || !unknown {
        return e;
    }
    match read_case_again(s.read, s.words, &case.id) {
        Ok(mut again) => track(s.name, &mut again, report, out).err().unwrap_or(e),
        Err(read) => read,
    }
}

/// One run's rows, made on a thread: how many, and the case it stopped at
/// (its place and line) when that case could not be tracked.
struct Run {
    at: usize,
    bytes: Vec<u8>,
    rows: usize,
    failed: Option<(usize, u64, crate::calendar::OutOfRange)>,
}

/// What a thread sends: a run, or once it has no more, what it counted.
enum Sent {
    Run(Run),
    Counted(Summary),
}

/// The cases tracked on `threads` threads, their rows written here in order.
fn on_threads(
    cases: &Grouped,
    s: &Setting<'_>,
    record_audits: bool,
    threads: usize,
    maker: &(dyn Fn() -> Box<dyn Render> + Send + Sync),
    report: &mut Report,
    out: &mut dyn Out,
) -> anyhow::Result<()> {
    let set = report.cx.set.detach();
    let (cal, count_event_day, as_of, opts) =
        (report.cx.cal, report.cx.count_event_day, report.cx.as_of, report.opts.clone());
    let runs = cases.len().div_ceil(RUN);
    let (next, stop) = (AtomicUsize::new(0), AtomicBool::new(false));
    // The runs written so far, and a bell rung each time one is.
    let written = (Mutex::new(0usize), Condvar::new());
    let (send, receive) = std::sync::mpsc::sync_channel::<Sent>(threads);
    let mut failed = None;
    std::thread::scope(|scope| {
        for _ in 0..threads {
            let (send, set, opts, next, written, stop) = (send.clone(), &set, opts.clone(), &next, &written, &stop);
            scope.spawn(move || {
                let set = set.build();
                // As `run` says: record audits are tracked only when the file has some.
                let records = |e: &EventKind| *e != EventKind::RecordAudit || record_audits;
                let cx = Context { set: &set, cal, count_event_day, as_of, records: Some(&records) };
                let mut report = Report::new(cx, opts);
                let (kinds, mut render) = (cases.kinds(), maker());
                while !stop.load(Ordering::Relaxed) {
                    let at = next.fetch_add(1, Ordering::Relaxed);
                    if at >= runs {
                        break;
                    }
                    let (count, bell) = written;
                    let mut done = count.lock().unwrap_or_else(|e| e.into_inner());
                    while at >= *done + threads * AHEAD && !stop.load(Ordering::Relaxed) {
                        done = bell.wait(done).unwrap_or_else(|e| e.into_inner());
                    }
                    drop(done);
                    if stop.load(Ordering::Relaxed) {
                        break;
                    }
                    let mut run = Run { at, bytes: Vec::new(), rows: 0, failed: None };
                    for r in at * RUN..((at + 1) * RUN).min(cases.len()) {
                        let mut case = cases.case(&kinds, r);
                        match report.case(&mut case) {
                            Ok(listed) => {
                                for l in &listed {
                                    render.row(&case, l, &mut run.bytes);
                                }
                                run.rows += listed.len();
                            }
                            Err((line, e)) => {
                                run.failed = Some((r, line, e));
                                break;
                            }
                        }
                    }
                    if send.send(Sent::Run(run)).is_err() {
                        return;
                    }
                }
                let _ = send.send(Sent::Counted(report.summary));
            });
        }
        drop(send);
        // The runs in order, each written once those before it are; after a
        // case that cannot be tracked, or an output that cannot be written,
        // nothing more is written, and the threads stop at their next run.
        let (mut waiting, mut due) = (BTreeMap::new(), 0);
        for sent in receive {
            let run = match sent {
                Sent::Run(run) => run,
                Sent::Counted(counted) => {
                    report.summary.add(&counted);
                    continue;
                }
            };
            waiting.insert(run.at, run);
            while let Some(run) = waiting.remove(&due) {
                due += 1;
                *written.0.lock().unwrap_or_else(|e| e.into_inner()) = due;
                written.1.notify_all();
                if failed.is_some() {
                    continue;
                }
                if let Err(e) = out.rendered(&run.bytes, run.rows) {
                    failed = Some(Err(e));
                } else if let Some(stopped) = run.failed {
                    failed = Some(Ok(stopped));
                }
                if failed.is_some() {
                    // Told under the lock, so that a thread about to wait sees it.
                    let _count = written.0.lock().unwrap_or_else(|e| e.into_inner());
                    stop.store(true, Ordering::Relaxed);
                    written.1.notify_all();
                }
            }
        }
    });
    match failed {
        None => Ok(()),
        Some(Err(not_written)) => Err(not_written),
        Some(Ok((r, line, e))) => {
            let case = cases.case(&cases.kinds(), r);
            let e = InputError::at(s.name, line, None, e.to_string()).into();
            Err(which_row(e, &case, cases, s, report, out))
        }
    }
}
