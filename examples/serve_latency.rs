//! Save → reload-event latency of `approdo serve`, the way an editor feels it: `cargo run --release
//! --example serve_latency -- SITE FILE [RUNS]`. Starts the preview server on a free port, opens a
//! live-reload stream, appends a line to FILE (a content page) RUNS times, and reports for each
//! save the time until the reload event arrived and how many pages were re-rendered. With `title`
//! as a fourth argument it changes the page's title instead (which re-renders navigation).

use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::sync::mpsc::channel;
use std::time::{Duration, Instant};

fn main() {
    let mut args = std::env::args().skip(1);
    let root = PathBuf::from(args.next().expect("usage: serve_latency SITE FILE [RUNS]"));
    let file = root.join(args.next().expect("FILE, relative to SITE"));
    let runs: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(20);
    let title_edit = args.next().as_deref() == Some("title");
    let started = Instant::now();
    let preview = approdo::serve::start(
        &approdo::serve::ServeOptions {
            root: root.clone(),
            bind: "127.0.0.1".into(),
            port: 0,
            drafts: false,
        },
        false,
    )
    .expect("server");
    println!(
        "initial build and start: {} ms",
        started.elapsed().as_millis()
    );
    let mut s = TcpStream::connect(preview.addr).unwrap();
    write!(s, "GET /__approdo/events HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
    let (tx, rx) = channel();
    std::thread::spawn(move || {
        for line in BufReader::new(s).lines().map_while(Result::ok) {
            if let Some(data) = line.strip_prefix("data: ") {
                let _ = tx.send((Instant::now(), data.to_string()));
            }
        }
    });
    std::thread::sleep(Duration::from_millis(500));
    let original = std::fs::read_to_string(&file).expect("FILE is readable");
    let mut latencies = Vec::new();
    let mut rendered = Vec::new();
    for i in 0..runs {
        let saved = Instant::now();
        let edited = if title_edit {
            original.replacen("title: \"", &format!("title: \"Edit {i} "), 1)
        } else {
            format!("{original}\nEdit number {i}.\n")
        };
        std::fs::write(&file, edited).unwrap();
        let (at, data) = rx
            .recv_timeout(Duration::from_secs(30))
            .expect("reload event");
        latencies.push(at.duration_since(saved).as_secs_f64() * 1000.0);
        let v: serde_json::Value = serde_json::from_str(&data).unwrap_or_default();
        rendered.push(v["rendered"].as_u64().unwrap_or(0));
        std::thread::sleep(Duration::from_millis(200));
    }
    std::fs::write(&file, original).unwrap();
    latencies.sort_by(f64::total_cmp);
    if std::env::var_os("SHOW_ALL").is_some() {
        println!("{latencies:.0?}");
    }
    let median = latencies[latencies.len() / 2];
    let p95 = latencies[(latencies.len() * 95 / 100).min(latencies.len() - 1)];
    println!(
        "{runs} {} edits of {}: save → reload event median {median:.1} ms, p95 {p95:.1} ms, max {:.1} ms (includes the watcher's {} ms quiet period); pages re-rendered per save: {:?}",
        if title_edit { "title" } else { "body" },
        file.display(),
        latencies[latencies.len() - 1],
        approdo::serve::DEBOUNCE_MS,
        rendered.iter().collect::<std::collections::BTreeSet<_>>()
    );
}
