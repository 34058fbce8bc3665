//! `Origin` and `Access-Control-Allow-Origin` values, URLs and their origins: parsing and
//! serialization round-trip, and the two same-origin tests agree
//! (`cors_sim::testing::invariants::check_origin_text`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| cors_sim_fuzz::invariants::check_origin_text(data));
