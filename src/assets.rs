//! Static files every site gets: the stylesheet and the small scripts.

macro_rules! asset {
    ($path:literal) => {
        (
            $path,
            include_bytes!(concat!("../assets/", $path)).as_slice(),
        )
    };
}

const ASSETS: &[(&str, &[u8])] = &[
    asset!("style.css"),
    asset!("site.js"),
    asset!("selfcheck.js"),
    asset!("similar.js"),
    asset!("training.js"),
];

pub fn files() -> Vec<(String, Vec<u8>)> {
    ASSETS
        .iter()
        .map(|(p, b)| (format!("assets/{p}"), b.to_vec()))
        .collect()
}
