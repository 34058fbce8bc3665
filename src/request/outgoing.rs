//! The requests a fetch puts on the wire: Fetch's "httpRequest" of "HTTP-network-or-cache
//! fetch", and the CORS-preflight request.

use crate::header::{HeaderList, NotRepresentable};
use http::Method;
use std::sync::Arc;
use url::Url;

/// A request as it goes on the wire.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct OutgoingRequest {
    pub(crate) method: Method,
    pub(crate) url: Arc<Url>,
    pub(crate) headers: HeaderList,
    pub(crate) body: Option<Arc<[u8]>>,
    pub(crate) is_preflight: bool,
    pub(crate) credentials_included: bool,
}

impl OutgoingRequest {
    /// The method.
    pub fn method(&self) -> &Method {
        &self.method
    }

    /// The URL.
    pub fn url(&self) -> &Url {
        &self.url
    }

    /// The headers, exactly as sent (values may hold bytes `http` cannot carry).
    pub fn headers(&self) -> &HeaderList {
        &self.headers
    }

    /// The body, if any (a preflight never has one).
    pub fn body(&self) -> Option<&[u8]> {
        self.body.as_deref()
    }

    /// Whether this is a CORS-preflight request.
    pub fn is_preflight(&self) -> bool {
        self.is_preflight
    }

    /// Fetch: "includeCredentials" — whether the request carries the browser's credentials: the
    /// `Cookie` header of the cookies its store lets go (see [`crate::cookie`]), and HTTP
    /// authentication (which this model does not hold). Only such requests carry cookies, and
    /// only their responses store them; a CORS-preflight request never does.
    pub fn credentials_included(&self) -> bool {
        self.credentials_included
    }

    /// The request as an `http::Request` with an empty body of type `B` (e.g. `()`,
    /// `axum::body::Body`, `String`), unless its URL or a header holds what the `http` types
    /// cannot carry (which a browser sends all the same). See
    /// [`OutgoingRequest::to_http_with_body`] for the body.
    pub fn to_http<B: Default>(&self) -> Result<http::Request<B>, NotRepresentable> {
        self.to_http_with(B::default())
    }

    /// The request as an `http::Request` carrying its body, in any type made from bytes
    /// (`Vec<u8>`, `bytes::Bytes`, `axum::body::Body`, …).
    pub fn to_http_with_body<B: From<Vec<u8>>>(
        &self,
    ) -> Result<http::Request<B>, NotRepresentable> {
        self.to_http_with(B::from(self.body().unwrap_or_default().to_vec()))
    }

    fn to_http_with<B>(&self, body: B) -> Result<http::Request<B>, NotRepresentable> {
        let mut request = http::Request::new(body);
        *request.method_mut() = self.method.clone();
        *request.uri_mut() = self
            .url
            .as_str()
            .parse()
            .map_err(|_| NotRepresentable::Url)?;
        *request.headers_mut() = self.headers.to_http()?;
        Ok(request)
    }
}
