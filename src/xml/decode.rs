//! Typed decoding of the document tree: leaves into text or numbers, child
//! elements into structs, repeated elements into `Vec`s.
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

use super::Element;
use crate::error::{quote, Error, Result};
use std::collections::BTreeMap;

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

/// A struct decoded from the children of one element.
pub(crate) trait FromXml: Default {
    /// Takes one child element; `path` is this struct's element path (for
    /// errors); `repeated` says whether a sibling has the same name.
    fn child(&mut self, child: &Element, path: &str, repeated: bool) -> Result<()>;
}

fn child_path(path: &str, el: &Element) -> String {
    format!("{path}.{}", el.name)
}

/// Decodes `el` (at `path`) into `T`.
pub(crate) fn decode<T: FromXml>(el: &Element, path: &str) -> Result<T> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for child in &el.children {
        *counts.entry(child.name.as_str()).or_default() += 1;
    }
    let mut value = T::default();
    for child in &el.children {
        value.child(child, path, counts.get(child.name.as_str()).is_some_and(|&n| n > 1))?;
    }
    Ok(value)
}

fn repeated_error(el: &Element, path: &str) -> Error {
    Error::invalid_response(child_path(path, el), "appears more than once but is documented as a single value")
}

/// A single-valued leaf.
pub(crate) fn leaf<T: FromText>(slot: &mut Option<T>, el: &Element, path: &str, repeated: bool) -> Result<()> {
    if repeated {
        return Err(repeated_error(el, path));
    }
    if let Some(c) = el.children.first() {
        return Err(Error::invalid_response(
            child_path(path, el),
            format!("expected text, found element <{}>", c.name),
        ));
    }
    if !el.text.is_empty() {
        *slot = Some(T::from_text(&el.text).map_err(|m| Error::invalid_response(child_path(path, el), m))?);
    }
    Ok(())
}

/// A single-valued container.
pub(crate) fn node<T: FromXml>(slot: &mut Option<T>, el: &Element, path: &str, repeated: bool) -> Result<()> {
    if repeated {
        return Err(repeated_error(el, path));
    }
    if !el.children.is_empty() {
        *slot = Some(decode(el, &child_path(path, el))?);
    }
    Ok(())
}

/// One more entry of a list of containers.
pub(crate) fn push_node<T: FromXml>(list: &mut Vec<T>, el: &Element, path: &str) -> Result<()> {
    if !el.children.is_empty() {
        list.push(decode(el, &child_path(path, el))?);
    }
    Ok(())
}

/// One more entry of a list of strings.
pub(crate) fn push_text(list: &mut Vec<String>, el: &Element, path: &str) -> Result<()> {
    let mut value = None;
    leaf(&mut value, el, path, false)?;
    list.extend(value);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorCode;
    use crate::xml::parse;

    #[derive(Default, Debug)]
    struct T {
        a: Option<String>,
        n: Option<i32>,
        l: Vec<String>,
        c: Option<Box<T>>,
    }
    impl FromXml for Box<T> {
        fn child(&mut self, child: &Element, path: &str, repeated: bool) -> Result<()> {
            (**self).child(child, path, repeated)
        }
    }
    impl FromXml for T {
        fn child(&mut self, child: &Element, path: &str, repeated: bool) -> Result<()> {
            match child.name.as_str() {
                "A" => leaf(&mut self.a, child, path, repeated),
                "N" => leaf(&mut self.n, child, path, repeated),
                "L" => push_text(&mut self.l, child, path),
                "C" => node(&mut self.c, child, path, repeated),
                _ => Ok(()),
            }
        }
    }

    fn run(xml: &str) -> Result<T> {
        decode(&parse(xml)?, "Response")
    }

    #[test]
    fn leaves_lists_and_nesting() {
        let t = run("<R><A> x </A><N>\n -5 \n</N><L>1</L><L/><L>2</L><Z>unknown</Z><C><A>in</A></C></R>").unwrap();
        assert_eq!(t.a.as_deref(), Some(" x "));
        assert_eq!(t.n, Some(-5));
        assert_eq!(t.l, ["1", "2"]);
        assert_eq!(t.c.unwrap().a.as_deref(), Some("in"));
        let t = run("<R><A/><C/><L/><L/></R>").unwrap();
        assert!(t.a.is_none() && t.c.is_none());
    }

    #[test]
    fn errors_name_the_path() {
        for (xml, path) in [
            ("<R><A>1</A><A>2</A></R>", "Response.A"),
            ("<R><N>x</N></R>", "Response.N"),
            ("<R><N>99999999999</N></R>", "Response.N"),
            ("<R><A><B/></A></R>", "Response.A"),
            ("<R><C><N>1.5</N></C></R>", "Response.C.N"),
            ("<R><C/><C><A/></C><C><A/></C></R>", "Response.C"),
            ("<R><C/><C><A>1</A></C></R>", "Response.C"),
            ("<R><A/><A>1</A></R>", "Response.A"),
            ("<R><A>1</A><A></A></R>", "Response.A"),
        ] {
            let e = run(xml).unwrap_err();
            assert_eq!((e.code(), e.field()), (ErrorCode::InvalidResponse, Some(path)), "{xml}");
        }
    }
}
