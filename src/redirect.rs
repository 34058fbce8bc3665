//! Fetch §4.4 "HTTP-redirect fetch": following a redirect, and what it changes in the request.

use crate::error::{Reason, hint};
use crate::header::{Extracted, HeaderList, extract_single};
use crate::origin::{Origin, includes_credentials};
use crate::profile::RedirectPolicy;
use crate::request::Mode;
use crate::request::fetching::FetchRequest;
use crate::response::Tainting;
use crate::safelist;
use crate::trace::{Step, Tracer};
use http::Method;
use http::header::{AUTHORIZATION, LOCATION};
use url::Url;

/// Fetch: the most redirects a fetch follows.
pub const REDIRECT_LIMIT: u8 = 20;

/// Fetch: a response's "location URL": `None` when there is no `Location` header, an error
/// when it is repeated or does not parse against the response's URL. A location without a
/// fragment takes the request's.
fn location_url(headers: &HeaderList, response_url: &Url) -> Result<Option<Url>, Reason> {
    let invalid = || Reason::InvalidRedirectLocation {
        value: hint(&headers.get(&LOCATION).unwrap_or_default()),
    };
    let location = match extract_single(headers, &LOCATION) {
        Extracted::Null => return Ok(None),
        Extracted::Failure => return Err(invalid()),
        Extracted::Values(location) => location,
    };
    let location = std::str::from_utf8(location).map_err(|_| invalid())?;
    let mut url = response_url.join(location).map_err(|_| invalid())?;
    if url.fragment().is_none() {
        url.set_fragment(response_url.fragment());
    }
    Ok(Some(url))
}

/// Fetch: "HTTP-redirect fetch" steps 3-19 for a redirect response with `status` and
/// `headers`: checks the location and updates `request` to fetch it. `Ok(false)` when the
/// response has no `Location`, so it is the fetch's response as it is.
/// <https://fetch.spec.whatwg.org/#concept-http-redirect-fetch>
pub(crate) fn follow(
    request: &mut FetchRequest,
    status: u16,
    headers: &HeaderList,
    policy: &RedirectPolicy,
    tracer: &mut Tracer,
) -> Result<bool, Reason> {
    // 3-5. The location URL; null means this response is the answer.
    let Some(location) = location_url(headers, request.current_url())? else {
        return Ok(false);
    };
    // 6. Only HTTP(S).
    if !matches!(location.scheme(), "http" | "https") {
        return Err(Reason::RedirectToNonHttpScheme {
            location: location.to_string(),
        });
    }
    // 7-8. At most 20 redirects.
    if request.redirect_count == REDIRECT_LIMIT {
        return Err(Reason::TooManyRedirects);
    }
    request.redirect_count += 1;
    // 9-10. No credentials in a location reached under CORS.
    let credentials_error = || Reason::RedirectContainsCredentials {
        location: location.to_string(),
    };
    if includes_credentials(&location) {
        let same_origin = request.origin().is_same_origin_with_url(&location);
        if request.mode == Mode::Cors && !same_origin {
            return Err(credentials_error());
        }
        if request.tainting == Tainting::Cors {
            return Err(credentials_error());
        }
        if request.mode == Mode::Cors && policy.location_credentials_fail_same_origin {
            tracer.emit(|| Step::Departure {
                field: "redirect.location_credentials_fail_same_origin",
                effect: "a same-origin Location with credentials fails".to_owned(),
            });
            return Err(credentials_error());
        }
    }
    // 12. 301/302 turn POST into GET, 303 turns anything but GET/HEAD into GET (and some
    // engines turn DELETE into GET on any redirect to another origin); the body and its
    // headers go.
    let cross_origin = !Origin::urls_are_same_origin(request.current_url(), &location);
    let method = &request.method;
    let by_standard = (matches!(status, 301 | 302) && *method == Method::POST)
        || (status == 303 && *method != Method::GET && *method != Method::HEAD);
    let by_delete_departure = !by_standard
        && *method == Method::DELETE
        && policy.cross_origin_delete_becomes_get
        && cross_origin;
    let method_became_get = by_standard || by_delete_departure;
    if method_became_get {
        request.method = Method::GET;
        request.body = None;
        request
            .headers
            .retain(|name, _| !safelist::is_request_body_header_name(name.as_str().as_bytes()));
    }
    // 13. Another origin: `Authorization` (the CORS non-wildcard request-header name) goes.
    let authorization_removed = cross_origin && request.headers.contains(&AUTHORIZATION);
    if authorization_removed {
        request.headers.delete(&AUTHORIZATION);
    }
    // 18. Append the location to the URL list; main fetch runs again on it.
    let was_tainted = !request.redirect_taint_is_same_origin();
    request.push_url(location);
    tracer.emit(|| Step::Redirect {
        status,
        location: request.current_url().clone(),
        method_became_get,
        authorization_removed,
        tainted: !was_tainted && !request.redirect_taint_is_same_origin(),
    });
    if by_delete_departure {
        tracer.emit(|| Step::Departure {
            field: "redirect.cross_origin_delete_becomes_get",
            effect: "the DELETE becomes a GET on a redirect to another origin".to_owned(),
        });
    }
    Ok(true)
}
