//! The API tests: one binary, one fresh database per test, the router called without a socket
//! (but in `transport`, which serves it on a port to meet slow clients).

mod api_keys;
mod audit;
mod auth;
mod balances;
mod billing;
mod body_limits;
mod connectors;
mod errors;
mod helpers;
mod idempotency;
mod invoices;
mod mail;
mod openapi;
mod payments;
mod payout_faults;
mod payouts;
mod permissions;
mod processes;
mod refund_faults;
mod security;
mod static_files;
mod tickets;
mod transport;
mod users;
