use std::sync::Arc;

use guichet_domain::tickets::IMAGE_ATTACHMENT_MAX_BYTES;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, ImageBitmap};

use super::Cover;
use super::Screenshot;
use crate::components::{Button, ButtonKind, Spinner, TextField};
use crate::i18n::{t, trn};

/// Widest image kept: enough to read any screen, small enough to upload quickly.
const MAX_WIDTH: u32 = 1600;

/// Lets the user cover regions of a screenshot with opaque boxes (drag on the image, or type
/// the region for keyboard users), then re-encodes it through a canvas: the result has no
/// metadata (EXIF, GPS) and the original bytes are never sent.
#[component]
pub fn ScreenshotEditor(
    /// The file's name, for the result.
    name: String,
    /// The original file, read into memory; it goes no further than the canvas.
    original: Arc<[u8]>,
    media_type: String,
    on_done: Callback<Screenshot>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let canvas = NodeRef::<leptos::html::Canvas>::new();
    let bitmap = StoredValue::new_local(None::<ImageBitmap>);
    let covers = RwSignal::new(Vec::<Cover>::new());
    let dragging = StoredValue::new(None::<(f64, f64)>);
    let failed = RwSignal::new(false);
    let loaded = RwSignal::new(false);
    let typed = CoverDraft::signals();

    let redraw = move |preview: Option<Cover>| {
        let (Some(c), Some(Some(bmp))) = (canvas.get_untracked(), bitmap.try_get_value()) else {
            return;
        };
        if let Some(ctx) = context(&c) {
            let (w, h) = (f64::from(c.width()), f64::from(c.height()));
            let _ = ctx.draw_image_with_image_bitmap_and_dw_and_dh(&bmp, 0.0, 0.0, w, h);
            ctx.set_fill_style_str("#000");
            for cover in covers.get_untracked().iter().chain(preview.as_ref()) {
                ctx.fill_rect(
                    cover.left * w,
                    cover.top * h,
                    cover.width * w,
                    cover.height * h,
                );
            }
        }
    };

    Effect::new(move |_| {
        let Some(c) = canvas.get() else { return };
        let original = original.clone();
        let media_type = media_type.clone();
        spawn_local(async move {
            match decode(&original, &media_type).await {
                Some(bmp) => {
                    let scale = (f64::from(MAX_WIDTH) / f64::from(bmp.width())).min(1.0);
                    c.set_width((f64::from(bmp.width()) * scale).round() as u32);
                    c.set_height((f64::from(bmp.height()) * scale).round() as u32);
                    bitmap.set_value(Some(bmp));
                    loaded.set(true);
                    redraw(None);
                }
                None => failed.set(true),
            }
        });
    });

    let at = move |ev: &web_sys::PointerEvent| -> Option<(f64, f64)> {
        let c = canvas.get_untracked()?;
        let (w, h) = (f64::from(c.client_width()), f64::from(c.client_height()));
        (w > 0.0 && h > 0.0).then(|| {
            (
                (f64::from(ev.offset_x()) / w).clamp(0.0, 1.0),
                (f64::from(ev.offset_y()) / h).clamp(0.0, 1.0),
            )
        })
    };
    let down = move |ev: web_sys::PointerEvent| {
        if let Some(p) = at(&ev) {
            dragging.set_value(Some(p));
        }
    };
    let moved = move |ev: web_sys::PointerEvent| {
        if let (Some(start), Some(p)) = (dragging.get_value(), at(&ev)) {
            redraw(Some(Cover::between(start, p)));
        }
    };
    let up = move |ev: web_sys::PointerEvent| {
        if let (Some(start), Some(p)) = (dragging.get_value(), at(&ev)) {
            let cover = Cover::between(start, p);
            if cover.width > 0.0 && cover.height > 0.0 {
                covers.update(|c| c.push(cover));
            }
        }
        dragging.set_value(None);
        redraw(None);
    };
    let add_typed = Callback::new(move |_| {
        if let Some(cover) = typed.cover() {
            covers.update(|c| c.push(cover));
            typed.clear();
            redraw(None);
        }
    });
    let undo = Callback::new(move |_| {
        covers.update(|c| {
            c.pop();
        });
        redraw(None);
    });
    let attach = Callback::new(move |_| {
        redraw(None);
        let Some(c) = canvas.get_untracked() else {
            return;
        };
        match encode(&c) {
            Some((bytes, media_type)) => on_done.run(Screenshot {
                name: name.clone(),
                media_type,
                bytes: bytes.into(),
                covered: covers.with_untracked(Vec::len),
                uploaded_id: None,
            }),
            None => failed.set(true),
        }
    });

    view! {
        <section class="gu-card gu-shot" aria-labelledby="gu-shot-title">
            <h3 id="gu-shot-title" class="gu-card__title">{move || t("wizard.shot.title")}</h3>
            <p id="gu-shot-help">{move || t("wizard.shot.help")}</p>
            <Show when=move || !loaded.get() && !failed.get()>
                <p role="status"><Spinner/>{move || t("wizard.shot.loading")}</p>
            </Show>
            <Show when=move || failed.get()>
                <p class="gu-field-error" role="alert">{move || t("wizard.shot.failed")}</p>
            </Show>
            <canvas
                class="gu-shot__canvas"
                node_ref=canvas
                role="img"
                aria-label=move || trn("wizard.shot.canvas", covers.with(Vec::len), &[])
                aria-describedby="gu-shot-help"
                on:pointerdown=down
                on:pointermove=moved
                on:pointerup=up
            ></canvas>
            <fieldset class="gu-shot__typed">
                <legend>{move || t("wizard.shot.typed")}</legend>
                {typed.view()}
                <Button kind=ButtonKind::Secondary on_click=add_typed>{move || t("wizard.shot.add")}</Button>
            </fieldset>
            <div class="gu-actions">
                <Button kind=ButtonKind::Quiet on_click=undo disabled=Signal::derive(move || covers.with(Vec::is_empty))>
                    {move || t("wizard.shot.undo")}
                </Button>
                <Button kind=ButtonKind::Secondary on_click=Callback::new(move |_| on_cancel.run(()))>
                    {move || t("wizard.shot.cancel")}
                </Button>
                <Button on_click=attach disabled=Signal::derive(move || !loaded.get())>
                    {move || t("wizard.shot.attach")}
                </Button>
            </div>
        </section>
    }
}

fn context(canvas: &HtmlCanvasElement) -> Option<CanvasRenderingContext2d> {
    canvas.get_context("2d").ok()??.dyn_into().ok()
}

/// Decodes the original with the browser's image decoder (EXIF orientation applied).
async fn decode(bytes: &[u8], media_type: &str) -> Option<ImageBitmap> {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(media_type);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options).ok()?;
    let promise = web_sys::window()?
        .create_image_bitmap_with_blob(&blob)
        .ok()?;
    JsFuture::from(promise).await.ok()?.dyn_into().ok()
}

/// The canvas as PNG, or as JPEG if the PNG is over the size limit. A canvas writes neither
/// EXIF nor text chunks.
fn encode(canvas: &HtmlCanvasElement) -> Option<(Vec<u8>, &'static str)> {
    let png = data_url_bytes(&canvas.to_data_url_with_type("image/png").ok()?)?;
    if png.len() <= IMAGE_ATTACHMENT_MAX_BYTES {
        return Some((png, "image/png"));
    }
    let jpeg = canvas
        .to_data_url_with_type_and_encoder_options("image/jpeg", &JsValue::from_f64(0.85))
        .ok()?;
    let jpeg = data_url_bytes(&jpeg)?;
    (jpeg.len() <= IMAGE_ATTACHMENT_MAX_BYTES).then_some((jpeg, "image/jpeg"))
}

fn data_url_bytes(url: &str) -> Option<Vec<u8>> {
    let (_, base64) = url.split_once(',')?;
    let binary = web_sys::window()?.atob(base64).ok()?;
    // `atob` yields one char per byte, all below 256.
    binary
        .chars()
        .map(|c| u8::try_from(u32::from(c)).ok())
        .collect()
}

/// The keyboard way to cover a region: four percentages.
#[derive(Clone, Copy)]
struct CoverDraft {
    left: RwSignal<String>,
    top: RwSignal<String>,
    width: RwSignal<String>,
    height: RwSignal<String>,
}

impl CoverDraft {
    fn signals() -> Self {
        Self {
            left: RwSignal::new(String::new()),
            top: RwSignal::new(String::new()),
            width: RwSignal::new(String::new()),
            height: RwSignal::new(String::new()),
        }
    }

    fn cover(&self) -> Option<Cover> {
        Cover::from_percent(
            &self.left.get_untracked(),
            &self.top.get_untracked(),
            &self.width.get_untracked(),
            &self.height.get_untracked(),
        )
    }

    fn clear(&self) {
        for s in [self.left, self.top, self.width, self.height] {
            s.set(String::new());
        }
    }

    fn view(self) -> impl IntoView {
        view! {
            <div class="gu-shot__percentages">
                <TextField label=move || t("wizard.shot.left") name="cover-left" value=self.left/>
                <TextField label=move || t("wizard.shot.top") name="cover-top" value=self.top/>
                <TextField label=move || t("wizard.shot.width") name="cover-width" value=self.width/>
                <TextField label=move || t("wizard.shot.height") name="cover-height" value=self.height/>
            </div>
        }
    }
}
