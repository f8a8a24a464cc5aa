namespace QdnConsole.Features.Lines;

/// <summary>The "Qdn" configuration section. Seeds the database on first start; afterwards the database rules.</summary>
public sealed class QdnOptions
{
    public const string Section = "Qdn";

    public List<LineOptions> Lines { get; set; } = [];

    public OwnerOptions Owner { get; set; } = new();

    /// <summary>The URL Twilio uses to reach this app (behind a proxy or tunnel), e.g. https://qdn.example.com.</summary>
    public string? PublicBaseUrl { get; set; }
}

public sealed class LineOptions
{
    public string? Id { get; set; }

    public string? Name { get; set; }

    /// <summary>The Twilio number callers dial, E.164.</summary>
    public string? Number { get; set; }

    /// <summary>IANA time zone, e.g. America/Los_Angeles.</summary>
    public string TimeZone { get; set; } = "America/Los_Angeles";

    public List<StepOptions> Steps { get; set; } = [];

    public GreetingOptions Greetings { get; set; } = new();
}

public sealed class StepOptions
{
    public string? Name { get; set; }

    public string? Number { get; set; }

    public int RingSeconds { get; set; } = 20;

    public bool Screen { get; set; }
}

public sealed class GreetingOptions
{
    public string? NoAnswer { get; set; }

    public string? Unavailable { get; set; }

    public string? Maintenance { get; set; }
}

/// <summary>Optional first-run owner account (used by the console's sign-in).</summary>
public sealed class OwnerOptions
{
    public string? Email { get; set; }

    public string? Password { get; set; }
}
