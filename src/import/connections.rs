//! The merge rule of connections for platforms that list followers, following and friends
//! in separate files: one row per person.

use std::collections::HashMap;

use crate::model::{ConnectionRow, Relation};

/// One row per person: a friend is a friend; someone both followed and following is
/// mutual; the earliest time is kept.
pub fn merge_people(people: Vec<(ConnectionRow, Relation)>) -> Vec<ConnectionRow> {
    let mut by_name: HashMap<String, usize> = HashMap::new();
    let mut out: Vec<ConnectionRow> = Vec::new();
    for (row, relation) in people {
        match by_name.get(&row.counterpart_id) {
            Some(&i) => {
                let kept = &mut out[i];
                kept.relation = match (kept.relation, relation) {
                    (Relation::Friend, _) | (_, Relation::Friend) => Relation::Friend,
                    (a, b) if a != b => Relation::Mutual,
                    (a, _) => a,
                };
                kept.connected_at = match (kept.connected_at, row.connected_at) {
                    (Some(a), Some(b)) => Some(a.min(b)),
                    (a, b) => a.or(b),
                };
            }
            None => {
                by_name.insert(row.counterpart_id.clone(), out.len());
                out.push(row);
            }
        }
    }
    out
}
