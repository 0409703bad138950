//! Input options shared by every command that reads documents.

use anyhow::{Context, Result};
use clap::Args;
use dyad_text::read::{FieldMap, Format, Limits, ReadOptions};
use std::path::PathBuf;

/// Where documents come from and how to read them.
#[derive(Args, Debug, Clone)]
pub struct InputArgs {
    /// Input files or directories (walked recursively); `-` or nothing reads standard input.
    pub inputs: Vec<PathBuf>,
    /// Input format: auto (by extension), text, jsonl, csv, html, warc. Compression is detected.
    #[arg(long, default_value = "auto")]
    pub format: Format,
    /// Publication date for documents that carry none (YYYY-MM-DD).
    #[arg(long)]
    pub date: Option<jiff::civil::Date>,
    /// JSONL/CSV field holding the document id.
    #[arg(long, value_name = "FIELD")]
    pub id_field: Option<String>,
    /// JSONL/CSV field holding the headline.
    #[arg(long, value_name = "FIELD")]
    pub title_field: Option<String>,
    /// JSONL/CSV field holding the body text.
    #[arg(long, value_name = "FIELD")]
    pub text_field: Option<String>,
    /// JSONL/CSV field holding the publication date.
    #[arg(long, value_name = "FIELD")]
    pub date_field: Option<String>,
    /// JSONL/CSV field holding the URL.
    #[arg(long, value_name = "FIELD")]
    pub url_field: Option<String>,
    /// JSONL/CSV field holding the source/publisher.
    #[arg(long, value_name = "FIELD")]
    pub source_field: Option<String>,
    /// Largest document or record accepted, in bytes.
    #[arg(long, default_value_t = Limits::default().max_doc_bytes)]
    pub max_doc_bytes: usize,
    /// Replace invalid UTF-8 with U+FFFD instead of rejecting the record.
    #[arg(long)]
    pub lossy: bool,
    /// Write rejected records (file, line/record, error) to this JSONL file.
    #[arg(long, value_name = "FILE")]
    pub errors: Option<PathBuf>,
    /// Exit with status 1 if any record failed.
    #[arg(long)]
    pub strict: bool,
}

impl InputArgs {
    /// The reader options these arguments describe.
    pub fn read_options(&self) -> ReadOptions {
        ReadOptions {
            format: self.format,
            fields: FieldMap {
                id: self.id_field.clone(),
                title: self.title_field.clone(),
                text: self.text_field.clone(),
                date: self.date_field.clone(),
                url: self.url_field.clone(),
                source: self.source_field.clone(),
            },
            limits: Limits {
                max_doc_bytes: self.max_doc_bytes,
            },
            default_date: self.date,
            lossy: self.lossy,
        }
    }

    /// The input paths, with directories expanded; standard input when none are given.
    pub fn paths(&self) -> Result<Vec<PathBuf>> {
        if self.inputs.is_empty() {
            return Ok(vec![PathBuf::from("-")]);
        }
        let paths = dyad_text::read::expand_inputs(&self.inputs);
        for input in &self.inputs {
            if input.as_os_str() != "-" && !input.exists() {
                // Reported per record too; this makes a mistyped path obvious at once.
                std::fs::metadata(input)
                    .with_context(|| format!("cannot read {}", input.display()))?;
            }
        }
        Ok(paths)
    }
}
