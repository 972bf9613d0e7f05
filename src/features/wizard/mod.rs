//! The ticket wizard: category, details, evidence, review, submit; drafts kept in the browser
//! (redacted text only) so that nothing typed is lost.

pub mod api_key_field;
pub mod category_step;
pub mod details_step;
pub mod drafts;
pub mod evidence_step;
pub mod file_store;
pub mod model;
pub mod prefill;
pub mod review_step;
pub mod state;
pub mod step_nav;
pub mod texts;
pub mod wizard_page;

pub use api_key_field::ApiKeyField;
pub use category_step::CategoryStep;
pub use details_step::DetailsStep;
pub use evidence_step::EvidenceStep;
pub use review_step::ReviewStep;
pub use step_nav::StepNav;
pub use wizard_page::TicketWizardPage;
