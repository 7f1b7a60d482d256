using Wolverine;
using Wolverine.Runtime;
using Wolverine.Runtime.Interop;

namespace TensionTracker.Hosting;

/// <summary>
/// A message of a type nothing here handles goes to the dead letters with the reason (Wolverine's default drops it
/// with an Information line). This is what <c>UnknownMessageBehavior.DeadLetterQueue</c> does, less one thing: it also
/// dead-letters the ping Wolverine's PostgreSQL listener puts in place of a queue row it cannot read, a stand-in with
/// nothing in it (the row itself goes to the dead letters through <see cref="UnreadableEnvelopes"/>).
/// </summary>
public sealed class DeadLetterUnknownMessages : IMissingHandler
{
    public async ValueTask HandleAsync(IEnvelopeLifecycle context, IWolverineRuntime root)
    {
        if (context.Envelope is not { } envelope || envelope.IsPing()) return;
        await context.MoveToDeadLetterQueueAsync(new UnknownMessageTypeNameException($"Unknown message type: '{envelope.MessageType}'"));
    }
}
