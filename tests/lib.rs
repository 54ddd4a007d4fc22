//! Native integration tests, one binary with a module per area (`cargo test`).

mod suite;
