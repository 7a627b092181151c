//! Meta's message threads, shared by Facebook and Instagram:
//! `messages/<folder>/<thread>/message_N.json` of the JSON exports (newest first, split in
//! parts, mojibake everywhere) and the camelCase threads of Facebook's separate
//! end-to-end-encrypted Messenger export, merged with the export's threads of the same people.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use serde_json::Value;

use crate::import::conversation::{self, Conversation, Said};
use crate::import::coverage::RecordProblems;
use crate::import::fields;
use crate::model::{InteractionRow, MessageRow, Platform, body_hash, char_count, stable_id};

/// Meta's strings, repaired for mojibake as they are read.
pub mod text {
    use serde_json::Value;

    use crate::import::{fields, mojibake};

    /// A repaired string.
    pub fn repair(text: &str) -> String {
        mojibake::repaired(text)
    }

    /// A text field, repaired; `None` when missing or empty.
    pub fn field(record: &Value, key: &str) -> Option<String> {
        fields::text(record, key).map(|t| repair(&t))
    }
}

/// One message, its body reduced to length and hash.
#[derive(Debug, Clone)]
pub struct Message {
    sender: String,
    at: i64,
    chars: u32,
    hash: Option<u64>,
}

/// One part of a thread (one `message_N.json`, or one end-to-end-encrypted thread file).
#[derive(Debug, Clone)]
pub struct ThreadPart {
    /// The thread's folder (`inbox/gracehopper_10158`) or file name for the E2EE export.
    pub key: String,
    /// Participants as listed (owner included).
    pub participants: BTreeSet<String>,
    /// Whether Facebook marks it a group.
    pub group: bool,
    /// Whether it comes from the E2EE export.
    pub e2ee: bool,
    messages: Vec<Message>,
    /// Unsent messages left out.
    pub unsent: u64,
    /// Instagram's reactions written as messages ("Liked a message"), left out.
    pub reactions: u64,
}

impl ThreadPart {
    /// Messages read from this part.
    pub fn len(&self) -> usize {
        self.messages.len()
    }

    /// Whether no message was read.
    pub fn is_empty(&self) -> bool {
        self.messages.is_empty()
    }
}

/// Instagram's texts that stand for a reaction, not a message: left out.
fn is_reaction_text(body: &str) -> bool {
    body == "Liked a message"
        || (body.starts_with("Reacted ") && body.trim_end().ends_with(" to your message"))
}

/// Instagram's texts that stand for an attachment: a message with no words.
fn is_attachment_text(body: &str) -> bool {
    body.ends_with(" sent an attachment.")
}

/// Parses a `message_N.json` (snake_case) or an E2EE thread (camelCase). With
/// `pseudo_texts` (Instagram's threads), texts that stand for something else are read as
/// what they stand for: a reaction is no message, an attachment a message with no words.
pub fn parse(
    pseudo_texts: bool,
    value: &Value,
    key: &str,
    problems: &mut RecordProblems,
) -> Result<ThreadPart, String> {
    let e2ee = value.get("threadName").is_some()
        || value
            .get("messages")
            .and_then(|m| m.get(0))
            .is_some_and(|m| m.get("senderName").is_some());
    if !value.is_object() || value.get("messages").is_none() {
        return Err("not a message thread: no `messages` list".into());
    }
    let participants: BTreeSet<String> = fields::array(value, "participants")
        .iter()
        .filter_map(|p| match p {
            Value::String(s) => Some(text::repair(s)),
            other => text::field(other, "name"),
        })
        .collect();
    let group = fields::text(value, "thread_type").is_some_and(|t| t == "RegularGroup");
    let mut part = ThreadPart {
        key: key.to_string(),
        participants,
        group,
        e2ee,
        messages: Vec::new(),
        unsent: 0,
        reactions: 0,
    };
    for m in fields::array(value, "messages") {
        let unsent = m
            .get("is_unsent")
            .or_else(|| m.get("isUnsent"))
            .and_then(Value::as_bool)
            == Some(true);
        if unsent {
            part.unsent += 1;
            continue;
        }
        let Some(sender) = text::field(m, "sender_name").or_else(|| text::field(m, "senderName"))
        else {
            problems.skip("messages without a sender", || {
                format!("thread {key}: a message with no sender_name")
            });
            continue;
        };
        let at = match fields::count(m, "timestamp_ms").ok().flatten() {
            Some(ms) => crate::import::text::from_millis(ms),
            None => fields::count(m, "timestamp").ok().flatten().and_then(|t| {
                // E2EE threads give ms in `timestamp`; exports before mid-2018 gave seconds.
                if t < 100_000_000_000 {
                    crate::import::text::from_seconds(t)
                } else {
                    crate::import::text::from_millis(t)
                }
            }),
        };
        let Some(at) = at else {
            problems.skip("messages without a timestamp", || {
                format!("thread {key}: a message from {sender} with no timestamp_ms")
            });
            continue;
        };
        let mut body = text::field(m, "content")
            .or_else(|| text::field(m, "text"))
            .unwrap_or_default();
        if pseudo_texts {
            if is_reaction_text(&body) {
                part.reactions += 1;
                continue;
            }
            if is_attachment_text(&body) {
                body.clear();
            }
        }
        part.messages.push(Message {
            sender,
            at,
            chars: char_count(&body),
            hash: body_hash(&body),
        });
    }
    Ok(part)
}

/// Which segment of an entry's name names the other person of a thread: the folder of
/// `messages/<inbox or another box>/<name>_<id>/message_1.json`.
pub fn person_segment(entry: &str) -> Option<usize> {
    let parts: Vec<&str> = entry.split('/').collect();
    let at = parts.iter().position(|p| *p == "messages")?;
    (at + 3 < parts.len()).then_some(at + 2)
}

/// The owner's name as the one participant of every thread, when no profile says it.
pub fn guess_owner(parts: &[ThreadPart]) -> Option<String> {
    conversation::common_member(
        parts
            .iter()
            .filter(|p| !p.participants.is_empty())
            .map(|p| &p.participants),
    )
}

/// Merges the parts of each thread, joins E2EE threads to the export's thread of the same
/// people, and pushes the rows. Returns how many E2EE messages were already in the export.
pub fn convert(
    platform: Platform,
    parts: Vec<ThreadPart>,
    owner: Option<&str>,
    messages: &mut Vec<MessageRow>,
    interactions: &mut Vec<InteractionRow>,
) -> u64 {
    struct Thread {
        participants: BTreeSet<String>,
        group: bool,
        messages: Vec<Message>,
    }
    let mut threads: BTreeMap<String, Thread> = BTreeMap::new();
    let mut e2ee = Vec::new();
    for part in parts {
        if part.e2ee {
            e2ee.push(part);
            continue;
        }
        let t = threads.entry(part.key.clone()).or_insert_with(|| Thread {
            participants: BTreeSet::new(),
            group: false,
            messages: Vec::new(),
        });
        t.participants.extend(part.participants);
        t.group |= part.group;
        t.messages.extend(part.messages);
    }
    let mut duplicates = 0;
    for part in e2ee {
        let people = |p: &BTreeSet<String>| {
            let mut p = p.clone();
            if let Some(o) = owner {
                p.insert(o.to_string());
            }
            p
        };
        let wanted = people(&part.participants);
        let key = threads
            .iter()
            .find(|(_, t)| people(&t.participants) == wanted)
            .map(|(k, _)| k.clone())
            .unwrap_or_else(|| format!("e2ee/{}", part.key));
        let t = threads.entry(key).or_insert_with(|| Thread {
            participants: part.participants.clone(),
            group: part.participants.len() > 2,
            messages: Vec::new(),
        });
        let known: HashSet<(String, i64, Option<u64>)> = t
            .messages
            .iter()
            .map(|m| (m.sender.clone(), m.at, m.hash))
            .collect();
        for m in part.messages {
            if known.contains(&(m.sender.clone(), m.at, m.hash)) {
                duplicates += 1;
            } else {
                t.messages.push(m);
            }
        }
    }
    for (id, mut t) in threads {
        t.messages
            .sort_by(|a, b| a.at.cmp(&b.at).then_with(|| a.sender.cmp(&b.sender)));
        let mut members = t.participants;
        members.extend(t.messages.iter().map(|m| m.sender.clone()));
        let rows = Conversation::new(platform, id, members, t.group, owner).names_are_ids();
        for (i, m) in t.messages.into_iter().enumerate() {
            let said = Said {
                message_id: stable_id(&[rows.id(), &m.sender, &m.at.to_string(), &i.to_string()]),
                at: m.at,
                from_owner: owner == Some(m.sender.as_str()),
                sender: m.sender,
                chars: m.chars,
                hash: m.hash,
                recipient: None,
                counterpart_name: None,
            };
            rows.emit(said, messages, interactions);
        }
    }
    duplicates
}
