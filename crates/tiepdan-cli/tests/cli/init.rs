//! `tiepdan init` and `tiepdan ward`: a desk's ward profile.

use crate::desk::Desk;
use serde_json::Value;

fn ward(desk: &Desk) -> Value {
    serde_json::from_str(&desk.ok(&["ward", "--json"])).expect("ward --json prints the profile")
}

#[test]
fn the_place_of_the_date_line_defaults_to_the_ward_name_without_phuong() {
    let desk = Desk::empty();
    desk.ok(&[
        "init",
        "--ward-code",
        "12345",
        "--ward-name",
        "Phường Hà Đông",
        "--desk",
        "A",
        "--no-encryption",
    ]);
    let profile = ward(&desk);
    assert_eq!(profile["place"], "Hà Đông", "forms print 'Hà Đông, ngày …', not 'Phường Hà Đông, ngày …'");
    assert_eq!(profile["ward_name"], "Phường Hà Đông");
    assert_eq!(profile["desk"], "A");
}

#[test]
fn an_explicit_place_and_upstream_body_are_kept() {
    let desk = Desk::empty();
    desk.ok(&[
        "init",
        "--ward-code",
        "00001",
        "--ward-name",
        "Xã Tân Lập",
        "--desk",
        "B",
        "--place",
        "Đan Phượng",
        "--upstream",
        "UBND THÀNH PHỐ HÀ NỘI",
        "--no-encryption",
    ]);
    let profile = ward(&desk);
    assert_eq!(profile["place"], "Đan Phượng");
    assert_eq!(profile["upstream"], "UBND THÀNH PHỐ HÀ NỘI");
}

#[test]
fn a_register_cannot_be_initialised_twice() {
    let desk = Desk::ready();
    let again = desk.run(&[
        "init",
        "--ward-code",
        "54321",
        "--ward-name",
        "Phường Khác",
        "--desk",
        "B",
        "--no-encryption",
    ]);
    assert_eq!(again.code, 3, "a second init is refused input; stderr: {}", again.stderr);
    assert!(again.stderr.contains("already"), "the message says why: {}", again.stderr);
    assert_eq!(ward(&desk)["ward_code"], "12345", "the first profile stays");
}

#[test]
fn a_refused_ward_profile_names_the_fields_and_leaves_no_register_behind() {
    let desk = Desk::empty();
    let run = desk.run(&["init", "--ward-code", "1234", "--ward-name", "Phường Hà Đông", "--desk", "a"]);
    assert_eq!(run.code, 3, "invalid input exits 3; stderr: {}", run.stderr);
    assert!(
        run.stderr.contains("ward_code") && run.stderr.contains("desk"),
        "both fields named: {}",
        run.stderr
    );
    assert!(!desk.register_file().exists(), "a refused init must not leave an empty register to trip over");
}
