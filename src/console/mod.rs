//! Console messages: what each engine's developer console prints when a fetch fails, and a
//! neutral line for the standard itself.
//!
//! The engine texts are the engines' own, taken from their sources (each engine's module names
//! the files); only the parameters (URLs, origin, header values, status) are filled in. Where an
//! engine prints nothing specific, the nearest line it does print is used; each such place says
//! so. Header values and redirect locations pass through [`crate::error::shown`], so a message
//! never contains a control character.

mod chromium;
mod firefox;
mod webkit;

use crate::advice::{self, Intent};
use crate::error::NetworkError;
use crate::profile::Engine;

impl NetworkError {
    /// The message the console of the engine that produced the error prints for it; for
    /// `Engine::Spec`, one neutral
    /// line saying that the standard makes the fetch a network error, and why.
    ///
    /// Chromium and Firefox print one line. WebKit logs the reason and then the failed load
    /// (`Fetch API cannot load … due to access control checks.`); the two lines are joined by
    /// `\n`.
    pub fn console_message(&self) -> String {
        message(self, self.engine)
    }

    /// The message `engine`'s console would print for this failure (e.g. to compare engines).
    pub fn console_message_in(&self, engine: Engine) -> String {
        message(self, engine)
    }

    /// One line telling the server's owner what to change, using the actual origin, URL, method
    /// or header. When the server's CORS policy refused the origin, the advice is conditional
    /// ("If http://localhost:3000 is your own frontend, …; if not, nothing needs fixing: …"),
    /// since the refusal may be the intended result; [`NetworkError::fix_for`] takes the intent
    /// when the caller knows it.
    ///
    /// For failures no server header can cure (the request's mode or redirect mode, a URL scheme
    /// other than HTTP(S), no response at all) it says what the page or the request must change
    /// instead.
    pub fn fix(&self) -> String {
        advice::fix_for(self, Intent::Unknown)
    }

    /// The fix for a caller who knows whether the origin should get in: see [`Intent`].
    pub fn fix_for(&self, intent: Intent) -> String {
        advice::fix_for(self, intent)
    }
}

/// The console text of `engine` for `error`.
pub(crate) fn message(error: &NetworkError, engine: Engine) -> String {
    match engine {
        Engine::Spec => spec(error),
        Engine::Chromium => chromium::message(error),
        Engine::Firefox => firefox::message(error),
        Engine::WebKit => webkit::message(error),
    }
}

/// The standard's view, in no engine's words: the fetch is a network error, and why.
fn spec(e: &NetworkError) -> String {
    format!(
        "Fetch of '{}' from origin '{}' is a network error: {}.",
        e.url, e.origin, e.reason
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::{CheckFailure, Reason};
    use crate::fixtures::{ORIGIN, URL, all_errors, err, every_reason_with};

    #[test]
    fn spec_states_the_network_error_in_its_own_words() {
        assert_eq!(
            err(Reason::Check(CheckFailure::MissingAllowOriginHeader))
                .console_message_in(Engine::Spec),
            "Fetch of 'http://api.example/data' from origin 'http://localhost:3000' is a network \
             error: the response has no Access-Control-Allow-Origin header."
        );
        for error in all_errors() {
            let e = err(error);
            let message = e.console_message_in(Engine::Spec);
            assert_eq!(
                message,
                format!(
                    "Fetch of '{URL}' from origin '{ORIGIN}' is a network error: {}.",
                    e.reason
                )
            );
            assert_ne!(message, e.console_message_in(Engine::Chromium));
        }
    }

    #[test]
    fn control_bytes_in_values_never_break_the_line() {
        for error in every_reason_with("http://a.example\r\nx\u{7}") {
            let e = err(error);
            for engine in [
                Engine::Spec,
                Engine::Chromium,
                Engine::Firefox,
                Engine::WebKit,
            ] {
                let message = e.console_message_in(engine);
                assert!(
                    message.chars().all(|c| !c.is_control() || c == '\n'),
                    "{engine:?}: {message:?}"
                );
                // WebKit adds a second line for access-control failures only.
                let second = message.contains(" due to access control checks.");
                assert_eq!(message.lines().count(), 1 + usize::from(second));
            }
            assert!(!e.fix().chars().any(char::is_control));
        }
    }
}
