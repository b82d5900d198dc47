//! File downloads with HTTP ranges (RFC 9110 §14): a single `Range` is answered 206 with only
//! those bytes, read from the store as a range (a seek on disk, a ranged GET on S3), so an
//! interrupted download resumes where it stopped. Several ranges, or a `Range` that does not
//! parse, get the whole file; a range past the end is 416. The strong `ETag` is the content's
//! SHA-256 (a file never changes), and `If-Range` with another validator gets the whole file.

use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpRequest, HttpResponse};

use super::BlobStore;
use crate::error::ApiError;

/// What a download sends.
#[derive(Debug, Clone, Copy)]
pub struct Download<'a> {
    /// The blob's key.
    pub key: &'a str,
    /// Its size in bytes.
    pub size: u64,
    /// Its SHA-256 (hex), the `ETag`.
    pub sha256: &'a str,
    /// The name to save it as.
    pub file_name: &'a str,
    /// Its sniffed type.
    pub content_type: &'a str,
}

/// The part of a file a request asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// All of it.
    Whole,
    /// Bytes `start..=end`.
    Range {
        /// First byte.
        start: u64,
        /// Last byte (inclusive).
        end: u64,
    },
    /// A range that starts past the end.
    Unsatisfiable,
}

/// The part `range` (a `Range` header's value) asks for of a file of `size` bytes.
pub fn part_of(range: Option<&str>, size: u64) -> Part {
    let Some(spec) = range.and_then(|value| value.trim().strip_prefix("bytes=")) else {
        return Part::Whole;
    };
    if spec.contains(',') {
        return Part::Whole;
    }
    let Some((first, last)) = spec.trim().split_once('-') else {
        return Part::Whole;
    };
    let number = |text: &str| {
        (!text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()))
            .then(|| text.parse::<u64>().ok())
            .flatten()
    };
    match (first.trim(), last.trim()) {
        ("", suffix) => match number(suffix) {
            Some(0) => Part::Unsatisfiable,
            Some(_) if size == 0 => Part::Unsatisfiable,
            Some(length) => Part::Range {
                start: size.saturating_sub(length),
                end: size - 1,
            },
            None => Part::Whole,
        },
        (start, end) => {
            let Some(start) = number(start) else {
                return Part::Whole;
            };
            let end = if end.is_empty() {
                u64::MAX
            } else {
                match number(end) {
                    Some(end) if end >= start => end,
                    _ => return Part::Whole,
                }
            };
            if start >= size {
                Part::Unsatisfiable
            } else {
                Part::Range {
                    start,
                    end: end.min(size - 1),
                }
            }
        }
    }
}

/// The download's answer: always as an attachment (never shown inline), with its sniffed type.
pub async fn respond(
    blobs: &dyn BlobStore,
    request: &HttpRequest,
    download: Download<'_>,
) -> Result<HttpResponse, ApiError> {
    use actix_web::http::header::{
        Charset, ContentDisposition, DispositionParam, DispositionType, ExtendedValue,
    };
    let etag = format!("\"{}\"", download.sha256);
    let header_text = |name| {
        request
            .headers()
            .get(name)
            .and_then(|value: &HeaderValue| value.to_str().ok())
    };
    // An If-Range naming another version (or a date: we give none) asks for the whole file.
    let range_applies = header_text(header::IF_RANGE).is_none_or(|validator| validator == etag);
    let part = if range_applies {
        part_of(header_text(header::RANGE), download.size)
    } else {
        Part::Whole
    };
    let disposition = ContentDisposition {
        disposition: DispositionType::Attachment,
        parameters: vec![DispositionParam::FilenameExt(ExtendedValue {
            charset: Charset::Ext("UTF-8".into()),
            language_tag: None,
            value: download.file_name.as_bytes().to_vec(),
        })],
    };
    let (mut response, data, length) = match part {
        Part::Unsatisfiable => {
            return Err(ApiError::RangeNotSatisfiable {
                size: download.size,
            });
        }
        Part::Whole => (
            HttpResponse::Ok(),
            blobs.open(download.key).await,
            download.size,
        ),
        Part::Range { start, end } => {
            let mut response = HttpResponse::PartialContent();
            response.insert_header((
                header::CONTENT_RANGE,
                format!("bytes {start}-{end}/{}", download.size),
            ));
            let length = end - start + 1;
            (
                response,
                blobs.open_range(download.key, start, length).await,
                length,
            )
        }
    };
    let data = data.map_err(ApiError::internal)?;
    Ok(response
        .insert_header((header::CONTENT_TYPE, download.content_type.to_owned()))
        .insert_header(disposition)
        .insert_header((header::ACCEPT_RANGES, "bytes"))
        .insert_header((header::ETAG, etag))
        // Byte ranges count the file's own bytes: never compressed on the way.
        .insert_header((header::CONTENT_ENCODING, "identity"))
        .no_chunking(length)
        .streaming(data))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_are_read_as_rfc_9110_says() {
        let size = 1000;
        let part = |value| part_of(Some(value), size);
        assert_eq!(part_of(None, size), Part::Whole);
        assert_eq!(part("bytes=0-99"), Part::Range { start: 0, end: 99 });
        assert_eq!(
            part("bytes=900-"),
            Part::Range {
                start: 900,
                end: 999
            }
        );
        assert_eq!(
            part("bytes=-100"),
            Part::Range {
                start: 900,
                end: 999
            }
        );
        assert_eq!(part("bytes=-5000"), Part::Range { start: 0, end: 999 });
        assert_eq!(
            part("bytes=990-2000"),
            Part::Range {
                start: 990,
                end: 999
            }
        );
        assert_eq!(part("bytes=1000-"), Part::Unsatisfiable);
        assert_eq!(part("bytes=-0"), Part::Unsatisfiable);
        // Not understood, or several ranges: the whole file.
        assert_eq!(part("bytes=5-1"), Part::Whole);
        assert_eq!(part("bytes=0-1,5-6"), Part::Whole);
        assert_eq!(part("items=0-1"), Part::Whole);
        assert_eq!(part("bytes=a-b"), Part::Whole);
        assert_eq!(part("bytes=+1-2"), Part::Whole);
        assert_eq!(part_of(Some("bytes=0-"), 0), Part::Unsatisfiable);
    }
}
