//! `briefing`: a static site generator for a bilingual research-briefing portal.
//!
//! The data flow is one module per stage (see docs/ARCHITECTURE.md):
//! `import` turns a paper's text into content files; `content` loads the
//! content tree into a typed model; `markdown` and `notes` resolve and render
//! sections; `glossary` links terms and checks the glossary; `render` fills
//! the theme's templates; `output` writes the site. `build` puts the stages
//! together; `serve` rebuilds incrementally for the dev server; `scaffold`
//! creates new briefings; `rename` names section files after their English
//! titles.

pub mod bounded;
pub mod build;
pub mod citation;
pub mod cjk;
pub mod content;
pub mod diagnostics;
pub mod digest;
pub mod glossary;
pub mod i18n;
pub mod import;
pub mod markdown;
pub mod minify;
pub mod notes;
pub mod output;
pub mod rename;
pub mod render;
pub mod scaffold;
pub mod serve;
pub mod status;
pub mod translation;
pub mod urls;
pub mod yaml;
pub mod yaml_text;
