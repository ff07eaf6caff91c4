//! TEMPORARY STUB: replaced by the full Terraform function library.
use crate::value::Val;
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum FnError {
    #[error("unknown function '{0}'")]
    Unknown(String),
    #[error("{0}")]
    Eval(String),
}
pub fn call(name: &str, args: Vec<Val>) -> Result<Val, FnError> {
    if let Some(u) = Val::unknown_of(&args.iter().collect::<Vec<_>>()) {
        return Ok(u);
    }
    match name {
        "lower" => Ok(Val::str(
            args.first()
                .and_then(Val::as_str)
                .unwrap_or("")
                .to_lowercase(),
        )),
        "merge" => {
            let mut m = std::collections::BTreeMap::new();
            for a in args {
                if let Val::Obj(o) = a {
                    m.extend(o);
                }
            }
            Ok(Val::Obj(m))
        }
        "toset" | "tolist" => Ok(args.into_iter().next().unwrap_or(Val::Null)),
        _ => Err(FnError::Unknown(name.to_string())),
    }
}
pub fn is_builtin(name: &str) -> bool {
    matches!(name, "lower" | "merge" | "toset" | "tolist")
}
