//! Tera is pinned to a minor version because its escaping changed between
//! minors. This renders a template exercising escaping through our own theme
//! loader and compares it with a stored snapshot; on an intended change,
//! rerun with UPDATE_SNAPSHOTS=1 and review the diff.

use briefing::content::model::SiteConfig;
use briefing::minify::Minify;
use briefing::render::Theme;
use std::fs;
use std::path::Path;

const TEMPLATE: &str = r#"<p title="{{ value }}">{{ value }}</p>
<p>{{ value | safe }}</p>
<p>{{ list | join(sep=", ") }}</p>
<p>{{ value | upper }}</p>
<p>{% if missing is defined %}defined{% else %}undefined{% endif %}</p>
<p>{{ t.greeting }}</p>
"#;

#[test]
fn escaping_matches_the_snapshot() {
    let dir = tempfile::tempdir().unwrap();
    let theme = dir.path().join("themes/snap");
    fs::create_dir_all(theme.join("templates")).unwrap();
    fs::create_dir_all(theme.join("strings")).unwrap();
    fs::write(theme.join("templates/page.html"), TEMPLATE).unwrap();
    // The default theme's strings (the renderer needs its keys), and one more.
    let strings = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/strings/en.yaml");
    let strings = fs::read_to_string(strings).unwrap();
    fs::write(
        theme.join("strings/en.yaml"),
        format!("{strings}greeting: \"Hi <b>&</b>\"\n"),
    )
    .unwrap();
    let config = SiteConfig {
        title: [("en".to_string(), "Snap".to_string())].into(),
        base_url: "https://example.org/".into(),
        default_language: "en".into(),
        languages: vec!["en".into()],
        theme: "snap".into(),
        minify: Minify::Pages,
        ..SiteConfig::default()
    };
    let theme = Theme::load(dir.path(), &config).expect("theme loads");
    let mut context = tera::Context::new();
    context.insert("value", "<script>alert('x')</script> & \"q\" `b` =c");
    context.insert("list", &["<a>", "b&c"]);
    context.insert("t", &theme.strings["en"]);
    let html = theme.tera.render("page.html", &context).expect("renders");
    let snapshot = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots/escaping.html");
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        fs::write(&snapshot, &html).unwrap();
    }
    let expected =
        fs::read_to_string(&snapshot).expect("snapshot exists (UPDATE_SNAPSHOTS=1 writes it)");
    assert_eq!(
        html, expected,
        "Tera's output changed; review and rerun with UPDATE_SNAPSHOTS=1"
    );
    assert_eq!(
        html.matches("<script>").count(),
        1,
        "autoescape is on: only the `safe` value stays raw"
    );
}
