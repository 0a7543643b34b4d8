//! Checking many programs: the command-line paths become [`Job`]s (every
//! al.toml read first), the jobs are checked on worker threads, and the
//! results come back in the order of the jobs ([`in_order`]), whatever the
//! number of threads. [`emit`] writes them through an output format's
//! [`Emitter`].

use crate::check::{ProgramReport, Summary};
use crate::config::{Config, Lang};
use crate::error::Result;
use crate::model::Date;
use crate::output::{Emitter, Piece};
use std::io::Write;
use std::path::PathBuf;

/// A program to check, with its configuration.
pub(crate) struct Job {
    /// The program folder.
    pub dir: PathBuf,
    /// The program folder as shown (with `/` on every system).
    pub display: String,
    /// The al.toml that applies to it, or the defaults.
    pub config: Config,
    /// Whether this program's check reports the al.toml's own findings.
    pub report_config: bool,
    /// `--lang`, when given: the language of every program's messages.
    pub lang: Option<Lang>,
}

impl Job {
    /// Checks the program.
    pub fn check(&self, today: Date) -> ProgramReport {
        crate::check::check_dir(
            &self.dir,
            &self.display,
            &self.config,
            self.report_config,
            today,
            self.lang,
        )
    }
}

/// Every program under every path, in order, with its configuration.
///
/// Every al.toml is read here, before any program is checked: a broken one
/// stops the run before anything is printed.
pub fn jobs(paths: &[PathBuf], lang: Option<Lang>) -> Result<Vec<Job>> {
    let mut configs = crate::check::Configs::default();
    let mut jobs = Vec::new();
    // A program named twice (`al check p ./p`, or a folder and a program
    // inside it) is checked once, where it is first named.
    let mut seen = std::collections::HashSet::new();
    for path in paths {
        for dir in crate::load::discover(path)? {
            if !seen.insert(std::fs::canonicalize(&dir).unwrap_or_else(|_| dir.clone())) {
                continue;
            }
            let display = dir.to_string_lossy().replace('\\', "/");
            let (config, report_config) = configs.for_program(&dir, &display)?;
            jobs.push(Job {
                dir,
                display,
                config,
                report_config,
                lang,
            });
        }
    }
    Ok(jobs)
}

/// How a run of [`emit`] ended.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct Emitted {
    /// The totals over every program checked.
    pub summary: Summary,
    /// Whether the output was closed before the end (`al check | head`):
    /// nothing more was written, but every program was still checked, so
    /// that the exit status is the same whatever the format.
    pub closed: bool,
    /// A write that failed otherwise (a full disk, `/dev/full`): the run
    /// stopped there. The error's kind and, where the system gave one, its
    /// code.
    pub failed: Option<(std::io::ErrorKind, Option<i32>)>,
}

impl Emitted {
    /// The write error, if a write failed other than by a closed pipe.
    pub fn write_error(&self) -> Option<std::io::Error> {
        self.failed.map(|(kind, code)| match code {
            Some(code) => std::io::Error::from_raw_os_error(code),
            None => kind.into(),
        })
    }

    /// Writes `text` unless the output is closed or has failed; false when
    /// the run must stop (a failure other than a closed pipe).
    fn put(&mut self, out: &mut impl Write, text: &str) -> bool {
        if text.is_empty() || self.closed || self.failed.is_some() {
            return self.failed.is_none();
        }
        match out.write_all(text.as_bytes()) {
            Ok(()) => true,
            Err(e) => self.fail(&e),
        }
    }

    /// Records a failed write; false unless it was a closed pipe.
    fn fail(&mut self, e: &std::io::Error) -> bool {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            self.closed = true;
            true
        } else {
            self.failed = Some((e.kind(), e.raw_os_error()));
            false
        }
    }
}

/// Checks every job on `threads` threads and writes the output of `emitter`
/// to `out`, program by program in the order of the jobs: the bytes do not
/// depend on the number of threads. When the reader closes the output
/// (`al check | head`), nothing more is written but checking goes on, so
/// the summary — and the exit status — are the same for every format; any
/// other failed write stops the run and is reported in [`Emitted::failed`].
pub fn emit(
    jobs: &[Job],
    today: Date,
    threads: usize,
    emitter: &mut dyn Emitter,
    out: &mut impl Write,
) -> Emitted {
    let mut done = Emitted::default();
    if !done.put(out, &emitter.begin()) {
        return done;
    }
    let render = emitter.render();
    let work = |report: ProgramReport| {
        let rendered = render(&report);
        // The program and its texts are dropped here, on the worker.
        Piece::new(report, rendered)
    };
    check_in_order(jobs, today, threads, work, |piece| {
        done.summary.add_piece(&piece);
        if done.closed {
            return true;
        }
        let text = emitter.program(piece);
        done.put(out, &text)
    });
    done.summary.configs = jobs.iter().filter_map(|j| j.config.file.clone()).collect();
    if done.failed.is_none() && !done.closed {
        let text = emitter.finish(&done.summary);
        if done.put(out, &text)
            && !done.closed
            && let Err(e) = out.flush()
        {
            done.fail(&e);
        }
    }
    done
}

/// Checks every job on `threads` threads, turns each report into a result
/// with `work` on the worker, and hands the results to `emit` in the order
/// of the jobs (see [`in_order`]). `emit` returns false to stop early.
pub(crate) fn check_in_order<R: Send>(
    jobs: &[Job],
    today: Date,
    threads: usize,
    work: impl Fn(ProgramReport) -> R + Sync,
    emit: impl FnMut(R) -> bool,
) {
    in_order(jobs, threads, |job| work(job.check(today)), emit);
}

/// How far ahead of the printer the workers may run, in programs: bounds
/// the memory held by results waiting for their turn.
pub(crate) const WINDOW: usize = 64;

/// Runs `work` on every item on `jobs` threads and hands the results to
/// `emit` on this thread, in the order of `items`, each as soon as it and
/// all before it are done: the output does not depend on the number of
/// threads, no thread waits for a batch, and at most [`WINDOW`] results
/// wait in memory. `emit` returns false to stop early.
pub(crate) fn in_order<T: Sync, R: Send>(
    items: &[T],
    jobs: usize,
    work: impl Fn(&T) -> R + Sync,
    mut emit: impl FnMut(R) -> bool,
) {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::{Condvar, Mutex, mpsc};
    if jobs <= 1 || items.len() <= 1 {
        for item in items {
            if !emit(work(item)) {
                return;
            }
        }
        return;
    }
    let next = AtomicUsize::new(0);
    // How many results were emitted; usize::MAX once emitting has stopped.
    let emitted = (Mutex::new(0usize), Condvar::new());
    let (tx, rx) = mpsc::channel::<(usize, R)>();
    std::thread::scope(|scope| {
        for _ in 0..jobs.min(items.len()) {
            let tx = tx.clone();
            let (next, emitted, work) = (&next, &emitted, &work);
            scope.spawn(move || {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(item) = items.get(i) else { break };
                    {
                        let (lock, cvar) = emitted;
                        let Ok(mut done) = lock.lock() else { break };
                        while *done != usize::MAX && i >= *done + WINDOW {
                            match cvar.wait(done) {
                                Ok(d) => done = d,
                                Err(_) => return,
                            }
                        }
                        if *done == usize::MAX {
                            break;
                        }
                    }
                    if tx.send((i, work(item))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        let mut waiting = std::collections::BTreeMap::new();
        let mut want = 0usize;
        let mut stopped = false;
        for (i, r) in rx.iter() {
            waiting.insert(i, r);
            while let Some(r) = waiting.remove(&want) {
                want += 1;
                if !emit(r) {
                    stopped = true;
                    break;
                }
            }
            let (lock, cvar) = &emitted;
            if let Ok(mut done) = lock.lock() {
                *done = if stopped { usize::MAX } else { want };
            }
            cvar.notify_all();
            if stopped {
                break;
            }
        }
        // Dropping the receiver makes any worker still sending stop.
        drop(rx);
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::{Format, Options};

    /// Work that takes longer for some items, so threads finish out of order.
    fn work(i: &usize) -> usize {
        let spin = (i * 7919) % 50_000;
        (0..spin).fold(*i, |a, b| std::hint::black_box(a ^ b)) ^ (0..spin).fold(0, |a, b| a ^ b)
    }

    #[test]
    fn results_come_in_the_order_of_the_items() {
        let items: Vec<usize> = (0..700).collect();
        for jobs in [1, 2, 3, 8] {
            let mut got = Vec::new();
            in_order(&items, jobs, work, |r| {
                got.push(r);
                true
            });
            assert_eq!(got, items, "{jobs} threads");
        }
    }

    #[test]
    fn emitting_can_stop_early() {
        let items: Vec<usize> = (0..700).collect();
        for jobs in [1, 2, 4] {
            let mut got = Vec::new();
            in_order(&items, jobs, work, |r| {
                got.push(r);
                got.len() < 10
            });
            assert_eq!(got, (0..10).collect::<Vec<_>>(), "{jobs} threads");
        }
    }

    fn fixtures() -> Vec<Job> {
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        jobs(&[root.join("AL201"), root.join("AL301")], Some(Lang::En)).expect("fixtures")
    }

    fn today() -> Date {
        crate::dates::parse_date("2026-03-20").expect("date")
    }

    #[test]
    fn the_json_emitter_writes_the_document_of_all_findings() {
        let jobs = fixtures();
        assert_eq!(jobs.len(), 4, "a fail and a pass program each");
        let mut all = Vec::new();
        let mut summary = Summary::default();
        for job in &jobs {
            let report = job.check(today());
            summary.add(&report);
            all.extend(report.diagnostics);
        }
        assert!(summary.errors > 0);
        for threads in [1, 3] {
            let mut out = Vec::new();
            let mut emitter = Format::Json.emitter(Options::default());
            let done = emit(&jobs, today(), threads, emitter.as_mut(), &mut out);
            assert_eq!(
                done,
                Emitted {
                    summary: summary.clone(),
                    closed: false,
                    failed: None,
                }
            );
            let text = String::from_utf8(out).expect("utf-8");
            assert_eq!(
                text,
                crate::output::json::render(&all, &summary),
                "{threads} threads"
            );
        }
    }

    /// Takes `room` bytes, then fails as a closed pipe (or a full disk) does.
    struct Pipe {
        room: usize,
        got: Vec<u8>,
        fails_as: std::io::ErrorKind,
    }

    impl Write for Pipe {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            if self.room == 0 {
                return Err(self.fails_as.into());
            }
            let n = buf.len().min(self.room);
            self.room -= n;
            self.got.extend_from_slice(&buf[..n]);
            Ok(n)
        }

        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_closed_output_stops_the_writing_but_not_the_counting() {
        let jobs = fixtures();
        for format in [Format::Human, Format::Json] {
            for threads in [1, 2] {
                let mut pipe = Pipe {
                    room: 10,
                    got: Vec::new(),
                    fails_as: std::io::ErrorKind::BrokenPipe,
                };
                let mut emitter = format.emitter(Options::default());
                let done = emit(&jobs, today(), threads, emitter.as_mut(), &mut pipe);
                assert!(done.closed);
                assert_eq!(done.failed, None);
                // Every program is counted: the exit status does not depend on the format.
                assert_eq!(done.summary.programs, 4, "{format:?}, {threads} threads");
                assert!(done.summary.errors > 0);
                assert_eq!(pipe.got.len(), 10);
            }
        }
    }

    #[test]
    fn a_full_disk_stops_the_run_with_its_error() {
        let jobs = fixtures();
        let mut pipe = Pipe {
            room: 10,
            got: Vec::new(),
            fails_as: std::io::ErrorKind::StorageFull,
        };
        let mut emitter = Format::Human.emitter(Options::default());
        let done = emit(&jobs, today(), 2, emitter.as_mut(), &mut pipe);
        assert!(!done.closed);
        assert_eq!(
            done.write_error().map(|e| e.kind()),
            Some(std::io::ErrorKind::StorageFull)
        );
        assert_eq!(done.summary.programs, 1, "the run stops at the failed write");
    }
}
