namespace Thaw.Logs.Insights;

internal readonly record struct ResultField(string Field, string Value);
