//! Signature checking, from the request as it arrived on the wire.
//!
//! The `Authorization` value is parsed; every header and parameter it lists
//! must be present; the HttpString is rebuilt from the decoded path and the
//! listed parameters and headers exactly as received (with the core crate's
//! stages), and the signature recomputed with the key of `q-ak`. The signed
//! `host` may be the Host as received or its host name without the port
//! (cos-python-sdk-v5 signs the latter, the JS SDKs the former).
//!
//! A presigned URL carries the same fields as query parameters
//! (`q-sign-algorithm=sha1&q-ak=…&q-signature=…`, and `x-cos-security-token`
//! for temporary keys), which are not signed themselves.

use crate::config::Credential;
use crate::error::ApiError;
use crate::time;
use cos_ci_wasm::sign::{encode, HttpString, KeyTime, SignKey, Signature, StringToSign};

/// A request as received.
pub struct WireRequest<'a> {
    pub method: &'a str,
    /// Decoded path.
    pub path: &'a str,
    /// Decoded query pairs, in order.
    pub query: &'a [(String, String)],
    /// Headers as received.
    pub headers: &'a [(String, String)],
}

impl WireRequest<'_> {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

/// Parsed `Authorization`.
struct AuthFields<'a> {
    ak: &'a str,
    sign_time: &'a str,
    key_time: &'a str,
    header_list: &'a str,
    param_list: &'a str,
    signature: &'a str,
}

fn parse_authorization(value: &str) -> Result<AuthFields<'_>, ApiError> {
    let get = |name: &str| -> Result<&str, ApiError> {
        value
            .split('&')
            .find_map(|kv| kv.split_once('=').filter(|(k, _)| *k == name).map(|(_, v)| v))
            .ok_or_else(|| ApiError::access_denied(format!("Authorization has no {name}")))
    };
    if get("q-sign-algorithm")? != "sha1" {
        return Err(ApiError::access_denied("q-sign-algorithm must be sha1"));
    }
    Ok(AuthFields {
        ak: get("q-ak")?,
        sign_time: get("q-sign-time")?,
        key_time: get("q-key-time")?,
        header_list: get("q-header-list")?,
        param_list: get("q-url-param-list")?,
        signature: get("q-signature")?,
    })
}

fn names(list: &str) -> Vec<&str> {
    list.split(';').filter(|n| !n.is_empty()).collect()
}

/// Checks the request's signature; returns the credential that signed it.
/// `now` is the emulator's clock, in Unix seconds.
pub fn verify<'c>(req: &WireRequest<'_>, credentials: &'c [Credential], now: i64) -> Result<&'c Credential, ApiError> {
    let presigned = req.query.iter().any(|(n, _)| n == "q-sign-algorithm");
    let value = match req.header("authorization").filter(|v| !v.is_empty()) {
        Some(v) => v.to_string(),
        // A presigned URL: the fields are query parameters (decoded).
        None if presigned => req
            .query
            .iter()
            .filter(|(n, _)| n.starts_with("q-"))
            .map(|(n, v)| format!("{n}={v}"))
            .collect::<Vec<_>>()
            .join("&"),
        None => {
            return Err(ApiError::access_denied(
                "Access Denied: the request has no Authorization (anonymous access is not allowed)",
            ))
        }
    };
    let auth = parse_authorization(&value)?;
    let cred = credentials
        .iter()
        .find(|c| c.id == auth.ak)
        .ok_or_else(|| ApiError::access_denied(format!("The SecretId {} does not exist", auth.ak)))?;
    let bad_time = || ApiError::access_denied("q-sign-time / q-key-time must be <start>;<end>");
    let key_time: KeyTime = auth.key_time.parse().map_err(|_| bad_time())?;
    let sign_time: KeyTime = auth.sign_time.parse().map_err(|_| bad_time())?;
    if now < sign_time.start() as i64 || now > sign_time.end() as i64 {
        let mut e = ApiError::new(
            403,
            "RequestTimeTooSkewed",
            format!("The difference between the request time and the server's time is too large (q-sign-time {sign_time}, server time {now})"),
        );
        e.server_time = Some(time::http_date(now));
        return Err(e);
    }

    // Listed parameters, as received.
    let mut params: Vec<(&str, &str)> = Vec::new();
    for name in names(auth.param_list) {
        let found = req.query.iter().rev().find(|(n, _)| encode(n).to_ascii_lowercase() == name);
        match found {
            Some((n, v)) => params.push((n, v)),
            None => {
                return Err(ApiError::signature(format!(
                    "q-url-param-list names {name}, which the request does not carry"
                )))
            }
        }
    }
    // Listed headers, as received; `host` may also be signed without its port.
    let mut headers: Vec<(&str, String)> = Vec::new();
    let mut host_variants: Vec<String> = Vec::new();
    for name in names(auth.header_list) {
        let found = req.headers.iter().rev().find(|(n, _)| encode(n).to_ascii_lowercase() == name);
        match found {
            Some((n, v)) => {
                if name == "host" {
                    host_variants.push(v.clone());
                    if let Some(h) = strip_port(v) {
                        host_variants.push(h.to_string());
                    }
                }
                headers.push((n.as_str(), v.clone()));
            }
            None => {
                return Err(ApiError::signature(format!(
                    "q-header-list names {name}, which the request does not carry"
                )))
            }
        }
    }
    if host_variants.is_empty() {
        host_variants.push(String::new()); // host not signed: one try
    }
    let sign_key = SignKey::derive(&cred.key, &key_time);
    let matched = host_variants.iter().any(|host| {
        let hs: Vec<(&str, &str)> = headers
            .iter()
            .map(|(n, v)| if n.eq_ignore_ascii_case("host") { (*n, host.as_str()) } else { (*n, v.as_str()) })
            .collect();
        let http_string = HttpString::new(req.method, req.path, params.iter().copied(), hs);
        Signature::compute(&sign_key, &StringToSign::new(&sign_time, &http_string)).as_str() == auth.signature
    });
    if !matched {
        return Err(ApiError::signature("The Signature you specified is invalid."));
    }
    check_token(req, cred)?;
    Ok(cred)
}

/// The security token: temporary keys need theirs, and every token sent
/// (`x-ci-security-token`, `x-cos-security-token`, each one present and
/// non-empty, and a presigned URL's `x-cos-security-token` parameter) must be the one issued with the keys that signed. Permanent keys
/// have no token, so any token with them is one the emulator never issued and
/// is refused, as the service refuses unknown tokens.
fn check_token(req: &WireRequest<'_>, cred: &Credential) -> Result<(), ApiError> {
    let in_query = req.query.iter().filter(|(n, v)| n == "x-cos-security-token" && !v.is_empty());
    let mut sent = req
        .headers
        .iter()
        .filter(|(n, v)| {
            (n.eq_ignore_ascii_case("x-ci-security-token") || n.eq_ignore_ascii_case("x-cos-security-token"))
                && !v.is_empty()
        })
        .chain(in_query)
        .map(|(_, v)| v.as_str())
        .peekable();
    if sent.peek().is_none() {
        return match cred.token {
            Some(_) => Err(ApiError::access_denied("Temporary credentials need their token in x-ci-security-token.")),
            None => Ok(()),
        };
    }
    if sent.all(|t| cred.token.as_deref() == Some(t)) {
        Ok(())
    } else {
        Err(ApiError::access_denied("The security token is invalid."))
    }
}

/// `host:port` → `host` (`[v6]:port` → `[v6]`); `None` when there is no port.
fn strip_port(host: &str) -> Option<&str> {
    if let Some(end) = host.rfind(']') {
        return host[end + 1..].strip_prefix(':').map(|_| &host[..=end]);
    }
    host.rsplit_once(':').map(|(h, _)| h)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ports() {
        assert_eq!(strip_port("a.b:80"), Some("a.b"));
        assert_eq!(strip_port("a.b"), None);
        assert_eq!(strip_port("[::1]:9"), Some("[::1]"));
        assert_eq!(strip_port("[::1]"), None);
    }
}
