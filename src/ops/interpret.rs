//! The one routine that turns any operation's parameters into its request,
//! by the table alone: read (types, names, required), then check (rules,
//! required-when, cross-field checks), then write (path, query, body).
//!
//! Errors come in this order: a parameter of the wrong type, an unknown
//! name, an integer out of range or a value outside its enumeration (while
//! reading); then the signing inputs (checked by the caller in between); then,
//! in table order, each parameter's presence and text rule, and last the
//! cross-field checks. (Before the table, the per-operation builders ordered
//! some of these differently for inputs with several faults: which error wins
//! then may differ; each fault alone gives the same code and field.)

use super::{Check, Need, Node, Op, Param, Service, Source, Text, Ty, SPREADSHEET_TYPES};
use crate::bindings::value::{Fields, Value};
use crate::descriptor::RequestDescriptor;
use crate::endpoint::{validate_bucket, validate_region, Endpoint};
use crate::error::{quote, Error, Result};
use crate::validate;
use crate::xml::write::XmlWriter;
use std::borrow::Cow;

/// A value read from the parameters.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Got<'a> {
    Text(Cow<'a, str>),
    Int(i64),
    /// A list of ids (sent comma-joined).
    List(Vec<String>),
    /// An object was given at this path.
    Object,
}

/// The parameters of one call, read: `(path, value)` in reading order.
#[derive(Debug, Default)]
pub(crate) struct Read<'a> {
    values: Vec<(String, Got<'a>)>,
}

impl<'a> Read<'a> {
    fn get(&self, path: &str) -> Option<&Got<'a>> {
        self.values.iter().find(|(p, _)| p == path).map(|(_, v)| v)
    }

    fn text(&self, path: &str) -> Option<&str> {
        match self.get(path) {
            Some(Got::Text(t)) => Some(t),
            _ => None,
        }
    }

    fn int(&self, path: &str) -> Option<i64> {
        match self.get(path) {
            Some(Got::Int(n)) => Some(*n),
            _ => None,
        }
    }

    /// The value at `path` as sent: text as it is, integers in decimal.
    fn wire(&self, path: &str) -> Option<Cow<'_, str>> {
        match self.get(path)? {
            Got::Text(t) => Some(Cow::Borrowed(t)),
            Got::Int(n) => Some(Cow::Owned(n.to_string())),
            Got::List(items) => Some(Cow::Owned(items.join(","))),
            Got::Object => None,
        }
    }
}

/// Reads `params` (an object, or null for none) by `op`'s table: types,
/// names, required parameters. Rules are checked by [`write`].
pub(crate) fn read<'a>(op: &Op, params: &'a Value) -> Result<Read<'a>> {
    let mut read = Read::default();
    let mut f = Fields::top(params, "params")?;
    read_level(&mut f, op.params, "", &mut read)?;
    f.finish()?;
    Ok(read)
}

fn read_level<'a>(f: &mut Fields<'a>, params: &[Param], prefix: &str, read: &mut Read<'a>) -> Result<()> {
    for param in params {
        let name = param.name;
        let path = || format!("{prefix}{name}");
        // Required parameters are checked with the rules, in table order (a misspelt
        // name is caught by `finish` here first, with its "did you mean").
        let got = match param.ty {
            Ty::Text(_) => f.str(name)?.map(|s| Got::Text(Cow::Borrowed(s))),
            Ty::Int { min, max } => f.integer(name, min, max)?.map(Got::Int),
            Ty::Enum(e) => match f.string(name)? {
                None => None,
                Some(v) => Some(Got::Text(Cow::Borrowed(one_of(&path(), e.values, &v)?))),
            },
            Ty::EnumList(e) => {
                let items = f.string_or_strings(name)?;
                let mut joined = Vec::new();
                for item in items.iter().flat_map(|s| s.split(',')) {
                    joined.push(one_of(&path(), e.values, item.trim())?);
                }
                (!joined.is_empty()).then(|| Got::Text(Cow::Owned(joined.join(","))))
            }
            Ty::IdList => {
                let items = f.strings(name)?;
                (!items.is_empty()).then_some(Got::List(items))
            }
            Ty::Const(value) => {
                if let Some(v) = f.string(name)? {
                    if v != value {
                        return Err(Error::invalid(path(), format!("must be \"{value}\" (got {})", quote(&v))));
                    }
                }
                None
            }
            Ty::Object(_, children) => match f.object(name)? {
                None => None,
                Some(mut sub) => {
                    let path = path();
                    let prefix = format!("{path}.");
                    read.values.push((path, Got::Object));
                    read_level(&mut sub, children, &prefix, read)?;
                    sub.finish()?;
                    None
                }
            },
        };
        if let Some(got) = got {
            read.values.push((path(), got));
        }
    }
    Ok(())
}

/// `value` if it is one of `values`; the error lists them.
fn one_of<'v>(path: &str, values: &[&'v str], value: &str) -> Result<&'v str> {
    match values.iter().find(|v| **v == value) {
        Some(v) => Ok(v),
        None => Err(Error::invalid(path, format!("must be one of {} (got {})", values.join(", "), quote(value)))),
    }
}

/// Checks the rules of the parameters `read` holds, then writes `op`'s
/// request to `endpoint`.
pub(crate) fn write(op: &Op, endpoint: &Endpoint, read: &Read) -> Result<RequestDescriptor> {
    if endpoint.service() != op.service {
        return Err(Error::invalid(
            "Endpoint",
            match op.service {
                Service::Cos => "must be the bucket's COS endpoint for this operation (ClientConfig::resolve_cos)",
                Service::Ci => "must be the bucket's CI endpoint for this operation (ClientConfig::resolve)",
            },
        ));
    }
    check_level(op.params, &mut String::with_capacity(48), read)?;
    for check in op.checks {
        cross_check(*check, read)?;
    }
    let key = match op.segment {
        Some(param) if op.path.is_empty() => read.text(param).unwrap_or_default().to_string(),
        Some(param) => format!("{}/{}", op.path, read.text(param).unwrap_or_default()),
        None => op.path.to_string(),
    };
    let query = op
        .query
        .iter()
        .filter_map(|(name, source)| {
            let value = match source {
                Source::Fixed(text) => Some(text.to_string()),
                Source::Param(path, default) => {
                    read.wire(path).map(Cow::into_owned).or_else(|| default.map(str::to_string))
                }
            };
            value.map(|v| (name.to_string(), v))
        })
        .collect();
    let body = op.body.map(|nodes| {
        let mut w = XmlWriter::request();
        write_nodes(&mut w, nodes, read);
        w.finish()
    });
    Ok(RequestDescriptor::new(endpoint, op.method, key, query, body))
}

fn write_nodes(w: &mut XmlWriter, nodes: &[Node], read: &Read) {
    for node in nodes {
        match *node {
            Node::Leaf(tag, path) => {
                if let Some(v) = read.wire(path) {
                    w.text(tag, &v);
                }
            }
            Node::Fixed(tag, text) => w.text(tag, text),
            Node::Element(tag, when, children) => {
                if when.is_none_or(|path| read.get(path).is_some()) {
                    w.open(tag);
                    write_nodes(w, children, read);
                    w.close(tag);
                }
            }
        }
    }
}

/// `path` holds the prefix of this level (`Operation.DocProcess.`); it is
/// extended and cut back in place, so that checking allocates nothing.
fn check_level(params: &[Param], path: &mut String, read: &Read) -> Result<()> {
    let base = path.len();
    for param in params {
        path.truncate(base);
        path.push_str(param.name);
        let needed = match param.need {
            Need::Optional => false,
            Need::Required => true,
            Need::When(conditions) => conditions.iter().all(|(p, v)| read.text(p) == Some(*v)),
        };
        let value = read.get(path);
        let empty = value.is_none() || matches!(value, Some(Got::Text(t)) if t.is_empty());
        if needed && empty {
            return Err(Error::missing(path.as_str()));
        }
        match (param.ty, value) {
            (Ty::Text(rule), Some(Got::Text(text))) => check_text(rule, path, text, read)?,
            (Ty::IdList, Some(Got::List(ids))) => {
                for (i, id) in ids.iter().enumerate() {
                    let item = || format!("{path}[{i}]");
                    validate::path_id(path, id).map_err(|e| Error::new(e.code(), Some(item()), e.rule()))?;
                    if id.contains(',') {
                        return Err(Error::invalid(item(), "must not contain ',' (ids are sent comma-joined)"));
                    }
                }
            }
            (Ty::Object(_, children), Some(Got::Object)) => {
                path.push('.');
                check_level(children, path, read)?;
            }
            _ => {}
        }
    }
    path.truncate(base);
    Ok(())
}

fn check_text(rule: Text, path: &str, text: &str, read: &Read) -> Result<()> {
    match rule {
        Text::Plain => Ok(()),
        Text::Xml => validate::xml_text(path, text),
        Text::PathId => validate::path_id(path, text),
        Text::PathIdXml => {
            validate::path_id(path, text)?;
            validate::xml_text(path, text)
        }
        Text::QueueName => {
            let name = validate::required(path, Some(text))?;
            validate::max_chars(path, name, 128)?;
            validate::xml_text(path, name)?;
            if name.contains(['<', '>']) {
                // Escaped, it would be sent safely; but a queue name with markup in it is far more
                // likely an injection attempt (`</Name><State>Paused</State>`) than a label.
                return Err(Error::invalid(path, "must not contain '<' or '>' (a queue name is a plain label)"));
            }
            Ok(())
        }
        Text::CallbackUrl if text.is_empty() => Ok(()),
        Text::CallbackUrl => validate::callback_url(path, text),
        Text::PageRanges => validate::page_ranges(path, text),
        Text::CreationTime => validate::creation_time(path, text),
        Text::Bucket => validate_bucket(path, text),
        Text::Region => validate_region(path, text),
        Text::Secret => {
            validate::xml_text(path, text).map_err(|_| Error::invalid(path, "must not contain control characters"))
        }
        Text::ObjectKey => validate::object_key(path, text),
        Text::Extension => validate::extension(path, text),
        Text::OutputObject => {
            let object = validate::required(path, Some(text))?;
            validate::xml_text(path, object)?;
            output_object(path, object, read)
        }
    }
}

/// Whether a job converts a spreadsheet: by `src_type` when given, else by the
/// extension of `object` (see [`SPREADSHEET_TYPES`]).
pub(crate) fn is_spreadsheet(src_type: Option<&str>, object: &str) -> bool {
    let kind = match src_type {
        Some(t) if !t.is_empty() => t.to_ascii_lowercase(),
        _ => {
            let name = object.rsplit('/').next().unwrap_or("");
            name.rsplit_once('.').map(|(_, ext)| ext.to_ascii_lowercase()).unwrap_or_default()
        }
    };
    SPREADSHEET_TYPES.contains(&kind.as_str())
}

/// The output path rule of CreateDocProcessJobs (spec 004).
fn output_object(path: &str, object: &str, read: &Read) -> Result<()> {
    let (dir, name) = object.rsplit_once('/').unwrap_or(("", object));
    let spreadsheet =
        is_spreadsheet(read.text("Operation.DocProcess.SrcType"), read.text("Input.Object").unwrap_or_default());
    if spreadsheet {
        if !dir.contains("${SheetID}") || !name.contains("${Number}") {
            return Err(Error::invalid(
                path,
                "for a spreadsheet the path must contain ${SheetID} and the file name ${Number}, e.g. /${SheetID}/abc_${Number}.jpg",
            ));
        }
    } else if !name.contains("${Number}") && !name.contains("${Page}") {
        return Err(Error::invalid(
            path,
            "the file name must contain ${Number} or ${Page}, e.g. /preview/abc_${Number}.jpg",
        ));
    }
    Ok(())
}

fn cross_check(check: Check, read: &Read) -> Result<()> {
    const P: &str = "Operation.DocProcess.";
    match check {
        Check::EndPageAfterStartPage => {
            let start = read.int("Operation.DocProcess.StartPage").unwrap_or(1);
            match read.int("Operation.DocProcess.EndPage") {
                Some(end) if end != -1 && end < start => Err(Error::invalid(
                    format!("{P}EndPage"),
                    format!("must be -1 (all pages) or at least StartPage ({start}) (got {end})"),
                )),
                _ => Ok(()),
            }
        }
        Check::LongImageNotPdf => {
            if read.int("Operation.DocProcess.PicPagination") == Some(1)
                && read.text("Operation.DocProcess.TgtType") == Some("pdf")
            {
                return Err(Error::invalid(
                    format!("{P}PicPagination"),
                    "1 (one long image) works only when TgtType is png or jpg",
                ));
            }
            Ok(())
        }
    }
}
