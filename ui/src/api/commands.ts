// The desk's commands, their arguments and results, typed with the bindings generated from Rust.
// This file and desk.ts are the only places that know command names.
import type { Acceptance } from "./bindings/Acceptance";
import type { AppointmentProposal } from "./bindings/AppointmentProposal";
import type { DueItem } from "./bindings/DueItem";
import type { Extension } from "./bindings/Extension";
import type { PetitionFollowUp } from "./bindings/PetitionFollowUp";
import type { Resolution } from "./bindings/Resolution";
import type { Transfer } from "./bindings/Transfer";
import type { TransferAnswer } from "./bindings/TransferAnswer";
import type { AppStatus } from "./bindings/AppStatus";
import type { DayReport } from "./bindings/DayReport";
import type { SendOutcome } from "./bindings/SendOutcome";
import type { SyncView } from "./bindings/SyncView";
import type { Officer } from "./bindings/Officer";
import type { OfficerId } from "./bindings/OfficerId";
import type { Role } from "./bindings/Role";
import type { AccessEntry } from "./bindings/AccessEntry";
import type { SetupDone } from "./bindings/SetupDone";
import type { PrinterSettings } from "./bindings/PrinterSettings";
import type { PrintJobEntry } from "./bindings/PrintJobEntry";
import type { PrintOptions } from "./bindings/PrintOptions";
import type { SearchHit } from "./bindings/SearchHit";
import type { Visit } from "./bindings/Visit";
import type { VisitDraft } from "./bindings/VisitDraft";
import type { VisitId } from "./bindings/VisitId";
import type { VisitRecord } from "./bindings/VisitRecord";
import type { Visitor } from "./bindings/Visitor";
import type { WardProfile } from "./bindings/WardProfile";

export interface Commands {
  app_status: { args: Record<string, never>; result: AppStatus };
  sync_status: { args: Record<string, never>; result: SyncView };
  enroll_desk: { args: { server_url: string; code: string }; result: SyncView };
  send_now: { args: Record<string, never>; result: SendOutcome };
  close_day: { args: { date: string | null }; result: DayReport };
  setup_ward: {
    args: {
      ward: WardProfile;
      officer_name: string;
      officer_position: string;
      also_leader: boolean;
      password: string;
    };
    result: SetupDone;
  };
  sign_in: { args: { officer_id: OfficerId; password: string }; result: AppStatus };
  lock_screen: { args: Record<string, never>; result: AppStatus };
  sign_out: { args: Record<string, never>; result: AppStatus };
  set_first_password: { args: { officer_id: OfficerId; password: string }; result: SetupDone };
  change_password: { args: { new_password: string }; result: null };
  set_unlock_pin: { args: { password: string; pin: string }; result: AppStatus };
  remove_unlock_pin: { args: Record<string, never>; result: AppStatus };
  unlock_with_pin: { args: { pin: string }; result: AppStatus };
  recover_access: {
    args: { officer_id: OfficerId; recovery_key: string; new_password: string };
    result: AppStatus;
  };
  give_password: { args: { officer_id: OfficerId; password: string }; result: AppStatus };
  set_officer_roles: { args: { officer_id: OfficerId; roles: Role[] }; result: AppStatus };
  access_log: {
    args: { officer_id: OfficerId | null; visit_id: VisitId | null; before: number | null };
    result: AccessEntry[];
  };
  update_ward: { args: { ward: WardProfile }; result: AppStatus };
  add_officer: { args: { full_name: string; position: string; roles: Role[] }; result: Officer };
  retire_officer: { args: { officer_id: OfficerId }; result: AppStatus };
  record_visit: { args: { draft: VisitDraft }; result: Visit };
  visit_record: { args: { visit_id: VisitId }; result: VisitRecord };
  reveal_visit: { args: { visit_id: VisitId }; result: VisitRecord };
  amend_visit: { args: { visit_id: VisitId; draft: VisitDraft; reason: string }; result: Visit };
  cancel_visit: { args: { visit_id: VisitId; reason: string }; result: Visit };
  returning_citizens: { args: { query: string; limit: number }; result: Visitor[] };
  visits_between: { args: { from: string; to: string }; result: Visit[] };
  search_visits: { args: { query: string; limit: number }; result: SearchHit[] };
  due_petitions: { args: { within: number; all: boolean }; result: DueItem[] };
  petition_follow_up: { args: { visit_id: VisitId; within: number }; result: PetitionFollowUp };
  proposed_appointment: { args: { visit_id: VisitId }; result: AppointmentProposal | null };
  record_acceptance: { args: { decision: Acceptance; within: number }; result: PetitionFollowUp };
  record_transfer: { args: { transfer: Transfer; within: number }; result: PetitionFollowUp };
  record_transfer_answer: { args: { answer: TransferAnswer; within: number }; result: PetitionFollowUp };
  record_extension: { args: { extension: Extension; within: number }; result: PetitionFollowUp };
  record_resolution: { args: { resolution: Resolution; within: number }; result: PetitionFollowUp };
  print_form: { args: { visit_id: VisitId; options: PrintOptions }; result: PrintJobEntry };
  preview_form: { args: { visit_id: VisitId; options: PrintOptions }; result: string };
  reprint_job: { args: { job_id: number }; result: PrintJobEntry };
  retry_print_job: { args: { job_id: number }; result: PrintJobEntry };
  print_log: { args: { visit_id: VisitId | null }; result: PrintJobEntry[] };
  printer_settings: { args: Record<string, never>; result: PrinterSettings };
  set_printer: { args: { printer: string | null }; result: PrinterSettings };
}

export type CommandName = keyof Commands;
