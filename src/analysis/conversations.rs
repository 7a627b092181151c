//! Conversations in direct messages: whether the owner answers (turns, response rate, the
//! 24-hour rule, response times), how others answer the owner, and who starts conversations.
//!
//! Measured in two-person conversations, on the messages inside the period (a group
//! message is addressed to no one person).

use polars::prelude::*;
use serde::Serialize;

use super::columns::{bools, strs, times};
use super::period::{DAY_MS, HOUR_MS};
use super::stats::{quantile, share};
use super::table::{Cell, Table};
use super::{Figure, Figures, Scope};

/// A silence this long or longer makes the next message a new start.
pub const RESTART_SILENCE_MS: i64 = 7 * DAY_MS;

/// One message of a two-person conversation, in time order.
#[derive(Debug, Clone)]
pub struct Message<'a> {
    /// The platform.
    pub platform: &'a str,
    /// The conversation.
    pub conversation: &'a str,
    /// When it was sent.
    pub at: i64,
    /// Who sent it.
    pub sender: &'a str,
    /// Whether the owner sent it.
    pub from_owner: bool,
}

/// The two-person conversations' messages in the period, sorted by platform, conversation
/// and time; returns the frame the borrowed messages point into.
pub fn two_person(messages: &DataFrame) -> PolarsResult<DataFrame> {
    messages
        .clone()
        .lazy()
        .filter(col("participants").eq(lit(2u32)))
        .sort(
            ["platform", "conversation_id", "at", "message_id"],
            SortMultipleOptions::default().with_maintain_order(true),
        )
        .collect()
}

/// The messages of a frame made by [`two_person`].
pub fn rows(frame: &DataFrame) -> PolarsResult<Vec<Message<'_>>> {
    let platform = strs(frame, "platform")?;
    let conversation = strs(frame, "conversation_id")?;
    let at = times(frame, "at")?;
    let sender = strs(frame, "sender_id")?;
    let from_owner = bools(frame, "from_owner")?;
    Ok((0..frame.height())
        .filter_map(|i| {
            Some(Message {
                platform: platform[i]?,
                conversation: conversation[i]?,
                at: at[i]?,
                sender: sender[i]?,
                from_owner: from_owner[i]?,
            })
        })
        .collect())
}

/// The messages of platforms whose archives hold both sides of a conversation, and the
/// names of the platforms whose archives hold only the owner's messages (their importers
/// say), which were left out: with one side only, how others answer and who starts are
/// unknown, not 0.
pub fn both_sides<'a>(
    messages: Vec<Message<'a>>,
    scope: &Scope,
) -> (Vec<Message<'a>>, Vec<&'static str>) {
    // Each platform is asked once: the messages are in platform order.
    let mut asked: Option<(&str, bool)> = None;
    let mut one_sided: Vec<&'static str> = Vec::new();
    let kept = messages
        .into_iter()
        .filter(|m| match asked {
            Some((platform, both)) if platform == m.platform => both,
            _ => {
                let facts = scope.facts_of(m.platform);
                let both = facts.is_none_or(|f| f.holds_received_messages);
                if let Some(f) = facts.filter(|_| !both) {
                    let title = f.platform.title();
                    if !one_sided.contains(&title) {
                        one_sided.push(title);
                    }
                }
                asked = Some((m.platform, both));
                both
            }
        })
        .collect();
    (kept, one_sided)
}

/// Why a figure of how others answer, or of who starts, is null.
fn no_messages_reason(one_sided: &[&str], otherwise: &str) -> String {
    if one_sided.is_empty() {
        otherwise.to_string()
    } else {
        format!(
            "the {} archive holds only the messages you sent: turns, answers and starts \
             are unknown",
            one_sided.join(" and ")
        )
    }
}

/// Splits sorted messages into conversations.
pub fn by_conversation<'m, 'a>(messages: &'m [Message<'a>]) -> Vec<&'m [Message<'a>]> {
    messages
        .chunk_by(|a, b| a.platform == b.platform && a.conversation == b.conversation)
        .collect()
}

/// A turn that was never answered and is older than 24 hours at the end of the period.
#[derive(Debug, Clone, PartialEq)]
pub struct OpenTurn {
    /// The platform.
    pub platform: String,
    /// Who is waiting for an answer (the sender of the turn).
    pub counterpart_id: String,
    /// The first message of the turn.
    pub since: i64,
}

/// The tally of turns for one responder.
#[derive(Debug, Default)]
pub struct Turns {
    /// Response times of answered turns, ms.
    pub response_ms: Vec<i64>,
    /// Turns never answered and older than 24 hours at the end.
    pub unanswered: Vec<OpenTurn>,
    /// Turns never answered and 24 hours old or younger at the end: in no figure.
    pub open_recent: usize,
}

/// Walks the turns of every conversation: a run of messages from the other side that
/// follows the responder's last message (or the start), answered by the responder's next
/// message. `owner_responds` says whose answers are measured.
pub fn turns(messages: &[Message], owner_responds: bool, end: i64) -> Turns {
    let mut tally = Turns::default();
    for conversation in by_conversation(messages) {
        let mut open: Option<&Message> = None;
        for m in conversation {
            if m.from_owner == owner_responds {
                if let Some(first) = open.take() {
                    tally.response_ms.push(m.at - first.at);
                }
            } else if open.is_none() {
                open = Some(m);
            }
        }
        if let Some(first) = open {
            if end - first.at > DAY_MS {
                tally.unanswered.push(OpenTurn {
                    platform: first.platform.to_string(),
                    counterpart_id: first.sender.to_string(),
                    since: first.at,
                });
            } else {
                tally.open_recent += 1;
            }
        }
    }
    tally
}

/// The `responsiveness` and `responsiveness_of_others` figures.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Responsiveness {
    /// Turns counted: answered + unanswered.
    pub turns: usize,
    /// Turns answered.
    pub answered: usize,
    /// Turns not answered and older than 24 hours at the end of the period.
    pub unanswered: usize,
    /// Turns answered within 24 hours.
    pub within_24h: usize,
    /// answered / turns.
    pub response_rate: Figure<f64>,
    /// within_24h / turns.
    pub within_24h_rate: Figure<f64>,
    /// Median response time of answered turns, hours.
    pub median_response_hours: Figure<f64>,
    /// 90th percentile response time, hours.
    pub p90_response_hours: Figure<f64>,
    /// Open turns 24 hours old or younger at the end, in no other figure.
    pub open_recent_excluded: usize,
}

impl super::Outcome for Responsiveness {}

fn responsiveness_of(scope: &Scope, owner_responds: bool) -> PolarsResult<Figures> {
    // One-sided archives add no turn of others (their messages are missing) and must add
    // no unanswered turn of the owner's either.
    let (messages, one_sided) = both_sides(rows(scope.shared()?.two_person())?, scope);
    let others;
    let tally = if owner_responds {
        scope.shared()?.owner_turns()
    } else {
        others = turns(&messages, false, scope.period.end);
        &others
    };
    let hours: Vec<f64> = tally
        .response_ms
        .iter()
        .map(|ms| *ms as f64 / HOUR_MS as f64)
        .collect();
    let answered = hours.len();
    let turns = answered + tally.unanswered.len();
    let within = hours.iter().filter(|h| **h <= 24.0).count();
    let no_turns = if messages.is_empty() {
        no_messages_reason(
            &one_sided,
            "no message of a two-person conversation in the period",
        )
    } else {
        "no turn to answer in the period's two-person conversations".to_string()
    };
    let none_answered = if messages.is_empty() {
        no_turns.clone()
    } else {
        "no turn was answered in the period".to_string()
    };
    let result = Responsiveness {
        turns,
        answered,
        unanswered: tally.unanswered.len(),
        within_24h: within,
        response_rate: Figure::or_unknown(share(answered, turns), no_turns.clone()),
        within_24h_rate: Figure::or_unknown(share(within, turns), no_turns),
        median_response_hours: Figure::or_unknown(quantile(&hours, 0.5), none_answered.clone()),
        p90_response_hours: Figure::or_unknown(quantile(&hours, 0.9), none_answered),
        open_recent_excluded: tally.open_recent,
    };
    let bands = response_bands(&hours, result.unanswered, owner_responds);
    Ok(Figures::new(result, Vec::new()).with_tables(vec![bands]))
}

/// The bands of the response-time distribution, by their upper bound in hours (inclusive,
/// as the 24-hour rule is).
pub const RESPONSE_BANDS: [(&str, f64); 6] = [
    ("within 1 h", 1.0),
    ("1-4 h", 4.0),
    ("4-24 h", 24.0),
    ("1-3 days", 72.0),
    ("3-7 days", 168.0),
    ("over 7 days", f64::INFINITY),
];

/// The `response_times` table: answered turns per band and the unanswered ones, for one
/// responder (`owner` or `others`); both analyses add their rows to the one table.
fn response_bands(hours: &[f64], unanswered: usize, owner_responds: bool) -> Table {
    let who = if owner_responds { "owner" } else { "others" };
    let mut table = Table::new("response_times", &["responder", "band", "turns"]);
    let mut counts = [0usize; RESPONSE_BANDS.len()];
    for h in hours {
        if let Some(i) = RESPONSE_BANDS.iter().position(|(_, upper)| *h <= *upper) {
            counts[i] += 1;
        }
    }
    for ((band, _), n) in RESPONSE_BANDS.iter().zip(counts) {
        table.push(vec![who.into(), (*band).into(), n.into()]);
    }
    table.push(vec![who.into(), "unanswered".into(), unanswered.into()]);
    table
}

/// How the owner answers others.
pub fn responsiveness(scope: &Scope) -> PolarsResult<Figures> {
    responsiveness_of(scope, true)
}

/// How others answer the owner.
pub fn responsiveness_of_others(scope: &Scope) -> PolarsResult<Figures> {
    responsiveness_of(scope, false)
}

/// The `conversation_starters` figures.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Starters {
    /// Two-person conversations with a message in the period.
    pub conversations: usize,
    /// Starts: first messages, and first messages after 7 days of silence.
    pub starts: usize,
    /// Starts by the owner.
    pub starts_by_owner: usize,
    /// starts_by_owner / starts.
    pub owner_start_share: Figure<f64>,
}

impl super::Outcome for Starters {}

/// Who starts conversations.
pub fn starters(scope: &Scope) -> PolarsResult<Figures> {
    let (messages, one_sided) = both_sides(rows(scope.shared()?.two_person())?, scope);
    let conversations = by_conversation(&messages);
    let (mut starts, mut by_owner) = (0, 0);
    for conversation in &conversations {
        let mut previous: Option<i64> = None;
        for m in conversation.iter() {
            if previous.is_none_or(|p| m.at - p >= RESTART_SILENCE_MS) {
                starts += 1;
                by_owner += usize::from(m.from_owner);
            }
            previous = Some(m.at);
        }
    }
    let result = Starters {
        conversations: conversations.len(),
        starts,
        starts_by_owner: by_owner,
        owner_start_share: Figure::or_unknown(
            share(by_owner, starts),
            no_messages_reason(
                &one_sided,
                "no message of a two-person conversation in the period",
            ),
        ),
    };
    let monthly = messages_by_month(scope)?;
    let people = messages_by_person(scope)?;
    Ok(Figures::new(result, Vec::new()).with_tables(vec![monthly, people]))
}

/// How many people the `messages_by_person` table follows.
pub const MOST_MESSAGED: usize = 3;

/// The `messages_by_person` table: for the [`MOST_MESSAGED`] people with the most direct
/// messages in the period (both ways, two-person conversations; ties by platform and id),
/// their messages in every local month the period touches.
fn messages_by_person(scope: &Scope) -> PolarsResult<Table> {
    let clock = scope.options.clock;
    let period = scope.period;
    let mut table = Table::new(
        "messages_by_person",
        &[
            "month",
            "platform",
            "counterpart_id",
            "counterpart_name",
            "messages",
            "platforms",
        ],
    );
    let frame = &scope.within.interactions;
    let (platform, id) = (strs(frame, "platform")?, strs(frame, "counterpart_id")?);
    let (kind, at) = (strs(frame, "kind")?, times(frame, "at")?);
    let mut by_person: std::collections::HashMap<(&str, &str), Vec<i64>> =
        std::collections::HashMap::new();
    for i in 0..frame.height() {
        if kind[i] != Some("message") {
            continue;
        }
        if let (Some(p), Some(c), Some(t)) = (platform[i], id[i], at[i]) {
            // A person's messages on every platform, overall.
            by_person.entry(scope.key(p, c)).or_default().push(t);
        }
    }
    let mut ranked: Vec<((&str, &str), Vec<i64>)> = by_person.into_iter().collect();
    ranked.sort_by(|(a, x), (b, y)| y.len().cmp(&x.len()).then_with(|| a.cmp(b)));
    ranked.truncate(MOST_MESSAGED);
    let people = scope.shared()?.people();
    let months = clock.months(period);
    for ((p, c), times) in &ranked {
        let name = scope.person_name(people, p, c, None);
        let platforms = super::persons::platforms_text(&scope.accounts_of(p, c), p);
        for month in months.clone() {
            let n = times
                .iter()
                .filter(|t| clock.month_number(**t) == month)
                .count();
            table.push(vec![
                Cell::Text(super::period::month_label(month)),
                (*p).into(),
                (*c).into(),
                name.clone().map_or(Cell::Null, Cell::Text),
                Cell::from(n),
                Cell::Text(platforms.clone()),
            ]);
        }
    }
    Ok(table)
}

/// The `messages_by_month` table: for every local month the period touches, the direct
/// messages the owner sent and received (group conversations included); `received` is
/// empty where the scope's archives hold only what the owner sent.
fn messages_by_month(scope: &Scope) -> PolarsResult<Table> {
    let clock = scope.options.clock;
    let period = scope.period;
    let mut table = Table::new("messages_by_month", &["month", "sent", "received"]);
    let frame = &scope.within.messages;
    let (platform, at) = (strs(frame, "platform")?, times(frame, "at")?);
    let from_owner = bools(frame, "from_owner")?;
    let mut months: std::collections::BTreeMap<i64, (usize, usize)> =
        clock.months(period).map(|m| (m, (0, 0))).collect();
    let mut one_sided = false;
    for i in 0..frame.height() {
        let Some(t) = at[i] else { continue };
        if let Some(m) = months.get_mut(&clock.month_number(t)) {
            if from_owner[i].unwrap_or(false) {
                m.0 += 1;
            } else {
                m.1 += 1;
            }
        }
        one_sided |= platform[i].is_some_and(|p| scope.one_sided(p));
    }
    let received_known = !one_sided || months.values().any(|(_, r)| *r > 0);
    for (month, (sent, received)) in months {
        table.push(vec![
            Cell::Text(super::period::month_label(month)),
            Cell::from(sent),
            if received_known {
                Cell::from(received)
            } else {
                Cell::Null
            },
        ]);
    }
    Ok(table)
}
