//! The CORS-preflight cache, call by call (stores of up to 1,100 names at once, capacities up to
//! 1,024), against the standard's cache, which may drop entries early: every hit is backed by an
//! entry stored for that request and item (or `*`) and still alive, never more entries than the
//! bound, bytes than the budget or entries than were stored, and without a bound exactly the
//! standard's answers (`cors_sim::testing::invariants::check_cache_ops`).
#![no_main]

use cors_sim_fuzz::input::CacheInput;
use cors_sim_fuzz::invariants::check_cache_ops;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: CacheInput| check_cache_ops(input.policy, &input.ops));
