using System.CommandLine;

namespace Thaw.Cli.Common;

/// <summary>The positional <c>NAME[:QUALIFIER]</c> argument, validated as Lambda would.</summary>
internal static class FunctionArgument
{
    public static Argument<string> Create(string helpName, string description)
    {
        var argument = new Argument<string>(helpName.ToLowerInvariant()) { Description = description, HelpName = helpName };
        argument.Validators.Add(r =>
        {
            if (r.Tokens.Count > 0 && QualifiedName.Parse(r.Tokens[0].Value).Validate() is { } error)
            {
                r.AddError(error);
            }
        });
        return argument;
    }
}
