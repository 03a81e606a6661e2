//! The permission matrix (issue 12): every act the register lets someone do, and the one permission
//! each needs. It is data, kept once here: the register checks it on every call, so the desk app and
//! the `tiepdan` command cannot disagree on who may do what, and a test walks it command by command
//! through both shells.
//!
//! Adding an act means adding a row to [`MATRIX`]; the test below refuses an act without a row (its
//! `match` lists every act) and an act with two.

use crate::access::{permits, Permission, Role};
use serde::{Deserialize, Serialize};

/// Something done to or read from the register that needs a permission.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Act {
    RecordVisit,
    AmendVisit,
    CancelVisit,
    /// Open one visit with its history (audited).
    OpenVisit,
    /// Search, the register book, the due list, returning citizens, a petition's follow-up.
    ReadRegister,
    /// Link a visit to an earlier one of the same matter.
    LinkRepeat,
    /// Read a denouncer's sealed name, address, ID and phone (audited).
    RevealIdentity,
    RecordAcceptance,
    RecordTransfer,
    /// What came back from the body a petition was transferred to.
    RecordTransferAnswer,
    RecordExtension,
    RecordResolution,
    /// Register a petition received without a visit (post, one-stop office, transferred in, …).
    ReceivePetition,
    /// Record how a petition is processed: eligibility, competence, handling.
    ProcessPetition,
    /// Plan a leader reception session, and close it as held or cancelled.
    KeepSessions,
    /// Set the head's fixed reception days and the desk's hours.
    SetReceptionSchedule,
    PrintForm,
    /// Export the register book or a form to a file.
    ExportRecords,
    ChoosePrinter,
    /// Set the outgoing documents' abbreviations and who signs each kind by default.
    ConfigureOutgoing,
    UpdateWard,
    ChangeCalendar,
    ChangeDeadlineRules,
    /// Enrol the desk with the upstream server, or re-enrol it.
    EnrollDesk,
    /// Send the register upstream now, or close the day.
    SyncRegister,
    AddOfficer,
    ChangeOfficer,
    RetireOfficer,
    /// Give an officer a first password or reset a forgotten one.
    GivePassword,
    Backup,
    ReviewAudit,
    /// Compute a periodic report (aggregate counts) and list the records behind a cell.
    ComputeReport,
    /// Declare, or correct, a form's opening balances (a ward that starts mid-year).
    DeclareOpening,
}

/// Each act and the permission it needs: the matrix, once.
pub const MATRIX: [(Act, Permission); 33] = {
    use Act::*;
    use Permission::*;
    [
        (RecordVisit, RegisterVisits),
        (AmendVisit, RegisterVisits),
        (CancelVisit, RegisterVisits),
        (OpenVisit, RegisterVisits),
        (ReadRegister, RegisterVisits),
        (LinkRepeat, RegisterVisits),
        (RevealIdentity, SeeDenouncerIdentity),
        (RecordAcceptance, ApproveHandling),
        (RecordTransfer, ApproveHandling),
        (RecordTransferAnswer, RegisterVisits),
        (RecordExtension, ApproveHandling),
        (RecordResolution, ApproveHandling),
        // Processing is the petition officer's work (TT 05/2021); the leader's decisions on it
        // are the acceptance, transfer and resolution events above.
        (ReceivePetition, RegisterVisits),
        (ProcessPetition, RegisterVisits),
        (KeepSessions, RegisterVisits),
        (SetReceptionSchedule, ManageWard),
        (PrintForm, PrintForms),
        (ExportRecords, PrintForms),
        (ChoosePrinter, ManageWard),
        (ConfigureOutgoing, ManageWard),
        (UpdateWard, ManageWard),
        (ChangeCalendar, ManageWard),
        (ChangeDeadlineRules, ManageWard),
        (EnrollDesk, ManageWard),
        (SyncRegister, RegisterVisits),
        (AddOfficer, ManageOfficers),
        (ChangeOfficer, ManageOfficers),
        (RetireOfficer, ManageOfficers),
        (GivePassword, ManageOfficers),
        (Act::Backup, Permission::Backup),
        (Act::ReviewAudit, Permission::ReviewAudit),
        // Reports are aggregate counts of what the register book shows, and their drill-down lists
        // are register rows shown masked as in the book: whoever reads the book may count it.
        (ComputeReport, RegisterVisits),
        // Opening balances are figures the head signed on paper before the register existed; they
        // enter every later report, so only a leader (who answers for the reports) declares them.
        (DeclareOpening, SeeReports),
    ]
};

impl Act {
    /// Every act, in the matrix's order.
    pub fn all() -> impl Iterator<Item = Act> {
        MATRIX.iter().map(|(act, _)| *act)
    }

    /// The permission this act needs.
    pub fn permission(self) -> Permission {
        MATRIX.iter().find(|(act, _)| *act == self).map(|(_, p)| *p).unwrap_or(Permission::ManageWard)
    }

    /// Whether an officer holding `roles` may do this.
    pub fn permitted_to(self, roles: &[Role]) -> bool {
        permits(roles, self.permission())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The position of each act in [`MATRIX`]; the `match` makes a new act a compile error here
    /// until it has a row.
    fn row(act: Act) -> usize {
        use Act::*;
        let listed = match act {
            RecordVisit | AmendVisit | CancelVisit | OpenVisit | ReadRegister | LinkRepeat
            | RevealIdentity | RecordAcceptance | RecordTransfer | RecordTransferAnswer | RecordExtension
            | RecordResolution | ReceivePetition | ProcessPetition | KeepSessions | SetReceptionSchedule
            | PrintForm | ExportRecords | ChoosePrinter | ConfigureOutgoing | UpdateWard | ChangeCalendar
            | ChangeDeadlineRules | EnrollDesk | SyncRegister | AddOfficer | ChangeOfficer
            | RetireOfficer | GivePassword | Backup | ReviewAudit | ComputeReport | DeclareOpening => act,
        };
        let rows: Vec<usize> =
            MATRIX.iter().enumerate().filter(|(_, (a, _))| *a == listed).map(|(i, _)| i).collect();
        assert_eq!(rows.len(), 1, "{act:?} must have exactly one row in the permission matrix");
        rows[0]
    }

    #[test]
    fn every_act_has_exactly_one_row() {
        for (i, (act, _)) in MATRIX.iter().enumerate() {
            assert_eq!(row(*act), i);
        }
    }

    #[test]
    fn decisions_on_a_petition_are_the_leaders_and_a_clerk_records_and_prints() {
        for act in [Act::RecordAcceptance, Act::RecordTransfer, Act::RecordExtension, Act::RecordResolution] {
            assert!(!act.permitted_to(&[Role::Clerk]), "{act:?} is a leader's decision");
            assert!(act.permitted_to(&[Role::Leader]));
        }
        for act in [
            Act::RecordVisit,
            Act::PrintForm,
            Act::RecordTransferAnswer,
            Act::SyncRegister,
            Act::ComputeReport,
        ] {
            assert!(act.permitted_to(&[Role::Clerk]), "{act:?} is the clerk's daily work");
        }
    }

    #[test]
    fn reports_are_counted_by_whoever_reads_the_book_and_openings_declared_by_a_leader() {
        for roles in [[Role::Clerk], [Role::Leader]] {
            assert!(Act::ComputeReport.permitted_to(&roles), "{roles:?} may compute a report");
        }
        assert!(Act::DeclareOpening.permitted_to(&[Role::Leader]));
        assert!(!Act::DeclareOpening.permitted_to(&[Role::Clerk]), "a clerk does not declare balances");
        assert!(
            !Act::ComputeReport.permitted_to(&[Role::Administrator]),
            "an administrator reads no petitions"
        );
    }

    #[test]
    fn an_administrator_keeps_the_desk_running_but_reads_no_petitions() {
        let admin = [Role::Administrator];
        for act in [Act::AddOfficer, Act::Backup, Act::ReviewAudit, Act::EnrollDesk, Act::UpdateWard] {
            assert!(act.permitted_to(&admin), "{act:?}");
        }
        for act in [Act::ReadRegister, Act::RevealIdentity, Act::RecordVisit] {
            assert!(!act.permitted_to(&admin), "{act:?}");
        }
    }
}
