namespace Thaw.Logs.Insights;

/// <summary>A lexical token. <see cref="Text"/> is the identifier, string value, regex pattern or duration unit.</summary>
internal readonly record struct Token(TokenKind Kind, int Start, int End, string Text, double Number, bool Quoted)
{
    public bool IsKeyword(string keyword) =>
        Kind == TokenKind.Identifier && !Quoted && string.Equals(Text, keyword, StringComparison.OrdinalIgnoreCase);
}
