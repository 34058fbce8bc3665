//! Whole scenarios: a document's fetches at increasing times against a server's answers, driven
//! through the state machine, checked step by step and run twice for the same outcome.
#![no_main]

use cors_sim_fuzz::input::ScenarioInput;
use cors_sim_fuzz::invariants::check_scenario;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: ScenarioInput| {
    check_scenario(&input.profile, &input.scenario);
});
