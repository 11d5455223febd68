//! Request descriptors: everything a transport needs to send one request —
//! the fields `cos.request` takes in Tencent's mini-program SDK examples
//! (`Method, Url, Key, Query, Headers, Body, ContentType`) — built without I/O.
//!
//! A descriptor is built unsigned by an operation's builder; [`RequestDescriptor::sign`]
//! then adds the token header (for temporary keys) and `Authorization`. What
//! is signed is exactly what the descriptor says to send: the path is `'/' + Key`
//! (decoded), the query pairs in order, the `Content-Type`/`Content-Length`
//! headers of a body, and the endpoint's host.

use crate::credentials::Credentials;
use crate::endpoint::Endpoint;
use crate::ops::Service;
use crate::sign::{encode_into, encode_path, sign, KeyTime, SignableRequest, SigningOutput, SigningParams};
use std::fmt;

/// HTTP methods the CI operations use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Method {
    /// `GET`
    Get,
    /// `PUT`
    Put,
    /// `POST`
    Post,
}

impl Method {
    /// `"GET"`, `"PUT"` or `"POST"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Put => "PUT",
            Method::Post => "POST",
        }
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The `Content-Type` of every request body (XML).
pub const XML_CONTENT_TYPE: &str = "application/xml";
/// Header carrying the SecurityToken of temporary keys on CI hosts.
pub const SECURITY_TOKEN_HEADER: &str = "x-ci-security-token";
/// Header (and presigned-URL parameter) carrying the SecurityToken of
/// temporary keys on COS hosts (the synchronous doc preview).
pub const COS_SECURITY_TOKEN_HEADER: &str = "x-cos-security-token";
/// The signature header.
pub const AUTHORIZATION_HEADER: &str = "Authorization";

/// Whether a query parameter carries a secret (by the operation table: DocPreview's
/// `password`): `Debug` output shows no value of it.
pub(crate) fn is_secret_param(name: &str) -> bool {
    crate::ops::is_secret_query(name)
}

/// One request, ready for a transport.
#[derive(Clone, PartialEq, Eq)]
pub struct RequestDescriptor {
    method: Method,
    base_url: String,
    host: String,
    service: Service,
    key: String,
    query: Vec<(String, String)>,
    headers: Vec<(String, String)>,
    body: Option<String>,
}

impl RequestDescriptor {
    /// `key` is the decoded path without its leading `/`.
    pub(crate) fn new(
        endpoint: &Endpoint,
        method: Method,
        key: String,
        query: Vec<(String, String)>,
        body: Option<String>,
    ) -> Self {
        let mut headers = Vec::new();
        if let Some(body) = &body {
            headers.push(("Content-Type".to_string(), XML_CONTENT_TYPE.to_string()));
            headers.push(("Content-Length".to_string(), body.len().to_string()));
        }
        RequestDescriptor {
            method,
            base_url: endpoint.base_url().to_string(),
            host: endpoint.host().to_string(),
            service: endpoint.service(),
            key,
            query,
            headers,
            body,
        }
    }

    /// `Method`.
    pub fn method(&self) -> Method {
        self.method
    }

    /// `Url`: base URL + percent-encoded path, no query string.
    pub fn url(&self) -> String {
        format!("{}{}", self.base_url, encode_path(&self.path()))
    }

    /// `Key`: the decoded path without its leading `/` (cos-js-sdk-v5 signs
    /// `'/' + Key`, which is this descriptor's path).
    pub fn key(&self) -> &str {
        &self.key
    }

    /// The decoded path, `'/' + Key`: what is signed.
    pub fn path(&self) -> String {
        format!("/{}", self.key)
    }

    /// `Query`: decoded name/value pairs in the order they are sent.
    pub fn query(&self) -> &[(String, String)] {
        &self.query
    }

    /// `Headers` to send, in order: `Content-Type` and `Content-Length` for a
    /// body; after [`sign`](Self::sign), `x-ci-security-token` (temporary keys)
    /// and `Authorization`. `Host` is not listed: a transport derives it from
    /// the URL (browsers do not let code set it).
    pub fn headers(&self) -> &[(String, String)] {
        &self.headers
    }

    /// The value of header `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    /// `Body`: UTF-8 XML, for PUT and POST.
    pub fn body(&self) -> Option<&str> {
        self.body.as_deref()
    }

    /// `ContentType`: `application/xml` when there is a body.
    pub fn content_type(&self) -> Option<&str> {
        self.body.as_ref().map(|_| XML_CONTENT_TYPE)
    }

    /// The host that is signed (the endpoint's host name, without port).
    pub fn signed_host(&self) -> &str {
        &self.host
    }

    /// The query string, percent-encoded exactly as it is signed
    /// (`A-Z a-z 0-9 - _ . ~` kept, everything else `%XX`), without `?`.
    pub fn query_string(&self) -> String {
        let mut out = String::new();
        for (i, (name, value)) in self.query.iter().enumerate() {
            if i > 0 {
                out.push('&');
            }
            encode_into(name, &mut out);
            out.push('=');
            encode_into(value, &mut out);
        }
        out
    }

    /// The complete URL: [`url`](Self::url) plus `?` and [`query_string`](Self::query_string)
    /// when there is a query.
    pub fn url_with_query(&self) -> String {
        let mut url = self.url();
        if !self.query.is_empty() {
            url.push('?');
            url.push_str(&self.query_string());
        }
        url
    }

    /// The header that carries a temporary key's token to this host:
    /// `x-ci-security-token` (CI) or `x-cos-security-token` (COS).
    pub fn security_token_header(&self) -> &'static str {
        match self.service {
            Service::Ci => SECURITY_TOKEN_HEADER,
            Service::Cos => COS_SECURITY_TOKEN_HEADER,
        }
    }

    /// Signs the request: sets the token header ([`security_token_header`](Self::security_token_header))
    /// when the credentials carry a token (it is signed), then `Authorization`. Signing again
    /// replaces both. Returns every signing stage.
    pub fn sign(&mut self, credentials: &Credentials, key_time: KeyTime) -> SigningOutput {
        let token_header = self.security_token_header();
        self.headers
            .retain(|(n, _)| !n.eq_ignore_ascii_case(AUTHORIZATION_HEADER) && !n.eq_ignore_ascii_case(token_header));
        if let Some(token) = credentials.security_token() {
            self.headers.push((token_header.to_string(), token.to_string()));
        }
        let output = self.signature(credentials, key_time, true);
        self.headers.push((AUTHORIZATION_HEADER.to_string(), output.authorization().as_str().to_string()));
        output
    }

    /// Every signing stage for this request: its stored headers signed with the host, or
    /// (`with_headers` false, for a URL) the host alone.
    fn signature(&self, credentials: &Credentials, key_time: KeyTime, with_headers: bool) -> SigningOutput {
        let path = self.path();
        let query: Vec<(&str, &str)> = self.query.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
        let headers: Vec<(&str, &str)> = match with_headers {
            true => self.headers.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect(),
            false => Vec::new(),
        };
        let request = SignableRequest {
            method: self.method.as_str(),
            path: &path,
            query: &query,
            headers: &headers,
            host: Some(&self.host),
        };
        sign(&request, &SigningParams::new(credentials, key_time))
    }

    /// A presigned URL for this (unsigned, bodiless) request, usable as it is
    /// — e.g. as an `<img src>`: [`url`](Self::url), then the signature as
    /// query parameters (`q-sign-algorithm=sha1&q-ak=…&q-sign-time=…&q-key-time=…&q-header-list=host&q-url-param-list=…&q-signature=…`,
    /// each value percent-encoded as cos-python-sdk-v5's `get_presigned_url`
    /// writes it), then `x-cos-security-token` for temporary keys (not signed,
    /// as cos-js-sdk-v5's `getObjectUrl` adds it), then the request's own
    /// query — which the signature covers, as does the host. The URL carries
    /// the SecretId and the signature, never the SecretKey. Until the key time
    /// ends, anyone holding it can make this request — and, as the service
    /// checks only the signed parameters, the same with parameters added that
    /// it does not set (another `page` when none was given): sign every
    /// parameter that matters.
    pub fn presigned_url(&self, credentials: &Credentials, key_time: KeyTime) -> String {
        // A URL carries no headers: only the host is signed (a signed descriptor's
        // token header would be listed in q-header-list and never sent).
        let output = self.signature(credentials, key_time, false);
        self.presigned_url_with(output.authorization().as_str(), credentials.security_token())
    }

    /// [`presigned_url`](Self::presigned_url) from an `Authorization` made
    /// elsewhere — a server that signed this request (`GET`, this path, this
    /// query, `host`) — and the token of the keys that made it.
    pub fn presigned_url_with(&self, authorization: &str, security_token: Option<&str>) -> String {
        let mut url = self.url();
        url.push('?');
        for (i, field) in authorization.split('&').enumerate() {
            if i > 0 {
                url.push('&');
            }
            let (name, value) = field.split_once('=').unwrap_or((field, ""));
            encode_into(name, &mut url);
            url.push('=');
            encode_into(value, &mut url);
        }
        if let Some(token) = security_token {
            url.push('&');
            url.push_str(self.security_token_header());
            url.push('=');
            encode_into(token, &mut url);
        }
        if !self.query.is_empty() {
            url.push('&');
            url.push_str(&self.query_string());
        }
        url
    }
}

impl fmt::Debug for RequestDescriptor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let headers: Vec<(&str, &str)> = self
            .headers
            .iter()
            .map(|(n, v)| {
                let sensitive = n.eq_ignore_ascii_case(SECURITY_TOKEN_HEADER)
                    || n.eq_ignore_ascii_case(COS_SECURITY_TOKEN_HEADER)
                    || n.eq_ignore_ascii_case(AUTHORIZATION_HEADER);
                (n.as_str(), if sensitive { "** redacted **" } else { v.as_str() })
            })
            .collect();
        let query: Vec<(&str, &str)> = self
            .query
            .iter()
            .map(|(n, v)| (n.as_str(), if is_secret_param(n) { "** redacted **" } else { v.as_str() }))
            .collect();
        f.debug_struct("RequestDescriptor")
            .field("method", &self.method)
            .field("url", &self.url())
            .field("key", &self.key)
            .field("query", &query)
            .field("headers", &headers)
            // The body may hold a document password: only its size is shown.
            .field("body", &self.body.as_ref().map(|b| format!("<{} bytes>", b.len())))
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::endpoint::ClientConfig;

    fn endpoint() -> Endpoint {
        ClientConfig::new("examplebucket-1250000000", "ap-guangzhou").resolve().unwrap()
    }

    #[test]
    fn url_key_and_query_string() {
        let d = RequestDescriptor::new(
            &endpoint(),
            Method::Get,
            "doc_jobs/d1 a+b~中".into(),
            vec![("nextToken".into(), "a b/c+d~e*f!g'(h)中😀".into()), ("size".into(), "10".into())],
            None,
        );
        assert_eq!(d.key(), "doc_jobs/d1 a+b~中");
        assert_eq!(
            d.url(),
            "https://examplebucket-1250000000.ci.ap-guangzhou.myqcloud.com/doc_jobs/d1%20a%2Bb~%E4%B8%AD"
        );
        assert_eq!(d.query_string(), "nextToken=a%20b%2Fc%2Bd~e%2Af%21g%27%28h%29%E4%B8%AD%F0%9F%98%80&size=10");
        assert!(d
            .url_with_query()
            .ends_with("~%E4%B8%AD?nextToken=a%20b%2Fc%2Bd~e%2Af%21g%27%28h%29%E4%B8%AD%F0%9F%98%80&size=10"));
        assert_eq!(d.content_type(), None);
        assert!(d.headers().is_empty());
    }

    #[test]
    fn body_sets_content_headers_and_signing_is_idempotent() {
        let creds =
            Credentials::new("AKIDEXAMPLE", "secretEXAMPLE").unwrap().with_security_token("tokenEXAMPLE").unwrap();
        let mut d = RequestDescriptor::new(
            &endpoint(),
            Method::Put,
            "docqueue/p1".into(),
            vec![],
            Some("<Request>中</Request>".into()),
        );
        assert_eq!(d.header("content-length"), Some("22")); // UTF-8 bytes, not characters
        assert_eq!(d.content_type(), Some("application/xml"));
        let k = KeyTime::new(1, 2).unwrap();
        let first = d.sign(&creds, k).authorization().clone();
        let second = d.sign(&creds, k).authorization().clone();
        assert_eq!(first, second);
        assert_eq!(d.headers().iter().filter(|(n, _)| n == "Authorization").count(), 1);
        assert_eq!(d.header("x-ci-security-token"), Some("tokenEXAMPLE"));
        assert!(first.as_str().contains("q-header-list=content-length;content-type;host;x-ci-security-token&"));
        let dbg = format!("{d:?}");
        assert!(!dbg.contains("tokenEXAMPLE") && !dbg.contains("q-signature"));
    }

    #[test]
    fn a_document_password_is_never_in_debug_output_and_a_signed_descriptor_presigns_the_same() {
        let input = crate::api::doc_preview::DocPreviewInput {
            key: "a.docx".into(),
            password: Some(crate::api::doc_job::DocPassword::new("pw-SECRET")),
            ..Default::default()
        };
        let e = ClientConfig::new("examplebucket-1250000000", "ap-guangzhou").resolve_cos().unwrap();
        let creds =
            Credentials::new("AKIDEXAMPLE", "secretEXAMPLE").unwrap().with_security_token("tokenEXAMPLE").unwrap();
        let k = KeyTime::new(1, 2).unwrap();
        let mut d = crate::api::doc_preview::doc_preview(&e, &input).unwrap();
        let unsigned_url = d.presigned_url(&creds, k);
        let output = d.sign(&creds, k);
        for text in [format!("{d:?}"), format!("{output:?}"), format!("{:?}", output.http_string())] {
            assert!(!text.contains("pw-SECRET") && !text.contains("tokenEXAMPLE"), "{text}");
        }
        // Signed first (a token header now in the descriptor), the URL still signs the host only.
        assert_eq!(d.presigned_url(&creds, k), unsigned_url);
        assert!(
            unsigned_url.contains("&q-header-list=host&")
                && unsigned_url.contains("&x-cos-security-token=tokenEXAMPLE&")
        );
    }
}
