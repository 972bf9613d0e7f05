use guichet_domain::FieldErrors;
use leptos::prelude::*;

use crate::components::TextField;
use crate::i18n::text;
use crate::state::form_feedback::field_error;

/// A new password, typed twice, with the rule beside it: the password page's and the mailed
/// link's.
#[component]
pub fn NewPasswordFields(
    new: RwSignal<String>,
    confirm: RwSignal<String>,
    /// The form's field errors (`new_password`, `confirm_password`).
    errors: RwSignal<FieldErrors>,
) -> impl IntoView {
    view! {
        <TextField
            label=text("password.new")
            name="new_password"
            input_type="password"
            autocomplete="new-password"
            hint=text("password.new_hint")
            value=new
            required=true
            error=field_error(errors, "new_password")
        />
        <TextField
            label=text("password.confirm")
            name="confirm_password"
            input_type="password"
            autocomplete="new-password"
            value=confirm
            required=true
            error=field_error(errors, "confirm_password")
        />
    }
}
