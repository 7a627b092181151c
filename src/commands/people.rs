//! `rapport people`: the people the archives show on several platforms under one name,
//! as a CSV file the user can read and edit: one row per person, one column per platform.
//! A name unique on each platform it appears on is a link ("same name"); a name that two
//! people share on one platform is listed as likely, not linked, with every candidate id in
//! that platform's cell for the user to choose, as a comment (`# ` before the name) until
//! the user does. The file is what `--people` reads back.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;

use super::{InputOptions, strict_exit};
use crate::analysis::linking::{self, NameLink};
use crate::analysis::people::People;
use crate::error::{Error, Result};
use crate::pipeline::read_input;
use crate::progress::Reporter;

/// `rapport people`.
#[derive(Debug, Args)]
pub struct PeopleCommand {
    /// Archives and how to read them.
    #[command(flatten)]
    pub input: InputOptions,

    /// Write the CSV here instead of standard output.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

/// Runs `people`.
pub fn run(cmd: &PeopleCommand, reporter: &Reporter) -> Result<i32> {
    let input = read_input(&cmd.input.archives, cmd.input.load_options(), reporter)?;
    let people = People::of(&input.dataset).map_err(Error::from)?;
    let links = linking::by_name(&people.display_names());
    let platforms: Vec<&str> = crate::import::platforms()
        .map(|p| p.as_str())
        .filter(|p| {
            links
                .iter()
                .any(|l| l.accounts.iter().any(|a| a.platform == *p))
        })
        .collect();
    let text = csv_text(&links, &platforms)?;
    match &cmd.out {
        Some(path) => crate::atomic::write_file_atomically(path, text.as_bytes())?,
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(text.as_bytes()).map_err(|e| Error::Output {
                path: PathBuf::from("(standard output)"),
                source: e,
            })?;
        }
    }
    let made = links.iter().filter(|l| l.linked()).count();
    reporter.info(&format!(
        "rapport: {made} people linked by name across platforms, {} more with a name others \
         share (not linked)",
        links.len() - made
    ));
    strict_exit(cmd.input.read.strict, &input.archives)
}

/// The file: `person,evidence,<platform>...`, linked people first.
fn csv_text(links: &[NameLink], platforms: &[&str]) -> Result<String> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let mut header = vec!["person", "evidence"];
    header.extend(platforms);
    let csv_error = |e: csv::Error| Error::Usage(format!("cannot write the people file: {e}"));
    writer.write_record(&header).map_err(csv_error)?;
    let ordered = links
        .iter()
        .filter(|l| l.linked())
        .chain(links.iter().filter(|l| !l.linked()));
    for link in ordered {
        let evidence = if link.linked() {
            "same name".to_string()
        } else {
            format!(
                "not linked: the name is not unique on {}; keep one id per cell to link",
                link.not_unique_on.join(", ")
            )
        };
        // A likely link is a comment until the user keeps one id per cell and removes the #.
        let person = if link.linked() {
            link.person.clone()
        } else {
            format!("# {}", link.person)
        };
        let mut row = vec![person, evidence];
        for p in platforms {
            let ids: Vec<&str> = link
                .accounts
                .iter()
                .filter(|a| a.platform == *p)
                .map(|a| a.counterpart_id.as_str())
                .collect();
            row.push(ids.join(" | "));
        }
        writer.write_record(&row).map_err(csv_error)?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|e| Error::Usage(format!("cannot write the people file: {e}")))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}
