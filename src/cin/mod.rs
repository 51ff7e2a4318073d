//! The DfE children in need census (CIN census) as input: the XML return every
//! English authority files each year (`Message` / `Header` / `Children` /
//! `Child` / `CINdetails` ...), read as it is filed, any layout from 2021 on
//! (`GenderCurrent` or `Sex`, with or without `PreProceedingsandFGDM`: the
//! elements caseaudit does not use are passed over).
//!
//! Read streaming with `quick-xml`, one `Child` at a time: memory is bounded
//! by one child's record, not by the file. A census is recognised by its
//! content (root `Message`, `Collection` `CIN`); any other XML is an error that
//! says what it is. Malformed XML stops the read at `file:line:col`; a value
//! that is not what its element holds (a date that is not a date) is a
//! finding naming the element and line, and is read as missing; stray text
//! between elements is a note.
//!
//! `checks` says what the dates say against each other (an assessment that
//! starts before its referral, or after the census's reference date), and
//! `events` turns each `CINdetails` episode into a case of events for `due`.

mod checks;
mod counted;
mod events;

pub use checks::check;
pub use events::{EVENT_NAMES, RECORDABLE, cases};

use crate::error::{InputError, Warning};
use crate::model::census::{Assessment, Child, CinPlan, CpPlan, Dated, Episode, Header, Section47};
use counted::Counted;
use quick_xml::events::Event as Xml;
use std::io::Read;

/// Whether `start` (the first bytes of an input) looks like XML: after a
/// byte-order mark and white space, a `<`.
pub fn looks_like_xml(start: &[u8]) -> bool {
    let s = start.strip_prefix(b"\xef\xbb\xbf").unwrap_or(start);
    s.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'<')
}

/// A census being read: its header, then [`Census::next_child`] child by child.
pub struct Census {
    name: String,
    xml: quick_xml::Reader<Counted<Box<dyn Read>>>,
    buf: Vec<u8>,
    pub header: Header,
    stack: Vec<Frame>,
    findings: Vec<Warning>,
    /// Children read so far.
    pub children: u64,
    /// Stray text passed over, after the first few said.
    stray: u64,
    done: bool,
    /// An empty element (`<FactorsIdentifiedAtAssessment/>`) was opened: its
    /// close is the next step.
    close_next: bool,
}

/// An element open while reading: its name, line, and the text in it.
struct Frame {
    name: String,
    line: u64,
    text: String,
    has_child: bool,
}

/// What one step of reading met.
enum Node {
    Open(String, u64),
    /// The element, its line, and its text.
    Close(String, u64, String),
    End,
}

/// The date elements of an episode.
const DATES: [&str; 11] = [
    "CINreferralDate",
    "CINclosureDate",
    "DateOfInitialCPC",
    "AssessmentActualStartDate",
    "AssessmentAuthorisationDate",
    "CINPlanStartDate",
    "CINPlanEndDate",
    "S47ActualStartDate",
    "CPPstartDate",
    "CPPendDate",
    "CPPreviewDate",
];

/// Stray text said one by one before the rest are counted.
const STRAY_SHOWN: u64 = 3;

impl Census {
    /// Opens `name`'s bytes and reads the census's header. An error when it is
    /// malformed, or XML that is not a CIN census.
    pub fn new(name: &str, input: Box<dyn Read>) -> Result<Census, InputError> {
        let mut xml = quick_xml::Reader::from_reader(Counted::new(input));
        xml.config_mut().trim_text(false);
        let mut c = Census {
            name: name.to_string(),
            xml,
            buf: Vec::new(),
            header: Header::default(),
            stack: Vec::new(),
            findings: Vec::new(),
            children: 0,
            stray: 0,
            done: false,
            close_next: false,
        };
        c.read_header()?;
        Ok(c)
    }

    /// The input as messages name it.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The findings since the last call: bad values, stray text, dates that
    /// contradict each other.
    pub fn take_findings(&mut self) -> Vec<Warning> {
        std::mem::take(&mut self.findings)
    }

    /// Stray text passed over beyond the few said one by one.
    pub fn stray_unsaid(&self) -> u64 {
        self.stray.saturating_sub(STRAY_SHOWN)
    }

    fn read_header(&mut self) -> Result<(), InputError> {
        loop {
            match self.node()? {
                Node::Open(name, line) if self.stack.len() == 1 && name != "Message" => {
                    return Err(InputError::at(
                        &self.name,
                        line,
                        None,
                        format!(
                            "is XML, but not a CIN census: its root element is <{name}> (a CIN census is a <Message> \
                             whose <Collection> is CIN)"
                        ),
                    ));
                }
                Node::Open(name, _) if name == "Children" && self.enclosing() == "Message" => break,
                Node::Close(name, line, text) => {
                    let text = text.trim();
                    match (self.parent(), name.as_str()) {
                        ("CollectionDetails", "Collection") => self.header.collection = text.to_string(),
                        ("CollectionDetails", "Year") => match text.parse::<i32>() {
                            Ok(y) => self.header.year = Some(y),
                            Err(_) => self.finding(line, format!("<Year> '{text}' is not a year; passed over")),
                        },
                        ("CollectionDetails", "ReferenceDate") => {
                            self.header.reference_date = self.date(&name, line, text, true)
                        }
                        ("Source", "LEA") => self.header.lea = text.to_string(),
                        _ => {}
                    }
                }
                Node::Open(..) => {}
                Node::End => {
                    self.done = true;
                    break;
                }
            }
        }
        if !self.header.collection.eq_ignore_ascii_case("CIN") {
            let what = match self.header.collection.as_str() {
                "" => "it has no <Collection> in its <Header>".to_string(),
                other => format!("its <Collection> is '{other}'"),
            };
            return Err(InputError::file(
                &self.name,
                format!("is a DfE <Message> return, but not a CIN census: {what} (a CIN census's is CIN)"),
            ));
        }
        if self.header.reference_date.is_none() {
            self.findings.push(Warning::file(
                &self.name,
                "the census has no usable <ReferenceDate>: nothing is taken as its as-of date (give --as-of)",
            ));
        }
        Ok(())
    }

    /// The next child, or `None` at the end of `Children`.
    pub fn next_child(&mut self) -> Result<Option<Child>, InputError> {
        let mut child: Option<Child> = None;
        loop {
            if self.done {
                return Ok(None);
            }
            match self.node()? {
                Node::End => {
                    self.done = true;
                    return Ok(None);
                }
                Node::Open(name, line) => {
                    if name == "Child" && self.enclosing() == "Children" {
                        child = Some(Child { line, ..Child::default() });
                        continue;
                    }
                    let Some(c) = child.as_mut() else { continue };
                    open_block(c, self.enclosing(), &name, line);
                }
                Node::Close(name, line, text) => {
                    if name == "Children" {
                        self.done = true;
                        return Ok(None);
                    }
                    if name == "Child" && self.parent() == "Children" {
                        let Some(c) = child.take() else { continue };
                        self.children += 1;
                        if c.id.is_empty() {
                            self.finding(c.line, "a <Child> with no <LAchildID>: skipped (its dates are not counted)");
                            continue;
                        }
                        checks::check(&c, self.header.reference_date.map(|d| d.date), &self.name, &mut self.findings);
                        return Ok(Some(c));
                    }
                    if let Some(c) = child.as_mut() {
                        let parent = self.parent().to_string();
                        self.leaf(c, &parent, &name, line, text.trim());
                    }
                }
            }
        }
    }

    /// A value element closed inside a child.
    fn leaf(&mut self, c: &mut Child, parent: &str, name: &str, line: u64, text: &str) {
        let before = self.findings.len();
        self.value(c, parent, name, line, text);
        // A date given but unreadable: what it would show is unknown.
        if self.findings.len() > before
            && parent != "ChildIdentifiers"
            && let (Some(e), Some(element)) = (c.episodes.last_mut(), DATES.iter().find(|d| **d == name))
        {
            e.unreadable.push((element, line));
        }
    }

    fn value(&mut self, c: &mut Child, parent: &str, name: &str, line: u64, text: &str) {
        let event = true;
        match (parent, name) {
            ("ChildIdentifiers", "LAchildID") => c.id = text.to_string(),
            ("ChildIdentifiers", "PersonBirthDate") => c.birth = self.date(name, line, text, false),
            ("ChildIdentifiers", "ExpectedPersonBirthDate") => c.expected_birth = self.date(name, line, text, false),
            ("CINdetails", _) => {
                let value = match name {
                    "CINreferralDate" | "CINclosureDate" | "DateOfInitialCPC" => self.date(name, line, text, event),
                    "ReferralNFA" => {
                        let nfa = self.flag(name, line, text);
                        if let Some(e) = c.episodes.last_mut() {
                            e.referral_nfa = nfa;
                        }
                        return;
                    }
                    _ => return,
                };
                let Some(e) = c.episodes.last_mut() else { return };
                let slot = match name {
                    "CINreferralDate" => &mut e.referral,
                    "CINclosureDate" => &mut e.closure,
                    _ => &mut e.icpc,
                };
                set_once(slot, value, name, line, &self.name, &mut self.findings);
            }
            ("Assessments", "AssessmentActualStartDate" | "AssessmentAuthorisationDate") => {
                let value = self.date(name, line, text, event);
                let Some(a) = c.episodes.last_mut().and_then(|e| e.assessments.last_mut()) else { return };
                let slot = if name == "AssessmentActualStartDate" { &mut a.start } else { &mut a.authorised };
                set_once(slot, value, name, line, &self.name, &mut self.findings);
            }
            ("CINPlanDates", "CINPlanStartDate" | "CINPlanEndDate") => {
                let value = self.date(name, line, text, event);
                let Some(p) = c.episodes.last_mut().and_then(|e| e.cin_plans.last_mut()) else { return };
                let slot = if name == "CINPlanStartDate" { &mut p.start } else { &mut p.end };
                set_once(slot, value, name, line, &self.name, &mut self.findings);
            }
            ("Section47", "ICPCnotRequired") => {
                let flag = self.flag(name, line, text);
                if let Some(s) = c.episodes.last_mut().and_then(|e| e.section47s.last_mut()) {
                    s.icpc_not_required = flag;
                }
            }
            ("Section47", "S47ActualStartDate" | "InitialCPCtarget" | "DateOfInitialCPC") => {
                let value = self.date(name, line, text, event);
                let Some(s) = c.episodes.last_mut().and_then(|e| e.section47s.last_mut()) else { return };
                let slot = match name {
                    "S47ActualStartDate" => &mut s.start,
                    "InitialCPCtarget" => &mut s.target,
                    _ => &mut s.icpc,
                };
                set_once(slot, value, name, line, &self.name, &mut self.findings);
            }
            ("ChildProtectionPlans", "NumberOfPreviousCPP") => {
                let n = match text.parse::<u32>() {
                    Ok(n) => Some(n),
                    Err(_) if text.is_empty() => None,
                    Err(_) => {
                        self.finding(line, format!("<{name}> '{text}' is not a number; read as missing"));
                        None
                    }
                };
                if let Some(p) = c.episodes.last_mut().and_then(|e| e.cp_plans.last_mut()) {
                    p.previous = n;
                }
            }
            ("ChildProtectionPlans", "CPPstartDate" | "CPPendDate") => {
                let value = self.date(name, line, text, event);
                let Some(p) = c.episodes.last_mut().and_then(|e| e.cp_plans.last_mut()) else { return };
                let slot = if name == "CPPstartDate" { &mut p.start } else { &mut p.end };
                set_once(slot, value, name, line, &self.name, &mut self.findings);
            }
            ("Reviews", "CPPreviewDate") => {
                if let (Some(d), Some(p)) =
                    (self.date(name, line, text, event), c.episodes.last_mut().and_then(|e| e.cp_plans.last_mut()))
                {
                    p.reviews.push(d);
                }
            }
            _ => {}
        }
    }

    /// A date element's value: `None`, with a finding, when it is not a date
    /// (or, for the date of an event, not one deadlines can be worked out for).
    fn date(&mut self, name: &str, line: u64, text: &str, event: bool) -> Option<Dated> {
        if text.is_empty() {
            return None;
        }
        // xs:date may carry a time zone (`2024-03-31Z`, `2024-03-31+01:00`).
        let day = text.get(..10).filter(|_| text.len() > 10 && text.as_bytes()[4] == b'-').unwrap_or(text);
        let parsed = crate::calendar::dates::parse_date(day).map_err(|e| e.to_string());
        match parsed.and_then(|d| if event { crate::calendar::trackable(d).map(|_| d) } else { Ok(d) }) {
            Ok(date) => Some(Dated { date, line }),
            Err(why) => {
                self.finding(line, format!("<{name}> '{text}': {why}; read as missing"));
                None
            }
        }
    }

    /// An xs:boolean: `true`, `false`, `1` or `0`.
    fn flag(&mut self, name: &str, line: u64, text: &str) -> bool {
        match text.to_ascii_lowercase().as_str() {
            "true" | "1" => true,
            "false" | "0" | "" => false,
            _ => {
                self.finding(line, format!("<{name}> '{text}' is not true or false; read as false"));
                false
            }
        }
    }

    fn finding(&mut self, line: u64, message: impl Into<String>) {
        self.findings.push(Warning::at(&self.name, line, None, message));
    }

    fn parent(&self) -> &str {
        self.stack.last().map_or("", |f| f.name.as_str())
    }

    /// The element around the one just opened.
    fn enclosing(&self) -> &str {
        self.stack.len().checked_sub(2).map_or("", |i| self.stack[i].name.as_str())
    }

    /// Reads on to the next element opened or closed; text goes to the open
    /// element, and text beside elements is stray.
    fn node(&mut self) -> Result<Node, InputError> {
        if std::mem::take(&mut self.close_next) {
            let frame = self.stack.pop().expect("an empty element just opened");
            return Ok(Node::Close(frame.name, frame.line, frame.text));
        }
        loop {
            let at = self.xml.buffer_position();
            let event = self.xml.read_event_into(&mut self.buf);
            self.xml.get_mut().mark(at);
            let line = self.xml.get_ref().place(at).0;
            let event = match event {
                Ok(e) => e,
                Err(e) => {
                    let (line, column) = self.xml.get_ref().place(self.xml.error_position());
                    return Err(InputError::at(&self.name, line, Some(column), format!("malformed XML: {e}")));
                }
            };
            let text: Option<String> = match &event {
                Xml::Start(e) | Xml::Empty(e) => {
                    let name = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
                    let empty = matches!(event, Xml::Empty(_));
                    self.buf.clear();
                    self.open(&name, line)?;
                    // An empty element closes on the next step, so that while
                    // its open is handled it is on the stack like any other.
                    self.close_next = empty;
                    return Ok(Node::Open(name, line));
                }
                Xml::End(_) => {
                    let frame = self.stack.pop().expect("quick-xml checks end names");
                    self.buf.clear();
                    return Ok(Node::Close(frame.name, frame.line, frame.text));
                }
                Xml::Text(t) => Some(t.xml_content().map_err(|e| bad(&self.name, line, e))?.into_owned()),
                Xml::CData(t) => Some(t.decode().map_err(|e| bad(&self.name, line, e))?.into_owned()),
                Xml::GeneralRef(r) => {
                    let resolved = match r.resolve_char_ref() {
                        Ok(Some(c)) => c.to_string(),
                        _ => match r.decode().map_err(|e| bad(&self.name, line, e))?.as_ref() {
                            "amp" => "&".into(),
                            "lt" => "<".into(),
                            "gt" => ">".into(),
                            "quot" => "\"".into(),
                            "apos" => "'".into(),
                            other => format!("&{other};"),
                        },
                    };
                    Some(resolved)
                }
                Xml::Eof => {
                    if let Some(open) = self.stack.last() {
                        let (line, column) = self.xml.get_ref().place(self.xml.buffer_position());
                        return Err(InputError::at(
                            &self.name,
                            line,
                            Some(column),
                            format!(
                                "malformed XML: the file ends inside <{}> (opened on line {})",
                                open.name, open.line
                            ),
                        ));
                    }
                    return Ok(Node::End);
                }
                Xml::Decl(_) | Xml::PI(_) | Xml::DocType(_) | Xml::Comment(_) => None,
            };
            self.buf.clear();
            if let Some(t) = text {
                self.text(&t, line)?;
            }
        }
    }

    /// An element opens: text already in its parent is stray (it stands
    /// beside elements, not in a value).
    fn open(&mut self, name: &str, line: u64) -> Result<(), InputError> {
        let mut stray = None;
        if let Some(parent) = self.stack.last_mut() {
            parent.has_child = true;
            if !parent.text.trim().is_empty() {
                stray = Some((std::mem::take(&mut parent.text), parent.name.clone()));
            }
            parent.text.clear();
        }
        if let Some((text, within)) = stray {
            self.stray_text(&text, &within, line);
        }
        self.stack.push(Frame { name: name.to_string(), line, text: String::new(), has_child: false });
        Ok(())
    }

    /// Text inside the open element: its value, or stray text beside its
    /// elements.
    fn text(&mut self, text: &str, line: u64) -> Result<(), InputError> {
        let Some(top) = self.stack.last_mut() else {
            if text.trim().is_empty() {
                return Ok(());
            }
            return Err(InputError::at(&self.name, line, None, "malformed XML: text outside the root element"));
        };
        if top.has_child {
            if !text.trim().is_empty() {
                let within = top.name.clone();
                self.stray_text(text, &within, line);
            }
            return Ok(());
        }
        top.text.push_str(text);
        Ok(())
    }

    fn stray_text(&mut self, text: &str, within: &str, line: u64) {
        self.stray += 1;
        if self.stray <= STRAY_SHOWN {
            let shown: String = text.split_whitespace().collect::<Vec<_>>().join(" ").chars().take(40).collect();
            let w = Warning::at(
                &self.name,
                line,
                None,
                format!("stray text '{shown}' between elements in <{within}>; passed over"),
            );
            self.findings.push(w.note());
        }
    }
}

fn bad(file: &str, line: u64, e: impl std::fmt::Display) -> InputError {
    InputError::at(file, line, None, format!("malformed XML: {e}"))
}

/// An element that opens a block of a child's record: a new episode, or a new
/// assessment, plan, enquiry or child protection plan in the episode.
fn open_block(c: &mut Child, parent: &str, name: &str, line: u64) {
    match (parent, name) {
        ("Child", "CINdetails") => {
            let number = c.episodes.len() as u32 + 1;
            c.episodes.push(Episode { number, line, ..Episode::default() });
        }
        ("CINdetails", block) => {
            let Some(e) = c.episodes.last_mut() else { return };
            match block {
                "Assessments" => e.assessments.push(Assessment { line, ..Assessment::default() }),
                "CINPlanDates" => e.cin_plans.push(CinPlan { line, ..CinPlan::default() }),
                "Section47" => e.section47s.push(Section47 { line, ..Section47::default() }),
                "ChildProtectionPlans" => e.cp_plans.push(CpPlan { line, ..CpPlan::default() }),
                _ => {}
            }
        }
        _ => {}
    }
}

/// Sets a value an element gives once; a second is a finding, and the first
/// stands.
fn set_once(slot: &mut Option<Dated>, value: Option<Dated>, name: &str, line: u64, file: &str, out: &mut Vec<Warning>) {
    match (slot.as_ref(), value) {
        (Some(first), Some(_)) => out.push(Warning::at(
            file,
            line,
            None,
            format!("a second <{name}> in one block (the first is on line {}); the first is used", first.line),
        )),
        (_, v @ Some(_)) => *slot = v,
        _ => {}
    }
}

#[cfg(test)]
mod tests;
