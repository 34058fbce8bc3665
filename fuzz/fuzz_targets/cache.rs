//! The CORS-preflight cache, call by call, against the standard's list of entries: no entry used
//! past its expiry, never more entries than the capacity.
#![no_main]

use cors_sim_fuzz::input::CacheInput;
use cors_sim_fuzz::invariants::check_cache_ops;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: CacheInput| check_cache_ops(input.policy, &input.ops));
