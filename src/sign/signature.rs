//! Stage 2 — SignKey: `hex(hmac_sha1(SecretKey, KeyTime))`.
//! Stage 5 — Signature: `hex(hmac_sha1(SignKey as hex text, StringToSign))`.

use super::encode::hex_lower;
use super::key_time::KeyTime;
use super::string_to_sign::StringToSign;
use hmac::{Hmac, KeyInit, Mac};
use sha1::Sha1;
use std::cell::RefCell;
use std::fmt;

type HmacSha1 = Hmac<Sha1>;

/// An HMAC-SHA1 keyed by `key`.
fn hmac_sha1(key: &[u8]) -> HmacSha1 {
    // HMAC accepts keys of any length; `new_from_slice` cannot fail for it.
    match <HmacSha1 as KeyInit>::new_from_slice(key) {
        Ok(mac) => mac,
        Err(_) => unreachable!("HMAC takes keys of any length"),
    }
}

/// The key derived from the SecretKey for one KeyTime. Secret: `Debug`
/// redacts it.
#[derive(Clone, PartialEq, Eq)]
pub struct SignKey(String);

impl SignKey {
    /// Derives the SignKey from the SecretKey and the KeyTime.
    pub fn derive(secret_key: &str, key_time: &KeyTime) -> Self {
        Self::derive_with(hmac_sha1(secret_key.as_bytes()), key_time)
    }

    /// Stage 2 with the HMAC already keyed by the SecretKey.
    fn derive_with(mut secret_mac: HmacSha1, key_time: &KeyTime) -> Self {
        let mut text = String::with_capacity(KeyTime::MAX_LEN);
        key_time.push_to(&mut text);
        secret_mac.update(text.as_bytes());
        SignKey(hex_lower(&secret_mac.finalize().into_bytes()))
    }

    /// The stage-5 HMAC keyed by this SignKey, before any message.
    fn mac(&self) -> HmacSha1 {
        hmac_sha1(self.0.as_bytes())
    }

    /// The lower-case hex text (it is itself the HMAC key of stage 5).
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for SignKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SignKey(** redacted **)")
    }
}

/// `q-signature`: 40 lower-case hex characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature(String);

impl Signature {
    /// Computes the signature of `string_to_sign` with `sign_key`.
    pub fn compute(sign_key: &SignKey, string_to_sign: &StringToSign) -> Self {
        Self::with_mac(sign_key.mac(), string_to_sign)
    }

    /// Stage 5 with the SignKey's HMAC already keyed ([`signature_mac`]).
    pub(super) fn with_mac(mut mac: HmacSha1, string_to_sign: &StringToSign) -> Self {
        mac.update(string_to_sign.as_str().as_bytes());
        Signature(hex_lower(&mac.finalize().into_bytes()))
    }

    /// The lower-case hex text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Signature {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The last SecretKey and KeyTime signed with on this thread, with the HMAC keyed by
/// the SecretKey (stage 2's) and the HMAC keyed by their SignKey (stage 5's). A burst
/// of requests signed within one second (one KeyTime) derives the SignKey and keys
/// the HMAC once instead of per request — six of a typical signature's thirteen
/// SHA-1 blocks — as aws-sdk-js-v3 caches its signing keys; a new second with the
/// same key still saves the two blocks that key stage 2's HMAC. One entry: a new
/// key replaces it.
///
/// What this keeps in memory: a copy of the last SecretKey (to tell a hit for
/// certain; compared in constant time) and the two HMAC states — stage 2's can
/// derive the SignKey of any KeyTime, stage 5's can sign anything until its
/// KeyTime ends. The copy is overwritten with zeros when another key replaces it;
/// in the wasm, thread-local destructors never run, so the last entry lives as long
/// as the module instance (as the caller's own copies of its keys do in its JS heap).
struct LastKey {
    secret_key: Vec<u8>,
    secret_mac: HmacSha1,
    key_time: KeyTime,
    mac: HmacSha1,
}

impl Drop for LastKey {
    fn drop(&mut self) {
        // Best effort without `unsafe`: black_box keeps the stores to memory about to be
        // freed from being optimised away.
        self.secret_key.fill(0);
        std::hint::black_box(&mut self.secret_key);
    }
}

thread_local! {
    static LAST_KEY: RefCell<Option<LastKey>> = const { RefCell::new(None) };
}

/// Equal keys, in time that depends only on the lengths.
fn same_secret(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |diff, (x, y)| diff | (x ^ y)) == 0
}

#[cfg(test)]
thread_local! {
    /// How many HMACs keyed by a SecretKey, and how many SignKeys, [`signature_mac`]
    /// made on this thread.
    static MADE: std::cell::Cell<(usize, usize)> = const { std::cell::Cell::new((0, 0)) };
}

/// Stages 2 and 5's key: the HMAC keyed by the SignKey of `secret_key` over
/// `key_time`, from the one-entry cache ([`LastKey`]) as far as it holds them.
pub(super) fn signature_mac(secret_key: &str, key_time: &KeyTime) -> HmacSha1 {
    LAST_KEY.with(|last| {
        let mut last = last.borrow_mut();
        let entry = match last.as_mut().filter(|e| same_secret(&e.secret_key, secret_key.as_bytes())) {
            Some(entry) if entry.key_time == *key_time => return entry.mac.clone(),
            Some(entry) => entry,
            None => {
                #[cfg(test)]
                MADE.with(|n| n.set((n.get().0 + 1, n.get().1)));
                let secret_mac = hmac_sha1(secret_key.as_bytes());
                // Placeholder stage-5 state, set below.
                let mac = secret_mac.clone();
                last.insert(LastKey {
                    secret_key: secret_key.as_bytes().to_vec(),
                    secret_mac,
                    key_time: *key_time,
                    mac,
                })
            }
        };
        #[cfg(test)]
        MADE.with(|n| n.set((n.get().0, n.get().1 + 1)));
        entry.key_time = *key_time;
        entry.mac = SignKey::derive_with(entry.secret_mac.clone(), key_time).mac();
        entry.mac.clone()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hmac_sha1_hex(key: &[u8], msg: &[u8]) -> String {
        let mut mac = hmac_sha1(key);
        mac.update(msg);
        hex_lower(&mac.finalize().into_bytes())
    }

    #[test]
    fn rfc2202_hmac_sha1() {
        assert_eq!(hmac_sha1_hex(b"Jefe", b"what do ya want for nothing?"), "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79");
    }

    #[test]
    fn js_sdk_worked_example() {
        // reference/js-sdks.md §1a: SecretKey secretEXAMPLE, KeyTime 1700000000;1700000900
        let k = KeyTime::new(1700000000, 1700000900).unwrap();
        let sk = SignKey::derive("secretEXAMPLE", &k);
        assert_eq!(sk.as_str(), "ee00c1d79215625e85d426571348ecd065040c20");
        assert!(!format!("{sk:?}").contains("ee00c1"));
        let sts = StringToSign("sha1\n1700000000;1700000900\n9e740140da7255457256fa9d8d83cd4ca05c1235\n".to_string());
        assert_eq!(Signature::compute(&sk, &sts).as_str(), "dfb5cf44fe82eb7938ca949de73364be6ad45031");
    }

    #[test]
    fn the_cached_key_signs_as_a_fresh_derivation() {
        let sts = StringToSign("sha1\n1;2\nda39a3ee5e6b4b0d3255bfef95601890afd80709\n".to_string());
        let fresh = |secret: &str, k: &KeyTime| Signature::compute(&SignKey::derive(secret, k), &sts);
        let cached = |secret: &str, k: &KeyTime| Signature::with_mac(signature_mac(secret, k), &sts);
        let (k1, k2) = (KeyTime::new(1, 2).unwrap(), KeyTime::new(1, 3).unwrap());
        // Miss, hit, a new KeyTime, a new key of the same length, a key that is a prefix.
        for (secret, k) in [("keyA", &k1), ("keyA", &k1), ("keyA", &k2), ("keyB", &k2), ("key", &k2), ("keyA", &k1)] {
            assert_eq!(cached(secret, k), fresh(secret, k), "{secret} {k}");
        }
        assert_ne!(cached("keyA", &k1), cached("keyB", &k1));
    }

    #[test]
    fn a_burst_in_one_second_derives_the_sign_key_once() {
        let made = || MADE.with(|n| n.get());
        let (k1, k2) = (KeyTime::new(10, 20).unwrap(), KeyTime::new(11, 21).unwrap());
        let (keyed, derived) = made();
        for _ in 0..5 {
            signature_mac("burstKey", &k1);
        }
        assert_eq!(made(), (keyed + 1, derived + 1));
        signature_mac("burstKey", &k2); // a new second: the same key's HMAC, a new SignKey
        assert_eq!(made(), (keyed + 1, derived + 2));
        signature_mac("burstKeY", &k2); // another key
        signature_mac("burstKeY", &k2);
        assert_eq!(made(), (keyed + 2, derived + 3));
        assert!(same_secret(b"", b"") && same_secret(b"ab", b"ab"));
        assert!(!same_secret(b"ab", b"aB") && !same_secret(b"ab", b"abc") && !same_secret(b"a", b""));
    }
}
