//! Steps that the exchange screen's end-to-end tests share: choosing from
//! a list, typing, clicking and opening an item of the register.

use std::path::Path;

use chumchon_e2e::DEFAULT_TIMEOUT;
use chumchon_e2e::{test_id_selector, wait_until, Element, Error, Result, Session};
use serde_json::{json, Value};

/// Chooses the option of the `<select>` `test_id` whose text contains
/// `label`, as a user picking it would: the value changes and a `change`
/// event follows. Waits for such an option, since lists load after the
/// screen.
pub fn choose(ui: &Session, test_id: &str, label: &str) -> Result<()> {
    const SCRIPT: &str = r#"
const [select, label] = arguments;
const option = [...select.options].find((o) => o.text.includes(label));
if (!option) return false;
select.value = option.value;
select.dispatchEvent(new Event("change", { bubbles: true }));
return true;
"#;
    let what = format!("option {label:?} of {test_id}");
    wait_until(&what, DEFAULT_TIMEOUT, || {
        let select = ui.find(test_id)?;
        let chosen = ui.execute(SCRIPT, vec![select.to_json(), json!(label)])?;
        Ok((chosen == Value::Bool(true)).then_some(()))
    })
}

/// Empties the field `test_id` and types `text` into it.
pub fn type_into(ui: &Session, test_id: &str, text: &str) -> Result<()> {
    let field = ui.wait_for(test_id)?;
    reveal(ui, &field)?;
    field.clear()?;
    field.type_text(text)
}

/// Clicks the element `test_id` once it is displayed.
pub fn press(ui: &Session, test_id: &str) -> Result<()> {
    let element = ui.wait_for(test_id)?;
    reveal(ui, &element)?;
    element.click()
}

/// Scrolls `element` to the middle of the window, as a user would before
/// using it. WebKitWebDriver 2.x does not scroll inside the window's
/// scrolling `<main>` by itself, and reports an element below its edge as
/// not interactable.
pub fn reveal(ui: &Session, element: &Element<'_>) -> Result<()> {
    let script = r#"arguments[0].scrollIntoView({ block: "center" });"#;
    ui.execute(script, vec![element.to_json()])?;
    Ok(())
}

/// Opens the panel of the listed item called `name`.
pub fn open_item(ui: &Session, name: &str) -> Result<()> {
    let selector = format!(
        "{}[data-name=\"{name}\"] {}",
        test_id_selector("exchange-item-row"),
        test_id_selector("exchange-item-open")
    );
    let open = wait_until(&format!("the row of {name}"), DEFAULT_TIMEOUT, || {
        Ok(Some(ui.find_css(&selector)?))
    })?;
    reveal(ui, &open)?;
    open.click()?;
    ui.wait_for_text("exchange-item-name", name)?;
    Ok(())
}

/// Copies a fixture into the app's dialog folder.
pub fn copy(from: &Path, to: &Path) -> Result<()> {
    std::fs::copy(from, to)
        .map(drop)
        .map_err(|source| Error::Io {
            path: from.to_path_buf(),
            source,
        })
}
