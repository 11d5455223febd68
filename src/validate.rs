//! Input rules shared by the operations. Every failure names the field and
//! the rule; values are quoted (shortened) only for non-secret fields.

use crate::error::{quote, Error, Result};

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

/// A COS object key that is the request path: 1–850 UTF-8 bytes (COS's
/// limit), no control characters, no leading `/`, no `.` or `..` segment — a
/// URL parser (fetch, `<img src>`) would resolve those, and the path sent
/// would no longer be the path signed.
pub(crate) fn object_key(field: &str, value: &str) -> Result<()> {
    if value.is_empty() {
        return Err(Error::missing(field));
    }
    if value.len() > 850 {
        return Err(Error::invalid(field, format!("must be at most 850 bytes of UTF-8 (got {})", value.len())));
    }
    if value.starts_with('/') {
        return Err(Error::invalid(
            field,
            format!("must not start with '/' (write the key without it; got {})", quote(value)),
        ));
    }
    if value.split('/').any(|segment| segment == "." || segment == "..") {
        return Err(Error::invalid(
            field,
            format!("must not have a '.' or '..' segment (a URL parser would rewrite the path; got {})", quote(value)),
        ));
    }
    if let Some(c) = value.chars().find(|c| c.is_control()) {
        return Err(Error::invalid(field, format!("must not contain control characters (U+{:04X})", c as u32)));
    }
    Ok(())
}

/// A file extension such as `docx`: 1–16 ASCII letters and digits.
pub(crate) fn extension(field: &str, value: &str) -> Result<()> {
    if value.is_empty() || value.len() > 16 || !value.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return Err(Error::invalid(
            field,
            format!(
                "must be a file extension of 1–16 ASCII letters and digits, without the dot (got {})",
                quote(value)
            ),
        ));
    }
    Ok(())
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
///
/// The URL goes verbatim into `<Url>` and is read by a WHATWG-style parser
/// somewhere else, so only hosts that such a parser leaves unchanged but for
/// case are accepted, and then checked:
/// - the authority holds no user info (`@`) and at most a numeric port;
/// - the host is ASCII letters, digits, `-` and non-empty `.`-separated
///   labels (no trailing dot), or a bracketed IPv6 literal: no non-ASCII
///   character (IDNA would map `ⓛⓞⓒⓐⓛⓗⓞⓢⓣ` or `１２７．０．０．１`), no `%`
///   (percent-decoding), no `xn--` label that is not Punycode of a non-ASCII
///   name;
/// - a host whose last label is a number (WHATWG's "ends in a number":
///   `127.1`, `0x7f.1`, `2130706433`, `127.0.0.01`) must be a canonical
///   dotted-decimal quad;
/// - `localhost`, `*.localhost` and internal IPv4 addresses are refused, also
///   when embedded in IPv6 (IPv4-mapped, IPv4-compatible, IPv4-translated,
///   NAT64 `64:ff9b::/96`, 6to4 `2002::/16`, Teredo `2001::/32`), with the
///   internal IPv6 ranges.
pub(crate) fn callback_url(field: &str, url: &str) -> Result<()> {
    // A URL with user info is not quoted back (it may hold a password).
    let shown = if url.contains('@') { "\"<redacted>\"".to_string() } else { quote(url) };
    let bad = |why: &str| Error::invalid(field, format!("{why} (got {shown})"));
    let rest = match url.get(..8) {
        Some(p) if p.eq_ignore_ascii_case("https://") => &url[8..],
        _ => match url.get(..7) {
            Some(p) if p.eq_ignore_ascii_case("http://") => &url[7..],
            _ => return Err(bad("must be an http:// or https:// URL")),
        },
    };
    if url.chars().any(|c| c.is_whitespace() || c.is_control() || c == '\\') {
        return Err(bad("must not contain whitespace, control characters or '\\'"));
    }
    xml_text(field, url)?;
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    if authority.contains('@') {
        return Err(bad("must not contain user info (user@host)"));
    }
    let (host, port) = if let Some(v6) = authority.strip_prefix('[') {
        let (host, after) = v6.split_once(']').ok_or_else(|| bad("has an unclosed IPv6 literal"))?;
        match after {
            "" => (host, None),
            _ => (host, Some(after.strip_prefix(':').ok_or_else(|| bad("has junk after its IPv6 literal"))?)),
        }
    } else {
        match authority.split_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (authority, None),
        }
    };
    if let Some(port) = port {
        if port.is_empty()
            || port.len() > 5
            || !port.bytes().all(|b| b.is_ascii_digit())
            || port.parse::<u32>().map_or(true, |p| p > 65535)
        {
            return Err(bad("must have a port from 0 to 65535"));
        }
    }
    if host.is_empty() {
        return Err(bad("must have a host"));
    }
    let internal = if authority.starts_with('[') {
        match crate::host::ipv6(host) {
            Some(segments) if host.is_ascii() => is_internal_v6(segments),
            _ => return Err(bad("has an invalid IPv6 literal")),
        }
    } else {
        if !host.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.') {
            return Err(bad(
                "must have a host of ASCII letters, digits, '-' and '.' only (no '%' or non-ASCII characters)",
            ));
        }
        if host.split('.').any(str::is_empty) {
            return Err(bad("must have a host that does not start or end with '.' or hold '..'"));
        }
        if host.split('.').any(crate::host::is_suspect_a_label) {
            return Err(bad("must have xn-- labels that are Punycode of a non-ASCII name"));
        }
        if crate::host::ends_in_number(host) {
            match crate::host::dotted_quad(host) {
                Some(ip) => is_internal_v4(ip),
                None => return Err(bad("must use a host name or a dotted-decimal IPv4 address such as 203.0.113.7")),
            }
        } else {
            let host = host.to_ascii_lowercase();
            host == "localhost" || host.ends_with(".localhost")
        }
    };
    if internal {
        return Err(bad("must not be an intranet, loopback or link-local address"));
    }
    Ok(())
}

/// Addresses a callback must not reach: this network (0/8), private (10/8,
/// 172.16/12, 192.168/16), shared (100.64/10), loopback (127/8), link-local
/// (169.254/16), IETF protocol assignments (192.0.0/24), benchmarking
/// (198.18/15), multicast (224/4), reserved and broadcast (240/4).
fn is_internal_v4([a, b, c, _]: [u8; 4]) -> bool {
    matches!(a, 0 | 10 | 127 | 224..=255)
        || (a == 100 && (64..128).contains(&b))
        || (a == 169 && b == 254)
        || (a == 172 && (16..32).contains(&b))
        || (a == 192 && b == 168)
        || (a == 192 && b == 0 && c == 0)
        || (a == 198 && (b == 18 || b == 19))
}

/// Internal IPv6 addresses, and IPv6 addresses that embed an internal IPv4
/// one.
fn is_internal_v6(s: [u16; 8]) -> bool {
    let v4 = |hi: u16, lo: u16| {
        let [a, b] = hi.to_be_bytes();
        let [c, d] = lo.to_be_bytes();
        [a, b, c, d]
    };
    let prefix96 = |p: [u16; 6]| s[..6] == p;
    // ::/96 (unspecified, loopback, IPv4-compatible), ::ffff:0:0/96
    // (IPv4-mapped), ::ffff:0:0:0/96 (IPv4-translated), 64:ff9b::/96 (NAT64).
    if prefix96([0; 6])
        || prefix96([0, 0, 0, 0, 0, 0xffff])
        || prefix96([0, 0, 0, 0, 0xffff, 0])
        || prefix96([0x64, 0xff9b, 0, 0, 0, 0])
    {
        return is_internal_v4(v4(s[6], s[7]));
    }
    match s[0] {
        0x2002 => is_internal_v4(v4(s[1], s[2])), // 6to4
        // Teredo: the server (bits 32-63) and the client (the last 32 bits, inverted).
        0x2001 if s[1] == 0 => is_internal_v4(v4(s[2], s[3])) || is_internal_v4(v4(!s[6], !s[7])),
        0x0064 if s[1] == 0xff9b && s[2] == 1 => true, // 64:ff9b:1::/48, local-use NAT64
        0x0100 if s[1..4] == [0, 0, 0] => true,        // 100::/64, discard-only
        first => {
            (first & 0xfe00) == 0xfc00 // unique local fc00::/7
                || (first & 0xffc0) == 0xfe80 // link-local fe80::/10
                || (first & 0xffc0) == 0xfec0 // site-local fec0::/10 (deprecated)
                || (first & 0xff00) == 0xff00 // multicast ff00::/8
        }
    }
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
    fn lengths() {
        assert!(max_chars("Name", &"中".repeat(128), 128).is_ok());
        assert!(max_chars("Name", &"a".repeat(129), 128).is_err());
    }
}
