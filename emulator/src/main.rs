//! `cos-ci-emulator`: a local Tencent Cloud CI endpoint for doc-preview and AI
//! queues and doc-preview jobs, with COS signature checking. See `--help`.
//!
//! The native shell around the sans-I/O core (`lib.rs`): sockets (hyper via
//! axum), the clock, the job ticker, signals and notification delivery.

mod callback;
mod server;

use cos_ci_emulator::{config, Emulator};
use std::io::Write;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{SystemTime, UNIX_EPOCH};

/// The core, shared by the connections and the ticker.
pub struct App(Mutex<Emulator>);

impl App {
    fn lock(&self) -> MutexGuard<'_, Emulator> {
        self.0.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// The wall clock, in Unix milliseconds: the time the core is given.
pub fn now_ms() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_millis() as u64).unwrap_or(0)
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let config = match config::parse(std::env::args().skip(1)) {
        Ok(config::Command::Help) => {
            print!("{}", config::help());
            return;
        }
        Ok(config::Command::Run(c)) => c,
        Err(e) => {
            eprintln!("cos-ci-emulator: {e}");
            std::process::exit(2);
        }
    };
    let listener = match tokio::net::TcpListener::bind(SocketAddr::new(config.listen, config.port)).await {
        Ok(l) => l,
        Err(e) => {
            eprintln!("cos-ci-emulator: cannot bind {}:{}: {e}", config.listen, config.port);
            std::process::exit(1);
        }
    };
    let addr = listener.local_addr().expect("bound socket has an address");
    // Signal handlers are in place before the address is announced, so a
    // SIGTERM/SIGINT sent as soon as the first line is read ends it cleanly.
    let mut stop = match shutdown_signals() {
        Ok(stop) => stop,
        Err(e) => {
            eprintln!("cos-ci-emulator: cannot install signal handlers: {e}");
            std::process::exit(1);
        }
    };
    let banner = config::banner(&config);
    let app = Arc::new(App(Mutex::new(Emulator::new(config, now_ms()))));
    {
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "listening on http://{addr}");
        let _ = out.flush();
    }
    eprintln!("cos-ci-emulator: {banner}");

    let ticker = Arc::clone(&app);
    tokio::spawn(async move {
        let mut every = tokio::time::interval(std::time::Duration::from_millis(10));
        loop {
            every.tick().await;
            let (_, callbacks) = ticker.lock().tick(now_ms());
            for cb in callbacks {
                tokio::spawn(callback::deliver(cb));
            }
        }
    });

    let router = axum::Router::new().fallback({
        let app = Arc::clone(&app);
        move |req: axum::extract::Request| {
            let app = Arc::clone(&app);
            async move { server::handle(app, req).await }
        }
    });
    let shutdown = async move {
        let _ = stop.recv().await;
        eprintln!("cos-ci-emulator: shutting down");
    };
    if let Err(e) = axum::serve(listener, router).with_graceful_shutdown(shutdown).await {
        eprintln!("cos-ci-emulator: {e}");
        std::process::exit(1);
    }
}

/// A channel that yields once SIGTERM or SIGINT arrives. The handlers are
/// registered when this returns.
fn shutdown_signals() -> std::io::Result<tokio::sync::mpsc::Receiver<()>> {
    use tokio::signal::unix::{signal, SignalKind};
    let mut term = signal(SignalKind::terminate())?;
    let mut int = signal(SignalKind::interrupt())?;
    let (tx, rx) = tokio::sync::mpsc::channel(1);
    tokio::spawn(async move {
        tokio::select! { _ = term.recv() => {}, _ = int.recv() => {} }
        let _ = tx.send(()).await;
    });
    Ok(rx)
}
