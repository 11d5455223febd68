//! # cos-ci-wasm
//!
//! Signed request descriptors and typed responses for Tencent Cloud COS
//! Cloud Infinite (数据万象, "CI") asynchronous processing: doc-preview and AI
//! content-recognition queues, and doc-preview jobs.
//!
//! The crate does no I/O and reads no clock. An operation's builder turns a
//! typed input into a [`RequestDescriptor`] (validated before anything is
//! built); [`RequestDescriptor::sign`] adds the COS `Authorization` (and the
//! token header of temporary keys) for a [`KeyTime`] the caller chooses; a
//! transport sends it; the operation's parser turns the [`RawResponse`] into a
//! typed output or an [`Error`].
//!
//! ```
//! use cos_ci_wasm::api::doc_queue::{describe_doc_process_queues, parse_describe_doc_process_queues, DescribeDocProcessQueuesInput};
//! use cos_ci_wasm::api::queue::QueueStateFilter;
//! use cos_ci_wasm::{ClientConfig, Credentials, KeyTime, RawResponse};
//!
//! let endpoint = ClientConfig::new("examplebucket-1250000000", "ap-guangzhou").resolve()?;
//! let input = DescribeDocProcessQueuesInput { state: Some(QueueStateFilter::Active), ..Default::default() };
//! let mut request = describe_doc_process_queues(&endpoint, &input)?;
//! request.sign(&Credentials::new("AKIDEXAMPLE", "secretEXAMPLE")?, KeyTime::new(1700000000, 1700000900)?);
//! assert_eq!(
//!     request.url_with_query(),
//!     "https://examplebucket-1250000000.ci.ap-guangzhou.myqcloud.com/docqueue?queueIds=&state=Active&pageNumber=&pageSize="
//! );
//! assert!(request.header("Authorization").unwrap().starts_with("q-sign-algorithm=sha1&q-ak=AKIDEXAMPLE&"));
//!
//! // … send it, then:
//! let body = "<Response><RequestId>r1</RequestId><TotalCount>0</TotalCount></Response>";
//! let output = parse_describe_doc_process_queues(&RawResponse::new(200, body))?;
//! assert_eq!(output.total_count, Some(0));
//! assert!(output.queue_list.is_empty());
//! # Ok::<(), cos_ci_wasm::Error>(())
//! ```

#![warn(missing_docs, missing_debug_implementations, unreachable_pub)]
#![forbid(unsafe_code)]

pub mod api;
mod bindings;
mod credentials;
mod descriptor;
mod endpoint;
mod error;
mod host;
mod ops;
mod response;
pub mod sign;
mod validate;
pub mod xml;

pub use credentials::Credentials;
pub use descriptor::{
    Method, RequestDescriptor, AUTHORIZATION_HEADER, COS_SECURITY_TOKEN_HEADER, SECURITY_TOKEN_HEADER, XML_CONTENT_TYPE,
};
pub use endpoint::{ClientConfig, Endpoint, Protocol};
pub use error::{Error, ErrorCode, Result, ServiceErrorDetails};
pub use response::RawResponse;
pub use sign::KeyTime;

/// The `wasm-bindgen` exports, reachable from the wasm test suites
/// (`tests/wasm/cases.rs`). Not a public Rust API: use the JS package.
#[cfg(all(target_arch = "wasm32", feature = "js-exports"))]
#[doc(hidden)]
pub use bindings::wasm as __wasm_exports;

/// Requests as the service receives them, decoded and checked by the
/// operation table: what the local emulator (`emulator/`) serves requests
/// with. Not an API for applications: hidden, unstable.
#[doc(hidden)]
pub mod __emulator {
    pub use crate::ops::decode::{decode, Decoded};

    /// Whether the service treats a document as a spreadsheet (by its
    /// `SrcType`, else the object key's extension).
    pub fn is_spreadsheet(src_type: Option<&str>, object: &str) -> bool {
        crate::ops::interpret::is_spreadsheet(src_type, object)
    }

    /// A `<JobsDetail>` element from `job`, an object with the members
    /// DescribeDocProcessJob's parser outputs for a job, written by the same
    /// schema (`Err` names a member the schema does not have).
    #[cfg(any(not(target_arch = "wasm32"), not(feature = "js-exports")))]
    pub fn jobs_detail_xml(job: &serde_json::Value) -> Result<String, String> {
        use crate::xml::decode::FromXml;
        let members = job.as_object().ok_or("a job must be an object")?;
        let mut out = String::from("<JobsDetail>");
        crate::xml::answer::write(&mut out, crate::api::doc_job::JobDetail::FIELDS, members)?;
        out.push_str("</JobsDetail>");
        Ok(out)
    }
}

/// Entry points for `fuzz/` and `bench/native.rs` into the JSON and packed
/// layer the wasm exports use. Not an API: hidden, unstable.
#[doc(hidden)]
#[path = "fuzz_api.rs"]
pub mod __fuzz;

/// The wasm's allocator: talc, smaller than Rust's default dlmalloc at the same
/// speed (measured: Cargo.toml). The wasm is single-threaded.
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static TALC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
