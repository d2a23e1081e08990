using System.Runtime.CompilerServices;

namespace OrleansFlow.Sql.Parsing;

/// <summary>
/// The parser's depth counter. It refuses a query deeper than the limit, and also a shallower one when the thread's
/// stack is nearly used up (a thread with a small stack), so that the parser itself never overflows. It remembers
/// where the query got deepest, which the later passes name when they run out of stack.
/// </summary>
internal sealed class NestingDepth(int limit)
{
    private int _depth;

    public int Limit { get; } = limit;

    /// <summary>The deepest level reached so far, and where.</summary>
    public int Deepest { get; private set; }

    public SourcePosition DeepestAt { get; private set; } = new(1, 1);

    /// <summary>One level deeper, at <paramref name="position"/>.</summary>
    public void Enter(SourcePosition position)
    {
        _depth++;
        if (_depth > Deepest)
        {
            Deepest = _depth;
            DeepestAt = position;
        }
        if (_depth > Limit || !RuntimeHelpers.TryEnsureSufficientExecutionStack())
            throw new SqlNestingException(position, Limit);
    }

    /// <summary>Back up <paramref name="levels"/> levels. (An exception ends the whole parse, so none is left over.)</summary>
    public void Leave(int levels = 1) => _depth -= levels;
}
