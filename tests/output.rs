//! The output directory: never inside the site's inputs, and no debris from
//! failed, interrupted or concurrent builds.

mod common;

use common::{snapshot, TempSite};

/// Builds `site` with each case's arguments, expecting a refusal naming the
/// case's folder and the site left as it was.
fn assert_refused(site: &TempSite, cases: &[(&[&str], &str)]) {
    let before = snapshot(site.root());
    for (args, folder) in cases {
        let out = site.run(&[&["build"], *args].concat());
        assert_eq!(out.code, Some(1), "{args:?}: {}", out.stderr);
        assert!(
            out.stderr
                .contains(&format!("is or lies inside the site's {folder} folder")),
            "{args:?}: {}",
            out.stderr
        );
        assert!(snapshot(site.root()) == before, "{args:?} changed the site");
    }
}

#[test]
fn an_output_dir_inside_the_inputs_is_refused_force_or_not() {
    let site = TempSite::fixture("basic");
    let cases: [(&[&str], &str); 6] = [
        (&["--output", "content", "--force"], "content/"),
        (&["--output", "themes", "--force"], "themes/"),
        (&["--output", "themes/default/static/out"], "themes/"),
        (&["--output", "content/briefings/new"], "content/"),
        (&["--output", "static/site", "--force"], "static/"),
        (&["--output", "./templates/../content"], "content/"),
    ];
    assert_refused(&site, &cases);
}

#[cfg(unix)]
#[test]
fn an_output_dir_reached_through_a_symlink_into_the_inputs_is_refused() {
    let site = TempSite::fixture("basic");
    let content = site.root().join("content");
    let before = snapshot(&content);
    std::os::unix::fs::symlink(&content, site.root().join("link")).unwrap();
    let out = site.run(&["build", "--output", "link/briefings", "--force"]);
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    assert!(out.stderr.contains("content/ folder"), "{}", out.stderr);
    assert!(snapshot(&content) == before, "the tree changed");
}

/// The site's state folders are refused as outputs like its inputs, `--force`
/// or not (review s10 F10: `--output .git --force` deleted the repository,
/// `--output .briefing --force` the translation snapshots).
#[test]
fn the_sites_state_folders_are_refused_as_outputs_force_or_not() {
    let site = TempSite::fixture("basic");
    site.write(".git/HEAD", "ref: refs/heads/main\n");
    site.write(".briefing/originals/0123456789abcdef.md", "Title\n\nBody\n");
    site.write(".briefing-cache/.gitignore", "*\n");
    let cases: [(&[&str], &str); 5] = [
        (&["--output", ".git", "--force"], ".git/"),
        (&["--output", ".git/objects/out"], ".git/"),
        (&["--output", ".briefing", "--force"], ".briefing/"),
        (
            &["--output", "./x/../.briefing/originals", "--force"],
            ".briefing/",
        ),
        (
            &["--output", ".briefing-cache", "--force"],
            ".briefing-cache/",
        ),
    ];
    assert_refused(&site, &cases);
}

/// The build never writes through a symbolic link in its cache folder
/// (review s10 F13: `.briefing-cache/outputs` linked to a file outside the
/// site made every build append to it; `locks` linked to a folder got the
/// lock file).
#[cfg(unix)]
#[test]
fn the_build_never_writes_through_a_link_in_its_cache_folder() {
    use std::os::unix::fs::symlink;
    let site = TempSite::fixture("basic");
    let cache = site.root().join(".briefing-cache");
    std::fs::create_dir(&cache).unwrap();
    let victim = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(victim.path(), "precious\n").unwrap();
    symlink(victim.path(), cache.join("outputs")).unwrap();
    let out = site.run(&["build"]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert!(
        out.stderr.contains(
            ".briefing-cache/outputs: warning: this is a symbolic link in the build's cache folder"
        ),
        "{}",
        out.stderr
    );
    assert_eq!(
        std::fs::read_to_string(victim.path()).unwrap(),
        "precious\n"
    );

    std::fs::remove_file(cache.join("outputs")).unwrap();
    std::fs::remove_dir_all(cache.join("locks")).unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    symlink(elsewhere.path(), cache.join("locks")).unwrap();
    let out = site.run(&["build", "--force"]);
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    assert!(
        out.stderr
            .contains(".briefing-cache/locks: error: this is a symbolic link"),
        "{}",
        out.stderr
    );
    assert_eq!(std::fs::read_dir(elsewhere.path()).unwrap().count(), 0);

    // A lock file that is a link is refused too.
    std::fs::remove_file(cache.join("locks")).unwrap();
    assert_eq!(site.run(&["build", "--force"]).code, Some(0));
    let lock = std::fs::read_dir(cache.join("locks"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    std::fs::remove_file(&lock).unwrap();
    symlink(victim.path(), &lock).unwrap();
    let out = site.run(&["build"]);
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    assert!(
        out.stderr
            .contains("error: this is a symbolic link in the build's cache folder"),
        "{}",
        out.stderr
    );
    assert_eq!(
        std::fs::read_to_string(victim.path()).unwrap(),
        "precious\n"
    );
}

/// A process id that no process can have (Linux's pid_max is at most 2^22).
const DEAD_PID: u32 = 4_194_305;

/// The hidden names beside `public/`, sorted.
fn beside_output(site: &TempSite) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(site.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".public"))
        .collect();
    names.sort();
    names
}

#[test]
fn leftovers_of_interrupted_builds_are_removed_at_the_next_build() {
    let site = TempSite::fixture("basic");
    site.write(&format!(".public.staging-{DEAD_PID}/index.html"), "half");
    site.write(&format!(".public.old-{DEAD_PID}/index.html"), "old");
    site.build();
    assert!(
        beside_output(&site).is_empty(),
        "{:?}",
        beside_output(&site)
    );
}

#[test]
fn a_build_stopped_between_the_two_renames_gets_its_output_back() {
    let site = TempSite::fixture("basic");
    let public = site.build();
    let before = snapshot(&public);
    std::fs::rename(&public, site.root().join(format!(".public.old-{DEAD_PID}"))).unwrap();
    site.write(
        "content/briefings/alpha/01-intro.zh-Hant.md",
        "---\ntitle: x\n---\n\n壞了。[^404]\n",
    );
    let out = site.run(&["build"]);
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    assert!(
        out.stderr
            .ends_with("the output directory was left as it was\n"),
        "{}",
        out.stderr
    );
    assert!(
        snapshot(&public) == before,
        "the previous output is back and unchanged"
    );
    assert!(
        beside_output(&site).is_empty(),
        "{:?}",
        beside_output(&site)
    );
}

#[test]
fn a_second_build_into_the_same_output_fails_clearly_and_leaves_nothing() {
    let site = TempSite::fixture("basic");
    let public = site.build();
    let before = snapshot(&public);
    // The lock file is in the cache folder, not beside the output (review R23).
    let locks = site.root().join(".briefing-cache/locks");
    let lock_path = std::fs::read_dir(&locks)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    assert!(lock_path
        .file_name()
        .unwrap()
        .to_string_lossy()
        .starts_with("public-"));
    let lock = std::fs::File::options()
        .write(true)
        .open(lock_path)
        .unwrap();
    lock.try_lock().unwrap(); // as a running build holds it
    let out = site.run(&["build"]);
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    assert!(
        out.stderr
            .contains("another briefing build is writing this output directory"),
        "{}",
        out.stderr
    );
    assert!(snapshot(&public) == before, "the tree changed");
    assert!(
        beside_output(&site).is_empty(),
        "{:?}",
        beside_output(&site)
    );
    drop(lock);
    assert_eq!(site.run(&["build"]).code, Some(0));
}

#[test]
fn concurrent_builds_each_succeed_or_say_why_and_leave_nothing() {
    use std::process::{Command, Stdio};
    let site = TempSite::shipped();
    let builds: Vec<_> = (0..3)
        .map(|_| {
            Command::new(env!("CARGO_BIN_EXE_briefing"))
                .arg("--root")
                .arg(site.root())
                .arg("build")
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for build in builds {
        let out = build.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        let refused = stderr.contains("another briefing build is writing this output directory");
        assert!(out.status.success() || refused, "{stderr}");
    }
    assert!(
        beside_output(&site).is_empty(),
        "{:?}",
        beside_output(&site)
    );
    assert!(site.public().join("index.html").is_file());
}

#[cfg(unix)]
#[test]
fn builds_killed_at_any_moment_leave_nothing_after_the_next_build() {
    use std::process::{Command, Stdio};
    use std::time::{Duration, Instant};
    let site = TempSite::shipped();
    let staging = |site: &TempSite| beside_output(site).iter().any(|n| n.contains(".staging-"));
    for delay_ms in [0, 10, 40] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_briefing"))
            .arg("--root")
            .arg(site.root())
            .arg("build")
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let started = Instant::now();
        while !staging(&site) && started.elapsed() < Duration::from_secs(10) {
            std::thread::sleep(Duration::from_millis(1));
        }
        std::thread::sleep(Duration::from_millis(delay_ms));
        child.kill().unwrap(); // SIGKILL: no destructor runs
        child.wait().unwrap();
    }
    assert!(
        staging(&site),
        "the killed builds left their staging folders"
    );
    site.build();
    assert!(
        beside_output(&site).is_empty(),
        "{:?}",
        beside_output(&site)
    );
}

/// Makes a file under a folder immutable (`chattr +i`: even root cannot
/// delete it); dropped, makes everything under that folder mutable again.
struct Immutable(std::path::PathBuf);

impl Immutable {
    fn set(folder: &std::path::Path, file: &str) -> Option<Immutable> {
        let ok = std::process::Command::new("chattr")
            .arg("+i")
            .arg(folder.join(file))
            .status()
            .is_ok_and(|s| s.success());
        ok.then(|| Immutable(folder.to_path_buf()))
    }
}

impl Drop for Immutable {
    fn drop(&mut self) {
        let _ = std::process::Command::new("chattr")
            .args(["-R", "-i"])
            .arg(&self.0)
            .status();
    }
}

#[test]
fn a_previous_output_that_cannot_be_removed_is_a_warning_not_a_failure() {
    let site = TempSite::fixture("basic");
    let public = site.build();
    let Some(stuck) = Immutable::set(site.root(), "public/robots.txt") else {
        common::report(
            "SKIPPED a_previous_output_that_cannot_be_removed…: chattr +i is not permitted here",
        );
        return;
    };
    let yaml = "content/briefings/alpha/briefing.yaml";
    let text = std::fs::read_to_string(site.root().join(yaml)).unwrap();
    site.write(yaml, &text.replace("甲簡報", "新標題"));
    let out = site.run(&["build"]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert!(
        out.stderr
            .contains("is in place, but its previous copy could not be removed"),
        "{}",
        out.stderr
    );
    assert!(!out.stderr.contains("left as it was"), "{}", out.stderr);
    let page = std::fs::read_to_string(public.join("briefings/alpha/index.html")).unwrap();
    assert!(page.contains("新標題"), "the new site is live");
    assert!(beside_output(&site)[0].starts_with(".public.old-"));
    drop(stuck);
    site.build();
    assert!(beside_output(&site).is_empty(), "the next build removed it");
}
