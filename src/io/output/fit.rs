//! A table fitted to a terminal's width without breaking a value: an id, a
//! date or a reason code split over two lines (`10014` / `8`) reads as two
//! wrong values. Each column needs at least its longest word (text wraps only
//! at spaces); when all of them cannot fit, the columns that matter least are
//! left out, and the table says which (docs/reference/conventions.md).

/// Columns left out first when a table is too wide, most expendable first:
/// values the same on every row, people's names (their ids stay), and long
/// text that `--wide` or a file shows in full.
const EXPENDABLE: &[&str] = &[
    "month",
    "source",
    "hint",
    "worker_name",
    "auditor_name",
    "email",
    "area",
    "auditor_team",
    "service",
    "detail",
    "recorded_due",
    "met_on",
    "event_date",
    "restricted",
];

/// Columns kept to the last: what a row is about and what is owed.
const ESSENTIAL: &[&str] =
    &["case_id", "worker_id", "auditor_id", "staff_id", "obligation", "due", "status", "message", "date", "name"];

/// Which columns a table keeps, each with the width it cannot go below, and
/// which it leaves out.
#[derive(Debug, PartialEq, Eq)]
pub struct Fit {
    pub kept: Vec<(usize, u16)>,
    pub left_out: Vec<usize>,
}

/// The longest word of a cell: what the column cannot be narrower than.
fn longest_word(text: &str) -> usize {
    text.split(' ').map(|w| w.chars().count()).max().unwrap_or(0)
}

/// The columns of a table of `rows` under `header` that fit `width`
/// characters, in their order, each no narrower than its longest word.
pub fn columns(header: &[String], rows: &[Vec<String>], width: u16) -> Fit {
    let least: Vec<usize> = (0..header.len())
        .map(|c| {
            let cells = rows.iter().filter_map(|r| r.get(c)).map(|v| longest_word(v));
            cells.chain([longest_word(&header[c])]).max().unwrap_or(0).max(1)
        })
        .collect();
    // `| a | b |`: each column takes its width and three more, plus one.
    let needs = |cols: &[usize]| 1 + cols.iter().map(|&c| least[c] + 3).sum::<usize>();
    let mut kept: Vec<usize> = (0..header.len()).collect();
    // The order columns are left out in: the expendable ones, then the others
    // from the right, then the essential ones from the right.
    let essential = |c: &usize| ESSENTIAL.contains(&header[*c].as_str());
    let mut order: Vec<usize> = EXPENDABLE.iter().filter_map(|name| header.iter().position(|h| h == name)).collect();
    let others: Vec<usize> = (0..header.len()).rev().filter(|c| !order.contains(c) && !essential(c)).collect();
    order.extend(others);
    order.extend((0..header.len()).rev().filter(essential));
    let mut left_out = Vec::new();
    for c in order {
        if needs(&kept) <= usize::from(width) || kept.len() == 1 {
            break;
        }
        kept.retain(|&k| k != c);
        left_out.push(c);
    }
    left_out.sort_unstable();
    Fit { kept: kept.into_iter().map(|c| (c, least[c].min(usize::from(u16::MAX)) as u16)).collect(), left_out }
}

/// `text` in lines of at most `width` characters, broken at spaces (a word
/// longer than the line stands alone).
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split(' ') {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    lines.push(line);
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn what_fits_is_kept_whole_and_the_rest_left_out_least_needed_first() {
        let header = strings(&["month", "case_id", "worker_id", "due", "source"]);
        let rows = vec![strings(&["2026-11", "100148", "W01", "2026-12-04", "Quality Practice Audit Appendix 5"])];
        // Everything: 1 + (7+3) + (7+3) + (9+3) + (10+3) + (8+3) = 57.
        let all = columns(&header, &rows, 80);
        assert!(all.left_out.is_empty());
        assert_eq!(all.kept, [(0, 7), (1, 7), (2, 9), (3, 10), (4, 8)]);
        // Narrower: the month goes first, then the source.
        let some = columns(&header, &rows, 47);
        assert_eq!(some.left_out, [0]);
        let fewer = columns(&header, &rows, 40);
        assert_eq!(fewer.left_out, [0, 4]);
        // However narrow, one column stays.
        assert_eq!(columns(&header, &rows, 5).kept.len(), 1);
    }

    #[test]
    fn notes_wrap_at_spaces() {
        assert_eq!(wrap("aa bb cc", 5), ["aa bb", "cc"]);
        assert_eq!(wrap("a verylongword b", 4), ["a", "verylongword", "b"]);
    }
}
