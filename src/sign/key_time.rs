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
}

impl fmt::Display for KeyTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{};{}", self.start, self.end)
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
    }

    #[test]
    fn rejects_malformed() {
        for bad in ["", "1", "1;", ";1", "a;b", "2;1", "1;2;3", "+1;2", " 1;2", "1;99999999999999999999999"] {
            assert!(bad.parse::<KeyTime>().is_err(), "{bad:?}");
        }
        assert!(KeyTime::from_start_and_expires(u64::MAX, 1).is_err());
    }
}
