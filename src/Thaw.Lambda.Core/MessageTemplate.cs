using System.Globalization;
using System.Text;

namespace Thaw.Lambda.Core;

/// <summary>
/// Replaces <c>{name}</c> placeholders positionally with arguments, the way Amazon's default log formatter
/// does (<c>{{</c> and <c>}}</c> escape braces; a placeholder with no argument is left as written).
/// </summary>
internal static class MessageTemplate
{
    public static string Apply(string template, object?[]? args)
    {
        if (args is null || args.Length == 0 || !template.Contains('{', StringComparison.Ordinal))
        {
            return template;
        }

        var result = new StringBuilder(template.Length + 16 * args.Length);
        var next = 0;
        for (var i = 0; i < template.Length; i++)
        {
            var c = template[i];
            if (c == '{' && i + 1 < template.Length && template[i + 1] == '{')
            {
                result.Append('{');
                i++;
                continue;
            }

            if (c == '}' && i + 1 < template.Length && template[i + 1] == '}')
            {
                result.Append('}');
                i++;
                continue;
            }

            var close = c == '{' ? template.IndexOf('}', i + 1) : -1;
            if (close < 0 || next >= args.Length)
            {
                result.Append(c);
                continue;
            }

            result.Append(Convert.ToString(args[next++], CultureInfo.InvariantCulture));
            i = close;
        }

        return result.ToString();
    }
}
