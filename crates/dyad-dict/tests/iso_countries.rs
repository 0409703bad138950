//! The built-in country dictionary agrees with ISO 3166-1 as the `celes` crate ships it: every three-letter
//! code is an ISO alpha-3 code, and its `iso2` is the matching alpha-2 code. The few codes CAMEO uses outside
//! ISO (Kosovo, states that no longer exist) are listed here with the reason.

use std::str::FromStr;

/// CAMEO/ISO-retired codes the dictionary uses on purpose.
const NOT_IN_ISO: &[(&str, &str)] = &[
    (
        "KSV",
        "Kosovo: CAMEO's code; ISO has none (XK/XKX are user-assigned)",
    ),
    ("SUN", "Soviet Union: ISO 3166-3 retired code"),
    ("YUG", "Yugoslavia: retired"),
    ("CSK", "Czechoslovakia: retired"),
    ("DDR", "East Germany: retired"),
    ("SCG", "Serbia and Montenegro: retired"),
    ("YMD", "South Yemen: retired"),
    ("ANT", "Netherlands Antilles: retired"),
    ("RHO", "Rhodesia: retired"),
    ("ZAR", "Zaire: retired"),
];

#[test]
fn country_codes_are_iso_3166() {
    let text = include_str!("../../../dicts/countries.txt");
    let mut checked = 0;
    let mut problems = Vec::new();
    let (mut code, mut iso2, mut name, mut historical) =
        (None::<String>, None::<String>, String::new(), false);
    // Historical states keep their own retired two-letter code (Zaire ZR under today's COD).
    let mut check = |name: &str, code: &Option<String>, iso2: &Option<String>, historical: bool| {
        let Some(code) = code else { return };
        let iso2 = if historical { &None } else { iso2 };
        if NOT_IN_ISO.iter().any(|(c, _)| c == code) {
            return;
        }
        checked += 1;
        match celes::Country::from_alpha3(code) {
            Ok(country) => {
                if let Some(iso2) = iso2
                    && !country.alpha2.eq_ignore_ascii_case(iso2)
                    && celes::Country::from_str(iso2).is_err()
                {
                    problems.push(format!(
                        "{name}: iso2 {iso2} but ISO says {} for {code}",
                        country.alpha2
                    ));
                }
            }
            Err(_) => problems.push(format!("{name}: {code} is not an ISO 3166-1 alpha-3 code")),
        }
    };
    for line in text.lines().chain(std::iter::once("country: END")) {
        let line = line.split('#').next().unwrap_or("");
        if let Some(value) = line.strip_prefix("country:") {
            check(&name, &code, &iso2, historical);
            (code, iso2, name, historical) = (None, None, value.trim().to_string(), false);
        } else if let Some(value) = line.trim().strip_prefix("code:") {
            code = Some(value.trim().to_string());
        } else if let Some(value) = line.trim().strip_prefix("iso2:") {
            iso2 = Some(value.trim().to_string());
        } else if let Some(value) = line.trim().strip_prefix("status:") {
            historical = value.trim() == "historical";
        }
    }
    println!("checked {checked} country codes against ISO 3166-1");
    assert!(checked > 200, "too few countries checked: {checked}");
    assert!(problems.is_empty(), "{problems:#?}");
}
