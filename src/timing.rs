//! Phase timings for measuring where a registry load goes: with the
//! environment variable `COPYDESK_TIMINGS` set (to anything but empty),
//! each timed phase prints `copydesk: timing <phase> <ms> ms` to standard
//! error. Off by default; reading the variable is done once.

use std::sync::OnceLock;
use std::time::Instant;

/// Whether timings are printed.
fn enabled() -> bool {
    static ON: OnceLock<bool> = OnceLock::new();
    *ON.get_or_init(|| std::env::var_os("COPYDESK_TIMINGS").is_some_and(|v| !v.is_empty()))
}

/// Runs `f`, printing how long it took under `phase` when timings are on.
pub fn timed<T>(phase: &str, f: impl FnOnce() -> T) -> T {
    if !enabled() {
        return f();
    }
    let start = Instant::now();
    let out = f();
    eprintln!("copydesk: timing {phase} {:.1} ms", start.elapsed().as_secs_f64() * 1000.0);
    out
}

/// A phase timed from [`Phase::start`] until it is dropped.
pub struct Phase {
    name: &'static str,
    start: Option<Instant>,
}

impl Phase {
    /// Starts timing `name` (nothing when timings are off).
    pub fn start(name: &'static str) -> Phase {
        Phase { name, start: enabled().then(Instant::now) }
    }
}

impl Drop for Phase {
    fn drop(&mut self) {
        if let Some(start) = self.start {
            eprintln!("copydesk: timing {} {:.1} ms", self.name, start.elapsed().as_secs_f64() * 1000.0);
        }
    }
}
