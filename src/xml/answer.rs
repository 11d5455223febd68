//! Answers written by an output's schema — the parsers' tables read the other
//! way round. The local emulator (`emulator/`) answers DescribeDocProcessJob(s)
//! and CreateDocProcessJobs and sends its TaskFinish notifications with this,
//! so that what it sends has exactly the elements the parsers read, in the
//! schema's order, from the same table. Native builds only (the wasm does not
//! write answers).

use super::decode::{Field, Kind};
use quick_xml::escape::partial_escape;
use serde_json::{Map, Value};

/// Writes the members of `value` — an object keyed as the parser outputs the
/// schema's struct (`Field::key`) — as the child elements `fields` name, in
/// the schema's order. A member the schema does not have, or whose JSON type
/// does not fit its kind, is an error naming it: the emulator cannot send what
/// no parser reads.
pub(crate) fn write(out: &mut String, fields: &[Field], value: &Map<String, Value>) -> Result<(), String> {
    if let Some(key) = value.keys().find(|k| !fields.iter().any(|f| f.key == k.as_str())) {
        return Err(format!("{key} is not a member of the schema"));
    }
    for (i, field) in fields.iter().enumerate() {
        // A second tag of one member (`"XSheetPics" | "X-SheetPics"`): the first is written.
        if field.slot != i {
            continue;
        }
        let Some(member) = value.get(field.key) else { continue };
        match (field.kind, member) {
            (Kind::Node(inner), Value::Object(m)) => element(out, field.tag, |out| write(out, inner, m))?,
            (Kind::NodeList(inner), Value::Array(items)) => {
                for item in items {
                    let Value::Object(m) = item else { return Err(format!("{}: items must be objects", field.key)) };
                    element(out, field.tag, |out| write(out, inner, m))?;
                }
            }
            (Kind::TextList, Value::Array(items)) => {
                for item in items {
                    leaf(out, field.tag, item).ok_or_else(|| format!("{}: items must be texts", field.key))?;
                }
            }
            (Kind::Text | Kind::Hidden | Kind::U32 | Kind::I32, leaf_value) => {
                leaf(out, field.tag, leaf_value).ok_or_else(|| format!("{}: must be a text or a number", field.key))?
            }
            (_, _) => return Err(format!("{}: does not fit the schema", field.key)),
        }
    }
    Ok(())
}

fn element(out: &mut String, tag: &str, body: impl FnOnce(&mut String) -> Result<(), String>) -> Result<(), String> {
    out.push('<');
    out.push_str(tag);
    out.push('>');
    body(out)?;
    out.push_str("</");
    out.push_str(tag);
    out.push('>');
    Ok(())
}

fn leaf(out: &mut String, tag: &str, value: &Value) -> Option<()> {
    let text = match value {
        Value::String(s) => partial_escape(s).into_owned(),
        Value::Number(n) => n.to_string(),
        _ => return None,
    };
    element(out, tag, |out| {
        out.push_str(&text);
        Ok(())
    })
    .ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::doc_job::{DescribeDocProcessJobOutput, JobDetail};
    use crate::response::{parse_response, RawResponse};
    use crate::xml::decode::FromXml;

    fn job() -> Value {
        serde_json::json!({
            "Code": "Success", "Message": "", "JobId": "d1", "Tag": "DocProcess", "State": "Success",
            "Input": { "Region": "ap-guangzhou", "Bucket": "b-1250000000", "Object": "a & b.docx" },
            "Operation": {
                "Output": { "Region": "ap-guangzhou", "Bucket": "b-1250000000", "Object": "o/${Number}.png" },
                "DocProcess": { "TgtType": "png", "StartPage": 1, "PageRanges": "1,3" },
                "DocProcessResult": { "PageInfo": [{ "PageNo": 1, "TgtUri": "o/1.png", "XSheetPics": 1 }], "TotalPageCount": 2 },
            },
        })
    }

    #[test]
    fn what_is_written_parses_back_to_the_same_members() {
        let mut body = String::from("<Response><JobsDetail>");
        write(&mut body, JobDetail::FIELDS, job().as_object().unwrap()).unwrap();
        body.push_str("</JobsDetail></Response>");
        // The first tag of a member with two (`XSheetPics`, also read as `X-SheetPics`).
        assert!(body.contains("<Object>a &amp; b.docx</Object>") && body.contains("<XSheetPics>1</XSheetPics>"));
        let parsed: DescribeDocProcessJobOutput = parse_response(&RawResponse::new(200, &body)).unwrap();
        let back = serde_json::to_value(&parsed.jobs_detail[0]).unwrap();
        let mut want = job();
        want["Message"] = Value::Null; // an empty element is absent
        want["Operation"]["DocProcessResult"]["PageInfo"][0]["XSheetPics"] = 1.into();
        for key in ["JobId", "State", "Input", "Operation"] {
            assert_eq!(back[key], want[key], "{key}");
        }
    }

    #[test]
    fn members_outside_the_schema_are_refused() {
        let mut out = String::new();
        let mut j = job();
        j["Operation"]["DocProcess"]["Colour"] = "red".into();
        assert_eq!(
            write(&mut out, JobDetail::FIELDS, j.as_object().unwrap()).unwrap_err(),
            "Colour is not a member of the schema"
        );
        let mut out = String::new();
        assert!(write(&mut out, JobDetail::FIELDS, serde_json::json!({ "Input": "x" }).as_object().unwrap()).is_err());
    }
}
