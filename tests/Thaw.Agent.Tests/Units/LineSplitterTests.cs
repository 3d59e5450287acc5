using System.Text;
using Thaw.Agent.Supervision;

namespace Thaw.Agent.Tests.Units;

public sealed class LineSplitterTests
{
    [Fact]
    public void Push_SplitsOnNewlines_AcrossChunks_AndKeepsEmptyLines()
    {
        var splitter = new LineSplitter(16);
        var lines = new List<string>();
        splitter.Push("ab"u8, l => lines.Add(Encoding.UTF8.GetString(l)));
        splitter.Push("c\n\nde"u8, l => lines.Add(Encoding.UTF8.GetString(l)));
        Assert.Equal(["abc", ""], lines);
        Assert.True(splitter.HasPartialLine);
        splitter.Flush(l => lines.Add(Encoding.UTF8.GetString(l)));
        Assert.Equal(["abc", "", "de"], lines);
        Assert.False(splitter.HasPartialLine);
    }

    [Fact]
    public void Push_OfALineOfExactlyTheLimit_IsOneLine()
    {
        var splitter = new LineSplitter(8);
        var lines = new List<string>();
        splitter.Push("12345678"u8, l => lines.Add(Encoding.UTF8.GetString(l)));
        splitter.Push("\n"u8, l => lines.Add(Encoding.UTF8.GetString(l)));
        Assert.Equal(["12345678"], lines);
    }

    [Fact]
    public void Push_OfALongLine_CutsPiecesOfTheLimit()
    {
        var splitter = new LineSplitter(8);
        var lines = new List<string>();
        splitter.Push("123456789abcdefghij\n"u8, l => lines.Add(Encoding.UTF8.GetString(l)));
        Assert.Equal(["12345678", "9abcdefg", "hij"], lines);
    }

    [Fact]
    public void Push_NeverCutsInsideAUtf8Character()
    {
        var splitter = new LineSplitter(8);
        var pieces = new List<byte[]>();
        var text = "abcdeé€😀xyz";
        splitter.Push(Encoding.UTF8.GetBytes(text + "\n"), l => pieces.Add(l.ToArray()));
        var strict = new UTF8Encoding(false, throwOnInvalidBytes: true);
        Assert.All(pieces, p => strict.GetString(p));
        Assert.All(pieces, p => Assert.InRange(p.Length, 1, 8));
        Assert.Equal(text, string.Concat(pieces.Select(p => strict.GetString(p))));
    }
}
