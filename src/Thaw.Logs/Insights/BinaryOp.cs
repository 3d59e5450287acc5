namespace Thaw.Logs.Insights;

internal enum BinaryOp
{
    Or,
    And,
    Eq,
    NotEq,
    Lt,
    Le,
    Gt,
    Ge,
    Add,
    Subtract,
    Multiply,
    Divide,
    Modulo,
    Power,
}
