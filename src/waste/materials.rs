//! The materials catalogue and the aliases that map the loose names of
//! legacy sheets ("ขวดพลาสติกใส (PET)", "ขวด PET สี") to materials.

use std::collections::HashMap;

use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::audit::{self, Change};
use crate::{Context, Error, Result};

/// The group a material belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    /// Plastics of any polymer.
    Plastic,
    /// Aluminium, iron, copper and other metals.
    Metal,
    /// Cardboard and paper.
    Paper,
    /// Glass bottles and cullet.
    Glass,
    /// Food and garden waste.
    Organic,
    /// Anything else.
    Other,
}

impl Category {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Plastic => "plastic",
            Category::Metal => "metal",
            Category::Paper => "paper",
            Category::Glass => "glass",
            Category::Organic => "organic",
            Category::Other => "other",
        }
    }

    /// Reads a stored name.
    pub fn parse(text: &str) -> Option<Category> {
        match text {
            "plastic" => Some(Category::Plastic),
            "metal" => Some(Category::Metal),
            "paper" => Some(Category::Paper),
            "glass" => Some(Category::Glass),
            "organic" => Some(Category::Organic),
            "other" => Some(Category::Other),
            _ => None,
        }
    }

    /// The Thai name, as reports print it.
    pub fn thai(self) -> &'static str {
        match self {
            Category::Plastic => "พลาสติก",
            Category::Metal => "โลหะ",
            Category::Paper => "กระดาษ",
            Category::Glass => "แก้ว",
            Category::Organic => "อินทรีย์",
            Category::Other => "อื่น ๆ",
        }
    }
}

/// A material as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Material {
    /// Row id.
    pub id: i64,
    /// Stable code such as `PET_CLEAR`.
    pub code: String,
    /// Thai name.
    pub name_th: String,
    /// English name.
    pub name_en: String,
    /// Group.
    pub category: Category,
    /// Whether its kilograms count as plastic diverted from the waste
    /// stream.
    pub is_plastic: bool,
    /// Polymer for partner reports (PET, HDPE, PP, LDPE, OTHER), for
    /// plastics.
    pub polymer: Option<String>,
}

/// A material to add.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct NewMaterial {
    /// Code of capital letters, digits and underscores, such as `PVC`.
    pub code: String,
    /// Thai name.
    pub name_th: String,
    /// English name.
    pub name_en: String,
    /// Group.
    pub category: Category,
    /// Whether it counts as plastic.
    pub is_plastic: bool,
    /// Polymer, for plastics.
    pub polymer: Option<String>,
}

/// An alias of a material.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Alias {
    /// The name as written.
    pub alias: String,
    /// The material's code.
    pub code: String,
}

const MATERIAL_COLUMNS: &str =
    "id, code, name_th, name_en, category, is_plastic, polymer FROM waste_materials";

fn material_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Material> {
    let category: String = row.get(4)?;
    Ok(Material {
        id: row.get(0)?,
        code: row.get(1)?,
        name_th: row.get(2)?,
        name_en: row.get(3)?,
        category: Category::parse(&category).unwrap_or(Category::Other),
        is_plastic: row.get(5)?,
        polymer: row.get(6)?,
    })
}

/// Lists every material in catalogue order.
pub fn list_materials(conn: &Connection) -> Result<Vec<Material>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {MATERIAL_COLUMNS} ORDER BY sort_order, id"
    ))?;
    let rows = stmt.query_map([], material_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Looks a material up by its code, in any case.
pub fn material(conn: &Connection, code: &str) -> Result<Material> {
    let code = code.trim().to_ascii_uppercase();
    conn.prepare_cached(&format!("SELECT {MATERIAL_COLUMNS} WHERE code = ?1"))?
        .query_row([&code], material_from_row)
        .optional()?
        .ok_or_else(|| Error::NotFound {
            what: "material",
            key: code,
        })
}

/// Looks a material up by row id.
pub fn material_by_id(conn: &Connection, id: i64) -> Result<Material> {
    conn.prepare_cached(&format!("SELECT {MATERIAL_COLUMNS} WHERE id = ?1"))?
        .query_row([id], material_from_row)
        .optional()?
        .ok_or_else(|| Error::NotFound {
            what: "material",
            key: id.to_string(),
        })
}

/// Adds a material to the catalogue, after the existing ones.
pub fn add_material(conn: &Connection, ctx: &Context, new: &NewMaterial) -> Result<Material> {
    let code = new.code.trim().to_ascii_uppercase();
    let valid = !code.is_empty()
        && code
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_');
    if !valid {
        return Err(Error::rule(
            "invalid_material_code",
            format!(
                "material code “{}” should be capital letters, digits and _",
                new.code
            ),
        ));
    }
    if new.name_th.trim().is_empty() {
        return Err(Error::rule(
            "material_name_missing",
            format!("material {code} has no Thai name"),
        ));
    }
    if conn
        .query_row(
            "SELECT 1 FROM waste_materials WHERE code = ?1",
            [&code],
            |_| Ok(()),
        )
        .optional()?
        .is_some()
    {
        return Err(Error::rule(
            "material_code_taken",
            format!("material code {code} already exists"),
        ));
    }
    conn.execute(
        "INSERT INTO waste_materials (code, name_th, name_en, category, is_plastic, polymer,
            sort_order, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6,
            (SELECT coalesce(max(sort_order), 0) + 1 FROM waste_materials), ?7)",
        rusqlite::params![
            code,
            new.name_th.trim(),
            new.name_en.trim(),
            new.category.as_str(),
            new.is_plastic,
            new.polymer,
            ctx.timestamp(),
        ],
    )?;
    let material = material_by_id(conn, conn.last_insert_rowid())?;
    audit::record(
        conn,
        ctx,
        Change::insert("waste_materials", &code, &material),
    )?;
    Ok(material)
}

/// The key an alias is matched by: the name in lower case without spaces,
/// zero-width spaces, brackets or the punctuation `/ \ - . _ , ' "`, with
/// full-width letters folded to ASCII.
///
/// ```
/// use chumchon::waste::alias_key;
/// assert_eq!(alias_key("ขวดพลาสติกใส (PET)"), alias_key("ขวดพลาสติกใส(pet)"));
/// assert_eq!(alias_key(" ถุงพลาสติก / ฟิล์ม "), "ถุงพลาสติกฟิล์ม");
/// ```
pub fn alias_key(name: &str) -> String {
    name.chars()
        .map(|c| match c {
            '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
            _ => c,
        })
        .filter(|c| !c.is_whitespace() && *c != '\u{200b}' && !"()[]{}/\\-._,'\"".contains(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Finds the material a name means: a material code, a Thai or English
/// name, or an alias. Returns `None` for a name nobody has mapped.
pub fn resolve_material(conn: &Connection, name: &str) -> Result<Option<Material>> {
    let catalog = Catalog::load(conn)?;
    let Some(id) = catalog.resolve(name) else {
        return Ok(None);
    };
    Ok(Some(material_by_id(conn, id)?))
}

/// Maps `alias` to the material with `code`, replacing an earlier mapping
/// of the same alias.
pub fn set_alias(conn: &Connection, ctx: &Context, alias: &str, code: &str) -> Result<()> {
    let key = alias_key(alias);
    if key.is_empty() {
        return Err(Error::rule("alias_empty", "the alias is empty"));
    }
    let material = material(conn, code)?;
    let old: Option<String> = conn
        .query_row(
            "SELECT m.code FROM waste_material_aliases a JOIN waste_materials m
               ON m.id = a.material_id WHERE a.alias_key = ?1",
            [&key],
            |row| row.get(0),
        )
        .optional()?;
    conn.execute(
        "INSERT INTO waste_material_aliases (alias_key, alias, material_id) VALUES (?1, ?2, ?3)
         ON CONFLICT (alias_key) DO UPDATE SET alias = excluded.alias,
             material_id = excluded.material_id",
        (&key, alias.trim(), material.id),
    )?;
    audit::record(
        conn,
        ctx,
        Change {
            table: "waste_material_aliases",
            record_id: alias.trim().to_string(),
            old: old.map(serde_json::Value::String),
            new: Some(serde_json::Value::String(material.code)),
        },
    )
}

/// Removes the alias `alias`, so that the name no longer maps to a
/// material. Fails when no alias has that name. A material's own code and
/// names are not aliases and cannot be removed.
pub fn delete_alias(conn: &Connection, ctx: &Context, alias: &str) -> Result<()> {
    let key = alias_key(alias);
    let old: Option<String> = conn
        .query_row(
            "SELECT m.code FROM waste_material_aliases a JOIN waste_materials m
               ON m.id = a.material_id WHERE a.alias_key = ?1",
            [&key],
            |row| row.get(0),
        )
        .optional()?;
    let Some(old) = old else {
        return Err(Error::NotFound {
            what: "material alias",
            key: alias.trim().to_string(),
        });
    };
    conn.execute(
        "DELETE FROM waste_material_aliases WHERE alias_key = ?1",
        [&key],
    )?;
    audit::record(
        conn,
        ctx,
        Change {
            table: "waste_material_aliases",
            record_id: alias.trim().to_string(),
            old: Some(serde_json::Value::String(old)),
            new: None,
        },
    )
}

/// Lists every alias with its material's code, in alias order.
pub fn list_aliases(conn: &Connection) -> Result<Vec<Alias>> {
    let mut stmt = conn.prepare(
        "SELECT a.alias, m.code FROM waste_material_aliases a
         JOIN waste_materials m ON m.id = a.material_id
         ORDER BY m.sort_order, a.alias COLLATE THAI",
    )?;
    let rows = stmt.query_map([], |row| {
        Ok(Alias {
            alias: row.get(0)?,
            code: row.get(1)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The catalogue in memory, for imports and reports that look up many
/// names or ids.
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    /// Every material in catalogue order.
    pub materials: Vec<Material>,
    by_key: HashMap<String, i64>,
    index_of: HashMap<i64, usize>,
}

impl Catalog {
    /// Reads the materials and aliases.
    pub fn load(conn: &Connection) -> Result<Catalog> {
        let materials = list_materials(conn)?;
        let mut by_key = HashMap::new();
        let mut stmt = conn.prepare("SELECT alias_key, material_id FROM waste_material_aliases")?;
        let rows = stmt.query_map([], |row| Ok((row.get::<_, String>(0)?, row.get(1)?)))?;
        for row in rows {
            let (key, id) = row?;
            by_key.insert(key, id);
        }
        // Codes and names win over aliases of the same key.
        for material in &materials {
            for name in [&material.name_en, &material.name_th, &material.code] {
                by_key.insert(alias_key(name), material.id);
            }
        }
        let index_of = materials
            .iter()
            .enumerate()
            .map(|(index, material)| (material.id, index))
            .collect();
        Ok(Catalog {
            materials,
            by_key,
            index_of,
        })
    }

    /// The id of the material `name` means, if any.
    pub fn resolve(&self, name: &str) -> Option<i64> {
        self.by_key.get(&alias_key(name)).copied()
    }

    /// Adds a mapping for this catalogue only, as an import's `--map` does.
    pub fn map(&mut self, name: &str, material_id: i64) {
        self.by_key.insert(alias_key(name), material_id);
    }

    /// The material with row id `id`.
    pub fn get(&self, id: i64) -> Option<&Material> {
        self.index_of.get(&id).map(|index| &self.materials[*index])
    }

    /// The position of material `id` in catalogue order.
    pub fn position(&self, id: i64) -> Option<usize> {
        self.index_of.get(&id).copied()
    }

    /// The material with `code`, in any case.
    pub fn by_code(&self, code: &str) -> Option<&Material> {
        let code = code.trim().to_ascii_uppercase();
        self.materials.iter().find(|m| m.code == code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::context;

    #[test]
    fn seeded_alias_keys_match_alias_key() -> Result<()> {
        let conn = crate::db::open_in_memory()?;
        let mut stmt = conn.prepare("SELECT alias_key, alias FROM waste_material_aliases")?;
        let rows: Vec<(String, String)> = stmt
            .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;

        assert!(rows.len() > 50, "the migration seeds the common names");
        for (key, alias) in rows {
            assert_eq!(key, alias_key(&alias), "stored key of {alias}");
        }
        Ok(())
    }

    #[test]
    fn legacy_names_resolve_to_materials() -> Result<()> {
        let conn = crate::db::open_in_memory()?;
        let catalog = Catalog::load(&conn)?;
        let cases = [
            ("ขวดพลาสติกใส (PET)", "PET_CLEAR"),
            ("ขวด PET สี", "PET_COLOR"),
            ("พลาสติกขุ่น (HDPE)", "HDPE"),
            ("ถุงพลาสติก/ฟิล์ม", "LDPE_FILM"),
            ("กระป๋องอลูมิเนียม", "ALU_CAN"),
            ("กระดาษลัง", "CARDBOARD"),
            ("ขวดแก้ว", "GLASS"),
            ("ขวดน้ำใส", "PET_CLEAR"),
            ("ขวดขุ่น", "HDPE"),
            ("ถุงก๊อบแก๊บ", "LDPE_FILM"),
            ("กระป๋อง", "ALU_CAN"),
            ("เศษเหล็ก", "OTHER_METAL"),
            ("กระดาษขาวดำ", "PAPER"),
            ("กระดาษรวม", "PAPER"),
            ("ลังกระดาษ", "CARDBOARD"),
            ("แก้ว", "GLASS"),
            ("pet_clear", "PET_CLEAR"),
            ("ขวดพลาสติกใส(pet)", "PET_CLEAR"),
            (" ถุงพลาสติก / ฟิล์ม ", "LDPE_FILM"),
        ];
        for (name, code) in cases {
            let found = catalog.resolve(name).and_then(|id| catalog.get(id));
            assert_eq!(found.map(|m| m.code.as_str()), Some(code), "{name}");
        }
        assert_eq!(catalog.resolve("ยางรถยนต์"), None, "an unknown name");
        Ok(())
    }

    #[test]
    fn set_alias_maps_new_name() -> Result<()> {
        let conn = crate::db::open_in_memory()?;
        let ctx = context();

        set_alias(&conn, &ctx, "ขวดโค้ก", "PET_COLOR")?;

        let found = resolve_material(&conn, "ขวดโค้ก")?;
        assert_eq!(found.map(|m| m.code), Some("PET_COLOR".to_string()));
        Ok(())
    }

    #[test]
    fn delete_alias_unmaps_name() -> Result<()> {
        let conn = crate::db::open_in_memory()?;
        let ctx = context();
        set_alias(&conn, &ctx, "ขวดโค้ก", "PET_COLOR")?;

        delete_alias(&conn, &ctx, " ขวดโค้ก ")?;
        let again = delete_alias(&conn, &ctx, "ขวดโค้ก");

        assert_eq!(resolve_material(&conn, "ขวดโค้ก")?, None, "no longer mapped");
        assert_eq!(again.err().map(|e| e.code()), Some("not_found"));
        Ok(())
    }

    #[test]
    fn add_material_rejects_taken_code() -> Result<()> {
        let conn = crate::db::open_in_memory()?;
        let ctx = context();
        let new = NewMaterial {
            code: "pvc".into(),
            name_th: "ท่อพีวีซี".into(),
            name_en: "PVC".into(),
            category: Category::Plastic,
            is_plastic: true,
            polymer: Some("OTHER".into()),
        };

        let added = add_material(&conn, &ctx, &new)?;
        let again = add_material(&conn, &ctx, &new);

        assert_eq!(added.code, "PVC");
        assert_eq!(again.err().map(|e| e.code()), Some("material_code_taken"));
        Ok(())
    }
}
