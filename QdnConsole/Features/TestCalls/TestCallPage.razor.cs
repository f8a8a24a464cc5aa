namespace QdnConsole.Features.TestCalls;

public sealed partial class TestCallPage
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "A test call from the console could not run")]
    private static partial void LogTestCallFailed(ILogger logger, Exception exception);
}
