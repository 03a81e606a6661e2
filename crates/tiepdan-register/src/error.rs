//! What can go wrong with the register, in the register's own terms. The desk app and the CLI map
//! these once to `{code, message}`; nothing here is shown to a clerk as raw text.

use chrono::NaiveDate;
use std::path::PathBuf;
use tiepdan_domain::deadlines::DeadlineError;
use tiepdan_domain::event::EventError;
use tiepdan_domain::{Invalid, StreamId};

#[derive(Debug, thiserror::Error)]
pub enum RegisterError {
    /// Bad input; nothing was changed.
    #[error("{0}")]
    Invalid(#[from] Invalid),
    #[error("no {what} with id {id} in the register")]
    NotFound { what: &'static str, id: String },
    #[error("the register has no ward profile yet: run the first-time setup (init) first")]
    NotInitialised,
    #[error("the register is already set up for a ward; it cannot be initialised twice")]
    AlreadyInitialised,
    #[error("the register {path} is open in another program (or window); close it there first")]
    Locked { path: PathBuf },
    #[error("the register file is damaged: {0}")]
    Corrupt(String),
    #[error("the register was written by a newer version of Tiếp Dân (schema {found}, this version knows {known})")]
    TooNew { found: u32, known: u32 },
    #[error("the desk letter cannot change once visits are registered (it is part of every receipt number)")]
    DeskLetterFixed,
    #[error("visit {receipt_no} is cancelled and can no longer be changed")]
    VisitCancelled { receipt_no: String },
    #[error("officer {name} is retired and cannot act")]
    OfficerRetired { name: String },
    #[error("the last active administrator cannot lose the role or retire: nobody could hand it back")]
    LastAdministrator,
    #[error("this register has no passwords yet (no key file): the administrator sets the first one")]
    NoKeys,
    /// The register is encrypted (it has a key file): nothing in it can be read until an officer
    /// signs in (`Register::open_signed_in`) or an administrator uses the recovery key.
    #[error("this register is encrypted: an officer must sign in to open it")]
    SignInRequired,
    #[error("this register already has its key file")]
    KeysExist,
    #[error("wrong password")]
    WrongPassword {
        /// How long before the next attempt is checked (0: at once).
        wait_seconds: u64,
    },
    #[error("too many wrong passwords: wait {seconds} s before the next attempt")]
    SignInWait { seconds: u64 },
    #[error("wrong PIN ({tries_left} tries left before the password is needed)")]
    WrongPin { tries_left: u32 },
    /// This session cannot be unlocked with a PIN: the officer has none, its tries are used up, or
    /// the officer's roles or key slot changed since the sign-in.
    #[error("the screen can only be unlocked with the password now")]
    PinUnavailable,
    /// The officer's password changed in this session: what needs the current one (setting a PIN)
    /// needs a new sign-in.
    #[error("the password was changed in this session: sign in again first")]
    SignInAgain,
    #[error("the signed-in officer's roles do not permit this ({permission:?})")]
    NotPermitted { permission: tiepdan_domain::access::Permission },
    /// A key-slot problem other than a wrong password: a weak new password, a tampered key file.
    #[error("{0}")]
    Keys(#[from] tiepdan_keys::KeyError),
    /// The backup cannot be restored without its key file, which is missing: it is encrypted (or
    /// damaged: without a key the two look alike), or it holds sealed denunciations that nobody could
    /// ever open. Nothing was changed.
    #[error(
        "the backup cannot be restored without its key file {}, which is missing (the backup is encrypted or holds sealed denouncers' identities — or it is damaged): put the key file beside the backup (copy it from where the backup was made) and restore again",
        keys.display()
    )]
    BackupWithoutKeys { keys: PathBuf },
    #[error("the register has no open stream to write to")]
    NoOpenStream,
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("file error: {0}")]
    Io(#[from] std::io::Error),
    #[error("journal error: {0}")]
    Event(#[from] EventError),
    #[error("stored data cannot be read back: {0}")]
    Decode(String),
    /// A follow-up step (result, extension, repeat link, rule set) that the petition's present state
    /// does not allow; nothing was changed. It carries the clerk's sentence (`message_vi`).
    #[error("{0}")]
    FollowUpRefused(#[from] FollowUpRefusal),
    /// A report whose figures break the form's own equations: a bug in the counting rules or in the
    /// facts read for them, never a figure to show or print.
    #[error("report {form} fails its check {check} ({values}): this is a bug in Tiếp Dân's counting, so the report is not shown; please report it")]
    ReportInconsistent { form: String, check: String, values: String },
    /// A report asked for, or an opening balance declared, that the form refuses (no such form or
    /// column, a balance for a column that does not carry over, balances that break an equation);
    /// nothing was changed. `ReportError::message_vi` is the sentence to show.
    #[error("report refused: {0}")]
    ReportRefused(tiepdan_domain::reports::ReportError),
    /// A second declaration of a form's opening balances; a correction (with its reason) replaces it.
    #[error("the opening balances of {form} are already declared; correct them instead")]
    OpeningDeclared { form: String },
    /// Events from the district that do not continue a frozen stream exactly; nothing was changed.
    #[error("import refused: {0}")]
    ImportRefused(#[from] ImportRefusal),
}

pub type Result<T> = std::result::Result<T, RegisterError>;

/// Why a follow-up step was refused, in domain terms; `message_vi` is the clerk's sentence.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FollowUpRefusal {
    #[error("visit {receipt_no} has no petition to follow up")]
    NoPetition { receipt_no: String },
    #[error("visit {receipt_no} is cancelled")]
    Cancelled { receipt_no: String },
    #[error("the date {on} is before the day of reception {received_on}")]
    BeforeReception { on: NaiveDate, received_on: NaiveDate },
    #[error("the date {on} is after today {today}")]
    InFuture { on: NaiveDate, today: NaiveDate },
    #[error("petition {receipt_no} has not been accepted for resolution")]
    NotAccepted { receipt_no: String },
    #[error("petition {receipt_no} is already resolved")]
    AlreadyResolved { receipt_no: String },
    #[error("petition {receipt_no} has no recorded transfer")]
    NoTransfer { receipt_no: String },
    #[error("{0}")]
    Deadline(DeadlineError),
    #[error("repeat link refused: {0}")]
    RepeatLink(String),
    #[error("deadline rules refused: {0}")]
    Rules(String),
    #[error("petition {receipt_no} has no complaint decision to carry out")]
    NoDecision { receipt_no: String },
    #[error("the date {on} is before the decision of {decided_on}")]
    BeforeDecision { on: NaiveDate, decided_on: NaiveDate },
}

impl FollowUpRefusal {
    pub fn message_vi(&self) -> String {
        let dmy = |d: &NaiveDate| d.format("%d/%m/%Y").to_string();
        match self {
            Self::NoPetition { receipt_no } => format!("Lượt tiếp {receipt_no} không có đơn để theo dõi."),
            Self::Cancelled { receipt_no } => format!("Lượt tiếp {receipt_no} đã bị hủy."),
            Self::BeforeReception { on, received_on } => {
                format!("Ngày {} trước ngày tiếp nhận {}.", dmy(on), dmy(received_on))
            }
            Self::InFuture { on, .. } => format!("Ngày {} chưa đến.", dmy(on)),
            Self::NotAccepted { receipt_no } => format!("Đơn {receipt_no} chưa được thụ lý."),
            Self::AlreadyResolved { receipt_no } => format!("Đơn {receipt_no} đã giải quyết xong."),
            Self::NoTransfer { receipt_no } => format!("Đơn {receipt_no} chưa được chuyển."),
            Self::Deadline(e) => e.message_vi(),
            Self::RepeatLink(why) => format!("Không liên kết được lượt tiếp: {why}"),
            Self::Rules(why) => format!("Bộ quy định thời hạn không hợp lệ: {why}"),
            Self::NoDecision { receipt_no } => {
                format!("Đơn {receipt_no} chưa có quyết định giải quyết khiếu nại để thi hành.")
            }
            Self::BeforeDecision { on, decided_on } => {
                format!("Ngày {} trước ngày ra quyết định {}.", dmy(on), dmy(decided_on))
            }
        }
    }
}

/// Why a batch was refused. Nothing was changed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportRefusal {
    #[error("stream {stream} is not a stream of this register")]
    UnknownStream { stream: StreamId },
    #[error("stream {stream} is the open stream: only a frozen (restored) stream takes events back")]
    NotFrozen { stream: StreamId },
    #[error("event {seq} belongs to stream {found}, not to {stream}")]
    WrongStream { stream: StreamId, seq: u64, found: StreamId },
    #[error("event {found} does not follow the stream's event {}: {expected} is missing", expected - 1)]
    Gap { expected: u64, found: u64 },
    #[error("event {seq} does not continue the chain (its chain hash does not seal the event before it)")]
    BrokenChain { seq: u64 },
    #[error("event {seq} differs from the event {seq} this register holds")]
    Differs { seq: u64 },
    #[error("event {seq} was altered: its content does not match its hash or its columns")]
    Tampered { seq: u64 },
    #[error("event {seq} ({kind}) cannot be applied: {why}")]
    Unappliable { seq: u64, kind: String, why: String },
    #[error("event {seq} records receipt {receipt_no}, which this register already gave to another visit")]
    ReceiptTaken { seq: u64, receipt_no: String },
}
