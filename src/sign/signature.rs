//! Stage 2 — SignKey: `hex(hmac_sha1(SecretKey, KeyTime))`.
//! Stage 5 — Signature: `hex(hmac_sha1(SignKey as hex text, StringToSign))`.

use super::encode::hex_lower;
use super::key_time::KeyTime;
use super::string_to_sign::StringToSign;
use hmac::{Hmac, KeyInit, Mac};
use sha1::Sha1;
use std::fmt;

fn hmac_sha1_hex(key: &[u8], msg: &[u8]) -> String {
    // HMAC accepts keys of any length; `new_from_slice` cannot fail for it.
    let mut mac = match <Hmac<Sha1> as KeyInit>::new_from_slice(key) {
        Ok(mac) => mac,
        Err(_) => unreachable!("HMAC takes keys of any length"),
    };
    mac.update(msg);
    hex_lower(&mac.finalize().into_bytes())
}

/// The key derived from the SecretKey for one KeyTime. Secret: `Debug`
/// redacts it.
#[derive(Clone, PartialEq, Eq)]
pub struct SignKey(String);

impl SignKey {
    /// Derives the SignKey from the SecretKey and the KeyTime.
    pub fn derive(secret_key: &str, key_time: &KeyTime) -> Self {
        SignKey(hmac_sha1_hex(secret_key.as_bytes(), key_time.to_string().as_bytes()))
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
        Signature(hmac_sha1_hex(sign_key.as_str().as_bytes(), string_to_sign.as_str().as_bytes()))
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
