//! Who a counterpart is, as far as the archives know: the best name of each (platform,
//! counterpart id), read once per scope from every interaction and connection of the whole
//! archive (not only the period's), and the link to their profile made from the id.
//!
//! The name is the display name of the latest interaction that gives one, else the one the
//! connection list gives, else `@handle` where a list pairs a handle with the id. The
//! profile link is made from the id by the platform's importer (`Importer::profile_url`):
//! a Twitter user id gives `https://twitter.com/intent/user?user_id=<id>`.

use std::collections::HashMap;

use polars::prelude::*;

use super::columns::{strs, times};
use crate::model::Dataset;

/// What the archives say of one counterpart.
#[derive(Debug, Clone, Default, PartialEq)]
struct Known {
    /// The display name and the time of the interaction that gave it (`i64::MIN` for a
    /// connection list's, which loses to any interaction's).
    name: Option<(i64, String)>,
    /// The handle a connection list pairs with the id.
    handle: Option<String>,
}

/// The names the archives give to the counterparts of one scope.
#[derive(Debug, Clone, Default)]
pub struct People {
    known: HashMap<(String, String), Known>,
}

impl People {
    /// Reads every interaction and connection of `data` (names borrowed from the frames
    /// while reading; one owned copy per counterpart at the end).
    pub fn of(data: &Dataset) -> PolarsResult<People> {
        // (platform, id) -> (latest display name with its time, first handle)
        type Seen<'a> = HashMap<(&'a str, &'a str), (Option<(i64, &'a str)>, Option<&'a str>)>;
        let mut seen: Seen = HashMap::new();
        let frame = &data.interactions;
        let (platform, id) = (strs(frame, "platform")?, strs(frame, "counterpart_id")?);
        let (name, at) = (strs(frame, "counterpart_name")?, times(frame, "at")?);
        for i in 0..frame.height() {
            let (Some(p), Some(c)) = (platform[i], id[i]) else {
                continue;
            };
            // Every counterpart is known, named or not (a people file may name it by id).
            let entry = seen.entry((p, c)).or_default();
            let Some(n) = name[i].map(str::trim).filter(|n| !n.is_empty()) else {
                continue;
            };
            let t = at[i].unwrap_or(i64::MIN + 1);
            if entry.0.is_none_or(|(earlier, _)| t >= earlier) {
                entry.0 = Some((t, n));
            }
        }
        let frame = &data.connections;
        let (platform, id) = (strs(frame, "platform")?, strs(frame, "counterpart_id")?);
        let (name, handle) = (strs(frame, "name")?, strs(frame, "handle")?);
        for i in 0..frame.height() {
            let (Some(p), Some(c)) = (platform[i], id[i]) else {
                continue;
            };
            let entry = seen.entry((p, c)).or_default();
            if let Some(n) = name[i].map(str::trim).filter(|n| !n.is_empty())
                && entry.0.is_none()
            {
                entry.0 = Some((i64::MIN, n));
            }
            if let Some(h) = handle[i].map(|h| h.trim().trim_start_matches('@'))
                && !h.is_empty()
                && entry.1.is_none()
            {
                entry.1 = Some(h);
            }
        }
        let known = seen
            .into_iter()
            .map(|((p, c), (name, handle))| {
                let known = Known {
                    name: name.map(|(t, n)| (t, n.to_string())),
                    handle: handle.map(str::to_string),
                };
                ((p.to_string(), c.to_string()), known)
            })
            .collect();
        Ok(People { known })
    }

    /// The best name of a counterpart: their display name, else `@handle` where a list
    /// pairs one with an id that is not itself the handle; `None` where the archives know
    /// neither.
    pub fn name(&self, platform: &str, id: &str) -> Option<String> {
        let known = self.known.get(&(platform.to_string(), id.to_string()))?;
        if let Some((_, name)) = &known.name {
            return Some(name.clone());
        }
        known
            .handle
            .as_ref()
            .filter(|h| !h.eq_ignore_ascii_case(id.trim_start_matches('@')))
            .map(|h| format!("@{h}"))
    }

    /// Whether the archives know the account.
    pub fn knows(&self, platform: &str, id: &str) -> bool {
        self.known
            .contains_key(&(platform.to_string(), id.to_string()))
    }

    /// Every counterpart with a display name (not a handle): platform, id and name, sorted.
    pub fn display_names(&self) -> Vec<(&str, &str, &str)> {
        let mut list: Vec<(&str, &str, &str)> = self
            .known
            .iter()
            .filter_map(|((p, c), k)| Some((p.as_str(), c.as_str(), k.name.as_ref()?.1.as_str())))
            .collect();
        list.sort_unstable();
        list
    }

    /// Adds what another archive says: the later display name wins, the first handle stays.
    pub fn absorb(&mut self, other: People) {
        for (key, known) in other.known {
            let entry = self.known.entry(key).or_default();
            if let Some((t, name)) = known.name
                && entry.name.as_ref().is_none_or(|(seen, _)| t >= *seen)
            {
                entry.name = Some((t, name));
            }
            if entry.handle.is_none() {
                entry.handle = known.handle;
            }
        }
    }

    /// Every counterpart the archives know (of every interaction and connection): platform,
    /// id, display name and handle.
    pub fn accounts(&self) -> impl Iterator<Item = (&str, &str, Option<&str>, Option<&str>)> {
        self.known.iter().map(|((p, c), k)| {
            (
                p.as_str(),
                c.as_str(),
                k.name.as_ref().map(|(_, n)| n.as_str()),
                k.handle.as_deref(),
            )
        })
    }

    /// The name of a counterpart where the archives give one, else `fallback` (a name the
    /// caller already read).
    pub fn name_or(&self, platform: &str, id: &str, fallback: Option<String>) -> Option<String> {
        self.name(platform, id).or(fallback)
    }
}

/// How a person is shown where the archives give no name: the id where it says who they
/// are (a handle, a username, a profile address), else `user <id>` for a bare number.
pub fn label(name: Option<&str>, id: &str) -> String {
    if let Some(name) = name.map(str::trim).filter(|n| !n.is_empty()) {
        return name.to_string();
    }
    if !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()) {
        format!("user {id}")
    } else {
        id.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bare_number_is_never_shown_alone() {
        assert_eq!(label(None, "602"), "user 602");
        assert_eq!(label(Some(" "), "602"), "user 602");
        assert_eq!(label(Some("Grace Hopper"), "2001"), "Grace Hopper");
        assert_eq!(label(None, "bob@other.example"), "bob@other.example");
    }
}
