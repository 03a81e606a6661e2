// Today's count for the line on the main screens: visits still standing, the people they brought,
// and the petitions — a visit's and those received without a visit (by post, transferred in, …) —
// by handling (the register book's columns 8–10), as the day close counts them.
import type { Handling, Visit } from "../../api/types";

const handlingWords: [Handling | "undecided", string][] = [
  ["accept", "thụ lý"],
  ["guide", "hướng dẫn"],
  ["transfer", "chuyển"],
  ["return", "trả lại"],
  ["file", "lưu"],
  ["remind", "đôn đốc"],
  ["undecided", "chưa xử lý"],
];

export function todayLine(visits: Visit[]): string {
  const standing = visits.filter((v) => v.status === "active");
  // A petition that came by post has senders, not people received at the desk.
  const met = standing.filter((v) => (v.source ?? "desk") === "desk");
  const mailed = standing.length - met.length;
  const people = met.reduce((sum, v) => sum + v.people_count, 0);
  const petitions = standing.flatMap((v) => (v.petition ? [v.petition.handling ?? "undecided"] : []));
  const byHandling = handlingWords
    .map(([code, word]) => [petitions.filter((h) => h === code).length, word] as const)
    .filter(([n]) => n > 0)
    .map(([n, word]) => `${word} ${n}`);
  const received = mailed ? `, trong đó ${mailed} đơn gửi đến` : "";
  const petitionPart = petitions.length ? `${petitions.length} đơn${received} (${byHandling.join(", ")})` : "0 đơn";
  return `${met.length} lượt tiếp · ${people} người · ${petitionPart}`;
}
