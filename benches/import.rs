//! Criterion benchmarks of the import stage on generated archives: the whole `load` (open,
//! detect, parse in parallel, build the dataframes) for each of the five platforms, and the
//! JSON record parser alone.

#[allow(dead_code)] // the many-accounts generator serves gen_archive and the lake tests
#[path = "support/synth.rs"]
mod synth;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use rapport::import::{LoadOptions, load};
use rapport::progress::Reporter;

fn import(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temporary directory");
    let zip = dir.path().join("twitter.zip");
    let sizes = synth::Sizes {
        tweets: 20_000,
        dms: 20_000,
        likes: 10_000,
        followers: 2_000,
    };
    synth::write_zip(&zip, sizes).expect("generated archive");
    let mut group = c.benchmark_group("import");
    group.sample_size(10);
    group.throughput(Throughput::Elements((sizes.tweets + sizes.dms) as u64));
    group.bench_function("load 20k tweets + 20k DMs (zip)", |b| {
        b.iter(|| {
            let archives = load(
                std::slice::from_ref(&zip),
                LoadOptions::default(),
                &Reporter::silent(),
            )
            .expect("loads");
            assert_eq!(archives[0].dataset.posts.height(), sizes.tweets);
        })
    });
    let tweets = synth::files(sizes)
        .into_iter()
        .find(|(name, _)| name == "data/tweets.js")
        .map(|(_, text)| text)
        .expect("tweets.js");
    group.throughput(Throughput::Bytes(tweets.len() as u64));
    group.bench_function("stream tweets.js records", |b| {
        b.iter(|| {
            let read = rapport::import::jsfile::records(&mut tweets.as_bytes(), 64, &|node, _| {
                std::hint::black_box(node.is_object()).then_some(())
            })
            .expect("parses");
            assert_eq!(read.count, sizes.tweets as u64);
        })
    });
    let linkedin = dir.path().join("linkedin.zip");
    synth::write_files(&linkedin, synth::linkedin_files(3_000, 10_000)).expect("generated");
    group.throughput(Throughput::Elements(13_000));
    group.bench_function("load LinkedIn 3k connections + 10k messages", |b| {
        b.iter(|| load_one(&linkedin).dataset.messages.height())
    });
    let facebook = dir.path().join("facebook.zip");
    synth::write_files(&facebook, synth::facebook_files(50_000, 200)).expect("generated");
    group.throughput(Throughput::Elements(50_000));
    group.bench_function("load Facebook 50k messages in 200 threads", |b| {
        b.iter(|| load_one(&facebook).dataset.messages.height())
    });
    let instagram = dir.path().join("instagram.zip");
    synth::write_files(&instagram, synth::instagram_files(20_000, 50_000, 200)).expect("generated");
    group.throughput(Throughput::Elements(20_000 + 20_000 + 50_000));
    group.bench_function("load Instagram 20k posts + 20k likes + 50k messages", |b| {
        b.iter(|| load_one(&instagram).dataset.posts.height())
    });
    let mastodon = dir.path().join("mastodon.zip");
    synth::write_files(&mastodon, synth::mastodon_files(50_000, 20_000)).expect("generated");
    group.throughput(Throughput::Elements(50_000 + 20_000));
    group.bench_function("load Mastodon 50k activities + 20k likes", |b| {
        b.iter(|| load_one(&mastodon).dataset.posts.height())
    });
    group.finish();
}

fn load_one(path: &std::path::Path) -> rapport::import::ImportedArchive {
    load(
        &[path.to_path_buf()],
        LoadOptions::default(),
        &Reporter::silent(),
    )
    .expect("loads")
    .into_iter()
    .next()
    .expect("one archive")
}

criterion_group!(benches, import);
criterion_main!(benches);
