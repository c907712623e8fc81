//! Running the `extract` example from an integration test: `cargo test`
//! builds the examples before it runs the tests, and the binary is looked
//! up next to the test's own executable.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// `target/<profile>/examples/extract`, found from the test's executable
/// (`target/<profile>/deps/<test>-<hash>`).
pub fn extract_bin() -> PathBuf {
    let exe = std::env::current_exe().expect("test executable");
    let profile = exe.parent().and_then(Path::parent).expect("target/<profile>");
    let bin = profile.join("examples").join(format!("extract{}", std::env::consts::EXE_SUFFIX));
    assert!(
        bin.exists(),
        "{} is missing: run `cargo test` (which builds the examples) or `cargo build --example extract`",
        bin.display()
    );
    bin
}

/// Runs `extract` with `args` and `stdin`, in `dir`.
pub fn run(dir: &Path, args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(extract_bin())
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run extract");
    // A run that stops before reading its input (a bad option, a bad
    // saved file) closes the pipe first: that is its answer, not an error.
    if let Err(e) = child.stdin.take().expect("stdin").write_all(stdin) {
        assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "write stdin: {e}");
    }
    child.wait_with_output().expect("extract finished")
}
