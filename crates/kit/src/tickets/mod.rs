//! Ticket lists as the merchant's "My tickets" and the provider's desk both show them: the
//! filters, the table, and the SLA clock of each row and of a ticket's header.

mod filter;
#[cfg(any(test, feature = "fixtures"))]
pub mod fixtures;
mod new_ticket;
pub mod sla;
mod sla_badge;
mod ticket_filters;
mod ticket_list;
mod ticket_table;

pub use filter::{list_tickets, search_term, FilterForm, UNASSIGNED};
pub use new_ticket::new_ticket_path;
pub use sla_badge::SlaBadge;
pub use ticket_filters::{FilterSignals, TicketFilters};
pub use ticket_list::TicketList;
pub use ticket_table::TicketTable;
