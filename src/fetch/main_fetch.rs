//! Fetch "main fetch": for each URL of the request, the checks that come before any request
//! (bad port, mixed content, the referrer), the response tainting, and whether the request takes
//! the CORS-with-preflight branch; and at the end, the filtered response script sees.
//! <https://fetch.spec.whatwg.org/#main-fetch>

use crate::error::Reason;
use crate::header::HeaderList;
use crate::method::is_cors_safelisted_method;
use crate::profile::{ContextPolicy, Profile, RequestHeaderPolicy, ResponsePolicy};
use crate::referrer;
use crate::request::fetching::FetchRequest;
use crate::request::{CredentialsMode, Mode, RedirectMode};
use crate::response::{self, FilteredResponse, ResponseType, Tainting};
use crate::safelist;
use crate::secure_context::{is_bad_port, is_mixed_content};
use crate::trace::{HiddenWhy, PreflightReason, Step, TaintingWhy, Tracer};
use http::HeaderName;
use http::header::ACCESS_CONTROL_EXPOSE_HEADERS;

/// Where "main fetch" goes next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Next {
    /// "HTTP fetch", with or without the CORS-preflight flag ("CORS-with-preflight").
    HttpFetch {
        /// Whether to make a CORS-preflight request (unless the cache covers it).
        preflight: bool,
    },
    /// "scheme fetch" of a `data:` URL.
    DataUrl,
    /// A network error.
    NetworkError(Reason),
}

/// Fetch "main fetch" for the request's current URL, from the step that checks the port to the
/// one that chooses how to fetch it.
pub(super) fn main_fetch(
    request: &mut FetchRequest,
    profile: &Profile,
    tracer: &mut Tracer,
) -> Next {
    // Step 8 (an empty referrer policy takes the document's) ran when the fetch started
    // (`FetchRequest::new`); step 9: "determine request's referrer" unless it is "no-referrer".
    determine_referrer(request, &profile.context, tracer);
    request.preflight_sent_for_url = false;
    if request.redirect_count == 0 || !profile.redirect.keeps_unsafe_names {
        request.unsafe_names =
            safelist::unsafe_request_header_names(&request.headers, &profile.request_headers);
    } else {
        tracer.emit(|| Step::Departure {
            field: "redirect.keeps_unsafe_names",
            effect: "the CORS-unsafe request-header names stay those of the request as script \
                     made it"
                .to_owned(),
        });
    }
    if request.redirect_count == 0 {
        request.initial_preflight_trigger =
            !is_cors_safelisted_method(request.method.as_str().as_bytes())
                || !request.unsafe_names.is_empty();
    }
    // Step 7: ports, and mixed content.
    if is_bad_port(request.current_url()) {
        return Next::NetworkError(Reason::BadPort);
    }
    if is_mixed_content(request.origin(), request.current_url(), &profile.context) {
        if !is_mixed_content(
            request.origin(),
            request.current_url(),
            &ContextPolicy::SPEC,
        ) {
            tracer.emit(|| Step::Departure {
                field: "context.mixed_content_allows_loopback",
                effect: "an https page may not fetch http loopback URLs".to_owned(),
            });
        }
        if request.redirect_count == 0
            || request.mode != Mode::Cors
            || !profile.context.mixed_content_after_redirect_preflight
        {
            return Next::NetworkError(Reason::MixedContent);
        }
        // The engine blocks the redirect only once the new URL's preflight, if it needs one,
        // went out and passed.
        request.mixed_content_after_preflight = true;
    }
    // Step 12: the response tainting, and how to fetch.
    let url = request.current_url();
    let scheme = url.scheme();
    let same_origin = request.current_url_is_same_origin() && request.tainting == Tainting::Basic;
    let why = if same_origin {
        TaintingWhy::SameOrigin
    } else if scheme == "data" {
        TaintingWhy::DataUrl
    } else if request.mode == Mode::Navigate {
        TaintingWhy::Navigation
    } else if request.mode == Mode::SameOrigin {
        return Next::NetworkError(Reason::DisallowedByMode);
    } else if request.mode == Mode::NoCors {
        if request.redirect != RedirectMode::Follow {
            return Next::NetworkError(Reason::NoCorsRedirectModeNotFollow);
        }
        TaintingWhy::NoCors
    } else if !matches!(scheme, "http" | "https") {
        return Next::NetworkError(Reason::CorsDisabledScheme);
    } else {
        TaintingWhy::CrossOrigin
    };
    request.tainting = match why {
        TaintingWhy::NoCors => Tainting::Opaque,
        TaintingWhy::CrossOrigin => Tainting::Cors,
        _ => Tainting::Basic,
    };
    tracer.emit(|| Step::Tainting {
        url: request.current_url().clone(),
        tainting: request.tainting,
        why,
    });
    let preflight = why == TaintingWhy::CrossOrigin && needs_preflight(request, profile, tracer);
    request.preflight_branch |= preflight;
    if request.mixed_content_after_preflight {
        if !preflight {
            return Next::NetworkError(Reason::MixedContent);
        }
        tracer.emit(|| Step::Departure {
            field: "context.mixed_content_after_redirect_preflight",
            effect: "the redirect is blocked as mixed content only after the new URL's preflight"
                .to_owned(),
        });
    }
    match request.current_url().scheme() {
        "http" | "https" => Next::HttpFetch { preflight },
        "data" => Next::DataUrl,
        // Scheme fetch of about:, blob: and file: URLs is not modelled.
        _ => Next::NetworkError(Reason::CorsDisabledScheme),
    }
}

/// "main fetch" step 9 for the current URL: the referrer, as the request's referrer policy
/// (as the engine applies it) determines it from what the previous hop left, traced with the
/// profile fields that made it other than the standard's.
fn determine_referrer(request: &mut FetchRequest, context: &ContextPolicy, tracer: &mut Tracer) {
    let at = |request: &FetchRequest, context: &ContextPolicy| {
        referrer::determine(
            request.referrer,
            request.referrer_source(),
            request.current_url_is_same_origin(),
            request.current_url(),
            request.effective_referrer_policy(context),
            context,
        )
    };
    let referrer = at(request, context);
    let policy = request.effective_referrer_policy(context);
    if request.redirect_count == 0 || referrer != request.referrer {
        tracer.emit(|| Step::Referrer {
            url: request.current_url().clone(),
            referrer,
            policy,
        });
    }
    if tracer.is_on() && at(request, &ContextPolicy::SPEC) != referrer {
        let fields: [(&'static str, &'static str, ContextPolicy); 2] = [
            (
                "context.loopback_trustworthy_for_referrer",
                "only https counts as potentially trustworthy for the referrer",
                ContextPolicy {
                    loopback_trustworthy_for_referrer: context.loopback_trustworthy_for_referrer,
                    ..ContextPolicy::SPEC
                },
            ),
            (
                "context.cross_site_relaxed_policies_ignored",
                "a policy that relaxes the default gives way to strict-origin-when-cross-origin \
                 for another site",
                ContextPolicy {
                    cross_site_relaxed_policies_ignored: context
                        .cross_site_relaxed_policies_ignored,
                    ..ContextPolicy::SPEC
                },
            ),
        ];
        tracer.departures(
            &fields,
            |alone| *alone != ContextPolicy::SPEC,
            |alone| at(request, alone) == referrer,
        );
    }
    request.referrer = referrer;
    if request.redirect_count == 0 {
        request.first_referrer = referrer;
    }
}

/// Step 12's CORS branch for script's requests (which have the unsafe-request flag): whether
/// the request takes "CORS-with-preflight" — the use-CORS-preflight flag, a method that is not
/// CORS-safelisted, or CORS-unsafe request-header names.
fn needs_preflight(request: &FetchRequest, profile: &Profile, tracer: &mut Tracer) -> bool {
    let method_unsafe = !is_cors_safelisted_method(request.method.as_str().as_bytes());
    let by_standard =
        request.use_cors_preflight || method_unsafe || !request.unsafe_names.is_empty();
    let kept = !by_standard
        && profile.redirect.keeps_preflight_trigger
        && request.initial_preflight_trigger;
    if tracer.is_on() {
        trace_unsafe_headers(request, &profile.request_headers, tracer);
        tracer.emit(|| {
            let mut reasons = Vec::new();
            if method_unsafe {
                reasons.push(PreflightReason::Method(request.method.to_string()));
            }
            if !request.unsafe_names.is_empty() {
                reasons.push(PreflightReason::UnsafeHeaders(
                    request
                        .unsafe_names
                        .iter()
                        .map(|n| n.as_str().to_owned())
                        .collect(),
                ));
            }
            if request.use_cors_preflight {
                reasons.push(PreflightReason::UseCorsPreflightFlag);
            }
            if kept {
                reasons.push(PreflightReason::KeptFromFirstHop);
            }
            Step::PreflightNeeded { reasons }
        });
        if kept {
            tracer.emit(|| Step::Departure {
                field: "redirect.keeps_preflight_trigger",
                effect: "a preflight, because the request as script made it needed one".to_owned(),
            });
        }
    }
    by_standard || kept
}

/// Traces why each CORS-unsafe request-header name is unsafe, and where the engine's reading of
/// the header list names other headers than the standard's would.
fn trace_unsafe_headers(request: &FetchRequest, policy: &RequestHeaderPolicy, tracer: &mut Tracer) {
    for (name, rule) in safelist::unsafe_request_header_reasons(&request.headers, policy) {
        tracer.emit(|| Step::UnsafeHeader { name, rule });
    }
    let standard =
        safelist::unsafe_request_header_names(&request.headers, &RequestHeaderPolicy::SPEC);
    if standard == request.unsafe_names {
        return;
    }
    // Each field that alone changes the names is a departure.
    let fields: [(&'static str, RequestHeaderPolicy); 3] = [
        (
            "request_headers.safelist_value_size_limit",
            RequestHeaderPolicy {
                safelist_value_size_limit: policy.safelist_value_size_limit,
                ..RequestHeaderPolicy::SPEC
            },
        ),
        (
            "request_headers.repeated_headers",
            RequestHeaderPolicy {
                repeated_headers: policy.repeated_headers,
                ..RequestHeaderPolicy::SPEC
            },
        ),
        (
            "request_headers.range_unit_case_insensitive",
            RequestHeaderPolicy {
                range_unit_case_insensitive: policy.range_unit_case_insensitive,
                ..RequestHeaderPolicy::SPEC
            },
        ),
    ];
    for (field, alone) in fields {
        if safelist::unsafe_request_header_names(&request.headers, &alone) != standard {
            tracer.emit(|| Step::Departure {
                field,
                effect: format!(
                    "CORS-unsafe request-header names [{}] where the standard has [{}]",
                    joined(&request.unsafe_names),
                    joined(&standard)
                ),
            });
        }
    }
}

/// Header names as a list for a person: `a, b`.
fn joined(names: &[HeaderName]) -> String {
    let names: Vec<&str> = names.iter().map(HeaderName::as_str).collect();
    names.join(", ")
}

/// Fetch "main fetch" steps 14-15: the filtered response script sees of a response with
/// `status` and `headers` (a CORS filter keeps the CORS-safelisted and exposed header names).
pub(super) fn filtered_response(
    request: &FetchRequest,
    status: u16,
    headers: HeaderList,
    policy: &ResponsePolicy,
    tracer: &mut Tracer,
) -> FilteredResponse {
    // The filters keep the internal response's list; the trace reads all of it.
    let internal = tracer.is_on().then(|| headers.clone());
    // `Response.url` is the last URL serialized without its fragment.
    let url = Some(request.url_on_the_wire(false));
    let redirected = request.url_list().len() > 1;
    let response = match request.tainting {
        Tainting::Opaque => FilteredResponse {
            kind: ResponseType::Opaque,
            status: 0,
            url: None,
            redirected: false,
            headers: HeaderList::new(),
        },
        Tainting::Cors => {
            let exposed = response::cors_exposed_header_names(
                &headers,
                request.credentials,
                policy.expose_star_despite_invalid_items,
            );
            if policy.expose_star_despite_invalid_items && tracer.is_on() {
                let standard = response::cors_exposed_header_names(
                    &headers,
                    request.credentials,
                    ResponsePolicy::SPEC.expose_star_despite_invalid_items,
                );
                if standard != exposed {
                    tracer.emit(|| Step::Departure {
                        field: "response.expose_star_despite_invalid_items",
                        effect: "`*` in an invalid Access-Control-Expose-Headers exposes every \
                                 header"
                            .to_owned(),
                    });
                }
            }
            FilteredResponse {
                kind: ResponseType::Cors,
                status,
                url,
                redirected,
                headers: response::cors_filter(headers, &exposed),
            }
        }
        Tainting::Basic => FilteredResponse {
            kind: ResponseType::Basic,
            status,
            url,
            redirected,
            headers: response::basic_filter(headers),
        },
    };
    if let Some(headers) = internal {
        tracer.emit(|| {
            let exposed = response.exposed_header_names();
            let mut hidden: Vec<(String, HiddenWhy)> = headers
                .iter()
                .map(|(name, _)| name.as_str().to_owned())
                .filter(|name| exposed.binary_search(name).is_err())
                .map(|name| {
                    let why = hidden_why(request, &headers, &name);
                    (name, why)
                })
                .collect();
            hidden.sort_by(|a, b| a.0.cmp(&b.0));
            hidden.dedup_by(|a, b| a.0 == b.0);
            Step::Filtered {
                response_type: response.kind,
                status: response.status,
                exposed,
                hidden,
            }
        });
    }
    response
}

/// Why script cannot read the response header `name` (one the filter left out).
fn hidden_why(request: &FetchRequest, headers: &HeaderList, name: &str) -> HiddenWhy {
    if request.tainting == Tainting::Opaque {
        HiddenWhy::Opaque
    } else if safelist::is_forbidden_response_header_name(name.as_bytes()) {
        HiddenWhy::Forbidden
    } else if request.credentials == CredentialsMode::Include
        && headers
            .get_decode_split(&ACCESS_CONTROL_EXPOSE_HEADERS)
            .is_some_and(|items| items.iter().any(|item| item == "*"))
    {
        HiddenWhy::StarWithCredentials
    } else {
        HiddenWhy::NotExposed
    }
}

/// The response a redirect gives under redirect mode `manual`: an opaque-redirect filtered
/// response.
pub(super) fn opaque_redirect() -> FilteredResponse {
    FilteredResponse {
        kind: ResponseType::OpaqueRedirect,
        status: 0,
        url: None,
        redirected: false,
        headers: HeaderList::new(),
    }
}
