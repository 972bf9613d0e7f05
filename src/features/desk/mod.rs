//! The provider's support desk: the queue, the desk's controls on the shared ticket page,
//! and the figures with the notifications sent to requesters.

pub mod assignment;
pub mod desk_controls;
pub mod desk_page;
pub mod figures_page;
pub mod model;
pub mod outbox_list;
pub mod status_actions;
pub mod triage_form;

pub use desk_controls::DeskControls;
pub use desk_page::DeskPage;
pub use figures_page::FiguresPage;
