//! The one table of analyses: each one's key in summary.json, its function and its report
//! section. An analysis is one file in `analysis/`, one in `report/sections/` and one line
//! here; summary.json, its schema, the headline table and the report follow from it.

use schemars::{JsonSchema, Schema, SchemaGenerator};

use super::schema::figures_of;
use crate::analysis::actions::Actions;
use crate::analysis::broadcast::Broadcast;
use crate::analysis::consistency::Consistency;
use crate::analysis::conversations::{Responsiveness, Starters};
use crate::analysis::engagement::Engagement;
use crate::analysis::follow_up::FollowUp;
use crate::analysis::growth::Growth;
use crate::analysis::history::HistoryFigures;
use crate::analysis::invitations::Invitations;
use crate::analysis::lift::Lift;
use crate::analysis::one_on_one::OneOnOne;
use crate::analysis::relationships::{DormantFigures, Strength, Supporters};
use crate::analysis::{
    AnalysisFn, actions, broadcast, consistency, conversations, engagement, follow_up, growth,
    history, invitations, lift, one_on_one, relationships,
};
use crate::report::sections::{
    ReportSection, actions::ActionsSection, broadcast::BroadcastSection,
    consistency::ConsistencySection, follow_up::FollowUpSection, growth::GrowthSection,
    invitations::InvitationsSection, posts::Posts, relationships::Relationships,
    responsiveness::ResponsivenessSection, timing::Timing,
};

/// One analysis.
pub struct Registered {
    /// Its key in summary.json.
    pub key: &'static str,
    /// The function.
    pub run: AnalysisFn,
    /// Its section of the report, where it has one of its own (a section may also read
    /// the results of the analyses registered before it).
    pub section: Option<&'static dyn ReportSection>,
    /// The JSON Schema of its figures (its result type's).
    pub schema: fn(&mut SchemaGenerator) -> Schema,
}

const fn entry<T: JsonSchema>(
    key: &'static str,
    run: AnalysisFn,
    section: Option<&'static dyn ReportSection>,
) -> Registered {
    Registered {
        key,
        run,
        section,
        schema: figures_of::<T>,
    }
}

/// Every analysis, in the order of summary.json, of the headline table and of the report's
/// sections.
pub const ANALYSES: &[Registered] = &[
    entry::<Engagement>("engagement", engagement::run, Some(&Posts)),
    entry::<Lift>("lift", lift::run, Some(&Timing)),
    entry::<Consistency>("consistency", consistency::run, Some(&ConsistencySection)),
    entry::<Responsiveness>(
        "responsiveness",
        conversations::responsiveness,
        Some(&ResponsivenessSection),
    ),
    entry::<Responsiveness>(
        "responsiveness_of_others",
        conversations::responsiveness_of_others,
        None,
    ),
    entry::<Starters>("conversation_starters", conversations::starters, None),
    entry::<Strength>(
        "counterpart_strength",
        relationships::strength,
        Some(&Relationships),
    ),
    entry::<Supporters>("supporters", relationships::supporters, None),
    entry::<DormantFigures>("dormant", relationships::dormant, None),
    entry::<FollowUp>("follow_up", follow_up::run, Some(&FollowUpSection)),
    entry::<OneOnOne>("one_on_one", one_on_one::run, None),
    entry::<Invitations>("invitations", invitations::run, Some(&InvitationsSection)),
    entry::<Broadcast>("broadcast", broadcast::run, Some(&BroadcastSection)),
    entry::<HistoryFigures>("history", history::run, None),
    entry::<Growth>("growth", growth::run, Some(&GrowthSection)),
    entry::<Actions>("actions", actions::run, Some(&ActionsSection)),
];

/// The analyses as the runner takes them.
pub fn analyses() -> Vec<(&'static str, AnalysisFn)> {
    ANALYSES.iter().map(|a| (a.key, a.run)).collect()
}

/// The sections, in registry order.
pub fn sections() -> Vec<&'static dyn ReportSection> {
    ANALYSES.iter().filter_map(|a| a.section).collect()
}
