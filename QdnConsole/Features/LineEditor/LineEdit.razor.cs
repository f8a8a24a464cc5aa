namespace QdnConsole.Features.LineEditor;

// Source-generated logging needs a plain C# part: generators do not see the Razor compiler's output.
public sealed partial class LineEdit
{
    [LoggerMessage(Level = LogLevel.Error, Message = "Saving line {LineId} failed; nothing was saved")]
    private static partial void LogSaveFailed(ILogger logger, Exception exception, string lineId);
}
