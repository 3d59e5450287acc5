using System.Text;
using Thaw.Logs.Lambda;

namespace Thaw.Logs.Insights;

/// <summary>
/// Derives a SQL pre-filter from a leading <c>filter</c>: a condition every row passing the filter must meet, so the
/// scan skips the rest inside SQLite. It is never the filter itself (the engine still evaluates that), only a necessary
/// condition: message substrings from <c>like</c>, <c>@type</c> equality and <c>ispresent()</c> of discovered fields.
/// </summary>
internal static class Pushdown
{
    private static readonly Dictionary<string, string> PresentColumns = new(StringComparer.Ordinal)
    {
        [BuiltInFields.Duration] = "duration",
        [BuiltInFields.BilledDuration] = "billed_duration",
        [BuiltInFields.MemorySize] = "memory_size",
        [BuiltInFields.MaxMemoryUsed] = "max_memory_used",
        [BuiltInFields.InitDuration] = "init_duration",
        [BuiltInFields.RestoreDuration] = "restore_duration",
        [BuiltInFields.RequestId] = "request_id",
    };

    /// <summary>
    /// The SQL pre-filter of <paramref name="expr"/>, or null. <paramref name="exact"/> says the SQL is the filter itself
    /// (then the engine need not evaluate it again).
    /// </summary>
    public static string? Build(Expr expr, Scope scope, List<object> parameters, out bool exact)
    {
        exact = true;
        switch (expr)
        {
            case BinaryExpr { Op: BinaryOp.And } and:
                {
                    var l = Build(and.Left, scope, parameters, out var le);
                    var r = Build(and.Right, scope, parameters, out var re);
                    exact = l is not null && r is not null && le && re;
                    return l is null ? r : r is null ? l : $"({l}) AND ({r})";
                }

            case BinaryExpr { Op: BinaryOp.Or } or:
                {
                    var mark = parameters.Count;
                    var l = Build(or.Left, scope, parameters, out var le);
                    var re = false;
                    var r = l is null ? null : Build(or.Right, scope, parameters, out re);
                    if (l is null || r is null)
                    {
                        parameters.RemoveRange(mark, parameters.Count - mark);
                        exact = false;
                        return null;
                    }

                    exact = le && re;
                    return $"({l}) OR ({r})";
                }

            case LikeExpr { Negated: false, Subject: FieldExpr { Name: BuiltInFields.Message } } like when !scope.TryGet(BuiltInFields.Message, out _):
                {
                    if (LikeLiterals(like) is not { } literals)
                    {
                        exact = false;
                        return null;
                    }

                    var terms = literals.Select(l =>
                    {
                        parameters.Add(l);
                        return $"instr(message, $p{parameters.Count - 1}) > 0";
                    });
                    return string.Join(" OR ", terms);
                }

            case BinaryExpr { Op: BinaryOp.Eq, Left: FieldExpr { Name: BuiltInFields.Type }, Right: LiteralExpr { Value.Kind: ValueKind.String } type }
                when !scope.TryGet(BuiltInFields.Type, out _):
                {
                    var parsed = PlatformLines.ParseTypeName(type.Value.Text!);
                    return parsed == PlatformLineType.None ? "0" : $"type = {(int)parsed}";
                }

            case CallExpr { Arguments: [FieldExpr field] } call
                when string.Equals(call.Name, "ispresent", StringComparison.OrdinalIgnoreCase)
                    && PresentColumns.TryGetValue(field.Name, out var column) && !scope.TryGet(field.Name, out _):
                return $"{column} IS NOT NULL";
            default:
                exact = false;
                return null;
        }
    }

    /// <summary>
    /// When the pre-filter <see cref="Build"/> makes of <paramref name="expr"/> is nothing but "the message contains one of
    /// these literals", the literals; otherwise null. Lets a scan apply that pre-filter outside SQL (the event blocks).
    /// </summary>
    public static List<string>? MessageLiterals(Expr expr, Scope scope)
    {
        switch (expr)
        {
            case BinaryExpr { Op: BinaryOp.And } and:
                {
                    // Build keeps the side(s) it can push; only a single pushed side can be a plain literal set.
                    var left = Build(and.Left, scope, [], out _) is not null;
                    var right = Build(and.Right, scope, [], out _) is not null;
                    return (left, right) switch
                    {
                        (true, false) => MessageLiterals(and.Left, scope),
                        (false, true) => MessageLiterals(and.Right, scope),
                        _ => null,
                    };
                }

            case BinaryExpr { Op: BinaryOp.Or } or:
                {
                    if (Build(or, scope, [], out _) is null || MessageLiterals(or.Left, scope) is not { } l || MessageLiterals(or.Right, scope) is not { } r)
                    {
                        return null;
                    }

                    return [.. l, .. r];
                }

            case LikeExpr { Negated: false, Subject: FieldExpr { Name: BuiltInFields.Message } } like when !scope.TryGet(BuiltInFields.Message, out _):
                {
                    return LikeLiterals(like);
                }

            default:
                return null;
        }
    }

    /// <summary>The column of a discovered Lambda number field (null-rejecting aggregate pushdown), or null.</summary>
    public static string? NumberColumn(Expr expr, Scope scope) =>
        expr is FieldExpr field && field.Name != BuiltInFields.RequestId && PresentColumns.TryGetValue(field.Name, out var column) && !scope.TryGet(field.Name, out _)
            ? column
            : null;

    /// <summary>The non-empty literals one of which a message must contain to match <paramref name="like"/>, or null.</summary>
    private static List<string>? LikeLiterals(LikeExpr like)
    {
        var literals = like.Pattern switch
        {
            LiteralExpr l => [l.Value.Text!],
            RegexExpr r => RequiredLiterals(r.Pattern),
            _ => null,
        };
        return literals is null || literals.Count == 0 || literals.Any(l => l.Length == 0) ? null : literals;
    }

    /// <summary>
    /// The literal alternatives of a regex that is a plain literal or a top-level alternation of plain literals
    /// (<c>telemetry1_sb|vinternal_1</c>); null for anything else, including inline options such as <c>(?i)</c>.
    /// </summary>
    public static List<string>? RequiredLiterals(string pattern)
    {
        var result = new List<string>();
        var current = new StringBuilder();
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\')
            {
                if (i + 1 >= pattern.Length || char.IsLetterOrDigit(pattern[i + 1]))
                {
                    return null;
                }

                current.Append(pattern[++i]);
            }
            else if (c == '|')
            {
                result.Add(current.ToString());
                current.Clear();
            }
            else if (".^$*+?()[]{}".Contains(c, StringComparison.Ordinal))
            {
                return null;
            }
            else
            {
                current.Append(c);
            }
        }

        result.Add(current.ToString());
        return result;
    }
}
