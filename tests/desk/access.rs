//! Who may see what, in the real window (issue 7): the administrator gives a clerk a password; the
//! clerk signs in, registers a denunciation and sees its denouncer masked, cannot review the audit or
//! manage officers; the locked screen hides everything and the clerk's PIN opens it again; the leader
//! signs in and sees the identity; the audit shows who opened what.

use tiepdan_tests::{enabled, run, Desk, ADMIN_PASSWORD, ENTER};

const CLERK: &str = "Lê Văn Cường";
const CLERK_PASSWORD: &str = "lua-chin-vang";
const DENOUNCER: &str = "Vũ Thị Tố";

async fn page_text(desk: &Desk) -> String {
    desk.script("return document.body.innerText").await.as_str().unwrap_or_default().to_string()
}

#[tokio::test(flavor = "current_thread")]
async fn a_clerk_sees_a_denouncer_masked_a_leader_sees_them_and_the_audit_shows_both() {
    if !enabled("access_by_role") {
        return;
    }
    run(async {
        let dir = tempfile::tempdir().unwrap();
        let desk = Desk::launch(dir.path()).await;
        desk.set_up_ward().await;

        // The administrator adds a clerk and gives them a password.
        desk.add_clerk_with_password(CLERK, CLERK_PASSWORD).await;
        desk.click("[data-testid=sign-out]").await;

        // The clerk signs in: a wrong password first, then the right one.
        desk.find("[data-testid=sign-in]").await;
        desk.field("officer").await.select_by_label(CLERK).await.unwrap();
        desk.fill("password", "sai-mat-khau").await;
        desk.click("[data-testid=sign-in]").await;
        desk.find_text("[role=alert]", "Sai mật khẩu").await;
        desk.sign_in(CLERK, CLERK_PASSWORD).await;
        assert_eq!(desk.count("nav button[data-screen=audit]").await, 0, "a clerk has no audit screen");
        let head = desk.find(".app-head").await.text().await.unwrap();
        assert!(head.contains(CLERK), "the header names the signed-in clerk: {head}");

        // A denunciation registered by the clerk.
        desk.register_denunciation(DENOUNCER, "Tổ 3, phường Hà Đông").await;
        desk.screen("register").await;
        let row = desk.find_text("[data-testid=register-table] tbody tr", "Tố cáo cán bộ").await;
        let text = row.text().await.unwrap();
        assert!(
            text.contains("Người tố cáo (được bảo mật)"),
            "the register book masks the denouncer: {text}"
        );
        assert!(!text.contains(DENOUNCER), "a clerk never sees the denouncer's name in the book: {text}");
        desk.screenshot("20-clerk-register").await;
        row.find(fantoccini::Locator::Css("td")).await.unwrap().click().await.unwrap();
        // The detail says "Đang tải…" until the visit is read; the masked name shows once it is.
        let detail = desk.find_text("[data-testid=visit-detail]", "Người tố cáo (được bảo mật)").await;
        let detail = detail.text().await.unwrap();
        assert!(!detail.contains(DENOUNCER), "{detail}");
        assert_eq!(desk.count("[data-testid=reveal]").await, 0, "a clerk is not offered the identity");
        desk.screen("search").await;
        desk.fill("query", "vu thi to").await;
        desk.find_text("[data-testid=search-hits] li.empty", "Không tìm thấy").await;
        assert_eq!(
            desk.count("[data-testid=search-hits] button").await,
            0,
            "the denouncer's name finds nothing"
        );
        desk.fill("query", "dia chinh nhan tien").await;
        let hit = desk.find_text("[data-testid=search-hits] button", "Tố cáo cán bộ").await;
        let hit = hit.text().await.unwrap();
        assert!(hit.contains("Người tố cáo (được bảo mật)"), "found by its content, masked: {hit}");

        // Settings offers the clerk their own password only, not the officers.
        desk.screen("settings").await;
        desk.find("form.own-password").await;
        assert_eq!(desk.count(".officers").await, 0, "a clerk manages no officers");

        // The clerk sets a PIN for unlocking, confirmed with the password.
        desk.fill("own-pin", "2580").await;
        desk.fill("own-pin-again", "2580").await;
        desk.fill("own-pin-password", CLERK_PASSWORD).await;
        desk.click("[data-testid=save-pin]").await;
        desk.find_text("form.own-pin .saved", "Đã đặt mã PIN").await;
        desk.screenshot("20b-own-pin").await;

        // Ctrl+L locks: nothing of the register is left on screen, and the PIN opens it again.
        desk.press("own-password", "\u{E009}l").await;
        desk.find_text("h1", "Màn hình đã khóa").await;
        let locked = page_text(&desk).await;
        assert!(!locked.contains("Tố cáo cán bộ"), "the locked screen shows no visit: {locked}");
        desk.screenshot("21-locked").await;
        desk.fill("pin", "0852").await;
        desk.press("pin", ENTER).await;
        desk.find_text("[role=alert]", "Sai mã PIN. Còn 2 lần thử").await;
        desk.fill("pin", "2580").await;
        desk.press("pin", ENTER).await;
        desk.find("nav button[data-screen=visit]").await;
        desk.screen("settings").await;
        desk.find("form.own-password").await;

        // Locked again; the leader takes over with a password.
        desk.press("own-password", "\u{E009}l").await;
        desk.click("[data-testid=use-password]").await;

        // The leader takes over the desk, opens the denunciation and sees who made it.
        desk.sign_in("Trần Thị Bình", ADMIN_PASSWORD).await;
        desk.screen("register").await;
        let row = desk.find_text("[data-testid=register-table] tbody tr", "Tố cáo cán bộ").await;
        row.find(fantoccini::Locator::Css("td")).await.unwrap().click().await.unwrap();
        desk.click("[data-testid=reveal]").await;
        desk.find_text("[data-testid=visit-detail] .person", DENOUNCER).await;
        desk.screenshot("22-leader-reveals").await;
        desk.screen("audit").await;
        let audit = desk.find("[data-testid=access-log]").await;
        let text = audit.text().await.unwrap();
        for expected in [
            "Đăng nhập sai mật khẩu",
            "Khóa màn hình",
            "Đăng nhập",
            "Mở hồ sơ lượt tiếp",
            "Xem danh tính người tố cáo",
            "Đặt mã PIN",
            "Nhập sai mã PIN",
            "Mở khóa màn hình bằng mã PIN",
        ] {
            assert!(text.contains(expected), "the audit lists {expected}: {text}");
        }
        assert!(text.contains(CLERK), "the audit names the clerk: {text}");
        desk.screenshot("23-audit").await;
        desk.close().await;
    })
    .await;
}
