//! `regkb serve`: serves the site, rebuilds on change, keeps the last good site
//! and reports a failed rebuild's errors to the browser.

use super::support::*;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

fn get(port: u16, path: &str) -> Option<(u16, String)> {
    let mut s = TcpStream::connect(("127.0.0.1", port)).ok()?;
    s.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .ok()?;
    let mut buf = Vec::new();
    s.read_to_end(&mut buf).ok()?;
    let text = String::from_utf8_lossy(&buf).into_owned();
    let status = text.split_whitespace().nth(1)?.parse().ok()?;
    let body = text
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    Some((status, body))
}

fn wait_for(what: &str, mut f: impl FnMut() -> bool) {
    let start = Instant::now();
    while !f() {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "timed out waiting for {what}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

struct Server(std::process::Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn serves_rebuilds_and_reports_a_failed_rebuild() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("kb");
    copy_dir(&fixture("kb-base"), &root);
    let port = 18000 + (std::process::id() % 2000) as u16;
    let child = std::process::Command::new(env!("CARGO_BIN_EXE_regkb"))
        .args([
            "serve",
            "--root",
            root.to_str().unwrap(),
            "--port",
            &port.to_string(),
        ])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let _server = Server(child);
    wait_for("the server", || get(port, "/index.html").is_some());
    let (status, page) = get(port, "/cases/2025-0/2025-001.html").unwrap();
    assert_eq!(status, 200);
    assert!(
        page.contains("某培训机构隐匿台账案") && page.contains("/__regkb/status"),
        "live reload script injected"
    );
    assert_eq!(get(port, "/../config.toml").unwrap().0, 404);

    let case = root.join("content/cases/2025-001.md");
    let text = std::fs::read_to_string(&case).unwrap();
    std::fs::write(
        &case,
        text.replace("某培训机构隐匿台账案", "某培训机构隐匿台账复查案"),
    )
    .unwrap();
    wait_for("the rebuild", || {
        get(port, "/cases/2025-0/2025-001.html").is_some_and(|(_, b)| b.contains("隐匿台账复查案"))
    });

    std::fs::write(
        &case,
        text.replace("outcome = \"容错免责\"", "outcome = \"免责\""),
    )
    .unwrap();
    wait_for("the error report", || {
        get(port, "/__regkb/status").is_some_and(|(_, b)| b.contains("E0201"))
    });
    let (_, status_json) = get(port, "/__regkb/status").unwrap();
    assert!(
        status_json.contains("content/cases/2025-001.md:7:11: error"),
        "{status_json}"
    );
    let (status, page) = get(port, "/cases/2025-0/2025-001.html").unwrap();
    assert_eq!(status, 200);
    assert!(
        page.contains("隐匿台账复查案"),
        "the last good site is still served"
    );
}
