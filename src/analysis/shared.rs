//! Intermediate results that several analyses of one scope read, computed once per scope
//! by whichever analysis asks first (the others wait for it, then borrow it).
//!
//! | result | read by |
//! |---|---|
//! | [`Shared::counterparts`] | counterpart_strength, supporters, actions |
//! | [`Shared::two_person`] | responsiveness (both ways), conversation_starters, actions |
//! | [`Shared::owner_turns`] | responsiveness, actions |
//! | [`Shared::dormant`] | dormant, actions |
//! | [`Shared::outbound`] | follow_up, one_on_one, actions (through new connections) |
//! | [`Shared::new_connections`] | follow_up, actions |
//! | [`Shared::content`] | engagement, lift |
//! | [`Shared::people`] | counterpart_strength, supporters, dormant, actions (names) |

use polars::prelude::*;

use super::conversations::{self, Turns};
use super::follow_up::{self, NewConnection, OutboundIndex};
use super::people::People;
use super::relationships::{self, Counterpart, Dormant};
use super::{Scope, engagement};

/// The shared results of one scope.
///
/// They are computed together before the analyses run ([`Shared::compute`]), not lazily
/// behind a lock: an analysis waiting on a lock inside the rayon pool could be handed the
/// very task that holds it, and wait for ever.
#[derive(Debug)]
pub struct Shared {
    counterparts: Vec<Counterpart>,
    two_person: DataFrame,
    owner_turns: Turns,
    dormant: Vec<Dormant>,
    outbound: OutboundIndex,
    new_connections: Vec<NewConnection>,
    content: DataFrame,
    people: People,
}

impl Shared {
    /// Computes every shared result of `scope`, the independent ones in parallel.
    pub fn compute(scope: &Scope) -> PolarsResult<Shared> {
        let ((counterparts, dormant, people), (conversation, (outbound, content))) = rayon::join(
            || {
                let ((counterparts, dormant), people) = rayon::join(
                    || {
                        rayon::join(
                            || relationships::counterparts(&scope.within.interactions),
                            || relationships::dormant_list(scope),
                        )
                    },
                    || People::of(&scope.all),
                );
                (counterparts, dormant, people)
            },
            || {
                rayon::join(
                    || -> PolarsResult<(DataFrame, Turns)> {
                        let frame = conversations::two_person(&scope.within.messages)?;
                        let messages = conversations::rows(&frame)?;
                        let turns = conversations::turns(&messages, true, scope.period.end);
                        Ok((frame, turns))
                    },
                    || {
                        rayon::join(
                            || follow_up::outbound_index(&scope.all, scope.persons),
                            || engagement::content_scope(&scope.within.posts),
                        )
                    },
                )
            },
        );
        let (two_person, owner_turns) = conversation?;
        let outbound = outbound?;
        let new_connections = follow_up::new_connections(scope, &outbound)?;
        let people = people?;
        // Every listed person by the best name the whole archive gives, with their profile
        // and accounts; in the overall scope, the accounts linked into one person as one.
        let counterparts = relationships::merge_persons(counterparts?, scope, &people);
        let mut dormant = dormant?;
        for d in &mut dormant {
            let name = d.counterpart_name.take();
            d.counterpart_name = scope.person_name(&people, &d.platform, &d.counterpart_id, name);
            d.profile_url = scope.profile_url(&d.platform, &d.counterpart_id);
            d.accounts = scope.accounts_of(&d.platform, &d.counterpart_id);
        }
        Ok(Shared {
            counterparts,
            two_person,
            owner_turns,
            dormant,
            outbound,
            new_connections,
            content: content?,
            people,
        })
    }

    /// The names the whole archive gives to the scope's counterparts.
    pub fn people(&self) -> &People {
        &self.people
    }

    /// Every counterpart of the period's interactions, strongest first.
    pub fn counterparts(&self) -> &[Counterpart] {
        &self.counterparts
    }

    /// The period's two-person messages sorted by platform, conversation and time.
    pub fn two_person(&self) -> &DataFrame {
        &self.two_person
    }

    /// The turns the owner answers (or leaves open) in the two-person conversations.
    pub fn owner_turns(&self) -> &Turns {
        &self.owner_turns
    }

    /// Dormant relationships, most interactions before first.
    pub fn dormant(&self) -> &[Dormant] {
        &self.dormant
    }

    /// The owner's outbound interaction times per counterpart, in the whole dataset.
    pub fn outbound(&self) -> &OutboundIndex {
        &self.outbound
    }

    /// The period's new connections, each marked followed up or not.
    pub fn new_connections(&self) -> &[NewConnection] {
        &self.new_connections
    }

    /// The content scope of the period's posts, with `engagement`.
    pub fn content(&self) -> &DataFrame {
        &self.content
    }
}
