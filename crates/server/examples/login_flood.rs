//! Login flood (issue 15): fires N parallel login attempts (default 1,000) at a running
//! server on loopback — wrong passwords for the demo accounts and unknown usernames — and
//! prints answer times (p50/p95/p99/max), the count per status, and the server's resident
//! memory, sampled from `/proc/PID/status` every 2 ms.
//!
//! ```text
//! cargo build --release -p tuoke-server --bin tuoke-server --example login_flood
//! target/release/tuoke-server serve --addr 127.0.0.1:8099 --db sqlite:///tmp/flood/tuoke.db \
//!     --demo --trusted-proxy 127.0.0.1 &
//! target/release/examples/login_flood http://127.0.0.1:8099 $! [N] [one-address|spread]
//! ```
//! `one-address` (default): every attempt from 127.0.0.1, as one office or one attacker.
//! `spread`: each attempt names its own client with `X-Forwarded-For` (the server must trust
//! 127.0.0.1 as a proxy), so that the limiter lets all through to the password check and only
//! the hashing bound stands.

#![allow(clippy::print_stdout, reason = "the report goes to stdout")]

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::sync::Barrier;

const DEMO_USERS: [&str; 4] = ["rep1", "rep2", "manager1", "assistant1"];

fn usage() -> ! {
    eprintln!("usage: login_flood http://127.0.0.1:PORT SERVER_PID [N] [one-address|spread]");
    std::process::exit(2);
}

/// `http://127.0.0.1:8099` → the socket address; loopback only.
fn loopback_addr(url: &str) -> SocketAddr {
    let host = url.strip_prefix("http://").unwrap_or_else(|| usage());
    let host = host.trim_end_matches('/');
    let host = host.replace("localhost", "127.0.0.1");
    let addr: SocketAddr = host.parse().unwrap_or_else(|_| usage());
    if !addr.ip().is_loopback() {
        eprintln!("login_flood: only loopback addresses ({addr} is not)");
        std::process::exit(2);
    }
    addr
}

fn memory_kib(pid: u32, field: &str) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix(field)?.strip_prefix(':'))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}

async fn attempt(addr: SocketAddr, i: usize, spread: bool, start: Arc<Barrier>) -> (u16, Duration) {
    let user = if i.is_multiple_of(2) {
        DEMO_USERS[i / 2 % DEMO_USERS.len()].to_owned()
    } else {
        format!("nobody{i}")
    };
    let body = format!(r#"{{"username":"{user}","password":"guess-{i}"}}"#);
    let mut head = format!(
        "POST /api/v1/auth/login HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\n",
        body.len()
    );
    if spread {
        head.push_str(&format!(
            "X-Forwarded-For: 10.{}.{}.{}\r\n",
            i >> 16,
            (i >> 8) & 255,
            i & 255
        ));
    }
    head.push_str("\r\n");
    head.push_str(&body);
    let mut stream = TcpStream::connect(addr).await.expect("connect");
    stream.set_nodelay(true).unwrap();
    start.wait().await;
    let sent = Instant::now();
    stream.write_all(head.as_bytes()).await.expect("send");
    let mut raw = Vec::new();
    let _ = stream.read_to_end(&mut raw).await;
    let took = sent.elapsed();
    let status = std::str::from_utf8(&raw)
        .ok()
        .and_then(|r| r.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    (status, took)
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    let i = ((sorted.len() as f64 * p).ceil() as usize).clamp(1, sorted.len()) - 1;
    sorted[i].as_secs_f64() * 1000.0
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 2 {
        usage();
    }
    let addr = loopback_addr(&args[0]);
    let pid: u32 = args[1].parse().unwrap_or_else(|_| usage());
    let n: usize = args
        .get(2)
        .map_or(1000, |s| s.parse().unwrap_or_else(|_| usage()));
    let spread = match args.get(3).map(String::as_str) {
        None | Some("one-address") => false,
        Some("spread") => true,
        Some(_) => usage(),
    };
    let before = memory_kib(pid, "VmRSS").unwrap_or_else(|| {
        eprintln!("login_flood: no process {pid}");
        std::process::exit(2);
    });

    // Sample the server's resident memory until the flood is over.
    let done = Arc::new(AtomicBool::new(false));
    let peak = Arc::new(AtomicU64::new(before));
    let sampler = {
        let (done, peak) = (Arc::clone(&done), Arc::clone(&peak));
        std::thread::spawn(move || {
            while !done.load(Ordering::Relaxed) {
                if let Some(rss) = memory_kib(pid, "VmRSS") {
                    peak.fetch_max(rss, Ordering::Relaxed);
                }
                std::thread::sleep(Duration::from_millis(2));
            }
        })
    };

    let start = Arc::new(Barrier::new(n));
    let began = Instant::now();
    let tasks: Vec<_> = (0..n)
        .map(|i| tokio::spawn(attempt(addr, i, spread, Arc::clone(&start))))
        .collect();
    let mut times = Vec::with_capacity(n);
    let mut statuses: BTreeMap<u16, usize> = BTreeMap::new();
    for task in tasks {
        let (status, took) = task.await.expect("attempt");
        *statuses.entry(status).or_default() += 1;
        times.push(took);
    }
    let wall = began.elapsed();
    std::thread::sleep(Duration::from_millis(20));
    done.store(true, Ordering::Relaxed);
    sampler.join().unwrap();
    let after = memory_kib(pid, "VmRSS").unwrap_or(0);
    let hwm = memory_kib(pid, "VmHWM").unwrap_or(0);

    times.sort();
    let mode = if spread { "spread" } else { "one-address" };
    println!("login flood: {n} parallel attempts ({mode}) against {addr}, {wall:.2?} in all");
    println!(
        "answer time ms: p50 {:.1}  p95 {:.1}  p99 {:.1}  max {:.1}",
        percentile(&times, 0.50),
        percentile(&times, 0.95),
        percentile(&times, 0.99),
        percentile(&times, 1.0)
    );
    let counts: Vec<String> = statuses.iter().map(|(s, c)| format!("{s}: {c}")).collect();
    println!("statuses: {}", counts.join(", "));
    println!(
        "server RSS MiB: before {:.1}, peak sampled {:.1}, after {:.1} (VmHWM {:.1})",
        before as f64 / 1024.0,
        peak.load(Ordering::Relaxed) as f64 / 1024.0,
        after as f64 / 1024.0,
        hwm as f64 / 1024.0
    );
}
