//! A bounded load run against a preview server on loopback: `serve_load ADDR PID [REQUESTS]`.
//! Mixes normal pages, missing pages, Arabic and Chinese URLs without their slash (redirects), a
//! query string, and traversal attempts over 4 connections-at-a-time threads, then reports the
//! statuses, the failures (no answer), the server's threads and memory before and after (from
//! /proc/PID), and checks that the server still answers. Sends traffic only to ADDR, which must be a
//! loopback address.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const MIX: &[&str] = &[
    "/ar/legal/visa/",
    "/zh/school/",
    "/it/",
    "/style.css",
    "/it/nothing/here/",
    "/ar/legal/visa",
    "/zh/school",
    "/ar/school/%D8%B5%D9%81%D8%AD%D8%A9",
    "/zh/school/%E5%AD%A6%E6%A0%A1",
    "/zh/school/%E5%AD%A6%E6%A0%A1?q=%E5%AD%A6",
    "/../site.toml",
    "/%2e%2e/%2e%2e/etc/passwd",
    "/it/..%5c..%5csite.toml",
    "/it/%00",
    "/it/%C0%AF",
];

fn proc_status(pid: &str, field: &str) -> String {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with(field))
                .map(|l| l[field.len()..].trim().to_string())
        })
        .unwrap_or_else(|| "?".into())
}

fn get(addr: SocketAddr, path: &str) -> Option<u16> {
    let mut s = TcpStream::connect_timeout(&addr, Duration::from_secs(5)).ok()?;
    s.set_read_timeout(Some(Duration::from_secs(10))).ok()?;
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
    )
    .ok()?;
    let mut out = Vec::new();
    s.read_to_end(&mut out).ok()?;
    let head = String::from_utf8_lossy(&out[..out.len().min(16)]).into_owned();
    head.split(' ').nth(1)?.parse().ok()
}

fn main() {
    let mut args = std::env::args().skip(1);
    let addr: SocketAddr = args
        .next()
        .expect("usage: serve_load ADDR PID [REQUESTS]")
        .parse()
        .expect("ADDR like 127.0.0.1:18765");
    assert!(addr.ip().is_loopback(), "load runs only against loopback");
    let pid = args.next().expect("PID of the server");
    let total: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(10_000);
    println!(
        "server before: {} threads, {} RSS",
        proc_status(&pid, "Threads:"),
        proc_status(&pid, "VmRSS:")
    );
    let next = Arc::new(AtomicUsize::new(0));
    let statuses = Arc::new(Mutex::new(
        std::collections::BTreeMap::<String, usize>::new(),
    ));
    let start = Instant::now();
    let workers: Vec<_> = (0..4)
        .map(|_| {
            let next = Arc::clone(&next);
            let statuses = Arc::clone(&statuses);
            std::thread::spawn(move || loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= total {
                    return;
                }
                let status = get(addr, MIX[i % MIX.len()])
                    .map_or("no answer".to_string(), |s| s.to_string());
                *statuses.lock().unwrap().entry(status).or_default() += 1;
            })
        })
        .collect();
    for w in workers {
        let _ = w.join();
    }
    let elapsed = start.elapsed();
    println!(
        "{total} requests in {:.2} s ({:.0}/s)",
        elapsed.as_secs_f64(),
        total as f64 / elapsed.as_secs_f64()
    );
    for (status, n) in statuses.lock().unwrap().iter() {
        println!("  {status}: {n}");
    }
    println!(
        "server after: {} threads, {} RSS",
        proc_status(&pid, "Threads:"),
        proc_status(&pid, "VmRSS:")
    );
    match get(addr, "/it/") {
        Some(200) => println!("still answering: /it/ 200"),
        other => {
            println!("NOT answering after the run: {other:?}");
            std::process::exit(1);
        }
    }
}
