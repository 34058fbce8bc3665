//! The fuzz targets' input formats. Each decoder is total (every byte string is an input) and
//! each has an encoder it inverts, so that seeds can be written from `spec-vectors/`:
//!
//! - `response_headers`: lines separated by `\n`, each a byte choosing one of
//!   [`RESPONSE_HEADER_NAMES`] then the value;
//! - `request_headers`: lines `name:value` separated by `\n`;
//! - `cache` and `scenario`: structured inputs read through [`arbitrary::Unstructured`] — one
//!   byte per choice, big-endian integers, byte strings after their length (one byte, or 255 then
//!   two bytes).

use crate::invariants::{CacheOp, RESPONSE_HEADER_NAMES, cache_rules};
use arbitrary::{Arbitrary, Unstructured};
use cors_sim::cache::CacheRules;
use cors_sim::header::{HeaderList, HeaderValue};
use cors_sim::origin::Origin;
use cors_sim::profile::{Engine, Profile};
use cors_sim::request::{CredentialsMode, Mode, RedirectMode, RequestInit};
use cors_sim::strategies::{Answer, Route, Scenario, ServerBehaviour, Step};
use cors_sim::time::Time;
use http::{HeaderName, Method};
use std::time::Duration;
use url::Url;

/// Reads choices, numbers and byte strings from the front of the data; past its end, every
/// read gives zeros or nothing.
struct Reader<'a, 'u> {
    u: &'u mut Unstructured<'a>,
}

impl<'a> Reader<'a, '_> {
    fn array<const N: usize>(&mut self) -> [u8; N] {
        let mut bytes = [0; N];
        self.u
            .fill_buffer(&mut bytes)
            .expect("fill_buffer never fails");
        bytes
    }

    fn byte(&mut self) -> u8 {
        self.array::<1>()[0]
    }

    fn u16(&mut self) -> u16 {
        u16::from_be_bytes(self.array())
    }

    fn u32(&mut self) -> u32 {
        u32::from_be_bytes(self.array())
    }

    fn bytes(&mut self) -> &'a [u8] {
        let len = match self.byte() {
            255 => usize::from(self.u16()),
            len => usize::from(len),
        };
        self.u
            .bytes(len.min(self.u.len()))
            .expect("no more than what is left")
    }

    fn text(&mut self) -> String {
        String::from_utf8_lossy(self.bytes()).into_owned()
    }

    fn is_empty(&self) -> bool {
        self.u.is_empty()
    }
}

/// Writes what [`Reader`] reads.
#[derive(Default)]
struct Writer(Vec<u8>);

impl Writer {
    fn byte(&mut self, byte: u8) {
        self.0.push(byte);
    }

    fn u16(&mut self, n: u16) {
        self.0.extend_from_slice(&n.to_be_bytes());
    }

    fn u32(&mut self, n: u32) {
        self.0.extend_from_slice(&n.to_be_bytes());
    }

    /// Writes `bytes` (at most 65,535 of them are kept).
    fn bytes(&mut self, bytes: &[u8]) {
        let bytes = &bytes[..bytes.len().min(usize::from(u16::MAX))];
        match u8::try_from(bytes.len()) {
            Ok(len) if len < 255 => self.byte(len),
            _ => {
                self.byte(255);
                self.u16(bytes.len() as u16);
            }
        }
        self.0.extend_from_slice(bytes);
    }
}

/// Input of `response_headers`: a response header list.
pub fn decode_response_headers(data: &[u8]) -> HeaderList {
    let mut list = HeaderList::new();
    for line in data.split(|&b| b == b'\n') {
        let Some((&choice, value)) = line.split_first() else {
            continue;
        };
        let name = RESPONSE_HEADER_NAMES[usize::from(choice) % RESPONSE_HEADER_NAMES.len()];
        if let Ok(value) = HeaderValue::normalize(value) {
            list.append(HeaderName::from_static(name), value);
        }
    }
    list
}

/// The `response_headers` input for headers named by their index in [`RESPONSE_HEADER_NAMES`].
pub fn encode_response_headers(headers: &[(usize, &[u8])]) -> Vec<u8> {
    let lines: Vec<Vec<u8>> = headers
        .iter()
        .map(|&(index, value)| [&[index as u8][..], value].concat())
        .collect();
    lines.join(&b'\n')
}

/// Input of `request_headers`: header names and values as script passes them.
pub fn decode_request_headers(data: &[u8]) -> Vec<(Vec<u8>, Vec<u8>)> {
    data.split(|&b| b == b'\n')
        .filter_map(|line| {
            let colon = line.iter().position(|&b| b == b':')?;
            Some((line[..colon].to_vec(), line[colon + 1..].to_vec()))
        })
        .collect()
}

/// The `request_headers` input for these headers (names without `:`, values without `\n`).
pub fn encode_request_headers(headers: &[(Vec<u8>, Vec<u8>)]) -> Vec<u8> {
    let lines: Vec<Vec<u8>> = headers
        .iter()
        .map(|(name, value)| [&name[..], b":", value].concat())
        .collect();
    lines.join(&b'\n')
}

/// Input of `cache`: a capacity (or none), matching rules and up to 256 calls.
#[derive(Debug, Clone)]
pub struct CacheInput {
    /// The cache's capacity.
    pub capacity: Option<usize>,
    /// How it matches entries.
    pub rules: CacheRules,
    /// The calls, in order.
    pub ops: Vec<CacheOp>,
}

/// A max-age from one byte: a few seconds, minutes, zero or the largest duration.
fn max_age(byte: u8) -> Duration {
    let n = u64::from(byte & 63);
    match byte >> 6 {
        0 => Duration::from_secs(n),
        1 => Duration::from_secs(n * 60),
        2 => Duration::ZERO,
        _ => Duration::MAX,
    }
}

impl<'a> Arbitrary<'a> for CacheInput {
    fn arbitrary(u: &mut Unstructured<'a>) -> arbitrary::Result<Self> {
        let mut r = Reader { u };
        let settings = r.byte();
        let capacity = (settings & 0x80 == 0).then_some(usize::from(settings & 7));
        let rules = cache_rules(settings >> 3);
        let mut ops = Vec::new();
        while !r.is_empty() && ops.len() < 256 {
            let (kind, key, item) = (r.byte(), r.byte(), r.byte());
            let at = Duration::from_secs(u64::from(r.byte()));
            ops.push(match kind % 6 {
                0 => CacheOp::StoreMethod {
                    key,
                    item,
                    max_age: max_age(r.byte()),
                    at,
                },
                1 => CacheOp::StoreHeaderName {
                    key,
                    item,
                    max_age: max_age(r.byte()),
                    at,
                },
                2 => CacheOp::MethodMatch { key, item, at },
                3 => CacheOp::HeaderNameMatch { key, item, at },
                4 => CacheOp::ClearEntries { key },
                _ => CacheOp::Clear,
            });
        }
        Ok(Self {
            capacity,
            rules,
            ops,
        })
    }
}

/// Input of `scenario`: a whole scenario.
#[derive(Debug, Clone)]
pub struct ScenarioInput(pub Scenario);

const ENGINES: [Engine; 4] = [
    Engine::Spec,
    Engine::Chromium,
    Engine::Firefox,
    Engine::WebKit,
];
const MODES: [Mode; 4] = [Mode::Cors, Mode::NoCors, Mode::SameOrigin, Mode::Navigate];
const CREDENTIALS: [CredentialsMode; 3] = [
    CredentialsMode::Omit,
    CredentialsMode::SameOrigin,
    CredentialsMode::Include,
];
const REDIRECTS: [RedirectMode; 3] = [
    RedirectMode::Follow,
    RedirectMode::Error,
    RedirectMode::Manual,
];

fn index_of<T: PartialEq>(all: &[T], item: &T) -> u8 {
    all.iter().position(|x| x == item).expect("a listed value") as u8
}

/// The document's origin from its serialization, or from a URL; anything else is opaque.
fn origin_from(bytes: &[u8]) -> Origin {
    if let Ok(origin) = Origin::parse(bytes) {
        return origin;
    }
    std::str::from_utf8(bytes)
        .ok()
        .and_then(|text| Url::parse(text).ok())
        .map_or_else(Origin::new_opaque, |url| Origin::of_url(&url))
}

impl<'a> Arbitrary<'a> for ScenarioInput {
    fn arbitrary(u: &mut Unstructured<'a>) -> arbitrary::Result<Self> {
        let mut r = Reader { u };
        let engine = ENGINES[usize::from(r.byte()) % ENGINES.len()];
        let profile = Profile::by_name(engine.name()).expect("a modelled engine");
        let origin = origin_from(r.bytes());
        let mut routes = Vec::new();
        for _ in 0..r.byte() % 32 {
            let method = Method::from_bytes(r.bytes()).ok();
            let url = Url::parse(&r.text());
            let answer = match r.byte() {
                0 => None,
                _ => {
                    let status = r.u16();
                    let headers = (0..r.byte() % 16)
                        .filter_map(|_| {
                            let name = HeaderName::from_bytes(r.bytes());
                            let value = r.bytes().to_vec();
                            Some((name.ok()?, value))
                        })
                        .collect();
                    Some(Answer { status, headers })
                }
            };
            if let Ok(url) = url {
                routes.push(Route {
                    method,
                    url,
                    answer,
                });
            }
        }
        let mut at = Time::ZERO;
        let steps = (0..1 + r.byte() % 6)
            .map(|_| {
                at = at.saturating_add(Duration::from_millis(u64::from(r.u32())));
                let mut init = RequestInit::new(r.text()).method(r.bytes());
                for _ in 0..r.byte() % 16 {
                    init = init.header(r.bytes(), r.bytes());
                }
                let flags = r.byte();
                init.mode = MODES[usize::from(flags & 3)];
                init.credentials = CREDENTIALS[usize::from(flags >> 2 & 3) % 3];
                init.redirect = REDIRECTS[usize::from(flags >> 4 & 3) % 3];
                Step {
                    at,
                    init: init.use_cors_preflight(flags >> 6 & 1 == 1),
                }
            })
            .collect();
        Ok(Self(Scenario {
            profile,
            origin,
            server: ServerBehaviour { routes },
            steps,
        }))
    }
}

/// The `scenario` input that decodes to `scenario`, when it has at most 31 routes, each with at
/// most 15 headers, 1 to 6 steps, each with at most 15 headers, 49 days between steps and whole
/// milliseconds; else `None`.
pub fn encode_scenario(scenario: &Scenario) -> Option<Vec<u8>> {
    let mut w = Writer::default();
    w.byte(index_of(&ENGINES, &scenario.profile.engine));
    w.bytes(scenario.origin.ascii_serialization().as_bytes());
    let routes = &scenario.server.routes;
    w.byte(u8::try_from(routes.len()).ok().filter(|&n| n < 32)?);
    for route in routes {
        w.bytes(
            route
                .method
                .as_ref()
                .map_or(&[][..], |m| m.as_str().as_bytes()),
        );
        w.bytes(route.url.as_str().as_bytes());
        match &route.answer {
            None => w.byte(0),
            Some(answer) => {
                w.byte(1);
                w.u16(answer.status);
                w.byte(
                    u8::try_from(answer.headers.len())
                        .ok()
                        .filter(|&n| n < 16)?,
                );
                for (name, value) in &answer.headers {
                    w.bytes(name.as_str().as_bytes());
                    w.bytes(value);
                }
            }
        }
    }
    w.byte(
        u8::try_from(scenario.steps.len())
            .ok()
            .filter(|&n| (1..=6).contains(&n))?
            - 1,
    );
    let mut at = Time::ZERO;
    for step in &scenario.steps {
        let delay = step.at.offset().checked_sub(at.offset())?;
        at = step.at;
        w.u32(u32::try_from(delay.as_millis()).ok()?);
        let init = &step.init;
        w.bytes(init.url.as_bytes());
        w.bytes(&init.method);
        w.byte(u8::try_from(init.headers.len()).ok().filter(|&n| n < 16)?);
        for (name, value) in &init.headers {
            w.bytes(name);
            w.bytes(value);
        }
        w.byte(
            index_of(&MODES, &init.mode)
                | index_of(&CREDENTIALS, &init.credentials) << 2
                | index_of(&REDIRECTS, &init.redirect) << 4
                | u8::from(init.use_cors_preflight) << 6,
        );
    }
    Some(w.0)
}
