//! Turning a raw HTTP response into a typed output (or, for the wasm, the
//! JSON [`Record`] of one) or an [`Error`].
//!
//! - An `<Error>` body, with any status (200 included), is a
//!   [`ErrorCode::ServiceError`](crate::ErrorCode::ServiceError) carrying
//!   the service's code, message and request id and the HTTP status.
//! - An error status with a body that is not XML (a proxy's `502 Bad Gateway`)
//!   is a service error with the status and the text.
//! - A success status with a body that is not well-formed XML is
//!   `InvalidXml`; a well-formed body whose root is not `<Response>`, or that
//!   does not fit the documented shape, is `InvalidResponse`.

use crate::error::ErrorCode;
use crate::error::{Error, Result, ServiceErrorDetails};
use crate::xml::decode::{decode, fields, leaf, At, Field, FromXml, Kind};
use crate::xml::record::Record;
use crate::xml::Reader;

/// A response as a transport received it.
#[derive(Debug, Clone, Copy)]
pub struct RawResponse<'a> {
    /// HTTP status code.
    pub status: u16,
    /// Response headers (any case).
    pub headers: &'a [(&'a str, &'a str)],
    /// The body, decoded as UTF-8.
    pub body: &'a str,
}

impl<'a> RawResponse<'a> {
    /// A response with no headers.
    pub fn new(status: u16, body: &'a str) -> Self {
        RawResponse { status, headers: &[], body }
    }

    /// The value of header `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&'a str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| *v)
    }

    fn request_id_header(&self) -> Option<String> {
        self.header("x-ci-request-id").or_else(|| self.header("x-cos-request-id")).map(str::to_string)
    }

    fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }
}

/// Longest non-XML error text kept in an error message, in bytes (cut on a
/// character boundary).
const MAX_ERROR_TEXT: usize = crate::error::MAX_ECHO;

/// `<Error>` children, in [`FromXml`] index order (keys unused: an error is
/// never output as JSON).
const ERROR_FIELDS: &[Field] = &fields([
    Field::new("Code", "Code", Kind::Text),
    Field::new("Message", "Message", Kind::Text),
    Field::new("RequestId", "RequestId", Kind::Text),
    Field::new("Resource", "Resource", Kind::Text),
    Field::new("TraceId", "TraceId", Kind::Text),
    Field::new("ServerTime", "ServerTime", Kind::Text),
]);

impl FromXml for ServiceErrorDetails {
    const FIELDS: &'static [Field] = ERROR_FIELDS;

    fn read(&mut self, index: usize, r: &mut Reader<'_>, at: At<'_>, _repeated: bool) -> Result<()> {
        let slot = match index {
            0 => &mut self.code,
            1 => &mut self.message,
            2 => &mut self.request_id,
            3 => &mut self.resource,
            4 => &mut self.trace_id,
            _ => &mut self.server_time,
        };
        // Lenient on purpose: an error is reported even when its body is odd
        // (the first usable value wins), but the XML is still checked.
        let depth = r.depth();
        let mut value = None;
        match leaf(&mut value, r, at, false) {
            Ok(()) => {}
            Err(e) if unreadable(&e) => return Err(e),
            // A child element where text was expected: read past this element.
            Err(_) => r.skip_to(depth)?,
        }
        if slot.is_none() {
            *slot = value;
        }
        Ok(())
    }
}

/// The body could not be read as XML at all (as opposed to XML of the wrong shape).
fn unreadable(e: &Error) -> bool {
    matches!(e.code(), ErrorCode::InvalidXml | ErrorCode::LimitExceeded)
}

/// What a well-formed body holds.
enum Document {
    /// `<Response>`, handed to the caller's reader.
    Response,
    Error(ServiceErrorDetails),
    /// Any other root element (by name), or a `<Response>` not decoded.
    Other(String),
}

/// What reads `<Response>` (its start tag read) through its end tag.
type ReadResponse<'r, 'a> = dyn FnMut(&mut Reader<'a>) -> Result<()> + 'r;

/// Reads the whole body in one pass, handing `<Response>` to `read_response`
/// (when given) or decoding `<Error>`. A body that is not well-formed is an
/// XML error even when decoding stopped earlier on a shape error: the rest is
/// still read and checked.
fn read_document<'a>(body: &'a str, read_response: Option<&mut ReadResponse<'_, 'a>>) -> Result<Document> {
    let mut r = Reader::new(body)?;
    let root = r.root()?;
    let document = match (root, read_response) {
        ("Error", _) => decode(&mut r, At::root("Error")).map(|d| Document::Error(d.unwrap_or_default())),
        ("Response", Some(read_response)) => read_response(&mut r).map(|()| Document::Response),
        (other, _) => r.skip().map(|()| Document::Other(other.to_string())),
    };
    match document {
        Ok(document) => r.finish().map(|()| document),
        Err(e) if unreadable(&e) => Err(e),
        Err(e) => Err(r.finish().err().unwrap_or(e)),
    }
}

/// The envelope every operation shares: `read_response` reads `<Response>`
/// (its start tag read) of a success; anything else is the right [`Error`].
fn parse_with<'a>(
    response: &RawResponse<'a>,
    read_response: &mut dyn FnMut(&mut Reader<'a>) -> Result<()>,
) -> Result<()> {
    let success = response.is_success();
    match read_document(response.body, success.then_some(read_response)) {
        Err(e) if !success && unreadable(&e) => Err(non_xml_error(response)),
        Err(e) => Err(e),
        Ok(Document::Error(mut details)) => {
            details.status = response.status;
            if details.request_id.is_none() {
                details.request_id = response.request_id_header();
            }
            Err(Error::service(details))
        }
        Ok(_) if !success => Err(non_xml_error(response)),
        Ok(Document::Other(name)) => {
            let name = crate::error::excerpt(&name, 64);
            Err(Error::invalid_response(name.clone(), format!("expected the root element <Response>, found <{name}>")))
        }
        Ok(Document::Response) => Ok(()),
    }
}

/// A notification's body: `<Response>` read by `read_response`; any other root,
/// `<Error>` included, is `InvalidResponse` (a notification is no answer to a request).
fn notification_with<'a>(body: &'a str, read_response: &mut dyn FnMut(&mut Reader<'a>) -> Result<()>) -> Result<()> {
    match read_document(body, Some(read_response))? {
        Document::Response => Ok(()),
        Document::Error(_) => Err(Error::invalid_response(
            "Error",
            "expected the root element <Response> of a notification, found <Error>",
        )),
        Document::Other(name) => {
            let name = crate::error::excerpt(&name, 64);
            Err(Error::invalid_response(name.clone(), format!("expected the root element <Response>, found <{name}>")))
        }
    }
}

/// Parses a notification's XML body into `T`.
pub(crate) fn parse_notification<T: FromXml>(body: &str) -> Result<T> {
    let mut value = None;
    notification_with(body, &mut |r| decode(r, At::root("Response")).map(|v| value = v))?;
    Ok(value.unwrap_or_default())
}

/// Parses a notification's XML body into the [`Record`] of `fields`.
pub(crate) fn notification_record<'a>(body: &'a str, fields: &'static [Field]) -> Result<Record<'a>> {
    let mut record = None;
    notification_with(body, &mut |r| Record::read(r, At::root("Response"), fields).map(|v| record = v))?;
    Ok(record.unwrap_or_else(|| Record::empty(fields)))
}

/// An answer whose success body is not XML (the doc preview's page): `Ok` for a
/// 2xx status, else the service error its body (or status) describes.
pub(crate) fn check_status(response: &RawResponse<'_>) -> Result<()> {
    if response.is_success() {
        return Ok(());
    }
    parse_with(response, &mut |_| Ok(()))
}

/// Parses `response` into `T` (decoded from the `<Response>` root).
pub(crate) fn parse_response<T: FromXml>(response: &RawResponse<'_>) -> Result<T> {
    let mut value = None;
    parse_with(response, &mut |r| decode(r, At::root("Response")).map(|v| value = v))?;
    Ok(value.unwrap_or_default())
}

/// Parses `response` into the [`Record`] of a struct's `fields`: what
/// [`parse_response`] gives for that struct, as JSON.
pub(crate) fn parse_record<'a>(response: &RawResponse<'a>, fields: &'static [Field]) -> Result<Record<'a>> {
    let mut record = None;
    parse_with(response, &mut |r| Record::read(r, At::root("Response"), fields).map(|v| record = v))?;
    Ok(record.unwrap_or_else(|| Record::empty(fields)))
}

#[cold]
fn non_xml_error(response: &RawResponse<'_>) -> Error {
    let message = crate::error::excerpt(response.body.trim(), MAX_ERROR_TEXT);
    Error::service(ServiceErrorDetails {
        status: response.status,
        code: None,
        message: (!message.is_empty()).then_some(message),
        request_id: response.request_id_header(),
        resource: None,
        trace_id: None,
        server_time: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorCode;

    #[derive(Default, Debug)]
    struct Empty;
    impl FromXml for Empty {
        const FIELDS: &'static [Field] = &[];

        fn read(&mut self, _: usize, _: &mut Reader<'_>, _: At<'_>, _: bool) -> Result<()> {
            Ok(())
        }
    }

    #[test]
    fn error_body_with_any_status() {
        let body = "<Error><Code>InvalidArgument</Code><Message>bad</Message><RequestId>r1</RequestId></Error>";
        for status in [200, 400, 503] {
            let e = parse_response::<Empty>(&RawResponse::new(status, body)).unwrap_err();
            assert_eq!(e.code(), ErrorCode::ServiceError);
            assert_eq!(e.service_code(), Some("InvalidArgument"));
            assert_eq!(e.status_code(), Some(status));
            assert_eq!(e.request_id(), Some("r1"));
        }
    }

    #[test]
    fn non_xml_error_body_keeps_status_text_and_header_request_id() {
        let headers = [("X-Ci-Request-Id", "hdr")];
        let r = RawResponse { status: 502, headers: &headers, body: "Bad Gateway\n" };
        let e = parse_response::<Empty>(&r).unwrap_err();
        assert_eq!((e.status_code(), e.service_code(), e.request_id()), (Some(502), None, Some("hdr")));
        assert_eq!(e.service_details().unwrap().message.as_deref(), Some("Bad Gateway"));
        let e = parse_response::<Empty>(&RawResponse::new(500, &"x".repeat(1000))).unwrap_err();
        assert!(e.message().chars().count() < 300);
    }

    #[test]
    fn invalid_xml_wins_over_a_shape_error_read_earlier() {
        // The shape error (a repeated RequestId) comes first; the body is still read
        // to its end, and its malformed tail is what is reported.
        let body = "<Response><RequestId>a</RequestId><RequestId>b</RequestId><A></B></Response>";
        let e = parse_response::<crate::api::queue::UpdateQueueOutput>(&RawResponse::new(200, body)).unwrap_err();
        assert_eq!(e.code(), ErrorCode::InvalidXml, "{e}");
        let well_formed = "<Response><RequestId>a</RequestId><RequestId>b</RequestId></Response>";
        let e =
            parse_response::<crate::api::queue::UpdateQueueOutput>(&RawResponse::new(200, well_formed)).unwrap_err();
        assert_eq!((e.code(), e.field()), (ErrorCode::InvalidResponse, Some("Response.RequestId")));
    }

    #[test]
    fn error_body_is_read_leniently_but_checked() {
        // A child element inside <Code> is passed over; the next usable Code wins.
        let body = "<Error><Code><X/>y</Code><Code>Real</Code><Message>m</Message><Message>n</Message></Error>";
        let e = parse_response::<Empty>(&RawResponse::new(403, body)).unwrap_err();
        assert_eq!((e.code(), e.service_code(), e.status_code()), (ErrorCode::ServiceError, Some("Real"), Some(403)));
        assert_eq!(e.service_details().unwrap().message.as_deref(), Some("m"));
        // A malformed <Error> with an error status is reported from its text, as any non-XML body.
        let e = parse_response::<Empty>(&RawResponse::new(503, "<Error><Code>X</Error>")).unwrap_err();
        assert_eq!((e.code(), e.service_code(), e.status_code()), (ErrorCode::ServiceError, None, Some(503)));
    }

    #[test]
    fn success_needs_a_response_root() {
        assert_eq!(parse_response::<Empty>(&RawResponse::new(200, "")).unwrap_err().code(), ErrorCode::InvalidXml);
        assert_eq!(
            parse_response::<Empty>(&RawResponse::new(200, "<R><A>1</R>")).unwrap_err().code(),
            ErrorCode::InvalidXml
        );
        assert_eq!(
            parse_response::<Empty>(&RawResponse::new(200, "<Other/>")).unwrap_err().code(),
            ErrorCode::InvalidResponse
        );
        assert!(parse_response::<Empty>(&RawResponse::new(200, "<Response/>")).is_ok());
    }
}
