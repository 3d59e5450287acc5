using System.Globalization;
using System.Text;

namespace Thaw.Logs.Insights;

/// <summary>
/// Tokenises on demand. A <c>/</c> starts a regex literal only where the parser expects an operand
/// (<c>like /x/</c>, <c>parse @message /x/</c>) and is division elsewhere (<c>@maxMemoryUsed / 1000</c>).
/// </summary>
internal sealed class Lexer(string text)
{
    public string Text { get; } = text;

    public Token Read(int position, bool operand)
    {
        var p = SkipTrivia(position);
        if (p >= Text.Length)
        {
            return new Token(TokenKind.End, Text.Length, Text.Length, "", 0, false);
        }

        var c = Text[p];
        if (char.IsLetter(c) || c is '_' or '@' or '$')
        {
            var e = p + 1;
            while (e < Text.Length && (char.IsLetterOrDigit(Text[e]) || Text[e] is '_' or '@' or '.' or '$'))
            {
                e++;
            }

            return new Token(TokenKind.Identifier, p, e, Text[p..e], 0, false);
        }

        if (char.IsAsciiDigit(c) || (c == '.' && p + 1 < Text.Length && char.IsAsciiDigit(Text[p + 1])))
        {
            return ReadNumber(p);
        }

        switch (c)
        {
            case '`':
                {
                    var close = Text.IndexOf('`', p + 1);
                    if (close < 0)
                    {
                        throw new MalformedQueryException("Unterminated backtick-quoted field name", p, Text.Length);
                    }

                    return new Token(TokenKind.Identifier, p, close + 1, Text[(p + 1)..close], 0, true);
                }

            case '"' or '\'':
                return ReadString(p, c);
            case '/' when operand:
                return ReadRegex(p);
            case '|': return Single(TokenKind.Pipe, p);
            case ',': return Single(TokenKind.Comma, p);
            case '(': return Single(TokenKind.LParen, p);
            case ')': return Single(TokenKind.RParen, p);
            case '[': return Single(TokenKind.LBracket, p);
            case ']': return Single(TokenKind.RBracket, p);
            case '+': return Single(TokenKind.Plus, p);
            case '-': return Single(TokenKind.Minus, p);
            case '*': return Single(TokenKind.Star, p);
            case '/': return Single(TokenKind.Slash, p);
            case '^': return Single(TokenKind.Caret, p);
            case '%': return Single(TokenKind.Percent, p);
            case ':': return Single(TokenKind.Colon, p);
            case '=':
                return Peek(p + 1) switch
                {
                    '~' => new Token(TokenKind.RegexMatch, p, p + 2, "=~", 0, false),
                    '=' => new Token(TokenKind.Eq, p, p + 2, "==", 0, false),
                    _ => Single(TokenKind.Eq, p),
                };
            case '!' when Peek(p + 1) == '=':
                return new Token(TokenKind.NotEq, p, p + 2, "!=", 0, false);
            case '<':
                return Peek(p + 1) == '=' ? new Token(TokenKind.Le, p, p + 2, "<=", 0, false) : Single(TokenKind.Lt, p);
            case '>':
                return Peek(p + 1) == '=' ? new Token(TokenKind.Ge, p, p + 2, ">=", 0, false) : Single(TokenKind.Gt, p);
            default:
                throw new MalformedQueryException($"Unexpected character '{c}'", p, p + 1);
        }
    }

    private char Peek(int p) => p < Text.Length ? Text[p] : '\0';

    private Token Single(TokenKind kind, int p) => new(kind, p, p + 1, Text[p..(p + 1)], 0, false);

    private int SkipTrivia(int p)
    {
        while (p < Text.Length)
        {
            if (char.IsWhiteSpace(Text[p]))
            {
                p++;
            }
            else if (Text[p] == '#')
            {
                while (p < Text.Length && Text[p] != '\n')
                {
                    p++;
                }
            }
            else
            {
                break;
            }
        }

        return p;
    }

    private Token ReadNumber(int p)
    {
        var e = p;
        while (e < Text.Length && char.IsAsciiDigit(Text[e]))
        {
            e++;
        }

        if (e < Text.Length && Text[e] == '.' && e + 1 < Text.Length && char.IsAsciiDigit(Text[e + 1]))
        {
            e++;
            while (e < Text.Length && char.IsAsciiDigit(Text[e]))
            {
                e++;
            }
        }

        var value = double.Parse(Text.AsSpan(p, e - p), NumberStyles.Float, CultureInfo.InvariantCulture);
        if (e < Text.Length && char.IsAsciiLetter(Text[e]))
        {
            var u = e;
            while (u < Text.Length && char.IsAsciiLetter(Text[u]))
            {
                u++;
            }

            return new Token(TokenKind.Duration, p, u, Text[e..u], value, false);
        }

        return new Token(TokenKind.Number, p, e, Text[p..e], value, false);
    }

    private Token ReadString(int p, char quote)
    {
        var sb = new StringBuilder();
        var i = p + 1;
        while (i < Text.Length)
        {
            var c = Text[i];
            if (c == quote)
            {
                return new Token(TokenKind.String, p, i + 1, sb.ToString(), 0, false);
            }

            if (c == '\\' && i + 1 < Text.Length)
            {
                var n = Text[i + 1];
                switch (n)
                {
                    case 'n': sb.Append('\n'); break;
                    case 't': sb.Append('\t'); break;
                    case 'r': sb.Append('\r'); break;
                    case '\\' or '"' or '\'': sb.Append(n); break;
                    default: sb.Append(c).Append(n); break;
                }

                i += 2;
                continue;
            }

            sb.Append(c);
            i++;
        }

        throw new MalformedQueryException("Unterminated string literal", p, Text.Length);
    }

    private Token ReadRegex(int p)
    {
        var sb = new StringBuilder();
        var i = p + 1;
        while (i < Text.Length)
        {
            var c = Text[i];
            if (c == '/')
            {
                return new Token(TokenKind.Regex, p, i + 1, sb.ToString(), 0, false);
            }

            if (c == '\\' && i + 1 < Text.Length)
            {
                // "\/" is a slash inside the literal; every other escape is the regex's own.
                if (Text[i + 1] == '/')
                {
                    sb.Append('/');
                }
                else
                {
                    sb.Append(c).Append(Text[i + 1]);
                }

                i += 2;
                continue;
            }

            sb.Append(c);
            i++;
        }

        throw new MalformedQueryException("Unterminated regular expression", p, Text.Length);
    }
}
