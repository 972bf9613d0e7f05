//! Which tickets a list shows: the filters as typed, and the request they make.

use guichet_domain::api::Page;
use guichet_domain::tickets::{Category, Status, TicketFilter, TicketSort, TicketSummary, Urgency};
use guichet_domain::OrgId;

use crate::api::ApiError;

/// The text of the search box as a filter: blank means no search.
pub fn search_term(input: &str) -> Option<String> {
    Some(input.trim().to_owned()).filter(|s| !s.is_empty())
}

/// A page of the tickets a list asks for (the first without `cursor`). The search box goes into
/// the query string (which servers and proxies log), so a secret pasted there is redacted first;
/// it could not match anything stored, which is redacted as well. `page` is the asking page:
/// gone by the time the engine answers (the user signed out meanwhile), it asks nothing.
pub async fn list_tickets(
    mut filter: TicketFilter,
    cursor: Option<String>,
    page: leptos::prelude::StoredValue<()>,
) -> Result<Page<TicketSummary>, ApiError> {
    if let Some(q) = filter.q.take() {
        filter.q = search_term(&crate::redactor::sendable(&q).await?);
        if leptos::prelude::IsDisposed::is_disposed(&page) {
            return Ok(Page {
                items: Vec::new(),
                next_cursor: None,
            });
        }
    }
    crate::api::tickets::list(&filter, cursor.as_deref()).await
}

/// The filter selects and the search box as typed; an empty value means "all".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FilterForm {
    pub status: String,
    pub urgency: String,
    pub category: String,
    pub merchant: String,
    /// An engineer's id, or [`UNASSIGNED`].
    pub assignee: String,
    /// Only what the desk has not answered yet.
    pub unanswered: bool,
    pub q: String,
    /// The order a column header asked for; none: the list's default.
    pub sort: Option<TicketSort>,
}

/// The assignee filter's value for tickets nobody has taken (the server's `none`).
pub const UNASSIGNED: &str = "none";

impl FilterForm {
    /// The query for `GET /tickets`. Unknown values are dropped rather than sent.
    pub fn to_filter(&self) -> TicketFilter {
        let given = |s: &str| Some(s.trim().to_owned()).filter(|s| !s.is_empty());
        TicketFilter {
            status: Status::parse(&self.status),
            urgency: Urgency::parse(&self.urgency),
            category: Category::parse(&self.category),
            merchant_id: given(&self.merchant).map(OrgId::from),
            assignee_id: given(&self.assignee),
            unanswered: self.unanswered.then_some(true),
            q: search_term(&self.q),
            sort: self.sort,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_blank_search_is_no_search() {
        assert_eq!(search_term("  "), None);
        assert_eq!(search_term(" top-up "), Some("top-up".into()));
    }

    #[test]
    fn the_form_becomes_a_query() {
        assert_eq!(FilterForm::default().to_filter(), TicketFilter::default());
        let form = FilterForm {
            status: "waiting_on_merchant".into(),
            urgency: "critical".into(),
            category: "ipn_problem".into(),
            merchant: "org-1".into(),
            assignee: UNASSIGNED.into(),
            unanswered: true,
            q: " airtime ".into(),
            sort: Some(TicketSort::Urgency),
        };
        let f = form.to_filter();
        assert_eq!(f.status, Some(Status::WaitingOnMerchant));
        assert_eq!(f.urgency, Some(Urgency::Critical));
        assert_eq!(f.category, Some(Category::IpnProblem));
        assert_eq!(f.merchant_id, Some("org-1".into()));
        assert_eq!(f.assignee_id.as_deref(), Some("none"));
        assert_eq!(f.unanswered, Some(true));
        assert_eq!(f.q.as_deref(), Some("airtime"));
        assert_eq!(f.sort, Some(TicketSort::Urgency));
        let odd = FilterForm {
            status: "lost".into(),
            ..FilterForm::default()
        };
        assert_eq!(odd.to_filter().status, None);
    }
}
