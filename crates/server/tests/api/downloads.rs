//! Downloads resume: one byte range is answered 206 with exactly those bytes (read as a range
//! from the store), past the end is 416, `If-Range` with another validator gets the whole
//! file, and nothing is compressed on the way. On the folder store here; on S3 in
//! `object_storage.rs`.

use sha2::{Digest, Sha256};

use crate::cases::{ANNA, JPEG, attach, new_draft};
use crate::helpers::{TestApp, problem, spawn_app};

async fn get(app: &TestApp, token: &str, id: &str, headers: &[(&str, &str)]) -> reqwest::Response {
    let mut request = app
        .client
        .get(app.url(&format!("/api/v1/attachments/{id}")))
        .bearer_auth(token);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    request.send().await.unwrap()
}

/// A photo of `size` bytes stored on a new draft of Anna's; its id, the bytes and her token.
pub(crate) async fn stored_photo(app: &TestApp, size: usize) -> (String, Vec<u8>, String) {
    let (_, token) = app.login_citizen(ANNA).await;
    let mut draft = new_draft(app, &token, "felanmalan-gata-park").await;
    let mut photo = JPEG.to_vec();
    photo.extend((0..size.saturating_sub(JPEG.len())).map(|n| (n % 253) as u8));
    let attachment = attach(app, &token, &mut draft, "photos", "bild.jpg", photo.clone()).await;
    (attachment.id.to_string(), photo, token)
}

/// Every range rule, against whatever store `app` has.
pub(crate) async fn ranges_are_served(app: &TestApp, id: &str, photo: &[u8], token: &str) {
    let size = photo.len();
    let etag = format!("\"{}\"", hex::encode(Sha256::digest(photo)));

    // A client that takes compressed answers still gets the file's own bytes.
    let whole = get(app, token, id, &[("accept-encoding", "gzip, br")]).await;
    assert_eq!(whole.status(), 200);
    assert_eq!(whole.headers()["accept-ranges"], "bytes");
    assert_eq!(whole.headers()["etag"].to_str().unwrap(), etag);
    assert_eq!(
        whole.headers()["content-length"].to_str().unwrap(),
        size.to_string()
    );
    assert_eq!(whole.bytes().await.unwrap().as_ref(), photo);

    let part = get(
        app,
        token,
        id,
        &[("range", "bytes=100-199"), ("accept-encoding", "gzip, br")],
    )
    .await;
    assert_eq!(part.status(), 206);
    assert_eq!(
        part.headers()["content-range"].to_str().unwrap(),
        format!("bytes 100-199/{size}")
    );
    assert_eq!(part.headers()["content-length"], "100");
    assert_eq!(part.bytes().await.unwrap().as_ref(), &photo[100..200]);

    // Resuming from the middle to the end, and the last bytes.
    let rest = get(
        app,
        token,
        id,
        &[("range", &format!("bytes={}-", size / 2))],
    )
    .await;
    assert_eq!(rest.status(), 206);
    assert_eq!(rest.bytes().await.unwrap().as_ref(), &photo[size / 2..]);
    let tail = get(app, token, id, &[("range", "bytes=-50")]).await;
    assert_eq!(tail.bytes().await.unwrap().as_ref(), &photo[size - 50..]);

    // The range only if the file is still the one the client has.
    let same = get(
        app,
        token,
        id,
        &[("range", "bytes=0-9"), ("if-range", &etag)],
    )
    .await;
    assert_eq!(same.status(), 206);
    let other = get(
        app,
        token,
        id,
        &[("range", "bytes=0-9"), ("if-range", "\"x\"")],
    )
    .await;
    assert_eq!(other.status(), 200);
    assert_eq!(other.bytes().await.unwrap().len(), size);

    let past = get(app, token, id, &[("range", &format!("bytes={size}-"))]).await;
    assert_eq!(
        past.headers()["content-range"].to_str().unwrap(),
        format!("bytes */{size}")
    );
    problem(past, 416, "range_not_satisfiable").await;
    // Several ranges: the whole file.
    let several = get(app, token, id, &[("range", "bytes=0-1,5-6")]).await;
    assert_eq!(several.status(), 200);
}

#[tokio::test]
async fn a_download_resumes_with_a_byte_range_from_the_folder_store() {
    let app = spawn_app().await;
    let (id, photo, token) = stored_photo(&app, 300_000).await;
    ranges_are_served(&app, &id, &photo, &token).await;
}
