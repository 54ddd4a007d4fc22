mod cli;
mod core;
mod data;
mod hostile;
mod newsroom;
mod provenance;
mod search;
mod serve;

/// The default data set, compiled from `seeds/`.
fn seeds() -> factcard_core::model::DataSet {
    factcard_compile::compile_dir(factcard_compile::SEEDS.as_ref()).unwrap()
}
