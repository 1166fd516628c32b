//! Editor features as plain data, for the language server (`lsp/`): what a
//! drafter sees on hover, what completion offers, where a name is defined
//! and used, the outline, the colouring and the quick fixes. Everything
//! here reads an [`Analysis`](crate::Analysis) and speaks byte offsets; the
//! server converts to the protocol's positions in one place.

pub mod complete;
pub mod fixes;
pub mod grammar;
pub mod hover;
pub mod keywords;
pub mod navigate;
pub mod outline;
pub mod tokens;

use crate::source::FileId;
use crate::span::Span;

/// A place in one of the analysed files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    pub file: FileId,
    pub span: Span,
}

/// A text edit: replace `span` of `file` by `text`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub file: FileId,
    pub span: Span,
    pub text: String,
}

/// For the unit tests: the Kempen example with the pillar-2 groups written
/// in its own versnelde toewijzing again (they moved to the regional frame,
/// kempen-regio.reglement art. 3.6), so that completion, hover and rename
/// can be tried inside such a group.
#[cfg(test)]
pub(crate) fn kempen_with_own_pillar2_groups() -> String {
    let main = include_str!("../../examples/kempen.reglement");
    let regio = include_str!("../../examples/kempen-regio.reglement");
    let start = regio
        .find("    doelgroep dak-en-thuisloos")
        .expect("the frame's pillar-2 groups");
    let end = regio
        .find("    motivering \"De doelgroepen van de wettelijke hoofdgroepen")
        .expect("the end of the frame's pillar-2 groups");
    let comment = main
        .lines()
        .find(|l| {
            l.trim_start()
                .starts_with("# de doelgroepen dak-en-thuisloos")
        })
        .expect("the comment where the groups were");
    main.replacen(&format!("{comment}\n"), &regio[start..end], 1)
}
