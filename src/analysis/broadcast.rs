//! Broadcasting: a message body (by its hash) that the owner sent into 5 or more
//! conversations, group ones included; the share of the owner's messages with text that
//! are such broadcasts.

use std::collections::{HashMap, HashSet};

use polars::prelude::*;
use serde::Serialize;

use super::columns::{bools, strs, u64s};
use super::stats::share;
use super::{Figure, Figures, Scope};

/// Conversations a body must reach to be a broadcast.
pub const BROADCAST_CONVERSATIONS: usize = 5;

/// The `broadcast` figures.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Broadcast {
    /// Messages the owner sent in the period.
    pub owner_messages: usize,
    /// Those with text (a body hash).
    pub owner_messages_with_text: usize,
    /// Those whose body went into 5 or more conversations.
    pub broadcast_messages: usize,
    /// Distinct bodies that went into 5 or more conversations.
    pub broadcast_bodies: usize,
    /// broadcast_messages / owner_messages_with_text.
    pub broadcast_share: Figure<f64>,
}

impl super::Outcome for Broadcast {}

/// Runs the analysis.
pub fn run(scope: &Scope) -> PolarsResult<Figures> {
    let frame = &scope.within.messages;
    let platform = strs(frame, "platform")?;
    let conversation = strs(frame, "conversation_id")?;
    let from_owner = bools(frame, "from_owner")?;
    let hash = u64s(frame, "body_hash")?;
    let mut reach: HashMap<u64, HashSet<(&str, &str)>> = HashMap::new();
    let mut owner_messages = 0;
    let mut with_text: Vec<u64> = Vec::new();
    for i in 0..frame.height() {
        if from_owner[i] != Some(true) {
            continue;
        }
        owner_messages += 1;
        if let Some(h) = hash[i] {
            with_text.push(h);
            reach
                .entry(h)
                .or_default()
                .insert((platform[i].unwrap_or(""), conversation[i].unwrap_or("")));
        }
    }
    let broadcast: HashSet<u64> = reach
        .iter()
        .filter(|(_, c)| c.len() >= BROADCAST_CONVERSATIONS)
        .map(|(h, _)| *h)
        .collect();
    let broadcast_messages = with_text.iter().filter(|h| broadcast.contains(h)).count();
    let result = Broadcast {
        owner_messages,
        owner_messages_with_text: with_text.len(),
        broadcast_messages,
        broadcast_bodies: broadcast.len(),
        broadcast_share: Figure::or_unknown(
            share(broadcast_messages, with_text.len()),
            "the owner sent no message with text in the period",
        ),
    };
    Ok(Figures::new(result, Vec::new()))
}
