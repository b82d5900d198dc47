//! The SPA's files: hashed names are cached for a year as immutable, the build's pre-compressed
//! variants go to browsers that accept them, other names revalidate, and any other path is the
//! SPA.

use crate::helpers::spawn_app;

#[tokio::test]
async fn hashed_files_are_immutable_and_their_precompressed_variant_is_sent() {
    let app = spawn_app().await;
    let dir = app.state.settings.server.static_dir.clone();
    let wasm = b"\0asm\x01\0\0\0 the module".to_vec();
    std::fs::write(dir.join("frontend-0123456789abcdef_bg.wasm"), &wasm).unwrap();
    std::fs::write(
        dir.join("frontend-0123456789abcdef_bg.wasm.br"),
        b"brotli bytes",
    )
    .unwrap();
    let get = |path: &str, encoding: Option<&str>| {
        let mut request = app.client.get(app.url(path));
        if let Some(encoding) = encoding {
            request = request.header("accept-encoding", encoding);
        }
        request.send()
    };

    let compressed = get(
        "/frontend-0123456789abcdef_bg.wasm",
        Some("gzip, deflate, br"),
    )
    .await
    .unwrap();
    assert_eq!(compressed.status(), 200);
    let headers = compressed.headers().clone();
    assert_eq!(headers["content-encoding"], "br");
    assert_eq!(headers["content-type"], "application/wasm");
    assert_eq!(
        headers["cache-control"],
        "public, max-age=31536000, immutable"
    );
    assert_eq!(headers["vary"], "accept-encoding");
    assert_eq!(compressed.bytes().await.unwrap().as_ref(), b"brotli bytes");

    // A client that takes no brotli gets the file itself.
    let plain = get("/frontend-0123456789abcdef_bg.wasm", None)
        .await
        .unwrap();
    assert!(plain.headers().get("content-encoding").is_none());
    assert_eq!(plain.bytes().await.unwrap().as_ref(), wasm.as_slice());
    let refused = get("/frontend-0123456789abcdef_bg.wasm", Some("br;q=0"))
        .await
        .unwrap();
    assert!(refused.headers().get("content-encoding").is_none());

    // A name without a hash revalidates; a client-side route is the SPA.
    let css = get("/app.css", None).await.unwrap();
    assert_eq!(css.headers()["cache-control"], "no-cache");
    let route = get("/handlaggare", None).await.unwrap();
    assert_eq!(route.status(), 200);
    assert!(
        route
            .text()
            .await
            .unwrap()
            .contains("<title>Mina sidor</title>")
    );
    let hidden = get("/.env", None).await.unwrap();
    assert!(
        hidden
            .text()
            .await
            .unwrap()
            .contains("<title>Mina sidor</title>")
    );
}
