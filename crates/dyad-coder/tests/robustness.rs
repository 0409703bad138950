//! No input makes analysis or coding panic: deterministic pseudo-random texts built from the pieces that
//! trip byte-offset code (multi-byte letters and punctuation next to datelines, abbreviations, quotes,
//! dashes, brackets, possessives), run through the analyser and the coder with the built-in dictionaries.

use dyad_coder::{Coder, Scratch};
use dyad_dict::Compiled;
use dyad_text::{Analyzer, Document, Origin};

const PIECES: &[&str] = &[
    "MOSCOW (Reuters) - ",
    "KABUL — ",
    "“",
    "”",
    "‘",
    "’s",
    "'s",
    "n't",
    " ",
    "\n",
    "\n\n",
    "  ",
    "\t",
    "é",
    "É",
    "中国",
    "🙂",
    "\u{0301}",
    "\u{feff}",
    "—",
    "–",
    "-",
    "--",
    "...",
    "…",
    ".",
    "?",
    "!",
    ",",
    ";",
    ":",
    "(",
    ")",
    "[",
    "]",
    "U.S.",
    "Gen.",
    "No. 2",
    "a.m.",
    "Jan.",
    "W.",
    "Hamas",
    "Russia",
    "Russian",
    "Sergei Lavrov",
    "foreign minister",
    "met",
    "said",
    "invited",
    "talks",
    "the",
    "and",
    "with",
    "by",
    "was",
    "attacked",
    "troops",
    "in",
    "Iraq",
    "he",
    "they",
    "the group",
    "former",
    "President",
    "1,200",
    "3.5%",
    "$",
    "2014",
    "Reuters/Name",
    "By Jane Doe",
    "Photo:",
    "Meshaal",
    "al-Qaeda",
    "Côte d'Ivoire",
    "ÀÉÎÕÜ",
    "ß",
    "İstanbul",
];

#[test]
fn random_texts_never_panic() {
    let coder = Coder::new(Compiled::build(dyad_dict::load::builtin()));
    let mut analyzer = Analyzer::default();
    let mut scratch = Scratch::default();
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for round in 0..3000 {
        let len = (next() % 60) as usize;
        let text: String = (0..len)
            .map(|_| PIECES[(next() % PIECES.len() as u64) as usize])
            .collect();
        let doc = Document {
            id: format!("r{round}"),
            title: None,
            text,
            date: (round % 2 == 0).then(|| jiff::civil::Date::constant(2015, 8, 4)),
            url: None,
            source: None,
            origin: Origin {
                path: "random".into(),
                record: Some(round),
            },
        };
        let analysis = analyzer.analyse(&doc.text);
        for unit in &analysis.units {
            assert!(unit.start <= unit.end && (unit.end as usize) <= doc.text.len());
            assert!(
                doc.text.is_char_boundary(unit.start as usize)
                    && doc.text.is_char_boundary(unit.end as usize)
            );
        }
        let coded = coder.code(&doc, &analysis, &mut scratch, round % 7 == 0);
        for event in &coded.events {
            let [a, b] = event.evidence.trigger;
            assert!(
                doc.text.get(a as usize..b as usize).is_some(),
                "bad trigger span in {:?}",
                doc.text
            );
        }
    }
}
