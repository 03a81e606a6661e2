//! Reads the desk's commands from their source: every `#[tauri::command]` function under
//! `src/commands/`, the names the window must give its arguments, and the Rust types it sends and
//! gets back. Tauri names the arguments itself (camelCase unless the attribute says
//! `rename_all = "snake_case"`), so this mirrors its rules rather than trusting a hand-kept list.
//!
//! build.rs includes this file with `#[path]` to register and permit exactly these commands, so it
//! depends on std, syn and heck only, never on the rest of this crate.

use heck::{ToLowerCamelCase, ToSnakeCase};
use std::path::{Path, PathBuf};
use syn::ext::IdentExt;
use syn::punctuated::Punctuated;
use syn::{Attribute, Expr, ExprLit, FnArg, GenericArgument, Item, ItemFn, Lit, Meta, Pat, PathArguments};
use syn::{ReturnType, Token, Type};

/// One command as the window sees it.
#[derive(Clone)]
pub struct Command {
    /// The modules under `commands`, outermost first (`["visits"]`).
    pub module: Vec<String>,
    /// The name the window invokes it by: the function's name.
    pub name: String,
    /// What the window sends, in order. Arguments Tauri fills in itself (`State`, `AppHandle`, …)
    /// are not here.
    pub args: Vec<Arg>,
    /// What a success gives back: `T` of `Result<T, CommandError>`, or `()`.
    pub result: Type,
}

/// One argument the window sends.
#[derive(Clone)]
pub struct Arg {
    /// The key Tauri reads it from.
    pub name: String,
    pub ty: Type,
}

impl Command {
    /// The path `generate_handler!` names it by, from the crate root.
    pub fn rust_path(&self) -> String {
        let mut path = vec!["commands".to_string()];
        path.extend(self.module.iter().cloned());
        path.push(self.name.clone());
        path.join("::")
    }
}

/// Arguments Tauri supplies from the app rather than from the window's JSON.
const INJECTED: &[&str] =
    &["State", "AppHandle", "Window", "Webview", "WebviewWindow", "Request", "CommandScope", "GlobalScope"];

/// The error type every command fails with: the UI reads it as `{code, message, problems}`.
const COMMAND_ERROR: &str = "CommandError";

/// Every command under `dir` (normally `src/commands`), read from `dir/mod.rs` and the modules it
/// declares, in declaration order.
pub fn read_commands(dir: &Path) -> Result<Vec<Command>, String> {
    let mut commands = Vec::new();
    read_file(&dir.join("mod.rs"), dir, &mut Vec::new(), &mut commands)?;
    Ok(commands)
}

/// The commands of one file's source, as if it were the module `module` (no submodule files are
/// read): what the tests feed the checks.
pub fn parse_source(source: &str, module: &[String]) -> Result<Vec<Command>, String> {
    let file = syn::parse_file(source).map_err(|e| located(Path::new("<source>"), &e))?;
    let mut commands = Vec::new();
    let mut module = module.to_vec();
    read_items(&file.items, Path::new("<source>"), Path::new("<source>"), &mut module, &mut commands)?;
    Ok(commands)
}

fn read_file(
    file: &Path,
    children: &Path,
    module: &mut Vec<String>,
    out: &mut Vec<Command>,
) -> Result<(), String> {
    let source = std::fs::read_to_string(file).map_err(|e| format!("{}: {e}", file.display()))?;
    let parsed = syn::parse_file(&source).map_err(|e| located(file, &e))?;
    read_items(&parsed.items, file, children, module, out)
}

/// `children` is the folder this file's `mod x;` items live in.
fn read_items(
    items: &[Item],
    file: &Path,
    children: &Path,
    module: &mut Vec<String>,
    out: &mut Vec<Command>,
) -> Result<(), String> {
    for item in items {
        match item {
            Item::Fn(f) if f.attrs.iter().any(is_command) => {
                out.push(command(f, module).map_err(|e| located(file, &e))?);
            }
            Item::Mod(m) if !is_test_only(&m.attrs) => {
                // A cfg'd module or one at another #[path] would be registered where it does not exist.
                if let Some(attr) =
                    m.attrs.iter().find(|a| a.path().is_ident("cfg") || a.path().is_ident("path"))
                {
                    let e = syn::Error::new_spanned(attr, "the command surface reads plain `mod` items only");
                    return Err(located(file, &e));
                }
                let name = m.ident.unraw().to_string();
                module.push(name.clone());
                let inner = children.join(&name);
                match &m.content {
                    Some((_, items)) => read_items(items, file, &inner, module, out)?,
                    None => read_file(&module_file(children, &name)?, &inner, module, out)?,
                }
                module.pop();
            }
            _ => {}
        }
    }
    Ok(())
}

fn module_file(children: &Path, name: &str) -> Result<PathBuf, String> {
    let flat = children.join(format!("{name}.rs"));
    let nested = children.join(name).join("mod.rs");
    match (flat.exists(), nested.exists()) {
        (true, _) => Ok(flat),
        (false, true) => Ok(nested),
        (false, false) => {
            Err(format!("module `{name}`: neither {} nor {} exists", flat.display(), nested.display()))
        }
    }
}

fn is_command(attr: &Attribute) -> bool {
    let path: Vec<String> = attr.path().segments.iter().map(|s| s.ident.to_string()).collect();
    path == ["tauri", "command"] || path == ["command"]
}

fn is_test_only(attrs: &[Attribute]) -> bool {
    attrs.iter().any(|a| a.path().is_ident("cfg") && a.parse_args::<syn::Ident>().is_ok_and(|i| i == "test"))
}

fn command(f: &ItemFn, module: &[String]) -> Result<Command, syn::Error> {
    if let Some(cfg) = f.attrs.iter().find(|a| a.path().is_ident("cfg")) {
        return Err(syn::Error::new_spanned(
            cfg,
            "a cfg'd command would be registered where it does not exist",
        ));
    }
    let snake_case =
        snake_case_arguments(f.attrs.iter().find(|a| is_command(a)).expect("a command attribute"))?;
    let mut args = Vec::new();
    for input in &f.sig.inputs {
        let FnArg::Typed(typed) = input else {
            return Err(syn::Error::new_spanned(input, "a command takes no self"));
        };
        if is_injected(&typed.ty) {
            continue;
        }
        let Pat::Ident(ident) = typed.pat.as_ref() else {
            return Err(syn::Error::new_spanned(
                &typed.pat,
                "give the argument a plain name: it is the window's key",
            ));
        };
        let rust_name = ident.ident.unraw().to_string();
        // The same conversions as tauri-macros: the window's key is the Rust name, re-cased.
        let name = if snake_case { rust_name.to_snake_case() } else { rust_name.to_lower_camel_case() };
        args.push(Arg { name, ty: (*typed.ty).clone() });
    }
    Ok(Command {
        module: module.to_vec(),
        name: f.sig.ident.unraw().to_string(),
        args,
        result: success_type(&f.sig.output)?,
    })
}

/// Whether `#[tauri::command(...)]` keeps the arguments' snake_case names (Tauri's default is
/// camelCase). Attributes this reader does not model are refused rather than guessed at.
fn snake_case_arguments(attr: &Attribute) -> Result<bool, syn::Error> {
    let Meta::List(_) = &attr.meta else { return Ok(false) };
    let mut snake_case = false;
    attr.parse_args_with(|input: syn::parse::ParseStream| {
        while !input.is_empty() {
            if input.parse::<Option<Token![async]>>()?.is_none() {
                let meta: Meta = input.parse()?;
                let casing = match &meta {
                    Meta::NameValue(nv) if nv.path.is_ident("rename_all") => match &nv.value {
                        Expr::Lit(ExprLit { lit: Lit::Str(s), .. }) => Some(s.value()),
                        _ => None,
                    },
                    _ => None,
                };
                snake_case = match casing.as_deref() {
                    Some("snake_case") => true,
                    Some("camelCase") => false,
                    _ => {
                        return Err(syn::Error::new_spanned(
                            meta,
                            "the command surface reads only `rename_all`",
                        ))
                    }
                };
            }
            if !input.is_empty() {
                input.parse::<Token![,]>()?;
            }
        }
        Ok(())
    })?;
    Ok(snake_case)
}

fn is_injected(ty: &Type) -> bool {
    let ty = match ty {
        Type::Reference(r) => r.elem.as_ref(),
        other => other,
    };
    match ty {
        Type::Path(p) => {
            p.path.segments.last().is_some_and(|s| INJECTED.contains(&s.ident.to_string().as_str()))
        }
        _ => false,
    }
}

/// `T` of `Result<T, CommandError>`; a command failing with anything else would reach the UI
/// without the code it branches on.
fn success_type(output: &ReturnType) -> Result<Type, syn::Error> {
    let ty = match output {
        ReturnType::Default => {
            return Ok(Type::Tuple(syn::TypeTuple {
                paren_token: Default::default(),
                elems: Punctuated::new(),
            }))
        }
        ReturnType::Type(_, ty) => ty.as_ref(),
    };
    let Type::Path(path) = ty else { return Ok(ty.clone()) };
    let Some(last) = path.path.segments.last().filter(|s| s.ident == "Result") else { return Ok(ty.clone()) };
    let generics: Vec<&Type> = match &last.arguments {
        PathArguments::AngleBracketed(a) => a
            .args
            .iter()
            .filter_map(|g| if let GenericArgument::Type(t) = g { Some(t) } else { None })
            .collect(),
        _ => Vec::new(),
    };
    match generics.as_slice() {
        [ok, Type::Path(err)] if err.path.segments.last().is_some_and(|s| s.ident == COMMAND_ERROR) => {
            Ok((*ok).clone())
        }
        _ => Err(syn::Error::new_spanned(ty, format!("a command returns Result<T, {COMMAND_ERROR}>"))),
    }
}

fn located(file: &Path, e: &syn::Error) -> String {
    let at = e.span().start();
    format!("{}:{}:{}: {e}", file.display(), at.line, at.column + 1)
}
