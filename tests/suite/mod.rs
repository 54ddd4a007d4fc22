mod cli;
mod data;
mod provenance;
