//! The operation table: what each operation's request is, written once as
//! data — its method and path, whether it is idempotent, every parameter
//! (JS name, type, rule, where it goes on the wire, one-line doc), the query
//! in sending order and the XML body tree in the order the official SDKs
//! write it. [`interpret`] reads parameters, checks them and writes the
//! request by this table alone; nothing else in the crate knows an
//! operation's fields.
//!
//! Parameter paths are dotted from the root (`Operation.DocProcess.Quality`);
//! they are also the `field` of every error about the parameter.

pub(crate) mod decode;
// The generators write files: native tests only.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod generate;
pub(crate) mod interpret;
mod table;

pub(crate) use table::OPERATIONS;
pub use table::SPREADSHEET_TYPES;

use crate::bindings::value::Value;
use crate::descriptor::{Method, RequestDescriptor};
use crate::endpoint::Endpoint;
use crate::error::{Error, Result};
use crate::xml::decode::Field;

/// The parameter at dotted `path` of `op`.
pub(crate) fn param(op: &Op, path: &str) -> Option<&'static Param> {
    let mut params = op.params;
    let mut found = None;
    for name in path.split('.') {
        let p = params.iter().find(|p| p.name == name)?;
        if let Ty::Object(_, children) = p.ty {
            params = children;
        }
        found = Some(p);
    }
    found
}

/// Whether query parameter `wire` (any case) carries a secret in some operation: a
/// [`Text::Secret`] parameter the table sends in the query (DocPreview's `password`).
pub(crate) fn is_secret_query(wire: &str) -> bool {
    OPERATIONS.iter().any(|op| {
        op.query.iter().any(|(name, source)| {
            name.eq_ignore_ascii_case(wire)
                && matches!(source, Source::Param(path, _)
                    if matches!(param(op, path), Some(Param { ty: Ty::Text(Text::Secret), .. })))
        })
    })
}

/// Builds operation `name`'s request from `params` (the shape JS passes) by
/// the table: what the typed Rust builders (`api::*`) call.
pub(crate) fn build(name: &str, endpoint: &Endpoint, params: Params) -> Result<RequestDescriptor> {
    let op = OPERATIONS.iter().find(|op| op.name == name).ok_or_else(|| Error::internal("no such operation"))?;
    let read = interpret::read(op, &params.0)?;
    interpret::write(op, endpoint, &read)
}

/// Every operation with its example parameters (the table's `example`, which the wasm does
/// not carry: native tests only).
#[cfg(all(test, not(target_arch = "wasm32")))]
pub(crate) fn examples() -> Vec<(&'static Op, Params)> {
    OPERATIONS
        .iter()
        .map(|op| (op, Params(crate::bindings::json::read(op.example.0, "example").expect("a valid example"))))
        .collect()
}

/// Parameters put together from a typed input, in the shape JS passes them.
#[derive(Debug)]
pub(crate) struct Params(Value);

impl Params {
    /// No parameters yet.
    pub(crate) fn new() -> Self {
        Params(Value::Object(Vec::new()))
    }

    fn with(mut self, name: &str, value: Value) -> Self {
        if let Value::Object(entries) = &mut self.0 {
            entries.push((name.to_string(), value));
        }
        self
    }

    /// `name: text`.
    pub(crate) fn text(self, name: &str, value: &str) -> Self {
        self.with(name, Value::String(value.to_string()))
    }

    /// `name: text` when given.
    pub(crate) fn opt_text(self, name: &str, value: Option<&str>) -> Self {
        match value {
            Some(v) => self.text(name, v),
            None => self,
        }
    }

    /// `name: number` when given.
    pub(crate) fn opt_int(self, name: &str, value: Option<i64>) -> Self {
        match value {
            Some(n) => self.with(name, Value::Number(n as f64)),
            None => self,
        }
    }

    /// `name: [text, …]` when not empty.
    pub(crate) fn list<'a>(self, name: &str, items: impl IntoIterator<Item = &'a str>) -> Self {
        let items: Vec<Value> = items.into_iter().map(|s| Value::String(s.to_string())).collect();
        if items.is_empty() {
            self
        } else {
            self.with(name, Value::Array(items))
        }
    }

    /// `name: { … }`.
    pub(crate) fn object(self, name: &str, value: Params) -> Self {
        self.with(name, value.0)
    }
}

/// Text only the generators read — docs, examples, TypeScript names. Native
/// builds keep it; the wasm, where nothing reads it, does not carry it
/// (measured: the browser wasm ~1.5 KB brotli smaller).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Meta(#[cfg(not(target_arch = "wasm32"))] pub(crate) &'static str);

impl Meta {
    /// `text`, where it is kept.
    pub(crate) const fn new(text: &'static str) -> Self {
        #[cfg(target_arch = "wasm32")]
        {
            let _ = text;
            Meta()
        }
        #[cfg(not(target_arch = "wasm32"))]
        Meta(text)
    }
}

#[cfg(not(target_arch = "wasm32"))]
impl std::ops::Deref for Meta {
    type Target = str;
    fn deref(&self) -> &str {
        self.0
    }
}

#[cfg(not(target_arch = "wasm32"))]
impl std::fmt::Display for Meta {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0)
    }
}

#[cfg(not(target_arch = "wasm32"))]
impl PartialEq<&str> for Meta {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

/// How a text parameter is checked (beyond being a string).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Text {
    /// Any text (sent in the query, percent-encoded).
    Plain,
    /// Text for an XML body: no control characters XML cannot carry.
    Xml,
    /// A path segment (`JobId`): non-empty, no `/`, `\`, controls, `.`/`..`.
    PathId,
    /// A path segment that is also written into a body (`QueueId`).
    PathIdXml,
    /// A queue name: 1–128 characters, XML text, no `<` or `>`.
    QueueName,
    /// An http(s) callback URL to a public host.
    CallbackUrl,
    /// `1,2-4,7`.
    PageRanges,
    /// `%Y-%m-%dT%H:%M:%S%z`.
    CreationTime,
    /// `<BucketName>-<APPID>`.
    Bucket,
    /// A region such as `ap-guangzhou`.
    Region,
    /// A secret written into the body: XML text, never quoted in errors.
    Secret,
    /// The output path of a doc-preview job (`${Number}` / `${Page}` /
    /// `${SheetID}` by document type).
    OutputObject,
    /// A COS object key sent as the request path: 1–850 UTF-8 bytes, no
    /// control characters, no leading `/`, no `.` or `..` segment (a URL
    /// parser would rewrite the path, and the signed one would no longer be
    /// the sent one).
    ObjectKey,
    /// A file extension such as `docx`: 1–16 ASCII letters and digits, no dot.
    Extension,
}

/// The type of a parameter and its rule.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Ty {
    /// A string checked by the [`Text`] rule.
    Text(Text),
    /// An integer from `min` to `max`.
    Int { min: i64, max: i64 },
    /// One of the enumeration's strings.
    Enum(&'static Enum),
    /// Values of the enumeration, given as one string, a comma-joined string
    /// or an array; sent comma-joined.
    EnumList(&'static Enum),
    /// An array of ids (path-segment rule, no `,`); sent comma-joined.
    IdList,
    /// When given, exactly this string (`Tag: 'DocProcess'`).
    Const(&'static str),
    /// An object with these parameters; with a type name, it is its own
    /// named type in the generated TypeScript (`NotifyConfigInput`).
    Object(#[allow(dead_code)] Option<&'static str>, &'static [Param]),
}

/// An enumeration: the strings the service accepts, and the name of their
/// type in the generated TypeScript.
#[derive(Debug)]
pub(crate) struct Enum {
    #[allow(dead_code)] // read by the generators (tests only)
    pub(crate) name: Meta,
    pub(crate) values: &'static [&'static str],
}

/// When a parameter is required.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Need {
    /// May be absent.
    Optional,
    /// Must be given (text: non-empty).
    Required,
    /// Required when every `(path, value)` holds.
    When(&'static [(&'static str, &'static str)]),
}

/// One parameter.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Param {
    /// Its JS name (PascalCase, as the API documentation writes it).
    pub(crate) name: &'static str,
    pub(crate) ty: Ty,
    pub(crate) need: Need,
    /// One line for the generated docs and types.
    #[allow(dead_code)] // read by the generators (tests only)
    pub(crate) doc: Meta,
}

/// Where a query parameter's value comes from.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Source {
    /// The parameter at this path; `default` is sent when it is absent
    /// (`None`: the query parameter is left out).
    Param(&'static str, Option<&'static str>),
    /// This fixed text.
    Fixed(&'static str),
}

/// One element of an XML body.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Node {
    /// `<tag>value of the parameter at path</tag>`, when it is given.
    Leaf(&'static str, &'static str),
    /// `<tag>fixed text</tag>`.
    Fixed(&'static str, &'static str),
    /// `<tag>children</tag>`; with `Some(path)`, only when the object at
    /// `path` is given.
    Element(&'static str, Option<&'static str>, &'static [Node]),
}

/// A rule between parameters that no single parameter's rule can say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Check {
    /// `EndPage` is -1 or at least `StartPage` (default 1).
    EndPageAfterStartPage,
    /// `PicPagination: 1` (one long image) only with `TgtType` png or jpg.
    LongImageNotPdf,
}

/// How the client pages through an operation's results.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Pages {
    /// One answer.
    #[allow(dead_code)] // read by the generators (tests only)
    One,
    /// Following `NextToken` until it is empty; the items are in this list.
    NextToken(&'static str),
    /// By `PageNumber` until `TotalCount` items were seen; the items are in
    /// this list.
    PageNumber(&'static str),
}

/// Which of the bucket's hosts an operation is sent to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Service {
    /// Cloud Infinite's: `<Bucket>.ci.<Region>.myqcloud.com` (queues, jobs).
    Ci,
    /// COS's: `<Bucket>.cos.<Region>.myqcloud.com` (object processing such as
    /// the synchronous doc preview).
    Cos,
}

/// What an operation's answer is.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Answer {
    /// A `<Response>` body with this schema.
    Xml(&'static [Field]),
    /// Bytes (the body is the result itself, kept by the transport) and
    /// these headers, each field's `tag` a header name.
    Bytes(&'static [Field]),
}

impl Answer {
    /// The schema of the answer's members.
    #[allow(dead_code)] // read by the generators (tests only)
    pub(crate) fn fields(self) -> &'static [Field] {
        match self {
            Answer::Xml(fields) | Answer::Bytes(fields) => fields,
        }
    }
}

/// One operation.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Op {
    /// The API's name, e.g. `DescribeDocProcessQueues`.
    pub(crate) name: &'static str,
    pub(crate) method: Method,
    /// The host it is sent to.
    pub(crate) service: Service,
    /// The path (object key) without its leading `/`, e.g. `doc_jobs`; empty
    /// when the path is the segment alone (an object key).
    pub(crate) path: &'static str,
    /// A parameter appended as one more path segment (`QueueId`, `JobId`), or
    /// the whole path when `path` is empty (`Key`).
    pub(crate) segment: Option<&'static str>,
    /// Whether sending it twice does nothing more than sending it once.
    #[allow(dead_code)] // read by the generators (tests only)
    pub(crate) idempotent: bool,
    pub(crate) params: &'static [Param],
    /// The TypeScript names of its parameters and of its result.
    #[allow(dead_code)] // read by the generators (tests only)
    pub(crate) types: (Meta, Meta),
    #[allow(dead_code)] // read by the generators (tests only)
    pub(crate) pages: Pages,
    pub(crate) query: &'static [(&'static str, Source)],
    /// What its answer is (`types.1` in TypeScript).
    pub(crate) answer: Answer,
    /// The children of `<Request>`, or `None` for no body.
    pub(crate) body: Option<&'static [Node]>,
    pub(crate) checks: &'static [Check],
    /// One line for the generated docs.
    #[allow(dead_code)] // read by the generators (tests only)
    pub(crate) doc: Meta,
    /// Valid parameters (JSON) that use every parameter it can: the docs'
    /// example and the base of the generated bad-input catalogue.
    #[allow(dead_code)] // read by the generators (tests only)
    pub(crate) example: Meta,
}
