// The leader's sessions a visit may be received in: those planned for its day and not yet closed
// (the register refuses any other). Labels are short enough for the form's row: "Buổi sáng · Chủ
// tịch (Nguyễn Văn Hùng)".
import type { ReceptionMode, SessionEntry } from "../../api/types";
import { dayParts, label, receptionModes } from "../../lib/labels";

export function sessionLabel(e: SessionEntry): string {
  const who = e.officer_name ? ` (${e.officer_name})` : "";
  const sitter = e.session.sat === "head" ? "Chủ tịch" : "Người được ủy quyền";
  return `${label(dayParts, e.session.part)} · ${sitter}${who}`;
}

/** The open sessions as choices; a chosen one stays listed (so an amended visit keeps it shown). */
export function sessionChoices(sessions: SessionEntry[], chosen: string): [string, string][] {
  return sessions
    .filter((e) => e.outcome === null || e.session.id === chosen)
    .map((e): [string, string] => [e.session.id, sessionLabel(e)]);
}

/** The reception mode a session gives its visits (ReceptionSession::reception_mode in Rust). */
export function modeOfSession(e: SessionEntry): ReceptionMode {
  if (e.session.sat === "delegate") return "delegated";
  return e.session.kind === "ad_hoc" ? "leader_ad_hoc" : "leader_periodic";
}

/** The label of the mode the chosen session gives, or "" when none is chosen. */
export function sessionMode(sessions: SessionEntry[], chosen: string): string {
  const e = sessions.find((s) => s.session.id === chosen);
  return e ? label(receptionModes, modeOfSession(e)) : "";
}
