//! The lake: every download of every account, kept side by side, in a Hive layout that
//! DuckDB, Spark and polars read as tables:
//!
//! ```text
//! LAKE/rapport-lake.json                                     what this folder is
//! LAKE/<frame>/platform=P/account=A/download=D/part-<W>.parquet   the five frames
//! LAKE/manifest/platform=P/account=A/download=D/part-0.parquet    one row: what is there
//! LAKE/.locks/<P>-<A>.lock                                   one writer per account
//! ```
//!
//! D is the export's own date (`YYYY-MM-DD`, UTC), W the id of the write that made the
//! files. The manifest row names W: it is the commit. A download is written as new files
//! (`part-<W>.parquet`, each first written as `.tmp` and renamed), then the manifest file is
//! replaced by one rename, then the files of the write it replaces are removed. A process
//! killed at any moment leaves the lake as the manifest says: files of an unfinished write
//! are read by no one and removed by the next write of that account.

use std::collections::BTreeSet;
use std::fs::{self, File};
use std::path::{Path, PathBuf};

use polars::prelude::*;

use super::parquet::{partition_value, read_frame, sorted_dir, write_frame};
use super::schema::{self, FRAMES};
use super::{Dataset, Platform};

/// The file that makes a folder a lake.
pub const MARKER: &str = "rapport-lake.json";
/// The manifest table.
pub const MANIFEST: &str = "manifest";
/// The folder of the account locks.
pub const LOCKS: &str = ".locks";

/// One download of one account in the lake.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Download {
    /// The platform.
    pub platform: Platform,
    /// The account id as the archive gives it (`unknown` where it gives none).
    pub account_id: String,
    /// The export's own date, `YYYY-MM-DD` (UTC); `unknown` where the archive has none.
    pub download: String,
    /// When the export was made (or its last activity), ms since the epoch.
    pub as_of: Option<i64>,
    /// The BLAKE3 hash of each file or folder the download was read from, in order.
    pub part_hashes: Vec<String>,
    /// The names of those files.
    pub files: String,
    /// The archive's generation.
    pub generation: String,
    /// The write that made the download's files.
    pub write_id: String,
}

impl Download {
    /// The partition path below a table: `platform=P/account=A/download=D`.
    fn partition(&self) -> PathBuf {
        PathBuf::from(format!("platform={}", self.platform.as_str()))
            .join(format!("account={}", partition_value(&self.account_id)))
            .join(format!("download={}", partition_value(&self.download)))
    }
}

/// A lake on disk.
#[derive(Debug, Clone)]
pub struct Lake {
    root: PathBuf,
}

/// Parses `--shard I/N` (1 <= I <= N).
pub fn parse_shard(text: &str) -> std::result::Result<(usize, usize), String> {
    let problem = || format!("'{text}' is not a shard I/N with 1 <= I <= N, e.g. 3/10");
    let (i, n) = text.split_once('/').ok_or_else(problem)?;
    let (i, n): (usize, usize) = (
        i.trim().parse().map_err(|_| problem())?,
        n.trim().parse().map_err(|_| problem())?,
    );
    if i == 0 || n == 0 || i > n {
        return Err(problem());
    }
    Ok((i, n))
}

/// The I-th of N slices of `paths` sorted: archive k (0-based, in sorted order) is in slice
/// `k mod N + 1`, so slices differ by one archive at most and cover the list exactly once.
pub fn shard_of(mut paths: Vec<PathBuf>, (i, n): (usize, usize)) -> Vec<PathBuf> {
    paths.sort();
    paths.dedup();
    paths
        .into_iter()
        .enumerate()
        .filter(|(k, _)| k % n == i - 1)
        .map(|(_, p)| p)
        .collect()
}

/// Whether `dir` is a lake.
pub fn is_lake(dir: &Path) -> bool {
    dir.join(MARKER).is_file()
}

/// The download date of an export made at `as_of`.
pub fn download_date(as_of: Option<i64>) -> String {
    as_of
        .and_then(chrono::DateTime::from_timestamp_millis)
        .map_or_else(
            || "unknown".to_string(),
            |t| t.format("%Y-%m-%d").to_string(),
        )
}

impl Lake {
    /// Opens the lake at `root`, making it when the folder is missing or empty. A folder
    /// with other content is refused: a lake holds only what rapport writes.
    pub fn create_or_open(root: &Path) -> Result<Lake, String> {
        let label = root.display();
        if root.is_dir() && !is_lake(root) {
            let mut entries = fs::read_dir(root).map_err(|e| format!("{label}: {e}"))?;
            if entries.next().is_some() {
                return Err(format!(
                    "{label}: not a rapport lake (no {MARKER}) and not empty: give a new \
                     folder or a lake"
                ));
            }
        }
        if !root.exists() || !is_lake(root) {
            fs::create_dir_all(root).map_err(|e| format!("{label}: cannot create: {e}"))?;
            let marker = serde_json::json!({"format": "rapport lake", "version": 1});
            fs::write(root.join(MARKER), format!("{marker}\n"))
                .map_err(|e| format!("{label}: cannot write {MARKER}: {e}"))?;
        }
        let lake = Lake {
            root: root.to_path_buf(),
        };
        lake.check()?;
        Ok(lake)
    }

    /// Opens an existing lake, checking that it holds nothing foreign.
    pub fn open(root: &Path) -> Result<Lake, String> {
        if !is_lake(root) {
            return Err(format!(
                "{}: not a rapport lake (no {MARKER})",
                root.display()
            ));
        }
        let lake = Lake {
            root: root.to_path_buf(),
        };
        lake.check()?;
        Ok(lake)
    }

    /// The lake's folder.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Refuses a lake with a file rapport did not write (it would be read by a query over
    /// the tables, or lost): one line naming it.
    pub fn check(&self) -> Result<(), String> {
        let tables: BTreeSet<&str> = FRAMES
            .iter()
            .map(|(name, _)| *name)
            .chain([MANIFEST])
            .collect();
        let foreign = |path: &Path| {
            format!(
                "{}: {}: a file rapport did not write; a lake holds only what `rapport import \
                 --into` writes",
                self.root.display(),
                path.strip_prefix(&self.root).unwrap_or(path).display()
            )
        };
        let entries =
            fs::read_dir(&self.root).map_err(|e| format!("{}: {e}", self.root.display()))?;
        for entry in entries {
            let path = entry.map_err(|e| e.to_string())?.path();
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if name == MARKER || name == LOCKS {
                continue;
            }
            if !(path.is_dir() && tables.contains(name)) {
                return Err(foreign(&path));
            }
            // table/platform=P/account=A/download=D/part-*.parquet
            for platform in read_dir(&path)? {
                expect_dir(&platform, "platform", &foreign)?;
                for account in read_dir(&platform)? {
                    expect_dir(&account, "account", &foreign)?;
                    for download in read_dir(&account)? {
                        expect_dir(&download, "download", &foreign)?;
                        for file in read_dir(&download)? {
                            let name = file.file_name().and_then(|n| n.to_str()).unwrap_or("");
                            let ours = file.is_file()
                                && name.starts_with("part-")
                                && (name.ends_with(".parquet") || name.ends_with(".parquet.tmp"));
                            if !ours {
                                return Err(foreign(&file));
                            }
                        }
                    }
                }
            }
        }
        Ok(())
    }

    /// Every download in the lake, as the manifest says, by platform, account and date.
    pub fn downloads(&self) -> PolarsResult<Vec<Download>> {
        let mut list = Vec::new();
        let dir = self.root.join(MANIFEST);
        if !dir.is_dir() {
            return Ok(list);
        }
        for platform_dir in sorted_dir(&dir)? {
            for account_dir in sorted_dir(&platform_dir)? {
                for download_dir in sorted_dir(&account_dir)? {
                    let path = download_dir.join("part-0.parquet");
                    if path.is_file() {
                        list.push(read_manifest(&path)?);
                    }
                }
            }
        }
        list.sort_by(|a, b| {
            (a.platform, &a.account_id, &a.download).cmp(&(b.platform, &b.account_id, &b.download))
        });
        Ok(list)
    }

    /// Waits for, then holds, the lock of one account: one writer per account at a time
    /// (the lock goes with the process, so a killed import leaves none behind).
    pub fn lock_account(&self, platform: Platform, account_id: &str) -> std::io::Result<File> {
        let dir = self.root.join(LOCKS);
        fs::create_dir_all(&dir)?;
        let path = dir.join(format!(
            "{}-{}.lock",
            platform.as_str(),
            partition_value(account_id)
        ));
        let file = File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(path)?;
        file.lock()?;
        Ok(file)
    }

    /// Removes what unfinished writes of one account left (files the manifest names for no
    /// download): the account's lock must be held.
    fn clean_account(&self, download: &Download) -> std::io::Result<()> {
        let account = PathBuf::from(format!("platform={}", download.platform.as_str()))
            .join(format!("account={}", partition_value(&download.account_id)));
        let mut committed: Vec<(std::ffi::OsString, String)> = Vec::new();
        let manifests = self.root.join(MANIFEST).join(&account);
        if manifests.is_dir() {
            for dir in fs::read_dir(&manifests)? {
                let dir = dir?.path();
                let path = dir.join("part-0.parquet");
                if let (Some(name), true) = (dir.file_name(), path.is_file())
                    && let Ok(d) = read_manifest(&path)
                {
                    committed.push((name.to_os_string(), format!("part-{}.parquet", d.write_id)));
                }
            }
        }
        for (name, _) in FRAMES {
            let dir = self.root.join(name).join(&account);
            if !dir.is_dir() {
                continue;
            }
            for partition in fs::read_dir(&dir)? {
                let partition = partition?.path();
                let keep = partition
                    .file_name()
                    .and_then(|n| committed.iter().find(|(d, _)| d == n))
                    .map(|(_, file)| file.clone());
                for file in fs::read_dir(&partition)? {
                    let file = file?.path();
                    let name = file.file_name().and_then(|n| n.to_str()).unwrap_or("");
                    if keep.as_deref() != Some(name) {
                        fs::remove_file(&file)?;
                    }
                }
            }
        }
        // A staged manifest that never replaced its file.
        if manifests.is_dir() {
            for dir in fs::read_dir(&manifests)? {
                let staged = dir?.path().join("part-0.parquet.tmp");
                if staged.is_file() {
                    fs::remove_file(staged)?;
                }
            }
        }
        Ok(())
    }

    /// Writes one download, replacing whole the one of the same account and date: the
    /// account's lock must be held.
    pub fn write(&self, download: &Download, data: &Dataset) -> std::io::Result<()> {
        self.clean_account(download)?;
        let partition = download.partition();
        let manifest_dir = self.root.join(MANIFEST).join(&partition);
        let manifest_path = manifest_dir.join("part-0.parquet");
        let previous = if manifest_path.is_file() {
            read_manifest(&manifest_path).ok().map(|d| d.write_id)
        } else {
            None
        };
        for (name, frame) in data.frames() {
            let dir = self.root.join(name).join(&partition);
            fs::create_dir_all(&dir)?;
            let target = dir.join(format!("part-{}.parquet", download.write_id));
            let staged = dir.join(format!("part-{}.parquet.tmp", download.write_id));
            write_frame(&staged, frame)?;
            fs::rename(&staged, &target)?;
        }
        // The commit: the manifest file replaced by one rename.
        fs::create_dir_all(&manifest_dir)?;
        let staged = manifest_dir.join("part-0.parquet.tmp");
        write_manifest(&staged, download)?;
        fs::rename(&staged, &manifest_path)?;
        if let Some(old) = previous.filter(|old| *old != download.write_id) {
            for (name, _) in FRAMES {
                let file = self
                    .root
                    .join(name)
                    .join(&partition)
                    .join(format!("part-{old}.parquet"));
                if file.is_file() {
                    fs::remove_file(file)?;
                }
            }
        }
        Ok(())
    }

    /// The five frames of one download.
    pub fn read(&self, download: &Download) -> PolarsResult<Dataset> {
        let partition = download.partition();
        let mut dataset = Dataset::empty();
        for (name, spec) in FRAMES {
            let path = self
                .root
                .join(name)
                .join(&partition)
                .join(format!("part-{}.parquet", download.write_id));
            let frame = if path.is_file() {
                read_frame(&path, spec, download.platform.as_str())?
            } else {
                DataFrame::empty_with_schema(&schema::schema(spec))
            };
            dataset.set_frame(name, frame);
        }
        Ok(dataset)
    }
}

fn read_dir(dir: &Path) -> Result<Vec<PathBuf>, String> {
    sorted_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))
}

fn expect_dir(path: &Path, key: &str, foreign: &dyn Fn(&Path) -> String) -> Result<(), String> {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    if path.is_dir() && name.starts_with(&format!("{key}=")) {
        Ok(())
    } else {
        Err(foreign(path))
    }
}

fn write_manifest(path: &Path, d: &Download) -> std::io::Result<()> {
    let mut frame = df!(
        "platform_name" => [d.platform.as_str()],
        "account_id" => [d.account_id.as_str()],
        "download_date" => [d.download.as_str()],
        "as_of" => [d.as_of],
        "part_hashes" => [d.part_hashes.join(",")],
        "files" => [d.files.as_str()],
        "generation" => [d.generation.as_str()],
        "write_id" => [d.write_id.as_str()],
    )
    .map_err(std::io::Error::other)?;
    ParquetWriter::new(File::create(path)?)
        .finish(&mut frame)
        .map_err(std::io::Error::other)?;
    Ok(())
}

fn read_manifest(path: &Path) -> PolarsResult<Download> {
    let frame = ParquetReader::new(File::open(path)?).finish()?;
    let text = |name: &str| -> PolarsResult<String> {
        Ok(frame
            .column(name)?
            .str()?
            .get(0)
            .unwrap_or_default()
            .to_string())
    };
    let platform_name = text("platform_name")?;
    let platform = Platform::from_name(&platform_name).ok_or_else(
        || polars_err!(ComputeError: "unknown platform '{platform_name}' in {}", path.display()),
    )?;
    Ok(Download {
        platform,
        account_id: text("account_id")?,
        download: text("download_date")?,
        as_of: frame.column("as_of")?.cast(&DataType::Int64)?.i64()?.get(0),
        part_hashes: text("part_hashes")?
            .split(',')
            .filter(|h| !h.is_empty())
            .map(str::to_string)
            .collect(),
        files: text("files")?,
        generation: text("generation")?,
        write_id: text("write_id")?,
    })
}
