// Ids made on the desk, as the register makes them (UUIDv7, `tiepdan_domain::ids`): time-ordered, so
// a record the window creates (a reception session) needs no round-trip to be named, and sending it
// twice names the same record.

const hex = (n: number, digits: number) => n.toString(16).padStart(digits, "0");

/** A fresh UUIDv7: 48 bits of Unix milliseconds, the version, then random bits with the variant. */
export function uuidv7(now: number = Date.now(), random: Uint8Array = crypto.getRandomValues(new Uint8Array(10))): string {
  const ms = hex(now, 12);
  const r = Array.from(random, (b) => hex(b, 2)).join("");
  const variant = hex((random[2] & 0x3f) | 0x80, 2);
  return `${ms.slice(0, 8)}-${ms.slice(8)}-7${r.slice(1, 4)}-${variant}${r.slice(6, 8)}-${r.slice(8, 20)}`;
}
