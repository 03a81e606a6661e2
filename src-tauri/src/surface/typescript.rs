//! Writes `ui/src/api/commands.ts` from the commands: the `Commands` table (each command's arguments
//! under the keys Tauri reads, their types and the result's, in the TypeScript ts-rs generates into
//! `bindings/`) and one typed function per command, so the UI cannot name a command, an argument or
//! a type that Rust does not have. One line per command keeps the table readable in a diff and lets
//! the drift check read it back ([`super::check`]).

use super::parse::Command;
use heck::ToLowerCamelCase;
use std::collections::BTreeSet;
use syn::{GenericArgument, PathArguments, Type};

/// One command as the table writes it: TypeScript text for each argument and for the result.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub name: String,
    pub args: Vec<(String, String)>,
    pub result: String,
}

/// How a command without arguments is typed: no key may be sent.
pub const NO_ARGS: &str = "Record<string, never>";

const HEADER: &str = "\
// Generated from the #[tauri::command] functions in src-tauri/src/commands/ by `npm run bindings`
// (src-tauri/src/surface/). Do not edit: change the Rust command and regenerate. `npm run
// check:bindings` and `cargo test -p tiepdan-desk` fail when this file and the commands disagree.
";

/// The table's entries, and the generated types they use. `has_binding` says whether ts-rs wrote
/// `bindings/<Name>.ts`; every problem found is reported, naming the command and argument.
pub fn entries(
    commands: &[Command],
    has_binding: &dyn Fn(&str) -> bool,
) -> Result<(Vec<Entry>, BTreeSet<String>), Vec<String>> {
    let mut used = BTreeSet::new();
    let mut problems = Vec::new();
    let mut entries = Vec::new();
    for command in commands {
        let mut typed = |what: String, ty: &Type| {
            ts_type(ty, has_binding, &mut used).unwrap_or_else(|e| {
                problems.push(format!("command `{}`, {what}: {e}", command.name));
                String::new()
            })
        };
        let args =
            command.args.iter().map(|a| (a.name.clone(), typed(format!("argument `{}`", a.name), &a.ty)));
        let args = args.collect();
        let result = typed("result".into(), &command.result);
        entries.push(Entry { name: command.name.clone(), args, result });
    }
    if problems.is_empty() {
        Ok((entries, used))
    } else {
        Err(problems)
    }
}

/// The TypeScript of the arguments object: what `Commands[K]["args"]` is.
pub fn args_type(args: &[(String, String)]) -> String {
    if args.is_empty() {
        return NO_ARGS.to_string();
    }
    let fields: Vec<String> = args.iter().map(|(name, ty)| format!("{name}: {ty}")).collect();
    format!("{{ {} }}", fields.join("; "))
}

/// The table line of one command; [`super::check`] reads these back.
pub fn table_line(entry: &Entry) -> String {
    format!("  {}: {{ args: {}; result: {} }};", entry.name, args_type(&entry.args), entry.result)
}

/// The whole of `commands.ts`.
pub fn render(entries: &[Entry], used: &BTreeSet<String>) -> String {
    let mut out = String::from(HEADER);
    for name in used {
        out += &format!("import type {{ {name} }} from \"./bindings/{name}\";\n");
    }
    out += "\n/** What each command takes and gives back, under the name and keys Tauri reads. */\n";
    out += "export interface Commands {\n";
    for entry in entries {
        out += &table_line(entry);
        out += "\n";
    }
    out += "}\n\nexport type CommandName = keyof Commands;\n\n";
    out +=
        "/** Sends one command: desk.ts gives its `call`, which also turns a failure into a DeskError. */\n";
    out += "export type Send = <K extends CommandName>(command: K, args: Commands[K][\"args\"]) => \
            Promise<Commands[K][\"result\"]>;\n\n";
    out += "/** One function per command, named after it in camelCase (`record_visit` → `recordVisit`). */\n";
    out += "export function commandFunctions(send: Send) {\n  return {\n";
    for entry in entries {
        let function = entry.name.to_lower_camel_case();
        out += &if entry.args.is_empty() {
            format!("    {function}: () => send(\"{}\", {{}}),\n", entry.name)
        } else {
            format!(
                "    {function}: (args: Commands[\"{0}\"][\"args\"]) => send(\"{0}\", args),\n",
                entry.name
            )
        };
    }
    out += "  };\n}\n";
    out
}

/// The TypeScript for a Rust type as serde_json carries it. Named types are the ones ts-rs exports
/// under the same name; anything else this does not know is refused rather than typed `any`.
fn ts_type(
    ty: &Type,
    has_binding: &dyn Fn(&str) -> bool,
    used: &mut BTreeSet<String>,
) -> Result<String, String> {
    let path = match ty {
        Type::Reference(r) => return ts_type(&r.elem, has_binding, used),
        Type::Paren(p) => return ts_type(&p.elem, has_binding, used),
        Type::Tuple(t) if t.elems.is_empty() => return Ok("null".into()),
        Type::Path(p) if p.qself.is_none() => &p.path,
        _ => return Err("a type the command surface cannot write in TypeScript".into()),
    };
    let last = path.segments.last().ok_or("an empty type path")?;
    let name = last.ident.to_string();
    let generics: Vec<&Type> = match &last.arguments {
        PathArguments::None => Vec::new(),
        PathArguments::AngleBracketed(a) => a
            .args
            .iter()
            .filter_map(|g| if let GenericArgument::Type(t) = g { Some(t) } else { None })
            .collect(),
        PathArguments::Parenthesized(_) => return Err(format!("`{name}(…)` cannot be sent as JSON")),
    };
    match (name.as_str(), generics.as_slice()) {
        ("Option", [inner]) => Ok(format!("{} | null", ts_type(inner, has_binding, used)?)),
        ("Vec", [inner]) => Ok(format!("Array<{}>", ts_type(inner, has_binding, used)?)),
        ("String" | "str", []) => Ok("string".into()),
        ("bool", []) => Ok("boolean".into()),
        // JSON numbers. 64-bit ones too: ids and counts stay far below 2^53, and the generated
        // types say `number` for them as well (`#[ts(type = "number")]`).
        (
            "u8" | "u16" | "u32" | "u64" | "usize" | "i8" | "i16" | "i32" | "i64" | "isize" | "f32" | "f64",
            [],
        ) => Ok("number".into()),
        // chrono's serde form, "YYYY-MM-DD", as ts-rs's chrono-impl types it.
        ("NaiveDate", []) => Ok("string".into()),
        (_, []) if has_binding(&name) => {
            used.insert(name.clone());
            Ok(name)
        }
        (_, []) => Err(format!("`{name}` has no generated binding: export it in src-tauri/src/bindings.rs")),
        _ => Err(format!("`{name}<…>` is not a type the command surface knows how to write in TypeScript")),
    }
}
