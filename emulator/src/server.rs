//! The native shell's HTTP side: an axum request in, the core's reply out, with
//! the waits and broken connections the faults ask for.

use crate::App;
use axum::body::{to_bytes, Body};
use axum::http::{HeaderName, HeaderValue, Request, Response, StatusCode};
use cos_ci_emulator::{Reply, MAX_BODY};
use std::future::Future;
use std::sync::Arc;

pub async fn handle(app: Arc<App>, req: Request<Body>) -> Response<Body> {
    let (parts, body) = req.into_parts();
    let headers = parts
        .headers
        .iter()
        .map(|(n, v)| (n.as_str().to_string(), String::from_utf8_lossy(v.as_bytes()).into_owned()))
        .collect();
    // The core reads the body only after the delay fault; it is read here
    // first, bounded (an over-long body is answered 413 by the core).
    let body = to_bytes(body, MAX_BODY).await.ok().map(|b| b.to_vec());
    let request = cos_ci_emulator::Request {
        method: parts.method.as_str().to_string(),
        target: parts.uri.to_string(),
        headers,
        body,
    };
    let received = app.lock().receive(request, crate::now_ms());
    if received.delay_ms > 0 {
        tokio::time::sleep(std::time::Duration::from_millis(received.delay_ms)).await;
    }
    let mut reply = app.lock().respond(received, crate::now_ms());
    for cb in std::mem::take(&mut reply.callbacks) {
        tokio::spawn(crate::callback::deliver(cb));
    }
    if reply.delay_ms > 0 {
        tokio::time::sleep(std::time::Duration::from_millis(reply.delay_ms)).await;
    }
    to_response(reply)
}

fn to_response(reply: Reply) -> Response<Body> {
    let Reply { status, headers, body, cut, .. } = reply;
    let announced = body.len().max(1) as u64;
    let mut r = match cut {
        None => Response::new(Body::from(body)),
        Some(keep) => {
            let data = axum::body::Bytes::from(body).slice(..keep);
            Response::new(Body::new(Partial { data: Some(data), announced, pause: None }))
        }
    };
    *r.status_mut() = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let h = r.headers_mut();
    for (name, value) in headers {
        let Ok(n) = HeaderName::from_bytes(name.as_bytes()) else { continue };
        match HeaderValue::from_str(&value) {
            Ok(v) => {
                h.insert(n, v);
            }
            // A Content-Type fault with a value HTTP cannot carry: text/plain, as before.
            Err(_) if n == axum::http::header::CONTENT_TYPE => {
                h.insert(n, HeaderValue::from_static("text/plain"));
            }
            Err(_) => {}
        }
    }
    r
}

/// A body that announces `announced` bytes, sends `data`, waits a moment (so
/// the head and the data are flushed), then fails, so the connection is
/// closed mid-response.
struct Partial {
    data: Option<axum::body::Bytes>,
    announced: u64,
    pause: Option<std::pin::Pin<Box<tokio::time::Sleep>>>,
}

impl http_body::Body for Partial {
    type Data = axum::body::Bytes;
    type Error = std::io::Error;

    fn poll_frame(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Result<http_body::Frame<Self::Data>, Self::Error>>> {
        use std::task::Poll;
        if let Some(d) = self.data.take().filter(|d| !d.is_empty()) {
            return Poll::Ready(Some(Ok(http_body::Frame::data(d))));
        }
        let pause =
            self.pause.get_or_insert_with(|| Box::pin(tokio::time::sleep(std::time::Duration::from_millis(50))));
        match pause.as_mut().poll(cx) {
            Poll::Pending => Poll::Pending,
            Poll::Ready(()) => {
                Poll::Ready(Some(Err(std::io::Error::other("injected fault: connection closed mid-response"))))
            }
        }
    }

    fn size_hint(&self) -> http_body::SizeHint {
        http_body::SizeHint::with_exact(self.announced)
    }
}
