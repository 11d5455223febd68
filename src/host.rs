//! URL hosts as a WHATWG URL parser (fetch, Node's `URL`) reads them, for the
//! two places that must agree with it: the signed host of an endpoint and the
//! callback-URL filter. Small and dependency-free: no `core::net`.
//!
//! Only ASCII hosts are handled here; callers refuse anything else, because a
//! parser would map it (IDNA, full-width digits, percent-decoding) into a host
//! that was never checked.

/// WHATWG's "ends in a number" rule: the host's last label (after dropping
/// one trailing dot) is all digits, or a valid WHATWG IPv4 number (`0x`,
/// `0x7f`, `017`). Such a host is parsed as an IPv4 address, or refused.
pub(crate) fn ends_in_number(host: &str) -> bool {
    let host = match host.strip_suffix('.') {
        Some(rest) if !rest.is_empty() => rest,
        Some(_) => return false,
        None => host,
    };
    let last = host.rsplit('.').next().unwrap_or("");
    if !last.is_empty() && last.bytes().all(|b| b.is_ascii_digit()) {
        return true;
    }
    // The WHATWG IPv4 number parser, for the hex (and empty-after-0x) case;
    // an octal label is all digits, handled above.
    match last.get(..2) {
        Some("0x" | "0X") => last[2..].bytes().all(|b| b.is_ascii_hexdigit()),
        _ => false,
    }
}

/// A canonical dotted-decimal IPv4 address: four labels of 0–255, each in
/// decimal without a leading zero (`127.0.0.1`, not `127.0.0.01` or `127.1`).
pub(crate) fn dotted_quad(host: &str) -> Option<[u8; 4]> {
    let mut out = [0u8; 4];
    let mut parts = host.split('.');
    for slot in &mut out {
        let p = parts.next()?;
        let canonical =
            matches!(p.len(), 1..=3) && p.bytes().all(|b| b.is_ascii_digit()) && (p.len() == 1 || !p.starts_with('0'));
        if !canonical {
            return None;
        }
        *slot = p.parse().ok()?;
    }
    parts.next().is_none().then_some(out)
}

/// The WHATWG IPv6 parser (URL Standard, "IPv6 parser"), on the text between
/// the brackets: 8 pieces, `::` compression, an IPv4 tail. `None` where it
/// returns failure.
pub(crate) fn ipv6(input: &str) -> Option<[u16; 8]> {
    let s = input.as_bytes();
    let at = |p: usize| s.get(p).copied();
    let mut address = [0u16; 8];
    let mut piece = 0usize;
    let mut compress: Option<usize> = None;
    let mut p = 0usize;
    if at(0) == Some(b':') {
        if at(1) != Some(b':') {
            return None;
        }
        p = 2;
        piece = 1;
        compress = Some(piece);
    }
    while p < s.len() {
        if piece == 8 {
            return None;
        }
        if s[p] == b':' {
            if compress.is_some() {
                return None;
            }
            p += 1;
            piece += 1;
            compress = Some(piece);
            continue;
        }
        let (mut value, mut length) = (0u16, 0usize);
        while length < 4 {
            match at(p).and_then(|b| (b as char).to_digit(16)) {
                Some(d) => value = value * 16 + d as u16,
                None => break,
            }
            p += 1;
            length += 1;
        }
        match at(p) {
            Some(b'.') => {
                if length == 0 || piece > 6 {
                    return None;
                }
                p -= length;
                let mut numbers = 0;
                while p < s.len() {
                    if numbers > 0 {
                        if s[p] == b'.' && numbers < 4 {
                            p += 1;
                        } else {
                            return None;
                        }
                    }
                    let mut octet: Option<u16> = None;
                    if !at(p).is_some_and(|b| b.is_ascii_digit()) {
                        return None;
                    }
                    while let Some(b) = at(p).filter(u8::is_ascii_digit) {
                        let n = u16::from(b - b'0');
                        octet = match octet {
                            None => Some(n),
                            Some(0) => return None,
                            Some(o) => Some(o * 10 + n),
                        };
                        if octet > Some(255) {
                            return None;
                        }
                        p += 1;
                    }
                    address[piece] = address[piece] * 0x100 + octet.unwrap_or(0);
                    numbers += 1;
                    if numbers == 2 || numbers == 4 {
                        piece += 1;
                    }
                }
                if numbers != 4 {
                    return None;
                }
                break;
            }
            Some(b':') => {
                p += 1;
                if p == s.len() {
                    return None;
                }
            }
            Some(_) => return None,
            None => {}
        }
        address[piece] = value;
        piece += 1;
    }
    match compress {
        Some(c) => {
            let mut swaps = piece - c;
            let mut i = 7;
            while i != 0 && swaps > 0 {
                address.swap(i, c + swaps - 1);
                i -= 1;
                swaps -= 1;
            }
        }
        None if piece != 8 => return None,
        None => {}
    }
    Some(address)
}

/// RFC 3492 Punycode decoding of a label's part after `xn--`; `None` if it is
/// not valid Punycode.
pub(crate) fn punycode_decode(input: &str) -> Option<Vec<char>> {
    const BASE: u32 = 36;
    const TMIN: u32 = 1;
    const TMAX: u32 = 26;
    fn adapt(delta: u32, points: u32, first: bool) -> u32 {
        let mut delta = if first { delta / 700 } else { delta / 2 };
        delta += delta / points;
        let mut k = 0;
        while delta > ((BASE - TMIN) * TMAX) / 2 {
            delta /= BASE - TMIN;
            k += BASE;
        }
        k + (BASE - TMIN + 1) * delta / (delta + 38)
    }
    let (basic, extended) = match input.rfind('-') {
        Some(i) => (&input[..i], &input[i + 1..]),
        None => ("", input),
    };
    if !basic.is_ascii() {
        return None;
    }
    let mut output: Vec<char> = basic.chars().collect();
    let (mut n, mut i, mut bias) = (128u32, 0u32, 72u32);
    let mut digits = extended.bytes();
    let mut next = digits.next();
    while next.is_some() {
        let old_i = i;
        let mut w = 1u32;
        let mut k = BASE;
        loop {
            let digit = match next? {
                b @ b'a'..=b'z' => u32::from(b - b'a'),
                b @ b'A'..=b'Z' => u32::from(b - b'A'),
                b @ b'0'..=b'9' => u32::from(b - b'0') + 26,
                _ => return None,
            };
            next = digits.next();
            i = i.checked_add(digit.checked_mul(w)?)?;
            let t = if k <= bias {
                TMIN
            } else if k >= bias + TMAX {
                TMAX
            } else {
                k - bias
            };
            if digit < t {
                break;
            }
            w = w.checked_mul(BASE - t)?;
            k += BASE;
        }
        let len = output.len() as u32 + 1;
        bias = adapt(i - old_i, len, old_i == 0);
        n = n.checked_add(i / len)?;
        i %= len;
        let c = char::from_u32(n).filter(|&c| !c.is_ascii())?;
        output.insert(i as usize, c);
        i += 1;
    }
    Some(output)
}

/// Whether an `xn--` label could be read by some IDNA implementation as
/// something other than a non-ASCII name: it is not valid Punycode, decodes
/// to ASCII only (`xn--localhost-` is `localhost` to a lax decoder), or holds
/// a character IDNA maps onto ASCII (full-width or enclosed letters and
/// digits, dot look-alikes).
pub(crate) fn is_suspect_a_label(label: &str) -> bool {
    let Some(rest) = label.get(4..).filter(|_| label[..4].eq_ignore_ascii_case("xn--")) else {
        return false;
    };
    match punycode_decode(rest) {
        None => true,
        Some(chars) => {
            chars.iter().all(char::is_ascii)
                || chars.iter().any(|&c| {
                    matches!(c,
                        '\u{2070}'..='\u{209F}' // super- and subscripts
                        | '\u{2100}'..='\u{214F}' // letterlike symbols
                        | '\u{2460}'..='\u{24FF}' // enclosed alphanumerics
                        | '\u{3002}' | '\u{FF0E}' | '\u{FF61}' // full stops
                        | '\u{FF00}'..='\u{FFEF}' // full- and half-width forms
                        | '\u{1D400}'..='\u{1D7FF}' // mathematical letters and digits
                        | '\u{1F100}'..='\u{1F1FF}') // enclosed alphanumeric supplement
                })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ends_in_number_follows_whatwg() {
        for yes in ["1", "127.1", "a.1", "a.1.", "0x", "a.0X7f", "017", "1.2.3.4", "x.0xff."] {
            assert!(ends_in_number(yes), "{yes}");
        }
        for no in ["a", "1.a", ".", "a.", "0xg", "1a", "a.0x7g", "1.2.3.4a", ""] {
            assert!(!ends_in_number(no), "{no}");
        }
    }

    #[test]
    fn dotted_quads_are_canonical_only() {
        assert_eq!(dotted_quad("127.0.0.1"), Some([127, 0, 0, 1]));
        assert_eq!(dotted_quad("255.255.255.255"), Some([255; 4]));
        assert_eq!(dotted_quad("0.0.0.0"), Some([0; 4]));
        for bad in
            ["127.1", "127.0.0.01", "127.0.0.1.", "256.0.0.1", "1.2.3.4.5", "0x7f.0.0.1", "1..2.3", "+1.2.3.4", ""]
        {
            assert_eq!(dotted_quad(bad), None, "{bad}");
        }
    }

    #[test]
    fn ipv6_parser_agrees_with_std() {
        let cases = [
            "::",
            "::1",
            "1::",
            "1:2:3:4:5:6:7:8",
            "1::8",
            "::ffff:10.0.0.1",
            "::FFFF:a00:1",
            "64:ff9b::7f00:1",
            "2002:7f00:1::",
            "fe80::1",
            "0:0:0:0:0:0:0:1",
            "::127.0.0.1",
            "1:2:3:4:5:6:1.2.3.4",
            "ABCD::ef01",
            "0000:0000::0001",
            "1:2:3:4:5:6:7::",
            "::2:3:4:5:6:7:8",
        ];
        for c in cases {
            let std: std::net::Ipv6Addr = c.parse().unwrap();
            assert_eq!(ipv6(c), Some(std.segments()), "{c}");
        }
        for bad in [
            "",
            ":",
            ":1",
            "1:",
            "1:::2",
            "1::2::3",
            "12345::",
            "1:2:3:4:5:6:7:8:9",
            "1:2:3:4:5:6:7",
            "::1.2.3",
            "::01.2.3.4",
            "::1.2.3.256",
            "::1.2.3.4.5",
            "1:2:3:4:5:6:7:1.2.3.4",
            "::g",
            "::1%25eth0",
            "::1.2.3.4:1",
            " ::1",
            "::1 ",
            "[::1]",
            "::1.2..3",
        ] {
            assert_eq!(ipv6(bad), None, "{bad}");
        }
        // A `::` standing for no piece is refused after a first piece, as std does.
        assert_eq!(ipv6("1::2:3:4:5:6:7:8"), None);
    }

    #[test]
    fn ipv6_parser_agrees_with_std_on_generated_text() {
        // Every accepted string of a small alphabet, up to a length, that std
        // also accepts must give the same address; whatever std accepts, we do.
        let alphabet = [b'0', b'1', b'f', b':', b'.', b'9'];
        let mut checked = 0;
        let mut buf = Vec::new();
        fn walk(buf: &mut Vec<u8>, alphabet: &[u8], depth: usize, checked: &mut usize) {
            let s = std::str::from_utf8(buf).unwrap();
            if let Ok(std) = s.parse::<std::net::Ipv6Addr>() {
                assert_eq!(ipv6(s), Some(std.segments()), "{s}");
                *checked += 1;
            }
            if depth == 0 {
                return;
            }
            for &b in alphabet {
                buf.push(b);
                walk(buf, alphabet, depth - 1, checked);
                buf.pop();
            }
        }
        walk(&mut buf, &alphabet, 8, &mut checked);
        assert!(checked > 1000, "{checked}");
    }

    #[test]
    fn punycode() {
        let s = |v: Option<Vec<char>>| v.map(|v| v.into_iter().collect::<String>());
        assert_eq!(s(punycode_decode("fiqs8s")), Some("中国".into()));
        assert_eq!(s(punycode_decode("mnchen-3ya")), Some("münchen".into()));
        assert_eq!(s(punycode_decode("localhost-")), Some("localhost".into()));
        assert_eq!(punycode_decode("9999999999a"), None);
        assert_eq!(punycode_decode("a!"), None);
        assert!(is_suspect_a_label("xn--localhost-"));
        assert!(is_suspect_a_label("XN--127-"));
        assert!(is_suspect_a_label("xn--!"));
        assert!(!is_suspect_a_label("xn--fiqs8s"));
        assert!(!is_suspect_a_label("xn--mnchen-3ya"));
        assert!(!is_suspect_a_label("example"));
        // ⓛⓞⓒⓐⓛⓗⓞⓢⓣ, ｌｏｃａｌｈｏｓｔ and １２７ as A-labels (Python's punycode codec).
        assert_eq!(s(punycode_decode("vuhdqncpe6aj")), Some("ⓛⓞⓒⓐⓛⓗⓞⓢⓣ".into()));
        for a_label in ["xn--vuhdqncpe6aj", "xn--mi7cdqncpe6aj", "xn--8g7ccp"] {
            assert!(is_suspect_a_label(a_label), "{a_label}");
        }
    }
}
