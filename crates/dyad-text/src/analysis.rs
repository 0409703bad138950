//! The analysed document: units (sentences and furniture lines) over one token array, every span a byte
//! range of the original text. Later stages (actors, clauses, events) annotate these spans.

use crate::lexicon::lemmatize;
use crate::segment::{Block, UnitKind, blocks, dateline_length, sentence_ends, trim};
use crate::tag::{CaseStyle, TagScratch, TaggerModel, model, tag_sentence};
use crate::token::{Token, tokenize};
use serde::Serialize;
use std::ops::Range;

/// A unit of text: a body sentence or a non-body line, with its tokens.
#[derive(Debug, Clone, Serialize)]
pub struct Unit {
    /// What the unit is.
    pub kind: UnitKind,
    /// Byte offset of the unit's first byte.
    pub start: u32,
    /// Byte offset one past the unit's last byte.
    pub end: u32,
    /// 0-based paragraph number (each furniture line counts as its own paragraph).
    pub paragraph: u32,
    /// The unit's tokens: indices into [`Analysis::tokens`].
    #[serde(skip)]
    pub tokens: Range<u32>,
}

impl Unit {
    /// The unit's text.
    pub fn text<'a>(&self, doc: &'a str) -> &'a str {
        &doc[self.start as usize..self.end as usize]
    }
}

/// The analysis of one document's text.
#[derive(Debug, Clone, Default)]
pub struct Analysis {
    /// Letter-case style detected for the document.
    pub case: Option<CaseStyle>,
    /// Units in text order.
    pub units: Vec<Unit>,
    /// All tokens of all units, in text order.
    pub tokens: Vec<Token>,
}

impl Analysis {
    /// The tokens of one unit.
    pub fn unit_tokens(&self, unit: &Unit) -> &[Token] {
        &self.tokens[unit.tokens.start as usize..unit.tokens.end as usize]
    }

    /// The body sentences.
    pub fn sentences(&self) -> impl Iterator<Item = &Unit> {
        self.units.iter().filter(|u| u.kind.is_body())
    }
}

/// Runs segmentation, tokenisation, tagging and lemmatisation. Cheap to create; reuse across documents
/// on one thread to keep its scratch buffers.
pub struct Analyzer {
    model: &'static TaggerModel,
    ends: Vec<usize>,
    scratch: TagScratch,
}

impl Default for Analyzer {
    fn default() -> Self {
        Analyzer {
            model: model(),
            ends: Vec::new(),
            scratch: TagScratch::default(),
        }
    }
}

impl Analyzer {
    /// Analyses `text`.
    pub fn analyse(&mut self, text: &str) -> Analysis {
        let case = CaseStyle::detect(text);
        let mut analysis = Analysis {
            case: Some(case),
            units: Vec::new(),
            tokens: Vec::with_capacity(text.len() / 5),
        };
        let mut body_seen = false;
        for block in blocks(text, case) {
            let Block {
                start,
                end,
                kind,
                paragraph,
            } = block;
            if kind != UnitKind::Body {
                self.push_unit(text, &mut analysis, kind, start, end, paragraph, case);
                continue;
            }
            let mut body_start = start;
            if !body_seen && let Some(len) = dateline_length(&text[start..end], case) {
                let (s, e) = trim(text, start, start + len);
                self.push_unit(
                    text,
                    &mut analysis,
                    UnitKind::Dateline,
                    s,
                    e,
                    paragraph,
                    case,
                );
                body_start = start + len;
            }
            body_seen = true;
            let first = analysis.tokens.len();
            tokenize(text, body_start..end, &mut analysis.tokens);
            self.ends.clear();
            sentence_ends(text, &analysis.tokens[first..], case, &mut self.ends);
            let mut from = first;
            let ends = std::mem::take(&mut self.ends);
            for &stop in &ends {
                let to = first + stop;
                if to > from {
                    let s = analysis.tokens[from].start;
                    let e = analysis.tokens[to - 1].end;
                    analysis.units.push(Unit {
                        kind: UnitKind::Body,
                        start: s,
                        end: e,
                        paragraph,
                        tokens: from as u32..to as u32,
                    });
                    self.tag(text, &mut analysis.tokens[from..to], case);
                }
                from = to;
            }
            self.ends = ends;
        }
        analysis
    }

    #[allow(clippy::too_many_arguments)]
    fn push_unit(
        &mut self,
        text: &str,
        analysis: &mut Analysis,
        kind: UnitKind,
        start: usize,
        end: usize,
        paragraph: u32,
        case: CaseStyle,
    ) {
        let first = analysis.tokens.len();
        tokenize(text, start..end, &mut analysis.tokens);
        let last = analysis.tokens.len();
        self.tag(text, &mut analysis.tokens[first..last], case);
        analysis.units.push(Unit {
            kind,
            start: start as u32,
            end: end as u32,
            paragraph,
            tokens: first as u32..last as u32,
        });
    }

    fn tag(&mut self, text: &str, tokens: &mut [Token], case: CaseStyle) {
        tag_sentence(self.model, text, tokens, case, &mut self.scratch);
        for token in tokens.iter_mut() {
            token.lemma = lemmatize(text, token);
        }
    }
}
