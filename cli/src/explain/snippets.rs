//! Server snippets: for a failure that one CORS setting fixes, that setting in the common
//! stacks — Express's `cors` package, tower-http's `CorsLayer`, nginx, FastAPI's (Starlette's)
//! `CORSMiddleware` and Spring's `@CrossOrigin`.
//!
//! The table is data: one template per fix kind per stack. A template names the page's origin
//! and never allows every origin (no `*`, no reflecting any `Origin`, never `null`), in the
//! spirit of `cors_sim::advice`: the snippet is what to write *if* the origin is the owner's
//! own frontend. Placeholders: `<origin>`; `<methods>` and `<headers>`, the method and the
//! CORS-unsafe header names the request's preflight asks for (empty when it has none), written
//! as the stack writes a list; `<credentials>`, empty text that is present only for a request
//! with credentials. An inline `[[…]]` segment is kept only when every placeholder in it is
//! present; a line starting `?methods `, `?headers ` or `?credentials ` only when that one is.

use serde::Serialize;

/// What one setting changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FixKind {
    /// Allow the page's origin.
    AllowOrigin,
    /// Allow the page's origin with credentials.
    AllowCredentials,
    /// Allow the request's method in the preflight's answer.
    AllowMethod,
    /// Allow the request's headers in the preflight's answer.
    AllowHeader,
    /// Answer the preflight (`OPTIONS`) with a 2xx before routing or authentication.
    AnswerPreflight,
    /// Send `Access-Control-Allow-Origin` once (a proxy and the app both add it).
    OneAllowOrigin,
}

/// A stack a snippet is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Stack {
    Express,
    TowerHttp,
    Nginx,
    FastApi,
    Spring,
}

impl Stack {
    /// The stack as a person names it.
    pub fn label(self) -> &'static str {
        match self {
            Self::Express => "Express (cors)",
            Self::TowerHttp => "tower-http (CorsLayer)",
            Self::Nginx => "nginx",
            Self::FastApi => "FastAPI (CORSMiddleware)",
            Self::Spring => "Spring (@CrossOrigin)",
        }
    }
}

use FixKind::*;
use Stack::*;

/// The maps of `nginx` snippets: the origins allowed, each by name.
const NGINX_MAP: &str =
    "map $http_origin $cors_origin { default \"\"; \"<origin>\" $http_origin; }  # http {} block";

/// The table: (kind, stack, template).
const SNIPPETS: &[(FixKind, Stack, &str)] = &[
    // Allow the origin.
    (
        AllowOrigin,
        Express,
        "app.use(cors({ origin: ['<origin>'] }));",
    ),
    (
        AllowOrigin,
        TowerHttp,
        "CorsLayer::new().allow_origin([HeaderValue::from_static(\"<origin>\")])\
         [[.allow_methods([<methods>])]][[.allow_headers([<headers>])]]",
    ),
    (
        AllowOrigin,
        Nginx,
        "<map>
add_header Access-Control-Allow-Origin $cors_origin always;
add_header Vary Origin always;
?methods if ($request_method = OPTIONS) {
?methods     add_header Access-Control-Allow-Origin $cors_origin always;
?methods     add_header Access-Control-Allow-Methods \"<methods>\" always;
?headers     add_header Access-Control-Allow-Headers \"<headers>\" always;
?methods     add_header Vary Origin always;
?methods     return 204;
?methods }",
    ),
    (
        AllowOrigin,
        FastApi,
        "app.add_middleware(CORSMiddleware, allow_origins=[\"<origin>\"]\
         [[, allow_methods=[<methods>]]][[, allow_headers=[<headers>]]])",
    ),
    (AllowOrigin, Spring, "@CrossOrigin(origins = \"<origin>\")"),
    // Allow the origin with credentials.
    (
        AllowCredentials,
        Express,
        "app.use(cors({ origin: ['<origin>'], credentials: true }));",
    ),
    (
        AllowCredentials,
        TowerHttp,
        "CorsLayer::new().allow_origin([HeaderValue::from_static(\"<origin>\")])\
         .allow_credentials(true)[[.allow_methods([<methods>])]][[.allow_headers([<headers>])]]",
    ),
    (
        AllowCredentials,
        Nginx,
        "<map>
add_header Access-Control-Allow-Origin $cors_origin always;
add_header Access-Control-Allow-Credentials true always;
add_header Vary Origin always;
?methods if ($request_method = OPTIONS) {
?methods     add_header Access-Control-Allow-Origin $cors_origin always;
?methods     add_header Access-Control-Allow-Credentials true always;
?methods     add_header Access-Control-Allow-Methods \"<methods>\" always;
?headers     add_header Access-Control-Allow-Headers \"<headers>\" always;
?methods     add_header Vary Origin always;
?methods     return 204;
?methods }",
    ),
    (
        AllowCredentials,
        FastApi,
        "app.add_middleware(CORSMiddleware, allow_origins=[\"<origin>\"], allow_credentials=True\
         [[, allow_methods=[<methods>]]][[, allow_headers=[<headers>]]])",
    ),
    (
        AllowCredentials,
        Spring,
        "@CrossOrigin(origins = \"<origin>\", allowCredentials = \"true\")",
    ),
    // Allow the method.
    (
        AllowMethod,
        Express,
        "app.use(cors({ origin: ['<origin>'], methods: [<methods>][[, credentials: true<credentials>]] }));",
    ),
    (
        AllowMethod,
        TowerHttp,
        "CorsLayer::new().allow_origin([HeaderValue::from_static(\"<origin>\")])\
         .allow_methods([<methods>])[[.allow_headers([<headers>])]][[.allow_credentials(true)<credentials>]]",
    ),
    (
        AllowMethod,
        Nginx,
        "<map>
if ($request_method = OPTIONS) {
    add_header Access-Control-Allow-Origin $cors_origin always;
?credentials     add_header Access-Control-Allow-Credentials true always;
    add_header Access-Control-Allow-Methods \"<methods>\" always;
?headers     add_header Access-Control-Allow-Headers \"<headers>\" always;
    add_header Vary Origin always;
    return 204;
}",
    ),
    (
        AllowMethod,
        FastApi,
        "app.add_middleware(CORSMiddleware, allow_origins=[\"<origin>\"], allow_methods=[<methods>]\
         [[, allow_headers=[<headers>]]][[, allow_credentials=True<credentials>]])",
    ),
    (
        AllowMethod,
        Spring,
        "@CrossOrigin(origins = \"<origin>\", methods = {<methods>}\
         [[, allowCredentials = \"true\"<credentials>]])",
    ),
    // Allow the headers.
    (
        AllowHeader,
        Express,
        "app.use(cors({ origin: ['<origin>'], allowedHeaders: [<headers>][[, credentials: true<credentials>]] }));",
    ),
    (
        AllowHeader,
        TowerHttp,
        "CorsLayer::new().allow_origin([HeaderValue::from_static(\"<origin>\")])\
         [[.allow_methods([<methods>])]].allow_headers([<headers>])[[.allow_credentials(true)<credentials>]]",
    ),
    (
        AllowHeader,
        Nginx,
        "<map>
if ($request_method = OPTIONS) {
    add_header Access-Control-Allow-Origin $cors_origin always;
?credentials     add_header Access-Control-Allow-Credentials true always;
?methods     add_header Access-Control-Allow-Methods \"<methods>\" always;
    add_header Access-Control-Allow-Headers \"<headers>\" always;
    add_header Vary Origin always;
    return 204;
}",
    ),
    (
        AllowHeader,
        FastApi,
        "app.add_middleware(CORSMiddleware, allow_origins=[\"<origin>\"]\
         [[, allow_methods=[<methods>]]], allow_headers=[<headers>][[, allow_credentials=True<credentials>]])",
    ),
    (
        AllowHeader,
        Spring,
        "@CrossOrigin(origins = \"<origin>\", allowedHeaders = {<headers>}\
         [[, allowCredentials = \"true\"<credentials>]])",
    ),
    // Answer the preflight.
    (
        AnswerPreflight,
        Express,
        "app.use(cors({ origin: ['<origin>'][[, credentials: true<credentials>]] }));  \
         // first, before the routes and authentication: it answers every preflight with 204",
    ),
    (
        AnswerPreflight,
        TowerHttp,
        "router.layer(CorsLayer::new().allow_origin([HeaderValue::from_static(\"<origin>\")])\
         [[.allow_methods([<methods>])]][[.allow_headers([<headers>])]][[.allow_credentials(true)<credentials>]])  \
         // the outermost layer: it answers preflights before routing or auth",
    ),
    (
        AnswerPreflight,
        Nginx,
        "<map>
if ($request_method = OPTIONS) {
    add_header Access-Control-Allow-Origin $cors_origin always;
?credentials     add_header Access-Control-Allow-Credentials true always;
?methods     add_header Access-Control-Allow-Methods \"<methods>\" always;
?headers     add_header Access-Control-Allow-Headers \"<headers>\" always;
    add_header Vary Origin always;
    return 204;
}",
    ),
    (
        AnswerPreflight,
        FastApi,
        "app.add_middleware(CORSMiddleware, allow_origins=[\"<origin>\"][[, allow_methods=[<methods>]]]\
         [[, allow_headers=[<headers>]]][[, allow_credentials=True<credentials>]])  \
         # it answers preflights before any route or dependency",
    ),
    (
        AnswerPreflight,
        Spring,
        "@CrossOrigin(origins = \"<origin>\"[[, allowCredentials = \"true\"<credentials>]])  // on the controller
http.cors(Customizer.withDefaults());  // in the SecurityFilterChain, so preflights skip authentication",
    ),
    // Send the header once.
    (
        OneAllowOrigin,
        Nginx,
        "proxy_hide_header Access-Control-Allow-Origin;  # nginx adds its own: drop the app's copy",
    ),
];

/// What a snippet is written for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Context {
    /// The page's origin (an http(s) origin: a snippet never allows `null`).
    pub origin: String,
    /// Whether the request includes credentials.
    pub credentials: bool,
    /// The method the preflight asks for (none when no preflight is sent).
    pub methods: Vec<String>,
    /// The CORS-unsafe header names the preflight asks for.
    pub headers: Vec<String>,
}

/// A snippet for one stack.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Snippet {
    pub stack: Stack,
    pub label: &'static str,
    pub code: String,
}

/// The snippets of `kind` for `context`, one per stack that has one and can write it.
pub fn snippets(kind: FixKind, context: &Context) -> Vec<Snippet> {
    SNIPPETS
        .iter()
        .filter(|(k, _, _)| *k == kind)
        .filter_map(|(_, stack, template)| {
            Some(Snippet {
                stack: *stack,
                label: stack.label(),
                code: fill(template, *stack, context)?,
            })
        })
        .collect()
}

/// Whether `text` is an HTTP token (what a method and a header name are).
fn is_token(text: &str) -> bool {
    !text.is_empty()
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

/// A method as `stack` writes it in a list; `None` when it cannot (Spring's `RequestMethod`
/// has the standard methods only).
fn method(stack: Stack, method: &str) -> Option<String> {
    const HTTP: [&str; 9] = [
        "GET", "POST", "PUT", "DELETE", "HEAD", "OPTIONS", "CONNECT", "PATCH", "TRACE",
    ];
    Some(match stack {
        Express => format!("'{method}'"),
        FastApi => format!("\"{method}\""),
        Nginx => method.to_owned(),
        TowerHttp if HTTP.contains(&method) => format!("Method::{method}"),
        TowerHttp => format!("Method::from_bytes(b\"{method}\").unwrap()"),
        Spring if HTTP.contains(&method) && method != "CONNECT" => {
            format!("RequestMethod.{method}")
        }
        Spring => return None,
    })
}

/// A header name as `stack` writes it in a list.
fn header(stack: Stack, name: &str) -> String {
    match stack {
        Express => format!("'{name}'"),
        FastApi | Spring => format!("\"{name}\""),
        Nginx => name.to_owned(),
        TowerHttp => format!("HeaderName::from_static(\"{}\")", name.to_ascii_lowercase()),
    }
}

/// `template` filled in for `context`, or `None` when a value cannot be written safely.
fn fill(template: &str, stack: Stack, context: &Context) -> Option<String> {
    if context.origin == "null"
        || !context
            .origin
            .bytes()
            .all(|b| b.is_ascii_graphic() && !b"\"'\\<>".contains(&b))
    {
        return None;
    }
    if !context
        .methods
        .iter()
        .chain(&context.headers)
        .all(|t| is_token(t))
    {
        return None;
    }
    let methods: Vec<String> = context
        .methods
        .iter()
        .map(|m| method(stack, m))
        .collect::<Option<_>>()?;
    let headers: Vec<String> = context.headers.iter().map(|h| header(stack, h)).collect();
    let values: [(&str, Option<String>); 4] = [
        ("origin", Some(context.origin.clone())),
        ("methods", (!methods.is_empty()).then(|| methods.join(", "))),
        ("headers", (!headers.is_empty()).then(|| headers.join(", "))),
        ("credentials", context.credentials.then(String::new)),
    ];
    let value = |name: &str| values.iter().find(|(n, _)| *n == name)?.1.clone();
    let mut lines = Vec::new();
    for line in template.replace("<map>", NGINX_MAP).lines() {
        let mut line = line;
        if let Some(rest) = line.strip_prefix('?') {
            let (name, rest) = rest.split_once(' ')?;
            if value(name).is_none() {
                continue;
            }
            line = rest;
        }
        lines.push(segments(line, &value)?);
    }
    Some(lines.join("\n"))
}

/// `line` with its `[[…]]` segments kept or dropped and its placeholders filled; `None` when a
/// placeholder outside a segment has no value.
fn segments(line: &str, value: &dyn Fn(&str) -> Option<String>) -> Option<String> {
    let mut out = String::new();
    let mut rest = line;
    while let Some(start) = rest.find("[[") {
        out.push_str(&placeholders(&rest[..start], value)?);
        let mut end = rest[start + 2..].find("]]")? + start + 2;
        // `]]]`: the list's bracket closes first, the segment last.
        while rest[end + 2..].starts_with(']') {
            end += 1;
        }
        if let Some(kept) = placeholders(&rest[start + 2..end], value) {
            out.push_str(&kept);
        }
        rest = &rest[end + 2..];
    }
    out.push_str(&placeholders(rest, value)?);
    Some(out)
}

/// `text` with each `<name>` placeholder filled; `None` when one has no value.
fn placeholders(text: &str, value: &dyn Fn(&str) -> Option<String>) -> Option<String> {
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find('<') {
        let Some(len) = rest[start..].find('>') else {
            break;
        };
        let name = &rest[start + 1..start + len];
        match name {
            "origin" | "methods" | "headers" | "credentials" => {
                out.push_str(&rest[..start]);
                out.push_str(&value(name)?);
            }
            _ => out.push_str(&rest[..start + len + 1]),
        }
        rest = &rest[start + len + 1..];
    }
    out.push_str(rest);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn context(methods: &[&str], headers: &[&str], credentials: bool) -> Context {
        Context {
            origin: "http://localhost:3000".to_owned(),
            credentials,
            methods: methods.iter().map(|m| m.to_string()).collect(),
            headers: headers.iter().map(|h| h.to_string()).collect(),
        }
    }

    fn code(kind: FixKind, stack: Stack, context: &Context) -> String {
        snippets(kind, context)
            .into_iter()
            .find(|s| s.stack == stack)
            .map(|s| s.code)
            .unwrap_or_default()
    }

    #[test]
    fn a_simple_request_needs_the_origin_only() {
        let simple = context(&[], &[], false);
        assert_eq!(
            code(AllowOrigin, Express, &simple),
            "app.use(cors({ origin: ['http://localhost:3000'] }));"
        );
        assert_eq!(
            code(AllowOrigin, TowerHttp, &simple),
            "CorsLayer::new().allow_origin([HeaderValue::from_static(\"http://localhost:3000\")])"
        );
        assert_eq!(
            code(AllowOrigin, Nginx, &simple),
            "map $http_origin $cors_origin { default \"\"; \"http://localhost:3000\" $http_origin; }  \
             # http {} block\nadd_header Access-Control-Allow-Origin $cors_origin always;\n\
             add_header Vary Origin always;"
        );
    }

    #[test]
    fn a_preflighted_request_lists_its_method_and_headers_where_the_stack_needs_them() {
        let put = context(&["PUT"], &["content-type", "x-token"], true);
        assert_eq!(
            code(AllowHeader, TowerHttp, &put),
            "CorsLayer::new().allow_origin([HeaderValue::from_static(\"http://localhost:3000\")])\
             .allow_methods([Method::PUT]).allow_headers([HeaderName::from_static(\"content-type\"), \
             HeaderName::from_static(\"x-token\")]).allow_credentials(true)"
        );
        assert_eq!(
            code(AllowMethod, Spring, &put),
            "@CrossOrigin(origins = \"http://localhost:3000\", methods = {RequestMethod.PUT}, \
             allowCredentials = \"true\")"
        );
        let nginx = code(AnswerPreflight, Nginx, &put);
        assert!(nginx.contains("add_header Access-Control-Allow-Methods \"PUT\" always;"));
        assert!(nginx.contains("\"content-type, x-token\""));
        assert!(nginx.contains("Access-Control-Allow-Credentials true"));
        // Spring's RequestMethod has no PURGE: no Spring snippet, the others write it.
        let purge = context(&["PURGE"], &[], false);
        assert!(code(AllowMethod, Spring, &purge).is_empty());
        assert!(
            code(AllowMethod, TowerHttp, &purge)
                .contains("Method::from_bytes(b\"PURGE\").unwrap()")
        );
    }

    #[test]
    fn no_snippet_allows_every_origin_or_null() {
        for kind in [
            AllowOrigin,
            AllowCredentials,
            AllowMethod,
            AllowHeader,
            AnswerPreflight,
            OneAllowOrigin,
        ] {
            let all = snippets(kind, &context(&["PATCH"], &["x-a"], true));
            assert!(!all.is_empty());
            for snippet in all {
                let code = &snippet.code;
                assert!(!code.contains('<') || code.contains("<<"), "{code}");
                assert!(!code.contains("[["), "{code}");
                assert!(!code.contains("\"*\"") && !code.contains("'*'"), "{code}");
                assert!(
                    !code.contains("origin: true") && !code.contains("Any"),
                    "{code}"
                );
                assert!(
                    code.contains("http://localhost:3000") || kind == OneAllowOrigin,
                    "{code}"
                );
            }
            let mut null = context(&[], &[], false);
            null.origin = "null".to_owned();
            assert!(snippets(kind, &null).is_empty());
        }
        // A value that is not a token is never written into code.
        assert!(snippets(AllowHeader, &context(&[], &["x\"); drop"], false)).is_empty());
    }
}
