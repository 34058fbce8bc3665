//! A transport for real HTTP (feature `client`): puts each request a fetch makes on the wire
//! exactly as the model built it, and hands the response back to the model — so a live server
//! is judged as each browser would judge it.
//!
//! Built on `ureq` 3 (blocking, `rustls`), configured so that nothing is added or changed: no
//! automatic `User-Agent`, `Accept` or `Accept-Encoding`, no redirects followed (the model
//! follows them), any status returned as a response, methods sent as written. Each request has
//! a time limit and a cap on the size of the response's header section, so a server that hangs
//! or floods cannot hold the tool. A response that is not valid HTTP (a control byte in a header,
//! say) is a [`TransportError`], never a CORS verdict. A [`Session`] sends identical requests
//! once, so probing several engines costs one request per distinct request.

use crate::document::Document;
use crate::fetch::{Browser, Exchange, Next, Reply};
use crate::header::{HeaderList, NotRepresentable};
use crate::request::{OutgoingRequest, RequestError, RequestInit};
use crate::time::Time;
use std::collections::HashMap;
use std::fmt;
use std::net::SocketAddr;
use std::str::FromStr;
use std::time::Duration;
use ureq::unversioned::resolver::{DefaultResolver, ResolvedSocketAddrs, Resolver};
use ureq::unversioned::transport::{DefaultConnector, NextTimeout};

/// `--resolve HOST:PORT:ADDRESS`, as curl's: connect to `address` for `host:port` while the
/// URL, `Host` and TLS name stay as they are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolve {
    /// The host as the URL names it.
    pub host: String,
    /// The port.
    pub port: u16,
    /// Where to connect instead.
    pub address: SocketAddr,
}

impl FromStr for Resolve {
    type Err = String;

    /// `HOST:PORT:ADDRESS`; an IPv6 address may be bracketed (`[::1]`).
    fn from_str(text: &str) -> Result<Self, String> {
        let bad = || format!("{text:?} is not HOST:PORT:ADDRESS");
        let (host, rest) = text.split_once(':').ok_or_else(bad)?;
        let (port, address) = rest.split_once(':').ok_or_else(bad)?;
        let port: u16 = port.parse().map_err(|_| bad())?;
        let ip = address.trim_start_matches('[').trim_end_matches(']');
        let ip = ip.parse().map_err(|_| bad())?;
        Ok(Self {
            host: host.to_ascii_lowercase(),
            port,
            address: SocketAddr::new(ip, port),
        })
    }
}

/// How a [`Client`] talks to servers.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct ClientConfig {
    /// The longest a request may take, from connecting to the end of the response's header
    /// section.
    pub timeout: Duration,
    /// The largest response header section read, in bytes.
    pub max_header_size: usize,
    /// Whether to accept any TLS certificate (a self-signed development one).
    pub insecure: bool,
    /// Addresses to use instead of DNS for some host and port.
    pub resolve: Vec<Resolve>,
}

impl Default for ClientConfig {
    /// 10 s, 64 KiB, certificates verified, DNS.
    fn default() -> Self {
        Self {
            timeout: Duration::from_secs(10),
            max_header_size: 64 << 10,
            insecure: false,
            resolve: Vec::new(),
        }
    }
}

impl ClientConfig {
    /// Sets the time limit per request.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Sets the cap on a response's header section.
    pub fn max_header_size(mut self, bytes: usize) -> Self {
        self.max_header_size = bytes;
        self
    }

    /// Accepts any TLS certificate.
    pub fn insecure(mut self, insecure: bool) -> Self {
        self.insecure = insecure;
        self
    }

    /// Connects to `resolve.address` for its host and port.
    pub fn resolve(mut self, resolve: Resolve) -> Self {
        self.resolve.push(resolve);
        self
    }
}

/// Why a request got no response the model can read. None of these is a CORS verdict: the
/// browser would see a network error, and its console would say so.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum TransportError {
    /// The host has no address.
    HostNotFound,
    /// No connection (refused, reset, closed before a response).
    Unreachable(String),
    /// No response within the time limit.
    Timeout,
    /// The response is not valid HTTP (a control byte in a header, a broken status line).
    Unparseable(String),
    /// The response's header section is larger than the cap.
    TooLarge {
        /// The cap, in bytes.
        limit: usize,
    },
    /// TLS failed (an untrusted certificate, a bad handshake).
    Tls(String),
    /// The request holds what no HTTP library can send (see [`NotRepresentable`]).
    NotRepresentable(NotRepresentable),
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::HostNotFound => f.write_str("the host name does not resolve"),
            Self::Unreachable(why) => write!(f, "no connection: {why}"),
            Self::Timeout => f.write_str("no response within the time limit"),
            Self::Unparseable(why) => write!(f, "the response is not valid HTTP: {why}"),
            Self::TooLarge { limit } => {
                write!(f, "the response's headers exceed {limit} bytes")
            }
            Self::Tls(why) => write!(f, "TLS failed: {why}"),
            Self::NotRepresentable(why) => write!(f, "the request cannot be sent: {why}"),
        }
    }
}

impl std::error::Error for TransportError {}

impl From<ureq::Error> for TransportError {
    fn from(error: ureq::Error) -> Self {
        match error {
            ureq::Error::HostNotFound => Self::HostNotFound,
            ureq::Error::Timeout(_) => Self::Timeout,
            ureq::Error::LargeResponseHeader(_, limit) => Self::TooLarge { limit },
            ureq::Error::Protocol(e) => Self::Unparseable(e.to_string()),
            ureq::Error::Http(e) => Self::Unparseable(e.to_string()),
            ureq::Error::Tls(e) => Self::Tls(e.to_owned()),
            ureq::Error::Rustls(e) => Self::Tls(e.to_string()),
            ureq::Error::Io(e) if e.kind() == std::io::ErrorKind::TimedOut => Self::Timeout,
            other => Self::Unreachable(other.to_string()),
        }
    }
}

/// A response as it came: its status and headers (the body is not read).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Received {
    /// The status.
    pub status: u16,
    /// The headers, in order, repeated ones and bytes that are not UTF-8 kept.
    pub headers: HeaderList,
}

/// One request of a fetch, and what it got.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Hop {
    /// The request, as the model built it.
    pub request: OutgoingRequest,
    /// What it got.
    pub response: Result<Received, TransportError>,
    /// Whether the answer was reused from an identical request sent earlier in the session.
    pub reused: bool,
}

/// A fetch over the network: each request with what it got, and the model's outcome.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Probe {
    /// The requests in order, each with its response.
    pub hops: Vec<Hop>,
    /// What script sees, and why.
    pub exchange: Exchange,
}

impl Probe {
    /// The first transport error met, if the fetch failed for lack of a response.
    pub fn transport_error(&self) -> Option<&TransportError> {
        self.hops.iter().find_map(|hop| hop.response.as_ref().err())
    }
}

/// Sends requests for real.
#[derive(Debug, Clone)]
pub struct Client {
    agent: ureq::Agent,
}

impl Client {
    /// A client configured by `config`.
    pub fn new(config: ClientConfig) -> Self {
        let tls = ureq::tls::TlsConfig::builder()
            .disable_verification(config.insecure)
            .build();
        let agent_config = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .allow_non_standard_methods(true)
            .user_agent(ureq::config::AutoHeaderValue::None)
            .accept(ureq::config::AutoHeaderValue::None)
            .accept_encoding(ureq::config::AutoHeaderValue::None)
            .max_response_header_size(config.max_header_size)
            .timeout_global(Some(config.timeout))
            .proxy(None)
            .tls_config(tls)
            .build();
        let resolver = Overrides {
            overrides: config.resolve,
        };
        let agent = ureq::Agent::with_parts(agent_config, DefaultConnector::default(), resolver);
        Self { agent }
    }

    /// Sends `request` as it is and reads the status and headers of its response.
    pub fn send(&self, request: &OutgoingRequest) -> Result<Received, TransportError> {
        let http = request
            .to_http_with_body::<Vec<u8>>()
            .map_err(TransportError::NotRepresentable)?;
        let response = self.agent.run(http)?;
        Ok(Received {
            status: response.status().as_u16(),
            headers: HeaderList::from_http(response.headers()),
        })
    }

    /// A session, in which identical requests are sent once.
    pub fn session(&self) -> Session<'_> {
        Session {
            client: self,
            sent: HashMap::new(),
        }
    }
}

impl Default for Client {
    fn default() -> Self {
        Self::new(ClientConfig::default())
    }
}

/// A run of fetches over one client in which a request identical to one sent before (same
/// method, URL, headers and body) is answered with what that one got instead of being sent
/// again: probing several engines sends each distinct request once.
#[derive(Debug)]
pub struct Session<'c> {
    client: &'c Client,
    sent: HashMap<OutgoingRequest, Result<Received, TransportError>>,
}

impl Session<'_> {
    /// Runs `fetch(init)` from `page` at time `now` in `browser`, every request over the
    /// network (or from the session). An `Err` is the `TypeError` the `Request` constructor
    /// throws.
    pub fn fetch(
        &mut self,
        browser: &mut Browser,
        page: &Document,
        init: RequestInit,
        now: Time,
    ) -> Result<Probe, RequestError> {
        let mut hops = Vec::new();
        let mut next = browser.fetch_traced(page, init, now)?;
        loop {
            match next {
                Next::Send(pending) => {
                    let request = pending.request().clone();
                    let reused = self.sent.contains_key(&request);
                    let response = match self.sent.get(&request) {
                        Some(response) => response.clone(),
                        None => {
                            let response = self.client.send(&request);
                            self.sent.insert(request.clone(), response.clone());
                            response
                        }
                    };
                    let reply = match &response {
                        Ok(received) => Reply::Response {
                            status: received.status,
                            headers: received.headers.clone(),
                        },
                        Err(_) => Reply::NoResponse,
                    };
                    hops.push(Hop {
                        request,
                        response,
                        reused,
                    });
                    next = pending.reply(browser, reply, now);
                }
                Next::Done(done) => {
                    let exchange = Exchange {
                        requests: hops.iter().map(|hop| hop.request.clone()).collect(),
                        result: done.result,
                        trace: done.trace,
                    };
                    return Ok(Probe { hops, exchange });
                }
            }
        }
    }
}

/// The default resolver, with `--resolve` overrides first.
#[derive(Debug)]
struct Overrides {
    overrides: Vec<Resolve>,
}

impl Resolver for Overrides {
    fn resolve(
        &self,
        uri: &http::Uri,
        config: &ureq::config::Config,
        timeout: NextTimeout,
    ) -> Result<ResolvedSocketAddrs, ureq::Error> {
        let host = uri.host().unwrap_or_default().trim_matches(['[', ']']);
        let port = uri.port_u16().unwrap_or(match uri.scheme_str() {
            Some("https") => 443,
            _ => 80,
        });
        if let Some(found) = self
            .overrides
            .iter()
            .find(|o| o.port == port && o.host.eq_ignore_ascii_case(host))
        {
            let mut addresses = self.empty();
            addresses.push(found.address);
            return Ok(addresses);
        }
        DefaultResolver::default().resolve(uri, config, timeout)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolve_reads_curls_form() {
        let r: Resolve = "API.example:443:127.0.0.1".parse().unwrap();
        assert_eq!(r.host, "api.example");
        assert_eq!(r.address, "127.0.0.1:443".parse().unwrap());
        let v6: Resolve = "a.example:8443:[::1]".parse().unwrap();
        assert_eq!(v6.address, "[::1]:8443".parse().unwrap());
        assert!("a.example:x:127.0.0.1".parse::<Resolve>().is_err());
        assert!("a.example".parse::<Resolve>().is_err());
    }
}
