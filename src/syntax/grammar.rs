//! The pest parser generated from `grammar/reglement.pest`.

#[derive(pest_derive::Parser)]
#[grammar = "../grammar/reglement.pest"]
pub struct ReglementParser;
