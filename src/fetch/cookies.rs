//! Cookies in "HTTP-network-or-cache fetch": the `Cookie` header of a request that includes
//! credentials ("append a request `Cookie` header"), the `Set-Cookie` headers of its response
//! ("parse and store response `Set-Cookie` headers", before any CORS check), and the trace of
//! both. A CORS-preflight request includes no credentials: it carries no cookie and its
//! response stores none.
//! <https://fetch.spec.whatwg.org/#concept-http-network-or-cache-fetch>

use crate::cookie::{
    CookieContext, CookieRule, CookieStore, Event, Refusal, SameSiteWhy, SetCookieOutcome,
};
use crate::header::{HeaderList, HeaderValue};
use crate::profile::{CookiePolicy, Profile};
use crate::request::fetching::FetchRequest;
use crate::time::Time;
use crate::trace::{Step, Tracer};
use http::header::SET_COOKIE;

/// The `Cookie` header of the request (none when it does not include credentials, or no cookie
/// goes), with each cookie of its host traced.
pub(super) fn cookie_header(
    request: &FetchRequest,
    profile: &Profile,
    cookies: &mut CookieStore,
    tracer: &mut Tracer,
    now: Time,
) -> Option<HeaderValue> {
    if !request.include_credentials() {
        withheld(
            request,
            profile,
            cookies,
            CookieRule::CredentialsNotIncluded,
            tracer,
        );
        return None;
    }
    if cookies.is_empty() && !tracer.is_on() {
        return None;
    }
    let context = request.cookie_context(&profile.cookies);
    trace_context(request, &context, tracer);
    cookies.cookie_header(&context, now, &mut note(tracer))
}

/// Traces that a CORS-preflight request carries none of the cookies of its host.
pub(super) fn preflight(
    request: &FetchRequest,
    profile: &Profile,
    cookies: &CookieStore,
    tracer: &mut Tracer,
) {
    withheld(request, profile, cookies, CookieRule::Preflight, tracer);
}

/// Stores the cookies a response to the request sets, when the request includes credentials.
pub(super) fn store(
    request: &FetchRequest,
    headers: &HeaderList,
    profile: &Profile,
    cookies: &mut CookieStore,
    tracer: &mut Tracer,
    now: Time,
) {
    if !request.include_credentials() {
        ignored(headers, Refusal::CredentialsNotIncluded, tracer);
        return;
    }
    if !headers.contains(&SET_COOKIE) {
        return;
    }
    let context = request.cookie_context(&profile.cookies);
    for value in headers.values(&SET_COOKIE) {
        let outcome = cookies.store(value, &context, now, &mut note(tracer));
        tracer.emit(|| Step::SetCookie {
            name: cookie_name(value),
            outcome,
        });
    }
}

/// Traces that the response's `Set-Cookie` headers were ignored, and why.
pub(super) fn ignored(headers: &HeaderList, why: Refusal, tracer: &mut Tracer) {
    if !tracer.is_on() {
        return;
    }
    for value in headers.values(&SET_COOKIE) {
        tracer.emit(|| Step::SetCookie {
            name: cookie_name(value),
            outcome: SetCookieOutcome::Refused(why),
        });
    }
}

/// Traces each cookie of the request's host as kept off it, for `rule`.
fn withheld(
    request: &FetchRequest,
    profile: &Profile,
    cookies: &CookieStore,
    rule: CookieRule,
    tracer: &mut Tracer,
) {
    if tracer.is_on() && !cookies.is_empty() {
        let context = request.cookie_context(&profile.cookies);
        cookies.withheld(&context, &rule, &mut note(tracer));
    }
}

/// Traces the request's same-site mode, and where the engine's same-site rules made it other
/// than the standard's.
fn trace_context(request: &FetchRequest, context: &CookieContext<'_>, tracer: &mut Tracer) {
    if !tracer.is_on() {
        return;
    }
    tracer.emit(|| Step::SameSiteMode {
        url: context.url.clone(),
        mode: context.mode,
        why: context.why,
        third_party: context.third_party,
    });
    let standard = request.cookie_context(&CookiePolicy::SPEC);
    if standard.mode == context.mode && standard.third_party == context.third_party {
        return;
    }
    let (field, effect) = if standard.why == SameSiteWhy::CrossSiteRedirect {
        (
            "cookies.redirect_taint",
            "a redirect through another site leaves the request same-site",
        )
    } else {
        (
            "cookies.schemeful_same_site",
            "sites are compared without their schemes",
        )
    };
    tracer.emit(|| Step::Departure {
        field,
        effect: effect.to_owned(),
    });
}

/// The trace of the store's events.
fn note(tracer: &mut Tracer) -> impl FnMut(Event<'_>) + '_ {
    move |event| match event {
        Event::Cookie(cookie, rule) => tracer.emit(|| Step::Cookie {
            name: String::from_utf8_lossy(cookie.name()).into_owned(),
            sent: rule.sent(),
            rule,
        }),
        Event::Departure(field, effect) => tracer.emit(|| Step::Departure {
            field,
            effect: effect.to_owned(),
        }),
    }
}

/// The name of the cookie a `Set-Cookie` value sets, for the trace.
fn cookie_name(value: &[u8]) -> String {
    let pair = value.split(|&b| b == b';').next().unwrap_or_default();
    let name = match pair.iter().position(|&b| b == b'=') {
        Some(at) => &pair[..at],
        None => &[][..],
    };
    String::from_utf8_lossy(name).trim().to_owned()
}
