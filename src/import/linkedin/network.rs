//! `Connections.csv` and `Invitations.csv`: the owner's network and how it grew.

use std::collections::HashMap;

use super::{dates, people};
use crate::import::coverage::RecordProblems;
use crate::import::csv_table::Table;
use crate::model::{ConnectionRow, Direction, InteractionKind, InteractionRow, Platform, Relation};

/// Connections, each person once with the earliest date; and how many rows were blank but
/// for their date (hidden or deleted members), which are no connection.
pub fn connections(
    text: &str,
    problems: &mut RecordProblems,
) -> Result<(Vec<ConnectionRow>, u64), String> {
    let table = Table::parse(text, &["First Name", "Last Name", "Connected On"], false)?;
    let mut hidden = 0;
    let mut by_id: HashMap<String, usize> = HashMap::new();
    let mut out: Vec<ConnectionRow> = Vec::new();
    for row in table.rows() {
        if row.blank_except(&["Connected On"]) {
            hidden += 1;
            continue;
        }
        let name = people::full_name(row.get("First Name"), row.get("Last Name"));
        let Some(id) = people::id(row.get("URL"), name.as_deref()) else {
            problems.skip("connections without a name or URL", || {
                format!("record {}", row.record_number())
            });
            continue;
        };
        let raw = row.get("Connected On");
        let connected_at = raw.and_then(dates::parse);
        if connected_at.is_none() {
            problems.null_field("connection dates that do not parse", || {
                format!(
                    "record {}: Connected On {:?}",
                    row.record_number(),
                    raw.unwrap_or("")
                )
            });
        }
        if let Some(&i) = by_id.get(&id) {
            let kept = &mut out[i];
            kept.connected_at = match (kept.connected_at, connected_at) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            };
            continue;
        }
        by_id.insert(id.clone(), out.len());
        out.push(ConnectionRow {
            platform: Platform::LinkedIn,
            handle: row.get("URL").and_then(people::slug),
            counterpart_id: id,
            name,
            company: people::name(row.get("Company")),
            position: people::name(row.get("Position")),
            relation: Relation::Connection,
            connected_at,
        });
    }
    Ok((out, hidden))
}

/// Invitations sent and received, and how many of the sent ones carried a personal note.
pub struct Invitations {
    /// One `invitation` interaction each.
    pub rows: Vec<InteractionRow>,
    /// Sent with a personal note.
    pub sent_with_note: u64,
    /// Sent without one.
    pub sent_without_note: u64,
    /// Counterpart ids of those sent with a note.
    pub with_note_ids: Vec<String>,
}

/// Parses `Invitations.csv` (2018 `From,To,Sent At,Message,Direction`, later with
/// `inviterProfileUrl,inviteeProfileUrl`).
pub fn invitations(text: &str, problems: &mut RecordProblems) -> Result<Invitations, String> {
    let table = Table::parse(text, &["From", "To", "Direction"], false)?;
    let mut result = Invitations {
        rows: Vec::new(),
        sent_with_note: 0,
        sent_without_note: 0,
        with_note_ids: Vec::new(),
    };
    for row in table.rows() {
        let outbound = match row.get("Direction") {
            Some(d) if d.eq_ignore_ascii_case("OUTGOING") => true,
            Some(d) if d.eq_ignore_ascii_case("INCOMING") => false,
            other => {
                problems.skip("invitations with no direction", || {
                    format!(
                        "record {}: Direction {:?}",
                        row.record_number(),
                        other.unwrap_or("")
                    )
                });
                continue;
            }
        };
        let (name_column, url_column) = if outbound {
            ("To", "inviteeProfileUrl")
        } else {
            ("From", "inviterProfileUrl")
        };
        let name = people::name(row.get(name_column));
        let raw = row.get("Sent At");
        let at = raw.and_then(dates::parse);
        if raw.is_some() && at.is_none() {
            problems.null_field("invitation dates that do not parse", || {
                format!(
                    "record {}: Sent At {:?}",
                    row.record_number(),
                    raw.unwrap_or("")
                )
            });
        }
        let counterpart_id = people::id(row.get(url_column), name.as_deref());
        if outbound {
            if row.get("Message").is_some() {
                result.sent_with_note += 1;
                result.with_note_ids.extend(counterpart_id.clone());
            } else {
                result.sent_without_note += 1;
            }
        }
        result.rows.push(InteractionRow {
            platform: Platform::LinkedIn,
            at,
            direction: if outbound {
                Direction::Outbound
            } else {
                Direction::Inbound
            },
            kind: InteractionKind::Invitation,
            counterpart_id,
            counterpart_name: name,
            post_id: None,
        });
    }
    Ok(result)
}
