//! Writes a large generated archive for timed runs:
//!
//! ```text
//! cargo run --release --example gen_archive -- twitter OUT.zip [TWEETS DMS LIKES FOLLOWERS]
//! cargo run --release --example gen_archive -- linkedin OUT.zip [CONNECTIONS MESSAGES]
//! cargo run --release --example gen_archive -- facebook OUT.zip [MESSAGES THREADS]
//! cargo run --release --example gen_archive -- instagram OUT.zip [POSTS MESSAGES THREADS]
//! cargo run --release --example gen_archive -- mastodon OUT.zip [STATUSES LIKES]
//! cargo run --release --example gen_archive -- accounts DIR [COUNT TWEETS DMS LIKES FOLLOWERS]
//! ```
//!
//! `accounts` writes COUNT (default 1,000) small Twitter archives of different accounts into
//! DIR, for a lake of many accounts (`rapport import DIR/*.zip --into LAKE --jobs 2`).

#[path = "../benches/support/synth.rs"]
mod synth;

use std::path::Path;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let number =
        |i: usize, default: usize| args.get(i).and_then(|a| a.parse().ok()).unwrap_or(default);
    let (Some(platform), Some(out)) = (args.first(), args.get(1)) else {
        eprintln!(
            "usage: gen_archive twitter|linkedin|facebook|instagram|mastodon OUT.zip [SIZES...] \
             | accounts DIR [COUNT SIZES...]"
        );
        std::process::exit(2);
    };
    let path = Path::new(out);
    let result = match platform.as_str() {
        "twitter" => synth::write_zip(
            path,
            synth::Sizes {
                tweets: number(2, 200_000),
                dms: number(3, 200_000),
                likes: number(4, 100_000),
                followers: number(5, 5_000),
            },
        ),
        "accounts" => synth::write_accounts(
            path,
            number(2, 1_000),
            synth::Sizes {
                tweets: number(3, 300),
                dms: number(4, 300),
                likes: number(5, 100),
                followers: number(6, 100),
            },
        ),
        "linkedin" => synth::write_files(
            path,
            synth::linkedin_files(number(2, 30_000), number(3, 100_000)),
        ),
        "facebook" => synth::write_files(
            path,
            synth::facebook_files(number(2, 500_000), number(3, 2_000)),
        ),
        "instagram" => synth::write_files(
            path,
            synth::instagram_files(number(2, 50_000), number(3, 200_000), number(4, 2_000)),
        ),
        "mastodon" => synth::write_files(
            path,
            synth::mastodon_files(number(2, 200_000), number(3, 100_000)),
        ),
        other => {
            eprintln!(
                "gen_archive: unknown platform {other:?} (twitter, linkedin, facebook, \
                 instagram, mastodon)"
            );
            std::process::exit(2);
        }
    };
    if let Err(e) = result {
        eprintln!("gen_archive: {out}: {e}");
        std::process::exit(1);
    }
    eprintln!("gen_archive: wrote {out}");
}
