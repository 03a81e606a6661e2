use std::path::PathBuf;

fn schema_file() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../schema.sql")
}

/// `schema.sql` at the repository root is what people read; it must be what the migrations make.
#[test]
fn schema_sql_matches_the_migrations() {
    let migrated = tiepdan_register::migrations::migrated_schema().unwrap();
    if std::env::var_os("TIEPDAN_WRITE_SCHEMA").is_some() {
        std::fs::write(schema_file(), &migrated).unwrap();
    }
    let on_disk = std::fs::read_to_string(schema_file()).unwrap_or_default();
    assert!(
        on_disk == migrated,
        "schema.sql differs from the migrated schema; regenerate it with\n  \
         TIEPDAN_WRITE_SCHEMA=1 cargo test -p tiepdan-register schema\nand review the diff"
    );
}
