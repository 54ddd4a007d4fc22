//! One data file as the compiler reads it: a TOML file, or a sheet turned into the TOML that says the same (see
//! [`crate::csv`]).

use crate::csv;
use crate::error::Error;

/// One data file: its name (as errors show it) and its text (TOML; a sheet's is made from it, see [`csv`]).
pub struct Input {
    pub name: String,
    pub text: String,
    /// For a sheet, the cell behind each key of `text`, so that errors name rows and columns.
    pub(crate) cells: Vec<csv::Cell>,
    /// For a sheet, its header row.
    pub(crate) headers: Vec<String>,
    /// A sheet separated by `;`, which takes decimal commas (see [`csv`]).
    pub(crate) comma: bool,
    /// For a sheet, the errors of cells its TOML could not say (reported with the compiler's own).
    pub(crate) errors: Vec<Error>,
}

impl Input {
    /// A TOML file.
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Input {
        Input {
            name: name.into(),
            text: text.into(),
            cells: Vec::new(),
            headers: Vec::new(),
            comma: false,
            errors: Vec::new(),
        }
    }

    /// A CSV sheet (`facts*.csv`, `sources*.csv`, `topics*.csv`, `entities*.csv`), as its TOML.
    pub fn csv(name: impl Into<String>, text: &str) -> Result<Input, Vec<Error>> {
        let name = name.into();
        let s = csv::to_toml(&name, text)?;
        Ok(Input { name, text: s.toml, cells: s.cells, headers: s.headers, comma: s.comma, errors: s.errors })
    }

    /// A CSV sheet from its bytes: UTF-8, or Windows-1252 as Excel saves "CSV" by default (see [`csv`]).
    pub fn csv_bytes(name: impl Into<String>, bytes: &[u8]) -> Result<Input, Vec<Error>> {
        let name = name.into();
        let text = csv::text(&name, bytes)?;
        Input::csv(name, &text)
    }

    /// Whether the input is a sheet.
    pub fn is_sheet(&self) -> bool {
        !self.cells.is_empty() || self.name.to_ascii_lowercase().ends_with(".csv")
    }
}
