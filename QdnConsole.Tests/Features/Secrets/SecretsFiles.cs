using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using QdnConsole.Features.Twilio;

namespace QdnConsole.Tests.Features.Secrets;

/// <summary>Writes secrets files the way an operator would, with a chosen Unix mode.</summary>
internal static class SecretsFiles
{
    public const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite; // 600
    public const UnixFileMode WorldReadable = Private | UnixFileMode.GroupRead | UnixFileMode.OtherRead; // 644

    /// <summary>Written beside it and moved in place, as editors save: a watcher never sees half a file or the old mode.</summary>
    public static void Write(string path, string text, UnixFileMode mode = Private)
    {
        var temporary = path + ".saving";
        File.WriteAllText(temporary, text);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temporary, mode);
        }

        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>
    /// Completes when the Twilio options in use satisfy <paramref name="applied"/>. A reload reaches IOptionsMonitor on
    /// whichever thread raised it (an explicit reload or the file watcher, often both at once), so the new options may
    /// land a moment after the reload returns: waiting for them (bounded; nothing is timed) keeps tests stable.
    /// Call it before changing the file.
    /// </summary>
    public static async Task OptionsApplied(IServiceProvider services, Func<TwilioOptions, bool> applied)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = services.GetRequiredService<IOptionsMonitor<TwilioOptions>>()
            .OnChange(o => { if (applied(o)) { done.TrySetResult(); } });
        await done.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>Every message in an exception chain (a failed start wraps the app's own exception).</summary>
    public static IReadOnlyList<string> Messages(Exception exception)
    {
        var messages = new List<string>();
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            messages.Add(e.Message);
            if (e is AggregateException aggregate)
            {
                messages.AddRange(aggregate.InnerExceptions.SelectMany(Messages));
            }
        }

        return messages;
    }
}
