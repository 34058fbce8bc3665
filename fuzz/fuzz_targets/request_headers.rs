//! Request headers as script sets them: the CORS-safelisted request-header test (`Content-Type`
//! against the WHATWG MIME type parser), the CORS-unsafe request-header names and the `Request`
//! constructor's guards (`cors_sim::testing::invariants::check_request_headers`).
#![no_main]

use cors_sim_fuzz::input::decode_request_headers;
use cors_sim_fuzz::invariants::check_request_headers;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| check_request_headers(&decode_request_headers(data)));
