//! Criterion benchmarks of the analysis stage on a generated Twitter archive (20,000
//! tweets, 20,000 DMs): every analysis on every scope, in parallel and one by one, and the
//! heaviest single analyses; and the report stage: assembling the report, and writing
//! every format (or one) into a fresh directory.

#[path = "support/synth.rs"]
#[allow(dead_code)] // the LinkedIn and Facebook generators serve the import benchmarks
mod synth;

use criterion::{Criterion, criterion_group, criterion_main};
use rapport::analysis::{Execution, Options, Scope, activity_range};
use rapport::import::LoadOptions;
use rapport::pipeline::{Input, Settings, read_input, summarize};
use rapport::progress::Reporter;

fn input() -> Input {
    let dir = tempfile::tempdir().expect("temporary directory");
    let zip = dir.path().join("twitter.zip");
    let sizes = synth::Sizes {
        tweets: 20_000,
        dms: 20_000,
        likes: 10_000,
        followers: 2_000,
    };
    synth::write_zip(&zip, sizes).expect("generated archive");
    read_input(&[zip], LoadOptions::default(), &Reporter::silent()).expect("loads")
}

fn analyze(c: &mut Criterion) {
    let input = input();
    let mut group = c.benchmark_group("analyze");
    group.sample_size(10);
    for execution in [Execution::Parallel, Execution::Sequential] {
        let settings = Settings {
            options: Options::default(),
            request: Default::default(),
            compare_previous: false,
            execution,
            linking: Default::default(),
        };
        group.bench_function(
            format!("summary of 20k tweets + 20k DMs, {execution:?}"),
            |b| b.iter(|| summarize(&input, &settings).expect("summarizes")),
        );
    }
    let options = Options::default();
    let (start, end) = activity_range(&input.dataset)
        .expect("range")
        .expect("activity");
    let facts = rapport::import::facts(&input.archives);
    let scope = Scope::new(
        "overall",
        input.dataset.clone(),
        rapport::analysis::Period { start, end },
        &options,
        &input.invitation_notes,
        &facts,
    )
    .expect("scope");
    for (name, analysis) in rapport::pipeline::registry::analyses()
        .iter()
        .filter(|(n, _)| ["lift", "actions", "responsiveness"].contains(n))
    {
        group.bench_function(format!("{name} alone"), |b| {
            b.iter(|| analysis(&scope).expect("runs"))
        });
    }
    group.finish();
}

fn report(c: &mut Criterion) {
    use rapport::report::{self, Format, Report};
    let input = input();
    let settings = Settings {
        options: Options::default(),
        request: Default::default(),
        compare_previous: false,
        execution: Execution::Parallel,
        linking: Default::default(),
    };
    let analyzed = summarize(&input, &settings).expect("summarizes");
    let mut group = c.benchmark_group("report");
    group.sample_size(10);
    group.bench_function("assemble (tables, charts)", |b| {
        b.iter(|| {
            Report::new(
                analyzed.clone(),
                rapport::pipeline::registry::sections(),
                None,
                Format::ALL.to_vec(),
            )
        })
    });
    for formats in [Format::ALL.to_vec(), vec![Format::Png], vec![Format::Html]] {
        let names: Vec<&str> = formats.iter().map(|f| f.name()).collect();
        let built = Report::new(
            analyzed.clone(),
            rapport::pipeline::registry::sections(),
            None,
            formats.clone(),
        );
        group.bench_function(format!("write {}", names.join(",")), |b| {
            b.iter_batched(
                || tempfile::tempdir().expect("temporary directory"),
                |dir| {
                    report::write(&built, &dir.path().join("r"), &Reporter::silent())
                        .expect("writes");
                    dir
                },
                criterion::BatchSize::PerIteration,
            )
        });
    }
    group.finish();
}

criterion_group!(benches, analyze, report);
criterion_main!(benches);
