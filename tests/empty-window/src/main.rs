//! An empty Tauri v2 window: the baseline the desk app's cold start and memory are compared with.

fn main() {
    tauri::Builder::default().run(tauri::generate_context!()).expect("the empty window failed to start");
}
