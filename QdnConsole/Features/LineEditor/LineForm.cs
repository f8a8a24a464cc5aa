using System.ComponentModel.DataAnnotations;
using QdnConsole.Features.Lines;

namespace QdnConsole.Features.LineEditor;

/// <summary>What the owner edits about a line: its name, greetings and cascade. Its Twilio number is configured at Twilio.</summary>
public sealed class LineForm
{
    public const int MaxSteps = 10;
    public const int MaxGreeting = 1000;

    [Required(ErrorMessage = "Name: enter the line's name.")]
    [StringLength(100, ErrorMessage = "Name: at most {1} characters.")]
    [Display(Name = "Name")]
    public string? Name { get; set; }

    [StringLength(MaxGreeting, ErrorMessage = "No-answer greeting: at most {1} characters.")]
    public string? GreetingNoAnswer { get; set; }

    [StringLength(MaxGreeting, ErrorMessage = "Away greeting: at most {1} characters.")]
    public string? GreetingUnavailable { get; set; }

    [StringLength(MaxGreeting, ErrorMessage = "Maintenance greeting: at most {1} characters.")]
    public string? GreetingMaintenance { get; set; }

    public List<StepForm> Steps { get; set; } = [];
}

/// <summary>One cascade position as edited: who, which phone, how long it rings, whether it is screened.</summary>
public sealed class StepForm
{
    /// <summary>Stable identity while the list is reordered (Blazor's @key), never stored.</summary>
    public Guid Key { get; } = Guid.NewGuid();

    /// <summary>The stored person this row started as; a row keeping the name but changing the number moves that person's phone.</summary>
    public int? PersonId { get; set; }

    [Required(ErrorMessage = "Person: enter who is rung.")]
    [StringLength(100, ErrorMessage = "Person: at most {1} characters.")]
    public string? PersonName { get; set; }

    [Required(ErrorMessage = "Phone number: enter the phone to ring.")]
    [PhoneNumber]
    [Display(Name = "Phone number")]
    public string? Number { get; set; }

    [Range(QdnOptionsValidator.MinRingSeconds, QdnOptionsValidator.MaxRingSeconds, ErrorMessage = "Ring seconds: between {1} and {2}.")]
    public int RingSeconds { get; set; } = 20;

    public bool Screen { get; set; }
}

/// <summary>A field that stops a save: the object and property (for the form), its path (Steps[1].Number) and why.</summary>
public sealed record LineFormError(object Model, string Property, string Field, string Message);

/// <summary>The one set of rules for a line edit, used by the form as the owner types and by the save that enforces them.</summary>
public static class LineFormRules
{
    public static IReadOnlyList<LineFormError> Validate(LineForm form)
    {
        var errors = new List<LineFormError>();
        Annotations(form, string.Empty, errors);
        for (var i = 0; i < form.Steps.Count; i++)
        {
            Annotations(form.Steps[i], $"Steps[{i}].", errors);
        }

        if (form.Steps.Count > LineForm.MaxSteps)
        {
            errors.Add(new(form, nameof(LineForm.Steps), nameof(LineForm.Steps), $"Cascade: at most {LineForm.MaxSteps} steps."));
        }

        return errors;
    }

    private static void Annotations(object model, string prefix, List<LineFormError> errors)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(model, new ValidationContext(model), results, validateAllProperties: true);
        foreach (var result in results)
        {
            foreach (var member in result.MemberNames)
            {
                errors.Add(new(model, member, prefix + member, result.ErrorMessage ?? $"{member} is not valid."));
            }
        }
    }
}
