using System.Text.RegularExpressions;
using Thaw.Logs.Lambda;
using Thaw.Logs.Storage;

namespace Thaw.Logs.Insights;

/// <summary>
/// Turns expressions into delegates over <see cref="Row"/>. Field names resolve at compile time, in order: a field
/// the query defined earlier, a built-in or Lambda-discovered field, else a field of the event's JSON.
/// A comparison with a missing value is false (<c>!=</c> too); <c>not</c> negates that.
/// </summary>
internal sealed partial class ExpressionCompiler(string text, QueryContext context)
{
    public const string AggregateSlotPrefix = "\0agg";

    private static readonly HashSet<string> AggregateNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "count", "count_distinct", "sum", "avg", "min", "max", "stddev", "pct", "percentile", "earliest", "latest", "sortsFirst", "sortsLast",
    };

    public string Text { get; } = text;

    public static bool IsAggregate(string name) => AggregateNames.Contains(name);

    public Func<Row, Value> Compile(Expr expr, Scope scope)
    {
        switch (expr)
        {
            case LiteralExpr literal:
                {
                    var value = literal.Value;
                    return _ => value;
                }

            case FieldExpr field:
                return ResolveField(field.Name, scope, field);
            case AggregateRefExpr aggregate:
                {
                    scope.TryGet(AggregateSlotPrefix + aggregate.Index, out var slot);
                    return row => row.Slots[slot];
                }

            case UnaryExpr { Op: UnaryOp.Not } not:
                {
                    var operand = Compile(not.Operand, scope);
                    return row => Value.FromBool(!operand(row).IsTrue);
                }

            case UnaryExpr negate:
                {
                    var operand = Compile(negate.Operand, scope);
                    return row => operand(row).TryGetNumber(out var n) ? Value.FromNumber(-n) : Value.Null;
                }

            case BinaryExpr binary:
                return CompileBinary(binary, scope);
            case LikeExpr like:
                return CompileLike(like, scope);
            case InExpr inExpr:
                {
                    var subject = Compile(inExpr.Subject, scope);
                    var items = inExpr.Items.Select(i => Compile(i, scope)).ToArray();
                    var negated = inExpr.Negated;
                    return row =>
                    {
                        var v = subject(row);
                        var found = false;
                        if (!v.IsNull)
                        {
                            foreach (var item in items)
                            {
                                if (Compare(v, item(row)) == 0)
                                {
                                    found = true;
                                    break;
                                }
                            }
                        }

                        return Value.FromBool(found != negated);
                    };
                }

            case CallExpr call:
                if (IsAggregate(call.Name))
                {
                    throw new MalformedQueryException($"The aggregation {call.Name}() can only be used in stats", call.Start, call.End);
                }

                return CompileFunction(call, scope);
            case DurationExpr d:
                throw new MalformedQueryException("A time period is only valid as the period of bin, datefloor or dateceil", d.Start, d.End);
            case RegexExpr r:
                throw new MalformedQueryException("A regular expression is only valid after like or =~, or in parse", r.Start, r.End);
            case StarExpr s:
                throw new MalformedQueryException("'*' is only valid in count(*)", s.Start, s.End);
            default:
                throw new MalformedQueryException("Unexpected array", expr.Start, expr.End);
        }
    }

    /// <summary>
    /// Compares as numbers when both sides read as numbers, else as strings (ordinal); null when either is missing.
    /// </summary>
    public static int? Compare(Value a, Value b)
    {
        if (a.IsNull || b.IsNull)
        {
            return null;
        }

        if (a.TryGetNumber(out var x) && b.TryGetNumber(out var y))
        {
            return x.CompareTo(y);
        }

        return string.CompareOrdinal(a.Render(), b.Render());
    }

    public Func<Row, Value> ResolveField(string name, Scope scope, Expr? at = null)
    {
        if (scope.TryGet(name, out var slot))
        {
            return row => row.Slots[slot];
        }

        if (scope.Aggregated)
        {
            // After stats only its columns exist (AWS: "You can only reference ... at this point").
            throw new MalformedQueryException(
                $"The field {name} does not exist after stats; only the stats columns and fields defined after it can be used",
                at?.Start ?? 0, at?.End ?? 0);
        }

        var ctx = context;
        switch (name)
        {
            case BuiltInFields.Timestamp:
                return row => Value.FromTimestamp(row.Event!.Timestamp);
            case BuiltInFields.Message:
                scope.Columns |= ScanColumns.Message;
                return row => Value.FromString(row.Event!.Message);
            case BuiltInFields.LogStream:
                scope.Columns |= ScanColumns.Stream;
                return row => Value.FromString(ctx.StreamNames.GetValueOrDefault(row.Event!.StreamId));
            case BuiltInFields.Log:
                return row => Value.FromString(ctx.AccountId + ":" + ctx.GroupNames.GetValueOrDefault(row.Event!.GroupId));
            case BuiltInFields.IngestionTime:
                scope.Columns |= ScanColumns.Ingestion;
                return row => Value.FromTimestamp(row.Event!.IngestionTime);
            case BuiltInFields.Ptr:
                return row => Value.FromString(Ptr.Encode(row.Event!.GroupId, row.Event.Sequence));
            case BuiltInFields.Type:
                scope.Columns |= ScanColumns.Lambda;
                return row => row.Event!.Lambda.Type == PlatformLineType.None ? Value.Null : Value.FromString(PlatformLines.TypeName(row.Event.Lambda.Type));
            case BuiltInFields.RequestId:
                scope.Columns |= ScanColumns.RequestId;
                return row => Value.FromString(row.Event!.Lambda.RequestId);
            case BuiltInFields.Duration:
                scope.Columns |= ScanColumns.Lambda;
                return row => Value.FromNumber(row.Event!.Lambda.Duration);
            case BuiltInFields.BilledDuration:
                scope.Columns |= ScanColumns.Lambda;
                return row => Value.FromNumber(row.Event!.Lambda.BilledDuration);
            case BuiltInFields.MemorySize:
                scope.Columns |= ScanColumns.Lambda;
                return row => Value.FromNumber(row.Event!.Lambda.MemorySize);
            case BuiltInFields.MaxMemoryUsed:
                scope.Columns |= ScanColumns.Lambda;
                return row => Value.FromNumber(row.Event!.Lambda.MaxMemoryUsed);
            case BuiltInFields.InitDuration:
                scope.Columns |= ScanColumns.Lambda;
                return row => Value.FromNumber(row.Event!.Lambda.InitDuration);
            case BuiltInFields.RestoreDuration:
                scope.Columns |= ScanColumns.Lambda;
                return row => Value.FromNumber(row.Event!.Lambda.RestoreDuration);
            default:
                scope.Columns |= ScanColumns.Message;

                // A discovered field that already starts with '@' is shown with one more '@' (S5).
                var key = name.StartsWith("@@", StringComparison.Ordinal) ? name[1..] : name;
                return row => row.Json.GetValueOrDefault(key);
        }
    }

    private Func<Row, Value> CompileBinary(BinaryExpr binary, Scope scope)
    {
        var left = Compile(binary.Left, scope);
        var right = Compile(binary.Right, scope);
        switch (binary.Op)
        {
            case BinaryOp.And:
                return row => Value.FromBool(left(row).IsTrue && right(row).IsTrue);
            case BinaryOp.Or:
                return row => Value.FromBool(left(row).IsTrue || right(row).IsTrue);
            case BinaryOp.Eq:
                return row => Value.FromBool(Compare(left(row), right(row)) == 0);
            case BinaryOp.NotEq:
                return row => Value.FromBool(Compare(left(row), right(row)) is { } c && c != 0);
            case BinaryOp.Lt:
                return row => Value.FromBool(Compare(left(row), right(row)) < 0);
            case BinaryOp.Le:
                return row => Value.FromBool(Compare(left(row), right(row)) <= 0);
            case BinaryOp.Gt:
                return row => Value.FromBool(Compare(left(row), right(row)) > 0);
            case BinaryOp.Ge:
                return row => Value.FromBool(Compare(left(row), right(row)) >= 0);
            default:
                var op = binary.Op;
                return row =>
                {
                    if (!left(row).TryGetNumber(out var a) || !right(row).TryGetNumber(out var b))
                    {
                        return Value.Null;
                    }

                    return op switch
                    {
                        BinaryOp.Add => Value.FromNumber(a + b),
                        BinaryOp.Subtract => Value.FromNumber(a - b),
                        BinaryOp.Multiply => Value.FromNumber(a * b),
                        BinaryOp.Divide => b == 0 ? Value.Null : Value.FromNumber(a / b),
                        BinaryOp.Modulo => b == 0 ? Value.Null : Value.FromNumber(a % b),
                        _ => Value.FromNumber(Math.Pow(a, b)),
                    };
                };
        }
    }

    private Func<Row, Value> CompileLike(LikeExpr like, Scope scope)
    {
        var subject = Compile(like.Subject, scope);
        var negated = like.Negated;
        if (like.Pattern is RegexExpr regexExpr)
        {
            var regex = CreateRegex(regexExpr.Pattern, regexExpr.Start, regexExpr.End);
            return row => subject(row).Render() is { } s ? Value.FromBool(regex.IsMatch(s) != negated) : Value.FromBool(negated);
        }

        var literal = ((LiteralExpr)like.Pattern).Value.Text!;
        return row => subject(row).Render() is { } s ? Value.FromBool(s.Contains(literal, StringComparison.Ordinal) != negated) : Value.FromBool(negated);
    }

    public static Regex CreateRegex(string pattern, int start, int end)
    {
        try
        {
            return new Regex(pattern, RegexOptions.CultureInvariant | RegexOptions.Compiled);
        }
        catch (ArgumentException ex)
        {
            throw new MalformedQueryException($"Invalid regular expression: {ex.Message}", start, end);
        }
    }
}
