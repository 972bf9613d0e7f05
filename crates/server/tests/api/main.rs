//! The API tests: one binary, one fresh database per test, the router called without a socket.

mod audit;
mod auth;
mod body_limits;
mod errors;
mod helpers;
mod idempotency;
mod mail;
mod openapi;
mod permissions;
mod security;
mod static_files;
mod tickets;
mod users;
