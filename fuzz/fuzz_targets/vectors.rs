//! `cors-vectors/1` files (raw bytes, read as UTF-8) through the vector runner, as
//! `cors-sim vectors` runs them: `VectorFile::parse`, then `run`, twice. Checks that nothing
//! panics, that the report has one consistent outcome per vector (malformed vectors never pass,
//! repeated ids fail), that a second run gives the same verdicts, and that every line the tool
//! would print, escaped as it escapes them, holds no control character
//! (`cors_sim::testing::invariants::check_vector_file`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        cors_sim_fuzz::invariants::check_vector_file(text);
    }
});
