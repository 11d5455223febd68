//! Errors as the service returns them: `<Error><Code/><Message/><RequestId/></Error>`.

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    pub status: u16,
    pub code: &'static str,
    pub message: String,
    /// For `RequestTimeTooSkewed`: the server time, sent as `<ServerTime>`.
    pub server_time: Option<String>,
}

impl ApiError {
    pub fn new(status: u16, code: &'static str, message: impl Into<String>) -> Self {
        ApiError { status, code, message: message.into(), server_time: None }
    }
    pub fn access_denied(message: impl Into<String>) -> Self {
        Self::new(403, "AccessDenied", message)
    }
    pub fn signature(message: impl Into<String>) -> Self {
        Self::new(403, "SignatureDoesNotMatch", message)
    }
    pub fn invalid(message: impl Into<String>) -> Self {
        Self::new(400, "InvalidArgument", message)
    }
    pub fn malformed(message: impl Into<String>) -> Self {
        Self::new(400, "MalformedXML", message)
    }
}
