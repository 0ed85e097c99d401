//! What comes from the platforms: Telegram updates and Discord messages and
//! interactions decoded from arbitrary JSON, and the text paths they feed
//! (commands, escaping, splitting), never a panic; every part fits.
#![no_main]

use libfuzzer_sys::fuzz_target;
use vigie::channels::{char_len, discord, parse_command, split_text, telegram, utf16_len};

fuzz_target!(|data: &[u8]| {
    let _ = serde_json::from_slice::<teloxide::types::Update>(data);
    let _ = serde_json::from_slice::<serenity::model::channel::Message>(data);
    let _ = serde_json::from_slice::<serenity::model::application::Interaction>(data);
    let text = String::from_utf8_lossy(data);
    let _ = parse_command(&text);
    let html = telegram::render_html(&text);
    assert!(!html.contains('<') || html.contains("<i>"), "only our own tags");
    let _ = discord::render_markdown(&text);
    for (limit, len) in [(4096, utf16_len as fn(&str) -> usize), (2000, char_len), (7, char_len)] {
        for part in split_text(&text, limit, len) {
            assert!(!part.is_empty() && len(&part) <= limit);
        }
    }
});
