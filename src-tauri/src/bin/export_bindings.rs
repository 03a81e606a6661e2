//! `cargo run -p tiepdan-desk --features ts --bin export-bindings -- DIR` writes the UI's generated
//! TypeScript types into DIR (normally `ui/src/api/bindings`).

fn main() {
    let dir = std::env::args_os().nth(1).expect("usage: export-bindings DIR");
    if let Err(e) = tiepdan_desk::bindings::export_all(std::path::Path::new(&dir)) {
        eprintln!("export-bindings: {e}");
        std::process::exit(1);
    }
}
