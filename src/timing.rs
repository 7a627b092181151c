//! Stage timings for measuring rapport itself: with `RAPPORT_TIMINGS=1` in the environment,
//! each stage prints `rapport timing: STAGE: SECONDS s` to stderr when it ends. Off by
//! default; the figures are for developers (see `benches/end_to_end.sh`), not for reports.

use std::sync::OnceLock;
use std::time::Instant;

/// Whether `RAPPORT_TIMINGS` is set to something other than `0` or empty.
pub fn enabled() -> bool {
    static ON: OnceLock<bool> = OnceLock::new();
    *ON.get_or_init(|| std::env::var("RAPPORT_TIMINGS").is_ok_and(|v| !v.is_empty() && v != "0"))
}

/// Runs `work`, printing how long it took when timings are on.
pub fn stage<T>(name: &str, work: impl FnOnce() -> T) -> T {
    if !enabled() {
        return work();
    }
    let started = Instant::now();
    let out = work();
    eprintln!(
        "rapport timing: {name}: {:.3} s{}",
        started.elapsed().as_secs_f64(),
        memory()
    );
    out
}

/// `, memory N MB (peak M MB)` from `/proc/self/status` where there is one.
fn memory() -> String {
    let Ok(status) = std::fs::read_to_string("/proc/self/status") else {
        return String::new();
    };
    let field = |key: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(key))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
            .map(|kb| kb / 1024)
    };
    match (field("VmRSS:"), field("VmHWM:")) {
        (Some(now), Some(peak)) => format!(", memory {now} MB (peak {peak} MB)"),
        _ => String::new(),
    }
}
