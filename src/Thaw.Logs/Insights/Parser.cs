using System.Text;

namespace Thaw.Logs.Insights;

/// <summary>
/// Recursive-descent parser of the Logs Insights language (commands joined by <c>|</c>). Precedence, low to high:
/// <c>or</c>, <c>and</c>, <c>not</c>, comparisons (<c>= != &lt; &lt;= &gt; &gt;= like =~ in</c>), <c>+ -</c>,
/// <c>* / %</c>, unary minus, <c>^</c>. See INSIGHTS.md beside this folder.
/// </summary>
internal sealed class Parser
{
    public const int MaxQueryLength = 10_000;

    private static readonly HashSet<string> UnsupportedCommands = new(StringComparer.OrdinalIgnoreCase)
    {
        "pattern", "diff", "filterIndex", "unnest", "lookup", "join", "anomaly", "addtotals", "autoregress",
        "logcompare", "filldown", "fillmissing", "cidrlookup", "outlier", "accum", "appendcols", "sessionize", "countFrequent", "json",
    };

    private readonly Lexer _lexer;
    private int _position;

    private Parser(string text) => _lexer = new Lexer(text);

    private string Text => _lexer.Text;

    public static ParsedQuery Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > MaxQueryLength)
        {
            throw new MalformedQueryException($"Query is longer than {MaxQueryLength} characters", MaxQueryLength, text.Length);
        }

        var parser = new Parser(text);
        var query = parser.ParseQuery();
        Validate(query);
        return query;
    }

    /// <summary>Column name of an expression: its source text, whitespace collapsed (how Logs Insights names <c>count(*)</c>, <c>bin(5m)</c>).</summary>
    public static string NameOf(string text, Expr expr)
    {
        var raw = text.AsSpan(expr.Start, expr.End - expr.Start);
        var sb = new StringBuilder(raw.Length);
        var space = false;
        foreach (var c in raw)
        {
            if (char.IsWhiteSpace(c))
            {
                space = true;
                continue;
            }

            if (space && sb.Length > 0)
            {
                sb.Append(' ');
            }

            space = false;
            sb.Append(c);
        }

        var name = sb.ToString();
        return expr is FieldExpr f ? f.Name : name;
    }

    private static void Validate(ParsedQuery query)
    {
        var stats = 0;
        var statsCount = query.Commands.Count(c => c is StatsCommand);
        Command? afterDedup = null;
        var sawDedup = false;
        foreach (var command in query.Commands)
        {
            if (sawDedup && command is not LimitCommand)
            {
                afterDedup = command;
                break;
            }

            switch (command)
            {
                case StatsCommand:
                    if (++stats > 2)
                    {
                        throw new MalformedQueryException("A query can contain at most two stats commands", command.Start, command.End);
                    }

                    break;
                case SortCommand or LimitCommand when statsCount == 2 && stats < 2:
                    throw new MalformedQueryException("sort and limit must come after the second stats command", command.Start, command.End);
                case DedupCommand:
                    sawDedup = true;
                    break;
                default:
                    break;
            }
        }

        if (afterDedup is not null)
        {
            throw new MalformedQueryException("Only limit can follow dedup", afterDedup.Start, afterDedup.End);
        }
    }

    private Token Peek(bool operand = false) => _lexer.Read(_position, operand);

    private Token Next(bool operand = false)
    {
        var token = Peek(operand);
        _position = token.End;
        return token;
    }

    private Token Expect(TokenKind kind, string what, bool operand = false)
    {
        var token = Peek(operand);
        if (token.Kind != kind)
        {
            throw Error($"Expected {what}", token);
        }

        _position = token.End;
        return token;
    }

    private bool TryKeyword(string keyword)
    {
        var token = Peek();
        if (token.IsKeyword(keyword))
        {
            _position = token.End;
            return true;
        }

        return false;
    }

    private bool TryToken(TokenKind kind)
    {
        var token = Peek();
        if (token.Kind == kind)
        {
            _position = token.End;
            return true;
        }

        return false;
    }

    private MalformedQueryException Error(string message, Token at)
    {
        var found = at.Kind == TokenKind.End ? "end of query" : $"'{Text[at.Start..at.End]}'";
        return new MalformedQueryException($"{message} at position {at.Start}, found {found}", at.Start, Math.Max(at.End, at.Start + 1));
    }

    private ParsedQuery ParseQuery()
    {
        var commands = new List<Command>();
        SourceCommand? source = null;
        if (Peek().Kind == TokenKind.End)
        {
            return new ParsedQuery(Text, commands, null);
        }

        while (true)
        {
            var command = ParseCommand();
            if (command is SourceCommand s)
            {
                if (commands.Count > 0 || source is not null)
                {
                    throw new MalformedQueryException("SOURCE must be the first command", s.Start, s.End);
                }

                source = s;
            }
            else
            {
                commands.Add(command);
            }

            var next = Peek();
            if (next.Kind == TokenKind.End)
            {
                break;
            }

            if (next.Kind != TokenKind.Pipe)
            {
                throw Error("Expected '|' or end of query", next);
            }

            _position = next.End;
        }

        return new ParsedQuery(Text, commands, source);
    }

    private Command ParseCommand()
    {
        var keyword = Next();
        if (keyword.Kind != TokenKind.Identifier || keyword.Quoted)
        {
            throw Error("Expected a command", keyword);
        }

        Command command = keyword.Text.ToUpperInvariant() switch
        {
            "FIELDS" => new FieldsCommand(ParseNamedList(), keyword.Start, _position),
            "DISPLAY" => new DisplayCommand(ParseNamedList(), keyword.Start, _position),
            "FILTER" or "WHERE" => new FilterCommand(ParseExpression(), keyword.Start, _position),
            "STATS" => ParseStats(keyword),
            "SORT" => ParseSort(keyword),
            "LIMIT" => ParseLimit(keyword),
            "PARSE" => ParseParse(keyword),
            "DEDUP" => new DedupCommand(ParseExprList(), keyword.Start, _position),
            "UNMASK" => new UnmaskCommand(keyword.Start, keyword.End),
            "SOURCE" => ParseSource(keyword),
            _ when UnsupportedCommands.Contains(keyword.Text) =>
                throw new MalformedQueryException($"The command '{keyword.Text}' is not supported by Thaw", keyword.Start, keyword.End),
            _ => throw new MalformedQueryException($"Unknown command '{keyword.Text}' at position {keyword.Start}", keyword.Start, keyword.End),
        };
        return command;
    }

    private List<NamedExpr> ParseNamedList()
    {
        var items = new List<NamedExpr>();
        do
        {
            items.Add(ParseNamed());
        }
        while (TryToken(TokenKind.Comma));
        return items;
    }

    private NamedExpr ParseNamed()
    {
        var expr = ParseExpression();
        if (TryKeyword("as"))
        {
            var alias = Expect(TokenKind.Identifier, "an alias");
            return new NamedExpr(expr, alias.Text, true);
        }

        return new NamedExpr(expr, NameOf(Text, expr), false);
    }

    private List<Expr> ParseExprList()
    {
        var items = new List<Expr>();
        do
        {
            items.Add(ParseExpression());
        }
        while (TryToken(TokenKind.Comma));
        return items;
    }

    private StatsCommand ParseStats(Token keyword)
    {
        var aggregations = new List<NamedExpr>();
        do
        {
            aggregations.Add(ParseNamed());
        }
        while (TryToken(TokenKind.Comma));

        var groupBy = new List<NamedExpr>();
        var group = Peek();
        if (group.IsKeyword("group"))
        {
            _position = group.End;
            if (!TryKeyword("by"))
            {
                throw Error("Expected 'by'", Peek());
            }

            groupBy = ParseNamedList();
        }
        else if (TryKeyword("by"))
        {
            groupBy = ParseNamedList();
        }

        return new StatsCommand(aggregations, groupBy, keyword.Start, _position);
    }

    private SortCommand ParseSort(Token keyword)
    {
        TryKeyword("by");
        var keys = new List<SortKey>();
        do
        {
            var expr = ParseExpression();
            var descending = false;
            if (TryKeyword("desc"))
            {
                descending = true;
            }
            else
            {
                TryKeyword("asc");
            }

            keys.Add(new SortKey(expr, descending));
        }
        while (TryToken(TokenKind.Comma));
        return new SortCommand(keys, keyword.Start, _position);
    }

    private LimitCommand ParseLimit(Token keyword)
    {
        TryKeyword("any");
        var number = Expect(TokenKind.Number, "a number");
        if (number.Number < 1 || number.Number > 10_000_000 || number.Number != Math.Floor(number.Number))
        {
            throw new MalformedQueryException("limit must be a positive integer", number.Start, number.End);
        }

        return new LimitCommand((int)number.Number, keyword.Start, _position);
    }

    private ParseCommand ParseParse(Token keyword)
    {
        Expr? source = null;
        var next = Peek(operand: true);
        if (next.Kind is not (TokenKind.String or TokenKind.Regex))
        {
            source = ParsePrimary();
            next = Peek(operand: true);
        }

        if (next.Kind == TokenKind.String)
        {
            _position = next.End;
            if (!TryKeyword("as"))
            {
                throw Error("Expected 'as' after the parse pattern", Peek());
            }

            var aliases = new List<string>();
            do
            {
                aliases.Add(Expect(TokenKind.Identifier, "a field name").Text);
            }
            while (TryToken(TokenKind.Comma));

            var stars = next.Text.Count(c => c == '*');
            if (stars != aliases.Count)
            {
                throw new MalformedQueryException(
                    $"The parse pattern has {stars} wildcards but {aliases.Count} field names", next.Start, _position);
            }

            return new ParseCommand(source, next.Text, null, aliases, keyword.Start, _position);
        }

        if (next.Kind == TokenKind.Regex)
        {
            _position = next.End;
            System.Text.RegularExpressions.Regex regex;
            try
            {
                regex = new System.Text.RegularExpressions.Regex(next.Text, System.Text.RegularExpressions.RegexOptions.CultureInvariant);
            }
            catch (ArgumentException ex)
            {
                throw new MalformedQueryException($"Invalid regular expression: {ex.Message}", next.Start, next.End);
            }

            var names = regex.GetGroupNames().Where(n => !int.TryParse(n, out _)).ToList();
            if (TryKeyword("as"))
            {
                // "as alias" names a single unnamed group (a documented special case of regex parse).
                names = [Expect(TokenKind.Identifier, "a field name").Text];
            }

            if (names.Count == 0)
            {
                throw new MalformedQueryException("The parse regular expression has no named capture group (?<name>...)", next.Start, next.End);
            }

            return new ParseCommand(source, null, next.Text, names, keyword.Start, _position);
        }

        throw Error("Expected a parse pattern (a quoted glob or a /regex/)", next);
    }

    private SourceCommand ParseSource(Token keyword)
    {
        var name = Expect(TokenKind.Identifier, "logGroups(...)");
        if (!string.Equals(name.Text, "logGroups", StringComparison.OrdinalIgnoreCase))
        {
            throw new MalformedQueryException("Only SOURCE logGroups(...) is supported", name.Start, name.End);
        }

        Expect(TokenKind.LParen, "'('");
        var prefixes = new List<string>();
        var classes = new List<string>();
        while (!TryToken(TokenKind.RParen))
        {
            var key = Expect(TokenKind.Identifier, "namePrefix, class or accountIdentifiers");
            Expect(TokenKind.Colon, "':'");
            Expect(TokenKind.LBracket, "'['");
            var values = new List<string>();
            while (!TryToken(TokenKind.RBracket))
            {
                values.Add(Expect(TokenKind.String, "a quoted string").Text);
                TryToken(TokenKind.Comma);
            }

            switch (key.Text)
            {
                case "namePrefix": prefixes.AddRange(values); break;
                case "class": classes.AddRange(values); break;
                case "accountIdentifiers": break;
                default: throw new MalformedQueryException($"Unknown SOURCE option '{key.Text}'", key.Start, key.End);
            }

            TryToken(TokenKind.Comma);
        }

        if (prefixes.Count > 5)
        {
            throw new MalformedQueryException("SOURCE accepts at most 5 name prefixes", keyword.Start, _position);
        }

        return new SourceCommand(prefixes, classes, keyword.Start, _position);
    }

    // ---- expressions ----

    public Expr ParseExpression() => ParseOr();

    private Expr ParseOr()
    {
        var left = ParseAnd();
        while (TryKeyword("or"))
        {
            var right = ParseAnd();
            left = new BinaryExpr(BinaryOp.Or, left, right, left.Start, right.End);
        }

        return left;
    }

    private Expr ParseAnd()
    {
        var left = ParseNot();
        while (TryKeyword("and"))
        {
            var right = ParseNot();
            left = new BinaryExpr(BinaryOp.And, left, right, left.Start, right.End);
        }

        return left;
    }

    private Expr ParseNot()
    {
        var token = Peek();
        if (token.IsKeyword("not"))
        {
            _position = token.End;
            var operand = ParseNot();
            return new UnaryExpr(UnaryOp.Not, operand, token.Start, operand.End);
        }

        return ParseComparison();
    }

    private Expr ParseComparison()
    {
        var left = ParseAdditive();
        var token = Peek();
        BinaryOp? op = token.Kind switch
        {
            TokenKind.Eq => BinaryOp.Eq,
            TokenKind.NotEq => BinaryOp.NotEq,
            TokenKind.Lt => BinaryOp.Lt,
            TokenKind.Le => BinaryOp.Le,
            TokenKind.Gt => BinaryOp.Gt,
            TokenKind.Ge => BinaryOp.Ge,
            _ => null,
        };
        if (op is { } binary)
        {
            _position = token.End;
            var right = ParseAdditive();
            return new BinaryExpr(binary, left, right, left.Start, right.End);
        }

        if (token.Kind == TokenKind.RegexMatch)
        {
            _position = token.End;
            var pattern = ParseLikePattern();
            return new LikeExpr(left, pattern, false, left.Start, pattern.End);
        }

        var negated = false;
        if (token.IsKeyword("not"))
        {
            var after = _lexer.Read(token.End, false);
            if (after.IsKeyword("like") || after.IsKeyword("in"))
            {
                negated = true;
                _position = token.End;
                token = after;
            }
        }

        if (token.IsKeyword("like"))
        {
            _position = token.End;
            var pattern = ParseLikePattern();
            return new LikeExpr(left, pattern, negated, left.Start, pattern.End);
        }

        if (token.IsKeyword("in"))
        {
            _position = token.End;
            var open = Expect(TokenKind.LBracket, "'[' after in");
            var items = new List<Expr>();
            if (!TryToken(TokenKind.RBracket))
            {
                do
                {
                    items.Add(ParseAdditive());
                }
                while (TryToken(TokenKind.Comma));
                Expect(TokenKind.RBracket, "']'");
            }

            return new InExpr(left, items, negated, left.Start, Math.Max(open.End, _position));
        }

        return left;
    }

    private Expr ParseLikePattern()
    {
        var token = Next(operand: true);
        return token.Kind switch
        {
            TokenKind.Regex => CompileCheck(new RegexExpr(token.Text, token.Start, token.End)),
            TokenKind.String => new LiteralExpr(Value.FromString(token.Text), token.Start, token.End),
            _ => throw Error("Expected a /regex/ or a quoted string", token),
        };
    }

    private static RegexExpr CompileCheck(RegexExpr regex)
    {
        try
        {
            _ = new System.Text.RegularExpressions.Regex(regex.Pattern, System.Text.RegularExpressions.RegexOptions.CultureInvariant);
        }
        catch (ArgumentException ex)
        {
            throw new MalformedQueryException($"Invalid regular expression: {ex.Message}", regex.Start, regex.End);
        }

        return regex;
    }

    private Expr ParseAdditive()
    {
        var left = ParseMultiplicative();
        while (true)
        {
            var token = Peek();
            var op = token.Kind switch
            {
                TokenKind.Plus => BinaryOp.Add,
                TokenKind.Minus => BinaryOp.Subtract,
                _ => (BinaryOp?)null,
            };
            if (op is null)
            {
                return left;
            }

            _position = token.End;
            var right = ParseMultiplicative();
            left = new BinaryExpr(op.Value, left, right, left.Start, right.End);
        }
    }

    private Expr ParseMultiplicative()
    {
        var left = ParseUnary();
        while (true)
        {
            var token = Peek();
            var op = token.Kind switch
            {
                TokenKind.Star => BinaryOp.Multiply,
                TokenKind.Slash => BinaryOp.Divide,
                TokenKind.Percent => BinaryOp.Modulo,
                _ => (BinaryOp?)null,
            };
            if (op is null)
            {
                return left;
            }

            _position = token.End;
            var right = ParseUnary();
            left = new BinaryExpr(op.Value, left, right, left.Start, right.End);
        }
    }

    private Expr ParseUnary()
    {
        var token = Peek(operand: true);
        if (token.Kind == TokenKind.Minus)
        {
            _position = token.End;
            var operand = ParseUnary();
            return new UnaryExpr(UnaryOp.Negate, operand, token.Start, operand.End);
        }

        return ParsePower();
    }

    private Expr ParsePower()
    {
        var left = ParsePrimary();
        if (TryToken(TokenKind.Caret))
        {
            var right = ParseUnary();
            return new BinaryExpr(BinaryOp.Power, left, right, left.Start, right.End);
        }

        return left;
    }

    private Expr ParsePrimary()
    {
        var token = Next(operand: true);
        switch (token.Kind)
        {
            case TokenKind.Number:
                return new LiteralExpr(Value.FromNumber(token.Number), token.Start, token.End);
            case TokenKind.Duration:
                return new DurationExpr(token.Number, token.Text, token.Start, token.End);
            case TokenKind.String:
                return new LiteralExpr(Value.FromString(token.Text), token.Start, token.End);
            case TokenKind.Regex:
                return CompileCheck(new RegexExpr(token.Text, token.Start, token.End));
            case TokenKind.LParen:
                {
                    var inner = ParseExpression();
                    var close = Expect(TokenKind.RParen, "')'");
                    return inner with { Start = token.Start, End = close.End };
                }

            case TokenKind.LBracket:
                {
                    var items = new List<Expr>();
                    if (!TryToken(TokenKind.RBracket))
                    {
                        items = ParseExprList();
                        Expect(TokenKind.RBracket, "']'");
                    }

                    return new ArrayExpr(items, token.Start, _position);
                }

            case TokenKind.Identifier:
                if (!token.Quoted && Peek().Kind == TokenKind.LParen)
                {
                    _position = Peek().End;
                    var args = new List<Expr>();
                    if (!TryToken(TokenKind.RParen))
                    {
                        do
                        {
                            var star = Peek(operand: true);
                            if (star.Kind == TokenKind.Star)
                            {
                                _position = star.End;
                                args.Add(new StarExpr(star.Start, star.End));
                            }
                            else
                            {
                                args.Add(ParseExpression());
                            }
                        }
                        while (TryToken(TokenKind.Comma));
                        Expect(TokenKind.RParen, "')' or ','");
                    }

                    return new CallExpr(token.Text, args, token.Start, _position);
                }

                if (!token.Quoted && (token.IsKeyword("and") || token.IsKeyword("or") || token.IsKeyword("by") || token.IsKeyword("as")))
                {
                    throw Error("Expected an expression", token);
                }

                return new FieldExpr(token.Text, token.Start, token.End);
            default:
                throw Error("Expected an expression", token);
        }
    }
}
