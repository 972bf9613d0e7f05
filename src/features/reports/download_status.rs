use leptos::html;
use leptos::prelude::*;

use super::download::{DownloadState, ReportDownload};
use crate::api::reports::Stopped;
use crate::components::{focus_after_layout, Button, ButtonKind, CopyButton, ErrorPanel, Words};
use crate::i18n::{human_size, t, text, tr, trn};
use crate::state::locale::use_locale;

/// Where the download stands, in a polite live region that is always there: what came so far
/// (bytes and rows, in the user's language) with the way to cancel, then the file handed over,
/// or why there is none. A refusal or a failure shows its request id.
#[component]
pub fn DownloadStatus(
    /// The page's download.
    download: ReportDownload,
) -> impl IntoView {
    let locale = use_locale();
    let region = NodeRef::<html::Div>::new();
    let state = download.state;
    let running = download.running();
    // Cancelled, the button that had the focus is gone: the news takes it.
    let cancel = move |_| {
        download.cancel();
        if let Some(el) = region.get_untracked() {
            focus_after_layout(el);
        }
    };
    let news = move || {
        let size = |bytes: u64| human_size(bytes, locale.get());
        let rows = |n: u64| usize::try_from(n).unwrap_or(usize::MAX);
        match state.get() {
            DownloadState::Idle => None,
            DownloadState::Receiving { bytes: 0, .. } => Some(t("reports.download.starting")),
            DownloadState::Receiving { bytes, rows: n } => Some(trn(
                "reports.download.receiving",
                rows(n),
                &[("size", &size(bytes))],
            )),
            DownloadState::Saved {
                name,
                bytes,
                rows: n,
            } => Some(trn(
                "reports.download.saved",
                rows(n),
                &[("name", &name), ("size", &size(bytes))],
            )),
            DownloadState::Unsaved => Some(t("reports.download.unsaved")),
            DownloadState::Stopped(Stopped::Cancelled) => Some(t("reports.download.cancelled")),
            DownloadState::Stopped(_) => None,
        }
    };
    let failure = move || match state.get() {
        DownloadState::Stopped(Stopped::Failed(error)) => {
            Some(view! { <ErrorPanel error/> }.into_any())
        }
        DownloadState::Stopped(Stopped::Interrupted { request_id }) => {
            Some(view! { <Interrupted request_id/> }.into_any())
        }
        _ => None,
    };
    view! {
        <div class="gu-report-download" node_ref=region tabindex="-1" role="status" aria-atomic="true">
            {move || news().map(|news| view! {
                <p class="gu-report-download__news">{news}</p>
            })}
        </div>
        <Show when=move || running.get()>
            <Button kind=ButtonKind::Secondary on_click=cancel class="gu-report-download__cancel">
                <Words text=text("reports.download.cancel")/>
            </Button>
        </Show>
        {failure}
    }
}

/// The report stopped after it began: nothing saved, and the request id support traces.
#[component]
fn Interrupted(request_id: Option<String>) -> impl IntoView {
    view! {
        <div class="gu-error-panel" role="alert">
            <p class="gu-error-panel__message"><Words text=text("reports.download.interrupted")/></p>
            {request_id.map(|id| {
                let copied = id.clone();
                view! {
                    <p class="gu-error-panel__request-id">
                        <span>{move || tr("error.request_id", &[("id", &id)])}</span>
                        <CopyButton value=Signal::derive(move || copied.clone()) label=text("error.copy_request_id")/>
                    </p>
                }
            })}
        </div>
    }
}
