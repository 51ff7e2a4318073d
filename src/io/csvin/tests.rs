use super::*;
use crate::words::trim;

fn open(bytes: &[u8]) -> Result<CsvFile, InputError> {
    CsvFile::from_reader("t.csv".into(), Box::new(io::Cursor::new(bytes.to_vec())), "check", &ColumnMap::default())
}

#[test]
fn trim_fast_path_agrees_with_str_trim() {
    for s in ["", " ", "a", " a ", "a\u{a0}", "\u{a0}a", "ab", "\tab\r", "é", " é "] {
        assert_eq!(trim(s), s.trim(), "{s:?}");
    }
}

#[test]
fn bom_crlf_and_header_variants() {
    let mut f = open(b"\xEF\xBB\xBF Case ID ,Worker-Id\r\nC1,W1\r\n").unwrap();
    let c = f.require("case_id").unwrap();
    let w = f.require("worker_id").unwrap();
    assert!(f.next_record().unwrap());
    assert_eq!(f.row().text(c), "C1");
    assert_eq!(f.row().text(w), "W1");
    assert_eq!(f.row().line(), 2);
    assert!(!f.next_record().unwrap());
}

#[test]
fn windows_1252_is_decoded_per_field() {
    let mut f = open(b"case_id,note\nC1,\x93quoted\x94 \xA35\n").unwrap();
    let n = f.require("note").unwrap();
    assert!(f.next_record().unwrap());
    assert_eq!(f.row().text(n), "\u{201c}quoted\u{201d} \u{a3}5");
    assert!(f.saw_windows_1252());
}

#[test]
fn null_dates_are_blank() {
    // SQL Server saves an empty date as NULL; any other word is an error.
    let mut f = open(b"case_id,closed\nC1,NULL\nC2,null\nC3,none\n").unwrap();
    let c = f.require("closed").unwrap();
    for _ in 0..2 {
        assert!(f.next_record().unwrap());
        assert_eq!(f.row().date(Some(c)).unwrap(), None);
    }
    assert!(f.next_record().unwrap());
    assert!(f.row().date(Some(c)).is_err());
}

#[test]
fn embedded_newlines_report_the_starting_line() {
    let mut f = open(b"case_id,opened\nC1,\"multi\nline\"\nC2,31/02/2026\n").unwrap();
    let o = f.require("opened").unwrap();
    assert!(f.next_record().unwrap());
    assert!(f.next_record().unwrap());
    let e = f.row().date(Some(o)).unwrap_err();
    assert_eq!((e.line, e.column), (Some(4), Some(2)));
    assert_eq!(f.row().record_number(), 2);
}

/// A reader that hands over one byte at a time, so every line end falls on a
/// chunk boundary.
struct Trickle(io::Cursor<Vec<u8>>);

impl Read for Trickle {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = buf.len().min(1);
        self.0.read(&mut buf[..n])
    }
}

#[test]
fn line_ends_lf_crlf_and_lone_cr_all_count() {
    // Old Mac "CSV" ends lines with a lone CR (found by proptest: every record
    // was reported on line 1).
    // A quoted cell with a CR inside spans two lines.
    for (bytes, lines) in [
        (&b"case_id\rC1\rC2\r"[..], &[2, 3][..]),
        (&b"case_id\r\nC1\r\nC2\r\n"[..], &[2, 3]),
        (&b"case_id\nC1\r\"a\rb\"\nC2\n"[..], &[2, 3, 5]),
        (&b"case_id\r\rC1\nC2"[..], &[3, 4]),
    ] {
        for trickle in [false, true] {
            let inner: Box<dyn Read> = if trickle {
                Box::new(Trickle(io::Cursor::new(bytes.to_vec())))
            } else {
                Box::new(io::Cursor::new(bytes.to_vec()))
            };
            let mut f = CsvFile::from_reader("t.csv".into(), inner, "cases", &ColumnMap::default()).unwrap();
            let mut got = Vec::new();
            while f.next_record().unwrap() {
                got.push(f.row().line());
            }
            assert_eq!(got, lines, "{bytes:?} trickle={trickle}");
        }
    }
}

#[test]
fn bad_inputs_are_errors_with_positions() {
    assert!(open(b"").unwrap_err().message.contains("empty"));
    assert!(open(b"\xFF\xFEc\0a\0").unwrap_err().message.contains("UTF-16"));
    assert!(open(b"PK\x03\x04\0\0binary").unwrap_err().message.contains("Excel workbook"));
    assert!(open(b"a,b\nc,\0\n").unwrap_err().message.contains("does not look like a CSV"));
    let mut f = open(b"case_id,worker_id\r\nC1,W1\r\nC2\r\n").unwrap();
    assert!(f.next_record().unwrap());
    let e = f.next_record().unwrap_err();
    assert_eq!(e.line, Some(3));
    assert!(e.message.contains("1 fields but the header has 2"), "{e}");
    let f = open(b"case_id,CASE ID\n").unwrap();
    assert!(f.column("case_id").unwrap_err().message.contains("two columns"));
    let f = open(b"a,b\n").unwrap();
    assert!(f.require("case_id").unwrap_err().to_string().starts_with("t.csv:1: no 'case_id' column"));
}

fn open_kind(bytes: &[u8], kind: &'static str, map: &ColumnMap) -> Result<CsvFile, InputError> {
    CsvFile::from_reader("t.csv".into(), Box::new(io::Cursor::new(bytes.to_vec())), kind, map)
}

/// The lines of every data row, read to the end.
fn lines(f: &mut CsvFile) -> Vec<u64> {
    let mut out = Vec::new();
    while f.next_record().unwrap() {
        out.push(f.row().line());
    }
    out
}

#[test]
fn blank_rows_are_skipped_and_counted() {
    // Excel's "Save as CSV" writes a blank row as commas; white space alone
    // is blank too. A row with one cell filled is data.
    let mut f = open(b"case_id,worker_id\nC1,W1\n,\n , \nC2,\n,\n").unwrap();
    assert_eq!(lines(&mut f), [2, 5]);
    let notes = f.notes();
    assert_eq!((notes.blank_rows, notes.blank_lines.clone()), (3, vec![3, 4, 6]));
    let said: Vec<String> = notes.warnings().iter().map(|w| format!("{}: {w}", w.level.label())).collect();
    assert_eq!(said, ["note: t.csv: 3 blank rows skipped (lines 3, 4, 6)"]);
    // Record numbers count every row after the header, blank ones too.
    let mut f = open(b"case_id\n\"\"\nC2\n").unwrap();
    assert!(f.next_record().unwrap());
    assert_eq!((f.row().line(), f.row().record_number()), (3, 2));
}

#[test]
fn a_title_above_the_header_is_passed_over() {
    let text = "Staff List \u{2013} run 01/12/2026,,\n,,\nWorker ID,Job Title,Team\nW1,Social Worker,T1\n";
    let mut f = open_kind(text.as_bytes(), "staff", &ColumnMap::default()).unwrap();
    let id = f.require("staff_id").unwrap();
    assert_eq!(f.raw_headers(), ["Worker ID", "Job Title", "Team"]);
    assert!(f.next_record().unwrap());
    assert_eq!((f.row().text(id).as_ref(), f.row().line()), ("W1", 4));
    let said: Vec<String> = f.notes().warnings().iter().map(ToString::to_string).collect();
    assert_eq!(
        said,
        [
            "t.csv: the header is on line 3; the 2 lines above it were skipped as a title",
            "t.csv: columns read under other names: 'Worker ID' as staff_id",
        ]
    );
    // The split in two halves cuts by bytes after the first line: not here.
    assert!(f.header_moved());
}

#[test]
fn the_header_is_the_first_row_that_has_every_needed_column() {
    // A row naming one needed column is not enough while a later row names
    // them all; with none naming them all, the one naming the most is taken
    // and the error says what it has.
    let text = b"staff_id,notes\nx,y\nstaff_id,role,team\nW1,r,t\n";
    let mut f = open_kind(text, "staff", &ColumnMap::default()).unwrap();
    assert_eq!(lines(&mut f), [4]);
    let f = open_kind(b"Report\nstaff_id,Role\nW1,r\n", "staff", &ColumnMap::default()).unwrap();
    let e = f.require("team").unwrap_err().to_string();
    assert_eq!(
        e,
        "t.csv:2: no 'team' column (the header row, line 2, has 2 columns: 'staff_id', 'Role'); add it, or map \
         your header to it with --columns"
    );
}

#[test]
fn a_given_header_row_is_taken_as_it_is() {
    let map = ColumnMap::default().with_header_row(Some(2));
    let mut f = open_kind(b"a,b\ncase_id,note\nC1,x\n", "check", &map).unwrap();
    assert_eq!(f.raw_headers(), ["case_id", "note"]);
    assert_eq!(lines(&mut f), [3]);
    let map = ColumnMap::default().with_header_row(Some(9));
    let e = open_kind(b"a,b\nc,d\n", "check", &map).unwrap_err().to_string();
    assert_eq!(e, "t.csv: --header-row 9: the file has fewer rows");
}

#[test]
fn widths_blank_cells_past_the_header_are_dropped_and_others_refused() {
    let mut f = open(b"case_id,worker_id\nC1,W1,,\nC2,W2\n").unwrap();
    assert_eq!(lines(&mut f), [2, 3]);
    let mut f = open(b"case_id,worker_id\nC1,W1,oops\n").unwrap();
    let e = f.next_record().unwrap_err().to_string();
    assert!(e.starts_with("t.csv:2: this row has 3 fields but the header has 2"), "{e}");
    let mut f = open(b"case_id,worker_id\nC1\n").unwrap();
    assert!(f.next_record().unwrap_err().to_string().starts_with("t.csv:2: this row has 1 fields"));
}

#[test]
fn an_error_met_looking_for_the_header_comes_after_the_rows_before_it() {
    // The header lacks a needed column, so the search reads on, into a
    // broken row: the rows before it are still read first.
    let mut f = open_kind(b"staff_id,role\nW1,r\nW2,r,x,y\nW3,r\n", "staff", &ColumnMap::default()).unwrap();
    assert!(f.next_record().unwrap());
    assert_eq!(f.row().line(), 2);
    assert!(f.next_record().unwrap_err().to_string().starts_with("t.csv:3: this row has 4 fields"));
}

#[test]
fn a_file_with_only_a_header_says_so() {
    let mut f = open(b"case_id,worker_id\n,\n").unwrap();
    assert_eq!(lines(&mut f), Vec::<u64>::new());
    let w = f.notes().warnings();
    assert!(w.iter().any(|w| w.strict && w.to_string() == "t.csv: has a header but no rows: nothing was read from it"));
    assert!(open(b",,\n,,\n").unwrap_err().to_string().contains("is empty"));
}

#[test]
fn errors_quote_headers_as_written() {
    let map = ColumnMap::load_text("c.yaml", "staff:\n  staff_id: Worker ID\n").unwrap();
    let f = open_kind(b"Worker Ref,Role,Team\nW1,r,t\n", "staff", &map).unwrap();
    let e = f.require("staff_id").unwrap_err().to_string();
    assert!(e.contains("says 'staff_id' is headed 'Worker ID', but no column has that header"), "{e}");
    let f = open(b"Case ID,case-id\nC1,C1\n").unwrap();
    let e = f.require("case_id").unwrap_err().to_string();
    assert!(e.contains("two columns are headed 'case-id' (columns 1 and 2)"), "{e}");
}
