mod cli;
mod core;
mod data;
mod hostile;
#[cfg(unix)] // it sends SIGINT with `kill`
mod interrupt;
mod newsroom;
mod provenance;
mod reproducible;
mod run;
mod search;
#[cfg(target_os = "linux")] // it reads /proc/PID/status and makes symbolic links
mod serve;

/// The default data set, compiled from `seeds/`.
fn seeds() -> factcard_core::model::DataSet {
    factcard_dataset::compile_dir(factcard_dataset::SEEDS.as_ref()).unwrap()
}
