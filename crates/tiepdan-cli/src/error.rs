//! The one place where failures become what a person at the terminal sees: a one-line message and an
//! exit code a script can branch on. Codes are part of the contract (`docs/cli.md`); never renumber.

use tiepdan_domain::Invalid;
use tiepdan_register::RegisterError;
use tiepdan_sync::SyncError;

/// Exit codes of `tiepdan`. 0 is success.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum Exit {
    /// Anything else: disk full, permissions, an unexpected SQLite error.
    Failure = 1,
    /// The command line itself is wrong (clap exits with this code on its own).
    #[allow(dead_code, reason = "documents the code clap uses; clap exits with it directly")]
    Usage = 2,
    /// The input was refused (validation, unreadable JSON, already initialised); nothing changed.
    Invalid = 3,
    /// No such visit or officer, or no register in the data folder yet.
    NotFound = 4,
    /// The register is locked by another process, damaged, or its event chain is broken.
    Register = 5,
    /// A print job was logged but the printer failed; `tiepdan print retry JOB` sends it again.
    Printer = 6,
    /// Sync did not complete: the district could not be reached, refused the desk, or has not
    /// acknowledged everything; nothing local was lost.
    Sync = 7,
    /// A report broke its form's own equations: a bug in Tiepdan's counting, so no figure was
    /// printed; report it.
    ReportBug = 8,
}

#[derive(Debug)]
pub struct CliError {
    pub exit: Exit,
    pub message: String,
}

impl CliError {
    pub fn new(exit: Exit, message: impl Into<String>) -> Self {
        Self { exit, message: message.into() }
    }

    /// A refused input, every problem on one line: English first, then the clerk's Vietnamese.
    pub fn invalid(what: &str, invalid: &Invalid) -> Self {
        let problems: Vec<String> = invalid
            .problems
            .iter()
            .map(|p| format!("{} {} ({})", p.field, p.problem.message_en(), p.message))
            .collect();
        Self::new(Exit::Invalid, format!("invalid {what}: {}", problems.join("; ")))
    }

    /// A register error, naming `what` was refused when it is a validation error.
    pub fn register(what: &str, err: RegisterError) -> Self {
        let exit = match &err {
            RegisterError::Invalid(invalid) => return Self::invalid(what, invalid),
            RegisterError::Locked { .. } => {
                return Self::new(Exit::Register, format!("register locked: {err}"))
            }
            RegisterError::NotFound { .. } | RegisterError::NotInitialised => Exit::NotFound,
            RegisterError::AlreadyInitialised
            | RegisterError::DeskLetterFixed
            | RegisterError::VisitCancelled { .. }
            | RegisterError::OfficerRetired { .. }
            | RegisterError::LastAdministrator
            | RegisterError::NoKeys
            | RegisterError::KeysExist
            | RegisterError::WrongPassword { .. }
            | RegisterError::SignInWait { .. }
            | RegisterError::WrongPin { .. }
            | RegisterError::PinUnavailable
            | RegisterError::SignInAgain
            | RegisterError::NotPermitted { .. }
            | RegisterError::Keys(_)
            | RegisterError::BackupWithoutKeys { .. }
            | RegisterError::FollowUpRefused(_)
            | RegisterError::ReportRefused(_)
            | RegisterError::OpeningDeclared { .. } => Exit::Invalid,
            RegisterError::ReportInconsistent { .. } => Exit::ReportBug,
            RegisterError::Corrupt(_)
            | RegisterError::TooNew { .. }
            | RegisterError::NoOpenStream
            | RegisterError::Event(_)
            | RegisterError::Decode(_) => Exit::Register,
            // SQLite and file errors, and any kind added later.
            _ => Exit::Failure,
        };
        Self::new(exit, err.to_string())
    }
}

impl CliError {
    /// A sync error; a register error inside it is mapped as [`CliError::register`] would.
    pub fn sync(err: SyncError) -> Self {
        Self::sync_as("input", err)
    }

    pub fn sync_as(what: &str, err: SyncError) -> Self {
        match err {
            SyncError::Register(e) => Self::register(what, e),
            SyncError::EnrollmentRefused(_) | SyncError::BadServerUrl(_) => {
                Self::new(Exit::Invalid, err.to_string())
            }
            other => Self::new(Exit::Sync, other.to_string()),
        }
    }
}

impl From<RegisterError> for CliError {
    fn from(err: RegisterError) -> Self {
        Self::register("input", err)
    }
}

impl From<std::io::Error> for CliError {
    fn from(err: std::io::Error) -> Self {
        Self::new(Exit::Failure, err.to_string())
    }
}
