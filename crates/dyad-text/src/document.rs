//! The document: text plus metadata, as every reader produces it.

use jiff::civil::Date;
use serde::Serialize;

/// Where a document came from: the file and, inside it, the line or record number (1-based).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Origin {
    /// Path of the input file, or `-` for standard input.
    pub path: String,
    /// 1-based line (JSONL, CSV: the line where the record starts) or record number (WARC); `None` for
    /// one-document files.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub record: Option<u64>,
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.record {
            Some(n) => write!(f, "{}:{}", self.path, n),
            None => f.write_str(&self.path),
        }
    }
}

/// One news document with its metadata. `text` is the body to analyse; `title` is kept apart.
#[derive(Debug, Clone, Serialize)]
pub struct Document {
    /// Stable identifier: the record's own id, else derived from the origin.
    pub id: String,
    /// Headline, when the source gives one separately from the body.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The text to analyse.
    pub text: String,
    /// Publication date (from the record, the page, or `--date`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    /// Canonical URL, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Publisher or feed name, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Where the record was read from.
    pub origin: Origin,
}

/// The host of a URL without a leading `www.` ("bbc.co.uk"), as GDELT names sources.
pub fn url_host(url: &str) -> Option<&str> {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit_once('@').map_or(host, |(_, host)| host);
    let host = host.split(':').next()?;
    let host = host.strip_prefix("www.").unwrap_or(host);
    (!host.is_empty()).then_some(host)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_hosts_lose_scheme_path_port_and_www() {
        assert_eq!(
            url_host("https://www.bbc.co.uk/news/1?x=2"),
            Some("bbc.co.uk")
        );
        assert_eq!(
            url_host("http://user@example.org:8080/a"),
            Some("example.org")
        );
        assert_eq!(url_host("reuters.com/article"), Some("reuters.com"));
        assert_eq!(url_host("https:///path"), None);
    }
}
