//! Blobs in an S3-compatible object store (AWS S3, MinIO, Ceph RGW, Garage, the Swedish
//! clouds) through the `object_store` crate: uploads go up from the received file in parts
//! (multipart for anything larger than one part), downloads stream down, and the server-side
//! encryption the bucket should apply is settable.

use std::path::PathBuf;
use std::sync::Arc;

use futures_util::{StreamExt, TryStreamExt};
use object_store::aws::{AmazonS3, AmazonS3Builder, AmazonS3ConfigKey};
use object_store::path::Path;
use object_store::{ObjectStore, ObjectStoreExt, PutPayload, WriteMultipart};
use tokio::io::AsyncReadExt;

use super::{BlobStore, BlobStream, BoxFuture, Upload, valid_key};
use crate::config::S3Settings;

/// Bytes per part of a multipart upload (S3's minimum part is 5 MiB).
const PART_BYTES: usize = 5 * 1024 * 1024;
/// Parts of one upload in flight at once (so one upload holds at most this many parts).
const PARTS_IN_FLIGHT: usize = 2;

/// Why the object store could not be set up.
#[derive(Debug, thiserror::Error)]
#[error("the S3 object store cannot be used: {0}")]
pub struct S3SetupError(String);

impl S3SetupError {
    /// The bucket did not answer.
    pub fn unreachable(bucket: Option<&str>, error: &std::io::Error) -> Self {
        Self(format!(
            "bucket {} does not answer: {error}",
            bucket.unwrap_or_default()
        ))
    }
}

/// A bucket (and an optional key prefix) in an S3-compatible store.
#[derive(Debug, Clone)]
pub struct S3Store {
    store: Arc<AmazonS3>,
    prefix: String,
    incoming: PathBuf,
}

impl S3Store {
    /// The store the settings name; uploads are received into `incoming` before they go up.
    pub fn new(settings: &S3Settings, incoming: PathBuf) -> Result<Self, S3SetupError> {
        let bucket = settings
            .bucket
            .as_deref()
            .filter(|bucket| !bucket.is_empty())
            .ok_or_else(|| S3SetupError("APP__STORAGE__S3__BUCKET is not set".into()))?;
        let mut builder = AmazonS3Builder::new()
            .with_bucket_name(bucket)
            .with_region(&settings.region)
            .with_virtual_hosted_style_request(!settings.path_style)
            // A few quick retries: a citizen's request waits for them, so never minutes.
            .with_retry(object_store::RetryConfig {
                max_retries: 3,
                retry_timeout: std::time::Duration::from_secs(15),
                ..object_store::RetryConfig::default()
            })
            .with_client_options(
                object_store::ClientOptions::new()
                    .with_connect_timeout(std::time::Duration::from_secs(5))
                    // Covers the whole body: a large download to a slow phone takes long.
                    .with_timeout(std::time::Duration::from_secs(3600)),
            );
        if let Some(endpoint) = settings.endpoint.as_deref() {
            builder = builder
                .with_endpoint(endpoint)
                .with_allow_http(endpoint.starts_with("http://"));
        }
        if let (Some(id), Some(secret)) = (
            settings.access_key_id.as_deref(),
            settings.secret_access_key.as_deref(),
        ) {
            builder = builder
                .with_access_key_id(id)
                .with_secret_access_key(secret);
        }
        for (name, value) in [
            (
                "aws_server_side_encryption",
                settings.server_side_encryption.as_deref(),
            ),
            ("aws_sse_kms_key_id", settings.kms_key_id.as_deref()),
        ] {
            if let Some(value) = value {
                let key: AmazonS3ConfigKey = name
                    .parse()
                    .map_err(|error: object_store::Error| S3SetupError(error.to_string()))?;
                builder = builder.with_config(key, value);
            }
        }
        let store = builder
            .build()
            .map_err(|error| S3SetupError(error.to_string()))?;
        std::fs::create_dir_all(&incoming).map_err(|error| {
            S3SetupError(format!("cannot create {}: {error}", incoming.display()))
        })?;
        Ok(Self {
            store: Arc::new(store),
            prefix: settings.prefix.trim_matches('/').to_owned(),
            incoming,
        })
    }

    fn path(&self, key: &str) -> std::io::Result<Path> {
        valid_key(key)?;
        Ok(if self.prefix.is_empty() {
            Path::from(key)
        } else {
            Path::from(format!("{}/{key}", self.prefix))
        })
    }

    /// The object under `key` (or the part `options` ask for) as a stream of chunks.
    async fn stream(
        &self,
        key: &str,
        options: object_store::GetOptions,
    ) -> std::io::Result<BlobStream> {
        let path = self.path(key)?;
        let stream = self
            .store
            .get_opts(&path, options)
            .await?
            .into_stream()
            .map_err(std::io::Error::from);
        Ok(Box::pin(stream))
    }

    /// Checks that the bucket answers (at start-up): a listing of at most one key.
    pub async fn check(&self) -> std::io::Result<()> {
        let prefix = (!self.prefix.is_empty()).then(|| Path::from(self.prefix.as_str()));
        let mut listing = self.store.list(prefix.as_ref());
        match listing.next().await {
            Some(Err(error)) => Err(error.into()),
            _ => Ok(()),
        }
    }
}

impl BlobStore for S3Store {
    fn put<'a>(&'a self, key: &'a str, data: Vec<u8>) -> BoxFuture<'a, std::io::Result<()>> {
        Box::pin(async move {
            let path = self.path(key)?;
            self.store.put(&path, PutPayload::from(data)).await?;
            Ok(())
        })
    }

    fn put_file<'a>(
        &'a self,
        key: &'a str,
        upload: &'a Upload,
    ) -> BoxFuture<'a, std::io::Result<()>> {
        Box::pin(async move {
            let path = self.path(key)?;
            let mut file = tokio::fs::File::open(upload.path()).await?;
            if upload.size <= PART_BYTES as u64 {
                let mut data = Vec::with_capacity(usize::try_from(upload.size).unwrap_or(0));
                file.read_to_end(&mut data).await?;
                self.store.put(&path, PutPayload::from(data)).await?;
                return Ok(());
            }
            let parts = self.store.put_multipart(&path).await?;
            let mut writer = WriteMultipart::new_with_chunk_size(parts, PART_BYTES);
            let mut buffer = vec![0; super::CHUNK_BYTES];
            loop {
                let read = match file.read(&mut buffer).await {
                    Ok(read) => read,
                    Err(error) => {
                        let _ = writer.abort().await;
                        return Err(error);
                    }
                };
                if read == 0 {
                    break;
                }
                if let Err(error) = writer.wait_for_capacity(PARTS_IN_FLIGHT).await {
                    let _ = writer.abort().await;
                    return Err(error.into());
                }
                writer.write(&buffer[..read]);
            }
            writer.finish().await?;
            Ok(())
        })
    }

    fn get<'a>(&'a self, key: &'a str) -> BoxFuture<'a, std::io::Result<Vec<u8>>> {
        Box::pin(async move {
            let path = self.path(key)?;
            let data = self.store.get(&path).await?.bytes().await?;
            Ok(data.to_vec())
        })
    }

    fn open<'a>(&'a self, key: &'a str) -> BoxFuture<'a, std::io::Result<BlobStream>> {
        Box::pin(self.stream(key, object_store::GetOptions::default()))
    }

    fn open_range<'a>(
        &'a self,
        key: &'a str,
        start: u64,
        length: u64,
    ) -> BoxFuture<'a, std::io::Result<BlobStream>> {
        let options = object_store::GetOptions {
            range: Some(object_store::GetRange::Bounded(start..start + length)),
            ..object_store::GetOptions::default()
        };
        Box::pin(self.stream(key, options))
    }

    fn incoming_dir(&self) -> PathBuf {
        self.incoming.clone()
    }

    fn delete<'a>(&'a self, key: &'a str) -> BoxFuture<'a, std::io::Result<()>> {
        Box::pin(async move {
            let path = self.path(key)?;
            match self.store.delete(&path).await {
                Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
                Err(error) => Err(error.into()),
            }
        })
    }
}
