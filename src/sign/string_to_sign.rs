//! Stage 4 — StringToSign: `"sha1\n" + KeyTime + "\n" + hex(sha1(HttpString)) + "\n"`.

use super::encode::hex_lower;
use super::http_string::HttpString;
use super::key_time::KeyTime;
use sha1::{Digest, Sha1};
use std::fmt;

/// The string the signature is computed over. It holds only a digest of the
/// HttpString, so it is safe to log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StringToSign(pub(super) String);

impl StringToSign {
    /// Builds the StringToSign for `http_string` signed over `key_time`.
    pub fn new(key_time: &KeyTime, http_string: &HttpString) -> Self {
        Self::with_key_time_text(&key_time.to_string(), http_string)
    }

    /// [`new`](Self::new) with the KeyTime already written out.
    pub(super) fn with_key_time_text(key_time: &str, http_string: &HttpString) -> Self {
        let digest = hex_lower(&Sha1::digest(http_string.as_str().as_bytes()));
        let mut text = String::with_capacity(7 + key_time.len() + digest.len());
        text.push_str("sha1\n");
        text.push_str(key_time);
        text.push('\n');
        text.push_str(&digest);
        text.push('\n');
        StringToSign(text)
    }

    /// The exact text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for StringToSign {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn js_sdk_worked_example() {
        // reference/js-sdks.md §1a
        let h = HttpString::new(
            "get",
            "/docqueue",
            [("pageNumber", ""), ("pageSize", ""), ("queueIds", ""), ("state", "Active")],
            [("host", "examplebucket-1250000000.ci.ap-guangzhou.myqcloud.com")],
        );
        let k = KeyTime::new(1700000000, 1700000900).unwrap();
        assert_eq!(
            StringToSign::new(&k, &h).as_str(),
            "sha1\n1700000000;1700000900\n9e740140da7255457256fa9d8d83cd4ca05c1235\n"
        );
    }
}
