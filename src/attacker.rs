//! The origins an attacker's page could have, for a target and the origins its owner means to
//! allow: the catalogue that `cors-sim audit` tries and that the `proptest` strategies draw from.
//!
//! Each [`Trick`] is one that the CORS scanners try (Corsy, CORScanner, CORStest, nuclei's
//! templates, ZAP, corsair_scan): an arbitrary origin, `null`, look-alikes of each allowed origin
//! (pre- and post-domain, an unescaped dot, substrings, sibling and deeper subdomains, the other
//! scheme, another port, a trailing dot, a special character before an attacker's domain),
//! third-party hosting origins and `localhost`. Only origins the URL standard accepts (parsed
//! with `url`) are tried: a browser sends nothing else. [`Catalogue::new`] lists the rest as
//! [`Unsendable`], with why.

use crate::cookie::{is_public_suffix, registrable_domain};
use crate::document::Document;
use crate::origin::{Origin, includes_credentials};
use std::collections::HashSet;
use std::fmt;
use url::{Host, Url};

/// How an [`AttackerOrigin`] was made: unrelated to the allowed origins, opaque, or a look-alike
/// of one of them, as the scanners that test CORS allow-lists try them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Trick {
    /// An origin with nothing in common with the allowed ones.
    Unrelated,
    /// An opaque origin (`Origin: null`): a sandboxed page, a `data:` URL.
    Null,
    /// A host where anyone can publish a page (GitHub Pages, CodePen, an S3 bucket), trusted as a
    /// developer's convenience.
    Hosting,
    /// Text before the allowed host: `evilapp.example.com`, `evil-app.example.com`.
    Prefix,
    /// The allowed host as a subdomain of another site, or with text after it:
    /// `app.example.com.evil.net`, `app.example.com-evil.net`.
    Suffix,
    /// A dot of the allowed host replaced by another character, as an unescaped `.` in a
    /// regular expression lets through: `appxexample.com`.
    UnescapedDot,
    /// The allowed host inside a longer one: `evil-app.example.com.evil.net`.
    Substring,
    /// A part of the allowed host, `arget.com` or `www.target.co`, as a check that the allowed
    /// list contains the origin as a substring lets through.
    Truncated,
    /// Another subdomain of the allowed host's parent: `evil.example.com` for `app.example.com`.
    Sibling,
    /// A subdomain of the allowed host: `evil.app.example.com` (a subdomain taken over, or
    /// serving user content).
    Deeper,
    /// The allowed host over the other scheme: `http://app.example.com` for
    /// `https://app.example.com`, as a network attacker can serve it.
    Scheme,
    /// The allowed host on another port.
    Port,
    /// The allowed host with a trailing dot, `app.example.com.`, another origin to the URL
    /// standard.
    TrailingDot,
    /// The allowed host, a special character and an attacker's domain:
    /// `` app.example.com`.evil.net``, as a pattern that stops at the first character it does
    /// not expect lets through.
    SpecialCharacter,
    /// A `localhost` origin (a page served on the victim's own machine), or an attacker's domain
    /// that starts with `localhost`.
    Localhost,
    /// An origin the user asked for.
    Given,
}

impl Trick {
    /// A short name, for reports and rule ids: `arbitrary-origin`, `null-origin`, …
    pub fn name(self) -> &'static str {
        match self {
            Self::Unrelated => "arbitrary-origin",
            Self::Null => "null-origin",
            Self::Hosting => "third-party-hosting",
            Self::Prefix => "pre-domain",
            Self::Suffix => "post-domain",
            Self::UnescapedDot => "unescaped-dot",
            Self::Substring => "substring",
            Self::Truncated => "truncated",
            Self::Sibling => "sibling-subdomain",
            Self::Deeper => "deeper-subdomain",
            Self::Scheme => "other-scheme",
            Self::Port => "other-port",
            Self::TrailingDot => "trailing-dot",
            Self::SpecialCharacter => "special-character",
            Self::Localhost => "localhost",
            Self::Given => "given-origin",
        }
    }

    /// The finding when such an origin gets in, as scanners name it: `Arbitrary origin
    /// trusted`, …; `http` says whether the origin is an http one.
    pub fn title(self, http: bool) -> &'static str {
        match self {
            Self::Unrelated => "Arbitrary origin trusted",
            Self::Null => "`null` origin trusted",
            Self::Hosting => "Third-party hosting origin trusted",
            Self::Prefix => "Pre-domain look-alike trusted",
            Self::Suffix => "Post-domain look-alike trusted",
            Self::UnescapedDot => "Unescaped-dot look-alike trusted",
            Self::Substring => "Substring look-alike trusted",
            Self::Truncated => "Part of an allowed host trusted",
            Self::Sibling => "Sibling subdomain trusted",
            Self::Deeper => "Subdomain of an allowed origin trusted",
            Self::Scheme if http => "Unencrypted (http) origin trusted",
            Self::Scheme => "Other scheme trusted",
            Self::Port => "Other port trusted",
            Self::TrailingDot => "Trailing-dot origin trusted",
            Self::SpecialCharacter => "Special-character look-alike trusted",
            Self::Localhost => "localhost origin trusted",
            Self::Given => "Given attacker origin trusted",
        }
    }

    /// What lets such an origin in, in one clause.
    pub fn lets_in(self) -> &'static str {
        match self {
            Self::Unrelated => {
                "the server allows an origin it has never heard of: it reflects the `Origin` it \
                 gets"
            }
            Self::Null => {
                "the server allows `null`, which every sandboxed frame, `data:` page and \
                 cross-origin redirect sends"
            }
            Self::Hosting => "the server trusts a host where anyone can publish a page",
            Self::Prefix => {
                "a suffix check (`ends_with`, or a pattern without `^`) lets in any host that \
                 ends with the allowed one"
            }
            Self::Suffix => {
                "a prefix check (`starts_with`, or a pattern without `$`) lets in any host that \
                 starts with the allowed one"
            }
            Self::UnescapedDot => {
                "a regular expression with an unescaped `.` matches any character where the host \
                 has a dot"
            }
            Self::Substring => "a `contains` check lets in any host that holds the allowed one",
            Self::Truncated => {
                "a check that the allowed list contains the origin as a substring lets in part \
                 of an allowed host"
            }
            Self::Sibling => "the server trusts every subdomain of the parent domain",
            Self::Deeper => "the server trusts every subdomain of an allowed host",
            Self::Scheme => {
                "the server compares hosts and ignores the scheme: an http page (which a network \
                 attacker can rewrite) gets in"
            }
            Self::Port => "the server compares hosts and ignores the port",
            Self::TrailingDot => {
                "the server strips or ignores a trailing dot, which makes another origin"
            }
            Self::SpecialCharacter => {
                "a pattern stops matching at a character it does not expect, so the rest of the \
                 host is the attacker's"
            }
            Self::Localhost => {
                "the server trusts `localhost`, which any page served on the victim's machine has"
            }
            Self::Given => "the server allows an origin you named as an attacker's",
        }
    }
}

impl fmt::Display for Trick {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The origin of a page an attacker could have, with how it was made.
#[derive(Clone, PartialEq, Eq)]
pub struct AttackerOrigin {
    /// `None` for an opaque origin.
    pub(crate) origin: Option<Origin>,
    pub(crate) trick: Trick,
    /// The allowed origin it imitates.
    pub(crate) imitates: Option<String>,
}

impl AttackerOrigin {
    /// An attacker at `origin` (a tuple origin), made by `trick`.
    pub fn new(origin: Origin, trick: Trick, imitates: Option<String>) -> Self {
        Self {
            origin: Some(origin),
            trick,
            imitates,
        }
    }

    /// An attacker with an opaque origin (`Origin: null`).
    pub fn null() -> Self {
        Self {
            origin: None,
            trick: Trick::Null,
            imitates: None,
        }
    }

    /// The attacker's page: the root of its origin, or a page with an opaque origin.
    pub fn document(&self) -> Document {
        match &self.origin {
            Some(origin) => Document::new(root(origin).expect("an origin's root is a URL")),
            None => Document::opaque(),
        }
    }

    /// The origin as the `Origin` header sends it (`null` for an opaque one).
    pub fn origin(&self) -> String {
        self.origin
            .as_ref()
            .map_or_else(|| "null".to_owned(), Origin::ascii_serialization)
    }

    /// The tuple origin; `None` for an opaque one.
    pub fn tuple(&self) -> Option<&crate::origin::TupleOrigin> {
        match &self.origin {
            Some(Origin::Tuple(tuple)) => Some(tuple),
            _ => None,
        }
    }

    /// How it was made.
    pub fn trick(&self) -> Trick {
        self.trick
    }

    /// The allowed origin it imitates, for a look-alike.
    pub fn imitates(&self) -> Option<&str> {
        self.imitates.as_deref()
    }
}

impl fmt::Display for AttackerOrigin {
    /// The origin as the `Origin` header sends it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.origin())
    }
}

impl fmt::Debug for AttackerOrigin {
    /// The origin and how it was made, e.g. `https://evil.example.com (Sibling of
    /// https://app.example.com)`: what proptest prints for a failing case.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({:?}", self.origin(), self.trick)?;
        if let Some(of) = &self.imitates {
            write!(f, " of {of}")?;
        }
        f.write_str(")")
    }
}

/// The look-alike of the allowed `of` that `trick` makes with the words `w1`, `w2`, the
/// top-level domain `tld`, the port `port` and the character `c`; `None` when the trick does
/// not apply to `of` or gives no URL.
pub(crate) fn look_alike(
    of: &Url,
    trick: Trick,
    (w1, w2, tld): (&str, &str, &str),
    port: u16,
    c: char,
) -> Option<Url> {
    let scheme = of.scheme();
    let host = of.host_str()?;
    let domain = of.domain();
    let own_port = of.port().map(|p| format!(":{p}")).unwrap_or_default();
    let with = |scheme: &str, host: &str, port: &str| {
        Url::parse(&format!("{scheme}://{host}{port}/")).ok()
    };
    match trick {
        Trick::Sibling => {
            let (_, parent) = domain?.split_once('.')?;
            if is_public_suffix(parent) {
                return None;
            }
            with(scheme, &format!("{w1}.{parent}"), &own_port)
        }
        Trick::Prefix => {
            let sep = if c == '-' { "-" } else { "" };
            with(scheme, &format!("{w1}{sep}{}", domain?), &own_port)
        }
        Trick::Suffix => {
            let sep = match c {
                '-' => "-",
                'x' => "",
                _ => ".",
            };
            with(scheme, &format!("{}{sep}{w1}.{tld}", domain?), &own_port)
        }
        Trick::UnescapedDot => {
            let domain = domain?;
            let dots: Vec<usize> = domain.match_indices('.').map(|(i, _)| i).collect();
            let at = *dots.get(w1.len() % dots.len().max(1))?;
            let c = if c == '_' { 'x' } else { c };
            let host = format!("{}{c}{}", &domain[..at], &domain[at + 1..]);
            with(scheme, &host, &own_port)
        }
        Trick::Substring => with(scheme, &format!("{w1}-{}.{w2}.{tld}", domain?), &own_port),
        Trick::Deeper => with(scheme, &format!("{w1}.{}", domain?), &own_port),
        Trick::Scheme => {
            let other = if scheme == "https" { "http" } else { "https" };
            with(other, host, &own_port)
        }
        Trick::Port => with(scheme, host, &format!(":{port}")),
        Trick::TrailingDot => with(scheme, &format!("{}.", domain?), &own_port),
        Trick::SpecialCharacter => with(scheme, &format!("{}{c}.{w1}.{tld}", domain?), &own_port),
        Trick::Truncated
        | Trick::Unrelated
        | Trick::Null
        | Trick::Hosting
        | Trick::Localhost
        | Trick::Given => None,
    }
}

/// The attacker's own domain in the catalogue: `evil.example` (`.example` is reserved, so no
/// real site is named).
const EVIL: (&str, &str, &str) = ("evil", "evil", "example");

/// The special characters CORScanner, Corsy and nuclei put between the target's host and an
/// attacker's domain, as written on their command lines (`%60` is a backtick, `%0b` a vertical
/// tab), and a space.
pub const SPECIAL_CHARACTERS: [&str; 23] = [
    "_", "-", "\"", "{", "}", "+", "^", "%60", "!", "~", ";", "|", "&", "'", "(", ")", "*", ",",
    "$", "=", "%0b", "`", " ",
];

/// Hosts where anyone can publish a page, as CORScanner's `origins.json` and CORStest's
/// "developer backdoor" list them, and the user-content hosts of common platforms.
pub const HOSTING: [&str; 16] = [
    "https://github.com",
    "https://gitlab.com",
    "https://pastebin.com",
    "http://jsbin.com",
    "https://codepen.io",
    "https://cdpn.io",
    "https://jsfiddle.net",
    "https://fiddle.jshell.net",
    "http://whatever.s3.amazonaws.com",
    "https://cors-sim-attacker.github.io",
    "https://cors-sim-attacker.gitlab.io",
    "https://cors-sim-attacker.netlify.app",
    "https://cors-sim-attacker.vercel.app",
    "https://cors-sim-attacker.pages.dev",
    "https://cors-sim-attacker.herokuapp.com",
    "https://cors-sim-attacker.web.app",
];

/// `localhost` origins a page on the victim's machine has, and an attacker's look-alike.
const LOCALHOST: [&str; 6] = [
    "http://localhost",
    "http://localhost:3000",
    "http://localhost:8080",
    "https://localhost",
    "http://127.0.0.1",
    "http://localhost.evil.example",
];

/// Origins scanners send that are not serialized origins, so no browser sends them.
const NOT_ORIGINS: [&str; 1] = ["localhost"];

/// A candidate no browser can send, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Unsendable {
    /// The origin as written.
    pub origin: String,
    /// The trick that made it.
    pub trick: Trick,
    /// Why no browser sends it.
    pub why: String,
}

/// The attacker origins to try for a target and its allowed origins, in order from the most
/// general (an arbitrary origin) to the most specific, each once; and those no browser can send.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Catalogue {
    /// The origins to try.
    pub origins: Vec<AttackerOrigin>,
    /// The candidates the URL standard rejects, which no browser can send.
    pub unsendable: Vec<Unsendable>,
}

/// The root URL of a tuple origin (its serialization, then `/`): where its page is.
pub(crate) fn root(origin: &Origin) -> Result<Url, url::ParseError> {
    Url::parse(&format!("{}/", origin.ascii_serialization()))
}

/// Parses an origin as a page's (`scheme://host[:port]`), or says why no browser has it.
pub fn parse_origin(text: &str) -> Result<Origin, String> {
    let url = Url::parse(text).map_err(|e| format!("the URL standard rejects it ({e})"))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(format!(
            "a page at a `{}:` URL has an opaque origin and sends `Origin: null`",
            url.scheme()
        ));
    }
    if url.path() != "/"
        || url.query().is_some()
        || url.fragment().is_some()
        || includes_credentials(&url)
    {
        return Err(
            "an origin is `scheme://host[:port]`: no path, query, fragment or credentials"
                .to_owned(),
        );
    }
    Ok(Origin::of_url(&url))
}

impl Catalogue {
    /// The catalogue for a target at `target` whose owner allows `allowed` (tuple origins), plus
    /// the `given` origins the user asked for (checked: an origin no browser can send goes to
    /// [`Catalogue::unsendable`]). The target's own origin and the allowed ones are never tried.
    pub fn new(target: &Url, allowed: &[Origin], given: &[String]) -> Self {
        let mut catalogue = Builder {
            seen: std::iter::once(Origin::of_url(target))
                .chain(allowed.iter().cloned())
                .map(|o| o.ascii_serialization())
                .collect(),
            catalogue: Self {
                origins: Vec::new(),
                unsendable: Vec::new(),
            },
        };
        for scheme in ["https", "http"] {
            catalogue.add_text(&format!("{scheme}://evil.example"), Trick::Unrelated, None);
        }
        catalogue.catalogue.origins.push(AttackerOrigin::null());
        for hosting in HOSTING {
            catalogue.add_text(hosting, Trick::Hosting, None);
        }
        let bases: Vec<Url> = std::iter::once(Origin::of_url(target))
            .chain(allowed.iter().cloned())
            .filter_map(|o| root(&o).ok())
            .collect();
        for base in &bases {
            let host = base.host_str().unwrap_or_default();
            let mut forms = vec![base.clone()];
            // An attacker serves a look-alike host on the port of its choice: the default one.
            if base.port().is_some() {
                forms.extend(Url::parse(&format!("{}://{host}/", base.scheme())));
            }
            // An https page cannot fetch an http target (mixed content): its attacker uses http.
            if target.scheme() == "http" && base.scheme() == "https" {
                forms.extend(with_host(base, "http", host));
            }
            for form in &forms {
                catalogue.look_alikes(form, base);
            }
        }
        for local in LOCALHOST {
            catalogue.add_text(local, Trick::Localhost, None);
        }
        for text in NOT_ORIGINS {
            catalogue.unsendable(
                text,
                Trick::Localhost,
                "not a serialized origin: a browser always sends `scheme://host[:port]` or `null`"
                    .to_owned(),
            );
        }
        for text in given {
            catalogue.add_text(text, Trick::Given, None);
        }
        catalogue.catalogue
    }
}

/// A catalogue being built: each origin once (`seen` holds the excluded ones and those added),
/// in the order added.
struct Builder {
    seen: HashSet<String>,
    catalogue: Catalogue,
}

impl Builder {
    fn add(&mut self, url: Url, trick: Trick, imitates: Option<&Url>) {
        let origin = Origin::of_url(&url);
        if origin.is_opaque() || !self.seen.insert(origin.ascii_serialization()) {
            return;
        }
        let imitates = imitates.map(|url| Origin::of_url(url).ascii_serialization());
        self.catalogue
            .origins
            .push(AttackerOrigin::new(origin, trick, imitates));
    }

    fn add_text(&mut self, text: &str, trick: Trick, imitates: Option<&Url>) {
        match parse_origin(text) {
            Ok(origin) => match root(&origin) {
                Ok(url) => self.add(url, trick, imitates),
                Err(e) => self.unsendable(text, trick, e.to_string()),
            },
            Err(why) => self.unsendable(text, trick, why),
        }
    }

    fn unsendable(&mut self, text: &str, trick: Trick, why: String) {
        self.catalogue.unsendable.push(Unsendable {
            origin: text.to_owned(),
            trick,
            why,
        });
    }

    fn add_opt(&mut self, url: Option<Url>, trick: Trick, of: &Url) {
        if let Some(url) = url {
            self.add(url, trick, Some(of));
        }
    }

    /// Every look-alike of `base` the scanners try, as look-alikes of the allowed `of`.
    fn look_alikes(&mut self, base: &Url, of: &Url) {
        let made = |trick, c| look_alike(base, trick, EVIL, other_port(base), c);
        let Some(Host::Domain(host)) = base.host() else {
            // An IP address has no look-alikes but the other scheme and port.
            for trick in [Trick::Scheme, Trick::Port] {
                self.add_opt(made(trick, '.'), trick, of);
            }
            return;
        };
        let host = host.to_owned();
        let registrable = registrable_domain(&Host::Domain(host.clone())).map(str::to_owned);
        // Pre-domain: before the host, and before its registrable domain.
        for c in ['x', '-'] {
            self.add_opt(made(Trick::Prefix, c), Trick::Prefix, of);
            if let Some(rd) = registrable.as_deref().filter(|rd| *rd != host) {
                let sep = if c == '-' { "-" } else { "" };
                let url = with_host(base, base.scheme(), &format!("evil{sep}{rd}"));
                self.add_opt(url, Trick::Prefix, of);
            }
        }
        for c in ['.', '-'] {
            self.add_opt(made(Trick::Suffix, c), Trick::Suffix, of);
        }
        // Unescaped dots: each alone, then all of them; only dots left of the public suffix,
        // as a name under a top-level domain no registry gives out (`www.targetacom`) is one no
        // attacker can serve.
        let suffix_dot = registrable
            .as_deref()
            .and_then(|rd| rd.find('.').map(|at| host.len() - rd.len() + at));
        let dots: Vec<usize> = host
            .match_indices('.')
            .map(|(at, _)| at)
            .filter(|&at| suffix_dot.is_none_or(|suffix| at < suffix))
            .collect();
        for &at in &dots {
            let replaced = format!("{}a{}", &host[..at], &host[at + 1..]);
            self.add_opt(
                with_host(base, base.scheme(), &replaced),
                Trick::UnescapedDot,
                of,
            );
        }
        if dots.len() > 1 {
            let mut all = host.clone();
            for &at in &dots {
                all.replace_range(at..=at, "a");
            }
            self.add_opt(
                with_host(base, base.scheme(), &all),
                Trick::UnescapedDot,
                of,
            );
        }
        self.add_opt(made(Trick::Substring, '.'), Trick::Substring, of);
        let shorter = &host[..host.len() - 1];
        let later = &registrable.as_deref().unwrap_or(&host)[1..];
        for part in [shorter, later] {
            if part.contains('.') {
                self.add_opt(with_host(base, base.scheme(), part), Trick::Truncated, of);
            }
        }
        for scheme in ["https", "http"] {
            if let Some(on) = with_host(base, scheme, &host) {
                let sibling = look_alike(&on, Trick::Sibling, EVIL, 0, '.');
                self.add_opt(sibling, Trick::Sibling, of);
                let deeper = look_alike(&on, Trick::Deeper, EVIL, 0, '.');
                self.add_opt(deeper, Trick::Deeper, of);
            }
        }
        for trick in [Trick::Scheme, Trick::Port, Trick::TrailingDot] {
            self.add_opt(made(trick, '.'), trick, of);
        }
        for c in SPECIAL_CHARACTERS {
            let text = format!(
                "{}://{host}{c}.evil.example{}",
                base.scheme(),
                port_of(base)
            );
            self.add_text(&text, Trick::SpecialCharacter, Some(of));
        }
    }
}

/// `base`'s `:port`, or nothing for the default port.
fn port_of(base: &Url) -> String {
    base.port().map(|p| format!(":{p}")).unwrap_or_default()
}

/// `scheme://host` with `base`'s port.
fn with_host(base: &Url, scheme: &str, host: &str) -> Option<Url> {
    Url::parse(&format!("{scheme}://{host}{}/", port_of(base))).ok()
}

/// A port other than `base`'s.
fn other_port(base: &Url) -> u16 {
    match base.port_or_known_default() {
        Some(8443) => 8444,
        _ => 8443,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn catalogue(target: &str, allowed: &[&str]) -> Catalogue {
        let allowed: Vec<Origin> = allowed.iter().map(|o| parse_origin(o).unwrap()).collect();
        Catalogue::new(&Url::parse(target).unwrap(), &allowed, &[])
    }

    fn origins(catalogue: &Catalogue, trick: Trick) -> Vec<String> {
        catalogue
            .origins
            .iter()
            .filter(|o| o.trick() == trick)
            .map(AttackerOrigin::origin)
            .collect()
    }

    #[test]
    fn the_catalogue_holds_every_scanners_trick_for_the_target() {
        let c = catalogue("https://www.target.com/me", &[]);
        assert_eq!(
            origins(&c, Trick::Unrelated),
            ["https://evil.example", "http://evil.example"]
        );
        assert_eq!(origins(&c, Trick::Null), ["null"]);
        assert_eq!(
            origins(&c, Trick::Prefix),
            [
                "https://evilwww.target.com",
                "https://eviltarget.com",
                "https://evil-www.target.com",
                "https://evil-target.com"
            ]
        );
        assert_eq!(
            origins(&c, Trick::Suffix),
            [
                "https://www.target.com.evil.example",
                "https://www.target.com-evil.example"
            ]
        );
        // Not `www.targetacom`: no registry gives out names under `targetacom`.
        assert_eq!(origins(&c, Trick::UnescapedDot), ["https://wwwatarget.com"]);
        let deep = catalogue("https://a.b.target.co.uk/", &[]);
        assert_eq!(
            origins(&deep, Trick::UnescapedDot),
            [
                "https://aab.target.co.uk",
                "https://a.batarget.co.uk",
                "https://aabatarget.co.uk"
            ]
        );
        assert_eq!(
            origins(&c, Trick::Truncated),
            ["https://www.target.co", "https://arget.com"]
        );
        assert_eq!(
            origins(&c, Trick::Sibling),
            ["https://evil.target.com", "http://evil.target.com"]
        );
        assert_eq!(
            origins(&c, Trick::Deeper),
            ["https://evil.www.target.com", "http://evil.www.target.com"]
        );
        assert_eq!(origins(&c, Trick::Scheme), ["http://www.target.com"]);
        assert_eq!(origins(&c, Trick::Port), ["https://www.target.com:8443"]);
        assert_eq!(origins(&c, Trick::TrailingDot), ["https://www.target.com."]);
        assert!(!origins(&c, Trick::Hosting).is_empty());
        assert!(origins(&c, Trick::Localhost).contains(&"http://localhost:3000".to_owned()));
        // The target's own origin is never an attacker's.
        assert!(
            !c.origins
                .iter()
                .any(|o| o.origin() == "https://www.target.com")
        );
    }

    #[test]
    fn only_hosts_the_url_standard_accepts_are_tried() {
        let c = catalogue("https://www.target.com/", &[]);
        let tried = origins(&c, Trick::SpecialCharacter);
        assert!(tried.contains(&"https://www.target.com_.evil.example".to_owned()));
        assert!(tried.contains(&"https://www.target.com`.evil.example".to_owned()));
        let refused: Vec<&str> = c
            .unsendable
            .iter()
            .filter(|u| u.trick == Trick::SpecialCharacter)
            .map(|u| u.origin.as_str())
            .collect();
        for c in ["^", "|", "%0b", " "] {
            let text = format!("https://www.target.com{c}.evil.example");
            assert!(refused.contains(&text.as_str()), "{text} in {refused:?}");
        }
        // `%60` is sent as a backtick, which the catalogue already holds.
        assert!(!tried.iter().any(|o| o.contains("%60")));
        assert!(c.unsendable.iter().any(|u| u.origin == "localhost"));
    }

    #[test]
    fn look_alikes_of_each_allowed_origin_and_never_an_allowed_one() {
        let c = catalogue("https://api.target.com/", &["https://app.target.com"]);
        let all: Vec<String> = c.origins.iter().map(AttackerOrigin::origin).collect();
        assert!(!all.contains(&"https://app.target.com".to_owned()));
        assert!(all.contains(&"http://app.target.com".to_owned()));
        assert!(all.contains(&"https://evilapp.target.com".to_owned()));
        assert!(all.contains(&"https://app.target.com.evil.example".to_owned()));
        let downgrade = c
            .origins
            .iter()
            .find(|o| o.origin() == "http://app.target.com")
            .unwrap();
        assert_eq!(downgrade.imitates(), Some("https://app.target.com"));
        // Each origin once.
        let mut unique = all.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), all.len());
    }

    #[test]
    fn an_http_target_and_a_port_get_the_forms_an_attacker_would_use() {
        let c = catalogue("http://api.target.com:8080/", &["https://app.target.com"]);
        let all: Vec<String> = c.origins.iter().map(AttackerOrigin::origin).collect();
        for origin in [
            "http://evilapi.target.com:8080",
            "http://evilapi.target.com",
            "http://app.target.com.evil.example",
            "https://app.target.com.evil.example",
        ] {
            assert!(all.contains(&origin.to_owned()), "{origin}");
        }
    }

    #[test]
    fn origins_a_user_asks_for_are_checked() {
        assert!(parse_origin("https://a^b.example").is_err());
        assert!(parse_origin("https://a.example/path").is_err());
        assert_eq!(
            parse_origin("HTTPS://A.example/")
                .unwrap()
                .ascii_serialization(),
            "https://a.example"
        );
        assert!(parse_origin("https://a.example").is_ok());
        let target = Url::parse("https://api.target.com/").unwrap();
        let c = Catalogue::new(
            &target,
            &[],
            &[
                "https://a^b.example".to_owned(),
                "https://ok.example".to_owned(),
            ],
        );
        assert!(
            c.unsendable
                .iter()
                .any(|u| u.origin == "https://a^b.example")
        );
        assert!(origins(&c, Trick::Given).contains(&"https://ok.example".to_owned()));
    }
}
