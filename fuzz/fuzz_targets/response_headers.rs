//! The response headers a browser reads (`Access-Control-Allow-*`, `-Expose-Headers`,
//! `-Max-Age`, `Origin`, `Content-Type`, `Location`): list parsing, max-age under every profile
//! and the CORS check, against the standard's rules
//! (`cors_sim::testing::invariants::check_response_headers`).
#![no_main]

use cors_sim_fuzz::input::decode_response_headers;
use cors_sim_fuzz::invariants::check_response_headers;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| check_response_headers(&decode_response_headers(data)));
