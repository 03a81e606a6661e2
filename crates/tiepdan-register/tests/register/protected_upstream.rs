//! What a protected visit's events look like on their way up, and as the district gives them back
//! (issue 14): a repeat link is protected when either of its visits is, and an event redacted by
//! the district (identity, words and the link's other end withheld) is taken back blank, the chain
//! verifying through its kept hashes.

use crate::common::{desk, draft};
use crate::follow_up::petition;
use crate::import::restore_after;
use tiepdan_domain::event::{canonical_json, Event};
use tiepdan_domain::petition::PetitionKind;
use tiepdan_domain::upstream;
use tiepdan_domain::visit::{IdentityField, VisitDraft, SEALED_KEY};
use tiepdan_register::PulledEvent;

fn denunciation(name: &str) -> VisitDraft {
    let mut d = draft(name, &format!("Tố cáo, do ông {name} trình bày"));
    d.notes = format!("{name} xin giữ kín");
    d.petition = Some(petition(PetitionKind::Denunciation));
    d
}

/// The event as the district holds it once its visit is protected: every visitor's identity and
/// every text the domain withholds replaced by `null`, listed; the hashes those of the full event.
fn redacted(event: &Event) -> PulledEvent {
    let mut v: serde_json::Value = serde_json::from_slice(&event.payload).unwrap();
    let mut withheld = upstream::withheld_pointers(&event.kind, &v);
    if let Some(base) = upstream::details_pointer(&event.kind) {
        let keys: Vec<&str> = IdentityField::ALL.iter().map(|f| f.key()).chain([SEALED_KEY]).collect();
        let visitors = v.pointer(&format!("{base}/visitors")).and_then(|x| x.as_array()).map_or(0, Vec::len);
        for i in 0..visitors {
            for key in &keys {
                let p = format!("{base}/visitors/{i}/{key}");
                if v.pointer(&p).is_some_and(|x| !x.is_null()) {
                    withheld.push(p);
                }
            }
        }
    }
    for p in &withheld {
        *v.pointer_mut(p).unwrap() = serde_json::Value::Null;
    }
    let mut event = event.clone();
    event.payload = canonical_json(&v).unwrap();
    PulledEvent { event, withheld }
}

#[test]
fn a_link_to_a_protected_visit_is_protected_even_when_the_linked_visit_is_not() {
    let mut d = desk();
    let owner = d.register.desk_owner().unwrap();
    let sealed = d.register.record_visit(&owner, denunciation("Hà Văn Kín")).unwrap();
    let identified = d.register.record_visit(&owner, draft("Hà Văn Kín", "Kiến nghị về cấp nước")).unwrap();
    d.register.link_repeat(&owner, identified.id, sealed.id).unwrap();
    let stream = d.register.current_stream().unwrap();
    let outgoing = d.register.outgoing(stream.id, 0, 100).unwrap();
    let link = outgoing.iter().find(|o| o.event.kind == "repeat_linked").expect("the link goes up");
    assert!(link.protected, "the district must not learn which identified visit the denunciation repeats");
    let record = outgoing.iter().find(|o| o.event.kind == "visit_recorded" && !o.protected);
    assert!(record.is_some(), "the identified visit itself still travels whole");
}

#[test]
fn a_protected_visit_redacted_by_the_district_comes_back_blank_with_its_chain_intact() {
    let mut lost = None;
    let mut r = restore_after(desk(), |reg| {
        let owner = reg.desk_owner().unwrap();
        let earlier = reg.record_visit(&owner, draft("Hà Thị Trước", "Kiến nghị về cấp nước")).unwrap();
        let visit = reg.record_visit(&owner, denunciation("Hà Thị Trước")).unwrap();
        reg.link_repeat(&owner, visit.id, earlier.id).unwrap();
        lost = Some(visit);
    });
    let lost = lost.unwrap();
    let batch: Vec<PulledEvent> =
        r.tail.iter().enumerate().map(|(i, p)| if i == 0 { p.clone() } else { redacted(&p.event) }).collect();
    assert_eq!(batch.len(), 3, "the identified visit, the denunciation and the link were lost");
    assert!(batch[2].withheld.contains(&upstream::LINK_POINTER.to_string()), "the link lost its other end");
    r.register.import_events(r.stream, &batch).unwrap();
    let back = r.register.visit(lost.id).unwrap();
    assert_eq!(back.details.summary, "", "the clerk's words stayed at the ward and nothing is invented");
    assert_eq!(back.details.notes, "");
    assert!(r.register.identity_withheld(lost.id).unwrap());
    assert!(r.register.verify().unwrap().is_intact(), "the chain verifies through the kept hashes");
}
