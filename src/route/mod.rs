//! `route`: who takes a concern about an open case (docs/route.md; Concerns on an
//! open case). Pure: the staff, cases, absences and rota arrive as records,
//! the moment of the call as a value, and the answer is the ordered steps.
//!
//! - Through admin, the call goes to the allocated worker if they are in.
//! - If not, and it can wait: the caller is told when the worker is back, and
//!   a message is emailed to the worker, copied to the team manager (or the
//!   covering team manager when the team manager is away).
//! - If it cannot wait: the policy's chain (duty worker, team manager,
//!   covering manager, any team manager, service manager, any service
//!   manager), stopping at the first person in.
//! - Through the contact service: alerts to the worker, the team's work tray
//!   and the team manager; the covering manager watches the tray while the
//!   team manager is away.
//! - A closed case whose sibling's case is open routes as the sibling's.

pub mod coverage;
pub mod hours;
mod people;
pub mod policy;

pub use hours::{Hours, Presence};
pub use people::Router;

use chrono::NaiveDateTime;

/// How the concern came in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Via {
    /// By phone, through the team's admin.
    Admin,
    /// Through the contact service, recorded as a case note with alerts.
    ContactService,
}

/// A concern to route.
#[derive(Debug, Clone, Copy)]
pub struct Call {
    pub case: u32,
    pub at: NaiveDateTime,
    pub urgent: bool,
    pub via: Via,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Put the call through.
    Transfer,
    /// Email the caller's message.
    Message,
    /// An alert on the case record.
    Alert,
}

impl Action {
    pub fn word(self) -> &'static str {
        match self {
            Action::Transfer => "transfer",
            Action::Message => "message",
            Action::Alert => "alert",
        }
    }
}

/// The part a step's recipient plays.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recipient {
    To,
    /// Copied into a message.
    Cc,
    /// The team's work tray, or the manager who watches it.
    Tray,
}

impl Recipient {
    pub fn word(self) -> &'static str {
        match self {
            Recipient::To => "to",
            Recipient::Cc => "cc",
            Recipient::Tray => "tray",
        }
    }
}

/// Whose step it is, in the procedure's words (and in the routing policy's
/// `chain`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    AllocatedWorker,
    DutyWorker,
    TeamManager,
    CoveringManager,
    AnyTeamManager,
    ServiceManager,
    AnyServiceManager,
    WorkTray,
}

impl Role {
    pub fn word(self) -> &'static str {
        match self {
            Role::AllocatedWorker => "allocated-worker",
            Role::DutyWorker => "duty-worker",
            Role::TeamManager => "team-manager",
            Role::CoveringManager => "covering-manager",
            Role::AnyTeamManager => "any-team-manager",
            Role::ServiceManager => "service-manager",
            Role::AnyServiceManager => "any-service-manager",
            Role::WorkTray => "work-tray",
        }
    }
}

/// Why a step has nobody to try.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Missing {
    /// The case has no allocated worker.
    Unallocated,
    /// No `--rota` was given, so nobody can say who is on duty.
    NoRota,
    /// The rota names no duty worker for the team that day.
    NotOnRota,
    NoTeamManager,
    /// Neither the rota nor the staff file names a covering manager.
    NoCover,
    NoServiceManager,
    /// Nobody in the staff file holds the role (for the "any" steps), or
    /// everyone who does was tried already.
    NoOneElse,
}

/// Who a step is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Who {
    Staff(u32, Presence),
    /// A `worker_id` the staff file does not have (often a leaver).
    NotInStaff(Box<str>),
    /// The team's work tray.
    Tray,
    Nobody(Missing),
}

impl Who {
    pub fn available(&self) -> bool {
        matches!(self, Who::Staff(_, p) if p.available())
    }
}

/// One step of a route.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    pub action: Action,
    pub recipient: Recipient,
    pub role: Role,
    pub who: Who,
    /// For the "any" steps: who was tried before the one named, and why each
    /// could not take the call.
    pub passed_over: Vec<(u32, Presence)>,
}

/// The answer for one concern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Route {
    /// The case the concern was about.
    pub asked: u32,
    /// The case it is routed as: `asked`, or for a closed case the open
    /// sibling's most recently opened case.
    pub case: u32,
    /// Other siblings' open cases, by case id.
    pub other_siblings: Vec<u32>,
    /// The case's team.
    pub team: Option<u32>,
    /// When the call came, and the moment it is routed for: the same, or the
    /// start of the next working period when it came outside working hours.
    pub at: NaiveDateTime,
    pub routed_for: NaiveDateTime,
    pub steps: Vec<Step>,
    /// The step that takes the concern: the person who takes the call, or the
    /// message's or alert's recipient who is in. `None`: nobody on the chain is
    /// available.
    pub reached: Option<usize>,
}

impl Route {
    pub fn out_of_hours(&self) -> bool {
        self.at != self.routed_for
    }
}

/// Why a concern cannot be routed by this procedure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotRouted {
    /// The case is closed and no sibling's case is open: a new contact, for
    /// the front door.
    Closed,
}
