//! `cargo run -p tiepdan-desk --features ts --bin export-bindings -- DIR` writes the UI's generated
//! TypeScript into DIR (normally `ui/src/api`): the types into `DIR/bindings/` and the command table
//! into `DIR/commands.ts`. With `-- --check DIR` it writes nothing: it holds the committed
//! `DIR/commands.ts` and `capabilities/main.json` against the Rust commands and names every command
//! and argument that disagree. `ui/scripts/bindings.sh` runs it both ways.

use std::path::Path;
use std::process::ExitCode;
use tiepdan_desk::surface;

fn main() -> ExitCode {
    let args: Vec<_> = std::env::args_os().skip(1).collect();
    let outcome = match args.as_slice() {
        [flag, dir] if flag == "--check" => check(Path::new(dir)),
        [dir] => write(Path::new(dir)),
        _ => Err(vec!["usage: export-bindings [--check] DIR".into()]),
    };
    match outcome {
        Ok(done) => {
            println!("export-bindings: {done}");
            ExitCode::SUCCESS
        }
        Err(problems) => {
            for problem in problems {
                eprintln!("export-bindings: {problem}");
            }
            ExitCode::FAILURE
        }
    }
}

fn write(dir: &Path) -> Result<String, Vec<String>> {
    tiepdan_desk::bindings::export_all(&dir.join("bindings")).map_err(|e| vec![e.to_string()])?;
    let (text, entries) = surface::generate(dir)?;
    let path = dir.join("commands.ts");
    std::fs::write(&path, text).map_err(|e| vec![format!("{}: {e}", path.display())])?;
    Ok(format!("{} commands written to {}", entries.len(), path.display()))
}

fn check(dir: &Path) -> Result<String, Vec<String>> {
    let typescript = surface::check_typescript(dir);
    let capability = surface::check_capability();
    let mut problems = Vec::new();
    if let Err(found) = &typescript {
        problems.extend(found.iter().map(|p| format!("{}: {p}", dir.join("commands.ts").display())));
        problems.push("regenerate it: cd ui && npm run bindings".into());
    }
    problems.extend(capability.err().unwrap_or_default());
    match typescript {
        Ok(count) if problems.is_empty() => {
            Ok(format!("{count} commands agree with commands.ts and the capability"))
        }
        _ => Err(problems),
    }
}
