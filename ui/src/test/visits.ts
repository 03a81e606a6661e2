// A draft as the register stores it, for tests that fake a saved record: the source, letter,
// session and online fields are absent from stored details when empty (Rust skips them), where a
// draft sends them as null.
import type { VisitDetails, VisitDraft } from "../api/types";

type Stored = Omit<VisitDetails, "received_at" | "people_count">;

export function asStored(draft: VisitDraft): Stored {
  const { source, from_body, letter_no, letter_date, session_id, online_site, recording_ref, received_at, people_count, ...rest } = draft;
  void [received_at, people_count];
  const optional = { source, from_body, letter_no, letter_date, session_id, online_site, recording_ref };
  const kept = Object.fromEntries(Object.entries(optional).filter(([k, v]) => v !== null && !(k === "source" && v === "desk")));
  return { ...rest, ...kept } as Stored;
}
