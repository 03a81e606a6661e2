// How many idle minutes lock the screen, kept per computer (the desk, not the officer): 0 never.
const KEY = "tiepdan.idle-minutes";
export const DEFAULT_IDLE_MINUTES = 10;

export function idleMinutes(storage: Pick<Storage, "getItem"> = localStorage): number {
  const stored = Number(storage.getItem(KEY));
  return storage.getItem(KEY) !== null && Number.isFinite(stored) && stored >= 0 ? stored : DEFAULT_IDLE_MINUTES;
}

export function setIdleMinutes(minutes: number, storage: Pick<Storage, "setItem"> = localStorage): number {
  const clean = Math.max(0, Math.min(240, Math.round(minutes)));
  storage.setItem(KEY, String(clean));
  return clean;
}
