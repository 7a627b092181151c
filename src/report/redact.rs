//! `--redact`: every counterpart name and id becomes a stable pseudonym, so that a report
//! can be shared.
//!
//! A pseudonym is a hash of the person's platform and id keyed by the archive's own content
//! (the owner's accounts, the hashes of the message bodies, the post ids): the same person
//! gets the same pseudonym in every output of a run and in every run on the same archive,
//! and no one holding the report alone can recompute it from a guessed id.

use polars::prelude::*;
use std::collections::BTreeMap;

use crate::analysis::columns::{strs, u64s};
use crate::analysis::summary::PlatformCoverage;
use crate::analysis::table::{Cell, Table};
use crate::model::Dataset;
use crate::model::rows::stable_id;

/// The columns of a table that name a counterpart.
const NAME_COLUMNS: [&str; 3] = ["counterpart_id", "counterpart_name", "name"];
/// The columns of a table that hold the owner's words, left out under `--redact`.
const TEXT_COLUMNS: [&str; 1] = ["text"];

/// The pseudonyms of one archive.
#[derive(Debug, Clone)]
pub struct Pseudonyms {
    key: String,
    /// Which segment of an archive entry's name names a person (as the importers know).
    person_segment: fn(&str) -> Option<usize>,
}

impl Pseudonyms {
    /// Pseudonyms keyed by `data`'s content; `person_segment` tells which segment of an
    /// archive entry's name names a person.
    pub fn new(
        data: &Dataset,
        person_segment: fn(&str) -> Option<usize>,
    ) -> PolarsResult<Pseudonyms> {
        let mut accounts: Vec<String> = strs(&data.accounts, "account_id")?
            .into_iter()
            .flatten()
            .map(str::to_string)
            .collect();
        accounts.sort();
        let bodies = u64s(&data.messages, "body_hash")?
            .into_iter()
            .flatten()
            .fold(0u64, u64::wrapping_add);
        let posts = strs(&data.posts, "post_id")?
            .into_iter()
            .flatten()
            .map(|id| {
                let hex = stable_id(&[id]);
                u64::from_str_radix(hex.trim_start_matches('h'), 16).unwrap_or(0)
            })
            .fold(0u64, u64::wrapping_add);
        let mut parts: Vec<String> = accounts;
        parts.push(format!("{bodies:x}"));
        parts.push(format!("{posts:x}"));
        let refs: Vec<&str> = parts.iter().map(String::as_str).collect();
        Ok(Pseudonyms {
            key: stable_id(&refs),
            person_segment,
        })
    }

    /// A fixed key, for tests.
    pub fn with_key(key: &str, person_segment: fn(&str) -> Option<usize>) -> Pseudonyms {
        Pseudonyms {
            key: key.to_string(),
            person_segment,
        }
    }

    /// The pseudonym of one person: `Person` and eight letters or digits.
    pub fn of(&self, platform: &str, id: &str) -> String {
        const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
        let hex = stable_id(&[&self.key, platform, id]);
        let mut n = u64::from_str_radix(hex.trim_start_matches('h'), 16).unwrap_or(0);
        let mut code = String::with_capacity(8);
        for _ in 0..8 {
            code.push(ALPHABET[(n % 32) as usize] as char);
            n /= 32;
        }
        format!("Person {code}")
    }

    /// Renames the conversation folders named after people in coverage's entry names
    /// (entries that become one name add their counts).
    pub fn redact_coverage(&self, coverage: &mut BTreeMap<String, PlatformCoverage>) {
        for platform in coverage.values_mut() {
            let mut redacted = BTreeMap::new();
            for (entry, n) in std::mem::take(&mut platform.rows_per_file) {
                *redacted.entry(self.redact_entry(&entry)).or_insert(0) += n;
            }
            platform.rows_per_file = redacted;
        }
    }

    /// An archive entry's name without the folder that names the other person of a
    /// conversation (Messenger's `messages/inbox/<name>_<id>/message_1.json`).
    pub fn redact_entry(&self, entry: &str) -> String {
        let Some(at) = (self.person_segment)(entry) else {
            return entry.to_string();
        };
        entry
            .split('/')
            .enumerate()
            .map(|(i, part)| {
                if i == at {
                    self.of("conversation", part)
                        .replace("Person ", "conversation-")
                } else {
                    part.to_string()
                }
            })
            .collect::<Vec<_>>()
            .join("/")
    }

    /// Replaces names and ids in a table, and leaves out the owner's text.
    pub fn redact_table(&self, table: &mut Table) {
        let id = table.column("counterpart_id");
        let platform = table.column("platform");
        let names: Vec<usize> = NAME_COLUMNS
            .iter()
            .filter_map(|c| table.column(c))
            .collect();
        let texts: Vec<usize> = TEXT_COLUMNS
            .iter()
            .filter_map(|c| table.column(c))
            .collect();
        for row in &mut table.rows {
            let p = platform
                .and_then(|i| row.get(i))
                .and_then(Cell::as_str)
                .unwrap_or("")
                .to_string();
            let pseudonym = id
                .and_then(|i| row.get(i))
                .and_then(Cell::as_str)
                .map(|id| self.of(&p, id));
            for &i in &names {
                if let Some(cell) = row.get_mut(i)
                    && *cell != Cell::Null
                {
                    *cell = pseudonym.clone().map_or(Cell::Null, Cell::Text);
                }
            }
            for &i in &texts {
                if let Some(cell) = row.get_mut(i) {
                    *cell = Cell::Null;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_person_gets_one_pseudonym_per_key() {
        let p = Pseudonyms::with_key("k", crate::import::person_segment);
        assert_eq!(p.of("twitter", "42"), p.of("twitter", "42"));
        assert_ne!(p.of("twitter", "42"), p.of("linkedin", "42"));
        assert_ne!(
            p.of("twitter", "42"),
            Pseudonyms::with_key("j", crate::import::person_segment).of("twitter", "42")
        );
        assert!(p.of("twitter", "42").starts_with("Person "));
    }

    #[test]
    fn a_conversation_folder_named_after_a_person_is_replaced() {
        let p = Pseudonyms::with_key("k", crate::import::person_segment);
        let entry =
            p.redact_entry("your_facebook_activity/messages/inbox/alanturing_40001/message_1.json");
        assert!(!entry.contains("alan"), "{entry}");
        assert!(entry.starts_with("your_facebook_activity/messages/inbox/conversation-"));
        assert!(entry.ends_with("/message_1.json"));
        assert_eq!(p.redact_entry("data/tweets.js"), "data/tweets.js");
    }
}
