//! Writes a synthetic Azure Resource Graph export with a known number of
//! violations of every rule, for benchmarks and demos:
//!
//! ```text
//! cargo run --release --example gen_export -- 100000 /tmp/tenant.json   # or .jsonl
//! ```
//!
//! Prints the expected findings per rule (in the copies of each rule's bad fixture).

#[path = "../benches/common/export_gen.rs"]
mod export_gen;

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(n), Some(out)) = (args.first().and_then(|n| n.parse().ok()), args.get(1)) else {
        eprintln!("usage: gen_export RESOURCES OUT.json|OUT.jsonl");
        std::process::exit(2);
    };
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let units = export_gen::units(root)?;
    let m = export_gen::write(&units, n, std::path::Path::new(out))?;
    println!(
        "{} resources in {} copies of rule fixtures",
        m.resources,
        m.copies.len()
    );
    for (rule, n) in &m.violations {
        println!("{rule}: {n}");
    }
    Ok(())
}
