//! Văn bản đi in the real window (issue 13 §12–13): the administrator sets the abbreviations of the
//! ward's outgoing numbers and who signs the transfer slip, a malformed abbreviation is refused in
//! Vietnamese beside its field with nothing saved, and the choices are still there when Settings is
//! opened again.

use tiepdan_tests::{enabled, run, Desk};

/// The text of the outgoing-settings panel's example number ("Ví dụ số: 15/PC-UBND …").
async fn example(desk: &Desk) -> String {
    desk.find("[data-testid=outgoing-settings] .hint").await.text().await.unwrap()
}

#[tokio::test(flavor = "current_thread")]
async fn the_ward_sets_its_outgoing_abbreviations_and_the_leader_who_signs_transfer_slips() {
    if !enabled("outgoing") {
        return;
    }
    run(async {
        let dir = tempfile::tempdir().unwrap();
        let desk = Desk::launch(dir.path()).await;
        desk.set_up_ward().await;
        desk.screen("settings").await;
        desk.find("[data-testid=outgoing-settings]").await;
        assert!(example(&desk).await.contains("15/PC-UBND"), "the decree's abbreviations by default");

        // A space inside the body's abbreviation is refused beside the field; nothing is saved.
        desk.fill("body", "UB ND").await;
        desk.click("[data-testid=outgoing-settings] form button[type=submit]").await;
        let error =
            desk.find("[data-testid=outgoing-settings] [data-field=body]").await.text().await.unwrap();
        assert!(error.contains("Sai định dạng"), "said in Vietnamese beside the field: {error}");
        desk.screenshot("outgoing-01-refused").await;

        desk.fill("body", "UBND").await;
        desk.fill("transfer_slip", "PCĐ").await;
        desk.click("[data-testid=outgoing-settings] form button[type=submit]").await;
        desk.find_text("[data-testid=outgoing-settings] [role=status]", "Đã lưu ký hiệu").await;
        assert!(example(&desk).await.contains("15/PCĐ-UBND"), "the example follows the new symbol");

        // The chair, Trần Thị Bình (set up as administrator and leader), signs transfer slips.
        let leader = desk
            .script(
                "return [...document.querySelectorAll('[name=signer-transfer_slip] option')]
                   .find(o => o.textContent.startsWith('Trần Thị Bình'))?.value ?? ''",
            )
            .await;
        let leader = leader.as_str().unwrap().to_string();
        assert!(!leader.is_empty(), "the leader is offered as a signer");
        desk.choose("capacity-transfer_slip", "chair").await;
        desk.choose("signer-transfer_slip", &leader).await;
        desk.click("tr[data-kind=transfer_slip] button").await;
        desk.find_text("[data-testid=outgoing-settings] [role=status]", "Đã lưu người ký").await;
        desk.screenshot("outgoing-02-signer-chosen").await;

        // Another screen and back: what was saved is what Settings shows.
        desk.screen("search").await;
        desk.screen("settings").await;
        desk.find("[data-testid=outgoing-settings]").await;
        let shown = |name: &'static str| {
            let desk = &desk;
            async move { desk.field(name).await.prop("value").await.unwrap().unwrap_or_default() }
        };
        assert_eq!(shown("transfer_slip").await, "PCĐ");
        assert_eq!(shown("body").await, "UBND");
        assert_eq!(shown("signer-transfer_slip").await, leader, "the chosen signer is kept");
        desk.close().await;
    })
    .await;
}
