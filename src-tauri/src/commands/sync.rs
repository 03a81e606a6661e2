//! Sync with the district server: enrollment in Settings, the always-visible status, "Gửi ngay" and
//! "Kết thúc ngày". The engine is `tiepdan-sync`; this file only starts its [`Runner`] in the
//! background (timer-driven, so the clerk is never blocked and a failed push drains by itself),
//! asks it for a round, and says the outcome in Vietnamese. Which addresses enrollment accepts and
//! what a round delivered are the engine's verdicts (`enroll`, `send_now`), shared with the CLI.
//!
//! Network calls are blocking (reqwest's blocking client), so every command that may wait on the
//! network runs on Tauri's blocking pool, never on the window's event loop. Only the runner runs
//! rounds, so two rounds never race on one state file.

use crate::error::{CommandError, ErrorCode};
use crate::state::Desk;
use chrono::NaiveDate;
use serde::Serialize;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use tauri::State;
use tiepdan_domain::acts::Act;
use tiepdan_domain::clock::SystemClock;
use tiepdan_domain::ids::StreamId;
use tiepdan_register::Register;
use tiepdan_sync::{DayReport, Delivered, RoundReport, Runner, RunnerOptions, Status, SyncError, SyncState};

/// The desk's sync: the state file, and once the register is open, the register shared with the
/// runner and the runner itself. An encrypted register opens at the first sign-in
/// ([`DeskSync::attach`]); from then on the runner goes on through locks and sign-outs.
pub struct DeskSync {
    state_path: PathBuf,
    started: Mutex<Option<Started>>,
}

struct Started {
    register: Arc<Mutex<Register>>,
    runner: Arc<Runner>,
}

impl DeskSync {
    /// Starts the background runner on the desk's register if it is open (a plain register, at
    /// start); otherwise the first sign-in starts it.
    pub fn start(desk: &Desk) -> DeskSync {
        let sync = DeskSync { state_path: SyncState::path_in(&desk.data_dir), started: Mutex::new(None) };
        sync.attach(desk);
        sync
    }

    /// Starts the runner on the desk's register now that it is open (nothing if it already runs or
    /// the register is still closed).
    pub fn attach(&self, desk: &Desk) {
        let mut started = self.started.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if started.is_some() {
            return;
        }
        let Ok(register) = desk.shared_register() else { return };
        let options = RunnerOptions {
            observer: Some(Box::new(|result| {
                if let Err(e) = result {
                    log::info!("sync round did not complete: {e}");
                }
            })),
            ..RunnerOptions::default()
        };
        let runner = Runner::start(register.clone(), self.state_path.clone(), Arc::new(SystemClock), options);
        *started = Some(Started { register, runner: Arc::new(runner) });
    }

    fn started(&self) -> Option<(Arc<Mutex<Register>>, Arc<Runner>)> {
        let started = self.started.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        started.as_ref().map(|s| (s.register.clone(), s.runner.clone()))
    }

    fn register(&self) -> Result<Arc<Mutex<Register>>, CommandError> {
        self.started()
            .map(|(register, _)| register)
            .ok_or_else(|| CommandError::plain(ErrorCode::SignedOut, "Sổ chưa mở: hãy đăng nhập để đồng bộ."))
    }

    fn runner(&self) -> Option<Arc<Runner>> {
        self.started().map(|(_, runner)| runner)
    }

    fn status(&self) -> Result<SyncView, CommandError> {
        let register = self.register()?;
        let state = SyncState::load(&self.state_path).map_err(internal)?;
        let sending = self.runner().is_some_and(|r| r.is_sending());
        let status = tiepdan_sync::status(&*register, &state, sending).map_err(internal)?;
        let enrollment = state.enrollment.map(|e| Enrolled {
            server_url: e.server_url,
            ward_code: e.ward_code,
            ward_name: e.ward_name,
            desk: e.desk.to_string(),
            upstream_name: e.upstream_name,
        });
        Ok(SyncView { status, enrollment })
    }

    /// What the clerk calls the upstream in a sentence: its configured name once the desk knows it,
    /// "cấp trên" before (the same rule as the window's `upstream.svelte.ts`).
    fn upstream(&self) -> String {
        SyncState::load(&self.state_path)
            .ok()
            .and_then(|s| s.enrollment)
            .and_then(|e| e.upstream_name)
            .unwrap_or_else(|| UNNAMED_UPSTREAM.to_string())
    }

    fn send_now(&self) -> Result<RoundReport, SyncError> {
        match self.runner() {
            Some(runner) => runner.send_now(),
            None => Err(SyncError::State("the register is not open".into())),
        }
    }
}

/// The upstream before the desk has learnt its name (districts were abolished on 01/07/2025: no
/// level is named).
const UNNAMED_UPSTREAM: &str = "cấp trên";

/// Which district server this desk is enrolled with (never the credential).
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Enrolled {
    pub server_url: String,
    pub ward_code: String,
    pub ward_name: String,
    pub desk: String,
    /// What the server's operator calls the upstream; `None` until it says (then "cấp trên").
    pub upstream_name: Option<String>,
}

/// The status light and what Settings shows.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SyncView {
    pub status: Status,
    pub enrollment: Option<Enrolled>,
}

/// The true outcome of "Gửi ngay".
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SendOutcome {
    /// Everything local is acknowledged by the district.
    pub all_sent: bool,
    /// The clerk's sentence.
    pub message: String,
    pub view: SyncView,
}

/// The outcome of "Thử gửi lại".
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ResumeOutcome {
    /// The stream is no longer stopped (a cause still there stops it again at once).
    pub resumed: bool,
    /// The clerk's sentence.
    pub message: String,
    pub view: SyncView,
}

fn internal(e: SyncError) -> CommandError {
    log::error!("sync failure: {e}");
    refused(ErrorCode::Internal, "Không đọc được trạng thái đồng bộ. Chi tiết đã được ghi vào nhật ký.")
}

fn refused(code: ErrorCode, message: &str) -> CommandError {
    CommandError { code, message: message.to_string(), problems: Vec::new() }
}

/// A round that did not complete, in the clerk's words, naming the `upstream`; the detail goes to
/// the log.
fn why_not_sent(e: &SyncError, upstream: &str) -> String {
    log::info!("send now: {e}");
    match e {
        SyncError::NotEnrolled => format!(
            "Bàn này chưa kết nối {UNNAMED_UPSTREAM}: sổ vẫn làm việc bình thường (vào Cài đặt để đăng ký khi có mã)."
        ),
        SyncError::Offline(_) => format!(
            "Không kết nối được máy chủ {upstream}. Dữ liệu vẫn được giữ an toàn và sẽ tự gửi lại khi có mạng."
        ),
        SyncError::NeedsEnrollment(_) => format!(
            "Máy chủ {upstream} không chấp nhận bàn này nữa. Hãy xin mã đăng ký mới và đăng ký lại; dữ liệu vẫn được giữ."
        ),
        SyncError::NeedsUpdate(_) => {
            format!("Máy chủ {upstream} cần phiên bản Tiếp Dân mới hơn. Hãy cập nhật ứng dụng.")
        }
        _ => "Gửi không thành công. Chi tiết đã được ghi vào nhật ký; dữ liệu vẫn được giữ.".into(),
    }
}

async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, CommandError> + Send + 'static,
) -> Result<T, CommandError> {
    tauri::async_runtime::spawn_blocking(work)
        .await
        .unwrap_or_else(|e| Err(refused(ErrorCode::Internal, &format!("Lỗi nội bộ khi đồng bộ: {e}"))))
}

/// Shares the managed sync state with a blocking task (Tauri's `State` cannot leave the command).
fn handle<R: tauri::Runtime>(app: &tauri::AppHandle<R>) -> Result<tauri::State<'_, DeskSync>, CommandError> {
    use tauri::Manager;
    app.try_state::<DeskSync>()
        .ok_or_else(|| refused(ErrorCode::Internal, "Chức năng đồng bộ chưa được khởi động."))
}

/// Whether the signed-in officer may ask for this, by the register's permission matrix (the sync
/// itself runs whoever is signed in).
fn may<R: tauri::Runtime>(app: &tauri::AppHandle<R>, act: Act) -> Result<(), CommandError> {
    use tauri::Manager;
    app.state::<Desk>().acting(|_, actor| actor.require(act))
}

#[tauri::command(rename_all = "snake_case")]
pub async fn sync_status(sync: State<'_, DeskSync>) -> Result<SyncView, CommandError> {
    sync.status()
}

/// Exchanges the district's one-time code for this desk's credential, then syncs soon.
#[tauri::command(rename_all = "snake_case")]
pub async fn enroll_desk<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    server_url: String,
    code: String,
) -> Result<SyncView, CommandError> {
    may(&app, Act::EnrollDesk)?;
    blocking(move || {
        let sync = handle(&app)?;
        let previous =
            SyncState::load(&sync.state_path).ok().and_then(|s| s.enrollment).map(|e| e.server_url);
        // The credential is saved encrypted under the register key, so the register must be open.
        let register = sync.register()?;
        match tiepdan_sync::enroll(&*register, &sync.state_path, &server_url, &code, &SystemClock) {
            Ok(enrollment) => {
                use tauri::Manager;
                let (now, before) = (enrollment.server_url, previous.as_deref());
                app.state::<Desk>().acting(|r, actor| r.record_enrollment(actor, &now, before))?;
            }
            Err(SyncError::BadServerUrl(_)) => {
                return Err(refused(
                    ErrorCode::Invalid,
                    "Địa chỉ máy chủ phải bắt đầu bằng https:// (http:// chỉ dùng được khi máy chủ chạy \
                     ngay trên máy này), để mã đăng ký và sổ tiếp dân không đi qua mạng ở dạng đọc được.",
                ));
            }
            Err(SyncError::EnrollmentRefused(m)) => {
                log::info!("enrollment refused: {m}");
                return Err(refused(
                    ErrorCode::Refused,
                    "Mã đăng ký không đúng, đã được dùng hoặc đã hết hạn. Hãy xin cấp trên mã mới.",
                ));
            }
            Err(e) => return Err(refused(ErrorCode::Refused, &why_not_sent(&e, UNNAMED_UPSTREAM))),
        }
        if let Some(runner) = sync.runner() {
            runner.wake();
        }
        sync.status()
    })
    .await
}

/// "Thử gửi lại" beside a stream the server stopped (Settings): lifts the stop, audited, and runs a
/// round at once; the answer says whether the stream went through or stopped again.
#[tauri::command(rename_all = "snake_case")]
pub async fn resume_sync_stream<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    stream: String,
) -> Result<ResumeOutcome, CommandError> {
    may(&app, Act::EnrollDesk)?;
    let stream: StreamId =
        stream.parse().map_err(|_| refused(ErrorCode::Invalid, "Mã luồng đồng bộ không hợp lệ."))?;
    blocking(move || {
        use tauri::Manager;
        let sync = handle(&app)?;
        let runner =
            sync.runner().ok_or_else(|| refused(ErrorCode::SignedOut, "Sổ chưa mở: hãy đăng nhập."))?;
        let resumed = runner.resume(stream).map_err(internal)?;
        let Some(lifted) = resumed.lifted else {
            return Err(refused(ErrorCode::Invalid, "Luồng này không bị dừng: không có gì để gửi lại."));
        };
        let (id, reason) = (stream.to_string(), lifted.code.clone());
        app.state::<Desk>().acting(|r, actor| r.record_stream_resumed(actor, &id, &reason))?;
        let view = sync.status()?;
        let upstream = sync.upstream();
        let again = view.status.stopped.iter().find(|s| s.stream == stream);
        let message = match (again, &resumed.round) {
            (Some(stop), _) => format!("Luồng vẫn bị dừng: {}", stop.explanation),
            (None, Ok(_)) => format!("Đã gửi lại: luồng không còn bị dừng và {upstream} đã nhận được."),
            (None, Err(e)) => format!("Đã bỏ dừng luồng. {}", why_not_sent(e, &upstream)),
        };
        Ok(ResumeOutcome { resumed: again.is_none(), message, view })
    })
    .await
}

/// "Gửi ngay": one round now, and what really happened.
#[tauri::command(rename_all = "snake_case")]
pub async fn send_now<R: tauri::Runtime>(app: tauri::AppHandle<R>) -> Result<SendOutcome, CommandError> {
    may(&app, Act::SyncRegister)?;
    blocking(move || {
        let sync = handle(&app)?;
        let register = sync.register()?;
        let outcome =
            tiepdan_sync::send_now(&*register, &sync.state_path, || sync.send_now()).map_err(internal)?;
        let view = sync.status()?;
        let all_sent = outcome.all_sent();
        let upstream = sync.upstream();
        let message = match outcome.delivered {
            Delivered::All => format!("Đã gửi hết: {upstream} đã nhận mọi lượt tiếp."),
            Delivered::NeedsAttention { pending } => format!(
                "Còn {pending} bản ghi chưa gửi được: cần cán bộ quản trị máy chủ {upstream} kiểm tra (xem Cài đặt)."
            ),
            Delivered::Unconfirmed { pending } => format!("Còn {pending} bản ghi chưa được {upstream} xác nhận."),
            Delivered::NotSent(e) => why_not_sent(&e, &upstream),
        };
        Ok(SendOutcome { all_sent, message, view })
    })
    .await
}

/// "Kết thúc ngày": the day-close event, a round, and the day's summary with what reached the
/// district. `date` defaults to today in Vietnam.
#[tauri::command(rename_all = "snake_case")]
pub async fn close_day<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    date: Option<NaiveDate>,
) -> Result<DayReport, CommandError> {
    blocking(move || {
        use tauri::Manager;
        let sync = handle(&app)?;
        let register = sync.register()?;
        let date = date.unwrap_or_else(|| tiepdan_domain::clock::Clock::today(&SystemClock));
        // The close is the signed-in officer's act, checked and stamped by the register; the round
        // after it runs without the sign-in guard, so a lock is never kept waiting on the network.
        let summary = app.state::<Desk>().acting(|r, actor| r.close_day(actor, date))?;
        tiepdan_sync::report_day(&register, &sync.state_path, summary, || sync.send_now()).map_err(
            |e| match e {
                SyncError::Register(e) => CommandError::from(e),
                other => internal(other),
            },
        )
    })
    .await
}
