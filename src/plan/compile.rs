//! Compilation: a checked [`Analysis`] → an executable [`Plan`].

use super::Plan;
use crate::analysis::Analysis;

/// Why a plan could not be made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CompileError {
    /// The reglement has errors; the diagnostics say which.
    HasErrors(usize),
}

/// Compile an analysed reglement. Refuses a reglement with errors.
pub fn compile(analysis: &Analysis) -> Result<Plan, CompileError> {
    let errors = analysis
        .diagnostics
        .iter()
        .filter(|d| d.severity == crate::diagnostic::Severity::Error)
        .count();
    Err(CompileError::HasErrors(errors))
}
