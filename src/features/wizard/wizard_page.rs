use guichet_domain::tickets::Field;
use guichet_domain::{Permission, UserId};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

use super::drafts;
use super::model::{Draft, Step};
use super::prefill::Prefill;
use super::state::WizardState;
use super::{CategoryStep, DetailsStep, EvidenceStep, ReviewStep};
use crate::components::{Button, ButtonKind, Guarded, PageHeading};
use crate::i18n::{t, text, tr};
use crate::state::session::use_session;

/// `/tickets/new`: the merchant's drafts, or with `?draft=ID` the wizard on that draft, or with
/// `?category=…` and fields a new draft filled from the link (`prefill.rs` says the format).
#[component]
pub fn TicketWizardPage() -> impl IntoView {
    view! { <Guarded needs=&[Permission::TicketsCreate]><Drafts/></Guarded> }
}

#[component]
fn Drafts() -> impl IntoView {
    // The page is guarded: someone is signed in.
    let Some(user_id) = use_session().me_untracked().map(|me| me.user.id) else {
        return ().into_any();
    };
    let query = use_query_map();
    let draft_id = Memo::new(move |_| query.read().get("draft"));
    // A link that fills a new ticket in is read once, as the page opens (never with `?draft=`):
    // its draft is started and opened in its place, and its values are handed to that draft's
    // wizard here, in memory, so that only what the engine cleaned of them is ever stored.
    let link = StoredValue::new(started_from_link(&user_id));
    if let Some((id, _)) = link.with_value(Clone::clone) {
        let navigate = use_navigate();
        Effect::new(move |_| {
            navigate(
                &format!("/tickets/new?draft={id}"),
                NavigateOptions {
                    replace: true,
                    ..Default::default()
                },
            )
        });
    }
    view! {
        <section class="gu-page gu-wizard">
            <PageHeading text=text("wizard.title")/>
            {move || {
                let user_id = user_id.clone();
                match draft_id.get().and_then(|id| drafts::load(&user_id, &id)) {
                    Some(draft) => {
                        let prefill = link
                            .try_update_value(|l| l.take_if(|(id, _)| *id == draft.id))
                            .flatten()
                            .map(|(_, prefill)| prefill);
                        view! { <Wizard draft user_id prefill/> }.into_any()
                    }
                    // On its way to the draft it started.
                    None if link.with_value(Option::is_some) => ().into_any(),
                    None => view! { <DraftList user_id/> }.into_any(),
                }
            }}
        </section>
    }
    .into_any()
}

/// The draft a link in the page's address starts (saved, without the link's values) and what
/// the link fills in; `None` when the address holds no such link.
fn started_from_link(user_id: &UserId) -> Option<(String, Prefill)> {
    let search = web_sys::window()?.location().search().ok()?;
    let prefill = Prefill::from_search(&search, chrono::Utc::now())?;
    let draft = prefill.draft(
        uuid::Uuid::new_v4().to_string(),
        uuid::Uuid::new_v4().to_string(),
        chrono::Utc::now().to_rfc3339(),
    );
    // The draft is opened from storage: without it, the wizard opens as without a link.
    drafts::save(user_id, &draft).ok()?;
    Some((draft.id, prefill))
}

/// The drafts kept in this browser, to resume or discard, and a way to start afresh; with no
/// draft, a new one at once.
#[component]
fn DraftList(user_id: UserId) -> impl IntoView {
    let navigate = use_navigate();
    let user = StoredValue::new(user_id);
    let list = RwSignal::new(user.with_value(drafts::load_all));
    let start = Callback::new(move |replace: bool| {
        let now = chrono::Utc::now().to_rfc3339();
        let draft = Draft::new(
            uuid::Uuid::new_v4().to_string(),
            uuid::Uuid::new_v4().to_string(),
            now,
        );
        // Without storage the wizard still works; it just cannot survive a reload.
        let _ = user.with_value(|u| drafts::save(u, &draft));
        navigate(
            &format!("/tickets/new?draft={}", draft.id),
            NavigateOptions {
                replace,
                ..Default::default()
            },
        );
    });
    // Nothing to resume: the wizard opens at once, without a click (and without this empty
    // step in the history).
    if list.with_untracked(Vec::is_empty) {
        Effect::new(move |_| start.run(true));
    }
    view! {
        <p>{move || t("wizard.intro")}</p>
        <Button on_click=Callback::new(move |_| start.run(false))>{move || t("wizard.start")}</Button>
        <Show when=move || !list.with(Vec::is_empty)>
            <section class="gu-card gu-drafts" aria-labelledby="gu-drafts-title">
                <h2 id="gu-drafts-title" class="gu-card__title">{move || t("wizard.drafts")}</h2>
                <ul class="gu-items">
                    <For
                        each=move || list.get()
                        key=|d| (d.id.clone(), d.updated_at.clone())
                        let:draft
                    >
                        {
                            let id = draft.id.clone();
                            let title = if draft.title().trim().is_empty() {
                                t("wizard.untitled")
                            } else {
                                draft.title().to_owned()
                            };
                            let resume_label = tr("wizard.resume", &[("title", &title)]);
                            let discard_label = tr("wizard.discard", &[("title", &title)]);
                            let when = crate::i18n::time::format_stored(&draft.updated_at);
                            let discard = Callback::new(move |_| {
                                user.with_value(|u| drafts::discard(u, &id));
                                list.set(user.with_value(drafts::load_all));
                            });
                            view! {
                                <li class="gu-items__item">
                                    <span class="gu-items__name">{title}</span>
                                    <span class="gu-items__meta">{when}</span>
                                    <A
                                        href=format!("/tickets/new?draft={}", draft.id)
                                        attr:aria-label=resume_label
                                    >
                                        {move || t("wizard.resume_short")}
                                    </A>
                                    <Button kind=ButtonKind::Quiet on_click=discard aria_label=discard_label>
                                        {move || t("wizard.discard_short")}
                                    </Button>
                                </li>
                            }
                        }
                    </For>
                </ul>
            </section>
        </Show>
    }
}

/// The four steps over one draft; `prefill`, what the link that started it fills in.
#[component]
fn Wizard(draft: Draft, user_id: UserId, prefill: Option<Prefill>) -> impl IntoView {
    let state = WizardState::new(draft, user_id);
    if let Some(prefill) = prefill {
        let subject = prefill.subject(&t("wizard.subject.invoice"));
        state.fill(
            prefill
                .fields
                .into_iter()
                .chain(subject.map(|s| (Field::Subject, s))),
        );
    }
    let step = Memo::new(move |_| state.draft.with(|d| d.step));
    let heading = NodeRef::<leptos::html::H2>::new();
    // Opening the wizard (a draft resumed or a new one started) and moving between steps move
    // focus to the step's heading, as a page change would.
    Effect::new(move |previous: Option<Step>| {
        let now = step.get();
        if previous.is_none_or(|p| p != now) {
            if let Some(h) = heading.get() {
                crate::components::focus_after_layout(h);
            }
        }
        now
    });
    view! {
        <ol class="gu-steps" aria-label=move || t("wizard.steps")>
            {Step::ALL
                .into_iter()
                .map(|s| {
                    view! {
                        <li
                            class="gu-steps__item"
                            class=("gu-steps__item--current", move || step.get() == s)
                            class=("gu-steps__item--done", move || step.get() > s)
                            aria-current=move || (step.get() == s).then_some("step")
                        >
                            {move || tr("wizard.step_n", &[("n", &s.number().to_string()), ("name", &t(s.label_key()))])}
                        </li>
                    }
                })
                .collect_view()}
        </ol>
        <h2 class="gu-wizard__step-title" tabindex="-1" node_ref=heading>
            {move || t(step.get().label_key())}
        </h2>
        <Show when=move || state.engine_missing.get()>
            <p class="gu-notice gu-notice--warning" role="alert">{move || t("wizard.engine_missing")}</p>
        </Show>
        <Show when=move || state.saved.with(Result::is_err)>
            <p class="gu-notice gu-notice--warning" role="status">{move || t("wizard.not_saved")}</p>
        </Show>
        // Shown on every step: a draft resumes where it was left, often at the review.
        <For each=move || state.lost.get() key=|n| n.clone() let:name>
            <p class="gu-notice gu-notice--warning" role="status">
                {move || tr("wizard.file_lost", &[("name", &name)])}
            </p>
        </For>
        {move || match step.get() {
            Step::Category => view! { <CategoryStep state/> }.into_any(),
            Step::Details => view! { <DetailsStep state/> }.into_any(),
            Step::Evidence => view! { <EvidenceStep state/> }.into_any(),
            Step::Review => view! { <ReviewStep state/> }.into_any(),
        }}
    }
}
