//! Reading a console message back: which engine printed it, for which reasons, naming which URL,
//! origin and value — the way back from a red line a developer pasted to the situation that
//! explains it.
//!
//! The templates are not written twice: each is the console text the crate itself renders (the
//! `console` module, in every engine's words) for a network error whose URL, origin and values
//! are markers, turned into a pattern whose holes are where the markers were. So every message
//! the crate can print is recognised, and a change of wording there changes what is recognised
//! here. Matching forgives what copying from a console changes: curly or straight quotes, line
//! breaks and runs of spaces, text before and after the message (a file and line, an older
//! engine's extra sentence). A message several reasons share (WebKit's
//! `Origin … is not allowed by Access-Control-Allow-Origin.` for a missing, a mismatched or an
//! invalid value) gives them all, for the caller to ask what would decide between them.

use crate::error::{CheckFailure, NetworkError, Reason};
use crate::profile::Engine;
use crate::request::InitiatorType;
use std::sync::OnceLock;
use url::Url;

/// A console message read back.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Recognized {
    /// The engine whose console prints it (`Engine::Spec` for this crate's neutral text).
    pub engine: Engine,
    /// The reasons that print it, with the values the message names filled in (a value the
    /// message does not show is empty).
    pub reasons: Vec<Reason>,
    /// The URL the message names (the last of a redirect chain).
    pub url: Option<String>,
    /// The URL script asked for, when the message says the request was redirected.
    pub initial_url: Option<String>,
    /// The page's origin, when the message names it.
    pub origin: Option<String>,
    /// The response's status, when the message shows it.
    pub status: Option<u16>,
    /// The API that made the request, when the message says.
    pub initiator_type: Option<InitiatorType>,
}

/// Reads `message` (one console line, or WebKit's two, as pasted): the engines and reasons whose
/// console text it is, best match first (the one whose template matches most of the message's
/// words). Empty when it is no console message this crate knows.
pub fn recognize(message: &str) -> Vec<Recognized> {
    let text = chromium_resource_as_fetch(&normalize(message)).replace(
        OLDER_NO_CORS_INFORMATION,
        " Have the server send the header with a valid value.",
    );
    let mut found: Vec<(usize, Recognized)> = Vec::new();
    for template in templates() {
        let Some((score, holes)) = template.matches(&text) else {
            continue;
        };
        let reading = template.read(&holes);
        // Templates that read the same (an engine, the same values) add their reasons.
        match found.iter_mut().find(|(_, r)| same_reading(r, &reading)) {
            Some((best, known)) => {
                *best = (*best).max(score);
                for reason in reading.reasons {
                    if !known.reasons.contains(&reason) {
                        known.reasons.push(reason);
                    }
                }
            }
            None => found.push((score, reading)),
        }
    }
    // Best first; a reading that matched less of the message than the best one is dropped.
    let best = found.iter().map(|(score, _)| *score).max().unwrap_or(0);
    found.retain(|(score, _)| *score == best);
    found.into_iter().map(|(_, reading)| reading).collect()
}

/// Whether two readings name the same engine and values (so their reasons merge).
fn same_reading(a: &Recognized, b: &Recognized) -> bool {
    a.engine == b.engine
        && a.url == b.url
        && a.initial_url == b.initial_url
        && a.origin == b.origin
        && a.status == b.status
        && a.initiator_type == b.initiator_type
}

/// What a console copy changes, undone: curly quotes made straight, every run of white space
/// (line breaks included) one space, no space at either end.
fn normalize(text: &str) -> String {
    let straight: String = text
        .chars()
        .map(|c| match c {
            '\u{2018}' | '\u{2019}' => '\'',
            '\u{201c}' | '\u{201d}' => '"',
            c => c,
        })
        .collect();
    straight.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Chromium's `kNoCorsInformation` sentence as older builds print it (`cors_error_string.cc` @
/// 1e90f27); read as the recent one.
const OLDER_NO_CORS_INFORMATION: &str = " Have the server send the header with a valid value, \
    or, if an opaque response serves your needs, set the request's mode to 'no-cors' to fetch \
    the resource with CORS disabled.";

/// Chromium names the kind of resource a blocked load was for (`Access to script at …`,
/// `Access to font at …`); the reason's text is the same as for `fetch`, so the others read as
/// `fetch`.
fn chromium_resource_as_fetch(text: &str) -> String {
    const KINDS: [&str; 7] = [
        "script",
        "font",
        "image",
        "stylesheet",
        "video",
        "audio",
        "manifest",
    ];
    let mut text = text.to_owned();
    for kind in KINDS {
        text = text.replace(&format!("Access to {kind} at '"), "Access to fetch at '");
    }
    text
}

/// Texts the engines print that the crate does not render (older builds' wordings, the
/// network line Chromium logs beside a CORS error), each with the reasons that give it, written
/// with the same markers as the rendered ones. Sources: `research/engines.md` §1.12, §2.8, §3.3
/// of the project's notes (Chromium `cors_error_string.cc` @ 1e90f27, Firefox
/// `security.properties` before `CORSMissingAllowHeaderFromPreflight2`, WebKit ≈2017
/// `CrossOriginPreflightResultCache.cpp`).
const OTHER_TEXTS: &[(Engine, &[&str], &str)] = &[
    (
        Engine::Firefox,
        &["HeaderDisallowedByPreflightResponse"],
        "Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote \
         resource at http://url.marker.invalid/u. (Reason: missing token 'VALUEMARKER' in CORS \
         header 'Access-Control-Allow-Headers' from CORS preflight channel).",
    ),
    (
        Engine::Firefox,
        &[
            "PreflightInvalidStatus",
            "PreflightDisallowedRedirect",
            "PreflightMissingAllowOriginHeader",
            "PreflightAllowOriginMismatch",
        ],
        "Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote \
         resource at http://url.marker.invalid/u. (Reason: CORS preflight channel did not \
         succeed).",
    ),
    (
        Engine::WebKit,
        &["InvalidAllowMethodsPreflightResponse"],
        "Cannot parse Access-Control-Allow-Methods response header field.",
    ),
    (
        Engine::WebKit,
        &["InvalidAllowHeadersPreflightResponse"],
        "Cannot parse Access-Control-Allow-Headers response header field.",
    ),
    (
        Engine::Chromium,
        &[
            "MissingAllowOriginHeader",
            "MultipleAllowOriginValues",
            "InvalidAllowOriginValue",
            "AllowOriginMismatch",
            "WildcardOriginNotAllowed",
            "InvalidAllowCredentials",
        ],
        "GET http://url.marker.invalid/u net::ERR_FAILED 599",
    ),
    (
        Engine::Chromium,
        &[
            "PreflightInvalidStatus",
            "PreflightMissingAllowOriginHeader",
            "PreflightAllowOriginMismatch",
            "MethodDisallowedByPreflightResponse",
            "HeaderDisallowedByPreflightResponse",
        ],
        "OPTIONS http://url.marker.invalid/u net::ERR_FAILED 599",
    ),
];

/// A hole of a template: what the message names there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Hole {
    Url,
    InitialUrl,
    Origin,
    /// The value a reason carries (a header value, method, header name or location).
    Value,
    Status,
    /// A URL's scheme.
    Scheme,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Part {
    Text(String),
    Hole(Hole),
}

/// One message the crate renders, as a pattern.
#[derive(Debug)]
struct Template {
    engine: Engine,
    /// The reason it renders (its value a marker).
    reason: Reason,
    initiator_type: InitiatorType,
    parts: Vec<Part>,
    /// How many characters of text (not holes) it has: more means more specific.
    weight: usize,
}

const URL: &str = "http://url.marker.invalid/u";
const SCHEME_URL: &str = "markscheme://url.marker.invalid/u";
const INITIAL_URL: &str = "http://initial.marker.invalid/i";
const ORIGIN: &str = "http://origin.marker.invalid";
const VALUE: &str = "VALUEMARKER";
const STATUS: u16 = 599;

impl Template {
    /// Where `text` holds this template: the weight of the match and what each hole holds.
    /// The first text part may start anywhere and anything may follow the last.
    fn matches(&self, text: &str) -> Option<(usize, Vec<(Hole, String)>)> {
        let mut holes = Vec::new();
        let first = match self.parts.first()? {
            Part::Text(first) => first,
            Part::Hole(_) => return None,
        };
        for (start, _) in text.match_indices(first.as_str()) {
            holes.clear();
            if match_from(&self.parts, &text[start..], &mut holes) {
                return Some((self.weight, holes));
            }
        }
        None
    }

    /// The reading of a match.
    fn read(&self, holes: &[(Hole, String)]) -> Recognized {
        let hole = |kind: Hole| {
            holes
                .iter()
                .find(|(h, _)| *h == kind)
                .map(|(_, text)| text.clone())
        };
        let value = hole(Hole::Value).unwrap_or_default();
        Recognized {
            engine: self.engine,
            reasons: vec![with_value(&self.reason, &value)],
            url: hole(Hole::Url),
            initial_url: hole(Hole::InitialUrl),
            origin: hole(Hole::Origin),
            // The status's digits: Chromium's network line follows them with `(OK)`.
            status: hole(Hole::Status).and_then(|s| {
                let digits = s.len() - s.trim_start_matches(|c: char| c.is_ascii_digit()).len();
                s[..digits].parse().ok()
            }),
            initiator_type: Some(self.initiator_type).filter(|_| self.names_initiator()),
        }
    }

    /// Whether the text differs by initiator type (so a match says which API it was).
    fn names_initiator(&self) -> bool {
        self.parts.iter().any(|part| match part {
            Part::Text(text) => text.contains("XMLHttpRequest") || text.contains("fetch at"),
            Part::Hole(_) => false,
        }) || self
            .parts
            .iter()
            .any(|part| matches!(part, Part::Text(text) if text.contains("Fetch API cannot load")))
    }
}

/// Whether `parts` match at the start of `text`, filling `holes`; a hole takes the shortest
/// text after which the rest matches, empty only for a value (`''` is a value a header can
/// have).
fn match_from(parts: &[Part], text: &str, holes: &mut Vec<(Hole, String)>) -> bool {
    let Some((part, rest)) = parts.split_first() else {
        return true;
    };
    match part {
        Part::Text(literal) => {
            text.starts_with(literal.as_str()) && match_from(rest, &text[literal.len()..], holes)
        }
        Part::Hole(hole) => match rest.first() {
            // A hole at the end holds the rest of the sentence.
            None => {
                let end = text.find(". ").unwrap_or(text.len());
                let taken = text[..end].trim_end_matches('.');
                if taken.is_empty() {
                    return false;
                }
                holes.push((*hole, taken.to_owned()));
                true
            }
            Some(Part::Text(next)) => {
                let empty_allowed = *hole == Hole::Value;
                for (at, _) in text
                    .match_indices(next.as_str())
                    .filter(|(at, _)| *at > 0 || empty_allowed)
                {
                    let depth = holes.len();
                    holes.push((*hole, text[..at].to_owned()));
                    if match_from(rest, &text[at..], holes) {
                        return true;
                    }
                    holes.truncate(depth);
                }
                false
            }
            Some(Part::Hole(_)) => false,
        },
    }
}

/// `reason` with `value` where its marker was.
fn with_value(reason: &Reason, value: &str) -> Reason {
    let check = |failure: &CheckFailure| {
        let value = value.to_owned();
        match failure {
            CheckFailure::MultipleAllowOriginValues { .. } => {
                CheckFailure::MultipleAllowOriginValues { value }
            }
            CheckFailure::InvalidAllowOriginValue { .. } => {
                CheckFailure::InvalidAllowOriginValue { value }
            }
            CheckFailure::AllowOriginMismatch { .. } => CheckFailure::AllowOriginMismatch { value },
            CheckFailure::InvalidAllowCredentials { .. } => {
                CheckFailure::InvalidAllowCredentials { value }
            }
            other => other.clone(),
        }
    };
    let value = value.to_owned();
    match reason {
        Reason::Check(failure) => Reason::Check(check(failure)),
        Reason::PreflightCheck(failure) => Reason::PreflightCheck(check(failure)),
        Reason::InvalidAllowMethodsPreflightResponse { .. } => {
            Reason::InvalidAllowMethodsPreflightResponse { value }
        }
        Reason::InvalidAllowHeadersPreflightResponse { .. } => {
            Reason::InvalidAllowHeadersPreflightResponse { value }
        }
        Reason::MethodDisallowedByPreflightResponse { .. } => {
            Reason::MethodDisallowedByPreflightResponse { method: value }
        }
        Reason::HeaderDisallowedByPreflightResponse { .. } => {
            Reason::HeaderDisallowedByPreflightResponse { header: value }
        }
        Reason::RedirectContainsCredentials { .. } => {
            Reason::RedirectContainsCredentials { location: value }
        }
        Reason::InvalidRedirectLocation { .. } => Reason::InvalidRedirectLocation { value },
        Reason::RedirectToNonHttpScheme { .. } => {
            Reason::RedirectToNonHttpScheme { location: value }
        }
        other => other.clone(),
    }
}

/// Every reason, its values markers.
fn reasons() -> Vec<Reason> {
    Reason::every(VALUE, STATUS)
}

/// The templates of every message the crate renders: each engine, reason, initiator type,
/// redirected or not, with a status or without.
fn templates() -> &'static [Template] {
    static TEMPLATES: OnceLock<Vec<Template>> = OnceLock::new();
    TEMPLATES.get_or_init(|| {
        let mut templates = Vec::new();
        for engine in [
            Engine::Chromium,
            Engine::Firefox,
            Engine::WebKit,
            Engine::Spec,
        ] {
            // Each reason with its value a marker, and with no value, where an empty value has
            // words of its own (`… has no Access-Control-Allow-Credentials header`).
            let empty = reasons()
                .into_iter()
                .map(|reason| with_value(&reason, ""))
                .filter(|reason| !reasons().contains(reason));
            for reason in reasons().into_iter().chain(empty) {
                for initiator_type in [InitiatorType::Fetch, InitiatorType::XmlHttpRequest] {
                    for (redirected, status) in [(false, None), (false, Some(STATUS)), (true, None)]
                    {
                        let error = marked(&reason, initiator_type, redirected, status, engine);
                        let text = error.console_message_in(engine);
                        // Each line of WebKit's two alone too: users paste one or both.
                        let mut texts = vec![text.clone()];
                        if text.contains('\n') {
                            texts.extend(text.lines().map(str::to_owned));
                        }
                        for text in texts {
                            templates.push(template(engine, &reason, initiator_type, &text));
                        }
                    }
                }
            }
        }
        for (engine, names, text) in OTHER_TEXTS {
            for reason in reasons().into_iter().filter(|r| names.contains(&r.name())) {
                templates.push(template(*engine, &reason, InitiatorType::Fetch, text));
            }
        }
        templates
    })
}

/// The template of `text` (markers where its holes are), printed by `engine` for `reason`.
fn template(
    engine: Engine,
    reason: &Reason,
    initiator_type: InitiatorType,
    text: &str,
) -> Template {
    let parts = parts(&normalize(text), reason);
    let weight = parts
        .iter()
        .map(|part| match part {
            Part::Text(text) => text.len(),
            Part::Hole(_) => 0,
        })
        .sum();
    Template {
        engine,
        reason: reason.clone(),
        initiator_type,
        parts,
        weight,
    }
}

/// A network error whose URL, origin and values are markers.
fn marked(
    reason: &Reason,
    initiator_type: InitiatorType,
    redirected: bool,
    status: Option<u16>,
    engine: Engine,
) -> NetworkError {
    let url = match reason {
        Reason::CorsDisabledScheme => SCHEME_URL,
        _ => URL,
    };
    let url = Url::parse(url).expect("a marker URL");
    let initial_url = if redirected {
        Url::parse(INITIAL_URL).expect("a marker URL")
    } else {
        url.clone()
    };
    NetworkError {
        reason: reason.clone(),
        url: url.into(),
        initial_url: initial_url.into(),
        origin: ORIGIN.to_owned(),
        initiator_type,
        status,
        engine,
    }
}

/// `text` cut into text and holes where the markers are (the longest markers first, so that a
/// URL is not read as the origin inside it).
fn parts(text: &str, reason: &Reason) -> Vec<Part> {
    let status = STATUS.to_string();
    let mut markers: Vec<(&str, Hole)> = vec![
        (SCHEME_URL, Hole::Url),
        (URL, Hole::Url),
        (INITIAL_URL, Hole::InitialUrl),
        (ORIGIN, Hole::Origin),
        (VALUE, Hole::Value),
        (status.as_str(), Hole::Status),
    ];
    if matches!(reason, Reason::CorsDisabledScheme) {
        markers.push(("markscheme", Hole::Scheme));
    }
    let mut parts = vec![Part::Text(text.to_owned())];
    for (marker, hole) in markers {
        parts = parts
            .into_iter()
            .flat_map(|part| match part {
                Part::Text(text) => split(&text, marker, hole),
                hole => vec![hole],
            })
            .collect();
    }
    parts.retain(|part| !matches!(part, Part::Text(text) if text.is_empty()));
    parts
}

/// `text` with each `marker` a hole.
fn split(text: &str, marker: &str, hole: Hole) -> Vec<Part> {
    let mut parts = Vec::new();
    let mut pieces = text.split(marker);
    parts.push(Part::Text(pieces.next().unwrap_or_default().to_owned()));
    for piece in pieces {
        parts.push(Part::Hole(hole));
        parts.push(Part::Text(piece.to_owned()));
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(reading: &Recognized) -> Vec<&'static str> {
        reading.reasons.iter().map(Reason::name).collect()
    }

    /// Every message the crate renders, for every reason, engine, initiator type, with and
    /// without a redirect and a status, reads back with its reason among the candidates, and
    /// the URL and origin it names.
    #[test]
    fn every_rendered_message_round_trips() {
        let url = Url::parse("https://api.example.com/v1/items?q=1").unwrap();
        let first = Url::parse("https://old.example.com/items").unwrap();
        let mut checked = 0;
        for engine in [
            Engine::Chromium,
            Engine::Firefox,
            Engine::WebKit,
            Engine::Spec,
        ] {
            for marker in reasons() {
                let reason = with_value(&marker, "X-Custom-Value");
                for initiator_type in [InitiatorType::Fetch, InitiatorType::XmlHttpRequest] {
                    for (redirected, status) in [(false, None), (false, Some(404)), (true, None)] {
                        let url = match reason {
                            Reason::CorsDisabledScheme => {
                                Url::parse("ftp://files.example/a").unwrap()
                            }
                            _ => url.clone(),
                        };
                        let error = NetworkError {
                            reason: reason.clone(),
                            initial_url: if redirected {
                                first.clone().into()
                            } else {
                                url.clone().into()
                            },
                            url: url.into(),
                            origin: "http://localhost:3000".into(),
                            initiator_type,
                            status,
                            engine,
                        };
                        let message = error.console_message_in(engine);
                        let readings = recognize(&message);
                        let reading = readings
                            .iter()
                            .find(|r| r.engine == engine && names(r).contains(&reason.name()))
                            .unwrap_or_else(|| panic!("{engine} {message:?}: {readings:?}"));
                        if let Some(origin) = &reading.origin {
                            assert_eq!(origin, "http://localhost:3000", "{message}");
                        }
                        if let Some(url) = &reading.url {
                            assert!(
                                [error.url.as_str(), "ftp"]
                                    .iter()
                                    .any(|u| url.starts_with(u))
                                    || error.url.as_str().contains(url.as_str()),
                                "{message}: {url}"
                            );
                        }
                        checked += 1;
                    }
                }
            }
        }
        assert_eq!(checked, 4 * Reason::NAMES.len() * 2 * 3);
    }

    /// Messages as users paste them: other quotes, line breaks, a prefix, an older sentence
    /// after, older wordings, other resource kinds, the network line beside the CORS one.
    #[test]
    fn pasted_messages_are_read() {
        let cases: &[(&str, Engine, &str)] = &[
            (
                "Access to fetch at 'https://api.example.com/v1' from origin 'https://app.example' \
                 has been blocked by CORS policy: The value of the 'Access-Control-Allow-Origin' \
                 header in the response must not be the wildcard '*' when the request's \
                 credentials mode is 'include'.",
                Engine::Chromium,
                "WildcardOriginNotAllowed",
            ),
            (
                "Access to XMLHttpRequest at 'https://api.example.com/v1' from origin \
                 'https://app.example' has been blocked by CORS policy: The value of the \
                 'Access-Control-Allow-Credentials' header in the response is '' which must be \
                 'true' when the request's credentials mode is 'include'. The credentials mode \
                 of requests initiated by the XMLHttpRequest is controlled by the withCredentials \
                 attribute.",
                Engine::Chromium,
                "InvalidAllowCredentials",
            ),
            (
                "Access to fetch at 'http://localhost:8000/items' from origin \
                 'http://localhost:5173' has been blocked by CORS policy: Method PUT is not \
                 allowed by Access-Control-Allow-Methods in preflight response.",
                Engine::Chromium,
                "MethodDisallowedByPreflightResponse",
            ),
            (
                "Access to fetch at 'https://api.example.com/' from origin 'https://a.example' \
                 has been blocked by CORS policy: The 'Access-Control-Allow-Origin' header \
                 contains multiple values 'https://a.example, https://a.example', but only one \
                 is allowed. Have the server send the header with a valid value, or, if an \
                 opaque response serves your needs, set the request's mode to 'no-cors' to fetch \
                 the resource with CORS disabled.",
                Engine::Chromium,
                "MultipleAllowOriginValues",
            ),
            (
                "Access to script at 'https://cdn.example.com/app.js' from origin \
                 'https://www.example.com' has been blocked by CORS policy: No \
                 'Access-Control-Allow-Origin' header is present on the requested resource.",
                Engine::Chromium,
                "MissingAllowOriginHeader",
            ),
            (
                "Access to fetch at 'https://api.example.com/b' (redirected from \
                 'https://api.example.com/a') from origin 'https://app.example' has been \
                 blocked by CORS policy: Response to preflight request doesn't pass access \
                 control check: Redirect is not allowed for a preflight request.",
                Engine::Chromium,
                "PreflightDisallowedRedirect",
            ),
            (
                "GET https://api.example.com/data net::ERR_FAILED 200 (OK)",
                Engine::Chromium,
                "MissingAllowOriginHeader",
            ),
            (
                "Cross-Origin Request Blocked: The Same Origin Policy disallows reading the \
                 remote resource at https://api.example.com/data. (Reason: CORS header \
                 ‘Access-Control-Allow-Origin’ does not match ‘https://other.example’).",
                Engine::Firefox,
                "AllowOriginMismatch",
            ),
            (
                "Cross-Origin Request Blocked: The Same Origin Policy disallows reading the \
                 remote resource at ‘https://api.example.com/data’. (Reason: Credential is not \
                 supported if the CORS header ‘Access-Control-Allow-Origin’ is ‘*’).",
                Engine::Firefox,
                "WildcardOriginNotAllowed",
            ),
            (
                "Cross-Origin Request Blocked: The Same Origin Policy disallows reading the \
                 remote resource at https://api.example.com/data. (Reason: Did not find method \
                 in CORS header ‘Access-Control-Allow-Methods’).",
                Engine::Firefox,
                "MethodDisallowedByPreflightResponse",
            ),
            (
                "Cross-Origin Request Blocked: The Same Origin Policy disallows reading the \
                 remote resource at https://api.example.com/data. (Reason: expected ‘true’ in \
                 CORS header ‘Access-Control-Allow-Credentials’).",
                Engine::Firefox,
                "InvalidAllowCredentials",
            ),
            (
                "Cross-Origin Request Blocked: The Same Origin Policy disallows reading the \
                 remote resource at https://api.example.com/data. (Reason: CORS preflight \
                 response did not succeed). Status code: 405.",
                Engine::Firefox,
                "PreflightInvalidStatus",
            ),
            (
                "Cross-Origin Request Blocked: The Same Origin Policy disallows reading the \
                 remote resource at https://api.example.com/data. (Reason: missing token \
                 ‘authorization’ in CORS header ‘Access-Control-Allow-Headers’ from CORS \
                 preflight channel).",
                Engine::Firefox,
                "HeaderDisallowedByPreflightResponse",
            ),
            (
                "Cross-Origin Request Blocked: The Same Origin Policy disallows reading the \
                 remote resource at https://api.example.com/data. (Reason: Multiple CORS header \
                 ‘Access-Control-Allow-Origin’ not allowed).",
                Engine::Firefox,
                "MultipleAllowOriginValues",
            ),
            (
                "Cross-Origin Request Blocked: The Same Origin Policy disallows reading the \
                 remote resource at https://api.example.com/data. (Reason: CORS request did not \
                 succeed). Status code: (null).",
                Engine::Firefox,
                "ConnectionFailed",
            ),
            (
                "Cross-Origin Request Blocked: The Same Origin Policy disallows reading the \
                 remote resource at file:///home/me/data.json. (Reason: CORS request not http).",
                Engine::Firefox,
                "CorsDisabledScheme",
            ),
            (
                "[Error] Preflight response is not successful. Status code: 404",
                Engine::WebKit,
                "PreflightInvalidStatus",
            ),
            (
                "[Error] Request header field Content-Type is not allowed by \
                 Access-Control-Allow-Headers.",
                Engine::WebKit,
                "HeaderDisallowedByPreflightResponse",
            ),
            (
                "Cannot use wildcard in Access-Control-Allow-Origin when credentials flag is \
                 true.",
                Engine::WebKit,
                "WildcardOriginNotAllowed",
            ),
            (
                "[Error] Origin http://localhost:5173 is not allowed by \
                 Access-Control-Allow-Origin. Status code: 413\n[Error] XMLHttpRequest cannot \
                 load https://api.example.com/upload due to access control checks.",
                Engine::WebKit,
                "MissingAllowOriginHeader",
            ),
            (
                "Fetch API cannot load https://api.example.com/data due to access control checks.",
                Engine::WebKit,
                "AllowOriginMismatch",
            ),
            (
                "Access to fetch at 'https://api.example.com/data' from origin \
                 'http://localhost:3000' has been blocked by CORS policy: No \
                 'Access-Control-Allow-Origin' header is present on the requested resource. If \
                 an opaque response serves your needs, set the request's mode to 'no-cors' to \
                 fetch the resource with CORS disabled.",
                Engine::Chromium,
                "MissingAllowOriginHeader",
            ),
            (
                "index.html:1 Access to XMLHttpRequest at 'http://localhost:8080/api'\n from \
                 origin 'http://localhost:4200' has been blocked by CORS policy: Response to \
                 preflight request doesn't pass access control check: It does not have HTTP ok \
                 status.",
                Engine::Chromium,
                "PreflightInvalidStatus",
            ),
            (
                "Cross-Origin Request Blocked: The Same Origin Policy disallows reading the \
                 remote resource at https://api.example.com/. (Reason: CORS header \
                 'Access-Control-Allow-Origin' missing). Status code: 200.",
                Engine::Firefox,
                "MissingAllowOriginHeader",
            ),
            (
                "[Error] Origin http://localhost:3000 is not allowed by \
                 Access-Control-Allow-Origin. Status code: 200",
                Engine::WebKit,
                "AllowOriginMismatch",
            ),
        ];
        assert!(cases.len() >= 20);
        for (message, engine, reason) in cases {
            let readings = recognize(message);
            assert!(
                readings
                    .iter()
                    .any(|r| r.engine == *engine && names(r).contains(reason)),
                "{message}: {readings:?}"
            );
        }
    }

    #[test]
    fn values_and_urls_are_read_out() {
        let readings = recognize(
            "Access to fetch at 'https://api.example.com/x' from origin 'https://app.example' \
             has been blocked by CORS policy: Request header field x-token is not allowed by \
             Access-Control-Allow-Headers in preflight response.",
        );
        let [reading] = &readings[..] else {
            panic!("{readings:?}");
        };
        assert_eq!(reading.engine, Engine::Chromium);
        assert_eq!(reading.url.as_deref(), Some("https://api.example.com/x"));
        assert_eq!(reading.origin.as_deref(), Some("https://app.example"));
        assert_eq!(reading.initiator_type, Some(InitiatorType::Fetch));
        assert_eq!(
            reading.reasons,
            [Reason::HeaderDisallowedByPreflightResponse {
                header: "x-token".into()
            }]
        );
    }

    #[test]
    fn an_empty_value_and_a_network_lines_status_are_read() {
        let readings = recognize(
            "Fetch of 'https://api.example.com/' from origin 'https://app.example' is a network \
             error: the response to a request with credentials has no \
             Access-Control-Allow-Credentials header.",
        );
        assert_eq!(
            readings[0].reasons,
            [Reason::Check(CheckFailure::InvalidAllowCredentials {
                value: String::new()
            })]
        );
        let readings = recognize("GET https://api.example.com/data net::ERR_FAILED 200 (OK)");
        assert_eq!(readings[0].status, Some(200));
    }

    #[test]
    fn anything_else_is_not_recognised() {
        assert!(recognize("TypeError: undefined is not a function").is_empty());
        assert!(recognize("").is_empty());
    }
}
