use guichet_domain::api::User;
use leptos::prelude::*;

use crate::api;
use crate::components::{Button, ButtonKind, ErrorPanel};
use crate::i18n::{t, tr};
use crate::state::submit::use_submit;

/// Deactivates or reactivates a user, after an explicit confirmation.
#[component]
pub fn StatusToggle(
    /// The user concerned.
    user: User,
    /// Called after the change was saved.
    on_changed: Callback<()>,
) -> impl IntoView {
    let confirming = RwSignal::new(false);
    let active = user.active;
    let id = user.id.clone();
    let name = user.name.clone();

    let toggle = use_submit(
        move |(): (), key| {
            let id = id.clone();
            async move {
                if active {
                    api::users::deactivate(&id, &key).await
                } else {
                    api::users::reactivate(&id, &key).await
                }
            }
        },
        move |saved: User| {
            confirming.set(false);
            on_changed.run(());
            let args = [("name", saved.name.as_str())];
            Some(if saved.active {
                tr("users.reactivated", &args)
            } else {
                tr("users.deactivated", &args)
            })
        },
    );
    let failure = toggle.feedback.failure;
    let busy = toggle.pending();
    let question_name = name.clone();

    view! {
        <div class="gu-status-toggle">
            <Show
                when=move || confirming.get()
                fallback=move || view! {
                    <Button
                        kind=if active { ButtonKind::Danger } else { ButtonKind::Secondary }
                        on_click=Callback::new(move |_| {
                            toggle.feedback.clear();
                            confirming.set(true);
                        })
                    >
                        {move || if active { t("users.deactivate") } else { t("users.reactivate") }}
                    </Button>
                }
            >
                <div class="gu-confirm" role="group">
                    <p class="gu-confirm__question">
                        {
                            let n = question_name.clone();
                            move || {
                                if active {
                                    tr("users.confirm_deactivate", &[("name", &n)])
                                } else {
                                    tr("users.confirm_reactivate", &[("name", &n)])
                                }
                            }
                        }
                    </p>
                    <div class="gu-actions">
                        <Button
                            kind=if active { ButtonKind::Danger } else { ButtonKind::Primary }
                            busy=busy
                            on_click=Callback::new(move |_| toggle.send(Ok(())))
                        >
                            {move || if active { t("users.confirm_deactivate_button") } else { t("users.confirm_reactivate_button") }}
                        </Button>
                        <Button
                            kind=ButtonKind::Secondary
                            disabled=busy
                            on_click=Callback::new(move |_| confirming.set(false))
                        >
                            {move || t("common.cancel")}
                        </Button>
                    </div>
                </div>
            </Show>
            {move || failure.get().map(|error| view! { <ErrorPanel error/> })}
        </div>
    }
}
