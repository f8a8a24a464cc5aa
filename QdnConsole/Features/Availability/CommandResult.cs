namespace QdnConsole.Features.Availability;

public enum CommandStatus
{
    /// <summary>The change is stored, audited and announced.</summary>
    Done,

    /// <summary>The user may not make this change; nothing changed.</summary>
    Refused,

    /// <summary>The request itself is wrong (a past "until", a too long message); nothing changed.</summary>
    Invalid,

    /// <summary>The person or line does not exist (any more); nothing changed.</summary>
    NotFound,
}

/// <summary>What a command did, or why it did nothing, in a sentence the console can show as is.</summary>
public sealed record CommandResult(CommandStatus Status, string Message)
{
    public bool Succeeded => Status == CommandStatus.Done;

    public static CommandResult Done(string message) => new(CommandStatus.Done, message);

    public static CommandResult Refused(string message) => new(CommandStatus.Refused, message);

    public static CommandResult Invalid(string message) => new(CommandStatus.Invalid, message);

    public static CommandResult NotFound(string message) => new(CommandStatus.NotFound, message);
}
