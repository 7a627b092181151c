//! Writes the seed corpus of every fuzz target from the fixtures, into `fuzz/corpus/<target>/`:
//! each fixture file prefixed with the byte that makes the target read it as that file
//! (see `rapport::fuzz`), each fixture folder as a zip for the `archive` target (and each
//! Mastodon one as a tar for the `tarball` target), and sample
//! `--fail-if` expressions.
//!
//! `cargo run --example fuzz_seeds` (from the repository root), before `cargo fuzz run`.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use rapport::fuzz::{
    FACEBOOK_JSON_FILES, INSTAGRAM_JSON_FILES, LINKEDIN_CSV_FILES, MASTODON_FILES,
    TWITTER_LEGACY_FILES, TWITTER_YTD_FILES,
};

fn files_below(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(items) = fs::read_dir(&d) else {
            continue;
        };
        for item in items.flatten() {
            let path = item.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// The index of the entry of `names` that the fixture file `relative` stands for: the one
/// whose path it ends with, else the first with the same file name (numbered parts and
/// chats are read as their first).
fn selector(relative: &str, names: &[&str]) -> Option<u8> {
    let file = relative.rsplit('/').next().unwrap_or(relative);
    let file = file.replace("message_2.json", "message_1.json");
    let by_path = names.iter().position(|n| relative.ends_with(n));
    let by_name = names
        .iter()
        .position(|n| n.rsplit('/').next() == Some(file.as_str()));
    by_path.or(by_name).and_then(|i| u8::try_from(i).ok())
}

fn seed(corpus: &Path, target: &str, name: &str, prefix: Option<u8>, content: &[u8]) {
    let dir = corpus.join(target);
    fs::create_dir_all(&dir).expect("create the corpus folder");
    let mut bytes = prefix.map(|b| vec![b]).unwrap_or_default();
    bytes.extend_from_slice(content);
    fs::write(dir.join(name.replace(['/', ' '], "_")), bytes).expect("write a seed");
}

fn zip_of(dir: &Path) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for path in files_below(dir) {
        let name = path.strip_prefix(dir).unwrap_or(&path).to_string_lossy();
        writer
            .start_file(name, zip::write::SimpleFileOptions::default())
            .expect("start a zip entry");
        writer
            .write_all(&fs::read(&path).expect("read a fixture"))
            .expect("write a zip entry");
    }
    writer.finish().expect("finish the zip").into_inner()
}

/// The files of a folder as an uncompressed tar (the `tarball` target gzips its input).
fn tar_of(dir: &Path) -> Vec<u8> {
    let mut builder = tar::Builder::new(Vec::new());
    for path in files_below(dir) {
        let name = path.strip_prefix(dir).unwrap_or(&path);
        builder
            .append_path_with_name(&path, name)
            .expect("add a tar entry");
    }
    builder.into_inner().expect("finish the tar")
}

fn main() {
    let fixtures = Path::new("fixtures");
    let corpus = Path::new("fuzz/corpus");
    let mut count = 0;
    let parsers: [(&str, &[&str], &[&str]); 6] = [
        (
            "twitter_ytd",
            &["twitter-2023", "twitter-2019", "twitter-analysis"],
            TWITTER_YTD_FILES,
        ),
        (
            "twitter_legacy",
            &["twitter-grailbird-2016"],
            TWITTER_LEGACY_FILES,
        ),
        (
            "linkedin_csv",
            &[
                "linkedin-2018",
                "linkedin-2024",
                "linkedin-basic",
                "linkedin-complete",
                "linkedin-analysis",
            ],
            LINKEDIN_CSV_FILES,
        ),
        (
            "facebook_json",
            &["facebook-2018", "facebook-2024", "facebook-e2ee"],
            FACEBOOK_JSON_FILES,
        ),
        (
            "instagram_json",
            &[
                "instagram-2019",
                "instagram-2021",
                "instagram-2024",
                "instagram-2026",
            ],
            INSTAGRAM_JSON_FILES,
        ),
        (
            "mastodon_archive",
            &["mastodon-2022", "mastodon-2024"],
            MASTODON_FILES,
        ),
    ];
    for (target, folders, names) in parsers {
        for folder in folders {
            for path in files_below(&fixtures.join(folder)) {
                let relative = path
                    .strip_prefix(fixtures.join(folder))
                    .unwrap_or(&path)
                    .to_string_lossy()
                    .replace('\\', "/");
                // Grailbird months have dated names; the target reads one month file.
                let relative = if relative.starts_with("data/js/tweets/") {
                    "data/js/tweets/2014_01.js".to_string()
                } else {
                    relative
                };
                let pick = selector(&relative, names).or_else(|| {
                    relative
                        .ends_with(".json")
                        .then(|| names.len() - 1)
                        .and_then(|i| u8::try_from(i).ok())
                        .filter(|_| target == "facebook_json")
                });
                if let Some(prefix) = pick {
                    let content = fs::read(&path).expect("read a fixture");
                    let name = format!("{folder}-{}", path.display());
                    seed(corpus, target, &name, Some(prefix), &content);
                    count += 1;
                }
            }
        }
    }
    for (target, folder) in [
        ("twitter_analytics", "twitter-analytics"),
        ("linkedin_xlsx", "linkedin-analytics"),
    ] {
        for path in files_below(&fixtures.join(folder)) {
            let content = fs::read(&path).expect("read a fixture");
            seed(corpus, target, &path.display().to_string(), None, &content);
            count += 1;
        }
    }
    let mut folders: Vec<PathBuf> = fs::read_dir(fixtures)
        .expect("the fixtures folder, from the repository root")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    folders.sort();
    for folder in folders {
        let name = format!("{}.zip", folder.display());
        seed(corpus, "archive", &name, None, &zip_of(&folder));
        count += 1;
        if folder.to_string_lossy().contains("mastodon") {
            let name = format!("{}.tar", folder.display());
            seed(corpus, "tarball", &name, None, &tar_of(&folder));
            count += 1;
        }
    }
    for (i, expression) in [
        "responsiveness.within_24h_rate < 0.6",
        "overall.engagement.posts >= 10",
        "twitter.consistency.active_week_share != 0.25",
        "overall.lift.best_hour.lift > 1e3",
        "overall.responsiveness.median_response_hours == 0",
    ]
    .iter()
    .enumerate()
    {
        seed(
            corpus,
            "fail_if",
            &format!("expr{i}"),
            None,
            expression.as_bytes(),
        );
        count += 1;
    }
    println!("wrote {count} seeds under {}", corpus.display());
}
