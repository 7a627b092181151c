//! Invitations: sent with and without a personal note, and for each the share that appears
//! in connections (accepted). Each importer says whether its archives hold invitations and
//! whether they list every one sent; a request that carries no note counts as sent without
//! one.

use std::collections::HashSet;

use polars::prelude::*;
use serde::Serialize;

use super::columns::strs;
use super::stats::share;
use super::{Figure, Figures, Notes, Scope};
use crate::model::{InteractionKind, PlatformFacts};

/// The facts of the scope's platforms, in registry order.
fn present<'s>(scope: &'s Scope, platforms: &HashSet<&str>) -> Vec<&'s PlatformFacts> {
    scope
        .facts
        .iter()
        .filter(|f| platforms.contains(f.platform.as_str()))
        .collect()
}

/// Sent invitations of one kind and how many were accepted.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Split {
    /// Sent in the period.
    pub sent: Option<usize>,
    /// Of those, the ones whose person is in connections.
    pub accepted: Option<usize>,
    /// accepted / sent.
    pub accepted_share: Option<f64>,
}

/// The `invitations` figures.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Invitations {
    /// Invitations the owner sent in the period.
    pub sent: Figure<usize>,
    /// Invitations the owner received in the period.
    pub received: Figure<usize>,
    /// Sent ones whose person is in connections, over sent.
    pub accepted_share: Figure<f64>,
    /// Sent with a personal note.
    pub with_note: Split,
    /// Sent without one.
    pub without_note: Split,
}

impl super::Outcome for Invitations {}

fn split(sent: Option<usize>, accepted: Option<usize>) -> Split {
    Split {
        sent,
        accepted,
        accepted_share: sent.zip(accepted).and_then(|(s, a)| share(a, s)),
    }
}

/// Runs the analysis.
pub fn run(scope: &Scope) -> PolarsResult<Figures> {
    let platforms: HashSet<&str> = strs(&scope.all.accounts, "platform")?
        .into_iter()
        .flatten()
        .chain(
            strs(&scope.all.interactions, "platform")?
                .into_iter()
                .flatten(),
        )
        .collect();
    let present = present(scope, &platforms);
    let has_invitations = present.iter().any(|f| f.has_invitations);
    let mut notes = Notes::default();
    if !has_invitations {
        let none = super::archives_say(&present, "no invitations");
        notes.add("with_note", &none);
        notes.add("without_note", &none);
        let result = Invitations {
            sent: Figure::unknown(none.clone()),
            received: Figure::unknown(none.clone()),
            accepted_share: Figure::unknown(none),
            with_note: split(None, None),
            without_note: split(None, None),
        };
        return Ok(Figures::new(result, notes.into_vec()));
    }
    let connected: HashSet<(&str, &str)> = {
        let c = &scope.all.connections;
        strs(c, "platform")?
            .into_iter()
            .zip(strs(c, "counterpart_id")?)
            .filter_map(|(p, id)| Some((p?, id?)))
            .collect()
    };
    let frame = &scope.within.interactions;
    let (platform, id, kind, direction) = (
        strs(frame, "platform")?,
        strs(frame, "counterpart_id")?,
        strs(frame, "kind")?,
        strs(frame, "direction")?,
    );
    let noted = scope.invitation_notes.as_ref();
    let (mut sent, mut received, mut accepted) = (0, 0, 0);
    let (mut noted_sent, mut noted_accepted, mut plain_sent, mut plain_accepted) = (0, 0, 0, 0);
    for i in 0..frame.height() {
        if kind[i] != Some(InteractionKind::Invitation.as_str()) {
            continue;
        }
        if direction[i] != Some("outbound") {
            received += 1;
            continue;
        }
        sent += 1;
        let (p, c) = (platform[i].unwrap_or(""), id[i].unwrap_or(""));
        let is_accepted = id[i].is_some() && connected.contains(&(p, c));
        accepted += usize::from(is_accepted);
        let has_note = noted.is_some_and(|set| set.contains(&(p.to_string(), c.to_string())));
        if has_note {
            noted_sent += 1;
            noted_accepted += usize::from(is_accepted);
        } else {
            plain_sent += 1;
            plain_accepted += usize::from(is_accepted);
        }
    }
    let sent_known = present.iter().any(|f| f.knows_sent_invitations);
    let known = noted.is_some() && sent_known;
    let pending_only = present
        .iter()
        .find(|f| f.has_invitations)
        .map_or("no archive lists the invitations you sent", |f| {
            f.sent_invitations_note
        });
    let result = Invitations {
        sent: Figure::or_unknown(sent_known.then_some(sent), pending_only),
        received: Figure::known(received),
        accepted_share: Figure::or_unknown(
            share(accepted, sent),
            if sent_known {
                "no invitation was sent in the period"
            } else {
                pending_only
            },
        ),
        with_note: split(known.then_some(noted_sent), known.then_some(noted_accepted)),
        without_note: split(known.then_some(plain_sent), known.then_some(plain_accepted)),
    };
    if !sent_known {
        notes.add("with_note", pending_only);
        notes.add("without_note", pending_only);
        return Ok(Figures::new(result, notes.into_vec()));
    }
    if !known {
        notes.add(
            "with_note",
            "a Parquet dataset keeps no invitation notes; analyze the archive itself",
        );
    } else {
        if result.with_note.accepted_share.is_none() {
            notes.add(
                "with_note.accepted_share",
                "no invitation with a note was sent in the period",
            );
        }
        if result.without_note.accepted_share.is_none() {
            notes.add(
                "without_note.accepted_share",
                "no invitation without a note was sent in the period",
            );
        }
    }
    Ok(Figures::new(result, notes.into_vec()))
}
