using System.ComponentModel;
using System.Runtime.InteropServices;

namespace QdnConsole.Features.Operations;

/// <summary>
/// Asks Linux to schedule the app's threads as batch work (<c>SCHED_BATCH</c>): a thread of the app that wakes up
/// waits for a core to come free, or for the running thread's turn to end, instead of preempting it at once. A webhook
/// wakes several of the app's own threads (the socket thread, a pool thread, the call writer, the pool thread that
/// answers). On a small host each of those wakeups would otherwise interrupt another webhook halfway, about three
/// times per request on the two-core reference host. Measured both ways there (bench/README, twelfth round), it
/// answered 2–10 % more webhooks. It changes no priority (the app's threads keep their share of the
/// CPU, and other processes keep theirs), and needs no privilege.
/// A new thread takes its creator's policy, so this runs first, before the app starts its threads: the calling thread
/// switches through the C library (which remembers a thread's policy and hands that to the threads it creates), and
/// the runtime's few threads so far through the kernel. <c>QDN_BATCH_SCHEDULING=0</c> (or <c>false</c>, <c>off</c>)
/// keeps the default policy.
/// </summary>
public static partial class BatchScheduling
{
    public const string Variable = "QDN_BATCH_SCHEDULING";

    /// <summary>Linux's <c>SCHED_OTHER</c>, the default policy.</summary>
    public const int DefaultPolicy = 0;

    /// <summary>Linux's <c>SCHED_BATCH</c>.</summary>
    public const int BatchPolicy = 3;

    private const int NoSuchThread = 3; // ESRCH: the thread ended meanwhile

    /// <summary>
    /// Switches this thread, and every other thread the process has so far, to batch scheduling, unless
    /// <see cref="Variable"/> turns it off or this is not Linux. Returns what to log once logging is set up.
    /// </summary>
    public static Action<ILogger> Apply()
    {
        var value = Environment.GetEnvironmentVariable(Variable);
        var setting = value?.Trim().ToUpperInvariant();
        if (setting is "0" or "FALSE" or "OFF" || !OperatingSystem.IsLinux())
        {
            return _ => { };
        }

        var switched = Switch();
        return setting is null or "" or "1" or "TRUE" or "ON"
            ? switched
            : logger =>
            {
                LogUnknownSetting(logger, Variable, value!);
                switched(logger);
            };
    }

    private static Action<ILogger> Switch()
    {
        try
        {
            var parameters = default(SchedParam);
            var error = PthreadSetSchedParam(PthreadSelf(), BatchPolicy, ref parameters);
            if (error != 0)
            {
                throw new Win32Exception(error);
            }

            var others = SwitchOtherThreads();
            return logger => LogApplied(logger, others + 1);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or Win32Exception)
        {
            // A sandbox that forbids it (a seccomp profile, no /proc) only costs the speed-up.
            return logger => LogNotApplied(logger, ex.Message);
        }
    }

    /// <summary>The runtime's threads started before this one switched (they seldom start threads of their own).</summary>
    private static int SwitchOtherThreads()
    {
        var switched = 0;
        foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
        {
            if (int.TryParse(Path.GetFileName(task), out var thread) && SchedGetScheduler(thread) is >= 0 and not BatchPolicy)
            {
                var parameters = default(SchedParam);
                if (SchedSetScheduler(thread, BatchPolicy, ref parameters) == 0)
                {
                    switched++;
                }
                else if (Marshal.GetLastPInvokeError() is var error and not NoSuchThread)
                {
                    throw new Win32Exception(error);
                }
            }
        }

        return switched;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct SchedParam
    {
        public int Priority; // must be 0 for SCHED_BATCH
    }

    [LibraryImport("libc", EntryPoint = "pthread_self")]
    private static partial nint PthreadSelf();

    /// <summary>Returns the error number instead of setting errno.</summary>
    [LibraryImport("libc", EntryPoint = "pthread_setschedparam")]
    private static partial int PthreadSetSchedParam(nint thread, int policy, ref SchedParam parameters);

    [LibraryImport("libc", EntryPoint = "sched_setscheduler", SetLastError = true)]
    private static partial int SchedSetScheduler(int thread, int policy, ref SchedParam parameters);

    /// <summary>The thread's policy, or -1 when it has ended.</summary>
    [LibraryImport("libc", EntryPoint = "sched_getscheduler")]
    private static partial int SchedGetScheduler(int thread);

    [LoggerMessage(Level = LogLevel.Information, Message = "Batch scheduling (SCHED_BATCH) for the app's threads: {Count} switched at startup, and every later thread inherits it")]
    private static partial void LogApplied(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Variable}={Value} is not 0/false/off or 1/true/on; batch scheduling stays on")]
    private static partial void LogUnknownSetting(ILogger logger, string variable, string value);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Batch scheduling (SCHED_BATCH) could not be set ({Detail}); the app runs with the default policy")]
    private static partial void LogNotApplied(ILogger logger, string detail);
}
