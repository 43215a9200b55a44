//! Steps that the waste bank's end-to-end tests share: reading a
//! Buddhist-era date for seeding, typing into a field and choosing from a
//! list.

use std::path::Path;
use std::time::Duration;

use chumchon_e2e::{wait_until, Error, Result, Session};
use serde_json::{json, Value};

/// Reads a Buddhist-era date as typed, failing as a core rule.
macro_rules! be {
    ($text:expr) => {
        chumchon::thai::date::parse_be_text($text)
            .map_err(|e| chumchon::Error::rule("invalid_date", e.to_string()))
    };
}

/// Chooses, in the `index`th `<select>` `test_id` (the first when `None`),
/// the option whose value or `data-code` is `value`, as a user picking it
/// would: the value changes and a `change` event follows. Waits for such
/// an option, since lists load after the screen.
pub fn choose_option(ui: &Session, test_id: &str, index: Option<usize>, value: &str) -> Result<()> {
    const SCRIPT: &str = r#"
const [select, value] = arguments;
const option = [...select.options].find((o) => o.value === value || o.dataset.code === value);
if (!option) return false;
select.value = option.value;
select.dispatchEvent(new Event("change", { bubbles: true }));
return true;
"#;
    wait_until(
        &format!("option {value} of {test_id}"),
        Duration::from_secs(10),
        || {
            let selects = ui.find_all(test_id)?;
            let Some(select) = selects.get(index.unwrap_or(0)) else {
                return Ok(None);
            };
            let chosen = ui.execute(SCRIPT, vec![select.to_json(), json!(value)])?;
            Ok((chosen == Value::Bool(true)).then_some(()))
        },
    )
}

/// Replaces the text of the field `test_id` with `text`.
pub fn type_into(ui: &Session, test_id: &str, text: &str) -> Result<()> {
    let field = ui.wait_for(test_id)?;
    field.clear()?;
    field.type_text(text)
}

/// Wraps a failure of seeding or reading the database at `path`.
pub fn io_error(path: &Path, error: impl std::fmt::Display) -> Error {
    Error::Io {
        path: path.to_path_buf(),
        source: std::io::Error::other(error.to_string()),
    }
}
