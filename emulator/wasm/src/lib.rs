//! The wasm face of the emulator's core, for the npm package `cos-ci-emulator`
//! (`emulator/npm/`): the JS shells (a Node `http` server, an in-process
//! transport) hand requests and the time in and get replies out.

use cos_ci_emulator::{config, Emulator, Received, Reply, Request};
use wasm_bindgen::prelude::*;

/// `--help`.
#[wasm_bindgen]
pub fn help() -> String {
    config::help()
}

/// What a command line asks for: `"help"` or `"run"`; throws the refusal
/// (`unknown option "--x" (see --help)`).
#[wasm_bindgen]
pub fn command(args: Vec<String>) -> Result<String, JsError> {
    match config::parse(args) {
        Ok(config::Command::Help) => Ok("help".into()),
        Ok(config::Command::Run(_)) => Ok("run".into()),
        Err(e) => Err(JsError::new(&e)),
    }
}

/// The emulated service, configured by a command line.
#[wasm_bindgen]
pub struct Core {
    emulator: Emulator,
}

/// A request taken in, to be answered after `delayMs`.
#[wasm_bindgen]
pub struct Pending {
    received: Option<Received>,
    delay_ms: u64,
}

#[wasm_bindgen]
impl Pending {
    /// How long to wait before `Core.respond` (the `--delay-ms` fault).
    #[wasm_bindgen(getter, js_name = delayMs)]
    pub fn delay_ms(&self) -> f64 {
        self.delay_ms as f64
    }
}

/// A reply: headers as `[name, value, …]`, callbacks as `[url, contentType, body, …]`.
#[wasm_bindgen(getter_with_clone)]
pub struct Answer {
    pub status: u16,
    pub headers: Vec<String>,
    pub body: Vec<u8>,
    /// Send only this many bytes of the body, then close the connection.
    pub cut: Option<u32>,
    /// Wait this long before sending (the slow fault).
    #[wasm_bindgen(js_name = delayMs)]
    pub delay_ms: f64,
    pub callbacks: Vec<String>,
    /// The operation the request was decoded as.
    pub operation: Option<String>,
}

/// What a tick did: how many jobs moved, and the notifications of those that
/// ended as `[url, contentType, body, …]`.
#[wasm_bindgen(getter_with_clone)]
pub struct Ticked {
    pub moved: u32,
    pub callbacks: Vec<String>,
}

fn flat_callbacks(callbacks: Vec<cos_ci_emulator::Callback>) -> Vec<String> {
    callbacks.into_iter().flat_map(|c| [c.url, c.content_type.to_string(), c.body]).collect()
}

fn answer(reply: Reply) -> Answer {
    Answer {
        status: reply.status,
        headers: reply.headers.into_iter().flat_map(|(n, v)| [n, v]).collect(),
        body: reply.body,
        cut: reply.cut.map(|c| c as u32),
        delay_ms: reply.delay_ms as f64,
        callbacks: flat_callbacks(reply.callbacks),
        operation: reply.operation.map(str::to_string),
    }
}

fn now(now_ms: f64) -> u64 {
    if now_ms.is_finite() && now_ms > 0.0 {
        now_ms as u64
    } else {
        0
    }
}

#[wasm_bindgen]
impl Core {
    /// The service a command line configures (throws as `command` does; `--help` is refused here).
    #[wasm_bindgen(constructor)]
    pub fn new(args: Vec<String>, now_ms: f64) -> Result<Core, JsError> {
        match config::parse(args) {
            Ok(config::Command::Run(c)) => Ok(Core { emulator: Emulator::new(c, now(now_ms)) }),
            Ok(config::Command::Help) => Err(JsError::new("--help configures no emulator")),
            Err(e) => Err(JsError::new(&e)),
        }
    }

    /// `--port`.
    #[wasm_bindgen(getter)]
    pub fn port(&self) -> u16 {
        self.emulator.config().port
    }

    /// `--listen`.
    #[wasm_bindgen(getter)]
    pub fn listen(&self) -> String {
        self.emulator.config().listen.to_string()
    }

    /// The default bucket (the first `--bucket`).
    #[wasm_bindgen(getter)]
    pub fn bucket(&self) -> String {
        self.emulator.config().buckets[0].clone()
    }

    /// `--region`.
    #[wasm_bindgen(getter)]
    pub fn region(&self) -> String {
        self.emulator.config().region.clone()
    }

    /// The first keys (`--credentials`, else the defaults): `[SecretId, SecretKey]`, or
    /// `[SecretId, SecretKey, SecurityToken]` for temporary keys.
    #[wasm_bindgen(getter)]
    pub fn credentials(&self) -> Vec<String> {
        let c = &self.emulator.config().credentials[0];
        [c.id.clone(), c.key.clone()].into_iter().chain(c.token.clone()).collect()
    }

    /// `--manual-jobs`: jobs move only when told (`tick` moves none).
    #[wasm_bindgen(getter, js_name = manualJobs)]
    pub fn manual_jobs(&self) -> bool {
        self.emulator.config().manual_jobs
    }

    /// The line printed on stderr after the address: default bucket, region, credentials ids.
    #[wasm_bindgen(getter)]
    pub fn banner(&self) -> String {
        config::banner(self.emulator.config())
    }

    /// Takes a request in. `headers` is `[name, value, …]`; `body` is `undefined`
    /// when it was larger than the emulator accepts.
    pub fn receive(
        &mut self,
        method: String,
        target: String,
        headers: Vec<String>,
        body: Option<Vec<u8>>,
        now_ms: f64,
    ) -> Pending {
        let mut pairs = Vec::with_capacity(headers.len() / 2);
        let mut it = headers.into_iter();
        while let (Some(n), Some(v)) = (it.next(), it.next()) {
            pairs.push((n, v));
        }
        let received = self.emulator.receive(Request { method, target, headers: pairs, body }, now(now_ms));
        let delay_ms = received.delay_ms;
        Pending { received: Some(received), delay_ms }
    }

    /// Carries a pending request out (once; a second call answers 500).
    pub fn respond(&mut self, pending: &mut Pending, now_ms: f64) -> Answer {
        match pending.received.take() {
            Some(r) => answer(self.emulator.respond(r, now(now_ms))),
            None => Answer {
                status: 500,
                headers: Vec::new(),
                body: b"this request was answered already".to_vec(),
                cut: None,
                delay_ms: 0.0,
                callbacks: Vec::new(),
                operation: None,
            },
        }
    }

    /// Moves the jobs whose time has come.
    pub fn tick(&mut self, now_ms: f64) -> Ticked {
        let (moved, callbacks) = self.emulator.tick(now(now_ms));
        Ticked { moved: moved as u32, callbacks: flat_callbacks(callbacks) }
    }
}
