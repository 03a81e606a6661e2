//! Issue 14's abuse campaign against a real `tiepdan-server` process on 127.0.0.1 (the built
//! binary, as [`tiepdan_tests::district`] starts it): hostile requests by the hundred on every route
//! ([`campaign`]), and desks pushing while the server is flooded and read slowly ([`flood`]).
//! Figures are printed (`--nocapture`) and written down in `docs/security.md`; timings are reported,
//! never asserted. Every loop is bounded in count and in time, and only 127.0.0.1 is ever contacted.
//!
//! Needs the server binary: `cargo test --workspace --no-run` first (the helper says so if it is missing).
//! Run: `cargo test --workspace --test abuse -- --nocapture`.

mod campaign;
mod dashboard;
mod desk;
mod flood;
mod mutations;
mod reads;
mod routes;
mod wire;
