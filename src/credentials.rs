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
    /// header, so it may hold no whitespace, control character or `&`.
    pub fn new(secret_id: impl Into<String>, secret_key: impl Into<String>) -> Result<Self> {
        let secret_id = secret_id.into();
        let secret_key = secret_key.into();
        if secret_id.is_empty() {
            return Err(Error::missing("SecretId"));
        }
        if secret_id.chars().any(|c| c.is_whitespace() || c.is_control() || c == '&') {
            return Err(Error::invalid("SecretId", "must not contain whitespace, control characters or '&'"));
        }
        if secret_key.is_empty() {
            return Err(Error::missing("SecretKey"));
        }
        Ok(Credentials { secret_id, secret_key, security_token: None })
    }

    /// Adds the SecurityToken of temporary keys. It is sent (and signed) as
    /// `x-ci-security-token`, so it may not contain control characters
    /// (CR/LF would split the header).
    pub fn with_security_token(mut self, token: impl Into<String>) -> Result<Self> {
        let token = token.into();
        if token.is_empty() {
            return Err(Error::missing("SecurityToken"));
        }
        if token.chars().any(char::is_control) {
            // The value itself is never quoted: it is a secret.
            return Err(Error::invalid("SecurityToken", "must not contain control characters (CR, LF, NUL, …)"));
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
