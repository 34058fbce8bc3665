//! The `Content-Type` rule of Fetch's "CORS-safelisted request-header" against
//! `spec-vectors/wpt-mime-types.json`: web-platform-tests' MIME type parsing inputs, with
//! expectations derived from WPT's expected parse results by `scripts/gen_wpt_mime_types.py`.

use cors_sim::safelist::is_cors_safelisted_request_header;
use serde::Deserialize;

#[derive(Deserialize)]
struct File {
    format: String,
    vectors: Vec<Vector>,
}

#[derive(Deserialize)]
struct Vector {
    id: String,
    kind: String,
    description: String,
    name: String,
    value: Value,
    expect: Expect,
}

/// A header value: a string, or `{"bytes": "<hex>"}` for bytes that are not UTF-8.
#[derive(Deserialize)]
#[serde(untagged)]
enum Value {
    Text(String),
    Bytes { bytes: String },
}

#[derive(Deserialize)]
struct Expect {
    safelisted: bool,
}

fn value_bytes(value: &Value) -> Vec<u8> {
    match value {
        Value::Text(text) => text.as_bytes().to_vec(),
        Value::Bytes { bytes } => {
            assert!(bytes.len() % 2 == 0, "odd-length hex {bytes:?}");
            (0..bytes.len())
                .step_by(2)
                .map(|i| u8::from_str_radix(&bytes[i..i + 2], 16).expect("hex digits"))
                .collect()
        }
    }
}

#[test]
fn wpt_mime_types_content_type_safelist() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/spec-vectors/wpt-mime-types.json"
    );
    let text = std::fs::read_to_string(path).expect("read the vector file");
    let file: File = serde_json::from_str(&text).expect("parse the vector file");
    assert_eq!(file.format, "cors-vectors/1");

    let mut failures = Vec::new();
    let mut safelisted = 0;
    for vector in &file.vectors {
        assert_eq!(vector.kind, "request-header", "{}", vector.id);
        let value = value_bytes(&vector.value);
        let got = is_cors_safelisted_request_header(vector.name.as_bytes(), &value);
        safelisted += usize::from(vector.expect.safelisted);
        if got != vector.expect.safelisted {
            failures.push(format!(
                "{}: {}: {:?} expected safelisted={} got {}",
                vector.id,
                vector.description,
                value.escape_ascii().to_string(),
                vector.expect.safelisted,
                got
            ));
        }
    }
    for failure in &failures {
        eprintln!("{failure}");
    }
    assert!(
        failures.is_empty(),
        "{} of {} vectors failed",
        failures.len(),
        file.vectors.len()
    );
    // The generator writes 1499 vectors, 284 of them safelisted; fewer means a truncated file.
    assert!(
        file.vectors.len() >= 1499,
        "only {} vectors",
        file.vectors.len()
    );
    assert!(safelisted >= 284, "only {safelisted} safelisted vectors");
}
