use tiepdan_keys::{seal, KeyError, SealedBytes};

use crate::{load, ward, CLERK_PASSWORD, LEADER_PASSWORD};

const IDENTITY: &[u8] = "Nguyễn Văn Tố, 12 Lê Lợi, 001234567890".as_bytes();

#[test]
fn a_clerk_seals_an_identity_that_only_a_leader_can_open() {
    let ward = ward();
    let slots = load(&ward.path).expect("the file loads");
    let clerk = slots.unlock_officer("clerk", CLERK_PASSWORD).expect("the clerk signs in");
    let sealed = seal(&clerk.seal_public_key(), IDENTITY, b"visit-A").expect("a clerk can seal");

    assert!(!clerk.can_unseal());
    let err = clerk.open_sealed(&sealed, b"visit-A").expect_err("a clerk must not read it");
    assert!(matches!(err, KeyError::SealKeyNotHeld), "{err:?}");

    let leader = slots.unlock_officer("leader", LEADER_PASSWORD).expect("the leader signs in");
    assert_eq!(leader.open_sealed(&sealed, b"visit-A").expect("a leader reads it"), IDENTITY);
}

#[test]
fn an_administrator_who_is_not_a_leader_cannot_open_sealed_values() {
    let ward = ward();
    let sealed = seal(&ward.slots.seal_public_key(), IDENTITY, b"visit-A").expect("sealing");
    assert!(matches!(ward.admin.open_sealed(&sealed, b"visit-A"), Err(KeyError::SealKeyNotHeld)));
}

#[test]
fn a_value_sealed_for_visit_a_does_not_open_as_visit_b() {
    let ward = ward();
    let leader = ward.slots.unlock_officer("leader", LEADER_PASSWORD).expect("sign-in");
    let sealed = seal(&leader.seal_public_key(), IDENTITY, b"visit-A").expect("sealing");
    let err = leader
        .open_sealed(&sealed, b"visit-B")
        .expect_err("a sealed value moved to another record must not open");
    assert!(matches!(err, KeyError::SealedValueRejected), "{err:?}");
}

#[test]
fn tampering_any_byte_of_a_sealed_value_is_detected() {
    let ward = ward();
    let leader = ward.slots.unlock_officer("leader", LEADER_PASSWORD).expect("sign-in");
    let sealed = seal(&leader.seal_public_key(), IDENTITY, b"visit-A").expect("sealing");
    for index in 0..sealed.as_bytes().len() {
        let mut bytes = sealed.as_bytes().to_vec();
        bytes[index] ^= 0x01;
        let opened = SealedBytes::from_bytes(bytes).and_then(|s| leader.open_sealed(&s, b"visit-A"));
        assert!(
            matches!(opened, Err(KeyError::SealedValueRejected | KeyError::SealedValueMalformed(_))),
            "byte {index} flipped: {opened:?}"
        );
    }
}

#[test]
fn the_text_form_round_trips_through_json_and_is_different_every_time() {
    let ward = ward();
    let leader = ward.slots.unlock_officer("leader", LEADER_PASSWORD).expect("sign-in");
    let first = seal(&leader.seal_public_key(), IDENTITY, b"visit-A").expect("sealing");
    let second = seal(&leader.seal_public_key(), IDENTITY, b"visit-A").expect("sealing");
    assert_ne!(first, second, "a fresh ephemeral key each time: equal identities do not match");

    let text = first.to_text();
    assert!(text.starts_with("sealed:v1:"), "{text}");
    assert!(!text.contains("Nguy"), "the text form must not contain the plaintext");
    let json = serde_json::to_string(&first).expect("serialises");
    let back: SealedBytes = serde_json::from_str(&json).expect("deserialises");
    assert_eq!(leader.open_sealed(&back, b"visit-A").expect("opens"), IDENTITY);
    assert!(matches!(SealedBytes::parse_text("sealed:v2:AAAA"), Err(KeyError::SealedValueMalformed(_))));
}
