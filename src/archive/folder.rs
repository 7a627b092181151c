//! An unpacked archive folder, or one loose file, as a source of entries.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use super::RawEntry;

/// A directory tree on disk. Entry names are paths relative to the root, with `/`.
pub(super) struct FolderSource {
    root: PathBuf,
    files: Vec<PathBuf>,
}

impl FolderSource {
    /// Lists every regular file below `root`, in name order. Symbolic links are not followed,
    /// so an entry can never point outside the folder the user gave.
    pub(super) fn open(root: &Path) -> Result<(Self, Vec<RawEntry>), String> {
        let mut files = Vec::new();
        walk(root, &mut files).map_err(|e| format!("cannot list folder: {e}"))?;
        files.sort();
        let mut entries = Vec::with_capacity(files.len());
        for (locator, path) in files.iter().enumerate() {
            let size = fs::symlink_metadata(path).map(|m| m.len()).unwrap_or(0);
            let relative = path.strip_prefix(root).unwrap_or(path);
            let name = relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/");
            entries.push(RawEntry {
                name,
                size,
                compressed: size,
                locator,
            });
        }
        Ok((
            FolderSource {
                root: root.to_path_buf(),
                files,
            },
            entries,
        ))
    }

    /// One file given on its own (an analytics CSV beside an archive): a source of one entry.
    pub(super) fn single(path: &Path) -> Result<(Self, Vec<RawEntry>), String> {
        let size = fs::metadata(path)
            .map_err(|e| format!("cannot read: {e}"))?
            .len();
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let root = path.parent().map(Path::to_path_buf).unwrap_or_default();
        Ok((
            FolderSource {
                root,
                files: vec![path.to_path_buf()],
            },
            vec![RawEntry {
                name,
                size,
                compressed: size,
                locator: 0,
            }],
        ))
    }

    /// Reads one file, at most `allowed + 1` bytes; with `whole` false, a peek of its start.
    pub(super) fn read(
        &self,
        locator: usize,
        allowed: u64,
        whole: bool,
    ) -> Result<Vec<u8>, String> {
        let path = self
            .files
            .get(locator)
            .ok_or_else(|| "no such entry".to_string())?;
        debug_assert!(path.starts_with(&self.root));
        let file = fs::File::open(path).map_err(|e| format!("cannot open: {e}"))?;
        let mut bytes = Vec::new();
        file.take(if whole {
            allowed.saturating_add(1)
        } else {
            allowed
        })
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read: {e}"))?;
        if whole && bytes.len() as u64 > allowed {
            return Err(format!(
                "file is larger than the limit of {allowed} bytes (see --max-entry-size)"
            ));
        }
        Ok(bytes)
    }
}

impl FolderSource {
    /// Hands `use_reader` the file's bytes as a stream.
    pub(super) fn with_reader<T>(
        &self,
        locator: usize,
        use_reader: impl FnOnce(&mut dyn Read) -> T,
    ) -> Result<T, String> {
        let path = self
            .files
            .get(locator)
            .ok_or_else(|| "no such entry".to_string())?;
        let mut file = fs::File::open(path).map_err(|e| format!("cannot open: {e}"))?;
        Ok(use_reader(&mut file))
    }
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for item in fs::read_dir(dir)? {
        let item = item?;
        let kind = item.file_type()?;
        if kind.is_dir() {
            walk(&item.path(), out)?;
        } else if kind.is_file() {
            out.push(item.path());
        }
    }
    Ok(())
}
