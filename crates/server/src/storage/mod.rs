//! Where attachment contents live: a folder (the embedded default) or an S3-compatible object
//! store (`s3`, for several nodes: any node may serve the download).

pub mod download;
pub mod s3;

use std::future::Future;
use std::path::PathBuf;
use std::pin::Pin;

/// A boxed future, so the store can be used as `dyn BlobStore`.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// A blob's content as it is read, a chunk at a time.
pub type BlobStream =
    Pin<Box<dyn futures_util::Stream<Item = std::io::Result<actix_web::web::Bytes>> + Send>>;

/// How much of a file is read into memory at once, up and down.
const CHUNK_BYTES: usize = 64 * 1024;

/// Keys are server-made UUIDs; anything else is refused rather than trusted as a path.
fn valid_key(key: &str) -> std::io::Result<()> {
    if key.is_empty() || !key.chars().all(|c| c.is_ascii_hexdigit() || c == '-') {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "invalid blob key",
        ));
    }
    Ok(())
}

/// Stores blobs under keys chosen by the server (random ids, never user input).
pub trait BlobStore: Send + Sync + std::fmt::Debug {
    /// Stores `data` under `key`.
    fn put<'a>(&'a self, key: &'a str, data: Vec<u8>) -> BoxFuture<'a, std::io::Result<()>>;
    /// Stores the received file `upload` under `key`, without reading it into memory.
    fn put_file<'a>(
        &'a self,
        key: &'a str,
        upload: &'a Upload,
    ) -> BoxFuture<'a, std::io::Result<()>>;
    /// Reads the blob under `key`.
    fn get<'a>(&'a self, key: &'a str) -> BoxFuture<'a, std::io::Result<Vec<u8>>>;
    /// Opens the blob under `key` for streaming.
    fn open<'a>(&'a self, key: &'a str) -> BoxFuture<'a, std::io::Result<BlobStream>>;
    /// Opens `length` bytes of the blob under `key` from byte `start` for streaming.
    fn open_range<'a>(
        &'a self,
        key: &'a str,
        start: u64,
        length: u64,
    ) -> BoxFuture<'a, std::io::Result<BlobStream>>;
    /// A folder for uploads being received (on the same disk, so they move into place).
    fn incoming_dir(&self) -> PathBuf;
    /// Removes the blob under `key` (missing is fine).
    fn delete<'a>(&'a self, key: &'a str) -> BoxFuture<'a, std::io::Result<()>>;
}

/// The store the settings ask for; an S3 bucket must answer before the node starts.
pub async fn from_settings(
    settings: &crate::config::StorageSettings,
) -> Result<std::sync::Arc<dyn BlobStore>, crate::startup::StartupError> {
    use crate::config::StorageBackend;
    let folder_error = |source| crate::startup::StartupError::Storage {
        dir: settings.attachments_dir.display().to_string(),
        source,
    };
    match settings.backend {
        StorageBackend::Filesystem => Ok(std::sync::Arc::new(
            FilesystemStore::new(settings.attachments_dir.clone()).map_err(folder_error)?,
        )),
        StorageBackend::S3 => {
            let store = s3::S3Store::new(&settings.s3, settings.attachments_dir.join("incoming"))?;
            store.check().await.map_err(|error| {
                s3::S3SetupError::unreachable(settings.s3.bucket.as_deref(), &error)
            })?;
            Ok(std::sync::Arc::new(store))
        }
    }
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
        valid_key(key)?;
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

    fn put_file<'a>(
        &'a self,
        key: &'a str,
        upload: &'a Upload,
    ) -> BoxFuture<'a, std::io::Result<()>> {
        Box::pin(async move {
            let path = self.path(key)?;
            match tokio::fs::rename(upload.path(), &path).await {
                Ok(()) => Ok(()),
                // Another disk: copy, a chunk at a time.
                Err(_) => {
                    let temporary = path.with_extension("part");
                    tokio::fs::copy(upload.path(), &temporary).await?;
                    tokio::fs::rename(&temporary, &path).await
                }
            }
        })
    }

    fn get<'a>(&'a self, key: &'a str) -> BoxFuture<'a, std::io::Result<Vec<u8>>> {
        Box::pin(async move { tokio::fs::read(self.path(key)?).await })
    }

    fn open<'a>(&'a self, key: &'a str) -> BoxFuture<'a, std::io::Result<BlobStream>> {
        Box::pin(async move {
            let file = tokio::fs::File::open(self.path(key)?).await?;
            Ok(file_stream(file))
        })
    }

    fn open_range<'a>(
        &'a self,
        key: &'a str,
        start: u64,
        length: u64,
    ) -> BoxFuture<'a, std::io::Result<BlobStream>> {
        use tokio::io::{AsyncReadExt, AsyncSeekExt};
        Box::pin(async move {
            let mut file = tokio::fs::File::open(self.path(key)?).await?;
            file.seek(std::io::SeekFrom::Start(start)).await?;
            Ok(file_stream(file.take(length)))
        })
    }

    fn incoming_dir(&self) -> PathBuf {
        self.root.join("incoming")
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
    } else if is_heic(data) {
        Some("image/heic")
    } else {
        None
    }
}

/// The HEIC brands (HEVC-coded HEIF images and sequences).
const HEIC_BRANDS: [&[u8; 4]; 6] = [b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx"];

/// An ISO BMFF `ftyp` box whose major brand is a HEIC brand, or the generic HEIF brand
/// (`mif1`/`msf1`) with a HEIC brand among its compatible brands. Other HEIF files (AVIF, …)
/// are not HEIC images.
fn is_heic(data: &[u8]) -> bool {
    if data.len() < 16 || &data[4..8] != b"ftyp" {
        return false;
    }
    let box_size = u32::from_be_bytes([data[0], data[1], data[2], data[3]]) as usize;
    let end = box_size.clamp(16, data.len());
    let heic = |brand: &[u8]| HEIC_BRANDS.iter().any(|known| known.as_slice() == brand);
    let major = &data[8..12];
    if heic(major) {
        return true;
    }
    (major == b"mif1" || major == b"msf1") && data[16..end].chunks_exact(4).any(heic)
}

/// Invisible characters that change how text is shown: bidirectional overrides and isolates
/// (which make `gpj.exe` look like `exe.jpg`), zero-width characters, the byte order mark.
const fn is_format_character(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{061C}'
            | '\u{180E}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}'
            | '\u{FEFF}'
            | '\u{FFF9}'..='\u{FFFB}'
    )
}

/// A display name from a client-given file name: no folders, no control or invisible format
/// characters, at most 255 characters. Only ever shown; storage uses the random id.
pub fn clean_file_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let cleaned: String = base
        .chars()
        .filter(|c| !c.is_control() && !is_format_character(*c))
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

/// A file's content as a stream of chunks.
fn file_stream(file: impl tokio::io::AsyncRead + Unpin + Send + 'static) -> BlobStream {
    use tokio::io::AsyncReadExt;
    Box::pin(futures_util::stream::unfold(
        Some(file),
        |file| async move {
            let mut file = file?;
            let mut buffer = vec![0; CHUNK_BYTES];
            match file.read(&mut buffer).await {
                Ok(0) => None,
                Ok(read) => {
                    buffer.truncate(read);
                    Some((Ok(actix_web::web::Bytes::from(buffer)), Some(file)))
                }
                Err(error) => Some((Err(error), None)),
            }
        },
    ))
}

/// A received upload in a temporary file, with what was learnt while it streamed in. The file
/// is removed when this is dropped (a stored upload has been moved away by then).
#[derive(Debug)]
pub struct Upload {
    path: PathBuf,
    /// Bytes received.
    pub size: u64,
    /// SHA-256 (hex) of the content.
    pub sha256: String,
    /// The first bytes, for [`sniff_content_type`].
    pub head: Vec<u8>,
}

impl Upload {
    /// Where the content is.
    #[must_use]
    pub fn path(&self) -> &std::path::Path {
        &self.path
    }
}

impl Drop for Upload {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

/// Receives an upload body into a temporary file in `dir`, hashing it as it comes and stopping
/// as soon as it passes `limit_bytes` (413); at most one chunk is in memory at a time.
pub async fn receive(
    mut payload: actix_web::web::Payload,
    limit_bytes: u64,
    dir: &std::path::Path,
) -> Result<Upload, crate::error::ApiError> {
    use futures_util::StreamExt;
    use sha2::{Digest, Sha256};
    use tokio::io::AsyncWriteExt;
    tokio::fs::create_dir_all(dir)
        .await
        .map_err(crate::error::ApiError::internal)?;
    let mut upload = Upload {
        path: dir.join(format!("{}.upload", uuid::Uuid::new_v4())),
        size: 0,
        sha256: String::new(),
        head: Vec::new(),
    };
    let mut file = tokio::fs::File::create(&upload.path)
        .await
        .map_err(crate::error::ApiError::internal)?;
    let mut hasher = Sha256::new();
    while let Some(chunk) = payload.next().await {
        let chunk = chunk.map_err(|error| crate::error::ApiError::BadRequest {
            code: crate::error::ErrorCode::UploadInterrupted,
            detail: format!("The upload could not be read: {error}"),
            detail_sv: "Filen kunde inte tas emot. Försök igen.".into(),
        })?;
        upload.size += chunk.len() as u64;
        if upload.size > limit_bytes {
            return Err(crate::error::ApiError::PayloadTooLarge { limit_bytes });
        }
        if upload.head.len() < 64 {
            let take = (64 - upload.head.len()).min(chunk.len());
            upload.head.extend_from_slice(&chunk[..take]);
        }
        hasher.update(&chunk);
        file.write_all(&chunk)
            .await
            .map_err(crate::error::ApiError::internal)?;
    }
    file.flush()
        .await
        .map_err(crate::error::ApiError::internal)?;
    upload.sha256 = hex::encode(hasher.finalize());
    Ok(upload)
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
    fn only_heic_brands_pass_the_heic_check() {
        let ftyp = |major: &[u8; 4], compatible: &[&[u8; 4]]| {
            let size = 16 + 4 * compatible.len();
            let mut data = u32::try_from(size).unwrap().to_be_bytes().to_vec();
            data.extend_from_slice(b"ftyp");
            data.extend_from_slice(major);
            data.extend_from_slice(&[0, 0, 0, 0]);
            for brand in compatible {
                data.extend_from_slice(*brand);
            }
            data.extend_from_slice(b"....");
            data
        };
        assert_eq!(
            sniff_content_type(&ftyp(b"heic", &[b"mif1"])),
            Some("image/heic")
        );
        assert_eq!(
            sniff_content_type(&ftyp(b"mif1", &[b"mif1", b"heic"])),
            Some("image/heic")
        );
        // AVIF and other HEIF files, and MP4 video, are not HEIC.
        assert_eq!(sniff_content_type(&ftyp(b"avif", &[b"mif1"])), None);
        assert_eq!(
            sniff_content_type(&ftyp(b"mif1", &[b"mif1", b"avif"])),
            None
        );
        assert_eq!(sniff_content_type(&ftyp(b"isom", &[b"mp41"])), None);
        assert_eq!(sniff_content_type(b"\0\0\0\x18ftyp"), None);
    }

    #[test]
    fn invisible_characters_are_removed_from_file_names() {
        // "bild\u{202E}gpj.exe" shows as "bildexe.jpg".
        assert_eq!(clean_file_name("bild\u{202E}gpj.exe"), "bildgpj.exe");
        assert_eq!(clean_file_name("\u{FEFF}intyg\u{200B}.pdf"), "intyg.pdf");
        assert_eq!(clean_file_name("a\u{2066}b\u{2069}.png"), "ab.png");
        assert_eq!(clean_file_name("\u{202D}"), "fil");
        assert_eq!(clean_file_name("hål i gatan.jpg"), "hål i gatan.jpg");
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
