//! The configuration a command names (`--policy`, `--timescales`, `--template`,
//! `--rules`): the text of a built-in or a file, parsed by the domain module that
//! owns the format.

use crate::error::InputError;
use crate::io::config::built_in_or_file;

fn load<T>(
    name_or_path: &str,
    built_in: &[(&str, &str)],
    what: &str,
    parse: impl FnOnce(&str, &str) -> Result<T, InputError>,
) -> Result<T, InputError> {
    let (file, text) = built_in_or_file(name_or_path, built_in, what)?;
    parse(&file, &text)
}

/// A selection policy: built-in by name, or a file.
pub fn policy(name_or_path: &str) -> Result<crate::select::policy::Resolved, InputError> {
    use crate::select::policy;
    load(name_or_path, &policy::BUILT_IN, "policy", policy::parse)
}

/// An audit template: built-in by name, or a file.
pub fn template(name_or_path: &str) -> Result<crate::checklist::Template, InputError> {
    use crate::checklist;
    load(name_or_path, &checklist::BUILT_IN, "template", checklist::parse)
}

/// A `check` rule set: built-in by name, or a YAML or JSON file.
pub fn rule_set(name_or_path: &str) -> Result<crate::check::RuleSet, InputError> {
    use crate::check;
    load(name_or_path, &check::BUILT_IN, "rule set", check::parse)
}

/// A routing policy: built-in by name, or a file.
pub fn routing(name_or_path: &str) -> Result<crate::route::policy::Routing, InputError> {
    use crate::route::policy;
    load(name_or_path, &policy::BUILT_IN, "routing policy", policy::parse)
}

/// A timescale set: built-in by name, or a file, laid over the set it extends.
pub fn timescales(name_or_path: &str) -> Result<crate::timescales::Set, InputError> {
    use crate::timescales;
    let mut stack = Vec::new();
    let mut next = Some(name_or_path.to_string());
    while let Some(name) = next {
        if stack.len() > 8 {
            return Err(InputError::file(&name, "'extends' goes more than 8 sets deep (a loop?)"));
        }
        let parsed = load(&name, &timescales::BUILT_IN, "timescale set", timescales::parse)?;
        next = parsed.extends;
        stack.push(parsed.set);
    }
    let mut sets = stack.into_iter().rev();
    let base = sets.next().expect("the loop reads at least one set");
    Ok(sets.fold(base, |base, child| child.over(base)))
}
