//! Readers for PETRARCH-1, PETRARCH-2 and TABARI-style dictionaries: actors, agents, verb patterns,
//! discards and issues, producing the same [`DictionarySet`] as dyad's own format. The kind of a file is
//! detected from its content ([`detect`]); [`read`] never fails: lines it cannot use go to
//! [`DictionarySet::rejected`] with file:line and a reason. Reasons starting with `unsupported:` mark
//! well-formed PETRARCH constructs the dyad model cannot express (verb transformations, issue exclusion
//! phrases, TABARI disjunctions and inline `[###]` discard codes); every other reason marks a malformed
//! line.
//!
//! Semantics, following PETRARCH's `PETRreader.py` and `docs/source/dictionaries.rst`:
//!
//! - Comments: `<!-- … -->` (possibly spanning lines), lines starting with `<!`, `#` to the end of the
//!   line, and the legacy KEDS/TABARI `;` to the end of the line (CAMEO.2.0.txt still has two).
//! - Phrases: words are separated by `_` and/or spaces; they are lower-cased and joined by single
//!   spaces. PETRARCH matches whole words, so a trailing `_` (TABARI's "word ends here") changes nothing
//!   for actors, discards and issues; for agents it also means "no automatic plural".
//! - Actor dates: `YYYYMMDD` or `YYMMDD` (`YY` ≤ 30 is 20YY, otherwise 19YY). PETRARCH treats every
//!   limit as "or equal" (`get_actor_code`: `date <= d` for `<d`, `date >= d` for `>d`, both ends of
//!   `d1-d2`), so `<d` is `..=d`, `>d` is `d..` and `d1-d2` is `d1..=d2`, all inclusive.
//!   PETRARCH does not generate plurals for actors, so neither do we.
//! - Agents: regular plurals ([`regular_plural`]) unless the phrase ends in `_` or has `{…}`; `{X}` is
//!   the plural (one phrase), `{}` means none. Phrases built from `!SET!` substitution markers get no
//!   plurals (the members are written out, as PETRARCH does).
//! - Two verb formats: a file whose patterns group phrases with `{…}`/`(…)` is PETRARCH-2; one whose
//!   patterns never do is linear TABARI/PETRARCH-1, read with that format's semantics (patterns flagged
//!   [`PatternFlags::literal`]): `_` joins adjacent elements and a space lets words pass between them
//!   ([`Element::Gap`]), `^` skips one noun phrase ([`Element::Skip`]), pattern words match their
//!   written form, and `[A:B]` is `A` from the source to the target plus `B` back from the target to
//!   the source ([`Pattern::reverse_code`]; "X arrived in Y" `[032:033]`: X visits Y, Y hosts X).
//! - PETRARCH-2 verb codes `[A:P]` (`utilities.convert_code`): `A` is the code of the active
//!   voice and `P` the code of the passive voice; a pattern coded `[:P]` has only a passive meaning.
//!   `[A:P]` becomes a pattern coded `A` plus, when `P` differs, the same pattern coded `P` with
//!   `passive_only`. (PETRARCH-2 reads a clause matching a `[:P]` pattern as passive even when it is
//!   not; here such a pattern only fires on real passives.) `[---]` on a pattern is kept (code `---`: it
//!   matches and codes nothing, which is how PETRARCH blocks a verb's default code); `---` as a verb's
//!   own or block code means "no event for the verb alone", so no bare-verb pattern is made.
//! - Verb blocks: each verb gets a pattern without elements coded with its own `[code]` or the block's;
//!   each `-` line becomes a pattern triggered by all single-word verbs of the block (their lemmas, the
//!   first form written; `{…}` forms are inflections) and one more per multiword verb, triggered by the
//!   word marked `+` with the other words as `Word` elements right before/after it.
//! - Pattern tokens: `*` the verb, `$` source, `+` target, `^` TABARI/PETRARCH-1 "skip one noun
//!   phrase" (in PETRARCH-2 files mapped to `Gap(4)`), `%` a compound actor ([`Element::Compound`]; the pattern is also
//!   flagged `symmetric` when it has no `$` or `+`), `&NAME` a synonym set. PETRARCH-2 groupings
//!   `{A B}` (noun phrase, head last) and `(TO X)` (prepositional phrase) are flattened to their words in
//!   order, and in PETRARCH-2 files `_` (consecutive words) is read like a space: dyad's matcher
//!   allows modifiers between elements anyway.
//! - Synonym sets: members get regular plurals unless the set label or the member ends in `_`
//!   (PETRARCH's rule); a member `&OTHER` is replaced by the members of a set defined earlier.
//! - Issues: each line's own `[CODE]` is what PETRARCH reports, so it is the [`Issue::category`]; the
//!   enclosing `<ISSUE CATEGORY=…>` only groups lines. Expansions: `n:` singular and plural, `v:` the
//!   regular verb forms, `+` both a space and a hyphen.

use crate::model::*;
use crate::text::Text;
use jiff::civil::Date;
use rustc_hash::FxHashSet;

/// Which PETRARCH dictionary a file is, detected from its content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PetrarchKind {
    /// Actors: `PHRASE [CODE]`, `+SYNONYM` lines and date-restricted `[CODE <date]` lines.
    Actors,
    /// Agents: `PHRASE {plural} [~CODE]` and `!SET! = …` substitution markers.
    Agents,
    /// Verb patterns (PETRARCH-2 `CAMEO.2.0.txt` or PETRARCH-1/TABARI format).
    Verbs,
    /// Discards: one phrase per line, `+` for the whole story.
    Discards,
    /// Issues: `<ISSUE CATEGORY="…">` blocks of `phrase [CODE]` lines.
    Issues,
}

/// A line with its comments removed.
struct Line<'a> {
    /// 1-based line number.
    no: u32,
    /// The line as written (without the line end).
    raw: &'a str,
    /// The content without comments, trimmed at the end, never blank.
    text: String,
    /// Whether the line starts with a space or a tab.
    indented: bool,
}

/// The non-blank lines of `text` with comments removed, and the line of an unterminated `<!--`.
fn content_lines(text: &str) -> (Vec<Line<'_>>, Option<u32>) {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = Vec::new();
    let mut open_comment: Option<u32> = None;
    for (index, raw) in text.split('\n').enumerate() {
        let no = u32::try_from(index + 1).unwrap_or(u32::MAX);
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        let mut kept = String::new();
        let mut rest = raw;
        loop {
            if open_comment.is_some() {
                match rest.find("-->") {
                    Some(end) => {
                        rest = &rest[end + 3..];
                        open_comment = None;
                    }
                    None => break,
                }
            } else if let Some(start) = rest.find("<!--") {
                kept.push_str(&rest[..start]);
                rest = &rest[start + 4..];
                open_comment = Some(no);
            } else {
                kept.push_str(rest);
                break;
            }
        }
        // PETRARCH skips any line starting with `<!`, which covers malformed openers like `<! -- x -->`.
        if kept.trim_start().starts_with("<!") {
            continue;
        }
        let end = kept.find(['#', ';']).unwrap_or(kept.len());
        let body = kept[..end].trim_end();
        if body.trim().is_empty() {
            continue;
        }
        lines.push(Line {
            no,
            raw,
            text: body.to_string(),
            indented: raw.starts_with([' ', '\t']),
        });
    }
    (lines, open_comment)
}

/// Detects which PETRARCH dictionary `text` is; `None` for anything else (configuration files, the
/// prepositions list, dyad's own format, prose).
pub fn detect(text: &str) -> Option<PetrarchKind> {
    const DYAD_KINDS: [&str; 7] = [
        "country", "actor", "agent", "set", "action", "discard", "issue",
    ];
    // The head of the file is enough (the Phoenix actor files have 50,000 lines).
    let head_len: usize = text.split_inclusive('\n').take(5000).map(str::len).sum();
    let (lines, _) = content_lines(&text[..head_len]);
    let mut counts = DetectCounts::default();
    for line in &lines {
        let t = line.text.trim();
        if !line.indented
            && t.split_once(':')
                .is_some_and(|(kind, _)| DYAD_KINDS.contains(&kind.trim()))
        {
            counts.dyad += 1;
        }
        if t.starts_with("<ISSUE") {
            counts.issues += 1;
        }
        if t.len() > 6 && t.starts_with("---") && t.ends_with("---") {
            counts.verb_blocks += 1;
        }
        if t.len() > 1 && t.starts_with('&') && !t.contains(char::is_whitespace) {
            counts.synset_labels += 1;
        }
        if let Some((key, _)) = t.split_once('=')
            && !key.trim().is_empty()
            && key
                .trim()
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_')
        {
            counts.settings += 1;
        }
        if t.starts_with('!') && t.contains('=') {
            counts.agent_lines += 1;
        } else if let Ok((_, groups, _)) = split_codes(t)
            && let [first, ..] = groups[..]
        {
            let actor_code =
                |g: &&str| !g.trim().starts_with(char::is_lowercase) && parse_dated_code(g).is_ok();
            if parse_agent_code(first).is_ok() {
                counts.agent_lines += 1;
            } else if groups.iter().all(actor_code) {
                counts.actor_lines += 1;
            }
        } else if t.starts_with('+') {
            counts.plus_lines += 1;
        }
        if t.chars().any(char::is_alphabetic) {
            counts.lettered += 1;
            if !t.chars().any(char::is_lowercase) {
                counts.capital_lines += 1;
            }
        }
    }
    let total = lines.len();
    let most = |n: usize| n > 0 && n * 2 >= total;
    if total == 0 || (counts.dyad > 0 && counts.dyad * 10 >= total) {
        None
    } else if counts.issues > 0 {
        Some(PetrarchKind::Issues)
    } else if counts.verb_blocks > 0
        || (counts.synset_labels > 0 && counts.actor_lines + counts.agent_lines == 0)
    {
        Some(PetrarchKind::Verbs)
    } else if counts.settings > 0 && counts.settings * 4 >= total {
        None
    } else if most(counts.agent_lines) && counts.agent_lines > counts.actor_lines {
        Some(PetrarchKind::Agents)
    } else if most(counts.actor_lines + counts.plus_lines) && counts.actor_lines > 0 {
        Some(PetrarchKind::Actors)
    } else if counts.actor_lines + counts.agent_lines == 0
        && (counts.plus_lines > 0 || counts.capital_lines * 2 >= counts.lettered.max(1))
    {
        Some(PetrarchKind::Discards)
    } else {
        None
    }
}

/// Line counts [`detect`] decides on.
#[derive(Default)]
struct DetectCounts {
    dyad: usize,
    issues: usize,
    verb_blocks: usize,
    synset_labels: usize,
    settings: usize,
    agent_lines: usize,
    actor_lines: usize,
    plus_lines: usize,
    lettered: usize,
    capital_lines: usize,
}

/// Reads one PETRARCH file; malformed lines go to `set.rejected` with file:line and a reason, never panic.
pub fn read(text: &str, file: &str, kind: PetrarchKind) -> DictionarySet {
    let (mut lines, unterminated) = content_lines(text);
    let mut reader = Reader {
        file,
        set: DictionarySet::default(),
    };
    // TABARI coded discards inline with `[###]`; PETRARCH reads them from the discard file only (and
    // the `#` in the code starts a comment, which would leave a broken line).
    lines.retain(|line| {
        let tabari_discard = line.raw.contains("[###]");
        if tabari_discard {
            reader.reject(line.no, "unsupported: TABARI discard code [###]");
        }
        !tabari_discard
    });
    match kind {
        PetrarchKind::Actors => reader.actors(&lines),
        PetrarchKind::Agents => reader.agents(&lines),
        PetrarchKind::Verbs => reader.verbs(&lines),
        PetrarchKind::Discards => reader.discards(&lines),
        PetrarchKind::Issues => reader.issues(&lines),
    }
    if let Some(line) = unterminated {
        reader.reject(
            line,
            "unterminated <!-- comment: the rest of the file was skipped",
        );
    }
    reader.set.rejected.sort_by_key(|r| r.source.line);
    reader.set
}

/// The words of a PETRARCH phrase (`_` and whitespace separate words).
fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| c == '_' || c.is_whitespace())
        .filter(|w| !w.is_empty())
}

/// A PETRARCH phrase as lower-case words joined by single spaces.
fn phrase_text(text: &str) -> String {
    words(text)
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// A phrase's text, or why it is unusable.
fn checked_phrase(text: &str) -> Result<String, String> {
    if let Some(c) = text.chars().find(|c| matches!(c, '[' | ']' | '{' | '}')) {
        return Err(format!("stray {c:?} in phrase {:?}", text.trim()));
    }
    let phrase = phrase_text(text);
    if phrase.is_empty() {
        return Err("empty phrase".into());
    }
    Ok(phrase)
}

/// A case-insensitive name phrase.
fn name(text: String) -> Phrase {
    Phrase {
        text: text.into(),
        case_sensitive: false,
        usage: NameUse::Name,
    }
}

/// Appends `phrase` to `phrases` unless it is already there.
fn push_unique(phrases: &mut Vec<Phrase>, phrase: Phrase) {
    if !phrases.iter().any(|p| p.text == phrase.text) {
        phrases.push(phrase);
    }
}

/// A display name for an actor: words as written, title-cased when the phrase is all capitals
/// (`GEORGE_W._BUSH` → "George W. Bush", `AL-QAEDA` → "Al-Qaeda").
fn display_name(text: &str) -> String {
    let joined = words(text).collect::<Vec<_>>().join(" ");
    if joined.chars().any(char::is_lowercase) {
        return joined;
    }
    let mut out = String::with_capacity(joined.len());
    let mut word_start = true;
    for c in joined.chars() {
        if c.is_alphabetic() {
            if word_start {
                out.extend(c.to_uppercase());
            } else {
                out.extend(c.to_lowercase());
            }
            word_start = false;
        } else {
            out.push(c);
            word_start = matches!(c, ' ' | '-' | '.' | '(' | '/');
        }
    }
    out
}

/// Splits `TEXT [A] [B] … JUNK` into the text before the first `[`, the contents of the bracket groups
/// (only whitespace may separate them) and any text after the last group (`JUNK`, trimmed; PETRARCH
/// ignores it).
fn split_codes(text: &str) -> Result<(&str, Vec<&str>, &str), String> {
    let Some(open) = text.find('[') else {
        return Ok((text, Vec::new(), ""));
    };
    let mut groups = Vec::new();
    let mut rest = &text[open..];
    loop {
        let trimmed = rest.trim();
        let Some(after) = trimmed.strip_prefix('[') else {
            return Ok((&text[..open], groups, trimmed));
        };
        let Some(close) = after.find(']') else {
            return Err("missing ']'".into());
        };
        let inner = &after[..close];
        if inner.contains('[') {
            return Err("nested '['".into());
        }
        groups.push(inner);
        rest = &after[close + 1..];
    }
}

/// A PETRARCH date: `YYYYMMDD`, or `YYMMDD` with `YY` ≤ 30 read as 20YY and otherwise as 19YY.
fn parse_date(text: &str) -> Option<Date> {
    let text = text.trim();
    if !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (year, rest) = match text.len() {
        6 => {
            let yy: i16 = text[..2].parse().ok()?;
            (if yy <= 30 { 2000 + yy } else { 1900 + yy }, &text[2..])
        }
        8 => (text[..4].parse().ok()?, &text[4..]),
        _ => return None,
    };
    Date::new(year, rest[..2].parse().ok()?, rest[2..].parse().ok()?).ok()
}

/// Parses the inside of an actor code group: `CODE`, `CODE <date`, `CODE >date`, `CODE date-date`
/// (spaces allowed around `<`, `>` and `-`; all limits inclusive, as in PETRARCH).
fn parse_dated_code(inner: &str) -> Result<DatedCode, String> {
    let inner = inner.trim();
    let split = inner
        .find(|c: char| c.is_whitespace() || c == '<' || c == '>')
        .unwrap_or(inner.len());
    let (code, rest) = (&inner[..split], inner[split..].trim());
    if code.is_empty() {
        return Err(format!("missing code in [{inner}]"));
    }
    if code.starts_with(|c: char| c.is_ascii_digit()) {
        return Err(format!(
            "missing code before the date restriction in [{inner}]"
        ));
    }
    let bad_date = |d: &str| format!("bad date {:?} in [{inner}] (YYYYMMDD or YYMMDD)", d.trim());
    let range = if rest.is_empty() {
        None
    } else if let Some(date) = rest.strip_prefix('<') {
        let to = parse_date(date).ok_or_else(|| bad_date(date))?;
        Some(DateRange {
            from: None,
            to: Some(to),
        })
    } else if let Some(date) = rest.strip_prefix('>') {
        let from = parse_date(date).ok_or_else(|| bad_date(date))?;
        Some(DateRange {
            from: Some(from),
            to: None,
        })
    } else if let Some((start, end)) = rest.split_once('-') {
        let from = parse_date(start).ok_or_else(|| bad_date(start))?;
        let to = parse_date(end).ok_or_else(|| bad_date(end))?;
        if to < from {
            return Err(format!("date range ends before it starts in [{inner}]"));
        }
        Some(DateRange {
            from: Some(from),
            to: Some(to),
        })
    } else {
        return Err(format!("bad date restriction {rest:?} in [{inner}]"));
    };
    Ok(DatedCode {
        code: code.to_uppercase().into(),
        range,
    })
}

/// An agent code: `~XXX` (suffix) or `XXX~` (prefix), spaces ignored.
fn parse_agent_code(inner: &str) -> Result<AgentCode, String> {
    let code: String = inner.chars().filter(|c| !c.is_whitespace()).collect();
    let valid = |c: &str| !c.is_empty() && c.chars().all(|ch| ch.is_ascii_alphanumeric());
    if let Some(suffix) = code.strip_prefix('~')
        && valid(suffix)
    {
        return Ok(AgentCode::Suffix(suffix.to_uppercase().into()));
    }
    if let Some(prefix) = code.strip_suffix('~')
        && valid(prefix)
    {
        return Ok(AgentCode::Prefix(prefix.to_uppercase().into()));
    }
    Err(format!("agent code [{inner}] is neither ~XXX nor XXX~"))
}

/// Expands every `!NAME!` substitution marker in `text` (one string per combination of members).
fn expand_markers(text: &str, markers: &[(String, Vec<String>)]) -> Result<Vec<String>, String> {
    let Some(start) = text.find('!') else {
        return Ok(vec![text.to_string()]);
    };
    let Some(len) = text[start + 1..].find('!') else {
        return Err(format!("unclosed substitution marker in {:?}", text.trim()));
    };
    let marker = &text[start + 1..start + 1 + len];
    let Some((_, members)) = markers.iter().find(|(name, _)| name == marker) else {
        return Err(format!("undefined substitution marker !{marker}!"));
    };
    let tails = expand_markers(&text[start + len + 2..], markers)?;
    let mut out = Vec::with_capacity(members.len() * tails.len());
    for member in members {
        for tail in &tails {
            out.push(format!("{}{member}{tail}", &text[..start]));
        }
    }
    Ok(out)
}

/// The regular verb forms PETRARCH's `v:` issue expansion generates (base, -s, -ed, -ing), with the
/// usual English spelling of `-es`, `-ies`/`-ied` and a dropped final `e`.
fn verb_forms(root: &str) -> Vec<String> {
    // `y` is one byte, so `stem_y` is on a character boundary.
    let stem_y = root.strip_suffix('y').unwrap_or(root);
    let consonant_y =
        root.len() > 1 && root.ends_with('y') && !stem_y.ends_with(['a', 'e', 'i', 'o', 'u']);
    let third = if root.ends_with(['s', 'x', 'z']) || root.ends_with("ch") || root.ends_with("sh") {
        format!("{root}es")
    } else if consonant_y {
        format!("{stem_y}ies")
    } else {
        format!("{root}s")
    };
    let past = if root.ends_with('e') {
        format!("{root}d")
    } else if consonant_y {
        format!("{stem_y}ied")
    } else {
        format!("{root}ed")
    };
    let gerund = if root.len() > 2
        && root.ends_with('e')
        && !["ee", "ye", "oe"].iter().any(|e| root.ends_with(e))
    {
        format!("{}ing", &root[..root.len() - 1])
    } else {
        format!("{root}ing")
    };
    vec![root.to_string(), third, past, gerund]
}

/// Applies the `n:` and `v:` markers of an issue phrase (each applies up to the next blank).
fn inflect_issue(text: &str) -> Vec<String> {
    let bytes = text.as_bytes();
    let marker = (0..bytes.len().saturating_sub(1)).find(|&i| {
        matches!(&bytes[i..i + 2], b"n:" | b"v:" | b"N:" | b"V:")
            && (i == 0 || matches!(bytes[i - 1], b' ' | b'-'))
    });
    let Some(at) = marker else {
        return vec![text.to_string()];
    };
    let end = text[at + 2..].find(' ').map_or(text.len(), |e| at + 2 + e);
    let root = &text[at + 2..end];
    let forms = if bytes[at].eq_ignore_ascii_case(&b'n') {
        let mut forms = vec![root.to_string()];
        forms.extend(regular_plural(root));
        forms
    } else {
        verb_forms(root)
    };
    forms
        .iter()
        .flat_map(|form| inflect_issue(&format!("{}{form}{}", &text[..at], &text[end..])))
        .collect()
}

/// Every form of an issue phrase: `+` as a space and as a hyphen, then `n:`/`v:` inflections.
fn issue_forms(phrase: &str) -> Vec<String> {
    let lower = phrase.to_lowercase();
    let mut joined = vec![String::new()];
    for (i, part) in lower.split('+').enumerate() {
        if i == 0 {
            joined[0].push_str(part);
            continue;
        }
        joined = joined
            .iter()
            .flat_map(|head| [format!("{head} {part}"), format!("{head}-{part}")])
            .collect();
    }
    let mut forms: Vec<String> = Vec::new();
    for text in joined {
        for form in inflect_issue(&text) {
            let form = phrase_text(&form);
            if !form.is_empty() && !forms.contains(&form) {
                forms.push(form);
            }
        }
    }
    forms
}

/// The entries of an issue line: `(code, phrase)` pairs (two entries glued on one line are both read),
/// and what was wrong with the line, if anything.
fn issue_entries(text: &str) -> (Vec<(String, String)>, Option<String>) {
    let mut entries: Vec<(String, String)> = Vec::new();
    let mut rest = text;
    loop {
        let Some(open) = rest.find('[') else {
            let error = if entries.is_empty() {
                Some("issue phrase without a [CODE]".to_string())
            } else if !rest.trim().is_empty() {
                Some(format!("text {:?} after [CODE] ignored", rest.trim()))
            } else {
                None
            };
            return (entries, error);
        };
        let Some(close) = rest[open..].find(']').map(|c| open + c) else {
            return (entries, Some("missing ']'".into()));
        };
        let phrase = rest[..open].trim();
        let code = rest[open + 1..close].trim();
        if code.is_empty() {
            return (entries, Some("empty [CODE]".into()));
        }
        if !phrase.is_empty() {
            entries.push((code.to_string(), phrase.to_string()));
        } else if entries.last().is_none_or(|(last, _)| last != code) {
            return (entries, Some(format!("[{code}] without a phrase")));
        }
        rest = &rest[close + 1..];
    }
}

/// A code of a verb or pattern as the coder uses it: `(code, passive_only, reverse_code)`. TABARI and
/// PETRARCH-1 read `[A:B]` as `A` from the source to the target and `B` back from the target to the
/// source (`[:B]`: only the reverse event); PETRARCH-2 as active and passive codes ([`split_verb_code`]).
fn verb_codes(code: &str, literal: bool) -> Vec<(String, bool, Option<String>)> {
    if !literal {
        return split_verb_code(code)
            .into_iter()
            .map(|(code, passive_only)| (code, passive_only, None))
            .collect();
    }
    let (forward, reverse) = code.split_once(':').unwrap_or((code, ""));
    let forward = match forward.trim() {
        "" => "---",
        other => other,
    };
    let reverse = Some(reverse.trim())
        .filter(|r| !r.is_empty() && *r != "---")
        .map(str::to_string);
    if forward == "---" && reverse.is_none() && !code.trim().starts_with("---") {
        return Vec::new();
    }
    vec![(forward.to_string(), false, reverse)]
}

/// Splits a verb or pattern code into `(code, passive_only)` parts: `[A:P]` is `A` for the active voice
/// and `P` for the passive one (PETRARCH-2 `convert_code`).
fn split_verb_code(code: &str) -> Vec<(String, bool)> {
    let Some((active, passive)) = code.split_once(':') else {
        return vec![(code.trim().to_string(), false)];
    };
    let (active, passive) = (active.trim(), passive.trim());
    let mut parts = Vec::new();
    if !active.is_empty() {
        parts.push((active.to_string(), false));
    }
    if !passive.is_empty() && passive != active {
        parts.push((passive.to_string(), true));
    }
    parts
}

/// A synonym set's name: without `&` and the no-plural `_`, lower case.
fn set_name(label: &str) -> String {
    label
        .trim()
        .trim_start_matches('&')
        .trim_end_matches('_')
        .to_lowercase()
}

/// Parses a pattern body (without the leading `-` and the code) into the elements before and after `*`.
fn parse_pattern(body: &str) -> Result<(Vec<Element>, Vec<Element>), String> {
    if body.contains('|') {
        return Err("unsupported: TABARI disjunction {A | B} in a pattern".into());
    }
    let parts: Vec<&str> = body.split('*').collect();
    match parts[..] {
        [before, after] => Ok((pattern_elements(before)?, pattern_elements(after)?)),
        [_] => Err("pattern without '*' (the verb)".into()),
        _ => Err("several '*' in a pattern".into()),
    }
}

/// The elements of one side of a pattern.
fn pattern_elements(text: &str) -> Result<Vec<Element>, String> {
    text.split(|c: char| c.is_whitespace() || matches!(c, '_' | '{' | '}' | '(' | ')'))
        .filter(|t| !t.is_empty())
        .map(|token| pattern_atom(token, Element::Gap(4)))
        .collect()
}

/// One token of a pattern; `skip` is what `^` stands for.
fn pattern_atom(token: &str, skip: Element) -> Result<Element, String> {
    match token {
        "$" => Ok(Element::Source),
        "+" => Ok(Element::Target),
        "%" => Ok(Element::Compound),
        "^" => Ok(skip),
        _ if token.starts_with('&') && token.len() > 1 && !token[1..].contains('&') => {
            Ok(Element::Set(set_name(token).into()))
        }
        _ if token.contains(['$', '+', '%', '^', '&', '[', ']']) => {
            Err(format!("unrecognised pattern token {token:?}"))
        }
        _ => Ok(Element::Word(token.to_lowercase().into())),
    }
}

/// How many words a space lets a TABARI/PETRARCH-1 pattern pass over between two elements
/// (PETRARCH-1 skips any words of the verb phrase; dyad bounds the skip).
const LOOSE_GAP: u8 = 8;

/// Parses a TABARI/PETRARCH-1 pattern body into the elements before and after `*`, keeping its
/// connectors: elements joined by `_` must be adjacent, a space lets [`LOOSE_GAP`] words pass between
/// them (also between the verb and its neighbours: `IN_*` is adjacent, `IN *` is not), and `^` skips one
/// noun phrase.
fn parse_literal_pattern(body: &str) -> Result<(Vec<Element>, Vec<Element>), String> {
    if body.contains('|') {
        return Err("unsupported: TABARI disjunction {A | B} in a pattern".into());
    }
    let parts: Vec<&str> = body.split('*').collect();
    let [before_text, after_text] = parts[..] else {
        return Err(if parts.len() == 1 {
            "pattern without '*' (the verb)".into()
        } else {
            "several '*' in a pattern".into()
        });
    };
    let mut before = literal_elements(before_text)?;
    if !before.is_empty() && !before_text.ends_with('_') {
        before.push(Element::Gap(LOOSE_GAP));
    }
    let mut after = literal_elements(after_text)?;
    if !after.is_empty() && !after_text.starts_with('_') {
        after.insert(0, Element::Gap(LOOSE_GAP));
    }
    Ok((before, after))
}

/// The elements of one side of a TABARI/PETRARCH-1 pattern, with a gap between space-separated groups.
fn literal_elements(text: &str) -> Result<Vec<Element>, String> {
    let mut elements = Vec::new();
    for group in text.split_whitespace() {
        let mut atoms = group.split('_').filter(|a| !a.is_empty()).peekable();
        if atoms.peek().is_none() {
            continue;
        }
        if !elements.is_empty() {
            elements.push(Element::Gap(LOOSE_GAP));
        }
        for atom in atoms {
            elements.push(pattern_atom(atom, Element::Skip)?);
        }
    }
    Ok(elements)
}

/// A verb of a verb block: the trigger word and the other words of a multiword verb.
struct VerbEntry {
    head: String,
    front: Vec<String>,
    back: Vec<String>,
    code: Option<String>,
    line: u32,
    text: String,
}

/// A `-` pattern line of a verb block.
struct PatternLine {
    before: Vec<Element>,
    after: Vec<Element>,
    code: String,
    line: u32,
    text: String,
}

/// A `--- NAME [code] ---` verb block.
struct VerbBlock {
    code: String,
    verbs: Vec<VerbEntry>,
    patterns: Vec<PatternLine>,
}

/// Parses a verb line: `VERB {forms} [code]`, or a multiword verb with `+` marking the verb word
/// (`+CORDON_OFF`, `WIRE_+TAP`). Irregular forms are inflections of the first form, the lemma.
fn parse_verb(text: &str, line: u32, raw: &str) -> Result<VerbEntry, String> {
    let (body, groups, junk) = split_codes(text)?;
    if !junk.is_empty() {
        return Err(format!("unexpected text {junk:?} after the [code]"));
    }
    if groups.len() > 1 {
        return Err("several [codes] on a verb line".into());
    }
    let code = groups.first().map(|c| c.trim().to_string());
    if code.as_deref() == Some("") {
        return Err("empty [code] on a verb line".into());
    }
    let main = match body.find('{') {
        Some(open) => {
            let Some(close) = body[open..].find('}').map(|c| open + c) else {
                return Err("missing '}'".into());
            };
            if !body[close + 1..].trim().is_empty() {
                return Err(format!(
                    "unexpected text {:?} after {{…}}",
                    body[close + 1..].trim()
                ));
            }
            &body[..open]
        }
        None if body.contains('}') => return Err("stray '}'".into()),
        None => body,
    };
    let main = main.trim();
    if main.is_empty() {
        return Err("verb line without a verb".into());
    }
    if main.contains(char::is_whitespace) {
        return Err(format!(
            "several words {main:?} on a verb line (multiword verbs use _ and +)"
        ));
    }
    let parts: Vec<&str> = main.split('_').filter(|w| !w.is_empty()).collect();
    let (head_index, head) = if parts.len() == 1 {
        (0, parts[0].trim_start_matches('+'))
    } else {
        let marked: Vec<usize> = (0..parts.len())
            .filter(|&i| parts[i].starts_with('+'))
            .collect();
        match marked[..] {
            [i] => (i, &parts[i][1..]),
            [] => {
                return Err(format!(
                    "multiword verb {main:?} without '+' marking the verb"
                ));
            }
            _ => return Err(format!("multiword verb {main:?} with several '+'")),
        }
    };
    if head.is_empty() || head.contains(['+', '&', '$', '%', '^', '*']) {
        return Err(format!("bad verb {main:?}"));
    }
    Ok(VerbEntry {
        head: head.to_lowercase(),
        front: parts[..head_index]
            .iter()
            .map(|w| w.to_lowercase())
            .collect(),
        back: parts[head_index + 1..]
            .iter()
            .map(|w| w.to_lowercase())
            .collect(),
        code,
        line,
        text: raw.trim().to_string(),
    })
}

/// Reader state: the file name and what was read so far.
struct Reader<'a> {
    file: &'a str,
    set: DictionarySet,
}

impl Reader<'_> {
    fn source(&self, line: u32) -> Source {
        Source {
            file: self.file.to_string().into(),
            line,
        }
    }

    fn reject(&mut self, line: u32, reason: impl Into<String>) {
        let source = self.source(line);
        self.set.rejected.push(Rejected {
            source,
            reason: reason.into(),
        });
    }

    /// Adds the codes of `groups` to `actor`, rejecting the bad ones.
    fn add_codes(&mut self, actor: &mut Actor, groups: &[&str], line: u32) {
        for group in groups {
            match parse_dated_code(group) {
                Ok(code) => actor.codes.push(code),
                Err(reason) => self.reject(line, reason),
            }
        }
    }

    /// Actor files: an unindented phrase starts an entry (optionally with codes); `+` lines add
    /// synonyms, lines holding only `[CODE restriction]` groups add codes.
    ///
    /// As in PETRARCH-1, an entry that has no code yet absorbs the unindented phrases without codes on
    /// the lines right after it (Phoenix writes `LEONID_BREZHNEV_`, `LEONID_ILYICH_BREZHNEV`, … then the
    /// indented codes); unlike PETRARCH-1 a blank or comment line ends the run, so a codeless entry does
    /// not take the codes of an unrelated entry further down. An indented line with a phrase before its
    /// codes (Phoenix.International.actors.txt has one) is a synonym carrying codes. An entry that ends
    /// without any code is kept with no codes (PETRARCH: the null code). Text after the codes of a line
    /// is ignored, as PETRARCH does, and reported.
    fn actors(&mut self, lines: &[Line]) {
        struct Open {
            actor: Actor,
            /// Whether any `[…]` group was seen for the entry (even a rejected one).
            coded: bool,
            /// The entry's last line.
            last: u32,
        }
        enum Current {
            None,
            Open(Box<Open>),
            Broken(u32),
        }
        let mut current = Current::None;
        for line in lines {
            let t = line.text.trim();
            let joins_codeless = matches!(&current, Current::Open(open)
                if !open.coded && line.no == open.last + 1 && !t.contains('['));
            let continuation = joins_codeless
                || t.starts_with(['+', '['])
                || (line.indented && !matches!(current, Current::None));
            if continuation {
                let open = match &mut current {
                    Current::Open(open) => open,
                    Current::Broken(header) => {
                        let header = *header;
                        self.reject(
                            line.no,
                            format!("belongs to the entry rejected at line {header}"),
                        );
                        continue;
                    }
                    Current::None => {
                        self.reject(line.no, "synonym or code line before any actor entry");
                        continue;
                    }
                };
                open.last = line.no;
                let synonym = t.strip_prefix('+');
                let (head, groups, junk) = match split_codes(synonym.unwrap_or(t)) {
                    Ok(split) => split,
                    Err(reason) => {
                        self.reject(line.no, reason);
                        continue;
                    }
                };
                if synonym.is_some() || !head.trim().is_empty() {
                    match checked_phrase(head) {
                        Ok(text) => push_unique(&mut open.actor.names, name(text)),
                        Err(reason) => {
                            self.reject(line.no, reason);
                            continue;
                        }
                    }
                }
                open.coded |= !groups.is_empty();
                self.add_codes(&mut open.actor, &groups, line.no);
                if !junk.is_empty() {
                    self.reject(line.no, format!("text {junk:?} after the codes ignored"));
                }
                continue;
            }
            if let Current::Open(open) = std::mem::replace(&mut current, Current::None) {
                self.set.actors.push(open.actor);
            }
            let (head, groups, junk) = match split_codes(t) {
                Ok(split) => split,
                Err(reason) => {
                    self.reject(line.no, reason);
                    current = Current::Broken(line.no);
                    continue;
                }
            };
            let text = match checked_phrase(head) {
                Ok(text) => text,
                Err(reason) => {
                    self.reject(line.no, reason);
                    current = Current::Broken(line.no);
                    continue;
                }
            };
            let mut actor = Actor {
                name: display_name(head).into(),
                names: vec![name(text)],
                kind: ActorKind::Unknown,
                country: None,
                sectors: Vec::new(),
                codes: Vec::new(),
                roles: Vec::new(),
                refs: Vec::new(),
                valid: None,
                source: self.source(line.no),
            };
            self.add_codes(&mut actor, &groups, line.no);
            if !junk.is_empty() {
                self.reject(line.no, format!("text {junk:?} after the codes ignored"));
            }
            current = Current::Open(Box::new(Open {
                actor,
                coded: !groups.is_empty(),
                last: line.no,
            }));
        }
        if let Current::Open(open) = current {
            self.set.actors.push(open.actor);
        }
    }

    /// Agent files: `!SET! = A, B` markers and `PHRASE {plural} [~CODE]` lines.
    fn agents(&mut self, lines: &[Line]) {
        let mut markers: Vec<(String, Vec<String>)> = Vec::new();
        for line in lines {
            let t = line.text.trim();
            if t.starts_with('!') && t.contains('=') {
                let (left, right) = t.split_once('=').unwrap_or((t, ""));
                let left = left.trim();
                let members: Vec<String> = right
                    .split(',')
                    .map(str::trim)
                    .filter(|m| !m.is_empty())
                    .map(str::to_string)
                    .collect();
                match left.strip_prefix('!').and_then(|l| l.strip_suffix('!')) {
                    Some(marker)
                        if !marker.is_empty() && !marker.contains('!') && !members.is_empty() =>
                    {
                        markers.retain(|(name, _)| name != marker);
                        markers.push((marker.to_string(), members));
                    }
                    _ => self.reject(
                        line.no,
                        "bad substitution marker definition (!NAME! = A, B, …)",
                    ),
                }
                continue;
            }
            match self.agent(t, &markers, line.no) {
                Ok(agent) => self.set.agents.push(agent),
                Err(reason) => self.reject(line.no, reason),
            }
        }
    }

    fn agent(
        &self,
        text: &str,
        markers: &[(String, Vec<String>)],
        line: u32,
    ) -> Result<Agent, String> {
        let (body, groups, junk) = split_codes(text)?;
        if !junk.is_empty() {
            return Err(format!("unexpected text {junk:?} after the [code]"));
        }
        let code = match groups[..] {
            [] => return Err("agent without a [CODE]".into()),
            [group] => parse_agent_code(group)?,
            _ => return Err("several [codes] on an agent line".into()),
        };
        let (phrase, plural) = match body.find('{') {
            Some(open) => {
                let Some(close) = body[open..].find('}').map(|c| open + c) else {
                    return Err("missing '}'".into());
                };
                if !body[close + 1..].trim().is_empty() {
                    return Err(format!(
                        "unexpected text {:?} after {{…}}",
                        body[close + 1..].trim()
                    ));
                }
                (&body[..open], Some(&body[open + 1..close]))
            }
            None => (body, None),
        };
        let stopped = phrase.trim_end().ends_with('_');
        let substituted = phrase.contains('!');
        let mut nouns = Vec::new();
        for form in expand_markers(phrase, markers)? {
            let text = checked_phrase(&form)?;
            let regular = (plural.is_none() && !stopped && !substituted)
                .then(|| regular_plural(&text))
                .flatten();
            push_unique(&mut nouns, name(text));
            if let Some(regular) = regular {
                push_unique(&mut nouns, name(regular));
            }
        }
        if let Some(plural) = plural.filter(|p| !p.trim().is_empty()) {
            for form in expand_markers(plural, markers)? {
                push_unique(&mut nouns, name(checked_phrase(&form)?));
            }
        }
        Ok(Agent {
            nouns,
            code,
            source: self.source(line),
        })
    }

    /// Discard files: one phrase per line, `+` for the whole story.
    fn discards(&mut self, lines: &[Line]) {
        for line in lines {
            let t = line.text.trim();
            let (scope, body) = match t.strip_prefix('+') {
                Some(body) => (DiscardScope::Story, body),
                None => (DiscardScope::Sentence, t),
            };
            match checked_phrase(body) {
                Ok(text) => {
                    let source = self.source(line.no);
                    self.set.discards.push(Discard {
                        phrase: name(text),
                        scope,
                        source,
                    });
                }
                Err(reason) => self.reject(line.no, reason),
            }
        }
    }

    /// Issue files: `<ISSUE CATEGORY="…">` blocks of `phrase [CODE]` lines; one [`Issue`] per code and
    /// block.
    fn issues(&mut self, lines: &[Line]) {
        // Indices into `self.set.issues` of the current block's issues.
        let mut block: Vec<usize> = Vec::new();
        for line in lines {
            let t = line.text.trim();
            if t.starts_with("<ISSUE") || t.starts_with("</ISSUE") {
                if t.starts_with("<ISSUE") && !t.contains("CATEGORY") {
                    self.reject(line.no, "<ISSUE> without CATEGORY");
                }
                block.clear();
                continue;
            }
            if t.starts_with('~') {
                self.reject(
                    line.no,
                    "unsupported: issue exclusion phrase (~ or ~~), which PETRARCH uses to cancel issue coding",
                );
                continue;
            }
            let (entries, error) = issue_entries(t);
            if let Some(error) = error {
                self.reject(line.no, error);
            }
            for (code, phrase) in entries {
                if phrase.contains(['[', ']', '{', '}']) {
                    self.reject(line.no, format!("stray bracket in issue phrase {phrase:?}"));
                    continue;
                }
                let index = match block.iter().find(|&&i| self.set.issues[i].category == code) {
                    Some(&i) => i,
                    None => {
                        let source = self.source(line.no);
                        self.set.issues.push(Issue {
                            category: code.into(),
                            phrases: Vec::new(),
                            source,
                        });
                        block.push(self.set.issues.len() - 1);
                        self.set.issues.len() - 1
                    }
                };
                for form in issue_forms(&phrase) {
                    push_unique(&mut self.set.issues[index].phrases, name(form));
                }
            }
        }
    }

    /// Adds a synonym set member (`+WORD`, `+TWO WORDS`, `+&OTHERSET`) to set `index`.
    fn set_member(&mut self, index: usize, member: &str, plurals: bool, line: u32) {
        let member = member.trim();
        if member.starts_with('&') {
            let wanted = set_name(member);
            let found = self
                .set
                .sets
                .iter()
                .enumerate()
                .find(|(i, (name, _))| *i != index && *name == wanted);
            match found {
                Some((_, (_, members))) => {
                    let members = members.clone();
                    for m in members {
                        if !self.set.sets[index].1.contains(&m) {
                            self.set.sets[index].1.push(m);
                        }
                    }
                }
                None => self.reject(
                    line,
                    format!("synonym set member {member} is not a set defined earlier"),
                ),
            }
            return;
        }
        let text = match checked_phrase(member) {
            Ok(text) => text,
            Err(reason) => return self.reject(line, reason),
        };
        let plural = (plurals && !member.ends_with('_'))
            .then(|| regular_plural(&text))
            .flatten();
        let members = &mut self.set.sets[index].1;
        for form in std::iter::once(text).chain(plural) {
            if !members.iter().any(|m| *m == form) {
                members.push(form.into());
            }
        }
    }

    /// Verb files, both PETRARCH-2 (`CAMEO.2.0.txt`) and PETRARCH-1/TABARI formats.
    fn verbs(&mut self, lines: &[Line]) {
        enum Context {
            Start,
            Synset { index: usize, plurals: bool },
            Block,
        }
        let mut context = Context::Start;
        let mut blocks: Vec<VerbBlock> = Vec::new();
        // PETRARCH-2 patterns group noun phrases `{…}` and prepositional phrases `(…)`; a file whose
        // patterns never do is in the linear TABARI/PETRARCH-1 format.
        let literal = !lines.iter().any(|line| {
            let t = line.text.trim();
            t.starts_with('-') && !t.starts_with("---") && t.contains(['{', '('])
        });
        for line in lines {
            let t = line.text.trim();
            if t.starts_with("---") {
                // `--- NAME [code] ---`; Phoenix also has `--- NAME [110]---  ---`.
                let inner = t
                    .trim_start_matches('-')
                    .trim_end_matches(|c: char| c == '-' || c.is_whitespace());
                let code = match split_codes(inner) {
                    Ok((_, groups, junk)) => {
                        if groups.len() > 1 || !junk.is_empty() {
                            let extra =
                                groups.get(1).map_or(junk.to_string(), |g| format!("[{g}]"));
                            self.reject(
                                line.no,
                                format!(
                                    "verb block header: {extra} after the first [code] ignored"
                                ),
                            );
                        }
                        groups.first().map_or("", |c| c.trim()).to_string()
                    }
                    Err(reason) => {
                        self.reject(line.no, reason);
                        String::new()
                    }
                };
                let code = if code.is_empty() {
                    "---".to_string()
                } else {
                    code
                };
                blocks.push(VerbBlock {
                    code,
                    verbs: Vec::new(),
                    patterns: Vec::new(),
                });
                context = Context::Block;
            } else if let Some(pattern) = t.strip_prefix('-') {
                let Some(block) = blocks.last_mut() else {
                    self.reject(line.no, "pattern before any verb block");
                    continue;
                };
                let Some(open) = pattern.rfind('[') else {
                    self.reject(line.no, "pattern without a [code]");
                    continue;
                };
                let Some(close) = pattern[open..].find(']').map(|c| open + c) else {
                    self.reject(line.no, "missing ']'");
                    continue;
                };
                if !pattern[close + 1..].trim().is_empty() {
                    self.reject(
                        line.no,
                        format!(
                            "unexpected text {:?} after the [code]",
                            pattern[close + 1..].trim()
                        ),
                    );
                    continue;
                }
                let code = pattern[open + 1..close].trim();
                if code.is_empty() {
                    self.reject(line.no, "empty [code]");
                    continue;
                }
                let parsed = if literal {
                    parse_literal_pattern(&pattern[..open])
                } else {
                    parse_pattern(&pattern[..open])
                };
                match parsed {
                    Ok((before, after)) => block.patterns.push(PatternLine {
                        before,
                        after,
                        code: code.to_string(),
                        line: line.no,
                        text: line.raw.trim().to_string(),
                    }),
                    Err(reason) => self.reject(line.no, reason),
                }
            } else if t.starts_with('*') {
                self.reject(line.no, "pattern line without its leading '-'");
            } else if t.starts_with('~') {
                self.reject(line.no, "unsupported: verb transformation (~ … = …)");
            } else if t.starts_with('&') {
                if t.contains(char::is_whitespace) || t.len() < 2 {
                    self.reject(line.no, format!("bad synonym set label {t:?}"));
                    context = Context::Start;
                    continue;
                }
                let set = set_name(t);
                let index = match self.set.sets.iter().position(|(name, _)| *name == set) {
                    Some(index) => index,
                    None => {
                        self.set.sets.push((set.into(), Vec::new()));
                        self.set.sets.len() - 1
                    }
                };
                context = Context::Synset {
                    index,
                    plurals: !t.ends_with('_'),
                };
            } else if let (Some(member), Context::Synset { index, plurals }) =
                (t.strip_prefix('+'), &context)
            {
                let (index, plurals) = (*index, *plurals);
                self.set_member(index, member, plurals, line.no);
            } else {
                context = Context::Block;
                let Some(block) = blocks.last_mut() else {
                    self.reject(line.no, "verb before any verb block");
                    continue;
                };
                match parse_verb(t, line.no, line.raw) {
                    Ok(verb) => block.verbs.push(verb),
                    Err(reason) => self.reject(line.no, reason),
                }
            }
        }
        let defined: FxHashSet<Text> = self.set.sets.iter().map(|(name, _)| name.clone()).collect();
        for block in blocks {
            self.emit_block(block, &defined, literal);
        }
    }

    /// Turns a verb block into patterns: one per verb for its bare code, one per pattern line (per
    /// multiword verb, which brings its own words).
    fn emit_block(&mut self, block: VerbBlock, defined: &FxHashSet<Text>, literal: bool) {
        let mut singles: Vec<String> = Vec::new();
        for verb in block
            .verbs
            .iter()
            .filter(|v| v.front.is_empty() && v.back.is_empty())
        {
            if !singles.contains(&verb.head) {
                singles.push(verb.head.clone());
            }
        }
        let words = |ws: &[String]| {
            ws.iter()
                .map(|w| Element::Word(w.clone().into()))
                .collect::<Vec<_>>()
        };
        for verb in &block.verbs {
            let code = verb.code.as_deref().unwrap_or(&block.code);
            for (code, passive_only, reverse_code) in verb_codes(code, literal) {
                if code == "---" && reverse_code.is_none() {
                    continue;
                }
                let source = self.source(verb.line);
                self.set.patterns.push(Pattern {
                    code: code.into(),
                    kind: TriggerKind::Verb,
                    trigger: vec![verb.head.clone().into()],
                    before: words(&verb.front),
                    after: words(&verb.back),
                    flags: PatternFlags {
                        passive_only,
                        literal,
                        ..PatternFlags::default()
                    },
                    plover: None,
                    reverse_code: reverse_code.map(Text::from),
                    modal_conventions: false,
                    text: verb.text.clone().into(),
                    source,
                });
            }
        }
        for pattern in &block.patterns {
            if block.verbs.is_empty() {
                self.reject(pattern.line, "pattern in a verb block without verbs");
                continue;
            }
            let undefined = pattern
                .before
                .iter()
                .chain(&pattern.after)
                .find_map(|e| match e {
                    Element::Set(name) if !defined.contains(name) => Some(name.clone()),
                    _ => None,
                });
            if let Some(name) = undefined {
                self.reject(
                    pattern.line,
                    format!("undefined synonym set &{}", name.to_uppercase()),
                );
                continue;
            }
            let has = |wanted: &Element| {
                pattern
                    .before
                    .iter()
                    .chain(&pattern.after)
                    .any(|e| e == wanted)
            };
            let symmetric =
                has(&Element::Compound) && !has(&Element::Source) && !has(&Element::Target);
            for (code, passive_only, reverse_code) in verb_codes(&pattern.code, literal) {
                let flags = PatternFlags {
                    symmetric,
                    passive_only,
                    no_target: false,
                    literal,
                };
                let source = self.source(pattern.line);
                let mut make = |trigger: Vec<String>, before: Vec<Element>, after: Vec<Element>| {
                    self.set.patterns.push(Pattern {
                        code: code.clone().into(),
                        kind: TriggerKind::Verb,
                        trigger: trigger.into_iter().map(Text::from).collect(),
                        before,
                        after,
                        flags,
                        plover: None,
                        reverse_code: reverse_code.clone().map(Text::from),
                        modal_conventions: false,
                        text: pattern.text.clone().into(),
                        source: source.clone(),
                    });
                };
                if !singles.is_empty() {
                    make(
                        singles.clone(),
                        pattern.before.clone(),
                        pattern.after.clone(),
                    );
                }
                for verb in block
                    .verbs
                    .iter()
                    .filter(|v| !v.front.is_empty() || !v.back.is_empty())
                {
                    let mut before = pattern.before.clone();
                    before.extend(words(&verb.front));
                    let mut after = words(&verb.back);
                    after.extend(pattern.after.iter().cloned());
                    make(vec![verb.head.clone()], before, after);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i16, m: i8, d: i8) -> Date {
        Date::new(y, m, d).unwrap()
    }

    fn texts(phrases: &[Phrase]) -> Vec<&str> {
        phrases.iter().map(|p| p.text.as_str()).collect()
    }

    /// `(line, reason)` of every rejected line.
    fn rejected(set: &DictionarySet) -> Vec<(u32, &str)> {
        set.rejected
            .iter()
            .map(|r| (r.source.line, r.reason.as_str()))
            .collect()
    }

    fn code(code: &str, from: Option<Date>, to: Option<Date>) -> DatedCode {
        let range = (from.is_some() || to.is_some()).then_some(DateRange { from, to });
        DatedCode {
            code: code.into(),
            range,
        }
    }

    #[test]
    fn comments_and_line_numbers() {
        let text = "<!-- a comment\nspanning # lines -->\n\n# full line\n<! -- malformed opener -->\nRUSSIA [RUS] # trailing\nFRANCE [FRA] ; legacy comment\nSPAIN <!-- inline --> [ESP]\n";
        let set = read(text, "t.actors", PetrarchKind::Actors);
        assert!(set.rejected.is_empty(), "{:?}", set.rejected);
        let got: Vec<(u32, &str, &str)> = set
            .actors
            .iter()
            .map(|a| {
                (
                    a.source.line,
                    a.names[0].text.as_str(),
                    a.codes[0].code.as_str(),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                (6, "russia", "RUS"),
                (7, "france", "FRA"),
                (8, "spain", "ESP")
            ]
        );
        assert_eq!(set.actors[0].source.file, "t.actors");
        let unterminated = read(
            "A [AAA]\n<!-- never closed\nB [BBB]\n",
            "f",
            PetrarchKind::Actors,
        );
        assert_eq!(unterminated.actors.len(), 1);
        assert_eq!(rejected(&unterminated)[0].0, 2);
    }

    #[test]
    fn dates_six_and_eight_digits() {
        assert_eq!(parse_date("19950601"), Some(date(1995, 6, 1)));
        assert_eq!(parse_date("950601"), Some(date(1995, 6, 1)));
        assert_eq!(parse_date("300101"), Some(date(2030, 1, 1)));
        assert_eq!(parse_date("310101"), Some(date(1931, 1, 1)));
        assert_eq!(parse_date("000229"), Some(date(2000, 2, 29)));
        assert_eq!(parse_date("20100931"), None);
        assert_eq!(parse_date("2004017"), None);
        assert_eq!(parse_date("1920030320"), None);
        assert_eq!(parse_date("2010o501"), None);
    }

    #[test]
    fn actor_codes_restrictions_and_synonyms() {
        let text = "\
GOLLUM  # pas
+SMEAGOL
+SLINKER_
\t[HOB < 950601]
\t[HOBGOV 19950601 - 19990815]
\t[HOBREB >990816]
EL_SISI_
\t[EGYMIL 770101-120812]
\t[EGYGOV > 140608]
\t[EGYELI]
UFFE_ELLEMANN_JENSEN_ [IGOEUREEC 820701-821231][IGOEUREEC 870701-871231]  [DNKELI]
CROATIA [HRV]
CROATIA\t[YUGHRV <910625]
";
        let set = read(text, "a", PetrarchKind::Actors);
        assert!(set.rejected.is_empty(), "{:?}", set.rejected);
        let [gollum, sisi, uffe, croatia1, croatia2] = &set.actors[..] else {
            panic!("{:?}", set.actors)
        };
        assert_eq!(gollum.name, "Gollum");
        assert_eq!(texts(&gollum.names), ["gollum", "smeagol", "slinker"]);
        assert!(
            gollum
                .names
                .iter()
                .all(|n| !n.case_sensitive && n.usage == NameUse::Name)
        );
        assert_eq!(gollum.kind, ActorKind::Unknown);
        assert_eq!(gollum.country, None);
        assert_eq!(
            gollum.codes,
            [
                code("HOB", None, Some(date(1995, 6, 1))),
                code("HOBGOV", Some(date(1995, 6, 1)), Some(date(1999, 8, 15))),
                code("HOBREB", Some(date(1999, 8, 16)), None),
            ]
        );
        // `<` and `>` are inclusive, as in PETRARCH's get_actor_code.
        assert_eq!(gollum.code_on(Some(date(1995, 6, 1))), Some("HOB"));
        assert_eq!(gollum.code_on(Some(date(1995, 6, 2))), Some("HOBGOV"));
        assert_eq!(gollum.code_on(Some(date(1999, 8, 16))), Some("HOBREB"));
        assert_eq!(sisi.codes[1], code("EGYGOV", Some(date(2014, 6, 8)), None));
        assert_eq!(sisi.code_on(Some(date(2013, 1, 1))), Some("EGYELI"));
        // Without a date, the office still held (open-ended range) is current.
        assert_eq!(sisi.code_on(None), Some("EGYGOV"));
        assert_eq!(uffe.name, "Uffe Ellemann Jensen");
        assert_eq!(
            uffe.codes,
            [
                code(
                    "IGOEUREEC",
                    Some(date(1982, 7, 1)),
                    Some(date(1982, 12, 31))
                ),
                code(
                    "IGOEUREEC",
                    Some(date(1987, 7, 1)),
                    Some(date(1987, 12, 31))
                ),
                code("DNKELI", None, None),
            ]
        );
        // A phrase in several entries keeps all of them, as separate actors.
        assert_eq!(
            (croatia1.names[0].text.as_str(), croatia1.codes.len()),
            ("croatia", 1)
        );
        assert_eq!(
            croatia2.codes,
            [code("YUGHRV", None, Some(date(1991, 6, 25)))]
        );
        assert_eq!((croatia1.source.line, croatia2.source.line), (12, 13));
    }

    #[test]
    fn actor_entries_without_header_codes() {
        let text = "\
LEONID_BREZHNEV_  # CountryInfo.txt
LEONID_ILYICH_BREZHNEV
+SECRETARY_BREZHNEV
\t[RUSELI 19240101-641014]
\t[RUSGOV 641014-821110]
US_DEPARTMENT_OF_HUD_

US_DEPARTMENT_OF_THE_INTERIOR
  \t[USAGOV]
JOHN_J MCCLOY_
\tJOHN_MCCLOY_\t[IGOUNODEVWBK 470301-490630]
GEORGE_W._BUSH [USAGOV] Newspapers/Magazines\t$137,000,000
";
        let set = read(text, "a", PetrarchKind::Actors);
        let names: Vec<Vec<&str>> = set.actors.iter().map(|a| texts(&a.names)).collect();
        assert_eq!(
            names,
            [
                vec![
                    "leonid brezhnev",
                    "leonid ilyich brezhnev",
                    "secretary brezhnev"
                ],
                vec!["us department of hud"],
                vec!["us department of the interior"],
                vec!["john j mccloy", "john mccloy"],
                vec!["george w. bush"],
            ]
        );
        assert_eq!(set.actors[0].codes.len(), 2);
        assert_eq!(
            set.actors[0].code_on(Some(date(1970, 1, 1))),
            Some("RUSGOV")
        );
        assert!(
            set.actors[1].codes.is_empty(),
            "a blank line ends the codeless run"
        );
        assert_eq!(set.actors[2].codes, [code("USAGOV", None, None)]);
        assert_eq!(set.actors[3].codes[0].code, "IGOUNODEVWBK");
        assert_eq!(set.actors[4].name, "George W. Bush");
        assert_eq!(set.actors[4].codes, [code("USAGOV", None, None)]);
        assert_eq!(
            rejected(&set),
            [(
                12,
                "text \"Newspapers/Magazines\\t$137,000,000\" after the codes ignored"
            )]
        );
    }

    #[test]
    fn malformed_actor_lines_are_rejected_with_line_numbers() {
        let text = "\
+ORPHAN
ARMENIA [ARM]
\t[ARMUNR 9008223-911221]
\t[EGYGOV 20121207-20120802]
\t[USAGOV 19820101]
\t[950601-990815]
+FAEROYENE]_
\t[ARMGOV 910101-911221
BROKEN] [XXX]
+LOST_SYNONYM
AL-QAEDA [imgmosalq]
";
        let set = read(text, "bad.actors", PetrarchKind::Actors);
        let lines: Vec<u32> = set.rejected.iter().map(|r| r.source.line).collect();
        assert_eq!(lines, [1, 3, 4, 5, 6, 7, 8, 9, 10]);
        assert!(set.rejected.iter().all(|r| r.source.file == "bad.actors"));
        let reasons = rejected(&set);
        assert!(reasons[1].1.contains("bad date \"9008223\""), "{reasons:?}");
        assert!(
            reasons[2].1.contains("ends before it starts"),
            "{reasons:?}"
        );
        assert!(reasons[4].1.contains("missing code"), "{reasons:?}");
        assert!(reasons[5].1.contains("stray ']'"), "{reasons:?}");
        assert!(reasons[8].1.contains("rejected at line 9"), "{reasons:?}");
        assert_eq!(set.actors.len(), 2);
        assert_eq!(set.actors[0].codes, [code("ARM", None, None)]);
        assert_eq!(set.actors[1].name, "Al-Qaeda");
        assert_eq!(set.actors[1].codes[0].code, "IMGMOSALQ");
    }

    #[test]
    fn agents_plurals_markers_and_affixes() {
        let text = "\
!PERSON! = MAN, MEN, WOMAN , WOMEN, PERSON
!MINIST! = MINISTER, MINISTRY
AMBASSADOR [~GOV] # regular plural
PARTY [~PTY]
CONGRESS [~LEG]
MINISTRY_  [~GOV] # stopped: no plural
POLICE {} [ ~COP]
ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOV]
CONGRESS!PERSON! [~LEG]
FOREIGN_!MINIST!_OF_!MINIST! [~GOV]
HUMAN_RIGHTS_ORGANIZATION  [  NGO~]
";
        let set = read(text, "a", PetrarchKind::Agents);
        assert!(set.rejected.is_empty(), "{:?}", set.rejected);
        let got: Vec<(Vec<&str>, &AgentCode)> = set
            .agents
            .iter()
            .map(|a| (texts(&a.nouns), &a.code))
            .collect();
        let suffix = |c: &str| AgentCode::Suffix(c.into());
        assert_eq!(
            got,
            [
                (vec!["ambassador", "ambassadors"], &suffix("GOV")),
                (vec!["party", "parties"], &suffix("PTY")),
                (vec!["congress", "congresses"], &suffix("LEG")),
                (vec!["ministry"], &suffix("GOV")),
                (vec!["police"], &suffix("COP")),
                (
                    vec!["attorney general", "attorneys general"],
                    &suffix("GOV")
                ),
                (
                    vec![
                        "congressman",
                        "congressmen",
                        "congresswoman",
                        "congresswomen",
                        "congressperson"
                    ],
                    &suffix("LEG")
                ),
                (
                    vec![
                        "foreign minister of minister",
                        "foreign minister of ministry",
                        "foreign ministry of minister",
                        "foreign ministry of ministry"
                    ],
                    &suffix("GOV")
                ),
                (
                    vec!["human rights organization", "human rights organizations"],
                    &AgentCode::Prefix("NGO".into())
                ),
            ]
        );
        assert_eq!(set.agents[2].source.line, 5);
    }

    #[test]
    fn malformed_agent_lines() {
        let text = "\
ISLAMIC_EXTREMIST
DEPARMENT_OF_ENVIRONMENT [~ENV}
FOO [GOV]
BAR [~GOV] [~MIL]
!UNKNOWN!_WORKER [~LAB]
!BROKEN = A, B
THIEF {THIEVES [~CRM]
GOOD [~GOV]
";
        let set = read(text, "ag", PetrarchKind::Agents);
        let lines: Vec<u32> = set.rejected.iter().map(|r| r.source.line).collect();
        assert_eq!(lines, [1, 2, 3, 4, 5, 6, 7]);
        assert_eq!(set.rejected[0].reason, "agent without a [CODE]");
        assert!(set.rejected[2].reason.contains("neither ~XXX nor XXX~"));
        assert!(
            set.rejected[4]
                .reason
                .contains("undefined substitution marker !UNKNOWN!")
        );
        assert_eq!(set.agents.len(), 1);
    }

    #[test]
    fn discards_story_and_sentence() {
        let text = "# Story-level discards are indicated with a '+'.\nMONTHS LATER\n+World Golf Championships   # pas\nAFRICAN NATIONS CUP   # ab ;AB 13 JUN 2005\n+ESPN2_\n1914\n";
        let set = read(text, "d", PetrarchKind::Discards);
        let got: Vec<(&str, DiscardScope, u32)> = set
            .discards
            .iter()
            .map(|d| (d.phrase.text.as_str(), d.scope, d.source.line))
            .collect();
        assert_eq!(
            got,
            [
                ("months later", DiscardScope::Sentence, 2),
                ("world golf championships", DiscardScope::Story, 3),
                ("african nations cup", DiscardScope::Sentence, 4),
                ("espn2", DiscardScope::Story, 5),
                ("1914", DiscardScope::Sentence, 6),
            ]
        );
        let bad = read("+\nGOOD\nFOO [###]\n", "d", PetrarchKind::Discards);
        assert_eq!(
            rejected(&bad),
            [
                (1, "empty phrase"),
                (3, "unsupported: TABARI discard code [###]")
            ]
        );
    }

    #[test]
    fn issue_blocks_and_expansions() {
        let text = "\
# Phoenix issues
<ISSUE CATEGORY=\"EDUCATION\" TYPE=\"ALL\">
pre+n:school [EARLY_CHILDHOOD_EDUCATION]
n:kindergarten [EARLY_CHILDHOOD_EDUCATION]
n:academy [SCHOOLS]
~a head start
~~Armenian genocide  # not coding historical cases
</ISSUE>
<ISSUE CATEGORY=\"ID_ATROCITY\">
ethnic v:purge [ID_ATROCITY]
v:bury [ID_ATROCITY]
intimidation of press [MEDIA_CENSORSHIP]intimidation of the media [MEDIA_CENSORSHIP]
aqim [NAMED_TERROR_GROUP] [NAMED_TERROR_GROUP]
v:kidnap
liberation tigers of tamil eelam [NAMED_TERROR_GROUP]*******
</ISSUE>
";
        let set = read(text, "i", PetrarchKind::Issues);
        let got: Vec<(&str, Vec<&str>, u32)> = set
            .issues
            .iter()
            .map(|i| (i.category.as_str(), texts(&i.phrases), i.source.line))
            .collect();
        assert_eq!(
            got,
            [
                (
                    "EARLY_CHILDHOOD_EDUCATION",
                    vec![
                        "pre school",
                        "pre schools",
                        "pre-school",
                        "pre-schools",
                        "kindergarten",
                        "kindergartens"
                    ],
                    3
                ),
                ("SCHOOLS", vec!["academy", "academies"], 5),
                (
                    "ID_ATROCITY",
                    vec![
                        "ethnic purge",
                        "ethnic purges",
                        "ethnic purged",
                        "ethnic purging",
                        "bury",
                        "buries",
                        "buried",
                        "burying"
                    ],
                    10
                ),
                (
                    "MEDIA_CENSORSHIP",
                    vec!["intimidation of press", "intimidation of the media"],
                    12
                ),
                (
                    "NAMED_TERROR_GROUP",
                    vec!["aqim", "liberation tigers of tamil eelam"],
                    13
                ),
            ]
        );
        let reasons = rejected(&set);
        assert_eq!(
            reasons.iter().map(|r| r.0).collect::<Vec<_>>(),
            [6, 7, 14, 15]
        );
        assert!(reasons[0].1.starts_with("unsupported:"));
        assert!(reasons[1].1.starts_with("unsupported:"));
        assert_eq!(reasons[2].1, "issue phrase without a [CODE]");
        assert_eq!(reasons[3].1, "text \"*******\" after [CODE] ignored");
    }

    type Summary<'a> = (
        Text,
        Vec<&'a str>,
        Vec<Element>,
        Vec<Element>,
        PatternFlags,
        u32,
    );

    fn summary(p: &Pattern) -> Summary<'_> {
        let trigger = p.trigger.iter().map(Text::as_str).collect();
        (
            p.code.clone(),
            trigger,
            p.before.clone(),
            p.after.clone(),
            p.flags,
            p.source.line,
        )
    }

    fn word(w: &str) -> Element {
        Element::Word(w.into())
    }

    #[test]
    fn petrarch2_verb_block() {
        let text = "\
####### SYNONYM SETS #######
&AUXVERB3_
+HAVE
+HAS
&CURRENCY
+DOLLAR
+MONEY
+KRONER_
+SWISS_FRANC

####### VERB PATTERNS #######
---  ACCELERATE   [---]  ---
ACCELERATE
SPEED {SPEEDING SPEEDS SPED }
+CORDON_OFF {+CORDONED_OFF +CORDONS_OFF} [170]
- * (TO)                                [042:043]     # RUSH
- &AUXVERB3 * {ARMS SHIPMENT} (TO +)    [072]         # EXPEDITE
- * (BEFORE COURT)                      [:173]        # APPEAR
- * DEFEAT                              [---]         # DELIVER
---  GRANT   [070]---  ---
WIRE_+TAP [0711]
GRANT ;shan   8/30/93
- $ * &CURRENCY (TO ^)                  [071]
~ a (a b ATTACK) SAY = a b 015
";
        let set = read(text, "CAMEO.2.0.txt", PetrarchKind::Verbs);
        assert_eq!(
            rejected(&set),
            [(24, "unsupported: verb transformation (~ … = …)")]
        );
        assert_eq!(
            set.sets,
            [
                (
                    Text::from("auxverb3"),
                    vec![Text::from("have"), Text::from("has")]
                ),
                (
                    Text::from("currency"),
                    [
                        "dollar",
                        "dollars",
                        "money",
                        "moneys",
                        "kroner",
                        "swiss franc",
                        "swiss francs"
                    ]
                    .map(Text::from)
                    .to_vec()
                ),
            ]
        );
        let ps: Vec<_> = set.patterns.iter().map(summary).collect();
        let none = PatternFlags::default();
        let passive = PatternFlags {
            passive_only: true,
            ..none
        };
        let singles = vec!["accelerate", "speed"];
        let cordon = vec!["cordon"];
        let off = [word("off")];
        let aid_after = [word("arms"), word("shipment"), word("to"), Element::Target];
        let aid_after_off = [
            word("off"),
            word("arms"),
            word("shipment"),
            word("to"),
            Element::Target,
        ];
        let expected: Vec<Summary> = vec![
            // The bare multiword verb with its own code; ACCELERATE and SPEED have none (`---`).
            ("170".into(), cordon.clone(), vec![], off.to_vec(), none, 15),
            (
                "042".into(),
                singles.clone(),
                vec![],
                vec![word("to")],
                none,
                16,
            ),
            (
                "042".into(),
                cordon.clone(),
                vec![],
                vec![word("off"), word("to")],
                none,
                16,
            ),
            (
                "043".into(),
                singles.clone(),
                vec![],
                vec![word("to")],
                passive,
                16,
            ),
            (
                "043".into(),
                cordon.clone(),
                vec![],
                vec![word("off"), word("to")],
                passive,
                16,
            ),
            (
                "072".into(),
                singles.clone(),
                vec![Element::Set("auxverb3".into())],
                aid_after.to_vec(),
                none,
                17,
            ),
            (
                "072".into(),
                cordon.clone(),
                vec![Element::Set("auxverb3".into())],
                aid_after_off.to_vec(),
                none,
                17,
            ),
            (
                "173".into(),
                singles.clone(),
                vec![],
                vec![word("before"), word("court")],
                passive,
                18,
            ),
            (
                "173".into(),
                cordon.clone(),
                vec![],
                vec![word("off"), word("before"), word("court")],
                passive,
                18,
            ),
            (
                "---".into(),
                singles.clone(),
                vec![],
                vec![word("defeat")],
                none,
                19,
            ),
            (
                "---".into(),
                cordon.clone(),
                vec![],
                vec![word("off"), word("defeat")],
                none,
                19,
            ),
            (
                "0711".into(),
                vec!["tap"],
                vec![word("wire")],
                vec![],
                none,
                21,
            ),
            ("070".into(), vec!["grant"], vec![], vec![], none, 22),
            (
                "071".into(),
                vec!["grant"],
                vec![Element::Source],
                vec![Element::Set("currency".into()), word("to"), Element::Gap(4)],
                none,
                23,
            ),
            (
                "071".into(),
                vec!["tap"],
                vec![Element::Source, word("wire")],
                vec![Element::Set("currency".into()), word("to"), Element::Gap(4)],
                none,
                23,
            ),
        ];
        assert_eq!(ps, expected);
        let p = &set.patterns[1];
        assert_eq!(p.kind, TriggerKind::Verb);
        assert_eq!(
            p.text,
            "- * (TO)                                [042:043]     # RUSH"
        );
        assert_eq!(p.source.file, "CAMEO.2.0.txt");
        assert_eq!(
            set.patterns[0].text,
            "+CORDON_OFF {+CORDONED_OFF +CORDONS_OFF} [170]"
        );
    }

    #[test]
    fn petrarch1_tabari_patterns() {
        let text = "\
<!-- SYNSETS -->
&TIETYPES
+MILITARY
+ECONOMIC
&ACCORDSYN  # embedded synsets
+&TIETYPES
+CLOSER
--- AGREE  [081] ---
AGREE
- % HAVE POSTPONED *  [191]
- SAID WOULD NOT *  [112]
- * $ + TO ARRANGE [0233]
- IN_*_OUT NEW_&TIETYPES_RELATIONS [074]
- * BETWEEN %  [223]  # JW 5/15/95
- % * BE HELD RESPONSIBLE BY $  [102]
- INCHING &ACCORDSYN *  [083]
- * &UNDEFINED [099]
- * DIPLXMATIC  [###]  # -PAS 95.12.18
--- ADMIT  [013:012] ---
ADMIT
LASH OUT
";
        let set = read(text, "PETR.Validate.verbs.txt", PetrarchKind::Verbs);
        assert_eq!(
            rejected(&set),
            [
                (17, "undefined synonym set &UNDEFINED"),
                (18, "unsupported: TABARI discard code [###]"),
                (
                    21,
                    "several words \"LASH OUT\" on a verb line (multiword verbs use _ and +)"
                ),
            ]
        );
        let members = &set.sets.iter().find(|(n, _)| n == "accordsyn").unwrap().1;
        assert_eq!(
            members,
            &[
                "military",
                "militaries",
                "economic",
                "economics",
                "closer",
                "closers"
            ]
        );
        let ps: Vec<_> = set.patterns.iter().map(summary).collect();
        // TABARI/PETRARCH-1: `_` joins adjacent elements, a space lets words pass (a gap), also between
        // the verb and its neighbours.
        let gap = || Element::Gap(LOOSE_GAP);
        let none = PatternFlags {
            literal: true,
            ..PatternFlags::default()
        };
        let symmetric = PatternFlags {
            symmetric: true,
            ..none
        };
        let agree = vec!["agree"];
        let expected: Vec<Summary> = vec![
            ("081".into(), agree.clone(), vec![], vec![], none, 9),
            (
                "191".into(),
                agree.clone(),
                vec![
                    Element::Compound,
                    gap(),
                    word("have"),
                    gap(),
                    word("postponed"),
                    gap(),
                ],
                vec![],
                symmetric,
                10,
            ),
            (
                "112".into(),
                agree.clone(),
                vec![
                    word("said"),
                    gap(),
                    word("would"),
                    gap(),
                    word("not"),
                    gap(),
                ],
                vec![],
                none,
                11,
            ),
            (
                "0233".into(),
                agree.clone(),
                vec![],
                vec![
                    gap(),
                    Element::Source,
                    gap(),
                    Element::Target,
                    gap(),
                    word("to"),
                    gap(),
                    word("arrange"),
                ],
                none,
                12,
            ),
            (
                "074".into(),
                agree.clone(),
                vec![word("in")],
                vec![
                    word("out"),
                    gap(),
                    word("new"),
                    Element::Set("tietypes".into()),
                    word("relations"),
                ],
                none,
                13,
            ),
            (
                "223".into(),
                agree.clone(),
                vec![],
                vec![gap(), word("between"), gap(), Element::Compound],
                symmetric,
                14,
            ),
            (
                "102".into(),
                agree.clone(),
                vec![Element::Compound, gap()],
                vec![
                    gap(),
                    word("be"),
                    gap(),
                    word("held"),
                    gap(),
                    word("responsible"),
                    gap(),
                    word("by"),
                    gap(),
                    Element::Source,
                ],
                none,
                15,
            ),
            (
                "083".into(),
                agree.clone(),
                vec![
                    word("inching"),
                    gap(),
                    Element::Set("accordsyn".into()),
                    gap(),
                ],
                vec![],
                none,
                16,
            ),
            ("013".into(), vec!["admit"], vec![], vec![], none, 20),
        ];
        assert_eq!(ps, expected);
        // `[013:012]`: 013 from the source to the target, 012 back from the target to the source.
        let admit = set.patterns.last().unwrap();
        assert_eq!(admit.reverse_code.as_deref(), Some("012"));
    }

    #[test]
    fn malformed_verb_lines() {
        let text = "\
- * ORPHAN [010]
ORPHANVERB
&BAD LABEL
--- DELAY [120]  [031:031]  ---
DELAY
CLEAR_UP
WIRE_+TAP_+X
- * TALKS
- TALKS [010]
- * A * B [010]
* (TO QUESTION) [110]
- * {A | B} [010]
- * FOO [010] extra
SAY {SAID [010]
- * $X [010]
";
        let set = read(text, "v", PetrarchKind::Verbs);
        let lines: Vec<u32> = set.rejected.iter().map(|r| r.source.line).collect();
        assert_eq!(lines, [1, 2, 3, 4, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]);
        let reasons = rejected(&set);
        assert_eq!(
            reasons[3].1,
            "verb block header: [031:031] after the first [code] ignored"
        );
        assert!(reasons[10].1.starts_with("unsupported: TABARI disjunction"));
        assert!(
            reasons
                .iter()
                .filter(|r| r.1.starts_with("unsupported:"))
                .count()
                == 1
        );
        // DELAY keeps the first header code.
        assert_eq!(set.patterns.len(), 1);
        assert_eq!(
            (
                set.patterns[0].code.as_str(),
                set.patterns[0].trigger[0].as_str()
            ),
            ("120", "delay")
        );
    }

    #[test]
    fn detection() {
        let actors = "# header\nAFGHANISTAN_  [AFG]\n+AFGHAN_\nKARZAI\n\t[AFGGOV >011222]\n";
        let agents =
            "!PERSON! = MAN, MEN\nAMBASSADOR [~GOV]\nPOLICE {} [~COP]\nHUMAN_RIGHTS_BODY  [NGO~]\n";
        let verbs = "&CURRENCY\n+DOLLAR\n--- GRANT [070] ---\nGRANT\n- * &CURRENCY [071]\n";
        let discards = "# discards\n+ESPN2\nBASEBALL\nMONTHS LATER\n";
        let issues = "<ISSUE CATEGORY=\"X\">\nn:school [SCHOOLS]\n</ISSUE>\n";
        let config =
            "[Dictionaries]\nverbfile_name    = CAMEO.2.0.txt\nactorfile_list   = a.txt, b.txt\n";
        let prepositions = "aboard\nabout\nabove\n";
        let dyad = "country: Russia\n  code: RUS\n\nagent: rebel | insurgent => REB\n";
        assert_eq!(detect(actors), Some(PetrarchKind::Actors));
        assert_eq!(detect(agents), Some(PetrarchKind::Agents));
        assert_eq!(detect(verbs), Some(PetrarchKind::Verbs));
        assert_eq!(detect(discards), Some(PetrarchKind::Discards));
        assert_eq!(detect(issues), Some(PetrarchKind::Issues));
        assert_eq!(detect(config), None);
        assert_eq!(detect(prepositions), None);
        assert_eq!(detect(dyad), None);
        assert_eq!(detect(""), None);
        assert_eq!(detect("# only a comment\n\n"), None);
    }

    #[test]
    fn garbage_never_panics() {
        let inputs = [
            "[",
            "]",
            "[]",
            "+",
            "-",
            "---",
            "--- ---",
            "- *",
            "- * [",
            "&",
            "&_",
            "+&",
            "!",
            "!!=",
            "!A!=,",
            "<ISSUE",
            "n:",
            "v:",
            "v:e",
            "n:+",
            "+ [",
            "\t[",
            "\t[X <]",
            "\t[X 1-]",
            "A {",
            "A {} [~]",
            "~",
            "- * [:]",
            "- * [A:]",
            "ü [Ü]",
            "\u{feff}X [Y]",
            "<!--",
            "x -->",
            "{}",
            "a_+_b [1]",
            "+_ [1]",
        ];
        for kind in [
            PetrarchKind::Actors,
            PetrarchKind::Agents,
            PetrarchKind::Verbs,
            PetrarchKind::Discards,
            PetrarchKind::Issues,
        ] {
            for input in inputs {
                let _ = read(input, "g", kind);
                let _ = read(&format!("--- B [010] ---\nV\n{input}\n"), "g", kind);
                let _ = detect(input);
            }
        }
    }

    #[test]
    fn display_names() {
        assert_eq!(display_name("GEORGE_W._BUSH"), "George W. Bush");
        assert_eq!(display_name("AL-QAEDA_"), "Al-Qaeda");
        assert_eq!(display_name("U.S.S.R"), "U.S.S.R");
        assert_eq!(
            display_name("ANARCHISTS'_ATTACK_GROUP_"),
            "Anarchists' Attack Group"
        );
        assert_eq!(display_name("+UN_Secy_Gen"), "+UN Secy Gen");
    }
}
