//! Every engine departure shows in the trace: for each recorded scenario, at the first step where
//! the engine's profile gives another outcome than the standard's (other requests on the wire,
//! another result, status, type or readable headers), the engine's traces of the steps so far
//! name at least one profile field as a `Departure` (a step may differ because of what an
//! earlier one left in the cache); and the standard's profile departs from nothing.

use cors_sim::testing::vectors::VectorFile;
use cors_sim::testing::{Scenario, StepResult};
use cors_sim::trace::Step;
use cors_sim::{Engine, Exchange};
use std::path::Path;

/// What a step did, as the vectors observe it.
fn observed(result: &StepResult) -> String {
    let Ok(Ok(exchange)) = result else {
        return format!("{:?}", result.as_ref().map(|r| r.as_ref().err()));
    };
    let requests: Vec<String> = exchange
        .requests
        .iter()
        .map(|r| format!("{} {} {:?}", r.method(), r.url(), r.headers()))
        .collect();
    let result = match &exchange.result {
        Ok(response) => format!(
            "{} {} {:?}",
            response.response_type(),
            response.status(),
            response.exposed_header_names()
        ),
        Err(error) => error.reason.name().to_owned(),
    };
    format!("{requests:?} {result}")
}

fn departures(exchange: &Exchange) -> Vec<&'static str> {
    exchange.trace.as_ref().unwrap().departures().collect()
}

fn scenarios(engine: Engine) -> Vec<(String, Scenario)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("spec-vectors/recorded")
        .join(engine.as_str());
    let mut scenarios = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        let file = VectorFile::parse(&text).unwrap();
        for vector in file.vectors() {
            if let Some(scenario) = vector.scenario() {
                scenarios.push((vector.id.clone(), scenario.clone()));
            }
        }
    }
    scenarios
}

#[test]
fn every_difference_from_the_standard_names_its_profile_field() {
    let mut missing = Vec::new();
    let mut differing = 0;
    for engine in Engine::ALL {
        for (id, scenario) in scenarios(engine) {
            // Each step against the standard from the same cache state: the scenario's steps
            // up to this one, under each profile, compared at the first step that differs.
            let standard = scenario.run(Engine::Spec.profile());
            let engines = scenario.run(engine.profile());
            for (index, (spec, got)) in standard.iter().zip(&engines).enumerate() {
                if observed(spec) == observed(got) {
                    continue;
                }
                differing += 1;
                let traced = engines[..=index].iter().any(|step| match step {
                    Ok(Ok(exchange)) => !departures(exchange).is_empty(),
                    _ => false,
                });
                if !traced {
                    missing.push(format!("{engine} {id} step {index}"));
                }
                // Later steps differ through the cache this one left.
                break;
            }
        }
    }
    assert!(differing > 50, "only {differing} differing vectors");
    assert!(
        missing.is_empty(),
        "{} of {differing} differing steps trace no departure:\n{}",
        missing.len(),
        missing.join("\n")
    );
}

#[test]
fn the_standard_departs_from_nothing() {
    for (id, scenario) in scenarios(Engine::Chromium) {
        for result in scenario.run(Engine::Spec.profile()) {
            if let Ok(Ok(exchange)) = result {
                assert!(
                    !exchange
                        .trace
                        .as_ref()
                        .unwrap()
                        .steps()
                        .iter()
                        .any(|s| matches!(s, Step::Departure { .. })),
                    "{id}"
                );
            }
        }
    }
}
