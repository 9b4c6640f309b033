//! Security headers on every response (API, errors, static files, the app shell).
//!
//! The Content-Security-Policy allows scripts from this origin only, plus exactly the inline
//! scripts of the served `index.html` by their SHA-256 (trunk writes the module loader inline),
//! never `'unsafe-inline'`. Those hashes are computed when the server starts, and again when
//! an HTML page is served after `index.html` changed on disk (a new build into a live `dist/`).

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

use axum::extract::{Request, State};
use axum::http::{header, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;
use base64::Engine;
use sha2::{Digest, Sha256};

/// Everything but `script-src`, which depends on the served `index.html`.
const POLICY_REST: &str = "default-src 'self'; img-src 'self' blob: data:; \
     style-src 'self' 'unsafe-inline'; connect-src 'self'; worker-src 'self'; \
     manifest-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; \
     frame-ancestors 'none'";

/// The Content-Security-Policy for a shell whose inline scripts hash to `hashes`.
pub fn policy(hashes: &[String]) -> String {
    let mut script_src = String::from("script-src 'self'");
    for hash in hashes {
        script_src.push_str(&format!(" 'sha256-{hash}'"));
    }
    script_src.push_str(" 'wasm-unsafe-eval'");
    format!("{POLICY_REST}; {script_src}")
}

/// The base64 SHA-256 of each inline `<script>` (one without `src`) in `html`, as CSP wants
/// them: over the exact text between the tags.
pub fn inline_script_hashes(html: &str) -> Vec<String> {
    let lower = html.to_ascii_lowercase();
    let mut hashes = Vec::new();
    let mut at = 0;
    while let Some(start) = lower[at..].find("<script").map(|i| at + i) {
        let after_name = start + "<script".len();
        // `<scripts>` or `<script-x>` is another element.
        if !lower[after_name..].starts_with(|c: char| c == '>' || c.is_ascii_whitespace()) {
            at = after_name;
            continue;
        }
        let Some(tag_end) = lower[after_name..].find('>').map(|i| after_name + i) else {
            break;
        };
        let Some(close) = lower[tag_end..].find("</script").map(|i| tag_end + i) else {
            break;
        };
        if !has_src(&lower[after_name..tag_end]) {
            let text = &html[tag_end + 1..close];
            let digest = Sha256::digest(text.as_bytes());
            hashes.push(base64::engine::general_purpose::STANDARD.encode(digest));
        }
        at = close;
    }
    hashes
}

/// Whether a (lowercased) attribute list has a `src` attribute.
fn has_src(attributes: &str) -> bool {
    attributes
        .split(|c: char| c.is_ascii_whitespace() || c == '/')
        .any(|word| word == "src" || word.starts_with("src="))
}

/// The policy for the current `index.html` of a static directory, recomputed when the file
/// changes. Cheap to clone.
#[derive(Clone)]
pub struct Csp {
    index: Option<PathBuf>,
    current: Arc<Mutex<(Option<SystemTime>, HeaderValue)>>,
}

impl Csp {
    /// From `static_dir/index.html`, or the policy without inline scripts if there is none.
    pub fn for_static_dir(static_dir: Option<&Path>) -> Self {
        let index = static_dir.map(|dir| dir.join("index.html"));
        let (modified, value) = compute(index.as_deref());
        Self {
            index,
            current: Arc::new(Mutex::new((modified, value))),
        }
    }

    /// The policy; with `refresh`, first re-reads `index.html` if it changed since.
    fn value(&self, refresh: bool) -> HeaderValue {
        let mut current = match self.current.lock() {
            Ok(guard) => guard,
            // A panic while holding the lock left a valid value behind.
            Err(poisoned) => poisoned.into_inner(),
        };
        if refresh {
            if let Some(index) = &self.index {
                let modified = std::fs::metadata(index).and_then(|m| m.modified()).ok();
                if modified != current.0 {
                    *current = compute(Some(index));
                }
            }
        }
        current.1.clone()
    }
}

fn compute(index: Option<&Path>) -> (Option<SystemTime>, HeaderValue) {
    let modified = index
        .and_then(|path| std::fs::metadata(path).ok())
        .and_then(|m| m.modified().ok());
    let hashes = index
        .and_then(|path| std::fs::read_to_string(path).ok())
        .map(|html| inline_script_hashes(&html))
        .unwrap_or_default();
    let value = HeaderValue::from_str(&policy(&hashes))
        // Base64 and the fixed text are visible ASCII; this cannot fail.
        .unwrap_or_else(|_| HeaderValue::from_static("default-src 'self'"));
    (modified, value)
}

/// Middleware, outermost: adds the security headers to every response.
pub async fn headers(State(csp): State<Csp>, request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let is_html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    // For a page, a stat of index.html (a read only after it changed); the rest reuse it.
    let policy = csp.value(is_html);
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_SECURITY_POLICY, policy);
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sha256_b64(text: &str) -> String {
        base64::engine::general_purpose::STANDARD.encode(Sha256::digest(text.as_bytes()))
    }

    #[test]
    fn only_inline_scripts_are_hashed_over_their_exact_text() {
        let loader = "\nimport init from '/tuoke-0123456789abcdef.js';\ninit('/x_bg.wasm');\n";
        let html = format!(
            "<!doctype html><head><script src=\"/a.js\"></script>\
             <SCRIPT type=\"module\">{loader}</SCRIPT>\
             <scripts>not a script</scripts>\
             <script type=module src=/b.js defer></script><script>1</script></head>"
        );
        assert_eq!(
            inline_script_hashes(&html),
            [sha256_b64(loader), sha256_b64("1")]
        );
        assert!(inline_script_hashes("<p>no scripts</p>").is_empty());
        assert!(inline_script_hashes("<script>unclosed").is_empty());
    }

    #[test]
    fn the_policy_allows_the_hashes_and_never_unsafe_inline_scripts() {
        let p = policy(&["abc=".to_owned()]);
        let script_src = p
            .split(';')
            .map(str::trim)
            .find(|d| d.starts_with("script-src"))
            .unwrap();
        assert_eq!(
            script_src,
            "script-src 'self' 'sha256-abc=' 'wasm-unsafe-eval'"
        );
        assert!(p.contains("frame-ancestors 'none'"));
        assert!(p.contains("object-src 'none'"));
    }
}
