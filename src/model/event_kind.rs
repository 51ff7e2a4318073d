//! The built-in events (docs/reference/conventions.md), typed, so that a misspelt event in the code does not
//! compile. A local timescale file (or an events file using it) may add events
//! of its own: those are [`EventKind::Local`], and compare by name.
//!
//! The variants are in processing order (a referral before its visit, coming
//! into care before the first visit), and the derived order puts local events
//! after them by name: the order a case's events on one day are worked in.

use std::rc::Rc;

macro_rules! events {
    ($count:literal; $($variant:ident $name:literal,)*) => {
        /// One kind of case event.
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum EventKind {
            $($variant,)*
            /// An event that a local timescale set adds. (A thin pointer keeps
            /// the kind, and so every event held in memory, 8 bytes smaller.)
            Local(Rc<Box<str>>),
        }

        impl EventKind {
            /// The names scripts rely on (docs/reference/conventions.md), in processing order.
            pub const NAMES: [&'static str; $count] = [$($name),*];

            /// The event's name, as files and output write it.
            pub fn name(&self) -> &str {
                match self {
                    $(EventKind::$variant => $name,)*
                    EventKind::Local(name) => name,
                }
            }

            /// The event a name stands for: one of the documented, else a local one.
            pub fn from_name(name: &str) -> EventKind {
                match name {
                    $($name => EventKind::$variant,)*
                    other => EventKind::Local(Rc::new(Box::from(other))),
                }
            }

            /// The name of one of the documented events; `None` for a local one.
            pub fn known_name(&self) -> Option<&'static str> {
                match self {
                    $(EventKind::$variant => Some($name),)*
                    EventKind::Local(_) => None,
                }
            }

            /// A documented event's place in [`EventKind::NAMES`] (its processing
            /// order); `None` for a local one. For tables indexed by kind.
            pub fn code(&self) -> Option<usize> {
                let mut i = 0;
                $(
                    if matches!(self, EventKind::$variant) {
                        return Some(i);
                    }
                    i += 1;
                )*
                let _ = i;
                None
            }

            /// Whether this is one of the documented events.
            pub fn is_known(&self) -> bool {
                !matches!(self, EventKind::Local(_))
            }
        }
    };
}

events! { 31;
    Contact "contact",
    Referral "referral",
    AssessmentCompleted "assessment-completed",
    CinReview "cin-review",
    CinVisit "cin-visit",
    ConcernsRaised "concerns-raised",
    StrategyDiscussion "strategy-discussion",
    Icpcc "icpcc",
    PreBirthIcpcc "pre-birth-icpcc",
    Birth "birth",
    CoreGroup "core-group",
    Rcpcc "rcpcc",
    CpVisit "cp-visit",
    BecameLookedAfter "became-looked-after",
    PlacementMove "placement-move",
    ClaReview "cla-review",
    ClaVisit "cla-visit",
    HealthAssessment "health-assessment",
    DentalCheck "dental-check",
    SixteenthBirthday "sixteenth-birthday",
    CareLeaverContact "care-leaver-contact",
    CareLeaverMove "care-leaver-move",
    PathwayPlanReview "pathway-plan-review",
    AuditMonth "audit-month",
    InadequateAudit "inadequate-audit",
    RecordedEvent "recorded-event",
    CaseTransferred "case-transferred",
    RecordAudit "record-audit",
    CeasedLookedAfter "ceased-looked-after",
    CpPlanEnded "cp-plan-ended",
    CaseClosed "case-closed",
}

impl std::fmt::Display for EventKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl<'de> serde::Deserialize<'de> for EventKind {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<EventKind, D::Error> {
        let name = String::deserialize(d)?;
        Ok(EventKind::from_name(&name))
    }
}

#[cfg(test)]
mod tests {
    use super::EventKind;

    #[test]
    fn a_kind_is_two_words() {
        assert_eq!(std::mem::size_of::<EventKind>(), 16);
    }

    #[test]
    fn names_round_trip_and_order_is_processing_order() {
        for (i, name) in EventKind::NAMES.into_iter().enumerate() {
            let k = EventKind::from_name(name);
            assert_eq!(k.code(), Some(i));
            assert!(k.is_known(), "{name}");
            assert_eq!(k.name(), name);
        }
        let local = EventKind::from_name("family-group-conference");
        assert!(!local.is_known());
        assert_eq!(local.name(), "family-group-conference");
        assert!(EventKind::Referral < EventKind::CinVisit);
        assert!(EventKind::CaseClosed < local);
        assert!(EventKind::from_name("a-local") < EventKind::from_name("b-local"));
    }
}
