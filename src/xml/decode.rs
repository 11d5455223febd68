//! Typed decoding straight from the pull reader, in one pass: leaves into
//! text or numbers, child elements into structs, repeated elements into
//! `Vec`s. An element's path (`Response.JobsDetail.Input`) is rendered only
//! for an error.
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
use std::borrow::Cow;

/// A value read from an element's text.
pub(crate) trait FromText: Sized {
    fn from_text(text: &str) -> std::result::Result<Self, String>;
}

impl FromText for String {
    fn from_text(text: &str) -> std::result::Result<Self, String> {
        Ok(text.to_string())
    }
}

macro_rules! int_from_text {
    ($($t:ty),*) => {$(
        impl FromText for $t {
            fn from_text(text: &str) -> std::result::Result<Self, String> {
                let t = text.trim_matches(|c| matches!(c, ' ' | '\t' | '\r' | '\n'));
                t.parse().map_err(|_| format!(
                    "expected an integer from {} to {}, found {}", <$t>::MIN, <$t>::MAX, quote(text)
                ))
            }
        }
    )*};
}
int_from_text!(u32, i32);

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

    fn render(&self) -> String {
        match self.parent {
            Some(parent) => format!("{}.{}", parent.render(), self.name),
            None => self.name.to_string(),
        }
    }
}

/// A struct decoded from the children of one element.
pub(crate) trait FromXml: Default {
    /// The index of child element `name` among the fields this struct reads
    /// (single-valued fields are checked for repetition by it), or `None`
    /// for an element it ignores.
    fn field(name: &str) -> Option<usize>;

    /// Reads child field `index` (its start tag has been read; `at` is its
    /// path) through its end tag. `repeated` says whether the same field
    /// appeared before in this element.
    fn read(&mut self, index: usize, r: &mut Reader<'_>, at: At<'_>, repeated: bool) -> Result<()>;
}

/// Decodes the element whose start tag was just read (at `at`) into `T`,
/// through its end tag. `None` when it has no child elements.
pub(crate) fn decode<T: FromXml>(r: &mut Reader<'_>, at: At<'_>) -> Result<Option<T>> {
    let mut value: Option<T> = None;
    let mut seen = 0u64;
    loop {
        match r.next()? {
            Some(Node::Start(name)) => {
                let value = value.get_or_insert_with(T::default);
                match T::field(name) {
                    Some(index) => {
                        let bit = 1u64.checked_shl(index as u32).unwrap_or(0);
                        let repeated = seen & bit != 0;
                        seen |= bit;
                        value.read(index, r, at.child(name), repeated)?;
                    }
                    // Unknown elements are read (and checked) but ignored.
                    None => r.skip()?,
                }
            }
            // Stray text inside a container is ignored.
            Some(Node::Text(_)) => {}
            Some(Node::End) | None => return Ok(value),
        }
    }
}

#[cold]
fn repeated_error(at: At<'_>) -> Error {
    Error::invalid_response(at.render(), "appears more than once but is documented as a single value")
}

/// The text of the element whose start tag was just read, through its end
/// tag; an error if it has a child element.
fn text<'a>(r: &mut Reader<'a>, at: At<'_>) -> Result<Cow<'a, str>> {
    let mut text = Cow::Borrowed("");
    loop {
        match r.next()? {
            Some(Node::Text(piece)) if text.is_empty() => text = piece,
            Some(Node::Text(piece)) => text.to_mut().push_str(&piece),
            Some(Node::Start(name)) => {
                return Err(Error::invalid_response(at.render(), format!("expected text, found element <{name}>")))
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

/// One more entry of a list of strings.
pub(crate) fn push_text(list: &mut Vec<String>, r: &mut Reader<'_>, at: At<'_>, _: bool) -> Result<()> {
    let mut value = None;
    leaf(&mut value, r, at, false)?;
    list.extend(value);
    Ok(())
}

/// Implements [`FromXml`] from a table of `"Tag" => kind(field)`, where kind
/// is [`leaf`], [`node`], [`push_node`] or [`push_text`]. Two tags may fill
/// one field (they are checked for repetition separately).
macro_rules! from_xml {
    ($ty:ty { $($tag:literal => $kind:ident($field:ident)),* $(,)? }) => {
        impl $crate::xml::decode::FromXml for $ty {
            fn field(name: &str) -> Option<usize> {
                const TAGS: &[&str] = &[$($tag),*];
                // `decode` tracks repeats in a u64, one bit per tag.
                const _: () = assert!(TAGS.len() <= 64);
                TAGS.iter().position(|tag| *tag == name)
            }

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
                        return $crate::xml::decode::$kind(&mut self.$field, r, at, repeated);
                    }
                    i += 1;
                )*
                let _ = (i, r, at, repeated);
                // `field` gives only indexes of the table above.
                Err($crate::error::Error::internal("a decoder was asked for a field it does not have"))
            }
        }
    };
}
pub(crate) use from_xml;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorCode;

    #[derive(Default, Debug)]
    struct T {
        a: Option<String>,
        n: Option<i32>,
        l: Vec<String>,
        c: Option<Box<T>>,
    }
    impl FromXml for Box<T> {
        fn field(name: &str) -> Option<usize> {
            T::field(name)
        }
        fn read(&mut self, index: usize, r: &mut Reader<'_>, at: At<'_>, repeated: bool) -> Result<()> {
            (**self).read(index, r, at, repeated)
        }
    }
    from_xml!(T { "A" => leaf(a), "N" => leaf(n), "L" => push_text(l), "C" => node(c), "AA" => leaf(a) });

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
