//! Sealed visitors: the identity of a denouncer as the register stores it (issue 7 §2). The
//! register seals a [`VisitorIdentity`] and keeps only its ciphertext in [`Visitor::sealed`]; this
//! module carries that text opaquely and says what anyone without the key is shown.

use super::{IdentityField, Visitor};
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

/// The identifying fields of a visitor ([`IdentityField::ALL`]): what is sealed for a denouncer.
/// Held as a visitor with only those fields set, so its JSON form is the visitor's own keys and
/// identities sealed before this type changed still open; a value holding anything else (a sealed
/// value, or a field not in the list) is refused when read.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "Visitor", into = "Visitor")]
pub struct VisitorIdentity(Visitor);

impl VisitorIdentity {
    /// The identity as a visitor whose other fields are blank.
    pub fn as_visitor(&self) -> &Visitor {
        &self.0
    }
}

impl From<VisitorIdentity> for Visitor {
    fn from(identity: VisitorIdentity) -> Visitor {
        identity.0
    }
}

impl TryFrom<Visitor> for VisitorIdentity {
    type Error = String;

    fn try_from(mut visitor: Visitor) -> Result<Self, Self::Error> {
        let identity = visitor.take_identity();
        if visitor != Visitor::default() {
            return Err("a sealed identity holds only identifying fields".into());
        }
        Ok(identity)
    }
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
        IdentityField::ALL.iter().any(|f| f.is_set(self))
    }

    /// Moves the identifying fields out, leaving them blank (`sealed` is untouched).
    pub fn take_identity(&mut self) -> VisitorIdentity {
        let mut identity = Visitor::default();
        for field in IdentityField::ALL {
            field.transfer(self, &mut identity);
        }
        VisitorIdentity(identity)
    }

    /// Puts an opened identity back in place of the blank fields and drops the sealed value.
    pub fn put_identity(&mut self, identity: VisitorIdentity) {
        let mut identity = identity.0;
        for field in IdentityField::ALL {
            field.transfer(&mut identity, self);
        }
        self.sealed = None;
    }
}
