//! Checks `cors_sim::origin::Origin::of_url` against every origin-bearing entry of WPT's
//! `urltestdata.json`, as extracted into `spec-vectors/wpt-url-origins.json` by
//! `scripts/gen_wpt_url_origins.py`.

use cors_sim::origin::Origin;
use serde::Deserialize;
use url::Url;

/// The `cors-vectors/1` file.
#[derive(Deserialize)]
struct VectorFile {
    format: String,
    vectors: Vec<Vector>,
}

/// One vector of kind `origin`.
#[derive(Deserialize)]
struct Vector {
    id: String,
    kind: String,
    input: String,
    base: Option<String>,
    expect: Expect,
}

/// The expected origin.
#[derive(Deserialize)]
struct Expect {
    serialization: String,
    opaque: bool,
}

/// Parses `input` against `base` as the URL parser would, or says why it could not.
fn parse_url(input: &str, base: Option<&str>) -> Result<Url, String> {
    let base = base
        .map(Url::parse)
        .transpose()
        .map_err(|e| format!("base does not parse: {e}"))?;
    Url::options()
        .base_url(base.as_ref())
        .parse(input)
        .map_err(|e| format!("input does not parse: {e}"))
}

#[test]
fn every_wpt_url_origin_vector_matches() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/spec-vectors/wpt-url-origins.json"
    );
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("reading {path}: {e}"));
    let file: VectorFile = serde_json::from_str(&text).expect("cors-vectors/1 JSON");
    assert_eq!(file.format, "cors-vectors/1");
    assert_eq!(file.vectors.len(), 393, "vector count");

    let mut failures = Vec::new();
    for vector in &file.vectors {
        assert_eq!(vector.kind, "origin", "{}", vector.id);
        let origin = match parse_url(&vector.input, vector.base.as_deref()) {
            Ok(url) => Origin::of_url(&url),
            Err(why) => {
                failures.push(format!("{}: {:?}: {why}", vector.id, vector.input));
                continue;
            }
        };
        let serialization = origin.ascii_serialization();
        if serialization != vector.expect.serialization
            || origin.is_opaque() != vector.expect.opaque
        {
            failures.push(format!(
                "{}: {:?} against {:?}: got {serialization:?} (opaque {}), expected {:?} (opaque {})",
                vector.id,
                vector.input,
                vector.base,
                origin.is_opaque(),
                vector.expect.serialization,
                vector.expect.opaque,
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
    println!("{0}/{0} WPT URL origin vectors pass", file.vectors.len());
}
