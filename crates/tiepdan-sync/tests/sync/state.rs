//! The state file across versions: stops are typed now, saved as the same strings as before.

use tiepdan_sync::state::{Block, StreamStop};
use tiepdan_sync::SyncState;

#[test]
fn a_state_file_written_before_stops_were_typed_loads_and_is_saved_the_same() {
    let stream = "0190a5f0-8a1b-7c3d-9e4f-0123456789ab";
    let old = serde_json::json!({
        "enrollment": null,
        "attention": {
            stream: { "code": "fork", "seq": 12, "message": "khác bản đã lưu", "at": "2026-11-25T02:00:00Z" }
        },
        "blocked": {
            "code": "needs_update", "message": "cập nhật", "protocol_version": 1, "at": "2026-11-25T02:00:00Z"
        }
    });
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sync-state.json");
    std::fs::write(&path, old.to_string()).unwrap();
    let state = SyncState::load(&path).expect("an existing state file still loads");
    let attention = state.attention.values().next().expect("the stopped stream");
    assert_eq!((attention.code, attention.seq), (StreamStop::Fork, Some(12)));
    assert_eq!(state.blocked.as_ref().map(|b| b.code), Some(Block::NeedsUpdate));

    state.save(&path).unwrap();
    let saved: serde_json::Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    assert_eq!(saved["attention"][stream]["code"], "fork", "saved as the same string");
    assert_eq!(saved["blocked"]["code"], "needs_update");
}

#[test]
fn a_stop_unknown_to_this_version_still_loads_and_still_stops() {
    let attention: tiepdan_sync::state::Attention = serde_json::from_value(serde_json::json!({
        "code": "something_newer", "seq": null, "message": "?", "at": "2026-11-25T02:00:00Z"
    }))
    .expect("loads");
    assert_eq!(attention.code, StreamStop::Other, "kept stopped, never taken for a releasable fork");
    let blocked: tiepdan_sync::state::Blocked = serde_json::from_value(serde_json::json!({
        "code": "something_newer", "message": "?", "protocol_version": 1, "at": "2026-11-25T02:00:00Z"
    }))
    .expect("loads");
    assert_eq!(blocked.code, Block::NeedsEnrollment, "as any stop but an update was read before");
}
