//! Fetch "HTTP fetch": whether the CORS-preflight cache spares the preflight, the preflight and
//! how its answer is read, the CORS check of each response, and redirects; with "HTTP-network-
//! or-cache fetch", which builds the requests that go on the wire.
//! <https://fetch.spec.whatwg.org/#concept-http-fetch>

use super::cookies as cookie;
use crate::cache::{LookupItem, LookupRecord, PreflightCache, Stored, max_age};
use crate::cookie::{CookieStore, Refusal};
use crate::cors_check::cors_check;
use crate::error::Reason;
use crate::header::{HeaderList, HeaderValue};
use crate::method::is_cors_safelisted_method;
use crate::origin::includes_credentials;
use crate::preflight::{self, is_redirect_status};
use crate::profile::{
    CachePolicy, CachedMethods, ContextPolicy, Profile, RedirectPolicy, ResponsePolicy,
};
use crate::redirect;
use crate::referrer;
use crate::request::OutgoingRequest;
use crate::request::fetching::FetchRequest;
use crate::request::{Mode, RedirectMode};
use crate::response::Tainting;
use crate::time::Time;
use crate::trace::{ClearWhy, OriginWhy, Step, Tracer};
use http::Method;
use http::header::{
    ACCESS_CONTROL_ALLOW_METHODS, CONTENT_LENGTH, CONTENT_RANGE, COOKIE, LOCATION, ORIGIN, RANGE,
    REFERER,
};
use url::Url;

/// Step 4.1: the request to send — a CORS-preflight request when `make_preflight` and the
/// CORS-preflight cache does not cover the request, else the request itself; or, for a redirect
/// the engine blocks once any preflight is done, the network error it ends in.
pub(super) fn http_fetch(
    request: &mut FetchRequest,
    make_preflight: bool,
    profile: &Profile,
    cache: &mut PreflightCache,
    cookies: &mut CookieStore,
    tracer: &mut Tracer,
    now: Time,
) -> Result<OutgoingRequest, Reason> {
    if make_preflight && !cache_covers(request, profile, cache, tracer, now) {
        request.preflight_sent_for_url = true;
        Ok(preflight_request(request, profile, cookies, tracer))
    } else if request.mixed_content_after_preflight {
        Err(Reason::MixedContent)
    } else {
        Ok(actual_request(request, profile, cookies, tracer, now))
    }
}

/// Step 4.1's condition: a method cache entry match for the method (unless it needs none) and a
/// header-name cache entry match for every CORS-unsafe request-header name.
fn cache_covers(
    request: &FetchRequest,
    profile: &Profile,
    cache: &mut PreflightCache,
    tracer: &mut Tracer,
    now: Time,
) -> bool {
    let lookup = request.cache_request(profile.preflight.origin_untainted);
    let method = request.method.as_str().as_bytes();
    let mut record = tracer.is_on().then(LookupRecord::default);
    let sufficient = cache.lookup(
        &lookup,
        method,
        request.use_cors_preflight,
        &request.unsafe_names,
        now,
        record.as_mut(),
    );
    if let Some(record) = record {
        trace_lookup(request, record, cache.policy(), tracer);
    }
    tracer.emit(|| Step::CacheVerdict { sufficient });
    if !sufficient && cache.policy().erases_insufficient_url_entries {
        tracer.emit(|| Step::CacheCleared {
            why: ClearWhy::InsufficientResult,
        });
        tracer.emit(|| Step::Departure {
            field: "cache.erases_insufficient_url_entries",
            effect: "the insufficient cached result is erased".to_owned(),
        });
    }
    sufficient
}

/// Traces what a cache lookup found for each item, and the engine departures in it.
fn trace_lookup(
    request: &FetchRequest,
    record: LookupRecord,
    policy: &CachePolicy,
    tracer: &mut Tracer,
) {
    for field in record.departures {
        tracer.emit(|| Step::Departure {
            field,
            effect: "the engine's cache matches entries by its own rules".to_owned(),
        });
    }
    let method = request.method.as_str().as_bytes();
    for item in record.items {
        let unlisted_safelisted_method = matches!(
            &item,
            LookupItem::Method(_, found) if !found.is_hit()
        ) && is_cors_safelisted_method(method)
            && !request.use_cors_preflight;
        tracer.emit(|| Step::CacheLookup(item));
        if unlisted_safelisted_method
            && matches!(
                policy.cached_methods,
                CachedMethods::AllowedByEveryResult { .. }
            )
        {
            tracer.emit(|| Step::Departure {
                field: "cache.cached_methods",
                effect: "a CORS-safelisted method needs a cached result of its own".to_owned(),
            });
        }
    }
}

/// Fetch "CORS-preflight fetch" steps 1-6: the `OPTIONS` request for the current URL, which
/// never carries cookies (its credentials mode is `same-origin` and its tainting `cors`).
fn preflight_request(
    request: &FetchRequest,
    profile: &Profile,
    cookies: &CookieStore,
    tracer: &mut Tracer,
) -> OutgoingRequest {
    cookie::preflight(request, profile, cookies, tracer);
    let untainted = profile.preflight.origin_untainted;
    let mut headers = preflight::preflight_headers(&request.actual(untainted));
    // The preflight's response tainting is `cors`: it always carries `Origin`.
    headers.append(ORIGIN, request.preflight_origin_header(untainted));
    tracer.emit(|| Step::OriginHeader {
        why: if request.redirect_taint_is_same_origin() || untainted {
            OriginWhy::Cors
        } else {
            OriginWhy::RedirectTainted
        },
    });
    if untainted && !request.redirect_taint_is_same_origin() {
        tracer.emit(|| Step::Departure {
            field: "preflight.origin_untainted",
            effect: "the preflight carries the document's origin, not `null`".to_owned(),
        });
    }
    let preflight = on_the_wire(request, Method::OPTIONS, headers, true, profile, tracer);
    OutgoingRequest {
        credentials_included: false,
        ..preflight
    }
}

/// Fetch "HTTP-network-or-cache fetch": the request as sent — its headers, then `Origin`
/// ("append a request `Origin` header"), `Cookie` when it includes credentials ("append a
/// request `Cookie` header") and `Referer`.
pub(super) fn actual_request(
    request: &mut FetchRequest,
    profile: &Profile,
    cookies: &mut CookieStore,
    tracer: &mut Tracer,
    now: Time,
) -> OutgoingRequest {
    let mut headers = request.lend_headers();
    let (origin, why) = request.origin_header(&profile.context, &profile.redirect);
    if tracer.is_on() {
        tracer.emit(|| Step::OriginHeader { why });
        trace_origin_departures(request, &origin, profile, tracer);
    }
    if request.first_origin.is_none() {
        request.first_origin = Some(origin.clone());
    }
    if let Some(origin) = origin {
        headers.append(ORIGIN, origin);
    }
    if let Some(cookie) = cookie::cookie_header(request, profile, cookies, tracer, now) {
        headers.append(COOKIE, cookie);
    }
    let mut outgoing = on_the_wire(
        request,
        request.method.clone(),
        headers,
        false,
        profile,
        tracer,
    );
    outgoing.body = request.body.clone();
    outgoing
}

/// Traces the profile fields that made the request's `Origin` other than the standard's: each
/// field that alone gives the engine's value, or, if none does alone, every field that differs.
fn trace_origin_departures(
    request: &FetchRequest,
    origin: &Option<HeaderValue>,
    profile: &Profile,
    tracer: &mut Tracer,
) {
    let (context, redirect) = (&profile.context, &profile.redirect);
    let spec = (ContextPolicy::SPEC, RedirectPolicy::SPEC);
    let with = |context: ContextPolicy, redirect: RedirectPolicy| {
        request.origin_header(&context, &redirect).0
    };
    if with(spec.0, spec.1) == *origin {
        return;
    }
    let fields: [(&'static str, &'static str, (ContextPolicy, RedirectPolicy)); 4] = [
        (
            "context.origin_header_follows_referrer_policy",
            "outside CORS, the request's referrer policy does not touch `Origin`",
            (
                ContextPolicy {
                    origin_header_follows_referrer_policy: context
                        .origin_header_follows_referrer_policy,
                    ..spec.0
                },
                spec.1,
            ),
        ),
        (
            "context.cross_site_relaxed_policies_ignored",
            "a policy that relaxes the default gives way to strict-origin-when-cross-origin for \
             another site",
            (
                ContextPolicy {
                    cross_site_relaxed_policies_ignored: context
                        .cross_site_relaxed_policies_ignored,
                    ..spec.0
                },
                spec.1,
            ),
        ),
        (
            "redirect.cross_origin_hop_nulls_origin",
            "outside CORS, `Origin: null` after a redirect to another origin",
            (
                spec.0,
                RedirectPolicy {
                    cross_origin_hop_nulls_origin: redirect.cross_origin_hop_nulls_origin,
                    ..spec.1
                },
            ),
        ),
        (
            "redirect.keeps_first_origin_outside_cors",
            "outside CORS, the `Origin` of the fetch's first request is kept across redirects",
            (
                spec.0,
                RedirectPolicy {
                    keeps_first_origin_outside_cors: redirect.keeps_first_origin_outside_cors,
                    ..spec.1
                },
            ),
        ),
    ];
    tracer.departures(
        &fields,
        |alone| *alone != spec,
        |(context, redirect)| with(*context, *redirect) == *origin,
    );
}

/// The request for the current URL with `Referer` added, as it goes on the wire (without a
/// body).
fn on_the_wire(
    request: &FetchRequest,
    method: Method,
    mut headers: HeaderList,
    is_preflight: bool,
    profile: &Profile,
    tracer: &mut Tracer,
) -> OutgoingRequest {
    let referer = if is_preflight
        && request.redirect_count > 0
        && profile.preflight.redirected_preflight_keeps_first_referrer
    {
        if request.first_referer_header() != request.referer_header() {
            tracer.emit(|| Step::Departure {
                field: "preflight.redirected_preflight_keeps_first_referrer",
                effect: "the redirected request's preflight carries the `Referer` of the first \
                         request"
                    .to_owned(),
            });
        }
        request.first_referer_header()
    } else {
        request.referer_header()
    };
    if let Some(referer) = referer {
        headers.append(REFERER, referer.clone());
    }
    if request.fetch_metadata
        && let Some(metadata) = request.fetch_metadata_headers(is_preflight)
    {
        let dropped = !is_preflight
            && request.redirect_count > 0
            && !request.preflight_sent_for_url
            && profile.redirect.redirected_request_drops_fetch_metadata;
        if dropped {
            tracer.emit(|| Step::Departure {
                field: "redirect.redirected_request_drops_fetch_metadata",
                effect: "the redirected request carries no Fetch Metadata headers".to_owned(),
            });
        } else {
            for (name, value) in metadata {
                headers.append(name, value);
            }
        }
    }
    let keep_userinfo = profile.redirect.request_line_keeps_userinfo;
    let url = request.current_url();
    if keep_userinfo && includes_credentials(url) {
        tracer.emit(|| Step::Departure {
            field: "redirect.request_line_keeps_userinfo",
            effect: "the request line keeps the URL's username and password".to_owned(),
        });
    }
    let outgoing = OutgoingRequest {
        method,
        url: request.url_on_the_wire(keep_userinfo),
        headers,
        body: None,
        is_preflight,
        credentials_included: request.include_credentials(),
    };
    tracer.emit(|| {
        let text = |name| {
            outgoing
                .headers
                .get(&name)
                .map(|v| String::from_utf8_lossy(&v).into_owned())
        };
        Step::Sent {
            method: outgoing.method.to_string(),
            url: Url::clone(&outgoing.url),
            preflight: is_preflight,
            origin: text(ORIGIN),
            referer: text(REFERER),
        }
    });
    outgoing
}

/// The preflight's response arrived: Fetch "CORS-preflight fetch" steps 7-8 and the cache
/// update; `Ok` when the request itself goes next, else the network error the preflight ends in.
pub(super) fn preflight_response(
    request: &FetchRequest,
    status: u16,
    headers: &HeaderList,
    profile: &Profile,
    cache: &mut PreflightCache,
    tracer: &mut Tracer,
    now: Time,
) -> Result<(), Reason> {
    tracer.emit(|| Step::Received {
        status: Some(status),
        preflight: true,
    });
    cookie::ignored(headers, Refusal::Preflight, tracer);
    let untainted = profile.preflight.origin_untainted;
    let actual = request.actual(untainted);
    let allowed = match preflight::validate(status, headers, &actual, &profile.preflight) {
        Ok(allowed) => allowed,
        Err(reason) => {
            if let Reason::PreflightCheck(failure) = &reason {
                tracer.emit(|| Step::CorsCheck {
                    preflight: true,
                    result: Err(failure.clone()),
                });
            }
            trace_flagged_method(request, headers, profile, tracer);
            return Err(reason);
        }
    };
    if tracer.is_on() {
        tracer.emit(|| Step::CorsCheck {
            preflight: true,
            result: Ok(allowed.check),
        });
        tracer.emit(|| Step::MethodAllowed {
            method: request.method.to_string(),
            how: allowed.method,
        });
        for name in &request.unsafe_names {
            let listed = allowed.lists_header(name.as_str().as_bytes());
            tracer.emit(|| Step::HeaderAllowed {
                name: name.as_str().to_owned(),
                by_wildcard: !listed,
            });
        }
        if allowed.wildcard_covered_authorization {
            tracer.emit(|| Step::Departure {
                field: "preflight.wildcard_covers_authorization",
                effect: "`Access-Control-Allow-Headers: *` allows `Authorization`".to_owned(),
            });
        }
        trace_flagged_method(request, headers, profile, tracer);
    }
    let tainted = !untainted && !request.redirect_taint_is_same_origin();
    let stored = cache.store_result(
        &request.cache_request(untainted),
        &allowed.methods,
        &allowed.header_names,
        headers,
        tainted,
        now,
    );
    if tracer.is_on() {
        trace_stored(
            stored,
            &allowed.methods,
            &allowed.header_names,
            headers,
            cache.policy(),
            tracer,
        );
    }
    Ok(())
}

/// The departure of step 7.4: a preflight made for the use-CORS-preflight flag whose answer has
/// no `Access-Control-Allow-Methods`, which the engine does not read as allowing the method.
fn trace_flagged_method(
    request: &FetchRequest,
    headers: &HeaderList,
    profile: &Profile,
    tracer: &mut Tracer,
) {
    if request.use_cors_preflight
        && !profile.preflight.flagged_preflight_allows_method
        && !headers.contains(&ACCESS_CONTROL_ALLOW_METHODS)
    {
        tracer.emit(|| Step::Departure {
            field: "preflight.flagged_preflight_allows_method",
            effect: "no `Access-Control-Allow-Methods` does not allow (or cache) the method of a \
                     flagged preflight"
                .to_owned(),
        });
    }
}

/// Traces what the cache did with a preflight's result, and the engine departures in it.
fn trace_stored(
    stored: Stored,
    methods: &[&[u8]],
    header_names: &[&[u8]],
    headers: &HeaderList,
    policy: &CachePolicy,
    tracer: &mut Tracer,
) {
    let text = |list: &[&[u8]]| -> Vec<String> {
        list.iter()
            .map(|item| String::from_utf8_lossy(item).into_owned())
            .collect()
    };
    if policy.replaces_url_entries && matches!(stored, Stored::Stored { .. }) {
        tracer.emit(|| Step::CacheCleared {
            why: ClearWhy::Replaced,
        });
        tracer.emit(|| Step::Departure {
            field: "cache.replaces_url_entries",
            effect: "the new result replaces every cached entry of the URL".to_owned(),
        });
    }
    tracer.emit(|| Step::CacheStored {
        stored,
        methods: text(methods),
        header_names: text(header_names),
    });
    if let (
        Stored::Stored { .. },
        CachedMethods::AllowedByEveryResult {
            methods: unlisted,
            kept_until_evicted,
        },
    ) = (stored, policy.cached_methods)
    {
        let effect = if kept_until_evicted {
            format!(
                "the result lets {} through unlisted until the cache evicts it",
                unlisted.join(", ")
            )
        } else {
            format!("the result lets {} through unlisted", unlisted.join(", "))
        };
        tracer.emit(|| Step::Departure {
            field: "cache.cached_methods",
            effect,
        });
    }
    let standard = max_age(headers, &CachePolicy::SPEC);
    let field = match stored {
        Stored::Stored { max_age, asked } if max_age != asked => Some((
            "cache.max_age_cap",
            format!("Max-Age capped at {} s", max_age.as_secs()),
        )),
        Stored::NotCached(crate::cache::NotCached::NullOrigin) => Some((
            "cache.caches_null_origin",
            "no result cached for `null`".to_owned(),
        )),
        Stored::NotCached(crate::cache::NotCached::RedirectTainted) => Some((
            "cache.caches_redirect_tainted",
            "no result cached for a redirect-tainted request".to_owned(),
        )),
        Stored::NotCached(crate::cache::NotCached::UrlTooLong) => Some((
            "cache.max_url_length",
            "no result cached for a URL this long".to_owned(),
        )),
        _ => None,
    };
    if let Some((field, effect)) = field {
        tracer.emit(|| Step::Departure { field, effect });
    }
    let parsed = max_age(headers, policy);
    if policy.max_age_parsing != CachePolicy::SPEC.max_age_parsing && parsed != standard {
        tracer.emit(|| Step::Departure {
            field: "cache.max_age_parsing",
            effect: format!(
                "Access-Control-Max-Age read as {}, where the standard reads {}",
                parsed.map_or("do not cache".to_owned(), |d| format!("{} s", d.as_secs())),
                standard.map_or("do not cache".to_owned(), |d| format!("{} s", d.as_secs()))
            ),
        });
    }
}

/// What a response to the request itself leads to.
#[derive(Debug)]
pub(super) enum Answer {
    /// The response is the fetch's, with these headers.
    Final(HeaderList),
    /// A redirect was followed: "main fetch" runs again for the new URL.
    Redirected,
    /// A redirect under redirect mode `manual`.
    OpaqueRedirect,
    /// A network error.
    NetworkError(Reason),
}

/// The response to the request itself arrived: its cookies stored ("HTTP-network-or-cache
/// fetch", before any check), then Fetch "HTTP fetch" steps 4.4 (CORS check) and 6
/// (redirects).
pub(super) fn response(
    request: &mut FetchRequest,
    status: u16,
    mut headers: HeaderList,
    profile: &Profile,
    cookies: &mut CookieStore,
    tracer: &mut Tracer,
    now: Time,
) -> Answer {
    tracer.emit(|| Step::Received {
        status: Some(status),
        preflight: false,
    });
    cookie::store(request, &headers, profile, cookies, tracer, now);
    add_partial_content_length(request, status, &mut headers, &profile.response, tracer);
    if request.tainting == Tainting::Cors {
        let check = cors_check(&headers, request.serialized_origin(), request.credentials);
        tracer.emit(|| Step::CorsCheck {
            preflight: false,
            result: check.clone(),
        });
        if let Err(failure) = check {
            return Answer::NetworkError(Reason::Check(failure));
        }
    }
    if !is_redirect_status(status) {
        return Answer::Final(headers);
    }
    match request.redirect {
        // Some engines see a redirect only where there is a `Location` to follow.
        RedirectMode::Error
            if profile.redirect.error_needs_location && !headers.contains(&LOCATION) =>
        {
            tracer.emit(|| Step::Departure {
                field: "redirect.error_needs_location",
                effect: "a redirect status without `Location` is handed to script".to_owned(),
            });
            Answer::Final(headers)
        }
        RedirectMode::Error => Answer::NetworkError(Reason::RedirectModeError),
        RedirectMode::Manual if request.mode != Mode::Navigate => Answer::OpaqueRedirect,
        RedirectMode::Manual => Answer::Final(headers),
        RedirectMode::Follow => {
            match redirect::follow(request, status, &headers, &profile.redirect, tracer) {
                Err(reason) => Answer::NetworkError(reason),
                Ok(false) => Answer::Final(headers),
                Ok(true) => {
                    set_referrer_policy_on_redirect(request, &headers, &profile.context, tracer);
                    Answer::Redirected
                }
            }
        }
    }
}

/// Referrer Policy: "set request's referrer policy on redirect" — the redirect's
/// `Referrer-Policy`, when it names a policy, becomes the request's for the hops that follow.
fn set_referrer_policy_on_redirect(
    request: &mut FetchRequest,
    headers: &HeaderList,
    context: &ContextPolicy,
    tracer: &mut Tracer,
) {
    let lenient = context.referrer_policy_header_lenient;
    let Some(policy) = referrer::parse_header(headers, lenient) else {
        return;
    };
    request.referrer_policy = policy;
    tracer.emit(|| Step::ReferrerPolicySet { policy });
    if tracer.is_on() && lenient && referrer::parse_header(headers, false) != Some(policy) {
        tracer.emit(|| Step::Departure {
            field: "context.referrer_policy_header_lenient",
            effect: "`Referrer-Policy` is read token by token, ignoring case".to_owned(),
        });
    }
}

/// An engine whose HTTP cache gives a 206 answer to a `Range` request a `Content-Length` (the
/// range's length) when it has `Content-Range` but none.
fn add_partial_content_length(
    request: &FetchRequest,
    status: u16,
    headers: &mut HeaderList,
    policy: &ResponsePolicy,
    tracer: &mut Tracer,
) {
    if policy.partial_content_gains_length
        && status == 206
        && request.headers.contains(&RANGE)
        && !headers.contains(&CONTENT_LENGTH)
        && let Some(length) = headers
            .get(&CONTENT_RANGE)
            .and_then(|range| crate::range::content_range_length(&range))
    {
        let length = HeaderValue::from_bytes(length.to_string().as_bytes())
            .expect("digits are a header value");
        headers.append(CONTENT_LENGTH, length);
        tracer.emit(|| Step::Departure {
            field: "response.partial_content_gains_length",
            effect: "the 206 response gains a Content-Length".to_owned(),
        });
    }
}
