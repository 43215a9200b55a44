//! Data shapes of the map of places's screens, with their TypeScript in
//! `ui/src/lib/ipc-places.ts`.

use super::typescript::TsModule;

/// Renders this part's IPC types as the TypeScript of `ipc-places.ts`.
/// Declare each type with `module.declare::<T>()` (which needs `let mut`);
/// a type that one of them uses from `ipc-types.ts` is imported from there.
pub fn typescript() -> String {
    let module = TsModule::new("src-tauri/src/dto/places.rs");
    module.finish()
}

#[cfg(test)]
mod tests {
    #[test]
    fn ipc_places_file_is_current() -> Result<(), String> {
        super::super::typescript::check_current("ipc-places.ts", &super::typescript())
    }
}
