//! Entry point of the desk app; everything lives in the library so tests can build the same app.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    tiepdan_desk::run();
}
