mod cli;
mod data;
mod provenance;
mod search;
