//! Parses the built-in dictionaries (`dicts/*.txt`) with the same reader the run-time text path uses and
//! writes them as a postcard image to `$OUT_DIR/builtin.postcard`, which `load::builtin` decodes, so
//! runs do not parse the text.

use std::path::Path;

#[allow(dead_code)]
#[path = "src/builtin_files.rs"]
mod builtin_files;
#[allow(dead_code)]
#[path = "src/format.rs"]
mod format;
#[allow(dead_code)]
#[path = "src/text.rs"]
mod text;
/// The build script decodes no image: no string lies in one.
mod load {
    pub(crate) fn in_image(_: &[u8]) -> Option<&'static [u8]> {
        None
    }
}
#[allow(dead_code)]
#[path = "src/model.rs"]
mod model;

fn main() {
    for source in [
        "build.rs",
        "src/builtin_files.rs",
        "src/format.rs",
        "src/model.rs",
        "src/text.rs",
    ] {
        println!("cargo:rerun-if-changed={source}");
    }
    let manifest = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let dicts = Path::new(&manifest).join("../../dicts");
    let mut set = model::DictionarySet::default();
    for name in builtin_files::BUILTIN_FILES {
        let path = dicts.join(name);
        println!("cargo:rerun-if-changed={}", path.display());
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        set.extend(format::read(&text, &format!("builtin:{name}")));
    }
    for rejected in &set.rejected {
        println!(
            "cargo:warning={}:{}: {}",
            rejected.source.file, rejected.source.line, rejected.reason
        );
    }
    let image = postcard::to_allocvec(&set).expect("the dictionary set serializes");
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    std::fs::write(Path::new(&out).join("builtin.postcard"), image)
        .expect("cannot write the dictionary image");
}
