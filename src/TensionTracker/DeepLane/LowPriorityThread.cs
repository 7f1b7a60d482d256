using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace TensionTracker.DeepLane;

/// <summary>
/// One thread of the lowest scheduling priority (nice 19 on Linux) that runs the deep lane's encoding: the lane then
/// takes only the CPU that ingest, the fast model, the API and PostgreSQL leave, so it never slows them down, and catches
/// up whenever they are idle. Elsewhere (or where the priority cannot be set) it is an ordinary background thread.
/// </summary>
public sealed class LowPriorityThread : IDisposable
{
    readonly BlockingCollection<Action> work = new();
    readonly Thread thread;

    public LowPriorityThread(string name)
    {
        thread = new Thread(Run) { IsBackground = true, Name = name, Priority = ThreadPriority.Lowest };
        thread.Start();
    }

    /// <summary>True once the thread runs at nice 19 (Linux).</summary>
    public bool Niced { get; private set; }

    public Task<T> Run<T>(Func<T> job)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        work.Add(() =>
        {
            try { done.SetResult(job()); }
            catch (Exception e) { done.SetException(e); }
        });
        return done.Task;
    }

    void Run()
    {
        if (OperatingSystem.IsLinux())
            try { Niced = SetPriority(0, GetThreadId(), 19) == 0; } catch (EntryPointNotFoundException) { } catch (DllNotFoundException) { }
        foreach (var job in work.GetConsumingEnumerable()) job();
    }

    // setpriority(PRIO_PROCESS, tid, 19): on Linux a thread id names the thread alone.
    [DllImport("libc", EntryPoint = "setpriority", SetLastError = true)]
    static extern int SetPriority(int which, int who, int priority);

    [DllImport("libc", EntryPoint = "gettid")]
    static extern int GetThreadId();

    public void Dispose() => work.CompleteAdding();
}
