//! The `tiepdan-server` command line: a thin shell over [`Store`] and [`serve`](crate::serve).
//! Errors end the process with a non-zero code and one line a person understands.

use crate::error::{Error, Result};
use crate::limits::Limits;
use crate::store::{Location, Store};
use crate::{ServeOptions, TlsFiles};
use chrono::Duration;
use clap::{Args, Parser, Subcommand};
use std::io::Read;
use std::path::PathBuf;
use std::sync::Arc;
use tiepdan_domain::clock::SystemClock;
use tiepdan_protocol::ReferenceKind;

#[derive(Debug, Parser)]
#[command(
    name = "tiepdan-server",
    version,
    about = "Máy chủ cấp trên của Tiếp Dân: nhận sổ tiếp dân của các phường"
)]
pub struct Cli {
    /// The server's store: a SQLite file (created if missing; also `sqlite:PATH`) or a PostgreSQL
    /// database (`postgres://USER@HOST:PORT/DB`; the password from PGPASSWORD when the URL has none).
    #[arg(long, global = true)]
    pub db: Option<String>,
    /// How many database connections the server may hold (PostgreSQL's pool; SQLite's readers).
    #[arg(long, global = true, default_value_t = crate::store::DEFAULT_POOL)]
    pub db_pool: u32,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the API and the dashboard.
    Serve {
        #[arg(long, default_value = "127.0.0.1:8080")]
        listen: String,
        /// PEM certificate chain for built-in TLS (with --tls-key).
        #[arg(long, requires = "tls_key")]
        tls_cert: Option<PathBuf>,
        /// PEM private key for built-in TLS (with --tls-cert).
        #[arg(long, requires = "tls_cert")]
        tls_key: Option<PathBuf>,
        /// What the wards call this upstream, shown on every desk instead of "cấp trên"
        /// (e.g. "UBND tỉnh Ninh Bình"; at most 120 characters).
        #[arg(long, value_parser = upstream_name)]
        name: Option<String>,
        /// Serve plain HTTP on an address other than loopback (credentials cross the network in
        /// clear text; logged as a warning). Without it such a listener is refused.
        #[arg(long)]
        insecure_http: bool,
        #[command(flatten)]
        behind_proxy: BehindProxy,
        #[command(flatten)]
        limits: LimitArgs,
    },
    /// Wards.
    #[command(subcommand)]
    Ward(WardCommand),
    /// Issue a one-time enrollment code for a desk of a ward.
    EnrollCode {
        #[arg(long)]
        ward: String,
        #[arg(long)]
        desk: String,
        /// How long the code stays valid, in minutes.
        #[arg(long, default_value_t = 72 * 60)]
        valid_minutes: i64,
        #[arg(long)]
        json: bool,
    },
    /// Desks.
    #[command(subcommand)]
    Desk(DeskCommand),
    /// Every ward and stream with its progress.
    Wards {
        #[arg(long)]
        json: bool,
    },
    /// Streams.
    #[command(subcommand)]
    Stream(StreamCommand),
    /// Forks waiting for district staff: both versions of every quarantined event.
    Forks {
        #[arg(long)]
        json: bool,
    },
    /// District staff accounts for the dashboard.
    #[command(subcommand)]
    User(UserCommand),
    /// Reference data sent to the wards through the feed.
    #[command(subcommand)]
    Reference(ReferenceCommand),
    /// A periodic report (01/TCD, 01/XLD…) computed from every ward's register: one row per ward
    /// and a total row.
    Report(crate::reports::cli::ReportArgs),
    /// Check the store's sync invariants (gapless chains, nothing doubled, forks kept); exit 0 if sound.
    Check,
    /// Copy a whole store into an EMPTY one (e.g. a SQLite file into PostgreSQL) while no server
    /// runs on either, then check the copy. Needs no --db.
    Copy {
        /// The store to read: a file, `sqlite:PATH` or `postgres://…`.
        #[arg(long)]
        from: String,
        /// The empty store to fill.
        #[arg(long)]
        to: String,
    },
}

/// For a server behind a TLS-terminating reverse proxy.
#[derive(Debug, Args)]
pub struct BehindProxy {
    /// Browsers reach the dashboard over HTTPS through a proxy: mark the session cookie `Secure`
    /// and name it `__Host-tiepdan_session` (automatic with built-in TLS).
    #[arg(long)]
    secure_cookie: bool,
    /// The header in which the trusted proxy puts the client's address (e.g. X-Forwarded-For; its
    /// last entry is used), for login throttling. Only set it when every request comes through
    /// that proxy: otherwise clients choose their own address.
    #[arg(long, value_name = "HEADER", value_parser = header_name)]
    client_ip_header: Option<axum::http::HeaderName>,
}

/// Resource limits of the listener (`docs/server.md`, Limits).
#[derive(Debug, Args)]
pub struct LimitArgs {
    /// Time a client has to send a request's headers (and may stay idle between requests).
    #[arg(long, value_name = "DURATION", default_value = "10s", value_parser = crate::limits::parse_duration)]
    header_timeout: std::time::Duration,
    /// Time allowed for a whole request, body included; then the answer is 503.
    #[arg(long, value_name = "DURATION", default_value = "120s", value_parser = crate::limits::parse_duration)]
    request_timeout: std::time::Duration,
    /// Connections served at once; more are closed as they arrive.
    #[arg(long, value_name = "N", default_value_t = 512, value_parser = clap::value_parser!(u32).range(1..=100_000))]
    max_connections: u32,
}

#[derive(Debug, Subcommand)]
pub enum WardCommand {
    Add {
        #[arg(long)]
        code: String,
        #[arg(long)]
        name: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum DeskCommand {
    /// Revoke every credential of the desk; its data on the desk and here is kept.
    Revoke {
        #[arg(long)]
        ward: String,
        #[arg(long)]
        desk: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum StreamCommand {
    /// After a fork: let the desk holding the stored version push again. Revoke the desk and enrol
    /// the genuine one again first, or the copy that forked will fork it again.
    Release {
        #[arg(long)]
        stream: String,
        /// Why, for the record.
        #[arg(long)]
        note: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Add a user, or set the password of an existing one (which ends that user's sessions).
    Add(UserAdd),
    /// Remove a user: no more logins, and every open session of theirs ends now.
    Remove {
        #[arg(long)]
        name: String,
    },
}

#[derive(Debug, Args)]
pub struct UserAdd {
    #[arg(long)]
    name: String,
    /// The password (visible in the process list; prefer --password-stdin).
    #[arg(long, conflicts_with = "password_stdin")]
    password: Option<String>,
    #[arg(long)]
    password_stdin: bool,
}

#[derive(Debug, Subcommand)]
pub enum ReferenceCommand {
    /// Publish a new version of one kind of reference data (a JSON file).
    Set {
        /// agencies, classification, holidays or report_calendar
        #[arg(long)]
        kind: String,
        #[arg(long)]
        file: PathBuf,
        /// Only for this ward (default: every ward).
        #[arg(long)]
        ward: Option<String>,
    },
}

fn json<T: serde::Serialize>(value: &T) -> Result<String> {
    serde_json::to_string_pretty(value).map_err(|e| Error::Internal(e.to_string()))
}

/// Runs one command; returns the process exit code.
pub fn run(cli: Cli) -> Result<i32> {
    if let Command::Copy { from, to } = &cli.command {
        return copy(from, to, cli.db_pool);
    }
    let db = cli.db.ok_or_else(|| {
        Error::BadRequest("cần --db FILE hoặc --db postgres://… (kho dữ liệu của máy chủ)".into())
    })?;
    let location = Location::parse(&db);
    if let Command::Check = cli.command {
        return Ok(match crate::invariants::check(&location) {
            Ok(r) => {
                println!(
                    "ổn: {} luồng, {} sự kiện, {} bản bị tạm giữ",
                    r.streams.len(),
                    r.events,
                    r.quarantined_versions
                );
                0
            }
            Err(problems) => {
                problems.iter().for_each(|p| println!("{p}"));
                1
            }
        });
    }
    let store = Arc::new(Store::connect(&location, cli.db_pool, Arc::new(SystemClock))?);
    match cli.command {
        Command::Serve { listen, tls_cert, tls_key, name, insecure_http, behind_proxy, limits } => {
            let tls = tls_cert.zip(tls_key).map(|(cert, key)| TlsFiles { cert, key });
            let runtime =
                tokio::runtime::Runtime::new().map_err(|e| Error::Internal(format!("runtime: {e}")))?;
            let options = ServeOptions {
                tls,
                upstream_name: name,
                insecure_http,
                secure_cookie: behind_proxy.secure_cookie,
                client_ip_header: behind_proxy.client_ip_header,
                limits: Limits {
                    header_timeout: limits.header_timeout,
                    request_timeout: limits.request_timeout,
                    max_connections: limits.max_connections as usize,
                    ..Limits::default()
                },
                ..ServeOptions::default()
            };
            runtime.block_on(crate::serve(store, &listen, options))?;
        }
        Command::Ward(WardCommand::Add { code, name }) => {
            store.add_ward(&code, &name)?;
            println!("đã thêm phường {code}");
        }
        Command::EnrollCode { ward, desk, valid_minutes, json: as_json } => {
            if valid_minutes < 0 {
                return Err(Error::BadRequest("--valid-minutes không được âm".into()));
            }
            let code = store.issue_enrollment_code(&ward, &desk, Duration::minutes(valid_minutes))?;
            if as_json {
                println!("{}", json(&code)?);
            } else {
                println!("{}", code.code);
                println!(
                    "phường {} bàn {}, dùng một lần, hết hạn {}",
                    code.ward_code, code.desk, code.expires_at
                );
            }
        }
        Command::Desk(DeskCommand::Revoke { ward, desk }) => {
            let n = store.revoke_desk(&ward, &desk)?;
            println!("đã thu hồi {n} chứng thực của phường {ward} bàn {desk}");
        }
        Command::Wards { json: as_json } => {
            let wards = store.wards()?;
            if as_json {
                println!("{}", json(&wards)?);
            } else {
                for w in &wards {
                    println!(
                        "{} {} — {} sự kiện, hôm nay {} lượt tiếp",
                        w.code, w.name, w.events_stored, w.visits_today
                    );
                    for s in &w.streams {
                        let flag = if s.quarantined { " TẠM GIỮ" } else { "" };
                        println!(
                            "  bàn {} luồng {} đã nhận {}/{}{flag}",
                            s.desk, s.stream, s.hwm, s.local_max_seq
                        );
                    }
                }
            }
        }
        Command::Stream(StreamCommand::Release { stream, note }) => {
            let n = store.release_stream(stream.trim(), &note)?;
            println!("đã mở lại luồng {stream} ({n} bản khác vẫn được lưu làm hồ sơ)");
        }
        Command::Forks { json: as_json } => {
            let forks = store.quarantine()?;
            if as_json {
                println!("{}", json(&forks)?);
            } else if forks.is_empty() {
                println!("không có luồng nào bị tạm giữ");
            } else {
                for f in &forks {
                    println!(
                        "phường {} bàn {} luồng {} số {}: đã lưu {} / bản khác {}",
                        f.ward_code,
                        f.desk,
                        f.stream,
                        f.seq,
                        f.stored_event_id,
                        f.incoming["id"].as_str().unwrap_or("?")
                    );
                }
            }
        }
        Command::User(UserCommand::Add(args)) => {
            let password = match (args.password, args.password_stdin) {
                (Some(p), _) => p,
                (None, true) => {
                    let mut p = String::new();
                    std::io::stdin().read_to_string(&mut p).map_err(|e| Error::BadRequest(e.to_string()))?;
                    p.trim_end_matches(['\r', '\n']).to_string()
                }
                (None, false) => {
                    return Err(Error::BadRequest("cần --password hoặc --password-stdin".into()))
                }
            };
            let ended = store.add_user(&args.name, &password)?;
            println!("đã lưu người dùng {} (kết thúc {ended} phiên đăng nhập)", args.name.trim());
        }
        Command::User(UserCommand::Remove { name }) => {
            let ended = store.remove_user(&name)?;
            println!("đã xóa người dùng {} (kết thúc {ended} phiên đăng nhập)", name.trim());
        }
        Command::Reference(ReferenceCommand::Set { kind, file, ward }) => {
            let kind = ReferenceKind::parse(&kind).ok_or_else(|| {
                Error::BadRequest(format!(
                    "loại \"{kind}\" không có; dùng agencies, classification, holidays hoặc report_calendar"
                ))
            })?;
            let text = std::fs::read_to_string(&file)
                .map_err(|e| Error::BadRequest(format!("không đọc được {}: {e}", file.display())))?;
            let data: serde_json::Value = serde_json::from_str(&text)
                .map_err(|e| Error::BadRequest(format!("{} không phải JSON: {e}", file.display())))?;
            let number = store.set_reference(kind, ward.as_deref(), &data)?;
            println!("đã đăng phiên bản {} (số {number} trong nguồn dữ liệu)", kind.as_str());
        }
        Command::Report(args) => print!("{}", crate::reports::cli::run(&store, args)?),
        Command::Check | Command::Copy { .. } => {}
    }
    Ok(0)
}

/// `copy`: the whole store into an empty one, then the invariant check on the result, and the two
/// stores' streams compared head for head.
fn copy(from: &str, to: &str, pool: u32) -> Result<i32> {
    let clock = Arc::new(SystemClock);
    let source = Store::connect(&Location::parse(from), pool, clock.clone())?;
    let target = Store::connect(&Location::parse(to), pool, clock)?;
    for (table, rows) in crate::store::copy::copy(&source, &target)? {
        println!("{table}: {rows}");
    }
    let checked = |store: &Store| {
        crate::invariants::check_store(store).map_err(|problems| {
            problems.iter().for_each(|p| println!("{p}"));
            Error::Internal("the copy does not pass check".into())
        })
    };
    let (before, after) = (checked(&source)?, checked(&target)?);
    if before.streams != after.streams || before.events != after.events {
        println!("the copy's streams differ from the source's");
        return Ok(1);
    }
    println!("đã chép xong và kiểm tra: {} luồng, {} sự kiện", after.streams.len(), after.events);
    Ok(0)
}

/// `--name`: the upstream's name, refused at start-up rather than shown broken on every desk.
fn upstream_name(raw: &str) -> std::result::Result<String, String> {
    tiepdan_protocol::upstream_name(raw).map_err(|e| e.to_string())
}

/// `--client-ip-header`: a valid header name.
fn header_name(raw: &str) -> std::result::Result<axum::http::HeaderName, String> {
    raw.trim().parse().map_err(|_| format!("\"{raw}\" is not an HTTP header name"))
}
