//! Native integration tests, one binary with a module per area (`cargo test`).
#![cfg(not(target_arch = "wasm32"))]

mod suite;
