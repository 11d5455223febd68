//! Credentials: a SecretId, a SecretKey and, for temporary (STS) keys, a
//! SecurityToken. `Debug` never shows the key or the token.

use crate::error::{Error, Result};
use std::fmt;

/// Permanent or temporary (STS) credentials.
///
/// ```
/// use cos_ci_wasm::Credentials;
/// let c = Credentials::new("AKIDEXAMPLE", "secretEXAMPLE").unwrap()
///     .with_security_token("tokenEXAMPLE").unwrap();
/// assert!(!format!("{c:?}").contains("secretEXAMPLE"));
/// assert!(!format!("{c:?}").contains("tokenEXAMPLE"));
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    secret_id: String,
    secret_key: String,
    security_token: Option<String>,
}

impl Credentials {
    /// Permanent keys (or the `TmpSecretId`/`TmpSecretKey` of STS keys, then
    /// add the token with [`Credentials::with_security_token`]).
    ///
    /// Both must be non-empty; the SecretId travels in the `Authorization`
    /// header (as `q-ak`), so it must be printable ASCII (`!` to `~`) other
    /// than `&`: no whitespace, control character or non-ASCII character.
    /// The SecretKey is never sent and may hold any text.
    pub fn new(secret_id: impl Into<String>, secret_key: impl Into<String>) -> Result<Self> {
        let secret_id = secret_id.into();
        let secret_key = secret_key.into();
        if secret_id.is_empty() {
            return Err(Error::missing("SecretId"));
        }
        if !secret_id.bytes().all(|b| b.is_ascii_graphic() && b != b'&') {
            return Err(Error::invalid(
                "SecretId",
                "must be printable ASCII without spaces or '&' (no whitespace, control or non-ASCII characters)",
            ));
        }
        if secret_key.is_empty() {
            return Err(Error::missing("SecretKey"));
        }
        Ok(Credentials { secret_id, secret_key, security_token: None })
    }

    /// Adds the SecurityToken of temporary keys. It is sent (and signed) as
    /// the `x-ci-security-token` header, so it must be a header value that
    /// fetch sends unchanged and that is signed as sent: printable ASCII
    /// (space to `~`), not starting or ending with a space. Control
    /// characters (CR/LF would split the header) are refused, and so are
    /// characters above U+007E: fetch throws on those above U+00FF and sends
    /// U+0080–U+00FF as one byte each, while the signature covers their UTF-8
    /// bytes; fetch trims leading and trailing spaces, which would change the
    /// signed value.
    pub fn with_security_token(mut self, token: impl Into<String>) -> Result<Self> {
        let token = token.into();
        if token.is_empty() {
            return Err(Error::missing("SecurityToken"));
        }
        // The value itself is never quoted: it is a secret.
        if !token.bytes().all(|b| matches!(b, b' '..=b'~')) {
            return Err(Error::invalid(
                "SecurityToken",
                "must be printable ASCII: no control characters (CR, LF, NUL, DEL, …) or non-ASCII characters",
            ));
        }
        if token.starts_with(' ') || token.ends_with(' ') {
            return Err(Error::invalid("SecurityToken", "must not start or end with a space (fetch would trim it)"));
        }
        self.security_token = Some(token);
        Ok(self)
    }

    /// The SecretId (`q-ak`); not a secret.
    pub fn secret_id(&self) -> &str {
        &self.secret_id
    }

    pub(crate) fn secret_key(&self) -> &str {
        &self.secret_key
    }

    /// The SecurityToken of temporary keys.
    pub fn security_token(&self) -> Option<&str> {
        self.security_token.as_deref()
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("secret_id", &self.secret_id)
            .field("secret_key", &"** redacted **")
            .field("security_token", &self.security_token.as_ref().map(|_| "** redacted **"))
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorCode;

    #[test]
    fn debug_redacts_secrets() {
        let c = Credentials::new("AKIDEXAMPLE", "secretEXAMPLE").unwrap().with_security_token("tokenEXAMPLE").unwrap();
        let d = format!("{c:?} {c:#?}");
        assert!(d.contains("AKIDEXAMPLE"));
        assert!(!d.contains("secretEXAMPLE"));
        assert!(!d.contains("tokenEXAMPLE"));
    }

    #[test]
    fn token_and_secret_id_must_be_header_values_fetch_sends_unchanged() {
        let base = || Credentials::new("AKIDEXAMPLE", "secretEXAMPLE").unwrap();
        for ok in ["tokenEXAMPLE", "a b", "!~\"%+/=_-.", "x"] {
            assert!(base().with_security_token(ok).is_ok(), "{ok:?}");
        }
        // Each bad character, in the middle and at both ends.
        for bad in [
            "\t",
            "\n",
            "\r",
            "\0",
            "\u{7}",
            "\u{1b}",
            "\u{7f}",
            "\u{80}",
            "\u{85}",
            "\u{9f}",
            "\u{a0}",
            "\u{e9}",
            "\u{ff}",
            "\u{100}",
            "\u{2028}",
            "\u{2029}",
            "\u{feff}",
            "\u{fffd}",
            "中",
            "\u{1F600}",
        ] {
            for token in [format!("tok{bad}en"), format!("{bad}token"), format!("token{bad}")] {
                let e = base().with_security_token(token.clone()).unwrap_err();
                assert_eq!((e.code(), e.field()), (ErrorCode::InvalidArgument, Some("SecurityToken")), "{token:?}");
                assert!(!e.to_string().contains("tok") && !format!("{e:?}").contains("tok"), "{e}");
                let e = Credentials::new(token.clone(), "k").unwrap_err();
                assert_eq!((e.code(), e.field()), (ErrorCode::InvalidArgument, Some("SecretId")), "{token:?}");
            }
        }
        // fetch trims spaces (and tabs) around a header value.
        for bad in [" token", "token ", "  ", " "] {
            let e = base().with_security_token(bad).unwrap_err();
            assert_eq!((e.code(), e.field()), (ErrorCode::InvalidArgument, Some("SecurityToken")), "{bad:?}");
        }
        // The SecretKey is never sent: any text is accepted.
        for key in ["k\u{e9}y", "中文 key ", " \u{2028}\t", "\u{7f}"] {
            assert!(Credentials::new("AKIDEXAMPLE", key).is_ok(), "{key:?}");
        }
    }

    #[test]
    fn rejects_empty_and_unsafe_values_without_echoing_them() {
        assert_eq!(Credentials::new("", "k").unwrap_err().code(), ErrorCode::MissingArgument);
        assert_eq!(Credentials::new("id", "").unwrap_err().field(), Some("SecretKey"));
        assert_eq!(Credentials::new("a b", "k").unwrap_err().field(), Some("SecretId"));
        let e = Credentials::new("id", "k").unwrap().with_security_token("tok\r\nX-Evil: 1").unwrap_err();
        assert_eq!(e.field(), Some("SecurityToken"));
        assert!(!e.to_string().contains("tok"));
        assert!(!format!("{e:?}").contains("X-Evil"));
    }
}
