using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Thaw.Logs.FilterPatterns;

/// <summary>
/// A FilterLogEvents filter pattern (FilterAndPatternSyntax): case-sensitive terms (all must occur), <c>"quoted
/// phrases"</c>, <c>-term</c> (must not occur), <c>?term</c> (at least one of them must occur), <c>%regex%</c>, and
/// JSON patterns <c>{ $.a.b = "x*" &amp;&amp; $.n &gt; 5 || $.c IS NULL }</c>. Space-delimited <c>[...]</c> patterns are
/// refused with InvalidParameterException.
/// </summary>
internal sealed class FilterPattern
{
    private readonly List<Func<string, bool>> _required = [];
    private readonly List<Func<string, bool>> _optional = [];
    private readonly List<Func<string, bool>> _excluded = [];
    private JsonCondition? _json;
    private bool _all;

    public static FilterPattern Parse(string? pattern)
    {
        var result = new FilterPattern();
        var text = pattern?.Trim() ?? "";
        if (text.Length == 0)
        {
            result._all = true;
            return result;
        }

        if (text[0] == '{')
        {
            result._json = JsonCondition.Parse(text);
            return result;
        }

        if (text[0] == '[')
        {
            throw Invalid("Space-delimited filter patterns ([...]) are not supported by Thaw");
        }

        var i = 0;
        while (i < text.Length)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                i++;
                continue;
            }

            var list = result._required;
            if (text[i] is '?' or '-' && i + 1 < text.Length && !char.IsWhiteSpace(text[i + 1]))
            {
                list = text[i] == '?' ? result._optional : result._excluded;
                i++;
            }

            Func<string, bool> term;
            if (text[i] == '"')
            {
                var end = text.IndexOf('"', i + 1);
                if (end < 0)
                {
                    throw Invalid("Unterminated quoted term in the filter pattern");
                }

                var phrase = text[(i + 1)..end];
                term = string.IsNullOrWhiteSpace(phrase) ? _ => true : m => m.Contains(phrase, StringComparison.Ordinal);
                i = end + 1;
            }
            else if (text[i] == '%')
            {
                var end = text.IndexOf('%', i + 1);
                if (end < 0)
                {
                    throw Invalid("Unterminated %regex% in the filter pattern");
                }

                Regex regex;
                try
                {
                    regex = new Regex(text[(i + 1)..end], RegexOptions.CultureInvariant);
                }
                catch (ArgumentException ex)
                {
                    throw Invalid($"Invalid regular expression in the filter pattern: {ex.Message}");
                }

                term = regex.IsMatch;
                i = end + 1;
            }
            else
            {
                var start = i;
                while (i < text.Length && !char.IsWhiteSpace(text[i]))
                {
                    i++;
                }

                var word = text[start..i];
                term = m => m.Contains(word, StringComparison.Ordinal);
            }

            list.Add(term);
        }

        return result;
    }

    public bool Matches(string message)
    {
        if (_all)
        {
            return true;
        }

        if (_json is not null)
        {
            return _json.Matches(message);
        }

        foreach (var term in _required)
        {
            if (!term(message))
            {
                return false;
            }
        }

        foreach (var term in _excluded)
        {
            if (term(message))
            {
                return false;
            }
        }

        return _optional.Count == 0 || _optional.Any(t => t(message));
    }

    internal static LogsServiceException Invalid(string message) => new(LogsErrorTypes.InvalidParameter, message);

    /// <summary>The JSON form: selectors, comparisons and &amp;&amp; / || with parentheses, evaluated over the event parsed as JSON.</summary>
    private sealed class JsonCondition
    {
        private readonly Func<JsonElement, bool> _predicate;

        private JsonCondition(Func<JsonElement, bool> predicate) => _predicate = predicate;

        public static JsonCondition Parse(string text)
        {
            var reader = new PatternReader(text[1..]);
            var predicate = reader.ParseOr();
            reader.SkipSpace();
            if (!reader.TryConsume("}"))
            {
                throw Invalid($"Invalid JSON filter pattern near position {reader.Position + 1}");
            }

            reader.SkipSpace();
            if (!reader.AtEnd)
            {
                throw Invalid("Unexpected text after the JSON filter pattern");
            }

            return new JsonCondition(predicate);
        }

        public bool Matches(string message)
        {
            var start = message.IndexOf('{', StringComparison.Ordinal);
            if (start < 0)
            {
                return false;
            }

            try
            {
                var bytes = Encoding.UTF8.GetBytes(message, start, message.Length - start);
                var reader = new Utf8JsonReader(bytes);
                using var document = JsonDocument.ParseValue(ref reader);
                return _predicate(document.RootElement);
            }
            catch (JsonException)
            {
                return false;
            }
        }
    }

    private sealed class PatternReader(string text)
    {
        public int Position { get; private set; }

        public bool AtEnd => Position >= text.Length;

        public void SkipSpace()
        {
            while (Position < text.Length && char.IsWhiteSpace(text[Position]))
            {
                Position++;
            }
        }

        public bool TryConsume(string token)
        {
            SkipSpace();
            if (string.CompareOrdinal(text, Position, token, 0, token.Length) == 0)
            {
                Position += token.Length;
                return true;
            }

            return false;
        }

        private bool TryKeyword(string keyword)
        {
            SkipSpace();
            if (Position + keyword.Length <= text.Length
                && string.Compare(text, Position, keyword, 0, keyword.Length, StringComparison.OrdinalIgnoreCase) == 0
                && (Position + keyword.Length == text.Length || !char.IsLetterOrDigit(text[Position + keyword.Length])))
            {
                Position += keyword.Length;
                return true;
            }

            return false;
        }

        public Func<JsonElement, bool> ParseOr()
        {
            var left = ParseAnd();
            while (TryConsume("||"))
            {
                var l = left;
                var r = ParseAnd();
                left = e => l(e) || r(e);
            }

            return left;
        }

        private Func<JsonElement, bool> ParseAnd()
        {
            var left = ParseUnary();
            while (TryConsume("&&"))
            {
                var l = left;
                var r = ParseUnary();
                left = e => l(e) && r(e);
            }

            return left;
        }

        private Func<JsonElement, bool> ParseUnary()
        {
            if (TryConsume("("))
            {
                var inner = ParseOr();
                if (!TryConsume(")"))
                {
                    throw Invalid($"Expected ')' in the JSON filter pattern at position {Position + 1}");
                }

                return inner;
            }

            var path = ParseSelector();
            if (TryKeyword("IS"))
            {
                if (TryKeyword("NULL"))
                {
                    return e => Select(e, path) is { ValueKind: JsonValueKind.Null };
                }

                if (TryKeyword("TRUE"))
                {
                    return e => Select(e, path) is { ValueKind: JsonValueKind.True };
                }

                if (TryKeyword("FALSE"))
                {
                    return e => Select(e, path) is { ValueKind: JsonValueKind.False };
                }

                throw Invalid("Expected NULL, TRUE or FALSE after IS");
            }

            if (TryKeyword("NOT"))
            {
                if (!TryKeyword("EXISTS"))
                {
                    throw Invalid("Expected EXISTS after NOT");
                }

                return e => Select(e, path) is null;
            }

            if (TryKeyword("EXISTS"))
            {
                return e => Select(e, path) is not null;
            }

            string op = TryConsume("!=") ? "!=" : TryConsume("<=") ? "<=" : TryConsume(">=") ? ">=" : TryConsume("=") ? "="
                : TryConsume("<") ? "<" : TryConsume(">") ? ">" : throw Invalid($"Expected a comparison operator at position {Position + 1}");
            SkipSpace();
            var (literal, quoted) = ParseLiteral();
            if (!quoted && double.TryParse(literal, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var number))
            {
                return e =>
                {
                    if (Select(e, path) is not { ValueKind: JsonValueKind.Number } v || !v.TryGetDouble(out var actual))
                    {
                        return false;
                    }

                    return op switch
                    {
                        "=" => actual == number,
                        "!=" => actual != number,
                        "<" => actual < number,
                        "<=" => actual <= number,
                        ">" => actual > number,
                        _ => actual >= number,
                    };
                };
            }

            if (op is not ("=" or "!="))
            {
                throw Invalid($"The operator {op} needs a number");
            }

            var wildcard = new Regex("^" + string.Join(".*", literal.Split('*').Select(Regex.Escape)) + "$", RegexOptions.CultureInvariant | RegexOptions.Singleline);
            var equal = op == "=";
            return e =>
            {
                var v = Select(e, path);
                if (v is null)
                {
                    return false;
                }

                var s = v.Value.ValueKind switch
                {
                    JsonValueKind.String => v.Value.GetString(),
                    JsonValueKind.True => "true",
                    JsonValueKind.False => "false",
                    JsonValueKind.Number => v.Value.GetRawText(),
                    _ => null,
                };
                return s is not null && wildcard.IsMatch(s) == equal;
            };
        }

        private (string Value, bool Quoted) ParseLiteral()
        {
            if (Position < text.Length && text[Position] == '"')
            {
                var end = text.IndexOf('"', Position + 1);
                if (end < 0)
                {
                    throw Invalid("Unterminated string in the JSON filter pattern");
                }

                var value = text[(Position + 1)..end];
                Position = end + 1;
                return (value, true);
            }

            var start = Position;
            while (Position < text.Length && !char.IsWhiteSpace(text[Position]) && text[Position] is not ('}' or ')' or '&' or '|'))
            {
                Position++;
            }

            if (start == Position)
            {
                throw Invalid($"Expected a value at position {Position + 1}");
            }

            return (text[start..Position], false);
        }

        private List<object> ParseSelector()
        {
            SkipSpace();
            if (!TryConsume("$"))
            {
                throw Invalid($"Expected a selector such as $.field at position {Position + 1}");
            }

            var path = new List<object>();
            while (Position < text.Length)
            {
                if (text[Position] == '.')
                {
                    Position++;
                    var start = Position;
                    while (Position < text.Length && (char.IsLetterOrDigit(text[Position]) || text[Position] is '_' or '-' or '@' or '$'))
                    {
                        Position++;
                    }

                    path.Add(text[start..Position]);
                }
                else if (text[Position] == '[')
                {
                    var end = text.IndexOf(']', Position);
                    if (end < 0 || !int.TryParse(text.AsSpan(Position + 1, end - Position - 1), out var index))
                    {
                        throw Invalid("Invalid array index in the JSON filter pattern");
                    }

                    path.Add(index);
                    Position = end + 1;
                }
                else
                {
                    break;
                }
            }

            return path;
        }

        private static JsonElement? Select(JsonElement root, List<object> path)
        {
            var current = root;
            foreach (var step in path)
            {
                if (step is string name)
                {
                    if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(name, out current))
                    {
                        return null;
                    }
                }
                else
                {
                    var index = (int)step;
                    if (current.ValueKind != JsonValueKind.Array || index >= current.GetArrayLength())
                    {
                        return null;
                    }

                    current = current[index];
                }
            }

            return current;
        }
    }
}
