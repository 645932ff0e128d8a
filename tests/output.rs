//! The output directory: never inside the site's inputs, and no debris from
//! failed, interrupted or concurrent builds.

mod common;

use common::{snapshot, TempSite};

#[test]
fn an_output_dir_inside_the_inputs_is_refused_force_or_not() {
    let site = TempSite::fixture("basic");
    let before = snapshot(site.root());
    let cases: [(&[&str], &str); 6] = [
        (&["--output", "content", "--force"], "content/"),
        (&["--output", "themes", "--force"], "themes/"),
        (&["--output", "themes/default/static/out"], "themes/"),
        (&["--output", "content/briefings/new"], "content/"),
        (&["--output", "static/site", "--force"], "static/"),
        (&["--output", "./templates/../content"], "content/"),
    ];
    for (args, folder) in cases {
        let out = site.run(&[&["build"], args].concat());
        assert_eq!(out.code, Some(1), "{args:?}: {}", out.stderr);
        assert!(
            out.stderr
                .contains(&format!("is or lies inside the site's {folder} folder")),
            "{args:?}: {}",
            out.stderr
        );
        assert_eq!(snapshot(site.root()), before, "{args:?} changed the site");
    }
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
    assert_eq!(snapshot(&content), before);
}
