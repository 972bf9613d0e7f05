use guichet_domain::tickets::{Field, TicketDetail};
use leptos::prelude::*;

use super::attachment_list::AttachmentList;
use crate::i18n::labels::{field_name, field_value};
use crate::i18n::t;

/// What the merchant filed, folded under its title: every field with its name, and the attached
/// files.
#[component]
pub fn TicketFields(
    /// The ticket.
    #[prop(into)]
    detail: Signal<TicketDetail>,
    /// Shown unfolded (folded, only the title shows).
    #[prop(into)]
    open: Signal<bool>,
    /// Extra classes.
    #[prop(optional, into)]
    class: MaybeProp<String>,
) -> impl IntoView {
    view! {
        <details
            class=move || crate::components::classes("gu-ticket-section gu-fold", class.get())
            prop:open=open
        >
            <summary><h2>{move || t("ticket.fields")}</h2></summary>
            {move || {
                let d = detail.get();
                // The subject is the page's heading already.
                let fields: Vec<(Field, String)> = d
                    .fields
                    .into_iter()
                    .filter(|(f, v)| *f != Field::Subject && !v.trim().is_empty())
                    .collect();
                let attachments = d.attachments;
                view! {
                    <dl class="gu-ticket-fields">
                        {fields
                            .into_iter()
                            .map(|(field, value)| view! {
                                <div class="gu-ticket-fields__item">
                                    <dt class="gu-ticket-fields__name">{move || field_name(field)}</dt>
                                    <dd class="gu-ticket-fields__value">
                                        {field_value(field, &value)}
                                    </dd>
                                </div>
                            })
                            .collect_view()}
                    </dl>
                    {(!attachments.is_empty()).then(|| view! {
                        <h3>{move || t("ticket.attachments")}</h3>
                        <AttachmentList attachments/>
                    })}
                }
            }}
        </details>
    }
}
