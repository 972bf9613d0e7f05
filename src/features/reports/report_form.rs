use leptos::prelude::*;

use crate::components::{Button, ButtonKind, SelectField, TextField, Words};
use crate::i18n::time::zone_name;
use crate::i18n::{t, text, tr};
use crate::state::form_feedback::{field_error, FormFeedback};
use crate::state::locale::use_locale;

/// What the report is asked for: the period's first and last days, the CSV's dialect, and the
/// two things to do with them, download the report (the form's action) or check the period.
/// What is typed stays whatever the browser or the server refuses.
#[component]
pub fn ReportForm(
    /// The first day, as the date input holds it (ISO).
    from: RwSignal<String>,
    /// The last day.
    until: RwSignal<String>,
    /// `csv` or `csv_fr`.
    format: RwSignal<String>,
    /// The organisation's zone, whose days the period counts.
    time_zone: String,
    /// The refusals to show by their fields.
    feedback: FormFeedback,
    /// A download is under way.
    #[prop(into)]
    busy: Signal<bool>,
    /// Download the report.
    on_download: Callback<()>,
    /// Check the period's books.
    on_check: Callback<()>,
) -> impl IntoView {
    let locale = use_locale();
    let errors = feedback.errors;
    let hint = move || {
        let zone = zone_name(&time_zone, locale.get().tag());
        tr("reports.period.hint", &[("zone", &zone)])
    };
    let formats = Signal::derive(|| {
        ["csv", "csv_fr"]
            .into_iter()
            .map(|f| (f.to_owned(), t(&format!("reports.format.{f}"))))
            .collect::<Vec<_>>()
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        on_download.run(());
    };
    view! {
        <form class="gu-report-form" novalidate=true on:submit=submit>
            <fieldset class="gu-report-form__period">
                <legend class="gu-field__label"><Words text=text("reports.period")/></legend>
                <p class="gu-field__hint">{hint}</p>
                <div class="gu-report-form__days">
                    <TextField label=text("reports.from") name="from" input_type="date" value=from error=field_error(errors, "from") required=true/>
                    <TextField label=text("reports.until") name="until" input_type="date" value=until error=field_error(errors, "until") required=true/>
                </div>
            </fieldset>
            <SelectField label=text("reports.format") name="format" value=format options=formats disabled=busy/>
            <div class="gu-actions">
                <Button button_type="submit" busy><Words text=text("reports.download")/></Button>
                <Button kind=ButtonKind::Secondary on_click=move |_| on_check.run(())>
                    <Words text=text("reports.check")/>
                </Button>
            </div>
        </form>
    }
}
