//! Outgoing documents (văn bản đi): the papers the ward issues in its own name about a petition — the
//! transfer slip, the refusal notice and the guidance slip — and who signs them.
//!
//! Each carries its own number from the ward's outgoing register, not the visit's receipt number:
//! "15/PC-UBND" is the 15th transfer slip (Phiếu chuyển) of the year issued by the People's Committee
//! (ND 30/2020 Điều 15 and Phụ lục III: the number, then the abbreviations of the document type and
//! of the issuing body; numbers start at 01 on 1 January, so those below ten take a leading zero).
//! The abbreviations are the ward's reference data ([`OutgoingStyle`]), checked here.
//!
//! A document issued in the committee's name is signed by a leader in a capacity the decree spells
//! out ("TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH", "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH"); [`SigningCapacity`] holds
//! those lines so every form prints them the same way.

use crate::ids::OfficerId;
use crate::validation::{Checks, Invalid, Problem};
use serde::{Deserialize, Serialize};

/// A kind of outgoing document, numbered in its own yearly series.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OutgoingKind {
    /// Phiếu chuyển đơn.
    TransferSlip,
    /// Thông báo từ chối tiếp công dân.
    RefusalNotice,
    /// Phiếu hướng dẫn.
    GuidanceSlip,
}

impl OutgoingKind {
    pub const ALL: [OutgoingKind; 3] =
        [OutgoingKind::TransferSlip, OutgoingKind::RefusalNotice, OutgoingKind::GuidanceSlip];

    /// The word stored in the register and used by the CLI.
    pub fn as_str(self) -> &'static str {
        match self {
            OutgoingKind::TransferSlip => "transfer_slip",
            OutgoingKind::RefusalNotice => "refusal_notice",
            OutgoingKind::GuidanceSlip => "guidance_slip",
        }
    }

    pub fn parse(text: &str) -> Option<OutgoingKind> {
        OutgoingKind::ALL.into_iter().find(|k| k.as_str() == text)
    }

    pub fn label_vi(self) -> &'static str {
        match self {
            OutgoingKind::TransferSlip => "Phiếu chuyển đơn",
            OutgoingKind::RefusalNotice => "Thông báo từ chối tiếp công dân",
            OutgoingKind::GuidanceSlip => "Phiếu hướng dẫn",
        }
    }

    /// Who signs when the ward chose nobody: the committee's documents (transfer, refusal) a leader
    /// in the chair's name; the guidance slip the officer who received the citizen.
    pub fn default_capacity(self) -> SigningCapacity {
        match self {
            OutgoingKind::TransferSlip | OutgoingKind::RefusalNotice => SigningCapacity::Chair,
            OutgoingKind::GuidanceSlip => SigningCapacity::ReceptionOfficer,
        }
    }
}

/// The abbreviations that make a document's symbol: the issuing body's, and each document type's.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutgoingStyle {
    /// "UBND": the issuing body (ND 30/2020 Phụ lục III).
    pub body: String,
    /// "PC": Phiếu chuyển.
    pub transfer_slip: String,
    /// "TB": Thông báo.
    pub refusal_notice: String,
    /// "HD": Hướng dẫn.
    pub guidance_slip: String,
}

impl Default for OutgoingStyle {
    fn default() -> Self {
        OutgoingStyle {
            body: "UBND".into(),
            transfer_slip: "PC".into(),
            refusal_notice: "TB".into(),
            guidance_slip: "HD".into(),
        }
    }
}

/// The longest abbreviation accepted; real ones are two to eight letters.
pub const MAX_ABBREVIATION: usize = 16;

impl OutgoingStyle {
    /// Trims and upper-cases every abbreviation and checks it: capitals (Đ included), digits, and
    /// inner hyphens for the body ("VP-UBND"); never "/" or spaces, which would break the symbol.
    pub fn checked(mut self) -> Result<OutgoingStyle, Invalid> {
        let mut checks = Checks::default();
        for (field, value, hyphens) in [
            ("body", &mut self.body, true),
            ("transfer_slip", &mut self.transfer_slip, false),
            ("refusal_notice", &mut self.refusal_notice, false),
            ("guidance_slip", &mut self.guidance_slip, false),
        ] {
            *value = value.trim().to_uppercase();
            let allowed =
                |c: char| c.is_ascii_uppercase() || c.is_ascii_digit() || c == 'Đ' || (hyphens && c == '-');
            if value.is_empty() {
                checks.push(field, Problem::Required);
            } else if value.chars().count() > MAX_ABBREVIATION
                || !value.chars().all(allowed)
                || value.starts_with('-')
                || value.ends_with('-')
            {
                let expected = if hyphens {
                    "chữ in hoa viết tắt, có thể có dấu gạch nối (ví dụ UBND)"
                } else {
                    "chữ in hoa viết tắt (ví dụ PC, TB)"
                };
                checks.push(field, Problem::BadFormat { expected: expected.into() });
            }
        }
        checks.finish()?;
        Ok(self)
    }

    pub fn type_abbreviation(&self, kind: OutgoingKind) -> &str {
        match kind {
            OutgoingKind::TransferSlip => &self.transfer_slip,
            OutgoingKind::RefusalNotice => &self.refusal_notice,
            OutgoingKind::GuidanceSlip => &self.guidance_slip,
        }
    }

    /// "PC-UBND": the symbol written after the number.
    pub fn symbol(&self, kind: OutgoingKind) -> String {
        format!("{}-{}", self.type_abbreviation(kind), self.body)
    }
}

/// "15/PC-UBND", "07/TB-UBND": a number of the year's series and the symbol it was issued with.
pub fn document_number(seq: u32, symbol: &str) -> String {
    format!("{seq:02}/{symbol}")
}

/// The capacity a document is signed in (thể thức ký, ND 30/2020 Điều 13): the lines printed above
/// the signature, in capitals.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SigningCapacity {
    /// The chair, on behalf of the committee: "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH".
    Chair,
    /// A vice-chair for the chair: "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH".
    ViceChair,
    /// A vice-chair for the chair, on behalf of the committee:
    /// "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH".
    ViceChairForCommittee,
    /// The officer who received the citizen, under their own position.
    ReceptionOfficer,
}

impl SigningCapacity {
    pub const ALL: [SigningCapacity; 4] = [
        SigningCapacity::Chair,
        SigningCapacity::ViceChair,
        SigningCapacity::ViceChairForCommittee,
        SigningCapacity::ReceptionOfficer,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            SigningCapacity::Chair => "chair",
            SigningCapacity::ViceChair => "vice_chair",
            SigningCapacity::ViceChairForCommittee => "vice_chair_for_committee",
            SigningCapacity::ReceptionOfficer => "reception_officer",
        }
    }

    pub fn parse(text: &str) -> Option<SigningCapacity> {
        SigningCapacity::ALL.into_iter().find(|c| c.as_str() == text)
    }

    /// The lines above the signature; `position` is the signer's own, used only by
    /// [`SigningCapacity::ReceptionOfficer`] ("Người tiếp công dân" when unknown).
    pub fn lines(self, position: Option<&str>) -> Vec<String> {
        match self {
            SigningCapacity::Chair => vec!["TM. ỦY BAN NHÂN DÂN".into(), "CHỦ TỊCH".into()],
            SigningCapacity::ViceChair => vec!["KT. CHỦ TỊCH".into(), "PHÓ CHỦ TỊCH".into()],
            SigningCapacity::ViceChairForCommittee => {
                vec!["TM. ỦY BAN NHÂN DÂN".into(), "KT. CHỦ TỊCH".into(), "PHÓ CHỦ TỊCH".into()]
            }
            SigningCapacity::ReceptionOfficer => {
                vec![position
                    .filter(|p| !p.trim().is_empty())
                    .unwrap_or("Người tiếp công dân")
                    .to_uppercase()]
            }
        }
    }

    /// Whether only a leader may sign in this capacity (every capacity but the receiving officer's).
    pub fn needs_leader(self) -> bool {
        self != SigningCapacity::ReceptionOfficer
    }

    pub fn label_vi(self) -> &'static str {
        match self {
            SigningCapacity::Chair => "Chủ tịch ký thay mặt Ủy ban (TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH)",
            SigningCapacity::ViceChair => "Phó Chủ tịch ký thay Chủ tịch (KT. CHỦ TỊCH / PHÓ CHỦ TỊCH)",
            SigningCapacity::ViceChairForCommittee => {
                "Phó Chủ tịch ký thay mặt Ủy ban (TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH)"
            }
            SigningCapacity::ReceptionOfficer => "Cán bộ tiếp công dân ký",
        }
    }
}

/// Who signs a kind of document: an officer (a leader, unless the receiving officer signs) in a
/// capacity, or, with no officer, the capacity with the name left blank to be signed by hand.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignerChoice {
    pub capacity: SigningCapacity,
    /// `None` with a leader's capacity: the block prints the capacity and no name. Ignored for
    /// [`SigningCapacity::ReceptionOfficer`], which is always the visit's officer.
    pub officer_id: Option<OfficerId>,
}

/// Who signs each kind of outgoing document by default; the print request may name another.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Signers {
    pub transfer_slip: SignerChoice,
    pub refusal_notice: SignerChoice,
    pub guidance_slip: SignerChoice,
}

impl Default for Signers {
    fn default() -> Self {
        let blank = |kind: OutgoingKind| SignerChoice { capacity: kind.default_capacity(), officer_id: None };
        Signers {
            transfer_slip: blank(OutgoingKind::TransferSlip),
            refusal_notice: blank(OutgoingKind::RefusalNotice),
            guidance_slip: blank(OutgoingKind::GuidanceSlip),
        }
    }
}

impl Signers {
    pub fn of(&self, kind: OutgoingKind) -> SignerChoice {
        match kind {
            OutgoingKind::TransferSlip => self.transfer_slip,
            OutgoingKind::RefusalNotice => self.refusal_notice,
            OutgoingKind::GuidanceSlip => self.guidance_slip,
        }
    }

    pub fn set(&mut self, kind: OutgoingKind, choice: SignerChoice) {
        match kind {
            OutgoingKind::TransferSlip => self.transfer_slip = choice,
            OutgoingKind::RefusalNotice => self.refusal_notice = choice,
            OutgoingKind::GuidanceSlip => self.guidance_slip = choice,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_below_ten_take_a_leading_zero_as_the_decree_writes_them() {
        let style = OutgoingStyle::default();
        assert_eq!(document_number(7, &style.symbol(OutgoingKind::RefusalNotice)), "07/TB-UBND");
        assert_eq!(document_number(15, &style.symbol(OutgoingKind::TransferSlip)), "15/PC-UBND");
        assert_eq!(document_number(120, &style.symbol(OutgoingKind::GuidanceSlip)), "120/HD-UBND");
    }

    #[test]
    fn abbreviations_are_upper_cased_and_anything_that_would_break_the_symbol_is_refused() {
        let style =
            OutgoingStyle { body: " vp-ubnd ".into(), transfer_slip: "pc".into(), ..Default::default() };
        let style = style.checked().unwrap();
        assert_eq!(style.symbol(OutgoingKind::TransferSlip), "PC-VP-UBND");
        for (body, transfer) in
            [("UB ND", "PC"), ("UBND", "P/C"), ("-UBND", "PC"), ("UBND", "P-C"), ("", "PC")]
        {
            let style =
                OutgoingStyle { body: body.into(), transfer_slip: transfer.into(), ..Default::default() };
            assert!(style.checked().is_err(), "{body:?} {transfer:?} must be refused");
        }
        let style = OutgoingStyle { body: "ĐUBND".into(), ..Default::default() };
        assert!(style.checked().is_ok(), "Đ is a capital of Vietnamese abbreviations");
    }

    #[test]
    fn a_vice_chair_signing_for_the_committee_prints_three_lines() {
        assert_eq!(
            SigningCapacity::ViceChairForCommittee.lines(None),
            ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
        );
        assert_eq!(SigningCapacity::ReceptionOfficer.lines(Some("Công chức Tư pháp")), ["CÔNG CHỨC TƯ PHÁP"]);
        assert_eq!(SigningCapacity::ReceptionOfficer.lines(None), ["NGƯỜI TIẾP CÔNG DÂN"]);
    }
}
