//! A small, strict document tree over quick-xml's pull reader.
//!
//! Strict where it matters for never misreading a response: end tags must
//! match, the document must be complete and have exactly one root element,
//! entity references must be one of the five predefined ones or a character
//! reference, and a DOCTYPE is refused (so no entity is ever declared, let
//! alone expanded). Element names are matched by local name (namespace
//! prefixes and default namespaces are ignored); attributes are checked for
//! well-formedness and otherwise ignored; comments and processing
//! instructions are skipped. Nesting depth is bounded.

use crate::error::{Error, Result};
use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::{BytesStart, Event};
use quick_xml::reader::Reader;

/// Deepest element nesting accepted (CI responses use 6).
pub const MAX_DEPTH: usize = 64;

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

fn start(e: &BytesStart<'_>, position: u64) -> Result<Element> {
    for attr in e.attributes() {
        attr.map_err(|err| Error::invalid_xml(format!("malformed attribute before byte {position}: {err}")))?;
    }
    Ok(Element { name: e.local_name().into_inner().to_string(), text: String::new(), children: Vec::new() })
}

/// XML 1.0 `Char`: tab, LF, CR, U+0020–U+D7FF, U+E000–U+FFFD, U+10000 and up.
fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

fn check_chars(text: &str) -> Result<()> {
    match text.chars().find(|&c| !is_xml_char(c)) {
        Some(c) => Err(Error::invalid_xml(format!("character U+{:04X} is not allowed in XML", c as u32))),
        None => Ok(()),
    }
}

/// Parses a complete document and returns its root element. Errors are
/// [`ErrorCode::InvalidXml`](crate::ErrorCode::InvalidXml).
pub fn parse(xml: &str) -> Result<Element> {
    let mut reader = Reader::from_str(xml);
    reader.config_mut().check_end_names = true;
    let mut stack: Vec<Element> = Vec::new();
    let mut root: Option<Element> = None;

    loop {
        let event = reader.read_event().map_err(|err| {
            Error::invalid_xml(format!("not well-formed XML at byte {}: {err}", reader.error_position()))
        })?;
        match event {
            Event::Start(_) | Event::Empty(_) if root.is_some() => {
                return Err(Error::invalid_xml("more than one root element"));
            }
            Event::Start(e) => {
                if stack.len() >= MAX_DEPTH {
                    return Err(Error::invalid_xml(format!("elements nested deeper than {MAX_DEPTH} levels")));
                }
                stack.push(start(&e, reader.buffer_position())?);
            }
            Event::Empty(e) => {
                let el = start(&e, reader.buffer_position())?;
                match stack.last_mut() {
                    Some(parent) => parent.children.push(el),
                    None => root = Some(el),
                }
            }
            Event::End(_) => {
                // quick-xml has checked that the name matches the open tag.
                let el = stack.pop().ok_or_else(|| Error::invalid_xml("end tag without start tag"))?;
                match stack.last_mut() {
                    Some(parent) => parent.children.push(el),
                    None => root = Some(el),
                }
            }
            Event::Text(t) => {
                let text = t.xml10_content();
                check_chars(&text)?;
                match stack.last_mut() {
                    Some(el) => el.text.push_str(&text),
                    None if text.trim_matches(|c| matches!(c, ' ' | '\t' | '\r' | '\n')).is_empty() => {}
                    None => return Err(Error::invalid_xml("text outside the root element")),
                }
            }
            Event::CData(t) => match stack.last_mut() {
                Some(el) => {
                    let text = t.into_inner();
                    check_chars(&text)?;
                    el.text.push_str(&text);
                }
                None => return Err(Error::invalid_xml("CDATA outside the root element")),
            },
            Event::GeneralRef(r) => {
                let el =
                    stack.last_mut().ok_or_else(|| Error::invalid_xml("entity reference outside the root element"))?;
                if r.is_char_ref() {
                    match r.resolve_char_ref() {
                        Ok(Some(c)) if is_xml_char(c) => el.text.push(c),
                        _ => return Err(Error::invalid_xml(format!("invalid character reference &{};", &*r))),
                    }
                } else {
                    match resolve_predefined_entity(&r) {
                        Some(s) => el.text.push_str(s),
                        None => {
                            return Err(Error::invalid_xml(format!(
                                "undefined entity &{};",
                                crate::error::quote(&r).trim_matches('"')
                            )))
                        }
                    }
                }
            }
            Event::DocType(_) => return Err(Error::invalid_xml("DOCTYPE is not accepted in a response")),
            Event::Decl(_) if root.is_some() || !stack.is_empty() => {
                return Err(Error::invalid_xml("XML declaration after the start of the document"))
            }
            Event::Decl(_) | Event::Comment(_) | Event::PI(_) => {}
            Event::Eof => {
                if !stack.is_empty() {
                    return Err(Error::invalid_xml(format!(
                        "document ends inside <{}>",
                        stack.last().map_or("", |e| e.name.as_str())
                    )));
                }
                return root.ok_or_else(|| Error::invalid_xml("no root element"));
            }
        }
    }
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
        assert_eq!(parse(&deep).unwrap_err().code(), ErrorCode::InvalidXml);
        let very_deep = "<a>".repeat(1_000_000);
        assert!(parse(&very_deep).is_err());
    }
}
