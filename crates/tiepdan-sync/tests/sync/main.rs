//! Sync engine tests: real registers, the real server as a `tiepdan-server` process on 127.0.0.1:0
//! (killed with SIGKILL to stop it), every scenario ending with the server-side invariant checker
//! over its store file and the desk's acknowledged marks (I6).
//!
//! Needs the server binary: `cargo test --workspace --no-run` first (the Makefile does; the helper
//! says so if it is missing).

mod calendar;
mod crash;
mod credential;
mod day;
mod faults;
mod hostile;
mod protection;
mod proxy;
mod redaction;
mod reports;
mod rounds;
mod server_kill;
mod state;
mod stops;
mod support;
