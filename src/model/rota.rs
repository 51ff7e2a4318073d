//! The duty rota (`--rota` for `route`): `date, team, duty_worker_id`, and
//! optionally `covering_manager_id`, which for that team and day overrides
//! the staff file's covering manager.

use crate::error::{InputError, Warning};
use crate::io::csvin::CsvFile;
use crate::model::staff::Staff;
use crate::model::{FastMap, Names};
use chrono::NaiveDate;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Duty {
    /// The duty social worker, if the rota names one.
    pub worker: Option<u32>,
    /// Who covers the team manager that day, if the rota says.
    pub covering: Option<u32>,
}

/// The rota by (date, team).
#[derive(Debug, Clone, Default)]
pub struct Rota {
    days: FastMap<(NaiveDate, u32), Duty>,
    /// Whether a rota was given at all: without one, nobody can say who is on
    /// duty, which is not the same as a day with nobody on it.
    pub given: bool,
}

impl Rota {
    pub fn on(&self, day: NaiveDate, team: u32) -> Option<Duty> {
        self.days.get(&(day, team)).copied()
    }

    /// A rota from (date, team, duty) rows; a later row for the same team
    /// and day replaces an earlier one. For tests and generators.
    pub fn from_days(days: impl IntoIterator<Item = (NaiveDate, u32, Duty)>) -> Rota {
        Rota { days: days.into_iter().map(|(d, t, duty)| ((d, t), duty)).collect(), given: true }
    }
}

/// Reads a rota CSV. Ids must be in the staff file; one row per team and day.
/// Teams are named as in the staff and cases files (`names`); a team the
/// staff file does not know is warned about, since its calls can never reach it.
pub fn from_csv(mut f: CsvFile, staff: &Staff, names: &mut Names) -> Result<(Rota, Vec<Warning>), InputError> {
    let c_date = f.require("date")?;
    let c_team = f.require("team")?;
    let c_duty = f.require("duty_worker_id")?;
    let c_covering = f.column("covering_manager_id")?;
    let known_teams = names.len();
    let staff_teams: std::collections::BTreeSet<u32> = staff.members.iter().map(|m| m.team).collect();
    let mut days: FastMap<(NaiveDate, u32), (Duty, u64)> = FastMap::default();
    let mut unknown: Vec<(u64, String)> = Vec::new();
    while f.next_record()? {
        let row = f.row();
        let Some(date) = row.date(Some(c_date))? else {
            return Err(row.error(c_date, "'date' is empty"));
        };
        let team_name = row.required(c_team)?;
        let team = names.intern(&team_name);
        if (team as usize >= known_teams || !staff_teams.contains(&team)) && !unknown.iter().any(|u| u.1 == team_name) {
            unknown.push((row.line(), team_name.to_string()));
        }
        let id = |c: Option<crate::io::csvin::Col>, what: &str| -> Result<Option<u32>, InputError> {
            let Some(c) = c else { return Ok(None) };
            let t = row.text(c);
            if t.is_empty() {
                return Ok(None);
            }
            staff.get(&t).map(Some).ok_or_else(|| {
                row.error(
                    c,
                    format!("{what} '{t}' is not a staff_id in the staff file; correct the id or blank the cell"),
                )
            })
        };
        let duty =
            Duty { worker: id(Some(c_duty), "duty_worker_id")?, covering: id(c_covering, "covering_manager_id")? };
        if let Some((_, first)) = days.insert((date, team), (duty, row.line())) {
            return Err(row.error(
                c_team,
                format!(
                    "{team_name} is on the rota twice for {date} (first on line {first}); keep one row per team and day"
                ),
            ));
        }
    }
    let mut warnings = f.notes().warnings();
    warnings.extend(unknown.into_iter().map(|(line, team)| {
        Warning::at(f.name(), line, Some(c_team.index + 1), format!("team '{team}' has nobody in the staff file"))
    }));
    let rota = Rota { days: days.into_iter().map(|(k, (d, _))| (k, d)).collect(), given: true };
    Ok((rota, warnings))
}
