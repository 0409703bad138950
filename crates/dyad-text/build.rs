//! Extracts the Brill tagger model shipped in the `harper-brill` crate (Apache-2.0) into a compact text
//! file in OUT_DIR, so that dyad's own zero-allocation tagger can embed it without linking harper at run time.
//!
//! Output lines: `L<TAB>word<TAB>TAG` for the lexicon (sorted), then `P<TAB>from<TAB>to<TAB>criteria` for each
//! contextual patch in order, where criteria is a prefix expression:
//! `W rel word` (word at relative position), `T rel TAG` (tag at relative position),
//! `A rel TAG` (any tag within the relative window), `S TAG TAG` (previous/next tags), `C crit crit` (both).

use std::fmt::Write as _;
use std::path::PathBuf;

fn criteria(value: &serde_json::Value, out: &mut String) {
    let Some((kind, body)) = value.as_object().and_then(|o| o.iter().next()) else {
        panic!("unexpected patch criteria in harper model: {value}");
    };
    let int = |key: &str| {
        body[key]
            .as_i64()
            .unwrap_or_else(|| panic!("{kind}.{key} missing"))
    };
    let text = |key: &str| {
        body[key]
            .as_str()
            .unwrap_or_else(|| panic!("{kind}.{key} missing"))
            .to_string()
    };
    match kind.as_str() {
        "WordIs" => write!(out, "W {} {} ", int("relative"), text("word")),
        "WordIsTaggedWith" => write!(out, "T {} {} ", int("relative"), text("is_tagged")),
        "AnyWordIsTaggedWith" => write!(out, "A {} {} ", int("max_relative"), text("is_tagged")),
        "SandwichTaggedWith" => write!(
            out,
            "S {} {} ",
            text("prev_word_tagged"),
            text("post_word_tagged")
        ),
        "Combined" => {
            out.push_str("C ");
            criteria(&body["a"], out);
            criteria(&body["b"], out);
            Ok(())
        }
        other => panic!("unsupported patch criteria {other} in harper model"),
    }
    .expect("writing to a String cannot fail");
}

fn main() {
    let tagger = harper_brill::brill_tagger();
    let model = serde_json::to_value(&*tagger).expect("harper model serialises");
    let mapping = model["base"]["mapping"]
        .as_object()
        .expect("harper model has a base mapping");
    let mut lexicon: Vec<(&String, &str)> = mapping
        .iter()
        .map(|(word, tag)| (word, tag.as_str().expect("tag is a string")))
        .collect();
    lexicon.sort();
    let mut out = String::with_capacity(1 << 20);
    for (word, tag) in lexicon {
        if word.contains(['\t', '\n', ' ']) {
            continue;
        }
        writeln!(out, "L\t{word}\t{tag}").expect("write to String");
    }
    let patches = model["patches"]
        .as_array()
        .expect("harper model has patches");
    // The tagger keeps sets of patches as four 64-bit words (`PATCH_BLOCKS` in src/tag.rs).
    assert!(
        patches.len() <= 256,
        "harper model has {} patches, more than the tagger's 256",
        patches.len()
    );
    for patch in patches {
        let mut crit = String::new();
        criteria(&patch["criteria"], &mut crit);
        writeln!(
            out,
            "P\t{}\t{}\t{}",
            patch["from"].as_str().expect("from tag"),
            patch["to"].as_str().expect("to tag"),
            crit.trim_end()
        )
        .expect("write to String");
    }
    let dest = PathBuf::from(std::env::var_os("OUT_DIR").expect("OUT_DIR set by cargo"))
        .join("brill_model.txt");
    std::fs::write(dest, out).expect("write tagger model to OUT_DIR");
    println!("cargo::rerun-if-changed=build.rs");
}
