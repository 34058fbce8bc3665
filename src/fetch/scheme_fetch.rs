//! Fetch "scheme fetch" for the one non-HTTP scheme a cross-origin request may reach: `data:`.
//! <https://fetch.spec.whatwg.org/#concept-scheme-fetch>

use crate::error::Reason;
use crate::header::{HeaderList, HeaderValue};
use crate::profile::ResponsePolicy;
use crate::trace::{Step, Tracer};
use http::header::{CONTENT_LENGTH, CONTENT_TYPE};
use url::Url;

/// The `data:` URL processor's MIME type as `Content-Type` of a 200 response, or a network error
/// when the URL does not process (a bad URL or, with `;base64`, a body that does not decode).
pub(super) fn data_url(
    url: &Url,
    policy: &ResponsePolicy,
    tracer: &mut Tracer,
) -> Result<HeaderList, Reason> {
    let processed = data_url::DataUrl::process(url.as_str())
        .ok()
        .and_then(|data_url| Some((data_url.decode_to_vec().ok()?.0.len(), data_url)));
    let Some((length, data_url)) = processed else {
        return Err(Reason::InvalidDataUrl);
    };
    let value = |text: String| {
        HeaderValue::from_bytes(text.as_bytes()).expect("a MIME type or a number is a header value")
    };
    let mut headers = HeaderList::new();
    headers.append(CONTENT_TYPE, value(data_url.mime_type().to_string()));
    if policy.data_url_content_length {
        headers.append(CONTENT_LENGTH, value(length.to_string()));
        tracer.emit(|| Step::Departure {
            field: "response.data_url_content_length",
            effect: "the data: response carries Content-Length".to_owned(),
        });
    }
    Ok(headers)
}
