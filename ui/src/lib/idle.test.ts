import { describe, expect, it } from "vitest";
import { DEFAULT_IDLE_MINUTES, idleMinutes, setIdleMinutes } from "./idle";

function memory(): Storage {
  const items = new Map<string, string>();
  return {
    getItem: (k: string) => items.get(k) ?? null,
    setItem: (k: string, v: string) => void items.set(k, v),
  } as Storage;
}

describe("the idle lock setting", () => {
  it("locks after ten minutes until someone chooses otherwise", () => {
    expect(idleMinutes(memory())).toBe(DEFAULT_IDLE_MINUTES);
  });

  it("keeps a chosen time, rounds it, and never accepts a negative or absurd one", () => {
    const storage = memory();
    expect(setIdleMinutes(4.6, storage)).toBe(5);
    expect(idleMinutes(storage)).toBe(5);
    expect(setIdleMinutes(-3, storage)).toBe(0);
    expect(idleMinutes(storage)).toBe(0);
    expect(setIdleMinutes(100000, storage)).toBe(240);
  });

  it("ignores a stored value that is not a number", () => {
    const storage = memory();
    storage.setItem("tiepdan.idle-minutes", "abc");
    expect(idleMinutes(storage)).toBe(DEFAULT_IDLE_MINUTES);
  });
});
