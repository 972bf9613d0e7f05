//! The OpenAPI document, generated from the same Rust types the server and the app use, so "any
//! REST backend" has a precise contract. Rules common to many operations (errors, CSRF,
//! idempotency, the session cookie) are added once, by [`Contract`], rather than per handler.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use axum::http::Method;
use axum::Json;
use guichet_domain::paths::headers::{CSRF_TOKEN, IDEMPOTENCY_KEY};
use guichet_domain::{paths, ApiErrorBody};
use utoipa::openapi::path::{Operation, Parameter, ParameterIn};
use utoipa::openapi::schema::AdditionalProperties;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::{
    Content, Object, OpenApi as Document, Ref, RefOr, Required, Response, Schema, Type,
};
use utoipa::{Modify, OpenApi};

use crate::auth::session::COOKIE;
use crate::request_body::BodyLimit;
use crate::routes;

const DESCRIPTION: &str = "\
The contract between Guichet's web app and any server implementing it.

* JSON everywhere, `snake_case`, ids are opaque strings, times RFC 3339 UTC, money \
`{ \"amount_minor\": 150000, \"currency\": \"XOF\" }` in minor units.
* Every non-2xx response is the envelope `ApiErrorBody`: `{ \"error\": { \"code\", \"message\", \
\"fields\", \"request_id\" } }`. Branch on `code`, never on `message`. The values in `fields` \
are stable message keys such as `error.required`, `error.email` or `error.email_taken`, which \
the app translates; keys of `fields` are request field names (for a body of the wrong shape, \
serde's path to the offending value, e.g. `roles[0]`).
* A body is one JSON value, with nothing but white space after it (else 400 `bad_request`); \
well-formed JSON of the wrong shape is 422. Text, in a body or a query, holds no control \
character but tab, line feed and carriage return: NUL, escape or DEL is refused with 422 and \
`error.control_character` under the key that holds the text (a ticket's field by its name).
* Every response carries `x-request-id` (a UUID; a UUID sent by the client is kept) and the \
envelope's `request_id` repeats it: quote it to support.
* Sessions: `POST /auth/login` sets the `guichet_session` cookie (HttpOnly, SameSite=Strict, \
12 hours). Every mutation made with a session must send `X-CSRF-Token` equal to `Me.csrf_token` \
(else 403 `csrf_failed`). While `must_change_password` is true, everything except `GET /me`, \
`POST /me/password`, `PUT /me/language` and `POST /auth/logout` answers 403 \
`password_change_required`.
* Each operation that takes a body reads at most the bytes its 413 response states (JSON: \
the largest ticket); a larger body is 413 `payload_too_large`, refused at once when its \
`Content-Length` says so. A body that does not arrive whole in the server's time is 408 \
`request_timeout`.
* Mutations accept an `Idempotency-Key` header (up to 255 characters, kept 24 hours per user): \
a replay of the same request returns the first answer with `idempotent-replayed: true` and does \
not act again; the same key on a different request is 422 `idempotency_key_reused`; while the \
first is still running, 409 `idempotency_in_progress`.
* Each operation names the permissions that grant it, as the scopes of its `session` \
requirement: any one of them, the one that applies depending on the caller's organisation \
(a merchant's `tickets.read`, the provider desk's `desk.read`). Lacking it is 403 `forbidden`.
* The merchant API's operations take an API key instead of a session, `Authorization: Bearer \
<key>` (the `api_key` requirement, whose scopes are the key's permissions, `Api.…`): no key or \
one that does not work (unknown, revoked, expired, past its overlap once rolled) is 401 \
`unauthenticated`; a key without the permission is 403 `forbidden`, its message naming it.";

/// What the document says besides its operations, which `routes::operations` adds.
#[derive(OpenApi)]
#[openapi(
    info(title = "Guichet API", description = DESCRIPTION, license(name = "MIT OR Apache-2.0")),
    components(schemas(ApiErrorBody)),
    tags(
        (name = "system", description = "Health and this document."),
        (name = "session", description = "Signing in and out, the current user."),
        (name = "users", description = "Users and roles of the caller's organisation."),
        (name = "audit", description = "Who did what, when."),
        (name = "tickets", description = "Support tickets: filing, the conversation, rating and follow-up."),
        (name = "desk", description = "The provider's support desk: triage, assignment, status, figures."),
        (name = "payments", description = "Purchases, and refunds under the four-eyes principle, executed by the payment operator."),
        (name = "developers", description = "API keys: created with chosen permissions, shown once, rolled and revoked; the key a request presents."),
        (name = "balances", description = "A merchant's accounts and its daily settlements, line by line."),
        (name = "payouts", description = "Payouts from the main account and the accounts they go to, under the four-eyes principle."),
    )
)]
struct ApiDoc;

/// The document's information, tags and shared schemas, before the operations are added.
pub fn base() -> Document {
    ApiDoc::openapi()
}

/// The whole document: every operation of `routes::operations`, under `paths::PREFIX`, with
/// the rules they share ([`Contract`]). Made once.
pub fn document() -> &'static Document {
    static DOCUMENT: OnceLock<Document> = OnceLock::new();
    DOCUMENT.get_or_init(|| {
        let (_, mut doc) = routes::operations().split_for_parts();
        doc.paths.paths = std::mem::take(&mut doc.paths.paths)
            .into_iter()
            .map(|(path, item)| (format!("{}{path}", paths::PREFIX), item))
            .collect();
        Contract.modify(&mut doc);
        doc
    })
}

/// This document. No session needed.
#[utoipa::path(get, path = paths::OPENAPI, operation_id = "openapi", tag = "system",
    responses((status = 200, description = "The OpenAPI 3 document.", content_type = "application/json")))]
pub async fn serve() -> Json<&'static Document> {
    Json(document())
}

/// The document as committed in `crates/server/openapi.json`: pretty, keys in a stable order.
pub fn to_pretty_json() -> String {
    let value = serde_json::to_value(document()).unwrap_or_default();
    let mut s = serde_json::to_string_pretty(&value).unwrap_or_default();
    s.push('\n');
    s
}

const SESSION_SCHEME: &str = "session";
const API_KEY_SCHEME: &str = "api_key";

struct Contract;

impl Modify for Contract {
    fn modify(&self, doc: &mut Document) {
        let components = doc.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            SESSION_SCHEME,
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::with_description(
                COOKIE,
                "Set by POST /auth/login; HttpOnly, SameSite=Strict.",
            ))),
        );
        components.add_security_scheme(
            API_KEY_SCHEME,
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some(
                        "A merchant's API key (`stest_…`, `sprod_…`), created under /api-keys.",
                    ))
                    .build(),
            ),
        );
        name_field_errors(components);
        state_limits(components);
        for (path, item) in doc.paths.paths.iter_mut() {
            let relative = path.strip_prefix(paths::PREFIX).unwrap_or(path);
            let ops = [
                (Method::GET, item.get.as_mut()),
                (Method::POST, item.post.as_mut()),
                (Method::PUT, item.put.as_mut()),
                (Method::PATCH, item.patch.as_mut()),
                (Method::DELETE, item.delete.as_mut()),
            ];
            for (method, op) in ops {
                if let Some(op) = op {
                    add_common(op, path, &method, routes::body_limit(&method, relative));
                }
            }
        }
    }
}

/// `FieldErrors` is a type alias, which utoipa can only name after its target (`BTreeMap`): give
/// it its contract name.
fn name_field_errors(components: &mut utoipa::openapi::Components) {
    let Some(mut schema) = components.schemas.remove("BTreeMap") else {
        return;
    };
    if let RefOr::T(Schema::Object(map)) = &mut schema {
        map.description =
            Some("Message keys (`error.*`) the app translates, per request field name.".to_owned());
    }
    components.schemas.insert(FIELD_ERRORS.to_owned(), schema);
    if let Some(RefOr::T(Schema::Object(detail))) = components.schemas.get_mut("ErrorDetail") {
        if let Some(fields) = detail.properties.get_mut("fields") {
            *fields = Ref::from_schema_name(FIELD_ERRORS).into();
        }
    }
}

const FIELD_ERRORS: &str = "FieldErrors";

/// The limits the server enforces on request bodies, stated in their schemas from the same
/// constants its checks use (utoipa's attributes take literals only, which would be the rules
/// written twice). Lengths count characters, as the checks do; free texts are trimmed first.
fn state_limits(components: &mut utoipa::openapi::Components) {
    use guichet_domain::tickets::{MAX_ATTACHMENTS, MESSAGE_MAX_CHARS, RATINGS, TEXT_MAX_CHARS};
    use guichet_domain::validate::{NAME_MAX_CHARS, PASSWORD_MIN_CHARS};
    use Limit::{Items, Text};
    // `validate::Email`: one `@`, a local part, a dotted domain, no spaces.
    const EMAIL: &str = r"^\s*[^@\s]+@[^@\s.][^@\s]*\.[^@\s]*[^@\s.]\s*$";
    let rating = Limit::Range(u64::from(*RATINGS.start()), u64::from(*RATINGS.end()));
    for (schema, name, limit) in [
        ("CreateUserRequest", "email", Limit::Pattern(EMAIL)),
        ("CreateUserRequest", "name", Text(NAME_MAX_CHARS, true)),
        ("CreateUserRequest", "roles", Items(1, None)),
        ("SetRolesRequest", "roles", Items(1, None)),
        (
            "ChangePasswordRequest",
            "new_password",
            Limit::MinLength(PASSWORD_MIN_CHARS),
        ),
        ("NewMessage", "body", Text(MESSAGE_MAX_CHARS, true)),
        (
            "NewMessage",
            "attachment_ids",
            Items(0, Some(MAX_ATTACHMENTS)),
        ),
        (
            "NewTicket",
            "attachment_ids",
            Items(0, Some(MAX_ATTACHMENTS)),
        ),
        // Each field has its own limit (`GET /tickets/fields`); none is longer than this.
        ("NewTicket", "fields", Limit::Values(TEXT_MAX_CHARS)),
        ("Triage", "reason", Text(MESSAGE_MAX_CHARS, true)),
        ("FollowUp", "reason", Text(MESSAGE_MAX_CHARS, true)),
        ("Feedback", "comment", Text(MESSAGE_MAX_CHARS, false)),
        ("Feedback", "rating", rating),
    ] {
        let property = match components.schemas.get_mut(schema) {
            Some(RefOr::T(Schema::Object(object))) => object.properties.get_mut(name),
            _ => None,
        };
        let Some(RefOr::T(property)) = property else {
            panic!("no {schema}.{name} to state a limit on");
        };
        limit.state(property);
    }
}

/// One rule of a request body's property, in JSON Schema's words.
enum Limit {
    /// At most this many characters, and when required, one that is not white space.
    Text(usize, bool),
    MinLength(usize),
    Pattern(&'static str),
    /// From this many items, and at most that many.
    Items(usize, Option<usize>),
    /// A whole number within these bounds.
    Range(u64, u64),
    /// A map whose texts have at most this many characters.
    Values(usize),
}

impl Limit {
    fn state(self, property: &mut Schema) {
        match (self, property) {
            (Limit::Text(max, required), Schema::Object(o)) => {
                o.max_length = Some(max);
                if required {
                    o.pattern = Some(r"\S".to_owned());
                }
            }
            (Limit::MinLength(min), Schema::Object(o)) => o.min_length = Some(min),
            (Limit::Pattern(pattern), Schema::Object(o)) => o.pattern = Some(pattern.to_owned()),
            (Limit::Items(min, max), Schema::Array(a)) => {
                a.min_items = Some(min);
                a.max_items = max;
            }
            (Limit::Range(min, max), Schema::Object(o)) => {
                o.minimum = Some(min.into());
                o.maximum = Some(max.into());
            }
            (Limit::Values(max), Schema::Object(o)) => {
                let mut value = Object::with_type(Type::String);
                value.max_length = Some(max);
                o.additional_properties = Some(Box::new(AdditionalProperties::RefOr(RefOr::T(
                    Schema::Object(value),
                ))));
            }
            _ => panic!("a limit that does not fit its property's type"),
        }
    }
}

fn add_common(op: &mut Operation, path: &str, method: &Method, body_limit: BodyLimit) {
    let mutating = method != Method::GET;
    let has_body = op.request_body.is_some();
    let has_query = op
        .parameters
        .iter()
        .flatten()
        .any(|p| p.parameter_in == ParameterIn::Query);
    // Why each status may come, gathered first: several rules may answer the same status.
    let mut why: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    let mut add = |status, reason: &str| why.entry(status).or_default().push(reason.to_owned());
    let requirements = serde_json::to_value(&op.security)
        .ok()
        .and_then(|v| v.as_array().cloned())
        .unwrap_or_default();
    let by = |scheme: &str| requirements.iter().any(|req| req.get(scheme).is_some());
    let (by_key, by_session) = (by(API_KEY_SCHEME), by(SESSION_SCHEME));
    if by_session {
        add("401", "`unauthenticated`: no valid session");
        add(
            "403",
            "`forbidden` (lacking the permission) or `password_change_required`",
        );
    }
    if by_key {
        add(
            "401",
            "`unauthenticated`: no API key (`Authorization: Bearer`), or one that does not work",
        );
        add(
            "403",
            "`forbidden`: the key lacks the permission, which the message names",
        );
    }
    if path.contains('{') {
        add(
            "400",
            "`bad_request`: a path segment that is not valid percent-encoding",
        );
        add(
            "404",
            "`not_found`: nothing with this id that the caller may see",
        );
    }
    if has_query {
        add("400", "`bad_request`: a query value of the wrong type");
        add(
            "422",
            "`validation_failed`: a query value out of its range or holding a control character (see `fields`)",
        );
    }
    if has_body {
        add("400", "`bad_request`: the body is not one JSON value");
        add(
            "408",
            "`request_timeout`: the body did not arrive whole in time",
        );
        add(
            "413",
            &format!(
                "`payload_too_large`: this operation reads at most {} bytes of body",
                body_limit.0
            ),
        );
        add(
            "415",
            "`unsupported_media_type`: send `Content-Type: application/json`",
        );
        add("422", "`validation_failed` (see `fields`)");
    }
    if mutating && by_session {
        add("400", "`bad_request`: a malformed `Idempotency-Key`");
        add("403", "`csrf_failed`: `X-CSRF-Token` missing or wrong");
        add(
            "409",
            "`idempotency_in_progress`, or `conflict` with the current state",
        );
        add(
            "422",
            "`idempotency_key_reused`: the key was used for a different request",
        );
        let params = op.parameters.get_or_insert_with(Vec::new);
        params.push(header(
            CSRF_TOKEN,
            Required::True,
            "`Me.csrf_token` of the session.",
        ));
        let required = op
            .operation_id
            .as_deref()
            .is_some_and(|id| IDEMPOTENCY_REQUIRED.contains(&id));
        params.push(idempotency_key_header(required));
    }
    add("500", "`internal`: quote the request id to support");
    for (status, reasons) in why {
        error(op, status, &format!("{}.", reasons.join("; ")));
    }
}

/// The `Idempotency-Key` header, with the shape the server accepts
/// (`guichet_domain::validate::is_idempotency_key`).
fn idempotency_key_header(required: bool) -> Parameter {
    let (required, what) = if required {
        (Required::True, "Required (400 without)")
    } else {
        (Required::False, "Optional")
    };
    let mut schema = Object::with_type(Type::String);
    schema.min_length = Some(1);
    schema.max_length = Some(guichet_domain::validate::IDEMPOTENCY_KEY_MAX);
    schema.pattern = Some("^[!-~]+$".to_owned());
    Parameter::builder()
        .name(IDEMPOTENCY_KEY)
        .parameter_in(ParameterIn::Header)
        .required(required)
        .description(Some(format!(
            "{what}: 1 to {} visible ASCII characters (a UUID will do); a replay with the same \
             key returns the first answer (24 hours).",
            guichet_domain::validate::IDEMPOTENCY_KEY_MAX
        )))
        .schema(Some(schema))
        .build()
}

/// Operations that refuse to run without an `Idempotency-Key`: those a retry must never repeat.
const IDEMPOTENCY_REQUIRED: [&str; 1] = ["create_ticket"];

/// Adds an error response unless the operation already describes that status more precisely.
fn error(op: &mut Operation, status: &str, description: &str) {
    op.responses
        .responses
        .entry(status.to_owned())
        .or_insert_with(|| {
            Response::builder()
                .description(description)
                .content(
                    "application/json",
                    Content::new(Some(Ref::from_schema_name("ApiErrorBody"))),
                )
                .build()
                .into()
        });
}

fn header(name: &str, required: Required, description: &str) -> Parameter {
    Parameter::builder()
        .name(name)
        .parameter_in(ParameterIn::Header)
        .required(required)
        .description(Some(description))
        .schema(Some(Object::with_type(Type::String)))
        .build()
}
