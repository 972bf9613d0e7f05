//! Sending attached files, one at a time, with a progress bar: the wizard's submit and a reply
//! on the ticket page share it.

use leptos::prelude::*;

use crate::api::{self, ApiError};
use crate::i18n::tr;

/// An upload under way: which file, and the fraction sent.
#[derive(Debug, Clone, PartialEq)]
pub struct Upload {
    pub name: String,
    pub sent: f64,
}

/// Uploads one file, showing its progress in `shown` while it goes; the attachment's id.
pub async fn upload_shown(
    shown: RwSignal<Option<Upload>>,
    name: &str,
    media_type: &str,
    bytes: &[u8],
) -> Result<String, ApiError> {
    let label = name.to_owned();
    shown.set(Some(Upload {
        name: label.clone(),
        sent: 0.0,
    }));
    let result = api::tickets::upload(name, media_type, bytes, move |sent| {
        shown.try_set(Some(Upload {
            name: label.clone(),
            sent,
        }));
    })
    .await;
    shown.try_set(None);
    Ok(result?.id)
}

/// The upload under way, if any, as a labelled progress bar.
#[component]
pub fn UploadProgress(
    /// The upload, as `upload_shown` reports it.
    upload: RwSignal<Option<Upload>>,
) -> impl IntoView {
    let id = crate::components::unique_id("upload");
    move || {
        upload.get().map(|u| {
            let id = id.clone();
            view! {
                <p class="gu-upload" role="status">
                    <label for=id.clone()>{tr("wizard.uploading", &[("name", &u.name)])}</label>
                    <progress id=id max="1" value=u.sent></progress>
                </p>
            }
        })
    }
}
