//! `regkb serve`: builds, serves the output on 127.0.0.1, rebuilds when content,
//! templates or config.toml change, and reloads open pages. A failed rebuild
//! keeps serving the last good site and shows the errors in the browser.

use super::build::{BuildOptions, Discard, build_with};
use crate::diagnostic::pick;
use crate::msg;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

#[derive(Default)]
struct State {
    version: u64,
    errors: Option<String>,
}

const RELOAD_SCRIPT: &str = r#"<script>
(function () {
  var seen = null;
  function show(errors) {
    var box = document.getElementById("regkb-errors");
    if (!box) { box = document.createElement("pre"); box.id = "regkb-errors"; document.body.prepend(box); }
    box.style.cssText = "position:fixed;inset:0 0 auto 0;max-height:60vh;overflow:auto;z-index:99;margin:0;padding:1rem;background:#2b0d0d;color:#ffdede;white-space:pre-wrap;font:14px/1.5 monospace";
    box.textContent = HEADING + "\n\n" + errors;
  }
  function poll() {
    var xhr = new XMLHttpRequest();
    xhr.open("GET", "/__regkb/status");
    xhr.onload = function () {
      var s = JSON.parse(xhr.responseText);
      if (seen !== null && s.version !== seen && !s.errors) { location.reload(); return; }
      if (s.errors) show(s.errors);
      seen = s.version;
      setTimeout(poll, 500);
    };
    xhr.onerror = function () { setTimeout(poll, 2000); };
    xhr.send();
  }
  poll();
})();
</script>"#;

pub fn serve(opts: BuildOptions, port: u16) -> anyhow::Result<()> {
    let state = Arc::new(Mutex::new(State::default()));
    crate::memo::keep_between_builds();
    rebuild(&opts, &state);
    let server = tiny_http::Server::http(("127.0.0.1", port)).map_err(|e| {
        anyhow::Error::msg(msg!(
            "E0706",
            format!("无法在 127.0.0.1:{port} 上启动预览（{e}）：这个端口可能已被占用，请换一个，如 --port {}", port.wrapping_add(1)),
            format!("cannot listen on 127.0.0.1:{port}: {e}; the port may be in use, try another (--port {})", port.wrapping_add(1)),
        ))
    })?;
    let out = opts.output.display();
    println!(
        "{}",
        pick(
            format!("正在预览 {out}：请在浏览器中打开 http://127.0.0.1:{port}/ （按 Ctrl-C 停止）"),
            format!("serving {out} at http://127.0.0.1:{port}/ (Ctrl-C to stop)"),
        )
    );
    let watch_opts = opts.clone();
    let watch_state = Arc::clone(&state);
    std::thread::spawn(move || watch(&watch_opts, &watch_state));
    for request in server.incoming_requests() {
        let response = respond(&opts.output, request.url(), &state);
        let _ = request.respond(response);
    }
    Ok(())
}

fn rebuild(opts: &BuildOptions, state: &Mutex<State>) {
    // The replaced site is deleted after the rebuild is reported, not before.
    let result = build_with(opts, Discard::Later);
    let mut s = state.lock().expect("state lock");
    s.version += 1;
    match result {
        Ok(summary) => {
            let (pages, ms) = (summary.pages, summary.millis);
            println!(
                "{}",
                pick(
                    format!("已重新生成：{pages} 个页面，用时 {ms} 毫秒"),
                    format!("rebuilt: {pages} pages in {ms} ms"),
                )
            );
            s.errors = None;
        }
        Err(report) => {
            eprintln!("{report}");
            s.errors = Some(report.to_string());
        }
    }
}

/// Polls the sources' modification times: simple, and a full rebuild is fast.
fn watch(opts: &BuildOptions, state: &Mutex<State>) {
    let mut last = fingerprint(&opts.root);
    loop {
        std::thread::sleep(Duration::from_millis(300));
        let now = fingerprint(&opts.root);
        if now != last {
            last = now;
            rebuild(opts, state);
        }
    }
}

fn fingerprint(root: &Path) -> Vec<(PathBuf, Option<SystemTime>, u64)> {
    let mut out = Vec::new();
    let mut stack = vec![
        root.join("content"),
        root.join("templates"),
        root.join("config.toml"),
    ];
    while let Some(p) = stack.pop() {
        let Ok(meta) = std::fs::metadata(&p) else {
            continue;
        };
        if meta.is_dir() {
            if let Ok(entries) = std::fs::read_dir(&p) {
                stack.extend(entries.filter_map(|e| e.ok().map(|e| e.path())));
            }
        } else {
            out.push((p, meta.modified().ok(), meta.len()));
        }
    }
    out.sort();
    out
}

fn respond(
    output: &Path,
    url: &str,
    state: &Mutex<State>,
) -> tiny_http::Response<std::io::Cursor<Vec<u8>>> {
    let path = url.split(['?', '#']).next().unwrap_or("/");
    if path == "/__regkb/status" {
        let s = state.lock().expect("state lock");
        let body = serde_json::json!({"version": s.version, "errors": s.errors}).to_string();
        return with_type(
            tiny_http::Response::from_data(body.into_bytes()),
            "application/json",
        );
    }
    let Some(file) = resolve(output, path) else {
        return not_found(output);
    };
    match std::fs::read(&file) {
        Ok(mut bytes) => {
            let kind = content_type(&file);
            if kind.starts_with("text/html") {
                inject_reload(&mut bytes);
            }
            with_type(tiny_http::Response::from_data(bytes), kind)
        }
        Err(_) => not_found(output),
    }
}

fn not_found(output: &Path) -> tiny_http::Response<std::io::Cursor<Vec<u8>>> {
    let mut bytes = std::fs::read(output.join("404.html"))
        .unwrap_or_else(|_| pick("找不到这个页面", "not found").as_bytes().to_vec());
    inject_reload(&mut bytes);
    with_type(
        tiny_http::Response::from_data(bytes).with_status_code(404),
        "text/html; charset=utf-8",
    )
}

/// Maps a URL path to a file below `output`, refusing `..`.
fn resolve(output: &Path, path: &str) -> Option<PathBuf> {
    let decoded = percent_decode(path.trim_start_matches('/'));
    let rel = Path::new(&decoded);
    if rel.components().any(|c| !matches!(c, Component::Normal(_))) {
        return None;
    }
    let mut file = output.join(rel);
    if file.is_dir() {
        file = file.join("index.html");
    }
    file.is_file().then_some(file)
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Ok(b) = u8::from_str_radix(
                std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or("zz"),
                16,
            ) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn inject_reload(bytes: &mut Vec<u8>) {
    let html = String::from_utf8_lossy(bytes);
    let heading = pick(
        "构建失败（仍在显示上次成功的版本）：",
        "The build failed (still showing the last good version):",
    );
    let script = RELOAD_SCRIPT.replace(
        "HEADING",
        &serde_json::to_string(heading).expect("a string"),
    );
    let injected = match html.rfind("</body>") {
        Some(i) => format!("{}{script}{}", &html[..i], &html[i..]),
        None => format!("{html}{script}"),
    };
    *bytes = injected.into_bytes();
}

fn content_type(p: &Path) -> &'static str {
    match p.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("json") => "application/json",
        Some("xml") => "application/xml",
        Some("svg") => "image/svg+xml",
        _ => "application/octet-stream",
    }
}

fn with_type(
    r: tiny_http::Response<std::io::Cursor<Vec<u8>>>,
    kind: &str,
) -> tiny_http::Response<std::io::Cursor<Vec<u8>>> {
    r.with_header(
        tiny_http::Header::from_bytes(&b"Content-Type"[..], kind.as_bytes()).expect("valid header"),
    )
}
