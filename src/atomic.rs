//! Writing a directory of outputs atomically: everything is written into a temporary
//! directory beside the target and renamed into place at the end, so a failed run leaves
//! the previous output untouched and no half-written one.

use std::fs;
use std::io;
use std::path::Path;

use crate::error::{Error, Result};

/// Writes `target` through `fill`, which gets an empty directory to write into.
///
/// An existing `target` is replaced only when `may_replace` accepts it (it is a previous
/// output of the same command, or empty); otherwise nothing is written and the error says so.
/// Two runs writing the same `target` at once each fill their own staging directory; the
/// check and the swap hold a lock on the parent directory, so one run's output replaces the
/// other's whole and files of the two never mix.
pub fn write_dir_atomically(
    target: &Path,
    may_replace: impl Fn(&Path) -> bool,
    fill: impl FnOnce(&Path) -> Result<()>,
) -> Result<()> {
    let fail = |source: io::Error| Error::Output {
        path: target.to_path_buf(),
        source,
    };
    check_replaceable(target, &may_replace)?;
    let parent = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => Path::new(".").to_path_buf(),
    };
    fs::create_dir_all(&parent).map_err(fail)?;
    let staging = tempfile::Builder::new()
        .prefix(".rapport-tmp-")
        .tempdir_in(&parent)
        .map_err(fail)?;
    // A file that cannot be written is named as it would have been in the output.
    fill(staging.path()).map_err(|e| match e {
        Error::Output { path, source } if !path.starts_with(target) && path.is_relative() => {
            Error::Output {
                path: target.join(path),
                source,
            }
        }
        other => other,
    })?;
    let _lock = ParentLock::take(&parent).map_err(fail)?;
    // Another run may have written the target since the first check.
    check_replaceable(target, &may_replace)?;
    if target.exists() {
        let old = tempfile::Builder::new()
            .prefix(".rapport-old-")
            .tempdir_in(&parent)
            .map_err(fail)?;
        let old_path = old.path().join("previous");
        fs::rename(target, &old_path).map_err(fail)?;
        if let Err(e) = fs::rename(staging.path(), target) {
            // Put the previous output back; the staging directory is removed on drop.
            let _ = fs::rename(&old_path, target);
            return Err(fail(e));
        }
        drop(old);
    } else {
        fs::rename(staging.path(), target).map_err(fail)?;
    }
    // The staging path no longer exists; keep TempDir from trying to remove it.
    let _ = staging.keep();
    Ok(())
}

/// An error unless `target` is absent, an empty directory, or one `may_replace` accepts.
fn check_replaceable(target: &Path, may_replace: &impl Fn(&Path) -> bool) -> Result<()> {
    if !target.exists() {
        return Ok(());
    }
    if !target.is_dir() {
        return Err(Error::Usage(format!(
            "{}: exists and is a file, not a directory; choose another --out",
            target.display()
        )));
    }
    let empty = fs::read_dir(target)
        .map(|mut d| d.next().is_none())
        .unwrap_or(false);
    if empty || may_replace(target) {
        Ok(())
    } else {
        Err(Error::Usage(format!(
            "{}: exists and is not an earlier output of rapport; choose another --out or \
             remove it",
            target.display()
        )))
    }
}

/// An exclusive lock on a directory, held until dropped (and released by the system if
/// the process dies), so that rapport runs swap their outputs in it one at a time.
struct ParentLock {
    #[cfg(unix)]
    _dir: fs::File,
}

impl ParentLock {
    #[cfg(unix)]
    fn take(dir: &Path) -> io::Result<ParentLock> {
        use std::os::fd::AsRawFd;
        let handle = fs::File::open(dir)?;
        // SAFETY: flock is called on a descriptor this function owns and keeps open.
        let locked = unsafe { libc::flock(handle.as_raw_fd(), libc::LOCK_EX) };
        if locked != 0 {
            return Err(io::Error::last_os_error());
        }
        Ok(ParentLock { _dir: handle })
    }

    /// Elsewhere the swap is not serialised: a second run at the same moment may fail with
    /// an error, but still never mixes files.
    #[cfg(not(unix))]
    fn take(_dir: &Path) -> io::Result<ParentLock> {
        Ok(ParentLock {})
    }
}

/// Writes one file whole or not at all: the bytes go to a temporary file beside `target`,
/// which is renamed over it at the end.
pub fn write_file_atomically(target: &Path, bytes: &[u8]) -> Result<()> {
    let fail = |source: io::Error| Error::Output {
        path: target.to_path_buf(),
        source,
    };
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    // tempfile's error names its own temporary path; the line says the target's.
    let plain = |e: io::Error| match e.kind() {
        io::ErrorKind::NotFound => io::Error::other("its folder does not exist"),
        io::ErrorKind::PermissionDenied => io::Error::other("permission denied in its folder"),
        kind => io::Error::from(kind),
    };
    let mut file = tempfile::NamedTempFile::new_in(&dir).map_err(|e| fail(plain(e)))?;
    io::Write::write_all(&mut file, bytes).map_err(fail)?;
    file.persist(target).map_err(|e| fail(e.error))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .map(|d| {
                d.flatten()
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        names.sort();
        names
    }

    #[test]
    fn a_fill_that_fails_half_way_leaves_the_earlier_output_and_no_temporary_directory() {
        let parent = tempfile::tempdir().unwrap();
        let target = parent.path().join("report");
        write_dir_atomically(
            &target,
            |_| true,
            |dir| {
                fs::write(dir.join("summary.json"), "old").map_err(|source| Error::Output {
                    path: dir.to_path_buf(),
                    source,
                })
            },
        )
        .unwrap();
        let failed = write_dir_atomically(
            &target,
            |_| true,
            |dir| {
                fs::write(dir.join("summary.json"), "new").unwrap();
                fs::write(dir.join("index.html"), "half").unwrap();
                Err(Error::Usage("a chart could not be drawn".into()))
            },
        );
        assert!(failed.is_err());
        assert_eq!(
            fs::read_to_string(target.join("summary.json")).unwrap(),
            "old"
        );
        assert_eq!(names(&target), ["summary.json"]);
        assert_eq!(names(parent.path()), ["report"]);
    }

    #[test]
    fn writers_that_finish_at_the_same_moment_each_leave_a_whole_output() {
        let parent = tempfile::tempdir().unwrap();
        let target = parent.path().join("report");
        let write = |dir: &Path, name: &str, text: &str| {
            fs::write(dir.join(name), text).map_err(|source| Error::Output {
                path: dir.to_path_buf(),
                source,
            })
        };
        for round in 0..200 {
            let barrier = std::sync::Barrier::new(4);
            let results: Vec<Result<()>> = std::thread::scope(|scope| {
                let runs: Vec<_> = (0..4)
                    .map(|id| {
                        let (barrier, target) = (&barrier, &target);
                        scope.spawn(move || {
                            write_dir_atomically(
                                target,
                                |_| true,
                                |dir| {
                                    write(dir, "summary.json", &format!("{id}"))?;
                                    write(dir, "index.html", &format!("{id}"))?;
                                    barrier.wait();
                                    Ok(())
                                },
                            )
                        })
                    })
                    .collect();
                runs.into_iter().map(|r| r.join().unwrap()).collect()
            });
            for result in results {
                assert!(result.is_ok(), "round {round}: {result:?}");
            }
            let summary = fs::read_to_string(target.join("summary.json")).unwrap();
            let page = fs::read_to_string(target.join("index.html")).unwrap();
            assert_eq!(summary, page, "round {round}: files of two runs");
            assert_eq!(names(&target), ["index.html", "summary.json"]);
            assert_eq!(names(parent.path()), ["report"], "round {round}");
        }
    }
}
