//! A small W3C WebDriver client: sessions, elements found by `data-testid`,
//! clicks, typing, scripts and screenshots.
//!
//! Every request of a session goes over one HTTP/1.1 keep-alive connection.
//! tauri-driver 2.1 reuses its own connection to WebKitWebDriver after a
//! client asked to close, which fails at random when the client sends
//! `Connection: close` on each request; a client that keeps its connection
//! open avoids that.

use std::path::Path;
use std::time::Duration;

use base64::Engine;
use serde_json::{json, Value};

use crate::{wait_until, Error, Result, DEFAULT_TIMEOUT};

/// The key under which WebDriver returns and accepts element references.
const ELEMENT_KEY: &str = "element-6066-11e4-a52e-4f735466cecf";

/// The maximum time a single request may take: opening a session starts the
/// app, which takes a few seconds under load.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(120);

/// WebDriver key codes for [`Element::type_text`].
pub mod keys {
    /// The Enter key.
    pub const ENTER: &str = "\u{E007}";
    /// The Tab key.
    pub const TAB: &str = "\u{E004}";
    /// The Escape key.
    pub const ESCAPE: &str = "\u{E00C}";
    /// The Backspace key.
    pub const BACKSPACE: &str = "\u{E003}";
}

/// An HTTP connection to a WebDriver server such as tauri-driver.
#[derive(Debug, Clone)]
pub struct Client {
    agent: ureq::Agent,
    base: String,
}

impl Client {
    /// Creates a client for the server listening on `127.0.0.1:port`.
    pub fn new(port: u16) -> Client {
        let config = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(REQUEST_TIMEOUT))
            .max_idle_connections_per_host(1)
            .build();
        Client {
            agent: config.into(),
            base: format!("http://127.0.0.1:{port}"),
        }
    }

    /// Sends one request and returns the `value` member of the response.
    ///
    /// The body is always read to the end, so that the connection goes back
    /// to the pool and the next request reuses it.
    pub fn request(&self, method: &'static str, path: &str, body: Option<&Value>) -> Result<Value> {
        let url = format!("{}{}", self.base, path);
        let http_error = |source| Error::Http {
            method,
            path: path.to_string(),
            source,
        };
        let response = match method {
            "GET" => self.agent.get(&url).call(),
            "DELETE" => self.agent.delete(&url).call(),
            _ => self.agent.post(&url).send_json(body.unwrap_or(&json!({}))),
        };
        let mut response = response.map_err(|e| http_error(Box::new(e)))?;
        let status = response.status().as_u16();
        let bytes = response
            .body_mut()
            .with_config()
            .limit(64 * 1024 * 1024)
            .read_to_vec()
            .map_err(|e| http_error(Box::new(e)))?;

        let protocol = |detail: String| Error::Protocol {
            method,
            path: path.to_string(),
            detail,
        };
        let mut parsed: Value = serde_json::from_slice(&bytes).map_err(|e| {
            protocol(format!(
                "{e} in {}",
                String::from_utf8_lossy(&bytes[..bytes.len().min(300)])
            ))
        })?;
        let value = parsed
            .get_mut("value")
            .map(Value::take)
            .unwrap_or(Value::Null);
        if let Some(error) = value.get("error").and_then(Value::as_str) {
            let message = value
                .get("message")
                .and_then(Value::as_str)
                .unwrap_or_default();
            return Err(Error::WebDriver {
                method,
                path: path.to_string(),
                status,
                error: error.to_string(),
                message: message.to_string(),
            });
        }
        if status >= 400 {
            return Err(protocol(format!(
                "status {status} without a WebDriver error"
            )));
        }
        Ok(value)
    }

    /// Returns whether the server reports itself ready for a new session.
    pub fn is_ready(&self) -> bool {
        self.request("GET", "/status", None)
            .map(|status| status.get("ready").and_then(Value::as_bool).unwrap_or(true))
            .unwrap_or(false)
    }
}

/// An open WebDriver session: one running app window.
#[derive(Debug)]
pub struct Session {
    client: Client,
    id: String,
    deleted: bool,
}

impl Session {
    /// Opens a session with `capabilities` as its `alwaysMatch` set.
    pub fn open(client: Client, capabilities: Value) -> Result<Session> {
        let body = json!({ "capabilities": { "alwaysMatch": capabilities } });
        let value = client.request("POST", "/session", Some(&body))?;
        let id = value
            .get("sessionId")
            .and_then(Value::as_str)
            .ok_or_else(|| Error::Protocol {
                method: "POST",
                path: "/session".to_string(),
                detail: format!("no sessionId in {value}"),
            })?;
        Ok(Session {
            client,
            id: id.to_string(),
            deleted: false,
        })
    }

    /// Returns the session ID that the server assigned.
    pub fn id(&self) -> &str {
        &self.id
    }

    fn get(&self, path: &str) -> Result<Value> {
        self.client
            .request("GET", &format!("/session/{}{path}", self.id), None)
    }

    fn post(&self, path: &str, body: Value) -> Result<Value> {
        self.client
            .request("POST", &format!("/session/{}{path}", self.id), Some(&body))
    }

    /// Ends the session, which closes the app. Calling it again does nothing.
    pub fn delete(&mut self) -> Result<()> {
        if self.deleted {
            return Ok(());
        }
        self.deleted = true;
        self.client
            .request("DELETE", &format!("/session/{}", self.id), None)?;
        Ok(())
    }

    /// Returns the title of the current window's document.
    pub fn title(&self) -> Result<String> {
        Ok(self.get("/title")?.as_str().unwrap_or_default().to_string())
    }

    /// Resizes the window to `width` × `height` pixels (its outer size,
    /// frame included when the window manager draws one) and returns the
    /// size the driver reports afterwards.
    pub fn set_window_size(&self, width: u32, height: u32) -> Result<(u64, u64)> {
        let rect = self.post("/window/rect", json!({ "width": width, "height": height }))?;
        let side = |name: &str| rect.get(name).and_then(Value::as_u64).unwrap_or(0);
        Ok((side("width"), side("height")))
    }

    /// Returns the current page's HTML.
    pub fn page_source(&self) -> Result<String> {
        Ok(self
            .get("/source")?
            .as_str()
            .unwrap_or_default()
            .to_string())
    }

    /// Finds the element whose `data-testid` is `test_id`, without waiting.
    pub fn find(&self, test_id: &str) -> Result<Element<'_>> {
        self.find_css(&test_id_selector(test_id))
    }

    /// Finds the first element matching the CSS `selector`, without waiting.
    pub fn find_css(&self, selector: &str) -> Result<Element<'_>> {
        let value = self.post("/element", css(selector))?;
        self.element(&value, "/element")
    }

    /// Finds every element whose `data-testid` is `test_id`.
    pub fn find_all(&self, test_id: &str) -> Result<Vec<Element<'_>>> {
        let value = self.post("/elements", css(&test_id_selector(test_id)))?;
        self.elements(value, "/elements")
    }

    /// Waits up to [`DEFAULT_TIMEOUT`] for the element whose `data-testid`
    /// is `test_id` to be in the page and displayed.
    pub fn wait_for(&self, test_id: &str) -> Result<Element<'_>> {
        self.wait_for_within(test_id, DEFAULT_TIMEOUT)
    }

    /// Waits up to `timeout` for the element whose `data-testid` is
    /// `test_id` to be in the page and displayed.
    pub fn wait_for_within(&self, test_id: &str, timeout: Duration) -> Result<Element<'_>> {
        let what = format!("[data-testid={test_id}] to be displayed");
        wait_until(&what, timeout, || {
            let element = self.find(test_id)?;
            Ok(element.is_displayed()?.then_some(element))
        })
    }

    /// Waits up to [`DEFAULT_TIMEOUT`] for the element whose `data-testid`
    /// is `test_id` to show text containing `expected`, and returns its text.
    pub fn wait_for_text(&self, test_id: &str, expected: &str) -> Result<String> {
        let what = format!("[data-testid={test_id}] to contain {expected:?}");
        wait_until(&what, DEFAULT_TIMEOUT, || {
            let text = self.find(test_id)?.text()?;
            Ok(text.contains(expected).then_some(text))
        })
    }

    /// Runs `script` as the body of a function in the page, with `args` as
    /// its `arguments`, and returns what it returns.
    pub fn execute(&self, script: &str, args: Vec<Value>) -> Result<Value> {
        self.post("/execute/sync", json!({ "script": script, "args": args }))
    }

    /// Runs `script` like [`Session::execute`], but waits until the script
    /// calls its last argument (the callback) and returns the value passed.
    pub fn execute_async(&self, script: &str, args: Vec<Value>) -> Result<Value> {
        self.post("/execute/async", json!({ "script": script, "args": args }))
    }

    /// Takes a PNG screenshot of the window as the user sees it.
    pub fn screenshot(&self) -> Result<Vec<u8>> {
        decode_png(self.get("/screenshot")?, "/screenshot")
    }

    /// Writes a PNG screenshot of the window to `path`.
    pub fn save_screenshot(&self, path: &Path) -> Result<()> {
        let png = self.screenshot()?;
        std::fs::write(path, png).map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })
    }

    fn element(&self, value: &Value, path: &str) -> Result<Element<'_>> {
        let id = value
            .get(ELEMENT_KEY)
            .and_then(Value::as_str)
            .ok_or_else(|| Error::Protocol {
                method: "POST",
                path: path.to_string(),
                detail: format!("no element reference in {value}"),
            })?;
        Ok(Element {
            session: self,
            id: id.to_string(),
        })
    }

    fn elements(&self, value: Value, path: &str) -> Result<Vec<Element<'_>>> {
        let Value::Array(items) = value else {
            return Err(Error::Protocol {
                method: "POST",
                path: path.to_string(),
                detail: format!("expected an array of elements, got {value}"),
            });
        };
        items.iter().map(|item| self.element(item, path)).collect()
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        if let Err(error) = self.delete() {
            eprintln!(
                "[e2e] failed to delete WebDriver session {}: {error}",
                self.id
            );
        }
    }
}

/// An element of the page, valid while the UI does not re-render it.
#[derive(Debug, Clone)]
pub struct Element<'s> {
    session: &'s Session,
    id: String,
}

impl<'s> Element<'s> {
    fn get(&self, path: &str) -> Result<Value> {
        self.session.get(&format!("/element/{}{path}", self.id))
    }

    fn post(&self, path: &str, body: Value) -> Result<Value> {
        self.session
            .post(&format!("/element/{}{path}", self.id), body)
    }

    /// Returns the reference to pass to [`Session::execute`] as an argument.
    pub fn to_json(&self) -> Value {
        json!({ ELEMENT_KEY: self.id })
    }

    /// Clicks the element's centre, scrolling it into view first.
    pub fn click(&self) -> Result<()> {
        self.post("/click", json!({}))?;
        Ok(())
    }

    /// Types `text` into the element as key presses; see [`keys`] for
    /// special keys.
    pub fn type_text(&self, text: &str) -> Result<()> {
        self.post("/value", json!({ "text": text }))?;
        Ok(())
    }

    /// Empties an input or text area.
    pub fn clear(&self) -> Result<()> {
        self.post("/clear", json!({}))?;
        Ok(())
    }

    /// Returns the element's rendered text.
    pub fn text(&self) -> Result<String> {
        Ok(self.get("/text")?.as_str().unwrap_or_default().to_string())
    }

    /// Returns the value of the HTML attribute `name`, or `None` when absent.
    pub fn attribute(&self, name: &str) -> Result<Option<String>> {
        Ok(self
            .get(&format!("/attribute/{name}"))?
            .as_str()
            .map(str::to_string))
    }

    /// Returns the DOM property `name`, such as `value` or `checked`.
    pub fn property(&self, name: &str) -> Result<Value> {
        self.get(&format!("/property/{name}"))
    }

    /// Returns whether the element is rendered visibly.
    pub fn is_displayed(&self) -> Result<bool> {
        Ok(self.get("/displayed")?.as_bool().unwrap_or(false))
    }

    /// Returns whether the element is enabled (not `disabled`).
    pub fn is_enabled(&self) -> Result<bool> {
        Ok(self.get("/enabled")?.as_bool().unwrap_or(false))
    }

    /// Finds the descendant whose `data-testid` is `test_id`.
    pub fn find(&self, test_id: &str) -> Result<Element<'s>> {
        let value = self.post("/element", css(&test_id_selector(test_id)))?;
        self.session.element(&value, "/element/{id}/element")
    }

    /// Finds every descendant whose `data-testid` is `test_id`.
    pub fn find_all(&self, test_id: &str) -> Result<Vec<Element<'s>>> {
        let value = self.post("/elements", css(&test_id_selector(test_id)))?;
        self.session.elements(value, "/element/{id}/elements")
    }

    /// Takes a PNG screenshot of the element alone.
    pub fn screenshot(&self) -> Result<Vec<u8>> {
        decode_png(self.get("/screenshot")?, "/element/{id}/screenshot")
    }
}

/// Builds the CSS selector for an element by its `data-testid`.
///
/// ```
/// assert_eq!(chumchon_e2e::test_id_selector("nav-members"), r#"[data-testid="nav-members"]"#);
/// ```
pub fn test_id_selector(test_id: &str) -> String {
    let escaped = test_id.replace('\\', "\\\\").replace('"', "\\\"");
    format!("[data-testid=\"{escaped}\"]")
}

fn css(selector: &str) -> Value {
    json!({ "using": "css selector", "value": selector })
}

fn decode_png(value: Value, path: &str) -> Result<Vec<u8>> {
    let encoded = value.as_str().unwrap_or_default();
    base64::engine::general_purpose::STANDARD
        .decode(encoded)
        .map_err(|e| Error::Protocol {
            method: "GET",
            path: path.to_string(),
            detail: format!("screenshot is not base64: {e}"),
        })
}

#[cfg(test)]
mod tests {
    use std::io::{BufRead, BufReader, Read, Write};
    use std::net::{Ipv4Addr, TcpListener, TcpStream};
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;

    use super::*;

    /// Serves `{"value": N}` to each request on each connection, and counts
    /// connections and requests that asked to close.
    fn serve(listener: TcpListener, connections: Arc<AtomicUsize>, closes: Arc<AtomicUsize>) {
        for stream in listener.incoming().flatten() {
            connections.fetch_add(1, Ordering::SeqCst);
            let closes = Arc::clone(&closes);
            std::thread::spawn(move || answer_requests(stream, &closes));
        }
    }

    fn answer_requests(stream: TcpStream, closes: &AtomicUsize) {
        let mut reader = BufReader::new(stream.try_clone().expect("clone stream"));
        let mut writer = stream;
        for served in 0.. {
            let mut length = 0;
            let mut line = String::new();
            loop {
                line.clear();
                if reader.read_line(&mut line).unwrap_or(0) == 0 {
                    return;
                }
                let lower = line.to_ascii_lowercase();
                if let Some(value) = lower.strip_prefix("content-length:") {
                    length = value.trim().parse().unwrap_or(0);
                }
                if lower.starts_with("connection:") && lower.contains("close") {
                    closes.fetch_add(1, Ordering::SeqCst);
                }
                if line == "\r\n" {
                    break;
                }
            }
            let mut body = vec![0; length];
            let _ = reader.read_exact(&mut body);
            let reply = format!("{{\"value\":{served}}}");
            let head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n";
            let _ = write!(
                writer,
                "{head}Content-Length: {}\r\n\r\n{reply}",
                reply.len()
            );
        }
    }

    #[test]
    fn client_keeps_one_connection_alive() -> Result<()> {
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).map_err(|source| Error::Io {
            path: "listener".into(),
            source,
        })?;
        let port = listener.local_addr().map(|a| a.port()).unwrap_or_default();
        let connections = Arc::new(AtomicUsize::new(0));
        let closes = Arc::new(AtomicUsize::new(0));
        let (c, k) = (Arc::clone(&connections), Arc::clone(&closes));
        std::thread::spawn(move || serve(listener, c, k));
        let client = Client::new(port);

        let mut answers = Vec::new();
        for _ in 0..5 {
            answers.push(client.request("GET", "/status", None)?);
            answers.push(client.request("POST", "/session/x/element", Some(&json!({"a": 1})))?);
            answers.push(client.request("DELETE", "/session/x", None)?);
        }

        let expected: Vec<Value> = (0..15).map(|n| json!(n)).collect();
        assert_eq!(
            answers, expected,
            "each request should be the next on one connection"
        );
        assert_eq!(
            connections.load(Ordering::SeqCst),
            1,
            "all requests should share a connection"
        );
        assert_eq!(
            closes.load(Ordering::SeqCst),
            0,
            "no request should ask to close"
        );
        Ok(())
    }

    #[test]
    fn test_id_selector_escapes_quotes() {
        let selector = test_id_selector(r#"a"b"#);

        assert_eq!(
            selector, r#"[data-testid="a\"b"]"#,
            "quotes should be escaped"
        );
    }
}
