//! One person on several platforms: which counterparts of different platforms the archives
//! themselves say are one person. Here, the rule of the same name (DESIGN.md, People): the
//! same full name of two words or more, accents, case and punctuation ignored, that is
//! unique among the people each platform's archive knows. A name that two people share on
//! one platform links no one: it is a likely link, listed for the user to decide.

use std::collections::BTreeMap;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// A name as links compare it: decomposed, without accents, case or punctuation, words
/// single-spaced; `None` under two words (a first name alone says too little).
pub fn comparable_name(name: &str) -> Option<String> {
    let folded: String = name
        .nfkd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    let words: Vec<&str> = folded.split_whitespace().collect();
    (words.len() >= 2).then(|| words.join(" "))
}

/// One account of a person: a counterpart on one platform.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Account {
    /// The platform.
    pub platform: String,
    /// The counterpart id.
    pub counterpart_id: String,
    /// The name the archive gives.
    pub name: String,
}

/// Accounts of several platforms that one name joins.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameLink {
    /// The name as most accounts write it (the first, in platform order).
    pub person: String,
    /// The accounts, one or more per platform.
    pub accounts: Vec<Account>,
    /// Why no link was made, where none was: the platforms where two people or more have
    /// the name.
    pub not_unique_on: Vec<String>,
}

impl NameLink {
    /// Whether the name makes a link: unique on every platform it appears on.
    pub fn linked(&self) -> bool {
        self.not_unique_on.is_empty()
    }
}

/// The links the same name makes, and the likely ones it cannot make, from every named
/// counterpart (platform, id, name): names found on two platforms or more, in the order of
/// their comparable form.
pub fn by_name(named: &[(&str, &str, &str)]) -> Vec<NameLink> {
    let mut groups: BTreeMap<String, Vec<Account>> = BTreeMap::new();
    for (platform, id, name) in named {
        if let Some(key) = comparable_name(name) {
            groups.entry(key).or_default().push(Account {
                platform: platform.to_string(),
                counterpart_id: id.to_string(),
                name: name.trim().to_string(),
            });
        }
    }
    groups
        .into_values()
        .filter_map(|mut accounts| {
            accounts.sort();
            let mut platforms: Vec<&str> = accounts.iter().map(|a| a.platform.as_str()).collect();
            platforms.dedup();
            if platforms.len() < 2 {
                return None;
            }
            let not_unique_on: Vec<String> = platforms
                .iter()
                .filter(|p| accounts.iter().filter(|a| a.platform == **p).count() > 1)
                .map(|p| p.to_string())
                .collect();
            Some(NameLink {
                person: accounts.first()?.name.clone(),
                accounts,
                not_unique_on,
            })
        })
        .collect()
}

/// An account known by its username alone whose username spells a full name that other
/// platforms know: likely the same person, never linked without the user's word (a
/// username is chosen, not given).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UsernameLink {
    /// The account known by username.
    pub account: Account,
    /// The name as the other platforms write it.
    pub person: String,
    /// The accounts of other platforms with that name.
    pub named: Vec<Account>,
}

/// The words a username spells: split at `.`, `_` and `-`, digits dropped; `None` under two
/// words (most usernames spell nothing).
pub fn username_name(username: &str) -> Option<String> {
    let spaced: String = username
        .trim_start_matches('@')
        .chars()
        .map(|c| if matches!(c, '.' | '_' | '-') { ' ' } else { c })
        .filter(|c| !c.is_ascii_digit())
        .collect();
    comparable_name(&spaced)
}

/// The likely links of usernames (`unnamed`: platform, id, username) to the names of
/// `named` accounts (platform, id, name) on other platforms, in the order of the names.
pub fn by_username(
    named: &[(&str, &str, &str)],
    unnamed: &[(&str, &str, &str)],
) -> Vec<UsernameLink> {
    let mut names: BTreeMap<String, Vec<Account>> = BTreeMap::new();
    for (platform, id, name) in named {
        if let Some(key) = comparable_name(name) {
            names.entry(key).or_default().push(Account {
                platform: platform.to_string(),
                counterpart_id: id.to_string(),
                name: name.trim().to_string(),
            });
        }
    }
    let mut out: Vec<(String, UsernameLink)> = Vec::new();
    for (platform, id, username) in unnamed {
        let Some(key) = username_name(username) else {
            continue;
        };
        let Some(accounts) = names.get(&key) else {
            continue;
        };
        let mut others: Vec<Account> = accounts
            .iter()
            .filter(|a| a.platform != *platform)
            .cloned()
            .collect();
        others.sort();
        let Some(first) = others.first() else {
            continue;
        };
        out.push((
            key.clone(),
            UsernameLink {
                person: first.name.clone(),
                account: Account {
                    platform: platform.to_string(),
                    counterpart_id: id.to_string(),
                    name: username.to_string(),
                },
                named: others,
            },
        ));
    }
    out.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.account.cmp(&b.1.account)));
    out.into_iter().map(|(_, link)| link).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_compare_without_accents_case_or_punctuation() {
        assert_eq!(comparable_name("Zoë  Quinn").as_deref(), Some("zoe quinn"));
        assert_eq!(comparable_name("ZOE QUINN").as_deref(), Some("zoe quinn"));
        assert_eq!(
            comparable_name("Renée Roy-Smith").as_deref(),
            Some("renee roy smith")
        );
        assert_eq!(
            comparable_name("Dr. Grace M. Hopper").as_deref(),
            Some("dr grace m hopper")
        );
        assert_eq!(comparable_name("Grace"), None);
        assert_eq!(comparable_name("  "), None);
    }

    #[test]
    fn a_username_that_spells_a_known_name_is_a_likely_link() {
        assert_eq!(
            username_name("grace.hopper").as_deref(),
            Some("grace hopper")
        );
        assert_eq!(username_name("@zoe_quinn99").as_deref(), Some("zoe quinn"));
        assert_eq!(username_name("gracehopper"), None);
        let named = [
            ("twitter", "2001", "Grace Hopper"),
            ("facebook", "Grace Hopper", "Grace Hopper"),
        ];
        let unnamed = [
            ("instagram", "grace.hopper", "grace.hopper"),
            ("instagram", "linus", "linus"),
        ];
        let likely = by_username(&named, &unnamed);
        assert_eq!(likely.len(), 1);
        assert_eq!(likely[0].person, "Grace Hopper");
        assert_eq!(likely[0].account.counterpart_id, "grace.hopper");
        assert_eq!(likely[0].named.len(), 2);
    }

    #[test]
    fn a_name_unique_on_each_platform_links_and_a_shared_one_does_not() {
        let named = [
            ("facebook", "Grace Hopper", "Grace Hopper"),
            ("twitter", "2001", "Grace Hopper"),
            (
                "linkedin",
                "https://www.linkedin.com/in/grace-hopper",
                "Grace  HOPPER",
            ),
            ("facebook", "John Smith", "John Smith"),
            ("facebook", "John Smith 2", "John Smith"),
            ("twitter", "3001", "John Smith"),
            ("twitter", "3002", "Alan Turing"),
            ("instagram", "ada", "Ada"),
            ("twitter", "4001", "Ada"),
        ];
        let links = by_name(&named);
        assert_eq!(links.len(), 2, "{links:?}");
        let grace = &links[0];
        assert!(grace.linked());
        assert_eq!(grace.accounts.len(), 3);
        assert_eq!(grace.person, "Grace Hopper");
        let john = &links[1];
        assert!(!john.linked());
        assert_eq!(john.not_unique_on, ["facebook"]);
    }
}
