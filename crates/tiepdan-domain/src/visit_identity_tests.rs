use super::*;
use crate::identity::{IdKind, Sex};
use crate::visit::{SealedIdentity, VisitDetails, VisitorIdentity};
use chrono::NaiveDate;

/// A visitor with every identifying field set. The match asks for a value for each new field, so
/// every test here covers it as soon as it is in the list.
fn everything() -> Visitor {
    let mut v = Visitor::default();
    for field in IdentityField::ALL {
        match field {
            IdentityField::FullName => v.full_name = "Lê Văn Tố".into(),
            IdentityField::IdNumber => v.id_number = Some("001090001234".into()),
            IdentityField::IdKind => v.id_kind = Some(IdKind::Cccd),
            IdentityField::IdIssuedOn => v.id_issued_on = NaiveDate::from_ymd_opt(2021, 3, 12),
            IdentityField::IdIssuedBy => v.id_issued_by = Some("Cục Cảnh sát QLHC về TTXH".into()),
            IdentityField::BirthYear => v.birth_year = Some(1990),
            IdentityField::Sex => v.sex = Some(Sex::Male),
            IdentityField::Address => v.address = Some("Số 3 ngõ 5".into()),
            IdentityField::Phone => v.phone = Some("0912345678".into()),
        }
    }
    v
}

#[test]
fn every_key_of_a_visitor_but_its_sealed_value_is_an_identifying_field() {
    let mut visitor = everything();
    visitor.sealed = Some(SealedIdentity::new("sealed:v1:AQID"));
    let json = serde_json::to_value(&visitor).expect("a visitor is JSON");
    let mut keys: Vec<&str> = json.as_object().expect("an object").keys().map(String::as_str).collect();
    let mut listed: Vec<&str> = IdentityField::ALL.iter().map(|f| f.key()).chain([SEALED_KEY]).collect();
    keys.sort_unstable();
    listed.sort_unstable();
    assert_eq!(
        keys, listed,
        "a field of Visitor not in IdentityField::ALL would be sealed, masked and withheld nowhere"
    );
    for field in IdentityField::ALL {
        assert!(field.is_set(&visitor), "{field:?} is set in the sample");
        assert!(!json[field.key()].is_null(), "{field:?} is the visitor's key {:?}", field.key());
        assert!(!field.is_set(&Visitor::default()), "{field:?} is blank in a blank visitor");
        assert_eq!(serde_json::to_value(Visitor::default()).unwrap()[field.key()], field.blank_json());
    }
}

#[test]
fn taking_an_identity_blanks_every_listed_field_and_putting_it_back_restores_them_all() {
    let mut visitor = everything();
    let identity = visitor.take_identity();
    for field in IdentityField::ALL {
        assert!(!field.is_set(&visitor), "{field:?} is blanked when the identity is taken");
        assert!(field.is_set(identity.as_visitor()), "{field:?} moves into the identity");
    }
    assert!(!visitor.has_identity());
    visitor.sealed = Some(SealedIdentity::new("sealed:v1:AQID"));
    visitor.put_identity(identity);
    assert_eq!(visitor, everything(), "every field back, and the sealed value dropped");
}

#[test]
fn masking_a_visits_details_blanks_every_identifying_field_of_every_visitor() {
    let details: VisitDetails = serde_json::from_value(serde_json::json!({
        "received_at": "2026-11-25T09:00:00+07:00", "reception": "regular", "visitor_kind": "group",
        "people_count": 6, "organisation": null, "visitors": [everything(), everything()],
        "summary": "x", "petition": null, "documents": [], "refusal": null, "officer_id": null, "notes": ""
    }))
    .expect("details");
    let mut masked = details.clone();
    masked.mask_identities();
    for (visitor, field) in masked.visitors.iter().flat_map(|v| IdentityField::ALL.map(|f| (v, f))) {
        assert!(!field.is_set(visitor), "{field:?} is masked");
    }
    assert_eq!((masked.summary, masked.people_count), (details.summary, details.people_count));
}

#[test]
fn an_identity_sealed_before_the_single_list_opens_and_reads_the_same() {
    // The JSON form of the former struct, field for field: what sealed values already hold.
    let old = r#"{"full_name":"Lê Văn Tố","id_kind":"cccd","id_number":"001090001234","id_issued_on":"2021-03-12","id_issued_by":"Cục Cảnh sát QLHC về TTXH","birth_year":1990,"sex":"male","address":"Số 3 ngõ 5","phone":"0912345678"}"#;
    let identity: VisitorIdentity = serde_json::from_str(old).expect("an old sealed identity opens");
    assert_eq!(identity.as_visitor(), &everything());
    assert_eq!(serde_json::to_string(&identity).unwrap(), old, "and is sealed in the same form");
}

#[test]
fn a_sealed_identity_holding_a_sealed_value_is_refused() {
    let nested = r#"{"full_name":"Lê Văn Tố","sealed":"sealed:v1:AQID"}"#;
    assert!(serde_json::from_str::<VisitorIdentity>(nested).is_err());
    assert!(serde_json::from_str::<VisitorIdentity>(r#"{"full_name":"A","email":"a@b"}"#).is_err());
}
