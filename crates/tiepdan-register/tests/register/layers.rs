//! The register's concerns form layers (issue 12): lib.rs's `//!` names them in one line, lowest
//! first, and no file may use a concern after its own. This reads the crate's sources and resolves
//! every `crate::…` and `super::…` path to the concern it reaches, so a lower concern importing a
//! higher one fails here, naming the file, the line and both concerns, before it becomes a circle.
//!
//! What counts is what a file names: a name lib.rs re-exports counts as the concern it comes from;
//! `crate::Register` and lib.rs's other own items may be used from anywhere but the lowest layer
//! (`error`), which must use nothing. Comments are not read. Inline modules (`mod tests { … }`) are
//! assumed to close at the end of their file, as they do in this crate, for resolving `super`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

const SRC: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/src");

/// The layer order and the crate-level names lib.rs brings in from a concern.
struct Layers {
    order: Vec<String>,
    names: BTreeMap<String, String>,
}

impl Layers {
    fn read(lib: &str) -> Layers {
        let lines: Vec<&str> =
            lib.lines().filter(|l| l.trim_start().starts_with("//!") && l.contains('←')).collect();
        assert_eq!(lines.len(), 1, "lib.rs's //! must name the layers in exactly one line joined by ←");
        let order = lines[0].trim_start().trim_start_matches("//!").split('←').map(|c| c.trim().to_string());
        let order: Vec<String> = order.collect();
        let mut names = BTreeMap::new();
        for statement in code(lib).split(';').map(str::trim) {
            let Some(path) = ["pub use ", "use "].iter().find_map(|p| statement.strip_prefix(p)) else {
                continue;
            };
            let path = path.strip_prefix("crate::").unwrap_or(path);
            let Some((concern, tree)) = path.split_once("::") else { continue };
            if order.iter().any(|c| c == concern) {
                for name in leaves(tree) {
                    names.insert(name, concern.to_string());
                }
            }
        }
        Layers { order, names }
    }

    fn rank(&self, concern: &str) -> Option<usize> {
        self.order.iter().position(|c| c == concern)
    }

    /// The concern a crate-level path starting with `first` reaches; `None` for lib.rs's own items.
    fn concern_of(&self, first: &str) -> Option<String> {
        if self.rank(first).is_some() {
            return Some(first.to_string());
        }
        self.names.get(first).cloned()
    }
}

/// The text without comments (everything after `//` on a line, doc comments included).
fn code(text: &str) -> String {
    text.lines().map(|l| l.split("//").next().unwrap_or("")).collect::<Vec<_>>().join("\n")
}

/// The names a use tree brings in: each leaf, or its alias after `as`.
fn leaves(tree: &str) -> Vec<String> {
    let spaced = tree.replace(['{', '}', ','], " , ").replace("::", " :: ");
    let tokens: Vec<&str> = spaced.split_whitespace().collect();
    let is_name = |t: &str| t.chars().all(|c| c.is_alphanumeric() || c == '_') && !matches!(t, "as" | "self");
    let leaf = |i: usize| is_name(tokens[i]) && matches!(tokens.get(i + 1), None | Some(&","));
    (0..tokens.len()).filter(|&i| leaf(i)).map(|i| tokens[i].to_string()).collect()
}

/// The first name of each item of a group `{a::b, c, d::{e, f}}` starting at `text[0] == '{'`.
fn group_heads(text: &str) -> Vec<String> {
    let (mut depth, mut heads, mut at_item) = (0usize, Vec::new(), true);
    for (i, c) in text.char_indices() {
        match c {
            '{' => {
                depth += 1;
                at_item = depth == 1;
            }
            '}' if depth == 1 => break,
            '}' => depth -= 1,
            ',' if depth == 1 => at_item = true,
            c if at_item && depth == 1 && (c.is_alphanumeric() || c == '_') => {
                heads.push(ident(&text[i..]));
                at_item = false;
            }
            _ => {}
        }
    }
    heads
}

fn ident(text: &str) -> String {
    text.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect()
}

/// The module path of a source file: `access/sealing.rs` is `[access, sealing]`, `visits/mod.rs`
/// is `[visits]`, `ward.rs` is `[ward]`.
fn module_path(rel: &str) -> Vec<String> {
    let mut parts: Vec<String> = rel.trim_end_matches(".rs").split('/').map(str::to_string).collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    parts
}

/// Every path of `text` (the file `rel` under src/) that reaches a concern above the file's own.
fn violations(layers: &Layers, rel: &str, text: &str) -> Vec<String> {
    let path = module_path(rel);
    let own = &path[0];
    let Some(own_rank) = layers.rank(own) else {
        return vec![format!(
            "src/{rel}: its concern `{own}` is not in lib.rs's layer order; place it there"
        )];
    };
    let text = code(text);
    let line_of = |at: usize| text[..at].matches('\n').count() + 1;
    // Lines opening an inline module: `super` below one of them starts one level deeper.
    let inline: Vec<usize> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| {
            let l = l.trim().trim_start_matches("pub(crate) ").trim_start_matches("pub ");
            l.starts_with("mod ") && l.ends_with('{')
        })
        .map(|(n, _)| n + 1)
        .collect();
    let mut reached: Vec<(usize, String, Option<String>)> = Vec::new();
    for (at, _) in text.match_indices("crate::") {
        if text[..at].ends_with(|c: char| c.is_alphanumeric() || c == '_') {
            continue;
        }
        let rest = &text[at + "crate::".len()..];
        let firsts = if rest.starts_with('{') { group_heads(rest) } else { vec![ident(rest)] };
        for first in firsts {
            reached.push((line_of(at), format!("crate::{first}"), layers.concern_of(&first)));
        }
    }
    for (at, _) in text.match_indices("super::") {
        if text[..at].ends_with(|c: char| c.is_alphanumeric() || c == '_' || c == ':') {
            continue; // the second `super` of a chain, or not a path of its own
        }
        let rest = &text[at..];
        let ups = rest.split("::").take_while(|s| *s == "super").count();
        let line = line_of(at);
        let depth = path.len() + inline.iter().filter(|&&opened| opened < line).count();
        if ups != depth {
            continue; // fewer: still inside the file's own concern; more: not a path rustc accepts
        }
        let first = ident(&rest["super::".len() * ups..]);
        reached.push((line, format!("{}{first}", "super::".repeat(ups)), layers.concern_of(&first)));
    }
    let mut found = Vec::new();
    for (line, shown, concern) in reached {
        let below = match &concern {
            Some(concern) => layers.rank(concern).is_some_and(|r| r <= own_rank),
            None => own_rank > 0,
        };
        if !below {
            let what = concern.unwrap_or_else(|| "lib.rs".into());
            found.push(format!("src/{rel}:{line}: `{own}` uses `{what}` ({shown}), which is above it"));
        }
    }
    found
}

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("src/ is readable") {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn crate_layers() -> Layers {
    Layers::read(&std::fs::read_to_string(Path::new(SRC).join("lib.rs")).expect("lib.rs"))
}

#[test]
fn no_concern_of_the_register_uses_one_above_it() {
    let layers = crate_layers();
    let mut files = Vec::new();
    sources(Path::new(SRC), &mut files);
    let mut found = Vec::new();
    for file in &files {
        let rel = file.strip_prefix(SRC).expect("under src/").to_string_lossy().replace('\\', "/");
        if rel != "lib.rs" {
            found.extend(violations(&layers, &rel, &std::fs::read_to_string(file).expect("readable")));
        }
    }
    assert!(files.len() > 40, "the walk found the crate's files ({} of them)", files.len());
    let order = layers.order.join(" ← ");
    assert!(found.is_empty(), "lower concerns reach up the layers {order}:\n{}", found.join("\n"));
}

#[test]
fn the_layer_order_places_every_module_lib_rs_declares_once() {
    let lib = std::fs::read_to_string(Path::new(SRC).join("lib.rs")).expect("lib.rs");
    let layers = Layers::read(&lib);
    let mut declared: Vec<String> = code(&lib)
        .lines()
        .filter_map(|l| {
            let l = l.trim_start_matches("pub(crate) ").trim_start_matches("pub ");
            l.strip_prefix("mod ")?.strip_suffix(';').map(str::to_string)
        })
        .collect();
    let mut placed = layers.order.clone();
    declared.sort();
    placed.sort();
    assert_eq!(placed, declared, "a new concern is placed in lib.rs's layer line, and only once");
}

#[test]
fn a_grouped_import_reaching_up_is_caught_item_by_item() {
    let layers = crate_layers();
    let found =
        violations(&layers, "visits/recording.rs", "use crate::{journal, restore::import, Register};");
    assert_eq!(found.len(), 1, "only `restore` is above visits: {found:?}");
    assert!(found[0].contains("`visits` uses `restore`"), "the message names both concerns: {}", found[0]);
    assert!(found[0].starts_with("src/visits/recording.rs:1:"), "and the file and line: {}", found[0]);
}

#[test]
fn a_re_exported_name_counts_as_the_concern_it_comes_from() {
    let layers = crate_layers();
    let found = violations(&layers, "access/actor.rs", "fn f(_: crate::HistoryEntry, _: crate::Register) {}");
    assert_eq!(found.len(), 1, "HistoryEntry is a visit's, Register is lib.rs's own: {found:?}");
    assert!(found[0].contains("`access` uses `visits`"), "{}", found[0]);
}

#[test]
fn super_paths_are_resolved_from_the_file_and_its_inline_modules() {
    let layers = crate_layers();
    assert!(violations(&layers, "access/sealing.rs", "use super::actor::Actor;").is_empty(), "own concern");
    let up = violations(&layers, "access/sealing.rs", "use super::super::visits::history;");
    assert_eq!(up.len(), 1, "two levels up is the crate root, then visits: {up:?}");
    let tests = "mod tests {\n    use super::decode_identity;\n}\n";
    assert!(violations(&layers, "access/sealing.rs", tests).is_empty(), "a test module's super is its file");
}

#[test]
fn error_uses_nothing_and_comments_are_not_imports() {
    let layers = crate_layers();
    let found = violations(&layers, "error.rs", "use crate::Register;\n// see crate::visits\n");
    assert_eq!(found.len(), 1, "error is the leaf, even lib.rs's own items are above it: {found:?}");
}
