use leptos::prelude::*;

use super::decision_dialog::{DecisionDialog, Subject};
use super::model::{decision_key, Decide};
use crate::components::{Button, ButtonKind};
use crate::i18n::{t, tr};

/// The decisions a viewer may make on a payout or an account, each a button named after what it
/// acts on (« Approve the payout of €1.00 to Compte SGCI »), opening its dialog.
#[component]
pub fn DecisionButtons(
    /// The payout or the account.
    subject: Subject,
    /// The decisions offered, in order.
    offers: Vec<Decide>,
    /// What the buttons act on, for their accessible names.
    name: String,
) -> impl IntoView {
    let open = RwSignal::new(None::<Decide>);
    let prefix = subject.prefix();
    let name = StoredValue::new(name);
    let buttons = offers
        .into_iter()
        .map(|decide| {
            let kind = match decide {
                Decide::Approve => ButtonKind::Primary,
                Decide::Reject => ButtonKind::Danger,
                Decide::Cancel => ButtonKind::Secondary,
            };
            let label = Signal::derive(move || {
                name.with_value(|n| tr(&decision_key(prefix, decide, "label"), &[("name", n)]))
            });
            view! {
                <Button kind aria_label=label on_click=move |_| open.set(Some(decide))>
                    {move || t(&decision_key(prefix, decide, "button"))}
                </Button>
            }
        })
        .collect_view();
    let close = Callback::new(move |()| open.set(None));
    view! {
        <div class="gu-actions gu-decisions">{buttons}</div>
        {move || open.get().map(|decide| view! { <DecisionDialog subject=subject.clone() decide on_close=close/> })}
    }
}
