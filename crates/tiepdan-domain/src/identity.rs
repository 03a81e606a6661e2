//! Identity documents of the persons received (`shared/domain.md` §8).
//!
//! The 12-digit personal identification number (số định danh cá nhân, printed on the CCCD) is
//! checked for structure: the first three digits are the birth-registration province of the old
//! 63-province list, the fourth encodes century and sex, the fifth and sixth the birth year. It is
//! checked against the birth year and sex the clerk entered. The province is never used to say where
//! a person lives today.

use crate::validation::{Checks, Problem};
use serde::{Deserialize, Serialize};

/// Which document the number comes from.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IdKind {
    /// 12-digit số định danh cá nhân / Căn cước công dân.
    Cccd,
    /// Old 9-digit Chứng minh nhân dân.
    Cmnd,
    /// Passport, mostly of foreigners.
    Passport,
}

impl IdKind {
    /// The label printed on forms and shown in the register.
    pub fn label_vi(self) -> &'static str {
        match self {
            IdKind::Cccd => "Số định danh cá nhân/CCCD",
            IdKind::Cmnd => "CMND",
            IdKind::Passport => "Hộ chiếu",
        }
    }

    /// The kind a bare number most likely is, for input that gives only the number.
    pub fn guess(number: &str) -> IdKind {
        let digits = number.chars().all(|c| c.is_ascii_digit());
        match (digits, number.len()) {
            (true, 9) => IdKind::Cmnd,
            (true, _) => IdKind::Cccd,
            (false, _) => IdKind::Passport,
        }
    }
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sex {
    Male,
    Female,
}

impl Sex {
    pub fn label_vi(self) -> &'static str {
        match self {
            Sex::Male => "Nam",
            Sex::Female => "Nữ",
        }
    }
}

/// Province codes of the birth-registration place (the 63 provinces before 2025), digits 1–3.
const PROVINCE_CODES: [u16; 63] = [
    1, 2, 4, 6, 8, 10, 11, 12, 14, 15, 17, 19, 20, 22, 24, 25, 26, 27, 30, 31, 33, 34, 35, 36, 37, 38, 40,
    42, 44, 45, 46, 48, 49, 51, 52, 54, 56, 58, 60, 62, 64, 66, 67, 68, 70, 72, 74, 75, 77, 79, 80, 82, 83,
    84, 86, 87, 89, 91, 92, 93, 94, 95, 96,
];

/// What the 4th–6th digits of a 12-digit number say about its holder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CccdFacts {
    pub birth_year: i32,
    pub sex: Sex,
}

/// Reads century, sex and birth year from a structurally valid 12-digit number.
/// Digit 4: 0/1 → 1900s male/female, 2/3 → 2000s, 4/5 → 2100s, 6/7 → 2200s, 8/9 → 2300s.
pub fn cccd_facts(number: &str) -> Option<CccdFacts> {
    let d: Vec<u32> = number.chars().map(|c| c.to_digit(10)).collect::<Option<_>>()?;
    if d.len() != 12 {
        return None;
    }
    let century = 1900 + 100 * (d[3] / 2) as i32;
    let sex = if d[3].is_multiple_of(2) { Sex::Male } else { Sex::Female };
    Some(CccdFacts { birth_year: century + (d[4] * 10 + d[5]) as i32, sex })
}

/// Checks an ID number of the given kind against itself and against what else was entered.
/// `field` is the input path of the number, e.g. `visitors[0].id_number`.
pub fn check_id_number(
    checks: &mut Checks,
    field: &str,
    kind: IdKind,
    number: &str,
    birth_year: Option<i32>,
    sex: Option<Sex>,
    current_year: i32,
) {
    match kind {
        IdKind::Cccd => check_cccd(checks, field, number, birth_year, sex, current_year),
        IdKind::Cmnd => {
            if !number.chars().all(|c| c.is_ascii_digit()) {
                checks.push(field, Problem::IdNotDigits);
            } else if number.len() != 9 {
                checks.push(field, Problem::IdWrongLength { expected: 9, got: number.len() });
            }
        }
        IdKind::Passport => {
            let ok = (5..=20).contains(&number.len()) && number.chars().all(|c| c.is_ascii_alphanumeric());
            if !ok {
                checks.push(
                    field,
                    Problem::BadFormat {
                        expected: "5–20 chữ cái hoặc chữ số, không dấu cách".into()
                    },
                );
            }
        }
    }
}

fn check_cccd(
    checks: &mut Checks,
    field: &str,
    number: &str,
    birth_year: Option<i32>,
    sex: Option<Sex>,
    current_year: i32,
) {
    if !number.chars().all(|c| c.is_ascii_digit()) {
        checks.push(field, Problem::IdNotDigits);
        return;
    }
    if number.len() != 12 {
        checks.push(field, Problem::IdWrongLength { expected: 12, got: number.len() });
        return;
    }
    let province: u16 = number[..3].parse().unwrap_or(0);
    if !PROVINCE_CODES.contains(&province) {
        checks.push(field, Problem::IdUnknownProvince { province: number[..3].to_string() });
    }
    let Some(facts) = cccd_facts(number) else { return };
    if facts.birth_year > current_year {
        checks.push(field, Problem::IdBirthYearInFuture { from_id: facts.birth_year });
    }
    if let Some(entered) = birth_year {
        if entered != facts.birth_year {
            checks.push(field, Problem::IdBirthYearMismatch { from_id: facts.birth_year, entered });
        }
    }
    if let Some(entered) = sex {
        if entered != facts.sex {
            checks.push(field, Problem::IdSexMismatch);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(kind: IdKind, n: &str, year: Option<i32>, sex: Option<Sex>) -> Vec<Problem> {
        let mut c = Checks::default();
        check_id_number(&mut c, "id", kind, n, year, sex, 2026);
        match c.finish() {
            Ok(()) => vec![],
            Err(e) => e.problems.into_iter().map(|p| p.problem).collect(),
        }
    }

    #[test]
    fn a_well_formed_cccd_matching_birth_year_and_sex_is_accepted() {
        // 001 Hà Nội, 0 = 1900s male, 85 → 1985.
        assert_eq!(problems(IdKind::Cccd, "001085012345", Some(1985), Some(Sex::Male)), vec![]);
        // 079 TP HCM, 3 = 2000s female, 02 → 2002.
        assert_eq!(problems(IdKind::Cccd, "079302000123", Some(2002), Some(Sex::Female)), vec![]);
        // Without birth year and sex only the structure is checked.
        assert_eq!(problems(IdKind::Cccd, "036190000001", None, None), vec![]);
    }

    #[test]
    fn a_cccd_of_the_wrong_length_or_with_letters_is_refused() {
        assert_eq!(
            problems(IdKind::Cccd, "00108501234", None, None),
            vec![Problem::IdWrongLength { expected: 12, got: 11 }]
        );
        assert_eq!(problems(IdKind::Cccd, "00108501234X", None, None), vec![Problem::IdNotDigits]);
    }

    #[test]
    fn the_century_digit_must_agree_with_the_entered_birth_year_and_sex() {
        assert_eq!(
            problems(IdKind::Cccd, "001085012345", Some(2085), None),
            vec![Problem::IdBirthYearMismatch { from_id: 1985, entered: 2085 }],
            "digit 4 = 0 means the 1900s"
        );
        assert_eq!(
            problems(IdKind::Cccd, "001085012345", Some(1985), Some(Sex::Female)),
            vec![Problem::IdSexMismatch],
            "an even 4th digit is male"
        );
        assert_eq!(
            problems(IdKind::Cccd, "001299012345", None, None),
            vec![Problem::IdBirthYearInFuture { from_id: 2099 }]
        );
    }

    #[test]
    fn an_unknown_birth_province_code_is_refused() {
        assert_eq!(
            problems(IdKind::Cccd, "003085012345", None, None),
            vec![Problem::IdUnknownProvince { province: "003".into() }],
            "003 was never a province code"
        );
    }

    #[test]
    fn cmnd_has_nine_digits_and_passports_are_alphanumeric() {
        assert_eq!(problems(IdKind::Cmnd, "012345678", None, None), vec![]);
        assert_eq!(
            problems(IdKind::Cmnd, "01234567", None, None),
            vec![Problem::IdWrongLength { expected: 9, got: 8 }]
        );
        assert_eq!(problems(IdKind::Passport, "C1234567", None, None), vec![]);
        assert_eq!(problems(IdKind::Passport, "C12 4567", None, None).len(), 1);
    }

    #[test]
    fn facts_are_read_for_every_century() {
        assert_eq!(cccd_facts("001485000000").unwrap(), CccdFacts { birth_year: 2185, sex: Sex::Male });
        assert_eq!(cccd_facts("001385000000").unwrap(), CccdFacts { birth_year: 2085, sex: Sex::Female });
        assert_eq!(IdKind::guess("012345678"), IdKind::Cmnd);
        assert_eq!(IdKind::guess("001085012345"), IdKind::Cccd);
    }

    /// The desk's form fills birth year and sex from the number with its own copy of this rule
    /// (ui/src/features/visit/cccd.ts); both are held to the same cases, so neither drifts alone.
    #[test]
    fn the_shared_cases_hold_for_the_rule_the_desk_form_fills_with() {
        let cases: Vec<serde_json::Value> =
            serde_json::from_str(include_str!("cccd_facts_cases.json")).expect("the cases are JSON");
        for case in cases {
            let number = case["number"].as_str().unwrap();
            let expected = case["birth_year"].as_i64().map(|year| CccdFacts {
                birth_year: year as i32,
                sex: serde_json::from_value(case["sex"].clone()).unwrap(),
            });
            assert_eq!(cccd_facts(number), expected, "{number}");
        }
    }
}
