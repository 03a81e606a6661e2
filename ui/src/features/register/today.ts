// Today's count for the line on the main screens: visits still standing, the people they brought,
// and their petitions by handling (the register book's columns 8–10), as the day close counts them.
import type { Handling, Visit } from "../../api/types";

const handlingWords: [Handling | "undecided", string][] = [
  ["accept", "thụ lý"],
  ["guide", "hướng dẫn"],
  ["transfer", "chuyển"],
  ["return", "trả lại"],
  ["file", "lưu"],
  ["undecided", "chưa xử lý"],
];

export function todayLine(visits: Visit[]): string {
  const standing = visits.filter((v) => v.status === "active");
  const people = standing.reduce((sum, v) => sum + v.people_count, 0);
  const petitions = standing.flatMap((v) => (v.petition ? [v.petition.handling ?? "undecided"] : []));
  const byHandling = handlingWords
    .map(([code, word]) => [petitions.filter((h) => h === code).length, word] as const)
    .filter(([n]) => n > 0)
    .map(([n, word]) => `${word} ${n}`);
  const petitionPart = petitions.length ? `${petitions.length} đơn (${byHandling.join(", ")})` : "0 đơn";
  return `${standing.length} lượt tiếp · ${people} người · ${petitionPart}`;
}
