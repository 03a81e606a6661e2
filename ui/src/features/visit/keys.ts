// Enter on this screen moves on, as Tab does: a stray Enter must never write a permanent record.
// Saving is deliberate, Ctrl+Enter (SAVE_KEY), shown on the button and in the hints.

export const SAVE_KEY = "Ctrl+Enter";

export const isSaveKey = (e: KeyboardEvent): boolean => e.key === "Enter" && (e.ctrlKey || e.metaKey) && !e.altKey;

const FOCUSABLE = "input, select, textarea, button";

/** Moves the caret to the field after `from` in `root`, in the order Tab would take. */
export function focusNext(root: HTMLElement, from: HTMLElement): void {
  const order = Array.from(root.querySelectorAll<HTMLElement>(FOCUSABLE)).filter(
    (el) => el.getAttribute("tabindex") !== "-1" && !(el as HTMLInputElement).disabled,
  );
  const next = order[order.indexOf(from) + 1];
  next?.focus();
}
