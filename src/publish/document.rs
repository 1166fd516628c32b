//! The neutral document tree: what a legal document says, before it is
//! written as HTML or Markdown. Built from the model of an analysed
//! reglement (see [`super::build`]); the writers only lay it out.

use crate::syntax::ast::{DocumentKind, Status};
use chrono::NaiveDate;

/// One legal document of a reglement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    pub kind: DocumentKind,
    pub header: Header,
    /// The articles, in the order of the source (a regional section right
    /// after the section of the reglement that uses it).
    pub articles: Vec<Article>,
}

/// What a reader must know about the version before reading it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    /// "Toewijzingsreglement", "Intern huurreglement", "Huishoudelijk reglement".
    pub document_title: String,
    /// The title of the `reglement` section.
    pub reglement_title: Option<String>,
    pub woonmaatschappij: String,
    pub afkorting: Option<String>,
    pub toewijzingsraad: Option<String>,
    pub versie: Option<String>,
    pub geldig_vanaf: Option<NaiveDate>,
    pub geldig_tot: Option<NaiveDate>,
    pub status: Option<Status>,
    /// The content hash of the sources (`Sources::content_hash`).
    pub bron_hash: String,
    /// Who adopts this document.
    pub vastgesteld_door: String,
    pub regio: Option<RegioInfo>,
    /// The area the document applies to when it is a deelwerkingsgebied
    /// ("deelwerkingsgebied Zuid"), or the werkingsgebied by name.
    pub gebied: Option<String>,
    /// The other documents of the woonmaatschappij this one is applied with
    /// ("intern huurreglement: wil.reglement (sha256:…)").
    pub samen_met: Vec<String>,
}

impl Header {
    /// The status as the drafter writes it.
    pub fn status_label(&self) -> &'static str {
        match self.status {
            Some(Status::Ontwerp) => "ontwerp",
            Some(Status::Goedgekeurd) => "goedgekeurd",
            None => "niet vermeld",
        }
    }
}

/// The shared regional file the reglement uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegioInfo {
    pub titel: String,
    pub versie: Option<String>,
    /// The file name as the reglement refers to it.
    pub bestand: String,
    pub woonmaatschappijen: Vec<String>,
    /// The hash of what the regional file alone means (`region::Frame`).
    pub bron_hash: String,
    /// Who adopted the frame, as it records it: "toewijzingsraad DNK: 20
    /// november 2023", "…: nog niet aangenomen".
    pub aanneming: Vec<String>,
}

/// An article (or a sub-article such as a criterion of the weighting frame).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    /// The article number as written in the source ("3", "3.1").
    pub number: Option<String>,
    pub title: String,
    /// For a section of the regional file: where it comes from.
    pub origin: Option<String>,
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Paragraph(String),
    /// A `motivering`: the reasons the raad gives.
    Motivation(String),
    List(Vec<String>),
    /// An ordered list (the pillar-1 order).
    Ordered(Vec<String>),
    Table(Table),
    /// A sub-article: a criterion, a target group.
    Sub(Article),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub caption: Option<String>,
    pub head: Vec<String>,
    /// Which columns hold numbers (right-aligned).
    pub numeric: Vec<bool>,
    pub rows: Vec<Row>,
    /// Totals.
    pub foot: Vec<Row>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Row {
    Cells(Vec<String>),
    /// A heading row spanning the table (a group of situations).
    Group(String),
}

impl Table {
    pub fn new(head: &[&str], numeric: &[bool]) -> Table {
        Table {
            caption: None,
            head: head.iter().map(|s| s.to_string()).collect(),
            numeric: numeric.to_vec(),
            rows: Vec::new(),
            foot: Vec::new(),
        }
    }

    pub fn caption(mut self, text: impl Into<String>) -> Table {
        self.caption = Some(text.into());
        self
    }

    pub fn row(&mut self, cells: Vec<String>) {
        self.rows.push(Row::Cells(cells));
    }

    pub fn group(&mut self, label: impl Into<String>) {
        self.rows.push(Row::Group(label.into()));
    }

    pub fn total(&mut self, cells: Vec<String>) {
        self.foot.push(Row::Cells(cells));
    }

    pub fn is_numeric(&self, column: usize) -> bool {
        self.numeric.get(column).copied().unwrap_or(false)
    }
}

impl Article {
    /// "Artikel 3.1 – Actuele woonnood", or the title alone without a number.
    pub fn heading(&self) -> String {
        match &self.number {
            Some(n) => format!("Artikel {n}. {}", self.title),
            None => self.title.clone(),
        }
    }
}
