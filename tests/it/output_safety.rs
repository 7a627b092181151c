//! Output safety: `--out` that is not rapport's, is a file, cannot be written or fills the
//! disk gives one clear line, leaves the earlier report as it was and no temporary
//! directory; runs writing the same `--out` at once never mix their files.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use crate::support::*;

/// Names in a directory, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Every file below `dir`, relative, sorted.
fn tree(dir: &Path) -> Vec<String> {
    files_below(dir)
        .iter()
        .map(|p| p.strip_prefix(dir).unwrap().to_string_lossy().into_owned())
        .collect()
}

fn analyze(input: &Path, out: &Path) -> Output {
    rapport()
        .arg("analyze")
        .arg(input)
        .args(["-q", "--out"])
        .arg(out)
        .output()
        .unwrap()
}

fn one_line(output: &Output, code: i32, needles: &[&str]) {
    let err = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(code), "{err}");
    assert_eq!(err.lines().count(), 1, "one line expected:\n{err}");
    for needle in needles {
        assert!(err.contains(needle), "missing {needle:?} in {err}");
    }
}

#[test]
fn an_out_that_is_a_file_is_refused_and_left_alone() {
    let dir = tempdir();
    let out = dir.path().join("report");
    fs::write(&out, "my notes").unwrap();
    let result = analyze(&fixture("twitter-2019"), &out);
    one_line(&result, 2, &["report", "is a file"]);
    assert_eq!(fs::read_to_string(&out).unwrap(), "my notes");
    assert_eq!(names(dir.path()), ["report"]);
}

#[test]
fn an_out_that_is_not_rapports_is_refused_and_left_alone() {
    let dir = tempdir();
    let out = dir.path().join("photos");
    fs::create_dir(&out).unwrap();
    fs::write(out.join("holiday.jpg"), "jpeg").unwrap();
    let result = analyze(&fixture("twitter-2019"), &out);
    one_line(&result, 2, &["photos", "not an earlier output of rapport"]);
    assert_eq!(names(&out), ["holiday.jpg"]);
    assert_eq!(names(dir.path()), ["photos"]);
}

#[test]
fn an_out_that_cannot_be_created_is_one_line() {
    // Not even root may create a folder under /proc.
    let out = Path::new("/proc/rapport-test/report");
    let result = analyze(&fixture("twitter-2019"), out);
    one_line(&result, 1, &["/proc/rapport-test"]);
    assert!(!out.exists());
}

#[cfg(unix)]
#[test]
fn a_full_disk_keeps_the_earlier_report_and_leaves_no_temporary_directory() {
    use std::os::unix::process::CommandExt;
    let dir = tempdir();
    let out = dir.path().join("report");
    assert_eq!(
        analyze(&fixture("twitter-2019"), &out).status.code(),
        Some(0)
    );
    let before = fs::read(out.join("summary.json")).unwrap();
    let files_before = tree(&out);
    // A file size limit makes every write past 4 KB fail as a full disk does (EFBIG
    // instead of ENOSPC); the signal it would raise is ignored, as for a real full disk.
    let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("rapport"));
    cmd.arg("analyze")
        .arg(fixture("linkedin-complete"))
        .args(["-q", "--out"])
        .arg(&out);
    // SAFETY: only async-signal-safe calls between fork and exec.
    unsafe {
        cmd.pre_exec(|| {
            libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
            let limit = libc::rlimit {
                rlim_cur: 4096,
                rlim_max: 4096,
            };
            if libc::setrlimit(libc::RLIMIT_FSIZE, &limit) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let result = cmd.output().unwrap();
    let report = out.display().to_string();
    one_line(&result, 1, &[&report, "cannot write: File too large"]);
    assert_eq!(fs::read(out.join("summary.json")).unwrap(), before);
    assert_eq!(tree(&out), files_before);
    assert_eq!(names(dir.path()), ["report"], "no temporary directory left");
}

#[test]
fn runs_into_the_same_out_at_once_never_mix_their_files() {
    let dir = tempdir();
    let out = dir.path().join("report");
    let inputs: Vec<PathBuf> = ["twitter-2019", "linkedin-complete", "facebook-2024"]
        .iter()
        .map(|name| fixture(name))
        .collect();
    // What each input writes on its own.
    let alone: Vec<Vec<String>> = inputs
        .iter()
        .map(|input| {
            let own = dir.path().join("alone").join(input.file_name().unwrap());
            assert_eq!(analyze(input, &own).status.code(), Some(0));
            tree(&own)
        })
        .collect();
    fs::remove_dir_all(dir.path().join("alone")).unwrap();
    for round in 0..3 {
        let results: Vec<Output> = std::thread::scope(|scope| {
            let runs: Vec<_> = inputs
                .iter()
                .chain(&inputs)
                .map(|input| scope.spawn(|| analyze(input, &out)))
                .collect();
            runs.into_iter().map(|r| r.join().unwrap()).collect()
        });
        for result in &results {
            assert_eq!(
                result.status.code(),
                Some(0),
                "round {round}: {}",
                String::from_utf8_lossy(&result.stderr)
            );
        }
        let written = tree(&out);
        assert!(
            alone.contains(&written),
            "round {round}: the report mixes runs: {written:?}"
        );
        let summary: serde_json::Value =
            serde_json::from_slice(&fs::read(out.join("summary.json")).unwrap()).unwrap();
        let platform = summary["archives"][0]["platform"].as_str().unwrap();
        let which = alone.iter().position(|a| *a == written).unwrap();
        assert!(
            inputs[which].to_string_lossy().contains(platform),
            "round {round}: summary of {platform} with the files of {:?}",
            inputs[which]
        );
        assert_eq!(names(dir.path()), ["report"], "no temporary directory left");
    }
}
