//! Reading a response into JSON by its schema: what the wasm parsers return.
//!
//! A [`Record`] is read by the [`Field`] table that [`schema!`] writes for
//! each output struct, under exactly the typed decoder's rules (the two share
//! [`children`], [`text`] and [`FromText`]), and serialises to the JSON the
//! typed value does: the same members in the same order, with the same
//! numbers. Leaves borrow the body where they can; nothing is typed, so one
//! copy of this code serves every operation instead of a decoder and a
//! serializer per struct (the wasm is that much smaller).
//! The tests below, every XML vector and JS capture (`tests/xml_vectors.rs`),
//! a property test (`tests/props.rs`) and the `parse_response` fuzz target
//! check that it agrees with the typed path, output text and errors alike.
//!
//! [`schema!`]: super::decode::schema

use super::decode::{children, missing, repeated_error, text, At, Field, FromText, Kind};
use super::Reader;
use crate::bindings::value::Value;
use crate::error::{Error, Result};
use serde::ser::{Serialize, SerializeMap, Serializer};
use std::borrow::Cow;

/// The members of one element, by its schema.
#[derive(Debug)]
pub(crate) struct Record<'a> {
    fields: &'static [Field],
    /// One per field; a field that shares its member with an earlier one
    /// ([`Field::slot`]) leaves its own unused.
    slots: Vec<Slot<'a>>,
}

#[derive(Debug)]
enum Slot<'a> {
    Unset,
    Text(Cow<'a, str>),
    Int(i64),
    Record(Record<'a>),
    List(Vec<Slot<'a>>),
}

impl<'a> Record<'a> {
    /// A record with no member set: lists empty, everything else absent (the
    /// typed `Default`).
    pub(crate) fn empty(fields: &'static [Field]) -> Self {
        let slots = fields
            .iter()
            .map(|f| match f.kind {
                Kind::NodeList(_) | Kind::TextList => Slot::List(Vec::new()),
                _ => Slot::Unset,
            })
            .collect();
        Record { fields, slots }
    }

    /// Whether the list member `key` holds no item (false for any other member).
    pub(crate) fn is_empty_list(&self, key: &str) -> bool {
        self.fields
            .iter()
            .position(|f| f.key == key)
            .is_some_and(|i| matches!(&self.slots[self.fields[i].slot], Slot::List(items) if items.is_empty()))
    }

    /// Whether member `key` is set.
    pub(crate) fn has(&self, key: &str) -> bool {
        self.fields
            .iter()
            .position(|f| f.key == key)
            .is_some_and(|i| !matches!(self.slots[self.fields[i].slot], Slot::Unset))
    }

    /// Reads the element whose start tag was just read (at `at`) through its
    /// end tag. `None` when it has no child elements.
    pub(crate) fn read(r: &mut Reader<'a>, at: At<'_>, fields: &'static [Field]) -> Result<Option<Self>> {
        let mut record = Record::empty(fields);
        let any = children(r, at, fields, &mut |index, r, at, repeated| record.read_field(index, r, at, repeated))?;
        Ok(any.then_some(record))
    }

    fn read_field(&mut self, index: usize, r: &mut Reader<'a>, at: At<'_>, repeated: bool) -> Result<()> {
        let field = &self.fields[index];
        let slot = &mut self.slots[field.slot];
        match field.kind {
            Kind::NodeList(fields) => {
                if let (Some(record), Slot::List(list)) = (Record::read(r, at, fields)?, slot) {
                    list.push(Slot::Record(record));
                }
            }
            Kind::TextList => {
                let text = text(r, at)?;
                if let (false, Slot::List(list)) = (text.is_empty(), slot) {
                    list.push(Slot::Text(text));
                }
            }
            _ if repeated => return Err(repeated_error(at)),
            Kind::Node(fields) => *slot = Record::read(r, at, fields)?.map_or(Slot::Unset, Slot::Record),
            kind => {
                let text = text(r, at)?;
                if text.is_empty() && field.required {
                    return Err(missing(at));
                }
                if !text.is_empty() {
                    match kind {
                        Kind::U32 => *slot = Slot::Int(number::<u32>(&text, at)?.into()),
                        Kind::I32 => *slot = Slot::Int(number::<i32>(&text, at)?.into()),
                        Kind::Text => *slot = Slot::Text(text),
                        // Read and checked as text above; never output.
                        _ => {}
                    }
                }
            }
        }
        Ok(())
    }
}

impl Record<'static> {
    /// Reads the JSON form of an element (a notification sent with
    /// `ResultFormat=JSON`, parsed by the caller) by the same schema, as a
    /// reasonable reader takes it: a member is its tag; a list may be one
    /// object or an array; numbers may come as strings and texts as numbers;
    /// `null` and `""` are absent, as an empty element is. Anything else of
    /// the wrong type is `InvalidResponse` naming the path (`path` is the
    /// element's). `None` when the object has no member the schema knows.
    pub(crate) fn from_value(value: &Value, fields: &'static [Field], path: &str) -> Result<Option<Self>> {
        let Value::Object(members) = value else {
            return Err(Error::invalid_response(path, format!("must be an object (got {})", value.type_name())));
        };
        let mut record = Record::empty(fields);
        let mut any = false;
        for (key, value) in members {
            let Some(index) = fields.iter().position(|f| f.tag == key.as_str()) else { continue };
            any = true;
            let field = &fields[index];
            let at = format!("{path}.{key}");
            let slot = &mut record.slots[field.slot];
            match field.kind {
                Kind::NodeList(inner) => {
                    let items: &[Value] = match value {
                        Value::Array(items) => items,
                        Value::Null => &[],
                        one => std::slice::from_ref(one),
                    };
                    for item in items {
                        if let (Some(r), Slot::List(list)) = (Record::from_value(item, inner, &at)?, &mut *slot) {
                            list.push(Slot::Record(r));
                        }
                    }
                }
                Kind::TextList => {
                    let items: &[Value] = match value {
                        Value::Array(items) => items,
                        one => std::slice::from_ref(one),
                    };
                    for item in items {
                        if let (Some(text), Slot::List(list)) = (json_text(item, &at)?, &mut *slot) {
                            list.push(Slot::Text(Cow::Owned(text)));
                        }
                    }
                }
                Kind::Node(inner) => *slot = Record::from_value(value, inner, &at)?.map_or(Slot::Unset, Slot::Record),
                kind => {
                    let Some(text) = json_text(value, &at)? else { continue };
                    let at = At::root(&at);
                    match kind {
                        Kind::U32 => *slot = Slot::Int(number::<u32>(&text, at)?.into()),
                        Kind::I32 => *slot = Slot::Int(number::<i32>(&text, at)?.into()),
                        Kind::Text => *slot = Slot::Text(Cow::Owned(text)),
                        _ => {}
                    }
                }
            }
        }
        if !any {
            return Ok(None);
        }
        // What the service always returns must be there, as in the XML form.
        for (index, field) in fields.iter().enumerate() {
            if field.required && field.slot == index && matches!(record.slots[index], Slot::Unset) {
                return Err(missing(At::root(&format!("{path}.{}", field.tag))));
            }
        }
        Ok(Some(record))
    }
}

/// A JSON leaf as text: a string, or an integer written out; `None` for
/// `null` and `""`.
fn json_text(value: &Value, path: &str) -> Result<Option<String>> {
    match value {
        Value::Null => Ok(None),
        Value::String(s) if s.is_empty() => Ok(None),
        Value::String(s) => Ok(Some(s.clone())),
        Value::Number(n) if n.fract() == 0.0 && n.abs() < 9.007_199_254_740_992e15 => Ok(Some((*n as i64).to_string())),
        other => Err(Error::invalid_response(path, format!("must be text or an integer (got {})", other.type_name()))),
    }
}

fn number<T: FromText>(text: &str, at: At<'_>) -> Result<T> {
    T::from_text(text).map_err(|m| Error::invalid_response(at.render(), m))
}

impl Serialize for Record<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(None)?;
        for (index, (field, slot)) in self.fields.iter().zip(&self.slots).enumerate() {
            // A hidden field's slot is never set; an alias leaves its own unused.
            if field.slot == index && !matches!(slot, Slot::Unset) {
                map.serialize_entry(field.key, slot)?;
            }
        }
        map.end()
    }
}

impl Serialize for Slot<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        match self {
            Slot::Unset => s.serialize_unit(),
            Slot::Text(text) => s.serialize_str(text),
            Slot::Int(n) => s.serialize_i64(*n),
            Slot::Record(record) => record.serialize(s),
            Slot::List(list) => s.collect_seq(list),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::doc_job::{CreateDocProcessJobsOutput, DescribeDocProcessJobOutput, DescribeDocProcessJobsOutput};
    use crate::api::queue::{DescribeQueuesOutput, UpdateQueueOutput};
    use crate::error::ErrorCode;
    use crate::response::{parse_record, parse_response, RawResponse};
    use crate::xml::decode::FromXml;

    /// Every element a schema names that `keep` keeps (by index), `variant`
    /// picking the values: lists twice (and once empty), texts that need
    /// escaping in JSON, numbers with XML whitespace, nested structs all the
    /// way down.
    fn sample(fields: &[Field], variant: usize, keep: fn(usize) -> bool, out: &mut String) {
        for (i, f) in fields.iter().enumerate().filter(|(i, f)| keep(*i) || f.required) {
            let tag = f.tag;
            let mut leaf = |text: &str| out.push_str(&format!("<{tag}>{text}</{tag}>"));
            match f.kind {
                Kind::Text | Kind::Hidden => leaf(&format!(" {tag}&amp;&lt;\"\\é\t{variant}{i}\n")),
                Kind::U32 => leaf(&format!("\n {}\t", 4_294_967_295u32 - (variant * 7 + i) as u32)),
                Kind::I32 => leaf(&format!("-{}", 2_147_483_648u32 - (variant + i) as u32)),
                Kind::TextList => {
                    leaf(&format!("a{variant}"));
                    leaf("");
                    leaf(&format!("b{i}"));
                }
                Kind::Node(inner) => {
                    out.push_str(&format!("<{tag}>"));
                    sample(inner, variant + 1, keep, out);
                    out.push_str(&format!("</{tag}>"));
                }
                Kind::NodeList(inner) => {
                    for v in [variant + 1, variant + 2] {
                        out.push_str(&format!("<{tag}><Unknown>u</Unknown>"));
                        sample(inner, v, keep, out);
                        out.push_str(&format!("</{tag}>"));
                    }
                    out.push_str(&format!("<{tag}/><{tag}>text only</{tag}>"));
                }
            }
        }
    }

    /// An error as both paths must agree on it: code, field, message.
    type Failure = (ErrorCode, Option<String>, String);
    /// One output's check: status and body in, its JSON out.
    type Both = dyn Fn(u16, &str) -> std::result::Result<String, Failure>;

    /// Parses by both paths, asserts they agree, and gives the JSON.
    fn both<T: FromXml + serde::Serialize>(status: u16, body: &str) -> std::result::Result<String, Failure> {
        let r = RawResponse::new(status, body);
        let typed = parse_response::<T>(&r).map(|v| serde_json::to_string(&v).unwrap());
        let record = parse_record(&r, T::FIELDS).map(|v| serde_json::to_string(&v).unwrap());
        let key = |e: Error| (e.code(), e.field().map(str::to_string), e.message().to_string());
        let (typed, record) = (typed.map_err(key), record.map_err(key));
        assert_eq!(typed, record, "typed and record paths differ on {body}");
        typed
    }

    fn every_output(check: &mut dyn FnMut(&'static str, &'static [Field], &Both)) {
        check("DescribeQueuesOutput", DescribeQueuesOutput::FIELDS, &both::<DescribeQueuesOutput>);
        check("UpdateQueueOutput", UpdateQueueOutput::FIELDS, &both::<UpdateQueueOutput>);
        check("CreateDocProcessJobsOutput", CreateDocProcessJobsOutput::FIELDS, &both::<CreateDocProcessJobsOutput>);
        check("DescribeDocProcessJobOutput", DescribeDocProcessJobOutput::FIELDS, &both::<DescribeDocProcessJobOutput>);
        check(
            "DescribeDocProcessJobsOutput",
            DescribeDocProcessJobsOutput::FIELDS,
            &both::<DescribeDocProcessJobsOutput>,
        );
    }

    #[test]
    fn every_member_matches_the_typed_json() {
        every_output(&mut |name, fields, both| {
            let mut body = String::from("<Response>");
            sample(fields, 0, |_| true, &mut body);
            body.push_str("</Response>");
            let json = both(200, &body).unwrap_or_else(|e| panic!("{name}: {e:?}"));
            // Half the members at every level (absent, never null, on both paths).
            for keep in [|i| i % 2 == 0, |i| i % 2 == 1] as [fn(usize) -> bool; 2] {
                let mut body = String::from("<Response>");
                sample(fields, 3, keep, &mut body);
                body.push_str("</Response>");
                both(200, &body).unwrap_or_else(|e| panic!("{name}: {e:?}"));
            }
            // Every member was filled (lists twice): nothing in the schema is unread,
            // and the secret is not output.
            assert!(!json.contains(":[]") && !json.contains("DocPassword"), "{name}: {json}");
            assert!(json.contains(":42949672") && json.contains("\\\"\\\\é\\t"), "{name}: {json}");
            // Empty and absent.
            for body in ["<Response/>", "<Response>text</Response>", "<Response><Z/></Response>"] {
                both(200, body).unwrap();
            }
        });
        let json = both::<DescribeDocProcessJobsOutput>(200, "<Response><JobsDetail><JobId>j</JobId><State>Running</State><Operation><DocProcess><DocPassword>pw</DocPassword></DocProcess></Operation></JobsDetail></Response>").unwrap();
        assert_eq!(json, r#"{"JobsDetail":[{"JobId":"j","State":"Running","Operation":{"DocProcess":{}}}]}"#);
    }

    #[test]
    fn members_the_service_always_returns_must_be_there() {
        let job = |inner: &str| format!("<Response><JobsDetail>{inner}<Tag>DocProcess</Tag></JobsDetail></Response>");
        for (body, field) in [
            (job("<State>Success</State>"), "Response.JobsDetail.JobId"),
            (job("<JobId/><State>Success</State>"), "Response.JobsDetail.JobId"),
            (job("<JobId>j</JobId>"), "Response.JobsDetail.State"),
            (job("<JobId>j</JobId><State></State>"), "Response.JobsDetail.State"),
        ] {
            for e in [
                both::<DescribeDocProcessJobOutput>(200, &body).unwrap_err(),
                both::<CreateDocProcessJobsOutput>(200, &body).unwrap_err(),
            ] {
                assert_eq!((e.0, e.1.as_deref()), (ErrorCode::InvalidResponse, Some(field)), "{body}");
                assert!(e.2.contains("always returns"), "{}", e.2);
            }
        }
        let e = both::<DescribeQueuesOutput>(200, "<Response><QueueList><Name>n</Name></QueueList></Response>")
            .unwrap_err();
        assert_eq!(e.1.as_deref(), Some("Response.QueueList.QueueId"));
        // A list item with no child element at all is no item (as before).
        assert_eq!(
            both::<DescribeQueuesOutput>(200, "<Response><QueueList/></Response>").unwrap(),
            r#"{"QueueList":[],"NonExistPIDs":[]}"#
        );
    }

    #[test]
    fn two_tags_fill_one_member_the_last_set_wins() {
        let page = |inner: &str| {
            format!("<Response><JobsDetail><JobId>j</JobId><State>Success</State><Operation><DocProcessResult><PageInfo>{inner}</PageInfo></DocProcessResult></Operation></JobsDetail></Response>")
        };
        for (inner, expected) in [
            ("<X-SheetPics>1</X-SheetPics><XSheetPics>2</XSheetPics>", Some("2")),
            ("<XSheetPics>2</XSheetPics><X-SheetPics>1</X-SheetPics>", Some("1")),
            ("<XSheetPics>2</XSheetPics><X-SheetPics/>", Some("2")),
            ("<X-SheetPics/><PageNo>3</PageNo>", None),
        ] {
            let json = both::<DescribeDocProcessJobOutput>(200, &page(inner)).unwrap();
            let value: serde_json::Value = serde_json::from_str(&json).unwrap();
            let sheet_pics = &value["JobsDetail"][0]["Operation"]["DocProcessResult"]["PageInfo"][0]["XSheetPics"];
            assert_eq!(sheet_pics.as_u64().map(|n| n.to_string()).as_deref(), expected, "{inner}");
        }
        let e = both::<DescribeDocProcessJobOutput>(200, &page("<XSheetPics>1</XSheetPics><XSheetPics>2</XSheetPics>"));
        assert_eq!(
            e.unwrap_err().1.as_deref(),
            Some("Response.JobsDetail.Operation.DocProcessResult.PageInfo.XSheetPics")
        );
    }

    #[test]
    fn errors_match_the_typed_path() {
        every_output(&mut |name, fields, both| {
            let first_leaf = fields.iter().find(|f| matches!(f.kind, Kind::Text)).unwrap().tag;
            for body in [
                format!("<Response><{first_leaf}>a</{first_leaf}><{first_leaf}>b</{first_leaf}></Response>"),
                format!("<Response><{first_leaf}><X/></{first_leaf}></Response>"),
                format!("<Response><{first_leaf}>a</{first_leaf}><Bad></Response>"),
                "<Response><QueueList><MaxSize>-1</MaxSize></QueueList><Queue><MaxConcurrent>x</MaxConcurrent></Queue></Response>".into(),
                "<Response><JobsDetail><Operation><DocProcess><SheetId>2147483648</SheetId></DocProcess></Operation></JobsDetail></Response>".into(),
                "<Response><JobsDetail><Input/><Input/></JobsDetail></Response>".into(),
                "<Response><QueueList><MaxSize> \n </MaxSize><MaxSize/></QueueList></Response>".into(),
                "<Response><QueueList><MaxSize><X/></MaxSize></QueueList></Response>".into(),
                "<Response><JobsDetail><Operation><DocProcess><DocPassword>a</DocPassword><DocPassword/></DocProcess></Operation></JobsDetail></Response>".into(),
                "<Response><JobsDetail><Operation><DocProcess><DocPassword><X/></DocPassword></DocProcess></Operation></JobsDetail></Response>".into(),
                "<Response><NonExistPIDs><X/></NonExistPIDs><NonExistJobIds>a<X/></NonExistJobIds></Response>".into(),
                "<Error><Code>E</Code><Message>m</Message></Error>".into(),
                "<Other/>".into(),
                "not xml".into(),
            ] {
                let _ = both(200, &body);
                let _ = both(503, &body);
            }
            assert!(both(200, "<Response><Queue><Queue>").is_err(), "{name}");
        });
    }
}
