//! Reading the embedded TSV tables.
//!
//! The tables are compile-time constants, so a malformed one is a bug in this crate: the functions here panic
//! with the file name and line, and the unit tests parse every table so such a bug never ships.

/// The data rows of an embedded table: comment (`#`) and blank lines are skipped, the first other line must be
/// the expected header, and every row must have as many tab-separated fields as the header. Yields the 1-based
/// line number and the fields.
pub(crate) fn rows(
    file: &'static str,
    text: &'static str,
    header: &'static [&'static str],
) -> impl Iterator<Item = (usize, Vec<&'static str>)> {
    let mut lines = text
        .lines()
        .enumerate()
        .map(|(i, line)| (i + 1, line))
        .filter(|(_, line)| !line.trim().is_empty() && !line.starts_with('#'));
    let (n, first) = lines.next().unwrap_or_else(|| panic!("{file}: no header"));
    let got: Vec<&str> = first.split('\t').collect();
    assert_eq!(got, header, "{file}:{n}: unexpected header");
    lines.map(move |(n, line)| {
        let fields: Vec<&'static str> = line.split('\t').collect();
        assert_eq!(
            fields.len(),
            header.len(),
            "{file}:{n}: expected {} tab-separated fields",
            header.len()
        );
        (n, fields)
    })
}

/// `None` for an empty field.
pub(crate) fn opt(field: &'static str) -> Option<&'static str> {
    (!field.is_empty()).then_some(field)
}

/// An optional number; panics on a non-empty field that is not a number.
pub(crate) fn opt_f64(file: &str, line: usize, field: &str) -> Option<f64> {
    (!field.is_empty()).then(|| {
        field
            .parse()
            .unwrap_or_else(|_| panic!("{file}:{line}: bad number {field:?}"))
    })
}

/// A `yes`/`no` field.
pub(crate) fn yes_no(file: &str, line: usize, field: &str) -> bool {
    match field {
        "yes" => true,
        "no" => false,
        _ => panic!("{file}:{line}: expected yes or no, found {field:?}"),
    }
}
