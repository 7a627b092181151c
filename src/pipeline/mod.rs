//! The pipeline as a library: inputs through one door, merge, scope, analyse, report. Every
//! command and test calls it; it is the only module that knows every stage.

pub mod gate;
pub mod registry;
