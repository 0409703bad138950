//! Loading dictionaries: the built-in set embedded in the binary, and user files or directories in dyad's
//! format or PETRARCH's (detected from content).

use crate::model::DictionarySet;
use std::path::{Path, PathBuf};

/// The built-in dictionaries (`dicts/` in the repository), embedded at build time.
pub const BUILTIN: &[(&str, &str)] = &[
    (
        "builtin:countries.txt",
        include_str!("../../../dicts/countries.txt"),
    ),
    (
        "builtin:organisations.txt",
        include_str!("../../../dicts/organisations.txt"),
    ),
    (
        "builtin:leaders.txt",
        include_str!("../../../dicts/leaders.txt"),
    ),
    (
        "builtin:agents.txt",
        include_str!("../../../dicts/agents.txt"),
    ),
    (
        "builtin:leaders_more.txt",
        include_str!("../../../dicts/leaders_more.txt"),
    ),
    (
        "builtin:leaders_history.txt",
        include_str!("../../../dicts/leaders_history.txt"),
    ),
    (
        "builtin:agencies.txt",
        include_str!("../../../dicts/agencies.txt"),
    ),
    (
        "builtin:actions.txt",
        include_str!("../../../dicts/actions.txt"),
    ),
    (
        "builtin:discards.txt",
        include_str!("../../../dicts/discards.txt"),
    ),
    (
        "builtin:issues.txt",
        include_str!("../../../dicts/issues.txt"),
    ),
];

/// Reads the built-in dictionaries.
pub fn builtin() -> DictionarySet {
    let mut set = DictionarySet::default();
    for (name, text) in BUILTIN {
        set.extend(crate::format::read(text, name));
    }
    set
}

/// Errors loading user dictionaries.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// A file or directory could not be read.
    #[error("cannot read {path}: {message}")]
    Io {
        /// The path.
        path: String,
        /// The OS error.
        message: String,
    },
    /// A file is in no dictionary format dyad knows.
    #[error("{0}: not a dictionary in dyad's or PETRARCH's format")]
    UnknownFormat(String),
}

/// The formats a dictionary file can be in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileFormat {
    /// dyad's own format.
    Dyad,
    /// A PETRARCH/TABARI dictionary of the given kind.
    Petrarch(crate::petrarch::PetrarchKind),
}

/// Detects a dictionary file's format from its content.
pub fn detect(text: &str) -> Option<FileFormat> {
    let dyad = text.lines().take(400).any(|line| {
        let head = line.split(':').next().unwrap_or("");
        matches!(
            head,
            "country" | "actor" | "agent" | "set" | "action" | "discard" | "issue"
        ) && line.contains(':')
    });
    if dyad {
        return Some(FileFormat::Dyad);
    }
    crate::petrarch::detect(text).map(FileFormat::Petrarch)
}

/// Reads one dictionary file (any supported format).
pub fn load_file(path: &Path) -> Result<DictionarySet, LoadError> {
    let name = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| LoadError::Io {
        path: name.clone(),
        message: e.to_string(),
    })?;
    let text = String::from_utf8_lossy(&bytes);
    match detect(&text) {
        Some(FileFormat::Dyad) => Ok(crate::format::read(&text, &name)),
        Some(FileFormat::Petrarch(kind)) => Ok(crate::petrarch::read(&text, &name, kind)),
        None => Err(LoadError::UnknownFormat(name)),
    }
}

/// Reads a file, or every dictionary file of a directory (sorted; files in no known format are passed over
/// when they are in a directory, an error when named directly).
pub fn load_path(path: &Path) -> Result<DictionarySet, LoadError> {
    if !path.is_dir() {
        return load_file(path);
    }
    let entries = std::fs::read_dir(path).map_err(|e| LoadError::Io {
        path: path.display().to_string(),
        message: e.to_string(),
    })?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    let mut set = DictionarySet::default();
    for file in files {
        match load_file(&file) {
            Ok(part) => set.extend(part),
            Err(LoadError::UnknownFormat(_)) => {}
            Err(error) => return Err(error),
        }
    }
    Ok(set)
}

/// The dictionaries a run uses: the built-in set unless `no_builtin`, plus every `--dict` path.
pub fn load(paths: &[PathBuf], no_builtin: bool) -> Result<DictionarySet, LoadError> {
    let mut set = if no_builtin {
        DictionarySet::default()
    } else {
        builtin()
    };
    for path in paths {
        set.extend(load_path(path)?);
    }
    Ok(set)
}
