//! Serving the built PWA (trunk's `dist/`): files, the SPA fallback and cache policy.
//!
//! - A path whose last segment has no extension is an app route: if no such file exists,
//!   `index.html` is served so the client-side router can take over.
//! - A missing path *with* an extension is a missing file: 404, never the shell, so a broken
//!   asset reference fails loudly instead of parsing HTML as JavaScript.
//! - Cache policy (see [`cache_control`]): content-hashed names are immutable; the shell, the
//!   service worker, the web manifest, the precache list and the content documents (JSON) must
//!   be revalidated every time, or clients would keep running an old release.
//!
//! This module never sees `/api/…` paths: `startup::fallback` answers those itself.

use std::path::{Path, PathBuf};

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use tower::ServiceExt;
use tower_http::services::ServeDir;

use crate::error::static_not_found;
use crate::state::AppState;

pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";
pub const NO_CACHE: &str = "no-cache";
/// For unhashed assets (icons, fonts): short, so a new release shows up within the hour.
pub const SHORT: &str = "public, max-age=3600";

/// Fallback handler for every non-API path.
pub async fn serve(State(state): State<AppState>, request: Request) -> Response {
    if request.method() != Method::GET && request.method() != Method::HEAD {
        let mut response = StatusCode::METHOD_NOT_ALLOWED.into_response();
        response
            .headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return response;
    }
    let Some(dir) = state.static_dir.as_deref() else {
        return static_not_found();
    };
    let path = request.uri().path().to_owned();
    let (parts, _body) = request.into_parts();

    let response = serve_from(dir, Request::from_parts(parts.clone(), Body::empty())).await;
    if response.status() == StatusCode::NOT_FOUND {
        if !is_app_route(&path) {
            return static_not_found();
        }
        let mut shell = parts;
        shell.uri = "/index.html".parse().expect("static URI is valid");
        let response = serve_from(dir, Request::from_parts(shell, Body::empty())).await;
        return with_cache_control(response, "index.html");
    }
    let file_name = if path.ends_with('/') {
        "index.html"
    } else {
        last_segment(&path)
    };
    with_cache_control(response, file_name)
}

async fn serve_from(dir: &Path, request: Request) -> Response {
    // `ServeDir` is infallible: I/O errors become 404/500 responses.
    // The build writes brotli/gzip siblings of the hashed assets (scripts/precompress.mjs);
    // serving them saves compressing the same bytes on every request, at a better ratio.
    let files = ServeDir::new(dir).precompressed_br().precompressed_gzip();
    match files.oneshot(request).await {
        Ok(response) => response.map(Body::new),
        Err(never) => match never {},
    }
}

fn with_cache_control(mut response: Response, file_name: &str) -> Response {
    let status = response.status();
    if status.is_success() || status == StatusCode::NOT_MODIFIED {
        response.headers_mut().insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static(cache_control(file_name)),
        );
    } else if status == StatusCode::NOT_FOUND {
        return static_not_found();
    }
    response
}

fn last_segment(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or("")
}

/// `/prospects/42` is an app route; `/missing.js` is a file.
fn is_app_route(path: &str) -> bool {
    !last_segment(path).contains('.')
}

/// The `Cache-Control` value for a served file, by its name.
pub fn cache_control(file_name: &str) -> &'static str {
    if must_revalidate(file_name) {
        NO_CACHE
    } else if is_content_hashed(file_name) {
        IMMUTABLE
    } else {
        SHORT
    }
}

/// Files that name the current release; a stale copy would pin clients to an old version.
/// JSON files are data of the release under fixed names (the content documents,
/// `content/<lang>/*.json`): a copy older than the wasm that reads it would not fit it.
fn must_revalidate(file_name: &str) -> bool {
    file_name.ends_with(".html")
        || file_name.ends_with(".json")
        || file_name.ends_with(".webmanifest")
        || matches!(file_name, "sw.js" | "service-worker.js" | "manifest.json")
        || file_name.starts_with("precache")
}

/// True for names that trunk gave a content hash: `<stem>-<hash><suffix>` where `<hash>` is the
/// seahash of the content in lowercase hex and `<suffix>` is `.ext`, `_bg.wasm` or `_loader.js`
/// (e.g. `tuoke-5f3a2b1c9d8e7f60_bg.wasm`, `tuoke-5f3a2b1c9d8e7f60.js`, `style-0123456789abcdef.css`).
///
/// trunk formats the 64-bit hash with `{:x}`, unpadded, so it is 16 digits, or 15 when the top
/// nibble is zero (1 build in 16). Shorter runs are not accepted: a false positive would pin an
/// unhashed file in caches for a year, a false negative only costs a revalidation.
pub fn is_content_hashed(file_name: &str) -> bool {
    let Some(dash) = file_name.rfind('-') else {
        return false;
    };
    if dash == 0 {
        return false;
    }
    let after = &file_name[dash + 1..];
    let hash_len = after
        .bytes()
        .take_while(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(b))
        .count();
    if !(15..=16).contains(&hash_len) {
        return false;
    }
    let suffix = &after[hash_len..];
    let ext = suffix
        .strip_prefix("_bg.")
        .or_else(|| suffix.strip_prefix("_loader."))
        .or_else(|| suffix.strip_prefix('.'));
    ext.is_some_and(|ext| {
        !ext.is_empty() && ext.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'.')
    })
}

/// Resolves `--static`: `None` (with a warning) when the directory is missing, so the API
/// still runs, e.g. in tests or before the PWA is built.
pub fn resolve_dir(dir: PathBuf) -> Option<PathBuf> {
    if dir.is_dir() {
        if !dir.join("index.html").is_file() {
            tracing::warn!(dir = %dir.display(), "static directory has no index.html; app routes will 404");
        }
        Some(dir)
    } else {
        tracing::warn!(
            dir = %dir.display(),
            "static directory not found; serving the API only (build the PWA with trunk, or pass --static DIR)"
        );
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trunk_hashed_names_are_recognised() {
        for name in [
            "tuoke-5f3a2b1c9d8e7f60_bg.wasm",
            "tuoke-5f3a2b1c9d8e7f60.js",
            "tuoke-5f3a2b1c9d8e7f6_bg.wasm",
            "style-0123456789abcdef.css",
            "tuoke-app-5f3a2b1c9d8e7f60.js",
            "worker-5f3a2b1c9d8e7f60_loader.js",
            "tuoke-5f3a2b1c9d8e7f60.d.ts",
        ] {
            assert!(is_content_hashed(name), "{name} should count as hashed");
        }
    }

    #[test]
    fn unhashed_names_are_not_mistaken_for_hashed() {
        for name in [
            "tuoke_bg.wasm",
            "style.css",
            "icon-192.png",
            "style-ab12cd34ef56.css",        // 12 digits: not trunk's format
            "tuoke-5F3A2B1C9D8E7F60.js",     // trunk writes lowercase
            "tuoke-5f3a2b1c9d8e7f60a.js",    // 17 digits
            "tuoke-5f3a2b1c9d8e7f60",        // no extension
            "tuoke-5f3a2b1c9d8e7f60_foo.js", // unknown suffix
            "-5f3a2b1c9d8e7f60.js",          // no stem
            "icons-maskable-deadbeefdeadbeefx.png", // not all hex
        ] {
            assert!(
                !is_content_hashed(name),
                "{name} should not count as hashed"
            );
        }
    }

    #[test]
    fn cache_policy_by_name() {
        assert_eq!(cache_control("index.html"), NO_CACHE);
        assert_eq!(cache_control("sw.js"), NO_CACHE);
        assert_eq!(cache_control("manifest.webmanifest"), NO_CACHE);
        assert_eq!(cache_control("precache.json"), NO_CACHE);
        assert_eq!(cache_control("playbooks.json"), NO_CACHE);
        assert_eq!(cache_control("tuoke-5f3a2b1c9d8e7f60_bg.wasm"), IMMUTABLE);
        assert_eq!(cache_control("icon-192.png"), SHORT);
    }

    #[test]
    fn app_routes_have_no_extension() {
        assert!(is_app_route("/"));
        assert!(is_app_route(
            "/prospects/0193a0b2-7c4e-7def-8a12-3456789abcde"
        ));
        assert!(!is_app_route("/missing.js"));
        assert!(!is_app_route("/assets/logo.svg"));
    }
}
