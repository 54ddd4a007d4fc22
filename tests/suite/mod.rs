mod cli;
mod data;
mod hostile;
mod provenance;
mod search;
