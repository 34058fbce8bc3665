//! Requests as script makes them: Fetch §2.2.5 "Requests", and the checks the `Request`
//! constructor and the `Headers` class (guards `request` and `request-no-cors`) apply to what
//! script passes. `fetching` holds the request's state while it is fetched, `outgoing` the
//! requests that go on the wire.

pub(crate) mod fetching;
mod outgoing;

pub use outgoing::OutgoingRequest;

use crate::bytes::SmallBytes;
use crate::header::{HeaderList, HeaderValue};
use crate::method::{self, InvalidMethod};
use crate::origin::includes_credentials;
use crate::referrer::ReferrerPolicy;
use crate::safelist;
use http::{HeaderName, Method};
use std::fmt;
use std::str::FromStr;
use std::sync::Arc;
use url::Url;

/// Fetch: request "initiator type" — the API that made a request; console messages name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum InitiatorType {
    /// `fetch()`.
    #[default]
    Fetch,
    /// `XMLHttpRequest` (the only API that sets the use-CORS-preflight flag, for upload
    /// listeners).
    XmlHttpRequest,
}

/// A value is not one of the names a request option takes (e.g. `"cors"` for a mode).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownValue {
    /// What the value was for, e.g. `mode`.
    pub option: &'static str,
    /// The value given.
    pub value: String,
}

impl fmt::Display for UnknownValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown {} {:?}",
            self.option,
            self.value.escape_debug().to_string()
        )
    }
}

impl std::error::Error for UnknownValue {}

/// An enum of a request option spelled as in `fetch()`'s `RequestInit` (`"no-cors"`,
/// `"same-origin"`, …), with `as_str`, `Display` and `FromStr`.
macro_rules! request_option {
    ($(#[$meta:meta])* $name:ident, $option:literal, { $($(#[$vmeta:meta])* $variant:ident = $text:literal,)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
        #[non_exhaustive]
        pub enum $name {
            $($(#[$vmeta])* $variant,)+
        }

        impl $name {
            /// The value as `fetch()` spells it.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(Self::$variant => $text,)+
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl FromStr for $name {
            type Err = UnknownValue;

            fn from_str(value: &str) -> Result<Self, Self::Err> {
                match value {
                    $($text => Ok(Self::$variant),)+
                    _ => Err(UnknownValue { option: $option, value: value.to_owned() }),
                }
            }
        }
    };
}

request_option!(
    /// Fetch: request "mode".
    Mode, "mode", {
        /// `same-origin`: a cross-origin URL is a network error.
        SameOrigin = "same-origin",
        /// `no-cors`: cross-origin responses are opaque; only safelisted methods and headers.
        NoCors = "no-cors",
        /// `cors`: the CORS protocol (the default for `fetch()`).
        #[default]
        Cors = "cors",
        /// `navigate`: a navigation. Script cannot make these (the `Request` constructor
        /// throws); engines make them with [`Request::navigation`].
        Navigate = "navigate",
    }
);

request_option!(
    /// Fetch: request "credentials mode".
    CredentialsMode, "credentials mode", {
        /// `omit`: never send credentials.
        Omit = "omit",
        /// `same-origin`: send credentials only to the request's origin (the default).
        #[default]
        SameOrigin = "same-origin",
        /// `include`: always send credentials; a CORS response must then opt in with
        /// `Access-Control-Allow-Credentials: true` and name the origin.
        Include = "include",
    }
);

request_option!(
    /// Fetch: request "redirect mode".
    RedirectMode, "redirect mode", {
        /// `follow` redirects (the default).
        #[default]
        Follow = "follow",
        /// `error`: a redirect is a network error.
        Error = "error",
        /// `manual`: a redirect gives an opaque-redirect response.
        Manual = "manual",
    }
);

/// WebIDL `ByteString`, what `fetch()` takes a method, a header name and a header value as:
/// text or bytes, and the `http` crate's types for them. (Sealed: the request holds the bytes
/// its own way, inline when they are short.)
pub trait ByteString: sealed::IntoSmallBytes {}

impl<T: sealed::IntoSmallBytes> ByteString for T {}

mod sealed {
    use crate::bytes::SmallBytes;
    use http::HeaderName;

    /// The conversion behind [`super::ByteString`], out of other crates' reach.
    pub trait IntoSmallBytes {
        fn into_small_bytes(self) -> SmallBytes;
    }

    macro_rules! byte_string {
        ($($t:ty => |$v:ident| $bytes:expr;)+) => {
            $(impl IntoSmallBytes for $t {
                fn into_small_bytes(self) -> SmallBytes {
                    let $v = self;
                    SmallBytes::copy($bytes)
                }
            })+
        };
    }

    byte_string! {
        &str => |v| v.as_bytes();
        String => |v| v.as_bytes();
        &String => |v| v.as_bytes();
        &[u8] => |v| v;
        Vec<u8> => |v| &v;
        http::Method => |v| v.as_str().as_bytes();
        &http::Method => |v| v.as_str().as_bytes();
        HeaderName => |v| v.as_str().as_bytes();
        &HeaderName => |v| v.as_str().as_bytes();
        http::HeaderValue => |v| v.as_bytes();
        &http::HeaderValue => |v| v.as_bytes();
    }

    impl<const N: usize> IntoSmallBytes for &[u8; N] {
        fn into_small_bytes(self) -> SmallBytes {
            SmallBytes::copy(self)
        }
    }
}

/// A request body as script gives it (Fetch's `BodyInit`, as far as CORS can tell them apart).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Body {
    /// A string (`USVString`): "extract a body" gives it the type `text/plain;charset=UTF-8`.
    Text(String),
    /// Bytes (`BufferSource`, `Blob` without a type): no type of its own.
    Bytes(Vec<u8>),
}

impl Body {
    /// The body's bytes.
    pub fn as_bytes(&self) -> &[u8] {
        match self {
            Self::Text(text) => text.as_bytes(),
            Self::Bytes(bytes) => bytes,
        }
    }

    /// Fetch: the type "extract a body" gives it, if any.
    fn content_type(&self) -> Option<&'static str> {
        match self {
            Self::Text(_) => Some("text/plain;charset=UTF-8"),
            Self::Bytes(_) => None,
        }
    }
}

/// The URL script passes to `fetch()`: text, which the `Request` constructor parses against the
/// document's URL, or a URL already parsed (as an engine holds it), which it takes as it is.
/// Made from a `&str`, `String`, `url::Url` or `http::Uri`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestUrl(UrlRepr);

#[derive(Debug, Clone, PartialEq, Eq)]
enum UrlRepr {
    Text(String),
    /// Shared, so that a fetch and its requests and response hold it without copying it.
    Parsed(Arc<Url>),
}

impl RequestUrl {
    /// The URL as text: as given, or serialized.
    pub fn as_str(&self) -> &str {
        match &self.0 {
            UrlRepr::Text(text) => text,
            UrlRepr::Parsed(url) => url.as_str(),
        }
    }

    /// The URL parser run on it with `base` (the `Request` constructor's step). A parsed URL is
    /// what parsing its serialization against any base gives again, so it is taken as it is.
    fn parse(self, base: Option<&Url>) -> Result<Arc<Url>, url::ParseError> {
        match self.0 {
            UrlRepr::Text(text) => Url::options().base_url(base).parse(&text).map(Arc::new),
            UrlRepr::Parsed(url) => Ok(url),
        }
    }
}

impl fmt::Display for RequestUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl From<String> for RequestUrl {
    fn from(text: String) -> Self {
        Self(UrlRepr::Text(text))
    }
}

impl From<&str> for RequestUrl {
    fn from(text: &str) -> Self {
        Self::from(text.to_owned())
    }
}

impl From<&String> for RequestUrl {
    fn from(text: &String) -> Self {
        Self::from(text.as_str())
    }
}

impl From<Url> for RequestUrl {
    fn from(url: Url) -> Self {
        Self(UrlRepr::Parsed(Arc::new(url)))
    }
}

impl From<&Url> for RequestUrl {
    fn from(url: &Url) -> Self {
        Self::from(url.clone())
    }
}

impl From<Arc<Url>> for RequestUrl {
    fn from(url: Arc<Url>) -> Self {
        Self(UrlRepr::Parsed(url))
    }
}

impl From<http::Uri> for RequestUrl {
    fn from(uri: http::Uri) -> Self {
        Self::from(uri.to_string())
    }
}

impl From<&http::Uri> for RequestUrl {
    fn from(uri: &http::Uri) -> Self {
        Self::from(uri.to_string())
    }
}

/// The headers a request on the wire adds to its fetch's header list (which it borrows):
/// `Origin`, `Cookie`, `Referer` and the three Fetch Metadata headers.
pub(crate) const WIRE_HEADERS: usize = 6;

/// What script passes to `fetch()`: unchecked until [`Request::new`] checks it as the
/// `Request` constructor does. Built from a URL with [`RequestInit::new`] and the setters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestInit {
    pub(crate) url: RequestUrl,
    /// As script gave it: these bytes, as the headers', are inline when short, so that a
    /// request needs no allocation for them.
    pub(crate) method: SmallBytes,
    pub(crate) headers: Vec<(SmallBytes, SmallBytes)>,
    pub(crate) mode: Mode,
    pub(crate) credentials: CredentialsMode,
    pub(crate) redirect: RedirectMode,
    pub(crate) use_cors_preflight: bool,
    pub(crate) initiator_type: InitiatorType,
    pub(crate) body: Option<Body>,
    pub(crate) referrer_policy: Option<ReferrerPolicy>,
}

impl RequestInit {
    /// A `GET` of `url` (absolute, or relative to the document's URL; a `&str`, `String`,
    /// `url::Url` or `http::Uri`) with the defaults of `fetch()`: mode `cors`, credentials
    /// `same-origin`, redirect `follow`, no headers. A `url::Url` is taken as it is, without
    /// parsing it again.
    pub fn new(url: impl Into<RequestUrl>) -> Self {
        Self {
            url: url.into(),
            method: SmallBytes::from_static(b"GET"),
            headers: Vec::new(),
            mode: Mode::default(),
            credentials: CredentialsMode::default(),
            redirect: RedirectMode::default(),
            use_cors_preflight: false,
            initiator_type: InitiatorType::default(),
            body: None,
            referrer_policy: None,
        }
    }

    /// Sets the request's `referrerPolicy`, which it follows instead of its document's (until a
    /// redirect's `Referrer-Policy` replaces it): how much of the page's URL goes in `Referer`,
    /// and, outside CORS, whether `Origin` shows the origin. Without one (`referrerPolicy: ""`,
    /// the default), the request follows its document's ([`crate::Document::referrer_policy`]).
    pub fn referrer_policy(mut self, policy: ReferrerPolicy) -> Self {
        self.referrer_policy = Some(policy);
        self
    }

    /// The request with its URL parsed against `base` already, when it parses (the `Request`
    /// constructor's step, done ahead for a request made many times from one document).
    #[cfg(feature = "testing")]
    pub(crate) fn resolved_against(mut self, base: Option<&Url>) -> Self {
        if let UrlRepr::Text(text) = &self.url.0
            && let Ok(url) = Url::options().base_url(base).parse(text)
        {
            self.url = url.into();
        }
        self
    }

    /// Sets a string body, as `fetch(url, {body: "…"})` does: without a `Content-Type` of its
    /// own, the request gets `Content-Type: text/plain;charset=UTF-8`, which is CORS-safelisted.
    pub fn body(mut self, body: impl Into<String>) -> Self {
        self.body = Some(Body::Text(body.into()));
        self
    }

    /// Sets a body of bytes (an `ArrayBuffer`), which brings no `Content-Type`.
    pub fn body_bytes(mut self, body: impl Into<Vec<u8>>) -> Self {
        self.body = Some(Body::Bytes(body.into()));
        self
    }

    /// Sets the method (normalized by the `Request` constructor: `put` becomes `PUT`).
    pub fn method(mut self, method: impl ByteString) -> Self {
        self.method = sealed::IntoSmallBytes::into_small_bytes(method);
        self
    }

    /// Appends a header.
    pub fn header(mut self, name: impl ByteString, value: impl ByteString) -> Self {
        self.headers
            .push((name.into_small_bytes(), value.into_small_bytes()));
        self
    }

    /// Sets the mode.
    pub fn mode(mut self, mode: Mode) -> Self {
        self.mode = mode;
        self
    }

    /// Sets the credentials mode.
    pub fn credentials(mut self, credentials: CredentialsMode) -> Self {
        self.credentials = credentials;
        self
    }

    /// Sets the redirect mode.
    pub fn redirect(mut self, redirect: RedirectMode) -> Self {
        self.redirect = redirect;
        self
    }

    /// Sets the use-CORS-preflight flag, as `XMLHttpRequest` does for upload listeners. Only
    /// `XMLHttpRequest` sets it, so the initiator type becomes `XmlHttpRequest` too.
    pub fn use_cors_preflight(mut self, flag: bool) -> Self {
        self.use_cors_preflight = flag;
        if flag {
            self.initiator_type = InitiatorType::XmlHttpRequest;
        }
        self
    }

    /// Sets the initiator type (the API making the request).
    pub fn initiator_type(mut self, initiator_type: InitiatorType) -> Self {
        self.initiator_type = initiator_type;
        self
    }
}

/// Why the `Request` constructor throws a `TypeError` (the fetch never starts).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum RequestError {
    /// The URL does not parse.
    InvalidUrl(url::ParseError),
    /// The URL has a username or password.
    UrlIncludesCredentials,
    /// The method is not a token or is forbidden.
    InvalidMethod(InvalidMethod),
    /// Mode `no-cors` with a method that is not CORS-safelisted.
    NoCorsMethodNotSafelisted,
    /// Mode `navigate`, which script cannot use.
    NavigateMode,
    /// A header name is not a token.
    InvalidHeaderName(Vec<u8>),
    /// A header value contains NUL, CR or LF once normalized.
    InvalidHeaderValue(Vec<u8>),
    /// A body with the method `GET` or `HEAD`.
    BodyWithGetOrHead,
}

impl fmt::Display for RequestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::InvalidUrl(e) => write!(f, "TypeError: invalid URL: {e}"),
            Self::UrlIncludesCredentials => {
                f.write_str("TypeError: the URL includes a username or password")
            }
            Self::InvalidMethod(e) => write!(f, "TypeError: {e}"),
            Self::NoCorsMethodNotSafelisted => {
                f.write_str("TypeError: mode 'no-cors' allows only the methods GET, HEAD and POST")
            }
            Self::NavigateMode => f.write_str("TypeError: script cannot use mode 'navigate'"),
            Self::InvalidHeaderName(n) => {
                write!(f, "TypeError: invalid header name '{}'", n.escape_ascii())
            }
            Self::InvalidHeaderValue(v) => {
                write!(f, "TypeError: invalid header value '{}'", v.escape_ascii())
            }
            Self::BodyWithGetOrHead => {
                f.write_str("TypeError: a request with the method GET or HEAD cannot have a body")
            }
        }
    }
}

impl std::error::Error for RequestError {}

/// Fetch: a "request", as the `Request` constructor leaves it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    pub(crate) url: Arc<Url>,
    pub(crate) method: Method,
    pub(crate) headers: HeaderList,
    pub(crate) mode: Mode,
    pub(crate) credentials: CredentialsMode,
    pub(crate) redirect: RedirectMode,
    pub(crate) use_cors_preflight: bool,
    pub(crate) initiator_type: InitiatorType,
    pub(crate) body: Option<Body>,
    /// Fetch: request "referrer policy"; `None` is the empty string (the document's).
    pub(crate) referrer_policy: Option<ReferrerPolicy>,
    /// Headers script set that the `Headers` guard dropped, with why.
    pub(crate) dropped: Vec<DroppedHeader>,
}

/// A header script set that the `Headers` guard dropped without a word (Fetch `Headers`
/// "append").
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct DroppedHeader {
    /// The header's name, lowercase.
    pub name: String,
    /// Why it was dropped.
    pub why: DropReason,
}

/// Why the `Headers` guard dropped a header.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DropReason {
    /// Fetch: a "forbidden request-header" (`Cookie`, `Origin`, `Sec-…`, …), which only the
    /// browser sets.
    Forbidden,
    /// Guard `request-no-cors`: not a "no-CORS-safelisted request-header".
    NotNoCorsSafelisted,
    /// Guard `request-no-cors`: "remove privileged no-CORS request-headers" (`Range`).
    PrivilegedNoCors,
}

impl Request {
    /// Checks `init` as the `Request` constructor does: the mode must not be `navigate`; the URL
    /// is parsed against `base` (the document's URL) and must not include credentials; the
    /// method is normalized and must be a token, not forbidden, and CORS-safelisted under
    /// `no-cors`; the headers go through the `Headers` guard of the mode, which silently drops
    /// forbidden request-headers (and, under `no-cors`, anything that is not a
    /// no-CORS-safelisted request-header); a body needs a method other than `GET` and `HEAD`
    /// (`XMLHttpRequest` drops it instead) and, without a `Content-Type` header, adds its type.
    pub fn new(init: RequestInit, base: Option<&Url>) -> Result<Self, RequestError> {
        if init.mode == Mode::Navigate {
            return Err(RequestError::NavigateMode);
        }
        let url = init.url.parse(base).map_err(RequestError::InvalidUrl)?;
        if includes_credentials(&url) {
            return Err(RequestError::UrlIncludesCredentials);
        }
        let method = method::normalize(&init.method).map_err(RequestError::InvalidMethod)?;
        if init.mode == Mode::NoCors
            && !method::is_cors_safelisted_method(method.as_str().as_bytes())
        {
            return Err(RequestError::NoCorsMethodNotSafelisted);
        }
        // Room for `Accept` and for the headers of the request on the wire, which a fetch adds
        // to this list: it is allocated once.
        let mut headers = HeaderList::with_capacity(init.headers.len() + 1 + WIRE_HEADERS);
        let mut dropped = Vec::new();
        for (name, value) in &init.headers {
            guarded_append(
                &mut headers,
                &mut dropped,
                name,
                value,
                init.mode == Mode::NoCors,
            )?;
        }
        let bodiless = method == Method::GET || method == Method::HEAD;
        let body = match init.body {
            // XMLHttpRequest's send() sets a GET's or HEAD's body to null.
            Some(_) if bodiless && init.initiator_type == InitiatorType::XmlHttpRequest => None,
            Some(_) if bodiless => return Err(RequestError::BodyWithGetOrHead),
            body => body,
        };
        if let Some(content_type) = body.as_ref().and_then(Body::content_type)
            && !headers.contains(&http::header::CONTENT_TYPE)
        {
            headers.append(
                http::header::CONTENT_TYPE,
                HeaderValue::from_static(content_type),
            );
        }
        Ok(Self {
            url,
            method,
            headers,
            mode: init.mode,
            credentials: init.credentials,
            redirect: init.redirect,
            use_cors_preflight: init.use_cors_preflight,
            initiator_type: init.initiator_type,
            body,
            referrer_policy: init.referrer_policy,
            dropped,
        })
    }

    /// HTML: the request a browser makes to navigate to `url`: a `GET` in mode `navigate`,
    /// credentials `include`, redirect mode `manual` (the navigation follows redirects itself).
    pub fn navigation(url: Url) -> Self {
        Self {
            url: Arc::new(url),
            method: Method::GET,
            headers: HeaderList::new(),
            mode: Mode::Navigate,
            credentials: CredentialsMode::Include,
            redirect: RedirectMode::Manual,
            use_cors_preflight: false,
            initiator_type: InitiatorType::Fetch,
            body: None,
            referrer_policy: None,
            dropped: Vec::new(),
        }
    }

    /// The URL.
    pub fn url(&self) -> &Url {
        &self.url
    }

    /// The normalized method.
    pub fn method(&self) -> &Method {
        &self.method
    }

    /// The header list, after the guard dropped what script may not set.
    pub fn headers(&self) -> &HeaderList {
        &self.headers
    }

    /// The mode.
    pub fn mode(&self) -> Mode {
        self.mode
    }

    /// The credentials mode.
    pub fn credentials(&self) -> CredentialsMode {
        self.credentials
    }

    /// The redirect mode.
    pub fn redirect(&self) -> RedirectMode {
        self.redirect
    }

    /// The body.
    pub fn body(&self) -> Option<&Body> {
        self.body.as_ref()
    }

    /// The referrer policy it sets for itself; `None` when it follows its document's.
    pub fn referrer_policy(&self) -> Option<ReferrerPolicy> {
        self.referrer_policy
    }

    /// The headers script set that the `Headers` guard dropped.
    pub fn dropped_headers(&self) -> &[DroppedHeader] {
        &self.dropped
    }
}

/// Fetch: `Headers` "append" under guard `request` or `request-no-cors`; what the guard drops
/// goes to `dropped`.
fn guarded_append(
    headers: &mut HeaderList,
    dropped: &mut Vec<DroppedHeader>,
    name: &[u8],
    value: &[u8],
    no_cors: bool,
) -> Result<(), RequestError> {
    // "normalize" the value, then "validate": a name that is not a header name or a value that
    // is not a header value throws.
    let header_name =
        HeaderName::from_bytes(name).map_err(|_| RequestError::InvalidHeaderName(name.to_vec()))?;
    let value = HeaderValue::normalize(value)
        .map_err(|_| RequestError::InvalidHeaderValue(value.to_vec()))?;
    let mut drop = |why| {
        dropped.push(DroppedHeader {
            name: header_name.as_str().to_owned(),
            why,
        });
    };
    if safelist::is_forbidden_request_header(name, value.as_bytes()) {
        drop(DropReason::Forbidden);
        return Ok(());
    }
    if no_cors {
        let mut combined = headers.get(&header_name).unwrap_or_default().into_owned();
        if !combined.is_empty() || headers.contains(&header_name) {
            combined.extend_from_slice(b", ");
        }
        combined.extend_from_slice(value.as_bytes());
        if !safelist::is_no_cors_safelisted_request_header(name, &combined) {
            drop(DropReason::NotNoCorsSafelisted);
            return Ok(());
        }
    }
    headers.append(header_name, value);
    if no_cors {
        // "remove privileged no-CORS request-headers".
        let names: Vec<HeaderName> = headers
            .iter()
            .map(|(n, _)| n.clone())
            .filter(|n| safelist::is_privileged_no_cors_request_header_name(n.as_str().as_bytes()))
            .collect();
        for name in &names {
            headers.delete(name);
            dropped.push(DroppedHeader {
                name: name.as_str().to_owned(),
                why: DropReason::PrivilegedNoCors,
            });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(init: RequestInit) -> Result<Request, RequestError> {
        Request::new(init, Some(&Url::parse("http://page.example/").unwrap()))
    }

    fn names(request: &Request) -> Vec<&str> {
        request.headers().iter().map(|(n, _)| n.as_str()).collect()
    }

    #[test]
    fn the_request_guard_drops_forbidden_headers_silently() {
        let r = request(
            RequestInit::new("http://api.example/")
                .header("Cookie", "a=b")
                .header("Sec-Fetch-Mode", "no-cors")
                .header("Proxy-Authorization", "x")
                .header("X-HTTP-Method-Override", "TRACE")
                .header("X-HTTP-Method-Override", "PATCH")
                .header("X-Custom", "  1  "),
        )
        .unwrap();
        assert_eq!(names(&r), ["x-http-method-override", "x-custom"]);
        assert_eq!(
            r.headers()
                .get(&HeaderName::from_static("x-custom"))
                .unwrap()
                .as_ref(),
            b"1"
        );
    }

    #[test]
    fn the_no_cors_guard_keeps_only_no_cors_safelisted_headers() {
        let r = request(
            RequestInit::new("http://api.example/")
                .mode(Mode::NoCors)
                .header("Accept", "text/html")
                .header("Content-Type", "application/json")
                .header("Range", "bytes=0-1")
                .header("X-Custom", "1")
                .header("Accept-Language", "en")
                .header("Accept-Language", "fr"),
        )
        .unwrap();
        assert_eq!(names(&r), ["accept", "accept-language", "accept-language"]);
    }

    #[test]
    fn the_constructor_checks_url_method_and_mode() {
        assert!(matches!(
            request(RequestInit::new("http://u:p@api.example/")),
            Err(RequestError::UrlIncludesCredentials)
        ));
        assert!(matches!(
            request(RequestInit::new("http://[bad/")),
            Err(RequestError::InvalidUrl(_))
        ));
        assert!(matches!(
            request(RequestInit::new("/x").method("trace")),
            Err(RequestError::InvalidMethod(InvalidMethod::Forbidden))
        ));
        assert!(matches!(
            request(RequestInit::new("/x").method("PUT").mode(Mode::NoCors)),
            Err(RequestError::NoCorsMethodNotSafelisted)
        ));
        assert!(matches!(
            request(RequestInit::new("/x").header("a b", "1")),
            Err(RequestError::InvalidHeaderName(_))
        ));
        assert!(matches!(
            request(RequestInit::new("/x").header("a", "1\0")),
            Err(RequestError::InvalidHeaderValue(_))
        ));
        let r = request(RequestInit::new("/x?y").method("post")).unwrap();
        assert_eq!(r.url().as_str(), "http://page.example/x?y");
        assert_eq!(r.method(), Method::POST);
    }
}
