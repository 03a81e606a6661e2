// What a print action says, shown where the clerk is looking: one toast fixed just under the header
// (PrintToast), whatever the page's scroll, so the answer to F9 is never above the visible area.
// Components that print say their outcome here as well as in their own panel.

export type Tone = "ok" | "error";

export const printFeedback = $state({ text: "", tone: "ok" as Tone, shown: 0 });

/** Shows `text` in the toast; each call counts as a new message (the same words twice still show). */
export function say(text: string, tone: Tone) {
  printFeedback.text = text;
  printFeedback.tone = tone;
  printFeedback.shown += 1;
}

export function dismiss() {
  printFeedback.text = "";
}

/** F9 where nothing is saved yet to print. */
export const saveFirstText = "Lượt tiếp chưa được lưu nên chưa in được. Hãy lưu lượt tiếp trước, rồi nhấn F9 để in giấy biên nhận.";

/** F9 on a screen that shows no single visit. */
export const openVisitFirstText =
  "F9 in giấy biên nhận của lượt tiếp đang mở. Hãy mở một lượt tiếp (từ Sổ tiếp dân hoặc Tra cứu) rồi nhấn F9.";

/**
 * What F9 says when no print panel took it (they call `preventDefault`): run after the key's
 * listeners have all had their turn, since the app's own listener may be called first.
 */
export function unhandledF9(e: KeyboardEvent, onVisitForm: boolean): Promise<void> {
  return new Promise((done) =>
    setTimeout(() => {
      if (!e.defaultPrevented) say(onVisitForm ? saveFirstText : openVisitFirstText, "error");
      done();
    }, 0),
  );
}
