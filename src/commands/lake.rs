//! `rapport import ARCHIVE... --into LAKE`: downloads added to a lake one archive at a time
//! (`--jobs` at once), each account's download written whole or not at all under the
//! account's lock; an archive already in the lake (by the hash of its files) is skipped.

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rayon::prelude::*;

use super::import::Import;
use crate::archive::Archive;
use crate::error::{EXIT_OK, Error, Result};
use crate::import::{ImportedArchive, load_each};
use crate::model::lake::{Download, Lake, download_date, shard_of};
use crate::progress::Reporter;

/// The BLAKE3 hash of a file, or of a folder's files (their relative paths and contents, in
/// name order).
pub fn content_hash(path: &Path) -> std::io::Result<String> {
    let mut hasher = blake3::Hasher::new();
    if path.is_dir() {
        let mut files = Vec::new();
        collect(path, &mut files)?;
        files.sort();
        for file in files {
            let relative = file.strip_prefix(path).unwrap_or(&file);
            hasher.update(relative.to_string_lossy().as_bytes());
            hasher.update(&[0]);
            hash_file(&file, &mut hasher)?;
        }
    } else {
        hash_file(path, &mut hasher)?;
    }
    Ok(hasher.finalize().to_hex().to_string())
}

fn hash_file(path: &Path, hasher: &mut blake3::Hasher) -> std::io::Result<()> {
    let mut file = std::fs::File::open(path)?;
    let mut buffer = vec![0u8; 1 << 20];
    loop {
        let n = file.read(&mut buffer)?;
        if n == 0 {
            return Ok(());
        }
        hasher.update(&buffer[..n]);
    }
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            collect(&path, out)?;
        } else {
            out.push(path);
        }
    }
    Ok(())
}

/// The archives named on the command line and in `--manifest`, cut to `--shard`.
fn archive_list(cmd: &Import) -> Result<Vec<PathBuf>> {
    let mut paths = cmd.archives.clone();
    if let Some(file) = &cmd.manifest {
        let text = std::fs::read_to_string(file).map_err(|e| {
            Error::archive(&file.display().to_string(), format!("cannot read: {e}"))
        })?;
        paths.extend(
            text.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .map(PathBuf::from),
        );
    }
    if paths.is_empty() {
        return Err(Error::Usage(
            "name the archives to import, or give --manifest FILE".into(),
        ));
    }
    Ok(match cmd.shard {
        Some(shard) => shard_of(paths, shard),
        None => paths,
    })
}

/// A write id: unique to this write of this download.
fn write_id(hashes: &[String]) -> String {
    let mut hasher = blake3::Hasher::new();
    for h in hashes {
        hasher.update(h.as_bytes());
    }
    hasher.update(&std::process::id().to_le_bytes());
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    hasher.update(&now.to_le_bytes());
    hasher.finalize().to_hex()[..16].to_string()
}

/// Runs `import --into`.
pub fn import(cmd: &Import, root: &Path, reporter: &Reporter) -> Result<i32> {
    let lake = Lake::create_or_open(root).map_err(|p| {
        Error::archive(
            &root.display().to_string(),
            p.split_once(": ").map_or(p.clone(), |(_, r)| r.to_string()),
        )
    })?;
    let paths = archive_list(cmd)?;
    // Every file of every download already there, with the download it is in.
    let mut known: HashMap<String, String> = HashMap::new();
    for d in lake.downloads()? {
        for h in &d.part_hashes {
            known.insert(
                h.clone(),
                format!("{} {} of {}", d.platform.as_str(), d.download, d.account_id),
            );
        }
    }
    // Hashes of the archives given, in parallel (each read once, before any import).
    let hashes: HashMap<PathBuf, String> = paths
        .par_iter()
        .map(|p| {
            content_hash(p)
                .map(|h| (p.clone(), h))
                .map_err(|e| Error::archive(&p.display().to_string(), format!("cannot read: {e}")))
        })
        .collect::<Result<_>>()?;
    let skipped = Mutex::new(0usize);
    let written = Mutex::new(Vec::<Download>::new());
    let errors = Mutex::new(Vec::<String>::new());
    let skip = |archive: &Archive| {
        let parts: Vec<&String> = archive
            .paths()
            .iter()
            .filter_map(|p| hashes.get(p))
            .collect();
        let there: Vec<&String> = parts.iter().filter_map(|h| known.get(*h)).collect();
        if !parts.is_empty() && there.len() == parts.len() {
            reporter.info(&format!(
                "rapport: {}: already in the lake ({}), skipped",
                archive.label(),
                there[0]
            ));
            if let Ok(mut n) = skipped.lock() {
                *n += 1;
            }
            return true;
        }
        false
    };
    let each = |archive: ImportedArchive| -> Result<()> {
        let part_hashes: Vec<String> = archive
            .paths
            .iter()
            .filter_map(|p| hashes.get(p).cloned())
            .collect();
        let download = Download {
            platform: archive.detection.platform,
            account_id: archive
                .account_id
                .clone()
                .unwrap_or_else(|| "unknown".into()),
            download: download_date(archive.as_of),
            as_of: archive.as_of,
            write_id: write_id(&part_hashes),
            part_hashes,
            files: archive.file_name.clone(),
            generation: archive.detection.generation.clone(),
        };
        let output = |source| Error::Output {
            path: root.to_path_buf(),
            source,
        };
        let lock = lake
            .lock_account(download.platform, &download.account_id)
            .map_err(output)?;
        lake.write(&download, &archive.dataset).map_err(output)?;
        drop(lock);
        if let Ok(mut list) = written.lock() {
            list.push(download);
        }
        Ok(())
    };
    let failed = |e: Error| {
        if let Ok(mut list) = errors.lock() {
            list.push(e.message());
        }
    };
    load_each(
        &paths,
        cmd.read.load_options(),
        reporter,
        cmd.jobs as usize,
        &skip,
        &each,
        &failed,
    );
    let written = written.into_inner().unwrap_or_default();
    let skipped = skipped.into_inner().unwrap_or_default();
    let errors = errors.into_inner().unwrap_or_default();
    reporter.info(&format!(
        "rapport: {} downloads added to {} ({} accounts), {skipped} already there{}",
        written.len(),
        root.display(),
        {
            let mut accounts: Vec<(&str, &str)> = written
                .iter()
                .map(|d| (d.platform.as_str(), d.account_id.as_str()))
                .collect();
            accounts.sort_unstable();
            accounts.dedup();
            accounts.len()
        },
        if errors.is_empty() {
            String::new()
        } else {
            format!(", {} not imported", errors.len())
        }
    ));
    if errors.is_empty() {
        Ok(EXIT_OK)
    } else {
        Err(Error::Inputs(errors))
    }
}
