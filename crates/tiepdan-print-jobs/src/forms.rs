//! A form of a visit drawn from what the register holds: the ward's letterhead, the visit, its
//! officer, and the options of the request.

use crate::error::PrintJobError;
use crate::{FormRequest, PaperSize, PrintOptions};
use tiepdan_domain::clock::vietnam_offset;
use tiepdan_domain::officer::Officer;
use tiepdan_domain::visit::Visit;
use tiepdan_print::{
    render_appointment, render_guidance, render_receipt, render_record, render_refusal, render_transfer,
    AppointmentForm, GuidanceForm, Paper, ReceiptForm, RecordForm, RefusalForm, TransferForm,
};
use tiepdan_register::{Register, RegisterError};

pub(crate) fn paper(size: PaperSize) -> Paper {
    match size {
        PaperSize::A4 => Paper::A4,
        PaperSize::A5 => Paper::A5,
    }
}

/// The PDF of `options.form` for `visit`, marked as the `reprint`-th reprint when given.
pub(crate) fn draw(
    register: &Register,
    visit: &Visit,
    options: &PrintOptions,
    reprint: Option<u32>,
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
        FormRequest::Guidance { instructions, missing_documents } => render_guidance(&GuidanceForm {
            ward,
            visit,
            officer,
            issued_on,
            instructions: instructions.as_deref().filter(|i| !i.trim().is_empty()),
            missing_documents,
            reprint,
            paper,
        })?,
        FormRequest::Transfer { petition_dated, legal_basis } => render_transfer(&TransferForm {
            ward,
            visit,
            signer: officer,
            issued_on,
            petition_dated: *petition_dated,
            legal_basis: legal_basis.as_deref().filter(|l| !l.trim().is_empty()),
            reprint,
            paper,
        })?,
        FormRequest::Record => render_record(&RecordForm { ward, visit, officer, reprint, paper })?,
        FormRequest::Refusal => render_refusal(&RefusalForm { ward, visit, officer, reprint, paper })?,
    };
    Ok(pdf)
}
