//! Writes a large generated Twitter/X archive for timed runs:
//! `cargo run --release --example gen_archive -- OUT.zip TWEETS DMS LIKES FOLLOWERS`.

#[path = "../benches/support/synth.rs"]
mod synth;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let number =
        |i: usize, default: usize| args.get(i).and_then(|a| a.parse().ok()).unwrap_or(default);
    let Some(out) = args.first() else {
        eprintln!("usage: gen_archive OUT.zip [TWEETS] [DMS] [LIKES] [FOLLOWERS]");
        std::process::exit(2);
    };
    let sizes = synth::Sizes {
        tweets: number(1, 200_000),
        dms: number(2, 200_000),
        likes: number(3, 100_000),
        followers: number(4, 5_000),
    };
    if let Err(e) = synth::write_zip(std::path::Path::new(out), sizes) {
        eprintln!("gen_archive: {out}: {e}");
        std::process::exit(1);
    }
    eprintln!("gen_archive: wrote {out} ({sizes:?})");
}
