//! The crate's one error type.
//!
//! Every failure — bad input caught before a request is built, a response
//! that is not well-formed XML, a response that does not fit the documented
//! shape, an error returned by the service — is an [`Error`] with a stable
//! [`ErrorCode`], the field it concerns (when there is one) and a message that
//! says what to do. No error ever carries a secret: messages are built from
//! field names, rules and non-secret values only.

use std::fmt;

/// Stable, machine-readable error codes. The string forms (`as_str`) are part
/// of the public API and never change meaning.
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorCode {
    /// An input value breaks a documented rule (range, enumeration, format).
    /// User action: fix the value named by [`Error::field`].
    InvalidArgument,
    /// A required input is missing or empty.
    /// User action: set the field named by [`Error::field`].
    MissingArgument,
    /// The response body is not well-formed XML (or uses a feature we never
    /// accept, such as a DOCTYPE).
    /// User action: nothing to fix locally; the response was damaged or did not
    /// come from the service (check proxies).
    InvalidXml,
    /// The response is well-formed XML but does not fit the documented shape
    /// (wrong root element, text where a number is documented, a single-valued
    /// element repeated).
    /// User action: report it with the request id; the response was not misread.
    InvalidResponse,
    /// The response is larger than the parser accepts: more than
    /// [`xml::MAX_RESPONSE_BYTES`](crate::xml::MAX_RESPONSE_BYTES) bytes, more than
    /// [`xml::MAX_ELEMENTS`](crate::xml::MAX_ELEMENTS) elements or nested deeper than
    /// [`xml::MAX_DEPTH`](crate::xml::MAX_DEPTH) levels. Parsing stops at the
    /// bound, so an adversarial body costs no more than a legitimate one.
    /// User action: nothing to fix locally; no CI response comes near these
    /// bounds (a 100-job list is about 125 KB and 4,000 elements).
    LimitExceeded,
    /// The service answered with an error (`<Error>` body, any HTTP status,
    /// or a non-XML body with an error status).
    /// User action: see [`Error::service_code`] and [`Error::message`].
    ServiceError,
    /// A bug in this library (for instance a value it could not hand to
    /// JavaScript). User action: report it.
    InternalError,
}

impl ErrorCode {
    /// The stable string form, e.g. `"InvalidArgument"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            ErrorCode::InvalidArgument => "InvalidArgument",
            ErrorCode::MissingArgument => "MissingArgument",
            ErrorCode::InvalidXml => "InvalidXml",
            ErrorCode::InvalidResponse => "InvalidResponse",
            ErrorCode::LimitExceeded => "LimitExceeded",
            ErrorCode::ServiceError => "ServiceError",
            ErrorCode::InternalError => "InternalError",
        }
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What the service said when it refused a request.
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ServiceErrorDetails {
    /// HTTP status of the response (200 when an `<Error>` body came with 200).
    pub status: u16,
    /// The service's `<Code>`, e.g. `SignatureDoesNotMatch`; `None` for a
    /// non-XML error body.
    pub code: Option<String>,
    /// The service's `<Message>` (whole), or the text of a non-XML body (its
    /// first 200 bytes, cut on a character boundary).
    pub message: Option<String>,
    /// `<RequestId>` from the body, else the `x-ci-request-id` header.
    pub request_id: Option<String>,
    /// `<Resource>` when the body has one (COS-style errors).
    pub resource: Option<String>,
    /// `<TraceId>` when the body has one (COS-style errors).
    pub trace_id: Option<String>,
    /// `<ServerTime>` when the body has one (`RequestTimeTooSkewed`): the
    /// service's clock, for correcting the key time.
    pub server_time: Option<String>,
}

/// The crate's error: a stable [`ErrorCode`], the field concerned, a message
/// and, for [`ErrorCode::ServiceError`], what the service said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    code: ErrorCode,
    field: Option<String>,
    /// `field: rule`, or the rule alone when there is no field.
    message: String,
    /// Where the rule begins in `message`.
    rule_at: usize,
    service: Option<Box<ServiceErrorDetails>>,
}

/// `Result` with this crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    #[cold]
    pub(crate) fn new(code: ErrorCode, field: Option<String>, rule: impl Into<String>) -> Self {
        Self::with_rule(code, field, rule.into())
    }

    /// [`Self::new`], once for every argument type (not inlined into every error site).
    #[cold]
    #[inline(never)]
    fn with_rule(code: ErrorCode, field: Option<String>, rule: String) -> Self {
        // Messages start with the field they are about: `State: must be one of …`. The JS
        // CiError renders its own errors the same way (js/src/errors.js).
        // A field that is not a plain path (a misspelt key holding a line break, say) is
        // quoted there; `field` itself stays as given.
        let (message, rule_at) = match &field {
            Some(field) => {
                let plain = !field.is_empty()
                    && field.len() <= 128
                    && field.bytes().all(|b| b.is_ascii_alphanumeric() || b"._-[]$".contains(&b));
                let shown = if plain { field.clone() } else { quote(field) };
                let rule_at = shown.len() + 2;
                (format!("{shown}: {rule}"), rule_at)
            }
            None => (rule, 0),
        };
        Error { code, field, message, rule_at, service: None }
    }

    /// `InvalidArgument` for `field`, with `rule` saying what is allowed.
    #[cold]
    pub(crate) fn invalid(field: impl Into<String>, rule: impl Into<String>) -> Self {
        Self::new(ErrorCode::InvalidArgument, Some(field.into()), rule)
    }

    /// `MissingArgument` for `field`.
    #[cold]
    pub(crate) fn missing(field: impl Into<String>) -> Self {
        let field = field.into();
        Self::new(ErrorCode::MissingArgument, Some(field), "is required")
    }

    /// `InvalidXml`. The message is cut to [`MAX_MESSAGE`] bytes: the reader
    /// quotes at most 64 bytes of input itself, and this bounds what a
    /// quick-xml message echoes (two mismatched names, each of any length).
    #[cold]
    pub(crate) fn invalid_xml(message: impl Into<String>) -> Self {
        let mut message = message.into();
        if message.len() > MAX_MESSAGE {
            message = excerpt(&message, MAX_MESSAGE);
        }
        Self::new(ErrorCode::InvalidXml, None, message)
    }

    #[cold]
    pub(crate) fn limit_exceeded(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::LimitExceeded, None, message)
    }

    #[cold]
    pub(crate) fn invalid_response(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self::new(ErrorCode::InvalidResponse, Some(field.into()), message)
    }

    #[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
    #[cold]
    pub(crate) fn internal(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::InternalError, None, message)
    }

    #[cold]
    pub(crate) fn service(details: ServiceErrorDetails) -> Self {
        // What the service said is kept whole in the details; the message
        // shows at most 64 bytes of the code and MAX_ECHO of the message.
        let message = match (&details.code, &details.message) {
            (Some(code), Some(msg)) => format!("{}: {}", excerpt(code, 64), excerpt(msg, MAX_ECHO)),
            (Some(code), None) => excerpt(code, 64),
            (None, Some(msg)) => format!("HTTP {}: {}", details.status, excerpt(msg, MAX_ECHO)),
            (None, None) => format!("HTTP {}", details.status),
        };
        Error { code: ErrorCode::ServiceError, field: None, message, rule_at: 0, service: Some(Box::new(details)) }
    }

    /// The stable error code.
    pub fn code(&self) -> ErrorCode {
        self.code
    }

    /// The input field (e.g. `Operation.DocProcess.Quality`) or response path
    /// (e.g. `Response.QueueList.MaxSize`) the error concerns.
    pub fn field(&self) -> Option<&str> {
        self.field.as_deref()
    }

    /// Human-readable explanation, starting with the field when there is one
    /// (`Operation.DocProcess.Quality: must be an integer from 1 to 100 (got 0)`);
    /// the same text as the JS `CiError`'s `message`. Never contains a secret.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The message without its field: what the field breaks (`must be an
    /// integer from 1 to 100 (got 0)`).
    pub fn rule(&self) -> &str {
        &self.message[self.rule_at..]
    }

    /// Details of a [`ErrorCode::ServiceError`].
    pub fn service_details(&self) -> Option<&ServiceErrorDetails> {
        self.service.as_deref()
    }

    /// The service's own error code (`<Code>`), for service errors.
    pub fn service_code(&self) -> Option<&str> {
        self.service.as_ref().and_then(|s| s.code.as_deref())
    }

    /// HTTP status, for service errors.
    pub fn status_code(&self) -> Option<u16> {
        self.service.as_ref().map(|s| s.status)
    }

    /// Request id, for service errors.
    pub fn request_id(&self) -> Option<&str> {
        self.service.as_ref().and_then(|s| s.request_id.as_deref())
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code, self.message)?;
        if let Some(id) = self.request_id() {
            write!(f, " [request id {}]", excerpt(id, MAX_ECHO))?;
        }
        Ok(())
    }
}

impl std::error::Error for Error {}

/// Most bytes of untrusted text (a response body, a service message) an
/// error message echoes in one piece.
pub(crate) const MAX_ECHO: usize = 200;

/// Longest `InvalidXml` message, in bytes.
pub(crate) const MAX_MESSAGE: usize = 300;

/// `text` cut to at most `max` bytes on a character boundary, with `…` when
/// cut.
pub(crate) fn excerpt(text: &str, max: usize) -> String {
    if text.len() <= max {
        return text.to_string();
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}…", &text[..end])
}

/// Shortens untrusted text quoted in an error message (at most 64
/// characters, then `…`) and escapes what would break the line or hide
/// text: `"`, `\\`, `\n`, `\r`, `\t`, `\0`, other C0 and C1 controls, DEL, line
/// and paragraph separators, bidirectional controls and the BOM, as
/// `\u{…}`. Written by hand: `{:?}` would bring core's Unicode printable
/// tables and the formatting machinery into the wasm.
#[cold]
pub(crate) fn quote(value: &str) -> String {
    const MAX: usize = 64;
    let mut out = String::with_capacity(value.len().min(MAX * 4) + 4);
    out.push('"');
    for (i, c) in value.chars().enumerate() {
        if i == MAX {
            out.push('…');
            break;
        }
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\0' => out.push_str("\\0"),
            c if hidden(c) => {
                out.push_str("\\u{");
                let n = c as u32;
                let digits = (32 - n.leading_zeros()).div_ceil(4).max(1);
                for shift in (0..digits).rev() {
                    out.push(char::from(b"0123456789abcdef"[(n >> (shift * 4) & 0xf) as usize]));
                }
                out.push('}');
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Characters [`quote`] escapes besides `"`, `\\` and the three named ones.
fn hidden(c: char) -> bool {
    matches!(c,
        '\0'..='\u{1f}' | '\u{7f}'..='\u{9f}' | '\u{ad}' | '\u{200b}'..='\u{200f}' | '\u{2028}'..='\u{202e}'
        | '\u{2060}'..='\u{2069}' | '\u{feff}' | '\u{fff9}'..='\u{fffb}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quote_escapes_what_would_break_or_hide_text() {
        assert_eq!(quote("ab"), "\"ab\"");
        assert_eq!(quote("a\"b\\c\nd\re\tf"), r#""a\"b\\c\nd\re\tf""#);
        assert_eq!(
            quote("\0\u{1b}\u{7f}\u{85}\u{2028}\u{202e}\u{feff}"),
            r#""\0\u{1b}\u{7f}\u{85}\u{2028}\u{202e}\u{feff}""#
        );
        assert_eq!(quote("中文 é 😀"), "\"中文 é 😀\"");
        assert_eq!(quote(&"x".repeat(70)), format!("\"{}…\"", "x".repeat(64)));
        // What {:?} gave for the same common cases.
        for s in ["plain", "a\"b", "back\\slash", "new\nline", "\u{0}", "\u{1f}", "中文"] {
            assert_eq!(quote(s), format!("{s:?}"), "{s:?}");
        }
    }

    #[test]
    fn codes_are_stable_strings() {
        assert_eq!(ErrorCode::InvalidArgument.as_str(), "InvalidArgument");
        assert_eq!(ErrorCode::MissingArgument.as_str(), "MissingArgument");
        assert_eq!(ErrorCode::InvalidXml.as_str(), "InvalidXml");
        assert_eq!(ErrorCode::InvalidResponse.as_str(), "InvalidResponse");
        assert_eq!(ErrorCode::ServiceError.as_str(), "ServiceError");
    }

    #[test]
    fn display_names_code_field_and_request_id() {
        let e = Error::invalid("Operation.DocProcess.Quality", "must be from 1 to 100 (got 109)");
        assert_eq!(e.to_string(), "InvalidArgument: Operation.DocProcess.Quality: must be from 1 to 100 (got 109)");
        assert_eq!(e.message(), "Operation.DocProcess.Quality: must be from 1 to 100 (got 109)");
        assert_eq!(e.rule(), "must be from 1 to 100 (got 109)");
        let m = Error::missing("QueueId");
        assert_eq!((m.message(), m.rule()), ("QueueId: is required", "is required"));
        let s = Error::service(ServiceErrorDetails {
            status: 403,
            code: Some("AccessDenied".into()),
            message: Some("denied".into()),
            request_id: Some("r1".into()),
            ..Default::default()
        });
        assert_eq!(s.to_string(), "ServiceError: AccessDenied: denied [request id r1]");
        assert_eq!(s.status_code(), Some(403));
        assert_eq!(s.service_code(), Some("AccessDenied"));
    }

    #[test]
    fn quote_truncates_and_escapes() {
        assert_eq!(quote("a\nb"), "\"a\\nb\"");
        let long = "x".repeat(100);
        assert!(quote(&long).ends_with("…\""));
        assert!(quote(&long).len() < 80);
    }
}
