using System.ComponentModel.DataAnnotations;
using QdnConsole.Features.Lines;

namespace QdnConsole.Features.LineEditor;

/// <summary>Phone numbers as people type them, turned into the E.164 form Twilio dials.</summary>
public static class PhoneNumbers
{
    public const string Hint = "E.164, e.g. +18583354807. US numbers such as (858) 335-4807 are saved as +1…";

    /// <summary>
    /// "+44 20 7946 0958" → "+442079460958"; "(858) 335-4807", "858.335.4807", "1 858 335 4807" → "+18583354807";
    /// null when it is no phone number.
    /// </summary>
    public static string? Normalize(string? input)
    {
        var text = (input ?? string.Empty).Trim();
        if (text.Length == 0 || text.Any(c => !char.IsAsciiDigit(c) && c is not ('+' or '(' or ')' or '-' or '.' or ' ')))
        {
            return null;
        }

        var digits = new string([.. text.Where(char.IsAsciiDigit)]);
        var candidate = text.StartsWith('+') ? "+" + digits
            // A US number without country code: ten digits, area code not starting with 0 or 1.
            : digits.Length == 10 && digits[0] >= '2' ? "+1" + digits
            : digits.Length == 11 && digits[0] == '1' && digits[1] >= '2' ? "+" + digits
            : null;
        return text.LastIndexOf('+') > 0 || !QdnOptionsValidator.IsE164(candidate) ? null : candidate;
    }
}

/// <summary>A phone number <see cref="PhoneNumbers.Normalize"/> accepts (empty is left to [Required]).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PhoneNumberAttribute : ValidationAttribute
{
    public PhoneNumberAttribute()
        : base("{0}: not a phone number we can dial. Use E.164 (+18583354807) or a US number like (858) 335-4807.")
    {
    }

    public override bool IsValid(object? value) => value is not string text || string.IsNullOrWhiteSpace(text) || PhoneNumbers.Normalize(text) is not null;
}
