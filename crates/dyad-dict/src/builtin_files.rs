/// The built-in dictionaries (`dicts/` in the repository), in the order they are read. Shared with the
/// build script, which parses them into the embedded image.
pub const BUILTIN_FILES: &[&str] = &[
    "countries.txt",
    "organisations.txt",
    "leaders.txt",
    "agents.txt",
    "leaders_more.txt",
    "leaders_history.txt",
    "agencies.txt",
    "actions.txt",
    "discards.txt",
    "issues.txt",
];
