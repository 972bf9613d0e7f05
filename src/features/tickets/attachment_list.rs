use guichet_domain::tickets::Attachment;
use leptos::prelude::*;

use crate::api;
use crate::i18n::human_size;
use crate::i18n::tr;
use crate::state::locale::use_locale;

/// Download links for attachments, with their sizes. The files were redacted or re-encoded
/// before they were stored.
#[component]
pub fn AttachmentList(
    /// The files.
    attachments: Vec<Attachment>,
    /// Extra classes.
    #[prop(optional, into)]
    class: MaybeProp<String>,
) -> impl IntoView {
    let locale = use_locale();
    view! {
        <ul class=move || crate::components::classes("gu-attachments", class.get())>
            {attachments
                .into_iter()
                .map(|a| {
                    let size = a.size;
                    let name = a.name.clone();
                    view! {
                        <li class="gu-attachments__item">
                            <a href=api::tickets::attachment_url(&a.id) download=a.name.clone()>
                                {move || tr("ticket.attachment.download", &[("name", &name)])}
                            </a>
                            <span class="gu-attachments__size">
                                {move || human_size(size, locale.get())}
                            </span>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}
