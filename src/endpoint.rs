//! Where requests go: `https://<Bucket>.ci.<Region>.myqcloud.com` by default,
//! or a custom endpoint (a private domain, the local emulator).

use crate::error::{quote, Error, Result};
use crate::ops::Service;
use serde::{Deserialize, Serialize};

/// URL scheme used when no custom endpoint gives one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Protocol {
    /// `https` (the default).
    #[default]
    Https,
    /// `http`.
    Http,
}

impl Protocol {
    /// `"https"` or `"http"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Protocol::Https => "https",
            Protocol::Http => "http",
        }
    }
}

/// What identifies the service endpoint of one bucket.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ClientConfig {
    /// `<BucketName>-<APPID>`, e.g. `examplebucket-1250000000`.
    pub bucket: String,
    /// e.g. `ap-guangzhou`.
    pub region: String,
    /// Scheme of the default endpoint (and of a custom endpoint given without one).
    pub protocol: Protocol,
    /// Custom base URL, used verbatim instead of `<Bucket>.ci.<Region>.myqcloud.com`:
    /// `[http[s]://]host[:port]` (no path, query or user info).
    ///
    /// The host is signed as it goes on the wire, so only hosts that a URL
    /// parser (fetch) sends unchanged but for case are accepted: ASCII
    /// letters, digits, `-`, `_` and `.`-separated non-empty labels (no
    /// trailing dot); a host whose last label is a number (WHATWG's "ends in a
    /// number") must be a canonical dotted-decimal IPv4 address (`127.0.0.1`,
    /// not `127.1`, `0x7f.0.0.1`, `2130706433` or `127.000.0.1`). IPv6
    /// literals, non-ASCII and percent-encoded hosts, and `xn--` labels that
    /// are not Punycode of a non-ASCII name are refused
    /// ([`ErrorCode::InvalidArgument`](crate::ErrorCode::InvalidArgument) for
    /// `Endpoint`). The host is signed lower-case and without the port, as
    /// the official Python SDK signs it.
    pub endpoint: Option<String>,
}

impl ClientConfig {
    /// A config for `bucket` in `region` with the default endpoint.
    pub fn new(bucket: impl Into<String>, region: impl Into<String>) -> Self {
        ClientConfig { bucket: bucket.into(), region: region.into(), ..Default::default() }
    }

    /// Validates the config and resolves Cloud Infinite's endpoint
    /// (`<Bucket>.ci.<Region>.myqcloud.com`): queues and jobs.
    pub fn resolve(&self) -> Result<Endpoint> {
        self.resolve_for(Service::Ci)
    }

    /// Validates the config and resolves COS's endpoint for the bucket
    /// (`<Bucket>.cos.<Region>.myqcloud.com`): the synchronous doc preview.
    /// A custom [`endpoint`](Self::endpoint) serves both.
    pub fn resolve_cos(&self) -> Result<Endpoint> {
        self.resolve_for(Service::Cos)
    }

    pub(crate) fn resolve_for(&self, service: Service) -> Result<Endpoint> {
        validate_bucket("Bucket", &self.bucket)?;
        validate_region("Region", &self.region)?;
        let (base_url, host) = match &self.endpoint {
            None => {
                let family = match service {
                    Service::Ci => "ci",
                    Service::Cos => "cos",
                };
                let host = format!("{}.{family}.{}.myqcloud.com", self.bucket, self.region);
                (format!("{}://{host}", self.protocol.as_str()), host)
            }
            Some(endpoint) => parse_endpoint(endpoint, self.protocol)?,
        };
        Ok(Endpoint { base_url, host, service })
    }
}

/// A resolved endpoint: the base URL and the host that is signed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoint {
    base_url: String,
    host: String,
    service: Service,
}

impl Endpoint {
    /// `scheme://host[:port]`, no trailing slash.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// The host name signed as `host` (lower-case, without port, as the
    /// official Python SDK signs it).
    pub fn host(&self) -> &str {
        &self.host
    }

    /// Which of the bucket's hosts this is (Cloud Infinite's or COS's).
    pub(crate) fn service(&self) -> Service {
        self.service
    }
}

/// `<name>-<appid>`: name of `a-z 0-9 -`, appid of digits.
pub(crate) fn validate_bucket(field: &str, bucket: &str) -> Result<()> {
    if bucket.is_empty() {
        return Err(Error::missing(field));
    }
    let ok = match bucket.rsplit_once('-') {
        Some((name, appid)) => {
            !name.is_empty()
                && name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
                && !appid.is_empty()
                && appid.bytes().all(|b| b.is_ascii_digit())
        }
        None => false,
    };
    if ok {
        Ok(())
    } else {
        Err(Error::invalid(
            field,
            format!(
                "must be <BucketName>-<APPID> with a name of lower-case letters, digits and '-' and a numeric APPID, e.g. examplebucket-1250000000 (got {})",
                quote(bucket)
            ),
        ))
    }
}

/// A region such as `ap-guangzhou`: lower-case letters and digits in
/// `-`-separated words.
pub(crate) fn validate_region(field: &str, region: &str) -> Result<()> {
    if region.is_empty() {
        return Err(Error::missing(field));
    }
    let ok =
        region.split('-').all(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()))
            && region.as_bytes()[0].is_ascii_lowercase();
    if ok {
        Ok(())
    } else {
        Err(Error::invalid(
            field,
            format!(
                "must be a region name such as ap-guangzhou (lower-case words joined by '-') (got {})",
                quote(region)
            ),
        ))
    }
}

fn parse_endpoint(endpoint: &str, protocol: Protocol) -> Result<(String, String)> {
    const FIELD: &str = "Endpoint";
    let bad =
        |why: &str| Error::invalid(FIELD, format!("{why}; expected [http[s]://]host[:port] (got {})", quote(endpoint)));
    let (scheme, rest) = if let Some(rest) = endpoint.strip_prefix("https://") {
        ("https", rest)
    } else if let Some(rest) = endpoint.strip_prefix("http://") {
        ("http", rest)
    } else if endpoint.contains("://") {
        return Err(bad("the scheme must be http or https"));
    } else {
        (protocol.as_str(), endpoint)
    };
    let authority = rest.strip_suffix('/').unwrap_or(rest);
    if authority.is_empty() {
        return Err(bad("the host is empty"));
    }
    if authority.chars().any(|c| c.is_whitespace() || c.is_control() || "/?#@\\".contains(c)) {
        return Err(bad("no path, query, fragment, user info or whitespace is allowed"));
    }
    if authority.starts_with('[') {
        return Err(bad("an IPv6 literal is not supported (its signed host would differ from the Host sent)"));
    }
    let (host, port) = match authority.rsplit_once(':') {
        Some((h, p)) => (h, Some(p)),
        None => (authority, None),
    };
    if host.is_empty() {
        return Err(bad("the host is empty"));
    }
    if !host.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-' || b == b'_') {
        return Err(bad("the host may hold only ASCII letters, digits, '.', '-' and '_'"));
    }
    if host.split('.').any(str::is_empty) {
        return Err(bad("the host must not start or end with '.' or hold '..'"));
    }
    if crate::host::ends_in_number(host) && crate::host::dotted_quad(host).is_none() {
        return Err(bad("an IPv4 address must be four decimal numbers from 0 to 255 without leading zeros"));
    }
    if host.split('.').any(crate::host::is_suspect_a_label) {
        return Err(bad("an xn-- label must be valid Punycode of a non-ASCII name"));
    }
    if let Some(p) = port {
        let valid = !p.is_empty()
            && p.len() <= 5
            && p.bytes().all(|b| b.is_ascii_digit())
            && matches!(p.parse::<u32>(), Ok(1..=65535));
        if !valid {
            return Err(bad("the port must be a number from 1 to 65535"));
        }
    }
    Ok((format!("{scheme}://{authority}"), host.to_ascii_lowercase()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorCode;

    #[test]
    fn default_endpoint() {
        let e = ClientConfig::new("examplebucket-1250000000", "ap-guangzhou").resolve().unwrap();
        assert_eq!(e.base_url(), "https://examplebucket-1250000000.ci.ap-guangzhou.myqcloud.com");
        assert_eq!(e.host(), "examplebucket-1250000000.ci.ap-guangzhou.myqcloud.com");
        let mut c = ClientConfig::new("examplebucket-1250000000", "ap-chongqing");
        c.protocol = Protocol::Http;
        assert_eq!(c.resolve().unwrap().base_url(), "http://examplebucket-1250000000.ci.ap-chongqing.myqcloud.com");
    }

    #[test]
    fn custom_endpoints() {
        let mut c = ClientConfig::new("examplebucket-1250000000", "ap-guangzhou");
        for (given, base, host) in [
            ("http://127.0.0.1:8080", "http://127.0.0.1:8080", "127.0.0.1"),
            ("http://127.0.0.1:8080/", "http://127.0.0.1:8080", "127.0.0.1"),
            ("ci.Example.com", "https://ci.Example.com", "ci.example.com"),
        ] {
            c.endpoint = Some(given.into());
            let e = c.resolve().unwrap();
            assert_eq!((e.base_url(), e.host()), (base, host), "{given}");
        }
        for bad in [
            "",
            "ftp://x",
            "http://",
            "http://a/b",
            "http://a?b",
            "http://u@a",
            "http://a:0",
            "http://a:70000",
            "http://a:x",
            "a b",
            "http://[::1",
            "http://[zz]",
            // An IPv6 literal: signed as `::1` while fetch sends `Host: [::1]:9000`.
            "https://[::1]:9000",
        ] {
            c.endpoint = Some(bad.into());
            let e = c.resolve().unwrap_err();
            assert_eq!((e.code(), e.field()), (ErrorCode::InvalidArgument, Some("Endpoint")), "{bad:?}");
        }
    }

    #[test]
    fn endpoint_hosts_must_go_on_the_wire_as_signed() {
        let mut c = ClientConfig::new("examplebucket-1250000000", "ap-guangzhou");
        // What a WHATWG URL parser sends as Host (without the port) is exactly
        // the signed host.
        for (given, host) in [
            ("http://127.0.0.1:9000", "127.0.0.1"),
            ("http://0.0.0.0", "0.0.0.0"),
            ("http://255.255.255.255:1", "255.255.255.255"),
            ("http://10.0.0.1", "10.0.0.1"),
            ("http://localhost:9000", "localhost"),
            ("https://CI.Example.COM", "ci.example.com"),
            ("https://a_b.example.com", "a_b.example.com"),
            ("https://1.2.3.4.example.com", "1.2.3.4.example.com"),
            ("https://1a.example", "1a.example"),
            ("https://xn--fiqs8s.example", "xn--fiqs8s.example"),
            ("https://0xg.example", "0xg.example"),
        ] {
            c.endpoint = Some(given.into());
            let e = c.resolve().unwrap_or_else(|e| panic!("{given}: {e}"));
            assert_eq!(e.host(), host, "{given}");
        }
        // Hosts a URL parser rewrites (so the signed host would not be the one
        // sent) or that are not plain ASCII host names.
        for bad in [
            "https://[::1]:9000",
            "http://[::1]",
            "http://[::ffff:127.0.0.1]:80",
            "http://127.1:9000",
            "http://127.0.1",
            "http://0x7f.0.0.1",
            "http://0X7F.0.0.1",
            "http://0x7f000001",
            "http://2130706433",
            "http://017700000001",
            "http://127.000.0.1",
            "http://127.0.0.01",
            "http://0177.0.0.1",
            "http://1.2.3.4.5",
            "http://256.0.0.1",
            "http://example.1",
            "http://example.0x",
            "http://example.0x1f",
            "http://127.0.0.1.",
            "http://example.com.",
            "http://example.com.:80",
            "http://.example.com",
            "http://a..b",
            "http://.",
            "http://１２７.0.0.1",
            "http://%31%32%37.0.0.1",
            "http://ⓛⓞⓒⓐⓛⓗⓞⓢⓣ",
            "http://ex\u{e4}mple.com",
            "http://xn--localhost-",
            "http://xn--8g7ccp.0.0.1",
            "http://xn--!",
        ] {
            c.endpoint = Some(bad.into());
            let e = c.resolve().map(|e| e.host().to_string()).unwrap_err();
            assert_eq!((e.code(), e.field()), (ErrorCode::InvalidArgument, Some("Endpoint")), "{bad:?}");
        }
    }

    #[test]
    fn bucket_and_region_rules() {
        for ok in ["examplebucket-1250000000", "a-1", "my-bucket-2-1250000000"] {
            assert!(validate_bucket("Bucket", ok).is_ok(), "{ok}");
        }
        for bad in ["examplebucket", "Example-125", "-125", "a-", "a-12x", "a_b-1", "a.b-1", "a/b-1"] {
            assert_eq!(validate_bucket("Bucket", bad).unwrap_err().code(), ErrorCode::InvalidArgument, "{bad}");
        }
        assert_eq!(validate_bucket("Bucket", "").unwrap_err().code(), ErrorCode::MissingArgument);
        for ok in ["ap-guangzhou", "ap-shanghai-fsi", "na-siliconvalley", "eu-frankfurt"] {
            assert!(validate_region("Region", ok).is_ok(), "{ok}");
        }
        for bad in ["AP-guangzhou", "ap--x", "-ap", "ap-", "ap.guangzhou", "ap/x", "1ap"] {
            assert!(validate_region("Region", bad).is_err(), "{bad}");
        }
    }
}
