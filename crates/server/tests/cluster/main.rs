//! The scale-out test (`just test-cluster`): HAProxy with `deploy/haproxy.cfg` in front of two
//! `mina-sidor` processes on one PostgreSQL database and one S3 server (moto), with the BankID
//! simulator as the shared BankID. Everything goes through the load balancer: a login, an upload
//! on one node and its download on the other, case numbers unique and gap-free under concurrent
//! submits on both nodes, a login rate limit that holds across both, a node killed with SIGKILL
//! mid-burst (every acknowledged submission stored once, the other node serving on), and a
//! rolling restart under load without a failed request.

#![expect(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "a failed expectation in a test is the test failing"
)]

mod nodes;

use std::collections::BTreeSet;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use nodes::{Cluster, served_by};

const ANNA: &str = "198112189876";
const BERTIL: &str = "196408233234";

fn fault_report() -> Value {
    json!({
        "fault_type": "pothole",
        "location": "Storgatan 12",
        "description": "Ett djupt hål i asfalten.",
        "wants_feedback": false
    })
}

/// A complete draft of the fault report; its id.
async fn ready_draft(cluster: &Cluster, token: &str) -> String {
    let draft: Value = cluster
        .client
        .post(cluster.url("/api/v1/drafts"))
        .bearer_auth(token)
        .json(&json!({"eservice": "felanmalan-gata-park"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let id = draft["id"].as_str().expect("a draft").to_owned();
    let saved = cluster
        .client
        .put(cluster.url(&format!("/api/v1/drafts/{id}")))
        .bearer_auth(token)
        .json(&json!({"answers": fault_report(), "lock_version": draft["lock_version"]}))
        .send()
        .await
        .unwrap();
    assert_eq!(saved.status(), 200);
    id
}

async fn submit(cluster: &Cluster, token: &str, id: &str) -> Result<reqwest::Response, String> {
    cluster
        .client
        .post(cluster.url(&format!("/api/v1/drafts/{id}/submit")))
        .bearer_auth(token)
        .header("idempotency-key", format!("submit-{id}"))
        .send()
        .await
        .map_err(|error| error.to_string())
}

fn case_number_of(body: &Value) -> u64 {
    let number = body["case_number"].as_str().expect("a case number");
    number.rsplit('-').next().unwrap().parse().unwrap()
}

/// The case numbers in the database must be exactly 1..=n.
async fn assert_gap_free(cluster: &Cluster) -> u64 {
    let numbers = cluster.case_numbers().await;
    let unique: BTreeSet<u64> = numbers.iter().copied().collect();
    assert_eq!(unique.len(), numbers.len(), "a case number was given twice");
    let expected: BTreeSet<u64> = (1..=numbers.len() as u64).collect();
    assert_eq!(unique, expected, "the case numbers have gaps");
    numbers.len() as u64
}

/// Create, save and submit; the first failure, or the submit's answer.
async fn submission(
    client: &reqwest::Client,
    drafts: &str,
    token: &str,
) -> Result<reqwest::Response, reqwest::Error> {
    let created = client
        .post(drafts)
        .bearer_auth(token)
        .json(&json!({"eservice": "felanmalan-gata-park"}))
        .send()
        .await?;
    if !created.status().is_success() {
        return Ok(created);
    }
    let draft: Value = created.json().await?;
    let id = draft["id"].as_str().unwrap_or_default().to_owned();
    let saved = client
        .put(format!("{drafts}/{id}"))
        .bearer_auth(token)
        .json(&json!({"answers": fault_report(), "lock_version": draft["lock_version"]}))
        .send()
        .await?;
    if !saved.status().is_success() {
        return Ok(saved);
    }
    client
        .post(format!("{drafts}/{id}/submit"))
        .bearer_auth(token)
        .header("idempotency-key", format!("rolling-{id}"))
        .send()
        .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_nodes_behind_haproxy_on_postgresql_and_s3() {
    let cluster = Cluster::start().await;

    // Log in through the balancer (the order is started on one node, collected on whichever).
    let (anna, anna_nodes) = cluster.login(ANNA, "198.51.100.1").await;
    let (bertil, bertil_nodes) = cluster.login(BERTIL, "198.51.100.2").await;
    let login_nodes: BTreeSet<&String> = anna_nodes.iter().chain(&bertil_nodes).collect();
    assert_eq!(
        login_nodes.len(),
        2,
        "logins started and collected on both nodes"
    );

    // Upload on one node, download on the other.
    let draft = ready_draft(&cluster, &anna).await;
    let photo: Vec<u8> = [0xFF, 0xD8, 0xFF, 0xE0]
        .into_iter()
        .chain((0..200_000u32).map(|n| (n % 251) as u8))
        .collect();
    let uploaded = cluster
        .client
        .post(cluster.url(&format!(
            "/api/v1/drafts/{draft}/attachments?field=photos&name=hal.jpg"
        )))
        .bearer_auth(&anna)
        .header("content-type", "application/octet-stream")
        .body(photo.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(uploaded.status(), 201);
    let upload_node = served_by(&uploaded);
    assert_eq!(
        cluster.stored_objects().await.len(),
        1,
        "the file is in the bucket"
    );
    let attachment: Value = uploaded.json().await.unwrap();
    let attachment_id = attachment["id"].as_str().unwrap().to_owned();
    let mut downloaded_elsewhere = false;
    for _ in 0..6 {
        let download = cluster
            .client
            .get(cluster.url(&format!("/api/v1/attachments/{attachment_id}")))
            .bearer_auth(&anna)
            .send()
            .await
            .unwrap();
        assert_eq!(download.status(), 200);
        let node = served_by(&download);
        assert_eq!(download.bytes().await.unwrap().as_ref(), photo.as_slice());
        if node != upload_node {
            downloaded_elsewhere = true;
            break;
        }
    }
    assert!(
        downloaded_elsewhere,
        "uploaded on {upload_node}, never downloaded on the other"
    );
    let first = submit(&cluster, &anna, &draft).await.unwrap();
    assert_eq!(first.status(), 201);

    // Concurrent submits spread over both nodes: unique, gap-free case numbers.
    let mut drafts = Vec::new();
    for n in 0..40u32 {
        let token = if n.is_multiple_of(2) { &anna } else { &bertil };
        drafts.push((token.clone(), ready_draft(&cluster, token).await));
    }
    let answers = futures_util::future::join_all(
        drafts.iter().map(|(token, id)| submit(&cluster, token, id)),
    )
    .await;
    let mut nodes_used = BTreeSet::new();
    for answer in answers {
        let answer = answer.unwrap();
        assert_eq!(answer.status(), 201);
        nodes_used.insert(served_by(&answer));
    }
    assert_eq!(
        nodes_used.len(),
        2,
        "both nodes took submissions: {nodes_used:?}"
    );
    assert_eq!(assert_gap_free(&cluster).await, 41);

    // One login budget across both nodes: ten starts a minute from one address (the budget is
    // a one-minute window, so all eleven starts go in one minute).
    let second = chrono::Timelike::second(&chrono::Utc::now());
    if second > 45 {
        tokio::time::sleep(Duration::from_secs(u64::from(61 - second))).await;
    }
    let mut started_on = BTreeSet::new();
    for _ in 0..10 {
        let started = cluster.start_login("203.0.113.50").await;
        started_on.insert(served_by(&started));
        let status = started.status();
        assert_eq!(status, 201, "{}", started.text().await.unwrap_or_default());
    }
    assert_eq!(started_on.len(), 2, "the starts went to both nodes");
    let refused = cluster.start_login("203.0.113.50").await;
    assert_eq!(refused.status(), 429);
    assert!(refused.headers().contains_key("retry-after"));

    // A node killed with SIGKILL in the middle of a burst of submits.
    let mut burst = Vec::new();
    for _ in 0..40 {
        burst.push(ready_draft(&cluster, &anna).await);
    }
    let sent = futures_util::future::join_all(burst.iter().enumerate().map(|(n, id)| {
        let cluster = &cluster;
        let anna = &anna;
        async move {
            tokio::time::sleep(Duration::from_millis(5 * n as u64)).await;
            submit(cluster, anna, id).await
        }
    }));
    let killer = async {
        tokio::time::sleep(Duration::from_millis(60)).await;
        cluster.kill(1);
    };
    let (answers, ()) = tokio::join!(sent, killer);
    let mut acknowledged = Vec::new();
    let mut failed = Vec::new();
    let mut served = std::collections::BTreeMap::new();
    for (id, answer) in burst.iter().zip(answers) {
        match answer {
            Ok(response) if response.status() == 201 => {
                *served.entry(served_by(&response)).or_insert(0) += 1;
                let body: Value = response.json().await.unwrap();
                acknowledged.push((id.clone(), case_number_of(&body)));
            }
            Ok(response) => {
                // Only the balancer's answer for a node that went away, never the survivor's.
                let status = response.status().as_u16();
                assert!(
                    matches!(status, 502..=504) && served_by(&response) != "node1",
                    "{id}: {status} from {:?}",
                    served_by(&response)
                );
                failed.push((id.clone(), status.to_string()));
            }
            Err(error) => failed.push((id.clone(), error)),
        }
    }
    eprintln!(
        "SIGKILL burst: {} acknowledged ({served:?}), {} not: {failed:?}",
        acknowledged.len(),
        failed.len()
    );
    assert!(!acknowledged.is_empty());
    // Only requests in flight on the killed node may fail.
    assert!(failed.len() <= 16, "too many failures: {failed:?}");
    for (id, number) in &acknowledged {
        assert_eq!(cluster.case_number_in_db(id).await, Some(*number), "{id}");
    }
    // The other node serves on.
    for _ in 0..10 {
        let overview = cluster
            .client
            .get(cluster.url("/api/v1/cases"))
            .bearer_auth(&anna)
            .send()
            .await
            .unwrap();
        assert_eq!(overview.status(), 200);
    }
    // The client retries what was not acknowledged, with the same Idempotency-Key.
    for (id, _) in &failed {
        let again = submit(&cluster, &anna, id).await.unwrap();
        assert_eq!(again.status(), 201, "{id}");
    }
    assert_eq!(assert_gap_free(&cluster).await, 81);
    cluster.restart(1).await;

    // A rolling restart under load: not one failed request.
    let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let done = Arc::new(AtomicUsize::new(0));
    let failures = Arc::new(std::sync::Mutex::new(Vec::<String>::new()));
    let mut load = Vec::new();
    for worker in 0..4u32 {
        let client = cluster.client.clone();
        let url = cluster.url("/api/v1/cases");
        let draft_url = cluster.url("/api/v1/drafts");
        let token = if worker.is_multiple_of(2) {
            anna.clone()
        } else {
            bertil.clone()
        };
        let (stop, done, failures) = (stop.clone(), done.clone(), failures.clone());
        load.push(tokio::spawn(async move {
            let mut n = 0u32;
            while !stop.load(Ordering::SeqCst) {
                n += 1;
                let result = if n.is_multiple_of(5) {
                    submission(&client, &draft_url, &token).await
                } else {
                    client.get(&url).bearer_auth(&token).send().await
                };
                match result {
                    Ok(response) if response.status().is_success() => {}
                    Ok(response) => failures.lock().unwrap().push(response.status().to_string()),
                    Err(error) => failures.lock().unwrap().push(error.to_string()),
                }
                done.fetch_add(1, Ordering::SeqCst);
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
        }));
    }
    tokio::time::sleep(Duration::from_secs(1)).await;
    let started = Instant::now();
    for node in [0, 1] {
        cluster.terminate(node).await;
        cluster.restart(node).await;
    }
    tokio::time::sleep(Duration::from_secs(1)).await;
    stop.store(true, Ordering::SeqCst);
    for task in load {
        task.await.unwrap();
    }
    let failures = failures.lock().unwrap().clone();
    let requests = done.load(Ordering::SeqCst);
    assert!(
        requests > 100,
        "only {requests} requests in {:?}",
        started.elapsed()
    );
    eprintln!(
        "rolling restart: {requests} requests, {} failed",
        failures.len()
    );
    assert!(
        failures.is_empty(),
        "{} of {requests} failed: {failures:?}",
        failures.len()
    );
    // Every submission during the restarts got its number; none was lost or given twice.
    assert!(assert_gap_free(&cluster).await > 81);
}
