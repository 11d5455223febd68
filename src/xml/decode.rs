//! Typed decoding straight from the pull reader, in one pass: leaves into
//! text or numbers, child elements into structs, repeated elements into
//! `Vec`s. An element's path (`Response.JobsDetail.Input`) is rendered only
//! for an error. [`schema!`] writes each struct, its decoder and its schema
//! ([`Field`]s) from one table; the wasm reads responses by the schema alone
//! ([`super::record`]), under the same rules.
//!
//! Rules (what "never misread" means here):
//! - an empty element (`<X/>`, `<X></X>`) leaves the field unset;
//! - a single-valued element that appears twice is an error, not a silent
//!   pick of one;
//! - a leaf that has child elements is an error;
//! - a number that does not parse is an error;
//! - a list is a `Vec` whether the XML holds 0, 1 or many; an empty list
//!   element (`<QueueList/>`) adds nothing;
//! - unknown elements, and stray text inside containers, are ignored, so new
//!   service fields never break a client.

use super::read::{Node, Reader};
use crate::error::{quote, Error, Result};
use crate::ops::Meta;
use std::borrow::Cow;

/// A value read from an element's text.
pub(crate) trait FromText: Sized {
    /// How the JSON output shows it.
    const KIND: Kind;

    fn from_text(text: &str) -> std::result::Result<Self, String>;
}

impl FromText for String {
    const KIND: Kind = Kind::Text;

    fn from_text(text: &str) -> std::result::Result<Self, String> {
        Ok(text.to_string())
    }
}

macro_rules! int_from_text {
    ($($t:ty => $kind:ident),*) => {$(
        impl FromText for $t {
            const KIND: Kind = Kind::$kind;

            fn from_text(text: &str) -> std::result::Result<Self, String> {
                let t = text.trim_matches(|c| matches!(c, ' ' | '\t' | '\r' | '\n'));
                t.parse().map_err(|_| format!(
                    "expected an integer from {} to {}, found {}", <$t>::MIN, <$t>::MAX, quote(text)
                ))
            }
        }
    )*};
}
int_from_text!(u32 => U32, i32 => I32);

/// What a child element holds, as the schema of a struct says.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Kind {
    /// Text (a JSON string).
    Text,
    /// An integer from 0 to `u32::MAX` (a JSON number).
    U32,
    /// An integer from `i32::MIN` to `i32::MAX` (a JSON number).
    I32,
    /// Text that is read and checked but never output (a secret the service
    /// echoes, such as `DocPassword`).
    Hidden,
    /// A struct with these fields.
    Node(&'static [Field]),
    /// One entry of a list of structs with these fields.
    NodeList(&'static [Field]),
    /// One entry of a list of texts.
    TextList,
}

/// One child element a struct reads: the schema [`schema!`] writes next to
/// the typed decoder, from the same table. What the table cannot tie to the
/// struct (a key against the field's serde name, serde's skip rules) the tests
/// in [`super::record`] check by comparing the two paths' JSON.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Field {
    /// The element's local name.
    pub(crate) tag: &'static str,
    /// The JSON member it fills: must be the Rust field's serde name.
    pub(crate) key: &'static str,
    pub(crate) kind: Kind,
    /// The index of the first field with the same `key`: two tags may fill
    /// one member (set by [`fields`]).
    pub(crate) slot: usize,
    /// Whether the service always returns it: absent or empty is
    /// `InvalidResponse`, and the TypeScript member is not optional.
    pub(crate) required: bool,
    /// The TypeScript name of its type, when it has one: a struct's, or the
    /// enumeration a text takes its values from (generators only).
    #[allow(dead_code)]
    pub(crate) ts: Meta,
    /// One line for the generated TypeScript (generators only).
    #[allow(dead_code)]
    pub(crate) doc: Meta,
}

impl Field {
    /// An optional member with nothing for the generators.
    pub(crate) const fn new(tag: &'static str, key: &'static str, kind: Kind) -> Self {
        Self::member(tag, key, kind, false, Meta::new(""), Meta::new(""))
    }

    /// A member as [`schema!`] writes it.
    pub(crate) const fn member(
        tag: &'static str,
        key: &'static str,
        kind: Kind,
        required: bool,
        ts: Meta,
        doc: Meta,
    ) -> Self {
        Field { tag, key, kind, slot: 0, required, ts, doc }
    }
}

const fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// A schema: `fields` with each one's [`Field::slot`] set (at compile time).
pub(crate) const fn fields<const N: usize>(mut fields: [Field; N]) -> [Field; N] {
    // `children` tracks repeats in a u64, one bit per tag.
    assert!(N <= 64);
    let mut i = 0;
    while i < N {
        let mut j = 0;
        while !same(fields[j].key, fields[i].key) {
            j += 1;
        }
        fields[i].slot = j;
        i += 1;
    }
    fields
}

/// Where an element is (`Response.JobsDetail.Operation`), kept as a chain of
/// borrowed names and rendered only for an error message.
#[derive(Clone, Copy)]
pub(crate) struct At<'p> {
    parent: Option<&'p At<'p>>,
    name: &'p str,
}

impl<'p> At<'p> {
    /// The root element's path (`Response`, `Error`).
    pub(crate) fn root(name: &'p str) -> Self {
        At { parent: None, name }
    }

    /// The path of child `name` of this element.
    pub(crate) fn child(&'p self, name: &'p str) -> At<'p> {
        At { parent: Some(self), name }
    }

    pub(crate) fn render(&self) -> String {
        match self.parent {
            Some(parent) => format!("{}.{}", parent.render(), self.name),
            None => self.name.to_string(),
        }
    }
}

/// A struct decoded from the children of one element.
pub(crate) trait FromXml: Default {
    /// The child elements it reads; `read` takes an index into these.
    const FIELDS: &'static [Field];

    /// Reads child field `index` (its start tag has been read; `at` is its
    /// path) through its end tag. `repeated` says whether the same tag
    /// appeared before in this element.
    fn read(&mut self, index: usize, r: &mut Reader<'_>, at: At<'_>, repeated: bool) -> Result<()>;
}

/// Reads the children of the element whose start tag was just read (at
/// `at`) through its end tag, handing each child named in `fields` to `read`
/// (by index, and whether its tag appeared before). Unknown elements are
/// read, checked and ignored; so is stray text. Returns whether there was
/// any child element. The typed decoder and the JSON record share it.
pub(crate) fn children<'a>(
    r: &mut Reader<'a>,
    at: At<'_>,
    fields: &[Field],
    read: &mut dyn FnMut(usize, &mut Reader<'a>, At<'_>, bool) -> Result<()>,
) -> Result<bool> {
    let mut any = false;
    let mut seen = 0u64;
    loop {
        match r.next()? {
            Some(Node::Start(name)) => {
                any = true;
                match fields.iter().position(|f| f.tag == name) {
                    Some(index) => {
                        let bit = 1u64.checked_shl(index as u32).unwrap_or(0);
                        let repeated = seen & bit != 0;
                        seen |= bit;
                        read(index, r, at.child(name), repeated)?;
                    }
                    None => r.skip()?,
                }
            }
            Some(Node::Text(_)) => {}
            Some(Node::End) | None => break,
        }
    }
    if any {
        if let Some((_, f)) = fields.iter().enumerate().find(|(i, f)| f.required && seen & (1u64 << i) == 0) {
            return Err(missing(at.child(f.tag)));
        }
    }
    Ok(any)
}

/// A member the service always returns is absent or empty.
#[cold]
pub(crate) fn missing(at: At<'_>) -> Error {
    Error::invalid_response(at.render(), "is missing or empty, but the service always returns it")
}

/// Decodes the element whose start tag was just read (at `at`) into `T`,
/// through its end tag. `None` when it has no child elements.
pub(crate) fn decode<T: FromXml>(r: &mut Reader<'_>, at: At<'_>) -> Result<Option<T>> {
    let mut value = T::default();
    let any = children(r, at, T::FIELDS, &mut |index, r, at, repeated| value.read(index, r, at, repeated))?;
    Ok(any.then_some(value))
}

#[cold]
pub(crate) fn repeated_error(at: At<'_>) -> Error {
    Error::invalid_response(at.render(), "appears more than once but is documented as a single value")
}

/// The text of the element whose start tag was just read, through its end
/// tag; an error if it has a child element.
pub(crate) fn text<'a>(r: &mut Reader<'a>, at: At<'_>) -> Result<Cow<'a, str>> {
    let mut text = Cow::Borrowed("");
    loop {
        match r.next()? {
            Some(Node::Text(piece)) if text.is_empty() => text = piece,
            Some(Node::Text(piece)) => text.to_mut().push_str(&piece),
            Some(Node::Start(name)) => {
                return Err(Error::invalid_response(
                    at.render(),
                    format!("expected text, found element <{}>", crate::error::excerpt(name, 64)),
                ))
            }
            Some(Node::End) | None => return Ok(text),
        }
    }
}

/// A single-valued leaf.
pub(crate) fn leaf<T: FromText>(slot: &mut Option<T>, r: &mut Reader<'_>, at: At<'_>, repeated: bool) -> Result<()> {
    if repeated {
        return Err(repeated_error(at));
    }
    let text = text(r, at)?;
    if !text.is_empty() {
        *slot = Some(T::from_text(&text).map_err(|m| Error::invalid_response(at.render(), m))?);
    }
    Ok(())
}

/// A single-valued leaf the service always returns: absent (checked by
/// [`children`]) or empty is `InvalidResponse`.
pub(crate) fn required_leaf<T: FromText>(slot: &mut T, r: &mut Reader<'_>, at: At<'_>, repeated: bool) -> Result<()> {
    let mut value = None;
    leaf(&mut value, r, at, repeated)?;
    *slot = value.ok_or_else(|| missing(at))?;
    Ok(())
}

/// A single-valued container.
pub(crate) fn node<T: FromXml>(slot: &mut Option<T>, r: &mut Reader<'_>, at: At<'_>, repeated: bool) -> Result<()> {
    if repeated {
        return Err(repeated_error(at));
    }
    *slot = decode(r, at)?;
    Ok(())
}

/// One more entry of a list of containers.
pub(crate) fn push_node<T: FromXml>(list: &mut Vec<T>, r: &mut Reader<'_>, at: At<'_>, _: bool) -> Result<()> {
    list.extend(decode(r, at)?);
    Ok(())
}

/// Text that a list of texts ([`Kind::TextList`]) may hold: `String` only.
pub(crate) trait ListText: FromText {}
impl ListText for String {}

/// One more entry of a list of strings.
pub(crate) fn push_text<T: ListText>(list: &mut Vec<T>, r: &mut Reader<'_>, at: At<'_>, _: bool) -> Result<()> {
    let mut value = None;
    leaf(&mut value, r, at, false)?;
    list.extend(value);
    Ok(())
}

/// How a member of a [`schema!`] struct is read, and its Rust type:
/// `opt T` an optional leaf (`Option<T>`), `req T` a leaf the service always
/// returns (`T`; absent or empty is `InvalidResponse`), `node T` an optional
/// child struct, `list T` a list of structs, `texts T` a list of texts
/// (`Vec<T>`).
macro_rules! schema_type {
    (opt, $t:ty) => { Option<$t> };
    (req, $t:ty) => { $t };
    (node, $t:ty) => { Option<$t> };
    (list, $t:ty) => { Vec<$t> };
    (texts, $t:ty) => { Vec<$t> };
}
pub(crate) use schema_type;

/// The [`Kind`] of each way of reading.
macro_rules! kind_of {
    (opt, $t:ty) => {
        <$t as $crate::xml::decode::FromText>::KIND
    };
    (req, $t:ty) => {
        <$t as $crate::xml::decode::FromText>::KIND
    };
    (node, $t:ty) => {
        $crate::xml::decode::Kind::Node(<$t as $crate::xml::decode::FromXml>::FIELDS)
    };
    (list, $t:ty) => {
        $crate::xml::decode::Kind::NodeList(<$t as $crate::xml::decode::FromXml>::FIELDS)
    };
    (texts, $t:ty) => {
        $crate::xml::decode::Kind::TextList
    };
}
pub(crate) use kind_of;

/// The reader of each way of reading.
macro_rules! reader_of {
    (opt, $t:ty) => {
        $crate::xml::decode::leaf::<$t>
    };
    (req, $t:ty) => {
        $crate::xml::decode::required_leaf::<$t>
    };
    (node, $t:ty) => {
        $crate::xml::decode::node::<$t>
    };
    (list, $t:ty) => {
        $crate::xml::decode::push_node::<$t>
    };
    (texts, $t:ty) => {
        $crate::xml::decode::push_text::<$t>
    };
}
pub(crate) use reader_of;

/// The TypeScript name of a member's type: the struct's for nodes and
/// lists, the enumeration's (`as Name`) for text, none otherwise.
macro_rules! ts_of {
    (node, $t:ty $(, $ts:ident)?) => {
        stringify!($t)
    };
    (list, $t:ty $(, $ts:ident)?) => {
        stringify!($t)
    };
    ($how:ident, $t:ty, $ts:ident) => {
        stringify!($ts)
    };
    ($how:ident, $t:ty) => {
        ""
    };
}
pub(crate) use ts_of;

/// Declares a response struct and its decoder from one table — the struct's
/// fields, their serde names, how each is read, what the generated
/// TypeScript says of it (`ops::generate`), all from one entry:
///
/// ```text
/// /// Doc (the Rust field's and the TypeScript member's).
/// "Tag" [| "OtherTag"]* => field: how Type [as TsEnum],
/// ```
///
/// `how` is one of [`schema_type!`]'s. The JSON member (the serde name) is
/// the first tag; other tags fill the same member (each is checked for
/// repetition on its own). `as TsEnum` names the enumeration of the
/// operation table a text member takes its values from (typed in
/// TypeScript as `TsEnum | (string & {})`: the service may add values).
///
/// The same table gives the typed decoder and [`FromXml::FIELDS`], the
/// schema the wasm parsers read responses into JSON with
/// ([`crate::xml::record`]).
macro_rules! schema {
    (
        $(#[doc = $sdoc:literal])*
        pub struct $name:ident {
            $(
                $(#[doc = $doc:literal])*
                $tag:literal $(| $alt:literal)* => $field:ident: $how:ident $t:ty $(as $ts:ident)?
            ),* $(,)?
        }
    ) => {
        $(#[doc = $sdoc])*
        #[non_exhaustive]
        #[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize)]
        pub struct $name {
            $(
                $(#[doc = $doc])*
                #[serde(rename = $tag, skip_serializing_if = "crate::xml::decode::Shown::hidden")]
                pub $field: $crate::xml::decode::schema_type!($how, $t),
            )*
        }

        impl $crate::xml::decode::Visible for $name {}

        impl $crate::xml::decode::FromXml for $name {
            const FIELDS: &'static [$crate::xml::decode::Field] = &$crate::xml::decode::fields([$(
                $crate::xml::decode::Field::member(
                    $tag,
                    $tag,
                    $crate::xml::decode::kind_of!($how, $t),
                    $crate::xml::decode::schema!(@required $how),
                    $crate::ops::Meta::new($crate::xml::decode::ts_of!($how, $t $(, $ts)?)),
                    $crate::ops::Meta::new(concat!($($doc),*)),
                ),
                $(
                    $crate::xml::decode::Field::member(
                        $alt,
                        $tag,
                        $crate::xml::decode::kind_of!($how, $t),
                        false,
                        $crate::ops::Meta::new(""),
                        $crate::ops::Meta::new(""),
                    ),
                )*
            )*]);

            fn read(
                &mut self,
                index: usize,
                r: &mut $crate::xml::Reader<'_>,
                at: $crate::xml::decode::At<'_>,
                repeated: bool,
            ) -> $crate::error::Result<()> {
                let mut i = 0usize;
                $(
                    if index == i {
                        return $crate::xml::decode::reader_of!($how, $t)(&mut self.$field, r, at, repeated);
                    }
                    i += 1;
                    $(
                        let _ = $alt;
                        if index == i {
                            return $crate::xml::decode::reader_of!($how, $t)(&mut self.$field, r, at, repeated);
                        }
                        i += 1;
                    )*
                )*
                let _ = (i, r, at, repeated);
                // `children` gives only indexes of the table above.
                Err($crate::error::Error::internal("a decoder was asked for a field it does not have"))
            }
        }
    };
    (@required req) => { true };
    (@required $how:ident) => { false };
}
pub(crate) use schema;

/// Whether serde leaves a member of a [`schema!`] struct out: an absent
/// optional value, or a value never output ([`Visible::VISIBLE`] false, a
/// secret the service echoes). Lists and required values are always output.
pub(crate) trait Shown {
    fn hidden(&self) -> bool;
}

/// Whether a value of this type is output at all.
pub(crate) trait Visible {
    const VISIBLE: bool = true;
}
impl Visible for String {}
impl Visible for u32 {}
impl Visible for i32 {}

impl<T: Visible> Shown for Option<T> {
    fn hidden(&self) -> bool {
        self.is_none() || !T::VISIBLE
    }
}

impl<T> Shown for Vec<T> {
    fn hidden(&self) -> bool {
        false
    }
}

impl Shown for String {
    fn hidden(&self) -> bool {
        false
    }
}

#[cfg(test)]
#[allow(unreachable_pub)]
mod tests {
    use super::*;
    use crate::error::ErrorCode;

    schema! {
        pub struct T {
            "A" | "AA" => a: opt String,
            "N" => n: opt i32,
            "L" => l: texts String,
            "C" => c: node C,
        }
    }

    schema! {
        pub struct C {
            "A" => a: opt String,
            "N" => n: opt u32,
            "C" => c: node Inner,
        }
    }

    schema! {
        pub struct Inner {
            "A" => a: opt String,
        }
    }

    #[test]
    fn fields_share_a_slot_by_key() {
        let slots: Vec<usize> = T::FIELDS.iter().map(|f| f.slot).collect();
        assert_eq!(slots, [0, 0, 2, 3, 4]);
        assert!(matches!(T::FIELDS[4].kind, Kind::Node(f) if f.len() == 3));
        assert!(matches!((T::FIELDS[2].kind, C::FIELDS[1].kind), (Kind::I32, Kind::U32)));
    }

    fn run(xml: &str) -> Result<T> {
        let mut r = Reader::new(xml)?;
        r.root()?;
        let t = decode(&mut r, At::root("Response"))?.unwrap_or_default();
        r.finish()?;
        Ok(t)
    }

    #[test]
    fn leaves_lists_and_nesting() {
        let t = run("<R><A> x </A><N>\n -5 \n</N><L>1</L><L/><L>2</L><Z>unknown<Q/></Z><C><A>in</A></C></R>").unwrap();
        assert_eq!(t.a.as_deref(), Some(" x "));
        assert_eq!(t.n, Some(-5));
        assert_eq!(t.l, ["1", "2"]);
        assert_eq!(t.c.unwrap().a.as_deref(), Some("in"));
        let t = run("<R><A/><C/><L/><L/></R>").unwrap();
        assert!(t.a.is_none() && t.c.is_none());
        // Text in pieces (references, CDATA) is joined; a container's own text is ignored.
        let t = run("<R>stray<A>a&amp;b<![CDATA[<c>]]>&#x4e2d;</A><C>only text</C></R>").unwrap();
        assert_eq!(t.a.as_deref(), Some("a&b<c>中"));
        assert!(t.c.is_none());
        // Two tags for one field are checked separately; the last one wins.
        assert_eq!(run("<R><A>1</A><AA>2</AA></R>").unwrap().a.as_deref(), Some("2"));
    }

    #[test]
    fn errors_name_the_path() {
        for (xml, path) in [
            ("<R><A>1</A><A>2</A></R>", "Response.A"),
            ("<R><N>x</N></R>", "Response.N"),
            ("<R><N>99999999999</N></R>", "Response.N"),
            ("<R><A><B/></A></R>", "Response.A"),
            ("<R><C><N>1.5</N></C></R>", "Response.C.N"),
            ("<R><C><C><A><X/></A></C></C></R>", "Response.C.C.A"),
            ("<R><C/><C><A/></C><C><A/></C></R>", "Response.C"),
            ("<R><C/><C><A>1</A></C></R>", "Response.C"),
            ("<R><A/><A>1</A></R>", "Response.A"),
            ("<R><A>1</A><A></A></R>", "Response.A"),
        ] {
            let e = run(xml).unwrap_err();
            assert_eq!((e.code(), e.field()), (ErrorCode::InvalidResponse, Some(path)), "{xml}");
        }
    }

    #[test]
    fn unknown_elements_are_still_checked() {
        for bad in ["<R><Z><Y></Z></R>", "<R><Z>&bad;</Z></R>", "<R><Z>\u{1}</Z></R>"] {
            assert_eq!(run(bad).unwrap_err().code(), ErrorCode::InvalidXml, "{bad}");
        }
    }
}
