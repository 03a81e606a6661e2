// Vietnamese labels of the domain's codes, in the order the forms offer them.
import type {
  DayPart,
  Field,
  Handling,
  IdKind,
  OutgoingKind,
  PetitionKind,
  PetitionSource,
  ProcessingState,
  ReceptionMode,
  RefusalGround,
  Role,
  Sex,
  SessionKind,
  SessionOutcome,
  SigningCapacity,
  Sitter,
  Stage,
  Visitor,
  VisitorKind,
} from "../api/types";

export const receptionModes: [ReceptionMode, string][] = [
  ["regular", "Tiếp thường xuyên"],
  ["leader_periodic", "Lãnh đạo tiếp định kỳ"],
  ["leader_ad_hoc", "Lãnh đạo tiếp đột xuất"],
  ["delegated", "Tiếp theo ủy quyền"],
  ["online", "Tiếp trực tuyến"],
];

export const visitorKinds: [VisitorKind, string][] = [
  ["individual", "Cá nhân"],
  ["group", "Đoàn đông người"],
  ["organisation", "Cơ quan, tổ chức"],
];

export const idKinds: [IdKind, string][] = [
  ["cccd", "Số định danh/CCCD"],
  ["cmnd", "CMND"],
  ["passport", "Hộ chiếu"],
];

export const sexes: [Sex, string][] = [
  ["male", "Nam"],
  ["female", "Nữ"],
];

export const petitionKinds: [PetitionKind, string][] = [
  ["complaint", "Khiếu nại"],
  ["denunciation", "Tố cáo"],
  ["proposal", "Kiến nghị"],
  ["reflection", "Phản ánh"],
  ["mixed", "Nhiều nội dung"],
];

export const fields: [Field, string][] = [
  ["land", "Đất đai"],
  ["housing", "Nhà ở, tài sản"],
  ["policy", "Chính sách, chế độ CC, VC"],
  ["other_administrative", "Hành chính khác"],
  ["judicial", "Tư pháp"],
  ["party", "Đảng"],
  ["corruption", "Tham nhũng"],
  ["other", "Khác"],
];

export const handlings: [Handling, string][] = [
  ["accept", "Thụ lý để giải quyết"],
  ["guide", "Trả lại đơn và hướng dẫn"],
  ["transfer", "Chuyển đơn đến cơ quan có thẩm quyền"],
  ["return", "Trả lại đơn"],
  ["file", "Lưu đơn"],
  ["remind", "Đôn đốc giải quyết"],
];

// Nguồn đơn, as PetitionSource::label_vi says them in Rust; the desk's own petitions come first.
export const petitionSources: [PetitionSource, string][] = [
  ["desk", "Tiếp trực tiếp"],
  ["post", "Qua bưu chính"],
  ["one_stop", "Bộ phận một cửa"],
  ["transferred_in", "Cơ quan khác chuyển đến"],
  ["forwarded_by_elected", "Đại biểu dân cử, MTTQ chuyển đến"],
  ["online", "Gửi trực tuyến"],
  ["other", "Nguồn khác"],
];

/** Whether a register number is a petition's own (ĐT-0012/2026/A), not a visit's receipt. */
export const isPetitionNumber = (receiptNo: string): boolean => /^[ĐđD][Tt]-/.test(receiptNo.trim());

/** What kind of register record a number names, as lists label it. */
export const recordKind = (receiptNo: string): string => (isPetitionNumber(receiptNo) ? "Đơn thư" : "Lượt tiếp");

/** Where a record came from, as the register book labels it ("Tiếp trực tiếp" for a visit). */
export const sourceLabel = (record: { source?: PetitionSource }): string => label(petitionSources, record.source ?? "desk");

/** The sources a petition received without a visit may have (the "Đơn thư" form). */
export const mailedSources = petitionSources.filter(([s]) => s !== "desk");

/** Whether the record names the body that sent it, with its letter (PetitionSource::needs_sending_body). */
export const needsSendingBody = (s: PetitionSource): boolean => s === "transferred_in" || s === "forwarded_by_elected";

export const processingStates: [ProcessingState, string][] = [
  ["unprocessed", "Chưa xử lý"],
  ["processed", "Đã xử lý"],
];

export const dayParts: [DayPart, string][] = [
  ["morning", "Buổi sáng"],
  ["afternoon", "Buổi chiều"],
  ["all_day", "Cả ngày"],
];

export const sitters: [Sitter, string][] = [
  ["head", "Chủ tịch UBND trực tiếp tiếp"],
  ["delegate", "Người được ủy quyền tiếp"],
];

export const sessionKinds: [SessionKind, string][] = [
  ["periodic", "Định kỳ"],
  ["ad_hoc", "Đột xuất"],
];

export const sessionOutcomes: [SessionOutcome, string][] = [
  ["held", "Đã tiếp"],
  ["unattended", "Không có công dân đến"],
  ["cancelled", "Hủy, không tiếp"],
];

export const weekdays: [number, string][] = [
  [1, "Thứ Hai"],
  [2, "Thứ Ba"],
  [3, "Thứ Tư"],
  [4, "Thứ Năm"],
  [5, "Thứ Sáu"],
  [6, "Thứ Bảy"],
  [7, "Chủ Nhật"],
];

export const stages: [Stage, string][] = [
  ["not_resolved", "Chưa được giải quyết"],
  ["resolved_once", "Đã giải quyết lần đầu"],
  ["resolved_several", "Đã giải quyết nhiều lần"],
];

export const refusalGrounds: [RefusalGround, string][] = [
  ["incapacitated", "Say do chất kích thích, tâm thần, mất khả năng nhận thức (Điều 9)"],
  ["disruptive", "Đe dọa, xúc phạm, vi phạm nội quy nơi tiếp (Điều 9)"],
  ["already_resolved", "Vụ việc đã giải quyết đúng, vẫn cố tình kéo dài (Điều 9)"],
  ["other_by_law", "Trường hợp khác theo quy định của pháp luật"],
];

export const outgoingKinds: [OutgoingKind, string][] = [
  ["transfer_slip", "Phiếu chuyển đơn"],
  ["refusal_notice", "Thông báo từ chối tiếp công dân"],
  ["guidance_slip", "Phiếu hướng dẫn"],
];

// The capacity a document is signed in (ND 30/2020), as the lines printed above the signature.
export const signingCapacities: [SigningCapacity, string][] = [
  ["chair", "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH"],
  ["vice_chair", "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH"],
  ["vice_chair_for_committee", "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH"],
  ["reception_officer", "Cán bộ tiếp công dân ký"],
];

export function label<T extends string>(options: [T, string][], value: T | null | undefined): string {
  return options.find(([v]) => v === value)?.[1] ?? "";
}

// A visitor's name as lists show it: a sealed denouncer (or one withheld at the district) is never
// blank, it says so (Visitor::shown_name in Rust).
export const SEALED_VISITOR_NAME = "Người tố cáo (được bảo mật)";
export const shownName = (v: Visitor): string => (v.sealed || !v.full_name ? SEALED_VISITOR_NAME : v.full_name);

// Roles, as Role::label_vi says them in Rust (tiepdan_domain::access).
export const ROLES: Role[] = ["clerk", "leader", "administrator"];
const roleLabels: Record<Role, string> = {
  clerk: "Cán bộ tiếp dân",
  leader: "Lãnh đạo",
  administrator: "Quản trị",
};
export const roleLabel = (role: Role): string => roleLabels[role];
