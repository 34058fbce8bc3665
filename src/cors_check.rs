//! Fetch §4.10 "CORS check": may the response be shared with the request's origin?

use crate::error::{CheckFailure, hint};
use crate::header::HeaderList;
use crate::request::CredentialsMode;
use http::header::{ACCESS_CONTROL_ALLOW_CREDENTIALS, ACCESS_CONTROL_ALLOW_ORIGIN};

/// How a response passed the CORS check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum CheckPass {
    /// `Access-Control-Allow-Origin: *`, for a request without credentials (step 3).
    Wildcard,
    /// `Access-Control-Allow-Origin` is the request's origin, and the request has no
    /// credentials (step 5).
    Origin,
    /// `Access-Control-Allow-Origin` is the request's origin and
    /// `Access-Control-Allow-Credentials` is `true`, for a request with credentials (step 8).
    OriginWithCredentials,
}

impl std::fmt::Display for CheckPass {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::Wildcard => {
                "Access-Control-Allow-Origin is `*` and the request has no credentials"
            }
            Self::Origin => {
                "Access-Control-Allow-Origin is the request's origin and the request has no \
                 credentials"
            }
            Self::OriginWithCredentials => {
                "Access-Control-Allow-Origin is the request's origin and \
                 Access-Control-Allow-Credentials is `true`"
            }
        })
    }
}

/// Fetch: "CORS check" for a response, given the request's byte-serialized origin
/// (`serialized_origin`, `null` once redirect-tainted or for an opaque origin) and credentials
/// mode: how it passed, or why it failed, classified as Chromium's `CheckAccess` does for its
/// console. <https://fetch.spec.whatwg.org/#concept-cors-check>
pub fn cors_check(
    headers: &HeaderList,
    serialized_origin: &str,
    credentials: CredentialsMode,
) -> Result<CheckPass, CheckFailure> {
    // 1-2. Let origin be the result of getting `Access-Control-Allow-Origin`; null fails.
    let Some(origin) = headers.get(&ACCESS_CONTROL_ALLOW_ORIGIN) else {
        return Err(CheckFailure::MissingAllowOriginHeader);
    };
    let include = credentials == CredentialsMode::Include;
    // 3. Without credentials, `*` succeeds.
    if !include && *origin == *b"*" {
        return Ok(CheckPass::Wildcard);
    }
    // 4. The byte-serialized request origin must be the value.
    if origin != serialized_origin.as_bytes() {
        return Err(classify_mismatch(&origin));
    }
    // 5. Without credentials, that suffices.
    if !include {
        return Ok(CheckPass::Origin);
    }
    // 6-8. With credentials, `Access-Control-Allow-Credentials` must be exactly `true`.
    match headers.get(&ACCESS_CONTROL_ALLOW_CREDENTIALS) {
        Some(value) if *value == *b"true" => Ok(CheckPass::OriginWithCredentials),
        value => Err(CheckFailure::InvalidAllowCredentials {
            value: hint(&value.unwrap_or_default()),
        }),
    }
}

/// Why an `Access-Control-Allow-Origin` value that is not the request's origin failed, in
/// Chromium's terms: `*` under credentials, a list, something that is not a URL, or another
/// origin (`null` included).
fn classify_mismatch(value: &[u8]) -> CheckFailure {
    let value_hint = hint(value);
    if value == b"*" {
        CheckFailure::WildcardOriginNotAllowed
    } else if value.iter().any(|&b| b == b' ' || b == b',') {
        CheckFailure::MultipleAllowOriginValues { value: value_hint }
    } else if value != b"null"
        && std::str::from_utf8(value).map_or(true, |v| url::Url::parse(v).is_err())
    {
        CheckFailure::InvalidAllowOriginValue { value: value_hint }
    } else {
        CheckFailure::AllowOriginMismatch { value: value_hint }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::header::list as headers;

    const ORIGIN: &str = "http://page.example";
    const ACAO: &str = "Access-Control-Allow-Origin";
    const ACAC: &str = "Access-Control-Allow-Credentials";

    fn check(
        list: &[(&str, &str)],
        credentials: CredentialsMode,
    ) -> Result<CheckPass, CheckFailure> {
        cors_check(&headers(list), ORIGIN, credentials)
    }

    #[test]
    fn wildcard_and_exact_origin_pass_without_credentials() {
        for credentials in [CredentialsMode::Omit, CredentialsMode::SameOrigin] {
            assert_eq!(check(&[(ACAO, "*")], credentials), Ok(CheckPass::Wildcard));
            assert_eq!(check(&[(ACAO, ORIGIN)], credentials), Ok(CheckPass::Origin));
        }
    }

    #[test]
    fn credentials_need_the_exact_origin_and_allow_credentials_true() {
        let include = CredentialsMode::Include;
        assert_eq!(
            check(&[(ACAO, ORIGIN), (ACAC, "true")], include),
            Ok(CheckPass::OriginWithCredentials)
        );
        assert_eq!(
            check(&[(ACAO, "*"), (ACAC, "true")], include),
            Err(CheckFailure::WildcardOriginNotAllowed)
        );
        assert_eq!(
            check(&[(ACAO, ORIGIN), (ACAC, "TRUE")], include),
            Err(CheckFailure::InvalidAllowCredentials {
                value: "TRUE".into()
            })
        );
        assert_eq!(
            check(&[(ACAO, ORIGIN)], include),
            Err(CheckFailure::InvalidAllowCredentials {
                value: String::new()
            })
        );
        assert_eq!(
            check(&[(ACAO, ORIGIN), (ACAC, "true"), (ACAC, "true")], include),
            Err(CheckFailure::InvalidAllowCredentials {
                value: "true, true".into()
            })
        );
    }

    #[test]
    fn mismatches_are_classified() {
        let omit = CredentialsMode::Omit;
        assert_eq!(
            check(&[], omit),
            Err(CheckFailure::MissingAllowOriginHeader)
        );
        assert_eq!(
            check(&[(ACAO, ORIGIN), (ACAO, ORIGIN)], omit),
            Err(CheckFailure::MultipleAllowOriginValues {
                value: format!("{ORIGIN}, {ORIGIN}")
            })
        );
        assert_eq!(
            check(&[(ACAO, "*"), (ACAO, "*")], omit),
            Err(CheckFailure::MultipleAllowOriginValues {
                value: "*, *".into()
            })
        );
        assert_eq!(
            check(&[(ACAO, "http://page.example/")], omit),
            Err(CheckFailure::AllowOriginMismatch {
                value: "http://page.example/".into()
            })
        );
        assert_eq!(
            check(&[(ACAO, "HTTP://PAGE.EXAMPLE")], omit),
            Err(CheckFailure::AllowOriginMismatch {
                value: "HTTP://PAGE.EXAMPLE".into()
            })
        );
        assert_eq!(
            check(&[(ACAO, "null")], omit),
            Err(CheckFailure::AllowOriginMismatch {
                value: "null".into()
            })
        );
        assert_eq!(
            check(&[(ACAO, "page.example")], omit),
            Err(CheckFailure::InvalidAllowOriginValue {
                value: "page.example".into()
            })
        );
    }

    #[test]
    fn null_matches_an_opaque_or_tainted_origin() {
        assert_eq!(
            cors_check(&headers(&[(ACAO, "null")]), "null", CredentialsMode::Omit),
            Ok(CheckPass::Origin)
        );
    }
}
