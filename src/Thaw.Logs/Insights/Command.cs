namespace Thaw.Logs.Insights;

internal abstract record Command(int Start, int End);
