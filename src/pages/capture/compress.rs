//! Field photos compressed on the phone: JPEG at quality 0.7, longest side at most 1,600 px
//! (a few hundred KB instead of several MB, so they fit IndexedDB and a weak signal).

use futures::channel::oneshot;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, CanvasRenderingContext2d, File, HtmlCanvasElement, HtmlImageElement, Url};

/// Longest side of a stored photo, in pixels.
pub const MAX_SIDE: u32 = 1600;
/// JPEG quality of a stored photo.
pub const QUALITY: f64 = 0.7;

/// The size a `width`×`height` image is scaled to: never up, longest side ≤ [`MAX_SIDE`].
pub fn scaled(width: u32, height: u32) -> (u32, u32) {
    let longest = width.max(height);
    if longest <= MAX_SIDE || longest == 0 {
        return (width.max(1), height.max(1));
    }
    let scale = f64::from(MAX_SIDE) / f64::from(longest);
    let side = |v: u32| ((f64::from(v) * scale).round() as u32).clamp(1, MAX_SIDE);
    (side(width), side(height))
}

/// Decodes an image file and re-encodes it as a compressed JPEG.
pub async fn compress(file: &File) -> Result<Vec<u8>, JsValue> {
    let url = Url::create_object_url_with_blob(file)?;
    let img = HtmlImageElement::new()?;
    img.set_src(&url);
    let decoded = JsFuture::from(img.decode()).await;
    let _ = Url::revoke_object_url(&url);
    decoded?;
    let (width, height) = scaled(img.natural_width(), img.natural_height());
    let canvas: HtmlCanvasElement = gloo::utils::document()
        .create_element("canvas")?
        .dyn_into()?;
    canvas.set_width(width);
    canvas.set_height(height);
    let ctx: CanvasRenderingContext2d = canvas
        .get_context("2d")?
        .ok_or_else(|| JsValue::from_str("no 2d canvas"))?
        .dyn_into()?;
    // JPEG has no transparency: what was transparent becomes white, not black.
    ctx.set_fill_style_str("#ffffff");
    ctx.fill_rect(0.0, 0.0, f64::from(width), f64::from(height));
    ctx.draw_image_with_html_image_element_and_dw_and_dh(
        &img,
        0.0,
        0.0,
        f64::from(width),
        f64::from(height),
    )?;
    let (tx, rx) = oneshot::channel::<JsValue>();
    let callback = Closure::once(move |blob: JsValue| {
        let _ = tx.send(blob);
    });
    canvas.to_blob_with_type_and_encoder_options(
        callback.as_ref().unchecked_ref(),
        "image/jpeg",
        &JsValue::from_f64(QUALITY),
    )?;
    let blob: Blob = rx
        .await
        .map_err(|_| JsValue::from_str("encoding was cancelled"))?
        .dyn_into()?;
    let buffer = JsFuture::from(blob.array_buffer()).await?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn photos_are_scaled_down_to_1600_on_the_longest_side_never_up() {
        assert_eq!(scaled(4000, 3000), (1600, 1200));
        assert_eq!(scaled(3000, 4000), (1200, 1600));
        assert_eq!(scaled(800, 600), (800, 600));
        assert_eq!(scaled(1600, 10), (1600, 10));
        assert_eq!(scaled(10_000, 1), (1600, 1));
    }
}
