//! API endpoints, one module per resource. Each handler carries `#[utoipa::path]` and is
//! registered with `routes!` in [`v1`], which keeps the OpenAPI document and the router in step.

pub mod attachments;
pub mod auth;
pub mod health;
pub mod leads;
pub mod price_list;
pub mod prospects;
pub mod sync;

use axum::extract::DefaultBodyLimit;
use axum::middleware;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::error::{ErrorBody, ErrorDetail};
use crate::limits::{self, BODY_LIMIT};
use crate::state::AppState;

/// Document-level metadata; paths and schemas are collected from the routers.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "Tuoke (拓客) sync server",
        description = "JSON API of the Tuoke field-sales PWA. Errors use `{\"error\": {\"code\", \"message\"}}`."
    ),
    components(schemas(ErrorBody, ErrorDetail)),
    modifiers(&BearerAuth),
    tags(
        (name = "system", description = "Server status and metadata"),
        (name = "auth", description = "Sign in and out"),
        (name = "sync", description = "Offline sync: push mutations, pull changes"),
        (name = "prospects", description = "Field history and transfers"),
        (name = "leads", description = "Lead lists for the marketing assistant"),
        (name = "attachments", description = "Note photos"),
        (name = "pricing", description = "The price list quotes are built from"),
    )
)]
pub struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

/// Everything under `/api/v1`, documented.
pub fn v1() -> OpenApiRouter<AppState> {
    // Each group checks a declared `Content-Length` against its own limit before reading.
    let uploads = OpenApiRouter::new()
        .routes(routes!(attachments::put, attachments::get))
        .layer(DefaultBodyLimit::max(attachments::ATTACHMENT_LIMIT))
        .layer(middleware::from_fn_with_state(
            attachments::ATTACHMENT_LIMIT,
            limits::refuse_declared_oversize,
        ));
    OpenApiRouter::new()
        .routes(routes!(health::health))
        .routes(routes!(auth::login))
        .routes(routes!(auth::logout))
        .routes(routes!(auth::me))
        .routes(routes!(auth::team))
        .routes(routes!(sync::push))
        .routes(routes!(sync::pull))
        .routes(routes!(prospects::history))
        .routes(routes!(prospects::transfer))
        .routes(routes!(leads::import))
        .routes(routes!(price_list::get, price_list::put))
        .layer(middleware::from_fn_with_state(
            BODY_LIMIT,
            limits::refuse_declared_oversize,
        ))
        .merge(uploads)
}

/// The whole documented API with its full paths.
pub fn api() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(ApiDoc::openapi()).nest("/api/v1", v1())
}
