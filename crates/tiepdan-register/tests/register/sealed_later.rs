//! Denunciations recorded before the register had passwords (issue 14 §4): sealed in bulk when the
//! first password is set, each by an amendment (the journal stays append-only), and audited.

use crate::common::desk;
use crate::sealing::{denunciation, ADMIN_PASSWORD, NAME};
use tiepdan_domain::access::{AccessAction, Role};
use tiepdan_domain::officer::Officer;
use tiepdan_domain::visit::VisitDraft;
use tiepdan_keys::KdfParams;
use tiepdan_register::{AccessQuery, Actor, SEALED_LATER};

fn complaint() -> VisitDraft {
    let mut draft = denunciation();
    draft.petition =
        Some(serde_json::from_value(serde_json::json!({ "kind": "complaint", "field": "land" })).unwrap());
    draft
}

#[test]
fn a_denunciation_recorded_before_the_first_password_is_sealed_when_it_is_set() {
    let mut d = desk();
    let early = d.register.record_visit(&acting!(d), denunciation()).unwrap();
    let plain = d.register.record_visit(&acting!(d), complaint()).unwrap();
    assert_eq!(early.details.visitors[0].full_name, NAME, "without passwords there is nothing to seal to");
    let officer =
        Officer { roles: vec![Role::Clerk, Role::Leader, Role::Administrator], ..d.officer.clone() };
    d.officer = d.register.update_officer(&acting!(d), officer).unwrap();

    let (session, _) =
        d.register.create_keys(d.officer.id, ADMIN_PASSWORD, KdfParams::insecure_for_tests()).unwrap();
    d.session = Some(session);

    let stored = d.register.visit(early.id).unwrap();
    let v = &stored.details.visitors[0];
    assert!(v.is_sealed() && !v.has_identity(), "the early denouncer is sealed now: {v:?}");
    assert_eq!(stored.receipt_no, early.receipt_no, "the visit keeps its receipt number");
    assert!(
        d.register.search(&acting!(d), "nguyen van an", 10).unwrap().iter().all(|h| h.visit_id != early.id),
        "the denouncer's name no longer finds the visit"
    );
    assert_eq!(
        d.register.visit(plain.id).unwrap().details.visitors[0].full_name,
        NAME,
        "a complaint's visitor is not a denouncer and stays as it was"
    );

    let history = d.register.history(early.id).unwrap();
    assert_eq!(history.len(), 2, "the recording stays, and one amendment seals it: {history:?}");
    assert_eq!(history[1].reason.as_deref(), Some(SEALED_LATER), "the history says why it changed");
    assert!(
        history
            .iter()
            .filter_map(|e| e.details.as_ref())
            .all(|details| details.visitors[0].full_name != NAME),
        "the history shows the clear recording masked"
    );

    let leader = Actor::signed_in(d.session.as_ref().unwrap());
    let opened = d.register.reveal_visit(&leader, stored).unwrap();
    assert_eq!(opened.details.visitors[0].full_name, NAME, "a leader still reads who denounced");

    let audit = d.register.access_log(&acting!(d), &AccessQuery::default()).unwrap();
    let sealed: Vec<_> = audit.iter().filter(|e| e.action == AccessAction::IdentitySealed).collect();
    assert_eq!(sealed.len(), 1, "one audit entry per sealed visit: {audit:?}");
    assert_eq!((sealed[0].visit, sealed[0].officer), (Some(early.id), Some(d.officer.id)));
}
