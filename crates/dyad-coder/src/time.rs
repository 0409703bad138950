//! Event time: finds the time expressions of a sentence ("on Monday", "last summer", "since 2006",
//! "October 16, 2014"), resolves each to an inclusive calendar range against a reference date (the
//! publication date, or a dateline date) with a precision and a relation to the reference, and picks the
//! expression that governs an event trigger.
//!
//! Conventions (news style):
//! - Weeks run Monday to Sunday. "last Monday" / "next Monday" are the Monday of the previous / following
//!   week; a bare weekday ("on Monday", "Tuesday night") is the most recent such day on or before the
//!   reference, or, in a future construction ("will meet on Friday", "is due to vote on Friday"), the first
//!   one on or after it. The reference day itself counts in both directions, because news style names the
//!   weekday even for the day of publication ("voted Tuesday" in a Tuesday story).
//! - Months without a year: "in April" is this year's April when it is not after the reference month, else
//!   last year's (next occurrence in a future construction); "last April" is the most recent April before
//!   the reference month, "next April" the first one after it. A day without a year ("Oct 16") takes the
//!   reference year unless that is more than a week after the reference (then the previous year); in a
//!   future construction it is the next occurrence on or after the reference.
//! - Seasons are meteorological, Northern hemisphere: spring Mar–May, summer Jun–Aug, autumn/fall
//!   Sep–Nov, winter Dec–Feb. "last summer" is the most recent summer that ended before the reference,
//!   "next summer" the first that starts after it; "winter 2014" is the winter containing January 2014.
//! - Parts: "early/mid/late 2015" are Jan–Apr / May–Aug / Sep–Dec (precision [`Precision::Season`]);
//!   "early/mid/late April" are days 1–10 / 11–20 / 21–end ([`Precision::Week`]); "early/mid/late 1990s"
//!   are 1990–93 / 1994–96 / 1997–99 ([`Precision::Decade`]).
//! - "N weeks/months/years ago" give the calendar week/month/year containing that day; "N days ago" the day.
//! - Anaphoric expressions ("the day before", "the previous day", "the same day") are resolved against the
//!   reference too: a sentence has no better anchor here.
//! - "May" and "March" are months only next to a day number or a year, or after
//!   in/on/since/until/by/before/after/during/from/between/last/this/next/early/late/mid; other full month
//!   names also after "the"/"of" or before "'s"; abbreviations ("Oct.") only with a day or a year. In
//!   mixed-case text a lower-case month word ("may", "march") is never a month.
//! - A four-digit number is a year only in 1900–2100, outside separators ("2,200", "1,2010"), not after
//!   "$", "No.", "Resolution", "Flight"… nor before "%", "GMT", "hours"…; when followed by a common word
//!   ("2010 people") it is a year only after a preposition (in/since/until/by/before/after/during/from/
//!   between…: "since 2006 elections") or a determiner ("the 2010 elections").

use std::ops::Deref;

use dyad_text::tag::Upos;
use dyad_text::token::{Token, TokenKind, ascii_lower};
use jiff::ToSpan;
use jiff::civil::{Date, Weekday};
use serde::Serialize;

/// Precision of a resolved time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    /// One calendar day ("on Monday", "October 16, 2014", "yesterday").
    Day,
    /// A week, a weekend or a third of a month ("last week", "this weekend", "early April").
    Week,
    /// A calendar month ("last month", "in April").
    Month,
    /// A season or a third of a year ("last summer", "mid-2015").
    Season,
    /// A calendar year ("in 2010", "last year").
    Year,
    /// A decade ("the 1990s").
    Decade,
    /// No time expression: the publication date stands in.
    Publication,
}

impl Precision {
    /// The lower-case name ("day", "week", …).
    pub fn as_str(self) -> &'static str {
        match self {
            Precision::Day => "day",
            Precision::Week => "week",
            Precision::Month => "month",
            Precision::Season => "season",
            Precision::Year => "year",
            Precision::Decade => "decade",
            Precision::Publication => "publication",
        }
    }
}

/// How a time relates to the reference (publication) date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Relation {
    /// Before the reference ("last year", "earlier this week").
    Past,
    /// After the reference ("next week", "later this month").
    Future,
    /// Began before the reference and still holds ("since 2006").
    Ongoing,
    /// The range contains the reference and nothing tells which side ("today", "this year").
    Unknown,
}

impl Relation {
    /// The lower-case name ("past", "future", "ongoing", "unknown").
    pub fn as_str(self) -> &'static str {
        match self {
            Relation::Past => "past",
            Relation::Future => "future",
            Relation::Ongoing => "ongoing",
            Relation::Unknown => "unknown",
        }
    }
}

/// A time expression found in a sentence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TimeExpr {
    /// First token index in the token slice given to [`find_times`].
    pub start: usize,
    /// One past the last token index.
    pub end: usize,
    /// The expression as written ("on Monday", "since 2006", "Later in 2010").
    pub text: String,
    /// First day of the range.
    pub from: Date,
    /// Last day of the range (inclusive; equal to `from` for a day).
    pub to: Date,
    /// Precision of the range.
    pub precision: Precision,
    /// How it relates to the reference date.
    pub relation: Relation,
}

/// Words without which a sentence holds no time expression (besides numbers): a cheap test that spares
/// the full search on most sentences. Sorted, lower case.
const ANCHORS: &[&str] = &[
    "afternoon",
    "ago",
    "apr",
    "april",
    "aug",
    "august",
    "autumn",
    "day",
    "days",
    "dec",
    "decade",
    "december",
    "evening",
    "fall",
    "feb",
    "february",
    "fortnight",
    "fri",
    "friday",
    "jan",
    "january",
    "jul",
    "july",
    "jun",
    "june",
    "mar",
    "march",
    "may",
    "mid",
    "monday",
    "month",
    "months",
    "morning",
    "night",
    "nov",
    "november",
    "oct",
    "october",
    "sat",
    "saturday",
    "sep",
    "sept",
    "september",
    "since",
    "spring",
    "summer",
    "sunday",
    "thursday",
    "today",
    "tomorrow",
    "tonight",
    "tuesday",
    "wednesday",
    "week",
    "weekend",
    "weeks",
    "winter",
    "year",
    "years",
    "yesterday",
];

/// A word as a number that sorts as the word does (bytes from the top, ASCII case folded; only the first
/// 16 bytes count, and anchors are shorter): looking a word up among the anchors compares numbers, not
/// strings.
const fn packed(word: &[u8]) -> u128 {
    let mut key = 0u128;
    let mut i = 0;
    while i < word.len() && i < 16 {
        key |= (word[i].to_ascii_lowercase() as u128) << (8 * (15 - i));
        i += 1;
    }
    key
}

/// [`ANCHORS`], packed.
const PACKED_ANCHORS: [u128; ANCHORS.len()] = {
    let mut table = [0u128; ANCHORS.len()];
    let mut i = 0;
    while i < ANCHORS.len() {
        table[i] = packed(ANCHORS[i].as_bytes());
        assert!(i == 0 || table[i - 1] < table[i], "ANCHORS must be sorted");
        i += 1;
    }
    table
};

/// For each word length up to 9, the initials of the anchor words of that length (bit `letter - 'a'`): a
/// cheap test that rules out most words before the search.
const ANCHOR_INITIALS: [u32; 10] = {
    let mut table = [0u32; 10];
    let mut i = 0;
    while i < ANCHORS.len() {
        let word = ANCHORS[i].as_bytes();
        assert!(word.len() < 10 && word[0].is_ascii_lowercase());
        table[word.len()] |= 1 << (word[0] - b'a');
        i += 1;
    }
    table
};

/// Whether a token can anchor a time expression: a number, or one of the anchor words.
fn is_anchor(doc: &str, t: &Token) -> bool {
    if t.kind == TokenKind::Number {
        return true;
    }
    if t.kind != TokenKind::Word {
        return false;
    }
    let word = t.text(doc).trim_end_matches('.');
    let word = word.strip_prefix("mid-").map_or(word, |_| "mid");
    (2..=9).contains(&word.len())
        && word.as_bytes()[0].is_ascii_alphabetic()
        && ANCHOR_INITIALS[word.len()] & 1 << (word.as_bytes()[0].to_ascii_lowercase() - b'a') != 0
        && PACKED_ANCHORS
            .binary_search(&packed(word.as_bytes()))
            .is_ok()
}

/// Whether a sentence may hold a time expression: a number, or one of the anchor words.
pub fn may_contain_time(doc: &str, tokens: &[Token]) -> bool {
    tokens.iter().any(|t| is_anchor(doc, t))
}

/// How far before its anchor (number or anchor word) an expression may start ("between early March and").
const ANCHOR_REACH: usize = 6;

/// Finds and resolves every time expression in a sentence's tokens, against the publication date (or a
/// dateline date), in text order. Tags are optional (untagged tokens work); when present they refine the
/// future-construction test.
pub fn find_times(doc: &str, tokens: &[Token], reference: Date, out: &mut Vec<TimeExpr>) {
    let finder = Finder::new(doc, tokens, reference);
    // Only positions within reach of an anchor can start an expression.
    let mut next_anchor = vec![usize::MAX; tokens.len() + 1];
    for i in (0..tokens.len()).rev() {
        next_anchor[i] = if is_anchor(doc, &tokens[i]) {
            i
        } else {
            next_anchor[i + 1]
        };
    }
    let mut i = 0;
    while i < tokens.len() {
        if next_anchor[i] == usize::MAX {
            break;
        }
        if next_anchor[i] > i + ANCHOR_REACH {
            i = next_anchor[i] - ANCHOR_REACH;
            continue;
        }
        match finder.match_at(i) {
            Some((end, res)) if end > i && end <= tokens.len() => {
                let (from, to) = if res.from <= res.to {
                    (res.from, res.to)
                } else {
                    (res.to, res.from)
                };
                out.push(TimeExpr {
                    start: i,
                    end,
                    text: doc[tokens[i].start as usize..tokens[end - 1].end as usize].to_string(),
                    from,
                    to,
                    precision: res.precision,
                    relation: res
                        .relation
                        .unwrap_or_else(|| relation(from, to, reference)),
                });
                i = end;
            }
            _ => i += 1,
        }
    }
}

/// Whether the tokens around index `i` are in a future construction: will/would/shall/'ll/won't,
/// "is to", "going to", "plans to", "is due", "is expected", "is set", "scheduled", "slated", "upcoming",
/// "next week", a present progressive ("is meeting"). Cues before `i` count within its clause (up to 12
/// tokens back); cues after it count only when nothing verb-like precedes it in the clause ("On Monday,
/// Abbas will…", "Talks on Monday are expected…"), so "said on Monday he will…" is not future.
pub fn future_context(doc: &str, tokens: &[Token], i: usize) -> bool {
    if i >= tokens.len() {
        return false;
    }
    let w = Words { doc, tokens };
    let ids = clause_ids(doc, tokens, &[]);
    let cid = ids[i];
    let mut verb_before = false;
    let mut k = i;
    while k > 0 {
        k -= 1;
        if ids[k] != cid {
            break;
        }
        if i - k <= 12 && w.future_cue(k) {
            return true;
        }
        verb_before |= w.verbish(k);
    }
    if verb_before {
        return false;
    }
    let stop = (i + 10).min(tokens.len());
    (i + 1..stop)
        .take_while(|&k| ids[k] == cid)
        .any(|k| w.future_cue(k))
}

/// The time expression that governs the token at `index` (an event trigger).
///
/// Clause rule: the sentence is cut into clauses at ";" and ":", at subordinators (while, whereas, when,
/// whenever, because, although, though, unless, if, and since/after/before/until/till unless the tags show
/// no verb before the next comma — "after talks in Cairo" is a phrase, "after talks collapsed" a clause),
/// at ", which/where/who/whom/whose", at a complementizer "that" (tagged SCONJ or after a speech verb),
/// at parentheses, and at "and"/"but" joining two clauses (with tags: a verb before it in the clause, a
/// subject-like word right after it and a verb later; without tags: only ", and"/", but"). Subordinate
/// and relative clauses end at the next comma, and the enclosing clause resumes. Words inside a time
/// expression ("since 2006", "the day before") never cut. So in "Hamas has controlled Gaza since 2006
/// elections and Abbas's Palestinian Authority controls the West Bank" the second verb is in its own
/// clause and does not get "since 2006".
///
/// The result is the expression in the trigger's clause nearest to it (ties: the finer precision, then
/// the earlier one); else a sentence-level expression (the first expression, when only punctuation and
/// discourse words such as "But"/"However" precede it: "Later in 2010, …", "On Monday, …"); else `None`
/// (the caller then uses the publication date with precision [`Precision::Publication`]).
pub fn governing<'a>(
    times: &'a [TimeExpr],
    doc: &str,
    tokens: &[Token],
    index: usize,
) -> Option<&'a TimeExpr> {
    let first = times.first()?;
    // A time in the possessive ("last summer's conflict", "Monday's attack") dates the noun it
    // determines, not the clause around it.
    let possessive = |t: &TimeExpr| {
        tokens
            .get(t.end)
            .is_some_and(|k| matches!(k.text(doc), "'s" | "\u{2019}s"))
    };
    if index < tokens.len() {
        let ids = clause_ids(doc, tokens, times);
        let cid = ids[index];
        let nearest = times
            .iter()
            .filter(|t| t.start < ids.len() && ids[t.start] == cid)
            .filter(|t| !possessive(t) || (index > t.end && index <= t.end + 4))
            .min_by_key(|t| {
                let distance = if index >= t.end {
                    index + 1 - t.end
                } else {
                    t.start.saturating_sub(index)
                };
                (distance, t.precision)
            });
        if nearest.is_some() {
            return nearest;
        }
        // ... and what a relative clause on that noun tells ("last summer's conflict, which saw 2,200
        // Palestinians killed").
        let relative = times.iter().rev().find(|t| {
            possessive(t)
                && t.end < index
                && (t.end + 1..index.min(t.end + 7)).any(|k| {
                    matches!(
                        tokens[k].text(doc).to_ascii_lowercase().as_str(),
                        "which" | "that" | "when" | "where"
                    )
                })
        });
        if relative.is_some() {
            return relative;
        }
        // A clause opened by "where" or "when" takes the time of what it refers back to ("travelled to
        // Moscow in 2010, where the group discussed ...").
        if let Some(first) = (0..index).find(|&k| ids[k] == cid)
            && tokens.get(first).is_some_and(|t| {
                matches!(
                    t.text(doc).to_ascii_lowercase().as_str(),
                    "where" | "when" | "whereupon"
                )
            })
        {
            let antecedent = times
                .iter()
                .rev()
                .find(|t| t.end <= first && !possessive(t));
            if antecedent.is_some() {
                return antecedent;
            }
        }
    }
    let w = Words { doc, tokens };
    let at_start = first.start <= tokens.len()
        && !possessive(first)
        && (0..first.start).all(|k| w.is_punct(k) || w.is_any(k, DISCOURSE));
    at_start.then_some(first)
}

/// Whether an event at this time is historical: it ended more than 30 days before the reference.
pub fn is_historical(t: &TimeExpr, reference: Date) -> bool {
    t.to < reference.saturating_sub(30.days())
}

/// Whether an event at this time is in the future: it starts after the reference.
pub fn is_future(t: &TimeExpr, reference: Date) -> bool {
    t.from > reference
}

// ---------------------------------------------------------------------------------------------------
// Word lists.

use dyad_text::date::MONTHS;

const WEEKDAYS: [(&str, Weekday); 7] = [
    ("monday", Weekday::Monday),
    ("tuesday", Weekday::Tuesday),
    ("wednesday", Weekday::Wednesday),
    ("thursday", Weekday::Thursday),
    ("friday", Weekday::Friday),
    ("saturday", Weekday::Saturday),
    ("sunday", Weekday::Sunday),
];

const NUMBER_WORDS: [&str; 12] = [
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve",
];

const PARTS_OF_DAY: &[&str] = &["morning", "afternoon", "evening", "night"];

/// Prepositions after which a number or month word is taken as a time (not included in the expression).
const LICENSORS: &[&str] = &[
    "in",
    "on",
    "during",
    "since",
    "until",
    "till",
    "by",
    "before",
    "after",
    "through",
    "throughout",
    "from",
    "between",
];

/// Words before a four-digit number that make it an identifier or an amount, not a year.
const NOT_YEAR_BEFORE: &[&str] = &[
    "$",
    "€",
    "£",
    "¥",
    "#",
    "no",
    "nos",
    "number",
    "resolution",
    "resolutions",
    "article",
    "flight",
    "route",
    "room",
    "section",
    "chapter",
    "paragraph",
    "page",
    "item",
    "code",
    "highway",
    "bus",
    "platform",
    "model",
    "unit",
    "decree",
    "bill",
    "hill",
    "height",
];

/// Words after a four-digit number that make it an amount or a clock time.
const NOT_YEAR_AFTER: &[&str] = &[
    "%",
    "percent",
    "per",
    "pct",
    "gmt",
    "utc",
    "hours",
    "hrs",
    "local",
    "km",
    "kilometres",
    "kilometers",
    "miles",
    "metres",
    "meters",
    "feet",
];

/// Words before a year used as a modifier ("the 2010 elections").
const YEAR_DETERMINERS: &[&str] = &[
    "the", "a", "this", "that", "its", "his", "her", "their", "our", "'s", "’s", "'", "’", "of",
];

/// Function words that may follow a year written without a preposition ("2010 was", "2014 and 2015").
const YEAR_FOLLOWERS: &[&str] = &[
    "and", "or", "but", "nor", "when", "while", "as", "after", "before", "since", "until", "to",
    "the", "a", "an", "in", "on", "at", "with", "by", "for", "from", "of", "that", "which", "who",
    "where", "he", "she", "they", "it", "we", "i", "you", "there", "this", "these", "those", "was",
    "were", "is", "are", "had", "has", "have", "will", "would", "saw", "'s", "’s", "through",
];

/// Event nouns that make a preceding four-digit number a year ("won 2006 elections").
const YEAR_NOUNS: &[&str] = &[
    "election",
    "elections",
    "vote",
    "poll",
    "polls",
    "war",
    "uprising",
    "revolution",
    "coup",
    "budget",
    "census",
    "summit",
    "olympics",
    "games",
    "campaign",
    "agreement",
    "accord",
    "accords",
    "deal",
    "ceasefire",
    "truce",
    "offensive",
    "conflict",
    "crisis",
    "referendum",
    "protests",
    "invasion",
    "season",
    "report",
];

/// Words before a weekday that make it a named day ("Bloody Sunday", "Good Friday").
const NAMED_DAY_BEFORE: &[&str] = &[
    "black", "bloody", "good", "ash", "palm", "holy", "super", "cyber", "easter", "maundy",
    "shrove", "fat",
];

/// Newspaper names that follow a weekday ("the Sunday Times").
const NEWSPAPERS: &[&str] = &[
    "times",
    "telegraph",
    "mail",
    "express",
    "mirror",
    "herald",
    "post",
    "observer",
    "tribune",
    "independent",
    "star",
    "sport",
    "people",
];

/// Nouns after "Month Day" that make it a name ("the March 14 alliance", "the April 6 movement").
const NAMED_DATE_AFTER: &[&str] = &[
    "alliance",
    "movement",
    "coalition",
    "bloc",
    "revolution",
    "camp",
    "youth",
    "party",
    "front",
    "brigade",
    "brigades",
    "forces",
    "group",
];

/// Words after which "the day before" still stands alone (not "the day before the vote").
const AFTER_STANDALONE: &[&str] = &[
    "and", "but", "when", "as", "in", "at", "on", "with", "while", "he", "she", "they", "it", "we",
    "i", "to", "said", "says", "after", "amid", "by",
];

/// Words that may precede a sentence-level time expression.
const DISCOURSE: &[&str] = &[
    "but",
    "and",
    "however",
    "meanwhile",
    "then",
    "so",
    "also",
    "still",
    "yet",
    "now",
    "separately",
    "elsewhere",
];

/// Subordinators that open a clause.
const SUBORDINATORS: &[&str] = &[
    "while", "whereas", "since", "after", "before", "when", "whenever", "because", "although",
    "though", "until", "till", "unless", "if",
];

/// Verbs after which "that" introduces a clause.
const SPEECH_VERBS: &[&str] = &[
    "said",
    "says",
    "say",
    "told",
    "tells",
    "tell",
    "announced",
    "announces",
    "added",
    "adds",
    "stated",
    "reported",
    "claimed",
    "claims",
    "warned",
    "warns",
    "insisted",
    "noted",
    "argued",
    "confirmed",
    "denied",
    "believe",
    "believes",
    "believed",
    "think",
    "thinks",
    "thought",
    "hope",
    "hopes",
    "hoped",
    "suggested",
    "indicated",
    "explained",
    "acknowledged",
    "admitted",
    "predicted",
    "declared",
    "agreed",
    "stressed",
    "emphasised",
    "emphasized",
    "revealed",
    "alleged",
];

/// Words ending in "ing" that are not verb forms.
const ING_NOUNS: &[&str] = &[
    "thing",
    "nothing",
    "something",
    "anything",
    "everything",
    "morning",
    "evening",
    "king",
    "during",
    "ceiling",
    "spring",
    "string",
    "wing",
    "ring",
    "bring",
    "sing",
    "bling",
];

// ---------------------------------------------------------------------------------------------------
// Resolved ranges and building blocks.

#[derive(Debug, Clone, Copy)]
struct Resolved {
    from: Date,
    to: Date,
    precision: Precision,
    relation: Option<Relation>,
}

impl Resolved {
    fn new(from: Date, to: Date, precision: Precision) -> Resolved {
        Resolved {
            from,
            to,
            precision,
            relation: None,
        }
    }

    fn day(d: Date) -> Resolved {
        Resolved::new(d, d, Precision::Day)
    }

    fn with(mut self, relation: Relation) -> Resolved {
        self.relation = Some(relation);
        self
    }
}

/// A time found in the text, before resolution when it depends on the context.
#[derive(Debug, Clone, Copy)]
enum Core {
    /// Already a range.
    Fixed(Resolved),
    /// A month (or part of it) without a year.
    Month(i8, Part),
    /// A day of a month without a year.
    MonthDay(i8, i8),
    /// A weekday without a week.
    Weekday(Weekday),
    /// A season without a year.
    Season(Season),
    /// "the weekend".
    Weekend,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Whole,
    Early,
    Mid,
    Late,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Season {
    Spring,
    Summer,
    Autumn,
    Winter,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    Day,
    Week,
    Month,
    Year,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rel {
    Last,
    This,
    Next,
}

fn relation(from: Date, to: Date, reference: Date) -> Relation {
    if to < reference {
        Relation::Past
    } else if from > reference {
        Relation::Future
    } else {
        Relation::Unknown
    }
}

fn ymd(y: i32, m: i8, d: i8) -> Option<Date> {
    Date::new(i16::try_from(y).ok()?, m, d).ok()
}

fn add_days(d: Date, n: i64) -> Date {
    d.saturating_add(n.days())
}

fn week_start(d: Date) -> Date {
    add_days(d, -i64::from(d.weekday().to_monday_zero_offset()))
}

fn month_range(y: i32, m: i8, part: Part) -> Option<Resolved> {
    let first = ymd(y, m, 1)?;
    let last = first.last_of_month();
    Some(match part {
        Part::Whole => Resolved::new(first, last, Precision::Month),
        Part::Early => Resolved::new(first, ymd(y, m, 10)?, Precision::Week),
        Part::Mid => Resolved::new(ymd(y, m, 11)?, ymd(y, m, 20)?, Precision::Week),
        Part::Late => Resolved::new(ymd(y, m, 21)?, last, Precision::Week),
    })
}

fn month_of_date(d: Date) -> Option<Resolved> {
    month_range(i32::from(d.year()), d.month(), Part::Whole)
}

fn year_range(y: i32, part: Part) -> Option<Resolved> {
    let (m1, m2, precision) = match part {
        Part::Whole => (1, 12, Precision::Year),
        Part::Early => (1, 4, Precision::Season),
        Part::Mid => (5, 8, Precision::Season),
        Part::Late => (9, 12, Precision::Season),
    };
    Some(Resolved::new(
        ymd(y, m1, 1)?,
        ymd(y, m2, 1)?.last_of_month(),
        precision,
    ))
}

fn decade_range(d: i32, part: Part) -> Option<Resolved> {
    let (a, b) = match part {
        Part::Whole => (0, 9),
        Part::Early => (0, 3),
        Part::Mid => (4, 6),
        Part::Late => (7, 9),
    };
    Some(Resolved::new(
        ymd(d + a, 1, 1)?,
        ymd(d + b, 12, 31)?,
        Precision::Decade,
    ))
}

fn years_range(a: i32, b: i32) -> Option<Resolved> {
    Some(Resolved::new(
        ymd(a, 1, 1)?,
        ymd(b, 12, 31)?,
        Precision::Year,
    ))
}

impl Season {
    fn start_month(self) -> i8 {
        match self {
            Season::Spring => 3,
            Season::Summer => 6,
            Season::Autumn => 9,
            Season::Winter => 12,
        }
    }

    /// The instance starting in year `key` (winter `key` runs Dec `key` – Feb `key + 1`).
    fn range(self, key: i32) -> Option<Resolved> {
        let start = ymd(key, self.start_month(), 1)?;
        let end = start.saturating_add(3.months()).saturating_sub(1.day());
        Some(Resolved::new(start, end, Precision::Season))
    }

    /// The instance belonging to the reference's year ("this summer", "this winter").
    fn this_key(self, r: Date) -> i32 {
        let y = i32::from(r.year());
        if self == Season::Winter && r.month() <= 6 {
            y - 1
        } else {
            y
        }
    }

    /// The instance named with a year ("summer 2014"; "winter 2014" contains January 2014).
    fn named(self, year: i32) -> Option<Resolved> {
        self.range(if self == Season::Winter {
            year - 1
        } else {
            year
        })
    }

    fn relative(self, r: Date, rel: Rel) -> Option<Resolved> {
        let mut key = self.this_key(r);
        match rel {
            Rel::This => {}
            Rel::Last => {
                while self.range(key)?.to >= r {
                    key -= 1;
                }
            }
            Rel::Next => {
                while self.range(key)?.from <= r {
                    key += 1;
                }
            }
        }
        self.range(key)
    }
}

/// The month (1–12) named by a month name or abbreviation (see `dyad_text::date::month_number`).
fn month_of(word: &str) -> Option<i8> {
    dyad_text::date::month_number(word)
}

fn ends_with_ignore_case(w: &str, suffix: &str) -> bool {
    w.len() >= suffix.len()
        && w.is_char_boundary(w.len() - suffix.len())
        && w[w.len() - suffix.len()..].eq_ignore_ascii_case(suffix)
}

fn all_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// A year 1900–2100 written with four digits.
fn year_str(s: &str) -> Option<i32> {
    if s.len() != 4 || !all_digits(s) {
        return None;
    }
    let y: i32 = s.parse().ok()?;
    (1900..=2100).contains(&y).then_some(y)
}

/// "1990s" → 1990.
fn decade_str(s: &str) -> Option<i32> {
    let digits = s.strip_suffix('s').or_else(|| s.strip_suffix('S'))?;
    let d = year_str(digits)?;
    (d % 10 == 0 && d < 2100).then_some(d)
}

/// "2014-10-16".
fn iso_date(s: &str) -> Option<Date> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let y = year_str(&s[..4])?;
    let (m, d) = (&s[5..7], &s[8..10]);
    if !all_digits(m) || !all_digits(d) {
        return None;
    }
    ymd(y, m.parse().ok()?, d.parse().ok()?)
}

/// "2003-2005" or "2014-15" → (2003, 2005), (2014, 2015).
fn year_span(s: &str) -> Option<(i32, i32)> {
    let (a, b) = s.split_once('-')?;
    let a = year_str(a)?;
    let b = if b.len() == 2 && all_digits(b) {
        a - a % 100 + b.parse::<i32>().ok()?
    } else {
        year_str(b)?
    };
    (b > a && b - a <= 100).then_some((a, b))
}

// ---------------------------------------------------------------------------------------------------
// Token access.

#[derive(Clone, Copy)]
struct Words<'a> {
    doc: &'a str,
    tokens: &'a [Token],
}

impl<'a> Words<'a> {
    fn raw(&self, i: usize) -> &'a str {
        self.tokens.get(i).map_or("", |t| t.text(self.doc))
    }

    /// The token text without a trailing period ("Oct." → "Oct").
    fn word(&self, i: usize) -> &'a str {
        let r = self.raw(i);
        match r.strip_suffix('.') {
            Some(s) if !s.is_empty() => s,
            _ => r,
        }
    }

    fn is(&self, i: usize, w: &str) -> bool {
        self.word(i).eq_ignore_ascii_case(w)
    }

    fn is_any(&self, i: usize, ws: &[&str]) -> bool {
        let x = self.word(i);
        !x.is_empty() && ws.iter().any(|w| x.eq_ignore_ascii_case(w))
    }

    fn kind(&self, i: usize) -> Option<TokenKind> {
        self.tokens.get(i).map(|t| t.kind)
    }

    fn is_punct(&self, i: usize) -> bool {
        self.kind(i) == Some(TokenKind::Punct)
    }

    fn tag(&self, i: usize) -> Upos {
        self.tokens.get(i).map_or(Upos::X, |t| t.tag)
    }

    fn is_verb(&self, i: usize) -> bool {
        matches!(self.tag(i), Upos::VERB | Upos::AUX)
    }

    /// A third-person verb the tagger took for a plural noun: "(Authority) controls (the West Bank)".
    fn mistagged_verb(&self, k: usize) -> bool {
        let w = self.word(k);
        k > 0
            && self.tag(k) == Upos::NOUN
            && ends_with_ignore_case(w, "s")
            && !ends_with_ignore_case(w, "ss")
            && matches!(self.tag(k - 1), Upos::NOUN | Upos::PROPN)
            && matches!(
                self.tag(k + 1),
                Upos::DET | Upos::PRON | Upos::PROPN | Upos::NUM
            )
    }

    /// A finite-looking verb: by tag when tagged, else a speech verb or an "-ed" form.
    fn verbish(&self, i: usize) -> bool {
        if self.tag(i) != Upos::X {
            return self.is_verb(i) && !self.is_any(i, &["'s", "’s"]);
        }
        let w = self.word(i);
        self.is_any(i, SPEECH_VERBS) || (w.len() > 4 && ends_with_ignore_case(w, "ed"))
    }

    /// First letter upper-case and some lower-case letter after it ("Abbas", not "ABBAS" or "abbas").
    fn capitalized(&self, i: usize) -> bool {
        let r = self.raw(i);
        r.starts_with(|c: char| c.is_uppercase()) && r.chars().skip(1).any(char::is_lowercase)
    }

    fn lower<'b>(&'b self, i: usize, buf: &'b mut [u8; 16]) -> &'b str {
        ascii_lower(self.word(i), buf)
    }

    /// Whether the token at `k` is a cue of a future construction.
    fn future_cue(&self, k: usize) -> bool {
        let mut buf = [0u8; 16];
        match self.lower(k, &mut buf) {
            "will" | "shall" | "would" | "'ll" | "’ll" | "upcoming" | "scheduled" | "slated"
            | "planned" => true,
            "wo" => self.is_any(k + 1, &["n't", "n’t"]),
            "going" | "plans" | "plan" | "planning" | "intends" | "intend" | "aims" | "poised"
            | "expects" => self.is(k + 1, "to"),
            "expected" => self.is(k + 1, "to") || self.is_be(k.wrapping_sub(1)),
            "due" | "set" => self.is_be(k.wrapping_sub(1)),
            "next" => {
                self.is_any(k + 1, &["week", "month", "year", "weekend"])
                    || self.weekday_at(k + 1).is_some()
                    || month_of(self.word(k + 1)).is_some()
                    || self.season_at(k + 1).is_some()
            }
            "is" | "are" | "am" | "'re" | "’re" | "was" | "were" => {
                self.is(k + 1, "to") || (!self.is_any(k, &["was", "were"]) && self.ing_verb(k + 1))
            }
            _ => false,
        }
    }

    fn is_be(&self, k: usize) -> bool {
        self.is_any(
            k,
            &["is", "are", "am", "'re", "’re", "was", "were", "be", "been"],
        )
    }

    fn ing_verb(&self, k: usize) -> bool {
        let w = self.word(k);
        if w.len() < 5 || !ends_with_ignore_case(w, "ing") {
            return false;
        }
        match self.tag(k) {
            Upos::X => !self.is_any(k, ING_NOUNS),
            tag => tag == Upos::VERB,
        }
    }

    fn weekday_at(&self, i: usize) -> Option<Weekday> {
        if self.kind(i) != Some(TokenKind::Word) {
            return None;
        }
        let w = self.word(i);
        WEEKDAYS
            .iter()
            .find(|(name, _)| w.eq_ignore_ascii_case(name))
            .map(|&(_, wd)| wd)
    }

    fn season_at(&self, i: usize) -> Option<Season> {
        let mut buf = [0u8; 16];
        Some(match self.lower(i, &mut buf) {
            "spring" => Season::Spring,
            "summer" => Season::Summer,
            "autumn" | "fall" => Season::Autumn,
            "winter" => Season::Winter,
            _ => return None,
        })
    }
}

// ---------------------------------------------------------------------------------------------------
// The finder: pattern matching at each token.

struct Finder<'a> {
    w: Words<'a>,
    reference: Date,
    /// The sentence has capitalised words, so a lower-case month word is not a month name.
    mixed_case: bool,
}

impl<'a> Deref for Finder<'a> {
    type Target = Words<'a>;

    fn deref(&self) -> &Words<'a> {
        &self.w
    }
}

impl<'a> Finder<'a> {
    fn new(doc: &'a str, tokens: &'a [Token], reference: Date) -> Finder<'a> {
        let w = Words { doc, tokens };
        let mixed_case =
            (0..tokens.len()).any(|i| tokens[i].kind == TokenKind::Word && w.capitalized(i));
        Finder {
            w,
            reference,
            mixed_case,
        }
    }

    fn licensed(&self, i: usize) -> bool {
        i > 0 && self.is_any(i - 1, LICENSORS)
    }

    fn month_str(&self, w: &str) -> Option<(i8, bool)> {
        let m = month_of(w)?;
        if self.mixed_case && w.starts_with(|c: char| c.is_ascii_lowercase()) {
            return None;
        }
        Some((m, w.len() < MONTHS[(m - 1) as usize].len()))
    }

    /// A month word: (month, abbreviated).
    fn month_at(&self, i: usize) -> Option<(i8, bool)> {
        if self.kind(i) != Some(TokenKind::Word) {
            return None;
        }
        self.month_str(self.word(i))
    }

    /// A day of the month, 1–31, optionally ordinal ("16", "16th").
    fn day_at(&self, i: usize) -> Option<i8> {
        if self.kind(i) != Some(TokenKind::Number) {
            return None;
        }
        let raw = self.raw(i);
        let digits = raw.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        let suffix = &raw[digits.len()..];
        if !(suffix.is_empty()
            || ["st", "nd", "rd", "th"]
                .iter()
                .any(|s| suffix.eq_ignore_ascii_case(s)))
        {
            return None;
        }
        if digits.is_empty() || digits.len() > 2 || !all_digits(digits) {
            return None;
        }
        let d: i8 = digits.parse().ok()?;
        (1..=31).contains(&d).then_some(d)
    }

    fn year_at(&self, i: usize) -> Option<i32> {
        if self.kind(i) != Some(TokenKind::Number) {
            return None;
        }
        year_str(self.raw(i))
    }

    fn decade_at(&self, i: usize) -> Option<i32> {
        if self.kind(i) != Some(TokenKind::Number) {
            return None;
        }
        decade_str(self.raw(i))
    }

    /// "'90s" (the apostrophe at `i`): the decade that does not start after the reference year.
    fn short_decade_at(&self, i: usize) -> Option<i32> {
        if !self.is_any(i, &["'", "’"]) || self.kind(i + 1) != Some(TokenKind::Number) {
            return None;
        }
        let raw = self.raw(i + 1);
        let digits = raw.strip_suffix('s').or_else(|| raw.strip_suffix('S'))?;
        if digits.len() != 2 || !all_digits(digits) {
            return None;
        }
        let dd: i32 = digits.parse().ok()?;
        if dd % 10 != 0 {
            return None;
        }
        let recent = 2000 + dd;
        Some(if recent <= i32::from(self.reference.year()) {
            recent
        } else {
            1900 + dd
        })
    }

    /// A count: a/an, one–twelve, or 1–999 in digits.
    fn count_at(&self, i: usize) -> Option<i64> {
        let w = self.word(i);
        if self.is_any(i, &["a", "an"]) {
            return Some(1);
        }
        if let Some(p) = NUMBER_WORDS.iter().position(|n| w.eq_ignore_ascii_case(n)) {
            return Some(p as i64 + 1);
        }
        if self.kind(i) == Some(TokenKind::Number) && w.len() <= 3 && all_digits(w) {
            let n: i64 = w.parse().ok()?;
            return (n >= 1).then_some(n);
        }
        None
    }

    /// A time unit: (unit, plural).
    fn unit_at(&self, i: usize) -> Option<(Unit, bool)> {
        let mut buf = [0u8; 16];
        Some(match self.lower(i, &mut buf) {
            "day" => (Unit::Day, false),
            "days" => (Unit::Day, true),
            "week" => (Unit::Week, false),
            "weeks" => (Unit::Week, true),
            "month" => (Unit::Month, false),
            "months" => (Unit::Month, true),
            "year" => (Unit::Year, false),
            "years" => (Unit::Year, true),
            _ => return None,
        })
    }

    /// "last year" / "this year" / "next year" at `k`: the year.
    fn rel_year_at(&self, k: usize) -> Option<i32> {
        let y = i32::from(self.reference.year());
        if !self.is(k + 1, "year") {
            return None;
        }
        let mut buf = [0u8; 16];
        match self.lower(k, &mut buf) {
            "last" => Some(y - 1),
            "this" => Some(y),
            "next" => Some(y + 1),
            _ => None,
        }
    }

    fn skip_part_of_day(&self, k: usize) -> usize {
        if self.is_any(k, PARTS_OF_DAY) {
            k + 1
        } else {
            k
        }
    }

    // ---- Top level.

    /// The expression starting at token `i`, resolved: (end, range).
    fn match_at(&self, i: usize) -> Option<(usize, Resolved)> {
        let r = self.reference;
        let mut buf = [0u8; 16];
        match self.lower(i, &mut buf) {
            "since" => {
                let next = if self.is(i + 1, "the") && self.year_at(i + 2).is_some() {
                    i + 2
                } else {
                    i + 1
                };
                let (end, res) = self.single(next, true, None)?;
                (res.from <= r).then_some((
                    end,
                    Resolved::new(res.from, r, res.precision).with(Relation::Ongoing),
                ))
            }
            lw @ ("between" | "from") => {
                let (mid, first) = self.core(i + 1, true)?;
                let joins: &[&str] = if lw == "between" {
                    &["and"]
                } else {
                    &["to", "until", "till", "through", "-", "–", "—"]
                };
                if !self.is_any(mid, joins) {
                    return None;
                }
                let (end, second) = self.core(mid + 1, true)?;
                let (a, b) = match (first, second) {
                    // "between March and May 2014": the year written last applies to both.
                    (Core::Month(m, part), Core::Fixed(b)) => {
                        let y = i32::from(b.from.year()) - i32::from(m > b.from.month());
                        (month_range(y, m, part)?, b)
                    }
                    (Core::MonthDay(m, d), Core::Fixed(b)) => {
                        let later = (m, d) > (b.from.month(), b.from.day());
                        let y = i32::from(b.from.year()) - i32::from(later);
                        (Resolved::day(ymd(y, m, d)?), b)
                    }
                    _ => {
                        let a = self.resolve(first, i + 1, None)?;
                        (a, self.resolve(second, mid + 1, Some(a.from))?)
                    }
                };
                (b.to >= a.from).then_some((
                    end,
                    Resolved::new(a.from, b.to, a.precision.max(b.precision)),
                ))
            }
            // The preposition belongs to the expression unless a self-standing one follows
            // ("in last summer's war" → "last summer").
            "in" | "on" | "during"
                if !self.is_any(i + 1, &["last", "this", "next", "earlier", "later", "past"]) =>
            {
                if self.is(i, "in")
                    && let Some(found) = self.in_future(i + 1)
                {
                    return Some(found);
                }
                self.single(i + 1, true, None)
            }
            _ => self.single(i, self.licensed(i), None),
        }
    }

    /// "in two weeks" in a future construction: (end, range).
    fn in_future(&self, k: usize) -> Option<(usize, Resolved)> {
        let n = self.count_at(k)?;
        let (unit, _) = self.unit_at(k + 1)?;
        if self.is_any(k + 2, &["ago", "of", "'s", "’s", "'", "’"])
            || !future_context(self.doc, self.tokens, k)
        {
            return None;
        }
        Some((k + 2, self.shifted(unit, n)?))
    }

    /// The unit-sized range `n` units after (positive) or before (negative) the reference.
    fn shifted(&self, unit: Unit, n: i64) -> Option<Resolved> {
        let r = self.reference;
        match unit {
            Unit::Day => Some(Resolved::day(add_days(r, n))),
            Unit::Week => {
                let ws = week_start(add_days(r, 7 * n));
                Some(Resolved::new(ws, add_days(ws, 6), Precision::Week))
            }
            Unit::Month => month_of_date(r.saturating_add(n.months())),
            Unit::Year => year_range(i32::from(r.year()) + i32::try_from(n).ok()?, Part::Whole),
        }
    }

    /// One expression (no range) at `j`, resolved; `anchor` is the start of the first half of a range.
    fn single(&self, j: usize, lic: bool, anchor: Option<Date>) -> Option<(usize, Resolved)> {
        let (end, core) = self.core(j, lic)?;
        Some((end, self.resolve(core, j, anchor)?))
    }

    fn resolve(&self, core: Core, j: usize, anchor: Option<Date>) -> Option<Resolved> {
        let r = self.reference;
        let ry = i32::from(r.year());
        let future = || future_context(self.doc, self.tokens, j);
        match core {
            Core::Fixed(res) => Some(res),
            Core::Month(m, part) => {
                let y = if let Some(a) = anchor {
                    i32::from(a.year()) + i32::from(m < a.month())
                } else if future() {
                    ry + i32::from(m < r.month())
                } else {
                    ry - i32::from(m > r.month())
                };
                month_range(y, m, part)
            }
            Core::MonthDay(m, d) => {
                let (base, y) = match anchor {
                    Some(a) => (a, i32::from(a.year())),
                    None => (r, ry),
                };
                let this = ymd(y, m, d)?;
                let day = if anchor.is_some() || future() {
                    if this >= base {
                        this
                    } else {
                        ymd(y + 1, m, d)?
                    }
                } else if this <= add_days(r, 7) {
                    this
                } else {
                    ymd(y - 1, m, d)?
                };
                Some(Resolved::day(day))
            }
            Core::Weekday(wd) => {
                let day = if let Some(a) = anchor {
                    add_days(a, i64::from(a.weekday().until(wd)))
                } else if future() {
                    add_days(r, i64::from(r.weekday().until(wd)))
                } else {
                    add_days(r, -i64::from(wd.until(r.weekday())))
                };
                Some(Resolved::day(day))
            }
            Core::Season(s) => {
                if let Some(a) = anchor {
                    let mut key = s.this_key(a) - 1;
                    while s.range(key)?.to < a {
                        key += 1;
                    }
                    return s.range(key);
                }
                let this = s.range(s.this_key(r))?;
                if future() {
                    if this.to >= r {
                        Some(this)
                    } else {
                        s.range(s.this_key(r) + 1)
                    }
                } else if this.from <= r {
                    Some(this)
                } else {
                    s.range(s.this_key(r) - 1)
                }
            }
            Core::Weekend => {
                let ws = week_start(r);
                let sat = if r.weekday().to_monday_zero_offset() >= 5 || future() {
                    add_days(ws, 5)
                } else {
                    add_days(ws, -2)
                };
                Some(Resolved::new(sat, add_days(sat, 1), Precision::Week))
            }
        }
    }

    // ---- Phrases.

    /// A time expression at `j` (no leading "since"/"between"/"from"/"in"/"on"); `lic` when a preposition
    /// precedes it. Returns (end, core).
    fn core(&self, j: usize, lic: bool) -> Option<(usize, Core)> {
        let kind = self.kind(j)?;
        let r = self.reference;
        if kind == TokenKind::Number {
            return self.number_phrase(j, lic);
        }
        if let Some(d) = self.short_decade_at(j) {
            return Some((j + 2, Core::Fixed(decade_range(d, Part::Whole)?)));
        }
        let mut buf = [0u8; 16];
        let lw = self.lower(j, &mut buf);
        let fixed = |end: usize, res: Option<Resolved>| res.map(|res| (end, Core::Fixed(res)));
        match lw {
            "the" => return self.the_phrase(j, lic),
            "today" | "tonight" => return fixed(j + 1, Some(Resolved::day(r))),
            "yesterday" => {
                return fixed(
                    self.skip_part_of_day(j + 1),
                    Some(Resolved::day(add_days(r, -1))),
                );
            }
            "tomorrow" => {
                return fixed(
                    self.skip_part_of_day(j + 1),
                    Some(Resolved::day(add_days(r, 1))),
                );
            }
            "this" => return self.relative(j, Rel::This),
            "last" => return self.relative(j, Rel::Last),
            "next" => return self.relative(j, Rel::Next),
            "past" => return self.window(j + 1),
            "earlier" | "later" => return self.earlier_later(j, lw == "earlier"),
            "early" => return self.part_phrase(j + 1, Part::Early),
            "mid" => return self.part_phrase(j + 1, Part::Mid),
            "late" => return self.part_phrase(j + 1, Part::Late),
            _ => {}
        }
        if let Some(found) = self.prefixed(j) {
            return Some(found);
        }
        if let Some(wd) = self.weekday_at(j) {
            return self.weekday_phrase(j, wd);
        }
        if let Some((m, abbreviated)) = self.month_at(j) {
            return self.month_phrase(j, m, abbreviated, lic);
        }
        if let Some(s) = self.season_at(j) {
            return self.season_phrase(j, s, lic);
        }
        if let Some(n) = self.count_at(j) {
            return self.ago_phrase(j, n);
        }
        None
    }

    fn number_phrase(&self, j: usize, lic: bool) -> Option<(usize, Core)> {
        let raw = self.raw(j);
        if let Some(d) = iso_date(raw) {
            return Some((j + 1, Core::Fixed(Resolved::day(d))));
        }
        if let Some((a, b)) = year_span(raw) {
            return Some((j + 1, Core::Fixed(years_range(a, b)?)));
        }
        if let Some(d) = decade_str(raw) {
            return Some((j + 1, Core::Fixed(decade_range(d, Part::Whole)?)));
        }
        if let Some(d) = self.day_at(j) {
            let k = if self.is(j + 1, "of") { j + 2 } else { j + 1 };
            if let Some((m, _)) = self.month_at(k) {
                if let Some(y) = self.year_at(k + 1) {
                    return Some((k + 2, Core::Fixed(Resolved::day(ymd(y, m, d)?))));
                }
                return Some((k + 1, Core::MonthDay(m, d)));
            }
        }
        if self.year_at(j).is_some() {
            return self.year_phrase(j, lic);
        }
        let n = self.count_at(j)?;
        self.ago_phrase(j, n)
    }

    fn year_phrase(&self, j: usize, lic: bool) -> Option<(usize, Core)> {
        let y = self.year_at(j)?;
        if !self.year_ok(j, lic) {
            return None;
        }
        if self.is_any(j + 1, &["-", "–", "—"])
            && let Some(y2) = self.year_at(j + 2)
            && y2 > y
        {
            return Some((j + 3, Core::Fixed(years_range(y, y2)?)));
        }
        Some((j + 1, Core::Fixed(year_range(y, Part::Whole)?)))
    }

    /// Whether the four-digit number at `j` is a year (see the module notes).
    fn year_ok(&self, j: usize, lic: bool) -> bool {
        if j > 0 {
            let p = j - 1;
            if self.is_any(p, NOT_YEAR_BEFORE) {
                return false;
            }
            if self.raw(p) == "," && p > 0 && self.kind(p - 1) == Some(TokenKind::Number) {
                return false;
            }
        }
        if self.is_any(j + 1, NOT_YEAR_AFTER) {
            return false;
        }
        if lic || (j > 0 && self.is_any(j - 1, YEAR_DETERMINERS)) {
            return true;
        }
        match self.kind(j + 1) {
            None | Some(TokenKind::Punct) => true,
            Some(TokenKind::Word) => {
                (self.mixed_case && self.capitalized(j + 1))
                    || self.is_any(j + 1, YEAR_FOLLOWERS)
                    || self.is_any(j + 1, YEAR_NOUNS)
            }
            _ => false,
        }
    }

    /// Phrases starting with "the".
    fn the_phrase(&self, j: usize, lic: bool) -> Option<(usize, Core)> {
        let r = self.reference;
        let k = j + 1;
        let lic = lic || (j > 0 && self.is_any(j - 1, &["over", "at", "through", "throughout"]));
        let day = |end: usize, n: i64| Some((end, Core::Fixed(Resolved::day(add_days(r, n)))));
        if self.is(k, "day") {
            if self.is(k + 1, "before") && self.is(k + 2, "yesterday") {
                return day(k + 3, -2);
            }
            if self.is(k + 1, "after") && self.is(k + 2, "tomorrow") {
                return day(k + 3, 2);
            }
            let alone = k + 2 >= self.tokens.len()
                || self.is_punct(k + 2)
                || self.is_any(k + 2, AFTER_STANDALONE);
            if self.is_any(k + 1, &["before", "earlier"]) && alone {
                return day(k + 2, -1);
            }
            return None;
        }
        if self.is(k, "previous") {
            if self.is(k + 1, "day") {
                return day(k + 2, -1);
            }
            return self.relative(k, Rel::Last);
        }
        if self.is(k, "same") && self.is(k + 1, "day") {
            return day(k + 2, 0);
        }
        if self.is_any(k, &["past", "last"]) {
            return self.window(k + 1);
        }
        if self.is(k, "weekend") && lic {
            return Some((k + 1, Core::Weekend));
        }
        if let Some(d) = self.decade_at(k) {
            return Some((k + 1, Core::Fixed(decade_range(d, Part::Whole)?)));
        }
        if let Some(d) = self.short_decade_at(k) {
            return Some((k + 2, Core::Fixed(decade_range(d, Part::Whole)?)));
        }
        if let Some(part) = self.part_word(k) {
            let d = self
                .decade_at(k + 1)
                .or_else(|| self.short_decade_at(k + 1))?;
            let end = if self.decade_at(k + 1).is_some() {
                k + 2
            } else {
                k + 3
            };
            return Some((end, Core::Fixed(decade_range(d, part)?)));
        }
        if let Some((end, core @ Core::Fixed(res))) = self.prefixed(k)
            && res.precision == Precision::Decade
        {
            return Some((end, core));
        }
        if let Some(s) = self.season_at(k) {
            return self.season_phrase(k, s, lic);
        }
        if self.day_at(k).is_some() && self.is(k + 1, "of") {
            return self.number_phrase(k, true);
        }
        None
    }

    fn part_word(&self, k: usize) -> Option<Part> {
        let mut buf = [0u8; 16];
        match self.lower(k, &mut buf) {
            "early" => Some(Part::Early),
            "mid" => Some(Part::Mid),
            "late" => Some(Part::Late),
            _ => None,
        }
    }

    /// "the past week", "the last two years", "past three months": from that far back to the reference.
    fn window(&self, k: usize) -> Option<(usize, Core)> {
        let r = self.reference;
        let (n, unit_at) = match self.count_at(k) {
            Some(n) if !self.is_any(k, &["a", "an"]) => (n, k + 1),
            _ => (1, k),
        };
        let (unit, plural) = self.unit_at(unit_at)?;
        if plural != (n > 1) {
            return None;
        }
        let (from, precision) = match unit {
            Unit::Day => (add_days(r, -n), Precision::Day),
            Unit::Week => (add_days(r, -7 * n), Precision::Week),
            Unit::Month => (r.saturating_sub(n.months()), Precision::Month),
            Unit::Year => (r.saturating_sub(n.years()), Precision::Year),
        };
        Some((
            unit_at + 1,
            Core::Fixed(Resolved::new(from, r, precision).with(Relation::Past)),
        ))
    }

    /// "last/this/next" + week, month, year, weekend, weekday, month name or season; "last night",
    /// "this morning", "this past Monday", "last two weeks".
    fn relative(&self, j: usize, rel: Rel) -> Option<(usize, Core)> {
        let r = self.reference;
        let k = j + 1;
        let fixed = |end: usize, res: Option<Resolved>| res.map(|res| (end, Core::Fixed(res)));
        match rel {
            Rel::Last if self.is(k, "night") => {
                return fixed(k + 1, Some(Resolved::day(add_days(r, -1))));
            }
            Rel::This if self.is_any(k, &["morning", "afternoon", "evening"]) => {
                return fixed(k + 1, Some(Resolved::day(r)));
            }
            Rel::This if self.is(k, "past") => {
                let wd = self.weekday_at(k + 1)?;
                let back = match wd.until(r.weekday()) {
                    0 => 7,
                    n => n,
                };
                return fixed(
                    self.skip_part_of_day(k + 2),
                    Some(Resolved::day(add_days(r, -i64::from(back)))),
                );
            }
            Rel::Last
                if self.count_at(k).is_some()
                    && !self.is_any(k, &["a", "an", "one"])
                    && self.unit_at(k + 1).is_some() =>
            {
                return self.window(k);
            }
            _ => {}
        }
        let ws = week_start(r);
        let ry = i32::from(r.year());
        if let Some((unit, false)) = self.unit_at(k) {
            let res = match unit {
                Unit::Day => return None,
                Unit::Week => {
                    let start = match rel {
                        Rel::Last => add_days(ws, -7),
                        Rel::This => ws,
                        Rel::Next => add_days(ws, 7),
                    };
                    Some(Resolved::new(start, add_days(start, 6), Precision::Week))
                }
                Unit::Month => {
                    let n = match rel {
                        Rel::Last => -1,
                        Rel::This => 0,
                        Rel::Next => 1,
                    };
                    month_of_date(r.first_of_month().saturating_add(n.months()))
                }
                Unit::Year => {
                    let y = match rel {
                        Rel::Last => ry - 1,
                        Rel::This => ry,
                        Rel::Next => ry + 1,
                    };
                    year_range(y, Part::Whole)
                }
            };
            return fixed(k + 1, res);
        }
        if self.is(k, "weekend") {
            let sat = match rel {
                Rel::Last => add_days(ws, -2),
                Rel::This => add_days(ws, 5),
                Rel::Next => add_days(ws, 12),
            };
            return fixed(
                k + 1,
                Some(Resolved::new(sat, add_days(sat, 1), Precision::Week)),
            );
        }
        if let Some(wd) = self.weekday_at(k) {
            let end = self.skip_part_of_day(k + 1);
            let offset = i64::from(wd.to_monday_zero_offset());
            return match rel {
                Rel::Last => fixed(end, Some(Resolved::day(add_days(ws, offset - 7)))),
                Rel::Next => fixed(end, Some(Resolved::day(add_days(ws, offset + 7)))),
                Rel::This => Some((end, Core::Weekday(wd))),
            };
        }
        if let Some((m, false)) = self.month_at(k) {
            let y = match rel {
                Rel::Last => ry - i32::from(m >= r.month()),
                Rel::This => ry,
                Rel::Next => ry + i32::from(m <= r.month()),
            };
            return fixed(k + 1, month_range(y, m, Part::Whole));
        }
        if let Some(s) = self.season_at(k) {
            return fixed(k + 1, s.relative(r, rel));
        }
        None
    }

    /// "earlier this week", "later this year", "later next month", "Later in 2010".
    fn earlier_later(&self, j: usize, earlier: bool) -> Option<(usize, Core)> {
        let r = self.reference;
        let k = j + 1;
        if self.is(k, "in") {
            return self.core(k + 1, true);
        }
        if self.is_any(k, &["last", "next"]) {
            return self.core(k, false);
        }
        if !self.is(k, "this") {
            return None;
        }
        let (unit, false) = self.unit_at(k + 1)? else {
            return None;
        };
        let (start, end, precision) = match unit {
            Unit::Day => return None,
            Unit::Week => {
                let ws = week_start(r);
                (ws, add_days(ws, 6), Precision::Week)
            }
            Unit::Month => (r.first_of_month(), r.last_of_month(), Precision::Month),
            Unit::Year => (r.first_of_year(), r.last_of_year(), Precision::Year),
        };
        let res = if earlier {
            Resolved::new(start, r, precision).with(Relation::Past)
        } else {
            Resolved::new(r, end, precision).with(Relation::Future)
        };
        Some((k + 2, Core::Fixed(res)))
    }

    /// After "early"/"mid"/"late" (at `k`): a year, decade, month, "next year", a weekday.
    fn part_phrase(&self, k: usize, part: Part) -> Option<(usize, Core)> {
        let r = self.reference;
        let k = if self.is(k, "in") && self.year_at(k + 1).is_some() {
            k + 1
        } else {
            k
        };
        if let Some(y) = self.year_at(k) {
            return Some((k + 1, Core::Fixed(year_range(y, part)?)));
        }
        if let Some(d) = self.decade_at(k) {
            return Some((k + 1, Core::Fixed(decade_range(d, part)?)));
        }
        if let Some((m, _)) = self.month_at(k) {
            return self.month_part(k + 1, m, part);
        }
        if let Some(y) = self.rel_year_at(k) {
            return Some((k + 2, Core::Fixed(year_range(y, part)?)));
        }
        if self.is_any(k, &["this", "last", "next"]) && self.is(k + 1, "month") {
            let n: i64 = if self.is(k, "last") {
                -1
            } else if self.is(k, "next") {
                1
            } else {
                0
            };
            let first = r.first_of_month().saturating_add(n.months());
            let res = month_range(i32::from(first.year()), first.month(), part)?;
            return Some((k + 2, Core::Fixed(res)));
        }
        if self.is_any(k, &["this", "last", "next"]) && self.is_any(k + 1, &["week", "weekend"]) {
            return self.core(k, false);
        }
        let k = if self.is(k, "on") { k + 1 } else { k };
        let wd = self.weekday_at(k)?;
        self.weekday_phrase(k, wd)
    }

    /// Single tokens "mid-2015", "mid-1990s", "mid-April", "early-2016".
    fn prefixed(&self, j: usize) -> Option<(usize, Core)> {
        if self.kind(j) != Some(TokenKind::Word) {
            return None;
        }
        let w = self.word(j);
        let (head, rest) = w.split_once('-')?;
        let part = match head.to_ascii_lowercase().as_str() {
            "early" => Part::Early,
            "mid" => Part::Mid,
            "late" => Part::Late,
            _ => return None,
        };
        if let Some(y) = year_str(rest) {
            return Some((j + 1, Core::Fixed(year_range(y, part)?)));
        }
        if let Some(d) = decade_str(rest) {
            return Some((j + 1, Core::Fixed(decade_range(d, part)?)));
        }
        let (m, _) = self.month_str(rest)?;
        self.month_part(j + 1, m, part)
    }

    /// A month (or part of it) whose word ended before `next`: with a year, "last year", or open.
    fn month_part(&self, next: usize, m: i8, part: Part) -> Option<(usize, Core)> {
        if let Some(y) = self.year_at(next) {
            return Some((next + 1, Core::Fixed(month_range(y, m, part)?)));
        }
        if let Some(y) = self.rel_year_at(next) {
            return Some((next + 2, Core::Fixed(month_range(y, m, part)?)));
        }
        Some((next, Core::Month(m, part)))
    }

    fn weekday_phrase(&self, j: usize, wd: Weekday) -> Option<(usize, Core)> {
        if j > 0 && self.is_any(j - 1, NAMED_DAY_BEFORE) {
            return None;
        }
        if self.is_any(j + 1, NEWSPAPERS) && (self.capitalized(j + 1) || !self.mixed_case) {
            return None;
        }
        // "Monday, Oct. 12, 2015", "Monday (Oct 12)": the date decides.
        if self.is_any(j + 1, &[",", "("])
            && let Some((end, core)) = self.core(j + 2, true)
        {
            let is_date = match core {
                Core::MonthDay(..) => true,
                Core::Fixed(res) => res.precision == Precision::Day && res.from == res.to,
                _ => false,
            };
            if is_date {
                let end = if self.is(end, ")") { end + 1 } else { end };
                return Some((end, core));
            }
        }
        Some((self.skip_part_of_day(j + 1), Core::Weekday(wd)))
    }

    fn month_phrase(&self, j: usize, m: i8, abbreviated: bool, lic: bool) -> Option<(usize, Core)> {
        let k = j + 1;
        if let Some(d) = self.day_at(k) {
            if self.is(k + 1, ",")
                && let Some(y) = self.year_at(k + 2)
            {
                return Some((k + 3, Core::Fixed(Resolved::day(ymd(y, m, d)?))));
            }
            if let Some(y) = self.year_at(k + 1) {
                return Some((k + 2, Core::Fixed(Resolved::day(ymd(y, m, d)?))));
            }
            let attacks = m == 9
                && d == 11
                && self.is_any(k + 1, &["attacks", "attack", "commission", "hijackers"]);
            if attacks || self.is_any(k + 1, NAMED_DATE_AFTER) {
                return None;
            }
            return Some((k + 1, Core::MonthDay(m, d)));
        }
        if let Some(y) = self.year_at(k) {
            return Some((k + 1, Core::Fixed(month_range(y, m, Part::Whole)?)));
        }
        if self.is(k, "of")
            && let Some(y) = self.year_at(k + 1)
        {
            return Some((k + 2, Core::Fixed(month_range(y, m, Part::Whole)?)));
        }
        if let Some(y) = self.rel_year_at(k) {
            return Some((k + 2, Core::Fixed(month_range(y, m, Part::Whole)?)));
        }
        if abbreviated {
            return None;
        }
        let strict = matches!(m, 3 | 5);
        let loose = !strict
            && ((j > 0 && self.is_any(j - 1, &["the", "of"])) || self.is_any(k, &["'s", "’s"]));
        (lic || loose).then_some((k, Core::Month(m, Part::Whole)))
    }

    fn season_phrase(&self, j: usize, s: Season, lic: bool) -> Option<(usize, Core)> {
        let k = j + 1;
        if let Some(y) = self.year_at(k) {
            return Some((k + 1, Core::Fixed(s.named(y)?)));
        }
        if self.is(k, "of") {
            let y = self.year_at(k + 1)?;
            return Some((k + 2, Core::Fixed(s.named(y)?)));
        }
        lic.then_some((k, Core::Season(s)))
    }

    /// "two days ago", "a year ago".
    fn ago_phrase(&self, j: usize, n: i64) -> Option<(usize, Core)> {
        let (unit, _) = self.unit_at(j + 1)?;
        if !self.is(j + 2, "ago") {
            return None;
        }
        Some((j + 3, Core::Fixed(self.shifted(unit, -n)?)))
    }
}

// ---------------------------------------------------------------------------------------------------
// Clauses.

#[derive(Clone, Copy, PartialEq, Eq)]
enum Closer {
    Comma,
    Paren,
    Never,
}

/// A clause number per token (see [`governing`] for the rule); tokens inside `times` never cut.
pub(crate) fn clause_ids(doc: &str, tokens: &[Token], times: &[TimeExpr]) -> Vec<u32> {
    let w = Words { doc, tokens };
    let n = tokens.len();
    let mut in_time = vec![false; n];
    for t in times {
        for flag in in_time.iter_mut().take(t.end.min(n)).skip(t.start) {
            *flag = true;
        }
    }
    let tagged = tokens.iter().any(|t| t.tag != Upos::X);
    let mut ids = vec![0u32; n];
    let mut current = 0u32;
    let mut fresh = 1u32;
    let mut stack: Vec<(u32, Closer)> = Vec::new();
    let mut open = |stack: &mut Vec<(u32, Closer)>, current: &mut u32, closer: Closer| {
        stack.push((*current, closer));
        *current = fresh;
        fresh += 1;
    };
    for j in 0..n {
        if in_time[j] {
            ids[j] = current;
            continue;
        }
        let mut buf = [0u8; 16];
        let lw = w.lower(j, &mut buf);
        match lw {
            ";" | ":" => {
                ids[j] = current;
                stack.clear();
                open(&mut stack, &mut current, Closer::Never);
                stack.clear();
            }
            "(" => {
                ids[j] = current;
                open(&mut stack, &mut current, Closer::Paren);
            }
            ")" => {
                ids[j] = current;
                while let Some((parent, closer)) = stack.pop() {
                    current = parent;
                    if closer == Closer::Paren {
                        break;
                    }
                }
            }
            "," => {
                ids[j] = current;
                if let Some(&(parent, Closer::Comma)) = stack.last() {
                    stack.pop();
                    current = parent;
                }
            }
            "which" | "where" | "who" | "whom" | "whose" if j > 0 && w.raw(j - 1) == "," => {
                open(&mut stack, &mut current, Closer::Comma);
                ids[j] = current;
            }
            "that" if w.tag(j) == Upos::SCONJ || (j > 0 && w.is_any(j - 1, SPEECH_VERBS)) => {
                open(&mut stack, &mut current, Closer::Never);
                ids[j] = current;
            }
            "and" | "but" if coordination(&w, j, &ids, current, tagged) => {
                open(&mut stack, &mut current, Closer::Never);
                stack.pop();
                ids[j] = current;
            }
            _ if SUBORDINATORS.contains(&lw) => {
                let phrase = matches!(lw, "after" | "before" | "since" | "until" | "till")
                    && tagged
                    && !verb_follows(&w, j + 1);
                if !phrase {
                    open(&mut stack, &mut current, Closer::Comma);
                }
                ids[j] = current;
            }
            _ => ids[j] = current,
        }
    }
    ids
}

/// Whether "and"/"but" at `j` joins two clauses.
fn coordination(w: &Words, j: usize, ids: &[u32], current: u32, tagged: bool) -> bool {
    if !tagged {
        return j > 0 && w.raw(j - 1) == ",";
    }
    let subject = matches!(
        w.tag(j + 1),
        Upos::DET | Upos::PROPN | Upos::NOUN | Upos::PRON | Upos::ADJ | Upos::NUM
    );
    subject
        && (0..j)
            .rev()
            .take_while(|&k| ids[k] == current)
            .any(|k| w.is_verb(k))
        && verb_follows(w, j + 1)
}

/// Whether a verb comes from `k` before the next comma, clause break or sentence end.
fn verb_follows(w: &Words, k: usize) -> bool {
    let mut k = k;
    while k < w.tokens.len() {
        if w.is_any(k, &[",", ";", ":", ".", "!", "?", "and", "but"]) || w.is_any(k, SUBORDINATORS)
        {
            return false;
        }
        if (w.is_verb(k) && !w.is_any(k, &["'s", "’s"])) || w.mistagged_verb(k) {
            return true;
        }
        k += 1;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use dyad_text::token::tokenize;

    const R: &str = "2015-08-04"; // a Tuesday

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    fn toks(text: &str) -> Vec<Token> {
        let mut out = Vec::new();
        tokenize(text, 0..text.len(), &mut out);
        out
    }

    fn times_at(text: &str, reference: &str) -> Vec<TimeExpr> {
        let tokens = toks(text);
        let mut out = Vec::new();
        find_times(text, &tokens, d(reference), &mut out);
        out
    }

    fn times(text: &str) -> Vec<TimeExpr> {
        times_at(text, R)
    }

    /// Exactly one expression, with this text, range and precision.
    fn one_at(text: &str, reference: &str, expr: &str, from: &str, to: &str, p: Precision) {
        let found = times_at(text, reference);
        assert_eq!(found.len(), 1, "{text:?}: {found:#?}");
        let t = &found[0];
        assert_eq!(t.text, expr, "{text:?}");
        assert_eq!((t.from, t.to), (d(from), d(to)), "{text:?}: {}", t.text);
        assert_eq!(t.precision, p, "{text:?}");
    }

    fn one(text: &str, expr: &str, from: &str, to: &str, p: Precision) {
        one_at(text, R, expr, from, to, p);
    }

    fn none(text: &str) {
        let found = times(text);
        assert!(found.is_empty(), "{text:?}: {found:#?}");
    }

    use Precision::*;

    // ---- Seed article (reference 2015-08-04).

    #[test]
    fn seed_on_monday() {
        one(
            "Meshaal met with Lavrov in the Qatari capital on Monday.",
            "on Monday",
            "2015-08-03",
            "2015-08-03",
            Day,
        );
        assert_eq!(times("He met on Monday.")[0].relation, Relation::Past);
    }

    #[test]
    fn seed_last_summer() {
        one(
            "Hamas fought Israel in last summer's Gaza conflict.",
            "last summer",
            "2014-06-01",
            "2014-08-31",
            Season,
        );
    }

    #[test]
    fn seed_last_year() {
        one(
            "The reconciliation deal failed last year.",
            "last year",
            "2014-01-01",
            "2014-12-31",
            Year,
        );
    }

    #[test]
    fn seed_last_month() {
        one(
            "The two men spoke by phone last month.",
            "last month",
            "2015-07-01",
            "2015-07-31",
            Month,
        );
    }

    #[test]
    fn seed_was_in_2010() {
        one(
            "His last visit to Moscow was in 2010.",
            "in 2010",
            "2010-01-01",
            "2010-12-31",
            Year,
        );
    }

    #[test]
    fn seed_later_in_2010() {
        one(
            "Later in 2010, Meshaal met with Assad in Syria.",
            "Later in 2010",
            "2010-01-01",
            "2010-12-31",
            Year,
        );
    }

    #[test]
    fn seed_last_april() {
        one(
            "The Hamas leader met in Moscow last April with Russian officials.",
            "last April",
            "2015-04-01",
            "2015-04-30",
            Month,
        );
    }

    #[test]
    fn seed_since_2006_elections() {
        let found = times("Hamas has controlled the Gaza Strip since 2006 elections.");
        assert_eq!(found.len(), 1);
        let t = &found[0];
        assert_eq!(t.text, "since 2006");
        assert_eq!((t.from, t.to), (d("2006-01-01"), d(R)));
        assert_eq!(t.precision, Year);
        assert_eq!(t.relation, Relation::Ongoing);
    }

    #[test]
    fn seed_in_april_last_year() {
        one(
            "Talks began in April last year.",
            "in April last year",
            "2014-04-01",
            "2014-04-30",
            Month,
        );
    }

    #[test]
    fn seed_in_june() {
        one(
            "They met again in June.",
            "in June",
            "2015-06-01",
            "2015-06-30",
            Month,
        );
    }

    #[test]
    fn seed_october_16_2014() {
        one(
            "The deal was signed on October 16, 2014.",
            "on October 16, 2014",
            "2014-10-16",
            "2014-10-16",
            Day,
        );
    }

    // ---- Weekdays.

    #[test]
    fn weekday_same_day_is_the_reference() {
        one("Abbas spoke Tuesday.", "Tuesday", R, R, Day);
    }

    #[test]
    fn weekday_past_goes_back() {
        one(
            "Abbas spoke on Wednesday.",
            "on Wednesday",
            "2015-07-29",
            "2015-07-29",
            Day,
        );
    }

    #[test]
    fn weekday_with_part_of_day() {
        one(
            "Rockets were fired on Friday morning.",
            "on Friday morning",
            "2015-07-31",
            "2015-07-31",
            Day,
        );
        one("Clashes erupted Tuesday night.", "Tuesday night", R, R, Day);
    }

    #[test]
    fn weekday_future_with_will() {
        let found = times("Abbas will meet Kerry on Friday.");
        assert_eq!(found[0].from, d("2015-08-07"));
        assert_eq!(found[0].relation, Relation::Future);
    }

    #[test]
    fn weekday_future_is_to_and_scheduled() {
        one(
            "Abbas is to travel to Paris on Thursday.",
            "on Thursday",
            "2015-08-06",
            "2015-08-06",
            Day,
        );
        one(
            "The vote is scheduled for Saturday.",
            "Saturday",
            "2015-08-08",
            "2015-08-08",
            Day,
        );
        one(
            "On Monday, the council will vote.",
            "On Monday",
            "2015-08-10",
            "2015-08-10",
            Day,
        );
    }

    #[test]
    fn weekday_last_and_next() {
        one(
            "They met last Monday.",
            "last Monday",
            "2015-07-27",
            "2015-07-27",
            Day,
        );
        one(
            "They meet next Monday.",
            "next Monday",
            "2015-08-10",
            "2015-08-10",
            Day,
        );
        one(
            "They met this past Tuesday.",
            "this past Tuesday",
            "2015-07-28",
            "2015-07-28",
            Day,
        );
    }

    #[test]
    fn weekday_possessive() {
        one(
            "Sunday's attack killed five.",
            "Sunday",
            "2015-08-02",
            "2015-08-02",
            Day,
        );
    }

    #[test]
    fn weekday_with_explicit_date() {
        one(
            "The talks opened Monday, Oct. 12, 2015, in Geneva.",
            "Monday, Oct. 12, 2015",
            "2015-10-12",
            "2015-10-12",
            Day,
        );
    }

    #[test]
    fn named_days_are_not_dates() {
        none("He was killed on Bloody Sunday.");
        none("He wrote in the Sunday Times about it.");
        none("Shops opened on Black Friday.");
    }

    // ---- Days.

    #[test]
    fn today_yesterday_tomorrow() {
        one("Abbas said today.", "today", R, R, Day);
        one(
            "Abbas arrived yesterday morning.",
            "yesterday morning",
            "2015-08-03",
            "2015-08-03",
            Day,
        );
        one(
            "Abbas leaves tomorrow.",
            "tomorrow",
            "2015-08-05",
            "2015-08-05",
            Day,
        );
        one("Abbas speaks tonight.", "tonight", R, R, Day);
        one("Abbas spoke this morning.", "this morning", R, R, Day);
        one(
            "Clashes broke out last night.",
            "last night",
            "2015-08-03",
            "2015-08-03",
            Day,
        );
    }

    #[test]
    fn anaphoric_days() {
        one(
            "He had arrived the day before.",
            "the day before",
            "2015-08-03",
            "2015-08-03",
            Day,
        );
        one(
            "He had arrived the previous day.",
            "the previous day",
            "2015-08-03",
            "2015-08-03",
            Day,
        );
        one("He left on the same day.", "on the same day", R, R, Day);
        one(
            "He arrived the day before yesterday.",
            "the day before yesterday",
            "2015-08-02",
            "2015-08-02",
            Day,
        );
    }

    #[test]
    fn the_day_before_an_event_is_not_resolved() {
        none("He arrived the day before the vote.");
    }

    // ---- Weeks, months, years relative to the reference.

    #[test]
    fn weeks() {
        one(
            "They met last week.",
            "last week",
            "2015-07-27",
            "2015-08-02",
            Week,
        );
        one(
            "They meet this week.",
            "this week",
            "2015-08-03",
            "2015-08-09",
            Week,
        );
        one(
            "They meet next week.",
            "next week",
            "2015-08-10",
            "2015-08-16",
            Week,
        );
        assert_eq!(times("They meet this week.")[0].relation, Relation::Unknown);
    }

    #[test]
    fn earlier_and_later_this() {
        let t = &times("They met earlier this week.")[0];
        assert_eq!((t.from, t.to, t.precision), (d("2015-08-03"), d(R), Week));
        assert_eq!(t.relation, Relation::Past);
        let t = &times("They meet later this month.")[0];
        assert_eq!((t.from, t.to, t.precision), (d(R), d("2015-08-31"), Month));
        assert_eq!(t.relation, Relation::Future);
        let t = &times("Talks collapsed earlier this year.")[0];
        assert_eq!(
            (t.text.as_str(), t.from, t.to),
            ("earlier this year", d("2015-01-01"), d(R))
        );
        let t = &times("Elections are due later this year.")[0];
        assert_eq!((t.from, t.to), (d(R), d("2015-12-31")));
    }

    #[test]
    fn this_and_next_month_and_year() {
        one(
            "Prices rose this month.",
            "this month",
            "2015-08-01",
            "2015-08-31",
            Month,
        );
        one(
            "Talks resume next month.",
            "next month",
            "2015-09-01",
            "2015-09-30",
            Month,
        );
        one(
            "Elections are due next year.",
            "next year",
            "2016-01-01",
            "2016-12-31",
            Year,
        );
        one(
            "Growth slowed this year.",
            "this year",
            "2015-01-01",
            "2015-12-31",
            Year,
        );
    }

    #[test]
    fn last_month_in_january_is_december() {
        one_at(
            "Prices fell last month.",
            "2016-01-10",
            "last month",
            "2015-12-01",
            "2015-12-31",
            Month,
        );
    }

    #[test]
    fn weekends() {
        one(
            "Protests took place last weekend.",
            "last weekend",
            "2015-08-01",
            "2015-08-02",
            Week,
        );
        let t = &times("Protests are planned this weekend.")[0];
        assert_eq!((t.from, t.to), (d("2015-08-08"), d("2015-08-09")));
        assert_eq!(t.relation, Relation::Future);
        one(
            "Protests took place over the weekend.",
            "the weekend",
            "2015-08-01",
            "2015-08-02",
            Week,
        );
    }

    #[test]
    fn the_past_week_and_last_two_years() {
        one(
            "Fighting intensified in the past week.",
            "in the past week",
            "2015-07-28",
            R,
            Week,
        );
        one(
            "Fighting intensified over the last two years.",
            "the last two years",
            "2013-08-04",
            R,
            Year,
        );
    }

    // ---- "ago".

    #[test]
    fn a_week_ago() {
        one(
            "He was arrested a week ago.",
            "a week ago",
            "2015-07-27",
            "2015-08-02",
            Week,
        );
    }

    #[test]
    fn two_days_ago() {
        one(
            "He was arrested two days ago.",
            "two days ago",
            "2015-08-02",
            "2015-08-02",
            Day,
        );
        one(
            "He was arrested 10 days ago.",
            "10 days ago",
            "2015-07-25",
            "2015-07-25",
            Day,
        );
    }

    #[test]
    fn months_and_years_ago() {
        one(
            "He fled six months ago.",
            "six months ago",
            "2015-02-01",
            "2015-02-28",
            Month,
        );
        one(
            "He fled a year ago.",
            "a year ago",
            "2014-01-01",
            "2014-12-31",
            Year,
        );
        one(
            "He fled twelve years ago.",
            "twelve years ago",
            "2003-01-01",
            "2003-12-31",
            Year,
        );
    }

    #[test]
    fn in_two_weeks_in_the_future() {
        one(
            "Talks will resume in two weeks.",
            "in two weeks",
            "2015-08-17",
            "2015-08-23",
            Week,
        );
    }

    // ---- Seasons.

    #[test]
    fn seasons_relative() {
        one(
            "It snowed last winter.",
            "last winter",
            "2014-12-01",
            "2015-02-28",
            Season,
        );
        one(
            "Talks failed last spring.",
            "last spring",
            "2015-03-01",
            "2015-05-31",
            Season,
        );
        one(
            "Talks failed last fall.",
            "last fall",
            "2014-09-01",
            "2014-11-30",
            Season,
        );
        one(
            "Talks resume next winter.",
            "next winter",
            "2015-12-01",
            "2016-02-29",
            Season,
        );
        one(
            "Talks stalled this summer.",
            "this summer",
            "2015-06-01",
            "2015-08-31",
            Season,
        );
    }

    #[test]
    fn last_summer_after_it_ended() {
        one_at(
            "They met last summer.",
            "2015-10-20",
            "last summer",
            "2015-06-01",
            "2015-08-31",
            Season,
        );
    }

    #[test]
    fn seasons_named() {
        one(
            "Israel attacked Gaza in the summer of 2014.",
            "in the summer of 2014",
            "2014-06-01",
            "2014-08-31",
            Season,
        );
        one(
            "It was cold in winter 2014.",
            "in winter 2014",
            "2013-12-01",
            "2014-02-28",
            Season,
        );
    }

    #[test]
    fn season_words_that_are_not_seasons() {
        none("Hamas condemned the fall of Mosul.");
        none("The Arab Spring began in Tunisia.");
        none("Prices will fall sharply.");
        none("Operation Summer Rains began.");
    }

    // ---- Months.

    #[test]
    fn next_and_this_april() {
        one(
            "Elections are due next April.",
            "next April",
            "2016-04-01",
            "2016-04-30",
            Month,
        );
        one(
            "Elections took place this April.",
            "this April",
            "2015-04-01",
            "2015-04-30",
            Month,
        );
    }

    #[test]
    fn in_a_month_after_the_reference_is_last_year() {
        one(
            "The talks started in October.",
            "in October",
            "2014-10-01",
            "2014-10-31",
            Month,
        );
    }

    #[test]
    fn in_a_month_with_future_context() {
        one(
            "Palestinians will hold elections in April.",
            "in April",
            "2016-04-01",
            "2016-04-30",
            Month,
        );
    }

    #[test]
    fn month_and_year() {
        one(
            "Hamas won in April 2015.",
            "in April 2015",
            "2015-04-01",
            "2015-04-30",
            Month,
        );
        one(
            "The truce of May 2014 held.",
            "May 2014",
            "2014-05-01",
            "2014-05-31",
            Month,
        );
    }

    #[test]
    fn from_march_to_may() {
        one(
            "Protests continued from March to May.",
            "from March to May",
            "2015-03-01",
            "2015-05-31",
            Month,
        );
    }

    #[test]
    fn range_takes_the_year_written_last() {
        one(
            "Between March and May 2014, 200 people died.",
            "Between March and May 2014",
            "2014-03-01",
            "2014-05-31",
            Month,
        );
        one(
            "Talks ran from Dec. 20 to Jan. 5, 2015.",
            "from Dec. 20 to Jan. 5, 2015",
            "2014-12-20",
            "2015-01-05",
            Day,
        );
    }

    #[test]
    fn from_monday_to_wednesday() {
        let t = &times("From Monday to Wednesday, talks continued.")[0];
        assert_eq!(
            (t.text.as_str(), t.from, t.to, t.precision),
            (
                "From Monday to Wednesday",
                d("2015-08-03"),
                d("2015-08-05"),
                Day
            )
        );
    }

    #[test]
    fn from_november_to_february_crosses_the_year() {
        one_at(
            "Protests continued from November to February.",
            "2016-03-15",
            "from November to February",
            "2015-11-01",
            "2016-02-29",
            Month,
        );
    }

    #[test]
    fn may_the_modal_is_not_a_month() {
        none("Hamas may accept the deal.");
        none("May I ask a question?");
        none("Theresa May's government said nothing.");
        one(
            "Talks ended in May.",
            "in May",
            "2015-05-01",
            "2015-05-31",
            Month,
        );
        one(
            "Talks ended on May 5.",
            "on May 5",
            "2015-05-05",
            "2015-05-05",
            Day,
        );
    }

    #[test]
    fn march_the_verb_is_not_a_month() {
        none("Protesters will march to the square.");
        none("Thousands march in Cairo against the government.");
        none("The March organisers said nothing.");
        one(
            "Protesters marched in March.",
            "in March",
            "2015-03-01",
            "2015-03-31",
            Month,
        );
    }

    #[test]
    fn part_of_month() {
        one(
            "Talks resumed in early April.",
            "in early April",
            "2015-04-01",
            "2015-04-10",
            Week,
        );
        one(
            "Talks resumed in mid-April.",
            "in mid-April",
            "2015-04-11",
            "2015-04-20",
            Week,
        );
        one(
            "Talks resumed late July.",
            "late July",
            "2015-07-21",
            "2015-07-31",
            Week,
        );
    }

    // ---- Dates.

    #[test]
    fn day_month_year() {
        one(
            "The deal was signed on 16 October 2014.",
            "on 16 October 2014",
            "2014-10-16",
            "2014-10-16",
            Day,
        );
        one(
            "The deal was signed Oct. 16, 2014, in Cairo.",
            "Oct. 16, 2014",
            "2014-10-16",
            "2014-10-16",
            Day,
        );
        one(
            "The deal was signed on the 16th of October 2014.",
            "on the 16th of October 2014",
            "2014-10-16",
            "2014-10-16",
            Day,
        );
    }

    #[test]
    fn iso_date() {
        one(
            "The deal was signed on 2014-10-16.",
            "on 2014-10-16",
            "2014-10-16",
            "2014-10-16",
            Day,
        );
    }

    #[test]
    fn day_without_year_after_the_reference_is_last_year() {
        one(
            "The deal was signed on 16 Oct.",
            "on 16 Oct.",
            "2014-10-16",
            "2014-10-16",
            Day,
        );
        one(
            "The deal was signed on Oct. 16.",
            "on Oct. 16",
            "2014-10-16",
            "2014-10-16",
            Day,
        );
    }

    #[test]
    fn day_without_year_within_a_week_stays() {
        one(
            "The deal is due Aug. 10.",
            "Aug. 10",
            "2015-08-10",
            "2015-08-10",
            Day,
        );
        one(
            "Rebels attacked on July 30.",
            "on July 30",
            "2015-07-30",
            "2015-07-30",
            Day,
        );
    }

    #[test]
    fn day_without_year_with_future_context() {
        one(
            "Leaders will meet on Oct 16.",
            "on Oct 16",
            "2015-10-16",
            "2015-10-16",
            Day,
        );
    }

    #[test]
    fn day_without_year_across_new_year() {
        one_at(
            "Rebels attacked on Dec. 28.",
            "2016-01-05",
            "on Dec. 28",
            "2015-12-28",
            "2015-12-28",
            Day,
        );
    }

    #[test]
    fn named_dates_are_not_dates() {
        none("The March 14 alliance boycotted the session.");
        none("He spoke about the Sept. 11 attacks.");
        none("Operation Protective Edge ended.");
    }

    // ---- Years and decades.

    #[test]
    fn years_with_prepositions_and_determiners() {
        one(
            "The 2010 elections were disputed.",
            "2010",
            "2010-01-01",
            "2010-12-31",
            Year,
        );
        one(
            "Fatah lost in 2006 elections.",
            "in 2006",
            "2006-01-01",
            "2006-12-31",
            Year,
        );
        one(
            "2014 was a violent year.",
            "2014",
            "2014-01-01",
            "2014-12-31",
            Year,
        );
    }

    #[test]
    fn numbers_that_are_not_years() {
        none("Officials said 2010 people were killed.");
        none("The army deployed 2,200 troops.");
        none("The vote was 1,2010 against.");
        none("The council adopted Resolution 2014 unanimously.");
        none("The curfew starts at 1900 GMT.");
        none("Prices rose 2000 percent.");
        none("He paid $2015 for it.");
        none("The year 1850 was quiet.");
    }

    #[test]
    fn between_years() {
        one(
            "He led the group between 2003 and 2005.",
            "between 2003 and 2005",
            "2003-01-01",
            "2005-12-31",
            Year,
        );
        one(
            "He led the group from 2003 to 2005.",
            "from 2003 to 2005",
            "2003-01-01",
            "2005-12-31",
            Year,
        );
        one(
            "During the 2003-2005 uprising, he fled.",
            "2003-2005",
            "2003-01-01",
            "2005-12-31",
            Year,
        );
    }

    #[test]
    fn parts_of_years() {
        one(
            "Talks began in mid-2015.",
            "in mid-2015",
            "2015-05-01",
            "2015-08-31",
            Season,
        );
        let t = &times("Elections are planned for early 2016.")[0];
        assert_eq!(
            (t.text.as_str(), t.from, t.to),
            ("early 2016", d("2016-01-01"), d("2016-04-30"))
        );
        assert_eq!(t.relation, Relation::Future);
        one(
            "Elections are planned for late 2015.",
            "late 2015",
            "2015-09-01",
            "2015-12-31",
            Season,
        );
        one(
            "The war began late last year.",
            "late last year",
            "2014-09-01",
            "2014-12-31",
            Season,
        );
    }

    #[test]
    fn decades() {
        one(
            "He lived in Kuwait in the 1990s.",
            "in the 1990s",
            "1990-01-01",
            "1999-12-31",
            Decade,
        );
        one(
            "He lived in Kuwait in the early 1990s.",
            "in the early 1990s",
            "1990-01-01",
            "1993-12-31",
            Decade,
        );
        one(
            "He lived in Kuwait in the mid-1990s.",
            "in the mid-1990s",
            "1994-01-01",
            "1996-12-31",
            Decade,
        );
        one(
            "He lived in Kuwait in the '80s.",
            "in the '80s",
            "1980-01-01",
            "1989-12-31",
            Decade,
        );
    }

    #[test]
    fn since_variants() {
        let t = &times("Israel has blockaded Gaza since 2007.")[0];
        assert_eq!(
            (t.from, t.to, t.relation),
            (d("2007-01-01"), d(R), Relation::Ongoing)
        );
        let t = &times("He has lived there since the 2006 war.")[0];
        assert_eq!(
            (t.text.as_str(), t.relation),
            ("since the 2006", Relation::Ongoing)
        );
        let t = &times("Prices have risen since last April.")[0];
        assert_eq!((t.from, t.to), (d("2015-04-01"), d(R)));
        assert_eq!(t.precision, Month);
    }

    #[test]
    fn since_a_future_year_is_just_the_year() {
        let found = times("The plan runs since 2020.");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].text, "2020");
        assert_eq!(found[0].relation, Relation::Future);
    }

    // ---- Case and text.

    #[test]
    fn all_caps_and_lower_case() {
        one(
            "HAMAS LEADER MET LAVROV ON MONDAY",
            "ON MONDAY",
            "2015-08-03",
            "2015-08-03",
            Day,
        );
        one(
            "TALKS BEGAN IN APRIL LAST YEAR",
            "IN APRIL LAST YEAR",
            "2014-04-01",
            "2014-04-30",
            Month,
        );
        one(
            "talks failed last summer",
            "last summer",
            "2014-06-01",
            "2014-08-31",
            Season,
        );
        one(
            "talks ended in may",
            "in may",
            "2015-05-01",
            "2015-05-31",
            Month,
        );
        none("HAMAS MAY ACCEPT THE DEAL");
    }

    #[test]
    fn several_expressions_in_order() {
        let found =
            times("He met Abbas on Monday and will see Netanyahu next week, after talks in 2014.");
        let texts: Vec<&str> = found.iter().map(|t| t.text.as_str()).collect();
        assert_eq!(texts, ["on Monday", "next week", "in 2014"]);
        assert_eq!((found[0].start, found[0].end), (3, 5));
    }

    #[test]
    fn more_years() {
        one(
            "In 1948, Israel was founded.",
            "In 1948",
            "1948-01-01",
            "1948-12-31",
            Year,
        );
        let t = &times("Since the 1967 war, Israel has occupied the West Bank.")[0];
        assert_eq!((t.from, t.relation), (d("1967-01-01"), Relation::Ongoing));
        one(
            "He said 2015 would be a decisive year.",
            "2015",
            "2015-01-01",
            "2015-12-31",
            Year,
        );
        none("Over 2000 people attended.");
    }

    #[test]
    fn weekday_then_day_without_year() {
        one(
            "On Monday, May 4, he spoke.",
            "On Monday, May 4",
            "2015-05-04",
            "2015-05-04",
            Day,
        );
    }

    #[test]
    fn robust_on_odd_text() {
        for text in [
            "Ünïcödé Montag 2015年 — ‘90s’ and May 2015.",
            "the the the last last next in on since between from to and",
            "Feb. 29, 2015 and Feb. 30 and 31 April and 99 days ago and 0 years ago",
            "since since 2006 between 2010 and 2003 from May to",
            "'90s ' 90s early late mid mid- mid-foo early-1850 2100s 2014-99-99",
        ] {
            let tokens = toks(text);
            let mut out = Vec::new();
            find_times(text, &tokens, d(R), &mut out);
            let mut last_end = 0;
            for t in &out {
                assert!(t.start >= last_end && t.end > t.start && t.end <= tokens.len());
                assert!(t.from <= t.to, "{t:?}");
                last_end = t.end;
            }
            for i in 0..tokens.len() {
                let _ = future_context(text, &tokens, i);
                let _ = governing(&out, text, &tokens, i);
            }
        }
    }

    #[test]
    fn empty_and_odd_input() {
        none("");
        none("...");
        none("On");
        none("the day");
        none("last");
    }

    // ---- Historical and future.

    #[test]
    fn historical_and_future() {
        let r = d(R);
        let last_year = &times("It failed last year.")[0];
        assert!(is_historical(last_year, r) && !is_future(last_year, r));
        let monday = &times("It failed on Monday.")[0];
        assert!(!is_historical(monday, r) && !is_future(monday, r));
        let next = &times("It resumes next week.")[0];
        assert!(is_future(next, r) && !is_historical(next, r));
        let since = &times("It has ruled since 2006.")[0];
        assert!(!is_historical(since, r) && !is_future(since, r));
        let early_june = &times("It happened in early June.")[0];
        assert!(is_historical(early_june, r));
        let early_july = &times("It happened in early July.")[0];
        assert!(!is_historical(early_july, r));
    }

    // ---- future_context.

    fn future_at(text: &str, word: &str) -> bool {
        let tokens = toks(text);
        let i = tokens.iter().position(|t| t.text(text) == word).unwrap();
        future_context(text, &tokens, i)
    }

    #[test]
    fn future_context_cues() {
        assert!(future_at("Abbas will meet Kerry on Friday.", "Friday"));
        assert!(future_at("Abbas'll meet Kerry on Friday.", "Friday"));
        assert!(future_at("Abbas won't meet Kerry on Friday.", "Friday"));
        assert!(future_at("Abbas plans to meet Kerry on Friday.", "Friday"));
        assert!(future_at(
            "The vote is due to take place on Friday.",
            "Friday"
        ));
        assert!(future_at(
            "Abbas is expected to meet Kerry on Friday.",
            "Friday"
        ));
        assert!(future_at("Abbas is meeting Kerry on Friday.", "Friday"));
        assert!(future_at(
            "Talks on Friday are expected to be tense.",
            "Friday"
        ));
        assert!(future_at(
            "Kerry travels next week and meets Abbas on Friday.",
            "Friday"
        ));
    }

    #[test]
    fn future_context_negatives() {
        assert!(!future_at("Abbas met Kerry on Friday.", "Friday"));
        assert!(!future_at("Abbas said on Friday he will resign.", "Friday"));
        assert!(!future_at("Abbas's meeting on Friday was tense.", "Friday"));
        assert!(!future_at(
            "The talks, which will resume next week, ended on Friday.",
            "Friday"
        ));
        let text = "Abbas met Kerry.";
        assert!(!future_context(text, &toks(text), 100));
    }

    // ---- governing.

    fn analysed(text: &str) -> Vec<Token> {
        dyad_text::Analyzer::default().analyse(text).tokens
    }

    fn governing_text(text: &str, trigger: &str, tagged: bool) -> Option<String> {
        let tokens = if tagged { analysed(text) } else { toks(text) };
        let mut found = Vec::new();
        find_times(text, &tokens, d(R), &mut found);
        let i = tokens.iter().position(|t| t.text(text) == trigger).unwrap();
        governing(&found, text, &tokens, i).map(|t| t.text.clone())
    }

    #[test]
    fn governing_sentence_level_later_in_2010() {
        let text = "Later in 2010, Meshaal met with Assad in Syria.";
        for tagged in [false, true] {
            assert_eq!(
                governing_text(text, "met", tagged).as_deref(),
                Some("Later in 2010")
            );
        }
    }

    #[test]
    fn governing_since_does_not_cross_and_clause() {
        let text = "Hamas has controlled the Gaza Strip since 2006 elections and Abbas's \
                    Palestinian Authority controls the West Bank.";
        assert_eq!(
            governing_text(text, "controlled", true).as_deref(),
            Some("since 2006")
        );
        assert_eq!(governing_text(text, "controls", true), None);
    }

    #[test]
    fn governing_comma_and_without_tags() {
        let text = "Hamas took Gaza in 2007, and Fatah kept the West Bank.";
        assert_eq!(
            governing_text(text, "took", false).as_deref(),
            Some("in 2007")
        );
        assert_eq!(governing_text(text, "kept", false), None);
    }

    #[test]
    fn governing_nearest_in_clause() {
        let text = "Abbas said on Monday that Hamas had rejected the offer last year.";
        for tagged in [false, true] {
            assert_eq!(
                governing_text(text, "said", tagged).as_deref(),
                Some("on Monday")
            );
            assert_eq!(
                governing_text(text, "rejected", tagged).as_deref(),
                Some("last year")
            );
        }
    }

    #[test]
    fn governing_relative_clause() {
        let text = "Abbas met Lavrov, who visited Cairo last month, in Doha on Monday.";
        for tagged in [false, true] {
            assert_eq!(
                governing_text(text, "visited", tagged).as_deref(),
                Some("last month")
            );
            assert_eq!(
                governing_text(text, "met", tagged).as_deref(),
                Some("on Monday")
            );
        }
    }

    #[test]
    fn governing_subordinate_clause() {
        let text = "Fighting resumed on Monday after talks collapsed last week.";
        assert_eq!(
            governing_text(text, "resumed", false).as_deref(),
            Some("on Monday")
        );
        assert_eq!(
            governing_text(text, "collapsed", false).as_deref(),
            Some("last week")
        );
    }

    #[test]
    fn governing_falls_back_to_sentence_level_or_none() {
        let text = "On Monday, Abbas said that Hamas had agreed.";
        assert_eq!(
            governing_text(text, "agreed", true).as_deref(),
            Some("On Monday")
        );
        let text = "Abbas said that Hamas had agreed, which angered Israel on Monday.";
        assert_eq!(governing_text(text, "agreed", false), None);
        assert_eq!(governing_text("Abbas met Lavrov.", "met", false), None);
        assert_eq!(governing(&[], "", &[], 0), None);
    }

    // ---- Misc.

    #[test]
    fn names_and_serialisation() {
        assert_eq!(Precision::Season.as_str(), "season");
        assert_eq!(Precision::Publication.as_str(), "publication");
        assert_eq!(Relation::Ongoing.as_str(), "ongoing");
        let t = &times("Hamas has ruled since 2006.")[0];
        let json = serde_json::to_value(t).unwrap();
        assert_eq!(json["precision"], "year");
        assert_eq!(json["relation"], "ongoing");
        assert_eq!(json["from"], "2006-01-01");
        assert!(Precision::Day < Precision::Year);
    }
}
