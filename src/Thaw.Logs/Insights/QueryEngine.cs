using System.Text.RegularExpressions;
using Thaw.Logs.Storage;

namespace Thaw.Logs.Insights;

/// <summary>
/// Compiles a parsed query into a push pipeline of sinks and runs it over a streamed scan of the store.
/// Nothing holds all events: event-level stages stream, stats keeps one state per group, sort keeps at most
/// the rows that can reach the result, and the scan stops as soon as a limit is met.
/// </summary>
internal static class QueryEngine
{
    public const int DefaultLimit = 10_000;
    public const int MaxLimit = 100_000;

    private static readonly string[] DefaultColumns = [BuiltInFields.Timestamp, BuiltInFields.Message];

    public static List<List<ResultField>> Run(LogStore store, QueryRequest request, QueryProgress progress, CancellationToken ct)
    {
        var context = new QueryContext
        {
            AccountId = request.AccountId,
            GroupNames = request.Groups.ToDictionary(g => g.Id, g => g.Name),
            StartMs = request.StartMs,
            EndMs = request.EndMs,
            NowMs = request.NowMs,
        };
        var plan = Compile(request.Query, context, request.Limit, progress);
        var groupIds = request.Groups.Select(g => g.Id).ToList();
        if (plan.Columns.HasFlag(ScanColumns.Stream))
        {
            context.StreamNames = store.StreamNames(groupIds);
        }

        if (plan.Blocks is { } blocks)
        {
            var tally = new ScanTally();
            var position = 0L;
            foreach (var e in store.ScanBlocks(new BlockScanRequest(groupIds, request.StartMs, request.EndMs, blocks.Literals), tally, ct))
            {
                if (!plan.Head.Push(new Row(e, plan.RootScope.Count, position++)))
                {
                    break;
                }
            }

            plan.Head.Complete();
            progress.SetScanned(tally.Records, tally.Bytes);
            return Render(plan);
        }

        // Without a filter, bin() groups are found by seeking (one probe per non-empty period) and every event matches;
        // with one, the seed's GROUP BY inside SQLite gives the groups and the matched count.
        var seekKeys = plan.Seed is { Predicate: null, Bin: not null };
        var seedCounts = plan.Seed is { Predicate: null } && !seekKeys;
        var counting = seedCounts ? null : Task.Run(() => store.CountRange(groupIds, request.StartMs, request.EndMs, ct), ct);
        (long Records, long Bytes) scanned = default;
        if (plan.Seed is { Bin: { } bin } seekSeed && seekKeys)
        {
            var periods = store.NonEmptyPeriods(groupIds, request.StartMs, request.EndMs, bin.PeriodMs, bin.OffsetMs, ct);
            seekSeed.Sink()!.Seed(periods.Select(k => new[] { Value.FromTimestamp(k) }));
        }
        else if (plan.Seed is { } seed)
        {
            var keys = store.DistinctKeys(groupIds, request.StartMs, request.EndMs, seed.KeySql, seed.Predicate, seed.Parameters, ct);
            plan.Seed.Sink()!.Seed(keys.Select(k => seed.Timestamp ? new[] { Value.FromTimestamp(k.Key) } : []));
            progress.AddMatched(keys.Sum(k => k.Count));
            scanned = (keys.Sum(k => k.Count), keys.Sum(k => k.Bytes));
        }

        var scan = new ScanRequest(groupIds, request.StartMs, request.EndMs, plan.Columns, plan.Predicate, plan.PredicateParameters,
            plan.Seed is not null && (plan.Columns & ~(ScanColumns.Lambda)) == ScanColumns.None ? "events_reports" : null,
            plan.Seed?.MetricColumns);
        var order = 0L;
        foreach (var e in store.Scan(scan, ct))
        {
            if (!plan.Head.Push(new Row(e, plan.RootScope.Count, order++)))
            {
                break;
            }
        }

        plan.Head.Complete();
        var (records, bytes) = counting?.GetAwaiter().GetResult() ?? scanned;
        progress.SetScanned(records, bytes);
        if (seekKeys)
        {
            progress.AddMatched(records);
        }
        return Render(plan);
    }

    private static List<List<ResultField>> Render(CompiledQuery plan)
    {
        var rows = new List<List<ResultField>>(plan.Collect.Rows.Count);
        foreach (var row in plan.Collect.Rows)
        {
            var fields = new List<ResultField>(plan.Output.Count + 1);
            foreach (var (name, getter) in plan.Output)
            {
                if (getter(row).Render() is { } value)
                {
                    fields.Add(new ResultField(name, value));
                }
            }

            if (plan.IncludePtr && row.Event is { } e)
            {
                fields.Add(new ResultField(BuiltInFields.Ptr, Ptr.Encode(e.GroupId, e.Sequence)));
            }

            rows.Add(fields);
        }

        return rows;
    }

    internal static CompiledQuery Compile(ParsedQuery query, QueryContext context, int? apiLimit, QueryProgress progress)
    {
        var compiler = new ExpressionCompiler(query.Text, context);
        var root = new Scope(aggregated: false);
        var scope = root;
        var stages = new List<Func<RowSink, RowSink>>();
        List<string>? columns = null;
        var parameters = new List<object>();
        var predicates = new List<string>();
        var eventStage = true;
        var allExact = true;
        List<string>? blockLiterals = null;
        var blockFilter = true;
        StatsSink? firstStats = null;
        GroupSeed? seed = null;
        var commands = query.Commands;

        var lastLimit = commands.OfType<LimitCommand>().LastOrDefault()?.Count;
        var cap = Math.Min(lastLimit ?? apiLimit ?? DefaultLimit, MaxLimit);

        void EndEventStage()
        {
            if (eventStage)
            {
                eventStage = false;
                stages.Add(n => new CountSink(progress, n));
            }
        }

        for (var index = 0; index < commands.Count; index++)
        {
            var command = commands[index];
            switch (command)
            {
                case FilterCommand filter:
                    {
                        var condition = compiler.Compile(filter.Condition, scope);
                        var exact = false;
                        if (eventStage && Pushdown.Build(filter.Condition, scope, parameters, out exact) is { } sql)
                        {
                            predicates.Add(sql);
                            if (predicates.Count == 1 && Pushdown.MessageLiterals(filter.Condition, scope) is { } literals)
                            {
                                blockLiterals = literals;
                            }
                            else
                            {
                                blockFilter = false;
                            }
                        }

                        // An exact pushdown is the filter itself: SQLite already applied it.
                        if (!(eventStage && exact))
                        {
                            allExact = false;
                            stages.Add(n => new FilterSink(condition, n));
                        }

                        break;
                    }

                case FieldsCommand fields:
                    allExact = false;
                    columns = Merge(columns, CompileFields(fields.Items, compiler, scope, stages));
                    break;
                case DisplayCommand display:
                    allExact = false;
                    columns = CompileFields(display.Items, compiler, scope, stages);
                    break;
                case ParseCommand parse:
                    allExact = false;
                    stages.Add(CompileParse(parse, compiler, scope));
                    break;
                case UnmaskCommand:
                    break;
                case StatsCommand stats:
                    {
                        var seedable = eventStage && allExact;
                        var plan = CompileStats(stats, compiler, scope);
                        if (seedable && SeedFor(stats, plan, scope, predicates, parameters, () => firstStats) is { } found)
                        {
                            seed = found;
                            eventStage = false; // the matched count comes from the key query
                        }

                        EndEventStage();
                        scope = plan.OutputScope;
                        columns = [.. stats.GroupBy.Select(g => g.Name).Concat(stats.Aggregations.Select(a => a.Name)).Distinct(StringComparer.Ordinal)];
                        stages.Add(n =>
                        {
                            var sink = new StatsSink(plan, n);
                            firstStats ??= sink;
                            return sink;
                        });
                        break;
                    }

                case SortCommand sort:
                    {
                        EndEventStage();
                        var comparer = new RowComparer(
                            [.. sort.Keys.Select(k => compiler.Compile(k.Expr, scope))],
                            [.. sort.Keys.Select(k => k.Descending)]);
                        Func<Row, Value>[]? dedupKeys = null;
                        if (index + 1 < commands.Count && commands[index + 1] is DedupCommand dedup)
                        {
                            dedupKeys = [.. dedup.Keys.Select(k => compiler.Compile(k, scope))];
                        }

                        int? capacity = cap;
                        foreach (var later in commands.Skip(index + 1))
                        {
                            if (later is LimitCommand l)
                            {
                                capacity = Math.Min(capacity.Value, l.Count);
                                break;
                            }

                            if (later is not (FieldsCommand or DisplayCommand or UnmaskCommand or DedupCommand))
                            {
                                capacity = null;
                                break;
                            }
                        }

                        stages.Add(n => new SortSink(comparer, capacity, dedupKeys, n));
                        break;
                    }

                case LimitCommand limit:
                    EndEventStage();
                    stages.Add(n => new LimitSink(limit.Count, n));
                    break;
                case DedupCommand dedupCommand:
                    {
                        EndEventStage();
                        var keys = dedupCommand.Keys.Select(k => compiler.Compile(k, scope)).ToArray();
                        stages.Add(n => new DedupSink(keys, n));
                        break;
                    }

                default:
                    throw new MalformedQueryException("Unsupported command", command.Start, command.End);
            }
        }

        EndEventStage();
        columns ??= [.. DefaultColumns];
        var output = new List<(string, Func<Row, Value>)>();
        foreach (var name in columns)
        {
            if (scope.TryGet(name, out var slot))
            {
                output.Add((name, row => row.Slots[slot]));
            }
            else if (!scope.Aggregated)
            {
                output.Add((name, compiler.ResolveField(name, scope)));
            }
        }

        var collect = new CollectSink(cap);
        RowSink head = collect;
        for (var i = stages.Count - 1; i >= 0; i--)
        {
            head = stages[i](head);
        }

        var predicate = predicates.Count == 0 ? null : string.Join(" AND ", predicates.Select(p => $"({p})"));
        var blocks = blockFilter && seed is null && OrderFree(commands)
            && (root.Columns & ~(ScanColumns.Message | ScanColumns.Stream | ScanColumns.Ingestion)) == ScanColumns.None
            ? new BlockPlan(blockLiterals)
            : null;
        return new CompiledQuery(head, collect, root, root.Columns, predicate, parameters, output, !scope.Aggregated, seed, blocks);
    }

    /// <summary>
    /// Whether the answer is the same whatever order the events arrive in: only event-by-event commands up to a sort, or
    /// up to a stats whose aggregations do not pick an event by arrival (earliest and latest keep the first of equal timestamps).
    /// </summary>
    private static bool OrderFree(IReadOnlyList<Command> commands)
    {
        foreach (var command in commands)
        {
            switch (command)
            {
                case FilterCommand or ParseCommand or FieldsCommand or DisplayCommand or UnmaskCommand:
                    continue;
                case StatsCommand stats:
                    return !stats.Aggregations.Any(a => Mentions(a.Expr, "earliest") || Mentions(a.Expr, "latest"));
                case SortCommand:
                    return true; // RowComparer orders events totally (ties by sequence)
                default:
                    return false;
            }
        }

        return false;
    }

    private static bool Mentions(Expr expr, string function) => expr switch
    {
        CallExpr c => string.Equals(c.Name, function, StringComparison.OrdinalIgnoreCase) || c.Arguments.Any(a => Mentions(a, function)),
        BinaryExpr b => Mentions(b.Left, function) || Mentions(b.Right, function),
        UnaryExpr u => Mentions(u.Operand, function),
        _ => false,
    };

    private static GroupSeed? SeedFor(StatsCommand stats, StatsPlan plan, Scope input, List<string> predicates, List<object> parameters, Func<StatsSink?> sink)
    {
        var columns = new List<string>();
        foreach (var aggregation in stats.Aggregations)
        {
            if (aggregation.Expr is not CallExpr { Arguments.Count: >= 1 } call || !ExpressionCompiler.IsAggregate(call.Name)
                || call.Arguments[0] is StarExpr || Pushdown.NumberColumn(call.Arguments[0], input) is not { } column)
            {
                return null;
            }

            columns.Add(column);
        }

        string keySql;
        var timestamp = false;
        (long, long)? bin = null;
        switch (stats.GroupBy)
        {
            case []:
                keySql = "0";
                break;
            case [{ Expr: CallExpr { Arguments: [DurationExpr d] } call }] when string.Equals(call.Name, "bin", StringComparison.OrdinalIgnoreCase):
                var period = Period.Parse(d);
                if (period.Months != 0)
                {
                    return null;
                }

                var offset = period.Floor(0) < 0 ? period.Floor(0) + period.FixedMs : period.Floor(0);
                keySql = FormattableString.Invariant($"((ts - {offset}) / {period.FixedMs}) * {period.FixedMs} + {offset}");
                timestamp = true;
                bin = (period.FixedMs, offset);
                break;
            default:
                return null;
        }

        var basePredicate = predicates.Count == 0 ? null : string.Join(" AND ", predicates.Select(p => $"({p})"));
        var seedParameters = parameters.ToList();
        // Every discovered number sits on a REPORT line (type 3): the conjunct lets SQLite use the partial index events_reports.
        predicates.Add(FormattableString.Invariant($"type = {(int)Lambda.PlatformLineType.Report}"));
        predicates.Add(string.Join(" OR ", columns.Distinct(StringComparer.Ordinal).Select(c => $"{c} IS NOT NULL")));
        return new GroupSeed(keySql, timestamp, sink, basePredicate, seedParameters) { Bin = bin, MetricColumns = [.. columns.Distinct(StringComparer.Ordinal)] };
    }

    private static List<string> Merge(List<string>? columns, List<string> added)
    {
        var merged = columns ?? [];
        foreach (var name in added)
        {
            if (!merged.Contains(name, StringComparer.Ordinal))
            {
                merged.Add(name);
            }
        }

        return merged;
    }

    private static List<string> CompileFields(IReadOnlyList<NamedExpr> items, ExpressionCompiler compiler, Scope scope, List<Func<RowSink, RowSink>> stages)
    {
        var names = new List<string>();
        var computed = new List<(int Slot, Func<Row, Value> Getter)>();
        foreach (var item in items)
        {
            var getter = compiler.Compile(item.Expr, scope);
            if (item.Expr is not FieldExpr || item.Aliased)
            {
                computed.Add((scope.Define(item.Name), getter));
            }

            names.Add(item.Name);
        }

        if (computed.Count > 0)
        {
            var array = computed.ToArray();
            // A pipeline runs on one thread, so one buffer serves every row.
            var values = new Value[array.Length];
            stages.Add(n => new ComputeSink(row =>
            {
                // Evaluate all first: "fields a + 1 as a, a as b" reads the old a on both sides.
                for (var i = 0; i < array.Length; i++)
                {
                    values[i] = array[i].Getter(row);
                }

                for (var i = 0; i < array.Length; i++)
                {
                    row.Slots[array[i].Slot] = values[i];
                }
            }, n));
        }

        return names;
    }

    private static Func<RowSink, RowSink> CompileParse(ParseCommand parse, ExpressionCompiler compiler, Scope scope)
    {
        var source = parse.Source is null ? compiler.ResolveField(BuiltInFields.Message, scope) : compiler.Compile(parse.Source, scope);
        var slots = parse.Aliases.Select(scope.Define).ToArray();
        if (parse.Glob is not null)
        {
            var glob = new GlobPattern(parse.Glob);
            return n => new ComputeSink(row =>
            {
                Span<Range> captures = stackalloc Range[slots.Length];
                if (source(row).Render() is { } text && glob.TryMatch(text, captures))
                {
                    for (var i = 0; i < slots.Length; i++)
                    {
                        row.Slots[slots[i]] = Value.FromString(text[captures[i]]);
                    }
                }
                else
                {
                    foreach (var slot in slots)
                    {
                        row.Slots[slot] = Value.Null;
                    }
                }
            }, n);
        }

        var regex = ExpressionCompiler.CreateRegex(parse.Regex!, parse.Start, parse.End);
        var named = regex.GetGroupNames().Where(g => !int.TryParse(g, out _)).ToArray();
        var groups = named.Length == 0 || !named.SequenceEqual(parse.Aliases)
            ? [1]
            : named.Select(regex.GroupNumberFromName).ToArray();
        return n => new ComputeSink(row =>
        {
            Match? match = source(row).Render() is { } text ? regex.Match(text) : null;
            for (var i = 0; i < slots.Length; i++)
            {
                var group = match is { Success: true } && groups[i] < match.Groups.Count ? match.Groups[groups[i]] : null;
                row.Slots[slots[i]] = group is { Success: true } ? Value.FromString(group.Value) : Value.Null;
            }
        }, n);
    }

    private static StatsPlan CompileStats(StatsCommand stats, ExpressionCompiler compiler, Scope input)
    {
        var groupBy = stats.GroupBy.Select(g => compiler.Compile(g.Expr, input)).ToArray();
        var specs = new List<AggregateSpec>();
        var rewritten = stats.Aggregations.Select(a => (a.Name, Expr: Rewrite(a.Expr, compiler, input, specs, inside: false))).ToList();
        for (var i = 0; i < rewritten.Count; i++)
        {
            if (!ContainsAggregate(rewritten[i].Expr))
            {
                var e = stats.Aggregations[i].Expr;
                throw new MalformedQueryException("Each stats expression needs an aggregation function such as count(*)", e.Start, e.End);
            }
        }

        var output = new Scope(aggregated: true);
        var groupSlots = stats.GroupBy.Select(g => output.Define(g.Name)).ToArray();
        var outputSlots = rewritten.Select(r => output.Define(r.Name)).ToArray();
        var aggregateSlots = specs.Select((_, i) => output.Define(ExpressionCompiler.AggregateSlotPrefix + i)).ToArray();
        var outputs = rewritten.Select(r => compiler.Compile(r.Expr, output)).ToArray();
        return new StatsPlan(groupBy, groupSlots, [.. specs], aggregateSlots, outputs, outputSlots, output);
    }

    private static bool ContainsAggregate(Expr expr) => expr switch
    {
        AggregateRefExpr => true,
        BinaryExpr b => ContainsAggregate(b.Left) || ContainsAggregate(b.Right),
        UnaryExpr u => ContainsAggregate(u.Operand),
        CallExpr c => c.Arguments.Any(ContainsAggregate),
        _ => false,
    };

    /// <summary>Replaces each aggregation call by a reference to its result, compiling its argument against the input scope.</summary>
    private static Expr Rewrite(Expr expr, ExpressionCompiler compiler, Scope input, List<AggregateSpec> specs, bool inside)
    {
        switch (expr)
        {
            case CallExpr call when ExpressionCompiler.IsAggregate(call.Name):
                {
                    if (inside)
                    {
                        throw new MalformedQueryException("Aggregation functions cannot be nested", call.Start, call.End);
                    }

                    specs.Add(CompileAggregate(call, compiler, input));
                    return new AggregateRefExpr(specs.Count - 1, call.Start, call.End);
                }

            case CallExpr call:
                return call with { Arguments = [.. call.Arguments.Select(a => Rewrite(a, compiler, input, specs, inside))] };
            case BinaryExpr binary:
                return binary with
                {
                    Left = Rewrite(binary.Left, compiler, input, specs, inside),
                    Right = Rewrite(binary.Right, compiler, input, specs, inside),
                };
            case UnaryExpr unary:
                return unary with { Operand = Rewrite(unary.Operand, compiler, input, specs, inside) };
            default:
                return expr;
        }
    }

    private static AggregateSpec CompileAggregate(CallExpr call, ExpressionCompiler compiler, Scope input)
    {
        var name = call.Name.ToLowerInvariant();
        var args = call.Arguments;
        Func<Row, long> timestampOf;
        if (input.Aggregated)
        {
            var ts = input.TryGet(BuiltInFields.Timestamp, out var slot) ? slot : -1;
            timestampOf = row => ts >= 0 && row.Slots[ts].TryGetNumber(out var t) ? (long)t : row.Order;
        }
        else
        {
            timestampOf = row => row.Event!.Timestamp;
        }

        if (name == "count" && (args.Count == 0 || args is [StarExpr]))
        {
            return new AggregateSpec(AggregateKind.CountAll, null, 0, timestampOf);
        }

        foreach (var a in args)
        {
            if (a is CallExpr inner && ExpressionCompiler.IsAggregate(inner.Name))
            {
                throw new MalformedQueryException("Aggregation functions cannot be nested", inner.Start, inner.End);
            }
        }

        if (name is "pct" or "percentile")
        {
            if (args.Count != 2 || args[1] is not LiteralExpr { Value.Kind: ValueKind.Number } p || p.Value.Number < 0 || p.Value.Number > 100)
            {
                throw new MalformedQueryException($"{call.Name}() takes a field and a percentile between 0 and 100", call.Start, call.End);
            }

            return new AggregateSpec(AggregateKind.Percentile, compiler.Compile(args[0], input), p.Value.Number, timestampOf);
        }

        if (args.Count != 1)
        {
            throw new MalformedQueryException($"{call.Name}() takes one argument", call.Start, call.End);
        }

        var kind = name switch
        {
            "count" => AggregateKind.Count,
            "count_distinct" => AggregateKind.CountDistinct,
            "sum" => AggregateKind.Sum,
            "avg" => AggregateKind.Avg,
            "min" => AggregateKind.Min,
            "max" => AggregateKind.Max,
            "stddev" => AggregateKind.Stddev,
            "earliest" => AggregateKind.Earliest,
            "latest" => AggregateKind.Latest,
            "sortsfirst" => AggregateKind.SortsFirst,
            _ => AggregateKind.SortsLast,
        };
        return new AggregateSpec(kind, compiler.Compile(args[0], input), 0, timestampOf);
    }
}
