#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::process::ExitCode;

fn main() -> ExitCode {
    no_huge_pages();
    regkb::cmd::run()
}

/// mimalloc asks for transparent huge pages, and the kernel zeroes a page
/// before handing it out: with huge pages, 2 MB at each first touch, however
/// little of it is used. `perf` put 26 % of a build of the bundled knowledge
/// base (what `serve` does after an edit) and 13 % of a 10k build in
/// `clear_page_erms` under huge-page faults (issue 18). Small pages cost more
/// faults but zero only what is touched.
fn no_huge_pages() {
    // SAFETY: PR_SET_THP_DISABLE takes integer arguments and touches no memory of ours.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}
