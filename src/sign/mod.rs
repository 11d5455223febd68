//! COS request signing, `q-sign-algorithm=sha1`.
//!
//! Pure: the request, the credentials and the [`KeyTime`] are inputs; nothing
//! here reads a clock or does I/O. Shaped like `aws-sigv4`: a borrowed
//! [`SignableRequest`] and [`SigningParams`] go in, a [`SigningOutput`] with
//! the `Authorization` value (and every intermediate stage) comes out.
//!
//! The stages, each a named type:
//! 1. [`KeyTime`] — `start;end`
//! 2. [`SignKey`] — `hex(hmac_sha1(SecretKey, KeyTime))`
//! 3. [`HttpString`] — `method \n path \n params \n headers \n`
//! 4. [`StringToSign`] — `sha1 \n KeyTime \n hex(sha1(HttpString)) \n`
//! 5. [`Signature`] — `hex(hmac_sha1(SignKey, StringToSign))`
//! 6. [`Authorization`] — the header value
//!
//! Signing policy (the official Python SDK's): `host`, the allow-listed
//! standard headers (see [`is_signed_header`]) and every header whose name
//! starts with `x-cos-` or `x-ci-` are signed; all params are signed, empty
//! values included.
//!
//! ```
//! use cos_ci_wasm::sign::{sign, KeyTime, SignableRequest, SigningParams};
//! use cos_ci_wasm::Credentials;
//!
//! let creds = Credentials::new("AKIDEXAMPLE", "secretEXAMPLE").unwrap();
//! let request = SignableRequest {
//!     method: "GET",
//!     path: "/docqueue",
//!     query: &[("queueIds", ""), ("state", "All"), ("pageNumber", "1"), ("pageSize", "10")],
//!     headers: &[],
//!     host: Some("examplebucket-1250000000.ci.ap-chongqing.myqcloud.com"),
//! };
//! let params = SigningParams::new(&creds, KeyTime::new(1699999940, 1700010000).unwrap());
//! let out = sign(&request, &params);
//! assert!(out.authorization().as_str().ends_with("q-signature=3e6f9786eb4df9deb1f1feea67eaa8f34c53aa01"));
//! ```

mod authorization;
mod encode;
mod http_string;
mod key_time;
mod signature;
mod string_to_sign;

pub use authorization::Authorization;
pub use encode::encode;
pub(crate) use encode::{encode_into, encode_path};
pub use http_string::HttpString;
pub use key_time::KeyTime;
pub use signature::{SignKey, Signature};
pub use string_to_sign::StringToSign;

use crate::credentials::Credentials;

/// Standard headers that are signed when present (lower-case names).
pub const SIGNED_STANDARD_HEADERS: [&str; 17] = [
    "cache-control",
    "content-disposition",
    "content-encoding",
    "content-length",
    "content-md5",
    "content-type",
    "expect",
    "expires",
    "host",
    "if-match",
    "if-modified-since",
    "if-none-match",
    "if-unmodified-since",
    "origin",
    "range",
    "transfer-encoding",
    "pic-operations",
];

/// Whether a header with this name is signed under our policy: one of
/// [`SIGNED_STANDARD_HEADERS`] or a name starting with `x-cos-` / `x-ci-`
/// (case-insensitive; a prefix test — `my-x-cos-header` is not signed).
pub fn is_signed_header(name: &str) -> bool {
    // ASCII case folding gives what full lower-casing would: no signed name or prefix
    // contains `k`, the one ASCII letter a non-ASCII character lower-cases to (U+212A).
    let has_prefix = |prefix: &str| name.get(..prefix.len()).is_some_and(|head| head.eq_ignore_ascii_case(prefix));
    has_prefix("x-cos-") || has_prefix("x-ci-") || SIGNED_STANDARD_HEADERS.iter().any(|h| name.eq_ignore_ascii_case(h))
}

/// A borrowed view of the request to sign.
#[derive(Debug, Clone, Copy)]
pub struct SignableRequest<'a> {
    /// HTTP method, any case.
    pub method: &'a str,
    /// The decoded (raw) path, e.g. `/doc_jobs/d1 a+b`. Signed as is.
    pub path: &'a str,
    /// Query parameters, decoded.
    pub query: &'a [(&'a str, &'a str)],
    /// Request headers; only signable ones are used (see [`is_signed_header`]).
    pub headers: &'a [(&'a str, &'a str)],
    /// The host the request goes to (hostname, no port). Signed as `host`
    /// when no `Host` header is given.
    pub host: Option<&'a str>,
}

/// Options that change what is signed.
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SigningSettings {
    /// Sign the query parameters (default `true`).
    pub sign_params: bool,
    /// Sign `host` from [`SignableRequest::host`] when no Host header is
    /// given (default `true`).
    pub sign_host: bool,
}

impl Default for SigningSettings {
    fn default() -> Self {
        SigningSettings { sign_params: true, sign_host: true }
    }
}

/// Credentials, key time and settings for one signature.
#[derive(Debug, Clone, Copy)]
pub struct SigningParams<'a> {
    /// Who signs.
    pub credentials: &'a Credentials,
    /// The validity window; also `q-sign-time`.
    pub key_time: KeyTime,
    /// What is signed.
    pub settings: SigningSettings,
}

impl<'a> SigningParams<'a> {
    /// Params with the default settings.
    pub fn new(credentials: &'a Credentials, key_time: KeyTime) -> Self {
        SigningParams { credentials, key_time, settings: SigningSettings::default() }
    }
}

/// Every stage of one signature; [`SigningOutput::authorization`] is the
/// header value to send.
#[derive(Debug, Clone)]
pub struct SigningOutput {
    http_string: HttpString,
    string_to_sign: StringToSign,
    signature: Signature,
    authorization: Authorization,
}

impl SigningOutput {
    /// Stage 3.
    pub fn http_string(&self) -> &HttpString {
        &self.http_string
    }
    /// Stage 4.
    pub fn string_to_sign(&self) -> &StringToSign {
        &self.string_to_sign
    }
    /// Stage 5.
    pub fn signature(&self) -> &Signature {
        &self.signature
    }
    /// Stage 6: the `Authorization` header value.
    pub fn authorization(&self) -> &Authorization {
        &self.authorization
    }

    /// Stage 6 alone, moved out.
    pub fn into_authorization(self) -> Authorization {
        self.authorization
    }
}

/// Signs `request`. Infallible: every input is representable.
pub fn sign(request: &SignableRequest<'_>, params: &SigningParams<'_>) -> SigningOutput {
    // Step 1: headers kept by the policy.
    let mut headers: Vec<(&str, &str)> =
        request.headers.iter().copied().filter(|(name, _)| is_signed_header(name)).collect();
    // Step 2: host from the endpoint unless a Host header is given.
    if params.settings.sign_host && !headers.iter().any(|(n, _)| n.eq_ignore_ascii_case("host")) {
        if let Some(host) = request.host {
            headers.push(("host", host));
        }
    }
    // Step 3: params (all of them, empty values included) unless disabled.
    let query: &[(&str, &str)] = if params.settings.sign_params { request.query } else { &[] };

    let key_time = params.key_time;
    let http_string = HttpString::new(request.method, request.path, query.iter().copied(), headers);
    let mut key_time_text = String::with_capacity(KeyTime::MAX_LEN);
    key_time.push_to(&mut key_time_text);
    let string_to_sign = StringToSign::with_key_time_text(&key_time_text, &http_string);
    let signature =
        Signature::with_mac(signature::signature_mac(params.credentials.secret_key(), &key_time), &string_to_sign);
    let authorization =
        Authorization::with_key_time_text(params.credentials.secret_id(), &key_time_text, &http_string, &signature);
    SigningOutput { http_string, string_to_sign, signature, authorization }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_policy() {
        for yes in ["Host", "content-type", "Content-Length", "x-cos-meta-a", "X-CI-Security-Token", "pic-operations"] {
            assert!(is_signed_header(yes), "{yes}");
        }
        for no in ["User-Agent", "Accept", "Date", "my-x-cos-header", "x-amz-date", "Authorization", "Content-Language"]
        {
            assert!(!is_signed_header(no), "{no}");
        }
        // Full Unicode lower-casing would decide the same: KELVIN SIGN lower-cases to `k`,
        // which no signed name holds; DOTTED CAPITAL I to `i` + a combining dot.
        for odd in ["x-cos\u{212a}-a", "\u{130}f-match", "x-c\u{130}-a", "ho\u{17f}t", "HOST\u{212a}", "x-ci"] {
            assert_eq!(is_signed_header(odd), is_signed_header(&odd.to_lowercase()), "{odd}");
            assert!(!is_signed_header(odd), "{odd}");
        }
    }

    #[test]
    fn explicit_host_header_wins_over_endpoint_host() {
        let creds = Credentials::new("AKIDEXAMPLE", "secretEXAMPLE").unwrap();
        let req = SignableRequest {
            method: "GET",
            path: "/docqueue",
            query: &[],
            headers: &[("HOST", "custom.example.com")],
            host: Some("examplebucket-1250000000.ci.ap-chongqing.myqcloud.com"),
        };
        let out = sign(&req, &SigningParams::new(&creds, "1699999940;1700010000".parse().unwrap()));
        assert_eq!(out.http_string().as_str(), "get\n/docqueue\n\nhost=custom.example.com\n");
    }

    #[test]
    fn settings_disable_params_and_host() {
        let creds = Credentials::new("AKIDEXAMPLE", "secretEXAMPLE").unwrap();
        let req = SignableRequest { method: "GET", path: "/", query: &[("a", "1")], headers: &[], host: Some("h") };
        let mut params = SigningParams::new(&creds, KeyTime::new(1, 2).unwrap());
        params.settings.sign_params = false;
        params.settings.sign_host = false;
        assert_eq!(sign(&req, &params).http_string().as_str(), "get\n/\n\n\n");
    }
}
