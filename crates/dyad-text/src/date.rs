//! Publication dates as news sources write them: ISO 8601, compact `YYYYMMDD`, RFC 2822
//! (`Tue, 04 Aug 2015 10:00:00 GMT`), wire style (`26-FEB-1987 15:01:01.79`) and prose (`August 4, 2015`,
//! `4 Aug. 2015`). Times and zones are ignored: dyad works with calendar days.

use jiff::civil::Date;

/// English month names, January first.
pub const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// English weekday names, Monday first.
pub const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// The month (1–12) named by `word`: a full English month name or an abbreviation of at least three
/// letters ("Sept" included), case-insensitive, without a trailing period. Does not allocate.
pub fn month_number(word: &str) -> Option<i8> {
    if word.len() < 3 || word.len() > 9 {
        return None;
    }
    // Most words are not months: their first letter says so.
    if !matches!(
        word.as_bytes()[0] | 0x20,
        b'j' | b'f' | b'm' | b'a' | b's' | b'o' | b'n' | b'd'
    ) {
        return None;
    }
    let mut buf = [0u8; 9];
    let lower = crate::token::ascii_lower(word, &mut buf);
    if lower.is_empty() {
        return None;
    }
    let found = MONTHS.iter().position(|m| {
        m.starts_with(lower) && (lower.len() == 3 || lower.len() == m.len() || lower == "sept")
    })?;
    Some(found as i8 + 1)
}

/// The weekday (1 = Monday … 7 = Sunday) named by `word`, full or abbreviated to three letters, any case.
pub fn weekday_number(word: &str) -> Option<i8> {
    if word.len() < 3 || word.len() > 9 {
        return None;
    }
    if !matches!(word.as_bytes()[0] | 0x20, b'm' | b't' | b'w' | b'f' | b's') {
        return None;
    }
    let mut buf = [0u8; 9];
    let lower = crate::token::ascii_lower(word, &mut buf);
    let found = WEEKDAYS.iter().position(|d| {
        !lower.is_empty() && (lower == *d || (lower.len() == 3 && d.starts_with(lower)))
    })?;
    Some(found as i8 + 1)
}

/// Parses a publication date in any of the supported formats; `None` when nothing date-like is found
/// or the fields do not form a real calendar day.
pub fn parse_date(input: &str) -> Option<Date> {
    let pieces: Vec<&str> = input
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|p| !p.is_empty())
        .take(6)
        .collect();
    let first = *pieces.first()?;
    let num = |s: &str| s.parse::<i32>().ok();
    // Leading digits only ("04T10" -> 4), for ISO timestamps.
    let lead = |s: &str| {
        let digits = s.len() - s.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        s[..digits].parse::<i32>().ok()
    };
    // ISO (2015-08-04...) or slash (2015/08/04).
    if first.len() == 4 && first.bytes().all(|b| b.is_ascii_digit()) {
        let (y, m, d) = (num(first)?, num(pieces.get(1)?)?, lead(pieces.get(2)?)?);
        return make(y, m, d);
    }
    // Compact 20150804 (possibly followed by a time).
    if first.len() >= 8 && first.bytes().take(8).all(|b| b.is_ascii_digit()) {
        let (y, m, d) = (num(&first[..4])?, num(&first[4..6])?, num(&first[6..8])?);
        return make(y, m, d);
    }
    // Prose, RFC 2822 and wire styles: find a month name, a day and a 4-digit year.
    let mut month = None;
    let mut day = None;
    let mut year = None;
    for piece in &pieces {
        if let Some(m) = month_number(piece).filter(|_| month.is_none()) {
            month = Some(i32::from(m));
        } else if piece.bytes().all(|b| b.is_ascii_digit()) {
            let value = num(piece)?;
            if piece.len() == 4 && year.is_none() {
                year = Some(value);
            } else if piece.len() <= 2 && day.is_none() && year.is_none() {
                day = Some(value);
            }
        } else if piece
            .strip_suffix("st")
            .or_else(|| piece.strip_suffix("nd"))
            .or_else(|| piece.strip_suffix("rd"))
            .or_else(|| piece.strip_suffix("th"))
            .and_then(num)
            .is_some_and(|_| day.is_none())
        {
            day = num(&piece[..piece.len() - 2]);
        }
        if month.is_some() && day.is_some() && year.is_some() {
            break;
        }
    }
    make(year?, month?, day?)
}

fn make(year: i32, month: i32, day: i32) -> Option<Date> {
    Date::new(
        i16::try_from(year).ok()?,
        i8::try_from(month).ok()?,
        i8::try_from(day).ok()?,
    )
    .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Option<String> {
        parse_date(s).map(|d| d.to_string())
    }

    #[test]
    fn parses_the_formats_news_sources_use() {
        assert_eq!(d("2015-08-04").as_deref(), Some("2015-08-04"));
        assert_eq!(d("2015-08-04T10:31:00Z").as_deref(), Some("2015-08-04"));
        assert_eq!(d("2019/05/02 10:31").as_deref(), Some("2019-05-02"));
        assert_eq!(d("20150804").as_deref(), Some("2015-08-04"));
        assert_eq!(d("26-FEB-1987 15:01:01.79").as_deref(), Some("1987-02-26"));
        assert_eq!(
            d("Tue, 04 Aug 2015 10:00:00 GMT").as_deref(),
            Some("2015-08-04")
        );
        assert_eq!(d("August 4, 2015").as_deref(), Some("2015-08-04"));
        assert_eq!(d("Sept. 21st, 2001").as_deref(), Some("2001-09-21"));
        assert_eq!(d("4 Aug. 2015").as_deref(), Some("2015-08-04"));
    }

    #[test]
    fn rejects_what_is_not_a_date() {
        assert_eq!(d(""), None);
        assert_eq!(d("yesterday"), None);
        assert_eq!(d("2015-02-30"), None);
        assert_eq!(d("Mayday 12"), None);
    }
}
