using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Thaw.Logs.Insights;

/// <summary>The scalar functions of CWL_QuerySyntax-operations-functions (numeric, general, string, datetime, IP).</summary>
internal sealed partial class ExpressionCompiler
{
    private Func<Row, Value> CompileFunction(CallExpr call, Scope scope)
    {
        var name = call.Name.ToLowerInvariant();
        var args = call.Arguments;

        Func<Row, Value> Arg(int i) => Compile(args[i], scope);
        void Arity(int min, int max)
        {
            if (args.Count < min || args.Count > max)
            {
                var expected = min == max ? $"{min}" : max == int.MaxValue ? $"at least {min}" : $"{min} to {max}";
                throw new MalformedQueryException($"{call.Name}() takes {expected} argument(s), got {args.Count}", call.Start, call.End);
            }
        }

        Func<Row, Value> Numeric(Func<double, double> f)
        {
            Arity(1, 1);
            var a = Arg(0);
            return row => a(row).TryGetNumber(out var n) ? Value.FromNumber(f(n)) : Value.Null;
        }

        Func<Row, Value> Text(Func<string, Value> f)
        {
            var a = Arg(0);
            return row => a(row).Render() is { } s ? f(s) : Value.Null;
        }

        Func<Row, Value> TextPair(Func<string, string, Value> f)
        {
            Arity(2, 2);
            var a = Arg(0);
            var b = Arg(1);
            return row => a(row).Render() is { } s && b(row).Render() is { } t ? f(s, t) : Value.Null;
        }

        switch (name)
        {
            // numeric
            case "abs": return Numeric(Math.Abs);
            case "ceil": return Numeric(Math.Ceiling);
            case "floor": return Numeric(Math.Floor);
            case "log": return Numeric(Math.Log);
            case "sqrt": return Numeric(Math.Sqrt);
            case "tonumber" or "todouble": return Numeric(n => n);
            case "toint" or "tolong": return Numeric(Math.Truncate);
            case "round":
                {
                    Arity(1, 2);
                    var a = Arg(0);
                    var digits = args.Count == 2 ? Arg(1) : null;
                    return row =>
                    {
                        if (!a(row).TryGetNumber(out var n))
                        {
                            return Value.Null;
                        }

                        var d = digits is not null && digits(row).TryGetNumber(out var dd) ? (int)Math.Clamp(dd, 0, 15) : 0;
                        return Value.FromNumber(Math.Round(n, d, MidpointRounding.AwayFromZero));
                    };
                }

            case "greatest" or "least":
                {
                    Arity(1, int.MaxValue);
                    var all = args.Select(a => Compile(a, scope)).ToArray();
                    var greatest = name == "greatest";
                    return row =>
                    {
                        double? best = null;
                        foreach (var f in all)
                        {
                            if (f(row).TryGetNumber(out var n) && (best is null || (greatest ? n > best : n < best)))
                            {
                                best = n;
                            }
                        }

                        return Value.FromNumber(best);
                    };
                }

            // general
            case "ispresent":
                {
                    Arity(1, 1);
                    var a = Arg(0);
                    return row => Value.FromBool(!a(row).IsNull);
                }

            case "coalesce":
                {
                    Arity(1, int.MaxValue);
                    var all = args.Select(a => Compile(a, scope)).ToArray();
                    return row =>
                    {
                        foreach (var f in all)
                        {
                            var v = f(row);
                            if (!v.IsNull)
                            {
                                return v;
                            }
                        }

                        return Value.Null;
                    };
                }

            case "if":
                {
                    Arity(3, 3);
                    var c = Arg(0);
                    var a = Arg(1);
                    var b = Arg(2);
                    return row => c(row).IsTrue ? a(row) : b(row);
                }

            case "case":
                {
                    Arity(2, 21);
                    var all = args.Select(a => Compile(a, scope)).ToArray();
                    return row =>
                    {
                        for (var i = 0; i + 1 < all.Length; i += 2)
                        {
                            if (all[i](row).IsTrue)
                            {
                                return all[i + 1](row);
                            }
                        }

                        return all.Length % 2 == 1 ? all[^1](row) : Value.Null;
                    };
                }

            case "isnumeric":
                {
                    Arity(1, 1);
                    var a = Arg(0);
                    return row => Value.FromBool(a(row).TryGetNumber(out _));
                }

            case "querystarttime":
                {
                    Arity(0, 0);
                    var v = Value.FromNumber(context.StartMs);
                    return _ => v;
                }

            case "queryendtime":
                {
                    Arity(0, 0);
                    var v = Value.FromNumber(context.EndMs);
                    return _ => v;
                }

            case "querytimerange":
                {
                    Arity(0, 0);
                    var v = Value.FromNumber(context.EndMs - context.StartMs);
                    return _ => v;
                }

            // string
            case "isempty":
                {
                    Arity(1, 1);
                    var a = Arg(0);
                    return row => Value.FromNumber(a(row).Render() is { Length: > 0 } ? 0 : 1);
                }

            case "isblank":
                {
                    Arity(1, 1);
                    var a = Arg(0);
                    return row => Value.FromNumber(string.IsNullOrWhiteSpace(a(row).Render()) ? 1 : 0);
                }

            case "concat":
                {
                    Arity(1, int.MaxValue);
                    var all = args.Select(a => Compile(a, scope)).ToArray();
                    return row => Value.FromString(string.Concat(all.Select(f => f(row).Render())));
                }

            case "ltrim" or "rtrim" or "trim":
                {
                    Arity(1, 2);
                    var a = Arg(0);
                    var chars = args.Count == 2 ? Arg(1) : null;
                    return row =>
                    {
                        if (a(row).Render() is not { } s)
                        {
                            return Value.Null;
                        }

                        var set = chars?.Invoke(row).Render()?.ToCharArray();
                        return Value.FromString(name switch
                        {
                            "ltrim" => set is null ? s.TrimStart() : s.TrimStart(set),
                            "rtrim" => set is null ? s.TrimEnd() : s.TrimEnd(set),
                            _ => set is null ? s.Trim() : s.Trim(set),
                        });
                    };
                }

            case "strlen":
                Arity(1, 1);
                return Text(s => Value.FromNumber(s.EnumerateRunes().Count()));
            case "toupper":
                Arity(1, 1);
                return Text(s => Value.FromString(s.ToUpperInvariant()));
            case "tolower":
                Arity(1, 1);
                return Text(s => Value.FromString(s.ToLowerInvariant()));
            case "substr":
                {
                    Arity(2, 3);
                    var a = Arg(0);
                    var start = Arg(1);
                    var length = args.Count == 3 ? Arg(2) : null;
                    return row =>
                    {
                        if (a(row).Render() is not { } s || !start(row).TryGetNumber(out var st))
                        {
                            return Value.Null;
                        }

                        var from = (int)Math.Clamp(st, 0, s.Length);
                        var count = s.Length - from;
                        if (length is not null && length(row).TryGetNumber(out var len))
                        {
                            count = (int)Math.Clamp(len, 0, count);
                        }

                        return Value.FromString(s.Substring(from, count));
                    };
                }

            case "replace":
                {
                    Arity(3, 3);
                    var a = Arg(0);
                    var search = Arg(1);
                    var replacement = Arg(2);
                    return row =>
                    {
                        if (a(row).Render() is not { } s || search(row).Render() is not { Length: > 0 } f)
                        {
                            return a(row);
                        }

                        return Value.FromString(s.Replace(f, replacement(row).Render() ?? "", StringComparison.Ordinal));
                    };
                }

            case "regexreplace":
                {
                    Arity(3, 3);
                    var a = Arg(0);
                    var pattern = args[1] switch
                    {
                        RegexExpr r => r.Pattern,
                        LiteralExpr { Value.Kind: ValueKind.String } l => l.Value.Text!,
                        _ => throw new MalformedQueryException("regexReplace() needs a constant pattern", args[1].Start, args[1].End),
                    };
                    var regex = CreateRegex(pattern, args[1].Start, args[1].End);
                    var replacement = Arg(2);
                    return row => a(row).Render() is { } s ? Value.FromString(regex.Replace(s, replacement(row).Render() ?? "")) : Value.Null;
                }

            case "strcontains":
                {
                    Arity(2, 3);
                    var a = Arg(0);
                    var b = Arg(1);
                    var ignoreCase = args.Count == 3 ? Arg(2) : null;
                    return row =>
                    {
                        if (a(row).Render() is not { } s || b(row).Render() is not { } t)
                        {
                            return Value.FromNumber(0);
                        }

                        var comparison = ignoreCase is not null && ignoreCase(row).IsTrue ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
                        return Value.FromNumber(s.Contains(t, comparison) ? 1 : 0);
                    };
                }

            case "startswith":
                return TextPair((s, t) => Value.FromNumber(s.StartsWith(t, StringComparison.Ordinal) ? 1 : 0));
            case "endswith":
                return TextPair((s, t) => Value.FromNumber(s.EndsWith(t, StringComparison.Ordinal) ? 1 : 0));

            // datetime
            case "bin":
                {
                    Arity(1, 1);
                    var period = PeriodArgument(args[0]);
                    var timestamp = ResolveField(BuiltInFields.Timestamp, scope, call);
                    return row => timestamp(row).TryGetNumber(out var t) ? Value.FromTimestamp(period.Floor((long)t)) : Value.Null;
                }

            case "datefloor" or "dateceil":
                {
                    Arity(2, 2);
                    var a = Arg(0);
                    var period = PeriodArgument(args[1]);
                    var ceil = name == "dateceil";
                    return row => a(row).TryGetNumber(out var t)
                        ? Value.FromTimestamp(ceil ? period.Ceil((long)t) : period.Floor((long)t))
                        : Value.Null;
                }

            case "frommillis":
                {
                    Arity(1, 1);
                    var a = Arg(0);
                    return row => a(row).TryGetNumber(out var n) ? Value.FromTimestamp((long)n) : Value.Null;
                }

            case "tomillis":
                {
                    Arity(1, 1);
                    var a = Arg(0);
                    return row => a(row).TryGetNumber(out var n) ? Value.FromNumber(n) : Value.Null;
                }

            case "now":
                {
                    Arity(0, 0);
                    var v = Value.FromNumber(context.NowMs / 1000);
                    return _ => v;
                }

            // IP addresses
            case "isvalidip":
                Arity(1, 1);
                return Text(s => Value.FromBool(ParseIp(s) is not null));
            case "isvalidipv4":
                Arity(1, 1);
                return Text(s => Value.FromBool(ParseIp(s)?.AddressFamily == AddressFamily.InterNetwork));
            case "isvalidipv6":
                Arity(1, 1);
                return Text(s => Value.FromBool(ParseIp(s)?.AddressFamily == AddressFamily.InterNetworkV6));
            case "isipinsubnet" or "isipv4insubnet" or "isipv6insubnet":
                {
                    var family = name switch
                    {
                        "isipv4insubnet" => AddressFamily.InterNetwork,
                        "isipv6insubnet" => AddressFamily.InterNetworkV6,
                        _ => AddressFamily.Unspecified,
                    };
                    return TextPair((s, cidr) => Value.FromBool(InSubnet(s, cidr, family)));
                }

            default:
                throw new MalformedQueryException($"Unknown function {call.Name}() at position {call.Start}", call.Start, call.End);
        }
    }

    private static Period PeriodArgument(Expr expr) => expr is DurationExpr d
        ? Period.Parse(d)
        : throw new MalformedQueryException("Expected a time period such as 5m", expr.Start, expr.End);

    private static IPAddress? ParseIp(string s)
    {
        if (!IPAddress.TryParse(s, out var address))
        {
            return null;
        }

        // IPAddress.TryParse takes "1" or "1.2" as IPv4; only a dotted quad is a valid IPv4 address here.
        if (address.AddressFamily == AddressFamily.InterNetwork && (s.Count(c => c == '.') != 3 || !Ipv4().IsMatch(s)))
        {
            return null;
        }

        return address;
    }

    private static bool InSubnet(string ip, string cidr, AddressFamily family)
    {
        var address = ParseIp(ip);
        var slash = cidr.IndexOf('/', StringComparison.Ordinal);
        if (address is null || slash < 0 || ParseIp(cidr[..slash]) is not { } network
            || !int.TryParse(cidr.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var bits))
        {
            return false;
        }

        if (address.AddressFamily != network.AddressFamily || (family != AddressFamily.Unspecified && address.AddressFamily != family))
        {
            return false;
        }

        var a = address.GetAddressBytes();
        var n = network.GetAddressBytes();
        if (bits < 0 || bits > a.Length * 8)
        {
            return false;
        }

        for (var i = 0; i < bits; i++)
        {
            var mask = 0x80 >> (i % 8);
            if ((a[i / 8] & mask) != (n[i / 8] & mask))
            {
                return false;
            }
        }

        return true;
    }

    [GeneratedRegex(@"^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$", RegexOptions.CultureInvariant)]
    private static partial Regex Ipv4();
}
