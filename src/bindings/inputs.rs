//! JS parameter objects → the crate's typed inputs.
//!
//! Parameter names are the PascalCase names of the official documentation
//! (`QueueIds`, `PageNumber`, `NotifyConfig.ResultFormat`,
//! `Operation.DocProcess.TgtType`). Types are checked here; the rules of each
//! operation (ranges, formats, required-when) are checked by its builder.

use super::value::{Fields, Value};
use crate::credentials::Credentials;
use crate::endpoint::{ClientConfig, Protocol};
use crate::error::{Error, Result};
use crate::sign::KeyTime;

/// `{ Bucket, Region, Protocol?, Endpoint? }` (other client options are the
/// JS client's and are not passed here).
pub(crate) fn client_config(value: &Value) -> Result<ClientConfig> {
    let mut f = Fields::top(value, "config")?;
    let bucket = f.required_string("Bucket")?;
    let region = f.required_string("Region")?;
    let protocol = match f.string("Protocol")?.as_deref() {
        None | Some("https") | Some("https:") => Protocol::Https,
        Some("http") | Some("http:") => Protocol::Http,
        Some(other) => {
            return Err(Error::invalid(
                "Protocol",
                format!("must be \"https\" or \"http\" (got {})", crate::error::quote(other)),
            ))
        }
    };
    let endpoint = f.string("Endpoint")?;
    f.finish()?;
    Ok(ClientConfig { bucket, region, protocol, endpoint })
}

/// How a presigned URL is signed.
pub(crate) enum Presign {
    /// Here, with these keys for this key time.
    Keys(Credentials, KeyTime),
    /// By a server that signed the request: its `Authorization`, and the
    /// token of the temporary keys it signed with.
    Made(String, Option<String>),
}

/// `{ Authorization, SecurityToken? }` (made by a server), else what
/// [`signing`] reads.
pub(crate) fn presign(value: &Value) -> Result<Presign> {
    let made = matches!(value, Value::Object(members) if members.iter().any(|(k, _)| k == "Authorization"));
    if !made {
        let (credentials, key_time) = signing(value)?;
        return Ok(Presign::Keys(credentials, key_time));
    }
    let mut f = Fields::top(value, "signing")?;
    let authorization = f.required_string("Authorization")?;
    if authorization.is_empty() {
        return Err(Error::missing("Authorization"));
    }
    let token = f.string("SecurityToken")?;
    f.finish()?;
    let fields_present =
        ["q-sign-algorithm=", "q-ak=", "q-key-time=", "q-signature="].iter().all(|p| authorization.contains(p));
    if !fields_present || !authorization.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(Error::invalid(
            "Authorization",
            "must be an Authorization string (q-sign-algorithm=sha1&q-ak=…&q-key-time=…&q-signature=…) without spaces",
        ));
    }
    if let Some(t) = &token {
        // The rule of every token this crate sends.
        Credentials::new("-", "-")?
            .with_security_token(t.as_str())
            .map_err(|e| Error::new(e.code(), Some("SecurityToken".into()), e.rule()))?;
    }
    Ok(Presign::Made(authorization, token))
}

/// `{ SecretId, SecretKey, SecurityToken?, KeyTime }`: what signing needs.
pub(crate) fn signing(value: &Value) -> Result<(Credentials, KeyTime)> {
    let mut f = Fields::top(value, "signing")?;
    let id = f.required_string("SecretId")?;
    let key = f.required_string("SecretKey")?;
    let token = f.string("SecurityToken")?;
    let key_time = key_time(&mut f)?;
    f.finish()?;
    let mut credentials = Credentials::new(id, key)?;
    if let Some(token) = token {
        credentials = credentials.with_security_token(token)?;
    }
    Ok((credentials, key_time))
}

/// `KeyTime` (`"start;end"`, or `{ StartTime, ExpiredTime }` seconds) or
/// `StartTime` + `Expires` (default 900 s), as `COS.getAuthorization` takes them.
pub(crate) fn key_time(f: &mut Fields<'_>) -> Result<KeyTime> {
    let text = f.string("KeyTime")?;
    let start = f.integer("StartTime", 0, MAX_START_TIME)?;
    let expires = f.integer("Expires", 1, MAX_EXPIRES)?;
    key_time_of(text.as_deref(), start, expires, &|name| f.path(name))
}

/// Latest `StartTime` accepted.
pub(crate) const MAX_START_TIME: i64 = u32::MAX as i64 * 4;

/// Longest `Expires` accepted: ten years.
pub(crate) const MAX_EXPIRES: i64 = 10 * 365 * 24 * 3600;

/// The key time from `KeyTime` or `StartTime` (+ `Expires`, default 900);
/// `path` names a field for an error.
pub(crate) fn key_time_of(
    text: Option<&str>,
    start: Option<i64>,
    expires: Option<i64>,
    path: &dyn Fn(&str) -> String,
) -> Result<KeyTime> {
    match (text, start) {
        (Some(_), Some(_)) => Err(Error::invalid(path("KeyTime"), "give KeyTime or StartTime (+ Expires), not both")),
        (Some(_), None) if expires.is_some() => {
            Err(Error::invalid(path("Expires"), "goes with StartTime; KeyTime already says when it ends"))
        }
        (Some(text), None) => {
            text.parse::<KeyTime>().map_err(|e| Error::invalid(path("KeyTime"), e.rule().to_string()))
        }
        (None, Some(start)) => KeyTime::from_start_and_expires(start as u64, expires.unwrap_or(900) as u64)
            .map_err(|e| Error::invalid(path("StartTime"), e.rule().to_string())),
        (None, None) => Err(Error::missing(path("KeyTime"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorCode;

    fn value(json: &str) -> Value {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn signing_and_config() {
        let (creds, kt) = signing(&value(
            r#"{"SecretId":"AKIDEXAMPLE","SecretKey":"secretEXAMPLE","SecurityToken":"t","KeyTime":"1;901"}"#,
        ))
        .unwrap();
        assert_eq!(
            (creds.secret_id(), creds.security_token(), kt.to_string().as_str()),
            ("AKIDEXAMPLE", Some("t"), "1;901")
        );
        let e = signing(&value(r#"{"SecretId":"a","SecretKey":"b"}"#)).unwrap_err();
        assert_eq!((e.code(), e.field()), (ErrorCode::MissingArgument, Some("KeyTime")));
        let (_, kt) = signing(&value(r#"{"SecretId":"a","SecretKey":"b","StartTime":100}"#)).unwrap();
        assert_eq!(kt.to_string(), "100;1000");
        let (_, kt) = signing(&value(r#"{"SecretId":"a","SecretKey":"b","StartTime":100,"Expires":3600}"#)).unwrap();
        assert_eq!(kt.to_string(), "100;3700");
        let e = signing(&value(r#"{"SecretId":"a","SecretKey":"b","KeyTime":"1;2","StartTime":1}"#)).unwrap_err();
        assert_eq!(e.field(), Some("KeyTime"));
        let e =
            client_config(&value(r#"{"Bucket":"b-1250000000","Region":"ap-guangzhou","Protocol":"ftp"}"#)).unwrap_err();
        assert_eq!(e.field(), Some("Protocol"));
    }
}
