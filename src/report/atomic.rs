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
pub fn write_dir_atomically(
    target: &Path,
    may_replace: impl Fn(&Path) -> bool,
    fill: impl FnOnce(&Path) -> Result<()>,
) -> Result<()> {
    let fail = |source: io::Error| Error::Output {
        path: target.to_path_buf(),
        source,
    };
    if target.exists() {
        let empty = fs::read_dir(target)
            .map(|mut d| d.next().is_none())
            .unwrap_or(false);
        if !target.is_dir() || !(empty || may_replace(target)) {
            return Err(Error::Usage(format!(
                "{}: exists and is not an earlier output of rapport; choose another --out \
                 or remove it",
                target.display()
            )));
        }
    }
    let parent = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => Path::new(".").to_path_buf(),
    };
    fs::create_dir_all(&parent).map_err(fail)?;
    let staging = tempfile::Builder::new()
        .prefix(".rapport-tmp-")
        .tempdir_in(&parent)
        .map_err(fail)?;
    fill(staging.path())?;
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
}
