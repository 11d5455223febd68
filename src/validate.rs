//! Input rules shared by the operations. Every failure names the field and
//! the rule; values are quoted (shortened) only for non-secret fields.

use crate::error::{quote, Error, Result};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// A required, non-empty string.
pub(crate) fn required<'a>(field: &str, value: Option<&'a str>) -> Result<&'a str> {
    match value {
        Some(v) if !v.is_empty() => Ok(v),
        _ => Err(Error::missing(field)),
    }
}

/// Text that goes into an XML body: every character must be allowed by XML 1.0
/// (no NUL or other control characters except tab, CR and LF; no U+FFFE/U+FFFF).
pub(crate) fn xml_text(field: &str, value: &str) -> Result<()> {
    let bad = value
        .chars()
        .find(|&c| ((c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r')) || c == '\u{FFFE}' || c == '\u{FFFF}');
    match bad {
        Some(c) => Err(Error::invalid(
            field,
            format!("contains U+{:04X}, which XML cannot carry; remove control characters", c as u32),
        )),
        None => Ok(()),
    }
}

/// An id that becomes a path segment (QueueId, JobId): non-empty, no `/` or
/// `\`, not `.` or `..`, no control characters.
pub(crate) fn path_id(field: &str, value: &str) -> Result<()> {
    if value.is_empty() {
        return Err(Error::missing(field));
    }
    if value == "." || value == ".." || value.contains(['/', '\\']) || value.chars().any(char::is_control) {
        return Err(Error::invalid(
            field,
            format!(
                "must be a single path segment: no '/', '\\\\', control characters, and not '.' or '..' (got {})",
                quote(value)
            ),
        ));
    }
    Ok(())
}

/// An integer within `lo..=hi`.
pub(crate) fn range(field: &str, value: i64, lo: i64, hi: i64) -> Result<()> {
    if (lo..=hi).contains(&value) {
        Ok(())
    } else {
        Err(Error::invalid(field, format!("must be from {lo} to {hi} (got {value})")))
    }
}

/// At most `max` characters (Unicode scalar values).
pub(crate) fn max_chars(field: &str, value: &str, max: usize) -> Result<()> {
    let n = value.chars().count();
    if n > max {
        Err(Error::invalid(field, format!("must be at most {max} characters (got {n})")))
    } else {
        Ok(())
    }
}

/// `1,2-4,7`: comma-separated pages (≥ 1) or ascending ranges `a-b`.
pub(crate) fn page_ranges(field: &str, value: &str) -> Result<()> {
    let page = |s: &str| -> Option<u64> {
        if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        s.parse().ok().filter(|&n| n >= 1)
    };
    let ok = !value.is_empty()
        && value.split(',').all(|item| match item.split_once('-') {
            Some((a, b)) => matches!((page(a), page(b)), (Some(a), Some(b)) if a <= b),
            None => page(item).is_some(),
        });
    if ok {
        Ok(())
    } else {
        Err(Error::invalid(
            field,
            format!(
                "must list pages and ranges like \"1,2-4,7\" (pages from 1, ranges ascending, no spaces) (got {})",
                quote(value)
            ),
        ))
    }
}

/// `%Y-%m-%dT%H:%M:%S%z`, e.g. `2022-08-09T16:00:00+0800`.
pub(crate) fn creation_time(field: &str, value: &str) -> Result<()> {
    let b = value.as_bytes();
    let num = |from: usize, len: usize| -> Option<u32> {
        let s = value.get(from..from + len)?;
        if s.bytes().all(|c| c.is_ascii_digit()) {
            s.parse().ok()
        } else {
            None
        }
    };
    let ok = b.len() == 24
        && b[4] == b'-'
        && b[7] == b'-'
        && b[10] == b'T'
        && b[13] == b':'
        && b[16] == b':'
        && matches!(b[19], b'+' | b'-')
        && num(0, 4).is_some()
        && matches!(num(5, 2), Some(1..=12))
        && matches!(num(8, 2), Some(1..=31))
        && matches!(num(11, 2), Some(0..=23))
        && matches!(num(14, 2), Some(0..=59))
        && matches!(num(17, 2), Some(0..=60))
        && matches!(num(20, 2), Some(0..=23))
        && matches!(num(22, 2), Some(0..=59));
    if ok {
        Ok(())
    } else {
        Err(Error::invalid(
            field,
            format!("must be %Y-%m-%dT%H:%M:%S%z, e.g. 2022-08-09T16:00:00+0800 (got {})", quote(value)),
        ))
    }
}

/// A callback URL: `http://` or `https://` with a host that is not an
/// intranet, loopback or link-local address (spec 002: 不能为内网地址).
pub(crate) fn callback_url(field: &str, url: &str) -> Result<()> {
    // A URL with user info is not quoted back (it may hold a password).
    let shown = if url.contains('@') { "\"<redacted>\"".to_string() } else { quote(url) };
    let bad = |why: &str| Error::invalid(field, format!("{why} (got {shown})"));
    let lower = url.to_ascii_lowercase();
    let rest = if lower.starts_with("http://") {
        &url[7..]
    } else if lower.starts_with("https://") {
        &url[8..]
    } else {
        return Err(bad("must be an http:// or https:// URL"));
    };
    if url.chars().any(|c| c.is_whitespace() || c.is_control() || c == '\\') {
        return Err(bad("must not contain whitespace, control characters or '\\'"));
    }
    xml_text(field, url)?;
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let host = if let Some(v6) = host_port.strip_prefix('[') {
        v6.split_once(']').map(|(h, _)| h).ok_or_else(|| bad("has an unclosed IPv6 literal"))?
    } else {
        host_port.split(':').next().unwrap_or("")
    };
    if host.is_empty() {
        return Err(bad("must have a host"));
    }
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    // Numeric hosts other than a dotted quad (`127.1`, `2130706433`,
    // `0x7f000001`) are read as IPv4 addresses by many HTTP clients.
    let numeric_label = |l: &str| {
        !l.is_empty()
            && (l.bytes().all(|b| b.is_ascii_digit())
                || l.get(..2).is_some_and(|p| p.eq_ignore_ascii_case("0x"))
                    && l[2..].bytes().all(|b| b.is_ascii_hexdigit()))
    };
    if host.parse::<IpAddr>().is_err() && host.split('.').all(numeric_label) {
        return Err(bad("must use a host name or a dotted IPv4 address"));
    }
    let internal = host == "localhost"
        || host.ends_with(".localhost")
        || match host.parse::<IpAddr>() {
            Ok(IpAddr::V4(ip)) => is_internal_v4(ip),
            Ok(IpAddr::V6(ip)) => is_internal_v6(ip),
            Err(_) => false,
        };
    if internal {
        return Err(bad("must not be an intranet, loopback or link-local address"));
    }
    Ok(())
}

fn is_internal_v4(ip: Ipv4Addr) -> bool {
    let [a, b, ..] = ip.octets();
    ip.is_private()
        || ip.is_loopback()
        || ip.is_link_local()
        || ip.is_broadcast()
        || a == 0 // 0.0.0.0/8 ("this network")
        || (a == 100 && (64..128).contains(&b)) // 100.64.0.0/10, shared (carrier-grade NAT) space
}

fn is_internal_v6(ip: Ipv6Addr) -> bool {
    if let Some(v4) = ip.to_ipv4_mapped() {
        return is_internal_v4(v4);
    }
    let first = ip.segments()[0];
    ip.is_loopback()
        || ip.is_unspecified()
        || (first & 0xfe00) == 0xfc00 // unique local fc00::/7
        || (first & 0xffc0) == 0xfe80 // link-local fe80::/10
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorCode;

    #[test]
    fn ids() {
        assert!(path_id("QueueId", "p4a17eeea29334bf499b7e20e2fbfd99d").is_ok());
        assert!(path_id("JobId", "a,b c+中").is_ok());
        for bad in ["a/b", "..", ".", "a\\b", "a\u{0}b", "a\nb", "../x"] {
            let e = path_id("JobId", bad).unwrap_err();
            assert_eq!((e.code(), e.field()), (ErrorCode::InvalidArgument, Some("JobId")), "{bad:?}");
        }
        assert_eq!(path_id("JobId", "").unwrap_err().code(), ErrorCode::MissingArgument);
    }

    #[test]
    fn xml_text_rejects_control_characters() {
        assert!(xml_text("Name", "a\tb\nc\r 中 &<>").is_ok());
        assert!(xml_text("Name", "a\u{0}b").is_err());
        assert!(xml_text("Name", "a\u{1b}b").is_err());
        assert!(xml_text("Name", "\u{FFFF}").is_err());
    }

    #[test]
    fn page_ranges_grammar() {
        for ok in ["1", "1,3", "1,2-4,7", "2-2", "10-20,30"] {
            assert!(page_ranges("PageRanges", ok).is_ok(), "{ok}");
        }
        for bad in ["", "0", "1,", ",1", "4-2", "1-", "-1", "1 ,2", "a", "1-2-3", "1;2", "+1"] {
            assert!(page_ranges("PageRanges", bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn creation_time_format() {
        for ok in ["2022-08-09T16:00:00+0800", "2022-12-31T23:59:59-0530"] {
            assert!(creation_time("StartCreationTime", ok).is_ok(), "{ok}");
        }
        for bad in [
            "2022-08-09 16:00:00+0800",
            "2022-08-09T16:00:00Z",
            "2022-13-09T16:00:00+0800",
            "2022-08-09T24:00:00+0800",
            "2022-08-09T16:00:00+08:00",
            "",
            "2022-08-09T16:00:00+080０",
        ] {
            assert!(creation_time("StartCreationTime", bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn callback_urls() {
        for ok in [
            "http://www.demo.callback.com",
            "https://cb.example.com:8443/path?q=1&r=2",
            "http://8.8.8.8/x",
            "http://[2001:db8::1]/",
        ] {
            assert!(callback_url("Url", ok).is_ok(), "{ok}");
        }
        for bad in [
            "ftp://a.com",
            "www.a.com",
            "http://",
            "http://localhost/x",
            "http://a.localhost",
            "http://127.0.0.1:8080",
            "http://10.1.2.3",
            "http://172.16.0.1",
            "http://192.168.1.1",
            "http://169.254.169.254/latest",
            "http://0.0.0.0",
            "http://[::1]/",
            "http://[fe80::1]/",
            "http://[fd00::1]/",
            "http://[::ffff:10.0.0.1]/",
            "http://user@192.168.0.1/",
            "HTTP://LOCALHOST.",
            "http://a b.com",
        ] {
            assert!(callback_url("NotifyConfig.Url", bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn callback_url_errors_do_not_echo_user_info() {
        let e = callback_url("NotifyConfig.Url", "http://user:pa55word@10.0.0.1/").unwrap_err();
        assert!(!e.message().contains("pa55word"), "{e}");
    }

    #[test]
    fn ranges_and_lengths() {
        assert!(range("Quality", 100, 1, 100).is_ok());
        assert_eq!(range("Quality", 109, 1, 100).unwrap_err().message(), "must be from 1 to 100 (got 109)");
        assert!(max_chars("Name", &"中".repeat(128), 128).is_ok());
        assert!(max_chars("Name", &"a".repeat(129), 128).is_err());
    }
}
