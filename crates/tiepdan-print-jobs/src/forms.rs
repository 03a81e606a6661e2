//! A form of a visit drawn from what the register holds: the ward's letterhead, the visit, its
//! officer, and the options of the request. A document the ward issues in its name (transfer slip,
//! refusal notice, guidance slip) carries its number from the outgoing register and is signed as the
//! request or the ward's defaults say ([`signed`]).

use crate::error::PrintJobError;
use crate::{FormRequest, PaperSize, PrintOptions};
use tiepdan_domain::clock::vietnam_offset;
use tiepdan_domain::officer::Officer;
use tiepdan_domain::outgoing::{SignerChoice, SigningCapacity};
use tiepdan_domain::visit::Visit;
use tiepdan_print::{
    render_appointment, render_guidance, render_receipt, render_record, render_refusal, render_transfer,
    AppointmentForm, GuidanceForm, Paper, ReceiptForm, RecordForm, RefusalForm, Signer, TransferForm,
};
use tiepdan_register::{OutgoingDocument, Register, RegisterError};

pub(crate) fn paper(size: PaperSize) -> Paper {
    match size {
        PaperSize::A4 => Paper::A4,
        PaperSize::A5 => Paper::A5,
    }
}

/// The request with its signer settled: the one asked for, else the ward's default for that kind of
/// document, checked (an active leader for a leader's capacity). Stored with the job, so a reprint is
/// signed as the original was.
pub(crate) fn signed(register: &Register, options: &PrintOptions) -> Result<PrintOptions, PrintJobError> {
    let Some(kind) = options.form.form().outgoing() else {
        return Ok(options.clone());
    };
    let choice = match options.form.signer() {
        Some(choice) => choice,
        None => register.signers()?.of(kind),
    };
    register.signing_officer(choice)?;
    Ok(PrintOptions { form: options.form.clone().signed_by(choice), paper: options.paper })
}

/// The PDF of `options.form` for `visit`, marked as the `reprint`-th reprint when given. A document
/// the ward issues shows `issued`'s number and date; without one (a preview, or the check before a
/// number is taken) the number is left blank before its symbol, "……/PC-UBND", dated today.
pub(crate) fn draw(
    register: &Register,
    visit: &Visit,
    options: &PrintOptions,
    reprint: Option<u32>,
    issued: Option<&OutgoingDocument>,
) -> Result<Vec<u8>, PrintJobError> {
    let ward = register.ward()?.ok_or(RegisterError::NotInitialised)?;
    let officer: Option<Officer> = match visit.details.officer_id {
        Some(id) => register.officers()?.into_iter().find(|o| o.id == id),
        None => None,
    };
    let officer = officer.as_ref();
    let paper = paper(options.paper());
    // Forms other than the receipt are dated on the day of reception: they are handed over then.
    let issued_on = visit.details.received_at.with_timezone(&vietnam_offset()).date_naive();
    let (ward, visit) = (&ward, visit);
    let outgoing = options.form.form().outgoing();
    let number = match (issued, outgoing) {
        (Some(issued), _) => issued.number.clone(),
        (None, Some(kind)) => format!("……/{}", register.outgoing_style()?.symbol(kind)),
        (None, None) => String::new(),
    };
    let number = number.as_str();
    let issued_on = match (issued, outgoing) {
        (Some(issued), _) => issued.issued_on,
        (None, Some(_)) => register.today(),
        (None, None) => issued_on,
    };
    let choice = match outgoing {
        Some(kind) => options.form.signer().map_or_else(|| register.signers().map(|s| s.of(kind)), Ok)?,
        None => SignerChoice { capacity: SigningCapacity::ReceptionOfficer, officer_id: None },
    };
    let leader = register.signing_officer(choice)?;
    let signer = Signer {
        capacity: choice.capacity,
        officer: if choice.capacity.needs_leader() { leader.as_ref() } else { officer },
    };
    let pdf = match &options.form {
        FormRequest::Receipt { copies } => {
            render_receipt(&ReceiptForm { ward, visit, officer, copies: *copies, reprint, paper })?
        }
        FormRequest::Appointment { at, place, purpose, contact } => {
            let default_place = format!("Nơi tiếp công dân, {}", ward.ward_name);
            render_appointment(&AppointmentForm {
                ward,
                visit,
                officer,
                at: *at,
                place: place.as_deref().filter(|p| !p.trim().is_empty()).unwrap_or(&default_place),
                purpose: purpose
                    .as_deref()
                    .filter(|p| !p.trim().is_empty())
                    .unwrap_or("nhận kết quả giải quyết"),
                contact: contact.as_deref().filter(|c| !c.trim().is_empty()),
                reprint,
                paper,
            })?
        }
        FormRequest::Guidance { instructions, missing_documents, .. } => render_guidance(&GuidanceForm {
            ward,
            visit,
            number,
            signer,
            issued_on,
            instructions: instructions.as_deref().filter(|i| !i.trim().is_empty()),
            missing_documents,
            reprint,
            paper,
        })?,
        FormRequest::Transfer { petition_dated, legal_basis, .. } => render_transfer(&TransferForm {
            ward,
            visit,
            number,
            signer,
            issued_on,
            petition_dated: *petition_dated,
            legal_basis: legal_basis.as_deref().filter(|l| !l.trim().is_empty()),
            reprint,
            paper,
        })?,
        FormRequest::Record => render_record(&RecordForm { ward, visit, officer, reprint, paper })?,
        FormRequest::Refusal { .. } => {
            render_refusal(&RefusalForm { ward, visit, number, issued_on, signer, reprint, paper })?
        }
    };
    Ok(pdf)
}
