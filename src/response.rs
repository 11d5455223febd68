//! Turning a raw HTTP response into a typed output or an [`Error`].
//!
//! - An `<Error>` body, with any status (200 included), is a
//!   [`ErrorCode::ServiceError`](crate::ErrorCode::ServiceError) carrying
//!   the service's code, message and request id and the HTTP status.
//! - An error status with a body that is not XML (a proxy's `502 Bad Gateway`)
//!   is a service error with the status and the text.
//! - A success status with a body that is not well-formed XML is
//!   `InvalidXml`; a well-formed body whose root is not `<Response>`, or that
//!   does not fit the documented shape, is `InvalidResponse`.

use crate::error::{Error, Result, ServiceErrorDetails};
use crate::xml::decode::{decode, leaf, FromXml};
use crate::xml::{parse, Element};

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

/// Longest non-XML error text kept in an error message.
const MAX_ERROR_TEXT: usize = 256;

impl FromXml for ServiceErrorDetails {
    fn child(&mut self, child: &Element, path: &str, _repeated: bool) -> Result<()> {
        let slot = match child.name.as_str() {
            "Code" => &mut self.code,
            "Message" => &mut self.message,
            "RequestId" => &mut self.request_id,
            "Resource" => &mut self.resource,
            "TraceId" => &mut self.trace_id,
            "ServerTime" => &mut self.server_time,
            _ => return Ok(()),
        };
        // Lenient on purpose: an error is reported even when its body is odd.
        if slot.is_none() {
            let _ = leaf(slot, child, path, false);
        }
        Ok(())
    }
}

/// Parses `response` into `T` (decoded from the `<Response>` root).
pub(crate) fn parse_response<T: FromXml>(response: &RawResponse<'_>) -> Result<T> {
    let root = match parse(response.body) {
        Ok(root) => root,
        Err(err) if response.is_success() => return Err(err),
        Err(_) => return Err(non_xml_error(response)),
    };
    if root.name == "Error" {
        let mut details: ServiceErrorDetails = decode(&root, "Error")?;
        details.status = response.status;
        if details.request_id.is_none() {
            details.request_id = response.request_id_header();
        }
        return Err(Error::service(details));
    }
    if !response.is_success() {
        return Err(non_xml_error(response));
    }
    if root.name != "Response" {
        return Err(Error::invalid_response(
            root.name.clone(),
            format!("expected the root element <Response>, found <{}>", root.name),
        ));
    }
    decode(&root, "Response")
}

fn non_xml_error(response: &RawResponse<'_>) -> Error {
    let text = response.body.trim();
    let mut message: String = text.chars().take(MAX_ERROR_TEXT).collect();
    if text.chars().count() > MAX_ERROR_TEXT {
        message.push('…');
    }
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
        fn child(&mut self, _: &Element, _: &str, _: bool) -> Result<()> {
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
