//! Methods: Fetch §2.2.1 "Methods".
//!
//! Fetch methods are case-sensitive byte sequences. `http::Method` keeps the bytes it is given, so
//! `put` and `PUT` differ there; [`normalize`] applies the standard's normalization first.

use crate::header::is_token;
use http::Method;

/// Fetch: "CORS-safelisted method" — `GET`, `HEAD` or `POST`, compared byte for byte.
///
/// Compare a [`normalize`]d method: `post` normalizes to `POST`, but `Post`-like extension methods
/// such as `patch` are not safelisted whatever their case.
pub fn is_cors_safelisted_method(method: &[u8]) -> bool {
    matches!(method, b"GET" | b"HEAD" | b"POST")
}

/// Fetch: "forbidden method" — a byte-case-insensitive match for `CONNECT`, `TRACE` or `TRACK`.
pub fn is_forbidden_method(method: &[u8]) -> bool {
    [&b"CONNECT"[..], b"TRACE", b"TRACK"]
        .iter()
        .any(|m| m.eq_ignore_ascii_case(method))
}

/// Why a byte sequence cannot be a request method.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum InvalidMethod {
    /// Fetch: a method is a byte sequence matching the `token` production; this one does not.
    NotAToken,
    /// Fetch: "forbidden method" (`CONNECT`, `TRACE`, `TRACK`); script cannot use it.
    Forbidden,
}

impl std::fmt::Display for InvalidMethod {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::NotAToken => "the method is not an HTTP token",
            Self::Forbidden => "the method is forbidden (CONNECT, TRACE or TRACK)",
        })
    }
}

impl std::error::Error for InvalidMethod {}

/// Fetch: "normalize" a method — byte-uppercase it if it is a byte-case-insensitive match for
/// `DELETE`, `GET`, `HEAD`, `OPTIONS`, `POST` or `PUT`; keep any other method as it is.
///
/// Also checks what the `Request` constructor checks: the bytes must be a `token` and must not be
/// a forbidden method.
pub fn normalize(method: &[u8]) -> Result<Method, InvalidMethod> {
    // Most methods come already normalized: the six, as they are, are tokens and not forbidden.
    let normalized = match method {
        b"GET" => Some(Method::GET),
        b"POST" => Some(Method::POST),
        b"PUT" => Some(Method::PUT),
        b"DELETE" => Some(Method::DELETE),
        b"HEAD" => Some(Method::HEAD),
        b"OPTIONS" => Some(Method::OPTIONS),
        _ => None,
    };
    if let Some(method) = normalized {
        return Ok(method);
    }
    if !is_token(method) {
        return Err(InvalidMethod::NotAToken);
    }
    if is_forbidden_method(method) {
        return Err(InvalidMethod::Forbidden);
    }
    const NORMALIZED: [Method; 6] = [
        Method::DELETE,
        Method::GET,
        Method::HEAD,
        Method::OPTIONS,
        Method::POST,
        Method::PUT,
    ];
    if let Some(m) = NORMALIZED
        .iter()
        .find(|m| m.as_str().as_bytes().eq_ignore_ascii_case(method))
    {
        return Ok(m.clone());
    }
    Method::from_bytes(method).map_err(|_| InvalidMethod::NotAToken)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes_only_the_six_methods() {
        assert_eq!(normalize(b"put").unwrap(), Method::PUT);
        assert_eq!(normalize(b"dElEtE").unwrap(), Method::DELETE);
        assert_eq!(normalize(b"options").unwrap(), Method::OPTIONS);
        assert_eq!(normalize(b"patch").unwrap().as_str(), "patch");
        assert_eq!(normalize(b"PATCH").unwrap(), Method::PATCH);
        assert_eq!(normalize(b"Chicken").unwrap().as_str(), "Chicken");
    }

    #[test]
    fn rejects_forbidden_and_non_token_methods() {
        assert_eq!(normalize(b"connect"), Err(InvalidMethod::Forbidden));
        assert_eq!(normalize(b"TrAcK"), Err(InvalidMethod::Forbidden));
        assert_eq!(normalize(b""), Err(InvalidMethod::NotAToken));
        assert_eq!(normalize(b"GET POST"), Err(InvalidMethod::NotAToken));
        assert_eq!(normalize(b"G\xc3\xa9T"), Err(InvalidMethod::NotAToken));
    }

    #[test]
    fn safelisted_methods_are_case_sensitive() {
        assert!(is_cors_safelisted_method(b"GET"));
        assert!(is_cors_safelisted_method(b"POST"));
        assert!(!is_cors_safelisted_method(b"get"));
        assert!(!is_cors_safelisted_method(b"PUT"));
    }
}
