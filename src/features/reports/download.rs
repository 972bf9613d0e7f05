//! A report's download as the page drives it: started for a period and a format, read chunk by
//! chunk with its bytes and rows counted, cancelled on demand (or when the page goes away), and
//! handed to the user as a file.

use std::rc::Rc;

use guichet_domain::balances::ReportQuery;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::model::{file_name, RowCounter};
use crate::api;
use crate::api::reports::{Abort, Stopped};
use crate::i18n::time::now;

/// How often the progress shown (and read out) changes while chunks arrive.
const PROGRESS_EVERY_MS: i64 = 1_000;

/// Where a download stands.
#[derive(Debug, Clone, PartialEq)]
pub enum DownloadState {
    /// Nothing asked yet.
    Idle,
    /// Asked for; what came so far (nothing until the server answers).
    Receiving { bytes: u64, rows: u64 },
    /// Handed to the browser as the file `name`.
    Saved { name: String, bytes: u64, rows: u64 },
    /// Received whole, but the browser refused to save it.
    Unsaved,
    /// Ended without a file.
    Stopped(Stopped),
}

/// The page's download: its state, and the way to stop the one under way.
#[derive(Clone, Copy)]
pub struct ReportDownload {
    pub state: RwSignal<DownloadState>,
    abort: StoredValue<Option<Rc<Abort>>, LocalStorage>,
}

impl ReportDownload {
    /// A download owned by the calling component: leaving the page stops it.
    pub fn new() -> Self {
        let download = ReportDownload {
            state: RwSignal::new(DownloadState::Idle),
            abort: StoredValue::new_local(None),
        };
        on_cleanup(move || download.cancel());
        download
    }

    /// A download is under way.
    pub fn running(&self) -> Signal<bool> {
        let state = self.state;
        Signal::derive(move || state.with(|s| matches!(s, DownloadState::Receiving { .. })))
    }

    /// Downloads the report `query` asks for, then saves it (ignored while one is under way).
    pub fn start(&self, query: ReportQuery) {
        if self.running().get_untracked() {
            return;
        }
        let (state, slot) = (self.state, self.abort);
        let abort = Rc::new(Abort::new());
        slot.set_value(Some(abort.clone()));
        state.set(DownloadState::Receiving { bytes: 0, rows: 0 });
        spawn_local(async move {
            let mut counter = RowCounter::default();
            let mut shown_at = now().timestamp_millis();
            let received = api::reports::transactions(&query, &abort, |chunk| {
                counter.feed(chunk);
                let at = now().timestamp_millis();
                if at - shown_at >= PROGRESS_EVERY_MS {
                    shown_at = at;
                    state.try_set(DownloadState::Receiving {
                        bytes: counter.bytes(),
                        rows: counter.rows(),
                    });
                }
            })
            .await;
            // A cancelled download leaves nothing to stop.
            let _ = slot.try_update_value(|a| *a = None);
            let end = match received {
                Ok(report) => {
                    let name = file_name(query.from, query.until);
                    if report.save(&name, "text/csv;charset=utf-8") {
                        DownloadState::Saved {
                            name,
                            bytes: counter.bytes(),
                            rows: counter.rows(),
                        }
                    } else {
                        DownloadState::Unsaved
                    }
                }
                Err(stopped) => DownloadState::Stopped(stopped),
            };
            state.try_set(end);
        });
    }

    /// Forgets how the last download ended (a new one was asked for and refused), unless one
    /// is under way.
    pub fn forget(&self) {
        if !self.running().get_untracked() {
            self.state.set(DownloadState::Idle);
        }
    }

    /// Stops the download under way, if any.
    pub fn cancel(&self) {
        if let Some(Some(abort)) = self.abort.try_get_value() {
            abort.abort();
        }
    }
}

impl Default for ReportDownload {
    fn default() -> Self {
        Self::new()
    }
}
