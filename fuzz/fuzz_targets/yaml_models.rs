//! Any YAML text parses into the content model or yields a diagnostic, never a panic.
#![no_main]

use briefing::content::model::{BriefingMeta, GlossaryEntry, SiteConfig};
use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|text: &str| {
    let file = Path::new("f.yaml");
    let _ = briefing::yaml::parse::<SiteConfig>(text, file, 1, "site.yaml");
    let _ = briefing::yaml::parse::<BriefingMeta>(text, file, 1, "briefing.yaml");
    let _ = briefing::yaml::parse::<Vec<GlossaryEntry>>(text, file, 1, "the glossary");
});
