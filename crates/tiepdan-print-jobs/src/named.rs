//! Who a form names when the register seals a denouncer (issue 7 §2, docs/access.md "The slip
//! handed to the denouncer"): a paper handed to the citizen it is about may name them when the
//! session printing may open their identity (`Register::visit_for_citizen`: the session that typed
//! it, for a while, or a leader's); the transfer slip and the record, which go into files that
//! travel, never do. Whoever calls the workflow passes the session; the decision is made here, once.
//!
//! A job that names someone records a fingerprint of the visit as the register held it (masked:
//! nothing in it is more than any officer can read) and of the sealed values it named. Sending it
//! again needs a session that names those very values of that very visit now — a leader, or the
//! session that typed them and still holds them: typing another visitor's identity into the visit,
//! or any amendment since, ends it (the paper would no longer be the one archived).

use sha2::{Digest, Sha256};
use tiepdan_domain::visit::Visit;
use tiepdan_register::Actor;
use tiepdan_register::{PrintForm, Register, RegisterError};

/// A visit as a paper handed to its citizen shows it to one session, and what it names.
pub(crate) struct CitizenCopy {
    pub(crate) visit: Visit,
    /// [`fingerprint`] of the sealed values it shows in clear.
    pub(crate) named: String,
}

/// The visit opened for `form` of `stored` as `session` may print it: `Some` only for a form handed
/// to the citizen of a visit with a sealed identity this session may name. A leader's opening is
/// audited as a viewing, so nothing is opened for the other forms.
pub(crate) fn citizen_copy(
    register: &mut Register,
    actor: &Actor<'_>,
    stored: &Visit,
    form: PrintForm,
) -> Result<Option<CitizenCopy>, RegisterError> {
    let Some(session) = actor.naming_session().filter(|_| form.handed_to_citizen()) else { return Ok(None) };
    let Some(opened) = register.visit_for_citizen(session, stored.id)? else { return Ok(None) };
    Ok(fingerprint(stored, &opened).map(|named| CitizenCopy { visit: opened, named }))
}

/// SHA-256 (hex) of `stored` (as the register holds it, sealed values included) and of the sealed
/// values of `stored` whose visitor `opened` shows in clear, in visitor order; `None` when it shows
/// none (or `opened` is another visit).
pub(crate) fn fingerprint(stored: &Visit, opened: &Visit) -> Option<String> {
    if stored.id != opened.id {
        return None;
    }
    let mut hash = Sha256::new();
    hash.update(serde_json::to_vec(stored).ok()?);
    let mut any = false;
    for (held, shown) in stored.details.visitors.iter().zip(&opened.details.visitors) {
        if let (Some(sealed), None) = (&held.sealed, &shown.sealed) {
            hash.update([0]);
            hash.update(sealed.as_str().as_bytes());
            any = true;
        }
    }
    any.then(|| hex::encode(hash.finalize()))
}
