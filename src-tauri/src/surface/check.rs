//! The drift checks: the committed `ui/src/api/commands.ts` and `capabilities/main.json` held
//! against the commands read from Rust. Every disagreement is named by command and argument, because
//! "the file differs" sends a developer hunting while "`visit_record` takes `visit`; commands.ts
//! sends `visit_id`" says what to fix. (build.rs derives the handler and the app manifest from the
//! same reading, so those two cannot disagree at all.)

use super::parse::Command;
use super::typescript::{table_line, Entry, NO_ARGS};

/// `committed` against `generated`, the text the Rust commands give today (`expected` being its table).
pub fn typescript(committed: &str, generated: &str, expected: &[Entry]) -> Result<(), Vec<String>> {
    if committed == generated {
        return Ok(());
    }
    let Some(table) = read_table(committed) else {
        return Err(vec![
            "commands.ts is not in the generated shape: its `Commands` table cannot be read back".into(),
        ]);
    };
    let mut problems = Vec::new();
    for want in expected {
        match table.iter().find(|e| e.name == want.name) {
            None => problems.push(format!(
                "command `{}` is missing from commands.ts: the window has no typed way to call it",
                want.name
            )),
            Some(have) => compare(have, want, &mut problems),
        }
    }
    for have in &table {
        if !expected.iter().any(|e| e.name == have.name) {
            problems.push(format!(
                "commands.ts names command `{}`, which no #[tauri::command] under src-tauri/src/commands/ defines",
                have.name
            ));
        }
    }
    if problems.is_empty() {
        problems.push("commands.ts differs from the generated file outside the commands' table".into());
    }
    Err(problems)
}

fn compare(have: &Entry, want: &Entry, problems: &mut Vec<String>) {
    let command = &want.name;
    let before = problems.len();
    for (name, ty) in &want.args {
        match have.args.iter().find(|(n, _)| n == name) {
            None => problems.push(format!(
                "command `{command}` takes argument `{name}` ({ty}), which commands.ts does not send"
            )),
            Some((_, have_ty)) if have_ty != ty => problems.push(format!(
                "command `{command}`, argument `{name}`: commands.ts types it `{have_ty}`, Rust takes `{ty}`"
            )),
            Some(_) => {}
        }
    }
    for (name, _) in &have.args {
        if !want.args.iter().any(|(n, _)| n == name) {
            problems.push(format!(
                "command `{command}`: commands.ts sends argument `{name}`, which the Rust command does not take"
            ));
        }
    }
    if have.result != want.result {
        problems.push(format!(
            "command `{command}`: commands.ts expects `{}` back, Rust gives `{}`",
            have.result, want.result
        ));
    }
    if problems.len() == before && have.args != want.args {
        problems.push(format!("command `{command}`: commands.ts lists its arguments in another order"));
    }
}

/// The `Commands` table of a commands.ts in the generated shape, one [`table_line`] per command.
fn read_table(text: &str) -> Option<Vec<Entry>> {
    let start = text.find("export interface Commands {\n")?;
    let body = &text[start..];
    let body = &body[body.find('\n')? + 1..body.find("\n}")?];
    body.lines().map(read_line).collect()
}

fn read_line(line: &str) -> Option<Entry> {
    let (name, rest) = line.trim().split_once(": { args: ")?;
    let rest = rest.strip_suffix(" };")?;
    // The last one: an argument may itself be called `result`.
    let (args, result) = rest.rsplit_once("; result: ")?;
    let args = if args == NO_ARGS {
        Vec::new()
    } else {
        let fields = args.strip_prefix("{ ")?.strip_suffix(" }")?;
        fields
            .split("; ")
            .map(|f| f.split_once(": ").map(|(n, t)| (n.to_string(), t.to_string())))
            .collect::<Option<Vec<_>>>()?
    };
    let entry = Entry { name: name.to_string(), args, result: result.to_string() };
    // Read back only what the generator would have written, so a hand-edited line is not misread.
    (table_line(&entry) == line).then_some(entry)
}

/// The permission Tauri generates for a command (tauri-utils: `allow-` and the name with `-`).
pub fn permission(command: &str) -> String {
    format!("allow-{}", command.replace('_', "-"))
}

/// `capabilities/main.json` grants the window exactly our commands: each one (a command it lacks
/// is refused at run time), and nothing else (no plugin or core permission slips in).
pub fn capability(json: &str, commands: &[Command]) -> Result<(), Vec<String>> {
    let value: serde_json::Value =
        serde_json::from_str(json).map_err(|e| vec![format!("capabilities/main.json is not JSON: {e}")])?;
    let Some(list) = value.get("permissions").and_then(|p| p.as_array()) else {
        return Err(vec!["capabilities/main.json has no `permissions` list".into()]);
    };
    // A permission is a name, or an object naming it with a scope.
    let granted: Vec<&str> = list
        .iter()
        .filter_map(|p| p.as_str().or_else(|| p.get("identifier").and_then(|i| i.as_str())))
        .collect();
    let mut problems = Vec::new();
    for command in commands {
        let wanted = permission(&command.name);
        if !granted.contains(&wanted.as_str()) {
            problems.push(format!(
                "command `{}` is not allowed in capabilities/main.json: add \"{wanted}\", or the window's calls are refused",
                command.name
            ));
        }
    }
    for grant in &granted {
        if !commands.iter().any(|c| permission(&c.name) == *grant) {
            problems.push(format!(
                "capabilities/main.json grants `{grant}`, which is none of the desk's commands: the window gets those and nothing else"
            ));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}
