//! The native command: renders SVG, and an invalid spec exits 2 with the error on stderr.

use std::process::Command;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_hashrate-outage-chart"))
}

fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn render_writes_an_svg_of_the_requested_size() {
    let out = std::env::temp_dir().join(format!("hoc-cli-{}.svg", std::process::id()));
    let status = bin()
        .args(["render", &fixture("readme_example.json"), "-o"])
        .arg(&out)
        .args(["--width", "640", "--height", "360", "--theme", "dark"])
        .status()
        .expect("runs");
    assert!(status.success());
    let svg = std::fs::read_to_string(&out).expect("written");
    let _ = std::fs::remove_file(&out);
    assert!(
        svg.starts_with("<svg width=\"640\" height=\"360\""),
        "{}",
        &svg[..80.min(svg.len())]
    );
    assert!(svg.contains("Kazakhstan internet shutdown"));
    assert!(svg.contains("fill=\"#121417\""), "dark background");
}

#[test]
fn invalid_spec_exits_2_with_the_error_on_stderr() {
    let dir = std::env::temp_dir().join(format!("hoc-cli-bad-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let spec = dir.join("bad.json");
    std::fs::write(&spec, r#"{"serie": []}"#).expect("write");
    let output = bin()
        .args(["render"])
        .arg(&spec)
        .arg("-o")
        .arg(dir.join("out.svg"))
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("serie: unknown key"), "{stderr}");
    assert!(
        !dir.join("out.svg").exists(),
        "no output for an invalid spec"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn usage_errors_exit_2_and_missing_files_exit_1() {
    let output = bin()
        .args(["render", "--width", "abc", "x.json"])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("--width"));
    let output = bin()
        .args(["render", "/nonexistent/spec.json"])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(1));
    let output = bin().args(["draw"]).output().expect("runs");
    assert_eq!(output.status.code(), Some(2));
}
