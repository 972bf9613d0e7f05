//! Support tickets as the merchant follows them ("My tickets") and the ticket page the merchant
//! and the desk share. Filing a ticket is the wizard's, elsewhere.

pub mod attachment_list;
pub mod conversation;
pub mod follow_up_form;
pub mod model;
pub mod rating_form;
pub mod reply_form;
pub mod ticket_fields;
pub mod ticket_header;
pub mod ticket_history;
pub mod ticket_page;
pub mod tickets_page;

pub use ticket_page::TicketPage;
pub use tickets_page::TicketsPage;
