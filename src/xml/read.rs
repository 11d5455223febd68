//! A strict pull reader over quick-xml's ([`Reader`], what the response
//! decoders read from in one pass), and a small document tree built on it
//! ([`parse`], [`Element`]).
//!
//! Strict where it matters for never misreading a response: end tags must
//! match, the document must be complete and have exactly one root element,
//! entity references must be one of the five predefined ones or a character
//! reference, and a DOCTYPE is refused (so no entity is ever declared, let
//! alone expanded). Element names are matched by local name (namespace
//! prefixes and default namespaces are ignored); attributes are checked for
//! well-formedness and otherwise ignored; comments and processing
//! instructions are skipped.
//!
//! Bounded: a document longer than [`MAX_RESPONSE_BYTES`] is refused before
//! it is read, and reading stops at the first element past [`MAX_ELEMENTS`]
//! or deeper than [`MAX_DEPTH`] (an empty element `<X/>` counts as one
//! level, like `<X></X>`) — each a
//! [`ErrorCode::LimitExceeded`](crate::ErrorCode::LimitExceeded). With no
//! DOCTYPE there is nothing to expand, so a tree is never larger than the
//! text it came from.

use crate::error::{Error, Result};
use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::{BytesStart, Event};
use std::borrow::Cow;

/// Deepest element nesting accepted (CI responses use 6).
pub const MAX_DEPTH: usize = 64;

/// Most elements accepted in one document (a 100-job list has about 4,000).
pub const MAX_ELEMENTS: usize = 100_000;

/// Longest document accepted, in bytes (a 100-job list is about 125 KB).
pub const MAX_RESPONSE_BYTES: usize = 4 * 1024 * 1024;

/// One element: its local name, its direct text (text, CDATA and references
/// concatenated in order) and its child elements.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Element {
    /// Local name (no namespace prefix).
    pub name: String,
    /// Direct text, decoded (text, CDATA and references in document order).
    pub text: String,
    /// Child elements in document order.
    pub children: Vec<Element>,
}

impl Element {
    /// The first child named `name`.
    pub fn child(&self, name: &str) -> Option<&Element> {
        self.children.iter().find(|c| c.name == name)
    }

    /// The text of the first child named `name`.
    pub fn child_text(&self, name: &str) -> Option<&str> {
        self.child(name).map(|c| c.text.as_str())
    }
}

/// One step of a checked document, as [`Reader::next`] yields it.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Node<'a> {
    /// A start tag (an empty element is a start and an end): its local name.
    Start(&'a str),
    /// The end of the innermost open element.
    End,
    /// A piece of text inside an element: text, CDATA or a reference, decoded.
    /// An element's text may come in several pieces.
    Text(Cow<'a, str>),
}

/// The strict pull reader every response parser uses: quick-xml's reader plus
/// the checks and bounds described at the top of this module, yielding only
/// what a decoder needs — start tags by local name, ends and decoded text.
/// Nothing is allocated per element; names and most text borrow the input.
pub(crate) struct Reader<'a> {
    xml: &'a str,
    inner: quick_xml::Reader<&'a [u8]>,
    /// Local names of the open elements, outermost first.
    open: Vec<&'a str>,
    elements: usize,
    root_seen: bool,
}

/// `part` (a slice quick-xml borrowed from `input`) as a slice of `input`
/// itself, so it outlives the event it came from.
fn within<'a>(input: &'a str, part: &str) -> Option<&'a str> {
    let offset = (part.as_ptr() as usize).checked_sub(input.as_ptr() as usize)?;
    input.get(offset..offset.checked_add(part.len())?)
}

/// XML 1.0 `Char`: tab, LF, CR, U+0020–U+D7FF, U+E000–U+FFFD, U+10000 and up.
fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

fn check_chars(text: &str) -> Result<()> {
    // Fast path over bytes: only C0 controls and U+FFFE/U+FFFF (EF BF BE/BF)
    // can be wrong in a `str` (it holds no surrogates).
    let suspect = text.bytes().any(|b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')) || b == 0xEF);
    if !suspect {
        return Ok(());
    }
    match text.chars().find(|&c| !is_xml_char(c)) {
        Some(c) => Err(Error::invalid_xml(format!("character U+{:04X} is not allowed in XML", c as u32))),
        None => Ok(()),
    }
}

impl<'a> Reader<'a> {
    /// A reader over `xml`; a document longer than [`MAX_RESPONSE_BYTES`] is
    /// refused here, before anything is read.
    pub(crate) fn new(xml: &'a str) -> Result<Self> {
        if xml.len() > MAX_RESPONSE_BYTES {
            return Err(Error::limit_exceeded(format!(
                "the response body is {} bytes, more than the {MAX_RESPONSE_BYTES} accepted",
                xml.len()
            )));
        }
        let mut inner = quick_xml::Reader::from_str(xml);
        inner.config_mut().check_end_names = true;
        inner.config_mut().expand_empty_elements = true;
        Ok(Reader { xml, inner, open: Vec::new(), elements: 0, root_seen: false })
    }

    fn start(&mut self, e: &BytesStart<'_>) -> Result<Node<'a>> {
        if self.open.is_empty() && self.root_seen {
            return Err(Error::invalid_xml("more than one root element"));
        }
        self.elements += 1;
        if self.elements > MAX_ELEMENTS {
            return Err(Error::limit_exceeded(format!("the response has more than {MAX_ELEMENTS} elements")));
        }
        if self.open.len() >= MAX_DEPTH {
            return Err(Error::limit_exceeded(format!("elements nested deeper than {MAX_DEPTH} levels")));
        }
        for attr in e.attributes() {
            attr.map_err(|err| {
                Error::invalid_xml(format!("malformed attribute before byte {}: {err}", self.inner.buffer_position()))
            })?;
        }
        let local = e.local_name();
        let name = within(self.xml, local.as_ref())
            .ok_or_else(|| Error::internal("the XML reader gave an element name outside the input"))?;
        self.root_seen = true;
        self.open.push(name);
        Ok(Node::Start(name))
    }

    /// Text outside the root element: only whitespace is accepted.
    #[cold]
    fn outside(&self, what: &str) -> Error {
        Error::invalid_xml(format!("{what} outside the root element"))
    }

    /// The next step of the document, or `None` once it has ended (after
    /// checking that it is complete and has exactly one root element).
    pub(crate) fn next(&mut self) -> Result<Option<Node<'a>>> {
        loop {
            let event = self.inner.read_event().map_err(|err| {
                Error::invalid_xml(format!("not well-formed XML at byte {}: {err}", self.inner.error_position()))
            })?;
            let inside = !self.open.is_empty();
            return match event {
                Event::Start(e) => self.start(&e).map(Some),
                // `expand_empty_elements` turns `<X/>` into a start and an end.
                Event::Empty(_) => Err(Error::internal("the XML reader did not expand an empty element")),
                Event::End(_) => {
                    // quick-xml has checked that the name matches the open tag.
                    self.open.pop().ok_or_else(|| Error::invalid_xml("end tag without start tag"))?;
                    Ok(Some(Node::End))
                }
                Event::Text(t) => {
                    let text = t.xml10_content();
                    check_chars(&text)?;
                    if !inside {
                        if text.trim_matches(|c| matches!(c, ' ' | '\t' | '\r' | '\n')).is_empty() {
                            continue;
                        }
                        return Err(self.outside("text"));
                    }
                    if text.is_empty() {
                        continue;
                    }
                    Ok(Some(Node::Text(text)))
                }
                Event::CData(t) => {
                    if !inside {
                        return Err(self.outside("CDATA"));
                    }
                    let text = t.into_inner();
                    check_chars(&text)?;
                    if text.is_empty() {
                        continue;
                    }
                    Ok(Some(Node::Text(text)))
                }
                Event::GeneralRef(r) => {
                    if !inside {
                        return Err(self.outside("entity reference"));
                    }
                    if r.is_char_ref() {
                        match r.resolve_char_ref() {
                            Ok(Some(c)) if is_xml_char(c) => Ok(Some(Node::Text(Cow::Owned(c.to_string())))),
                            _ => Err(Error::invalid_xml(format!("invalid character reference &{};", &*r))),
                        }
                    } else {
                        match resolve_predefined_entity(&r) {
                            Some(s) => Ok(Some(Node::Text(Cow::Borrowed(s)))),
                            None => Err(Error::invalid_xml(format!(
                                "undefined entity &{};",
                                crate::error::quote(&r).trim_matches('"')
                            ))),
                        }
                    }
                }
                Event::DocType(_) => Err(Error::invalid_xml("DOCTYPE is not accepted in a response")),
                Event::Decl(_) if self.root_seen => {
                    Err(Error::invalid_xml("XML declaration after the start of the document"))
                }
                Event::Decl(_) | Event::Comment(_) | Event::PI(_) => continue,
                Event::Eof => match self.open.last() {
                    Some(name) => Err(Error::invalid_xml(format!("document ends inside <{name}>"))),
                    None if self.root_seen => Ok(None),
                    None => Err(Error::invalid_xml("no root element")),
                },
            };
        }
    }

    /// The root element's local name (the first thing [`next`](Self::next) gives).
    pub(crate) fn root(&mut self) -> Result<&'a str> {
        match self.next()? {
            Some(Node::Start(name)) => Ok(name),
            // `next` yields text and ends only inside an element, and `None`
            // only after a root element.
            _ => Err(Error::internal("the XML reader gave no root element")),
        }
    }

    /// How many elements are open.
    pub(crate) fn depth(&self) -> usize {
        self.open.len()
    }

    /// Reads through the end of the element whose start tag was just read,
    /// checking all of it.
    pub(crate) fn skip(&mut self) -> Result<()> {
        self.skip_to(self.depth())
    }

    /// Reads until fewer than `depth` elements are open (through the end of
    /// the element that was the `depth`th open one), checking all of it.
    pub(crate) fn skip_to(&mut self, depth: usize) -> Result<()> {
        while self.depth() >= depth {
            if self.next()?.is_none() {
                break;
            }
        }
        Ok(())
    }

    /// Reads the rest of the document, checking all of it.
    pub(crate) fn finish(&mut self) -> Result<()> {
        while self.next()?.is_some() {}
        Ok(())
    }
}

/// Parses a complete document and returns its root element. Errors are
/// [`ErrorCode::InvalidXml`](crate::ErrorCode::InvalidXml), or
/// [`ErrorCode::LimitExceeded`](crate::ErrorCode::LimitExceeded) past a bound.
pub fn parse(xml: &str) -> Result<Element> {
    let mut reader = Reader::new(xml)?;
    let mut stack: Vec<Element> = Vec::new();
    let mut root = None;
    while let Some(node) = reader.next()? {
        match node {
            Node::Start(name) => stack.push(Element { name: name.to_string(), ..Element::default() }),
            Node::Text(text) => {
                if let Some(el) = stack.last_mut() {
                    el.text.push_str(&text);
                }
            }
            Node::End => {
                let el = stack.pop().ok_or_else(|| Error::internal("the XML reader ended an element never started"))?;
                match stack.last_mut() {
                    Some(parent) => parent.children.push(el),
                    None => root = Some(el),
                }
            }
        }
    }
    root.ok_or_else(|| Error::invalid_xml("no root element"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorCode;

    #[test]
    fn builds_tree_with_decoded_text() {
        let root = parse(
            "<?xml version=\"1.0\"?>\n<!-- c --><r:Response xmlns:r=\"u\" a='1'><A>x &amp; &#20013;&#x6587; <![CDATA[<y>]]></A><B/>tail</r:Response>\n",
        )
        .unwrap();
        assert_eq!(root.name, "Response");
        assert_eq!(root.children.len(), 2);
        assert_eq!(root.children[0].text, "x & 中文 <y>");
        assert_eq!(root.children[1].name, "B");
        assert_eq!(root.text, "tail");
    }

    #[test]
    fn rejects_malformed_documents() {
        for bad in [
            "<R><A>1</R>",
            "<R><A>1</A>",
            "<R>",
            "not xml",
            "",
            "<R/><S/>",
            "<R>&foo;</R>",
            "<R>&#0;</R>",
            "<R>&#xD800;</R>",
            "<R>&#1;</R>",
            "<R>&#xFFFE;</R>",
            "<R>a\u{1}b</R>",
            "<R><![CDATA[\u{0}]]></R>",
            "<!DOCTYPE R [<!ENTITY a \"b\">]><R>&a;</R>",
            "<R a=1/>",
            "<R a='1' a='2'/>",
            "text<R/>",
            "<R/>text",
            "</R>",
            "<R></S>",
        ] {
            let e = parse(bad).unwrap_err();
            assert_eq!(e.code(), ErrorCode::InvalidXml, "{bad:?} -> {e}");
        }
    }

    #[test]
    fn depth_is_bounded() {
        let ok = format!("{}{}", "<a>".repeat(MAX_DEPTH), "</a>".repeat(MAX_DEPTH));
        assert!(parse(&ok).is_ok());
        let deep = format!("{}{}", "<a>".repeat(MAX_DEPTH + 1), "</a>".repeat(MAX_DEPTH + 1));
        assert_eq!(parse(&deep).unwrap_err().code(), ErrorCode::LimitExceeded);
        // An empty element is a level too.
        let deep_empty = format!("{}<b/>{}", "<a>".repeat(MAX_DEPTH), "</a>".repeat(MAX_DEPTH));
        assert_eq!(parse(&deep_empty).unwrap_err().code(), ErrorCode::LimitExceeded);
        // A million open tags: refused at the 65th, not after reading them all.
        let very_deep = "<a>".repeat(1_000_000);
        let e = parse(&very_deep).unwrap_err();
        assert_eq!(e.code(), ErrorCode::LimitExceeded, "{e}");
    }

    #[test]
    fn element_count_is_bounded() {
        let body = |n: usize| format!("<R>{}</R>", "<a/>".repeat(n));
        assert_eq!(parse(&body(MAX_ELEMENTS - 1)).unwrap().children.len(), MAX_ELEMENTS - 1);
        let e = parse(&body(MAX_ELEMENTS)).unwrap_err();
        assert_eq!(e.code(), ErrorCode::LimitExceeded);
        assert!(e.message().contains("100000 elements"), "{e}");
        // Start tags count as well as empty ones, and a malformed tail after the
        // bound is never reached: the bound is what stops the work.
        let mut xml = format!("<R>{}", "<a></a>".repeat(MAX_ELEMENTS));
        xml.push_str("<<<not xml");
        assert_eq!(parse(&xml).unwrap_err().code(), ErrorCode::LimitExceeded);
    }

    #[test]
    fn size_is_bounded_before_reading() {
        // Well-formed up to the bound: accepted.
        let pad = MAX_RESPONSE_BYTES - "<R></R>".len();
        let ok = format!("<R>{}</R>", "x".repeat(pad));
        assert_eq!(parse(&ok).unwrap().text.len(), pad);
        // One byte more, even of garbage: refused as too large, not as malformed,
        // which shows the body was never read.
        let big = format!("<<{}", "x".repeat(MAX_RESPONSE_BYTES - 1));
        let e = parse(&big).unwrap_err();
        assert_eq!(e.code(), ErrorCode::LimitExceeded, "{e}");
    }

    #[test]
    fn entities_are_never_expanded() {
        let laughs = concat!(
            "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">",
            "<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">",
            "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">]>",
            "<Response>&lol3;</Response>"
        );
        let external = "<!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><Response>&x;</Response>";
        let parameter = "<!DOCTYPE r [<!ENTITY % p SYSTEM \"http://127.0.0.1/x.dtd\"> %p;]><Response/>";
        for doc in [laughs, external, parameter] {
            let e = parse(doc).unwrap_err();
            assert_eq!(e.code(), ErrorCode::InvalidXml, "{doc}");
            assert!(e.message().contains("DOCTYPE"), "{e}");
        }
        // Without a DOCTYPE an entity is undefined, never looked up anywhere.
        assert_eq!(parse("<Response>&lol3;</Response>").unwrap_err().code(), ErrorCode::InvalidXml);
    }
}
