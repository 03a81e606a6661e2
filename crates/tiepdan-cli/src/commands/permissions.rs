//! What each command needs the signed-in officer's roles to permit, on a register with passwords —
//! the same permission the desk app's matching command asks (`src-tauri/src/commands`). A register
//! without passwords has no sessions: it is used by the OS user who owns it (docs/access.md).
//!
//! `None` for commands that read nothing personal (the ward profile, the officer list, the doctor,
//! a deadline worked out, the sync status, the calendar's overrides) or that open no register the
//! usual way (`init`, `recover`, `restore`).

use super::{calendar, officer, petition, print, Command};
use tiepdan_domain::access::Permission;

pub(super) fn needed(command: &Command) -> Option<Permission> {
    use Permission::*;
    match command {
        Command::Init(_)
        | Command::Ward(_)
        | Command::Doctor(_)
        | Command::Restore(_)
        | Command::Recover(_)
        | Command::Deadline(_)
        | Command::Status(_) => None,
        Command::Officer(officer::Command::List { .. }) => None,
        Command::Officer(_) => Some(ManageOfficers),
        Command::Visit(_)
        | Command::Search(_)
        | Command::Due(_)
        | Command::Sync(_)
        | Command::CloseDay(_) => Some(RegisterVisits),
        Command::Petition(command) => Some(match command {
            petition::Command::Accept { .. }
            | petition::Command::Reject { .. }
            | petition::Command::Transfer { .. }
            | petition::Command::Extend { .. }
            | petition::Command::Resolve { .. } => ApproveHandling,
            _ => RegisterVisits,
        }),
        Command::Calendar(calendar::Command::Override(calendar::OverrideCommand::List { .. })) => None,
        Command::Calendar(_) => Some(ManageWard),
        Command::Print(print::Command::Printer { set, clear }) => {
            Some(if set.is_some() || *clear { ManageWard } else { PrintForms })
        }
        Command::Print(print::Command::Register { .. }) => Some(RegisterVisits),
        Command::Print(_) => Some(PrintForms),
        Command::Backup(_) => Some(Backup),
        Command::Enroll(_) => Some(ManageWard),
        Command::Audit(_) => Some(ReviewAudit),
    }
}
