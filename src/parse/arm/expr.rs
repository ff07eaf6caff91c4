//! TEMPORARY STUB (being replaced by the real evaluator).
use crate::value::Val;
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ExprError {
    #[error("syntax error at character {pos}: {message}")]
    Syntax { pos: usize, message: String },
    #[error("{0}")]
    Eval(String),
}
pub trait Context {
    fn parameter(&self, name: &str) -> Result<Val, ExprError>;
    fn variable(&self, name: &str) -> Result<Val, ExprError>;
    fn copy_index(&self, loop_name: Option<&str>) -> Result<Val, ExprError>;
    fn subscription_id(&self) -> Option<String>;
    fn resource_group_name(&self) -> Option<String>;
    fn symbol_id(&self, symbolic_name: &str) -> Option<String>;
}
pub fn eval_string(s: &str, _ctx: &dyn Context) -> Result<Val, ExprError> {
    if s.starts_with('[') && !s.starts_with("[[") && s.ends_with(']') {
        Ok(Val::unknown())
    } else {
        Ok(Val::str(s))
    }
}
