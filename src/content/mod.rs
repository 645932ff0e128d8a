//! The content tree: its typed model and (soon) loading it from disk.

pub mod model;
