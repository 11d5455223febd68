//! Stage 1 — KeyTime: `"<start>;<end>"` in Unix seconds. It is both
//! `q-sign-time` and `q-key-time`. The crate has no clock: the caller (the JS
//! side) reads the time and passes it in.

use crate::error::{quote, Error, Result};
use std::fmt;
use std::str::FromStr;

/// The validity window of a signature, in Unix seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct KeyTime {
    start: u64,
    end: u64,
}

impl KeyTime {
    /// A window from `start` to `end` (inclusive), `start <= end`.
    pub fn new(start: u64, end: u64) -> Result<Self> {
        if start > end {
            return Err(Error::invalid("KeyTime", format!("start ({start}) must not be after end ({end})")));
        }
        Ok(KeyTime { start, end })
    }

    /// `start` plus `expires` seconds (the `StartTime` + `Expires` form).
    pub fn from_start_and_expires(start: u64, expires: u64) -> Result<Self> {
        match start.checked_add(expires) {
            Some(end) => Self::new(start, end),
            None => Err(Error::invalid("Expires", "start + expires overflows")),
        }
    }

    /// Start of the window (Unix seconds).
    pub fn start(&self) -> u64 {
        self.start
    }

    /// End of the window (Unix seconds).
    pub fn end(&self) -> u64 {
        self.end
    }

    /// The longest text: two 20-digit numbers and the `;`.
    pub(crate) const MAX_LEN: usize = 41;

    /// Appends `<start>;<end>` (what `Display` writes, without the formatter).
    pub(crate) fn push_to(&self, out: &mut String) {
        push_decimal(out, self.start);
        out.push(';');
        push_decimal(out, self.end);
    }
}

/// Appends `n` in decimal, with 32-bit arithmetic for each group of nine digits
/// (wasm32 divides 64-bit numbers slowly; Unix seconds fit in 32 bits until 2106).
fn push_decimal(out: &mut String, n: u64) {
    match u32::try_from(n) {
        Ok(n) => push_digits(out, n, 1),
        Err(_) => {
            push_decimal(out, n / 1_000_000_000);
            push_digits(out, (n % 1_000_000_000) as u32, 9);
        }
    }
}

/// Appends `n` in decimal with at least `width` digits (zero-padded; `width` ≤ 10).
fn push_digits(out: &mut String, mut n: u32, width: usize) {
    let mut digits = [b'0'; 10];
    let mut at = digits.len();
    while n > 0 || digits.len() - at < width {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
    }
    out.extend(digits[at..].iter().map(|&d| d as char));
}

impl fmt::Display for KeyTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut text = String::with_capacity(Self::MAX_LEN);
        self.push_to(&mut text);
        f.write_str(&text)
    }
}

impl FromStr for KeyTime {
    type Err = Error;

    /// Parses `"start;end"` (decimal Unix seconds).
    fn from_str(s: &str) -> Result<Self> {
        let bad = || Error::invalid("KeyTime", format!("must be \"<start>;<end>\" in Unix seconds (got {})", quote(s)));
        let (a, b) = s.split_once(';').ok_or_else(bad)?;
        let digits = |t: &str| !t.is_empty() && t.bytes().all(|c| c.is_ascii_digit());
        if !digits(a) || !digits(b) {
            return Err(bad());
        }
        let start = a.parse().map_err(|_| bad())?;
        let end = b.parse().map_err(|_| bad())?;
        KeyTime::new(start, end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_and_parse_round_trip() {
        let k: KeyTime = "1699999940;1700010000".parse().unwrap();
        assert_eq!(k, KeyTime::new(1699999940, 1700010000).unwrap());
        assert_eq!(k.to_string(), "1699999940;1700010000");
        assert_eq!(KeyTime::from_start_and_expires(1700000000, 900).unwrap().to_string(), "1700000000;1700000900");
        assert_eq!(KeyTime::new(0, 9).unwrap().to_string(), "0;9");
        let edge = u64::from(u32::MAX);
        assert_eq!(KeyTime::new(edge, edge + 1).unwrap().to_string(), "4294967295;4294967296");
        assert_eq!(
            KeyTime::new(1_000_000_000_000, 5_000_000_007_000_000_001).unwrap().to_string(),
            "1000000000000;5000000007000000001"
        );
        assert_eq!(KeyTime::new(u64::MAX, u64::MAX).unwrap().to_string().len(), KeyTime::MAX_LEN);
        assert_eq!(KeyTime::new(10, u64::MAX).unwrap().to_string(), format!("10;{}", u64::MAX));
    }

    #[test]
    fn rejects_malformed() {
        for bad in ["", "1", "1;", ";1", "a;b", "2;1", "1;2;3", "+1;2", " 1;2", "1;99999999999999999999999"] {
            assert!(bad.parse::<KeyTime>().is_err(), "{bad:?}");
        }
        assert!(KeyTime::from_start_and_expires(u64::MAX, 1).is_err());
    }
}
