//! Report forms as data: one JSON file per form in `definitions/`, embedded at build time and
//! checked when first read (every column defined once, every header leaf naming a column, sums and
//! equations naming existing columns, filters using only their subject's fields).
//!
//! A form whose official annex was not read is kept all the same, with `status` saying so, so that a
//! correction is an edit of its file and nothing else.

use super::filter::{Filter, Measure, Subject};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::sync::OnceLock;

/// The forms, by the CLI's names.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FormKey {
    Tcd01,
    Xld01,
    Xld02,
    Xld03,
    Xld04,
    Kqgq01,
    Kqgq02,
    Tcd02,
}

impl FormKey {
    /// The forms of Thông tư 01/2024 in the order the circular lists them, then 02/TCD of TT 02/2021.
    pub const ALL: [FormKey; 8] = [
        FormKey::Tcd01,
        FormKey::Xld01,
        FormKey::Xld02,
        FormKey::Xld03,
        FormKey::Xld04,
        FormKey::Kqgq01,
        FormKey::Kqgq02,
        FormKey::Tcd02,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            FormKey::Tcd01 => "tcd01",
            FormKey::Xld01 => "xld01",
            FormKey::Xld02 => "xld02",
            FormKey::Xld03 => "xld03",
            FormKey::Xld04 => "xld04",
            FormKey::Kqgq01 => "kqgq01",
            FormKey::Kqgq02 => "kqgq02",
            FormKey::Tcd02 => "tcd02",
        }
    }

    /// The embedded definition file, if this build has one for the form.
    fn source(self) -> Option<&'static str> {
        match self {
            FormKey::Tcd01 => Some(include_str!("definitions/tcd01.json")),
            FormKey::Xld01 => Some(include_str!("definitions/xld01.json")),
            FormKey::Xld02 => Some(include_str!("definitions/xld02.json")),
            FormKey::Xld03 => Some(include_str!("definitions/xld03.json")),
            FormKey::Xld04 => Some(include_str!("definitions/xld04.json")),
            FormKey::Tcd02 => Some(include_str!("definitions/tcd02.json")),
            FormKey::Kqgq01 => Some(include_str!("definitions/kqgq01.json")),
            FormKey::Kqgq02 => Some(include_str!("definitions/kqgq02.json")),
        }
    }

    /// The form's definition, or None when this build has none. The embedded files are checked by
    /// this crate's tests, so a broken one never ships.
    pub fn definition(self) -> Option<&'static Definition> {
        static ALL: OnceLock<Vec<Option<Definition>>> = OnceLock::new();
        let all = ALL.get_or_init(|| {
            FormKey::ALL
                .iter()
                .map(|k| {
                    k.source().map(|json| {
                        Definition::parse(json)
                            .unwrap_or_else(|e| panic!("embedded report definition {}: {e}", k.as_str()))
                    })
                })
                .collect()
        });
        all.iter().zip(FormKey::ALL).find(|(_, k)| *k == self).and_then(|(d, _)| d.as_ref())
    }
}

impl std::str::FromStr for FormKey {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        FormKey::ALL.into_iter().find(|k| k.as_str() == s).ok_or_else(|| {
            format!("unknown report form {s:?} (tcd01, xld01, xld02, xld03, xld04, kqgq01, kqgq02, tcd02)")
        })
    }
}

/// One form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Definition {
    pub key: FormKey,
    /// "01/TCD".
    pub form: String,
    /// The circular that prescribes it.
    pub circular: String,
    /// The title printed in capitals.
    pub title: String,
    /// Whether the form is certain to be in force, or what is not certain about it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// The first column's heading ("Đơn vị").
    pub unit_heading: String,
    /// The merged header, top level first; leaves name the column under them.
    pub header: Vec<HeaderNode>,
    pub columns: Vec<Column>,
    /// The form's own equations.
    pub checks: Vec<Check>,
}

/// A header cell: a group with children, or a leaf above one numbered column.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HeaderNode {
    pub label: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub column: Option<u16>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<Vec<HeaderNode>>", optional))]
    pub children: Vec<HeaderNode>,
}

impl HeaderNode {
    /// How many numbered columns this cell spans.
    pub fn width(&self) -> usize {
        if self.children.is_empty() {
            1
        } else {
            self.children.iter().map(HeaderNode::width).sum()
        }
    }

    /// How many header rows this cell and its descendants take.
    pub fn depth(&self) -> usize {
        1 + self.children.iter().map(HeaderNode::depth).max().unwrap_or(0)
    }

    fn leaves(&self, out: &mut Vec<Option<u16>>) {
        if self.children.is_empty() {
            out.push(self.column);
        }
        for child in &self.children {
            child.leaves(out);
        }
    }
}

/// A column and how it is filled: exactly one of `sum`, `count` or `note`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Column {
    pub n: u16,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sum: Option<Vec<u16>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<Count>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Note>,
    /// A declared opening balance may be added to this column (a carried-over count).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub opening: bool,
    /// For developers and reviewers, never printed: why the column counts what it counts (how the
    /// register's vocabulary maps onto the form's words, or that the register holds no data for it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub why: Option<String>,
}

/// Count `measure` over the `of` records that pass `where`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Count {
    pub of: Subject,
    #[serde(default)]
    pub measure: Measure,
    #[serde(default, rename = "where")]
    pub filter: Filter,
}

/// A Ghi chú text with a count in it (`{n}`), left blank when the count is nought.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Note {
    pub text: String,
    pub count: Count,
}

/// An equation of the form: the sums of each group of columns are all equal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Check {
    pub equal: Vec<Vec<u16>>,
}

impl Check {
    /// "(1) = (4) + (13) + (22)".
    pub fn describe(&self) -> String {
        let group = |g: &Vec<u16>| g.iter().map(|n| format!("({n})")).collect::<Vec<_>>().join(" + ");
        self.equal.iter().map(group).collect::<Vec<_>>().join(" = ")
    }
}

impl Definition {
    /// Reads and checks a definition file.
    pub fn parse(json: &str) -> Result<Definition, String> {
        let def: Definition = serde_json::from_str(json).map_err(|e| e.to_string())?;
        def.validate()?;
        Ok(def)
    }

    pub fn column(&self, n: u16) -> Option<&Column> {
        self.columns.iter().find(|c| c.n == n)
    }

    /// The numbered columns left to right, as the header's leaves give them.
    pub fn leaf_columns(&self) -> Vec<u16> {
        let mut out = Vec::new();
        for node in &self.header {
            node.leaves(&mut out);
        }
        out.into_iter().flatten().collect()
    }

    fn validate(&self) -> Result<(), String> {
        let numbers: Vec<u16> = self.columns.iter().map(|c| c.n).collect();
        let expected: Vec<u16> = (1..=numbers.len() as u16).collect();
        if numbers != expected {
            return Err(format!("{}: columns must be numbered 1…{} in order", self.form, numbers.len()));
        }
        let mut leaves = Vec::new();
        for node in &self.header {
            node.leaves(&mut leaves);
        }
        if leaves.iter().any(Option::is_none) {
            return Err(format!("{}: a header leaf has no column", self.form));
        }
        if leaves.into_iter().flatten().collect::<Vec<_>>() != expected {
            return Err(format!(
                "{}: the header's leaves must name columns 1…{} left to right",
                self.form,
                expected.len()
            ));
        }
        let known: BTreeSet<u16> = numbers.iter().copied().collect();
        let unknown = |list: &[u16]| list.iter().find(|n| !known.contains(n)).copied();
        for c in &self.columns {
            let kinds = [c.sum.is_some(), c.count.is_some(), c.note.is_some()].iter().filter(|x| **x).count();
            if kinds != 1 {
                return Err(format!("{} ({}): exactly one of sum, count, note", self.form, c.n));
            }
            if let Some(n) = c.sum.as_deref().and_then(unknown) {
                return Err(format!("{} ({}): sums unknown column ({n})", self.form, c.n));
            }
            if let Some(sum) = &c.sum {
                if sum.iter().any(|n| self.column(*n).is_some_and(|p| p.note.is_some())) {
                    return Err(format!("{} ({}): sums a note column", self.form, c.n));
                }
            }
            for count in c.count.iter().chain(c.note.iter().map(|n| &n.count)) {
                let misplaced = count.filter.misplaced(count.of);
                if !misplaced.is_empty() {
                    return Err(format!(
                        "{} ({}): {:?} cannot filter {:?}",
                        self.form, c.n, misplaced, count.of
                    ));
                }
                let fits = match count.measure {
                    Measure::Records => true,
                    Measure::People => count.of == Subject::Visits,
                    Measure::Matters => count.of != Subject::Sessions,
                    Measure::Decided(_) | Measure::Done(_) => count.of == Subject::Decisions,
                };
                if !fits {
                    return Err(format!(
                        "{} ({}): {:?} cannot be measured on {:?}",
                        self.form, c.n, count.measure, count.of
                    ));
                }
            }
        }
        self.sum_order()?;
        for check in &self.checks {
            if check.equal.len() < 2 {
                return Err(format!("{}: check {} compares nothing", self.form, check.describe()));
            }
            if let Some(n) = check.equal.iter().find_map(|g| unknown(g)) {
                return Err(format!("{}: check {} names unknown column ({n})", self.form, check.describe()));
            }
        }
        Ok(())
    }

    /// The columns in an order where every sum comes after its parts; refuses a cycle.
    pub(crate) fn sum_order(&self) -> Result<Vec<u16>, String> {
        let mut order = Vec::new();
        let mut state = vec![0u8; self.columns.len() + 1];
        fn visit(def: &Definition, n: u16, state: &mut [u8], order: &mut Vec<u16>) -> Result<(), String> {
            match state[n as usize] {
                2 => return Ok(()),
                1 => return Err(format!("{}: column ({n}) sums itself", def.form)),
                _ => {}
            }
            state[n as usize] = 1;
            if let Some(parts) = def.column(n).and_then(|c| c.sum.as_ref()) {
                for p in parts {
                    visit(def, *p, state, order)?;
                }
            }
            state[n as usize] = 2;
            order.push(n);
            Ok(())
        }
        for c in &self.columns {
            visit(self, c.n, &mut state, &mut order)?;
        }
        Ok(order)
    }
}
