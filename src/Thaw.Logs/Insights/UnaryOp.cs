namespace Thaw.Logs.Insights;

internal enum UnaryOp
{
    Not,
    Negate,
}
