use guichet_domain::balances::ReportQuery;
use guichet_domain::Permission;
use leptos::prelude::*;

use super::download::{DownloadState, ReportDownload};
use super::download_status::DownloadStatus;
use super::model::{check_period, format_for, last_full_month, parse_format};
use super::reconciliation_check::ReconciliationCheck;
use super::report_form::ReportForm;
use crate::api::reports::Stopped;
use crate::components::{Guarded, PageHeading, Words};
use crate::i18n::text;
use crate::i18n::time::today_in;
use crate::state::form_feedback::FormFeedback;
use crate::state::locale::current_locale;
use crate::state::session::use_session;

/// « Rapports »: a period (the last full month unless chosen) and a CSV dialect; the period's
/// transactions downloaded with their progress and saved as a file, and the same period's
/// reconciliation. For whoever reads reports.
#[component]
pub fn ReportsPage() -> impl IntoView {
    view! { <Guarded needs=&[Permission::ReportsRead]><ReportsView/></Guarded> }
}

#[component]
fn ReportsView() -> impl IntoView {
    let time_zone = use_session().time_zone_untracked();
    let (first, last) = last_full_month(today_in(&time_zone));
    let from = RwSignal::new(first.to_string());
    let until = RwSignal::new(last.to_string());
    // The dialect a spreadsheet in the user's language opens as it is.
    let format = RwSignal::new(format_for(untrack(current_locale)).as_str().to_owned());
    let checked = RwSignal::new((first, last));
    let feedback = FormFeedback::new();
    let download = ReportDownload::new();

    // The period as typed, checked as the server checks it; refused, it stays as it was typed
    // with the reasons beside its fields.
    let period = move || {
        feedback.clear();
        match check_period(&from.get_untracked(), &until.get_untracked()) {
            // Checked afresh even when it is the same period: the books may have moved.
            Ok(period) => {
                checked.set(period);
                Some(period)
            }
            Err(fields) => {
                feedback.invalid(fields);
                None
            }
        }
    };
    let on_download = Callback::new(move |()| match period() {
        Some((from, until)) => download.start(ReportQuery {
            from,
            until,
            format: parse_format(&format.get_untracked()),
        }),
        // The file the last download gave is not the one asked for now.
        None => download.forget(),
    });
    let on_check = Callback::new(move |()| {
        period();
    });
    // The server's refusal names its fields too.
    Effect::new(move |_| {
        if let DownloadState::Stopped(Stopped::Failed(error)) = download.state.get() {
            feedback.errors.set(error.fields());
        }
    });
    view! {
        <section class="gu-page gu-reports">
            <div class="gu-page__head">
                <PageHeading text=text("reports.title")/>
            </div>
            <p class="gu-page__summary"><Words text=text("reports.intro")/></p>
            <div class="gu-reports__layout">
                <section class="gu-card gu-reports__download">
                    <h2 class="gu-card__title"><Words text=text("reports.form.title")/></h2>
                    <ReportForm from until format time_zone feedback busy=download.running() on_download on_check/>
                    <DownloadStatus download/>
                </section>
                <ReconciliationCheck period=checked.into()/>
            </div>
        </section>
    }
}
