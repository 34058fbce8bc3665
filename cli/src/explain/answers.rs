//! The server's answers as a user has them: `curl -i` (or `curl -v`) output, or the response
//! headers copied from a browser's DevTools, read forgivingly.
//!
//! What is read: a status line (`HTTP/1.1 204 No Content`, `HTTP/2 204`), DevTools' `Status
//! Code: 204 No Content` (Chromium's General section) or `Status 204` (Firefox), HTTP/2's
//! `:status` pseudo-header; `Name: value` lines, a `Name:` line followed by its value on the
//! next line, and a bare name followed by its value (older DevTools copies). Section headings
//! (`Response Headers (5)`, `General`) are skipped, a `Request Headers` section is skipped to
//! its end, curl's `>`/`*` lines are skipped and its `<` prefixes dropped. A file holding
//! several responses (`curl -iL`, a `100 Continue`) gives each final one in order. Whatever
//! cannot be read is said, line by line.

use cors_sim::Reply;
use cors_sim::header::{HeaderList, HeaderValue};
use cors_sim::http::HeaderName;
use serde::Serialize;

/// One answer read from a file.
#[derive(Debug, Clone, Serialize)]
pub struct Given {
    /// Where it comes from: the file, and which answer of it when it holds several.
    pub source: String,
    pub status: u16,
    /// The file shows no status: 200 is assumed.
    pub status_assumed: bool,
    pub headers: Vec<(String, String)>,
    /// Lines that could not be read, each with why.
    pub unread: Vec<String>,
    /// What the file says the request was (DevTools' `Request Method`), when it says.
    pub request_method: Option<String>,
    #[serde(skip)]
    pub list: HeaderList,
}

impl Given {
    /// The answer as the simulator takes it.
    pub fn reply(&self) -> Reply {
        Reply::Response {
            status: self.status,
            headers: self.list.clone(),
        }
    }
}

/// A response being read.
#[derive(Default)]
struct Head {
    status: Option<u16>,
    /// Whether it started with a status line (curl's form: a blank line ends its head).
    status_line: bool,
    headers: Vec<(String, String)>,
    list: HeaderList,
    unread: Vec<String>,
    request_method: Option<String>,
    /// Past the blank line that ends the head (the body, skipped).
    in_body: bool,
}

impl Head {
    fn is_empty(&self) -> bool {
        self.status.is_none() && self.headers.is_empty()
    }

    fn add(&mut self, number: usize, name: &str, value: &str) {
        let value = value.trim_matches([' ', '\t']);
        let header = HeaderName::from_bytes(name.as_bytes());
        let normalized = HeaderValue::normalize(value.as_bytes());
        match (header, normalized) {
            (Ok(header), Ok(normalized)) => {
                self.headers
                    .push((header.as_str().to_owned(), value.to_owned()));
                self.list.append(header, normalized);
            }
            _ => self.unread.push(format!(
                "line {number}: `{name}: {value}` is not a header (its name or value is not valid)"
            )),
        }
    }
}

/// The status of a status line (`HTTP/1.1 200 OK`, `HTTP/2 204`).
fn status_line(line: &str) -> Option<u16> {
    let mut words = line.split_whitespace();
    let version = words.next()?;
    let version = version.strip_prefix("HTTP/")?;
    if !version.chars().all(|c| c.is_ascii_digit() || c == '.') {
        return None;
    }
    status_code(words.next()?)
}

/// A three-digit status code.
fn status_code(text: &str) -> Option<u16> {
    let status: u16 = text.parse().ok()?;
    (text.len() == 3 && (100..=999).contains(&status)).then_some(status)
}

/// A `Status` field as DevTools shows it: `Status Code: 204 No Content`, `Status: 204`,
/// `Status 204 No Content`, `:status: 204`.
fn status_field(line: &str) -> Option<u16> {
    let lower = line.to_ascii_lowercase();
    let rest = ["status code", ":status", "status"]
        .iter()
        .find_map(|prefix| lower.strip_prefix(prefix))?;
    let rest = rest.trim_start_matches([':', ' ', '\t']);
    status_code(rest.split_whitespace().next()?)
}

/// Whether `text` is an HTTP token (a header name).
fn is_token(text: &str) -> bool {
    !text.is_empty()
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

/// Whether `line` reads as `Name: value` with a space after the colon, or `Name:` alone.
fn looks_like_header(line: &str) -> bool {
    match line.split_once(':') {
        Some((name, value)) => {
            is_token(name) && (value.is_empty() || value.starts_with([' ', '\t']))
        }
        None => false,
    }
}

/// DevTools' General fields that are not response headers.
const GENERAL: [&str; 6] = [
    "request url",
    "request method",
    "remote address",
    "referrer policy",
    "version",
    "transferred",
];

/// Section headings DevTools copies carry, lowercase, without a count.
const HEADINGS: [&str; 5] = [
    "general",
    "response headers",
    "raw",
    "view source",
    "view parsed",
];

/// Sections that hold the request, not the response: skipped to the next heading.
const REQUEST_SECTIONS: [&str; 4] = [
    "request headers",
    "request payload",
    "query string parameters",
    "form data",
];

/// A heading's text: lowercase, without a leading arrow or a trailing `(N)` count.
fn heading(line: &str) -> String {
    let line = line
        .trim_start_matches(['▼', '▶', '►', '▸', '▾', ' '])
        .trim();
    let line = match line.rfind(" (") {
        Some(at) if line.ends_with(')') => &line[..at],
        _ => line,
    };
    line.to_ascii_lowercase()
}

/// Reads `text` from `source`: every response it holds, in order. An error when nothing in it
/// reads as a response.
pub fn parse(source: &str, text: &str) -> Result<Vec<Given>, String> {
    let mut done: Vec<Head> = Vec::new();
    let mut head = Head::default();
    let mut skipping = false;
    let lines: Vec<&str> = text.lines().map(|l| l.trim_end_matches('\r')).collect();
    let mut i = 0;
    while i < lines.len() {
        let number = i + 1;
        let raw = lines[i];
        i += 1;
        // curl -v: `<` lines are the response, `>` the request, `*` curl's own notes.
        let line = match raw.strip_prefix("< ").or_else(|| raw.strip_prefix('<')) {
            Some(rest) => rest,
            None if raw.starts_with("> ") || raw.starts_with("* ") || raw == ">" => continue,
            None if raw.starts_with("{ ") || raw.starts_with("} ") => continue,
            None => raw,
        };
        let trimmed = line.trim();
        if let Some(status) = status_line(trimmed) {
            if !head.is_empty() {
                done.push(std::mem::take(&mut head));
            }
            head.status = Some(status);
            head.status_line = true;
            skipping = false;
            continue;
        }
        if head.in_body {
            continue;
        }
        if trimmed.is_empty() {
            // A blank line ends a head that began with a status line (curl); DevTools copies
            // have blank lines anywhere.
            if head.status_line {
                head.in_body = true;
            }
            continue;
        }
        let title = heading(trimmed);
        if REQUEST_SECTIONS.contains(&title.as_str()) {
            skipping = true;
            continue;
        }
        if HEADINGS.contains(&title.as_str()) {
            skipping = false;
            continue;
        }
        if skipping {
            continue;
        }
        if let Some(status) = status_field(trimmed) {
            head.status = Some(status);
            continue;
        }
        let lower = trimmed.to_ascii_lowercase();
        if let Some(field) = GENERAL.iter().find(|f| {
            lower
                .strip_prefix(**f)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with([':', ' ', '\t']))
        }) {
            if *field == "request method" {
                let method = trimmed[field.len()..].trim_start_matches([':', ' ', '\t']);
                head.request_method = Some(method.trim().to_owned());
            }
            continue;
        }
        if trimmed.starts_with(':') {
            // HTTP/2 request pseudo-headers (`:method`, `:path`): a request's, not ours.
            head.unread.push(format!(
                "line {number}: `{trimmed}` is a request's pseudo-header: skipped"
            ));
            continue;
        }
        let next = lines.get(i).map(|l| l.trim()).unwrap_or_default();
        match trimmed.split_once(':') {
            // `Name:` with its value on the next line (a DevTools copy).
            Some((name, "")) if is_token(name) && !next.is_empty() && !looks_like_header(next) => {
                head.add(number, name, next);
                i += 1;
            }
            Some((name, value)) if is_token(name.trim_end()) => {
                head.add(number, name.trim_end(), value)
            }
            // A bare name with its value on the next line (an older DevTools copy).
            None if is_token(trimmed) && !next.is_empty() => {
                head.add(number, trimmed, next);
                i += 1;
            }
            _ => head
                .unread
                .push(format!("line {number}: `{trimmed}` is not a header")),
        }
    }
    if !head.is_empty() || !head.unread.is_empty() {
        done.push(head);
    }
    // Interim responses (`100 Continue`) are not answers.
    done.retain(|h| h.status.is_none_or(|s| s >= 200));
    if done.iter().all(Head::is_empty) {
        let why = done
            .iter()
            .flat_map(|h| h.unread.first())
            .next()
            .map(|first| format!(" ({first})"))
            .unwrap_or_default();
        return Err(format!(
            "nothing in {source} reads as a response: give `curl -i` output or the response \
             headers copied from DevTools{why}"
        ));
    }
    let several = done.len() > 1;
    Ok(done
        .into_iter()
        .enumerate()
        .map(|(n, head)| Given {
            source: if several {
                format!("{source} (response {})", n + 1)
            } else {
                source.to_owned()
            },
            status: head.status.unwrap_or(200),
            status_assumed: head.status.is_none(),
            headers: head.headers,
            unread: head.unread,
            request_method: head.request_method,
            list: head.list,
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> Given {
        let mut all = parse("f", text).unwrap();
        assert_eq!(all.len(), 1, "{all:?}");
        all.remove(0)
    }

    fn names(given: &Given) -> Vec<(&str, &str)> {
        given
            .headers
            .iter()
            .map(|(n, v)| (n.as_str(), v.as_str()))
            .collect()
    }

    #[test]
    fn curl_output_with_a_body() {
        let given = one(
            "HTTP/1.1 204 No Content\r\nAccess-Control-Allow-Origin: http://localhost:3000\r\n\
             Access-Control-Allow-Methods: GET, PUT\r\nVary: Origin\r\n\r\n{\"x\": 1}\r\nfoo: bar\r\n",
        );
        assert_eq!(given.status, 204);
        assert!(!given.status_assumed);
        assert_eq!(
            names(&given),
            [
                ("access-control-allow-origin", "http://localhost:3000"),
                ("access-control-allow-methods", "GET, PUT"),
                ("vary", "Origin"),
            ]
        );
        assert!(given.unread.is_empty());
    }

    #[test]
    fn curl_follow_gives_each_hop_and_skips_interim_responses() {
        let all = parse(
            "f",
            "HTTP/1.1 100 Continue\n\nHTTP/2 301\nlocation: https://b.example/\n\nmoved\n\
             HTTP/2 200\naccess-control-allow-origin: *\n",
        )
        .unwrap();
        assert_eq!(all.len(), 2);
        assert_eq!((all[0].status, all[1].status), (301, 200));
        assert_eq!(all[0].source, "f (response 1)");
        assert_eq!(names(&all[1]), [("access-control-allow-origin", "*")]);
    }

    #[test]
    fn curl_verbose_keeps_the_response_lines() {
        let given = one(
            "*   Trying 127.0.0.1:8080...\n> OPTIONS /x HTTP/1.1\n> Host: a\n>\n< HTTP/1.1 403 Forbidden\n\
             < Content-Length: 0\n<\n* Connection #0 left intact\n",
        );
        assert_eq!(given.status, 403);
        assert_eq!(names(&given), [("content-length", "0")]);
    }

    #[test]
    fn devtools_copies_in_their_forms() {
        // Chromium: the General section, then the response headers; request headers skipped.
        let given = one(
            "General\nRequest URL: http://api.example/x\nRequest Method: OPTIONS\n\
             Status Code: 204 No Content\nRemote Address: 127.0.0.1:80\n\
             Referrer Policy: strict-origin-when-cross-origin\n\nResponse Headers (2)\n\
             access-control-allow-origin: *\n\ndate: Fri, 04 Dec 2026 19:48:42 GMT\n\n\
             Request Headers\nOrigin: http://a.example\nAccept: */*\n",
        );
        assert_eq!(given.status, 204);
        assert_eq!(given.request_method.as_deref(), Some("OPTIONS"));
        assert_eq!(
            names(&given),
            [
                ("access-control-allow-origin", "*"),
                ("date", "Fri, 04 Dec 2026 19:48:42 GMT")
            ]
        );
        // Name and value on lines of their own, a value holding a colon.
        let given = one(
            "access-control-allow-origin:\nhttp://localhost:3000\nvary\nOrigin\n:status: 200\n",
        );
        assert_eq!(given.status, 200);
        assert_eq!(
            names(&given),
            [
                ("access-control-allow-origin", "http://localhost:3000"),
                ("vary", "Origin")
            ]
        );
        // Firefox's "Status 200 OK", no status at all.
        assert_eq!(one("Status 200 OK\nx-a: 1\n").status, 200);
        let bare = one("Access-Control-Allow-Origin: https://a.example\n");
        assert!(bare.status_assumed);
        assert_eq!(bare.status, 200);
    }

    #[test]
    fn what_cannot_be_read_is_said() {
        let given = one("HTTP/1.1 200 OK\nthis is not a header\nx-ok: 1\nbad name: 1\n");
        assert_eq!(names(&given), [("x-ok", "1")]);
        assert_eq!(
            given.unread,
            [
                "line 2: `this is not a header` is not a header",
                "line 4: `bad name: 1` is not a header"
            ]
        );
        assert!(
            parse("f", "hello world\n")
                .unwrap_err()
                .contains("nothing in f reads")
        );
        assert!(parse("f", "").is_err());
    }
}
