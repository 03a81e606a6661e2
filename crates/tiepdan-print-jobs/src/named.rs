//! Who a form names when the register seals a denouncer (issue 7 §2, docs/access.md): a paper
//! handed to the citizen it is about may name them, when the session printing may open their
//! identity (`Register::visit_for_citizen`: the session that typed it, until the screen locks, or a
//! leader's); the transfer slip and the record, which go into files that travel, never do.

use crate::PrintOptions;
use tiepdan_domain::visit::Visit;
use tiepdan_domain::VisitId;
use tiepdan_register::sessions::Session;
use tiepdan_register::{PrintForm, Register, RegisterError};

/// The visit opened for `form` of it as `session` may print it: `Some` only for a form handed to
/// the citizen of a visit with a sealed identity this session may name. A leader's opening is
/// audited as a viewing, so other forms do not ask.
pub fn opened_for(
    register: &mut Register,
    session: &Session,
    visit: VisitId,
    form: PrintForm,
) -> Result<Option<Visit>, RegisterError> {
    if form.handed_to_citizen() {
        register.visit_for_citizen(session, visit)
    } else {
        Ok(None)
    }
}

/// The visit as a form shows it, and whether that names a denouncer the register keeps sealed:
/// `opened` (the visit with its denouncer's identity opened for the person printing,
/// `Register::visit_for_citizen`) only on a form handed to the citizen, the stored (masked) visit
/// otherwise. The transfer slip and the record never name a sealed denouncer (issue 7 §2).
pub(crate) fn shown<'a>(
    stored: &'a Visit,
    opened: Option<&'a Visit>,
    options: &PrintOptions,
) -> (&'a Visit, bool) {
    let sealed = |v: &Visit| v.details.visitors.iter().filter(|v| v.is_sealed()).count();
    match opened {
        Some(opened)
            if opened.id == stored.id
                && options.form.form().handed_to_citizen()
                && sealed(opened) < sealed(stored) =>
        {
            (opened, true)
        }
        _ => (stored, false),
    }
}
