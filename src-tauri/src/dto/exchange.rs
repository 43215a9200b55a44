//! Data shapes of the equipment exchange's screens, with their TypeScript in
//! `ui/src/lib/ipc-exchange.ts`.

use super::typescript::TsModule;

/// Renders this part's IPC types as the TypeScript of `ipc-exchange.ts`.
/// Declare each type with `module.declare::<T>()` (which needs `let mut`);
/// a type that one of them uses from `ipc-types.ts` is imported from there.
pub fn typescript() -> String {
    let module = TsModule::new("src-tauri/src/dto/exchange.rs");
    module.finish()
}

#[cfg(test)]
mod tests {
    #[test]
    fn ipc_exchange_file_is_current() -> Result<(), String> {
        super::super::typescript::check_current("ipc-exchange.ts", &super::typescript())
    }
}
