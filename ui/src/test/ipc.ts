// Mocked IPC for UI tests: each test says what every command it expects returns (or throws), and can
// read back what the UI sent.
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { cleanup } from "@testing-library/svelte";
import { afterEach } from "vitest";
import type { CommandName, Commands } from "../api/commands";

type Handlers = {
  [K in CommandName]?: (args: Commands[K]["args"]) => Commands[K]["result"] | Promise<Commands[K]["result"]>;
};

export interface Call {
  command: string;
  args: Record<string, unknown>;
}

export function mockDesk(handlers: Handlers): Call[] {
  const calls: Call[] = [];
  mockIPC((command, args) => {
    calls.push({ command, args: (args ?? {}) as Record<string, unknown> });
    const handler = handlers[command as CommandName] as ((a: unknown) => unknown) | undefined;
    if (!handler) throw { code: "internal", message: `unexpected command ${command}`, problems: [] };
    return handler(args);
  });
  return calls;
}

afterEach(() => {
  cleanup();
  clearMocks();
});
