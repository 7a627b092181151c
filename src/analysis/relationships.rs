//! Who the owner's real relationships are: counterpart strength and reciprocity, the
//! supporters and whether the owner gives back, and relationships going dormant.
//!
//! A counterpart is (platform, counterpart_id), except in the overall scope, where the
//! accounts the run links into one person count as one ([`merge_persons`]).

use std::collections::HashMap;

use polars::prelude::*;
use serde::Serialize;

use super::columns::{strs, times, u64s};
use super::people::People;
use super::period::DAY_MS;
use super::persons::PersonAccount;
use super::stats::{rate, share};
use super::{Figure, Figures, Notes, Scope};

/// The window of recent silence that makes a relationship dormant.
pub const DORMANT_WINDOW_MS: i64 = 90 * DAY_MS;
/// Interactions a counterpart needs to count as a relationship.
pub const STRONG: u64 = 3;

/// A person in a ranked list: platform and counterpart id.
pub trait Person {
    /// The platform.
    fn platform(&self) -> &str;
    /// The counterpart id.
    fn counterpart_id(&self) -> &str;
}

macro_rules! person {
    ($($t:ty),+) => {$(
        impl Person for $t {
            fn platform(&self) -> &str {
                &self.platform
            }
            fn counterpart_id(&self) -> &str {
                &self.counterpart_id
            }
        }
    )+};
}

person!(Counterpart, Supporter, Dormant, super::actions::Action);

/// Sorts people by a count, largest first; ties by counterpart id, then platform, as
/// docs/metrics.md orders every list.
pub fn sort_ranked<T: Person>(list: &mut [T], count: impl Fn(&T) -> u64) {
    list.sort_by(|a, b| {
        count(b)
            .cmp(&count(a))
            .then_with(|| a.counterpart_id().cmp(b.counterpart_id()))
            .then_with(|| a.platform().cmp(b.platform()))
    });
}

/// One counterpart's interactions in the period.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Counterpart {
    /// The platform.
    pub platform: String,
    /// The id.
    pub counterpart_id: String,
    /// The best name the archives give (display name, else `@handle`).
    pub counterpart_name: Option<String>,
    /// Their profile's address, made from the id where the platform has one (null under
    /// `--redact`).
    pub profile_url: Option<String>,
    /// Their acts towards the owner.
    pub inbound: u64,
    /// The owner's acts towards them.
    pub outbound: u64,
    /// inbound + outbound.
    pub strength: u64,
    /// outbound / strength; null under a strength of 3 (too few to say), counted on the
    /// platforms whose archives hold both sides.
    pub reciprocity: Option<f64>,
    /// The person's accounts: this one alone, or every account linked to it (overall).
    pub accounts: Vec<PersonAccount>,
    /// (inbound, outbound) on the platforms whose archives hold what both sides did: what
    /// reciprocity is counted on.
    #[serde(skip)]
    pub both_sides: (u64, u64),
}

/// Every counterpart of `interactions` with its counts, strongest first, ties by id.
pub fn counterparts(interactions: &DataFrame) -> PolarsResult<Vec<Counterpart>> {
    let out = interactions
        .clone()
        .lazy()
        .filter(col("counterpart_id").is_not_null())
        .sort(
            ["at"],
            SortMultipleOptions::default().with_nulls_last(false),
        )
        .group_by([col("platform"), col("counterpart_id")])
        .agg([
            col("direction")
                .eq(lit("inbound"))
                .cast(DataType::UInt64)
                .sum()
                .alias("inbound"),
            col("direction")
                .eq(lit("outbound"))
                .cast(DataType::UInt64)
                .sum()
                .alias("outbound"),
            col("counterpart_name").drop_nulls().last().alias("name"),
        ])
        .collect()?;
    let platform = strs(&out, "platform")?;
    let id = strs(&out, "counterpart_id")?;
    let name = strs(&out, "name")?;
    let inbound = u64s(&out, "inbound")?;
    let outbound = u64s(&out, "outbound")?;
    let mut list: Vec<Counterpart> = (0..out.height())
        .filter_map(|i| {
            let (inb, outb) = (inbound[i].unwrap_or(0), outbound[i].unwrap_or(0));
            Some(Counterpart {
                platform: platform[i]?.to_string(),
                counterpart_id: id[i]?.to_string(),
                counterpart_name: name[i].map(str::to_string),
                profile_url: None,
                inbound: inb,
                outbound: outb,
                strength: inb + outb,
                reciprocity: own_reciprocity(inb, outb),
                accounts: Vec::new(),
                both_sides: (inb, outb),
            })
        })
        .collect();
    sort_ranked(&mut list, |x| x.strength);
    Ok(list)
}

/// A person's own reciprocity: outbound / (inbound + outbound); null under 3 interactions
/// (one or two say nothing about give and take).
fn own_reciprocity(inbound: u64, outbound: u64) -> Option<f64> {
    if inbound + outbound >= STRONG {
        rate(outbound as f64, (inbound + outbound) as f64)
    } else {
        None
    }
}

/// The counterparts of `scope` as persons: the accounts the scope links into one person
/// add up under the person's key, with the person's name, accounts and profile address;
/// what counts for reciprocity leaves out the platforms whose archives hold only what the
/// owner did. Strongest first.
pub fn merge_persons(
    accounts: Vec<Counterpart>,
    scope: &Scope,
    people: &People,
) -> Vec<Counterpart> {
    let mut merged: Vec<Counterpart> = Vec::with_capacity(accounts.len());
    let mut at: HashMap<(String, String), usize> = HashMap::new();
    for c in accounts {
        let sides = if scope.one_sided(&c.platform) {
            (0, 0)
        } else {
            (c.inbound, c.outbound)
        };
        let key = scope.persons.key_owned(&c.platform, &c.counterpart_id);
        match at.get(&key) {
            Some(&i) => {
                let m = &mut merged[i];
                m.inbound += c.inbound;
                m.outbound += c.outbound;
                m.strength += c.strength;
                m.both_sides.0 += sides.0;
                m.both_sides.1 += sides.1;
                if m.counterpart_name.is_none() {
                    m.counterpart_name = c.counterpart_name;
                }
            }
            None => {
                at.insert(key.clone(), merged.len());
                merged.push(Counterpart {
                    platform: key.0,
                    counterpart_id: key.1,
                    both_sides: sides,
                    ..c
                });
            }
        }
    }
    for m in &mut merged {
        let name = m.counterpart_name.take();
        m.counterpart_name = scope.person_name(people, &m.platform, &m.counterpart_id, name);
        m.profile_url = scope.profile_url(&m.platform, &m.counterpart_id);
        m.accounts = scope.accounts_of(&m.platform, &m.counterpart_id);
        m.reciprocity = own_reciprocity(m.both_sides.0, m.both_sides.1);
    }
    sort_ranked(&mut merged, |x| x.strength);
    merged
}

/// The `counterpart_strength` figures.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Strength {
    /// Counterparts with an interaction in the period.
    pub counterparts: usize,
    /// Those with a strength of 3 or more.
    pub counterparts_3plus: usize,
    /// Sum of outbound / sum of strength, over counterparts with strength 3 or more.
    pub reciprocity: Figure<f64>,
    /// The strongest, at most `--top`.
    pub top_counterparts: Vec<Counterpart>,
}

impl super::Outcome for Strength {
    fn redact(&mut self, pseudonym: super::Pseudonym) {
        for c in &mut self.top_counterparts {
            super::redact_person(
                &c.platform,
                &mut c.counterpart_id,
                &mut c.counterpart_name,
                &mut c.profile_url,
                pseudonym,
            );
            super::redact_accounts(&mut c.accounts, pseudonym);
        }
    }
}

/// Counterpart strength and reciprocity.
pub fn strength(scope: &Scope) -> PolarsResult<Figures> {
    let all = scope.shared()?.counterparts();
    // What others give back is unknown on an archive of what the owner did only: its
    // interactions are in no reciprocity.
    let strong: Vec<&Counterpart> = all
        .iter()
        .filter(|c| c.both_sides.0 + c.both_sides.1 >= STRONG)
        .collect();
    let out: u64 = strong.iter().map(|c| c.both_sides.1).sum();
    let total: u64 = strong.iter().map(|c| c.both_sides.0 + c.both_sides.1).sum();
    let unknown = scope.other_side_unknown()?;
    let result = Strength {
        counterparts: all.len(),
        counterparts_3plus: all.iter().filter(|c| c.strength >= STRONG).count(),
        reciprocity: match &unknown {
            Some(why) => Figure::unknown(why.clone()),
            None => Figure::or_unknown(
                rate(out as f64, total as f64),
                "no counterpart has 3 or more interactions in the period",
            ),
        },
        top_counterparts: all.iter().take(scope.options.top).cloned().collect(),
    };
    let mut notes = Notes::default();
    if result
        .top_counterparts
        .iter()
        .any(|c| c.reciprocity.is_none())
    {
        notes.add(
            "top_counterparts.reciprocity",
            "a counterpart's own reciprocity is null under a strength of 3 (too few to say)",
        );
    }
    if result
        .top_counterparts
        .iter()
        .any(|c| c.reciprocity.is_none() && c.accounts.iter().any(|a| scope.one_sided(&a.platform)))
    {
        notes.add(
            "top_counterparts.reciprocity",
            "a counterpart's own reciprocity is null where the archive holds only what you \
             did",
        );
    }
    Ok(Figures::new(result, notes.into_vec()))
}

/// A supporter in a list.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Supporter {
    /// The platform.
    pub platform: String,
    /// The id.
    pub counterpart_id: String,
    /// The best name the archives give.
    pub counterpart_name: Option<String>,
    /// Their profile's address, made from the id where the platform has one (null under
    /// `--redact`).
    pub profile_url: Option<String>,
    /// Their acts towards the owner.
    pub inbound: u64,
    /// The owner's acts towards them.
    pub outbound: u64,
    /// Whether the owner did anything towards them in the period.
    pub reciprocated: bool,
    /// The person's accounts.
    pub accounts: Vec<PersonAccount>,
}

/// An unreciprocated supporter.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Unreciprocated {
    /// The platform.
    pub platform: String,
    /// The id.
    pub counterpart_id: String,
    /// The best name the archives give.
    pub counterpart_name: Option<String>,
    /// Their profile's address, made from the id where the platform has one (null under
    /// `--redact`).
    pub profile_url: Option<String>,
    /// Their acts towards the owner.
    pub inbound: u64,
    /// The person's accounts.
    pub accounts: Vec<PersonAccount>,
}

/// The `supporters` figures.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Supporters {
    /// Counterparts with an inbound interaction in the period.
    pub supporters: Figure<usize>,
    /// Those the owner acted towards in the period.
    pub supporters_reciprocated: Figure<usize>,
    /// Supporters with 3 or more inbound interactions.
    pub supporters_3plus: Figure<usize>,
    /// Those reciprocated.
    pub supporters_3plus_reciprocated: Figure<usize>,
    /// supporters_3plus_reciprocated / supporters_3plus.
    pub supporters_3plus_reciprocated_share: Figure<f64>,
    /// Most inbound first, at most `--top`.
    pub top_supporters: Vec<Supporter>,
    /// Supporters with 3+ inbound and no outbound, most inbound first, at most `--top`.
    pub unreciprocated_3plus: Vec<Unreciprocated>,
}

impl super::Outcome for Supporters {
    fn redact(&mut self, pseudonym: super::Pseudonym) {
        for s in &mut self.top_supporters {
            super::redact_person(
                &s.platform,
                &mut s.counterpart_id,
                &mut s.counterpart_name,
                &mut s.profile_url,
                pseudonym,
            );
            super::redact_accounts(&mut s.accounts, pseudonym);
        }
        for u in &mut self.unreciprocated_3plus {
            super::redact_person(
                &u.platform,
                &mut u.counterpart_id,
                &mut u.counterpart_name,
                &mut u.profile_url,
                pseudonym,
            );
            super::redact_accounts(&mut u.accounts, pseudonym);
        }
    }
}

/// Supporters among `counterparts`, most inbound first, ties by id.
pub fn supporter_list(counterparts: &[Counterpart]) -> Vec<Supporter> {
    let mut list: Vec<Supporter> = counterparts
        .iter()
        .filter(|c| c.inbound > 0)
        .map(|c| Supporter {
            reciprocated: c.outbound > 0,
            platform: c.platform.clone(),
            counterpart_id: c.counterpart_id.clone(),
            counterpart_name: c.counterpart_name.clone(),
            profile_url: c.profile_url.clone(),
            inbound: c.inbound,
            outbound: c.outbound,
            accounts: c.accounts.clone(),
        })
        .collect();
    sort_ranked(&mut list, |x| x.inbound);
    list
}

/// Supporters and reciprocation.
pub fn supporters(scope: &Scope) -> PolarsResult<Figures> {
    let list = supporter_list(scope.shared()?.counterparts());
    let strong: Vec<&Supporter> = list.iter().filter(|s| s.inbound >= STRONG).collect();
    let strong_reciprocated = strong.iter().filter(|s| s.reciprocated).count();
    // An archive of what the owner did only has no supporter to count: unknown, not 0.
    let unknown = scope.other_side_unknown()?;
    let count = |n: usize| match &unknown {
        Some(why) => Figure::unknown(why.clone()),
        None => Figure::known(n),
    };
    let result = Supporters {
        supporters: count(list.len()),
        supporters_reciprocated: count(list.iter().filter(|s| s.reciprocated).count()),
        supporters_3plus: count(strong.len()),
        supporters_3plus_reciprocated: count(strong_reciprocated),
        supporters_3plus_reciprocated_share: match &unknown {
            Some(why) => Figure::unknown(why.clone()),
            None => Figure::or_unknown(
                share(strong_reciprocated, strong.len()),
                "no counterpart has 3 or more inbound interactions in the period",
            ),
        },
        top_supporters: list.iter().take(scope.options.top).cloned().collect(),
        unreciprocated_3plus: strong
            .iter()
            .filter(|s| !s.reciprocated)
            .take(scope.options.top)
            .map(|s| Unreciprocated {
                platform: s.platform.clone(),
                counterpart_id: s.counterpart_id.clone(),
                counterpart_name: s.counterpart_name.clone(),
                profile_url: s.profile_url.clone(),
                inbound: s.inbound,
                accounts: s.accounts.clone(),
            })
            .collect(),
    };
    Ok(Figures::new(result, Vec::new()))
}

/// A relationship gone quiet.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Dormant {
    /// The platform.
    pub platform: String,
    /// The id.
    pub counterpart_id: String,
    /// The best name the archives give (display name, else `@handle`).
    pub counterpart_name: Option<String>,
    /// Their profile's address, made from the id where the platform has one (null under
    /// `--redact`).
    pub profile_url: Option<String>,
    /// Interactions in [E - 455 days, E - 90 days).
    pub interactions_before: u64,
    /// The last of them (RFC 3339, UTC).
    pub last_interaction_at: String,
    /// The person's accounts.
    pub accounts: Vec<PersonAccount>,
}

/// How far back interactions count for dormancy: the year before the last 90 days.
pub const DORMANT_HISTORY_MS: i64 = 365 * DAY_MS;

/// Dormant relationships, most interactions before first, ties by id: at least 3
/// interactions in the year before the last 90 days, `[E - 455 days, E - 90 days)`, and none
/// in `[E - 90 days, E]`, on any account of the person. The year reaches before the period's
/// start: a quarter is shorter than 90 days and the history that makes a relationship.
pub fn dormant_list(scope: &Scope) -> PolarsResult<Vec<Dormant>> {
    let frame = &scope.all.interactions;
    let platform = strs(frame, "platform")?;
    let id = strs(frame, "counterpart_id")?;
    let name = strs(frame, "counterpart_name")?;
    let at = times(frame, "at")?;
    let end = scope.period.end;
    // The name of each person: the one their latest named interaction gives.
    let mut names: HashMap<(&str, &str), (i64, &str)> = HashMap::new();
    for i in 0..frame.height() {
        if let (Some(p), Some(c), Some(n)) = (platform[i], id[i], name[i]) {
            let t = at[i].unwrap_or(i64::MIN);
            let entry = names.entry(scope.key(p, c)).or_insert((t, n));
            if t >= entry.0 {
                *entry = (t, n);
            }
        }
    }
    let cutoff = end - DORMANT_WINDOW_MS;
    let history = cutoff - DORMANT_HISTORY_MS;
    // (before count, last before, any recent)
    let mut seen: HashMap<(&str, &str), (u64, i64, bool)> = HashMap::new();
    for i in 0..frame.height() {
        let (Some(p), Some(c), Some(t)) = (platform[i], id[i], at[i]) else {
            continue;
        };
        if t < history || t > end {
            continue;
        }
        let entry = seen.entry(scope.key(p, c)).or_insert((0, i64::MIN, false));
        if t < cutoff {
            entry.0 += 1;
            entry.1 = entry.1.max(t);
        } else {
            entry.2 = true;
        }
    }
    let mut list: Vec<Dormant> = seen
        .into_iter()
        .filter(|(_, (before, _, recent))| *before >= STRONG && !recent)
        .map(|((p, c), (before, last, _))| Dormant {
            platform: p.to_string(),
            counterpart_id: c.to_string(),
            counterpart_name: names.get(&(p, c)).map(|(_, n)| n.to_string()),
            profile_url: None,
            interactions_before: before,
            last_interaction_at: rfc3339(last),
            accounts: Vec::new(),
        })
        .collect();
    sort_ranked(&mut list, |x| x.interactions_before);
    Ok(list)
}

/// A UTC time as RFC 3339 with seconds.
pub fn rfc3339(ms: i64) -> String {
    chrono::DateTime::from_timestamp_millis(ms)
        .unwrap_or_default()
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// The `dormant` figures.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct DormantFigures {
    /// Dormant relationships.
    pub dormant: usize,
    /// The first `--top` of them.
    pub dormant_relationships: Vec<Dormant>,
}

impl super::Outcome for DormantFigures {
    fn redact(&mut self, pseudonym: super::Pseudonym) {
        for d in &mut self.dormant_relationships {
            super::redact_person(
                &d.platform,
                &mut d.counterpart_id,
                &mut d.counterpart_name,
                &mut d.profile_url,
                pseudonym,
            );
            super::redact_accounts(&mut d.accounts, pseudonym);
        }
    }
}

/// Relationships going dormant.
pub fn dormant(scope: &Scope) -> PolarsResult<Figures> {
    let list = scope.shared()?.dormant();
    let result = DormantFigures {
        dormant: list.len(),
        dormant_relationships: list.iter().take(scope.options.top).cloned().collect(),
    };
    Ok(Figures::new(result, Vec::new()))
}
