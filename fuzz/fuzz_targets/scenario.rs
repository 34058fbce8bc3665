//! Whole scenarios: documents' fetches at increasing times against a server's answers (up to
//! 10,000 headers a request or route), driven through the state machine and followed URL by URL:
//! preflight gating (a request that is not simple goes out only after a successful preflight that
//! allowed it, or on live cache entries of the same partition, origin, URL and credentials),
//! nothing after a failed preflight, redirects (`Location`, method, headers, no `Authorization`
//! to another origin, `Origin: null` after taint, at most 20), credentials, response types and
//! readable headers; then run again for the same outcome
//! (`cors_sim::testing::invariants::check_scenario`).
#![no_main]

use cors_sim_fuzz::input::ScenarioInput;
use cors_sim_fuzz::invariants::check_scenario;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: ScenarioInput| {
    check_scenario(&input.profile, &input.scenario);
});
