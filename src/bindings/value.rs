//! Parameter objects as they arrive from JavaScript, and a reader that checks
//! them field by field.
//!
//! JS values arrive in the packed encoding the shim writes
//! ([`Value::from_packed`]; native callers and tests may give JSON text,
//! deserialized by `serde_json`) as a small [`Value`] tree; a [`Fields`]
//! reader then takes each documented parameter with its type, naming the
//! parameter by its dotted path (`Operation.DocProcess.TgtType`) in every
//! error, and refuses parameters that are not documented — a typo such as
//! `Queueid` is an error, not a silently ignored option.

use crate::error::{Error, Result};
use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use std::fmt;

/// A JSON-like value: what a JS parameter object can hold.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Value {
    /// `null` or `undefined` (treated as absent).
    Null,
    Bool(bool),
    Number(f64),
    String(String),
    Array(Vec<Value>),
    /// Properties in their order.
    Object(Vec<(String, Value)>),
}

impl Value {
    /// What a user would call this value's type, for error messages.
    pub(crate) fn type_name(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "a boolean",
            Value::Number(_) => "a number",
            Value::String(_) => "a string",
            Value::Array(_) => "an array",
            Value::Object(_) => "an object",
        }
    }
}

/// Deepest nesting accepted in a parameter object (the deepest documented one
/// is 3: `Operation.DocProcess.TgtType`). Also what stops a cyclic JS object.
pub(crate) const MAX_DEPTH: usize = 32;

impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        deserializer.deserialize_any(ValueVisitor { depth: 0 })
    }
}

/// Deserializes one value at `depth`, refusing to go deeper than [`MAX_DEPTH`].
#[derive(Clone, Copy)]
struct ValueVisitor {
    depth: usize,
}

impl<'de> de::DeserializeSeed<'de> for ValueVisitor {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> std::result::Result<Value, D::Error> {
        if self.depth > MAX_DEPTH {
            return Err(de::Error::custom(format!("nested deeper than {MAX_DEPTH} levels (or cyclic)")));
        }
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON-like value")
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> std::result::Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> std::result::Result<Value, E> {
        Ok(Value::Number(v as f64))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> std::result::Result<Value, E> {
        Ok(Value::Number(v as f64))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> std::result::Result<Value, E> {
        Ok(Value::Number(v))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> std::result::Result<Value, E> {
        Ok(Value::String(v.to_string()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> std::result::Result<Value, E> {
        Ok(Value::String(v))
    }
    fn visit_unit<E: de::Error>(self) -> std::result::Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E: de::Error>(self) -> std::result::Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> std::result::Result<Value, D::Error> {
        de::DeserializeSeed::deserialize(self, d)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<Value, A::Error> {
        let inner = ValueVisitor { depth: self.depth + 1 };
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(inner)? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<Value, A::Error> {
        let inner = ValueVisitor { depth: self.depth + 1 };
        let mut entries: Vec<(String, Value)> = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            let value = map.next_value_seed(inner)?;
            entries.push((key, value));
        }
        Ok(Value::Object(entries))
    }
}

impl Value {
    /// Reads the compact encoding the JS shim writes for every argument that
    /// crosses into the wasm (`js/src/core.js`, `pack`) — no JSON parser and
    /// no float parsing in the wasm. One value is a tag and its content:
    /// `z` null, `t` / `f` a boolean, `s` text `\0`, `n` number text `\0` (as
    /// JS's `String(n)` writes a finite number), `a` values `]`, `o` (`k` key
    /// text `\0` value)… `}` (keys are tagged: a key may begin with any
    /// character, `}` included). In text, `\x01` escapes: `\x01 0` is NUL, `\x01 1` is
    /// `\x01`. Nesting deeper than [`MAX_DEPTH`], a stray byte or anything left
    /// over is `None`.
    pub(crate) fn from_packed(text: &str) -> Option<Value> {
        let mut reader = Packed { text, pos: 0 };
        let value = reader.value(0)?;
        (reader.pos == text.len()).then_some(value)
    }
}

impl Value {
    /// The packed encoding of this value (the fuzz targets' bridge from JSON
    /// to what the wasm reads). A number is written as what it is to the
    /// reader: an integer exactly, a fraction as one, a larger integer as one
    /// beyond 64 bits.
    pub(crate) fn to_packed(&self) -> String {
        fn text(s: &str, out: &mut String) {
            for c in s.chars() {
                match c {
                    '\0' => out.push_str("\u{1}0"),
                    '\u{1}' => out.push_str("\u{1}1"),
                    c => out.push(c),
                }
            }
            out.push('\0');
        }
        fn walk(v: &Value, out: &mut String) {
            match v {
                Value::Null => out.push('z'),
                Value::Bool(b) => out.push(if *b { 't' } else { 'f' }),
                Value::Number(n) => {
                    out.push('n');
                    let shown = if n.fract() == 0.0 && n.abs() < 9.2e18 {
                        (*n as i64).to_string()
                    } else if n.fract() != 0.0 {
                        "0.5".to_string()
                    } else {
                        "1e+21".to_string()
                    };
                    text(&if *n < 0.0 && !shown.starts_with('-') { format!("-{shown}") } else { shown }, out);
                }
                Value::String(s) => {
                    out.push('s');
                    text(s, out);
                }
                Value::Array(items) => {
                    out.push('a');
                    items.iter().for_each(|i| walk(i, out));
                    out.push(']');
                }
                Value::Object(entries) => {
                    out.push('o');
                    for (k, v) in entries {
                        out.push('k');
                        text(k, out);
                        walk(v, out);
                    }
                    out.push('}');
                }
            }
        }
        let mut out = String::new();
        walk(self, &mut out);
        out
    }
}

struct Packed<'t> {
    text: &'t str,
    pos: usize,
}

impl Packed<'_> {
    fn byte(&mut self) -> Option<u8> {
        let b = *self.text.as_bytes().get(self.pos)?;
        self.pos += 1;
        Some(b)
    }

    fn value(&mut self, depth: usize) -> Option<Value> {
        if depth > MAX_DEPTH {
            return None;
        }
        Some(match self.byte()? {
            b'z' => Value::Null,
            b't' => Value::Bool(true),
            b'f' => Value::Bool(false),
            b's' => Value::String(self.text()?),
            b'n' => Value::Number(number(&self.text()?)?),
            b'a' => {
                let mut items = Vec::new();
                while self.text.as_bytes().get(self.pos) != Some(&b']') {
                    items.push(self.value(depth + 1)?);
                }
                self.pos += 1;
                Value::Array(items)
            }
            b'o' => {
                let mut entries = Vec::new();
                loop {
                    match self.byte()? {
                        b'}' => break,
                        b'k' => {
                            let key = self.text()?;
                            entries.push((key, self.value(depth + 1)?));
                        }
                        _ => return None,
                    }
                }
                Value::Object(entries)
            }
            _ => return None,
        })
    }

    /// Text up to its `\0`, unescaped.
    fn text(&mut self) -> Option<String> {
        let rest = self.text.get(self.pos..)?;
        let end = rest.bytes().position(|b| b == 0)?;
        let raw = &rest[..end];
        self.pos += end + 1;
        if !raw.bytes().any(|b| b == 1) {
            return Some(raw.to_string());
        }
        let mut out = String::with_capacity(raw.len());
        let mut chars = raw.chars();
        while let Some(c) = chars.next() {
            out.push(match c {
                '\u{1}' => match chars.next()? {
                    '0' => '\0',
                    '1' => '\u{1}',
                    _ => return None,
                },
                c => c,
            });
        }
        Some(out)
    }
}

/// A number as JS's `String(n)` writes a finite one. Integers that fit 64
/// bits are exact; the value of any other number only matters for saying what
/// it is (see `format_number`), so a fraction reads as 0.5 and an integer
/// beyond 64 bits as ±1e19 — no float parsing in the wasm.
fn number(text: &str) -> Option<f64> {
    let (negative, digits) = match text.strip_prefix('-') {
        Some(d) => (true, d),
        None => (false, text),
    };
    let sign = if negative { -1.0 } else { 1.0 };
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        return Some(match digits.parse::<i64>() {
            Ok(n) => sign * n as f64,
            Err(_) => sign * 1e19,
        });
    }
    // `1.5`, `1e-7`, `1.5e+21`, `1e+21`: JS writes a fraction with `.` or `e-`, an integer
    // beyond 1e21 as `<digits>e+<digits>` (possibly with a `.` in the mantissa).
    let b = digits.as_bytes();
    let well_formed = !b.is_empty()
        && b[0].is_ascii_digit()
        && b.iter().all(|c| c.is_ascii_digit() || matches!(c, b'.' | b'e' | b'+' | b'-'));
    if !well_formed {
        return None;
    }
    // A positive exponent (`e+21`, or `e21` as other writers put it) is an integer past 64 bits.
    let positive_exponent = digits.split_once('e').is_some_and(|(_, e)| !e.starts_with('-'));
    Some(if positive_exponent { sign * 1e19 } else { sign * 0.5 })
}

/// Reads the properties of one parameter object.
///
/// Each getter marks its property as read; [`Fields::finish`] then refuses
/// any property that no getter asked for. Absent, `null` and `undefined`
/// properties are all "not given".
#[derive(Debug)]
pub(crate) struct Fields<'a> {
    /// Dotted path of this object (`""` at the top, `"Operation."` below).
    prefix: String,
    entries: &'a [(String, Value)],
    read: Vec<bool>,
    /// Every name a getter asked for, for "did you mean" hints.
    asked: Vec<&'static str>,
}

impl<'a> Fields<'a> {
    /// Reads `value` as an object; `what` names it in the error (e.g. `params`).
    pub(crate) fn top(value: &'a Value, what: &str) -> Result<Self> {
        match value {
            Value::Object(entries) => {
                Ok(Fields { prefix: String::new(), entries, read: vec![false; entries.len()], asked: Vec::new() })
            }
            Value::Null => Ok(Fields { prefix: String::new(), entries: &[], read: Vec::new(), asked: Vec::new() }),
            other => Err(Error::invalid(what, format!("must be an object (got {})", other.type_name()))),
        }
    }

    /// The dotted name of property `name`.
    pub(crate) fn path(&self, name: &str) -> String {
        format!("{}{name}", self.prefix)
    }

    /// The value of `name`, if given (not null/undefined).
    pub(crate) fn get(&mut self, name: &'static str) -> Option<&'a Value> {
        self.asked.push(name);
        let mut found = None;
        for (i, (key, value)) in self.entries.iter().enumerate() {
            if key == name {
                self.read[i] = true;
                if !matches!(value, Value::Null) {
                    found = Some(value);
                }
            }
        }
        found
    }

    /// An optional string.
    pub(crate) fn string(&mut self, name: &'static str) -> Result<Option<String>> {
        Ok(self.str(name)?.map(str::to_string))
    }

    /// An optional string, borrowed from the parameters.
    pub(crate) fn str(&mut self, name: &'static str) -> Result<Option<&'a str>> {
        match self.get(name) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s)),
            Some(other) => Err(self.wrong_type(name, "a string", other)),
        }
    }

    /// A required string (absent → `MissingArgument`).
    pub(crate) fn required_string(&mut self, name: &'static str) -> Result<String> {
        match self.string(name)? {
            Some(s) => Ok(s),
            None => Err(self.missing(name)),
        }
    }

    /// `MissingArgument` for `name` — unless the caller gave it with other
    /// letter case (`QueueID` for `QueueId`): then that key is what is wrong.
    #[cold]
    pub(crate) fn missing(&self, name: &str) -> Error {
        match self
            .entries
            .iter()
            .find(|(key, value)| key != name && key.eq_ignore_ascii_case(name) && *value != Value::Null)
        {
            Some((key, _)) => Error::invalid(self.path(key), format!("is not a parameter here (did you mean {name}?)")),
            None => Error::missing(self.path(name)),
        }
    }

    /// An optional integer in `min..=max`.
    pub(crate) fn integer(&mut self, name: &'static str, min: i64, max: i64) -> Result<Option<i64>> {
        match self.get(name) {
            None => Ok(None),
            Some(Value::Number(n)) => {
                if n.fract() != 0.0 || !n.is_finite() || *n < min as f64 || *n > max as f64 {
                    Err(Error::invalid(
                        self.path(name),
                        format!("must be an integer from {min} to {max} (got {})", format_number(*n)),
                    ))
                } else {
                    Ok(Some(*n as i64))
                }
            }
            Some(other) => Err(self.wrong_type(name, "an integer", other)),
        }
    }

    /// An optional `u32` (0 ..= u32::MAX).
    #[cfg(test)]
    pub(crate) fn u32(&mut self, name: &'static str) -> Result<Option<u32>> {
        Ok(self.integer(name, 0, u32::MAX as i64)?.map(|n| n as u32))
    }

    /// An optional boolean.
    pub(crate) fn boolean(&mut self, name: &'static str) -> Result<Option<bool>> {
        match self.get(name) {
            None => Ok(None),
            Some(Value::Bool(b)) => Ok(Some(*b)),
            Some(other) => Err(self.wrong_type(name, "a boolean", other)),
        }
    }

    /// An optional array of strings; absent → empty.
    pub(crate) fn strings(&mut self, name: &'static str) -> Result<Vec<String>> {
        match self.get(name) {
            None => Ok(Vec::new()),
            Some(Value::Array(items)) => items
                .iter()
                .enumerate()
                .map(|(i, item)| match item {
                    Value::String(s) => Ok(s.clone()),
                    other => Err(Error::invalid(
                        format!("{}[{i}]", self.path(name)),
                        format!("must be a string (got {})", other.type_name()),
                    )),
                })
                .collect(),
            Some(other) => Err(self.wrong_type(name, "an array of strings", other)),
        }
    }

    /// An optional string or array of strings (a single string is one item).
    pub(crate) fn string_or_strings(&mut self, name: &'static str) -> Result<Vec<String>> {
        match self.get(name) {
            Some(Value::String(s)) => Ok(vec![s.clone()]),
            Some(Value::Array(_)) => self.strings(name),
            None => Ok(Vec::new()),
            Some(other) => Err(self.wrong_type(name, "a string or an array of strings", other)),
        }
    }

    /// An optional nested object.
    pub(crate) fn object(&mut self, name: &'static str) -> Result<Option<Fields<'a>>> {
        match self.get(name) {
            None => Ok(None),
            Some(Value::Object(entries)) => Ok(Some(Fields {
                prefix: format!("{}{name}.", self.prefix),
                entries,
                read: vec![false; entries.len()],
                asked: Vec::new(),
            })),
            Some(other) => Err(self.wrong_type(name, "an object", other)),
        }
    }

    /// A required nested object.
    #[cfg(test)]
    pub(crate) fn required_object(&mut self, name: &'static str) -> Result<Fields<'a>> {
        match self.object(name)? {
            Some(f) => Ok(f),
            None => Err(self.missing(name)),
        }
    }

    /// The raw properties of an optional nested object (for free-form maps
    /// such as `Query` and `Headers`).
    pub(crate) fn map(&mut self, name: &'static str) -> Result<&'a [(String, Value)]> {
        match self.get(name) {
            None => Ok(&[]),
            Some(Value::Object(entries)) => Ok(entries),
            Some(other) => Err(self.wrong_type(name, "an object", other)),
        }
    }

    /// Ignores `name` if present (accepted for compatibility, not used).
    pub(crate) fn ignore(&mut self, name: &'static str) {
        self.get(name);
    }

    /// Refuses any property no getter read.
    pub(crate) fn finish(self) -> Result<()> {
        let unknown = self.entries.iter().zip(&self.read).find(|((_, value), read)| !**read && *value != Value::Null);
        match unknown {
            None => Ok(()),
            Some(((key, _), _)) => {
                let hint = match closest(key, &self.asked) {
                    Some(name) => format!(" (did you mean {name}?)"),
                    None => String::new(),
                };
                Err(Error::invalid(self.path(key), format!("is not a parameter here{hint}")))
            }
        }
    }

    #[cold]
    fn wrong_type(&self, name: &str, expected: &str, got: &Value) -> Error {
        Error::invalid(self.path(name), format!("must be {expected} (got {})", got.type_name()))
    }
}

/// A number for an error message: an integer exactly; otherwise what kind of number it
/// is (the crate has no float formatting: it would be most of the wasm's size).
fn format_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 9.2e18 {
        (n as i64).to_string()
    } else if !n.is_finite() {
        "a number that is not finite".to_string()
    } else if n.fract() != 0.0 {
        "a number with a fraction".to_string()
    } else {
        "a number beyond 64 bits".to_string()
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
    fn reads_typed_fields_and_names_nested_paths() {
        let v = value(r#"{"A":"x","N":3,"O":{"B":[1]},"Z":null}"#);
        let mut f = Fields::top(&v, "params").unwrap();
        assert_eq!(f.string("A").unwrap().as_deref(), Some("x"));
        assert_eq!(f.u32("N").unwrap(), Some(3));
        assert_eq!(f.string("Missing").unwrap(), None);
        let mut o = f.required_object("O").unwrap();
        let e = o.strings("B").unwrap_err();
        assert_eq!((e.code(), e.field()), (ErrorCode::InvalidArgument, Some("O.B[0]")));
        o.ignore("B");
        o.finish().unwrap();
        f.finish().unwrap();
    }

    #[test]
    fn refuses_wrong_types_ranges_and_unknown_properties() {
        let v = value(r#"{"N":-1,"F":1.5,"S":5,"Queueid":"x"}"#);
        let mut f = Fields::top(&v, "params").unwrap();
        let e = f.u32("N").unwrap_err();
        assert_eq!(e.field(), Some("N"));
        assert!(e.message().contains("from 0 to 4294967295 (got -1)"), "{}", e.message());
        assert!(f.u32("F").unwrap_err().message().contains("(got a number with a fraction)"));
        assert_eq!(f.string("S").unwrap_err().message(), "S: must be a string (got a number)");
        // A field that could break or hide the line is quoted where the message names it.
        let v = value(r#"{"a\nb":1}"#);
        let e = Fields::top(&v, "params").unwrap().finish().unwrap_err();
        assert_eq!((e.field(), e.message()), (Some("a\nb"), r#""a\nb": is not a parameter here"#));
        f.ignore("QueueId");
        let e = f.finish().unwrap_err();
        assert_eq!((e.code(), e.field()), (ErrorCode::InvalidArgument, Some("Queueid")));
        assert_eq!(e.message(), "Queueid: is not a parameter here (did you mean QueueId?)");
        // Not only letter case: the nearest name within a few edits.
        let names = ["State", "QueueIds", "PageNumber", "PageSize", "NotifyConfig"];
        for (typo, meant) in [
            ("Stat", Some("State")),
            ("Sttae", Some("State")),
            ("QueueId", Some("QueueIds")),
            ("pagesize", Some("PageSize")),
            ("PageNumbr", Some("PageNumber")),
            ("NotifyConf", Some("NotifyConfig")),
            ("Nope", None),
            ("X", None),
            ("Size", None),
        ] {
            assert_eq!(closest(typo, &names), meant, "{typo}");
        }
        let e = Fields::top(&value("[1]"), "params").unwrap_err();
        assert_eq!(e.field(), Some("params"));
        // A required field given with other letter case is named as the mistake.
        let v = value(r#"{"QueueID":"p1"}"#);
        let e = Fields::top(&v, "params").unwrap().required_string("QueueId").unwrap_err();
        assert_eq!((e.code(), e.field()), (crate::ErrorCode::InvalidArgument, Some("QueueID")));
        assert_eq!(e.message(), "QueueID: is not a parameter here (did you mean QueueId?)");
        let v = value(r#"{"input":{}}"#);
        let e = Fields::top(&v, "params").unwrap().required_object("Input").unwrap_err();
        assert_eq!(e.field(), Some("input"));
    }

    #[test]
    fn nesting_is_bounded() {
        let deep = format!("{}1{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert!(serde_json::from_str::<Value>(&deep).is_ok());
        let deeper = format!("{}1{}", "[".repeat(MAX_DEPTH + 1), "]".repeat(MAX_DEPTH + 1));
        assert!(serde_json::from_str::<Value>(&deeper).is_err());
    }

    #[test]
    fn required_fields_say_missing() {
        let v = value(r#"{"A":null}"#);
        let mut f = Fields::top(&v, "params").unwrap();
        let e = f.required_string("A").unwrap_err();
        assert_eq!((e.code(), e.field()), (ErrorCode::MissingArgument, Some("A")));
    }
}

/// The name `key` most likely meant: one that differs only in letter case,
/// else the nearest by edit distance (insertions, deletions, substitutions
/// and swaps of neighbours, ignoring case) when it is close — at most one
/// edit for names up to five letters, two up to eleven, three beyond
/// (`Stat` → `State`, `QueueIds` → `QueueId`, not `Nope` → `Name`).
pub(crate) fn closest<'n>(key: &str, names: &[&'n str]) -> Option<&'n str> {
    if let Some(name) = names.iter().find(|name| name.eq_ignore_ascii_case(key)) {
        return Some(name);
    }
    let allowed = match key.chars().count() {
        0..=5 => 1,
        6..=11 => 2,
        _ => 3,
    };
    names
        .iter()
        .filter(|name| name.len().abs_diff(key.len()) <= allowed)
        .map(|name| (edit_distance(key, name), *name))
        .filter(|(d, _)| *d <= allowed)
        .min_by_key(|(d, _)| *d)
        .map(|(_, name)| name)
}

/// Optimal-string-alignment distance between `a` and `b`, ignoring ASCII case.
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().map(|c| c.to_ascii_lowercase()).collect();
    let b: Vec<char> = b.chars().map(|c| c.to_ascii_lowercase()).collect();
    let width = b.len() + 1;
    let mut d = vec![0usize; (a.len() + 1) * width];
    for i in 0..=a.len() {
        for j in 0..=b.len() {
            d[i * width + j] = if i == 0 {
                j
            } else if j == 0 {
                i
            } else {
                let cost = usize::from(a[i - 1] != b[j - 1]);
                let mut best =
                    (d[(i - 1) * width + j] + 1).min(d[i * width + j - 1] + 1).min(d[(i - 1) * width + j - 1] + cost);
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    best = best.min(d[(i - 2) * width + j - 2] + 1);
                }
                best
            };
        }
    }
    d[a.len() * width + b.len()]
}

#[cfg(test)]
mod packed_tests {
    use super::*;

    #[test]
    fn reads_what_the_shim_writes() {
        assert_eq!(Value::from_packed("z"), Some(Value::Null));
        assert_eq!(
            Value::from_packed("oka\0n1\0kb\0atfz]kc\0sx\x010y\x011\0}"),
            Some(Value::Object(vec![
                ("a".into(), Value::Number(1.0)),
                ("b".into(), Value::Array(vec![Value::Bool(true), Value::Bool(false), Value::Null])),
                ("c".into(), Value::String("x\0y\x01".into())),
            ]))
        );
        // Numbers as JS writes them: exact integers, and what any other number is.
        for (text, n) in [("0", 0.0), ("-7", -7.0), ("4294967296", 4294967296.0), ("1.5", 0.5), ("-1e-7", -0.5)] {
            assert_eq!(Value::from_packed(&format!("n{text}\0")), Some(Value::Number(n)), "{text}");
        }
        for text in ["1e+21", "1e21", "99999999999999999999", "1.5e+300"] {
            assert_eq!(
                format_number(match Value::from_packed(&format!("n{text}\0")) {
                    Some(Value::Number(n)) => n,
                    other => panic!("{text}: {other:?}"),
                }),
                "a number beyond 64 bits",
                "{text}"
            );
        }
        // Malformed: a stray tag, text without its end, an unknown escape, an unclosed list,
        // left-over bytes, a number that is not one, nesting past MAX_DEPTH.
        for bad in ["x", "sab", "sa\x012\0", "at", "zz", "n1x\0", "n\0", "o", "a", "oa\0z}", "okx\0"] {
            assert_eq!(Value::from_packed(bad), None, "{bad:?}");
        }
        let deep = |n: usize| format!("{}z{}", "a".repeat(n), "]".repeat(n));
        assert!(Value::from_packed(&deep(MAX_DEPTH)).is_some());
        assert!(Value::from_packed(&deep(MAX_DEPTH + 1)).is_none());
        // A key may begin with `}` (found by the build_request fuzz target).
        assert_eq!(Value::from_packed("ok}}a\0z}"), Some(Value::Object(vec![("}}a".into(), Value::Null)])));
    }
}
