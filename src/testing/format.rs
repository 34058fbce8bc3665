//! How the scenario model reads from a `cors-vectors/1` file's JSON (feature `vectors`): the
//! format's strings for byte strings, methods, modes, origins and times, each checked as the
//! format states it, so that a malformed vector is an error naming what is wrong.

use crate::error::Reason;
use crate::origin::Origin;
use crate::time::Time;
use http::{HeaderName, Method};
use serde::Deserialize;
use serde::de::{Deserializer, Error};
use std::fmt::Display;
use std::str::FromStr;
use std::time::Duration;

/// A byte string as JSON has it: text, or `{"bytes": "hex"}`.
#[derive(Deserialize)]
#[serde(untagged)]
pub(super) enum BytesJson {
    Text(String),
    Hex {
        #[serde(rename = "bytes")]
        hex: String,
    },
}

impl BytesJson {
    /// The bytes it stands for; an error for hex that is not pairs of hex digits.
    pub(super) fn decode(self) -> Result<Vec<u8>, String> {
        match self {
            Self::Text(text) => Ok(text.into_bytes()),
            Self::Hex { hex } => decode_hex(&hex),
        }
    }
}

/// Pairs of hex digits (and nothing else: no sign, no space) as bytes.
fn decode_hex(hex: &str) -> Result<Vec<u8>, String> {
    let digit = |c: u8| char::from(c).to_digit(16);
    let bytes = hex.as_bytes();
    if !bytes.len().is_multiple_of(2) {
        return Err(format!("{hex:?} is not hex: an odd number of digits"));
    }
    bytes
        .chunks(2)
        .map(|pair| match (digit(pair[0]), digit(pair[1])) {
            (Some(high), Some(low)) => Ok((high * 16 + low) as u8),
            _ => Err(format!("{:?} is not hex", hex.escape_debug().to_string())),
        })
        .collect()
}

/// A route's `method`: `"*"` for any (`None`), else a method (a token).
pub(super) mod route_method {
    use super::*;

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Method>, D::Error> {
        let text = String::deserialize(d)?;
        if text == "*" {
            return Ok(None);
        }
        Method::from_bytes(text.as_bytes())
            .map(Some)
            .map_err(|_| D::Error::custom(format!("route method {text:?} is not a method")))
    }
}

/// A response status: 100 to 599, as a server can send.
pub(super) fn status<'de, D: Deserializer<'de>>(d: D) -> Result<u16, D::Error> {
    let status = u16::deserialize(d)?;
    if (100..=599).contains(&status) {
        Ok(status)
    } else {
        Err(D::Error::custom(format!(
            "status {status} is not a response status (100 to 599)"
        )))
    }
}

/// A status script sees: 0 (opaque responses) or a response status.
pub(super) fn seen_status<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u16>, D::Error> {
    let status = u16::deserialize(d)?;
    if status == 0 || (100..=599).contains(&status) {
        Ok(Some(status))
    } else {
        Err(D::Error::custom(format!(
            "status {status} is neither 0 nor a response status (100 to 599)"
        )))
    }
}

/// The most placeholders (`{{origin}}`, …) a route header value may hold: each stands for a
/// request header that can be as long as the file, so a value's expansion stays within this
/// many times the file's size.
pub(super) const MAX_PLACEHOLDERS: usize = 8;

/// A route's headers: names that are header names, values as byte strings holding at most
/// [`MAX_PLACEHOLDERS`] placeholders.
pub(super) fn response_headers<'de, D, V>(d: D) -> Result<Vec<(HeaderName, V)>, D::Error>
where
    D: Deserializer<'de>,
    V: Deserialize<'de> + AsRef<[u8]>,
{
    Vec::<(String, V)>::deserialize(d)?
        .into_iter()
        .map(|(name, value)| {
            let placeholders = value.as_ref().windows(2).filter(|w| w == b"{{").count();
            if placeholders > MAX_PLACEHOLDERS {
                return Err(D::Error::custom(format!(
                    "route header {name:?} holds {placeholders} placeholders, more than \
                     {MAX_PLACEHOLDERS}"
                )));
            }
            HeaderName::from_bytes(name.as_bytes())
                .map(|name| (name, value))
                .map_err(|_| D::Error::custom(format!("{name:?} is not a header name")))
        })
        .collect()
}

/// A value spelled as its type's `FromStr` reads it (modes, response types).
pub(super) mod option_text {
    use super::*;

    pub fn deserialize<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
    where
        D: Deserializer<'de>,
        T: FromStr,
        T::Err: Display,
    {
        Option::<String>::deserialize(d)?
            .map(|text| text.parse().map_err(D::Error::custom))
            .transpose()
    }
}

/// A document's origin: a serialized origin, or `"null"`.
pub(super) mod origin {
    use super::*;

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Origin, D::Error> {
        let text = String::deserialize(d)?;
        Origin::parse(text.as_bytes())
            .map_err(|_| D::Error::custom(format!("origin {text:?} is not a serialized origin")))
    }
}

/// An optional document origin.
pub(super) mod option_origin {
    use super::*;

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Origin>, D::Error> {
        origin::deserialize(d).map(Some)
    }
}

/// Seconds since the scenario began: a number from 0 to 10^12.
pub(super) fn time<'de, D: Deserializer<'de>>(d: D) -> Result<Time, D::Error> {
    let seconds = f64::deserialize(d)?;
    if seconds.is_finite() && (0.0..1e12).contains(&seconds) {
        Ok(Time::from(Duration::from_secs_f64(seconds)))
    } else {
        Err(D::Error::custom(format!(
            "`at` {seconds} is not a number of seconds from 0 to 10^12"
        )))
    }
}

/// A reason's name, one of [`Reason::NAMES`].
pub(super) fn reason<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    let name = String::deserialize(d)?;
    if Reason::NAMES.contains(&name.as_str()) {
        Ok(Some(name))
    } else {
        Err(D::Error::custom(format!("{name:?} is not a reason name")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_is_pairs_of_digits_only() {
        assert_eq!(decode_hex("00ff7F"), Ok(vec![0, 255, 127]));
        assert!(decode_hex("+f+f").is_err());
        assert!(decode_hex("abc").is_err());
        assert!(decode_hex(" f").is_err());
        assert!(decode_hex("é1").is_err());
    }
}
