//! The argument names the command surface reads from the source (src/surface/parse.rs) are the keys
//! Tauri itself reads: camelCase unless the command says `rename_all = "snake_case"`. Pinned against
//! the real IPC, so a Tauri upgrade that changed its rule fails here instead of in the window, where a
//! wrong key only shows as a missing argument at run time.

use heck::{ToLowerCamelCase, ToSnakeCase};
use serde_json::{Map, Value};
use tauri::test::{mock_builder, mock_context, noop_assets};

#[path = "../../src/surface/parse.rs"]
#[allow(dead_code, reason = "only the argument names are checked here, not the types or the module path")]
pub(crate) mod parse;

/// The commands, compiled as Tauri sees them and kept as text for the surface's reader.
macro_rules! commands_and_source {
    ($($command:item)*) => {
        $($command)*
        const SOURCE: &str = stringify!($($command)*);
    };
}

commands_and_source! {
    #[tauri::command]
    fn by_default(visit_id: String, within_days: u32) -> String {
        format!("{visit_id} {within_days}")
    }

    #[tauri::command(rename_all = "snake_case")]
    fn kept_as_written(visit_id: String, within_days: u32) -> String {
        format!("{visit_id} {within_days}")
    }
}

fn call(
    window: &tauri::WebviewWindow<tauri::test::MockRuntime>,
    command: &str,
    keys: &[String],
) -> Result<Value, Value> {
    let args: Map<String, Value> =
        keys.iter().zip([Value::from("V-1"), Value::from(7)]).map(|(k, v)| (k.clone(), v)).collect();
    super::call(window, command, Value::Object(args))
}

#[test]
fn the_window_s_keys_the_surface_reads_are_the_ones_tauri_accepts() {
    let app = mock_builder()
        .invoke_handler(tauri::generate_handler![by_default, kept_as_written])
        .build(mock_context(noop_assets()))
        .expect("build the app on the mock runtime");
    let window = super::window(&app, "main");

    let commands = parse::parse_source(SOURCE, &[]).expect("the surface reads the commands");
    assert_eq!(commands.len(), 2);
    for command in &commands {
        let keys: Vec<String> = command.args.iter().map(|a| a.name.clone()).collect();
        assert_eq!(
            call(&window, &command.name, &keys),
            Ok(Value::from("V-1 7")),
            "{} with {keys:?}",
            command.name
        );

        // The other casing is refused: the test would pass vacuously if Tauri read either.
        let other: Vec<String> = keys
            .iter()
            .map(|k| if k.contains('_') { k.to_lower_camel_case() } else { k.to_snake_case() })
            .collect();
        assert_ne!(other, keys);
        assert!(call(&window, &command.name, &other).is_err(), "{} must not accept {other:?}", command.name);
    }
    let keys: Vec<Vec<String>> =
        commands.iter().map(|c| c.args.iter().map(|a| a.name.clone()).collect()).collect();
    assert_eq!(keys, [vec!["visitId", "withinDays"], vec!["visit_id", "within_days"]]);
}
