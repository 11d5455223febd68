//! The synchronous doc preview (文档预览, 同步请求): `GET /<Key>?ci-process=doc-preview&…`
//! on the bucket's **COS** host (`<Bucket>.cos.<Region>.myqcloud.com`, resolved by
//! [`ClientConfig::resolve_cos`](crate::ClientConfig::resolve_cos)). The answer's body is
//! the rendered page (an image or a PDF); its headers say how many pages and sheets the
//! document has.
//!
//! A browser usually shows a page straight from a presigned URL
//! ([`RequestDescriptor::presigned_url`]) as an `<img src>`.

use crate::api::doc_job::DocPassword;
use crate::bindings::value::Value;
use crate::descriptor::RequestDescriptor;
use crate::endpoint::Endpoint;
use crate::error::{Error, Result};
use crate::ops::{self, Meta, Params};
use crate::response::RawResponse;
use crate::xml::decode::{fields, Field, FromText, Kind};
use serde::Serialize;

string_enum! {
    /// `dstType`: what the page is rendered to (service default `jpg`).
    DocPreviewType { Png = "png", Jpg = "jpg", Pdf = "pdf" }
}

/// Input of DocPreview. The integer options are checked against the
/// documented ranges (see the operation table, `docs/operations.md`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DocPreviewInput {
    /// The document's object key (the request path, without a leading `/`); required.
    pub key: String,
    /// `srcType`: the document's type (an extension such as `docx`), when the key has none.
    pub src_type: Option<String>,
    /// `page`: the page to render, from 1.
    pub page: Option<u32>,
    /// `dstType`.
    pub dst_type: Option<DocPreviewType>,
    /// `password` of a protected document (it travels in the query string).
    pub password: Option<DocPassword>,
    /// `comment`: 1 shows comments and tracked changes.
    pub comment: Option<u8>,
    /// `sheet`: spreadsheets, the sheet to render, from 1.
    pub sheet: Option<u32>,
    /// `excelPaperDirection`: 0 portrait, 1 landscape.
    pub excel_paper_direction: Option<u8>,
    /// `excelRow`: 1 fits all rows on one page.
    pub excel_row: Option<u8>,
    /// `excelCol`: 1 fits all columns on one page.
    pub excel_col: Option<u8>,
    /// `excelPaperSize`: 0 A4, 1 A2, 2 A0.
    pub excel_paper_size: Option<u8>,
    /// `ImageParams`: image processing applied to a png or jpg page.
    pub image_params: Option<String>,
    /// `quality`: 1–100.
    pub quality: Option<u8>,
    /// `scale`: 10–200 (percent).
    pub scale: Option<u16>,
    /// `imageDpi`: 96–600.
    pub image_dpi: Option<u16>,
}

/// Builds `GET /<Key>?ci-process=doc-preview[&srcType=…][&page=…]…` for the COS
/// endpoint. Sign it to send it ([`RequestDescriptor::sign`]), or turn it into a
/// URL ([`RequestDescriptor::presigned_url`]).
pub fn doc_preview(endpoint: &Endpoint, input: &DocPreviewInput) -> Result<RequestDescriptor> {
    let small = |v: Option<u8>| v.map(i64::from);
    let params = Params::new()
        .text("Key", &input.key)
        .opt_text("SrcType", input.src_type.as_deref())
        .opt_int("Page", input.page.map(i64::from))
        .opt_text("DstType", input.dst_type.map(DocPreviewType::as_str))
        .opt_text("Password", input.password.as_ref().map(DocPassword::expose))
        .opt_int("Comment", small(input.comment))
        .opt_int("Sheet", input.sheet.map(i64::from))
        .opt_int("ExcelPaperDirection", small(input.excel_paper_direction))
        .opt_int("ExcelRow", small(input.excel_row))
        .opt_int("ExcelCol", small(input.excel_col))
        .opt_int("ExcelPaperSize", small(input.excel_paper_size))
        .opt_text("ImageParams", input.image_params.as_deref())
        .opt_int("Quality", small(input.quality))
        .opt_int("Scale", input.scale.map(i64::from))
        .opt_int("ImageDpi", input.image_dpi.map(i64::from));
    ops::build("DocPreview", endpoint, params)
}

/// DocPreview's answer as the operation table gives it: each member's header
/// (the field's `tag`). [`DocPreviewOutput`] has the same members (a test ties them).
pub(crate) const DOC_PREVIEW_HEADERS: [Field; 5] = fields([
    Field::member(
        "X-Total-Page",
        "TotalPage",
        Kind::U32,
        false,
        Meta::new(""),
        Meta::new("The document's pages (a spreadsheet: its images)"),
    ),
    Field::member("X-Total-Sheet", "TotalSheet", Kind::U32, false, Meta::new(""), Meta::new("A spreadsheet's sheets")),
    Field::member(
        "X-Sheet-Name",
        "SheetName",
        Kind::Text,
        false,
        Meta::new(""),
        Meta::new("The rendered sheet's name"),
    ),
    Field::member(
        "Content-Type",
        "ContentType",
        Kind::Text,
        false,
        Meta::new(""),
        Meta::new("The page's media type: image/png, image/jpeg, application/pdf, …"),
    ),
    Field::member(
        "x-cos-request-id",
        "RequestId",
        Kind::Text,
        false,
        Meta::new(""),
        Meta::new("The request's id (x-cos-request-id)"),
    ),
]);

/// What DocPreview's answer says besides the page itself (its headers).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct DocPreviewOutput {
    /// `X-Total-Page`: the document's pages (a spreadsheet: its images).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total_page: Option<u32>,
    /// `X-Total-Sheet`: a spreadsheet's sheets.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total_sheet: Option<u32>,
    /// `X-Sheet-Name`: the rendered sheet's name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sheet_name: Option<String>,
    /// `Content-Type` of the page (`image/png`, `image/jpeg`, `application/pdf`, …).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub content_type: Option<String>,
    /// `x-cos-request-id`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
}

/// Reads DocPreview's answer. A success's body (the page) is not looked at —
/// a transport keeps it as bytes; an error status is a service error read from
/// its `<Error>` body as for every operation. A count header that is not a whole
/// number is `InvalidResponse` naming it (`headers.X-Total-Page`).
pub fn parse_doc_preview(response: &RawResponse<'_>) -> Result<DocPreviewOutput> {
    crate::response::check_status(response)?;
    let text = |name: &str| response.header(name).map(str::trim).filter(|v| !v.is_empty());
    let count = |name: &str| -> Result<Option<u32>> {
        text(name)
            .map(|v| u32::from_text(v).map_err(|m| Error::invalid_response(format!("headers.{name}"), m)))
            .transpose()
    };
    Ok(DocPreviewOutput {
        total_page: count("X-Total-Page")?,
        total_sheet: count("X-Total-Sheet")?,
        sheet_name: text("X-Sheet-Name").map(str::to_string),
        content_type: text("Content-Type").map(str::to_string),
        request_id: text("x-cos-request-id").map(str::to_string),
    })
}

/// The headers of `fields` (a header schema such as [`DOC_PREVIEW_HEADERS`])
/// that `response` has, as the JSON form
/// [`Record::from_value`](crate::xml::record::Record::from_value) reads by
/// that schema (what the wasm returns: one reader for every answer).
pub(crate) fn header_values(response: &RawResponse<'_>, fields: &[Field]) -> Value {
    Value::Object(
        fields
            .iter()
            .filter_map(|f| response.header(f.tag).map(|v| (f.tag.to_string(), Value::String(v.trim().to_string()))))
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::xml::record::Record;

    /// The typed parser and the table's record give the same JSON and the same errors.
    #[test]
    fn typed_and_table_agree() {
        let cases: &[&[(&str, &str)]] = &[
            &[],
            &[
                ("X-Total-Page", "12"),
                ("x-total-sheet", " 3 "),
                ("X-Sheet-Name", "Sheet1"),
                ("content-type", "image/png"),
                ("X-Cos-Request-Id", "r1"),
            ],
            &[("X-Total-Page", "")],
            &[("X-Total-Page", "-1")],
            &[("X-Total-Sheet", "4294967296")],
            &[("X-Total-Page", "1"), ("X-Sheet-Name", "中文 表")],
        ];
        for headers in cases {
            let response = RawResponse { status: 200, headers, body: "" };
            let typed = parse_doc_preview(&response).map(|o| serde_json::to_string(&o).unwrap());
            let table =
                Record::from_value(&header_values(&response, &DOC_PREVIEW_HEADERS), &DOC_PREVIEW_HEADERS, "headers")
                    .map(|r| serde_json::to_string(&r.unwrap_or_else(|| Record::empty(&DOC_PREVIEW_HEADERS))).unwrap());
            match (typed, table) {
                (Ok(a), Ok(b)) => assert_eq!(a, b, "{headers:?}"),
                (Err(a), Err(b)) => assert_eq!(a.to_string(), b.to_string(), "{headers:?}"),
                (a, b) => panic!("{headers:?}: {a:?} against {b:?}"),
            }
        }
        let e =
            parse_doc_preview(&RawResponse { status: 200, headers: &[("X-Total-Page", "x")], body: "" }).unwrap_err();
        assert_eq!((e.code(), e.field()), (crate::ErrorCode::InvalidResponse, Some("headers.X-Total-Page")));
    }

    #[test]
    fn an_error_status_is_a_service_error() {
        let body = "<Error><Code>NoSuchKey</Code><Message>no</Message><RequestId>r9</RequestId></Error>";
        let e = parse_doc_preview(&RawResponse { status: 404, headers: &[("X-ErrNo", "-3004")], body }).unwrap_err();
        assert_eq!(e.code(), crate::ErrorCode::ServiceError);
        let d = e.service_details().unwrap();
        assert_eq!((d.status, d.code.as_deref(), d.request_id.as_deref()), (404, Some("NoSuchKey"), Some("r9")));
    }
}
