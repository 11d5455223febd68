//! COS percent-encoding: UTF-8 bytes, every byte except `A-Z a-z 0-9 - _ . ~`
//! becomes `%XX` with upper-case hex (Python `quote(s, safe='-_.~')`).

const HEX: &[u8; 16] = b"0123456789ABCDEF";

/// Appends the percent-encoded form of `s` to `out`.
pub(crate) fn encode_into(s: &str, out: &mut String) {
    let bytes = s.as_bytes();
    out.reserve(bytes.len());
    // Runs of unreserved bytes are copied whole; they are ASCII, so each run starts and
    // ends on a character boundary.
    let mut run = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            continue;
        }
        if run < i {
            out.push_str(&s[run..i]);
        }
        out.push('%');
        out.push(HEX[(b >> 4) as usize] as char);
        out.push(HEX[(b & 0xf) as usize] as char);
        run = i + 1;
    }
    if run < bytes.len() {
        out.push_str(&s[run..]);
    }
}

/// The percent-encoded form of `s`.
pub fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    encode_into(s, &mut out);
    out
}

/// Percent-encodes a URL path: like [`encode`] but `/` is kept.
pub(crate) fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for (i, segment) in path.split('/').enumerate() {
        if i > 0 {
            out.push('/');
        }
        encode_into(segment, &mut out);
    }
    out
}

/// Lower-case hex of a byte string (signatures are lower-case hex).
pub(crate) fn hex_lower(bytes: &[u8]) -> String {
    const LOWER: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for &b in bytes {
        out.push(LOWER[(b >> 4) as usize] as char);
        out.push(LOWER[(b & 0xf) as usize] as char);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_printable_ascii_character() {
        let all: String = (0x20u8..0x7f).map(|b| b as char).collect();
        assert_eq!(
            encode(&all),
            "%20%21%22%23%24%25%26%27%28%29%2A%2B%2C-.%2F0123456789%3A%3B%3C%3D%3E%3F%40\
             ABCDEFGHIJKLMNOPQRSTUVWXYZ%5B%5C%5D%5E_%60abcdefghijklmnopqrstuvwxyz%7B%7C%7D~"
        );
    }

    #[test]
    fn utf8_bytes_upper_hex() {
        assert_eq!(encode("中"), "%E4%B8%AD");
        assert_eq!(encode("😀"), "%F0%9F%98%80");
        assert_eq!(encode("a b+c"), "a%20b%2Bc");
    }

    #[test]
    fn path_keeps_slashes() {
        assert_eq!(encode_path("/doc_jobs/d1 a+b"), "/doc_jobs/d1%20a%2Bb");
        assert_eq!(encode_path("/a/中"), "/a/%E4%B8%AD");
    }

    #[test]
    fn hex_is_lower_case() {
        assert_eq!(hex_lower(&[0x00, 0xab, 0xff]), "00abff");
    }
}
