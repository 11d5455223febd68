//! Delivering TaskFinish notifications: one HTTP/1.1 POST per callback,
//! http:// only, 5 s timeout, the response ignored.

use cos_ci_emulator::Callback;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

pub async fn deliver(cb: Callback) {
    let outcome = tokio::time::timeout(std::time::Duration::from_secs(5), post(&cb)).await;
    match outcome {
        Ok(Ok(())) => {}
        Ok(Err(e)) => eprintln!("cos-ci-emulator: callback to {} failed: {e}", cb.url),
        Err(_) => eprintln!("cos-ci-emulator: callback to {} timed out", cb.url),
    }
}

async fn post(cb: &Callback) -> std::io::Result<()> {
    let rest = cb
        .url
        .strip_prefix("http://")
        .ok_or_else(|| std::io::Error::other("only http:// callback URLs can be delivered by the emulator"))?;
    let (authority, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, "/"),
    };
    let addr = if authority.contains(':') { authority.to_string() } else { format!("{authority}:80") };
    let mut stream = tokio::net::TcpStream::connect(addr).await?;
    let head = format!(
        "POST {path} HTTP/1.1\r\nHost: {authority}\r\nContent-Type: {}\r\nContent-Length: {}\r\nConnection: close\r\nUser-Agent: cos-ci-emulator\r\n\r\n",
        cb.content_type,
        cb.body.len()
    );
    stream.write_all(head.as_bytes()).await?;
    stream.write_all(cb.body.as_bytes()).await?;
    let mut sink = Vec::new();
    let _ = stream.read_to_end(&mut sink).await;
    Ok(())
}
