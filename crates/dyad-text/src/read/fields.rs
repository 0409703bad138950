//! Which JSON/CSV fields hold a document's id, title, text, date, url and source, with auto-detection of
//! the names common news schemas use.

/// Field names; `None` means auto-detect from the candidates below.
#[derive(Debug, Clone, Default)]
pub struct FieldMap {
    /// Identifier field.
    pub id: Option<String>,
    /// Headline field.
    pub title: Option<String>,
    /// Body text field.
    pub text: Option<String>,
    /// Publication date field.
    pub date: Option<String>,
    /// URL field.
    pub url: Option<String>,
    /// Publisher/source field.
    pub source: Option<String>,
}

/// Candidate names per field, in order of preference (matched case-insensitively).
pub const ID_FIELDS: &[&str] = &[
    "id",
    "doc_id",
    "docid",
    "newid",
    "article_id",
    "uuid",
    "guid",
    "aid",
    "story_id",
    "",
];
/// Candidate headline fields.
pub const TITLE_FIELDS: &[&str] = &["title", "headline", "head", "heading"];
/// Candidate body fields.
pub const TEXT_FIELDS: &[&str] = &[
    "text",
    "body",
    "content",
    "maintext",
    "article",
    "article_text",
    "story",
    "story_text",
    "full_text",
    "fulltext",
    "description",
];
/// Candidate date fields.
pub const DATE_FIELDS: &[&str] = &[
    "date",
    "publish_date",
    "published",
    "published_at",
    "date_publish",
    "publication_date",
    "pubdate",
    "pub_date",
    "datetime",
    "timestamp",
    "created_at",
    "story_date",
];
/// Candidate URL fields.
pub const URL_FIELDS: &[&str] = &["url", "link", "source_url", "sourceurl", "uri"];
/// Candidate source fields.
pub const SOURCE_FIELDS: &[&str] = &[
    "source",
    "publisher",
    "source_name",
    "outlet",
    "site",
    "domain",
    "feed",
];

/// Resolves one field: the configured name if set, else the first candidate present in `names`.
pub fn resolve<'a>(
    configured: Option<&'a str>,
    candidates: &[&'a str],
    names: &[String],
) -> Option<String> {
    match configured {
        Some(name) => Some(name.to_string()),
        None => candidates
            .iter()
            .find_map(|c| names.iter().find(|n| n.eq_ignore_ascii_case(c)).cloned()),
    }
}
