using System.Diagnostics;

namespace Thaw.Lambda.RuntimeSupport.ExceptionHandling;

/// <summary>What the error JSON carries about an exception (as Amazon's ExceptionInfo).</summary>
internal sealed class ExceptionInfo
{
    public ExceptionInfo(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ErrorType = exception.GetType().Name;
        ErrorMessage = exception.Message;
        if (!string.IsNullOrEmpty(exception.StackTrace))
        {
            StackTrace = new StackTrace(exception, true).ToString();
        }

        if (exception.InnerException is { } inner)
        {
            InnerException = new ExceptionInfo(inner);
        }

        if (exception is AggregateException aggregate)
        {
            foreach (var each in aggregate.InnerExceptions)
            {
                InnerExceptions.Add(new ExceptionInfo(each));
            }
        }
    }

    public string ErrorType { get; }

    public string ErrorMessage { get; }

    public string? StackTrace { get; }

    public ExceptionInfo? InnerException { get; }

    public List<ExceptionInfo> InnerExceptions { get; } = [];
}
