using System.Globalization;
using System.Text;

namespace Thaw.Lambda.RuntimeSupport.Logging;

/// <summary>
/// Installed as Console.Out (level Information) and Console.Error (level Error): every WriteLine becomes one
/// formatted log line; Write passes text through unchanged, as Amazon's wrapper does.
/// </summary>
internal sealed class FormattingTextWriter : TextWriter
{
    private readonly LambdaLogFormatter _formatter;
    private readonly string _level;

    public FormattingTextWriter(LambdaLogFormatter formatter, string level)
        : base(CultureInfo.InvariantCulture)
    {
        _formatter = formatter;
        _level = level;
    }

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value) => _formatter.WriteRaw(value.ToString());

    public override void Write(string? value) => _formatter.WriteRaw(value);

    public override void Write(char[] buffer, int index, int count) => _formatter.WriteRaw(new string(buffer, index, count));

    public override void Write(ReadOnlySpan<char> buffer) => _formatter.WriteRaw(new string(buffer));

    public override void WriteLine() => Line(string.Empty);

    public override void WriteLine(string? value) => Line(value);

    public override void WriteLine(object? value) => Line(value is IFormattable formattable ? formattable.ToString(null, FormatProvider) : value?.ToString());

    public override void WriteLine(bool value) => Line(value.ToString());

    public override void WriteLine(char value) => Line(value.ToString());

    public override void WriteLine(char[]? buffer) => Line(buffer is null ? string.Empty : new string(buffer));

    public override void WriteLine(char[] buffer, int index, int count) => Line(new string(buffer, index, count));

    public override void WriteLine(ReadOnlySpan<char> buffer) => Line(new string(buffer));

    public override void WriteLine(StringBuilder? value) => Line(value?.ToString());

    public override void WriteLine(decimal value) => Line(value.ToString(FormatProvider));

    public override void WriteLine(double value) => Line(value.ToString(FormatProvider));

    public override void WriteLine(float value) => Line(value.ToString(FormatProvider));

    public override void WriteLine(int value) => Line(value.ToString(FormatProvider));

    public override void WriteLine(long value) => Line(value.ToString(FormatProvider));

    public override void WriteLine(uint value) => Line(value.ToString(FormatProvider));

    public override void WriteLine(ulong value) => Line(value.ToString(FormatProvider));

    public override void WriteLine(string format, object? arg0) => Line(string.Format(FormatProvider, format, arg0));

    public override void WriteLine(string format, object? arg0, object? arg1) => Line(string.Format(FormatProvider, format, arg0, arg1));

    public override void WriteLine(string format, object? arg0, object? arg1, object? arg2) => Line(string.Format(FormatProvider, format, arg0, arg1, arg2));

    public override void WriteLine(string format, params object?[] arg) => Line(string.Format(FormatProvider, format, arg));

    public override Task WriteLineAsync(string? value)
    {
        Line(value);
        return Task.CompletedTask;
    }

    public override Task WriteLineAsync()
    {
        Line(string.Empty);
        return Task.CompletedTask;
    }

    public override Task WriteAsync(string? value)
    {
        Write(value);
        return Task.CompletedTask;
    }

    public override void Flush() => _formatter.Flush();

    private void Line(string? message) => _formatter.WriteLine(_level, message);
}
