//! Where the engines' own tools send a developer for a reason: the Chrome DevTools issue that
//! groups it in the Issues panel, and the MDN page Firefox's console links as "Learn more".
//!
//! Sources:
//! - DevTools: `ChromeDevTools/devtools-frontend`
//!   `front_end/models/issues_manager/CorsIssue.ts` (`getIssueCode`, `getDescription`), which maps
//!   each `Protocol.Network.CorsError` to an issue code and its markdown description.
//! - MDN: `mozilla/gecko-dev` `devtools/server/actors/errordocs.js` (`CorsErrorDocs`), which maps
//!   each `security.properties` key Firefox logs to a page under
//!   `https://developer.mozilla.org/docs/Web/HTTP/Guides/CORS/Errors/`; the key is the one
//!   `cors_sim`'s Firefox console line uses for the reason (`src/console/firefox.rs`), and
//!   mixed content is `MIXED_CONTENT_LEARN_MORE` there.

use serde::Serialize;

/// Where the DevTools mapping comes from.
pub const DEVTOOLS_SOURCE: &str =
    "ChromeDevTools/devtools-frontend front_end/models/issues_manager/CorsIssue.ts";
/// Where the MDN mapping comes from.
pub const MDN_SOURCE: &str = "mozilla/gecko-dev devtools/server/actors/errordocs.js";

const MDN_CORS_ERRORS: &str = "https://developer.mozilla.org/docs/Web/HTTP/Guides/CORS/Errors/";

/// The DevTools issue a reason shows as in Chromium's Issues panel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DevtoolsIssue {
    /// The issue code, e.g. `CorsIssue::InvalidHeaders`.
    pub code: &'static str,
    /// The markdown file DevTools shows for it.
    pub description: &'static str,
    /// Where the mapping comes from.
    pub source: &'static str,
}

/// The MDN page Firefox's console links for a reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MdnPage {
    /// The page's slug (the `security.properties` key, without its version suffix).
    pub slug: &'static str,
    pub url: String,
    /// Where the mapping comes from.
    pub source: &'static str,
}

/// The DevTools issue of the reason named `name`, where DevTools has one.
pub fn devtools_issue(name: &str) -> Option<DevtoolsIssue> {
    let (code, description) = match name {
        "InvalidAllowMethodsPreflightResponse"
        | "InvalidAllowHeadersPreflightResponse"
        | "PreflightMissingAllowOriginHeader"
        | "PreflightMultipleAllowOriginValues"
        | "PreflightInvalidAllowOriginValue"
        | "MissingAllowOriginHeader"
        | "MultipleAllowOriginValues"
        | "InvalidAllowOriginValue" => ("CorsIssue::InvalidHeaders", "corsInvalidHeaderValues.md"),
        "PreflightWildcardOriginNotAllowed" | "WildcardOriginNotAllowed" => (
            "CorsIssue::WildcardOriginWithCredentials",
            "corsWildcardOriginNotAllowed.md",
        ),
        "PreflightInvalidStatus" | "PreflightDisallowedRedirect" => (
            "CorsIssue::PreflightResponseInvalid",
            "corsPreflightResponseInvalid.md",
        ),
        "AllowOriginMismatch" | "PreflightAllowOriginMismatch" => {
            ("CorsIssue::OriginMismatch", "corsOriginMismatch.md")
        }
        "InvalidAllowCredentials" | "PreflightInvalidAllowCredentials" => (
            "CorsIssue::AllowCredentialsRequired",
            "corsAllowCredentialsRequired.md",
        ),
        "MethodDisallowedByPreflightResponse" => (
            "CorsIssue::MethodDisallowedByPreflightResponse",
            "corsMethodDisallowedByPreflightResponse.md",
        ),
        "HeaderDisallowedByPreflightResponse" => (
            "CorsIssue::HeaderDisallowedByPreflightResponse",
            "corsHeaderDisallowedByPreflightResponse.md",
        ),
        "RedirectContainsCredentials" => (
            "CorsIssue::RedirectContainsCredentials",
            "corsRedirectContainsCredentials.md",
        ),
        "DisallowedByMode" => ("CorsIssue::DisallowedByMode", "corsDisallowedByMode.md"),
        "CorsDisabledScheme" => ("CorsIssue::CorsDisabledScheme", "corsDisabledScheme.md"),
        "NoCorsRedirectModeNotFollow" => (
            "CorsIssue::NoCorsRedirectModeNotFollow",
            "corsNoCorsRedirectModeNotFollow.md",
        ),
        _ => return None,
    };
    Some(DevtoolsIssue {
        code,
        description,
        source: DEVTOOLS_SOURCE,
    })
}

/// The MDN page of the reason named `name`, where Firefox links one.
pub fn mdn_page(name: &str) -> Option<MdnPage> {
    let slug = match name {
        "CorsDisabledScheme" | "RedirectToNonHttpScheme" => "CORSRequestNotHttp",
        "PreflightInvalidStatus" => "CORSPreflightDidNotSucceed",
        "PreflightDisallowedRedirect" => "CORSExternalRedirectNotAllowed",
        "InvalidAllowMethodsPreflightResponse" => "CORSInvalidAllowMethod",
        "InvalidAllowHeadersPreflightResponse" => "CORSInvalidAllowHeader",
        "MethodDisallowedByPreflightResponse" => "CORSMethodNotFound",
        "HeaderDisallowedByPreflightResponse" => "CORSMissingAllowHeaderFromPreflight",
        // Firefox logs CORSDidNotSucceed2 for a failed channel, a vetoed redirect included.
        "ConnectionFailed"
        | "RedirectContainsCredentials"
        | "InvalidRedirectLocation"
        | "TooManyRedirects"
        | "RedirectModeError" => "CORSDidNotSucceed",
        "WildcardOriginNotAllowed" | "PreflightWildcardOriginNotAllowed" => {
            "CORSNotSupportingCredentials"
        }
        "MissingAllowOriginHeader" | "PreflightMissingAllowOriginHeader" => {
            "CORSMissingAllowOrigin"
        }
        "MultipleAllowOriginValues" | "PreflightMultipleAllowOriginValues" => {
            "CORSMultipleAllowOriginNotAllowed"
        }
        "InvalidAllowOriginValue"
        | "PreflightInvalidAllowOriginValue"
        | "AllowOriginMismatch"
        | "PreflightAllowOriginMismatch" => "CORSAllowOriginNotMatchingOrigin",
        "InvalidAllowCredentials" | "PreflightInvalidAllowCredentials" => {
            "CORSMissingAllowCredentials"
        }
        "MixedContent" => {
            return Some(MdnPage {
                slug: "Mixed_content",
                url: "https://developer.mozilla.org/docs/Web/Security/Mixed_content".to_owned(),
                source: MDN_SOURCE,
            });
        }
        _ => return None,
    };
    Some(MdnPage {
        slug,
        url: format!("{MDN_CORS_ERRORS}{slug}"),
        source: MDN_SOURCE,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use cors_sim::Reason;

    #[test]
    fn every_cors_reason_has_a_page_and_the_names_are_the_librarys() {
        let mut issues = 0;
        for name in Reason::NAMES {
            issues += usize::from(devtools_issue(name).is_some());
            let page = mdn_page(name);
            let no_page = [
                "DisallowedByMode",
                "NoCorsRedirectModeNotFollow",
                "InvalidDataUrl",
                "BadPort",
            ];
            assert_eq!(page.is_none(), no_page.contains(name), "{name}");
        }
        // Every CorsError the library names has its issue; the others are not CORS errors.
        assert_eq!(issues, 22);
    }
}
