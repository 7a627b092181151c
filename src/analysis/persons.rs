//! Which accounts of different platforms are one person in the overall scope (DESIGN.md,
//! People): linked by the archives (the same full name, unique on each platform: see
//! [`super::linking`]) unless `--no-link`, and by the user's people file, which also
//! overrides: an account the file names belongs to the person of its row and to no
//! automatic link, so a row that lists one account alone splits it off.
//!
//! A linked person is counted under one key, the account of the first platform in registry
//! order (then the smallest id): [`Persons::key`] maps every account to it. A platform
//! scope never merges, so its analyses see [`Persons::default`], where every account is
//! its own person.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use super::linking::{self, comparable_name};
use super::people::People;
use super::people_file::PeopleFile;
use crate::model::people_table::PersonRow;

/// An account: (platform, counterpart id).
pub type AccountKey = (String, String);

/// One account of a person in a list, with its profile's address (null under `--redact`).
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct PersonAccount {
    /// The platform.
    pub platform: String,
    /// The counterpart id there.
    pub counterpart_id: String,
    /// Their profile's address, where the platform's importer can make one.
    pub profile_url: Option<String>,
}

/// Why accounts are one person.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Evidence {
    /// The same full name, unique on each platform.
    SameName,
    /// A row of the user's people file.
    PeopleFile,
}

impl Evidence {
    /// The evidence as summary.json and the people table write it.
    pub fn key(self) -> &'static str {
        match self {
            Evidence::SameName => "same_name",
            Evidence::PeopleFile => "people_file",
        }
    }

    /// The evidence in words, as the report and `rapport people` write it.
    pub fn words(self) -> &'static str {
        match self {
            Evidence::SameName => "same name",
            Evidence::PeopleFile => "people file",
        }
    }
}

/// Accounts of several platforms that are one person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// The person's name: the people file's, else the name the accounts share.
    pub person: String,
    /// The accounts, in registry order of their platforms, then by id; the first is the
    /// key the person is counted under.
    pub accounts: Vec<AccountKey>,
    /// Why.
    pub evidence: Evidence,
}

/// The links of a run.
#[derive(Debug, Clone, Default)]
pub struct Persons {
    links: Vec<Link>,
    of: HashMap<AccountKey, usize>,
    /// The names a people file gives to accounts it splits off (a row of one account).
    named: HashMap<AccountKey, String>,
}

/// The rank of a platform in registry order (unknown ones last).
fn rank(platform: &str) -> usize {
    crate::import::platforms()
        .position(|p| p.as_str() == platform)
        .unwrap_or(usize::MAX)
}

/// Finds the account a people file's cell names on one platform.
struct Directory<'a> {
    /// (platform, id) as the archives write it.
    exact: std::collections::HashSet<(&'a str, &'a str)>,
    /// (platform, id folded as [`fold_id`]) -> ids.
    ids: HashMap<(&'a str, String), Vec<&'a str>>,
    /// (platform, lowercased handle or name) -> ids.
    names: HashMap<(&'a str, String), Vec<&'a str>>,
}

impl<'a> Directory<'a> {
    fn of(people: &'a People) -> Directory<'a> {
        let mut exact = std::collections::HashSet::new();
        let mut ids: HashMap<(&str, String), Vec<&str>> = HashMap::new();
        let mut names: HashMap<(&str, String), Vec<&str>> = HashMap::new();
        for (platform, id, name, handle) in people.accounts() {
            exact.insert((platform, id));
            ids.entry((platform, fold_id(id))).or_default().push(id);
            let mut forms = Vec::new();
            if let Some(name) = name {
                forms.push(name.trim().to_lowercase());
                forms.extend(comparable_name(name));
            }
            if let Some(handle) = handle {
                forms.push(handle.trim_start_matches('@').to_lowercase());
            }
            if id.starts_with('@') {
                forms.push(id.trim_start_matches('@').to_lowercase());
            }
            forms.sort();
            forms.dedup();
            for form in forms {
                names.entry((platform, form)).or_default().push(id);
            }
        }
        for list in names.values_mut().chain(ids.values_mut()) {
            list.sort_unstable();
            list.dedup();
        }
        Directory { exact, ids, names }
    }

    /// The id a cell names: the id itself, the id with case, spacing, a trailing `/` or a
    /// query ignored, a handle, the name the report shows, or `user <id>`; the text itself
    /// when the archives know no such account (someone absent from these archives); the
    /// candidates when a name or handle fits several.
    fn resolve(&self, platform: &'a str, text: &str) -> Result<String, Vec<&'a str>> {
        let text = text.trim();
        if self.exact.contains(&(platform, text)) {
            return Ok(text.to_string());
        }
        let bare = text.trim_start_matches('@');
        let number = bare.strip_prefix("user ").unwrap_or(bare);
        let mut several: Vec<&str> = Vec::new();
        let candidates = [
            self.ids.get(&(platform, fold_id(text))),
            self.ids.get(&(platform, fold_id(number))),
            self.names.get(&(platform, bare.to_lowercase())),
            comparable_name(bare).and_then(|form| self.names.get(&(platform, form))),
        ];
        for found in candidates.into_iter().flatten() {
            match found.as_slice() {
                [one] => return Ok(one.to_string()),
                more if more.len() > several.len() => several = more.to_vec(),
                _ => {}
            }
        }
        if several.is_empty() {
            Ok(text.to_string())
        } else {
            Err(several)
        }
    }
}

/// An id as links compare it: without case, runs of spaces, a trailing `/` or a query.
fn fold_id(id: &str) -> String {
    let id = id.trim();
    let id = id.split('?').next().unwrap_or(id).trim_end_matches('/');
    id.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

impl Persons {
    /// The links of a run: by name from `people` unless `automatic` is false, then the
    /// links `stored` with the datasets read (of `rapport import`; their same-name links
    /// only when `automatic`), then the people file's rows over them all. Every problem of
    /// the file is one line naming its row.
    pub fn build(
        people: &People,
        file: Option<&PeopleFile>,
        automatic: bool,
        stored: &[Link],
    ) -> Result<Persons, Vec<String>> {
        let from_file = match file {
            Some(file) => rows_of(file, people)?,
            None => Vec::new(),
        };
        // Each account belongs to the first link that claims it: the file's, then the
        // stored ones, then the archives' own.
        let mut claimed: std::collections::HashSet<AccountKey> = from_file
            .iter()
            .flat_map(|l| l.accounts.iter().cloned())
            .collect();
        // The archives' own links, once.
        let name_links: Vec<Link> = if automatic {
            linking::by_name(&people.display_names())
                .into_iter()
                .filter(|l| l.linked())
                .map(|l| Link {
                    person: l.person,
                    accounts: l
                        .accounts
                        .into_iter()
                        .map(|a| (a.platform, a.counterpart_id))
                        .collect(),
                    evidence: Evidence::SameName,
                })
                .collect()
        } else {
            Vec::new()
        };
        let mut links: Vec<Link> = Vec::new();
        let mut claim = |mut link: Link, links: &mut Vec<Link>| {
            link.accounts.retain(|a| !claimed.contains(a));
            claimed.extend(link.accounts.iter().cloned());
            links.push(link);
        };
        for link in stored {
            if automatic || link.evidence != Evidence::SameName {
                claim(link.clone(), &mut links);
            }
        }
        for link in &name_links {
            claim(link.clone(), &mut links);
        }
        let named: HashMap<AccountKey, String> = from_file
            .iter()
            .filter(|l| l.accounts.len() == 1 && !l.person.is_empty())
            .filter_map(|l| Some((l.accounts.first()?.clone(), l.person.clone())))
            .collect();
        // A row that only repeats what the archives say (a file `rapport people` wrote,
        // passed back) keeps their evidence.
        let by_name: std::collections::HashSet<Vec<AccountKey>> = name_links
            .into_iter()
            .map(|l| {
                let mut keys = l.accounts;
                keys.sort();
                keys
            })
            .collect();
        links.extend(from_file.into_iter().map(|mut link| {
            let mut keys = link.accounts.clone();
            keys.sort();
            if by_name.contains(&keys) {
                link.evidence = Evidence::SameName;
            }
            link
        }));
        let mut persons = Persons::of_links(links);
        persons.named = named;
        Ok(persons)
    }

    /// The links as the rows of a dataset's people table, persons numbered from 1.
    pub fn rows(&self) -> Vec<PersonRow> {
        let mut rows = Vec::new();
        for (n, link) in self.links.iter().enumerate() {
            for (platform, id) in &link.accounts {
                rows.push(PersonRow {
                    person_id: n as u32 + 1,
                    person: link.person.clone(),
                    platform: platform.clone(),
                    counterpart_id: id.clone(),
                    evidence: link.evidence.key().to_string(),
                });
            }
        }
        rows
    }

    /// The links a dataset's people table holds (rows of an unknown evidence are read as
    /// the user's word).
    pub fn links_of_rows(rows: &[PersonRow]) -> Vec<Link> {
        let mut by_person: BTreeMap<u32, Link> = BTreeMap::new();
        for row in rows {
            let link = by_person.entry(row.person_id).or_insert_with(|| Link {
                person: row.person.clone(),
                accounts: Vec::new(),
                evidence: if row.evidence == Evidence::SameName.key() {
                    Evidence::SameName
                } else {
                    Evidence::PeopleFile
                },
            });
            link.accounts
                .push((row.platform.clone(), row.counterpart_id.clone()));
        }
        by_person.into_values().collect()
    }

    /// The name the people file gives to an account it splits off.
    pub fn named(&self, platform: &str, id: &str) -> Option<&str> {
        self.named
            .get(&(platform.to_string(), id.to_string()))
            .map(String::as_str)
    }

    /// Persons from links; a link left with fewer than two accounts links no one.
    pub fn of_links(links: Vec<Link>) -> Persons {
        let mut kept: Vec<Link> = links
            .into_iter()
            .filter(|l| l.accounts.len() >= 2)
            .map(|mut l| {
                l.accounts
                    .sort_by(|a, b| rank(&a.0).cmp(&rank(&b.0)).then_with(|| a.1.cmp(&b.1)));
                l.accounts.dedup();
                l
            })
            .collect();
        kept.sort_by(|a, b| {
            a.person
                .to_lowercase()
                .cmp(&b.person.to_lowercase())
                .then_with(|| a.accounts.cmp(&b.accounts))
        });
        let mut of = HashMap::new();
        for (i, link) in kept.iter().enumerate() {
            for account in &link.accounts {
                of.insert(account.clone(), i);
            }
        }
        Persons {
            links: kept,
            of,
            named: HashMap::new(),
        }
    }

    /// Every link, in the order of the persons' names.
    pub fn links(&self) -> &[Link] {
        &self.links
    }

    /// Whether no account is linked.
    pub fn is_empty(&self) -> bool {
        self.links.is_empty()
    }

    /// The link an account is part of.
    pub fn link_of(&self, platform: &str, id: &str) -> Option<&Link> {
        self.of
            .get(&(platform.to_string(), id.to_string()))
            .and_then(|i| self.links.get(*i))
    }

    /// The key the account is counted under: its person's first account, else itself.
    pub fn key<'a>(&'a self, platform: &'a str, id: &'a str) -> (&'a str, &'a str) {
        if self.of.is_empty() {
            return (platform, id);
        }
        match self.link_of(platform, id).and_then(|l| l.accounts.first()) {
            Some((p, c)) => (p.as_str(), c.as_str()),
            None => (platform, id),
        }
    }

    /// [`Persons::key`], owned.
    pub fn key_owned(&self, platform: &str, id: &str) -> AccountKey {
        let (p, c) = self.key(platform, id);
        (p.to_string(), c.to_string())
    }

    /// Links per evidence.
    pub fn by_evidence(&self) -> BTreeMap<Evidence, usize> {
        let mut out = BTreeMap::new();
        for link in &self.links {
            *out.entry(link.evidence).or_default() += 1;
        }
        out
    }
}

/// The people file's rows as links (a row of one account included: it splits that account
/// off any automatic link), each cell resolved against the archives.
pub fn rows_of(file: &PeopleFile, people: &People) -> Result<Vec<Link>, Vec<String>> {
    let directory = Directory::of(people);
    let label = file.label();
    let mut errors = Vec::new();
    let mut seen: HashMap<AccountKey, u64> = HashMap::new();
    let mut links = Vec::new();
    for row in &file.rows {
        let mut accounts = Vec::new();
        for (platform, text) in &row.accounts {
            let platform = crate::import::platforms()
                .map(|p| p.as_str())
                .find(|p| p == platform)
                .unwrap_or("");
            match directory.resolve(platform, text) {
                Ok(id) => {
                    let key = (platform.to_string(), id);
                    if let Some(first) = seen.get(&key) {
                        if *first != row.line {
                            errors.push(format!(
                                "{label}: line {}: the {platform} account '{}' is also in line \
                                 {first}: an account belongs to one person",
                                row.line,
                                crate::error::one_line(text)
                            ));
                        }
                    } else {
                        seen.insert(key.clone(), row.line);
                    }
                    accounts.push(key);
                }
                Err(several) => errors.push(format!(
                    "{label}: line {}: '{}' names {} {platform} accounts ({}): write the id of \
                     the one you mean",
                    row.line,
                    crate::error::one_line(text),
                    several.len(),
                    several.join(", ")
                )),
            }
        }
        let person = if row.person.is_empty() {
            accounts
                .first()
                .and_then(|(p, c)| people.name(p, c))
                .unwrap_or_default()
        } else {
            row.person.clone()
        };
        links.push(Link {
            person,
            accounts,
            evidence: Evidence::PeopleFile,
        });
    }
    if errors.is_empty() {
        Ok(links)
    } else {
        Err(errors)
    }
}

/// How a run links accounts into persons (`--people`, `--no-link`).
#[derive(Debug, Clone)]
pub struct Linking {
    /// Whether the archives' own evidence links (off with `--no-link`).
    pub automatic: bool,
    /// The user's people file.
    pub file: Option<PeopleFile>,
}

impl Default for Linking {
    /// Automatic links, no people file.
    fn default() -> Linking {
        Linking {
            automatic: true,
            file: None,
        }
    }
}

/// One account of a link as summary.json lists it.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct LinkedAccount {
    /// The platform.
    pub platform: String,
    /// The counterpart id there.
    pub counterpart_id: String,
}

/// One link as summary.json lists it.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct LinkEntry {
    /// The person's name (a pseudonym under `--redact`).
    pub person: String,
    /// Why the accounts are one person.
    pub evidence: Evidence,
    /// The accounts, in registry order of their platforms; the first is the one the
    /// person's figures are listed under.
    pub accounts: Vec<LinkedAccount>,
}

/// summary.json's `people`: who the counterparts are once accounts are linked.
#[derive(Debug, Clone, Default, PartialEq, Serialize, schemars::JsonSchema)]
pub struct PeopleSummary {
    /// Counterparts the archives know (every account of every interaction and connection),
    /// the accounts linked into one person counted once.
    pub persons: usize,
    /// Persons with two accounts or more.
    pub linked_persons: usize,
    /// Accounts in those persons.
    pub linked_accounts: usize,
    /// Whether the archives' own evidence was used (false with `--no-link`).
    pub automatic_links: bool,
    /// The people file's name, where one was given.
    pub people_file: Option<String>,
    /// Linked persons per evidence.
    pub links_by_evidence: BTreeMap<Evidence, usize>,
    /// Every linked person.
    pub links: Vec<LinkEntry>,
}

impl PeopleSummary {
    /// The summary of `persons` among the accounts of `people`.
    pub fn of(persons: &Persons, people: &People, linking: &Linking) -> PeopleSummary {
        let linked_accounts: usize = persons.links.iter().map(|l| l.accounts.len()).sum();
        // A people file may name accounts these archives do not hold.
        let absent = persons
            .links
            .iter()
            .flat_map(|l| &l.accounts)
            .filter(|(p, c)| !people.knows(p, c))
            .count();
        let known = people.accounts().count() + absent;
        PeopleSummary {
            persons: known.saturating_sub(linked_accounts) + persons.links.len(),
            linked_persons: persons.links.len(),
            linked_accounts,
            automatic_links: linking.automatic,
            people_file: linking.file.as_ref().map(|f| {
                f.path
                    .file_name()
                    .map_or_else(|| f.label(), |n| n.to_string_lossy().into_owned())
            }),
            links_by_evidence: persons.by_evidence(),
            links: persons
                .links
                .iter()
                .map(|l| LinkEntry {
                    person: l.person.clone(),
                    evidence: l.evidence,
                    accounts: l
                        .accounts
                        .iter()
                        .map(|(platform, id)| LinkedAccount {
                            platform: platform.clone(),
                            counterpart_id: id.clone(),
                        })
                        .collect(),
                })
                .collect(),
        }
    }

    /// Every name and id replaced by the person's pseudonym (`--redact`).
    pub fn redact(&mut self, pseudonym: super::Pseudonym) {
        for link in &mut self.links {
            if let Some(first) = link.accounts.first() {
                link.person = pseudonym(&first.platform, &first.counterpart_id);
            }
            for a in &mut link.accounts {
                a.counterpart_id = pseudonym(&a.platform, &a.counterpart_id);
            }
        }
    }
}

/// The platforms of a person's accounts as a list shows them (`twitter, linkedin`), in
/// registry order; `fallback` when no account is listed.
pub fn platforms_text(accounts: &[PersonAccount], fallback: &str) -> String {
    let mut names: Vec<&str> = Vec::new();
    for a in accounts {
        if !names.contains(&a.platform.as_str()) {
            names.push(&a.platform);
        }
    }
    if names.is_empty() {
        fallback.to_string()
    } else {
        names.join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn account(platform: &str, id: &str) -> AccountKey {
        (platform.to_string(), id.to_string())
    }

    #[test]
    fn a_person_is_counted_under_the_account_of_the_first_platform() {
        let persons = Persons::of_links(vec![
            Link {
                person: "Grace Hopper".into(),
                accounts: vec![
                    account("facebook", "Grace Hopper"),
                    account("twitter", "2001"),
                    account("linkedin", "https://www.linkedin.com/in/grace-hopper"),
                ],
                evidence: Evidence::SameName,
            },
            Link {
                person: "Alone".into(),
                accounts: vec![account("twitter", "9")],
                evidence: Evidence::PeopleFile,
            },
        ]);
        assert_eq!(
            persons.links().len(),
            1,
            "a link of one account links no one"
        );
        assert_eq!(persons.key("facebook", "Grace Hopper"), ("twitter", "2001"));
        assert_eq!(
            persons.key("linkedin", "https://www.linkedin.com/in/grace-hopper"),
            ("twitter", "2001")
        );
        assert_eq!(persons.key("twitter", "9"), ("twitter", "9"));
        let platforms: Vec<&str> = persons.links()[0]
            .accounts
            .iter()
            .map(|a| a.0.as_str())
            .collect();
        assert_eq!(platforms, ["twitter", "linkedin", "facebook"]);
        assert_eq!(
            persons.by_evidence(),
            BTreeMap::from([(Evidence::SameName, 1)])
        );
    }

    #[test]
    fn ids_compare_without_case_spacing_slash_or_query() {
        assert_eq!(
            fold_id(" https://www.linkedin.com/in/Grace-Hopper/?trk=x "),
            "https://www.linkedin.com/in/grace-hopper"
        );
        assert_eq!(fold_id("GRACE  HOPPER"), "grace hopper");
    }
}
