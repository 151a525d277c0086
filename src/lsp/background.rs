//! The server's background builds (the whole lexicon built after a
//! patched reload, seconds of work at a million actors) run on their own
//! thread pool, at a lower priority, never on rayon's global pool, where
//! a reload's parallel work runs.
//!
//! On one shared pool a reload waited for a rebuild: a `rayon::join` whose
//! other half was taken by another thread picks up queued jobs while it
//! waits, and may pick up one of the rebuild's (the automaton, 3–5 s),
//! returning only when that is done. A registry edit saved while a
//! rebuild ran (a start on an earlier cache entry rebuilds too) took
//! 10–11 s instead of 2–3 (BENCHMARKS.md).

use std::sync::{Mutex, MutexGuard, OnceLock};

/// How much lower than the server's other threads the background
/// builders run (Linux `nice`): a reload, which the user waits for, gets
/// the cores first.
#[cfg(target_os = "linux")]
const NICENESS: libc::c_int = 10;

/// Held by a background build for its whole run: two at once (a start on
/// an earlier cache entry, then a saved edit) would hold two lexicons in
/// the making besides the reload's; the later one waits, then finds
/// whether it is still wanted.
pub(super) fn one_at_a_time() -> MutexGuard<'static, ()> {
    static ONE: Mutex<()> = Mutex::new(());
    ONE.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Runs `f` on the background pool, its parallel work included (on the
/// calling thread when the pool cannot be made).
pub(super) fn install<T: Send>(f: impl FnOnce() -> T + Send) -> T {
    match pool() {
        Some(pool) => pool.install(f),
        None => f(),
    }
}

/// The background pool: as many threads as cores, made on first use.
fn pool() -> Option<&'static rayon::ThreadPool> {
    static POOL: OnceLock<Option<rayon::ThreadPool>> = OnceLock::new();
    POOL.get_or_init(|| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(std::thread::available_parallelism().map_or(1, |n| n.get()))
            .thread_name(|i| format!("copydesk-background-{i}"))
            .start_handler(|_| lower_priority())
            .build()
            .ok()
    })
    .as_ref()
}

/// Lowers the calling thread's scheduling priority (on Linux a nice value
/// is per thread; elsewhere it would be the whole process's, so nothing).
fn lower_priority() {
    // SAFETY: setpriority changes only the calling thread's nice value.
    #[cfg(target_os = "linux")]
    unsafe {
        libc::setpriority(libc::PRIO_PROCESS, 0, NICENESS);
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
    use std::time::{Duration, Instant};

    /// Every background thread busy, parallel work on the global pool
    /// still finishes at once: a reload never waits for a rebuild.
    #[test]
    fn the_global_pool_never_waits_for_background_work() {
        static BUSY: AtomicUsize = AtomicUsize::new(0);
        static RELEASE: AtomicBool = AtomicBool::new(false);
        let threads = super::pool().expect("a background pool").current_num_threads();
        let background = std::thread::spawn(move || {
            super::install(|| {
                rayon::scope(|s| {
                    for _ in 0..threads {
                        s.spawn(|_| {
                            BUSY.fetch_add(1, Ordering::SeqCst);
                            while !RELEASE.load(Ordering::SeqCst) {
                                std::thread::sleep(Duration::from_millis(5));
                            }
                        });
                    }
                })
            })
        });
        let deadline = Instant::now() + Duration::from_secs(20);
        while BUSY.load(Ordering::SeqCst) < threads && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(5));
        }
        assert_eq!(BUSY.load(Ordering::SeqCst), threads, "every background thread is busy");
        let (done, result) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let sum: u64 = rayon::join(|| (0..1000u64).sum::<u64>(), || (1000..2000u64).sum::<u64>()).0;
            let _ = done.send(sum);
        });
        let answer = result.recv_timeout(Duration::from_secs(10));
        RELEASE.store(true, Ordering::SeqCst);
        background.join().unwrap();
        assert_eq!(answer, Ok(499_500), "the global pool answered while the background pool was busy");
        #[cfg(target_os = "linux")]
        assert_eq!(super::install(|| unsafe { libc::getpriority(libc::PRIO_PROCESS, 0) }), super::NICENESS);
    }
}
