//! The exports as the programs they are made for read them: the TimelineJS file in TimelineJS
//! (from the npm registry) in headless Chromium, the HTML page in Chromium and an HTML validator
//! (`html-validate`, npm), the iCalendar file in two Python parsers (`icalendar`, `vobject`).
//! `.ci/run` installs them (Chromium from Debian, the npm packages under `target/js`, the Python
//! ones with pip); elsewhere a check whose program is missing says so and passes, under CI it
//! fails. Screenshots are kept in `target/browser/`.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn manifest() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The npm packages' folder (`DATELINE_JS`, else `target/js/node_modules`).
fn node_modules() -> PathBuf {
    std::env::var_os("DATELINE_JS")
        .map(PathBuf::from)
        .unwrap_or_else(|| manifest().join("target/js/node_modules"))
}

/// `Some(())` when `ready`; else `None` with a note, or a failure under CI.
fn need(ready: bool, what: &str) -> Option<()> {
    if ready {
        return Some(());
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "{what} is missing: .ci/run installs it"
    );
    eprintln!("skipped: {what} is not installed (.ci/run installs it)");
    None
}

fn chromium() -> Option<PathBuf> {
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .find_map(|name| {
            Command::new("which")
                .arg(name)
                .output()
                .ok()
                .filter(|o| o.status.success())
                .map(|o| PathBuf::from(String::from_utf8_lossy(&o.stdout).trim()))
        })
}

/// The sample's golden export `name` (tests/golden, made by tests/exports_chronology.rs).
fn golden(name: &str) -> String {
    std::fs::read_to_string(manifest().join("tests/golden").join(name)).expect("golden file")
}

/// A static file server on a free local port, serving `root`, stopped when dropped.
struct Server(std::process::Child, u16);

impl Server {
    fn start(root: &Path) -> Self {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map(|a| a.port())
            .expect("a free port");
        let child = Command::new("python3")
            .args([
                "-m",
                "http.server",
                &port.to_string(),
                "--bind",
                "127.0.0.1",
            ])
            .current_dir(root)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("python3 http.server");
        for _ in 0..100 {
            if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        Server(child, port)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// The page's DOM after its scripts ran, and a screenshot of it.
fn render(browser: &Path, url: &str, shot: &Path) -> String {
    let base = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--virtual-time-budget=8000",
    ];
    let dom = Command::new(browser)
        .args(base)
        .arg("--dump-dom")
        .arg(url)
        .stderr(Stdio::null())
        .output()
        .expect("chromium runs");
    let _ = std::fs::create_dir_all(shot.parent().unwrap_or(Path::new(".")));
    let status = Command::new(browser)
        .args(base)
        .arg("--window-size=1100,760")
        .arg(format!("--screenshot={}", shot.display()))
        .arg(url)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("chromium runs");
    assert!(status.success() && shot.exists(), "no screenshot of {url}");
    String::from_utf8_lossy(&dom.stdout).into_owned()
}

#[test]
fn timelinejs_shows_every_event_as_a_slide() {
    let dist = node_modules().join("@knight-lab/timelinejs/dist");
    let Some(browser) = chromium() else {
        let _ = need(false, "chromium");
        return;
    };
    if need(
        dist.join("js/timeline.js").exists(),
        "TimelineJS (npm @knight-lab/timelinejs)",
    )
    .is_none()
    {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let link = dir.path().join("timelinejs");
    std::os::unix::fs::symlink(&dist, &link).expect("link TimelineJS");
    let data = golden("sample.timeline.json");
    let slides = serde_json::from_str::<serde_json::Value>(&data).expect("JSON")["events"]
        .as_array()
        .map_or(0, Vec::len);
    let page = format!(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\">\
         <link rel=\"stylesheet\" href=\"timelinejs/css/timeline.css\">\
         <script src=\"timelinejs/js/timeline.js\"></script></head>\
         <body><div id=\"timeline\" style=\"width:1080px;height:700px\"></div><script>\
         new TL.Timeline('timeline', {data}, {{ script_path: new URL('timelinejs/js/', location.href).href }});\
         </script></body></html>"
    );
    std::fs::write(dir.path().join("index.html"), page).expect("page");
    let server = Server::start(dir.path());
    let dom = render(
        &browser,
        &format!("http://127.0.0.1:{}/index.html", server.1),
        &manifest().join("target/browser/timelinejs.png"),
    );
    // one slide per event, and the title slide
    let rendered = dom.matches("tl-slide-content-container").count();
    assert_eq!(rendered, slides + 1, "slides in the page");
    assert!(dom.contains("Peaceful protest on the Lachin-Khankendi road (Xankəndi)"));
}

#[test]
fn the_page_renders_and_passes_an_html_validator() {
    let validator = node_modules().join(".bin/html-validate");
    let Some(browser) = chromium() else {
        let _ = need(false, "chromium");
        return;
    };
    if need(validator.exists(), "html-validate (npm)").is_none() {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let page = dir.path().join("chronology.html");
    std::fs::write(&page, golden("sample.html")).expect("page");
    let out = Command::new(&validator)
        .arg(&page)
        .output()
        .expect("html-validate runs");
    assert!(
        out.status.success(),
        "html-validate: {}",
        String::from_utf8_lossy(&out.stdout)
    );
    let dom = render(
        &browser,
        &format!("file://{}", page.display()),
        &manifest().join("target/browser/chronology.png"),
    );
    assert_eq!(dom.matches("<li class=\"event\"").count(), 5);
}

#[test]
fn the_calendar_is_read_by_two_parsers() {
    let have = Command::new("python3")
        .args(["-c", "import icalendar, vobject"])
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if need(have, "python icalendar and vobject").is_none() {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("sample.ics");
    std::fs::write(&file, golden("sample.ics")).expect("file");
    let script = r#"
import sys, icalendar, vobject
text = open(sys.argv[1], encoding="utf-8").read()
cal = icalendar.Calendar.from_ical(text)
a = sorted((str(e["UID"]), str(e["SUMMARY"]), e.decoded("DTSTART").isoformat(), e.decoded("DTEND").isoformat()) for e in cal.walk("VEVENT"))
v = vobject.readOne(text)
b = sorted((e.uid.value, e.summary.value, e.dtstart.value.isoformat(), e.dtend.value.isoformat()) for e in v.vevent_list)
assert a == b, (a, b)
print(len(a))
for row in a: print("\t".join(row))
"#;
    let out = Command::new("python3")
        .args(["-c", script])
        .arg(&file)
        .output()
        .expect("python3 runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("5"), "{text}");
    assert!(
        text.contains("ev-0002-protest@dateline\tPeaceful protest on the Lachin-Khankendi road (Xankəndi)\t2022-12-12\t2022-12-13"),
        "{text}"
    );
    assert!(
        text.contains(
            "ev-0004-month@dateline\tMonitoring of mineral deposits\t2022-12-01\t2023-01-01"
        ),
        "{text}"
    );
}
