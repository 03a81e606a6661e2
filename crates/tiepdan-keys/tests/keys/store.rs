use std::fs;

use tiepdan_keys::temp_path;

use crate::{load, ward, CLERK_PASSWORD};

#[test]
fn save_and_load_round_trip_byte_for_byte() {
    let ward = ward();
    let first = fs::read(&ward.path).expect("the saved file");
    let loaded = load(&ward.path).expect("the file loads");
    let again = ward.dir.path().join("again.keys");
    loaded.save(&again).expect("saves again");
    assert_eq!(first, fs::read(&again).expect("the second file"), "a load/save must change nothing");
    assert_eq!(loaded.officers(), ward.slots.officers());
}

#[test]
fn a_leftover_temporary_file_from_a_crash_does_not_corrupt_the_key_file() {
    let ward = ward();
    let temp = temp_path(&ward.path);
    fs::write(&temp, b"{\"format\": \"tiepdan-keys\", \"version\": 1, \"seal_pub").expect("crash");
    let slots = load(&ward.path).expect("the real file is untouched by the half-written one");
    slots.unlock_officer("clerk", CLERK_PASSWORD).expect("and still opens");

    slots.save(&ward.path).expect("the next save overwrites the leftover");
    assert!(!temp.exists(), "the temporary file is renamed into place");
    load(&ward.path).expect("the saved file loads");
}

#[cfg(unix)]
#[test]
fn the_key_file_is_readable_by_its_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let ward = ward();
    let mode = fs::metadata(&ward.path).expect("metadata").permissions().mode();
    assert_eq!(mode & 0o077, 0, "mode {mode:o}");
}
