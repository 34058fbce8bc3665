//! `FILE#ID[@STEP]`: a scenario vector of a `cors-vectors/1` file, run as the vector runner
//! runs it (every step in order, in one browser per engine, so that the preflight cache carries
//! over), each step (or the one asked for) explained.

use super::{Answer, Explanation, Input, Outcome, Report, RequestSpec, Run};
use cors_sim::testing::vectors::{MAX_FILE_SIZE, VectorFile};
use cors_sim::testing::{Expect, Route, Server, StepRequest, document_at};
use cors_sim::url::Position;
use cors_sim::{InitiatorType, OutgoingRequest};

/// The vector `spec` (`ID` or `ID@STEP`) of `file`, explained.
pub fn explain(file: &str, spec: &str) -> Result<Report, String> {
    let (id, step) = match spec.rsplit_once('@') {
        Some((id, step)) => match step.parse::<usize>() {
            Ok(step) => (id, Some(step)),
            Err(_) => (spec, None),
        },
        None => (spec, None),
    };
    let size = std::fs::metadata(file)
        .map_err(|e| format!("cannot read {file}: {e}"))?
        .len();
    if size > MAX_FILE_SIZE as u64 {
        return Err(format!("{file} is larger than a vector file may be"));
    }
    let text = std::fs::read_to_string(file).map_err(|e| format!("cannot read {file}: {e}"))?;
    let vectors = VectorFile::parse(&text).map_err(|e| format!("{file}: {e}"))?;
    let vector = vectors
        .vectors()
        .iter()
        .find(|v| v.id == id)
        .ok_or_else(|| format!("{file} has no vector {id:?}"))?;
    let scenario = vector.scenario().ok_or_else(|| {
        format!("{file}#{id} is not a scenario vector: explain runs scenarios (fetches)")
    })?;
    if let Some(step) = step
        && step >= scenario.steps.len()
    {
        return Err(format!(
            "{file}#{id} has {} step(s), numbered from 0: there is no step {step}",
            scenario.steps.len()
        ));
    }
    let results: Vec<_> = super::ENGINES
        .iter()
        .map(|engine| (*engine, scenario.run(engine.profile())))
        .collect();
    let mut notes = Vec::new();
    let mut explanations = Vec::new();
    let wanted: Vec<usize> = match step {
        Some(step) => vec![step],
        None => (0..scenario.steps.len()).collect(),
    };
    for index in wanted {
        let step = &scenario.steps[index];
        let server = step.server.as_ref().unwrap_or(&scenario.server);
        let mut runs = Vec::new();
        let mut stopped = None;
        for (engine, steps) in &results {
            match steps.get(index) {
                Some(Ok(result)) => runs.push(run(*engine, result, server)),
                Some(Err(not_modelled)) => stopped = Some(not_modelled.to_string()),
                None => stopped = stopped.or(Some("an earlier step could not run".to_owned())),
            }
        }
        if let Some(why) = stopped {
            notes.push(format!("step {index} is not explained: {why}"));
            continue;
        }
        let origin = step.origin.as_ref().unwrap_or(&scenario.origin);
        let page = document_at(origin);
        let request = request_spec(&step.request);
        let mut explanation = Explanation::new(&request, &page, &runs, false);
        explanation.step = Some(index);
        let at = step.at.offset();
        explanation.heading = Some(if at.is_zero() {
            format!("{file}#{id}, step {index}")
        } else {
            format!("{file}#{id}, step {index}, at {} s", at.as_secs_f64())
        });
        explanation.expect = expectation(&step.expect, &vector.profile);
        explanations.push(explanation);
    }
    if explanations.is_empty() {
        return Err(format!(
            "{file}#{id}: nothing to explain ({})",
            notes.join("; ")
        ));
    }
    let exit_status = explanations
        .iter()
        .map(|e| e.status(false))
        .fold(crate::Status::Ok, super::worse);
    Ok(Report {
        format: "cors-sim-explain/1",
        input: Input::Vector {
            file: file.to_owned(),
            id: id.to_owned(),
            step,
            description: vector.description.clone(),
            profile: vector.profile.clone(),
        },
        reading: None,
        answers: Vec::new(),
        notes,
        explanations,
        exit_status,
    })
}

/// One engine's run of a step, from the scenario's result.
fn run(
    engine: cors_sim::Engine,
    result: &Result<cors_sim::Exchange, cors_sim::RequestError>,
    server: &Server,
) -> Run {
    match result {
        Err(error) => Run {
            engine,
            hops: Vec::new(),
            outcome: Outcome::Throws(error.clone()),
        },
        Ok(exchange) => Run {
            engine,
            hops: exchange
                .requests
                .iter()
                .map(|request| (request.clone(), answer(server, request)))
                .collect(),
            outcome: Outcome::Done {
                result: Box::new(exchange.result.clone()),
                trace: exchange.trace.clone().unwrap_or_default(),
            },
        },
    }
}

/// What `server` answered `request`, naming the route.
fn answer(server: &Server, request: &OutgoingRequest) -> Answer {
    let route = server
        .routes
        .iter()
        .position(|route| answers(route, request));
    let source = match route {
        Some(n) => format!("route {}", n + 1),
        None => "no route: 404".to_owned(),
    };
    Answer::from_reply(server.answer(request), &source)
}

/// Whether `route` answers `request` (as `Server::answer` picks it).
fn answers(route: &Route, request: &OutgoingRequest) -> bool {
    route.method.as_ref().is_none_or(|m| m == request.method())
        && route.url[..Position::AfterQuery] == request.url()[..Position::AfterQuery]
}

/// The step's request as `explain` shows it.
fn request_spec(step: &StepRequest) -> RequestSpec {
    let mut request = RequestSpec::new(&step.url);
    if let Some(method) = &step.method {
        request.method = method.clone();
    }
    request.headers = step
        .headers
        .iter()
        .map(|(n, v)| (n.clone(), v.0.clone()))
        .collect();
    request.body = step.body.clone();
    request.credentials = step.credentials.unwrap_or_default();
    request.mode = step.mode.unwrap_or_default();
    request.redirect = step.redirect.unwrap_or_default();
    request.use_cors_preflight = step.use_cors_preflight;
    if step.use_cors_preflight {
        request.initiator = InitiatorType::XmlHttpRequest;
    }
    request
}

/// What the step expects, in one line.
fn expectation(expect: &Expect, profile: &Result<cors_sim::Engine, String>) -> Option<String> {
    let mut parts = Vec::new();
    if let Some(result) = expect.result {
        parts.push(result.as_str().to_owned());
    }
    if let Some(error) = &expect.error {
        parts.push(error.clone());
    }
    if let Some(status) = expect.status {
        parts.push(format!("status {status}"));
    }
    if let Some(kind) = expect.response_type {
        parts.push(format!("type {}", kind.as_str()));
    }
    if let Some(preflight) = expect.preflight {
        parts.push(if preflight {
            "a preflight".to_owned()
        } else {
            "no preflight".to_owned()
        });
    }
    if let Some(headers) = &expect.exposed_headers {
        parts.push(format!("readable headers [{}]", headers.join(", ")));
    }
    if parts.is_empty() {
        return None;
    }
    let engine = match profile {
        Ok(engine) => engine.as_str().to_owned(),
        Err(name) => name.clone(),
    };
    Some(format!("{} (profile {engine})", parts.join(", ")))
}
