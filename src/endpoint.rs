//! Where requests go: `https://<Bucket>.ci.<Region>.myqcloud.com` by default,
//! or a custom endpoint (a private domain, the local emulator).

use crate::error::{quote, Error, Result};
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
    pub endpoint: Option<String>,
}

impl ClientConfig {
    /// A config for `bucket` in `region` with the default endpoint.
    pub fn new(bucket: impl Into<String>, region: impl Into<String>) -> Self {
        ClientConfig { bucket: bucket.into(), region: region.into(), ..Default::default() }
    }

    /// Validates the config and resolves the endpoint.
    pub fn resolve(&self) -> Result<Endpoint> {
        validate_bucket("Bucket", &self.bucket)?;
        validate_region("Region", &self.region)?;
        let (base_url, host) = match &self.endpoint {
            None => {
                let host = format!("{}.ci.{}.myqcloud.com", self.bucket, self.region);
                (format!("{}://{host}", self.protocol.as_str()), host)
            }
            Some(endpoint) => parse_endpoint(endpoint, self.protocol)?,
        };
        Ok(Endpoint { base_url, host })
    }
}

/// A resolved endpoint: the base URL and the host that is signed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoint {
    base_url: String,
    host: String,
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
    let (host, port) = if let Some(v6) = authority.strip_prefix('[') {
        let (addr, after) = v6.split_once(']').ok_or_else(|| bad("unclosed IPv6 literal"))?;
        if addr.parse::<std::net::Ipv6Addr>().is_err() {
            return Err(bad("invalid IPv6 literal"));
        }
        match after {
            "" => (addr, None),
            p => (addr, Some(p.strip_prefix(':').ok_or_else(|| bad("junk after IPv6 literal"))?)),
        }
    } else {
        match authority.rsplit_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (authority, None),
        }
    };
    if host.is_empty() {
        return Err(bad("the host is empty"));
    }
    if !authority.starts_with('[')
        && !host.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-' || b == b'_')
    {
        return Err(bad("the host may hold only letters, digits, '.', '-' and '_'"));
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
            ("https://[::1]:9000", "https://[::1]:9000", "::1"),
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
        ] {
            c.endpoint = Some(bad.into());
            let e = c.resolve().unwrap_err();
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
