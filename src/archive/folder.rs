//! An unpacked archive folder, or one loose file, as a source of entries.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use super::{LeftOut, Listing};

/// A directory tree on disk. Entry names are paths relative to the root, with `/`.
pub(super) struct FolderSource {
    root: PathBuf,
    files: Vec<PathBuf>,
}

impl FolderSource {
    /// Lists every regular file below `root`, in name order. Symbolic links are not
    /// followed, so an entry can never point outside the folder the user gave (nor loop):
    /// each is listed as left out. More than `max_entries` files is an error, found while
    /// walking.
    pub(super) fn open(root: &Path, max_entries: u64) -> Result<(Self, Listing), String> {
        let mut files = Vec::new();
        let mut links = Vec::new();
        walk(root, max_entries, &mut files, &mut links)?;
        files.sort();
        links.sort();
        let name_of = |path: &Path| {
            path.strip_prefix(root)
                .unwrap_or(path)
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/")
        };
        let mut listing = Listing::default();
        for (locator, path) in files.iter().enumerate() {
            let size = fs::symlink_metadata(path).map(|m| m.len()).unwrap_or(0);
            listing.push(&name_of(path), size, size, locator)?;
        }
        for link in &links {
            listing.left_out.push(LeftOut {
                name: name_of(link),
                why: "a symbolic link: not followed, so nothing outside the folder is read"
                    .to_string(),
                unread: true,
            });
        }
        Ok((
            FolderSource {
                root: root.to_path_buf(),
                files,
            },
            listing,
        ))
    }

    /// One file given on its own (an analytics CSV beside an archive): a source of one entry.
    pub(super) fn single(path: &Path) -> Result<(Self, Listing), String> {
        let size = fs::metadata(path)
            .map_err(|e| format!("cannot read: {e}"))?
            .len();
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let root = path.parent().map(Path::to_path_buf).unwrap_or_default();
        let mut listing = Listing::default();
        listing.push(&name, size, size, 0)?;
        Ok((
            FolderSource {
                root,
                files: vec![path.to_path_buf()],
            },
            listing,
        ))
    }

    /// The first `bytes` bytes of one file: a peek.
    pub(super) fn peek(&self, locator: usize, bytes: u64) -> Result<Vec<u8>, String> {
        let path = self
            .files
            .get(locator)
            .ok_or_else(|| "no such entry".to_string())?;
        debug_assert!(path.starts_with(&self.root));
        let file = fs::File::open(path).map_err(|e| format!("cannot open: {e}"))?;
        let mut start = Vec::new();
        file.take(bytes)
            .read_to_end(&mut start)
            .map_err(|e| format!("cannot read: {e}"))?;
        Ok(start)
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

/// Lists the regular files and the symbolic links below `root`, without recursion (a
/// folder nested thousands deep does not exhaust the stack).
fn walk(
    root: &Path,
    max_entries: u64,
    files: &mut Vec<PathBuf>,
    links: &mut Vec<PathBuf>,
) -> Result<(), String> {
    let mut folders = vec![root.to_path_buf()];
    while let Some(dir) = folders.pop() {
        let listed = |e: std::io::Error| format!("cannot list folder {}: {e}", dir.display());
        for item in fs::read_dir(&dir).map_err(listed)? {
            let item = item.map_err(listed)?;
            let kind = item.file_type().map_err(listed)?;
            if kind.is_dir() {
                folders.push(item.path());
            } else if kind.is_file() {
                files.push(item.path());
            } else if kind.is_symlink() {
                links.push(item.path());
            }
            if (files.len() + links.len()) as u64 > max_entries {
                return Err(format!(
                    "the folder holds more than {max_entries} files (see --max-entries)"
                ));
            }
        }
    }
    Ok(())
}
