using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;

namespace QdnConsole.Features.LineEditor;

/// <summary>
/// Puts <see cref="LineFormRules"/> messages next to the fields of the enclosing EditForm (whose model is a
/// <see cref="LineForm"/>): a field's message appears once it was edited, every message on submit.
/// </summary>
public sealed class LineFormValidator : ComponentBase, IDisposable
{
    private readonly HashSet<FieldIdentifier> _touched = [];
    private ValidationMessageStore? _messages;
    private bool _showAll;

    [CascadingParameter] private EditContext? EditContext { get; set; }

    protected override void OnInitialized()
    {
        if (EditContext?.Model is not LineForm)
        {
            throw new InvalidOperationException($"{nameof(LineFormValidator)} belongs inside an EditForm whose model is a {nameof(LineForm)}.");
        }

        _messages = new ValidationMessageStore(EditContext);
        EditContext.OnFieldChanged += OnFieldChanged;
        EditContext.OnValidationRequested += OnValidationRequested;
    }

    /// <summary>Re-checks after the list changed shape (a step added, removed or moved); messages follow their step.</summary>
    public void Refresh()
    {
        var form = (LineForm)EditContext!.Model;
        _messages!.Clear();
        foreach (var error in LineFormRules.Validate(form))
        {
            var field = new FieldIdentifier(error.Model, error.Property);
            if (_showAll || _touched.Contains(field))
            {
                _messages.Add(field, error.Message);
            }
        }

        EditContext.NotifyValidationStateChanged();
    }

    /// <summary>Shows the errors a save refused with.</summary>
    public void Show(IEnumerable<LineFormError> errors)
    {
        _showAll = true;
        foreach (var error in errors)
        {
            _messages!.Add(new FieldIdentifier(error.Model, error.Property), error.Message);
        }

        EditContext!.NotifyValidationStateChanged();
    }

    private void OnFieldChanged(object? sender, FieldChangedEventArgs e)
    {
        _touched.Add(e.FieldIdentifier);
        Refresh();
    }

    private void OnValidationRequested(object? sender, ValidationRequestedEventArgs e)
    {
        _showAll = true;
        Refresh();
    }

    public void Dispose()
    {
        if (EditContext is not null)
        {
            EditContext.OnFieldChanged -= OnFieldChanged;
            EditContext.OnValidationRequested -= OnValidationRequested;
        }
    }
}
