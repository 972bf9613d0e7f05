use leptos::prelude::*;

use super::model::Step;
use super::state::WizardState;
use crate::components::{Button, ButtonKind};
use crate::i18n::t;

/// Back and Next under a step. Next runs the step's own checks (`on_next`) before moving on.
#[component]
pub fn StepNav(
    state: WizardState,
    /// Checks the step and moves on if it passes.
    on_next: Callback<()>,
) -> impl IntoView {
    let step = Memo::new(move |_| state.draft.with(|d| d.step));
    let back = Callback::new(move |_| state.update(|d| d.step = d.step.previous()));
    view! {
        <div class="gu-actions gu-wizard__nav">
            <Show when=move || step.get() != Step::Category>
                <Button kind=ButtonKind::Secondary on_click=back>{move || t("wizard.back")}</Button>
            </Show>
            <Button on_click=Callback::new(move |_| on_next.run(()))>{move || t("wizard.next")}</Button>
        </div>
    }
}
