//! Stage 6 — Authorization:
//! `q-sign-algorithm=sha1&q-ak=<SecretId>&q-sign-time=<KeyTime>&q-key-time=<KeyTime>&q-header-list=<…>&q-url-param-list=<…>&q-signature=<Signature>`.

use super::http_string::HttpString;
use super::key_time::KeyTime;
use super::signature::Signature;
use std::fmt;

/// The value of the `Authorization` header. Contains no secret (the SecretId
/// is an identifier; the signature is only valid for this request and window).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Authorization(String);

impl Authorization {
    /// Assembles the header value.
    pub fn new(secret_id: &str, key_time: &KeyTime, http_string: &HttpString, signature: &Signature) -> Self {
        Self::with_key_time_text(secret_id, &key_time.to_string(), http_string, signature)
    }

    /// [`new`](Self::new) with the KeyTime already written out.
    pub(super) fn with_key_time_text(
        secret_id: &str,
        key_time: &str,
        http_string: &HttpString,
        signature: &Signature,
    ) -> Self {
        let (headers, params, signature) = (http_string.header_list(), http_string.param_list(), signature.as_str());
        let mut text = String::with_capacity(
            110 + secret_id.len() + 2 * key_time.len() + headers.len() + params.len() + signature.len(),
        );
        text.push_str("q-sign-algorithm=sha1&q-ak=");
        text.push_str(secret_id);
        text.push_str("&q-sign-time=");
        text.push_str(key_time);
        text.push_str("&q-key-time=");
        text.push_str(key_time);
        text.push_str("&q-header-list=");
        text.push_str(headers);
        text.push_str("&q-url-param-list=");
        text.push_str(params);
        text.push_str("&q-signature=");
        text.push_str(signature);
        Authorization(text)
    }

    /// The header value.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The header value, owned.
    pub fn into_string(self) -> String {
        self.0
    }
}

impl fmt::Display for Authorization {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sign::{SignKey, StringToSign};

    #[test]
    fn layout_with_empty_lists() {
        let k = KeyTime::new(1699999940, 1700010000).unwrap();
        let h = HttpString::new("get", "", [], []);
        let sig = Signature::compute(&SignKey::derive("secretEXAMPLE", &k), &StringToSign::new(&k, &h));
        assert_eq!(
            Authorization::new("AKIDEXAMPLE", &k, &h, &sig).as_str(),
            "q-sign-algorithm=sha1&q-ak=AKIDEXAMPLE&q-sign-time=1699999940;1700010000&q-key-time=1699999940;1700010000&q-header-list=&q-url-param-list=&q-signature=65241ac26940e0fe68aacf33bafe3a770e1f1b57"
        );
    }
}
