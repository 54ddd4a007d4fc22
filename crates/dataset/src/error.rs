//! A problem in a data file, and its place: a line and column of a TOML file, or a cell of a sheet (its row,
//! column and header). The two kinds of place are two variants of [`Place`], so that a line of TOML cannot be
//! read as a row of a sheet.

use std::fmt;

/// A problem in a data file, at a place.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    /// The file, as the user named it (or `(data set)` for the set as a whole).
    pub file: String,
    pub place: Place,
    pub message: String,
    pub hint: Option<String>,
}

/// Where in a file a problem is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Place {
    /// A place in a TOML file: 1-based line, and 1-based column in characters.
    Text { line: usize, column: usize },
    /// A cell of a sheet: 1-based row (the header is row 1; a field with line breaks is still one row), 1-based
    /// column (0 for the row as a whole), and the column's header.
    Cell { row: usize, column: usize, header: Option<String> },
}

impl Error {
    /// A problem at a line and column of a TOML file.
    pub fn at(file: impl Into<String>, line: usize, column: usize, message: String, hint: Option<String>) -> Error {
        Error { file: file.into(), place: Place::Text { line, column }, message, hint }
    }

    /// A problem at a cell of a sheet (`column` 0 for its row as a whole).
    pub fn in_cell(
        file: impl Into<String>,
        row: usize,
        column: usize,
        header: Option<&str>,
        message: String,
        hint: Option<String>,
    ) -> Error {
        let place = Place::Cell { row, column, header: header.map(Into::into) };
        Error { file: file.into(), place, message, hint }
    }

    /// The row and column of a problem in a sheet; `None` in a TOML file.
    pub fn cell(&self) -> Option<(usize, usize)> {
        match self.place {
            Place::Cell { row, column, .. } => Some((row, column)),
            Place::Text { .. } => None,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.place {
            Place::Cell { row, column, header } => {
                write!(f, "{}: row {row}", self.file)?;
                if *column > 0 {
                    write!(f, ", column {}", letters(*column))?;
                }
                if let Some(h) = header {
                    write!(f, " ({h})")?;
                }
                write!(f, ": {}", self.message)?;
            }
            Place::Text { line, column } => write!(f, "{}:{line}:{column}: {}", self.file, self.message)?,
        }
        if let Some(h) = &self.hint {
            write!(f, " (hint: {h})")?;
        }
        Ok(())
    }
}

impl std::error::Error for Error {}

/// Column letters as spreadsheets show them: 1 is A, 27 is AA.
pub fn letters(mut n: usize) -> String {
    let mut out = Vec::new();
    while n > 0 {
        out.push(b'A' + ((n - 1) % 26) as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// Each sheet's errors in the order of its rows and columns (a sheet's own errors and the compiler's are found in
/// different passes); the other errors keep their places.
pub(crate) fn in_row_order(errors: &mut [Error]) {
    let at: Vec<usize> = (0..errors.len()).filter(|&i| errors[i].cell().is_some()).collect();
    let mut sheet: Vec<Error> = at.iter().map(|&i| errors[i].clone()).collect();
    let mut files: Vec<String> = Vec::new();
    for e in &sheet {
        if !files.contains(&e.file) {
            files.push(e.file.clone());
        }
    }
    sheet.sort_by_key(|e| (files.iter().position(|f| *f == e.file), e.cell()));
    for (i, e) in at.into_iter().zip(sheet) {
        errors[i] = e;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The two kinds of place print as they always have: `file:line:column` in a TOML file; file, row, column
    /// letters and header in a sheet (no column for a row as a whole, no header where there is none).
    #[test]
    fn each_place_prints_in_its_own_words() {
        let hint = Some("h".to_string());
        assert_eq!(Error::at("a.toml", 3, 9, "m".into(), hint.clone()).to_string(), "a.toml:3:9: m (hint: h)");
        let cell = Error::in_cell("facts.csv", 4, 28, Some("unit"), "m".into(), None);
        assert_eq!(cell.to_string(), "facts.csv: row 4, column AB (unit): m");
        assert_eq!(cell.place, Place::Cell { row: 4, column: 28, header: Some("unit".into()) });
        assert_eq!(cell.cell(), Some((4, 28)));
        let row = Error::in_cell("facts.csv", 2, 0, None, "m".into(), hint);
        assert_eq!(row.to_string(), "facts.csv: row 2: m (hint: h)");
        assert_eq!(Error::at("a.toml", 2, 1, "m".into(), None).cell(), None);
    }

    #[test]
    fn sheet_errors_sort_by_row_and_column_and_the_others_stay() {
        let toml = Error::at("a.toml", 9, 9, "t".into(), None);
        let cell = |row, column| Error::in_cell("f.csv", row, column, None, String::new(), None);
        let mut errors = [cell(3, 1), toml.clone(), cell(2, 5), cell(2, 1)];
        in_row_order(&mut errors);
        assert_eq!(errors, [cell(2, 1), toml, cell(2, 5), cell(3, 1)]);
    }
}
