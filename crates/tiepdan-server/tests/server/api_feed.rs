//! Pull of the ward feed (`sync-design.md`, Pull).

use crate::support::{api, body, Server};
use reqwest::blocking::Client;

fn feed(server: &Server, cred: &str, after: u64) -> (u16, serde_json::Value) {
    let url = server.url(&format!("/api/v1/feed?after={after}&limit=2"));
    body(api(Client::new().get(url)).bearer_auth(cred).send().expect("sent"))
}

#[test]
fn a_ward_reads_its_reference_data_in_order_and_never_another_wards() {
    let server = Server::start();
    let a = server.enroll("12345", "A");
    let file = server.dir.path().join("ref.json");
    let publish = |kind: &str, data: &str, ward: Option<&str>| {
        std::fs::write(&file, data).expect("written");
        let f = file.to_str().expect("utf-8 path");
        let mut args = vec!["reference", "set", "--kind", kind, "--file", f];
        if let Some(w) = ward {
            args.extend(["--ward", w]);
        }
        server.admin(&args);
    };
    publish("agencies", r#"[{"name":"Thanh tra thành phố"}]"#, None);
    publish("holidays", r#"{"2027-02-06":"Tết"}"#, Some("67890"));
    publish("classification", r#"{"fields":["land"]}"#, Some("12345"));
    publish("agencies", r#"[{"name":"Tòa án nhân dân khu vực 1"}]"#, None);
    let (status, first) = feed(&server, &a, 0);
    assert_eq!(status, 200, "{first}");
    let kinds: Vec<_> = first["entries"].as_array().unwrap().iter().map(|e| e["kind"].clone()).collect();
    assert_eq!(kinds, ["agencies", "classification"], "ward 67890's holidays are not shown");
    assert_eq!(first["more"], true);
    let (_, second) = feed(&server, &a, first["cursor"].as_u64().unwrap());
    assert_eq!(second["entries"][0]["data"][0]["name"], "Tòa án nhân dân khu vực 1");
    assert_eq!((second["more"].as_bool(), second["cursor"].as_u64()), (Some(false), Some(4)));
    let (status, gone) = feed(&server, &a, 99);
    assert_eq!((status, gone["code"].as_str()), (410, Some("cursor_expired")));
    let snapshot = &gone["snapshot"];
    assert_eq!(snapshot["cursor"], 4);
    let names: Vec<_> = snapshot["entries"].as_array().unwrap().iter().map(|e| e["kind"].clone()).collect();
    assert_eq!(names, ["classification", "agencies"], "the latest version of every kind of this ward");
    let (status, _) = body(
        api(Client::new().get(server.url("/api/v1/feed?after=-1"))).bearer_auth(&a).send().expect("sent"),
    );
    assert_eq!(status, 400);
}
