//! Loading dictionaries: the built-in set embedded in the binary, and user files or directories in dyad's
//! format or PETRARCH's (detected from content).

use crate::model::DictionarySet;
use std::path::{Path, PathBuf};

#[path = "builtin_files.rs"]
mod builtin_files;
pub use builtin_files::BUILTIN_FILES;

/// The built-in dictionaries, parsed at build time from `dicts/*.txt` by `build.rs` (source positions and
/// rejected lines included) and embedded as a postcard image of their [`DictionarySet`] (compact, and
/// decoded without the per-value type dispatch and by-name enum variants of a self-describing format).
static IMAGE: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/builtin.postcard"));

/// `bytes` as the part of the built-in image they are, when they lie inside it (as the bytes of the strings
/// decoded from it do): the same bytes, borrowed for the life of the program.
pub(crate) fn in_image(bytes: &[u8]) -> Option<&'static [u8]> {
    let offset = (bytes.as_ptr() as usize).checked_sub(IMAGE.as_ptr() as usize)?;
    IMAGE.get(offset..offset.checked_add(bytes.len())?)
}

/// Reads the built-in dictionaries (decodes the embedded image).
pub fn builtin() -> DictionarySet {
    // The image is written by the build script from these same types, so decoding it cannot fail at run
    // time; `tests::the_image_matches_the_text` checks it against the text.
    postcard::from_bytes(IMAGE).expect("the built-in dictionary image decodes")
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The embedded image decodes to exactly the set the text reader makes of `dicts/*.txt`.
    #[test]
    fn the_image_matches_the_text() {
        let dicts = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../dicts");
        let mut parsed = DictionarySet::default();
        for name in BUILTIN_FILES {
            let text = std::fs::read_to_string(dicts.join(name)).expect("dicts/ is readable");
            parsed.extend(crate::format::read(&text, &format!("builtin:{name}")));
        }
        let decoded = builtin();
        assert_eq!(decoded.actors.len(), parsed.actors.len());
        assert_eq!(decoded.patterns.len(), parsed.patterns.len());
        assert_eq!(decoded.agents.len(), parsed.agents.len());
        assert_eq!(decoded.rejected, parsed.rejected);
        let lavrov = |set: &DictionarySet| {
            set.actors
                .iter()
                .find(|a| a.name.contains("Lavrov"))
                .map(|a| (a.codes.clone(), a.source.clone()))
        };
        assert!(lavrov(&parsed).is_some());
        assert_eq!(lavrov(&decoded), lavrov(&parsed));
        // The whole set: re-encoding the decoded set gives the encoding of the parsed one.
        let encode = |set: &DictionarySet| postcard::to_allocvec(set).expect("the set serializes");
        assert!(
            encode(&decoded) == encode(&parsed),
            "the image differs from the text"
        );
    }
}
