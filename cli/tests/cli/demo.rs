//! `cors-sim demo`: its transcript, and for each situation, the proof that what `probe` found
//! against the live server is what the engine's profile predicts for the same situation
//! described in process (a `Scenario` whose `Server` of `Route`s answers as the live one does).

use crate::support::{cors_sim, json, pairs};
use cors_sim::header::HeaderList;
use cors_sim::http::{HeaderName, Method};
use cors_sim::testing::{Bytes, Route, Scenario, Server, Step, StepRequest};
use cors_sim::{CredentialsMode, Engine, Origin, Reply, Time};
use snapbox::file;

#[test]
fn the_demo_probes_each_situation_stops_its_servers_and_exits_0() {
    cors_sim(None)
        .arg("demo")
        .assert()
        .code(0)
        .stdout_eq(file!["snapshots/demo.txt"]);
}

/// The live servers' answers, as routes: what `cors-sim demo` serves for `host`, to a request
/// from `origin`. (The allow-list answers each origin differently, so the mirror depends on
/// the origin the situation's page has.)
fn mirror(host: &str, origin: &str) -> Server {
    let route = |method: Method, path: &str, status, headers: &[(&str, &str)]| {
        Route::new(
            Some(method),
            format!("http://{host}{path}").parse().unwrap(),
            status,
            headers
                .iter()
                .map(|(n, v)| {
                    (
                        HeaderName::from_bytes(n.as_bytes()).unwrap(),
                        Bytes::from(*v),
                    )
                })
                .collect(),
        )
    };
    let json = ("content-type", "application/json");
    let acao = "access-control-allow-origin";
    let page = "http://localhost:3000";
    let routes = match host {
        "api.example.com" => vec![route(
            Method::GET,
            "/data",
            200,
            &[json, (acao, "https://yoursite.com")],
        )],
        "public-api.example.com" => vec![route(Method::GET, "/data", 200, &[json, (acao, "*")])],
        "accounts.example.com" => {
            let mut headers = vec![
                json,
                ("vary", "origin"),
                ("access-control-allow-credentials", "true"),
            ];
            if origin == page {
                headers.push((acao, page));
            }
            vec![route(Method::GET, "/me", 200, &headers)]
        }
        "todo.example.com" => vec![
            route(
                Method::OPTIONS,
                "/todos/1",
                404,
                &[(acao, page), ("allow", "PUT")],
            ),
            route(Method::PUT, "/todos/1", 200, &[json, (acao, page)]),
        ],
        "cached.example.com" => vec![
            route(
                Method::OPTIONS,
                "/todos/1",
                200,
                &[
                    ("access-control-allow-methods", "PUT"),
                    ("access-control-allow-headers", "content-type"),
                    ("access-control-max-age", "86400"),
                    (acao, page),
                    ("allow", "PUT"),
                ],
            ),
            route(Method::PUT, "/todos/1", 200, &[json, (acao, page)]),
        ],
        other => panic!("no mirror for {other}"),
    };
    Server::new(routes)
}

/// The headers that CORS reads, as `[name, value]` pairs in order.
fn cors_headers(lines: impl IntoIterator<Item = (String, String)>) -> Vec<(String, String)> {
    lines
        .into_iter()
        .filter(|(n, _)| n.starts_with("access-control-") || n == "vary")
        .collect()
}

fn list_pairs(list: &HeaderList) -> Vec<(String, String)> {
    list.iter()
        .map(|(n, v)| {
            (
                n.as_str().to_owned(),
                String::from_utf8(v.as_bytes().to_vec()).unwrap(),
            )
        })
        .collect()
}

#[test]
fn in_every_demo_situation_probe_gives_each_engine_the_verdict_its_profile_predicts() {
    let demo = json(cors_sim(None).args(["demo", "--format", "json"]));
    assert_eq!(demo["format"], "cors-sim-demo/1");
    assert_eq!(demo["exit_status"], 0);
    let situations = demo["situations"].as_array().unwrap();
    assert_eq!(situations.len(), 7);
    for situation in situations {
        let id = situation["id"].as_str().unwrap();
        let probe = &situation["probe"];
        let request = &probe["request"];
        let url: cors_sim::url::Url = request["url"].as_str().unwrap().parse().unwrap();
        let origin_text = request["origin"].as_str().unwrap();
        let server = mirror(url.host_str().unwrap(), origin_text);

        let mut step = StepRequest::new(url.as_str());
        step.method = Some(request["method"].as_str().unwrap().to_owned());
        step.headers = pairs(&request["headers"])
            .into_iter()
            .map(|(n, v)| (n, Bytes::from(v.as_str())))
            .collect();
        step.body = request["body"].as_str().map(str::to_owned);
        step.credentials = Some(
            request["credentials"]
                .as_str()
                .unwrap()
                .parse::<CredentialsMode>()
                .unwrap(),
        );
        let origin: Origin = origin_text.parse().unwrap();
        let scenario = Scenario::new(origin, server.clone(), vec![Step::new(Time::ZERO, step)]);

        for report in probe["engines"].as_array().unwrap() {
            let engine: Engine = report["engine"].as_str().unwrap().parse().unwrap();
            let exchange = scenario.run(engine.profile()).remove(0).unwrap().unwrap();
            let (verdict, reason) = match &exchange.result {
                Ok(_) => ("readable", None),
                Err(error) => ("blocked", Some(error.reason.name())),
            };
            assert_eq!(
                (
                    report["verdict"].as_str().unwrap(),
                    report["reason"].as_str()
                ),
                (verdict, reason),
                "{id}, {engine}"
            );

            // The mirror is faithful: the model sent the requests the probe sent, and the
            // mirror answers each with the live server's status and CORS headers.
            let group = probe["exchange"]
                .as_array()
                .unwrap()
                .iter()
                .find(|g| {
                    g["engines"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .any(|e| e == engine.as_str())
                })
                .unwrap();
            let hops = group["hops"].as_array().unwrap();
            assert_eq!(hops.len(), exchange.requests.len(), "{id}, {engine}");
            for (hop, sent) in hops.iter().zip(&exchange.requests) {
                assert_eq!(hop["request"]["method"], sent.method().as_str(), "{id}");
                assert_eq!(hop["request"]["url"], sent.url().as_str(), "{id}");
                assert_eq!(
                    pairs(&hop["request"]["headers"]),
                    list_pairs(sent.headers()),
                    "{id}"
                );
                let Reply::Response { status, headers } = server.answer(sent) else {
                    panic!("{id}: the mirror answers every request");
                };
                assert_eq!(hop["response"]["status"], status, "{id}, {engine}");
                assert_eq!(
                    cors_headers(pairs(&hop["response"]["headers"])),
                    cors_headers(list_pairs(&headers)),
                    "{id}, {engine}"
                );
            }
        }
    }
}
