//! The desk's command surface: what the window may call, with which arguments, and what it gets
//! back. Its one source is the `#[tauri::command]` functions under `src/commands/` ([`parse`]).
//! From them build.rs registers the handler (`generate_handler!`) and the app manifest, [`typescript`]
//! writes `ui/src/api/commands.ts`, and [`check`] fails when the committed commands.ts or
//! `capabilities/main.json` disagree with them.
//!
//! Compiled only for the bindings generator (feature `ts`) and the tests: the app never reads its
//! own source.

pub mod check;
pub mod parse;
pub mod typescript;

#[cfg(test)]
mod tests;

use std::path::{Path, PathBuf};

/// This crate's folder: the commands, the capability file and (one up) the UI are found from it.
fn crate_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The UI's api folder: `commands.ts` and the ts-rs `bindings/`.
pub fn ui_api_dir() -> PathBuf {
    crate_dir().join("../ui/src/api")
}

/// The commands as Rust defines them today.
pub fn commands() -> Result<Vec<parse::Command>, Vec<String>> {
    parse::read_commands(&crate_dir().join("src/commands")).map_err(|e| vec![e])
}

/// The text `commands.ts` must have, with the generated types found in `api_dir/bindings/`.
pub fn generate(api_dir: &Path) -> Result<(String, Vec<typescript::Entry>), Vec<String>> {
    let bindings = api_dir.join("bindings");
    let has_binding = |name: &str| bindings.join(format!("{name}.ts")).is_file();
    let (entries, used) = typescript::entries(&commands()?, &has_binding)?;
    Ok((typescript::render(&entries, &used), entries))
}

/// The committed `api_dir/commands.ts` against the Rust commands; the number of commands if they agree.
pub fn check_typescript(api_dir: &Path) -> Result<usize, Vec<String>> {
    let (generated, entries) = generate(api_dir)?;
    let path = api_dir.join("commands.ts");
    let committed = std::fs::read_to_string(&path).map_err(|e| vec![format!("{}: {e}", path.display())])?;
    check::typescript(&committed, &generated, &entries)?;
    Ok(entries.len())
}

/// `capabilities/main.json` against the Rust commands.
pub fn check_capability() -> Result<(), Vec<String>> {
    let path = crate_dir().join("capabilities/main.json");
    let json = std::fs::read_to_string(&path).map_err(|e| vec![format!("{}: {e}", path.display())])?;
    check::capability(&json, &commands()?)
}
