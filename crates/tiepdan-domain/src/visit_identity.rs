//! Which fields of a visitor identify them (`shared/domain.md` §6, issue #12): the one list that
//! sealing at the ward, the masking of histories and papers, and the withholding of events sent
//! upstream all iterate.
//!
//! Invariant: every field of [`Visitor`] except `sealed` (the ciphertext of these very fields) is
//! an [`IdentityField`]. A test over every key of a visitor holds this, so a field added to
//! `Visitor` without a variant here fails the build's tests instead of leaking on some path. Adding
//! a variant is the whole change: the compiler asks for its arms below, and every path that
//! protects an identity picks it up from [`IdentityField::ALL`].

use super::Visitor;

/// The key of a visitor's sealed identity in its JSON form; withheld upstream with the fields it
/// seals, ciphertext included (by default nothing of a denouncer leaves the ward).
pub const SEALED_KEY: &str = "sealed";

/// A field of [`Visitor`] that identifies the person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum IdentityField {
    FullName,
    IdNumber,
    IdKind,
    IdIssuedOn,
    IdIssuedBy,
    BirthYear,
    Sex,
    Address,
    Phone,
}

impl IdentityField {
    /// Every identifying field. The order is the one in which withheld values have always been
    /// listed on the wire, so an event redacted today lists them as one redacted before did.
    pub const ALL: [IdentityField; 9] = [
        IdentityField::FullName,
        IdentityField::IdNumber,
        IdentityField::IdKind,
        IdentityField::IdIssuedOn,
        IdentityField::IdIssuedBy,
        IdentityField::BirthYear,
        IdentityField::Sex,
        IdentityField::Address,
        IdentityField::Phone,
    ];

    /// The field's key in a visitor's JSON form (journal payloads, wire events, sealed identities).
    pub fn key(self) -> &'static str {
        match self {
            IdentityField::FullName => "full_name",
            IdentityField::IdNumber => "id_number",
            IdentityField::IdKind => "id_kind",
            IdentityField::IdIssuedOn => "id_issued_on",
            IdentityField::IdIssuedBy => "id_issued_by",
            IdentityField::BirthYear => "birth_year",
            IdentityField::Sex => "sex",
            IdentityField::Address => "address",
            IdentityField::Phone => "phone",
        }
    }

    /// Whether `visitor` holds something in this field (a blank name counts as nothing).
    pub fn is_set(self, visitor: &Visitor) -> bool {
        match self {
            IdentityField::FullName => !visitor.full_name.trim().is_empty(),
            IdentityField::IdNumber => visitor.id_number.is_some(),
            IdentityField::IdKind => visitor.id_kind.is_some(),
            IdentityField::IdIssuedOn => visitor.id_issued_on.is_some(),
            IdentityField::IdIssuedBy => visitor.id_issued_by.is_some(),
            IdentityField::BirthYear => visitor.birth_year.is_some(),
            IdentityField::Sex => visitor.sex.is_some(),
            IdentityField::Address => visitor.address.is_some(),
            IdentityField::Phone => visitor.phone.is_some(),
        }
    }

    /// Moves this field's value from `from` into `to`, leaving it blank in `from`.
    pub(crate) fn transfer(self, from: &mut Visitor, to: &mut Visitor) {
        match self {
            IdentityField::FullName => to.full_name = std::mem::take(&mut from.full_name),
            IdentityField::IdNumber => to.id_number = from.id_number.take(),
            IdentityField::IdKind => to.id_kind = from.id_kind.take(),
            IdentityField::IdIssuedOn => to.id_issued_on = from.id_issued_on.take(),
            IdentityField::IdIssuedBy => to.id_issued_by = from.id_issued_by.take(),
            IdentityField::BirthYear => to.birth_year = from.birth_year.take(),
            IdentityField::Sex => to.sex = from.sex.take(),
            IdentityField::Address => to.address = from.address.take(),
            IdentityField::Phone => to.phone = from.phone.take(),
        }
    }

    /// The JSON a blank value of this field has in a visitor: `""` for the name, which is required
    /// text, `null` for the others. What a value withheld upstream reads as when it comes back.
    pub fn blank_json(self) -> serde_json::Value {
        match self {
            IdentityField::FullName => serde_json::Value::String(String::new()),
            IdentityField::IdNumber
            | IdentityField::IdKind
            | IdentityField::IdIssuedOn
            | IdentityField::IdIssuedBy
            | IdentityField::BirthYear
            | IdentityField::Sex
            | IdentityField::Address
            | IdentityField::Phone => serde_json::Value::Null,
        }
    }
}

#[cfg(test)]
#[path = "visit_identity_tests.rs"]
mod tests;
