//! The operation table read backwards: a request as the service receives it
//! (method, path, query, XML body) turned back into the operation and its
//! parameters in the shape JS passes them, then checked by the same rules
//! the client checks before sending ([`interpret`](super::interpret)). The
//! local emulator serves requests with it, so it cannot accept or refuse a
//! request differently from the client by accident.
//!
//! What the wire cannot say is read the way the service reads it: an empty
//! query value or element is an absent parameter; query values and body
//! texts are typed by the parameter (`pageSize=20` is the number 20, an id
//! list is split at `,`); elements and query parameters the table does not
//! name are ignored; a fixed value (`tag=DocProcess`, `<Tag>DocProcess</Tag>`)
//! that differs is `InvalidArgument`.

use super::{interpret, param, Node, Op, Source, Ty, OPERATIONS};
use crate::bindings::value::Value;
use crate::descriptor::RequestDescriptor;
use crate::endpoint::ClientConfig;
use crate::error::{quote, Error, ErrorCode, Result};
use crate::xml::{parse, Element};

/// A request decoded by the operation table: which operation, and its
/// parameters (not yet checked: see [`Decoded::check`]).
#[derive(Debug, Clone)]
pub struct Decoded {
    op: &'static Op,
    params: Value,
}

/// Finds the operation `method path` asks for and reads its parameters from
/// the query (decoded name/value pairs, as sent) and the body. `Ok(None)`:
/// no operation of the table has this method and path. A body that is not
/// well-formed XML, or whose root is not `<Request>`, is `InvalidXml`.
pub fn decode(method: &str, path: &str, query: &[(String, String)], body: &str) -> Result<Option<Decoded>> {
    let path = path.strip_prefix('/').unwrap_or(path);
    // An object operation (told by its fixed first parameter, `ci-process=doc-preview`) before
    // the paths of the others: `GET /docqueue?ci-process=doc-preview` previews the object `docqueue`.
    let object_first =
        OPERATIONS.iter().filter(|op| op.path.is_empty()).chain(OPERATIONS.iter().filter(|op| !op.path.is_empty()));
    let Some((op, segment)) = object_first.into_iter().find_map(|op| route(op, method, path, query)) else {
        return Ok(None);
    };
    let mut params = Value::Object(Vec::new());
    for (wire, source) in op.query {
        let Some(text) = query.iter().rev().find(|(n, _)| n == wire).map(|(_, v)| v.as_str()) else {
            continue;
        };
        match *source {
            Source::Param(path, _) if !text.is_empty() => set(&mut params, path, typed(op, path, text)?),
            Source::Param(..) => {}
            Source::Fixed(fixed) => fixed_value(wire, fixed, text)?,
        }
    }
    if let Some(nodes) = op.body {
        let root = parse(body)?;
        if root.name != "Request" {
            return Err(Error::new(
                ErrorCode::InvalidXml,
                None,
                format!("the body's root element must be <Request>, not <{}>", crate::error::excerpt(&root.name, 64)),
            ));
        }
        read_nodes(op, nodes, &root, &mut params)?;
    }
    if let (Some(param), Some(segment)) = (op.segment, segment) {
        set(&mut params, param, Value::String(segment.to_string()));
    }
    Ok(Some(Decoded { op, params }))
}

/// `op`, and its path segment, when `method path` is its. An operation on an
/// object (`path` empty: the path is the key) is told by its first query
/// parameter, which is fixed (`ci-process=doc-preview`), as COS tells it.
fn route<'p>(
    op: &'static Op,
    method: &str,
    path: &'p str,
    query: &[(String, String)],
) -> Option<(&'static Op, Option<&'p str>)> {
    if op.method.as_str() != method {
        return None;
    }
    if op.path.is_empty() {
        let (wire, Source::Fixed(value)) = op.query.first()? else { return None };
        let asked = query.iter().any(|(n, v)| n == wire && v == value);
        return (asked && !path.is_empty()).then_some((op, Some(path)));
    }
    match op.segment {
        None => (path == op.path).then_some((op, None)),
        Some(_) => {
            let rest = path.strip_prefix(op.path)?.strip_prefix('/')?;
            (!rest.is_empty()).then_some((op, Some(rest)))
        }
    }
}

fn fixed_value(name: &str, fixed: &str, text: &str) -> Result<()> {
    if text.is_empty() || text == fixed {
        Ok(())
    } else {
        Err(Error::invalid(name, format!("must be \"{fixed}\" (got {})", quote(text))))
    }
}

fn read_nodes(op: &Op, nodes: &[Node], element: &Element, params: &mut Value) -> Result<()> {
    for node in nodes {
        match *node {
            // The path segment says which queue; the body's copy (`<QueueID>`) is not read.
            Node::Leaf(_, path) if Some(path) == op.segment => {}
            Node::Leaf(tag, path) => {
                if let Some(text) = element.child_text(tag).filter(|t| !t.is_empty()) {
                    set(params, path, typed(op, path, text)?);
                }
            }
            Node::Fixed(tag, fixed) => {
                if let Some(text) = element.child_text(tag) {
                    fixed_value(tag, fixed, text)?;
                }
            }
            Node::Element(tag, when, children) => {
                if let Some(child) = element.child(tag) {
                    if let Some(path) = when {
                        if get(params, path).is_none() {
                            set(params, path, Value::Object(Vec::new()));
                        }
                    }
                    read_nodes(op, children, child, params)?;
                }
            }
        }
    }
    Ok(())
}

/// Wire text as the value the parameter at `path` takes.
fn typed(op: &Op, path: &str, text: &str) -> Result<Value> {
    let ty = param(op, path).map(|p| p.ty).ok_or_else(|| Error::internal("the table names a parameter it lacks"))?;
    Ok(match ty {
        Ty::Int { .. } => {
            let n: i64 = text
                .trim()
                .parse()
                .map_err(|_| Error::invalid(path, format!("must be an integer (got {})", quote(text))))?;
            Value::Number(n as f64)
        }
        Ty::IdList => {
            Value::Array(text.split(',').filter(|s| !s.is_empty()).map(|s| Value::String(s.to_string())).collect())
        }
        _ => Value::String(text.to_string()),
    })
}

fn get<'v>(root: &'v Value, path: &str) -> Option<&'v Value> {
    path.split('.').try_fold(root, |node, name| match node {
        Value::Object(entries) => entries.iter().find(|(k, _)| k == name).map(|(_, v)| v),
        _ => None,
    })
}

/// Sets `path` in `root`, making the objects on the way.
fn set(root: &mut Value, path: &str, value: Value) {
    let (parents, last) = match path.rsplit_once('.') {
        Some((parents, last)) => (Some(parents), last),
        None => (None, path),
    };
    let mut node = root;
    for name in parents.into_iter().flat_map(|p| p.split('.')) {
        let Value::Object(entries) = node else { return };
        let index = match entries.iter().position(|(k, _)| k == name) {
            Some(i) => i,
            None => {
                entries.push((name.to_string(), Value::Object(Vec::new())));
                entries.len() - 1
            }
        };
        node = &mut entries[index].1;
    }
    if let Value::Object(entries) = node {
        match entries.iter_mut().find(|(k, _)| k == last) {
            Some(entry) => entry.1 = value,
            None => entries.push((last.to_string(), value)),
        }
    }
}

impl Decoded {
    /// The operation's name, e.g. `CreateDocProcessJobs`.
    pub fn operation(&self) -> &'static str {
        self.op.name
    }

    /// Checks the parameters by the table's rules — exactly what the client
    /// checks before it sends — and gives the request the client would have
    /// built from them.
    /// `config` says where the client sends it (the operation's host of the bucket).
    pub fn check(&self, config: &ClientConfig) -> Result<RequestDescriptor> {
        let endpoint = config.resolve_for(self.op.service)?;
        let read = interpret::read(self.op, &self.params)?;
        interpret::write(self.op, &endpoint, &read)
    }

    /// The text at dotted `path` (an integer as its decimal text); `None`
    /// when absent or an object or list.
    pub fn text(&self, path: &str) -> Option<String> {
        match get(&self.params, path)? {
            Value::String(s) => Some(s.clone()),
            Value::Number(n) => Some((*n as i64).to_string()),
            _ => None,
        }
    }

    /// The integer at dotted `path`.
    pub fn int(&self, path: &str) -> Option<i64> {
        match get(&self.params, path)? {
            Value::Number(n) => Some(*n as i64),
            _ => None,
        }
    }

    /// The items at dotted `path`: a list's, or a comma-joined text's.
    pub fn list(&self, path: &str) -> Vec<String> {
        match get(&self.params, path) {
            Some(Value::Array(items)) => {
                items.iter().filter_map(|v| if let Value::String(s) = v { Some(s.clone()) } else { None }).collect()
            }
            Some(Value::String(s)) => s.split(',').filter(|s| !s.is_empty()).map(str::to_string).collect(),
            _ => Vec::new(),
        }
    }

    /// Whether the object at dotted `path` was given.
    pub fn has(&self, path: &str) -> bool {
        get(&self.params, path).is_some()
    }

    /// The members of the object at dotted `path` that are texts or
    /// integers, as (name, text), in the order of the table's body.
    pub fn members(&self, path: &str) -> Vec<(String, String)> {
        match get(&self.params, path) {
            Some(Value::Object(entries)) => entries
                .iter()
                .filter_map(|(k, v)| match v {
                    Value::String(s) => Some((k.clone(), s.clone())),
                    Value::Number(n) => Some((k.clone(), (*n as i64).to_string())),
                    _ => None,
                })
                .collect(),
            _ => Vec::new(),
        }
    }

    /// Replaces the text at dotted `path`, when it is there.
    pub fn replace_text(&mut self, path: &str, text: &str) {
        if matches!(get(&self.params, path), Some(Value::String(_))) {
            set(&mut self.params, path, Value::String(text.to_string()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::endpoint::ClientConfig;

    fn config() -> ClientConfig {
        ClientConfig::new("examplebucket-1250000000", "ap-guangzhou")
    }

    /// Every operation's example, built by the client and decoded from the
    /// wire, gives the same parameters back: the same request again.
    #[test]
    #[cfg(not(target_arch = "wasm32"))] // the examples are not in the wasm
    fn what_the_client_sends_decodes_to_the_same_request() {
        for (op, params) in crate::ops::examples() {
            let sent = crate::ops::build(op.name, &config().resolve_for(op.service).unwrap(), params).unwrap();
            let path = format!("/{}", sent.key());
            let decoded = decode(sent.method().as_str(), &path, sent.query(), sent.body().unwrap_or(""))
                .unwrap()
                .unwrap_or_else(|| panic!("{} not routed", op.name));
            assert_eq!(decoded.operation(), op.name);
            let again = decoded.check(&config()).unwrap();
            assert_eq!(format!("{again:?}"), format!("{sent:?}"), "{}", op.name);
        }
    }

    #[test]
    fn an_object_named_like_a_ci_path_is_previewed() {
        let q = vec![("ci-process".to_string(), "doc-preview".to_string()), ("page".to_string(), "2".to_string())];
        for path in ["/docqueue", "/ai_queue", "/doc_jobs", "/doc_jobs/x.docx"] {
            let d = decode("GET", path, &q, "").unwrap().unwrap();
            assert_eq!((d.operation(), d.text("Key").as_deref()), ("DocPreview", Some(&path[1..])), "{path}");
        }
        assert_eq!(decode("GET", "/docqueue", &[], "").unwrap().unwrap().operation(), "DescribeDocProcessQueues");
    }

    #[test]
    fn wire_values_are_typed_and_checked_by_the_table() {
        let q = |pairs: &[(&str, &str)]| -> Vec<(String, String)> {
            pairs.iter().map(|(n, v)| (n.to_string(), v.to_string())).collect()
        };
        let d = decode("GET", "/docqueue", &q(&[("queueIds", "a,b"), ("state", ""), ("pageSize", "20")]), "")
            .unwrap()
            .unwrap();
        assert_eq!(
            (d.list("QueueIds"), d.text("State"), d.int("PageSize")),
            (vec!["a".into(), "b".into()], None, Some(20))
        );
        d.check(&config()).unwrap();
        let e = decode("GET", "/ai_queue", &q(&[("pageSize", "x")]), "").unwrap_err();
        assert_eq!((e.code(), e.field()), (ErrorCode::InvalidArgument, Some("PageSize")));
        let d = decode("GET", "/doc_jobs", &q(&[("queueId", "p"), ("size", "101")]), "").unwrap().unwrap();
        let e = d.check(&config()).unwrap_err();
        assert_eq!((e.code(), e.field()), (ErrorCode::InvalidArgument, Some("Size")));
        let e = decode("GET", "/doc_jobs", &q(&[("tag", "Other")]), "").unwrap_err();
        assert_eq!(e.field(), Some("tag"));
        assert!(decode("DELETE", "/docqueue", &[], "").unwrap().is_none());
        assert!(decode("PUT", "/docqueue", &[], "").unwrap().is_none());
        assert_eq!(decode("PUT", "/docqueue/p1", &[], "<Other/>").unwrap_err().code(), ErrorCode::InvalidXml);
        assert_eq!(decode("POST", "/doc_jobs", &[], "<Request>").unwrap_err().code(), ErrorCode::InvalidXml);
        // The segment names the queue; the body's QueueID is not read.
        let d = decode(
            "PUT",
            "/docqueue/p1",
            &[],
            "<Request><QueueID>other</QueueID><Name>n</Name><State>Paused</State><NotifyConfig><State>Off</State></NotifyConfig><Unknown/></Request>",
        )
        .unwrap()
        .unwrap();
        assert_eq!(
            (d.text("QueueId"), d.members("NotifyConfig")),
            (Some("p1".into()), vec![("State".into(), "Off".into())])
        );
        d.check(&config()).unwrap();
        // An update without NotifyConfig: refused for doc-preview queues, as by the client.
        let d = decode("PUT", "/docqueue/p1", &[], "<Request><Name>n</Name><State>Active</State></Request>")
            .unwrap()
            .unwrap();
        let e = d.check(&config()).unwrap_err();
        assert_eq!((e.code(), e.field()), (ErrorCode::MissingArgument, Some("NotifyConfig")));
        let d = decode("PUT", "/ai_queue/p1", &[], "<Request><Name>n</Name><State>Active</State></Request>")
            .unwrap()
            .unwrap();
        d.check(&config()).unwrap();
    }
}
