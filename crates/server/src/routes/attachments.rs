//! Files for tickets and messages: uploaded first, then claimed by the request that files the
//! ticket or posts the message. Text is redacted again; images must come re-encoded by the
//! browser, without metadata.

use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use guichet_domain::paths;
use guichet_domain::tickets::{self, Attachment};
use guichet_domain::AttachmentId;
use guichet_domain::{OrgKind, Permission};
use serde::Deserialize;
use utoipa::IntoParams;

use super::tickets::visible;
use crate::auth::Session;
use crate::error::{ApiResult, AppError};
use crate::extract::{ApiBytes, ApiPath, ApiQuery};
use crate::request_body::BodyLimit;
use crate::scrub::{scrub, scrub_file_name};
use crate::state::AppState;
use crate::store::attachments;
use guichet_domain::messages;

/// The largest body this route reads: the largest file, and room for nothing else.
pub const BODY_LIMIT: BodyLimit = BodyLimit(tickets::TEXT_ATTACHMENT_MAX_BYTES + 1024);

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UploadQuery {
    /// The file's name as the user sees it.
    // Required, but parsed as optional so that a caller without the permission hears 403 first.
    #[param(required = true)]
    name: Option<String>,
}

/// Uploads one file, sent as the raw body: `text/plain` (UTF-8, up to 10 MiB; redacted again
/// here, as is the name) or `image/png` / `image/jpeg` (up to 5 MiB; refused if it carries EXIF or text
/// metadata). Permission: `tickets.create` (merchant) or `desk.work` (desk).
///
/// Field errors: `name`: `error.required`, `error.too_long`; `file`: `error.file_type`,
/// `error.file_too_large`, `error.not_utf8`, `error.image_metadata`.
#[utoipa::path(post, path = paths::ATTACHMENTS, operation_id = "upload_attachment", tag = "tickets",
    params(UploadQuery),
    request_body(content = Vec<u8>, description = "The file.", content_type = "text/plain"),
    responses((status = 201, description = "Stored, not yet attached.", body = Attachment)),
    security(("session" = ["tickets.create"]), ("session" = ["desk.work"])))]
pub async fn upload(
    State(state): State<AppState>,
    session: Session,
    ApiQuery(q): ApiQuery<UploadQuery>,
    headers: HeaderMap,
    ApiBytes(body): ApiBytes,
) -> ApiResult<(StatusCode, axum::Json<Attachment>)> {
    session.require(match session.org_kind {
        OrgKind::Merchant => Permission::TicketsCreate,
        OrgKind::Provider => Permission::DeskWork,
    })?;
    // The name is shown to the desk and offered back as a download name: a key pasted into it
    // is redacted like the content, and counted with it.
    let name = scrub_file_name(&file_name(q.name.as_deref().unwrap_or_default())?);
    let media_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .map(|v| v.trim().to_ascii_lowercase())
        .unwrap_or_default();
    let file_error = |key: &str| AppError::field("file", key);
    let (content, server_findings) = match media_type.as_str() {
        "text/plain" => {
            if body.len() > tickets::TEXT_ATTACHMENT_MAX_BYTES {
                return Err(file_error(messages::FILE_TOO_LARGE));
            }
            let text =
                String::from_utf8(body.to_vec()).map_err(|_| file_error(messages::NOT_UTF8))?;
            // Redacting 10 MiB takes a fraction of a second: off the async workers.
            let s = tokio::task::spawn_blocking(move || scrub(&text))
                .await
                .map_err(AppError::internal)?;
            (s.text.into_bytes(), s.findings)
        }
        "image/png" | "image/jpeg" => {
            if body.len() > tickets::IMAGE_ATTACHMENT_MAX_BYTES {
                return Err(file_error(messages::FILE_TOO_LARGE));
            }
            if carries_metadata(&media_type, &body) {
                return Err(file_error(messages::IMAGE_METADATA));
            }
            (body.to_vec(), 0)
        }
        _ => return Err(file_error(messages::FILE_TYPE)),
    };
    let mut conn = state.db.acquire().await?;
    let stored = attachments::insert(
        &mut conn,
        &attachments::NewAttachment {
            org_id: &session.org_id,
            uploader_id: &session.user.id,
            name: &name.text,
            media_type: &media_type,
            content: &content,
            server_findings: server_findings + name.findings,
        },
    )
    .await?;
    Ok((StatusCode::CREATED, axum::Json(stored)))
}

fn file_name(raw: &str) -> ApiResult<String> {
    // Only the last path segment, without control characters: the name is shown and offered
    // back as a download name.
    let name: String = raw
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or_default()
        .chars()
        .filter(|c| !c.is_control())
        .collect();
    let name = name.trim();
    if name.is_empty() {
        Err(AppError::field("name", messages::REQUIRED))
    } else if name.chars().count() > 200 {
        Err(AppError::field("name", messages::TOO_LONG))
    } else {
        Ok(name.to_owned())
    }
}

/// Whether an image still carries what a canvas re-encoding drops: EXIF (camera, GPS) or text
/// chunks. Also refuses what is not the image it claims to be.
fn carries_metadata(media_type: &str, bytes: &[u8]) -> bool {
    match media_type {
        "image/png" => png_metadata(bytes),
        _ => jpeg_metadata(bytes),
    }
}

fn png_metadata(bytes: &[u8]) -> bool {
    const SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";
    let Some(mut rest) = bytes.strip_prefix(SIGNATURE) else {
        return true;
    };
    while rest.len() >= 12 {
        let len = u32::from_be_bytes([rest[0], rest[1], rest[2], rest[3]]) as usize;
        let kind = &rest[4..8];
        if matches!(kind, b"eXIf" | b"tEXt" | b"iTXt" | b"zTXt") {
            return true;
        }
        if kind == b"IEND" {
            return false;
        }
        let Some(next) = rest.get(12 + len..) else {
            return true;
        };
        rest = next;
    }
    true
}

fn jpeg_metadata(bytes: &[u8]) -> bool {
    let Some(mut rest) = bytes.strip_prefix(b"\xff\xd8") else {
        return true;
    };
    // Markers up to the start of the scan; APP1 holds EXIF and XMP.
    while rest.len() >= 4 && rest[0] == 0xff {
        let marker = rest[1];
        if marker == 0xda {
            return false;
        }
        if marker == 0xe1 {
            return true;
        }
        let len = usize::from(u16::from_be_bytes([rest[2], rest[3]]));
        let Some(next) = rest.get(2 + len..) else {
            return true;
        };
        rest = next;
    }
    true
}

/// Downloads a file: the uploader, or anyone who may see the ticket it belongs to (internal
/// notes' files only for the desk).
#[utoipa::path(get, path = paths::attachment(&AttachmentId::from("{id}")), operation_id = "download_attachment", tag = "tickets",
    params(("id" = String, Path, description = "Attachment id")),
    responses(
        (status = 200, description = "The file, as an attachment download."),
        (status = 404, description = "`not_found`: no such file in your sight.", body = guichet_domain::ApiErrorBody),
    ),
    security(("session" = ["tickets.read"]), ("session" = ["desk.read"])))]
pub async fn download(
    State(state): State<AppState>,
    session: Session,
    ApiPath(id): ApiPath<AttachmentId>,
) -> ApiResult<Response> {
    let mut conn = state.db.acquire().await?;
    let file = attachments::get(&mut conn, &id)
        .await?
        .ok_or_else(AppError::not_found)?;
    if file.uploader_id != session.user.id {
        let ticket_id = file.ticket_id.as_ref().ok_or_else(AppError::not_found)?;
        visible(&mut conn, &session, ticket_id).await?;
        let desk = session.org_kind == OrgKind::Provider;
        if !desk && attachments::is_internal(&mut conn, &id).await? {
            return Err(AppError::not_found());
        }
    }
    let content_type = if file.media_type == "text/plain" {
        "text/plain; charset=utf-8".to_owned()
    } else {
        file.media_type.clone()
    };
    let ascii_name: String = file
        .name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || ".-_ ".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    let disposition = format!("attachment; filename=\"{ascii_name}\"");
    Ok((
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_str(&content_type).map_err(AppError::internal)?,
            ),
            (
                header::CONTENT_DISPOSITION,
                HeaderValue::from_str(&disposition).map_err(AppError::internal)?,
            ),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("private, no-store"),
            ),
        ],
        file.content,
    )
        .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn png_text_chunks_are_metadata() {
        let chunk = |kind: &[u8], data: &[u8]| {
            let mut c = (data.len() as u32).to_be_bytes().to_vec();
            c.extend_from_slice(kind);
            c.extend_from_slice(data);
            c.extend_from_slice(&[0; 4]);
            c
        };
        let mut clean = b"\x89PNG\r\n\x1a\n".to_vec();
        clean.extend(chunk(b"IHDR", &[0; 13]));
        clean.extend(chunk(b"IDAT", &[1, 2, 3]));
        let mut with_text = clean.clone();
        with_text.extend(chunk(b"tEXt", b"GPS\x0048.85,2.35"));
        clean.extend(chunk(b"IEND", &[]));
        with_text.extend(chunk(b"IEND", &[]));
        assert!(!png_metadata(&clean));
        assert!(png_metadata(&with_text));
        assert!(png_metadata(b"GIF89a"), "not a PNG");
    }

    #[test]
    fn jpeg_exif_is_metadata() {
        let jfif = b"\xff\xd8\xff\xe0\x00\x04ab\xff\xda\x00\x02";
        let exif = b"\xff\xd8\xff\xe1\x00\x06Exif\xff\xda\x00\x02";
        assert!(!jpeg_metadata(jfif));
        assert!(jpeg_metadata(exif));
    }

    #[test]
    fn file_names_lose_their_path() {
        assert_eq!(file_name("C:\\logs\\app.log").unwrap(), "app.log");
        assert_eq!(file_name("../../etc/passwd").unwrap(), "passwd");
        assert!(file_name("dir/").is_err());
    }
}
