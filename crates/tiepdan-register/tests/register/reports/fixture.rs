//! The fixture quarter: Quý I 2026 (15/12/2025 → 14/03/2026) on a register with passwords (so a
//! denouncer is sealed), built through the register's public calls only, and counted by hand below.
//!
//! Desk visits (R regular, L head's sessions, G delegated session); "→ X" links a repeat to X's matter:
//!
//! | rec | day        | mode / session     | people | lần | petition: kind, stage, handling (processed)        |
//! |-----|------------|--------------------|--------|-----|----------------------------------------------------|
//! | R0  | 10/12/2025 | regular            | 1      | 1   | complaint, unprocessed on 15/12; accept 05/01/2026 |
//! | R1  | 16/12/2025 | regular            | 1      | 1   | complaint, accept (competent); accepted 18/12, resolved 10/03 |
//! | R2  | 05/01/2026 | regular → R1       | 1      | 2   | —                                                  |
//! | R3  | 20/01 8:00 | regular, group     | 6      | 1   | proposal, guide                                    |
//! | G1  | 20/01      | D1 delegated       | 2      | 1   | reflection, remind                                 |
//! | G2  | 20/01      | D1 delegated group | 7      | 1   | proposal, resolved several times, transfer; transferred 22/01, answered 10/03 |
//! | G3  | 20/01      | D1 delegated → R2  | 1      | 3   | —                                                  |
//! | G4  | 20/01 10:00| D1 delegated group → R3 | 5 | 2   | —                                                  |
//! | L1  | 15/01      | H1 head periodic   | 1      | 1   | complaint resolved once, accept; accepted 20/01 (lần 2) |
//! | L2  | 15/01      | H1 head, group     | 6      | 1   | proposal, accept with competence not recorded      |
//! | L3  | 10/02      | H2 head ad hoc → L1| 1      | 2   | —                                                  |
//! | L4  | 10/02      | H2 head, group → L2| 5      | 2   | —                                                  |
//! | R7  | 10/02      | regular            | 1      | 1   | denunciation (sealed), accept                      |
//! | R4  | 02/03      | regular, group → R3| 6      | 3   | —                                                  |
//! | R5  | 14/03      | regular            | 2      | 1   | reflection, file (lưu đơn)                         |
//! | R6  | 15/03      | regular            | 1      | 1   | complaint, accept — Quý II                         |
//!
//! Sessions: H1 head 15/01 and H2 head (ad hoc) 10/02 held with visits; D1 delegate 20/01 held with
//! visits; D2 delegate 25/02 held with nobody (unattended); H3 head 05/03 cancelled.
//!
//! Petitions by other sources (processed by `process_petition` on the day given):
//!
//! | rec | source          | received   | kind, stage          | processing                       |
//! |-----|-----------------|------------|----------------------|----------------------------------|
//! | P1  | post            | 01/12/2025 | reflection           | 10/02 transfer                   |
//! | P2  | post            | 05/12/2025 | proposal             | 10/12/2025 guide (before Quý I)  |
//! | P3  | one-stop        | 03/02      | complaint            | 20/03 accept (Quý II)            |
//! | P4  | transferred in  | 12/02      | denunciation (sealed)| 20/02 accept                     |
//! | P5  | online          | 01/03      | proposal             | 05/03 ineligible, returned       |
//! | P6  | post            | 10/03      | complaint            | 16/03 accept (Quý II)            |
//! | P7  | post            | 14/03      | reflection           | 14/03 guide                      |
//! | P8  | post            | 15/03      | reflection           | — (Quý II)                       |
//! | P9  | elected body    | 20/12/2025 | complaint, resolved once | 25/12/2025 accept            |
//! | P10 | post            | 06/01      | mixed                | 08/01 transfer; transferred 08/01, answered 20/03 |
//! | P11 | post, dup. of G1| 25/01      | reflection           | 26/01 remind                     |

use crate::common::{draft, local, Desk};
use crate::follow_up::day;
use crate::petitions::mailed;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use tiepdan_domain::deadlines::{Level, Variant};
use tiepdan_domain::intake::PetitionSource;
use tiepdan_domain::petition::{Field, Handling, Petition, PetitionKind, Stage};
use tiepdan_domain::processing::Processing;
use tiepdan_domain::results::{Acceptance, Outcome, Resolution, Transfer, TransferAnswer};
use tiepdan_domain::sessions::{DayPart, ReceptionSession, SessionId, SessionKind, Sitter};
use tiepdan_domain::visit::VisitorKind;
use tiepdan_domain::VisitId;
use tiepdan_register::Closing;

/// The quarter's register and its records by the names of the tables above.
pub struct Quarter {
    pub d: Desk,
    pub ids: BTreeMap<&'static str, VisitId>,
    pub sessions: BTreeMap<&'static str, SessionId>,
}

fn petition(value: Value) -> Petition {
    serde_json::from_value(value).expect("a valid petition")
}

/// A desk visit of `people` people (a group from five) on `at`, in `session` when given.
fn visit(
    q: &mut Quarter,
    name: &'static str,
    at: chrono::DateTime<chrono::FixedOffset>,
    people: u32,
    session: Option<&str>,
    p: Option<Value>,
) {
    let mut input = draft(&format!("Công dân {name}"), &format!("Nội dung vụ việc của {name}"));
    input.received_at = Some(at);
    if people >= 5 {
        input.visitor_kind = VisitorKind::Group;
    }
    input.people_count = Some(people);
    input.session_id = session.map(|s| q.sessions[s]);
    input.petition = p.map(petition);
    if name == "R7" {
        input.visitors[0].full_name = super::DENOUNCER.into();
    }
    let v = q.d.register.record_visit(&acting!(q.d), input).unwrap();
    q.ids.insert(name, v.id);
}

/// A petition by `source` received on `on`, processed later when `processing` says so.
fn received(
    q: &mut Quarter,
    name: &'static str,
    source: PetitionSource,
    on: chrono::NaiveDate,
    kind: PetitionKind,
) {
    let mut input = mailed(&format!("Người gửi {name}"), &format!("Nội dung đơn {name}"));
    (input.source, input.received_on, input.kind, input.field) = (source, Some(on), kind, Field::Housing);
    if matches!(source, PetitionSource::TransferredIn | PetitionSource::ForwardedByElected) {
        input.from_body = Some("Ban Tiếp công dân quận Hà Đông".into());
    }
    if name == "P4" {
        (input.senders[0].full_name, input.field) = (super::DENOUNCER.into(), Field::Corruption);
    }
    if name == "P9" {
        input.stage = Stage::ResolvedOnce;
    }
    let v = q.d.register.receive_petition(&acting!(q.d), input).unwrap();
    q.ids.insert(name, v.id);
}

fn process(q: &mut Quarter, name: &str, on: chrono::NaiveDate, handling: Handling, competent: bool) {
    let eligible = name != "P5";
    let processing = Processing {
        visit_id: q.ids[name],
        processed_on: on,
        eligible,
        ineligible_reason: (!eligible).then(|| "Đơn không ghi rõ nội dung".into()),
        competent,
        handling,
        transfer_to: matches!(handling, Handling::Transfer | Handling::Remind).then(|| "Công an quận".into()),
        guidance: (handling == Handling::Guide).then(|| "Gửi Tòa án nhân dân quận".into()),
    };
    q.d.register.process_petition(&acting!(q.d), processing).unwrap();
}

fn plan(q: &mut Quarter, name: &'static str, sat: Sitter, kind: SessionKind, on: chrono::NaiveDate) {
    let session = ReceptionSession {
        id: SessionId::new(),
        planned_on: on,
        part: DayPart::Morning,
        kind,
        sat,
        officer_id: (sat == Sitter::Delegate).then_some(q.d.officer.id),
        delegation: (sat == Sitter::Delegate).then(|| "Giấy ủy quyền số 01/GUQ-UBND".into()),
        place: None,
    };
    let entry = q.d.register.plan_session(&acting!(q.d), session).unwrap();
    q.sessions.insert(name, entry.session.id);
}

fn close(q: &mut Quarter, name: &str, closing: Closing) {
    q.d.register
        .close_session(&acting!(q.d), q.sessions[name], closing, Some("Biên bản kỳ tiếp".into()))
        .unwrap();
}

fn link(q: &mut Quarter, repeat: &str, earlier: &str) {
    q.d.register.link_repeat(&acting!(q.d), q.ids[repeat], q.ids[earlier]).unwrap();
}

/// The quarter of the tables above.
pub fn quarter() -> Quarter {
    let mut q =
        Quarter { d: crate::sealing::desk_with_keys(), ids: BTreeMap::new(), sessions: BTreeMap::new() };
    let complaint = |handling: Option<&str>| json!({ "kind": "complaint", "field": "land", "handling": handling, "competent": handling.map(|_| true) });
    use PetitionSource::*;
    received(&mut q, "P1", Post, day(2025, 12, 1), PetitionKind::Reflection);
    received(&mut q, "P2", Post, day(2025, 12, 5), PetitionKind::Proposal);
    visit(&mut q, "R0", local(2025, 12, 10, 9, 0), 1, None, Some(complaint(None)));
    process(&mut q, "P2", day(2025, 12, 10), Handling::Guide, false);
    visit(&mut q, "R1", local(2025, 12, 16, 9, 0), 1, None, Some(complaint(Some("accept"))));
    received(&mut q, "P9", ForwardedByElected, day(2025, 12, 20), PetitionKind::Complaint);
    process(&mut q, "P9", day(2025, 12, 25), Handling::Accept, true);
    visit(&mut q, "R2", local(2026, 1, 5, 9, 0), 1, None, None);
    process(&mut q, "R0", day(2026, 1, 5), Handling::Accept, true);
    received(&mut q, "P10", Post, day(2026, 1, 6), PetitionKind::Mixed);
    process(&mut q, "P10", day(2026, 1, 8), Handling::Transfer, false);

    plan(&mut q, "H1", Sitter::Head, SessionKind::Periodic, day(2026, 1, 15));
    let resolved_once = json!({ "kind": "complaint", "field": "housing", "stage": "resolved_once", "handling": "accept", "competent": true });
    visit(&mut q, "L1", local(2026, 1, 15, 8, 30), 1, Some("H1"), Some(resolved_once));
    let proposal = json!({ "kind": "proposal", "field": "policy", "handling": "accept" });
    visit(&mut q, "L2", local(2026, 1, 15, 9, 30), 6, Some("H1"), Some(proposal));
    close(&mut q, "H1", Closing::Held);

    let guided = json!({ "kind": "proposal", "field": "policy", "handling": "guide", "competent": false, "guidance": "Gửi Sở Lao động" });
    visit(&mut q, "R3", local(2026, 1, 20, 8, 0), 6, None, Some(guided));
    plan(&mut q, "D1", Sitter::Delegate, SessionKind::Periodic, day(2026, 1, 20));
    let remind = json!({ "kind": "reflection", "field": "housing", "handling": "remind", "competent": false, "transfer_to": "UBND quận" });
    visit(&mut q, "G1", local(2026, 1, 20, 9, 0), 2, Some("D1"), Some(remind));
    let transfer = json!({ "kind": "proposal", "field": "land", "stage": "resolved_several", "handling": "transfer", "competent": false, "transfer_to": "Sở Tài nguyên" });
    visit(&mut q, "G2", local(2026, 1, 20, 9, 30), 7, Some("D1"), Some(transfer));
    visit(&mut q, "G3", local(2026, 1, 20, 9, 45), 1, Some("D1"), None);
    visit(&mut q, "G4", local(2026, 1, 20, 10, 0), 5, Some("D1"), None);
    close(&mut q, "D1", Closing::Held);
    received(&mut q, "P11", Post, day(2026, 1, 25), PetitionKind::Reflection);
    process(&mut q, "P11", day(2026, 1, 26), Handling::Remind, false);

    received(&mut q, "P3", OneStop, day(2026, 2, 3), PetitionKind::Complaint);
    process(&mut q, "P1", day(2026, 2, 10), Handling::Transfer, false);
    plan(&mut q, "H2", Sitter::Head, SessionKind::AdHoc, day(2026, 2, 10));
    visit(&mut q, "L3", local(2026, 2, 10, 8, 0), 1, Some("H2"), None);
    visit(&mut q, "L4", local(2026, 2, 10, 8, 30), 5, Some("H2"), None);
    close(&mut q, "H2", Closing::Held);
    let denunciation =
        json!({ "kind": "denunciation", "field": "corruption", "handling": "accept", "competent": true });
    visit(&mut q, "R7", local(2026, 2, 10, 14, 0), 1, None, Some(denunciation));
    received(&mut q, "P4", TransferredIn, day(2026, 2, 12), PetitionKind::Denunciation);
    process(&mut q, "P4", day(2026, 2, 20), Handling::Accept, true);
    plan(&mut q, "D2", Sitter::Delegate, SessionKind::Periodic, day(2026, 2, 25));
    close(&mut q, "D2", Closing::Held);

    received(&mut q, "P5", Online, day(2026, 3, 1), PetitionKind::Proposal);
    visit(&mut q, "R4", local(2026, 3, 2, 9, 0), 6, None, None);
    process(&mut q, "P5", day(2026, 3, 5), Handling::Return, false);
    plan(&mut q, "H3", Sitter::Head, SessionKind::Periodic, day(2026, 3, 5));
    close(&mut q, "H3", Closing::Cancelled);
    received(&mut q, "P6", Post, day(2026, 3, 10), PetitionKind::Complaint);
    let filed = json!({ "kind": "reflection", "field": "housing", "handling": "file" });
    visit(&mut q, "R5", local(2026, 3, 14, 16, 0), 2, None, Some(filed));
    received(&mut q, "P7", Post, day(2026, 3, 14), PetitionKind::Reflection);
    process(&mut q, "P7", day(2026, 3, 14), Handling::Guide, false);
    visit(&mut q, "R6", local(2026, 3, 15, 8, 0), 1, None, Some(complaint(Some("accept"))));
    received(&mut q, "P8", Post, day(2026, 3, 15), PetitionKind::Reflection);
    process(&mut q, "P6", day(2026, 3, 16), Handling::Accept, true);
    process(&mut q, "P3", day(2026, 3, 20), Handling::Accept, true);

    for (repeat, earlier) in
        [("R2", "R1"), ("G3", "R2"), ("G4", "R3"), ("R4", "R3"), ("L3", "L1"), ("L4", "L2"), ("P11", "G1")]
    {
        link(&mut q, repeat, earlier);
    }
    results(&mut q);
    q
}

/// Acceptances, the resolution and the transfers with their answers.
fn results(q: &mut Quarter) {
    let accept = |q: &mut Quarter, name: &str, on, level| {
        let decision = Acceptance {
            visit_id: q.ids[name],
            on,
            accepted: true,
            reason: None,
            variant: Variant { level, ..Variant::default() },
        };
        q.d.register.record_acceptance(&acting!(q.d), decision).unwrap();
    };
    accept(q, "R1", day(2025, 12, 18), Level::First);
    accept(q, "L1", day(2026, 1, 20), Level::Second);
    let resolution = Resolution {
        visit_id: q.ids["R1"],
        on: day(2026, 3, 10),
        outcome: Outcome::Correct,
        document_no: None,
        note: "Quyết định giải quyết".into(),
        figures: None,
    };
    q.d.register.record_resolution(&acting!(q.d), resolution).unwrap();
    for (name, sent, answered) in
        [("G2", day(2026, 1, 22), day(2026, 3, 10)), ("P10", day(2026, 1, 8), day(2026, 3, 20))]
    {
        let transfer = Transfer {
            visit_id: q.ids[name],
            on: sent,
            to: "Sở Tài nguyên".into(),
            note: "Chuyển theo thẩm quyền".into(),
        };
        q.d.register.record_transfer(&acting!(q.d), transfer).unwrap();
        let answer =
            TransferAnswer { visit_id: q.ids[name], on: answered, answer: "Đã giải quyết".into() };
        q.d.register.record_transfer_answer(&acting!(q.d), answer).unwrap();
    }
}
