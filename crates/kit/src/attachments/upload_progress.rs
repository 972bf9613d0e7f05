//! Sending attached files, one at a time, with a progress bar: the wizard's submit and a reply
//! on the ticket page share it.

use guichet_domain::AttachmentId;
use leptos::prelude::*;

use super::DraftFile;
use super::Screenshot;
use crate::api::{self, ApiError};
use crate::i18n::tr;

/// Something attached: what it is sent as, and its id once sent.
pub trait Attachable {
    fn name(&self) -> &str;
    fn media_type(&self) -> &str;
    fn bytes(&self) -> &[u8];
    fn uploaded_id(&self) -> Option<&AttachmentId>;
}

impl Attachable for DraftFile {
    fn name(&self) -> &str {
        &self.name
    }
    fn media_type(&self) -> &str {
        "text/plain"
    }
    fn bytes(&self) -> &[u8] {
        self.text.as_bytes()
    }
    fn uploaded_id(&self) -> Option<&AttachmentId> {
        self.uploaded_id.as_ref()
    }
}

impl Attachable for Screenshot {
    fn name(&self) -> &str {
        &self.name
    }
    fn media_type(&self) -> &str {
        self.media_type
    }
    fn bytes(&self) -> &[u8] {
        &self.bytes
    }
    fn uploaded_id(&self) -> Option<&AttachmentId> {
        self.uploaded_id.as_ref()
    }
}

/// Uploads those of `items` not sent yet, in order, telling `sent` each new id with its index
/// as it comes, so that a retry sends only the rest; every item's id, in order.
pub async fn upload_missing<T: Attachable>(
    shown: RwSignal<Option<Upload>>,
    items: &[T],
    sent: impl Fn(usize, AttachmentId),
) -> Result<Vec<AttachmentId>, ApiError> {
    let mut ids = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let id = match item.uploaded_id() {
            Some(id) => id.clone(),
            None => {
                let id = upload_shown(shown, item.name(), item.media_type(), item.bytes()).await?;
                sent(i, id.clone());
                id
            }
        };
        ids.push(id);
    }
    Ok(ids)
}

/// An upload under way: which file, and the fraction sent.
#[derive(Debug, Clone, PartialEq)]
pub struct Upload {
    pub name: String,
    pub sent: f64,
}

/// Uploads one file, showing its progress in `shown` while it goes; the attachment's id.
async fn upload_shown(
    shown: RwSignal<Option<Upload>>,
    name: &str,
    media_type: &str,
    bytes: &[u8],
) -> Result<AttachmentId, ApiError> {
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
    /// The upload, as `upload_missing` reports it.
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
