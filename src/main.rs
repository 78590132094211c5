//! The `gongbao` binary: parses the command line, sets up logging, and dispatches.

fn main() {}
