//! Requests as script makes them: Fetch §2.2.5 "Requests", and the checks the `Request`
//! constructor and the `Headers` class (guards `request` and `request-no-cors`) apply to what
//! script passes.

use crate::header::{HeaderList, HeaderValue};
use crate::method::{self, InvalidMethod};
use crate::safelist;
use http::{HeaderName, Method};
use std::fmt;
use url::Url;

/// The API that made a request; console messages name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum Initiator {
    /// `fetch()`.
    #[default]
    Fetch,
    /// `XMLHttpRequest` (the only API that sets the use-CORS-preflight flag, for upload
    /// listeners).
    XmlHttpRequest,
}

/// Fetch: request "mode".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum Mode {
    /// `same-origin`: a cross-origin URL is a network error.
    SameOrigin,
    /// `no-cors`: cross-origin responses are opaque; only safelisted methods and headers.
    NoCors,
    /// `cors`: the CORS protocol (the default for `fetch()`).
    #[default]
    Cors,
    /// `navigate`: a navigation. Script cannot make these (the `Request` constructor throws);
    /// engines make them with [`Request::navigation`].
    Navigate,
}

/// Fetch: request "credentials mode".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum CredentialsMode {
    /// `omit`: never send credentials.
    Omit,
    /// `same-origin`: send credentials only to the request's origin (the default).
    #[default]
    SameOrigin,
    /// `include`: always send credentials; a CORS response must then opt in with
    /// `Access-Control-Allow-Credentials: true` and name the origin.
    Include,
}

/// Fetch: request "redirect mode".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum RedirectMode {
    /// `follow` redirects (the default).
    #[default]
    Follow,
    /// `error`: a redirect is a network error.
    Error,
    /// `manual`: a redirect gives an opaque-redirect response.
    Manual,
}

/// What script passes to `fetch()`: unchecked until [`Request::new`] checks it as the
/// `Request` constructor does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestInit {
    /// The URL, absolute or relative to the document's URL.
    pub url: String,
    /// The method as given (normalized by [`Request::new`]).
    pub method: Vec<u8>,
    /// The headers as given, in order, as byte strings.
    pub headers: Vec<(Vec<u8>, Vec<u8>)>,
    /// The request mode.
    pub mode: Mode,
    /// The credentials mode.
    pub credentials: CredentialsMode,
    /// The redirect mode.
    pub redirect: RedirectMode,
    /// Fetch: the "use-CORS-preflight flag", which `XMLHttpRequest` sets when the upload has
    /// event listeners.
    pub use_cors_preflight: bool,
    /// The API making the request.
    pub initiator: Initiator,
}

impl RequestInit {
    /// A `GET` of `url` with the defaults of `fetch()`: mode `cors`, credentials `same-origin`,
    /// redirect `follow`, no headers.
    pub fn new(url: impl Into<String>) -> Self {
        Self {
            url: url.into(),
            method: b"GET".to_vec(),
            headers: Vec::new(),
            mode: Mode::default(),
            credentials: CredentialsMode::default(),
            redirect: RedirectMode::default(),
            use_cors_preflight: false,
            initiator: Initiator::default(),
        }
    }

    /// Sets the method.
    pub fn method(mut self, method: impl AsRef<[u8]>) -> Self {
        self.method = method.as_ref().to_vec();
        self
    }

    /// Appends a header.
    pub fn header(mut self, name: impl AsRef<[u8]>, value: impl AsRef<[u8]>) -> Self {
        self.headers
            .push((name.as_ref().to_vec(), value.as_ref().to_vec()));
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

    /// Sets the use-CORS-preflight flag, as `XMLHttpRequest` does for upload listeners; the
    /// initiator becomes `XMLHttpRequest`.
    pub fn use_cors_preflight(mut self, flag: bool) -> Self {
        self.use_cors_preflight = flag;
        if flag {
            self.initiator = Initiator::XmlHttpRequest;
        }
        self
    }

    /// Sets the initiator.
    pub fn initiator(mut self, initiator: Initiator) -> Self {
        self.initiator = initiator;
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
        }
    }
}

impl std::error::Error for RequestError {}

/// Fetch: a "request", as the `Request` constructor leaves it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    pub(crate) url: Url,
    pub(crate) method: Method,
    pub(crate) headers: HeaderList,
    pub(crate) mode: Mode,
    pub(crate) credentials: CredentialsMode,
    pub(crate) redirect: RedirectMode,
    pub(crate) use_cors_preflight: bool,
    pub(crate) initiator: Initiator,
}

impl Request {
    /// Checks `init` as the `Request` constructor does: the mode must not be `navigate`; the URL
    /// is parsed against `base` (the document's URL) and must not include credentials; the
    /// method is normalized and must be a token, not forbidden, and CORS-safelisted under
    /// `no-cors`; the headers go through the
    /// `Headers` guard of the mode, which silently drops forbidden request-headers (and, under
    /// `no-cors`, anything that is not a no-CORS-safelisted request-header).
    pub fn new(init: RequestInit, base: Option<&Url>) -> Result<Self, RequestError> {
        if init.mode == Mode::Navigate {
            return Err(RequestError::NavigateMode);
        }
        let url = Url::options()
            .base_url(base)
            .parse(&init.url)
            .map_err(RequestError::InvalidUrl)?;
        if !url.username().is_empty() || url.password().is_some() {
            return Err(RequestError::UrlIncludesCredentials);
        }
        let method = method::normalize(&init.method).map_err(RequestError::InvalidMethod)?;
        if init.mode == Mode::NoCors
            && !method::is_cors_safelisted_method(method.as_str().as_bytes())
        {
            return Err(RequestError::NoCorsMethodNotSafelisted);
        }
        let mut headers = HeaderList::new();
        for (name, value) in &init.headers {
            guarded_append(&mut headers, name, value, init.mode == Mode::NoCors)?;
        }
        Ok(Self {
            url,
            method,
            headers,
            mode: init.mode,
            credentials: init.credentials,
            redirect: init.redirect,
            use_cors_preflight: init.use_cors_preflight,
            initiator: init.initiator,
        })
    }

    /// HTML: the request a browser makes to navigate to `url`: a `GET` in mode `navigate`,
    /// credentials `include`, redirect mode `manual` (the navigation follows redirects itself).
    pub fn navigation(url: Url) -> Self {
        Self {
            url,
            method: Method::GET,
            headers: HeaderList::new(),
            mode: Mode::Navigate,
            credentials: CredentialsMode::Include,
            redirect: RedirectMode::Manual,
            use_cors_preflight: false,
            initiator: Initiator::Fetch,
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
}

/// Fetch: `Headers` "append" under guard `request` or `request-no-cors`.
fn guarded_append(
    headers: &mut HeaderList,
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
    if safelist::is_forbidden_request_header(name, value.as_bytes()) {
        return Ok(());
    }
    if no_cors {
        let mut combined = headers.get(&header_name).unwrap_or_default().into_owned();
        if !combined.is_empty() || headers.contains(&header_name) {
            combined.extend_from_slice(b", ");
        }
        combined.extend_from_slice(value.as_bytes());
        if !safelist::is_no_cors_safelisted_request_header(name, &combined) {
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
