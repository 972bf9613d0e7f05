//! The ticket wizard: category, details, evidence, review, submit; drafts kept in the browser
//! (redacted text only) so that nothing typed is lost.

pub mod api_key_field;
pub mod attached_files;
pub mod category_step;
pub mod details_step;
pub mod drafts;
pub mod evidence_step;
pub mod file_store;
pub mod model;
pub mod review_step;
pub mod screenshot_editor;
pub mod screenshot_picker;
pub mod state;
pub mod step_nav;
pub mod text_file_picker;
pub mod upload_progress;
pub mod wizard_page;

pub use api_key_field::ApiKeyField;
pub use attached_files::AttachedFiles;
pub use category_step::CategoryStep;
pub use details_step::DetailsStep;
pub use evidence_step::EvidenceStep;
pub use review_step::ReviewStep;
pub use screenshot_editor::ScreenshotEditor;
pub use screenshot_picker::ScreenshotPicker;
pub use step_nav::StepNav;
pub use text_file_picker::TextFilePicker;
pub use upload_progress::UploadProgress;
pub use wizard_page::TicketWizardPage;

use wasm_bindgen::JsCast;

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
