//! The one table of analyses: each one's key in summary.json, its function and its report
//! section. An analysis is one file in `analysis/`, one in `report/sections/` and one line
//! here; summary.json, its schema, the headline table and the report follow from it.

use crate::analysis::{
    AnalysisFn, actions, broadcast, consistency, conversations, engagement, follow_up, growth,
    invitations, lift, one_on_one, relationships,
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
}

const fn entry(
    key: &'static str,
    run: AnalysisFn,
    section: Option<&'static dyn ReportSection>,
) -> Registered {
    Registered { key, run, section }
}

/// Every analysis, in the order of summary.json, of the headline table and of the report's
/// sections.
pub const ANALYSES: &[Registered] = &[
    entry("engagement", engagement::run, Some(&Posts)),
    entry("lift", lift::run, Some(&Timing)),
    entry("consistency", consistency::run, Some(&ConsistencySection)),
    entry(
        "responsiveness",
        conversations::responsiveness,
        Some(&ResponsivenessSection),
    ),
    entry(
        "responsiveness_of_others",
        conversations::responsiveness_of_others,
        None,
    ),
    entry("conversation_starters", conversations::starters, None),
    entry(
        "counterpart_strength",
        relationships::strength,
        Some(&Relationships),
    ),
    entry("supporters", relationships::supporters, None),
    entry("dormant", relationships::dormant, None),
    entry("follow_up", follow_up::run, Some(&FollowUpSection)),
    entry("one_on_one", one_on_one::run, None),
    entry("invitations", invitations::run, Some(&InvitationsSection)),
    entry("broadcast", broadcast::run, Some(&BroadcastSection)),
    entry("growth", growth::run, Some(&GrowthSection)),
    entry("actions", actions::run, Some(&ActionsSection)),
];

/// The analyses as the runner takes them.
pub fn analyses() -> Vec<(&'static str, AnalysisFn)> {
    ANALYSES.iter().map(|a| (a.key, a.run)).collect()
}

/// The sections, in registry order.
pub fn sections() -> Vec<&'static dyn ReportSection> {
    ANALYSES.iter().filter_map(|a| a.section).collect()
}
