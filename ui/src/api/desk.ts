// The only way from the UI to Rust. Every call is typed by `Commands`; a failure arrives as a
// DeskError carrying the code the UI branches on and the field problems of an invalid input.
import { invoke } from "@tauri-apps/api/core";
import type { CommandError } from "./bindings/CommandError";
import type { ErrorCode } from "./bindings/ErrorCode";
import type { FieldProblem } from "./bindings/FieldProblem";
import type { CommandName, Commands } from "./commands";

// Dispatched on window when a command finds nobody signed in or the screen locked.
export const SIGNED_OUT_EVENT = "tiepdan:signed-out";

export class DeskError extends Error {
  readonly code: ErrorCode;
  readonly problems: FieldProblem[];

  constructor(error: CommandError) {
    super(error.message);
    this.code = error.code;
    this.problems = error.problems;
  }
}

function isCommandError(value: unknown): value is CommandError {
  return typeof value === "object" && value !== null && "code" in value && "message" in value;
}

export async function call<K extends CommandName>(
  command: K,
  args: Commands[K]["args"],
): Promise<Commands[K]["result"]> {
  try {
    return await invoke<Commands[K]["result"]>(command, args);
  } catch (raw) {
    if (isCommandError(raw)) {
      // Whatever screen asked, a signed-out desk goes back to the sign-in screen (App listens).
      if (raw.code === "signed_out") window.dispatchEvent(new CustomEvent(SIGNED_OUT_EVENT));
      throw new DeskError({ code: raw.code, message: raw.message, problems: raw.problems ?? [] });
    }
    throw new DeskError({
      code: "internal",
      message: "Không liên lạc được với phần xử lý của ứng dụng.",
      problems: [],
    });
  }
}

export const desk = {
  status: () => call("app_status", {}),
  setupWard: (args: Commands["setup_ward"]["args"]) => call("setup_ward", args),
  signIn: (args: Commands["sign_in"]["args"]) => call("sign_in", args),
  lockScreen: () => call("lock_screen", {}),
  signOut: () => call("sign_out", {}),
  setFirstPassword: (args: Commands["set_first_password"]["args"]) => call("set_first_password", args),
  changePassword: (args: Commands["change_password"]["args"]) => call("change_password", args),
  setUnlockPin: (args: Commands["set_unlock_pin"]["args"]) => call("set_unlock_pin", args),
  removeUnlockPin: () => call("remove_unlock_pin", {}),
  unlockWithPin: (args: Commands["unlock_with_pin"]["args"]) => call("unlock_with_pin", args),
  recoverAccess: (args: Commands["recover_access"]["args"]) => call("recover_access", args),
  givePassword: (args: Commands["give_password"]["args"]) => call("give_password", args),
  setOfficerRoles: (args: Commands["set_officer_roles"]["args"]) => call("set_officer_roles", args),
  accessLog: (args: Commands["access_log"]["args"]) => call("access_log", args),
  updateWard: (args: Commands["update_ward"]["args"]) => call("update_ward", args),
  addOfficer: (args: Commands["add_officer"]["args"]) => call("add_officer", args),
  retireOfficer: (args: Commands["retire_officer"]["args"]) => call("retire_officer", args),
  recordVisit: (args: Commands["record_visit"]["args"]) => call("record_visit", args),
  visitRecord: (args: Commands["visit_record"]["args"]) => call("visit_record", args),
  revealVisit: (args: Commands["reveal_visit"]["args"]) => call("reveal_visit", args),
  amendVisit: (args: Commands["amend_visit"]["args"]) => call("amend_visit", args),
  cancelVisit: (args: Commands["cancel_visit"]["args"]) => call("cancel_visit", args),
  returningCitizens: (args: Commands["returning_citizens"]["args"]) => call("returning_citizens", args),
  visitsBetween: (args: Commands["visits_between"]["args"]) => call("visits_between", args),
  searchVisits: (args: Commands["search_visits"]["args"]) => call("search_visits", args),
  syncStatus: () => call("sync_status", {}),
  enrollDesk: (args: Commands["enroll_desk"]["args"]) => call("enroll_desk", args),
  sendNow: () => call("send_now", {}),
  closeDay: (args: Commands["close_day"]["args"]) => call("close_day", args),
  duePetitions: (args: Commands["due_petitions"]["args"]) => call("due_petitions", args),
  petitionFollowUp: (args: Commands["petition_follow_up"]["args"]) => call("petition_follow_up", args),
  proposedAppointment: (args: Commands["proposed_appointment"]["args"]) => call("proposed_appointment", args),
  recordAcceptance: (args: Commands["record_acceptance"]["args"]) => call("record_acceptance", args),
  recordTransfer: (args: Commands["record_transfer"]["args"]) => call("record_transfer", args),
  recordTransferAnswer: (args: Commands["record_transfer_answer"]["args"]) => call("record_transfer_answer", args),
  recordExtension: (args: Commands["record_extension"]["args"]) => call("record_extension", args),
  recordResolution: (args: Commands["record_resolution"]["args"]) => call("record_resolution", args),
  printForm: (args: Commands["print_form"]["args"]) => call("print_form", args),
  previewForm: (args: Commands["preview_form"]["args"]) => call("preview_form", args),
  reprintJob: (args: Commands["reprint_job"]["args"]) => call("reprint_job", args),
  retryPrintJob: (args: Commands["retry_print_job"]["args"]) => call("retry_print_job", args),
  printLog: (args: Commands["print_log"]["args"]) => call("print_log", args),
  printerSettings: (args: Commands["printer_settings"]["args"]) => call("printer_settings", args),
  setPrinter: (args: Commands["set_printer"]["args"]) => call("set_printer", args),
};

export type * from "./types";
