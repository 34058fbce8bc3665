//! Two implementations that must agree, on the same bytes:
//!
//! - the origin of a URL (`Origin::of_url`) against the `url` crate's (`Url::origin`): the same
//!   ASCII and Unicode serializations, opaqueness, and same-origin answers for two URLs on two
//!   lines, except for `blob:` URLs whose inner URL is not `http`, `https` or `file`, where the
//!   `url` crate departs from the URL standard (see `cors_sim::origin`);
//! - the `Content-Type` safelist decision (`safelist::is_cors_safelisted_request_header`)
//!   against the WHATWG MIME type parser of `data-url` used directly on the whole value, and
//!   against the `mime` crate's parser (another grammar, RFC 7231's) on the values where the two
//!   grammars agree (`cors_sim_fuzz::mime_crate`).
#![no_main]

use cors_sim_fuzz::invariants::{
    check_content_type_against_mime_parser, check_origin_against_url_crate,
};
use cors_sim_fuzz::mime_crate::check_content_type_against_mime_crate;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        check_origin_against_url_crate(text);
    }
    check_content_type_against_mime_parser(data);
    check_content_type_against_mime_crate(data);
});
