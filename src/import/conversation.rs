//! One conversation's messages to rows, for every messaging importer: a `messages` row per
//! message and, in a two-person conversation whose owner is known, an `interactions` row
//! per message (docs/dataset.md: interactions).

use std::collections::BTreeSet;

use crate::model::{InteractionRow, MessageRow, Platform};

/// A conversation about to become rows: who is in it, and whether it has one counterpart.
#[derive(Debug)]
pub struct Conversation<'o> {
    platform: Platform,
    id: String,
    owner: Option<&'o str>,
    participants: u32,
    /// Whether each message is also an interaction (two people, owner known, no group).
    two_person: bool,
    /// The member who is not the owner, in a two-person conversation.
    other: Option<String>,
    /// Whether the platform names people by display name (Facebook, Instagram), so that a
    /// counterpart's name is its id.
    names_are_ids: bool,
}

/// One message, its body already reduced to a length and a hash.
#[derive(Debug, Clone)]
pub struct Said {
    /// The platform's id, or a stable hash.
    pub message_id: String,
    /// When it was sent (ms, UTC).
    pub at: i64,
    /// Its sender's id.
    pub sender: String,
    /// Whether the owner sent it.
    pub from_owner: bool,
    /// Characters of the body.
    pub chars: u32,
    /// The body's hash.
    pub hash: Option<u64>,
    /// Who the owner wrote to, where the message says it (Twitter's recipient); else the
    /// conversation's other member.
    pub recipient: Option<String>,
    /// The counterpart's display name where the message gives it (LinkedIn).
    pub counterpart_name: Option<String>,
}

impl<'o> Conversation<'o> {
    /// A conversation of `members` (the owner may be missing from them: it is added).
    /// `group` says the platform marks it a group, whatever its size.
    pub fn new(
        platform: Platform,
        id: String,
        mut members: BTreeSet<String>,
        group: bool,
        owner: Option<&'o str>,
    ) -> Self {
        if let Some(owner) = owner {
            members.insert(owner.to_string());
        }
        let participants = u32::try_from(members.len().max(2)).unwrap_or(u32::MAX);
        let other = owner.and_then(|o| members.into_iter().find(|p| p != o));
        Conversation {
            platform,
            id,
            owner,
            participants,
            two_person: !group && participants == 2 && owner.is_some(),
            other,
            names_are_ids: false,
        }
    }

    /// Marks the platform as naming people by display name: a counterpart's name is its id.
    pub fn names_are_ids(mut self) -> Self {
        self.names_are_ids = true;
        self
    }

    /// The conversation's id.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// Pushes the rows of one message.
    pub fn emit(
        &self,
        said: Said,
        messages: &mut Vec<MessageRow>,
        interactions: &mut Vec<InteractionRow>,
    ) {
        if self.two_person {
            let counterpart = if said.from_owner {
                said.recipient
                    .filter(|r| Some(r.as_str()) != self.owner)
                    .or_else(|| self.other.clone())
            } else {
                Some(said.sender.clone())
            };
            let name = if self.names_are_ids {
                counterpart.clone()
            } else {
                said.counterpart_name
            };
            interactions.push(InteractionRow::message(
                self.platform,
                said.at,
                said.from_owner,
                counterpart,
                name,
            ));
        }
        messages.push(MessageRow {
            platform: self.platform,
            conversation_id: self.id.clone(),
            message_id: said.message_id,
            at: said.at,
            sender_id: said.sender,
            from_owner: said.from_owner,
            participants: self.participants,
            text_chars: said.chars,
            body_hash: said.hash,
        });
    }
}

/// The one person present in every one of `groups` (the owner, when no profile says it);
/// `None` when no group is given or when more or fewer than one person is in all.
pub fn common_member<'a>(groups: impl IntoIterator<Item = &'a BTreeSet<String>>) -> Option<String> {
    let mut common: Option<BTreeSet<String>> = None;
    for group in groups {
        common = Some(match common {
            None => group.clone(),
            Some(set) => set.intersection(group).cloned().collect(),
        });
    }
    let common = common?;
    (common.len() == 1)
        .then(|| common.into_iter().next())
        .flatten()
}
