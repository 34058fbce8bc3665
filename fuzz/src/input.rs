//! The fuzz targets' input formats. Each decoder is total (every byte string is an input) and
//! each has an encoder it inverts, so that seeds can be written from `spec-vectors/`:
//!
//! - `response_headers`: lines separated by `\n`, each a byte choosing one of
//!   [`RESPONSE_HEADER_NAMES`] then the value;
//! - `request_headers`: lines `name:value` separated by `\n`;
//! - `cache` and `scenario`: structured inputs read through [`arbitrary::Unstructured`] — one
//!   byte per choice, big-endian integers, byte strings after their length (one byte, or 255 then
//!   two bytes) — into the model's types ([`CachePolicy`]; [`Scenario`], [`Server`], [`Route`],
//!   [`Step`], [`StepRequest`]).
//!
//! Small inputs stay the common case, and a few byte values reach hostile sizes: a header count
//! of 255 repeats one header up to 10,000 times (or lists 10,000 items in one value), and a
//! `cache` op stores up to 1,100 header names at once, in caches of up to 1,024 entries.

use crate::invariants::{
    CacheOp, GENERATED_NAMES, MAX_GENERATED_NAMES, RESPONSE_HEADER_NAMES, cache_policy,
};
use arbitrary::{Arbitrary, Unstructured};
use cors_sim::header::{HeaderList, HeaderValue};
use cors_sim::origin::Origin;
use cors_sim::profile::{CachePolicy, Engine, Profile};
use cors_sim::request::{CredentialsMode, Mode, RedirectMode};
use cors_sim::testing::{Bytes, Route, Scenario, Server, Step, StepRequest};
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
        let len = self.byte();
        self.bytes_of_length(len)
    }

    /// The byte string whose length byte was `len`.
    fn bytes_of_length(&mut self, len: u8) -> &'a [u8] {
        let len = match len {
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

/// Writes what [`Reader`] reads (repeated headers aside).
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

    /// Writes `bytes` (at most 65,535 of them are kept), with a one-byte length when it is
    /// below `short`.
    fn bytes_below(&mut self, bytes: &[u8], short: u8) {
        let bytes = &bytes[..bytes.len().min(usize::from(u16::MAX))];
        match u8::try_from(bytes.len()) {
            Ok(len) if len < short => self.byte(len),
            _ => {
                self.byte(255);
                self.u16(bytes.len() as u16);
            }
        }
        self.0.extend_from_slice(bytes);
    }

    /// Writes `bytes` (at most 65,535 of them are kept).
    fn bytes(&mut self, bytes: &[u8]) {
        self.bytes_below(bytes, 255);
    }

    /// Writes an origin as its serialization (lengths that stand for [`ORIGINS`] in two bytes).
    fn origin(&mut self, origin: &Origin) {
        self.bytes_below(origin.ascii_serialization().as_bytes(), FIRST_ORIGIN);
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

/// The `request_headers` input for these headers, when the format holds them: no name with `:`,
/// no value with `\n`.
pub fn encode_request_headers(headers: &[(&[u8], &[u8])]) -> Option<Vec<u8>> {
    if headers
        .iter()
        .any(|(name, value)| name.contains(&b':') || value.contains(&b'\n'))
    {
        return None;
    }
    let lines: Vec<Vec<u8>> = headers
        .iter()
        .map(|(name, value)| [name, &b":"[..], value].concat())
        .collect();
    Some(lines.join(&b'\n'))
}

/// Input of `cache`: a cache policy (its capacity, or none, and its matching rules) and up to 256
/// calls.
#[derive(Debug, Clone)]
pub struct CacheInput {
    /// The cache's policy.
    pub policy: CachePolicy,
    /// The calls, in order.
    pub ops: Vec<CacheOp>,
}

/// The capacities a `cache` input picks from (bits 0-2 of its first byte): small ones, where
/// eviction is frequent, and the engines' (Firefox's 100, the standard's and Chromium's 1,024).
const CAPACITIES: [usize; 8] = [0, 1, 2, 3, 5, 8, 100, 1024];

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

impl Reader<'_, '_> {
    /// A cache op's item: one of a few methods or names (a byte below 128), else a generated
    /// name numbered by the next fifteen bits.
    fn cache_item(&mut self) -> u16 {
        match self.byte() {
            low @ 0..128 => u16::from(low),
            high => GENERATED_NAMES + (u16::from(high & 0x7f) << 8 | u16::from(self.byte())),
        }
    }

    /// A number of header names: below 32 from one byte, or (after a byte of 255) up to
    /// [`MAX_GENERATED_NAMES`] from two more, enough to overflow the largest cache.
    fn count(&mut self) -> u16 {
        match self.byte() {
            255 => self.u16() % (MAX_GENERATED_NAMES as u16 + 1),
            n => u16::from(n % 32),
        }
    }
}

impl<'a> Arbitrary<'a> for CacheInput {
    fn arbitrary(u: &mut Unstructured<'a>) -> arbitrary::Result<Self> {
        let mut r = Reader { u };
        let settings = r.byte();
        let capacity = (settings & 0x80 == 0).then_some(CAPACITIES[usize::from(settings & 7)]);
        let policy = cache_policy(capacity, settings >> 3);
        let mut ops = Vec::new();
        while !r.is_empty() && ops.len() < 256 {
            let (kind, key) = (r.byte(), r.byte());
            ops.push(match kind % 7 {
                0 | 1 => {
                    let item = r.cache_item();
                    let at = Duration::from_secs(u64::from(r.byte()));
                    let max_age = max_age(r.byte());
                    if kind % 7 == 0 {
                        CacheOp::StoreMethod {
                            key,
                            item,
                            max_age,
                            at,
                        }
                    } else {
                        CacheOp::StoreHeaderName {
                            key,
                            item,
                            max_age,
                            at,
                        }
                    }
                }
                2 | 3 => {
                    let item = r.cache_item();
                    let at = Duration::from_secs(u64::from(r.byte()));
                    if kind % 7 == 2 {
                        CacheOp::MethodMatch { key, item, at }
                    } else {
                        CacheOp::HeaderNameMatch { key, item, at }
                    }
                }
                4 => CacheOp::ClearEntries { key },
                5 => CacheOp::Clear,
                _ => CacheOp::StoreHeaderNames {
                    key,
                    count: r.count(),
                    at: Duration::from_secs(u64::from(r.byte())),
                    max_age: max_age(r.byte()),
                },
            });
        }
        Ok(Self { policy, ops })
    }
}

/// Input of `scenario`: a whole scenario, and the profile of the browser that runs it.
///
/// The format: the engine (one byte); the document's origin (a length byte of 251 to 254 picks
/// one of four shared origins, and nothing gives an opaque one); the server; one to six steps.
/// A server is its number of routes (one byte, below 32), then each route's method (empty or
/// not a method: any), URL (a route whose URL does not parse is left out), whether it answers
/// (0: the connection fails), status and headers (their number, below 16, then name and value
/// of each; a name that is no header name leaves its header out; a count of 255 first repeats
/// one header up to 10,000 times: `Reader::headers`). A step is its delay after
/// the previous one (milliseconds, four bytes), the request's URL, method and headers (as a
/// route's), and a byte of flags: the mode (bits 0-1), credentials mode (2-3), redirect mode
/// (4-5), the use-CORS-preflight flag (6), and whether the step has a document origin or a
/// server of its own (7; then a byte saying which, bit 0 the origin and bit 1 the server, and
/// each of them).
#[derive(Debug, Clone)]
pub struct ScenarioInput {
    /// The profile of the browser.
    pub profile: Profile,
    /// The scenario.
    pub scenario: Scenario,
}

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

/// Flag bit 7 of a step: an origin or a server of its own follows.
const OWN: u8 = 0x80;

fn index_of<T: PartialEq>(all: &[T], item: &T) -> u8 {
    all.iter().position(|x| x == item).expect("a listed value") as u8
}

/// A count written in one byte, below `limit`.
fn count_below(len: usize, limit: u8) -> Option<u8> {
    u8::try_from(len).ok().filter(|&n| n < limit)
}

/// The origins a length byte of 251 to 254 stands for in place of an origin's text: the ones
/// scenarios share, so that steps from different documents meet often.
const ORIGINS: [&str; 4] = [
    "http://page.example",
    "http://other.example",
    "http://api.example",
    "https://page.example",
];

/// The first length byte that stands for one of [`ORIGINS`].
const FIRST_ORIGIN: u8 = 251;

/// A header count that announces a repeated header (then the usual count follows).
const REPEATED: u8 = 255;

/// The most headers a repeated header gives, and items a listed value holds.
pub const MAX_REPEAT: usize = 10_000;

/// The most bytes a repeated header's values add up to.
const MAX_REPEATED_BYTES: usize = 1 << 20;

/// `bytes`, followed by the decimal `n` when `numbered`.
fn numbered(bytes: &[u8], numbered: bool, n: usize) -> Vec<u8> {
    let mut out = bytes.to_vec();
    if numbered {
        out.extend_from_slice(n.to_string().as_bytes());
    }
    out
}

impl Reader<'_, '_> {
    /// A document's origin: one of [`ORIGINS`], or from its serialization, or from a URL;
    /// anything else (nothing, say) is opaque.
    fn origin(&mut self) -> Origin {
        let len = self.byte();
        let bytes = match len.checked_sub(FIRST_ORIGIN) {
            Some(i) if len != 255 => ORIGINS[usize::from(i)].as_bytes(),
            _ => self.bytes_of_length(len),
        };
        if let Ok(origin) = Origin::parse(bytes) {
            return origin;
        }
        std::str::from_utf8(bytes)
            .ok()
            .and_then(|text| Url::parse(text).ok())
            .map_or_else(Origin::new_opaque, |url| Origin::of_url(&url))
    }

    /// Headers, each name read by `parse_name` (a header it rejects is left out): up to 15, after
    /// a count below 16 (the count byte modulo 16); or, after a count of [`REPEATED`], a
    /// repeated header first — a repetition count (two bytes, at most [`MAX_REPEAT`]), a byte of
    /// flags, a name and a value — then up to 15 as usual. Flags: bit 0 numbers the names
    /// (`x-a0`, `x-a1`, …), bit 1 the values, bit 2 makes one header whose value lists the
    /// (numbered) values, separated by `,`.
    fn headers<N>(&mut self, parse_name: impl Fn(&[u8]) -> Option<N>) -> Vec<(N, Bytes)> {
        let mut count = self.byte();
        let mut headers = Vec::new();
        if count == REPEATED {
            let repeat = usize::from(self.u16()).min(MAX_REPEAT);
            let flags = self.byte();
            let (name, value) = (self.bytes(), self.bytes());
            let repeat = repeat.min(MAX_REPEATED_BYTES / (name.len() + value.len() + 6));
            let value_at = |n| numbered(value, flags & 2 != 0, n);
            if flags & 4 != 0 {
                let list: Vec<Vec<u8>> = (0..repeat).map(value_at).collect();
                headers.extend(parse_name(name).map(|name| (name, list.join(&b","[..]).into())));
            } else {
                for n in 0..repeat {
                    if let Some(name) = parse_name(&numbered(name, flags & 1 != 0, n)) {
                        headers.push((name, value_at(n).into()));
                    }
                }
            }
            count = self.byte();
        }
        headers.extend((0..count % 16).filter_map(|_| {
            let name = parse_name(self.bytes());
            let value = self.bytes().to_vec();
            Some((name?, value.into()))
        }));
        headers
    }

    fn server(&mut self) -> Server {
        let mut routes = Vec::new();
        for _ in 0..self.byte() % 32 {
            let method = Method::from_bytes(self.bytes()).ok();
            let url = Url::parse(&self.text());
            let network_error = self.byte() == 0;
            let status = self.u16();
            let headers = self.headers(|name| HeaderName::from_bytes(name).ok());
            if let Ok(url) = url {
                routes.push(Route::new(method, url, status, headers).network_error(network_error));
            }
        }
        Server::new(routes)
    }

    fn step(&mut self, at: Time) -> Step {
        let mut request = StepRequest::new(self.text());
        request.method = Some(self.text());
        request.headers = self.headers(|name| Some(String::from_utf8_lossy(name).into_owned()));
        let flags = self.byte();
        request.mode = Some(MODES[usize::from(flags & 3)]);
        request.credentials = Some(CREDENTIALS[usize::from(flags >> 2 & 3) % 3]);
        request.redirect = Some(REDIRECTS[usize::from(flags >> 4 & 3) % 3]);
        request.use_cors_preflight = flags >> 6 & 1 == 1;
        let mut step = Step::new(at, request);
        if flags & OWN != 0 {
            let own = self.byte();
            step.origin = (own & 1 != 0).then(|| self.origin());
            step.server = (own & 2 != 0).then(|| self.server());
        }
        step
    }
}

impl Writer {
    fn headers<N: AsRef<[u8]>>(&mut self, headers: &[(N, Bytes)]) -> Option<()> {
        self.byte(count_below(headers.len(), 16)?);
        for (name, value) in headers {
            self.bytes(name.as_ref());
            self.bytes(&value.0);
        }
        Some(())
    }

    fn server(&mut self, server: &Server) -> Option<()> {
        self.byte(count_below(server.routes.len(), 32)?);
        for route in &server.routes {
            self.bytes(
                route
                    .method
                    .as_ref()
                    .map_or(&[][..], |m| m.as_str().as_bytes()),
            );
            self.bytes(route.url.as_str().as_bytes());
            self.byte(u8::from(!route.network_error));
            self.u16(route.status);
            self.headers(&route.headers)?;
        }
        Some(())
    }

    fn step(&mut self, step: &Step) -> Option<()> {
        let request = &step.request;
        if request.body.is_some() || request.referrer_policy.is_some() {
            return None;
        }
        self.bytes(request.url.as_bytes());
        self.bytes(request.method.as_deref().unwrap_or("GET").as_bytes());
        self.headers(&request.headers)?;
        let own = u8::from(step.origin.is_some()) | u8::from(step.server.is_some()) << 1;
        self.byte(
            index_of(&MODES, &request.mode.unwrap_or_default())
                | index_of(&CREDENTIALS, &request.credentials.unwrap_or_default()) << 2
                | index_of(&REDIRECTS, &request.redirect.unwrap_or_default()) << 4
                | u8::from(request.use_cors_preflight) << 6
                | if own != 0 { OWN } else { 0 },
        );
        if own != 0 {
            self.byte(own);
            if let Some(origin) = &step.origin {
                self.origin(origin);
            }
            if let Some(server) = &step.server {
                self.server(server)?;
            }
        }
        Some(())
    }
}

impl<'a> Arbitrary<'a> for ScenarioInput {
    fn arbitrary(u: &mut Unstructured<'a>) -> arbitrary::Result<Self> {
        let mut r = Reader { u };
        let profile = ENGINES[usize::from(r.byte()) % ENGINES.len()].profile();
        let origin = r.origin();
        let server = r.server();
        let mut at = Time::ZERO;
        let steps = (0..1 + r.byte() % 6)
            .map(|_| {
                at = at.saturating_add(Duration::from_millis(u64::from(r.u32())));
                r.step(at)
            })
            .collect();
        Ok(Self {
            profile,
            scenario: Scenario::new(origin, server, steps),
        })
    }
}

/// The `scenario` input that decodes to `scenario` run by `engine` (up to what its runs do not
/// depend on: options left out of a request come back as their defaults, expectations are
/// dropped), when it fits the format: at most 31 routes a server, at most 15 headers a route or
/// request, 1 to 6 steps at non-decreasing whole milliseconds at most 49 days apart, no request
/// body or referrer policy; else `None`.
pub fn encode_scenario(engine: Engine, scenario: &Scenario) -> Option<Vec<u8>> {
    let mut w = Writer::default();
    w.byte(index_of(&ENGINES, &engine));
    w.origin(&scenario.origin);
    w.server(&scenario.server)?;
    w.byte(count_below(scenario.steps.len(), 7).filter(|&n| n >= 1)? - 1);
    let mut at = Time::ZERO;
    for step in &scenario.steps {
        let delay = step.at.offset().checked_sub(at.offset())?;
        if delay.subsec_nanos() % 1_000_000 != 0 {
            return None;
        }
        at = step.at;
        w.u32(u32::try_from(delay.as_millis()).ok()?);
        w.step(step)?;
    }
    Some(w.0)
}

/// Whether two scenarios run alike: the same origins and servers, and steps at the same times
/// making the same `fetch()` calls (expectations aside). A scenario and the decoding of its
/// [`encode_scenario`] do.
pub fn runs_alike(a: &Scenario, b: &Scenario) -> bool {
    let step_alike = |a: &Step, b: &Step| {
        let origin = |step: &Step| step.origin.as_ref().map(Origin::ascii_serialization);
        a.at == b.at
            && origin(a) == origin(b)
            && a.server == b.server
            && a.request.init() == b.request.init()
    };
    a.origin.ascii_serialization() == b.origin.ascii_serialization()
        && a.server == b.server
        && a.steps.len() == b.steps.len()
        && a.steps.iter().zip(&b.steps).all(|(a, b)| step_alike(a, b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_scenario_decodes_from_its_encoding() {
        let url = Url::parse("http://api.example/data").unwrap();
        let failing = Route::new(None, url.clone(), 0, Vec::new()).network_error(true);
        let mut request = StepRequest::new(url.as_str());
        request.method = Some("PUT".into());
        request.headers = vec![("X-A".into(), b"\xff".to_vec().into())];
        request.credentials = Some(CredentialsMode::Include);
        let mut step = Step::new(Time::from_millis(1500), request);
        step.origin = Some(Origin::new_opaque());
        step.server = Some(Server::new(vec![failing]));
        let first = Step::new(Time::from_millis(500), StepRequest::new("/data"));
        let origin = Origin::parse(b"http://page.example").unwrap();
        let allow = vec![(http::header::ACCESS_CONTROL_ALLOW_ORIGIN, "*".into())];
        let server = Server::new(vec![Route::new(Some(Method::GET), url, 200, allow)]);
        let scenario = Scenario::new(origin, server, vec![first, step]);

        let seed = encode_scenario(Engine::Firefox, &scenario).unwrap();
        let decoded = ScenarioInput::arbitrary_take_rest(Unstructured::new(&seed)).unwrap();
        assert_eq!(decoded.profile, Profile::firefox());
        assert!(runs_alike(&decoded.scenario, &scenario));
    }
}
