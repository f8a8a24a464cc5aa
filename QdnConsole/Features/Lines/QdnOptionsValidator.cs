using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace QdnConsole.Features.Lines;

/// <summary>Reports every configuration problem at start, each naming its key, so a bad deploy never takes a call.</summary>
public sealed partial class QdnOptionsValidator : IValidateOptions<QdnOptions>
{
    public const int MinRingSeconds = 5;
    public const int MaxRingSeconds = 600;

    public ValidateOptionsResult Validate(string? name, QdnOptions options)
    {
        var errors = new List<string>();
        if (options.Lines.Count == 0)
        {
            errors.Add("Qdn:Lines: at least one line is required.");
        }

        var ids = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var numbers = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Lines.Count; i++)
        {
            ValidateLine(options.Lines[i], $"Qdn:Lines:{i}", ids, numbers, errors);
        }

        // Qdn:PublicBaseUrl is checked with the Twilio options, which use it for signatures.
        var owner = options.Owner;
        if (string.IsNullOrEmpty(owner.Email) != string.IsNullOrEmpty(owner.Password))
        {
            errors.Add("Qdn:Owner: set both Email and Password, or neither.");
        }
        else if (!string.IsNullOrEmpty(owner.Email) && !owner.Email.Contains('@', StringComparison.Ordinal))
        {
            errors.Add($"Qdn:Owner:Email: '{owner.Email}' is not an email address.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    public static bool IsE164(string? number) => number is not null && E164().IsMatch(number);

    private static void ValidateLine(LineOptions line, string key, HashSet<string> ids, HashSet<string> numbers, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(line.Id) || !LineId().IsMatch(line.Id))
        {
            errors.Add($"{key}:Id: '{line.Id}' must be 1-32 lower-case letters, digits or dashes (e.g. qdn).");
        }
        else if (!ids.Add(line.Id))
        {
            errors.Add($"{key}:Id: '{line.Id}' is used by another line.");
        }

        if (string.IsNullOrWhiteSpace(line.Name) || line.Name.Length > 100)
        {
            errors.Add($"{key}:Name: a name of 1-100 characters is required.");
        }

        if (string.IsNullOrWhiteSpace(line.Number))
        {
            errors.Add($"{key}:Number: the line's Twilio number is required (E.164, e.g. +18585550100).");
        }
        else if (!IsE164(line.Number))
        {
            errors.Add($"{key}:Number: '{line.Number}' is not an E.164 number (e.g. +18585550100).");
        }
        else if (!numbers.Add(line.Number))
        {
            errors.Add($"{key}:Number: '{line.Number}' is used by another line.");
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(line.TimeZone ?? string.Empty, out _))
        {
            errors.Add($"{key}:TimeZone: '{line.TimeZone}' is not a known IANA time zone (e.g. America/Los_Angeles).");
        }

        for (var j = 0; j < line.Steps.Count; j++)
        {
            ValidateStep(line.Steps[j], $"{key}:Steps:{j}", errors);
        }
    }

    private static void ValidateStep(StepOptions step, string key, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(step.Name) || step.Name.Length > 100)
        {
            errors.Add($"{key}:Name: a name of 1-100 characters is required.");
        }

        if (!IsE164(step.Number))
        {
            errors.Add($"{key}:Number: '{step.Number}' is not an E.164 number (e.g. +18583354807).");
        }

        if (step.RingSeconds is < MinRingSeconds or > MaxRingSeconds)
        {
            errors.Add($"{key}:RingSeconds: {step.RingSeconds} is outside {MinRingSeconds}-{MaxRingSeconds} seconds.");
        }
    }

    [GeneratedRegex(@"^\+[1-9][0-9]{6,14}$")]
    private static partial Regex E164();

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,31}$")]
    private static partial Regex LineId();
}
