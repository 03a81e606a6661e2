//! The keyboard cost of the reference visit (issue 13; docs/performance.md, "Keyboard cost"): an
//! individual with a CCCD, a land complaint, two documents, entered with the keyboard alone.
//!
//! The walk adapts to the form it finds, so the same test measures any build (`TIEPDAN_APP` points
//! at another binary): from the caret the form puts in the name field it presses Tab until a field
//! still differs from the reference visit, types what is missing (a character is a keystroke), picks a
//! choice with the arrow keys, ticks a box with Space, adds each document with Enter, and saves with
//! the key the save button shows (a chord counts each key: Ctrl+Enter is 2). Fields the form already
//! holds right (a default, or what the CCCD filled) cost nothing but the Tab through them.

use std::io::Write;
use tiepdan_tests::{enabled, run, screenshot_dir, Desk, ENTER};

const TAB: &str = "\u{E004}";
const SPACE: &str = "\u{E00D}";
const UP: &str = "\u{E013}";
const DOWN: &str = "\u{E015}";
const CONTROL: &str = "\u{E009}";

/// The reference visit: what each field must hold when it is saved.
const TEXT: [(&str, &str); 5] = [
    ("visitors[0].full_name", "Nguyễn Văn Ánh"),
    ("visitors[0].address", "Tổ 5, phường Hà Đông"),
    ("visitors[0].id_number", "001085012345"),
    ("visitors[0].birth_year", "1985"),
    ("summary", "Khiếu nại quyết định thu hồi đất"),
];
const CHOICES: [(&str, &str); 2] = [("visitors[0].sex", "male"), ("petition.field", "land")];
const TICKED: &str = "has_petition";
const DOCUMENTS: [&str; 2] = ["Đơn khiếu nại", "Bản sao quyết định thu hồi đất"];

struct Walk<'a> {
    desk: &'a Desk,
    strokes: usize,
}

impl Walk<'_> {
    async fn send(&mut self, keys: &str, strokes: usize) {
        self.desk.client.active_element().await.unwrap().send_keys(keys).await.unwrap();
        self.strokes += strokes;
    }

    /// The caret's field: name, value, and (for a checkbox) whether it is ticked, or (for a select)
    /// the index of its chosen option and of `wanted`.
    async fn caret(&self, wanted: &str) -> serde_json::Value {
        let js = "const el = document.activeElement; const wanted = arguments[0];
            return { name: el.getAttribute('name') || '', value: el.value ?? '', checked: !!el.checked,
              at: el.selectedIndex ?? -1,
              want: el.options ? Array.from(el.options).findIndex(o => o.value === wanted) : -1 };";
        self.desk.client.execute(js, vec![serde_json::json!(wanted)]).await.unwrap()
    }
}

#[tokio::test(flavor = "current_thread")]
async fn the_reference_visit_is_entered_with_the_keyboard_alone_and_its_keystrokes_counted() {
    if !enabled("keystrokes") {
        return;
    }
    run(async {
        let dir = tempfile::tempdir().unwrap();
        let desk = Desk::launch(dir.path()).await;
        desk.set_up_ward().await;
        desk.find("[name=\"visitors[0].full_name\"]:focus").await;
        let mut walk = Walk { desk: &desk, strokes: 0 };
        let mut documents = DOCUMENTS.iter();
        let mut pending = documents.next();
        for _ in 0..120 {
            let probe = walk.caret("").await;
            let name = probe["name"].as_str().unwrap_or_default().to_string();
            let want = CHOICES.iter().find(|(n, _)| *n == name).map_or("", |(_, v)| v);
            let here = walk.caret(want).await;
            let value = here["value"].as_str().unwrap_or_default();
            if let Some((_, text)) = TEXT.iter().find(|(n, _)| *n == name) {
                if value != *text {
                    assert_eq!(value, "", "the walk only types into an empty field ({name})");
                    walk.send(text, text.chars().count()).await;
                    continue;
                }
            } else if !want.is_empty() && here["at"] != here["want"] {
                let (at, to) = (here["at"].as_i64().unwrap(), here["want"].as_i64().unwrap());
                let key = if to > at { DOWN } else { UP };
                walk.send(&key.repeat(to.abs_diff(at) as usize), to.abs_diff(at) as usize).await;
                continue;
            } else if name == TICKED && !here["checked"].as_bool().unwrap() {
                walk.send(SPACE, 1).await;
                continue;
            } else if name == "document-new" {
                if let Some(title) = pending {
                    walk.send(title, title.chars().count()).await;
                    walk.send(ENTER, 1).await;
                    pending = documents.next();
                    continue;
                }
                for (field, expected) in [("visitors[0].birth_year", "1985"), ("visitors[0].sex", "male")] {
                    let held = desk.field(field).await.prop("value").await.unwrap().unwrap_or_default();
                    assert_eq!(held, expected, "{field} holds the reference visit's value when it is saved");
                }
                let key = desk.find("[data-testid=save-visit] kbd").await.text().await.unwrap();
                match key.as_str() {
                    "Enter" => walk.send(ENTER, 1).await,
                    "Ctrl+Enter" => walk.send(&format!("{CONTROL}{ENTER}"), 2).await,
                    other => panic!("the save button shows a key this walk does not know: {other}"),
                }
                break;
            }
            walk.send(TAB, 1).await;
        }
        let receipt = desk.find("[data-testid=saved-receipt] .receipt-no").await.text().await.unwrap();
        desk.screenshot("80-reference-visit-saved").await;

        // What was saved is the reference visit, whatever the form filled by itself.
        desk.screen("register").await;
        let row = desk.find_text("[data-testid=register-table] tbody tr", &receipt).await;
        let text = row.text().await.unwrap();
        assert!(text.contains("Khiếu nại – Đất đai"), "a land complaint: {text}");
        row.find(fantoccini::Locator::Css("td")).await.unwrap().click().await.unwrap();
        let detail = desk.find_text("[data-testid=visit-detail]", DOCUMENTS[1]).await.text().await.unwrap();
        for expected in ["Nguyễn Văn Ánh", "001085012345", "1985", DOCUMENTS[0]] {
            assert!(detail.contains(expected), "the saved visit holds {expected}: {detail}");
        }
        let line = format!(
            "reference visit: {} keystrokes ({})\n",
            walk.strokes,
            tiepdan_tests::app_binary().display()
        );
        std::fs::write(screenshot_dir().join("keystrokes.txt"), &line).unwrap();
        let _ = std::io::stderr().write_all(line.as_bytes());
        desk.close().await;
    })
    .await;
}
