use super::*;
use crate::words::trim;

fn open(bytes: &[u8]) -> Result<CsvFile, InputError> {
    CsvFile::from_reader("t.csv".into(), Box::new(io::Cursor::new(bytes.to_vec())), "cases", &ColumnMap::default())
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
