// The only way from the UI to Rust. Every call is typed by the generated `Commands` table; a failure
// arrives as a DeskError carrying the code the UI branches on and the field problems of an invalid input.
import { invoke } from "@tauri-apps/api/core";
import type { CommandError } from "./bindings/CommandError";
import type { ErrorCode } from "./bindings/ErrorCode";
import type { FieldProblem } from "./bindings/FieldProblem";
import { commandFunctions, type CommandName, type Commands } from "./commands";

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

// One typed function per command, generated from the Rust commands (commands.ts): `desk.recordVisit(…)`.
export const desk = commandFunctions(call);
