//! QuadClass: the four-way (plus neutral) grouping of events into verbal/material cooperation/conflict.

named_enum! {
    /// A quad class. [`QuadClass::code`] gives the usual numeric value (0–4).
    pub enum QuadClass ("quad class") {
        /// Neutral (0): only used by the Phoenix variant, for CAMEO 01 and 02.
        Neutral = "neutral",
        /// Verbal cooperation (1).
        VerbalCooperation = "verbal cooperation",
        /// Material cooperation (2).
        MaterialCooperation = "material cooperation",
        /// Verbal conflict (3).
        VerbalConflict = "verbal conflict",
        /// Material conflict (4).
        MaterialConflict = "material conflict",
    }
}

impl QuadClass {
    /// The numeric value, 0 (neutral) to 4 (material conflict).
    pub const fn code(self) -> u8 {
        match self {
            QuadClass::Neutral => 0,
            QuadClass::VerbalCooperation => 1,
            QuadClass::MaterialCooperation => 2,
            QuadClass::VerbalConflict => 3,
            QuadClass::MaterialConflict => 4,
        }
    }

    /// The quad class with numeric value `code` (0–4).
    pub const fn from_code(code: u8) -> Option<QuadClass> {
        match code {
            0 => Some(QuadClass::Neutral),
            1 => Some(QuadClass::VerbalCooperation),
            2 => Some(QuadClass::MaterialCooperation),
            3 => Some(QuadClass::VerbalConflict),
            4 => Some(QuadClass::MaterialConflict),
            _ => None,
        }
    }
}

named_enum! {
    /// Which assignment of CAMEO cue categories (roots 01–20) to quad classes is used. Outputs should record
    /// [`QuadVariant::name`] in their metadata, since the variants disagree on roots 01, 02, 09, 14 and 16.
    #[derive(Default)]
    pub enum QuadVariant ("quad variant") {
        /// GDELT (the default): 01–05 verbal cooperation, 06–09 material cooperation, 10–14 verbal conflict,
        /// 15–20 material conflict.
        #[default]
        Gdelt = "gdelt",
        /// The "standard" academic assignment (text_to_CAMEO): 01–05 verbal cooperation, 06–08 material
        /// cooperation, 09–14 verbal conflict, 15–20 material conflict.
        Standard = "standard",
        /// Phoenix pipeline: 01–02 neutral, 03–05 verbal cooperation, 06–08 material cooperation, 09–13 and 16
        /// verbal conflict, 14–15 and 17–20 material conflict.
        Phoenix = "phoenix",
    }
}

impl QuadVariant {
    /// The variant's name for metadata: `gdelt`, `standard` or `phoenix`.
    pub const fn name(self) -> &'static str {
        self.as_str()
    }

    /// The quad class of CAMEO root (cue category) `root`, 1–20; `None` for any other number.
    pub const fn classify_root(self, root: u8) -> Option<QuadClass> {
        use QuadClass::*;
        let class = match (self, root) {
            (_, 0) | (_, 21..) => return None,
            (QuadVariant::Phoenix, 1..=2) => Neutral,
            (QuadVariant::Phoenix, 3..=5) => VerbalCooperation,
            (QuadVariant::Phoenix, 6..=8) => MaterialCooperation,
            (QuadVariant::Phoenix, 9..=13 | 16) => VerbalConflict,
            (QuadVariant::Phoenix, _) => MaterialConflict,
            (_, 1..=5) => VerbalCooperation,
            (_, 6..=8) => MaterialCooperation,
            (QuadVariant::Gdelt, 9) => MaterialCooperation,
            (_, 9..=14) => VerbalConflict,
            (_, _) => MaterialConflict,
        };
        Some(class)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variants_agree_except_where_documented() {
        for root in 1..=20 {
            let g = QuadVariant::Gdelt.classify_root(root).unwrap();
            let s = QuadVariant::Standard.classify_root(root).unwrap();
            let p = QuadVariant::Phoenix.classify_root(root).unwrap();
            assert_eq!(g == s, root != 9, "gdelt vs standard at {root}");
            assert_eq!(
                s == p,
                ![1, 2, 14, 16].contains(&root),
                "standard vs phoenix at {root}"
            );
        }
        assert_eq!(QuadVariant::Gdelt.classify_root(0), None);
        assert_eq!(QuadVariant::Phoenix.classify_root(21), None);
    }

    #[test]
    fn codes_round_trip() {
        for &q in QuadClass::ALL {
            assert_eq!(QuadClass::from_code(q.code()), Some(q));
        }
        assert_eq!(QuadClass::from_code(5), None);
    }

    #[test]
    fn names() {
        assert_eq!(QuadVariant::default().name(), "gdelt");
        assert_eq!("Standard".parse::<QuadVariant>(), Ok(QuadVariant::Standard));
        assert!("icews".parse::<QuadVariant>().is_err());
        assert_eq!(QuadClass::MaterialConflict.to_string(), "material conflict");
    }
}
