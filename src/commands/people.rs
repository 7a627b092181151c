//! `rapport people`: the people the archives show on several platforms under one name,
//! as a CSV file the user can read and edit: one row per person, one column per platform.
//! A name unique on each platform it appears on is a link ("same name"); a name that two
//! people share on one platform is listed as likely, not linked, with every candidate id in
//! that platform's cell for the user to choose, as a comment (`# ` before the name) until
//! the user does. An account known by a username alone that spells a name another platform
//! knows (Instagram's `grace.hopper`) is listed as likely too. The file is what `--people`
//! reads back.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;

use super::{InputOptions, strict_exit};
use crate::analysis::linking::{self, NameLink};
use crate::analysis::people::People;
use crate::analysis::{people_file, persons};
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

    /// Start from this people file: its rows are kept first (as the report reads them, each
    /// cell resolved to its id), and only links and likely links among the accounts it does
    /// not name are added, so that a file edited last quarter grows with the new archives.
    #[arg(long, value_name = "FILE")]
    pub people: Option<PathBuf>,

    /// Add no link made by the archives' own evidence (likely links are still listed).
    #[arg(long)]
    pub no_link: bool,
}

/// One row of the file.
struct Row {
    /// The person cell (`# ` before a likely link not made).
    person: String,
    /// Why.
    evidence: String,
    /// (platform, id) of each account in the row.
    accounts: Vec<(String, String)>,
}

/// Runs `people`.
pub fn run(cmd: &PeopleCommand, reporter: &Reporter) -> Result<i32> {
    let input = read_input(&cmd.input.archives, cmd.input.load_options(), reporter)?;
    let people = People::of(&input.dataset).map_err(Error::from)?;
    let named = people.display_names();
    let links = linking::by_name(&named);
    // Accounts known by a username alone (Instagram's, a Twitter handle): their username
    // may spell a name another platform knows.
    let unnamed: Vec<(&str, &str, &str)> = {
        let mut list: Vec<(&str, &str, &str)> = people
            .accounts()
            .filter(|(_, _, name, _)| name.is_none())
            .filter_map(|(p, id, _, handle)| {
                let username = handle.unwrap_or(id);
                (!username.contains('/')).then_some((p, id, username))
            })
            .collect();
        list.sort_unstable();
        list
    };
    let by_username = linking::by_username(&named, &unnamed);
    let mut rows: Vec<Row> = Vec::new();
    // The user's rows first, as they are; nothing below touches an account they name.
    let mut claimed: std::collections::HashSet<(String, String)> = Default::default();
    if let Some(path) = &cmd.people {
        let file = people_file::read(path).map_err(Error::People)?;
        for link in persons::rows_of(&file, &people).map_err(Error::People)? {
            claimed.extend(link.accounts.iter().cloned());
            rows.push(Row {
                person: link.person,
                evidence: "people file".into(),
                accounts: link.accounts,
            });
        }
    }
    let free = |accounts: &[linking::Account]| {
        accounts
            .iter()
            .all(|a| !claimed.contains(&(a.platform.clone(), a.counterpart_id.clone())))
    };
    let from_file = rows.len();
    let links: Vec<&NameLink> = links
        .iter()
        .filter(|l| free(&l.accounts) && !(cmd.no_link && l.linked()))
        .collect();
    let by_username: Vec<&linking::UsernameLink> = by_username
        .iter()
        .filter(|l| free(std::slice::from_ref(&l.account)))
        .collect();
    for link in links.iter().filter(|l| l.linked()) {
        rows.push(Row {
            person: link.person.clone(),
            evidence: "same name".into(),
            accounts: accounts_of(&link.accounts),
        });
    }
    for link in links.iter().filter(|l| !l.linked()) {
        rows.push(Row {
            // A comment until the user keeps one id per cell and removes the #.
            person: format!("# {}", link.person),
            evidence: format!(
                "not linked: the name is not unique on {}; keep one id per cell to link",
                link.not_unique_on.join(", ")
            ),
            accounts: accounts_of(&link.accounts),
        });
    }
    for likely in by_username {
        let account = (
            likely.account.platform.clone(),
            likely.account.counterpart_id.clone(),
        );
        let in_a_link = !free(&likely.named)
            || links
                .iter()
                .filter(|l| l.linked())
                .any(|l| l.accounts.iter().any(|a| likely.named.contains(a)));
        let (accounts, how) = if in_a_link {
            (
                vec![account],
                format!(
                    "to link, add {} to the row of {} above",
                    likely.account.counterpart_id, likely.person
                ),
            )
        } else {
            let mut accounts = accounts_of(&likely.named);
            accounts.push(account);
            (accounts, "to link, remove the #".to_string())
        };
        rows.push(Row {
            person: format!("# {}", likely.person),
            evidence: format!(
                "likely: the {} username {} spells the name; {how}",
                likely.account.platform, likely.account.counterpart_id
            ),
            accounts,
        });
    }
    let platforms: Vec<&str> = crate::import::platforms()
        .map(|p| p.as_str())
        .filter(|p| rows.iter().any(|r| r.accounts.iter().any(|a| a.0 == *p)))
        .collect();
    let text = csv_text(&rows, &platforms)?;
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
        "rapport: {from_file} people from your file, {made} linked by name across platforms; \
         {} more likely, not linked (a name others share, a username that spells a name)",
        rows.len() - made - from_file
    ));
    strict_exit(cmd.input.read.strict, &input.archives)
}

fn accounts_of(accounts: &[linking::Account]) -> Vec<(String, String)> {
    accounts
        .iter()
        .map(|a| (a.platform.clone(), a.counterpart_id.clone()))
        .collect()
}

/// The file: `person,evidence,<platform>...`, linked people first.
fn csv_text(rows: &[Row], platforms: &[&str]) -> Result<String> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let mut header = vec!["person", "evidence"];
    header.extend(platforms);
    let csv_error = |e: csv::Error| Error::Usage(format!("cannot write the people file: {e}"));
    writer.write_record(&header).map_err(csv_error)?;
    for row in rows {
        let mut record = vec![row.person.clone(), row.evidence.clone()];
        for p in platforms {
            let ids: Vec<&str> = row
                .accounts
                .iter()
                .filter(|a| a.0 == *p)
                .map(|a| a.1.as_str())
                .collect();
            record.push(ids.join(" | "));
        }
        writer.write_record(&record).map_err(csv_error)?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|e| Error::Usage(format!("cannot write the people file: {e}")))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}
