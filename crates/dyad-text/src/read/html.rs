//! HTML pages: main content extracted with `dom_smoothie` (a Readability port), title and publication
//! date from the page's metadata.

use super::input::{Input, decode_text, read_to_limit};
use super::{ReadOptions, Record, RecordError, reject};
use crate::document::{Document, Origin};
use std::path::Path;

/// What extraction finds in a page.
#[derive(Debug, Clone)]
pub struct HtmlPage {
    /// The page title.
    pub title: Option<String>,
    /// Main content as plain text, paragraphs separated by blank lines.
    pub text: String,
    /// Publication date from the page's metadata, as written there.
    pub published: Option<String>,
}

/// Extracts the main content of an HTML page.
pub fn extract_html(html: &str, url: Option<&str>) -> Result<HtmlPage, RecordError> {
    let config = dom_smoothie::Config {
        text_mode: dom_smoothie::TextMode::Formatted,
        max_elements_to_parse: 200_000,
        ..Default::default()
    };
    let mut readability = dom_smoothie::Readability::new(html, url, Some(config))
        .map_err(|e| RecordError::NoContent(e.to_string()))?;
    let article = readability
        .parse()
        .map_err(|e| RecordError::NoContent(e.to_string()))?;
    let text = normalise_paragraphs(&article.text_content);
    if text.trim().is_empty() {
        return Err(RecordError::NoContent(
            "the page has no article text".into(),
        ));
    }
    let published = article.published_time.clone().or_else(|| meta_date(html));
    Ok(HtmlPage {
        title: Some(article.title.trim().to_string()).filter(|t| !t.is_empty()),
        text,
        published,
    })
}

/// Collapses runs of blank lines and trims each line, keeping paragraph breaks.
fn normalise_paragraphs(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = false;
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() {
            blank = !out.is_empty();
            continue;
        }
        if blank {
            out.push_str("\n\n");
        } else if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(line);
        blank = false;
    }
    out
}

/// A publication date from common meta tags or a `<time datetime>` element, scanning the raw HTML.
fn meta_date(html: &str) -> Option<String> {
    const KEYS: &[&str] = &[
        "article:published_time",
        "og:published_time",
        "datepublished",
        "pubdate",
        "publishdate",
        "publish-date",
        "dc.date",
        "dc.date.issued",
        "date",
        "sailthru.date",
        "parsely-pub-date",
    ];
    let lower = html.to_ascii_lowercase();
    for key in KEYS {
        for quoted in [format!("\"{key}\""), format!("'{key}'")] {
            let mut from = 0;
            while let Some(at) = lower[from..].find(&quoted) {
                let at = from + at;
                from = at + quoted.len();
                let tag_start = lower[..at].rfind('<')?;
                let tag_end = at + lower[at..].find('>')?;
                let tag = &html[tag_start..tag_end];
                if let Some(content) =
                    attribute(tag, "content").or_else(|| attribute(tag, "datetime"))
                    && crate::date::parse_date(&content).is_some()
                {
                    return Some(content);
                }
            }
        }
    }
    let at = lower.find("<time")?;
    let end = at + lower[at..].find('>')?;
    attribute(&html[at..end], "datetime")
}

fn attribute(tag: &str, name: &str) -> Option<String> {
    let lower = tag.to_ascii_lowercase();
    let at = lower.find(&format!("{name}="))? + name.len() + 1;
    let rest = &tag[at..];
    let quote = rest.chars().next()?;
    let value = if quote == '"' || quote == '\'' {
        let body = &rest[1..];
        &body[..body.find(quote)?]
    } else {
        rest.split(|c: char| c.is_whitespace() || c == '>').next()?
    };
    Some(value.to_string())
}

/// Reads one HTML file as a document.
pub fn read(mut reader: Input, name: &str, path: &Path, options: &ReadOptions) -> Record {
    let html = read_to_limit(&mut reader, options.limits.max_doc_bytes)
        .and_then(|bytes| decode_text(bytes, true))
        .map_err(|e| reject(name, None, e))?;
    let page = extract_html(&html, None).map_err(|e| reject(name, None, e))?;
    Ok(Document {
        id: super::text::document_id(path),
        title: page.title,
        text: page.text,
        date: page
            .published
            .as_deref()
            .and_then(crate::date::parse_date)
            .or(options.default_date),
        url: None,
        source: None,
        origin: Origin {
            path: name.to_string(),
            record: None,
        },
    })
}
