//! Where attachment contents live. The embedded default is a folder; the trait is the seam for
//! an S3-compatible object store in a multi-node installation (where a shared folder or an
//! object store is required, since any node may serve the download).

use std::future::Future;
use std::path::PathBuf;
use std::pin::Pin;

/// A boxed future, so the store can be used as `dyn BlobStore`.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// Stores blobs under keys chosen by the server (random ids, never user input).
pub trait BlobStore: Send + Sync + std::fmt::Debug {
    /// Stores `data` under `key`.
    fn put<'a>(&'a self, key: &'a str, data: Vec<u8>) -> BoxFuture<'a, std::io::Result<()>>;
    /// Reads the blob under `key`.
    fn get<'a>(&'a self, key: &'a str) -> BoxFuture<'a, std::io::Result<Vec<u8>>>;
    /// Removes the blob under `key` (missing is fine).
    fn delete<'a>(&'a self, key: &'a str) -> BoxFuture<'a, std::io::Result<()>>;
}

/// Blobs as files in one folder.
#[derive(Debug, Clone)]
pub struct FilesystemStore {
    root: PathBuf,
}

impl FilesystemStore {
    /// A store in `root` (created when missing).
    pub fn new(root: PathBuf) -> std::io::Result<Self> {
        std::fs::create_dir_all(&root)?;
        Ok(Self { root })
    }

    fn path(&self, key: &str) -> std::io::Result<PathBuf> {
        // Keys are server-made UUIDs; refuse anything else rather than trust it as a path.
        if key.is_empty() || !key.chars().all(|c| c.is_ascii_hexdigit() || c == '-') {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                "invalid blob key",
            ));
        }
        Ok(self.root.join(key))
    }
}

impl BlobStore for FilesystemStore {
    fn put<'a>(&'a self, key: &'a str, data: Vec<u8>) -> BoxFuture<'a, std::io::Result<()>> {
        Box::pin(async move {
            let path = self.path(key)?;
            let temporary = path.with_extension("part");
            tokio::fs::write(&temporary, data).await?;
            tokio::fs::rename(&temporary, &path).await
        })
    }

    fn get<'a>(&'a self, key: &'a str) -> BoxFuture<'a, std::io::Result<Vec<u8>>> {
        Box::pin(async move { tokio::fs::read(self.path(key)?).await })
    }

    fn delete<'a>(&'a self, key: &'a str) -> BoxFuture<'a, std::io::Result<()>> {
        Box::pin(async move {
            match tokio::fs::remove_file(self.path(key)?).await {
                Err(error) if error.kind() != std::io::ErrorKind::NotFound => Err(error),
                _ => Ok(()),
            }
        })
    }
}

/// The type of a file from its first bytes, for the types e-services accept. The name and the
/// client's `Content-Type` are never trusted.
pub fn sniff_content_type(data: &[u8]) -> Option<&'static str> {
    if data.starts_with(b"%PDF-") {
        Some("application/pdf")
    } else if data.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else if data.starts_with(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]) {
        Some("image/png")
    } else if data.len() >= 12
        && &data[4..8] == b"ftyp"
        && matches!(
            &data[8..12],
            b"heic" | b"heix" | b"mif1" | b"msf1" | b"heim" | b"heis"
        )
    {
        Some("image/heic")
    } else {
        None
    }
}

/// A display name from a client-given file name: no folders, no control characters, at most
/// 255 characters. Only ever shown; storage uses the random id.
pub fn clean_file_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let cleaned: String = base
        .chars()
        .filter(|c| !c.is_control())
        .take(255)
        .collect::<String>()
        .trim()
        .trim_start_matches('.')
        .to_owned();
    if cleaned.is_empty() {
        "fil".to_owned()
    } else {
        cleaned
    }
}

/// Reads an upload body, stopping as soon as it passes `limit_bytes` (413).
pub async fn read_limited(
    mut payload: actix_web::web::Payload,
    limit_bytes: u64,
) -> Result<Vec<u8>, crate::error::ApiError> {
    use futures_util::StreamExt;
    let limit = usize::try_from(limit_bytes).unwrap_or(usize::MAX);
    let mut data = Vec::new();
    while let Some(chunk) = payload.next().await {
        let chunk = chunk.map_err(|error| crate::error::ApiError::BadRequest {
            code: crate::error::ErrorCode::UploadInterrupted,
            detail: format!("The upload could not be read: {error}"),
            detail_sv: "Filen kunde inte tas emot. Försök igen.".into(),
        })?;
        if data.len() + chunk.len() > limit {
            return Err(crate::error::ApiError::PayloadTooLarge { limit_bytes });
        }
        data.extend_from_slice(&chunk);
    }
    Ok(data)
}

/// A file download: always as an attachment (never shown inline), with its sniffed type.
pub fn download_response(
    data: Vec<u8>,
    file_name: &str,
    content_type: &str,
) -> actix_web::HttpResponse {
    use actix_web::http::header::{
        self, Charset, ContentDisposition, DispositionParam, DispositionType, ExtendedValue,
    };
    let disposition = ContentDisposition {
        disposition: DispositionType::Attachment,
        parameters: vec![DispositionParam::FilenameExt(ExtendedValue {
            charset: Charset::Ext("UTF-8".into()),
            language_tag: None,
            value: file_name.as_bytes().to_vec(),
        })],
    };
    actix_web::HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, content_type.to_owned()))
        .insert_header(disposition)
        .body(data)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_recognised_by_their_content() {
        assert_eq!(sniff_content_type(b"%PDF-1.7\n"), Some("application/pdf"));
        assert_eq!(
            sniff_content_type(&[0xFF, 0xD8, 0xFF, 0xE0]),
            Some("image/jpeg")
        );
        assert_eq!(
            sniff_content_type(b"\x89PNG\r\n\x1a\n...."),
            Some("image/png")
        );
        assert_eq!(
            sniff_content_type(b"\0\0\0\x18ftypheic...."),
            Some("image/heic")
        );
        // An executable or a zip named .pdf is neither.
        assert_eq!(sniff_content_type(b"MZ\x90\0"), None);
        assert_eq!(sniff_content_type(b"PK\x03\x04"), None);
    }

    #[test]
    fn a_file_name_cannot_climb_out_of_anything() {
        assert_eq!(clean_file_name("../../etc/passwd"), "passwd");
        assert_eq!(clean_file_name("C:\\Users\\a\\bild.jpg"), "bild.jpg");
        assert_eq!(clean_file_name("..\u{0}"), "fil");
        assert_eq!(clean_file_name(".hidden"), "hidden");
    }

    #[tokio::test]
    async fn the_filesystem_store_refuses_keys_that_are_not_ids() {
        let dir = tempfile::tempdir().unwrap();
        let store = FilesystemStore::new(dir.path().to_path_buf()).unwrap();
        assert!(store.put("../x", vec![1]).await.is_err());
        let key = uuid::Uuid::new_v4().to_string();
        store.put(&key, vec![1, 2, 3]).await.unwrap();
        assert_eq!(store.get(&key).await.unwrap(), vec![1, 2, 3]);
        store.delete(&key).await.unwrap();
        assert!(store.get(&key).await.is_err());
    }
}
