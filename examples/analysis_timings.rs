//! Times the analyses alone on an archive: each analysis one by one, then all of them
//! sequentially and in parallel, with the peak memory of the analysis stage (Linux: the
//! peak is reset after loading through /proc/self/clear_refs).
//!
//! `cargo run --release --example analysis_timings -- ARCHIVE...`

use std::path::PathBuf;
use std::time::Instant;

use rapport::analysis::{Clock, Execution, Options, Scope, activity_range, run_all};
use rapport::import::LoadOptions;
use rapport::pipeline::{Settings, read_input, summarize};
use rapport::progress::Reporter;

fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn reset_peak() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let paths: Vec<PathBuf> = std::env::args().skip(1).map(PathBuf::from).collect();
    if paths.is_empty() {
        return Err("usage: analysis_timings ARCHIVE...".into());
    }
    let started = Instant::now();
    let input = read_input(&paths, LoadOptions::default(), &Reporter::silent())?;
    println!(
        "load: {:.2} s, peak {:.0} MB",
        started.elapsed().as_secs_f64(),
        peak_rss_mb().unwrap_or(0.0)
    );
    let options = Options {
        clock: Clock::new(chrono_tz::Tz::UTC),
        ..Options::default()
    };
    let (first, last) = activity_range(&input.dataset)?.ok_or("no activity")?;
    let period = rapport::analysis::Period {
        start: first,
        end: last,
    };
    let t = Instant::now();
    let facts = rapport::import::facts(&input.archives);
    let scope = Scope::new(
        "overall",
        input.dataset.clone(),
        period,
        &options,
        &input.invitation_notes,
        &facts,
    )?;
    println!(
        "  scope cut to the period {:>8.1} ms",
        t.elapsed().as_secs_f64() * 1000.0
    );
    for _ in 0..2 {
        let t = Instant::now();
        let n = rapport::analysis::engagement::content_scope(&scope.within.posts)?.height();
        println!(
            "  content scope ({n} posts)  {:>8.1} ms",
            t.elapsed().as_secs_f64() * 1000.0
        );
        let t = Instant::now();
        let kinds = rapport::analysis::columns::strs(&scope.within.posts, "kind")?;
        println!(
            "  kinds ({})  {:>8.1} ms",
            kinds.len(),
            t.elapsed().as_secs_f64() * 1000.0
        );
    }
    for (name, analysis) in rapport::pipeline::registry::analyses() {
        let t = Instant::now();
        analysis(&scope)?;
        println!(
            "  {name:<26} {:>8.1} ms",
            t.elapsed().as_secs_f64() * 1000.0
        );
    }
    for execution in [Execution::Sequential, Execution::Parallel] {
        let t = Instant::now();
        run_all(
            std::slice::from_ref(&scope),
            &rapport::pipeline::registry::analyses(),
            execution,
        )?;
        println!(
            "one scope, {execution:?}: {:.2} s",
            t.elapsed().as_secs_f64()
        );
    }
    for execution in [Execution::Sequential, Execution::Parallel] {
        reset_peak();
        let settings = Settings {
            options: options.clone(),
            request: Default::default(),
            compare_previous: false,
            execution,
            linking: Default::default(),
        };
        let t = Instant::now();
        summarize(&input, &settings)?;
        println!(
            "summarize (every scope, {execution:?}): {:.2} s, peak {:.0} MB",
            t.elapsed().as_secs_f64(),
            peak_rss_mb().unwrap_or(0.0)
        );
    }
    Ok(())
}
