//! API endpoints, one module per resource. Each handler carries `#[utoipa::path]` and is
//! registered with `routes!` in [`v1`], which keeps the OpenAPI document and the router in step.

pub mod health;

use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::error::{ErrorBody, ErrorDetail};
use crate::startup::AppState;

/// Document-level metadata; paths and schemas are collected from the routers.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "Tuoke (拓客) sync server",
        description = "JSON API of the Tuoke field-sales PWA. Errors use `{\"error\": {\"code\", \"message\"}}`."
    ),
    components(schemas(ErrorBody, ErrorDetail)),
    tags((name = "system", description = "Server status and metadata"))
)]
pub struct ApiDoc;

/// Everything under `/api/v1`, documented.
pub fn v1() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(health::health))
}

/// The whole documented API with its full paths.
pub fn api() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(ApiDoc::openapi()).nest("/api/v1", v1())
}
