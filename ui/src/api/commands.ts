// Generated from the #[tauri::command] functions in src-tauri/src/commands/ by `npm run bindings`
// (src-tauri/src/surface/). Do not edit: change the Rust command and regenerate. `npm run
// check:bindings` and `cargo test -p tiepdan-desk` fail when this file and the commands disagree.
import type { Acceptance } from "./bindings/Acceptance";
import type { AccessEntry } from "./bindings/AccessEntry";
import type { AppStatus } from "./bindings/AppStatus";
import type { AppointmentProposal } from "./bindings/AppointmentProposal";
import type { DayReport } from "./bindings/DayReport";
import type { DocumentSent } from "./bindings/DocumentSent";
import type { DueItem } from "./bindings/DueItem";
import type { DuplicateCandidate } from "./bindings/DuplicateCandidate";
import type { Extension } from "./bindings/Extension";
import type { FormKey } from "./bindings/FormKey";
import type { Implementation } from "./bindings/Implementation";
import type { MatterLink } from "./bindings/MatterLink";
import type { Officer } from "./bindings/Officer";
import type { OfficerId } from "./bindings/OfficerId";
import type { Opening } from "./bindings/Opening";
import type { OpeningForm } from "./bindings/OpeningForm";
import type { OutgoingDocument } from "./bindings/OutgoingDocument";
import type { OutgoingKind } from "./bindings/OutgoingKind";
import type { OutgoingSettings } from "./bindings/OutgoingSettings";
import type { OutgoingStyle } from "./bindings/OutgoingStyle";
import type { PeriodChoice } from "./bindings/PeriodChoice";
import type { PetitionDraft } from "./bindings/PetitionDraft";
import type { PetitionEntry } from "./bindings/PetitionEntry";
import type { PetitionFollowUp } from "./bindings/PetitionFollowUp";
import type { PetitionQuery } from "./bindings/PetitionQuery";
import type { PrintJobEntry } from "./bindings/PrintJobEntry";
import type { PrintOptions } from "./bindings/PrintOptions";
import type { PrinterSettings } from "./bindings/PrinterSettings";
import type { Processing } from "./bindings/Processing";
import type { ReceptionSchedule } from "./bindings/ReceptionSchedule";
import type { ReceptionSession } from "./bindings/ReceptionSession";
import type { ReportDrill } from "./bindings/ReportDrill";
import type { ReportForm } from "./bindings/ReportForm";
import type { ReportView } from "./bindings/ReportView";
import type { Resolution } from "./bindings/Resolution";
import type { ResumeOutcome } from "./bindings/ResumeOutcome";
import type { Role } from "./bindings/Role";
import type { SearchHit } from "./bindings/SearchHit";
import type { SendOutcome } from "./bindings/SendOutcome";
import type { SessionClosing } from "./bindings/SessionClosing";
import type { SessionEntry } from "./bindings/SessionEntry";
import type { SessionId } from "./bindings/SessionId";
import type { SetupDone } from "./bindings/SetupDone";
import type { SignerChoice } from "./bindings/SignerChoice";
import type { SyncView } from "./bindings/SyncView";
import type { Transfer } from "./bindings/Transfer";
import type { TransferAnswer } from "./bindings/TransferAnswer";
import type { Visit } from "./bindings/Visit";
import type { VisitDraft } from "./bindings/VisitDraft";
import type { VisitId } from "./bindings/VisitId";
import type { VisitRecord } from "./bindings/VisitRecord";
import type { Visitor } from "./bindings/Visitor";
import type { WardProfile } from "./bindings/WardProfile";

/** What each command takes and gives back, under the name and keys Tauri reads. */
export interface Commands {
  due_petitions: { args: { within: number; all: boolean }; result: Array<DueItem> };
  petition_follow_up: { args: { visit_id: VisitId; within: number }; result: PetitionFollowUp };
  proposed_appointment: { args: { visit_id: VisitId }; result: AppointmentProposal | null };
  record_acceptance: { args: { decision: Acceptance; within: number }; result: PetitionFollowUp };
  record_transfer: { args: { transfer: Transfer; within: number }; result: PetitionFollowUp };
  record_transfer_answer: { args: { answer: TransferAnswer; within: number }; result: PetitionFollowUp };
  record_extension: { args: { extension: Extension; within: number }; result: PetitionFollowUp };
  record_resolution: { args: { resolution: Resolution; within: number }; result: PetitionFollowUp };
  record_implementation: { args: { record: Implementation; within: number }; result: PetitionFollowUp };
  decision_implementations: { args: { visit_id: VisitId }; result: Array<Implementation> };
  opening_form: { args: { form: FormKey }; result: OpeningForm };
  declare_opening: { args: { opening: Opening }; result: Opening };
  correct_opening: { args: { opening: Opening; reason: string }; result: Opening };
  outgoing_settings: { args: Record<string, never>; result: OutgoingSettings };
  set_outgoing_style: { args: { style: OutgoingStyle }; result: OutgoingSettings };
  set_signer: { args: { kind: OutgoingKind; choice: SignerChoice }; result: OutgoingSettings };
  issued_documents: { args: { year: number }; result: Array<OutgoingDocument> };
  receive_petition: { args: { draft: PetitionDraft }; result: Visit };
  process_petition: { args: { processing: Processing }; result: Visit };
  petitions: { args: { query: PetitionQuery }; result: Array<PetitionEntry> };
  petition_duplicates: { args: { draft: PetitionDraft }; result: Array<DuplicateCandidate> };
  link_duplicate: { args: { visit_id: VisitId; earlier_visit_id: VisitId }; result: MatterLink };
  print_form: { args: { visit_id: VisitId; options: PrintOptions }; result: PrintJobEntry };
  preview_form: { args: { visit_id: VisitId; options: PrintOptions }; result: string };
  reprint_job: { args: { job_id: number }; result: PrintJobEntry };
  retry_print_job: { args: { job_id: number }; result: PrintJobEntry };
  print_log: { args: { visit_id: VisitId | null }; result: Array<PrintJobEntry> };
  printer_settings: { args: Record<string, never>; result: PrinterSettings };
  set_printer: { args: { printer: string | null }; result: PrinterSettings };
  reception_schedule: { args: Record<string, never>; result: ReceptionSchedule };
  set_reception_schedule: { args: { schedule: ReceptionSchedule }; result: ReceptionSchedule };
  plan_session: { args: { session: ReceptionSession }; result: SessionEntry };
  close_session: { args: { session_id: SessionId; closing: SessionClosing; note: string | null }; result: SessionEntry };
  sessions_between: { args: { from: string; to: string }; result: Array<SessionEntry> };
  visits_between: { args: { from: string; to: string }; result: Array<Visit> };
  print_register_book: { args: { from: string; to: string }; result: DocumentSent };
  report_forms: { args: Record<string, never>; result: Array<ReportForm> };
  report_compute: { args: { form: FormKey; period: PeriodChoice }; result: ReportView };
  report_drill: { args: { form: FormKey; period: PeriodChoice; column: number }; result: ReportDrill };
  report_export_xlsx: { args: { form: FormKey; period: PeriodChoice }; result: string };
  print_report: { args: { form: FormKey; period: PeriodChoice }; result: DocumentSent };
  search_visits: { args: { query: string; limit: number }; result: Array<SearchHit> };
  sign_in: { args: { officer_id: OfficerId; password: string }; result: AppStatus };
  lock_screen: { args: Record<string, never>; result: AppStatus };
  sign_out: { args: Record<string, never>; result: AppStatus };
  set_first_password: { args: { officer_id: OfficerId; password: string }; result: SetupDone };
  recover_access: { args: { officer_id: OfficerId; recovery_key: string; new_password: string }; result: AppStatus };
  set_unlock_pin: { args: { password: string; pin: string }; result: AppStatus };
  remove_unlock_pin: { args: Record<string, never>; result: AppStatus };
  unlock_with_pin: { args: { pin: string }; result: AppStatus };
  change_password: { args: { new_password: string }; result: null };
  give_password: { args: { officer_id: OfficerId; password: string }; result: AppStatus };
  set_officer_roles: { args: { officer_id: OfficerId; roles: Array<Role> }; result: AppStatus };
  access_log: { args: { officer_id: OfficerId | null; visit_id: VisitId | null; before: number | null }; result: Array<AccessEntry> };
  update_ward: { args: { ward: WardProfile }; result: AppStatus };
  add_officer: { args: { full_name: string; position: string; roles: Array<Role> }; result: Officer };
  retire_officer: { args: { officer_id: OfficerId }; result: AppStatus };
  app_status: { args: Record<string, never>; result: AppStatus };
  setup_ward: { args: { ward: WardProfile; officer_name: string; officer_position: string; also_leader: boolean; password: string }; result: SetupDone };
  sync_status: { args: Record<string, never>; result: SyncView };
  enroll_desk: { args: { server_url: string; code: string }; result: SyncView };
  resume_sync_stream: { args: { stream: string }; result: ResumeOutcome };
  send_now: { args: Record<string, never>; result: SendOutcome };
  close_day: { args: { date: string | null }; result: DayReport };
  record_visit: { args: { draft: VisitDraft }; result: Visit };
  visit_record: { args: { visit_id: VisitId }; result: VisitRecord };
  reveal_visit: { args: { visit_id: VisitId }; result: VisitRecord };
  amend_visit: { args: { visit_id: VisitId; draft: VisitDraft; reason: string }; result: Visit };
  cancel_visit: { args: { visit_id: VisitId; reason: string }; result: Visit };
  returning_citizens: { args: { query: string; limit: number }; result: Array<Visitor> };
}

export type CommandName = keyof Commands;

/** Sends one command: desk.ts gives its `call`, which also turns a failure into a DeskError. */
export type Send = <K extends CommandName>(command: K, args: Commands[K]["args"]) => Promise<Commands[K]["result"]>;

/** One function per command, named after it in camelCase (`record_visit` → `recordVisit`). */
export function commandFunctions(send: Send) {
  return {
    duePetitions: (args: Commands["due_petitions"]["args"]) => send("due_petitions", args),
    petitionFollowUp: (args: Commands["petition_follow_up"]["args"]) => send("petition_follow_up", args),
    proposedAppointment: (args: Commands["proposed_appointment"]["args"]) => send("proposed_appointment", args),
    recordAcceptance: (args: Commands["record_acceptance"]["args"]) => send("record_acceptance", args),
    recordTransfer: (args: Commands["record_transfer"]["args"]) => send("record_transfer", args),
    recordTransferAnswer: (args: Commands["record_transfer_answer"]["args"]) => send("record_transfer_answer", args),
    recordExtension: (args: Commands["record_extension"]["args"]) => send("record_extension", args),
    recordResolution: (args: Commands["record_resolution"]["args"]) => send("record_resolution", args),
    recordImplementation: (args: Commands["record_implementation"]["args"]) => send("record_implementation", args),
    decisionImplementations: (args: Commands["decision_implementations"]["args"]) => send("decision_implementations", args),
    openingForm: (args: Commands["opening_form"]["args"]) => send("opening_form", args),
    declareOpening: (args: Commands["declare_opening"]["args"]) => send("declare_opening", args),
    correctOpening: (args: Commands["correct_opening"]["args"]) => send("correct_opening", args),
    outgoingSettings: () => send("outgoing_settings", {}),
    setOutgoingStyle: (args: Commands["set_outgoing_style"]["args"]) => send("set_outgoing_style", args),
    setSigner: (args: Commands["set_signer"]["args"]) => send("set_signer", args),
    issuedDocuments: (args: Commands["issued_documents"]["args"]) => send("issued_documents", args),
    receivePetition: (args: Commands["receive_petition"]["args"]) => send("receive_petition", args),
    processPetition: (args: Commands["process_petition"]["args"]) => send("process_petition", args),
    petitions: (args: Commands["petitions"]["args"]) => send("petitions", args),
    petitionDuplicates: (args: Commands["petition_duplicates"]["args"]) => send("petition_duplicates", args),
    linkDuplicate: (args: Commands["link_duplicate"]["args"]) => send("link_duplicate", args),
    printForm: (args: Commands["print_form"]["args"]) => send("print_form", args),
    previewForm: (args: Commands["preview_form"]["args"]) => send("preview_form", args),
    reprintJob: (args: Commands["reprint_job"]["args"]) => send("reprint_job", args),
    retryPrintJob: (args: Commands["retry_print_job"]["args"]) => send("retry_print_job", args),
    printLog: (args: Commands["print_log"]["args"]) => send("print_log", args),
    printerSettings: () => send("printer_settings", {}),
    setPrinter: (args: Commands["set_printer"]["args"]) => send("set_printer", args),
    receptionSchedule: () => send("reception_schedule", {}),
    setReceptionSchedule: (args: Commands["set_reception_schedule"]["args"]) => send("set_reception_schedule", args),
    planSession: (args: Commands["plan_session"]["args"]) => send("plan_session", args),
    closeSession: (args: Commands["close_session"]["args"]) => send("close_session", args),
    sessionsBetween: (args: Commands["sessions_between"]["args"]) => send("sessions_between", args),
    visitsBetween: (args: Commands["visits_between"]["args"]) => send("visits_between", args),
    printRegisterBook: (args: Commands["print_register_book"]["args"]) => send("print_register_book", args),
    reportForms: () => send("report_forms", {}),
    reportCompute: (args: Commands["report_compute"]["args"]) => send("report_compute", args),
    reportDrill: (args: Commands["report_drill"]["args"]) => send("report_drill", args),
    reportExportXlsx: (args: Commands["report_export_xlsx"]["args"]) => send("report_export_xlsx", args),
    printReport: (args: Commands["print_report"]["args"]) => send("print_report", args),
    searchVisits: (args: Commands["search_visits"]["args"]) => send("search_visits", args),
    signIn: (args: Commands["sign_in"]["args"]) => send("sign_in", args),
    lockScreen: () => send("lock_screen", {}),
    signOut: () => send("sign_out", {}),
    setFirstPassword: (args: Commands["set_first_password"]["args"]) => send("set_first_password", args),
    recoverAccess: (args: Commands["recover_access"]["args"]) => send("recover_access", args),
    setUnlockPin: (args: Commands["set_unlock_pin"]["args"]) => send("set_unlock_pin", args),
    removeUnlockPin: () => send("remove_unlock_pin", {}),
    unlockWithPin: (args: Commands["unlock_with_pin"]["args"]) => send("unlock_with_pin", args),
    changePassword: (args: Commands["change_password"]["args"]) => send("change_password", args),
    givePassword: (args: Commands["give_password"]["args"]) => send("give_password", args),
    setOfficerRoles: (args: Commands["set_officer_roles"]["args"]) => send("set_officer_roles", args),
    accessLog: (args: Commands["access_log"]["args"]) => send("access_log", args),
    updateWard: (args: Commands["update_ward"]["args"]) => send("update_ward", args),
    addOfficer: (args: Commands["add_officer"]["args"]) => send("add_officer", args),
    retireOfficer: (args: Commands["retire_officer"]["args"]) => send("retire_officer", args),
    appStatus: () => send("app_status", {}),
    setupWard: (args: Commands["setup_ward"]["args"]) => send("setup_ward", args),
    syncStatus: () => send("sync_status", {}),
    enrollDesk: (args: Commands["enroll_desk"]["args"]) => send("enroll_desk", args),
    resumeSyncStream: (args: Commands["resume_sync_stream"]["args"]) => send("resume_sync_stream", args),
    sendNow: () => send("send_now", {}),
    closeDay: (args: Commands["close_day"]["args"]) => send("close_day", args),
    recordVisit: (args: Commands["record_visit"]["args"]) => send("record_visit", args),
    visitRecord: (args: Commands["visit_record"]["args"]) => send("visit_record", args),
    revealVisit: (args: Commands["reveal_visit"]["args"]) => send("reveal_visit", args),
    amendVisit: (args: Commands["amend_visit"]["args"]) => send("amend_visit", args),
    cancelVisit: (args: Commands["cancel_visit"]["args"]) => send("cancel_visit", args),
    returningCitizens: (args: Commands["returning_citizens"]["args"]) => send("returning_citizens", args),
  };
}
