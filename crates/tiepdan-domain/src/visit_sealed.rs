//! Sealed visitors: the identity of a denouncer as the register stores it (issue 7 §2). The
//! register seals a [`VisitorIdentity`] and keeps only its ciphertext in [`Visitor::sealed`]; this
//! module carries that text opaquely and says what anyone without the key is shown.

use super::Visitor;
use crate::identity::{IdKind, Sex};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// What lists, forms and search results show instead of a sealed visitor's name.
pub const SEALED_VISITOR_NAME: &str = "Người tố cáo (được bảo mật)";

/// A visitor's identity sealed to the ward's seal key, in its `sealed:v1:` text form. Opaque here:
/// only the register (through `tiepdan-keys`) makes and opens it. Two seals of the same identity
/// differ, so equal values mean "the very value stored", never "the same person".
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct SealedIdentity(String);

impl SealedIdentity {
    pub fn new(text: impl Into<String>) -> Self {
        SealedIdentity(text.into())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The identifying fields of a visitor: what is sealed for a denouncer (the same fields the
/// protocol withholds upstream, phone included).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VisitorIdentity {
    pub full_name: String,
    #[serde(default)]
    pub id_kind: Option<IdKind>,
    #[serde(default)]
    pub id_number: Option<String>,
    #[serde(default)]
    pub id_issued_on: Option<NaiveDate>,
    #[serde(default)]
    pub id_issued_by: Option<String>,
    #[serde(default)]
    pub birth_year: Option<i32>,
    #[serde(default)]
    pub sex: Option<Sex>,
    #[serde(default)]
    pub address: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
}

impl Visitor {
    pub fn is_sealed(&self) -> bool {
        self.sealed.is_some()
    }

    /// The name to show: [`SEALED_VISITOR_NAME`] for a sealed visitor and for one whose identity was
    /// withheld (blank name), the name as entered otherwise.
    pub fn shown_name(&self) -> &str {
        if self.sealed.is_some() || self.full_name.is_empty() {
            SEALED_VISITOR_NAME
        } else {
            &self.full_name
        }
    }

    /// Whether any identifying field holds something.
    pub fn has_identity(&self) -> bool {
        !self.full_name.trim().is_empty()
            || self.id_kind.is_some()
            || self.id_number.is_some()
            || self.id_issued_on.is_some()
            || self.id_issued_by.is_some()
            || self.birth_year.is_some()
            || self.sex.is_some()
            || self.address.is_some()
            || self.phone.is_some()
    }

    /// Moves the identifying fields out, leaving them blank (`sealed` is untouched).
    pub fn take_identity(&mut self) -> VisitorIdentity {
        VisitorIdentity {
            full_name: std::mem::take(&mut self.full_name),
            id_kind: self.id_kind.take(),
            id_number: self.id_number.take(),
            id_issued_on: self.id_issued_on.take(),
            id_issued_by: self.id_issued_by.take(),
            birth_year: self.birth_year.take(),
            sex: self.sex.take(),
            address: self.address.take(),
            phone: self.phone.take(),
        }
    }

    /// Puts an opened identity back in place of the blank fields and drops the sealed value.
    pub fn put_identity(&mut self, identity: VisitorIdentity) {
        self.full_name = identity.full_name;
        self.id_kind = identity.id_kind;
        self.id_number = identity.id_number;
        self.id_issued_on = identity.id_issued_on;
        self.id_issued_by = identity.id_issued_by;
        self.birth_year = identity.birth_year;
        self.sex = identity.sex;
        self.address = identity.address;
        self.phone = identity.phone;
        self.sealed = None;
    }
}
