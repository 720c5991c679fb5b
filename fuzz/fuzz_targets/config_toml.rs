#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| regkb_fuzz::config_toml(data));
