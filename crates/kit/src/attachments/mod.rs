//! Files attached to a ticket or a reply, one type for both: text files of which only the
//! redacted text is kept, screenshots covered and re-encoded in the browser; the pickers that
//! make them, their list, and the upload that sends them before the message that names them.

use std::sync::Arc;

use guichet_domain::AttachmentId;
use guichet_redact::Policy;
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsCast;

mod attached_files;
mod screenshot_editor;
mod screenshot_picker;
mod text_file_picker;
mod upload_progress;

pub use attached_files::AttachedFiles;
pub use screenshot_editor::ScreenshotEditor;
pub use screenshot_picker::ScreenshotPicker;
pub use text_file_picker::TextFilePicker;
pub use upload_progress::{upload_missing, Upload, UploadProgress};

/// A text file attached to the draft: only its redacted text is ever kept.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DraftFile {
    pub name: String,
    pub size: u64,
    /// The redacted text; left out of `localStorage` when kept in IndexedDB (`stored`).
    #[serde(default)]
    pub text: String,
    /// How many secrets were redacted, for the review.
    #[serde(default)]
    pub found: usize,
    /// Set once uploaded, so a retried submit does not upload it again.
    #[serde(default)]
    pub uploaded_id: Option<AttachmentId>,
    /// The key of the text in the browser's IndexedDB, where large texts are kept.
    #[serde(default)]
    pub stored: Option<String>,
}

impl DraftFile {
    /// The file as written to `localStorage`: without a text kept elsewhere.
    pub fn light(&self) -> Self {
        Self {
            name: self.name.clone(),
            size: self.size,
            text: if self.stored.is_some() {
                String::new()
            } else {
                self.text.clone()
            },
            found: self.found,
            uploaded_id: self.uploaded_id.clone(),
            stored: self.stored.clone(),
        }
    }
}

/// A screenshot after the user covered what must not be seen, re-encoded through a canvas:
/// no metadata, and the original never leaves. Kept in memory only: binary images do not fit
/// in the browser's draft storage.
#[derive(Debug, Clone, PartialEq)]
pub struct Screenshot {
    pub name: String,
    pub media_type: &'static str,
    pub bytes: Arc<[u8]>,
    pub covered: usize,
    pub uploaded_id: Option<AttachmentId>,
}

/// What the user chose to keep: values they judged harmless, and phone numbers.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Keep {
    pub phones: bool,
    pub values: Vec<String>,
}

impl Keep {
    pub fn policy(&self) -> Policy {
        Policy {
            keep_phone_numbers: self.phones,
            allow: self.values.clone(),
            ..Policy::default()
        }
    }
}

/// An opaque box over part of a screenshot, in fractions of its width and height, so that it
/// does not depend on the size the image is shown at.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Cover {
    pub left: f64,
    pub top: f64,
    pub width: f64,
    pub height: f64,
}

impl Cover {
    /// The box between two corners, in any order.
    pub fn between(a: (f64, f64), b: (f64, f64)) -> Cover {
        Cover {
            left: a.0.min(b.0),
            top: a.1.min(b.1),
            width: (a.0 - b.0).abs(),
            height: (a.1 - b.1).abs(),
        }
    }

    /// From percentages typed by a keyboard user; `None` unless they make a box inside the image.
    pub fn from_percent(left: &str, top: &str, width: &str, height: &str) -> Option<Cover> {
        let p = |s: &str| {
            s.trim()
                .trim_end_matches('%')
                .trim()
                .replace(',', ".")
                .parse::<f64>()
                .ok()
                .filter(|v| (0.0..=100.0).contains(v))
                .map(|v| v / 100.0)
        };
        let c = Cover {
            left: p(left)?,
            top: p(top)?,
            width: p(width)?,
            height: p(height)?,
        };
        (c.width > 0.0 && c.height > 0.0 && c.left + c.width <= 1.0 && c.top + c.height <= 1.0)
            .then_some(c)
    }
}

/// The files just picked in a file input, which is then emptied so that picking the same file
/// again is seen again.
fn take_picked(ev: &leptos::ev::Event) -> Vec<web_sys::File> {
    let Some(input) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
    else {
        return Vec::new();
    };
    let picked = input
        .files()
        .map(|l| (0..l.length()).filter_map(|i| l.get(i)).collect())
        .unwrap_or_default();
    input.set_value("");
    picked
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn covers_from_corners_and_percentages() {
        let c = Cover::between((0.5, 0.75), (0.25, 0.25));
        assert_eq!((c.left, c.top, c.width, c.height), (0.25, 0.25, 0.25, 0.5));
        let typed = Cover::from_percent("10", "20 %", "30,5", "40").unwrap();
        assert_eq!((typed.left, typed.width), (0.1, 0.305));
        assert_eq!(
            Cover::from_percent("80", "0", "30", "10"),
            None,
            "past the edge"
        );
        assert_eq!(Cover::from_percent("a", "0", "30", "10"), None);
        assert_eq!(Cover::from_percent("0", "0", "0", "10"), None, "empty");
    }
}
