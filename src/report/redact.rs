//! `--redact`: every counterpart name and id becomes a stable pseudonym, the owner's own
//! identity is taken out, and groups too small to hide anyone are left out, so that a
//! report can be shared.
//!
//! A pseudonym is a keyed BLAKE3 hash of the person's platform and id, 65 bits shown. Its key
//! is derived from archive content that never leaves the machine (the texts of the owner's
//! posts, the hashes of the message bodies, the account ids): the same person gets the same
//! pseudonym in every output of a run and in every run on the same archive, and no one
//! holding the report, even with a known pair of id and pseudonym, can compute another's.

use polars::prelude::*;
use std::collections::BTreeMap;

use crate::analysis::columns::{strs, u64s};
use crate::analysis::summary::{ArchiveEntry, PlatformCoverage};
use crate::analysis::table::{Cell, Table};
use crate::model::Dataset;

/// The columns of a table that name a counterpart.
const NAME_COLUMNS: [&str; 3] = ["counterpart_id", "counterpart_name", "name"];
/// The columns of a table left out under `--redact`: the owner's words, and profile
/// addresses (they hold the person's id or handle).
const TEXT_COLUMNS: [&str; 2] = ["text", "profile_url"];
/// Base-32 letters and digits without I, L, O and U.
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/// Characters of a pseudonym: 13 x 5 = 65 bits.
const CODE_CHARS: usize = 13;

/// The pseudonyms of one archive.
#[derive(Debug, Clone)]
pub struct Pseudonyms {
    key: [u8; 32],
    /// Which segment of an archive entry's name names a person (as the importers know).
    person_segment: fn(&str) -> Option<usize>,
    /// The owner's identifiers (account ids, handles, names), taken out of names of files.
    owner: Vec<String>,
    /// The links of the run: every account of a person gets the person's pseudonym.
    persons: crate::analysis::persons::Persons,
}

impl Pseudonyms {
    /// Pseudonyms keyed by `data`'s content; `person_segment` tells which segment of an
    /// archive entry's name names a person.
    pub fn new(
        data: &Dataset,
        person_segment: fn(&str) -> Option<usize>,
    ) -> PolarsResult<Pseudonyms> {
        let mut hasher = blake3::Hasher::new_derive_key("rapport 2026 pseudonyms of --redact");
        let mut owner: Vec<String> = Vec::new();
        for column in ["account_id", "handle", "display_name"] {
            for value in strs(&data.accounts, column)?.into_iter().flatten() {
                owner.push(value.to_string());
            }
        }
        owner.sort();
        owner.dedup();
        for id in &owner {
            hasher.update(id.as_bytes());
            hasher.update(&[0]);
        }
        for text in strs(&data.posts, "text")?.into_iter().flatten() {
            hasher.update(text.as_bytes());
            hasher.update(&[0]);
        }
        for hash in u64s(&data.messages, "body_hash")?.into_iter().flatten() {
            hasher.update(&hash.to_le_bytes());
        }
        Ok(Pseudonyms {
            key: *hasher.finalize().as_bytes(),
            person_segment,
            owner: owner_tokens(&owner),
            persons: Default::default(),
        })
    }

    /// A fixed key, for tests.
    pub fn with_key(key: &str, person_segment: fn(&str) -> Option<usize>) -> Pseudonyms {
        Pseudonyms {
            key: blake3::derive_key("rapport 2026 pseudonyms of --redact", key.as_bytes()),
            person_segment,
            owner: Vec::new(),
            persons: Default::default(),
        }
    }

    /// The same pseudonyms, one per person: the accounts `persons` links share the
    /// pseudonym of the person's first account.
    pub fn with_persons(mut self, persons: &crate::analysis::persons::Persons) -> Pseudonyms {
        self.persons = persons.clone();
        self
    }

    /// The pseudonym of one person: `Person` and 13 letters or digits (65 bits of a keyed
    /// hash of the platform and the id).
    pub fn of(&self, platform: &str, id: &str) -> String {
        let (platform, id) = self.persons.key(platform, id);
        format!("Person {}", self.code(platform, id))
    }

    fn code(&self, platform: &str, id: &str) -> String {
        let mut hasher = blake3::Hasher::new_keyed(&self.key);
        hasher.update(platform.as_bytes());
        hasher.update(&[0]);
        hasher.update(id.as_bytes());
        let hash = hasher.finalize();
        let bytes = hash.as_bytes();
        let mut bits = u128::from_le_bytes(bytes[..16].try_into().unwrap_or([0; 16]));
        let mut code = String::with_capacity(CODE_CHARS);
        for _ in 0..CODE_CHARS {
            code.push(ALPHABET[(bits % 32) as usize] as char);
            bits /= 32;
        }
        code
    }

    /// Takes the owner's identity out of the list of archives: the account becomes
    /// `owner`, and a file name that holds the owner's handle or name (an analytics export
    /// is named after the account) keeps only its kind.
    pub fn redact_archives(&self, archives: &mut [ArchiveEntry]) {
        for (n, archive) in archives.iter_mut().enumerate() {
            archive.account = archive.account.as_ref().map(|_| "owner".to_string());
            archive.file = format!("archive {}", n + 1);
        }
    }

    /// A name of a file without the owner's identifiers in it.
    pub fn redact_owner(&self, name: &str) -> String {
        let mut out = name.to_string();
        for token in &self.owner {
            out = replace_ignoring_case(&out, token, "owner");
        }
        out
    }

    /// Renames the conversation folders named after people in coverage's entry names
    /// (entries that become one name add their counts).
    pub fn redact_coverage(&self, coverage: &mut BTreeMap<String, PlatformCoverage>) {
        for platform in coverage.values_mut() {
            let mut redacted = BTreeMap::new();
            for (entry, n) in std::mem::take(&mut platform.rows_per_file) {
                let entry = self.redact_owner(&self.redact_entry(&entry));
                *redacted.entry(entry).or_insert(0) += n;
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

/// The forms the owner's identifiers take in file names: each as given, and a name without
/// its spaces (`Content_..._AdaExample.xlsx`); at least 4 characters, longest first.
fn owner_tokens(owner: &[String]) -> Vec<String> {
    let mut tokens: Vec<String> = Vec::new();
    for id in owner {
        let id = id.trim().trim_start_matches('@');
        // A profile URL's last segment is its handle.
        let last = id.trim_end_matches('/').rsplit('/').next().unwrap_or(id);
        for form in [
            id.to_string(),
            last.to_string(),
            id.replace(' ', ""),
            last.replace(['-', '.'], ""),
        ] {
            if form.chars().count() >= 4 && !tokens.contains(&form) {
                tokens.push(form);
            }
        }
    }
    tokens.sort_by_key(|t| std::cmp::Reverse(t.len()));
    tokens
}

/// `text` with every occurrence of `token`, in any case, replaced.
fn replace_ignoring_case(text: &str, token: &str, with: &str) -> String {
    let lower = text.to_lowercase();
    let needle = token.to_lowercase();
    if needle.is_empty() || lower.len() != text.len() {
        return text.to_string();
    }
    let mut out = String::new();
    let mut at = 0;
    while let Some(found) = lower[at..].find(&needle) {
        out.push_str(&text[at..at + found]);
        out.push_str(with);
        at += found + needle.len();
    }
    out.push_str(&text[at..]);
    out
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

    #[test]
    fn pseudonyms_of_ids_1_to_10000_share_no_prefix_beyond_chance() {
        let p = Pseudonyms::with_key("a key from the archive", |_| None);
        let codes: Vec<String> = (1..=10_000)
            .map(|id| p.code("twitter", &id.to_string()))
            .collect();
        assert!(codes.iter().all(|c| c.len() == CODE_CHARS));
        let mut sorted = codes.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted.len(), codes.len(), "two ids share a pseudonym");
        // Neighbouring ids: their first letters agree about 1 time in 32 (313 of 9,999),
        // not more, and none shares more than a few letters.
        let same_first = codes
            .windows(2)
            .filter(|w| w[0].as_bytes()[0] == w[1].as_bytes()[0])
            .count();
        assert!(
            same_first < 450,
            "{same_first} neighbours share a first letter"
        );
        let common =
            |a: &str, b: &str| a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count();
        let neighbours = codes.windows(2).map(|w| common(&w[0], &w[1])).max();
        assert!(neighbours.unwrap_or(0) <= 4, "{neighbours:?}");
        // Over all pairs, the longest shared prefix is what 10,000 random codes give:
        // about log32(10,000^2 / 2) = 5.1 letters.
        let longest = sorted.windows(2).map(|w| common(&w[0], &w[1])).max();
        assert!(longest.unwrap_or(0) <= 7, "{longest:?}");
    }

    #[test]
    fn the_owners_handle_and_name_leave_file_names() {
        let p = Pseudonyms {
            owner: owner_tokens(&[
                "1000001".to_string(),
                "adalove".to_string(),
                "Ada Example".to_string(),
                "https://www.linkedin.com/in/ada-example".to_string(),
            ]),
            ..Pseudonyms::with_key("k", |_| None)
        };
        assert_eq!(
            p.redact_owner("tweet_activity_metrics_adalove_20230101_20230201_en.csv"),
            "tweet_activity_metrics_owner_20230101_20230201_en.csv"
        );
        assert_eq!(
            p.redact_owner("Content_2024-05-01_2024-07-31_AdaExample.xlsx"),
            "Content_2024-05-01_2024-07-31_owner.xlsx"
        );
        assert_eq!(p.redact_owner("data/tweets.js"), "data/tweets.js");
    }
}
