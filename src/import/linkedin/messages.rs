//! `messages.csv` (2018 `Messages.csv`): three generations of headers, read by name.
//! Bodies are read only to count characters and hash them.

use std::collections::{BTreeMap, BTreeSet};

use super::{dates, people};
use crate::import::conversation::{Conversation, Said};
use crate::import::coverage::RecordProblems;
use crate::import::csv_table::Table;
use crate::import::text::unescape_html;
use crate::model::{InteractionRow, MessageRow, Platform, body_hash, char_count, stable_id};

/// One message as the file gives it.
#[derive(Debug, Clone)]
pub struct Message {
    conversation: Option<String>,
    from_name: Option<String>,
    from: String,
    to: Vec<String>,
    to_names: Vec<String>,
    at: i64,
    /// `Some(true)` when the file says the owner sent it (DIRECTION or FOLDER).
    outgoing: Option<bool>,
    chars: u32,
    hash: Option<u64>,
    line: u64,
}

/// Parses the table.
pub fn parse(text: &str, problems: &mut RecordProblems) -> Result<Vec<Message>, String> {
    let table = Table::parse(text, &["FROM", "DATE"], false)?;
    let mut out = Vec::with_capacity(table.len());
    for row in table.rows() {
        let raw = row.get("DATE").unwrap_or_default();
        let Some(at) = dates::parse(raw) else {
            problems.skip("messages with an unparseable DATE", || {
                format!("record {}: DATE {raw:?}", row.record_number())
            });
            continue;
        };
        let from_name = people::name(row.get("FROM"));
        let from = people::id(row.get("SENDER PROFILE URL"), from_name.as_deref());
        let Some(from) = from else {
            problems.skip("messages without a sender", || {
                format!("record {}", row.record_number())
            });
            continue;
        };
        let to_names: Vec<String> = row
            .get("TO")
            .map(|t| t.split(',').filter_map(|n| people::name(Some(n))).collect())
            .unwrap_or_default();
        let to_urls: Vec<String> = row
            .get("RECIPIENT PROFILE URLS")
            .map(|t| {
                t.split([';', ','])
                    .filter_map(people::normalize_url)
                    .collect()
            })
            .unwrap_or_default();
        let to = if to_urls.is_empty() {
            to_names.clone()
        } else {
            to_urls
        };
        let outgoing = match (row.get("DIRECTION"), row.get("FOLDER")) {
            (Some(d), _) => Some(d.eq_ignore_ascii_case("OUTGOING")),
            (None, Some(f)) if f.eq_ignore_ascii_case("SENT") => Some(true),
            _ => None,
        };
        let body = unescape_html(row.get("CONTENT").unwrap_or_default());
        out.push(Message {
            conversation: row.get("CONVERSATION ID").map(str::to_string),
            from_name,
            from,
            to,
            to_names,
            at,
            outgoing,
            chars: char_count(&body),
            hash: body_hash(&body),
            line: row.record_number(),
        });
    }
    if table.broken_rows.0 > 0 {
        for _ in 0..table.broken_rows.0 {
            problems.skip("rows that are not valid CSV", || {
                table.broken_rows.1.clone().unwrap_or_default()
            });
        }
    }
    Ok(out)
}

/// The owner as the messages show them: the sender of messages marked outgoing, else the
/// person in the most conversations. Returns (id, name).
pub fn owner(messages: &[Message], profile_name: Option<&str>) -> Option<(String, Option<String>)> {
    if let Some(m) = messages.iter().find(|m| m.outgoing == Some(true)) {
        return Some((m.from.clone(), m.from_name.clone()));
    }
    if let Some(name) = profile_name
        && let Some(m) = messages
            .iter()
            .find(|m| m.from_name.as_deref() == Some(name))
    {
        return Some((m.from.clone(), m.from_name.clone()));
    }
    let mut seen: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    for m in messages {
        let key = conversation_key(m);
        for person in std::iter::once(&m.from).chain(m.to.iter()) {
            seen.entry(person.as_str()).or_default().insert(key.clone());
        }
    }
    let best = seen.iter().map(|(p, c)| (c.len(), *p)).max()?;
    let ties = seen.values().filter(|c| c.len() == best.0).count();
    (ties == 1 && best.0 > 1).then(|| (best.1.to_string(), None))
}

fn conversation_key(m: &Message) -> String {
    match &m.conversation {
        Some(c) => c.clone(),
        None => {
            let mut people: Vec<&str> = std::iter::once(m.from.as_str())
                .chain(m.to.iter().map(String::as_str))
                .collect();
            people.sort_unstable();
            people.dedup();
            stable_id(&people)
        }
    }
}

/// Pushes `messages` rows and, for two-person conversations, `interactions` rows.
pub fn convert(
    messages: &[Message],
    owner: Option<&str>,
    owner_name: Option<&str>,
    out: &mut Vec<MessageRow>,
    interactions: &mut Vec<InteractionRow>,
) {
    let mut conversations: BTreeMap<String, Vec<&Message>> = BTreeMap::new();
    for m in messages {
        conversations
            .entry(conversation_key(m))
            .or_default()
            .push(m);
    }
    for (id, mut list) in conversations {
        list.sort_by_key(|m| (m.at, m.line));
        let members: BTreeSet<String> = list
            .iter()
            .flat_map(|m| std::iter::once(&m.from).chain(&m.to))
            .cloned()
            .collect();
        let rows = Conversation::new(Platform::LinkedIn, id, members, false, owner);
        for m in list {
            let from_owner = m.outgoing.unwrap_or(false)
                || owner == Some(m.from.as_str())
                || (owner_name.is_some() && m.from_name.as_deref() == owner_name);
            let said = Said {
                message_id: stable_id(&[
                    rows.id(),
                    &m.from,
                    &m.at.to_string(),
                    &m.line.to_string(),
                ]),
                at: m.at,
                sender: m.from.clone(),
                from_owner,
                chars: m.chars,
                hash: m.hash,
                recipient: None,
                counterpart_name: if from_owner {
                    m.to_names.first().cloned()
                } else {
                    m.from_name.clone()
                },
            };
            rows.emit(said, out, interactions);
        }
    }
}
