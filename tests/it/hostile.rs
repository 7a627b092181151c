//! Hostile and broken archives, generated here (nothing large is committed): zip bombs,
//! names that climb out, deep nesting, huge fields, links out of a folder, broken text and
//! numbers. Every case runs `rapport analyze` and checks its exit code and stderr (one line
//! naming the archive and the entry), and that a refused archive leaves nothing written.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::support::rawzip::{self, Stored};
use crate::support::*;

/// What a case must do.
enum Expect {
    /// Exit 1, one line on stderr holding every needle, nothing written.
    Refused(&'static [&'static str]),
    /// Exit 0 and a report written, one warning line holding every needle.
    Warned(&'static [&'static str]),
    /// Exit 0 and a report written, this many warning lines, holding every needle together.
    WarnedLines(usize, &'static [&'static str]),
    /// Exit 0 and a report written, no warning.
    Read,
}

/// Runs `rapport analyze INPUT --out DIR/out --format json,md -q [ARGS]` and checks `expect`;
/// the archive's file name is always a needle. Returns summary.json when one was written.
fn check(input: &Path, args: &[&str], expect: Expect) -> Option<serde_json::Value> {
    let work = tempdir();
    let out = work.path().join("out");
    let result = rapport()
        .arg("analyze")
        .arg(input)
        .args(["--format", "json,md", "-q", "--out"])
        .arg(&out)
        .args(args)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&result.stderr).into_owned();
    let name = input.file_name().unwrap().to_string_lossy().into_owned();
    let lines: Vec<&str> = err.lines().collect();
    let left: Vec<_> = fs::read_dir(work.path()).unwrap().flatten().collect();
    let (needles, code) = match expect {
        Expect::Refused(needles) => {
            assert_eq!(lines.len(), 1, "one line expected:\n{err}");
            assert!(lines[0].starts_with("rapport: "), "{err}");
            assert!(!out.exists(), "a refused archive writes nothing");
            assert!(
                left.is_empty(),
                "no staging directory may be left: {left:?}"
            );
            (needles, 1)
        }
        Expect::Warned(needles) => {
            assert_eq!(lines.len(), 1, "one warning expected:\n{err}");
            assert!(lines[0].starts_with("rapport: warning: "), "{err}");
            (needles, 0)
        }
        Expect::WarnedLines(count, needles) => {
            assert_eq!(lines.len(), count, "{count} warnings expected:\n{err}");
            assert!(
                lines.iter().all(|l| l.starts_with("rapport: warning: ")),
                "{err}"
            );
            (needles, 0)
        }
        Expect::Read => {
            assert!(lines.is_empty(), "no warning expected:\n{err}");
            (&[][..], 0)
        }
    };
    assert_eq!(result.status.code(), Some(code), "{err}");
    if !lines.is_empty() {
        assert!(
            err.contains(&name),
            "the archive {name:?} is not named:\n{err}"
        );
    }
    for needle in needles {
        assert!(err.contains(needle), "missing {needle:?} in:\n{err}");
    }
    if code == 0 {
        assert_eq!(left.len(), 1, "only the report: {left:?}");
        let summary = fs::read(out.join("summary.json")).expect("summary.json written");
        Some(serde_json::from_slice(&summary).unwrap())
    } else {
        None
    }
}

/// Writes bytes as a file named `name` in a fresh directory that lives as long as the test.
struct Input {
    _dir: tempfile::TempDir,
    path: PathBuf,
}

fn input(name: &str, bytes: &[u8]) -> Input {
    let dir = tempdir();
    let path = dir.path().join(name);
    fs::write(&path, bytes).unwrap();
    Input { _dir: dir, path }
}

fn raw_zip(name: &str, entries: &[Stored]) -> Input {
    input(name, &rawzip::zip(entries))
}

/// The 2019 fixture's account.js, so that an archive of a few hostile entries is detected.
fn account() -> Stored {
    Stored::deflated(
        "account.js",
        &fs::read(fixture("twitter-2019/account.js")).unwrap(),
    )
}

/// The 2019 fixture as a zip, with these entries added or put in place of those of the
/// same name: a hostile archive that is otherwise complete, so no other warning shows.
fn twitter_2019_with(file: &str, replaced: Vec<Stored>) -> Input {
    let folder = fixture("twitter-2019");
    let mut names: Vec<String> = fs::read_dir(&folder)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let mut entries: Vec<Stored> = names
        .iter()
        .filter(|n| !replaced.iter().any(|r| r.name == n.as_bytes()))
        .map(|n| Stored::deflated(n, &fs::read(folder.join(n)).unwrap()))
        .collect();
    entries.extend(replaced);
    raw_zip(file, &entries)
}

/// A tweets.js holding these tweet objects.
fn tweets_js(tweets: &[String]) -> Vec<u8> {
    format!(
        "window.YTD.tweet.part0 = [{}]",
        tweets
            .iter()
            .map(|t| format!("{{\"tweet\": {t}}}"))
            .collect::<Vec<_>>()
            .join(",\n")
    )
    .into_bytes()
}

fn tweet(id: &str, created_at: &str, likes: &str) -> String {
    format!(
        r#"{{"id_str": "{id}", "created_at": "{created_at}", "full_text": "hello #there",
            "favorite_count": "{likes}", "retweet_count": "1",
            "entities": {{"hashtags": [], "user_mentions": [], "urls": []}}}}"#
    )
}

/// 1 MiB of `a` with one varying byte every 2 KiB: deflates about 300:1, under the
/// per-entry limit of 1000:1 and far over the whole-archive one of 100:1.
fn compressible_chunk() -> Vec<u8> {
    let mut chunk = vec![b'a'; 1 << 20];
    for (i, at) in (0..chunk.len()).step_by(2048).enumerate() {
        chunk[at] = b"bcdefghijklmnopqrstuvwxyz"[i % 25];
    }
    chunk
}

// ---- zip bombs and limits -------------------------------------------------------------

#[test]
fn an_entry_declaring_more_than_the_entry_limit_is_refused_from_the_directory() {
    let mut bomb = Stored::repeated("data/tweets.js", &[b' '; 1 << 16], 10);
    bomb.declared_size = u32::MAX;
    let zip = raw_zip("bomb.zip", &[account(), bomb]);
    // The whole archive's ratio would refuse it first: let it pass to reach the entry.
    check(
        &zip.path,
        &[
            "--max-entry-size",
            "1GiB",
            "--max-archive-ratio",
            "100000000",
        ],
        Expect::Refused(&["data/tweets.js", "over the limit", "--max-entry-size"]),
    );
}

#[test]
fn a_tiny_zip_inflating_a_thousand_times_is_refused_as_a_bomb() {
    // 200 MiB of spaces from about 200 KB, and a directory that says so.
    let bomb = Stored::repeated("data/tweets.js", &[b' '; 1 << 20], 200);
    let zip = raw_zip("bomb.zip", &[account(), bomb]);
    assert!(fs::metadata(&zip.path).unwrap().len() < 400_000);
    check(
        &zip.path,
        &[],
        Expect::Refused(&["data/tweets.js", "likely zip bomb", "--max-entry-ratio"]),
    );
}

#[test]
fn a_bomb_whose_directory_lies_is_stopped_while_inflating() {
    // The directory says 1,000 bytes; the stream inflates 200 MiB at over 1000:1. The zip
    // layer stops at the declared size (rapport's own cap is the second line of defence).
    let mut bomb = Stored::repeated("data/tweets.js", &[b' '; 1 << 20], 200);
    bomb.declared_size = 1000;
    let zip = raw_zip("liar.zip", &[account(), bomb]);
    check(
        &zip.path,
        &[],
        Expect::Refused(&["data/tweets.js", "larger than its declared"]),
    );
}

#[test]
fn many_parts_each_under_the_entry_limits_are_refused_for_the_whole_archive() {
    // Thirty 100 MiB tweets parts at 300:1 each: every entry passes, the archive (3 GiB
    // from 10 MB) does not, and it is refused from the directory before any inflating.
    let chunk = compressible_chunk();
    let mut entries = vec![account()];
    for part in 0..30 {
        entries.push(Stored::repeated(
            &format!("data/tweets-part{part}.js"),
            &chunk,
            100,
        ));
    }
    let zip = raw_zip("parts.zip", &entries);
    check(
        &zip.path,
        &[],
        Expect::Refused(&["likely zip bomb", "--max-archive-ratio"]),
    );
}

#[test]
fn many_parts_are_stopped_at_the_total_limit_before_the_part_that_passes_it() {
    // Thirty tweets parts of 10 MiB of whitespace, 300 MiB in all, with a total limit of
    // 64 MiB (and the whole-archive ratio, about 128:1 here, allowed).
    let mut whitespace = vec![b' '; 1 << 20];
    let mut state = 12345u32;
    for at in (0..whitespace.len()).step_by(512) {
        state = state.wrapping_mul(1_103_515_245).wrapping_add(12345);
        whitespace[at] = b" \n\t\r"[(state >> 16) as usize % 4];
    }
    let mut entries = vec![account()];
    for part in 0..30 {
        entries.push(Stored::framed(
            &format!("data/tweets-part{part}.js"),
            format!("window.YTD.tweets.part{part} = [").as_bytes(),
            &whitespace,
            10,
            b"]",
        ));
    }
    let zip = raw_zip("total.zip", &entries);
    check(
        &zip.path,
        &["--max-total-size", "64MiB", "--max-archive-ratio", "1000"],
        Expect::Refused(&["data/tweets-part", "inflates past", "--max-total-size"]),
    );
}

#[test]
fn an_xlsx_that_is_a_zip_bomb_is_refused_before_the_workbook_is_read() {
    // A workbook whose sheet inflates 200 MiB at over 1000:1, inside a LinkedIn export.
    let sheet = Stored::repeated("xl/worksheets/sheet1.xml", &[b' '; 1 << 20], 200);
    let workbook = rawzip::zip(&[sheet]);
    let complete = fixture("linkedin-complete");
    let mut entries: Vec<Stored> = fs::read_dir(&complete)
        .unwrap()
        .flatten()
        .map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            Stored::deflated(&name, &fs::read(e.path()).unwrap())
        })
        .collect();
    entries.sort_by(|a, b| a.name.cmp(&b.name));
    let zip = raw_zip(
        "linkedin.zip",
        &[
            entries,
            vec![Stored {
                name: b"Content_2024-05-01_2024-07-31_Ada.xlsx".to_vec(),
                crc: crc32fast::hash(&workbook),
                declared_size: workbook.len() as u32,
                data: workbook,
                method: 0,
                flags: 0,
            }],
        ]
        .concat(),
    );
    check(
        &zip.path,
        &[],
        Expect::Warned(&[
            "Content_2024-05-01_2024-07-31_Ada.xlsx",
            "xl/worksheets/sheet1.xml",
            "likely zip bomb",
        ]),
    );
}

#[test]
fn a_hundred_thousand_entries_are_listed_and_refused_as_no_export() {
    let dir = tempdir();
    let path = dir.path().join("many.zip");
    let mut zip = ::zip::ZipWriter::new(fs::File::create(&path).unwrap());
    let options = ::zip::write::SimpleFileOptions::default()
        .compression_method(::zip::CompressionMethod::Stored);
    for i in 0..100_000 {
        zip.start_file(format!("junk/{i}.txt"), options).unwrap();
        zip.write_all(b"x").unwrap();
    }
    zip.finish().unwrap();
    check(
        &path,
        &[],
        Expect::Refused(&[
            "not a Twitter/X, LinkedIn, Instagram, Facebook or Mastodon export",
            "99992 more",
        ]),
    );
    check(
        &path,
        &["--max-entries", "50000"],
        Expect::Refused(&["100000 entries", "--max-entries"]),
    );
}

#[test]
fn a_folder_with_more_files_than_the_limit_is_refused_while_walking() {
    let dir = tempdir();
    let folder = dir.path().join("export");
    copy_dir(&fixture("twitter-2023"), &folder);
    check(
        &folder,
        &["--max-entries", "5"],
        Expect::Refused(&["more than 5 files", "--max-entries"]),
    );
}

// ---- names -----------------------------------------------------------------------------

fn with_named_entry(file: &str, name: &[u8]) -> Input {
    let mut odd = Stored::deflated("x", b"should never be written anywhere");
    odd.name = name.to_vec();
    raw_zip(file, &[account(), odd])
}

#[test]
fn an_entry_climbing_out_with_dot_dot_is_refused() {
    let zip = with_named_entry("climb.zip", b"../../x");
    check(&zip.path, &[], Expect::Refused(&["../../x", "`..`"]));
    assert!(!zip.path.parent().unwrap().join("x").exists());
}

#[test]
fn an_entry_with_an_absolute_name_is_refused() {
    let zip = with_named_entry("abs.zip", b"/abs");
    check(&zip.path, &[], Expect::Refused(&["/abs", "absolute path"]));
}

#[test]
fn an_entry_with_a_drive_letter_is_refused() {
    let zip = with_named_entry("drive.zip", b"C:\\x");
    check(&zip.path, &[], Expect::Refused(&["C:\\x", "absolute path"]));
}

#[test]
fn an_entry_name_with_nul_is_refused_and_shown_escaped() {
    let zip = with_named_entry("nul.zip", b"data/tweets.js\0.exe");
    check(
        &zip.path,
        &[],
        Expect::Refused(&["data/tweets.js\\u{0}.exe", "control character"]),
    );
}

#[test]
fn an_entry_name_with_a_newline_stays_on_one_line() {
    let zip = with_named_entry("newline.zip", b"data/evil\nrapport: fake line");
    check(
        &zip.path,
        &[],
        Expect::Refused(&["data/evil\\nrapport: fake line"]),
    );
}

#[test]
fn two_entries_of_one_name_are_refused() {
    let tweets = fs::read(fixture("twitter-2019/tweet.js")).unwrap();
    let zip = twitter_2019_with(
        "twice.zip",
        vec![
            Stored::deflated("tweet.js", &tweets),
            Stored::deflated("tweet.js", b"window.YTD.tweet.part0 = []"),
        ],
    );
    check(
        &zip.path,
        &[],
        Expect::Refused(&["two entries under one name"]),
    );
}

// ---- broken zips -----------------------------------------------------------------------

#[test]
fn an_empty_zip_is_refused() {
    let zip = raw_zip("empty.zip", &[]);
    check(&zip.path, &[], Expect::Refused(&["the archive is empty"]));
}

#[test]
fn a_zip_of_empty_files_names_the_first_file_it_needs() {
    let zip = raw_zip(
        "empty-files.zip",
        &[
            Stored::deflated("data/manifest.js", b""),
            Stored::deflated("data/tweets.js", b""),
            Stored::deflated("data/like.js", b""),
        ],
    );
    check(
        &zip.path,
        &[],
        Expect::Refused(&["data/", "no `window.YTD... =` assignment"]),
    );
}

#[test]
fn an_encrypted_zip_is_refused_naming_the_entry() {
    let mut tweets = Stored::deflated("tweet.js", b"window.YTD.tweet.part0 = []");
    tweets.flags = 1;
    let zip = raw_zip("locked.zip", &[account(), tweets]);
    check(
        &zip.path,
        &[],
        Expect::Refused(&["tweet.js", "encrypted (a password-protected zip)"]),
    );
}

#[test]
fn an_unknown_compression_method_is_refused_naming_the_entry() {
    let mut tweets = Stored::deflated("tweet.js", b"window.YTD.tweet.part0 = []");
    tweets.method = 99;
    let zip = raw_zip("method.zip", &[account(), tweets]);
    check(&zip.path, &[], Expect::Refused(&["tweet.js"]));
}

#[test]
fn a_directory_pointing_past_the_end_of_the_file_is_refused() {
    let mut bytes = rawzip::zip(&[account()]);
    // The directory's offset of its only entry, moved far past the end.
    let central = bytes.len() - 22 - (46 + "account.js".len());
    let at = central + 42;
    bytes[at..at + 4].copy_from_slice(&0x7fff_0000u32.to_le_bytes());
    let zip = input("offset.zip", &bytes);
    check(&zip.path, &[], Expect::Refused(&["offset.zip"]));
}

// ---- content: nesting, huge values, wrong shapes -----------------------------------------

#[test]
fn json_nested_a_hundred_thousand_deep_is_refused_at_the_depth_limit() {
    let deep = format!(
        "window.YTD.tweet.part0 = [{}{}]",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let zip = raw_zip(
        "deep.zip",
        &[account(), Stored::deflated("tweet.js", deep.as_bytes())],
    );
    check(
        &zip.path,
        &[],
        Expect::Refused(&[
            "tweet.js",
            "line 1, column 90",
            "deeper than 64",
            "--max-depth",
        ]),
    );
}

#[test]
fn a_deep_facebook_file_is_refused_at_the_depth_limit_read_whole() {
    let dir = tempdir();
    let folder = dir.path().join("facebook");
    copy_dir(&fixture("facebook-2024"), &folder);
    let deep = format!(
        "{{\"friends_v2\": {}{}}}",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    fs::write(folder.join("connections/friends/your_friends.json"), deep).unwrap();
    check(
        &folder,
        &["--max-depth", "20"],
        Expect::Refused(&[
            "connections/friends/your_friends.json",
            "deeper than 20",
            "--max-depth",
        ]),
    );
}

#[test]
fn a_one_gigabyte_line_cut_mid_string_is_refused_with_its_place() {
    // A sparse file: 1 GiB of one line that opens a string and never closes it.
    let dir = tempdir();
    let folder = dir.path().join("export");
    copy_dir(&fixture("twitter-2019"), &folder);
    let mut file = fs::File::create(folder.join("tweet.js")).unwrap();
    file.write_all(b"window.YTD.tweet.part0 = [ {\"tweet\": {\"full_text\": \"")
        .unwrap();
    file.set_len(1 << 30).unwrap();
    drop(file);
    check(
        &folder,
        &["--max-entry-size", "256MiB"],
        Expect::Refused(&["tweet.js", "limit of 268435456 bytes", "--max-entry-size"]),
    );
}

#[test]
fn a_csv_field_of_a_billion_characters_is_refused_before_it_is_inflated() {
    // Connections.csv whose company is a quoted field of 10^9 characters, deflated 1000:1
    // into about a megabyte, and a directory that says so: refused from the directory,
    // by the whole archive's ratio before the entry's own.
    let dir = tempdir();
    let header = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n\
                  Ada,Lovelace,https://www.linkedin.com/in/ada,,\"";
    let mut head = Vec::with_capacity(4096);
    let mut c = flate2::Compress::new(flate2::Compression::best(), false);
    c.compress_vec(header.as_bytes(), &mut head, flate2::FlushCompress::Full)
        .unwrap();
    let body = rawzip::repeated_deflate(&[b'x'; 1 << 20], 954);
    head.extend_from_slice(&body);
    let connections = Stored {
        name: b"Connections.csv".to_vec(),
        data: head,
        method: 8,
        crc: 0,
        declared_size: (header.len() + 954 * (1 << 20)) as u32,
        flags: 0,
    };
    let path = dir.path().join("linkedin.zip");
    fs::write(&path, rawzip::zip(&[connections])).unwrap();
    check(
        &path,
        &[],
        Expect::Refused(&["1000341620 bytes", "likely zip bomb", "--max-archive-ratio"]),
    );
}

#[test]
fn a_csv_field_of_ten_million_characters_is_read() {
    let dir = tempdir();
    let folder = dir.path().join("linkedin");
    copy_dir(&fixture("linkedin-complete"), &folder);
    let mut csv = fs::read_to_string(folder.join("Connections.csv")).unwrap();
    csv.push_str(&format!(
        "Long,Name,https://www.linkedin.com/in/long,,\"{}\",CEO,04 May 2024\n",
        "y".repeat(10_000_000)
    ));
    fs::write(folder.join("Connections.csv"), csv).unwrap();
    let summary = check(&folder, &[], Expect::Read).unwrap();
    assert_eq!(summary["overall"]["growth"]["connections"], 4);
}

#[test]
fn a_tweets_file_that_is_an_object_is_refused() {
    let zip = raw_zip(
        "object.zip",
        &[
            account(),
            Stored::deflated("tweet.js", b"window.YTD.tweet.part0 = {\"tweet\": {}}"),
        ],
    );
    check(
        &zip.path,
        &[],
        Expect::Refused(&["tweet.js", "not a JSON array"]),
    );
}

#[test]
fn a_lone_surrogate_in_facebook_json_is_refused_with_its_place() {
    let dir = tempdir();
    let folder = dir.path().join("facebook");
    copy_dir(&fixture("facebook-2024"), &folder);
    fs::write(
        folder.join("connections/friends/your_friends.json"),
        "{\"friends_v2\": [{\"name\": \"\\ud800\", \"timestamp\": 1}]}",
    )
    .unwrap();
    check(
        &folder,
        &[],
        Expect::Refused(&["connections/friends/your_friends.json", "line 1, column"]),
    );
}

#[test]
fn a_nested_zip_is_not_opened() {
    let inner = fs::read(fixture("twitter-2019/tweet.js")).unwrap();
    let inner_zip = rawzip::zip(&[Stored::deflated("tweet.js", &inner)]);
    let mut entries: Vec<Stored> = [
        "account.js",
        "follower.js",
        "following.js",
        "like.js",
        "profile.js",
        "direct-message.js",
    ]
    .iter()
    .map(|n| Stored::deflated(n, &fs::read(fixture("twitter-2019").join(n)).unwrap()))
    .collect();
    entries.push(Stored::deflated("more/other-archive.zip", &inner_zip));
    let zip = raw_zip("nested.zip", &entries);
    let summary = check(&zip.path, &[], Expect::Warned(&["no tweets file"])).unwrap();
    assert_eq!(summary["overall"]["engagement"]["posts"], 0);
}

// ---- broken text and numbers -------------------------------------------------------------

#[test]
fn invalid_utf8_in_every_tweet_field_is_replaced_not_fatal() {
    let tweets: &[u8] = b"window.YTD.tweet.part0 = [{\"tweet\": {\"id_str\": \"1\xff\",
        \"created_at\": \"Sat Mar 02 10:00:00 +0000 2019\xfe\", \"full_text\": \"caf\xe9 #t\xffg\",
        \"favorite_count\": \"4\xff\", \"retweet_count\": \"\xff\",
        \"in_reply_to_screen_name\": \"\xff\", \"in_reply_to_user_id_str\": \"\xc3\",
        \"entities\": {\"hashtags\": [{\"text\": \"t\xffg\"}],
        \"user_mentions\": [{\"screen_name\": \"b\xffb\", \"id_str\": \"9\xff\"}],
        \"urls\": [{\"expanded_url\": \"https://ex\xffample.com/\"}]}}},
        {\"tweet\": {\"id_str\": \"2\", \"created_at\": \"Sat Mar 02 11:00:00 +0000 2019\",
        \"full_text\": \"fine \xff\", \"favorite_count\": \"1\", \"retweet_count\": \"0\"}}]";
    let zip = twitter_2019_with("utf8.zip", vec![Stored::deflated("tweet.js", tweets)]);
    let summary = check(&zip.path, &[], Expect::Warned(&["tweet.js"])).unwrap();
    assert_eq!(summary["overall"]["engagement"]["posts"], 1);
}

#[test]
fn invalid_utf8_in_every_linkedin_field_is_replaced_not_fatal() {
    let dir = tempdir();
    let folder = dir.path().join("linkedin");
    copy_dir(&fixture("linkedin-complete"), &folder);
    let mut csv =
        b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\n".to_vec();
    csv.extend(b"Gr\xffce,H\xfeopper,https://www.linkedin.com/in/gr\xffce,,\"N\xffvy\",Adm\xff,03 May 2024\xff\n");
    csv.extend(b"Alan,Turing,https://www.linkedin.com/in/alan,,Bletchley,Analyst,04 May 2024\n");
    fs::write(folder.join("Connections.csv"), csv).unwrap();
    let summary = check(&folder, &[], Expect::Warned(&["Connections.csv"])).unwrap();
    assert_eq!(summary["overall"]["growth"]["connections"], 2);
}

#[test]
fn invalid_utf8_in_facebook_json_is_replaced_not_fatal() {
    let dir = tempdir();
    let folder = dir.path().join("facebook");
    copy_dir(&fixture("facebook-2024"), &folder);
    let path = folder.join("your_facebook_activity/messages/inbox/reneeroy_20001/message_1.json");
    let text = fs::read(&path).unwrap();
    let broken: Vec<u8> = text
        .iter()
        .flat_map(|&b| if b == b'R' { vec![0xff, b'R'] } else { vec![b] })
        .collect();
    fs::write(&path, broken).unwrap();
    check(&folder, &[], Expect::Read).unwrap();
}

fn tweets_archive(file: &str, tweets: &[String]) -> Input {
    twitter_2019_with(file, vec![Stored::deflated("tweet.js", &tweets_js(tweets))])
}

#[test]
fn a_tweet_dated_year_zero_is_skipped_with_a_warning() {
    let zip = tweets_archive(
        "year0.zip",
        &[
            tweet("1", "Sat Jan 01 00:00:00 +0000 0000", "1"),
            tweet("2", "Sat Mar 02 10:00:00 +0000 2019", "2"),
        ],
    );
    let summary = check(
        &zip.path,
        &[],
        Expect::Warned(&["tweet.js", "unparseable created_at", "0000"]),
    )
    .unwrap();
    assert_eq!(summary["overall"]["engagement"]["posts"], 1);
}

#[test]
fn a_tweet_dated_year_9999_is_skipped_rather_than_stretch_the_period() {
    let zip = tweets_archive(
        "year9999.zip",
        &[
            tweet("1", "Fri Dec 31 23:59:59 +0000 9999", "1"),
            tweet("2", "Sat Mar 02 10:00:00 +0000 2019", "2"),
        ],
    );
    let summary = check(
        &zip.path,
        &[],
        Expect::Warned(&["tweet.js", "unparseable created_at", "9999"]),
    )
    .unwrap();
    assert_eq!(summary["overall"]["engagement"]["posts"], 1);
    assert!(
        summary["period"]["end"]
            .as_str()
            .unwrap()
            .starts_with("2019-")
    );
}

#[test]
fn a_tweet_dated_before_1970_is_skipped_with_a_warning() {
    let zip = tweets_archive(
        "year1969.zip",
        &[
            tweet("1", "Sun Jul 20 20:17:40 +0000 1969", "1"),
            tweet("2", "Sat Mar 02 10:00:00 +0000 2019", "2"),
        ],
    );
    let summary = check(
        &zip.path,
        &[],
        Expect::Warned(&["tweet.js", "unparseable created_at", "1969"]),
    )
    .unwrap();
    assert_eq!(summary["overall"]["engagement"]["posts"], 1);
}

#[test]
fn a_negative_count_is_null_with_a_warning() {
    let zip = tweets_archive(
        "negative.zip",
        &[tweet("1", "Sat Mar 02 10:00:00 +0000 2019", "-5")],
    );
    let summary = check(&zip.path, &[], Expect::Warned(&["tweet.js", "\"-5\""])).unwrap();
    assert_eq!(summary["overall"]["engagement"]["posts"], 1);
    // The like count is null; the one repost still counts.
    assert_eq!(summary["overall"]["engagement"]["engagement_total"], 1.0);
}

#[test]
fn an_overflowing_count_is_null_with_a_warning() {
    let zip = tweets_archive(
        "overflow.zip",
        &[tweet(
            "1",
            "Sat Mar 02 10:00:00 +0000 2019",
            "99999999999999999999999999",
        )],
    );
    let summary = check(
        &zip.path,
        &[],
        Expect::Warned(&["tweet.js", "99999999999999999999999999"]),
    )
    .unwrap();
    assert_eq!(summary["overall"]["engagement"]["engagement_total"], 1.0);
}

// ---- links in an unpacked folder -----------------------------------------------------------

#[cfg(unix)]
#[test]
fn a_symlink_loop_in_a_folder_is_not_followed() {
    let dir = tempdir();
    let folder = dir.path().join("export");
    copy_dir(&fixture("twitter-2019"), &folder);
    std::os::unix::fs::symlink(&folder, folder.join("loop")).unwrap();
    check(
        &folder,
        &[],
        Expect::Warned(&["loop", "symbolic link: not followed"]),
    );
}

#[cfg(unix)]
#[test]
fn a_symlink_out_of_a_folder_is_not_followed() {
    let dir = tempdir();
    let folder = dir.path().join("export");
    copy_dir(&fixture("twitter-2019"), &folder);
    let secret = dir.path().join("secret.txt");
    fs::write(
        &secret,
        "window.YTD.like.part0 = [{\"like\": {\"tweetId\": \"424242\"}}]",
    )
    .unwrap();
    fs::remove_file(folder.join("like.js")).unwrap();
    std::os::unix::fs::symlink(&secret, folder.join("like.js")).unwrap();
    let summary = check(
        &folder,
        &["--format", "json,md,csv"],
        Expect::WarnedLines(2, &["like.js", "symbolic link: not followed", "no like.js"]),
    )
    .unwrap();
    assert!(!summary.to_string().contains("424242"));
}
