namespace Thaw.Logs.Insights;

/// <summary>
/// The running state of one aggregation in one group. Everything but <c>pct</c> and <c>count_distinct</c> is O(1)
/// memory; those keep the group's values (numbers or distinct values), never the events.
/// <c>pct</c> is nearest-rank; <c>stddev</c> is the sample standard deviation (n − 1), computed with Welford's method.
/// </summary>
internal sealed class Aggregator(AggregateSpec spec)
{
    private long _count;
    private double _sum;
    private double _mean;
    private double _m2;
    private Value _best;
    private long _bestTimestamp;
    private List<double>? _values;
    private HashSet<Value>? _distinct;

    public void Add(Row row)
    {
        if (spec.Kind == AggregateKind.CountAll)
        {
            _count++;
            return;
        }

        var value = spec.Argument!(row);
        if (value.IsNull)
        {
            return;
        }

        switch (spec.Kind)
        {
            case AggregateKind.Count:
                _count++;
                break;
            case AggregateKind.CountDistinct:
                (_distinct ??= []).Add(value.Kind == ValueKind.String ? value : Value.FromString(value.Render()));
                break;
            case AggregateKind.Sum or AggregateKind.Avg:
                if (value.TryGetNumber(out var n))
                {
                    _sum += n;
                    _count++;
                }

                break;
            case AggregateKind.Stddev:
                if (value.TryGetNumber(out var x))
                {
                    _count++;
                    var delta = x - _mean;
                    _mean += delta / _count;
                    _m2 += delta * (x - _mean);
                }

                break;
            case AggregateKind.Percentile:
                if (value.TryGetNumber(out var p))
                {
                    (_values ??= []).Add(p);
                }

                break;
            case AggregateKind.Min or AggregateKind.SortsFirst:
                if (_count++ == 0 || NaturalComparer.Instance.Compare(value, _best) < 0)
                {
                    _best = value;
                }

                break;
            case AggregateKind.Max or AggregateKind.SortsLast:
                if (_count++ == 0 || NaturalComparer.Instance.Compare(value, _best) > 0)
                {
                    _best = value;
                }

                break;
            case AggregateKind.Earliest or AggregateKind.Latest:
                var ts = spec.TimestampOf(row);
                if (_count++ == 0 || (spec.Kind == AggregateKind.Earliest ? ts < _bestTimestamp : ts > _bestTimestamp))
                {
                    _best = value;
                    _bestTimestamp = ts;
                }

                break;
            default:
                break;
        }
    }

    public Value Result()
    {
        switch (spec.Kind)
        {
            case AggregateKind.CountAll or AggregateKind.Count:
                return Value.FromNumber(_count);
            case AggregateKind.CountDistinct:
                return Value.FromNumber(_distinct?.Count ?? 0);
            case AggregateKind.Sum:
                return _count == 0 ? Value.Null : Value.FromNumber(_sum);
            case AggregateKind.Avg:
                return _count == 0 ? Value.Null : Value.FromNumber(_sum / _count);
            case AggregateKind.Stddev:
                return _count < 2 ? (_count == 1 ? Value.FromNumber(0) : Value.Null) : Value.FromNumber(Math.Sqrt(_m2 / (_count - 1)));
            case AggregateKind.Percentile:
                if (_values is null || _values.Count == 0)
                {
                    return Value.Null;
                }

                _values.Sort();
                var rank = (int)Math.Ceiling(spec.Percentile / 100.0 * _values.Count);
                return Value.FromNumber(_values[Math.Clamp(rank, 1, _values.Count) - 1]);
            default:
                return _count == 0 ? Value.Null : _best;
        }
    }
}
