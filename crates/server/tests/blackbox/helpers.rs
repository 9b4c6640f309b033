//! zero2prod-style helpers: run the real binary against a fresh database.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::{Child, Command, ExitStatus, Output, Stdio};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tuoke_server::db::Db;
use tuoke_server::testing::PgTestDatabase;
pub use tuoke_server::testing::{note, skip_postgres};

pub const BIN: &str = env!("CARGO_BIN_EXE_tuoke-server");

/// How long a server may take to print its "listening" line (debug build, cold disk).
const STARTUP_TIMEOUT: Duration = Duration::from_secs(60);

/// A database for one test: a SQLite file in a temp dir, or a fresh PostgreSQL database.
pub struct TestDb {
    pub url: String,
    _dir: Option<tempfile::TempDir>,
    _postgres: Option<PgTestDatabase>,
}

impl TestDb {
    /// Not created yet: the binary must create the file (and its directory) itself.
    pub fn sqlite() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}/db/tuoke.db", dir.path().display());
        Self {
            url,
            _dir: Some(dir),
            _postgres: None,
        }
    }

    /// A new, empty database in the cluster at `TUOKE_TEST_POSTGRES_URL`; `None` if unset.
    pub fn postgres() -> Option<Self> {
        let database = PgTestDatabase::create()?;
        Some(Self {
            url: database.url.clone(),
            _dir: None,
            _postgres: Some(database),
        })
    }

    /// Connects through the server's own code, for assertions on what the binary stored.
    pub fn block_on<T>(&self, f: impl AsyncFnOnce(Db) -> T) -> T {
        runtime().block_on(async {
            let db = Db::connect(&self.url).await.unwrap();
            f(db).await
        })
    }

    /// (username, role, manager's username, password hash), ordered by username.
    pub fn users(&self) -> Vec<(String, String, Option<String>, String)> {
        const SQL: &str = "SELECT u.username, u.role, m.username, u.password_hash \
             FROM users u LEFT JOIN users m ON m.id = u.manager_id ORDER BY u.username";
        self.block_on(async |db| match db {
            Db::Sqlite(pool) => sqlx::query_as(SQL).fetch_all(&pool).await.unwrap(),
            Db::Postgres(pool) => sqlx::query_as(SQL).fetch_all(&pool).await.unwrap(),
        })
    }

    pub fn applied_migrations(&self) -> i64 {
        const SQL: &str = "SELECT COUNT(*) FROM _sqlx_migrations";
        self.block_on(async |db| match db {
            Db::Sqlite(pool) => sqlx::query_scalar(SQL).fetch_one(&pool).await.unwrap(),
            Db::Postgres(pool) => sqlx::query_scalar(SQL).fetch_one(&pool).await.unwrap(),
        })
    }
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

/// The binary with a clean environment for the variables it reads.
pub fn tuoke(args: &[&str]) -> Command {
    let mut cmd = Command::new(BIN);
    cmd.args(args)
        .env_remove("TUOKE_DATABASE_URL")
        .env_remove("TUOKE_PASSWORD")
        .env_remove("TUOKE_REQUEST_TIMEOUT_SECS")
        .env_remove("TUOKE_HEADER_TIMEOUT_SECS")
        .env_remove("TUOKE_TRUSTED_PROXIES")
        .env("RUST_LOG", "info");
    cmd
}

/// Runs to completion, feeding `stdin` if given (else an empty stdin).
pub fn run(mut cmd: Command, stdin: Option<&str>) -> Output {
    cmd.stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("binary starts");
    let mut pipe = child.stdin.take().unwrap();
    if let Some(input) = stdin {
        pipe.write_all(input.as_bytes()).unwrap();
    }
    drop(pipe);
    child.wait_with_output().unwrap()
}

pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A running `tuoke-server serve`, killed on drop.
pub struct TestServer {
    child: Child,
    pub addr: SocketAddr,
    stderr: Arc<Mutex<String>>,
    /// Every stdout line so far (logs), with a condition variable to wait on new ones.
    stdout: Arc<(Mutex<Vec<String>>, std::sync::Condvar)>,
    _static_dir: tempfile::TempDir,
}

/// A dist/ with just an app shell.
fn static_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("index.html"), "<!doctype html><p>shell</p>").unwrap();
    dir
}

pub fn spawn_server(db: &TestDb, extra_args: &[&str]) -> TestServer {
    let dir = static_dir();
    spawn_server_with_static(db, dir.path().to_path_buf(), extra_args, dir)
}

pub fn spawn_server_with_static(
    db: &TestDb,
    static_path: PathBuf,
    extra_args: &[&str],
    keep: tempfile::TempDir,
) -> TestServer {
    spawn_server_full(db, static_path, extra_args, keep, &[])
}

/// [`spawn_server`] with extra environment variables (e.g. `RUST_LOG`).
pub fn spawn_server_env(db: &TestDb, extra_args: &[&str], env: &[(&str, &str)]) -> TestServer {
    let dir = static_dir();
    spawn_server_full(db, dir.path().to_path_buf(), extra_args, dir, env)
}

fn spawn_server_full(
    db: &TestDb,
    static_path: PathBuf,
    extra_args: &[&str],
    keep: tempfile::TempDir,
    env: &[(&str, &str)],
) -> TestServer {
    let mut cmd = tuoke(&["serve", "--addr", "127.0.0.1:0", "--db", &db.url]);
    cmd.envs(env.iter().copied());
    cmd.arg("--static")
        .arg(&static_path)
        .args(extra_args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("binary starts");

    let stderr = Arc::new(Mutex::new(String::new()));
    let mut pipe = child.stderr.take().unwrap();
    let sink = Arc::clone(&stderr);
    let stderr_reader = std::thread::spawn(move || {
        let mut buf = String::new();
        let _ = pipe.read_to_string(&mut buf);
        sink.lock().unwrap().push_str(&buf);
    });

    let (tx, rx) = mpsc::channel();
    let stdout = child.stdout.take().unwrap();
    let lines = Arc::new((Mutex::new(Vec::new()), std::sync::Condvar::new()));
    let sink = Arc::clone(&lines);
    std::thread::spawn(move || {
        // Keep draining after the line, so that logging never blocks on a full pipe.
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if let Some(url) = line.strip_prefix("tuoke-server listening on http://") {
                let _ = tx.send(url.parse::<SocketAddr>().unwrap());
            }
            sink.0.lock().unwrap().push(line);
            sink.1.notify_all();
        }
    });
    match rx.recv_timeout(STARTUP_TIMEOUT) {
        Ok(addr) => TestServer {
            child,
            addr,
            stderr,
            stdout: lines,
            _static_dir: keep,
        },
        Err(_) => {
            let _ = child.kill();
            let status = child.wait().unwrap();
            // The stderr thread has read everything once the exited child's pipe is closed.
            let _ = stderr_reader.join();
            panic!(
                "server did not start ({status}); stderr: {}",
                stderr.lock().unwrap()
            );
        }
    }
}

impl TestServer {
    /// `GET path` without a token: (status, body).
    pub fn get(&self, path: &str) -> (u16, String) {
        let r = crate::api::request(self.addr, "GET", path, None, None, b"");
        (r.status, String::from_utf8_lossy(&r.body).into_owned())
    }

    /// Whether the server process is still running (it has not exited, crashed or aborted).
    pub fn is_running(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }

    /// Sends SIGTERM and waits for the exit.
    pub fn terminate(mut self) -> ExitStatus {
        let killed = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(killed.success());
        self.child.wait().unwrap()
    }

    /// Waits until a stdout line satisfies `pred`; returns its index among all lines.
    pub fn wait_for_line(&self, pred: impl Fn(&str) -> bool) -> usize {
        let (lines, cond) = &*self.stdout;
        let mut guard = lines.lock().unwrap();
        loop {
            if let Some(i) = guard.iter().position(|l| pred(l)) {
                return i;
            }
            let (next, timeout) = cond.wait_timeout(guard, STARTUP_TIMEOUT).unwrap();
            assert!(!timeout.timed_out(), "no such log line; got {:?}", next);
            guard = next;
        }
    }

    /// Sends SIGTERM without waiting.
    pub fn signal_term(&self) {
        let killed = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(killed.success());
    }

    /// Waits for the exit; returns the status and every stdout line.
    pub fn wait_exit(mut self) -> (ExitStatus, Vec<String>) {
        let status = self.child.wait().unwrap();
        // The reader thread ends at EOF; wait for it to have stored the last line.
        let (lines, cond) = &*self.stdout;
        let mut guard = lines.lock().unwrap();
        while !guard.iter().any(|l| l.contains(" stopped")) && status.success() {
            let (next, timeout) = cond.wait_timeout(guard, STARTUP_TIMEOUT).unwrap();
            assert!(!timeout.timed_out());
            guard = next;
        }
        (status, guard.clone())
    }

    /// The server's process id (e.g. to read `/proc/PID/status`).
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    pub fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
