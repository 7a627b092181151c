//! Direct messages (`direct-messages.js`, `direct-messages-group.js` and their `-partN`
//! files): conversations of message events, newest first in the file.
//!
//! Bodies are read only to count characters and hash them; they are dropped here.

use std::collections::BTreeSet;

use crate::import::fields::Json;

use crate::import::conversation::{self, Said};
use crate::import::coverage::RecordProblems;
use crate::import::fields;
use crate::import::text::{parse_iso, unescape_html};
use crate::model::{InteractionRow, MessageRow, Platform, body_hash, char_count, stable_id};

/// One message, body already reduced to its length and hash.
#[derive(Debug, Clone)]
pub struct Message {
    id: String,
    sender: String,
    recipient: Option<String>,
    at: i64,
    chars: u32,
    hash: Option<u64>,
}

/// One conversation as the file gives it.
#[derive(Debug, Clone)]
pub struct Conversation {
    /// The conversation id.
    pub id: String,
    /// Whether it came from the group file.
    pub group: bool,
    /// Everyone seen in it: senders, recipients, joiners, the ids in a 1:1 conversation id.
    pub people: BTreeSet<String>,
    messages: Vec<Message>,
}

impl Conversation {
    /// The number of messages read.
    pub fn len(&self) -> usize {
        self.messages.len()
    }

    /// Whether no message was read.
    pub fn is_empty(&self) -> bool {
        self.messages.is_empty()
    }
}

/// Parses one `dmConversation` element.
pub fn parse<J: Json>(
    element: &J,
    group: bool,
    problems: &mut RecordProblems,
) -> Option<Conversation> {
    let conversation = fields::unwrap(element, "dmConversation");
    let Some(id) = fields::text(conversation, "conversationId") else {
        problems.skip("conversations without a conversationId", || {
            "a dmConversation with no conversationId".to_string()
        });
        return None;
    };
    let mut people = BTreeSet::new();
    if !group {
        people.extend(id.split('-').filter(|p| !p.is_empty()).map(str::to_string));
    }
    let mut messages = Vec::new();
    for event in fields::array(conversation, "messages") {
        for key in [
            "joinConversation",
            "participantsJoin",
            "participantsSnapshot",
        ] {
            if let Some(e) = event.field(key) {
                for list in ["participantsSnapshot", "userIds"] {
                    people.extend(
                        fields::array(e, list)
                            .iter()
                            .filter_map(fields::scalar_text),
                    );
                }
                people.extend(fields::id(e, &["initiatingUserId"]));
            }
        }
        let Some(create) = event.field("messageCreate") else {
            continue;
        };
        let Some(sender) = fields::id(create, &["senderId"]) else {
            problems.skip("messages without a senderId", || {
                format!("conversation {id}: a message with no senderId")
            });
            continue;
        };
        let raw_date = fields::text(create, "createdAt").unwrap_or_default();
        let Some(at) = parse_iso(&raw_date) else {
            problems.skip("messages with an unparseable createdAt", || {
                format!("conversation {id}: createdAt {raw_date:?}")
            });
            continue;
        };
        let body = unescape_html(&fields::text(create, "text").unwrap_or_default());
        let recipient = fields::id(create, &["recipientId"]);
        people.insert(sender.clone());
        people.extend(recipient.clone());
        messages.push(Message {
            id: fields::id(create, &["id"])
                .unwrap_or_else(|| stable_id(&[&id, &sender, &raw_date])),
            sender,
            recipient,
            at,
            chars: char_count(&body),
            hash: body_hash(&body),
        });
    }
    messages.sort_by(|a, b| a.at.cmp(&b.at).then_with(|| a.id.cmp(&b.id)));
    Some(Conversation {
        id,
        group,
        people,
        messages,
    })
}

/// The owner's id as the one person in every two-person conversation, when the archive has
/// no account file to say it.
pub fn guess_owner(conversations: &[Conversation]) -> Option<String> {
    conversation::common_member(
        conversations
            .iter()
            .filter(|c| !c.group && c.people.len() == 2)
            .map(|c| &c.people),
    )
}

/// Pushes the `messages` rows of a conversation, and for a two-person conversation one
/// `interactions` row per message.
pub fn convert(
    conversation: &Conversation,
    owner: Option<&str>,
    messages: &mut Vec<MessageRow>,
    interactions: &mut Vec<InteractionRow>,
) {
    let rows = conversation::Conversation::new(
        Platform::Twitter,
        conversation.id.clone(),
        conversation.people.clone(),
        conversation.group,
        owner,
    );
    for m in &conversation.messages {
        let said = Said {
            message_id: m.id.clone(),
            at: m.at,
            sender: m.sender.clone(),
            from_owner: owner == Some(m.sender.as_str()),
            chars: m.chars,
            hash: m.hash,
            recipient: m.recipient.clone(),
            counterpart_name: None,
        };
        rows.emit(said, messages, interactions);
    }
}
