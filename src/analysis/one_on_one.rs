//! Moving public exchanges to one-on-one: counterparts with a public interaction (reply,
//! mention, comment, quote) in the period who got a direct message from the owner within
//! 14 days after it, over such counterparts. In the overall scope a counterpart is a
//! person: a public exchange on Twitter followed by a LinkedIn message to the same person
//! is a move to one-on-one.

use std::collections::BTreeMap;

use polars::prelude::*;
use serde::Serialize;

use super::columns::{strs, times};
use super::follow_up::any_between;
use super::period::DAY_MS;
use super::stats::share;
use super::{Figure, Figures, Scope};
use crate::model::InteractionKind;

/// The window after a public interaction.
pub const ONE_ON_ONE_MS: i64 = 14 * DAY_MS;

const PUBLIC: [InteractionKind; 4] = [
    InteractionKind::Reply,
    InteractionKind::Mention,
    InteractionKind::Comment,
    InteractionKind::Quote,
];

/// The `one_on_one` figures.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct OneOnOne {
    /// Counterparts with a public interaction in the period.
    pub public_counterparts: Figure<usize>,
    /// Those who got a direct message from the owner within 14 days after one.
    pub moved_to_one_on_one: Figure<usize>,
    /// moved_to_one_on_one / public_counterparts.
    pub one_on_one_rate: Figure<f64>,
}

impl super::Outcome for OneOnOne {}

/// Runs the analysis.
pub fn run(scope: &Scope) -> PolarsResult<Figures> {
    let public: Vec<&str> = PUBLIC.iter().map(|k| k.as_str()).collect();
    // Direct messages may come after the period ends: look in the whole dataset.
    let sent = &scope.shared()?.outbound().messages;
    let frame = &scope.within.interactions;
    let (p, c, k, t) = (
        strs(frame, "platform")?,
        strs(frame, "counterpart_id")?,
        strs(frame, "kind")?,
        times(frame, "at")?,
    );
    let mut counterparts: BTreeMap<(&str, &str), bool> = BTreeMap::new();
    for i in 0..frame.height() {
        let (Some(p), Some(c), Some(k), Some(t)) = (p[i], c[i], k[i], t[i]) else {
            continue;
        };
        // On an archive of what the owner did only, a public exchange is known from one
        // side: it is in no figure.
        if !public.contains(&k) || scope.one_sided(p) {
            continue;
        }
        let key = scope.key(p, c);
        let moved = sent
            .get(&(key.0.to_string(), key.1.to_string()))
            .is_some_and(|times| any_between(times, t, t + ONE_ON_ONE_MS));
        *counterparts.entry(key).or_insert(false) |= moved;
    }
    let moved = counterparts.values().filter(|m| **m).count();
    let result = match scope.other_side_unknown()? {
        Some(why) => OneOnOne {
            public_counterparts: Figure::unknown(why.clone()),
            moved_to_one_on_one: Figure::unknown(why.clone()),
            one_on_one_rate: Figure::unknown(why),
        },
        None => OneOnOne {
            public_counterparts: Figure::known(counterparts.len()),
            moved_to_one_on_one: Figure::known(moved),
            one_on_one_rate: Figure::or_unknown(
                share(moved, counterparts.len()),
                "no reply, mention, comment or quote with a known counterpart in the period",
            ),
        },
    };
    Ok(Figures::new(result, Vec::new()))
}
