//! A strict pull reader over quick-xml's ([`Reader`], what the response
//! decoders read from in one pass), and a small document tree built on it
//! ([`parse`], [`Element`]).
//!
//! Strict: every document accepted is well-formed XML 1.0 (5th edition), so
//! a response is never misread. quick-xml finds the markup and matches end
//! tags; on top of it this reader checks every production it accepts:
//! - element, attribute and processing-instruction target names are `Name`s
//!   (`NameStartChar NameChar*`), and end tags are `</Name S?>`;
//! - start tags are `Name (S Attribute)* S?` with `Attribute ::= Name Eq
//!   AttValue`: quoted values without `<`, only valid references, unique
//!   names, whitespace between attributes (attributes are otherwise ignored);
//! - references, in text and attribute values, are one of the five
//!   predefined entities or a character reference (`&#digits;`, `&#xhex;`)
//!   to a legal `Char`; a DOCTYPE is refused, so no entity is ever declared,
//!   let alone expanded;
//! - text holds only `Char`s and no `]]>`; CDATA only `Char`s;
//! - comments hold no `--` and do not end in `-`; processing instructions
//!   have a target other than `xml` in any case;
//! - the XML declaration only at the very start (after a BOM, if any), as
//!   `version`, then optional `encoding`, then optional `standalone`;
//! - only whitespace (`S`) outside the root element, which is exactly one.
//!
//! Element names are matched by local name (namespace prefixes and default
//! namespaces are ignored); comments and processing instructions are
//! skipped. Error messages quote at most 64 bytes of the input.
//!
//! Bounded: a document longer than [`MAX_RESPONSE_BYTES`] is refused before
//! it is read, and reading stops at the first element past [`MAX_ELEMENTS`]
//! or deeper than [`MAX_DEPTH`] (an empty element `<X/>` counts as one
//! level, like `<X></X>`) — each a
//! [`ErrorCode::LimitExceeded`](crate::ErrorCode::LimitExceeded). With no
//! DOCTYPE there is nothing to expand, so a tree is never larger than the
//! text it came from.

use crate::error::{Error, Result};
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
    /// Whether an event has been read (an XML declaration must be the first).
    started: bool,
}

/// `part` (a slice quick-xml borrowed from `input`) as a slice of `input`
/// itself, so it outlives the event it came from.
fn within<'a>(input: &'a str, part: &str) -> Option<&'a str> {
    let offset = (part.as_ptr() as usize).checked_sub(input.as_ptr() as usize)?;
    input.get(offset..offset.checked_add(part.len())?)
}

/// Most bytes of the document an error message quotes (a name, a reference):
/// an InvalidXml message stays short whatever the input holds.
const MAX_ECHO: usize = 64;

/// `text` quoted for an error message: escaped, and cut on a character
/// boundary after [`MAX_ECHO`] bytes.
#[cold]
fn echo(text: &str) -> String {
    let mut end = text.len().min(MAX_ECHO);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let mut out = crate::error::quote(&text[..end]);
    if end < text.len() {
        out.push('…');
    }
    out
}

/// XML 1.0 `Char`: tab, LF, CR, U+0020–U+D7FF, U+E000–U+FFFD, U+10000 and up.
fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// XML 1.0 `S`: space, tab, CR, LF.
fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n')
}

/// XML 1.0 (5th edition) `NameStartChar`.
fn is_name_start(c: char) -> bool {
    matches!(c,
        ':' | 'A'..='Z' | '_' | 'a'..='z' | '\u{C0}'..='\u{D6}' | '\u{D8}'..='\u{F6}' | '\u{F8}'..='\u{2FF}'
        | '\u{370}'..='\u{37D}' | '\u{37F}'..='\u{1FFF}' | '\u{200C}'..='\u{200D}' | '\u{2070}'..='\u{218F}'
        | '\u{2C00}'..='\u{2FEF}' | '\u{3001}'..='\u{D7FF}' | '\u{F900}'..='\u{FDCF}' | '\u{FDF0}'..='\u{FFFD}'
        | '\u{10000}'..='\u{EFFFF}')
}

/// XML 1.0 (5th edition) `NameChar`.
fn is_name_char(c: char) -> bool {
    is_name_start(c) || matches!(c, '-' | '.' | '0'..='9' | '\u{B7}' | '\u{300}'..='\u{36F}' | '\u{203F}'..='\u{2040}')
}

/// Byte classes for the ASCII fast paths: a `NameStartChar`, a `NameChar`,
/// a byte that may make text wrong (a C0 control other than tab, LF and CR;
/// 0xEF, which starts U+FFFE and U+FFFF), and `>` (which may end `]]>`).
const NAME_START: u8 = 1;
const NAME: u8 = 2;
const SUSPECT: u8 = 4;
const GT: u8 = 8;
static CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        if c.is_ascii_alphabetic() || c == b'_' || c == b':' {
            t[b] |= NAME_START | NAME;
        }
        if c.is_ascii_digit() || c == b'-' || c == b'.' {
            t[b] |= NAME;
        }
        if (c < 0x20 && c != b'\t' && c != b'\n' && c != b'\r') || c == 0xEF {
            t[b] |= SUSPECT;
        }
        if c == b'>' {
            t[b] |= GT;
        }
        b += 1;
    }
    t
};

/// The length in bytes of the longest `Name` at the start of `s` (0: none).
fn name_len(s: &str) -> usize {
    let bytes = s.as_bytes();
    // ASCII fast path: every CI tag name.
    match bytes.first() {
        Some(&b) if CLASS[b as usize] & NAME_START != 0 => {}
        Some(b) if b.is_ascii() => return 0,
        Some(_) => return name_len_slow(s),
        None => return 0,
    }
    match bytes.iter().position(|&b| CLASS[b as usize] & NAME == 0) {
        None => bytes.len(),
        Some(i) if bytes[i].is_ascii() => i,
        Some(i) => i + name_len_slow_rest(&s[i..]),
    }
}

#[cold]
fn name_len_slow(s: &str) -> usize {
    match s.chars().next() {
        Some(c) if is_name_start(c) => c.len_utf8() + name_len_slow_rest(&s[c.len_utf8()..]),
        _ => 0,
    }
}

fn name_len_slow_rest(s: &str) -> usize {
    s.char_indices().find(|&(_, c)| !is_name_char(c)).map_or(s.len(), |(i, _)| i)
}

fn skip_space(s: &str) -> &str {
    s.trim_start_matches([' ', '\t', '\r', '\n'])
}

/// Checks that `text` holds only XML `Char`s and, for character data
/// (`char_data`), no `]]>`.
fn check_chars(text: &str, char_data: bool) -> Result<()> {
    // Fast path over bytes: only C0 controls and U+FFFE/U+FFFF (EF BF BE/BF)
    // can be wrong in a `str` (it holds no surrogates); `]]>` needs a `>`.
    let mask = if char_data { SUSPECT | GT } else { SUSPECT };
    let suspect = text.bytes().any(|b| CLASS[b as usize] & mask != 0);
    if !suspect {
        return Ok(());
    }
    if let Some(c) = text.chars().find(|&c| !is_xml_char(c)) {
        return Err(Error::invalid_xml(format!("character U+{:04X} is not allowed in XML", c as u32)));
    }
    if char_data && text.contains("]]>") {
        return Err(Error::invalid_xml("']]>' is not allowed in character data"));
    }
    Ok(())
}

/// The five predefined entities.
fn predefined_entity(name: &str) -> Option<&'static str> {
    Some(match name {
        "lt" => "<",
        "gt" => ">",
        "amp" => "&",
        "apos" => "'",
        "quot" => "\"",
        _ => return None,
    })
}

/// What a reference's body (between `&` and `;`) stands for: a `CharRef`
/// (`#` digits, `#x` hex digits; the character must be a `Char`) or one of
/// the five predefined entities (a `Name`; no other entity is ever declared).
#[inline(never)]
fn reference(body: &str) -> Result<Cow<'static, str>> {
    if let Some(num) = body.strip_prefix('#') {
        let (digits, radix) = match num.strip_prefix('x') {
            Some(hex) => (hex, 16),
            None => (num, 10),
        };
        let valid_digits = !digits.is_empty() && digits.bytes().all(|b| (b as char).is_digit(radix));
        let value =
            digits.bytes().try_fold(0u32, |v, b| v.checked_mul(radix)?.checked_add((b as char).to_digit(radix)?));
        return match (valid_digits, value.and_then(char::from_u32)) {
            (true, Some(c)) if is_xml_char(c) => Ok(Cow::Owned(c.to_string())),
            _ => Err(Error::invalid_xml(format!("invalid character reference &{};", echo(body).trim_matches('"')))),
        };
    }
    match predefined_entity(body) {
        Some(s) => Ok(Cow::Borrowed(s)),
        None if name_len(body) == body.len() && !body.is_empty() => {
            Err(Error::invalid_xml(format!("undefined entity &{};", echo(body).trim_matches('"'))))
        }
        None => Err(Error::invalid_xml(format!("malformed reference &{};", echo(body).trim_matches('"')))),
    }
}

/// Checks a quoted attribute value (`AttValue`): no `<`, every `&` starts a
/// valid reference, only `Char`s.
#[inline(never)]
fn check_att_value(value: &str) -> Result<()> {
    if value.contains('<') {
        return Err(Error::invalid_xml("'<' is not allowed in an attribute value"));
    }
    check_chars(value, false)?;
    let mut rest = value;
    while let Some(amp) = rest.find('&') {
        let after = &rest[amp + 1..];
        let end = after.find(';').ok_or_else(|| Error::invalid_xml("'&' in an attribute value starts no reference"))?;
        reference(&after[..end])?;
        rest = &after[end + 1..];
    }
    Ok(())
}

/// Checks a start tag's text after `<` (and before `>` or `/>`):
/// `Name (S Attribute)* S?`, with `Attribute ::= Name Eq AttValue`, unique
/// attribute names.
#[inline]
fn check_start_tag(content: &str) -> Result<()> {
    let n = name_len(content);
    // The common case: a name alone.
    if n == content.len() && n != 0 {
        return Ok(());
    }
    check_start_tag_rest(content, n)
}

#[inline(never)]
fn check_start_tag_rest(content: &str, n: usize) -> Result<()> {
    if n == 0 {
        return Err(Error::invalid_xml(format!("a start tag must begin with a name, found {}", echo(content))));
    }
    let (name, mut rest) = content.split_at(n);
    let mut names: Vec<&str> = Vec::new();
    loop {
        let after_space = skip_space(rest);
        if after_space.is_empty() {
            return Ok(());
        }
        let bad =
            |what: &str| Error::invalid_xml(format!("malformed start tag <{}: {what}", echo(name).trim_matches('"')));
        if after_space.len() == rest.len() {
            return Err(bad("whitespace is required before an attribute"));
        }
        let n = name_len(after_space);
        if n == 0 {
            return Err(bad("an attribute name is expected"));
        }
        let (att, after_name) = after_space.split_at(n);
        if names.contains(&att) {
            return Err(bad("an attribute appears twice"));
        }
        names.push(att);
        let after_eq =
            skip_space(after_name).strip_prefix('=').ok_or_else(|| bad("'=' is expected after an attribute name"))?;
        let value_start = skip_space(after_eq);
        let quote = match value_start.as_bytes().first() {
            Some(&q @ (b'"' | b'\'')) => q as char,
            _ => return Err(bad("an attribute value must be quoted")),
        };
        let value_and_rest = &value_start[1..];
        let end = value_and_rest.find(quote).ok_or_else(|| bad("an attribute value is not closed"))?;
        check_att_value(&value_and_rest[..end])?;
        rest = &value_and_rest[end + 1..];
    }
}

/// Checks a comment's text (between `<!--` and `-->`): no `--`, not ending
/// in `-`, only `Char`s.
#[inline(never)]
fn check_comment(text: &str) -> Result<()> {
    if text.contains("--") || text.ends_with('-') {
        return Err(Error::invalid_xml("a comment must not contain '--' or end with '-'"));
    }
    check_chars(text, false)
}

/// Checks a processing instruction's text (between `<?` and `?>`):
/// `PITarget (S Char*)?`, the target a `Name` other than `xml` in any case.
#[inline(never)]
fn check_pi(content: &str) -> Result<()> {
    let n = name_len(content);
    let (target, rest) = content.split_at(n);
    if n == 0 {
        return Err(Error::invalid_xml(format!(
            "a processing instruction must begin with a name, found {}",
            echo(content)
        )));
    }
    if target.eq_ignore_ascii_case("xml") {
        return Err(Error::invalid_xml("the XML declaration is allowed only at the very start of the document"));
    }
    if !rest.is_empty() && !is_space(rest.as_bytes()[0]) {
        return Err(Error::invalid_xml(format!(
            "the target of a processing instruction must be a name followed by whitespace, found {}",
            echo(content)
        )));
    }
    check_chars(rest, false)
}

/// Checks an XML declaration's text (between `<?` and `?>`, starting with
/// `xml`): `'xml' VersionInfo EncodingDecl? SDDecl? S?`, in that order.
#[inline(never)]
fn check_decl(content: &str) -> Result<()> {
    let bad = || {
        Error::invalid_xml(
            "malformed XML declaration: expected <?xml version=\"1.x\" [encoding=\"…\"] [standalone=\"yes|no\"]?>",
        )
    };
    let mut rest = content.strip_prefix("xml").ok_or_else(bad)?;
    // ` name = 'value'` (whitespace required before the name); the value, or
    // None when `name` is not next.
    let mut pseudo_attribute = |name: &str| -> Result<Option<&str>> {
        let after_space = skip_space(rest);
        if after_space.len() == rest.len() {
            return Ok(None);
        }
        let Some(after_name) = after_space.strip_prefix(name) else { return Ok(None) };
        let after_eq = skip_space(after_name).strip_prefix('=').ok_or_else(bad)?;
        let value_start = skip_space(after_eq);
        let quote = match value_start.as_bytes().first() {
            Some(&q @ (b'"' | b'\'')) => q as char,
            _ => return Err(bad()),
        };
        let (value, after) = value_start[1..].split_once(quote).ok_or_else(bad)?;
        rest = after;
        Ok(Some(value))
    };
    let version = pseudo_attribute("version")?.ok_or_else(bad)?;
    let version_ok = version.strip_prefix("1.").is_some_and(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()));
    let encoding = pseudo_attribute("encoding")?;
    let encoding_ok = encoding.is_none_or(|e| {
        e.as_bytes().first().is_some_and(u8::is_ascii_alphabetic)
            && e.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
    });
    let standalone = pseudo_attribute("standalone")?;
    let standalone_ok = matches!(standalone, None | Some("yes" | "no"));
    if !(version_ok && encoding_ok && standalone_ok && skip_space(rest).is_empty()) {
        return Err(bad());
    }
    Ok(())
}

/// What a quick-xml error says, in a few words of our own: its `Display`
/// (and the formatting machinery it brings) stays out of the wasm, and no
/// name from the document is echoed.
#[cold]
fn describe(err: &quick_xml::Error) -> &'static str {
    use quick_xml::errors::{IllFormedError as Ill, SyntaxError as Syntax};
    match err {
        quick_xml::Error::Syntax(e) => match e {
            Syntax::InvalidBangMarkup => "unknown markup after '<!'",
            Syntax::UnclosedPI => "unclosed processing instruction",
            Syntax::UnclosedXmlDecl => "unclosed XML declaration",
            Syntax::UnclosedComment => "unclosed comment",
            Syntax::UnclosedDoctype => "unclosed DOCTYPE",
            Syntax::UnclosedCData => "unclosed CDATA section",
            Syntax::UnclosedTag => "unclosed tag",
            Syntax::UnclosedSingleQuotedAttributeValue | Syntax::UnclosedDoubleQuotedAttributeValue => {
                "unclosed attribute value"
            }
        },
        quick_xml::Error::IllFormed(e) => match e {
            Ill::MissingEndTag(_) => "an element is not closed",
            Ill::UnmatchedEndTag(_) => "an end tag without its start tag",
            Ill::MismatchedEndTag { .. } => "an end tag that does not match its start tag",
            Ill::DoubleHyphenInComment => "'--' inside a comment",
            Ill::UnclosedReference => "an unclosed reference",
            _ => "a malformed declaration",
        },
        quick_xml::Error::InvalidAttr(_) => "a malformed attribute",
        quick_xml::Error::Escape(_) => "a malformed reference",
        _ => "malformed markup",
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
        Ok(Reader { xml, inner, open: Vec::new(), elements: 0, root_seen: false, started: false })
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
        check_start_tag(e)?;
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
                Error::invalid_xml(format!(
                    "not well-formed XML at byte {}: {}",
                    self.inner.error_position(),
                    describe(&err)
                ))
            })?;
            let first = !std::mem::replace(&mut self.started, true);
            let inside = !self.open.is_empty();
            return match event {
                Event::Start(e) => self.start(&e).map(Some),
                // `expand_empty_elements` turns `<X/>` into a start and an end.
                Event::Empty(_) => Err(Error::internal("the XML reader did not expand an empty element")),
                Event::End(_) => {
                    // quick-xml has checked that the name matches the open
                    // tag (a checked `Name`), with only whitespace after it.
                    self.open.pop().ok_or_else(|| Error::invalid_xml("end tag without start tag"))?;
                    Ok(Some(Node::End))
                }
                Event::Text(t) => {
                    let text = t.xml10_content();
                    check_chars(&text, true)?;
                    if !inside {
                        if text.bytes().all(is_space) {
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
                    check_chars(&text, false)?;
                    if text.is_empty() {
                        continue;
                    }
                    Ok(Some(Node::Text(text)))
                }
                Event::GeneralRef(r) => {
                    if !inside {
                        return Err(self.outside("entity reference"));
                    }
                    reference(&r).map(|text| Some(Node::Text(text)))
                }
                Event::DocType(_) => Err(Error::invalid_xml("DOCTYPE is not accepted in a response")),
                // Only at the very start (quick-xml has dropped a BOM before it).
                Event::Decl(d) if first && (self.xml.starts_with("<?xml") || self.xml.starts_with("\u{FEFF}<?xml")) => {
                    check_decl(&d)?;
                    continue;
                }
                Event::Decl(_) => {
                    Err(Error::invalid_xml("the XML declaration is allowed only at the very start of the document"))
                }
                Event::Comment(c) => {
                    check_comment(&c)?;
                    continue;
                }
                Event::PI(p) => {
                    check_pi(&p)?;
                    continue;
                }
                Event::Eof => match self.open.last() {
                    Some(name) => {
                        Err(Error::invalid_xml(format!("document ends inside <{}>", echo(name).trim_matches('"'))))
                    }
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

    /// The XML 1.0 (5th edition) productions, case by case: documents that
    /// are well-formed parse, with what they say; the others are InvalidXml.
    #[test]
    fn well_formedness_table() {
        let well_formed: &[(&str, &str)] = &[
            // Start, end and empty-element tags, whitespace inside them.
            ("<R/>", ""),
            ("<R></R>", ""),
            ("<R >x</R >", "x"),
            ("<R\t\r\n/>", ""),
            ("<R>x</R \t\r\n>", "x"),
            // Attributes: Name Eq AttValue, either quote, references.
            ("<R a=\"1\" b='2'/>", ""),
            ("<R a = \"1\"\n b\t=\t'2' />", ""),
            ("<R a=\"&lt;&gt;&amp;&apos;&quot;&#65;&#x41;&#x10FFFF;&#0065;\"/>", ""),
            ("<R a=\">\" b='\"' c=\"'\" d=\"\"/>", ""),
            ("<R a:b=\"1\" c:b=\"2\" xmlns:a=\"u\" xmlns:c=\"v\"/>", ""),
            ("<R a=\"x\">y</R>", "y"),
            // Names: NameStartChar NameChar*.
            ("<_a/>", ""),
            ("<a-b.c1/>", ""),
            ("<é/>", ""),
            ("<中文/>", ""),
            ("<a·b/>", ""),
            ("<a\u{300}/>", ""),
            ("<\u{10000}/>", ""),
            ("<a\u{203F}/>", ""),
            ("<R \u{10000}\u{EFFFF}=\"1\"/>", ""),
            ("<ns:R xmlns:ns=\"u\">t</ns:R>", "t"),
            // Character data: ']]' and '>' apart are fine; any Char.
            ("<R>a]]b</R>", "a]]b"),
            ("<R>]]&gt;</R>", "]]>"),
            ("<R>]></R>", "]>"),
            ("<R>]] ></R>", "]] >"),
            ("<R>></R>", ">"),
            ("<R>\u{FEFF}\u{10FFFF}\u{E000}\u{FFFD}</R>", "\u{FEFF}\u{10FFFF}\u{E000}\u{FFFD}"),
            ("<R>&#x10FFFF;&#9;&#xD;&#xE000;&#0065;</R>", "\u{10FFFF}\t\r\u{E000}A"),
            // CDATA.
            ("<R><![CDATA[]]></R>", ""),
            ("<R><![CDATA[<&]]]></R>", "<&]"),
            ("<R><![CDATA[]]]]><![CDATA[>]]></R>", "]]>"),
            // Comments.
            ("<!----><R/>", ""),
            ("<R><!-- a-b - c --></R>", ""),
            ("<R/><!-- after -->", ""),
            // Processing instructions.
            ("<?pi?><R/>", ""),
            ("<?pi data ?? > ?><R/>", ""),
            ("<?xml-stylesheet href=\"a\"?><R/>", ""),
            ("<?xmlfoo?><R/>", ""),
            ("<R><?pi x?></R>", ""),
            ("<R/><?pi\t?>", ""),
            // The XML declaration, only first, in its grammar.
            ("<?xml version=\"1.0\"?><R/>", ""),
            ("<?xml version='1.1' encoding='UTF-8' standalone='yes'?><R/>", ""),
            ("<?xml version = \"1.0\" encoding = \"utf-8\" ?><R/>", ""),
            ("<?xml version=\"1.0\" standalone=\"no\"?>\n<R/>\n", ""),
            ("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><R/>", ""),
            // A BOM at the very start; whitespace around the root.
            ("\u{FEFF}<?xml version=\"1.0\"?><R/>", ""),
            ("\u{FEFF}<R/>", ""),
            (" \t\r\n<R/> \t\r\n", ""),
        ];
        for (xml, text) in well_formed {
            let root = parse(xml).unwrap_or_else(|e| panic!("{xml:?}: {e}"));
            assert_eq!(root.text, *text, "{xml:?}");
        }

        let malformed: &[&str] = &[
            // The four reported cases.
            "<Response><TotalCount a=\"<\">5</TotalCount></Response>",
            "<Response><RequestId>a ]]> b</RequestId></Response>",
            "<Response a=\"&undefined;\"/>",
            "<Response><TotalCount\u{A0}>5</TotalCount\u{A0}></Response>",
            // Names.
            "<1a/>",
            "<-a/>",
            "<.a/>",
            "<·a/>",
            "<\u{300}a/>",
            "<a\u{D7}/>",
            "<a\u{37E}/>",
            "<a\u{2000}/>",
            "<R\u{3000}/>",
            "<\u{F0000}/>",
            "< R/>",
            "<R\u{A0}/>",
            "<R\u{85}/>",
            // Attributes.
            "<R a=1/>",
            "<R a/>",
            "<R a=/>",
            "<R =\"1\"/>",
            "<R a=\"1\"b=\"2\"/>",
            "<R a='1' a='2'/>",
            "<R a='1' b='2' a=\"3\"/>",
            "<R a=\"<\"/>",
            "<R a=\"&undefined;\"/>",
            "<R a=\"&\"/>",
            "<R a=\"a & b\"/>",
            "<R a=\"&amp\"/>",
            "<R a=\"&#0;\"/>",
            "<R a=\"&#x;\"/>",
            "<R a=\"&#;\"/>",
            "<R a=\"&#xD800;\"/>",
            "<R a=\"&#X41;\"/>",
            "<R a=\"&#x+41;\"/>",
            "<R a=\"&#-1;\"/>",
            "<R a=\"&#99999999999;\"/>",
            "<R a=\"&#x110000;\"/>",
            "<R a=\"&1;\"/>",
            "<R a=\"\u{1}\"/>",
            "<R a=\"\u{FFFE}\"/>",
            "<R a=\"1'/>",
            "<R a='1\"/>",
            "<R 1a=\"1\"/>",
            "<R a\u{A0}=\"1\"/>",
            "<R a=\"1\"\u{A0}b=\"2\"/>",
            "<R a=\"1\"/ >",
            "<R / >",
            "<R a=\"1\" / >",
            "<R a==\"1\"/>",
            // Character data and references.
            "<R>]]></R>",
            "<R>a ]]> b</R>",
            "<R>a & b</R>",
            "<R>&amp</R>",
            "<R>&#x;</R>",
            "<R>&#X41;</R>",
            "<R>&#x+41;</R>",
            "<R>&#+65;</R>",
            "<R>& amp;</R>",
            "<R>&a b;</R>",
            "<R>&1a;</R>",
            "<R>&#x110000;</R>",
            "<R>&#65</R>",
            "<R>&#xFFFF;</R>",
            "<R>\u{FFFF}</R>",
            "<R>\u{B}</R>",
            "<R>a < b</R>",
            "<R/>&amp;",
            "&amp;<R/>",
            // Comments.
            "<R><!-- a -- b --></R>",
            "<R><!-- a ---></R>",
            "<R><!----></R><!-- --- -->",
            "<R><!-- \u{1} --></R>",
            "<!-- -- --><R/>",
            "<R><!- x --></R>",
            // Processing instructions and the XML declaration.
            "<?xml version=\"1.0\"?><?xml version=\"1.0\"?><R/>",
            "<R><?xml version=\"1.0\"?></R>",
            "<R/><?xml version=\"1.0\"?>",
            " <?xml version=\"1.0\"?><R/>",
            "\n<?xml version=\"1.0\"?><R/>",
            "<!-- c --><?xml version=\"1.0\"?><R/>",
            "<?XML version=\"1.0\"?><R/>",
            "<?Xml?><R/>",
            "<R><?xMl x?></R>",
            "<??><R/>",
            "<?1pi?><R/>",
            "<? pi?><R/>",
            "<?pi\u{A0}x?><R/>",
            "<?pi \u{1}?><R/>",
            "<?xml?><R/>",
            "<?xml encoding=\"UTF-8\"?><R/>",
            "<?xml version=\"2.0\"?><R/>",
            "<?xml version=\"1.\"?><R/>",
            "<?xml version=\"1.0a\"?><R/>",
            "<?xml version=\"1.0\" standalone=\"yes\" encoding=\"UTF-8\"?><R/>",
            "<?xml version=\"1.0\" standalone=\"maybe\"?><R/>",
            "<?xml version=\"1.0\" encoding=\"8bit\"?><R/>",
            "<?xml version=\"1.0\" encoding=\"\"?><R/>",
            "<?xml version=\"1.0\"encoding=\"UTF-8\"?><R/>",
            "<?xml version=\"1.0' ?><R/>",
            "<?xml version=1.0?><R/>",
            "<?xml version=\"1.0\" foo=\"bar\"?><R/>",
            "<?xml version=\"1.0\" version=\"1.0\"?><R/>",
            "<?xml\u{A0}version=\"1.0\"?><R/>",
            "<?xml version=\"1.0\" encoding=\"UTF-8\" encoding=\"UTF-8\"?><R/>",
            // CDATA.
            "<![CDATA[x]]><R/>",
            "<R/><![CDATA[]]>",
            "<R><![CDATA[\u{FFFE}]]></R>",
            "<R><![cdata[x]]></R>",
            // End tags: `</Name S?>`.
            "<R></R x>",
            "<R></ R>",
            "<R></R\u{A0}>",
            "<R></R/>",
            "<R>x</R a=\"1\">",
            // A BOM only at the start; only whitespace outside the root.
            "<R/>\u{FEFF}",
            " \u{FEFF}<R/>",
            "\u{FEFF}\u{FEFF}<R/>",
            "<?xml version=\"1.0\"?>\u{FEFF}<R/>",
            "\u{A0}<R/>",
            "<R/>\u{3000}",
            "\u{C}<R/>",
            "<R/>x",
        ];
        for xml in malformed {
            match parse(xml) {
                Err(e) => assert_eq!(e.code(), ErrorCode::InvalidXml, "{xml:?}: {e}"),
                Ok(root) => panic!("{xml:?} was accepted: {root:?}"),
            }
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
