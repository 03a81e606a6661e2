//! Denouncers' identities sealed inside the register (issue 7 §2, `shared/domain.md` §6,
//! docs/access.md "Sealed identities").
//!
//! When the register has a key file, every visitor of a visit whose petition protects its sender
//! (a denunciation or a mixed petition: [`VisitDetails::protects_identity`]) is stored sealed: the
//! draft is checked in clear first, then each visitor's [`VisitorIdentity`] (as JSON) is sealed to
//! the ward's seal public key with the context `visit id (16 bytes) ‖ visitor position (u32, big
//! endian)`, its identifying fields are blanked, and the journal event, the visitor rows and the
//! search index receive only that blank-and-sealed form. Nothing in clear is indexed, so searching
//! a denouncer's name finds nothing. Only a session permitted `SeeDenouncerIdentity` (a leader whose
//! key slot holds the seal secret) opens them, through [`Register::reveal_visit`] and
//! [`Register::reveal_history`], and every reveal is in the access audit before it is returned.
//!
//! Histories are read by `visits::history`, which asks this module whether a visit was ever protected
//! ([`ever_protected`]) and to open what a permitted session reveals.
//!
//! Invariants: a new visit never accepts a sealed value from its caller; an amendment accepts one
//! only if it is byte for byte the value the register holds for the visitor at that position
//! ("identity unchanged"); once any step of a visit was protected, later amendments stay sealed.
//! Without a key file nothing is sealed (a register made by `tiepdan init` without a password) and
//! behaviour is as before issue 7. The journal is append-only: events written before a visit
//! became protected (or before the key file existed) keep their identity in clear; readers of the
//! history are shown it masked when the register has keys.

use crate::access::access_log::AccessRecord;
use crate::access::actor::Actor;
use crate::access::sessions::Session;
use crate::error::{RegisterError, Result};
use crate::Register;
use tiepdan_domain::access::{AccessAction, Permission};
use tiepdan_domain::acts::Act;
use tiepdan_domain::validation::{FieldProblem, Problem};
use tiepdan_domain::visit::{SealedIdentity, Visit, VisitDetails, Visitor, VisitorIdentity};
use tiepdan_domain::{Invalid, VisitId};
use tiepdan_keys::{seal, SealPublicKey, SealedBytes, Unlocked};

/// The name a list shows for a visitor row: the masked label when its identity is sealed.
pub(crate) fn shown_name(full_name: String, sealed: Option<String>) -> String {
    match sealed {
        Some(_) => tiepdan_domain::visit::SEALED_VISITOR_NAME.to_string(),
        None => full_name,
    }
}

/// What a sealed identity is bound to: a value copied onto another visit or visitor does not open.
pub(crate) fn context(visit: VisitId, position: usize) -> Vec<u8> {
    let mut bytes = visit.0.as_bytes().to_vec();
    bytes.extend_from_slice(&(position as u32).to_be_bytes());
    bytes
}

fn foreign(position: usize) -> RegisterError {
    let problem = FieldProblem::new(format!("visitors[{position}].sealed"), Problem::SealedIdentityForeign);
    Invalid { problems: vec![problem] }.into()
}

/// What a registration or an amendment sealed: each visitor's position and the identity typed for
/// it (kept by the registering session for the slips handed to the denouncer, see `typed`).
pub(crate) type SealedNow = Vec<(usize, VisitorIdentity)>;

/// Seals, in place, every visitor still in clear.
fn seal_clear_visitors(key: &SealPublicKey, visit: VisitId, details: &mut VisitDetails) -> Result<SealedNow> {
    let mut sealed_now = Vec::new();
    for (position, visitor) in details.visitors.iter_mut().enumerate() {
        if visitor.is_sealed() {
            continue;
        }
        let identity = visitor.take_identity();
        let json = serde_json::to_vec(&identity).map_err(|e| RegisterError::Decode(e.to_string()))?;
        let sealed = seal(key, &json, &context(visit, position))?;
        visitor.sealed = Some(SealedIdentity::new(sealed.to_text()));
        sealed_now.push((position, identity));
    }
    Ok(sealed_now)
}

/// Opens one sealed visitor in place.
fn open_visitor(unlocked: &Unlocked, visit: VisitId, position: usize, visitor: &mut Visitor) -> Result<()> {
    let Some(sealed) = &visitor.sealed else { return Ok(()) };
    let bytes = SealedBytes::parse_text(sealed.as_str())?;
    let json = unlocked.open_sealed(&bytes, &context(visit, position))?;
    visitor.put_identity(decode_identity(&json)?);
    Ok(())
}

/// The opened identity, or an error that says where it broke and never what it holds: serde's
/// messages quote the offending value ("invalid type: string \"Nguyễn …\""), and this error goes
/// to logs and to the desk's "details in the log" answers.
fn decode_identity(json: &[u8]) -> Result<VisitorIdentity> {
    serde_json::from_slice(json).map_err(|e| {
        RegisterError::Decode(format!(
            "a sealed identity opened to something that is not a visitor's identity ({:?} error at line {}, column {})",
            e.classify(),
            e.line(),
            e.column()
        ))
    })
}

/// Opens every sealed visitor of `details`; whether there was any.
pub(crate) fn open_details(unlocked: &Unlocked, visit: VisitId, details: &mut VisitDetails) -> Result<bool> {
    let mut any = false;
    for (position, visitor) in details.visitors.iter_mut().enumerate() {
        any |= visitor.is_sealed();
        open_visitor(unlocked, visit, position, visitor)?;
    }
    Ok(any)
}

/// Whether these details, as one step of a visit, make its visitors' identity protected: the
/// domain's rule ([`VisitDetails::protects_identity`]), or a visitor already sealed (which only a
/// protected step seals). Sealing, history masking and sync's outgoing batch all ask this.
pub(crate) fn protects(details: &VisitDetails) -> bool {
    details.protects_identity() || details.visitors.iter().any(Visitor::is_sealed)
}

/// Whether any of a visit's steps (its details as each step left them) protected its visitors'
/// identity: once one did, the visit stays protected.
pub(crate) fn ever_protected<'a>(steps: impl IntoIterator<Item = &'a VisitDetails>) -> bool {
    steps.into_iter().any(protects)
}

/// The session of an actor permitted to read sealed identities (a leader whose key slot holds the
/// seal secret): only a signed-in session can open them.
pub(crate) fn revealing<'s>(actor: &Actor<'s>) -> Result<&'s Session> {
    actor.require(Act::RevealIdentity)?;
    actor.session().ok_or(RegisterError::NotPermitted { permission: Permission::SeeDenouncerIdentity })
}

impl Register {
    fn seal_public_key(&self) -> Option<SealPublicKey> {
        self.keys.slots.as_ref().map(|slots| slots.seal_public_key())
    }

    /// Whether denunciations recorded now are sealed (the register has its key file).
    pub fn seals_identities(&self) -> bool {
        self.keys.slots.is_some()
    }

    /// The details of a new visit as they are stored: a sealed value from the caller is refused
    /// (a new visit has none of its own), and a protected visit's visitors are sealed.
    pub(crate) fn seal_new_visit(&self, visit: VisitId, details: &mut VisitDetails) -> Result<SealedNow> {
        if let Some(position) = details.visitors.iter().position(Visitor::is_sealed) {
            return Err(foreign(position));
        }
        match self.seal_public_key() {
            Some(key) if details.protects_identity() => seal_clear_visitors(&key, visit, details),
            _ => Ok(Vec::new()),
        }
    }

    /// The details of an amendment as they are stored: each sealed value must be the one `stored`
    /// holds at the same position; clear visitors are sealed anew if this step or any earlier one
    /// of the visit is protected. `earlier_protected` answers the latter from the visit's history,
    /// which the caller (`visits`, above this concern) reads; it is asked only when it decides.
    pub(crate) fn seal_amendment(
        &self,
        stored: &Visit,
        details: &mut VisitDetails,
        earlier_protected: impl FnOnce() -> Result<bool>,
    ) -> Result<SealedNow> {
        for (position, visitor) in details.visitors.iter().enumerate() {
            let held = stored.details.visitors.get(position).and_then(|v| v.sealed.as_ref());
            if visitor.sealed.is_some() && visitor.sealed.as_ref() != held {
                return Err(foreign(position));
            }
        }
        let Some(key) = self.seal_public_key() else { return Ok(Vec::new()) };
        let protected = details.protects_identity() || earlier_protected()?;
        if protected {
            return seal_clear_visitors(&key, stored.id, details);
        }
        Ok(Vec::new())
    }

    /// The visit with its sealed visitors opened, for a session permitted to see denouncers'
    /// identities (`NotPermitted` otherwise, and nothing is audited). The viewing is in the access
    /// audit before the identity is returned; a visit with nothing sealed is returned as it is.
    pub fn reveal_visit(&mut self, actor: &Actor<'_>, mut visit: Visit) -> Result<Visit> {
        let session = revealing(actor)?;
        if open_details(session.unlocked(), visit.id, &mut visit.details)? {
            self.audit_reveal(session, visit.id)?;
        }
        Ok(visit)
    }

    /// Puts the viewing of `visit`'s sealed identities by `session`'s officer in the access audit.
    pub(crate) fn audit_reveal(&mut self, session: &Session, visit: VisitId) -> Result<()> {
        let record = AccessRecord::new(Some(session.officer().id), AccessAction::ViewedSealedIdentity);
        self.record_access(record.visit(visit))
    }
}

#[cfg(test)]
mod tests {
    use super::decode_identity;

    #[test]
    fn an_identity_that_does_not_parse_is_not_quoted_in_the_error() {
        for opened in [
            &br#""Nguyen Van Bi Mat 001099012345""#[..],
            br#"{"full_name": "Nguyen Van Bi Mat", "id_number": 1099012345}"#,
        ] {
            let said = decode_identity(opened).expect_err("not an identity").to_string();
            assert!(!said.contains("Bi Mat") && !said.contains("1099012345"), "{said}");
            assert!(said.contains("line 1"), "it still says where: {said}");
        }
    }
}
